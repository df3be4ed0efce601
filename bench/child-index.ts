/** A bench child: one full sync of SEEDS_DIR into MEILI_URL, printing its duration and peak memory as JSON. */
import { loadConfig } from '../src/runtime/config.js';
import { Engine } from '../src/engine/meili.js';
import { syncSeeds } from '../indexer/sync/sync.js';

const config = loadConfig();
const engine = new Engine({ url: config.meiliUrl!, apiKey: config.meiliMasterKey });
const started = performance.now();
const report = await syncSeeds({ seedsDir: config.seedsDir, dataDir: config.dataDir, indexName: config.indexName, maxFileBytes: config.maxFileBytes, engine, full: process.env.BENCH_FULL === '1' });
process.stdout.write(JSON.stringify({ seconds: (performance.now() - started) / 1000, maxRssMiB: process.resourceUsage().maxRSS / 1024, mode: report.mode, upserted: report.upserted, deleted: report.deleted, articles: report.totals.articles, chunks: report.totals.chunks }));
