/**
 * Scores the dry run of typeset newspaper pages (test/corpus/pages) against their truth:
 *  - articles found one to one: an expected article is found by the record holding most of its
 *    text (half its 8-character shingles or more), each record at most once; precision over the
 *    records of the page, recall over the truth, F1;
 *  - on the articles found: headline, kicker (none where the page prints none), column (the label
 *    printed over the story, none where there is none), date (the day, in
 *    the range, or null where the page states no year and the file declares none), source,
 *    reporters (as a set), body recall (share of the article's shingles in the body) and purity
 *    (share of the body on the article's own lines and its photo's caption);
 *  - captions that became articles, and continued articles (下转/上接) joined or linked;
 *  - the same figures per template feature, so a weakness shows where it lives.
 */
import type { ArticleRecord } from '../indexer/sync/dry-run.js';
import { purity, squash, type ExpectedArticle } from './truth.js';

/** What a generated page was laid out with (test/corpus/pages/layout.ts), by which the scores are broken down. */
export interface PageFeatures {
  columns: number;
  headline: ('top' | 'side' | 'inline')[];
  twoLineHeadline: boolean;
  spacedHeadline: boolean;
  kicker: boolean;
  subtitle: boolean;
  datelines: string[];
  photo: boolean;
  label: boolean;
  masthead: boolean;
  header: 'full' | 'no-name' | 'no-year';
  continued: 'from' | 'to' | 'none';
  briefs: boolean;
  ad: boolean;
}

export interface PageTruth {
  features: PageFeatures;
  declared?: { source?: string; published?: string };
  articles: (ExpectedArticle & { captions?: string[] })[];
}

export interface PagesTruthFile {
  seed: number;
  files: Record<string, PageTruth>;
  stories: string[][];
}

export interface Figures {
  expected: number;
  found: number;
  matched: number;
  f1: number;
  headline: number;
  kicker: number;
  column: number;
  date: number;
  source: number;
  reporters: number;
  bodyRecall: number;
  purity: number;
  captionArticles: number;
  continued: string;
}

export interface PagesScore extends Figures {
  byFeature: Record<string, { pages: number; expected: number; matched: number; found: number; f1: number; headline: number }>;
  problems: string[];
}

const SHINGLE = 8;
/** Purity or recall below this is listed among the problems. */
const LOW_PURITY = 0.8;
function shingles(text: string): Set<string> {
  const s = squash(text);
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= s.length; i++) out.add(s.slice(i, i + SHINGLE));
  if (s.length && s.length < SHINGLE) out.add(s);
  return out;
}
const share = (part: Set<string>, whole: Set<string>) => {
  if (!part.size) return 0;
  let n = 0;
  for (const x of part) if (whole.has(x)) n++;
  return n / part.size;
};
const ratio = (k: number, n: number) => (n ? k / n : 1);
const f1Of = (matched: number, expected: number, found: number) => {
  const p = ratio(matched, found);
  const r = ratio(matched, expected);
  return p + r ? (2 * p * r) / (p + r) : 0;
};

/** The template features of a page, as names a report can group by. */
export function featureNames(t: PageTruth): string[] {
  const f = t.features;
  const names = [`columns:${f.columns}`, `header:${f.masthead ? 'masthead' : f.header}`, ...new Set(f.headline.map((h) => `headline:${h}`)), ...new Set(f.datelines.map((d) => `dateline:${d}`))];
  for (const k of ['twoLineHeadline', 'spacedHeadline', 'kicker', 'subtitle', 'photo', 'label', 'briefs', 'ad'] as const) if (f[k]) names.push(k);
  if (f.continued !== 'none') names.push(`continued:${f.continued}`);
  if (t.declared) names.push(`declared:${Object.keys(t.declared).join('+')}`);
  return names;
}

