/**
 * The acceptance check shared by every truth file: what a careful editor finds in each file,
 * compared with the dry run's articles. Comparisons ignore whitespace.
 *  - every expected article is found once, by title; no article is found that the editor did not list;
 *  - title, kicker, column, source, agency, place and reporters equal the editor's (when the editor gives them);
 *  - the date equals the editor's day, lies in the editor's range, or is null where that is allowed;
 *  - the main topic is the editor's first and every topic the editor names is among ours;
 *  - every mustContain phrase is in the body, no mustNotContain phrase in the body or title;
 *  - the editor's stories (reprints) share one storyId, and no other articles do.
 */
import { Writable } from 'node:stream';
import { dryRun, type ArticleRecord } from '../indexer/sync/dry-run.js';

export interface ExpectedArticle {
  key: string;
  title: string;
  kicker?: string;
  column?: string;
  source?: string;
  agency?: string;
  date?: string | [string, string];
  dateMayBeNull?: boolean;
  place?: string;
  reporters?: string[];
  topics?: string[];
  mustContain?: string[];
  mustNotContain?: string[];
  stretch?: string[];
  /** Acceptable sources, any one matching as the reference scorer matches (one holds the other), for pages that credit several. */
  sources?: string[];
  /** Acceptable dates, any one. */
  dates?: string[];
  /** The article's lines as an editor reads them: the body must be made of them (purity) to at least `minPurity`. */
  lines?: string[];
  minPurity?: number;
}

export interface Truth {
  files: Record<string, { articles: ExpectedArticle[]; declared?: Record<string, string> }>;
  stories: string[][];
}

export const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');

export async function dryRunArticles(seedsDir: string): Promise<ArticleRecord[]> {
  const lines: string[] = [];
  let buffer = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
      done();
    },
  });
  await dryRun(seedsDir, 20 * 1024 * 1024, sink);
  return lines.filter(Boolean).map((l) => JSON.parse(l) as ArticleRecord);
}

/** Every way an article differs from the editor's, as readable lines; empty when it matches. */
export function compareArticle(expected: ExpectedArticle, actual: ArticleRecord): string[] {
  const problems: string[] = [];
  const same = (field: string, want: string | null | undefined, got: string | null | undefined) => {
    if (squash(want) !== squash(got)) problems.push(`${field}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  if (expected.kicker !== undefined) same('kicker', expected.kicker, actual.kicker);
  if (expected.column !== undefined) same('column', expected.column, actual.column);
  if (expected.source !== undefined) same('source', expected.source, actual.source);
  if (expected.agency !== undefined) same('agency', expected.agency, actual.agency);
  if (expected.place !== undefined) same('place', expected.place, actual.place);
  if (expected.reporters !== undefined && JSON.stringify([...expected.reporters].sort()) !== JSON.stringify([...actual.reporters].sort())) {
    problems.push(`reporters: expected ${JSON.stringify(expected.reporters)}, got ${JSON.stringify(actual.reporters)}`);
  }
  if (expected.date !== undefined) {
    const [from, to] = Array.isArray(expected.date) ? expected.date : [expected.date, expected.date];
    const ok = actual.date === null ? expected.dateMayBeNull === true : actual.date >= from && actual.date <= to;
    if (!ok) problems.push(`date: expected ${from}…${to}${expected.dateMayBeNull ? ' or null' : ''}, got ${actual.date}`);
  }
  if (expected.sources?.length) {
    const got = [actual.source, actual.agency].map(squash).filter((x) => x.length >= 2);
    if (!expected.sources.some((want) => got.some((g) => g.includes(squash(want)) || squash(want).includes(g)))) problems.push(`source: expected one of ${JSON.stringify(expected.sources)}, got ${JSON.stringify(actual.source)}`);
  }
  if (expected.dates?.length && !expected.dates.includes(actual.date ?? '')) problems.push(`date: expected one of ${expected.dates.join(', ')}, got ${actual.date}`);
  if (expected.lines?.length) {
    const p = purity(actual.body, expected.lines);
    if (p < (expected.minPurity ?? 0.8)) problems.push(`purity ${p.toFixed(2)} below ${expected.minPurity ?? 0.8}: the body holds lines that are not the article's`);
  }
  if (expected.topics?.length) {
    if (actual.topics[0] !== expected.topics[0]) problems.push(`main topic: expected ${expected.topics[0]}, got ${actual.topics[0]} (${actual.topics.join(',')})`);
    for (const t of expected.topics) if (!actual.topics.includes(t)) problems.push(`topic ${t} missing from ${actual.topics.join(',')}`);
  }
  const body = squash(actual.body);
  for (const phrase of expected.mustContain ?? []) if (!body.includes(squash(phrase))) problems.push(`body lacks "${phrase}"`);
  for (const phrase of expected.mustNotContain ?? []) {
    if (body.includes(squash(phrase)) || squash(actual.title).includes(squash(phrase))) problems.push(`contains "${phrase}"`);
  }
  return problems;
}

const SHINGLE = 8;
const shingles = (s: string) => {
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= s.length; i++) out.add(s.slice(i, i + SHINGLE));
  if (s.length && s.length < SHINGLE) out.add(s);
  return out;
};

/**
 * Share of a body's characters on lines that belong to the editor's lines, as the corpus's
 * reference scorer measures it: a line of 8 characters or more belongs when half its 8-character
 * shingles are in the editor's text, a shorter one when it is one of the editor's lines.
 */
export function purity(body: string, lines: string[]): number {
  const editor = new Set<string>();
  for (const l of lines) for (const sh of shingles(squash(l))) editor.add(sh);
  const short = new Set(lines.map(squash));
  let good = 0;
  let total = 0;
  for (const line of body.split('\n')) {
    const l = squash(line);
    if (!l) continue;
    total += l.length;
    const sh = shingles(l);
    const ok = l.length < SHINGLE ? short.has(l) : [...sh].filter((x) => editor.has(x)).length / sh.size >= 0.5;
    if (ok) good += l.length;
  }
  return total ? good / total : 0;
}

/** Groups of article keys that share a storyId, as sorted strings ("A1+B5"). */
export function linkedGroups(byKey: Map<string, ArticleRecord>, all: ArticleRecord[]): { expectedKeys: Set<string>; groups: string[] } {
  const keyOf = new Map<string, string>();
  for (const [key, a] of byKey) keyOf.set(a.id, key);
  const byStory = new Map<string, string[]>();
  for (const a of all) byStory.set(a.storyId, [...(byStory.get(a.storyId) ?? []), keyOf.get(a.id) ?? `${a.file}:${a.title}`]);
  const groups = [...byStory.values()].filter((g) => g.length > 1).map((g) => g.sort().join('+')).sort();
  return { expectedKeys: new Set(keyOf.values()), groups };
}
