/**
 * What keeps an operator's mistake or an outage from emptying or corrupting the index (issue 24),
 * each with real processes: the service, its embedded engine, `npm run index`.
 * - an empty seeds folder (an unmounted share) is refused, not indexed as "delete everything";
 * - one process per DATA_DIR runs the engine; a second service exits naming the holder;
 * - one indexing run per DATA_DIR, whoever starts it;
 * - a rebuild killed with -9 leaves no build index behind for long, and is done again.
 */
import assert from 'node:assert/strict';
import { copyFile, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Engine } from '../../src/engine/meili.js';
import { SEEDS, copySeeds, growSeeds, tempDir } from '../helpers/env.js';
import { dumpService, enginePids, getJson, runIndexCli, runServiceToExit, startService, stopService, waitFor, type Service } from '../helpers/service.js';

const TOKEN = 'guards-test-admin-token-42';
const NEVER = '0 0 1 1 *';

interface SearchBody {
  total: number;
}
interface StatusBody {
  lastRun: { mode: string; reason: string | null; finishedAt: string; deleted: number } | null;
  lastError: { message: string; reason: string } | null;
  currentRun: { full: boolean; progress: { done: number } | null } | null;
}

async function engineOf(dataDir: string): Promise<Engine> {
  const { url } = JSON.parse(await readFile(path.join(dataDir, 'meili-runtime.json'), 'utf8')) as { url: string };
  return new Engine({ url, apiKey: (await readFile(path.join(dataDir, 'meili-master-key'), 'utf8')).trim() });
}

const status = async (svc: Service) => (await getJson<StatusBody>(`${svc.base}/api/status`)).body;
const total = async (svc: Service) => (await getJson<SearchBody>(`${svc.base}/api/search?q=${encodeURIComponent('金砖')}`)).body.total;

