/**
 * The relevance evaluation: the judged queries of eval/queries.json over the samples and the
 * project's fixtures, through the gateway's /api/search, against a baseline measured in the same
 * run (the same raw files in Meilisearch as one document each, default settings, no cleaning).
 * Judged per story: a hit's grade is its story's best grade; a baseline hit (a file) gets the best
 * grade of the judged articles in it. Queries with no relevant article count only for no-result
 * accuracy (right when nothing is returned).
 */
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbedded } from '../src/engine/embedded.js';
import { Engine } from '../src/engine/meili.js';
import { createApp, createHttpServer } from '../src/gateway/app.js';
import { createLogger } from '../src/logger.js';
import { syncSeeds } from '../indexer/sync.js';
import { assembleFixtures } from '../test/acceptance/corpus.js';
import { dryRunArticles, squash, type Truth } from '../test/acceptance/truth.js';
import type { ArticleRecord } from '../indexer/dry-run.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const K = 10;

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

export interface EvalResult {
  date: string;
  command: string;
  corpus: { files: number; articles: number; stories: number };
  overall: { ours: Figures; baseline: Figures };
  byType: Record<string, { ours: Figures; baseline: Figures }>;
  perQuery: { id: string; type: string; q: string; ours: QueryScore; baseline: QueryScore; oursTop: string[] }[];
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

/** The evaluation corpus: the samples (with their declarations) and every fixture, in one folder. */
async function buildCorpus(): Promise<{ dir: string; truth: Truth }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'news-search-eval-'));
  await cp(path.join(ROOT, 'seeds'), dir, { recursive: true });
  const { truthFile } = await assembleFixtures(dir);
  const seedsTruth = JSON.parse(await readFile(path.join(ROOT, 'test', 'acceptance', 'seeds-truth.json'), 'utf8')) as Truth;
  const fixturesTruth = JSON.parse(await readFile(truthFile, 'utf8')) as Truth;
  return { dir, truth: { files: { ...seedsTruth.files, ...fixturesTruth.files }, stories: [...seedsTruth.stories, ...fixturesTruth.stories] } };
}

export async function evaluate(): Promise<EvalResult> {
  const { queries } = JSON.parse(await readFile(path.join(ROOT, 'eval', 'queries.json'), 'utf8')) as { queries: EvalQuery[] };
  const { dir, truth } = await buildCorpus();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'news-search-eval-data-'));
  const logger = createLogger('fatal');
  const embedded = await startEmbedded({ dataDir, maxIndexingThreads: os.availableParallelism(), maxIndexingMemoryMb: 512, logger, supervise: false });
  try {
    const engine = new Engine({ url: embedded.url, apiKey: embedded.masterKey });
    await syncSeeds({ seedsDir: dir, dataDir, indexName: 'eval', maxFileBytes: 2e7, engine, full: true });
    const records = await dryRunArticles(dir);

    // Judged keys → their articles (by file and title, as the acceptance test finds them).
    const byKey = new Map<string, ArticleRecord>();
    for (const [file, { articles }] of Object.entries(truth.files)) {
      for (const e of articles) {
        const found = records.find((r) => r.file === file && squash(r.title) === squash(e.title));
        if (found) byKey.set(e.key, found);
      }
    }

    // The baseline: every raw file as one document, read as UTF-8 whatever it is, default settings.
    const files = (await readdir(dir)).filter((f) => !f.endsWith('.meta.json') && f !== '_meta.json');
    const docs = await Promise.all(files.map(async (file, i) => ({ id: `f${i}`, file, text: (await readFile(path.join(dir, file))).toString('utf8') })));
    await engine.addDocuments('baseline', docs);

    const server = createHttpServer(createApp({ engine, indexName: 'eval', logger }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const perQuery: EvalResult['perQuery'] = [];
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
        const res = await fetch(`${base}/api/search?${params}`);
        if (!res.ok) throw new Error(`${query.id}: /api/search answered ${res.status}`);
        const body = (await res.json()) as { total: number; hits: { storyId: string; title: string }[] };
        const ours = scoreRanking(body.hits.map((h) => storyGrade.get(h.storyId) ?? 0), [...storyGrade.values()], storyGrade.size, body.total);
        const raw = await engine.search('baseline', { q: query.q, limit: K });
        const baseline = scoreRanking(raw.hits.map((h) => fileGrade.get(String(h.file)) ?? 0), [...storyGrade.values()], fileGrade.size, raw.hits.length);
        perQuery.push({ id: query.id, type: query.type, q: query.q, ours, baseline, oursTop: body.hits.slice(0, 3).map((h) => h.title) });
      }
    } finally {
      server.close();
    }

    const answerable = new Set(queries.filter((q) => Object.keys(q.relevant).length > 0).map((q) => q.id));
    const figures = (rows: typeof perQuery) => ({
      ours: aggregate(rows.map((r) => ({ score: r.ours, answerable: answerable.has(r.id) }))),
      baseline: aggregate(rows.map((r) => ({ score: r.baseline, answerable: answerable.has(r.id) }))),
    });
    const byType: EvalResult['byType'] = {};
    for (const type of [...new Set(queries.map((q) => q.type))]) byType[type] = figures(perQuery.filter((r) => r.type === type));
    return {
      date: new Date().toISOString(),
      command: 'npm run eval',
      corpus: { files: files.length, articles: records.length, stories: new Set(records.map((r) => r.storyId)).size },
      overall: figures(perQuery),
      byType,
      perQuery,
    };
  } finally {
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
}
