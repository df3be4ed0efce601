/**
 * The relevance evaluation: judged queries through the gateway's /api/search, against a baseline
 * measured in the same run (the same raw files in Meilisearch as one document each, default
 * settings, no cleaning). Two sets, each its own corpus and index:
 *  - `fixtures`: eval/queries.json over the samples and the project's fixtures, articles named by
 *    their truth keys;
 *  - `web`: eval/queries-web.json over 34 real saved news pages of 15 sites (eval/web/ and the
 *    fixtures' test/fixtures/web-*), one article each, named by the page's file name.
 * Judged per story: a hit's grade is its story's best grade; a baseline hit (a file) gets the best
 * grade of the judged articles in it. Queries with no relevant article count only for no-result
 * accuracy (right when nothing is returned).
 */
import { copyFile, cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { fileURLToPath } from 'node:url';
import { startEmbedded } from '../src/engine/embedded.js';
import { Engine } from '../src/engine/meili.js';
import { createApp, createHttpServer } from '../src/gateway/app.js';
import { SuggestionIndex } from '../src/gateway/suggest.js';
import { createLogger } from '../src/runtime/logger.js';
import { syncSeeds } from '../indexer/sync/sync.js';
import { assembleFixtures } from './corpus.js';
import { dryRunArticles, squash, type Truth } from './truth.js';
import type { ArticleRecord } from '../indexer/sync/dry-run.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const K = 10;
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

export interface EvalQuery {
  id: string;
  type: string;
  q: string;
  relevant: Record<string, number>;
  source?: string[];
  topic?: string[];
  from?: string;
  to?: string;
}

export interface QueryScore {
  ndcg: number;
  recall: number;
  rr: number;
  /** For queries without an answer: whether nothing came back. */
  empty: boolean;
}

export interface Figures {
  ndcg10: number;
  recall10: number;
  mrr: number;
  noResultAccuracy: number;
  queries: number;
}

export type EvalSetName = 'fixtures' | 'web';

export interface EvalResult {
  set: EvalSetName;
  date: string;
  command: string;
  corpus: { files: number; articles: number; stories: number };
  overall: { ours: Figures; baseline: Figures };
  byType: Record<string, { ours: Figures; baseline: Figures }>;
  /** Judged queries with a Traditional twin (opencc, cn → tw), and those whose twin's top 10 differs. */
  parity: { checked: number; differing: string[] };
  perQuery: { id: string; type: string; q: string; answerable: boolean; ours: QueryScore; baseline: QueryScore; oursTop: string[]; relaxed?: true; corrected?: string }[];
}

function dcg(grades: number[]): number {
  return grades.slice(0, K).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
}

export function scoreRanking(grades: number[], ideal: number[], relevantTotal: number, returned: number): QueryScore {
  const best = dcg([...ideal].sort((a, b) => b - a));
  const firstHit = grades.findIndex((g) => g > 0);
  return {
    ndcg: best > 0 ? dcg(grades) / best : 0,
    recall: relevantTotal > 0 ? grades.slice(0, K).filter((g) => g > 0).length / relevantTotal : 0,
    rr: firstHit >= 0 && firstHit < K ? 1 / (firstHit + 1) : 0,
    empty: returned === 0,
  };
}

function aggregate(scores: { score: QueryScore; answerable: boolean }[]): Figures {
  const answerable = scores.filter((s) => s.answerable).map((s) => s.score);
  const none = scores.filter((s) => !s.answerable).map((s) => s.score);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 1);
  return {
    ndcg10: mean(answerable.map((s) => s.ndcg)),
    recall10: mean(answerable.map((s) => s.recall)),
    mrr: mean(answerable.map((s) => s.rr)),
    noResultAccuracy: mean(none.map((s) => (s.empty ? 1 : 0))),
    queries: scores.length,
  };
}

