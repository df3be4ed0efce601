/** Faults around indexing: the indexer killed while it writes, an unreadable file, failing engine tasks. */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { chmod, copyFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startEmbedded } from '../../src/engine/embedded.js';
import { Engine, filterString } from '../../src/engine/meili.js';
import { EngineError } from '../../src/engine/errors.js';
import { discover } from '../../indexer/sync/discover.js';
import { manifestPath, readManifest } from '../../indexer/sync/manifest.js';
import { linkResults, processFile } from '../../indexer/sync/pipeline.js';
import { syncSeeds } from '../../indexer/sync/sync.js';
import type { FileResult } from '../../indexer/extract/types.js';
import { ROOT, SEEDS, copySeeds, engineEnv, silentLogger, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';
import { waitFor } from '../helpers/service.js';
import { latestTaskUid } from '../../bench/engine-stats.js';

const exec = promisify(execFile);
const engine = testEngine();

/** The chunk ids a clean run over the folder produces: what the index must hold. */
async function expectedIds(seedsDir: string): Promise<string[]> {
  const { files } = await discover(seedsDir, { maxFileBytes: 2e7, secondLookMs: 1 });
  const ok = files.map(processFile).filter((r): r is Extract<FileResult, { ok: true }> => r.ok);
  linkResults(ok);
  return ok.flatMap((r) => r.chunks).map((c) => c.id).sort();
}

async function indexIds(indexName: string): Promise<string[]> {
  return (await engine.documentsWhere(indexName, 'chunkIndex >= 0', ['id'])).map((d) => String(d.id)).sort();
}

describe('indexer faults', () => {
  it('brings the index to exactly the state of seeds/ after the indexer was killed while writing', async () => {
    const { url, key } = engineEnv();
    const seedsDir = await copySeeds();
    const dataDir = await tempDir();
    const indexName = uniqueIndex('killed');
    try {
      await syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 2e7, engine });
      // Changes for the next run: new files, a changed file, a deleted file.
      const samples = (await readdir(SEEDS)).filter((f) => f.endsWith('.txt'));
      for (let i = 0; i < 40; i++) await copyFile(path.join(SEEDS, samples[i % samples.length]!), path.join(seedsDir, `more-${i}.txt`));
      await writeFile(path.join(seedsDir, '002_bd23061ac044c198.txt'), '新华社北京1月2日电（记者甲乙）一条替换了原文的短消息，用来检验增量索引。\n');
      await rm(path.join(seedsDir, '003_eab1bee5dfb038ec.txt'));

      const lastTask = await latestTaskUid(engine);
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'indexer', 'cli.ts'), '--seeds', seedsDir], {
        env: { PATH: process.env.PATH, DATA_DIR: dataDir, MEILI_URL: url, MEILI_MASTER_KEY: key, INDEX_NAME: indexName },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      readline.createInterface({ input: child.stderr! }).on('line', () => {});
      const exited = new Promise((r) => child.once('exit', r));
      // Killed as soon as it has sent the engine something, before it can write its manifest.
      await waitFor('the indexer to write', async () => (await latestTaskUid(engine)) !== lastTask || child.exitCode !== null, 60_000, 5);
      child.kill('SIGKILL');
      await exited;

      const report = await syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 2e7, engine });
      assert.ok(report.totals.files === 44);
      assert.deepEqual(await indexIds(indexName), await expectedIds(seedsDir));
    } finally {
      await engine.deleteIndex(indexName).catch(() => {});
    }
  });

  it('keeps the last good content of a file that became unreadable, and reports it', async () => {
    const { url, key } = engineEnv();
    const seedsDir = await copySeeds();
    const dataDir = await tempDir();
    await chmod(seedsDir, 0o755);
    await chmod(dataDir, 0o777);
    const indexName = uniqueIndex('unreadable');
    // Root reads any file, so the runs go as an unprivileged user when the tests run as root.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = async () => {
      const { stdout } = await exec(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'fixtures', 'process', 'sync-once.ts')], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, SEEDS_DIR: seedsDir, DATA_DIR: dataDir, MEILI_URL: url, MEILI_MASTER_KEY: key, INDEX_NAME: indexName },
        ...asUser,
      });
      return JSON.parse(stdout) as { files: { file: string; status: string; diagnostics: { reason: string }[] }[] };
    };
    try {
      await run();
      const file = '001_62b33d8008ef756f.txt';
      const kept = (await engine.documentsWhere(indexName, `file = "${file}"`, ['id'])).length;
      assert.ok(kept > 0);
      await chmod(path.join(seedsDir, file), 0o000);
      // A changed mtime makes the run look at the file again.
      await utimes(path.join(seedsDir, file), new Date(), new Date(Date.now() - 10_000));
      const report = await run();
      const r = report.files.find((f) => f.file === file);
      assert.equal(r?.status, 'rejected');
      assert.match(r.diagnostics[0]?.reason ?? '', /cannot read the file \(EACCES\)/);
      assert.equal((await engine.documentsWhere(indexName, `file = "${file}"`, ['id'])).length, kept);
      assert.ok(report.files.filter((f) => f.status === 'unchanged').length === 4, 'everything else untouched');
    } finally {
      await engine.deleteIndex(indexName).catch(() => {});
    }
  });

  it('surfaces failing engine requests with the engine\'s message and leaves the live index as it was', async () => {
    const dataDir = await tempDir();
    const seedsDir = await copySeeds();
    const runDir = await tempDir();
    const first = await startEmbedded({ dataDir, maxIndexingThreads: 1, maxIndexingMemoryMb: 256, logger: silentLogger, supervise: false });
    let e = new Engine({ url: first.url, apiKey: first.masterKey });
    await syncSeeds({ seedsDir, dataDir: runDir, indexName: 'articles', maxFileBytes: 2e7, engine: e });
    const count = await e.documentCount('articles');
    await first.stop();
    // The same database under an engine that refuses request bodies over 1 KiB.
    const strict = await startEmbedded({ dataDir, maxIndexingThreads: 1, maxIndexingMemoryMb: 256, logger: silentLogger, supervise: false, extraArgs: ['--http-payload-size-limit', '1024'] });
    try {
      e = new Engine({ url: strict.url, apiKey: strict.masterKey });
      const manifestBefore = await readManifest(manifestPath(runDir, 'articles'));
      await writeFile(path.join(seedsDir, '004_8bd540b0dbc04382.txt'), `${'新的一段内容。'.repeat(400)}\n`);
      for (const full of [false, true]) {
        await assert.rejects(syncSeeds({ seedsDir, dataDir: runDir, indexName: 'articles', maxFileBytes: 2e7, engine: e, full }), (err: unknown) => {
          assert.ok(err instanceof EngineError);
          assert.match(err.message, /payload|too large|413/i);
          return true;
        });
        assert.equal(await e.documentCount('articles'), count, 'the live index is as it was');
        assert.deepEqual(await readManifest(manifestPath(runDir, 'articles')), manifestBefore, 'the manifest is as it was');
      }
    } finally {
      await strict.stop();
    }
  });
});

