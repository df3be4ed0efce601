/** `npm run backup` against an embedded engine, and a restore of its dump into a new engine. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { startEmbedded } from '../../src/engine/embedded.js';
import { Engine } from '../../src/engine/meili.js';
import { ROOT, silentLogger, tempDir } from '../helpers/env.js';

const exec = promisify(execFile);
const start = (dataDir: string, extraArgs: string[] = []) =>
  startEmbedded({ dataDir, maxIndexingThreads: os.availableParallelism(), maxIndexingMemoryMb: 256, logger: silentLogger, extraArgs });

describe('npm run backup', () => {
  it('dumps the running engine, says where, and the dump restores every document into a new engine', async () => {
    const dataDir = await tempDir();
    const source = await start(dataDir);
    let dumpFile: string;
    try {
      const engine = new Engine({ url: source.url, apiKey: source.masterKey });
      await engine.createIndex('articles');
      await engine.addDocuments('articles', Array.from({ length: 250 }, (_, i) => ({ id: `d${i}`, text: `第${i}篇` })));
      // The service's embedded engine is found through DATA_DIR, as `npm run backup` finds it beside `npm start`.
      const { stdout } = await exec(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'backup.ts')], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, DATA_DIR: dataDir },
      });
      const m = /^dump (\S+) written: (\S+\.dump)$/m.exec(stdout);
      assert.ok(m, stdout);
      dumpFile = m[2]!;
      assert.equal(path.dirname(dumpFile), path.join(dataDir, 'meili', 'dumps'));
      assert.ok((await stat(dumpFile)).size > 0);
    } finally {
      await source.stop();
    }
    const restored = await start(await tempDir(), ['--import-dump', dumpFile]);
    try {
      const engine = new Engine({ url: restored.url, apiKey: restored.masterKey });
      assert.equal(await engine.documentCount('articles'), 250);
    } finally {
      await restored.stop();
    }
  });

  it('exits 2 naming the setting when the configuration is bad', async () => {
    await assert.rejects(
      exec(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'backup.ts')], { cwd: ROOT, env: { PATH: process.env.PATH, EMBEDDED_ENGINE: 'off' } }),
      (err: { code: number; stderr: string }) => err.code === 2 && /MEILI_URL/.test(err.stderr),
    );
  });
});
