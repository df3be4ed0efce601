/**
 * Faults the running service must survive (issue: scheduled re-indexing that never loses the live
 * index), each against real processes: the service, its embedded engine, a Meilisearch that
 * appears late.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { freePort, startEmbedded } from '../../src/engine/embedded.js';
import { Engine } from '../../src/engine/meili.js';
import { manifestPath, readManifest } from '../../indexer/sync/manifest.js';
import { SEEDS, copySeeds, growSeeds, silentLogger, tempDir } from '../helpers/env.js';
import { enginePids, getJson, startService, waitFor } from '../helpers/service.js';

const TOKEN = 'fault-test-admin-token-42';
const Q = encodeURIComponent('金砖');

interface SearchBody {
  total: number;
  hits: { id: string }[];
}
interface StatusBody {
  currentRun: { progress: { done: number } | null } | null;
  lastRun: { mode: string; finishedAt: string } | null;
}

/** Grows a seeds folder with renamed copies of the samples, so a full rebuild takes a while. */
describe('service faults', () => {
  it('survives its engine killed in the middle of a full rebuild: 503 while down, restarted, old index served, rebuild retried, nothing lost or doubled', async () => {
    const dataDir = await tempDir();
    const seedsDir = await copySeeds();
    const svc = await startService({ DATA_DIR: dataDir, SEEDS_DIR: seedsDir, ADMIN_TOKEN: TOKEN, REINDEX_CRON: '*/2 * * * * *' });
    try {
      const before = await waitFor('the first index', async () => {
        const r = await getJson<SearchBody>(`${svc.base}/api/search?q=${Q}&perPage=50`);
        return r.status === 200 && r.body.total > 0 ? r.body : null;
      });
      // Nothing may run on schedule now: the run this test kills must be its full rebuild.
      // Enough files that the rebuild is still running when the engine is killed (streaming made 125 files too quick).
      await growSeeds(seedsDir, 600);
      await waitFor('the full rebuild to start (202, not 409 behind another run)', async () => {
        const res = await fetch(`${svc.base}/api/admin/reindex?full=true`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
        return res.status === 202;
      }, 60_000, 50);
      await waitFor('the rebuild to be under way', async () => {
        const s = await getJson<StatusBody>(`${svc.base}/api/status`);
        return (s.body.currentRun?.progress?.done ?? 0) >= 5;
      }, 60_000, 20);
      const [pid] = await enginePids(dataDir);
      assert.ok(pid, 'the engine runs');
      const linesBeforeKill = svc.output.length;
      process.kill(pid, 'SIGKILL');

      const down = await waitFor('a 503 while the engine is down', async () => {
        const r = await getJson(`${svc.base}/api/search?q=${Q}`);
        return r.status === 503 ? r : null;
      }, 10_000, 10);
      assert.ok(Number(down.headers.get('retry-after')) > 0);
      assert.match(down.headers.get('content-type') ?? '', /problem\+json/);

      // Restarted by its supervisor; the old live index answers as before.
      const during = await waitFor('the restarted engine', async () => {
        const r = await getJson<SearchBody>(`${svc.base}/api/search?q=${Q}&perPage=50`);
        return r.status === 200 ? r.body : null;
      }, 30_000);
      assert.ok(during.total >= before.total);
      assert.notEqual((await enginePids(dataDir))[0], pid);

      // The failed rebuild is retried and completes. Read from the log, not /api/status: the every-2-s
      // schedule can start the next (incremental) run before a status poll sees the full one as last.
      await waitFor('the rebuild to be retried and complete', async () => {
        return svc.output.slice(linesBeforeKill).some((l) => l.includes('"msg":"index run finished"') && l.includes('"mode":"full"'));
      }, 120_000, 100);
      const runtime = JSON.parse(await readFile(path.join(dataDir, 'meili-runtime.json'), 'utf8')) as { url: string };
      const engine = new Engine({ url: runtime.url, apiKey: (await readFile(path.join(dataDir, 'meili-master-key'), 'utf8')).trim() });
      const manifest = await readManifest(manifestPath(dataDir, 'articles'));
      assert.ok(manifest.status === 'ok');
      const expected = [...manifest.manifest.files.values()].flatMap((f) => f.chunkIds);
      assert.equal(manifest.manifest.files.size, 605);
      assert.equal(new Set(expected).size, expected.length, 'no chunk id twice');
      assert.equal(await engine.documentCount('articles'), expected.length, 'no document missing or doubled');
      assert.deepEqual(await engine.listIndexes('articles__build_'), [], 'no half-built index left');
    } catch (err) {
      // What the service said is the first thing to read when this fails.
      process.stderr.write(`${svc.output.filter((l) => !l.includes('"level":20')).slice(-40).join('\n')}\n`);
      throw err;
    } finally {
      svc.child.kill('SIGTERM');
      assert.equal(await svc.exited, 0);
    }
  });

  it('starts while MEILI_URL points at an engine that is down, and recovers without a restart when it appears', async () => {
    const port = await freePort();
    const key = 'late-engine-master-key-0123456789';
    const svc = await startService({ DATA_DIR: await tempDir(), SEEDS_DIR: SEEDS, MEILI_URL: `http://127.0.0.1:${port}`, MEILI_MASTER_KEY: key, REINDEX_CRON: '*/1 * * * * *' });
    const late = { stop: async () => {} };
    try {
      assert.equal((await getJson(`${svc.base}/healthz`)).status, 200);
      assert.equal((await getJson(`${svc.base}/readyz`)).status, 503);
      const search = await getJson(`${svc.base}/api/search?q=${Q}`);
      assert.equal(search.status, 503);
      assert.ok(Number(search.headers.get('retry-after')) > 0);

      const engine = await startEmbedded({ dataDir: await tempDir(), masterKey: key, port, maxIndexingThreads: 1, maxIndexingMemoryMb: 256, logger: silentLogger });
      late.stop = engine.stop;
      await waitFor('readiness once the engine is up', async () => (await getJson(`${svc.base}/readyz`)).status === 200, 60_000, 200);
      const hits = await waitFor('search hits', async () => {
        const r = await getJson<SearchBody>(`${svc.base}/api/search?q=${Q}`);
        return r.status === 200 && r.body.total > 0 ? r.body : null;
      });
      assert.ok(hits.hits.length > 0);
    } finally {
      svc.child.kill('SIGTERM');
      assert.equal(await svc.exited, 0);
      await late.stop();
    }
  });

  it('stops a rebuild at a safe point on SIGTERM, exits 0, and the next start brings the index to seeds/', async () => {
    const dataDir = await tempDir();
    const seedsDir = await copySeeds();
    await growSeeds(seedsDir, 120);
    const env = { DATA_DIR: dataDir, SEEDS_DIR: seedsDir, ADMIN_TOKEN: TOKEN, REINDEX_CRON: '0 0 1 1 *' };
    const svc = await startService(env);
    await waitFor('the first run to be under way', async () => ((await getJson<StatusBody>(`${svc.base}/api/status`)).body.currentRun?.progress?.done ?? 0) >= 5, 60_000, 20);
    svc.child.kill('SIGTERM');
    assert.equal(await svc.exited, 0);
    assert.ok(svc.output.some((l) => l.includes('index run failed') && l.includes('stopped before the run finished')), 'the run stopped between two files');
    await waitFor('the engine to stop', async () => (await enginePids(dataDir)).length === 0, 15_000);
    // Started again, the service finishes the job.
    const again = await startService(env);
    try {
      await waitFor('the index', async () => (await getJson<StatusBody>(`${again.base}/api/status`)).body.lastRun?.mode === 'full', 120_000, 200);
      const manifest = await readManifest(manifestPath(dataDir, 'articles'));
      assert.ok(manifest.status === 'ok');
      assert.equal(manifest.manifest.files.size, 125);
    } finally {
      again.child.kill('SIGTERM');
      assert.equal(await again.exited, 0);
    }
  });

  it('lets a request in flight finish on SIGTERM, then exits 0 and stops its engine', async () => {
    const dataDir = await tempDir();
    const svc = await startService({ DATA_DIR: dataDir, SEEDS_DIR: SEEDS, ADMIN_TOKEN: TOKEN });
    await waitFor('readiness', async () => (await getJson(`${svc.base}/readyz`)).status === 200);
    const { port } = new URL(svc.base);
    // A request whose body is still arriving when SIGTERM comes.
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    const body = '{"note":"in flight"}';
    socket.write(`POST /api/admin/reindex HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 5)}`);
    await new Promise((r) => setTimeout(r, 200));
    svc.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    socket.end(body.slice(5));
    await new Promise((r) => socket.once('close', r));
    assert.match(answer, /^HTTP\/1\.1 (202|409) /, answer.slice(0, 80));
    assert.equal(await svc.exited, 0);
    await waitFor('the engine to stop', async () => (await enginePids(dataDir)).length === 0, 15_000);
  });
});