describe('path safety', () => {
  it('indexes files with quotes, newlines and spaces in their names, and filters on them safely', async () => {
    const seedsDir = await tempDir();
    const dataDir = await tempDir();
    const indexName = uniqueIndex('names');
    const names = ['quote"name.txt', 'back\\slash.txt', 'new\nline.txt', '空 格.txt'];
    try {
      for (const name of names) await writeFile(path.join(seedsDir, name), `新华社北京3月1日电（记者张三）关于文件名${names.indexOf(name)}的测试新闻，内容足够长以便成为一篇文章。\n`);
      await syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 2e7, engine });
      for (const name of names) {
        const docs = await engine.documentsWhere(indexName, `file = ${filterString(name)}`, ['id', 'file']);
        assert.equal(docs.length, 1, name);
        assert.equal(docs[0]?.file, name);
      }
      // A name that turns bad keeps its chunks through a full rebuild (the filter on its name must hold).
      await writeFile(path.join(seedsDir, names[0]!), Buffer.from([0, 1, 2, 0, 0xff]));
      const report = await syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 2e7, engine, full: true });
      assert.equal(report.files.find((f) => f.file === names[0])?.status, 'rejected');
      assert.equal(await engine.documentCount(indexName), names.length);
    } finally {
      await engine.deleteIndex(indexName).catch(() => {});
    }
  });
});