describe('an empty seeds folder', () => {
  it('is refused, not taken for "delete everything": index kept, error in status, metrics and log, until an operator confirms', async () => {
    const dataDir = await tempDir();
    const seedsDir = await copySeeds();
    const svc = await startService({ DATA_DIR: dataDir, SEEDS_DIR: seedsDir, ADMIN_TOKEN: TOKEN, REINDEX_CRON: '*/1 * * * * *' });
    try {
      await waitFor('the first index', async () => (await status(svc)).lastRun !== null); // the first run is the full one; later ones follow every second
      const before = await total(svc);
      assert.ok(before > 0);
      // What an unmounted share looks like: the folder is there, with nothing in it.
      for (const name of await readdir(seedsDir)) await rm(path.join(seedsDir, name));
      const refused = await waitFor('a refused run', async () => {
        const s = await status(svc);
        return s.lastError?.reason === 'mass-delete' ? s.lastError : null;
      }, 30_000, 100);
      assert.match(refused.message, /refused to delete \d+ of \d+ indexed files: the seeds folder is empty/);
      assert.equal(await total(svc), before, 'searches answer as before');
      assert.equal((await getJson(`${svc.base}/readyz`)).status, 200);
      const metrics = await (await fetch(`${svc.base}/metrics`)).text();
      assert.match(metrics, /index_run_failures_total\{reason="mass-delete"\} [1-9]/);
      assert.match(metrics, /index_last_run_failed 1/);
      assert.ok(svc.output.some((l) => l.includes('"level":50') && l.includes('refused to delete')), 'logged at error level');

      // A bad confirmation is a 400 naming the parameter; a good one empties the index.
      const bad = await fetch(`${svc.base}/api/admin/reindex?allowMassDelete=yes`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /allowMassDelete/);
      await waitFor('the confirmed run to start', async () => {
        const res = await fetch(`${svc.base}/api/admin/reindex?allowMassDelete=true`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
        return res.status === 202;
      }, 30_000, 50);
      await waitFor('the index emptied', async () => (await total(svc)) === 0, 30_000, 100);
      const after = await waitFor('a later run to clear the error', async () => {
        const s = await status(svc);
        return s.lastError === null && s.lastRun ? s : null;
      }, 30_000, 100);
      assert.equal(after.lastError, null);
    } catch (err) {
      dumpService(svc);
      throw err;
    } finally {
      await stopService(svc);
    }
  });
});

describe('one process per DATA_DIR', () => {
  it('a second service on the same DATA_DIR exits naming the holder, on another port or the same, and leaves the first alone; the CLI uses the running engine', async () => {
    const dataDir = await tempDir();
    const seedsDir = await copySeeds();
    const first = await startService({ DATA_DIR: dataDir, SEEDS_DIR: seedsDir, REINDEX_CRON: NEVER });
    try {
      await waitFor('the first index', async () => (await getJson(`${first.base}/readyz`)).status === 200);
      const runtime = await readFile(path.join(dataDir, 'meili-runtime.json'), 'utf8');
      const [enginePid] = await enginePids(dataDir);
      assert.ok(enginePid);
      for (const port of ['0', new URL(first.base).port]) {
        const second = await runServiceToExit({ DATA_DIR: dataDir, SEEDS_DIR: seedsDir, REINDEX_CRON: NEVER, PORT: port });
        assert.equal(second.code, 1, second.output.join('\n'));
        assert.ok(second.output.some((l) => l.includes(`in use by process ${first.child.pid}`)), `names the holder's pid: ${second.output.join('\n')}`);
        assert.deepEqual(await enginePids(dataDir), [enginePid], 'no second engine on the database');
        assert.equal(await readFile(path.join(dataDir, 'meili-runtime.json'), 'utf8'), runtime, 'the runtime file is the first service\'s');
      }
      // The CLI indexes through the service's engine: still one engine, and the search sees its run.
      await copyFile(path.join(SEEDS, '002_bd23061ac044c198.txt'), path.join(seedsDir, 'cli-added.txt'));
      const cli = await runIndexCli([], { DATA_DIR: dataDir, SEEDS_DIR: seedsDir });
      assert.equal(cli.code, 0, cli.stderr);
      assert.match(cli.stderr, /1 indexed/);
      assert.deepEqual(await enginePids(dataDir), [enginePid]);
      assert.equal((await getJson(`${first.base}/readyz`)).status, 200);
    } finally {
      await stopService(first);
    }
    assert.deepEqual(await enginePids(dataDir), []);
  });
});

describe('one indexing run per DATA_DIR', () => {
  it('the CLI answers that a run is under way (exit 75, naming the service) during the service\'s full rebuild, which completes', async () => {
    const dataDir = await tempDir();
    const seedsDir = await copySeeds();
    const svc = await startService({ DATA_DIR: dataDir, SEEDS_DIR: seedsDir, ADMIN_TOKEN: TOKEN, REINDEX_CRON: NEVER });
    try {
      await waitFor('the first index', async () => (await status(svc)).lastRun?.mode === 'full', 60_000, 100);
      await growSeeds(seedsDir, 400);
      const started = await fetch(`${svc.base}/api/admin/reindex?full=true`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(started.status, 202);
      await waitFor('the rebuild under way', async () => ((await status(svc)).currentRun?.progress?.done ?? 0) >= 5, 60_000, 20);
      const cli = await runIndexCli(['--full'], { DATA_DIR: dataDir, SEEDS_DIR: seedsDir });
      assert.equal(cli.code, 75, cli.stderr);
      assert.match(cli.stderr, new RegExp(`a run is under way in process ${svc.child.pid} \\(service`));
      const done = await waitFor('the service\'s rebuild to finish', async () => {
        const s = await status(svc);
        return !s.currentRun && s.lastRun?.mode === 'full' && s.lastError === null ? s : null;
      }, 120_000, 200);
      assert.ok(done);
      const engine = await engineOf(dataDir);
      assert.deepEqual(await engine.listIndexes('articles__build_'), []);
    } catch (err) {
      dumpService(svc);
      throw err;
    } finally {
      await stopService(svc);
    }
  });
});

describe('a rebuild killed with -9', () => {
  it('leaves no build index after the next start, which rebuilds in full (the rebuild was owed)', async () => {
    const dataDir = await tempDir();
    const seedsDir = await copySeeds();
    const env = { DATA_DIR: dataDir, SEEDS_DIR: seedsDir, ADMIN_TOKEN: TOKEN, REINDEX_CRON: NEVER };
    const svc = await startService(env);
    await waitFor('the first index', async () => (await status(svc)).lastRun?.mode === 'full', 60_000, 100);
    await growSeeds(seedsDir, 400);
    assert.equal((await fetch(`${svc.base}/api/admin/reindex?full=true`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status, 202);
    await waitFor('the rebuild under way', async () => ((await status(svc)).currentRun?.progress?.done ?? 0) >= 20, 60_000, 20);
    svc.child.kill('SIGKILL');
    await svc.exited;
    await waitFor('the engine to stop', async () => (await enginePids(dataDir)).length === 0, 15_000);

    const again = await startService(env);
    try {
      const s = await waitFor('the first run after the restart', async () => {
        const st = await status(again);
        // lastRun is set before the run's end hook (the suggestions) finishes: wait for both.
        return st.lastRun && !st.currentRun ? st : null;
      }, 120_000, 100);
      assert.equal(s.lastRun!.mode, 'full');
      assert.match(s.lastRun!.reason ?? '', /full rebuild started at .* did not finish/);
      assert.deepEqual(await (await engineOf(dataDir)).listIndexes('articles__build_'), []);
      // And the next run has nothing owed.
      assert.equal((await fetch(`${again.base}/api/admin/reindex`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status, 202);
      await waitFor('an incremental run', async () => (await status(again)).lastRun?.mode === 'incremental', 60_000, 100);
    } catch (err) {
      dumpService(again);
      throw err;
    } finally {
      await stopService(again);
    }
  });
});