export function scorePages(truth: PagesTruthFile, records: ArticleRecord[]): PagesScore {
  let expected = 0;
  let found = 0;
  let matched = 0;
  const ok = { headline: 0, kicker: 0, column: 0, date: 0, source: 0, reporters: 0, reportersAsked: 0, captionArticles: 0 };
  let recallSum = 0;
  let puritySum = 0;
  const problems: string[] = [];
  const recordOfKey = new Map<string, ArticleRecord>();
  const byFeature: PagesScore['byFeature'] = {};

  for (const [file, page] of Object.entries(truth.files)) {
    const ours = records.filter((r) => r.file === file);
    const oursShingles = ours.map((r) => shingles(r.body));
    // Best pairs first: each expected article takes the record that holds most of its text.
    const pairs: { e: number; r: number; s: number }[] = [];
    const expectedShingles = page.articles.map((a) => shingles((a.lines ?? []).join('')));
    expectedShingles.forEach((es, e) => oursShingles.forEach((rs, r) => pairs.push({ e, r, s: share(es, rs) })));
    pairs.sort((a, b) => b.s - a.s);
    const takenE = new Set<number>();
    const takenR = new Set<number>();
    for (const p of pairs) {
      if (p.s < 0.5 || takenE.has(p.e) || takenR.has(p.r)) continue;
      takenE.add(p.e);
      takenR.add(p.r);
      const e = page.articles[p.e]!;
      const a = ours[p.r]!;
      recordOfKey.set(e.key, a);
      recallSum += p.s;
      const pure = purity(a.body, [...(e.lines ?? []), ...(e.captions ?? [])]);
      puritySum += pure;
      const where = `${file} ${e.key}`;
      if (pure < LOW_PURITY) problems.push(`${where}: purity ${pure.toFixed(2)}, the body holds other lines: ${JSON.stringify(squash(a.body).slice(0, 60))}`);
      if (p.s < LOW_PURITY) problems.push(`${where}: body recall ${p.s.toFixed(2)}`);
      if (squash(a.title) === squash(e.title)) ok.headline++;
      else problems.push(`${where}: headline ${JSON.stringify(a.title)}, expected ${JSON.stringify(e.title)}`);
      if (squash(a.kicker) === squash(e.kicker)) ok.kicker++;
      else problems.push(`${where}: kicker ${JSON.stringify(a.kicker)}, expected ${JSON.stringify(e.kicker ?? null)}`);
      if (squash(a.column) === squash(e.column)) ok.column++;
      else problems.push(`${where}: column ${JSON.stringify(a.column)}, expected ${JSON.stringify(e.column ?? null)}`);
      const [from, to] = Array.isArray(e.date) ? e.date : [e.date!, e.date!];
      if (a.date === null ? e.dateMayBeNull === true : a.date >= from && a.date <= to) ok.date++;
      else problems.push(`${where}: date ${a.date}, expected ${from}…${to}${e.dateMayBeNull ? ' or null' : ''}`);
      if (squash(a.source) === squash(e.source)) ok.source++;
      else problems.push(`${where}: source ${JSON.stringify(a.source)}, expected ${JSON.stringify(e.source)}`);
      if (e.reporters) {
        ok.reportersAsked++;
        if (JSON.stringify([...e.reporters].sort()) === JSON.stringify([...a.reporters].sort())) ok.reporters++;
        else problems.push(`${where}: reporters ${JSON.stringify(a.reporters)}, expected ${JSON.stringify(e.reporters)}`);
      }
    }
    for (const [i, e] of page.articles.entries()) if (!takenE.has(i)) problems.push(`${file} ${e.key}: not found ("${e.title}")`);
    const captions = page.articles.flatMap((a) => a.captions ?? []).map(shingles);
    for (const [i, r] of ours.entries()) {
      if (takenR.has(i)) continue;
      const isCaption = captions.some((c) => share(oursShingles[i]!, c) >= 0.5);
      if (isCaption) ok.captionArticles++;
      problems.push(`${file}: extra article ${JSON.stringify(r.title)}${isCaption ? ' (a caption)' : ''}: ${JSON.stringify(squash(r.body).slice(0, 40))}`);
    }
    expected += page.articles.length;
    found += ours.length;
    matched += takenE.size;
    for (const name of featureNames(page)) {
      const g = (byFeature[name] ??= { pages: 0, expected: 0, matched: 0, found: 0, f1: 0, headline: 0 });
      g.pages++;
      g.expected += page.articles.length;
      g.found += ours.length;
      g.matched += takenE.size;
      g.headline += page.articles.filter((e) => recordOfKey.get(e.key) && squash(recordOfKey.get(e.key)!.title) === squash(e.title)).length;
    }
  }
  for (const g of Object.values(byFeature)) {
    g.f1 = f1Of(g.matched, g.expected, g.found);
    g.headline = ratio(g.headline, g.matched);
  }
  // A continued article counts when its parts share a story, or one record holds both.
  let continuedOk = 0;
  for (const keys of truth.stories) {
    const rs = keys.map((k) => recordOfKey.get(k));
    if (rs.every((r) => r && r.storyId === rs[0]!.storyId)) continuedOk++;
    else problems.push(`continued ${keys.join('+')}: parts not linked`);
  }
  return {
    expected,
    found,
    matched,
    f1: f1Of(matched, expected, found),
    headline: ratio(ok.headline, matched),
    kicker: ratio(ok.kicker, matched),
    column: ratio(ok.column, matched),
    date: ratio(ok.date, matched),
    source: ratio(ok.source, matched),
    reporters: ratio(ok.reporters, ok.reportersAsked),
    bodyRecall: matched ? recallSum / matched : 0,
    purity: matched ? puritySum / matched : 0,
    captionArticles: ok.captionArticles,
    continued: `${continuedOk}/${truth.stories.length}`,
    byFeature,
    problems,
  };
}
