/**
 * `npm run bench [-- --full] [--articles N…]`: the cost of the pipeline, of indexing and of search,
 * each against a baseline measured in the same run (this machine is shared: absolute times vary,
 * ratios are the figures). Tiers: 10k articles by default, 1k/10k/100k with --full.
 *  1. pipeline throughput per stage, single core, and the whole dry run;
 *  2. full rebuild end to end, against sending the same finished chunk documents straight to
 *     Meilisearch with the official client;
 *  3. incremental run after changing one file, and a run with no change (must send nothing);
 *  4. search through the gateway against the same engine requests sent directly, at concurrency
 *     1 and 32, for plain, faceted and filtered queries, and suggestions;
 *  5. peak memory of the indexer (a child process) and of the gateway under load.
 * Prints one table and writes bench/results/bench-<date>.json.
 */
import { spawn, execFile } from 'node:child_process';
import http from 'node:http';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Command } from 'commander';
import YAML from 'yaml';
import { startEmbedded } from '../src/engine/embedded.js';
import { Engine } from '../src/engine/meili.js';
import { chunkIndexSettings, storyIndexOf, storyIndexSettings } from '../src/engine/settings.js';
import { planSearch, searchQuerySchema } from '../src/gateway/search.js';
import { createLogger } from '../src/runtime/logger.js';
import { chunkArticle } from '../indexer/sync/chunk.js';
import { clean } from '../indexer/extract/clean.js';
import { decode } from '../indexer/extract/decode.js';
import { Reporter } from '../indexer/extract/diagnostics.js';
import { discover } from '../indexer/sync/discover.js';
import { dryRun } from '../indexer/sync/dry-run.js';
import { contextYear, enrich, normalizeDate } from '../indexer/extract/enrich.js';
import { linkStories } from '../indexer/sync/link.js';
import { articleSignature, linkResults, processFile } from '../indexer/sync/pipeline.js';
import { copyOfArticle, storyDoc, type StoryCopy } from '../indexer/sync/story.js';
import { parse } from '../indexer/extract/parse.js';
import { split } from '../indexer/extract/split.js';
import type { Article, FileResult, SourceFile } from '../indexer/extract/types.js';
import { clausePool, generateArticles, writeCorpus } from './corpus.js';
import { latestTaskUid, tasksAfter, databaseSize } from './engine-stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exec = promisify(execFile);
const MIB = 1024 * 1024;

const program = new Command('bench')
  .option('--full', 'the 1k, 10k and 100k tiers (default: 10k only)')
  .option('--articles <n...>', 'tiers to run, in articles')
  .option('--seconds <n>', 'length of each load run', (v) => Number(v), 10)
  .parse(process.argv.slice(2), { from: 'user' });
const opts = program.opts<{ full?: boolean; articles?: string[]; seconds: number }>();
const tiers = opts.articles?.map(Number) ?? (opts.full ? [1_000, 10_000, 100_000] : [10_000]);

const logger = createLogger('fatal');
const machine = { cores: os.availableParallelism(), memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, cpu: os.cpus()[0]?.model ?? '' };
const results: Record<string, unknown>[] = [];
const table: Record<string, string>[] = [];
const row = (tier: number, measure: string, value: string, baseline = '', ratio = '', goal = '') => {
  table.push({ articles: String(tier), measure, value, baseline, ratio, goal });
  process.stderr.write(`[${tier}] ${measure}: ${value}${baseline ? ` | ${baseline}` : ''}${ratio ? ` | ${ratio}` : ''}\n`); // progress, in case a later tier fails
};
const f = (x: number, d = 2) => x.toFixed(d);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

/**
 * Runs `once` from `concurrency` workers for `seconds`, after a warm-up of a fifth of that (JIT,
 * caches, connections) that is not counted; latencies in ms and requests per second.
 */
async function load(concurrency: number, seconds: number, once: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let n = 0;
  const run = async (ms: number, record: boolean) => {
    const end = performance.now() + ms;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const i = n++;
          const t = performance.now();
          await once(i);
          if (record) latencies.push(performance.now() - t);
        }
      }),
    );
  };
  await run(seconds * 200, false);
  await run(seconds * 1000, true);
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), rps: latencies.length / seconds, requests: latencies.length };
}

