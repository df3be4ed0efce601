/**
 * `npm run bench`: search latency through the gateway against the same queries sent straight
 * to Meilisearch, in the same run on the same index (absolute times on a shared machine vary;
 * the ratio is the figure). Writes bench/results/search-<date>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { startEmbedded } from '../src/engine/embedded.js';
import { Engine } from '../src/engine/meili.js';
import { createApp } from '../src/gateway/app.js';
import { copiesRequest, planSearch, searchQuerySchema } from '../src/gateway/search.js';
import { createLogger } from '../src/logger.js';
import { syncSeeds } from '../indexer/sync.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUERIES = ['金砖', '习近平', '新能源', '社保卡', '喀山', '工业经济', '金磚國家', '伙伴关系', '光伏', ''];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

async function measure(label: string, once: (q: string) => Promise<void>) {
  for (const q of QUERIES) await once(q); // warm-up
  const times: number[] = [];
  const start = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of QUERIES) {
      const t = performance.now();
      await once(q);
      times.push(performance.now() - t);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return { label, requests: times.length, p50: percentile(times, 50), p99: percentile(times, 99), rps: times.length / seconds };
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'news-search-bench-'));
const logger = createLogger('fatal');
const embedded = await startEmbedded({ dataDir, maxIndexingThreads: os.availableParallelism(), maxIndexingMemoryMb: 1024, logger });
try {
  const engine = new Engine({ url: embedded.url, apiKey: embedded.masterKey });
  await syncSeeds({ seedsDir: path.join(ROOT, 'seeds'), dataDir, indexName: 'bench', maxFileBytes: 2e7, engine, full: true });
  const server = createApp({ engine, indexName: 'bench', logger }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const gateway = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const headers = { 'accept-encoding': 'identity' };

  // The direct baseline sends the very requests the gateway sends for one search (a multi-search
  // for hits and facets, then the hits' copies), over HTTP, with the same client settings.
  const post = async (route: string, body: unknown) => {
    const res = await fetch(`${embedded.url}${route}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', authorization: `Bearer ${embedded.masterKey}` },
      body: JSON.stringify(body),
    });
    return res.json() as Promise<{ results?: { hits: { storyId: string }[] }[] }>;
  };
  const direct = await measure('direct Meilisearch', async (q) => {
    const plan = planSearch(searchQuerySchema.parse({ q }));
    const queries = [plan.main, plan.sourceFacet].map((r) => ({ indexUid: 'bench', ...r }));
    const { results } = await post('/multi-search', { queries });
    const storyIds = [...new Set(results?.[0]?.hits.map((h) => h.storyId) ?? [])];
    if (storyIds.length) await post('/indexes/bench/search', copiesRequest(storyIds));
  });
  const viaGateway = await measure('gateway /api/search', async (q) => {
    const res = await fetch(`${gateway}/api/search?q=${encodeURIComponent(q)}`, { headers });
    await res.arrayBuffer();
  });
  server.close();

  const ratio = { p50: viaGateway.p50 / direct.p50, p99: viaGateway.p99 / direct.p99, throughput: viaGateway.rps / direct.rps };
  const result = {
    command: 'npm run bench',
    date: new Date().toISOString(),
    machine: { cores: os.availableParallelism(), memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    corpus: 'seeds/ (the five samples)',
    concurrency: 1,
    runs: [direct, viaGateway],
    ratio,
  };
  console.log(`search latency, concurrency 1, ${ROUNDS * QUERIES.length} requests each, ${result.machine.cores} cores / ${result.machine.memoryGiB} GiB`);
  console.table([direct, viaGateway].map((r) => ({ run: r.label, 'p50 ms': r.p50.toFixed(2), 'p99 ms': r.p99.toFixed(2), 'req/s': r.rps.toFixed(0) })));
  console.log(`gateway / direct: p50 ${ratio.p50.toFixed(2)}×, p99 ${ratio.p99.toFixed(2)}×, throughput ${ratio.throughput.toFixed(2)}×`);
  await mkdir(path.join(ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(path.join(ROOT, 'bench', 'results', `search-${result.date.slice(0, 10)}.json`), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await embedded.stop();
  await rm(dataDir, { recursive: true, force: true });
}
