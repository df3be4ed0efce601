/**
 * Past one machine: two real engines on loopback, each holding part of the corpus, joined by
 * Meilisearch's own network (remote federated search). The gateway, configured with their
 * remote names (MEILI_SHARDS), must answer exactly as one engine holding everything does:
 * the same hits in the same order, the same totals and facet counts, the same article pages.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import { clausePool, generateArticles, writeCorpus } from '../../bench/corpus.js';
import { syncSeeds } from '../../indexer/sync/sync.js';
import { startEmbedded, type EmbeddedEngine } from '../../src/engine/embedded.js';
import { Engine } from '../../src/engine/meili.js';
import { ShardedEngine } from '../../src/engine/sharded.js';
import { createApp } from '../../src/gateway/app.js';
import { SuggestionIndex } from '../../src/gateway/suggest.js';
import { dryRunArticles } from '../../eval/truth.js';
import { SEEDS, silentLogger, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';

const INDEX = 'articles';

async function filesUnder(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await filesUnder(dir, r)));
    else out.push(r);
  }
  return out;
}

/**
 * Splits a seeds folder in two, keeping every story (reprints, continuations) on one side: a
 * story split across shards would be one hit per shard, since distinct works within an engine.
 */
async function splitByStory(dir: string): Promise<[string, string]> {
  const records = await dryRunArticles(dir);
  const parent = new Map<string, string>();
  const find = (f: string): string => (parent.get(f) === f || !parent.has(f) ? (parent.set(f, parent.get(f) ?? f), f) : find(parent.get(f)!));
  const byStory = new Map<string, string>();
  for (const r of records) {
    const first = byStory.get(r.storyId);
    if (first) parent.set(find(r.file), find(first));
    else byStory.set(r.storyId, r.file);
  }
  const halves: [string, string] = [await tempDir(), await tempDir()];
  const files = await filesUnder(dir);
  const roots = [...new Set(files.filter((f) => !f.endsWith('.meta.json')).map(find))].sort();
  const side = new Map(roots.map((root, i) => [root, i % 2]));
  for (const f of files) {
    const owner = f.endsWith('.meta.json') ? f.slice(0, -'.meta.json'.length) : f;
    const target = path.join(halves[side.get(find(owner)) ?? 0]!, f);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(dir, f), target);
  }
  return halves;
}

