/**
 * `npm start` as a process: embedded engine on a free port, master key kept secret, a search
 * served from the indexed samples, and no engine left behind on SIGTERM, SIGKILL or a crash.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { describe, it } from 'node:test';
import { ROOT, copySeeds, tempDir } from '../helpers/env.js';
import { enginePids, pidsWith, startService as startProcess, waitFor, type Service } from '../helpers/service.js';

/** The keys of a JSON object's own level, in order, repeats kept (JSON.parse keeps only the last of a repeated key). */
function topLevelKeys(json: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let j = i + 1;
      while (json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      if (depth === 1 && expectKey) keys.push(json.slice(i + 1, j));
      expectKey = false;
      i = j;
    } else if (c === '{' || c === '[') {
      depth++;
      expectKey = c === '{' && depth === 1;
    } else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 1) expectKey = true;
  }
  return keys;
}

/** The service on a fresh DATA_DIR and a copy of the samples, with the engine's log lines forwarded (debug). */
async function startService(): Promise<Service & { dataDir: string }> {
  const dataDir = await tempDir();
  const svc = await startProcess({ DATA_DIR: dataDir, SEEDS_DIR: await copySeeds(), LOG_LEVEL: 'debug' });
  return { ...svc, dataDir, port: Number(new URL(svc.base).port) };
}

describe('npm start (src/main.ts)', () => {
  it('serves searches from an embedded engine and stops it cleanly on SIGTERM', async () => {
    const svc = await startService();
    const base = `http://127.0.0.1:${svc.port}`;
    await waitFor('readiness', async () => (await fetch(`${base}/readyz`)).ok);
    const res = await waitFor('search hits', async () => {
      const r = await fetch(`${base}/api/search?q=${encodeURIComponent('金砖')}`);
      const body = (await r.json()) as { total: number };
      return body.total > 0 ? body : null;
    });
    assert.ok(res.total > 0);

    const [enginePid] = await enginePids(svc.dataDir);
    assert.ok(enginePid, 'the embedded engine runs');
    const keyFile = path.join(svc.dataDir, 'meili-master-key');
    assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
    const key = (await readFile(keyFile, 'utf8')).trim();
    assert.ok(key.length >= 16);
    assert.deepEqual(await pidsWith(key), [], 'the master key is on no command line');
    const engineArgs = (await readFile(`/proc/${enginePid}/cmdline`, 'utf8')).split('\0');
    assert.ok(engineArgs.includes('--no-analytics'));
    assert.ok(engineArgs.includes('--max-indexing-threads'));
    assert.ok(engineArgs.includes('--max-indexing-memory'));

    svc.child.kill('SIGTERM');
    assert.equal(await svc.exited, 0);
    await waitFor('the engine to stop', async () => (await enginePids(svc.dataDir)).length === 0, 15_000);
    assert.ok(!svc.output.join('\n').includes(key), 'the master key is in no log line');
    assert.ok(svc.output.some((l) => l.includes('meilisearch')), 'engine log lines are forwarded at debug level');
    // A first start asks for an index that is not built yet: the engine's 404 warnings stay at debug.
    const lines = svc.output.filter((l) => l.startsWith('{')).map((l) => [l, JSON.parse(l) as { level: number; msg: string }] as const);
    assert.deepEqual(lines.filter(([, l]) => l.msg === 'meilisearch' && l.level >= 40).map(([t]) => t), []);
    // No line carries a key twice (the engine's pid was logged as `pid`, beside the process's own).
    for (const [text] of lines) {
      const keys = topLevelKeys(text);
      assert.equal(new Set(keys).size, keys.length, text);
    }
  });

  it('leaves no engine behind when the service is killed with SIGKILL', async () => {
    const svc = await startService();
    await waitFor('the engine', async () => (await enginePids(svc.dataDir)).length > 0);
    svc.child.kill('SIGKILL');
    await svc.exited;
    await waitFor('the orphaned engine to stop', async () => (await enginePids(svc.dataDir)).length === 0, 15_000);
  });

  it('leaves no engine behind when the process crashes', async () => {
    const dataDir = await tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'fixtures', 'process', 'crash-after-engine.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let enginePid = 0;
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      enginePid = Number((JSON.parse(line) as { enginePid: number }).enginePid);
    });
    assert.notEqual(await exited, 0);
    assert.ok(enginePid > 0);
    await waitFor('the engine to stop', async () => (await enginePids(dataDir)).length === 0, 15_000);
  });

  it('refuses a bad configuration, naming the variable, before starting anything', async () => {
    const dataDir = await tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: 'not-a-port' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(stderr, /PORT/);
    assert.deepEqual(await enginePids(dataDir), []);
  });

  it('reads suggestions again after a run that changed the index, not after one that changed nothing', async () => {
    const seedsDir = await copySeeds();
    const token = 'lifecycle-admin-token-0123456789';
    const svc = await startProcess({ DATA_DIR: await tempDir(), SEEDS_DIR: seedsDir, SCHEDULER: 'off', ADMIN_TOKEN: token });
    try {
      const rebuilt = () => svc.output.filter((l) => l.includes('suggestions rebuilt')).length;
      const finished = () => svc.output.filter((l) => l.includes('"msg":"index run finished"')).length;
      const reindex = async () => {
        const runs = finished();
        const res = await fetch(`${svc.base}/api/admin/reindex`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
        assert.equal(res.status, 202);
        await waitFor('the run to finish', async () => finished() > runs && (await (await fetch(`${svc.base}/api/status`)).json() as { currentRun: unknown }).currentRun === null);
      };
      await reindex(); // the first run builds the index
      const afterBuild = rebuilt();
      assert.ok(afterBuild >= 1);
      await reindex(); // nothing changed
      assert.equal(rebuilt(), afterBuild, 'a run that changed nothing leaves the suggestions as they are');
      await writeFile(path.join(seedsDir, 'new.txt'), '本报讯（记者李四）锦屏水电站今年完成扩建，装机容量提高三成，年发电量可满足两百万户家庭的用电需求。\n');
      await reindex();
      assert.equal(rebuilt(), afterBuild + 1, 'a run that changed the index reads them again');
    } finally {
      svc.child.kill('SIGTERM');
      await svc.exited;
    }
  });
});
