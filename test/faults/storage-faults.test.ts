/**
 * The engine losing the ground under it (issue 24): its database directory deleted under a
 * running service (a lost volume), and its disk full. Real engines; the full disk is the engine's
 * own log line, injected at the boundary where the engine's log is read (a wrapper around the real
 * binary prints it on cue), since a full filesystem cannot be made on every machine.
 */
import assert from 'node:assert/strict';
import { chmod, copyFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { loadConfig } from '../../src/runtime/config.js';
import { followFaults } from '../../src/engine/connect.js';
import { shippedBinaryPath, startEmbedded } from '../../src/engine/embedded.js';
import { Engine, filterString } from '../../src/engine/meili.js';
import { storageFault } from '../../src/engine/errors.js';
import { createApp } from '../../src/gateway/app.js';
import { Reindexer } from '../../src/reindexer.js';
import { manifestPath, readManifest } from '../../indexer/sync/manifest.js';
import { SEEDS, copySeeds, growSeeds, silentLogger, tempDir } from '../helpers/env.js';
import { dumpService, getJson, startService, stopService, waitFor } from '../helpers/service.js';

/** The lines Meilisearch 1.21 logged when its disk filled up (captured on a 30 MB tmpfs). */
const DISK_FULL_LINES = [
  '2026-12-06T02:33:37.282630Z ERROR index_scheduler::scheduler: Batch failed Input/output error (os error 5). This error generally happens when you have no space left on device or when your database doesn\'t have read or write right.',
  '2026-12-06T02:33:37.282759Z ERROR index_scheduler: No space left on device (os error 28)',
];

interface StatusBody {
  lastRun: { mode: string; startedAt: string } | null;
  lastError: { message: string; reason: string } | null;
  engineFault: { kind: string; message: string } | null;
}

describe('storageFault', () => {
  const cases: [string, string | null][] = [
    [DISK_FULL_LINES[1]!, 'disk-full'],
    ['Meilisearch answered 500: Disk quota exceeded (os error 122)', 'disk-full'],
    ['Meilisearch answered 500: No such file or directory (os error 2) at path "/data/meili/data.ms/update_files/.tmpsUrNgi"', 'storage-lost'],
    ['Meilisearch answered 400: The `json` payload provided is malformed.', null],
    ['Index `articles` not found.', null],
  ];
  for (const [text, kind] of cases) it(`reads ${kind ?? 'no fault'} in ${text.slice(0, 60)}…`, () => assert.equal(storageFault(text), kind));
});

describe('the engine\'s database deleted under a running service', () => {
  it('embedded: /readyz 503, the engine restarted on a fresh database, the index rebuilt from seeds (no deleted file served, new files found)', async () => {
    const dataDir = await tempDir();
    const seedsDir = await copySeeds();
    const svc = await startService({ DATA_DIR: dataDir, SEEDS_DIR: seedsDir, REINDEX_CRON: '0 0 1 1 *' });
    try {
      await waitFor('the first index', async () => (await getJson(`${svc.base}/readyz`)).status === 200, 60_000, 100);
      await rm(path.join(seedsDir, '002_bd23061ac044c198.txt'));
      await copyFile(path.join(SEEDS, '002_bd23061ac044c198.txt'), path.join(seedsDir, 'renamed-after-the-loss.txt'));
      const lostAt = Date.now();
      await rm(path.join(dataDir, 'meili', 'data.ms'), { recursive: true });

      await waitFor('/readyz 503', async () => (await getJson(`${svc.base}/readyz`)).status === 503, 15_000, 50);
      await waitFor('/readyz 200 again', async () => (await getJson(`${svc.base}/readyz`)).status === 200, 120_000, 100);
      const status = await waitFor('the rebuild', async () => {
        const s = (await getJson<StatusBody>(`${svc.base}/api/status`)).body;
        // The first index was a full run too: wait for one that started after the loss.
        return s.lastRun?.mode === 'full' && Date.parse(s.lastRun.startedAt) >= lostAt ? s : null;
      }, 60_000, 100);
      assert.equal(status.engineFault, null);
      const manifest = await readManifest(manifestPath(dataDir, 'articles'));
      assert.ok(manifest.status === 'ok');
      assert.deepEqual([...manifest.manifest.files.keys()].sort(), (await readdir(seedsDir)).filter((f) => f.endsWith('.txt')).sort());
      const hits = (name: string) => getJson<{ total: number; hits: { file: string }[] }>(`${svc.base}/api/search?q=${encodeURIComponent('金砖')}&perPage=50`).then((r) => r.body.hits.filter((h) => h.file === name).length);
      assert.equal(await hits('002_bd23061ac044c198.txt'), 0, 'the deleted file is not served');
      const metrics = await (await fetch(`${svc.base}/metrics`)).text();
      assert.match(metrics, /engine_faults_total\{kind="storage-lost"\} [1-9]/);
      assert.ok(svc.output.some((l) => l.includes('"level":50') && l.includes('fresh database')), 'logged at error level');
    } catch (err) {
      dumpService(svc);
      throw err;
    } finally {
      await stopService(svc);
    }
  });

  it('external (MEILI_URL): a run fails with the engine\'s message, /readyz 503, the fault in /api/status and /metrics', async () => {
    const engineDir = await tempDir();
    const key = 'external-engine-master-key-0123456789';
    const external = await startEmbedded({ dataDir: engineDir, masterKey: key, maxIndexingThreads: 1, maxIndexingMemoryMb: 256, logger: silentLogger, supervise: false });
    const seedsDir = await copySeeds();
    const svc = await startService({ DATA_DIR: await tempDir(), SEEDS_DIR: seedsDir, MEILI_URL: external.url, MEILI_MASTER_KEY: key, REINDEX_CRON: '*/1 * * * * *' });
    try {
      await waitFor('the first index', async () => (await getJson(`${svc.base}/readyz`)).status === 200, 60_000, 100);
      await waitFor('the first run to end', async () => {
        const s = (await getJson<StatusBody & { currentRun: unknown }>(`${svc.base}/api/status`)).body;
        return s.lastRun !== null && s.currentRun === null;
      }, 60_000, 100);
      await rm(path.join(engineDir, 'meili', 'data.ms'), { recursive: true });
      await copyFile(path.join(SEEDS, '002_bd23061ac044c198.txt'), path.join(seedsDir, 'new-after-the-loss.txt'));
      const status = await waitFor('a failed run', async () => {
        const s = (await getJson<StatusBody>(`${svc.base}/api/status`)).body;
        return s.lastError ? s : null;
      }, 60_000, 100);
      assert.equal(status.lastError!.reason, 'engine-storage');
      assert.match(status.lastError!.message, /lost its database.*No such file or directory/);
      assert.equal(status.engineFault?.kind, 'storage-lost');
      const ready = await getJson<{ detail: string }>(`${svc.base}/readyz`);
      assert.equal(ready.status, 503);
      assert.match(ready.body.detail, /lost its database/);
      const metrics = await (await fetch(`${svc.base}/metrics`)).text();
      assert.match(metrics, /engine_faults_total\{kind="storage-lost"\} [1-9]/);
      assert.match(metrics, /index_run_failures_total\{reason="engine-storage"\} [1-9]/);
      assert.match(metrics, /engine_fault 1/);
    } catch (err) {
      dumpService(svc);
      throw err;
    } finally {
      await stopService(svc);
      await external.stop();
    }
  });
});

describe('the engine\'s disk full during a run', () => {
  it('fails the run at once with the engine\'s message, reports it in status and metrics, and keeps the live index', async () => {
    const dataDir = await tempDir();
    const trigger = path.join(dataDir, 'disk-full-now');
    // The real engine, wrapped: on cue it prints the lines the engine logs when its disk is full.
    const wrapper = path.join(dataDir, 'meilisearch-wrapper');
    const say = DISK_FULL_LINES.map((l) => `echo '${l.replace(/'/g, "'\\''")}' >&2`).join('; ');
    await writeFile(
      wrapper,
      [
        '#!/bin/sh',
        `"${shippedBinaryPath()}" "$@" &`,
        'engine=$!',
        "trap 'kill -TERM $engine 2>/dev/null' TERM INT",
        `( while kill -0 $engine 2>/dev/null; do if [ -e '${trigger}' ]; then rm -f '${trigger}'; ${say}; fi; sleep 0.05; done ) &`,
        'wait $engine',
      ].join('\n'),
    );
    await chmod(wrapper, 0o755);
    const embedded = await startEmbedded({ dataDir: path.join(dataDir, 'engine'), binaryPath: wrapper, maxIndexingThreads: os.availableParallelism(), maxIndexingMemoryMb: 256, logger: silentLogger });
    // Faults hold waits for 2 s here, not 30: the test frees the disk by saying nothing more.
    const engine = new Engine({ url: embedded.url, apiKey: embedded.masterKey, faultHoldMs: 2000 });
    followFaults(embedded, engine, silentLogger);
    const seedsDir = await copySeeds();
    const config = { ...loadConfig({ SEEDS_DIR: seedsDir, DATA_DIR: dataDir }), seedsDir, dataDir };
    const reindexer = new Reindexer(config, engine, silentLogger);
    const app = createApp({ engine, indexName: config.indexName, logger: silentLogger, reindexer });
    try {
      assert.equal((await reindexer.run()).status, 'done');
      const live = await engine.documentCount('articles');
      await growSeeds(seedsDir, 400);
      let outcome!: Awaited<ReturnType<Reindexer['run']>>;
      const running = reindexer.run({ full: true }).then((o) => (outcome = o));
      await waitFor('the rebuild under way', async () => (reindexer.currentRun?.progress?.done ?? 0) >= 20, 60_000, 10);
      const at = Date.now();
      await writeFile(trigger, '');
      await running;
      assert.ok(Date.now() - at < 10_000, `failed within seconds, not at the task timeout (${Date.now() - at} ms)`);
      assert.equal(outcome.status, 'failed');
      assert.equal(reindexer.lastError?.reason, 'engine-storage');
      assert.match(reindexer.lastError!.message, /disk is full.*No space left on device/);
      const status = await request(app).get('/api/status');
      assert.equal(status.body.lastError.reason, 'engine-storage');
      assert.equal(status.body.engineFault.kind, 'disk-full');
      // Searches go on (a full disk does not stop them): ready, and the live index as it was.
      assert.equal((await request(app).get('/readyz')).status, 200);
      assert.equal(await engine.documentCount('articles'), live);
      const metrics = (await request(app).get('/metrics')).text;
      assert.match(metrics, /engine_faults_total\{kind="disk-full"\} [1-9]/);
      assert.match(metrics, /index_run_failures_total\{reason="engine-storage"\} 1/);
      // Space again (the engine reports nothing more): the owed rebuild runs and the fault is over.
      await new Promise((r) => setTimeout(r, 2100));
      const next = await reindexer.run();
      assert.equal(next.status, 'done');
      assert.equal(next.status === 'done' && next.report.mode, 'full');
      assert.equal(engine.fault, null);
      assert.equal(reindexer.lastError, null);
      assert.equal((await engine.documentsWhere('articles', `file = ${filterString('copy-399-004_8bd540b0dbc04382.txt')}`)).length > 0, true);
    } finally {
      await reindexer.stop();
      await embedded.stop();
    }
  });
});