/** Overall and per-type figures of judged queries, ours and the baseline's. */
function figuresOf(rows: EvalResult['perQuery']): Pick<EvalResult, 'overall' | 'byType'> {
  const figures = (part: typeof rows) => ({
    ours: aggregate(part.map((r) => ({ score: r.ours, answerable: r.answerable }))),
    baseline: aggregate(part.map((r) => ({ score: r.baseline, answerable: r.answerable }))),
  });
  const byType: EvalResult['byType'] = {};
  for (const type of [...new Set(rows.map((r) => r.type))]) byType[type] = figures(rows.filter((r) => r.type === type));
  return { overall: figures(rows), byType };
}

/** The sets' queries together: figures over every judged query of every set. */
export function combine(results: EvalResult[]): Pick<EvalResult, 'overall' | 'byType'> {
  return figuresOf(results.flatMap((r) => r.perQuery));
}

/** A set's corpus in one folder, and how its judged keys name the articles indexed from it. */
export interface EvalCorpus {
  dir: string;
  articlesByKey(records: ArticleRecord[]): Map<string, ArticleRecord>;
}

/** The samples (with their declarations) and every fixture; keys are the truth's article keys. */
async function fixturesCorpus(): Promise<EvalCorpus> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'news-search-eval-'));
  await cp(path.join(ROOT, 'seeds'), dir, { recursive: true });
  const { truthFile } = await assembleFixtures(dir);
  const seedsTruth = JSON.parse(await readFile(path.join(ROOT, 'test', 'acceptance', 'seeds-truth.json'), 'utf8')) as Truth;
  const fixturesTruth = JSON.parse(await readFile(truthFile, 'utf8')) as Truth;
  const truth: Truth = { files: { ...seedsTruth.files, ...fixturesTruth.files }, stories: [...seedsTruth.stories, ...fixturesTruth.stories] };
  return {
    dir,
    articlesByKey: (records) => {
      // Judged keys → their articles (by file and title, as the acceptance test finds them).
      const byKey = new Map<string, ArticleRecord>();
      for (const [file, { articles }] of Object.entries(truth.files)) {
        for (const e of articles) {
          const found = records.find((r) => r.file === file && squash(r.title) === squash(e.title));
          if (found) byKey.set(e.key, found);
        }
      }
      return byKey;
    },
  };
}

/** The real saved pages, one article each, as `<page>.html`; a key is the page's name. */
async function webCorpus(): Promise<EvalCorpus> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'news-search-eval-web-'));
  const own = path.join(ROOT, 'eval', 'web');
  for (const file of await readdir(own)) await copyFile(path.join(own, file), path.join(dir, file));
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  for (const name of await readdir(fixtures)) {
    // test/fixtures/web-163-9/input.html is the page 163_9.html
    if (name.startsWith('web-')) await copyFile(path.join(fixtures, name, 'input.html'), path.join(dir, `${name.slice(4).replace(/-/g, '_')}.html`));
  }
  return {
    dir,
    articlesByKey: (records) => {
      const byKey = new Map<string, ArticleRecord>();
      for (const r of records) if (!byKey.has(r.file.replace(/\.html$/, ''))) byKey.set(r.file.replace(/\.html$/, ''), r);
      return byKey;
    },
  };
}

const SETS: Record<EvalSetName, { queries: string; corpus: () => Promise<EvalCorpus> }> = {
  fixtures: { queries: 'queries.json', corpus: fixturesCorpus },
  web: { queries: 'queries-web.json', corpus: webCorpus },
};

/** A set's corpus, assembled in a fresh temporary folder (the caller removes it). */
export async function corpusOf(set: EvalSetName): Promise<EvalCorpus> {
  return SETS[set].corpus();
}

