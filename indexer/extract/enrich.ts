/**
 * enrich: an article draft → an Article with source, agency, date, place, reporters and
 * topics. The rules of docs/design.md: front matter > dateline agency for the source;
 * the dateline's month and day with the year from the file's context; null rather than a guess.
 */
import { createHash } from 'node:crypto';
import { chunkText } from '../../src/text/passages.js';
import type { Declaration } from './declarations.js';
import { words } from '../../src/text/segment.js';
import { bracketReporters, personNames } from './lines.js';
import { CITIES, CREDIT_AT_END, DATELINE, DATELINE_AT_END, FULL_DATE, isArticleStart, OWN_REPORT, PROVINCES, REPORTERS_IN_BRACKETS, TOPIC_WORDS, WIRE_CREDIT } from './lexicon.js';
import type { Article, ArticleDraft, FileMeta, Script } from './types.js';


/** Title words count this many times as often as body words when scoring topics. */
const TITLE_WEIGHT = 3;
/** A second or third topic needs at least this share of the main topic's score. */
const SECONDARY_TOPIC_SHARE = 0.2;
/** Fewest weighted hits that make any topic. */
const MIN_TOPIC_SCORE = 2;
const MAX_TOPICS = 3;

export interface FileContext {
  relPath: string;
  meta: FileMeta;
  declared: Declaration;
  script: Script;
  /** The year the file's context fixes: front matter date, or the full dates in its text. */
  year: number | null;
  /** A full publication date the file states (front matter), used when an article has no dateline. */
  published: string | null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function isValidDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A front matter or <meta> date (ISO, RFC 2822, 2024年10月23日) as YYYY-MM-DD, or null. */
export function normalizeDate(value: string | undefined): string | null {
  if (!value) return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value.trim());
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return isValidDate(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
  }
  const han = new RegExp(FULL_DATE.source).exec(value);
  if (han) {
    const [y, m, d] = [Number(han[1]), Number(han[2]), Number(han[3])];
    return isValidDate(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
  }
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) return null;
  const t = new Date(parsed);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

function mostFrequent(values: number[]): number | null {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && best !== null && v > best)) [best, bestCount] = [v, c];
  return best;
}

/**
 * The year a file's context fixes, for datelines that give only month and day: the declared
 * publication date, else the date the file states about itself (front matter, a page's metadata,
 * a masthead). Never a year merely mentioned in the text: on a page of several stories another
 * story's date (or a date a story recalls: 自2009年3月5日启动…) is not this one's. Null when the
 * file states no date of its own: a date left empty is honest, a wrong year is not.
 */
export function contextYear(declared: Declaration, meta: FileMeta): number | null {
  const stated = declared.published ?? normalizeDate(meta.date);
  return stated ? Number(stated.slice(0, 4)) : null;
}

/** The first full date in a text, as YYYY-MM-DD. */
function fullDateIn(text: string): string | null {
  for (const m of text.matchAll(FULL_DATE)) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (isValidDate(y, mo, d)) return `${y}-${pad(mo)}-${pad(d)}`;
  }
  return null;
}

/** A place for an article without a dateline: the city named most in its title and lead, else the province. */
export function placeFromText(title: string, lead: string): string | null {
  const count = (names: string[]) => {
    let best: string | null = null;
    let bestScore = 0;
    for (const name of names) {
      const score = (title.split(name).length - 1) * 3 + (lead.split(name).length - 1);
      if (score > bestScore) [best, bestScore] = [name, score];
    }
    return best;
  };
  return count(CITIES) ?? count(PROVINCES);
}