async function corpusBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && !e.name.endsWith('.meta.json')) total += (await stat(path.join(e.parentPath, e.name))).size;
  return total;
}

/**
 * The load client for both sides (gateway and direct): node:http with keep-alive. fetch (undici)
 * costs the client several times the CPU, which on 2 cores is taken from the server measured.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, method: init.method ?? 'GET', headers: { 'accept-encoding': 'identity', ...init.headers } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => (res.statusCode! < 400 ? resolve(Buffer.concat(parts)) : reject(new Error(`${url}: ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Samples a process's RSS every 100 ms until stopped; the largest sample in MiB. */
function sampleRss(pid: number): () => Promise<number> {
  let max = 0;
  const timer = setInterval(() => {
    readFile(`/proc/${pid}/status`, 'utf8')
      .then((st) => (max = Math.max(max, Number(/VmRSS:\s+(\d+)/.exec(st)?.[1] ?? 0) / 1024)))
      .catch(() => {});
  }, 100);
  return async () => {
    clearInterval(timer);
    return max;
  };
}

/** 1. Each stage over the whole corpus in turn, single core. */
async function stageThroughput(dir: string, bytes: number, tier: number) {
  const { files } = await discover(dir, { maxFileBytes: 20 * MIB, secondLookMs: 1 });
  const raw: { file: SourceFile; bytes: Buffer }[] = [];
  for (const file of files) raw.push({ file, bytes: await readFile(file.absPath) }); // one at a time: 30k files would exhaust descriptors
  const time = <T>(fn: () => T): [T, number] => {
    const t = performance.now();
    const v = fn();
    return [v, (performance.now() - t) / 1000];
  };
  const reporter = new Reporter('bench');
  const [decoded, tDecode] = time(() => raw.map((r) => decode(r.file.relPath, r.bytes, reporter)).flatMap((d) => (d.ok ? [d.decoded] : [])));
  const [parsed, tParse] = time(() => decoded.map((d) => parse(d, reporter)));
  const [cleaned, tClean] = time(() => parsed.map((p) => clean(p, reporter)));
  const [drafts, tSplit] = time(() => cleaned.map((c) => ({ c, drafts: split(c) })));
  // Enrich and chunk alternate article by article, as in the pipeline (chunking reads the words enrich segmented).
  const articles: Article[] = [];
  let [tEnrich, tChunk] = [0, 0];
  for (const { c, drafts: ds } of drafts) {
    const ctx = { relPath: c.relPath, meta: c.meta, declared: {}, script: c.script, year: contextYear({}, c.meta), published: normalizeDate(c.meta.date) };
    for (const d of ds) {
      const [a, te] = time(() => enrich(d, ctx));
      const [, tc] = time(() => chunkArticle(a));
      articles.push(a);
      tEnrich += te;
      tChunk += tc;
    }
  }
  const [, tLink] = time(() => linkStories(articles.map((a) => articleSignature(a))));
  const stages: [string, number][] = [['decode', tDecode], ['parse', tParse], ['clean', tClean], ['split', tSplit], ['enrich', tEnrich], ['link', tLink], ['chunk', tChunk]];
  for (const [name, seconds] of stages) row(tier, `stage ${name}`, `${f(bytes / MIB / seconds, 1)} MB/s, ${f(articles.length / seconds, 0)} articles/s`);
  return { stages: Object.fromEntries(stages.map(([n, s]) => [n, { seconds: s, mbPerSecond: bytes / MIB / s, articlesPerSecond: articles.length / s }])), articles: articles.length };
}

async function dryRunSeconds(dir: string): Promise<number> {
  const { Writable } = await import('node:stream');
  const sink = new Writable({ write: (_c, _e, done) => done() });
  const t = performance.now();
  await dryRun(dir, 20 * MIB, sink);
  return (performance.now() - t) / 1000;
}

/** The V8 flags `npm run index` gives the indexer (package.json), so the bench measures the CLI users run. */
async function indexerFlags(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return (pkg.scripts.index?.match(/--[\w-]+(?:=\S+)?/g) ?? []).filter((flag) => flag !== '--enable-source-maps');
}

async function runChild(script: string, env: Record<string, string>): Promise<Record<string, number | string>> {
  const args = [...(await indexerFlags()), '--import', 'tsx', path.join(ROOT, 'bench', script)];
  const { stdout } = await exec(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, maxBuffer: 16 * MIB });
  return JSON.parse(stdout) as Record<string, number | string>;
}