describe('two engines, one merged answer (MEILI_SHARDS over Meilisearch network)', () => {
  const reference = testEngine();
  const referenceIndex = uniqueIndex('shards_ref');
  const engines: EmbeddedEngine[] = [];
  let sharded: Express;
  let single: Express;
  let halfCounts: number[] = [];

  const masterKey = 'one-key-for-every-shard-of-the-test';

  before(async () => {
    const corpus = await tempDir();
    await writeCorpus(generateArticles(400, await clausePool()), corpus);
    for (const f of await readdir(SEEDS)) await copyFile(path.join(SEEDS, f), path.join(corpus, f));
    const halves = await splitByStory(corpus);

    for (let i = 0; i < 2; i++) {
      engines.push(await startEmbedded({ dataDir: await tempDir(), masterKey, maxIndexingThreads: os.availableParallelism(), maxIndexingMemoryMb: 256, logger: silentLogger, supervise: false }));
    }
    const remotes = Object.fromEntries(engines.map((e, i) => [`ms${i}`, { url: e.url, searchApiKey: e.masterKey }]));
    for (const [i, e] of engines.entries()) {
      const engine = new Engine({ url: e.url, apiKey: e.masterKey });
      await engine.enableExperimentalFeature('network');
      await engine.configureNetwork(`ms${i}`, remotes);
      await syncSeeds({ seedsDir: halves[i]!, dataDir: await tempDir(), indexName: INDEX, maxFileBytes: 2e7, engine });
    }
    halfCounts = await Promise.all(engines.map((e) => new Engine({ url: e.url, apiKey: e.masterKey }).documentCount(INDEX)));
    await syncSeeds({ seedsDir: corpus, dataDir: await tempDir(), indexName: referenceIndex, maxFileBytes: 2e7, engine: reference });

    const front = new ShardedEngine({ url: engines[0]!.url, apiKey: engines[0]!.masterKey }, engines.map((e, i) => ({ name: `ms${i}`, url: e.url })));
    sharded = createApp({ engine: front, indexName: INDEX, logger: silentLogger });
    single = createApp({ engine: reference, indexName: referenceIndex, logger: silentLogger });
  });
  after(async () => {
    await reference.deleteIndex(referenceIndex).catch(() => {});
    for (const e of engines) await e.stop();
  });

  it('holds part of the corpus in each engine', () => {
    assert.ok(halfCounts.every((n) => n > 100), `documents per engine: ${halfCounts.join(', ')}`);
  });

  const queries: Record<string, string>[] = [
    { q: '记者' },
    { q: '记者', page: '2' },
    { q: '光伏' },
    { q: '金砖' },
    { q: '经济', sort: 'newest' },
    { q: '' },
    { q: '新华社', perPage: '5', page: '3' },
  ];
  for (const query of queries) {
    it(`answers ${JSON.stringify(query)} as one engine with everything does`, async () => {
      const [a, b] = await Promise.all([request(sharded).get('/api/search').query(query).expect(200), request(single).get('/api/search').query(query).expect(200)]);
      assert.ok(b.body.total > 0, 'the query finds something');
      assert.equal(a.body.total, b.body.total, 'total');
      assert.deepEqual(a.body.facets, b.body.facets, 'facet counts');
      assert.deepEqual(
        a.body.hits.map((h: { id: string }) => h.id),
        b.body.hits.map((h: { id: string }) => h.id),
        'hits, in order',
      );
    });
  }

  it('filters by source and topic as one engine does', async () => {
    const facets = (await request(single).get('/api/search').query({ q: '记者' }).expect(200)).body.facets as Record<'source' | 'topic', Record<string, number>>;
    const top = (counts: Record<string, number>) => Object.entries(counts).sort((x, y) => y[1] - x[1])[0]![0];
    for (const query of [{ q: '记者', source: top(facets.source) }, { q: '记者', topic: top(facets.topic) }]) {
      const [a, b] = await Promise.all([request(sharded).get('/api/search').query(query).expect(200), request(single).get('/api/search').query(query).expect(200)]);
      assert.ok(b.body.total > 0);
      assert.equal(a.body.total, b.body.total);
      assert.deepEqual(a.body.facets, b.body.facets);
      assert.deepEqual(a.body.hits.map((h: { id: string }) => h.id), b.body.hits.map((h: { id: string }) => h.id));
    }
  });

  it('builds the same suggestions from both engines as from one', async () => {
    const [a, b] = [new SuggestionIndex(), new SuggestionIndex()];
    await a.refresh(new ShardedEngine({ url: engines[0]!.url, apiKey: engines[0]!.masterKey }, engines.map((e, i) => ({ name: `ms${i}`, url: e.url }))), INDEX);
    await b.refresh(reference, referenceIndex);
    assert.ok(b.size > 500);
    assert.equal(a.size, b.size);
    for (const q of ['新', 'xin', '记者', 'bj']) assert.deepEqual(a.suggest(q), b.suggest(q), q);
  });

  it('serves an article page from whichever engine holds it', async () => {
    const hits = (await request(single).get('/api/search').query({ q: '记者', perPage: '50' }).expect(200)).body.hits as { id: string }[];
    for (const { id } of hits.slice(0, 10)) {
      const [a, b] = await Promise.all([request(sharded).get(`/api/articles/${id}`).expect(200), request(single).get(`/api/articles/${id}`).expect(200)]);
      assert.equal(a.body.title, b.body.title);
      assert.equal(a.body.body, b.body.body);
    }
  });
});
