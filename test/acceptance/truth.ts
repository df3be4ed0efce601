/**
 * The acceptance check shared by every truth file: what a careful editor finds in each file,
 * compared with the dry run's articles. Comparisons ignore whitespace.
 *  - every expected article is found once, by title; no article is found that the editor did not list;
 *  - title, kicker, source, agency, place and reporters equal the editor's (when the editor gives them);
 *  - the date equals the editor's day, lies in the editor's range, or is null where that is allowed;
 *  - the main topic is the editor's first and every topic the editor names is among ours;
 *  - every mustContain phrase is in the body, no mustNotContain phrase in the body or title;
 *  - the editor's stories (reprints) share one storyId, and no other articles do.
 */
import { Writable } from 'node:stream';
import { dryRun, type ArticleRecord } from '../../indexer/dry-run.js';

export interface ExpectedArticle {
  key: string;
  title: string;
  kicker?: string;
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

/** Groups of article keys that share a storyId, as sorted strings ("A1+B5"). */
export function linkedGroups(byKey: Map<string, ArticleRecord>, all: ArticleRecord[]): { expectedKeys: Set<string>; groups: string[] } {
  const keyOf = new Map<string, string>();
  for (const [key, a] of byKey) keyOf.set(a.id, key);
  const byStory = new Map<string, string[]>();
  for (const a of all) byStory.set(a.storyId, [...(byStory.get(a.storyId) ?? []), keyOf.get(a.id) ?? `${a.file}:${a.title}`]);
  const groups = [...byStory.values()].filter((g) => g.length > 1).map((g) => g.sort().join('+')).sort();
  return { expectedKeys: new Set(keyOf.values()), groups };
}