/** Every taxonomy word, longest first, as one pattern: '工业互联网' is read as itself, not as '工业' and '互联网'. */
const TOPIC_OF = new Map<string, string>();
for (const [topic, words] of Object.entries(TOPIC_WORDS)) for (const w of words) if (!TOPIC_OF.has(w)) TOPIC_OF.set(w, topic);
const TOPIC_PATTERN = new RegExp([...TOPIC_OF.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

/** Topics from the taxonomy's word lists, main topic first, each with the words that decided it. */
export function scoreTopics(title: string, body: string): { topics: string[]; evidence: Record<string, string[]> } {
  const scores = new Map<string, { score: number; words: Set<string> }>();
  const count = (text: string, weight: number) => {
    for (const m of text.matchAll(TOPIC_PATTERN)) {
      const topic = TOPIC_OF.get(m[0])!;
      const entry = scores.get(topic) ?? { score: 0, words: new Set<string>() };
      entry.score += weight;
      entry.words.add(m[0]);
      scores.set(topic, entry);
    }
  };
  count(title, TITLE_WEIGHT);
  count(body, 1);
  const ranked = [...scores.entries()].filter(([, e]) => e.score >= MIN_TOPIC_SCORE).sort((a, b) => b[1].score - a[1].score);
  const main = ranked[0];
  if (!main) return { topics: [], evidence: {} };
  const chosen = ranked.filter(([, e], i) => i === 0 || e.score >= main[1].score * SECONDARY_TOPIC_SHARE).slice(0, MAX_TOPICS);
  return { topics: chosen.map(([t]) => t), evidence: Object.fromEntries(chosen.map(([t, e]) => [t, [...e.words]])) };
}

/** A word must occur this often in an article to be salient. */
const MIN_TERM_COUNT = 3;
const MAX_SALIENT_TERMS = 12;
/** Characters of an article read for its salient terms: enough for any news story, cheap for a huge file. */
const MAX_SALIENT_CHARS = 50_000;
/** Words too common in news to tell articles apart. */
const COMMON_WORDS = new Set(['我们', '他们', '一个', '这个', '进行', '表示', '目前', '已经', '以及', '相关', '通过', '工作', '发展', '国家', '今年', '记者', '有关', '问题', '方面', '没有', '可以', '一些', '其中', '同时', '当地', '时间']);

const HAN_TERM = /^[\u4e00-\u9fff]{2,}$/;

/**
 * The terms an article is about: words of two or more Han characters it repeats (光伏 ×7), the
 * most frequent and longest first. The engine does not weigh how often a word occurs; searched
 * before the text, these let an article about a thing outrank one that mentions it.
 */
export function salientTerms(title: string, body: string): string[] {
  const counts = new Map<string, number>();
  const count = (text: string) => {
    for (const w of words(text)) {
      if (HAN_TERM.test(w) && !COMMON_WORDS.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  };
  count(title);
  // Segmented passage by passage, the very passages chunk() makes, so their words are cut once.
  let read = 0;
  for (const passage of chunkText(body)) {
    if (read > MAX_SALIENT_CHARS) break;
    count(passage);
    read += passage.length;
  }
  return [...counts.entries()]
    .filter(([, c]) => c >= MIN_TERM_COUNT)
    .sort((a, b) => b[1] * b[0].length - a[1] * a[0].length || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_SALIENT_TERMS)
    .map(([w]) => w);
}

/** The first bytes' hex, as chunkId: a slice of the whole hex would keep the digest's string alive. */
export function articleId(relPath: string, title: string, body: string): string {
  return createHash('sha256').update(`${relPath}\n${title}\n${body}`).digest().toString('hex', 0, 8);
}

export function enrich(draft: ArticleDraft, ctx: FileContext): Article {
  const body = draft.paragraphs.join('\n');
  const starts = draft.paragraphs.filter(isArticleStart);
  const dateline = starts.map((p) => DATELINE.exec(p)).find((m) => m !== null) ?? DATELINE_AT_END.exec(draft.paragraphs[draft.paragraphs.length - 1] ?? '');
  const ownReport = starts.map((p) => OWN_REPORT.exec(p)).find((m) => m !== null) ?? null;
  const opened = dateline?.groups ?? ownReport?.groups;
  const credited = dateline ? undefined : WIRE_CREDIT.exec(draft.paragraphs[0] ?? '')?.groups?.agency;
  const agency = dateline?.groups?.agency ?? credited ?? draft.bylineAgencies[0] ?? null;
  const lead = draft.paragraphs.slice(0, 3).join('\n');
  const place = opened?.place || placeFromText(draft.title, lead);
  const month = Number(opened?.month ?? NaN);
  const day = Number(opened?.day ?? NaN);
  // A dateline that prints its year dates the article by itself.
  const printedYear = opened?.year ? Number(opened.year) : null;

  // Date: one printed for this article (its info line, a wire header), else the dateline's day in
  // the year the file states, else a full date in the headline, else the file's publication date.
  const fileDate = ctx.declared.published ? 'declared' : (ctx.meta.evidence?.date ?? 'metadata');
  let date: string | null = draft.stated?.date ?? null;
  let dateFrom: string | null = date ? 'stated' : null;
  if (!date && printedYear !== null && isValidDate(printedYear, month, day)) [date, dateFrom] = [`${printedYear}-${pad(month)}-${pad(day)}`, 'dateline'];
  if (!date && ctx.year !== null && isValidDate(ctx.year, month, day)) [date, dateFrom] = [`${ctx.year}-${pad(month)}-${pad(day)}`, `dateline+year:${fileDate}`];
  if (!date) {
    const inHeadline = fullDateIn(`${draft.title}\n${draft.kicker ?? ''}`);
    if (inHeadline) [date, dateFrom] = [inHeadline, 'headline'];
    else if (ctx.published) [date, dateFrom] = [ctx.published, fileDate];
  }

  const reporters = [...new Set([
    ...starts.flatMap((p) => {
      const m = REPORTERS_IN_BRACKETS.exec(p.slice(0, 80));
      return m ? personNames(m[1] ?? '') : [];
    }),
    ...draft.bylineReporters,
    ...personNames(CREDIT_AT_END.exec(draft.paragraphs[draft.paragraphs.length - 1] ?? '')?.[1]?.replace(/(?:记者|通讯员)/g, ' ') ?? ''),
    // Reporters in brackets after an opening that is not a dateline (新京报快讯（记者 某某）), and the writers the file credits.
    ...(starts.length ? [] : bracketReporters(draft.paragraphs[0] ?? '')),
    ...(ctx.meta.authors ?? []),
    ...(draft.stated?.authors ?? []),
  ])];
  // Source: declared > printed with the article > the file's metadata > a masthead > the agency.
  const sources: [string | null | undefined, string][] = [
    [ctx.declared.source, 'declared'],
    [draft.stated?.source, 'stated'],
    [ctx.meta.source, ctx.meta.evidence?.source ?? 'metadata'],
    [ctx.meta.masthead, 'masthead'],
    [dateline?.groups?.agency, 'dateline'],
    [credited, 'wire credit'],
    [draft.bylineAgencies[0], 'byline'],
  ];
  const [found, sourceFrom] = sources.find(([v]) => v) ?? [null, null];
  const source = found ?? null;
  const titleFrom = draft.titleFrom === 'meta' ? (ctx.meta.evidence?.title ?? 'metadata') : draft.titleFrom;
  const authorsFrom = reporters.length ? (starts.length || draft.bylineReporters.length ? 'dateline/byline' : ctx.meta.authors?.length ? (ctx.meta.evidence?.authors ?? 'metadata') : draft.stated?.authors?.length ? 'stated' : 'bracket') : null;
  const { topics, evidence } = scoreTopics(draft.title, body);
  const keywords = [...new Set([...salientTerms(draft.title, body), ...Object.values(evidence).flat()])].slice(0, 20);
  const id = articleId(ctx.relPath, draft.title, body);
  return {
    id,
    storyId: id,
    file: ctx.relPath,
    ordinal: draft.ordinal,
    title: draft.title,
    kicker: draft.kicker,
    column: draft.column,
    source,
    agency,
    date,
    place,
    reporters,
    topics,
    topicWords: evidence,
    keywords,
    script: ctx.declared.script ?? ctx.script,
    body,
    originalBody: draft.originalParagraphs ? draft.originalParagraphs.join('\n') : null,
    jump: draft.jump,
    // The day, not the year: the pages of one issue link when a later page's head leaves the year out.
    edition: source && (ctx.published ?? ctx.meta.issueDay) ? `${source}|${(ctx.published?.slice(5) ?? ctx.meta.issueDay)!}` : null,
    evidence: {
      title: titleFrom,
      ...(dateFrom ? { date: dateFrom } : {}),
      ...(sourceFrom ? { source: sourceFrom } : {}),
      ...(authorsFrom ? { authors: authorsFrom } : {}),
    },
  };
}
