/** The pipeline's worker thread (indexer/sync/pipeline-pool.ts): the same results as on the caller's thread, a capped heap, workers replaced. */
import assert from 'node:assert/strict';
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadSource, processForSync } from '../../indexer/sync/pipeline.js';
import { PipelinePool } from '../../indexer/sync/pipeline-pool.js';
import type { SourceFile } from '../../indexer/extract/types.js';
import { SEEDS, tempDir } from '../helpers/env.js';

async function sourceFile(absPath: string, relPath = path.basename(absPath)): Promise<SourceFile> {
  const info = await stat(absPath);
  return { relPath, absPath, size: info.size, mtimeMs: info.mtimeMs };
}

const samples = async () => Promise.all((await readdir(SEEDS)).filter((f) => f.endsWith('.txt')).sort().map((f) => sourceFile(path.join(SEEDS, f))));

describe('PipelinePool', () => {
  it('gives the results the caller\'s thread gives, also when every worker is replaced after its file', async () => {
    // recycleAboveBytes 0: each worker is terminated after one file, and exits while the next file is already with its successor.
    const pool = new PipelinePool({ memoryMb: 256, recycleAboveBytes: 0 });
    try {
      for (const file of [...(await samples()), ...(await samples())]) {
        const inWorker = await pool.process(file, loadSource(file));
        const inline = processForSync(file, loadSource(file));
        assert.equal(inWorker.result.ok, true, `${file.relPath}: ${JSON.stringify(!inWorker.result.ok && inWorker.result.diagnostics)}`);
        assert.deepEqual(inWorker, inline, file.relPath);
      }
    } finally {
      await pool.close();
    }
  });

  it('rejects a file that needs more heap than the cap, naming the setting, and goes on with the next', async () => {
    const dir = await tempDir();
    const big = path.join(dir, 'big.txt');
    await writeFile(big, '国家统计局今天发布数据显示，前三季度国内生产总值同比增长，就业形势总体稳定。'.repeat(150_000));
    const pool = new PipelinePool({ memoryMb: 48 });
    try {
      const file = await sourceFile(big);
      const out = await pool.process(file, loadSource(file));
      assert.equal(out.result.ok, false);
      const error = !out.result.ok ? out.result.diagnostics.find((d) => d.severity === 'error') : undefined;
      assert.equal(error?.rule, 'pipeline/out-of-memory');
      assert.match(error?.reason ?? '', /PIPELINE_MEMORY_MB=48/);
      const [sample] = await samples();
      const next = await pool.process(sample!, loadSource(sample!));
      assert.equal(next.result.ok, true, `a new worker takes the next file: ${JSON.stringify(!next.result.ok && next.result.diagnostics)}`);
    } finally {
      await pool.close();
    }
  });

  it('answers a warm-up once the worker has loaded its dictionary, and not after it was closed', async () => {
    const pool = new PipelinePool({ memoryMb: 256 });
    assert.equal(await pool.warm(), true);
    await pool.close();
    assert.equal(await pool.warm(), false);
  });
});
