/**
 * Load during rebuilds: autocannon sends a mix of real queries to /api/search at concurrency 32
 * for 20 s (LOAD_SECONDS) while full rebuilds swap the index again and again. Asserted: no error,
 * no 5xx, and a query whose corpus did not change answers the same before, during and after.
 * Latency and throughput are printed, never asserted (a benchmark-style check).
 */
import assert from 'node:assert/strict';
import { copyFile, readdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import autocannon from 'autocannon';
import { loadConfig } from '../../src/runtime/config.js';
import { createApp, createHttpServer } from '../../src/gateway/app.js';
import { Reindexer } from '../../src/reindexer.js';
import { SEEDS, copySeeds, engineEnv, silentLogger, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 20);
const QUERIES = ['金砖', '习近平', '社保卡', '新能源', '工业互联网', '金磚國家', '喀山', 'jinzhuan', ''];
const STABLE = ['/api/search?q=%E9%87%91%E7%A0%96&perPage=20', '/api/search?q=&perPage=50&sort=oldest', `/api/search?q=${encodeURIComponent('社保卡')}&source=${encodeURIComponent('新华社')}`];

describe('search under load while the index is rebuilt', () => {
  const engine = testEngine();
  const indexName = uniqueIndex('load');
  let server: Server;
  let base: string;
  let reindexer: Reindexer;

  before(async () => {
    const seedsDir = await copySeeds();
    const samples = (await readdir(SEEDS)).filter((f) => f.endsWith('.txt'));
    for (let i = 0; i < 40; i++) await copyFile(path.join(SEEDS, samples[i % samples.length]!), path.join(seedsDir, `copy-${i}.txt`));
    const { url, key } = engineEnv();
    reindexer = new Reindexer(loadConfig({ SEEDS_DIR: seedsDir, DATA_DIR: await tempDir(), MEILI_URL: url, MEILI_MASTER_KEY: key, INDEX_NAME: indexName }), engine, silentLogger);
    const first = await reindexer.run({ full: true });
    assert.equal(first.status, 'done');
    server = createHttpServer(createApp({ engine, indexName, logger: silentLogger }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await reindexer.stop();
    server?.close();
    await engine.deleteIndex(indexName).catch(() => {});
  });

  /** The answers to the stable queries, without their timing. */
  async function snapshot(): Promise<string[]> {
    return Promise.all(
      STABLE.map(async (p) => {
        const res = await fetch(base + p);
        assert.equal(res.status, 200);
        const { tookMs: _took, ...rest } = (await res.json()) as { tookMs: number };
        return JSON.stringify(rest);
      }),
    );
  }

  it(`answers every request at concurrency 32 for ${SECONDS} s while full rebuilds swap the index, the same before, during and after`, async () => {
    const expected = await snapshot();
    let loading = true;
    let rebuilds = 0;
    const rebuilding = (async () => {
      while (loading) {
        const outcome = await reindexer.run({ full: true });
        assert.equal(outcome.status, 'done', outcome.status === 'failed' ? outcome.error.message : '');
        rebuilds++;
      }
    })();
    const mismatches: number[] = [];
    const sampling = (async () => {
      while (loading) {
        const now = await snapshot();
        now.forEach((s, i) => s !== expected[i] && mismatches.push(i));
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const result = await autocannon({
      url: base,
      connections: 32,
      duration: SECONDS,
      requests: QUERIES.map((q) => ({ method: 'GET' as const, path: `/api/search?q=${encodeURIComponent(q)}` })),
    });
    loading = false;
    await Promise.all([rebuilding, sampling]);

    process.stdout.write(
      `# load: ${result.requests.total} requests in ${SECONDS} s, ${result.requests.average.toFixed(0)} req/s, ` +
        `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${rebuilds} full rebuilds with swap meanwhile\n`,
    );
    assert.ok(rebuilds >= 1, 'no rebuild ran during the load');
    assert.equal(result.errors, 0, 'failed requests');
    assert.equal(result.timeouts, 0, 'timed out requests');
    assert.equal(result.non2xx, 0, 'non-2xx answers');
    assert.deepEqual(mismatches, [], 'answers changed during the rebuilds');
    assert.deepEqual(await snapshot(), expected, 'answers changed after the rebuilds');
  });
});