/** What discover treats as recently written (indexer/sync/discover.ts), plus a margin. */
const RECENT_MS = 2100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The V8 flags the compose file gives a service. */
async function composeNodeOptions(service: 'gateway' | 'search'): Promise<string> {
  const compose = YAML.parse(await readFile(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { environment?: Record<string, string> }> };
  return compose.services[service]?.environment?.NODE_OPTIONS ?? '';
}

/** Starts `node dist/src/main.js` (npm run build first) and resolves with its URL once it serves and has read its suggestions. */
async function startService(env: Record<string, string>): Promise<{ base: string; child: ReturnType<typeof spawn> }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SCHEDULER: 'off', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let url = '';
    child.once('exit', (code) => reject(new Error(`the service exited (${code}) before serving`)));
    const lines = readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /"port":(\d+).*news-search is serving/.exec(line);
      if (m) url = `http://127.0.0.1:${m[1]}`;
      if (line.includes('suggestions rebuilt') && url) {
        // From here on the log is drained unread: parsing it would take CPU from the process measured.
        lines.close();
        child.stdout!.resume();
        resolve(url);
      }
    });
  });
  return { base, child };
}

/** Seconds in an ISO 8601 duration as the engine reports a task's (PT0.25S, PT1M2.5S). */
function isoSeconds(duration: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(duration);
  if (!m) throw new Error(`not an ISO 8601 duration: ${duration}`);
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}

/**
 * Seconds the engine spent on the tasks enqueued after task `afterUid` that belong to a run: the
 * share of the run that is the engine's own work. A CLI run's are those on its index. A service
 * run's are those enqueued between its start and end, on any index: the indexing lease is renewed
 * inside the run (before it commits), and written before and after it.
 */
async function engineSecondsAfter(engine: Engine, afterUid: number | null, of: { index: string } | { from: string; to: string }): Promise<number> {
  const tasks = await tasksAfter(engine, afterUid);
  const mine = 'index' in of ? tasks.filter((t) => t.indexUid === of.index) : tasks.filter((t) => Date.parse(t.enqueuedAt) >= Date.parse(of.from) && Date.parse(t.enqueuedAt) <= Date.parse(of.to));
  return mine.reduce((sum, t) => sum + isoSeconds(t.duration), 0);
}

/** Changes made one after another to a service, after its first one: the median is its steady state. */
const LATER_CHANGES = 3;

/**
 * Runs as the service's schedule does (the indexing gateway, with the compose file's V8 flags),
 * started through POST /api/admin/reindex: one run with no change (the first also reads the
 * manifest), then `change(0)` and the run measured, the first change the process meets (its
 * linking and pipeline code not yet optimised by V8), then LATER_CHANGES more (`change(1)` …),
 * as a service that has run for a while meets them. Durations are the runs' own (startedAt to
 * finishedAt in /api/status), not the polling.
 */