export async function evaluate(set: EvalSetName = 'fixtures'): Promise<EvalResult> {
  const { queries } = JSON.parse(await readFile(path.join(ROOT, 'eval', SETS[set].queries), 'utf8')) as { queries: EvalQuery[] };
  const { dir, articlesByKey } = await SETS[set].corpus();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'news-search-eval-data-'));
  const logger = createLogger('fatal');
  const embedded = await startEmbedded({ dataDir, maxIndexingThreads: os.availableParallelism(), maxIndexingMemoryMb: 512, logger, supervise: false });
  try {
    const engine = new Engine({ url: embedded.url, apiKey: embedded.masterKey });
    await syncSeeds({ seedsDir: dir, dataDir, indexName: 'eval', maxFileBytes: 2e7, engine, full: true });
    const records = await dryRunArticles(dir);
    const byKey = articlesByKey(records);

    // The baseline: every raw file as one document, read as UTF-8 whatever it is, default settings.
    const files = (await readdir(dir)).filter((f) => !f.endsWith('.meta.json') && f !== '_meta.json');
    const docs = await Promise.all(files.map(async (file, i) => ({ id: `f${i}`, file, text: (await readFile(path.join(dir, file))).toString('utf8') })));
    await engine.addDocuments('baseline', docs);

    // The gateway as the service runs it: its suggestions (and the query respelling they carry) read from the index.
    const suggestions = new SuggestionIndex();
    await suggestions.refresh(engine, 'eval');
    const server = createHttpServer(createApp({ engine, indexName: 'eval', logger, suggestions }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const perQuery: EvalResult['perQuery'] = [];
    const parity: EvalResult['parity'] = { checked: 0, differing: [] };
    try {
      for (const query of queries) {
        const missing = Object.keys(query.relevant).filter((k) => !byKey.has(k));
        if (missing.length) throw new Error(`${query.id}: no article for key(s) ${missing.join(', ')}`);
        const storyGrade = new Map<string, number>();
        const fileGrade = new Map<string, number>();
        for (const [key, grade] of Object.entries(query.relevant)) {
          const r = byKey.get(key)!;
          storyGrade.set(r.storyId, Math.max(storyGrade.get(r.storyId) ?? 0, grade));
          fileGrade.set(r.file, Math.max(fileGrade.get(r.file) ?? 0, grade));
        }
        const params = new URLSearchParams({ q: query.q, perPage: String(K) });
        for (const s of query.source ?? []) params.append('source', s);
        for (const t of query.topic ?? []) params.append('topic', t);
        if (query.from) params.set('from', query.from);
        if (query.to) params.set('to', query.to);
        const search = async (p: URLSearchParams) => {
          const res = await fetch(`${base}/api/search?${p}`);
          if (!res.ok) throw new Error(`${query.id}: /api/search answered ${res.status}`);
          return (await res.json()) as { total: number; relaxed?: boolean; corrected?: string; hits: { storyId: string; title: string }[] };
        };
        const body = await search(params);
        // Script parity: the query in Traditional script must return the same top 10.
        const twin = toTraditional(query.q);
        if (query.type !== 'traditional' && twin !== query.q) {
          params.set('q', twin);
          const same = JSON.stringify((await search(params)).hits.map((h) => h.storyId)) === JSON.stringify(body.hits.map((h) => h.storyId));
          parity.checked++;
          if (!same) parity.differing.push(`${query.q} / ${twin}`);
        }
        const ours = scoreRanking(body.hits.map((h) => storyGrade.get(h.storyId) ?? 0), [...storyGrade.values()], storyGrade.size, body.total);
        const raw = await engine.search('baseline', { q: query.q, limit: K });
        const baseline = scoreRanking(raw.hits.map((h) => fileGrade.get(String(h.file)) ?? 0), [...storyGrade.values()], fileGrade.size, raw.hits.length);
        perQuery.push({ id: query.id, type: query.type, q: query.q, answerable: storyGrade.size > 0, ours, baseline, oursTop: body.hits.slice(0, 3).map((h) => h.title), ...(body.relaxed ? { relaxed: true } : {}), ...(body.corrected ? { corrected: body.corrected } : {}) });
      }
    } finally {
      server.close();
    }

    return {
      set,
      date: new Date().toISOString(),
      command: 'npm run eval',
      corpus: { files: files.length, articles: records.length, stories: new Set(records.map((r) => r.storyId)).size },
      ...figuresOf(perQuery),
      parity,
      perQuery,
    };
  } finally {
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
}