async function scheduledRuns(env: Record<string, string>, engine: Engine, change: (n: number) => Promise<void>) {
  const token = 'bench-admin-token-0123456789abcdef';
  const { base, child } = await startService({ ...env, ADMIN_TOKEN: token, NODE_OPTIONS: await composeNodeOptions('gateway') });
  type Status = { lastRun: { startedAt: string; finishedAt: string; changed: number } | null; currentRun: unknown };
  const status = async () => JSON.parse(String(await request(`${base}/api/status`))) as Status;
  const runOnce = async () => {
    const before = (await status()).lastRun?.startedAt;
    await request(`${base}/api/admin/reindex`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    for (;;) {
      await sleep(50);
      const s = await status();
      const last = s.lastRun;
      if (s.currentRun === null && last && last.startedAt !== before) return { seconds: (Date.parse(last.finishedAt) - Date.parse(last.startedAt)) / 1000, changed: last.changed, from: last.startedAt, to: last.finishedAt };
    }
  };
  const changedRun = async (n: number) => {
    await change(n);
    const taskBefore = await latestTaskUid(engine);
    const run = await runOnce();
    return { seconds: run.seconds, engineSeconds: await engineSecondsAfter(engine, taskBefore, run), changed: run.changed };
  };
  try {
    const first = await runOnce();
    const noChange = await runOnce();
    const oneFile = await changedRun(0);
    const later: Awaited<ReturnType<typeof changedRun>>[] = [];
    for (let n = 1; n <= LATER_CHANGES; n++) later.push(await changedRun(n));
    // The run of median duration, with its own engine time.
    const steady = later.sort((a, b) => a.seconds - b.seconds)[Math.floor(later.length / 2)]!;
    return {
      firstSeconds: first.seconds,
      noChangeSeconds: noChange.seconds,
      oneFileSeconds: oneFile.seconds,
      oneFileEngineSeconds: oneFile.engineSeconds,
      filesChanged: oneFile.changed,
      laterSeconds: later.map((r) => r.seconds),
      steadySeconds: steady.seconds,
      steadyEngineSeconds: steady.engineSeconds,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

/** Peak RSS of the bench's Meilisearch process (found by its database path). */
async function engineRssMiB(): Promise<number> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmd = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmd.includes(meiliDir) && cmd.split('\0')[0]?.endsWith('meilisearch')) return rssOf(Number(entry));
  }
  return NaN;
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function benchTier(tier: number, embeddedUrl: string, key: string, engine: Engine) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `bench-${tier}-`));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `bench-data-${tier}-`));
  const index = `bench_${tier}`;
  const env = { SEEDS_DIR: dir, DATA_DIR: dataDir, MEILI_URL: embeddedUrl, MEILI_MASTER_KEY: key, INDEX_NAME: index };
  try {
    await writeCorpus(generateArticles(tier, await clausePool()), dir);
    const bytes = await corpusBytes(dir);
    const out: Record<string, unknown> = { articles: tier, inputMiB: bytes / MIB };

    // 1. Pipeline.
    out.stages = await stageThroughput(dir, bytes, tier);
    const dry = await dryRunSeconds(dir);
    out.dryRun = { seconds: dry, mbPerSecond: bytes / MIB / dry, msPerArticle: (dry * 1000) / tier };
    row(tier, 'dry run (whole pipeline)', `${f(bytes / MIB / dry, 1)} MB/s, ${f((dry * 1000) / tier, 3)} ms/article`, '', '', '≥ 5 MB/s');

    // 2. Full rebuild against the same finished documents sent directly.
    const full = await runChild('child-index.ts', { ...env, BENCH_FULL: '1' });
    const { files } = await discover(dir, { maxFileBytes: 20 * MIB, secondLookMs: 1 });
    const ok: Extract<FileResult, { ok: true }>[] = [];
    for (const file of files) {
      const r = processFile(file);
      if (r.ok) ok.push(r);
    }
    linkResults(ok);
    // The same documents: the chunks, and one story document per story.
    const docs = ok.flatMap((r) => r.chunks);
    const copies = new Map<string, StoryCopy[]>();
    for (const r of ok) for (const a of r.articles) copies.set(a.storyId, [...(copies.get(a.storyId) ?? []), copyOfArticle(a, r.chunks)]);
    const storyDocs = [...copies].map(([id, c]) => storyDoc(id, c));
    copies.clear();
    const direct = `${index}_direct`;
    await engine.createIndex(direct);
    await engine.createIndex(storyIndexOf(direct));
    await engine.ensureSettings(direct, chunkIndexSettings);
    await engine.ensureSettings(storyIndexOf(direct), storyIndexSettings);
    const t = performance.now();
    await Promise.all([engine.addDocuments(direct, docs), engine.addDocuments(storyIndexOf(direct), storyDocs)]);
    const directSeconds = (performance.now() - t) / 1000;
    await engine.deleteIndex(direct);
    await engine.deleteIndex(storyIndexOf(direct));
    out.fullRebuild = { seconds: full.seconds, directSeconds, ratio: Number(full.seconds) / directSeconds, documents: docs.length, stories: storyDocs.length, indexerMaxRssMiB: full.maxRssMiB };
    row(tier, 'full rebuild', `${f(Number(full.seconds))} s`, `${f(directSeconds)} s direct`, `${f(Number(full.seconds) / directSeconds)}×`, '≤ 1.3×');
    row(tier, 'indexer peak RSS', `${f(Number(full.maxRssMiB), 0)} MiB`);
    // The engine's footprint for this corpus (docs/scaling.md extrapolates from it).
    const disk = await databaseSize(engine);
    const engineRss = await engineRssMiB();
    out.engine = { documents: await engine.documentCount(index), stories: await engine.documentCount(storyIndexOf(index)), usedDatabaseBytes: disk.usedDatabaseSize, databaseBytes: disk.databaseSize, peakRssMiB: engineRss };
    row(tier, 'engine: database in use / peak RSS', `${f(disk.usedDatabaseSize / MIB, 0)} MiB / ${f(engineRss, 0)} MiB`);

    // 3. Incremental: nothing changed, then one file changed, from the CLI (a process of its own,
    // reading the manifest) and as the service's schedule runs them (the manifest and the
    // pipeline kept in memory between runs). A file written in the last 2 s gets a second look
    // 0.3 s later (still being written?); a scheduled run rarely meets one, so each run starts
    // once the changed file is older than that.
    const taskBefore = await latestTaskUid(engine);
    const still = await runChild('child-index.ts', env);
    const sentNothing = (await latestTaskUid(engine)) === taskBefore;
    const change = async (file: SourceFile) => {
      await appendFile(file.absPath, '\n\n新增一段用于增量测试的正文内容，记者从有关部门获悉，相关工作正在稳步推进。\n');
      await sleep(RECENT_MS);
    };
    await change(files[0]!);
    const beforeChanged = await latestTaskUid(engine);
    const changed = await runChild('child-index.ts', env);
    const changedEngineSeconds = await engineSecondsAfter(engine, beforeChanged, { index });
    const scheduled = await scheduledRuns(env, engine, (n) => change(files[1 + n]!));
    out.incremental = {
      noChangeSeconds: still.seconds,
      noChangeSentNothing: sentNothing,
      oneFileSeconds: changed.seconds,
      oneFileUpserted: changed.upserted,
      oneFileDeleted: changed.deleted,
      oneFileEngineSeconds: changedEngineSeconds,
      service: scheduled,
    };
    row(tier, 'incremental (CLI), no change', `${f(Number(still.seconds))} s`, '', sentNothing ? 'sent nothing' : 'SENT TASKS', 'sends nothing');
    row(tier, 'incremental (CLI), one file changed', `${f(Number(changed.seconds))} s (${changed.upserted} up, ${changed.deleted} del), engine tasks ${f(changedEngineSeconds)} s`, '', '', '< 2 s at 100k');
    row(tier, 'incremental (service), no change', `${f(scheduled.noChangeSeconds)} s`);
    row(tier, 'incremental (service), one file changed', `${f(scheduled.oneFileSeconds)} s (${scheduled.filesChanged} file indexed), engine tasks ${f(scheduled.oneFileEngineSeconds)} s`, '', '', '< 2 s at 100k');
    row(tier, `incremental (service), later changes (median of ${LATER_CHANGES})`, `${f(scheduled.steadySeconds)} s, engine tasks ${f(scheduled.steadyEngineSeconds)} s`);

    // 4. Search: the gateway (a child process) against what a user would otherwise send: a plain
    // Meilisearch search of the same index (q, its filter, limit 10: no facets, no snippets), and
    // beside it the very requests the gateway makes, sent directly (the gateway's own cost).
    // The gateway as a search-only replica runs in production: `node dist/src/main.js` (npm run
    // build) with SCHEDULER=off and the compose file's NODE_OPTIONS for replicas, its suggestions
    // loaded from the index before the load starts.
    const nodeOptions = await composeNodeOptions('search');
    const { base, child } = await startService({ ...env, NODE_OPTIONS: nodeOptions });
    const stories = storyIndexOf(index);
    const post = async (route: string, body: unknown) =>
      JSON.parse(String(await request(`${embeddedUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) }))) as {
        results?: { totalHits?: number }[];
        estimatedTotalHits?: number;
      };
    const startRss = await rssOf(child.pid!);
    const underLoad = sampleRss(child.pid!);
    const kinds: Record<string, Record<string, string | string[]>[]> = {
      plain: ['金砖', '新能源汽车', '社保卡', '港口物流', '量子通信', '乡村旅游', '职业教育', ''].map((q) => ({ q })),
      filtered: [{ q: '加快推进', source: '江城晚报' }, { q: '', topic: '经济', from: '2020-01-01', to: '2021-12-31' }, { q: '城市更新', sort: 'newest' }],
      // Words the corpus does not hold: the gateway retries once with words dropped, and answers nothing.
      nothing: ['鳄鱼溜冰场', '企鹅烤面包', '恐龙滑翔伞'].map((q) => ({ q })),
    };
    const search: Record<string, unknown> = {};
    try {
      for (const [kind, queries] of Object.entries(kinds)) {
        const plans = queries.map((q) => planSearch(searchQuerySchema.parse(q)));
        const totals = await Promise.all(plans.map(async (p) => (await post('/multi-search', { queries: [{ indexUid: stories, ...p.main, hitsPerPage: 0 }] })).results?.[0]?.totalHits ?? -1));
        for (const concurrency of [1, 16]) {
          const gw = await load(concurrency, opts.seconds, async (i) => {
            const params = new URLSearchParams();
            for (const [k, v] of Object.entries(queries[i % queries.length]!)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
            await request(`${base}/api/search?${params}`);
          });
          const plain = await load(concurrency, opts.seconds, async (i) => {
            const { q, filter, sort } = plans[i % plans.length]!.main;
            await post(`/indexes/${stories}/search`, { q, filter, ...(sort ? { sort } : {}), limit: 10 });
          });
          const requests = await load(concurrency, opts.seconds, async (i) => {
            const plan = plans[i % plans.length]!;
            // As the gateway sends them (Engine.searchAll): at once, one request each.
            await Promise.all([plan.main, plan.sourceFacet, plan.topicFacet].filter((r) => r !== null).map((r) => post(`/indexes/${stories}/search`, r)));
          });
          search[`${kind}@${concurrency}`] = { gateway: gw, plain, requests, totals };
          row(
            tier,
            `search ${kind}, c=${concurrency}`,
            `p50 ${f(gw.p50)} p99 ${f(gw.p99)} ms, ${f(gw.rps, 0)}/s`,
            `plain: p50 ${f(plain.p50)} p99 ${f(plain.p99)} ms, ${f(plain.rps, 0)}/s; its own requests: p50 ${f(requests.p50)} ms, ${f(requests.rps, 0)}/s`,
            `${f(gw.p50 / plain.p50)}× / ${f(gw.p99 / plain.p99)}× / ${f(gw.rps / plain.rps)}×`,
            concurrency === 1 ? 'p50 ≤ 3× plain, p99 ≤ 25 ms' : 'rps ≥ 0.3× plain',
          );
        }
      }
      const suggest = await load(32, opts.seconds, async (i) => {
        await request(`${base}/api/suggest?q=${encodeURIComponent(['j', 'jz', '新能', 'xinneng', '城市', 'gangkou'][i % 6]!)}`);
      });
      search.suggest = suggest;
      row(tier, 'suggest, c=32', `p50 ${f(suggest.p50)} p99 ${f(suggest.p99)} ms, ${f(suggest.rps, 0)}/s`, '', '', 'p99 < 30 ms');
      const loadRss = await underLoad();
      const peakRss = await rssOf(child.pid!);
      Object.assign(search, { gatewayNodeOptions: nodeOptions, gatewayPeakAfterStartMiB: startRss, gatewayRssUnderLoadMiB: loadRss, gatewayPeakRssMiB: peakRss });
      row(tier, 'gateway RSS under load (largest sample)', `${f(loadRss, 0)} MiB`, '', '', '≤ 200 MB');
      row(tier, 'gateway peak RSS (start-up included)', `${f(peakRss, 0)} MiB (${nodeOptions || 'no V8 flags'})`);
    } finally {
      child.kill('SIGTERM');
    }
    out.search = search;
    await engine.deleteIndex(index).catch(() => {});
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * The dry run over the real saved pages kept as fixtures (test/fixtures/web-*: 15 sites, pages as
 * saved, inline scripts and styles included), best of three: what reading real web pages costs.
 */
async function realPagesThroughput(): Promise<{ pages: number; mib: number; mbPerSecond: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-real-pages-'));
  let bytes = 0;
  let pages = 0;
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  for (const entry of await readdir(fixtures)) {
    if (!entry.startsWith('web-')) continue;
    const data = await readFile(path.join(fixtures, entry, 'input.html'));
    await writeFile(path.join(dir, `${entry}.html`), data);
    bytes += data.length;
    pages++;
  }
  let best = Infinity;
  for (let i = 0; i < 3; i++) best = Math.min(best, await dryRunSeconds(dir));
  await rm(dir, { recursive: true, force: true });
  return { pages, mib: bytes / MIB, mbPerSecond: bytes / MIB / best };
}

const realPages = await realPagesThroughput();
row(0, `dry run on real saved pages (${realPages.pages} pages of test/fixtures/web-*, ${f(realPages.mib, 1)} MiB)`, `${f(realPages.mbPerSecond, 1)} MB/s`, '', '', '≥ 1 MB/s');

await exec('npm', ['run', '-s', 'build'], { cwd: ROOT }); // the service runs from dist/, as npm start runs it
const meiliDir = await mkdtemp(path.join(os.tmpdir(), 'news-search-bench-engine-'));
const embedded = await startEmbedded({ dataDir: meiliDir, maxIndexingThreads: machine.cores, maxIndexingMemoryMb: 2048, logger, supervise: false });
try {
  const engine = new Engine({ url: embedded.url, apiKey: embedded.masterKey });
  for (const tier of tiers) results.push(await benchTier(tier, embedded.url, embedded.masterKey, engine));
  const indexerRss = results.map((r) => Number((r.fullRebuild as { indexerMaxRssMiB: number }).indexerMaxRssMiB));
  if (indexerRss.length > 1) row(tiers[tiers.length - 1]!, 'indexer RSS growth (last / previous tier)', `${f(indexerRss[indexerRss.length - 1]! / indexerRss[indexerRss.length - 2]!)}×`, '', '', '≤ 1.3×');
  // A one-file run's growth, whole and without the engine's own processing of its tasks.
  if (results.length > 1) {
    type Inc = { oneFileSeconds: number; oneFileEngineSeconds: number; service: { oneFileSeconds: number; oneFileEngineSeconds: number; steadySeconds: number; steadyEngineSeconds: number } };
    const [a, b] = results.slice(-2).map((r) => r.incremental as Inc) as [Inc, Inc];
    const growth = (x: number, y: number) => `${f(y / x)}×`;
    row(tiers[tiers.length - 1]!, 'incremental growth (last / previous tier), CLI / service', `${growth(a.oneFileSeconds, b.oneFileSeconds)} / ${growth(a.service.oneFileSeconds, b.service.oneFileSeconds)}`, '', '', '≤ 1.5×');
    row(
      tiers[tiers.length - 1]!,
      'the same without engine task time, CLI / service',
      `${growth(a.oneFileSeconds - a.oneFileEngineSeconds, b.oneFileSeconds - b.oneFileEngineSeconds)} / ${growth(a.service.oneFileSeconds - a.service.oneFileEngineSeconds, b.service.oneFileSeconds - b.service.oneFileEngineSeconds)}`,
      `engine task time: ${growth(a.oneFileEngineSeconds, b.oneFileEngineSeconds)} / ${growth(a.service.oneFileEngineSeconds, b.service.oneFileEngineSeconds)}`,
    );
    const [sa, sb] = [a.service, b.service];
    row(
      tiers[tiers.length - 1]!,
      'the service\'s later changes: growth, whole / without engine task time',
      `${growth(sa.steadySeconds, sb.steadySeconds)} / ${growth(sa.steadySeconds - sa.steadyEngineSeconds, sb.steadySeconds - sb.steadyEngineSeconds)}`,
      `engine task time: ${growth(sa.steadyEngineSeconds, sb.steadyEngineSeconds)}`,
      '',
      '≤ 1.5×',
    );
  }
} finally {
  await embedded.stop();
  await rm(meiliDir, { recursive: true, force: true });
}

const date = new Date().toISOString();
console.log(`npm run bench ${process.argv.slice(2).join(' ')} — ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.cpu}, Node ${machine.node}`);
console.table(table);
await mkdir(path.join(ROOT, 'bench', 'results'), { recursive: true });
await writeFile(path.join(ROOT, 'bench', 'results', `bench-${date.slice(0, 10)}.json`), `${JSON.stringify({ command: `npm run bench ${process.argv.slice(2).join(' ')}`.trim(), date, machine, realPages, tiers: results, table }, null, 2)}\n`);
