/** The indexing process between runs (src/reindexer.ts), in a process of its own as every test file. */
import assert from 'node:assert/strict';
import { appendFile, cp, mkdir, utimes } from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/runtime/config.js';
import { Reindexer } from '../../src/reindexer.js';
import { segmenterLoaded } from '../../src/text/segment.js';
import { SEEDS, engineEnv, silentLogger, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';

const engine = testEngine();

describe('Reindexer', () => {
  const indexName = uniqueIndex('reindexer');
  const watchedIndex = uniqueIndex('reindexer-watch');
  after(async () => {
    await engine.deleteIndex(indexName).catch(() => {});
    await engine.deleteIndex(watchedIndex).catch(() => {});
  });

  it('loads the segmenter in the pipeline\'s worker once a run that needed none is over, so the next changed file does not wait for it', async () => {
    const { url, key } = engineEnv();
    const seeds = path.join(await tempDir(), 'seeds');
    await mkdir(seeds);
    const config = loadConfig({ SEEDS_DIR: seeds, DATA_DIR: await tempDir(), MEILI_URL: url, MEILI_MASTER_KEY: key, INDEX_NAME: indexName });
    const reindexer = new Reindexer(config, engine, silentLogger);
    try {
      const outcome = await reindexer.run();
      assert.equal(outcome.status, 'done');
      assert.equal(outcome.status === 'done' && outcome.report.totals.files, 0);
      assert.equal(segmenterLoaded(), false, 'an empty folder segments nothing');
      assert.ok(reindexer.pipelineWarmed, 'the warm-up is asked for when the run ends');
      assert.equal(await reindexer.pipelineWarmed, true, 'the worker loaded the dictionary');
      assert.equal(segmenterLoaded(), false, 'the thread that answers searches never loads it');
    } finally {
      await reindexer.stop();
    }
  });

  it('shows a run\'s result only together with its end: while its after-run hook works, status still has it under way', async () => {
    const { url, key } = engineEnv();
    const seeds = path.join(await tempDir(), 'seeds');
    await cp(SEEDS, seeds, { recursive: true });
    const config = loadConfig({ SEEDS_DIR: seeds, DATA_DIR: await tempDir(), MEILI_URL: url, MEILI_MASTER_KEY: key, INDEX_NAME: uniqueIndex('reindexer-end') });
    const seen: { lastRun: boolean; running: boolean; started: string }[] = [];
    let reindexer: Reindexer | null = null;
    reindexer = new Reindexer(config, engine, silentLogger, async () => {
      // The hook (the suggestions' refresh in the service) is part of the run.
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen.push({ lastRun: reindexer!.lastReport !== null, running: reindexer!.running, started: (await reindexer!.start()).jobId === null ? 'busy' : 'started' });
    });
    try {
      const outcome = await reindexer.run();
      assert.equal(outcome.status, 'done');
      // A client that saw the new lastRun and asked for a run got 409: the CI failure this guards against.
      assert.deepEqual(seen, [{ lastRun: false, running: true, started: 'busy' }]);
      assert.equal(reindexer.lastReport, outcome.status === 'done' ? outcome.report : null);
      assert.equal(reindexer.running, false);
      assert.equal(reindexer.currentRun, null);
    } finally {
      await reindexer.stop();
      await engine.deleteIndex(config.indexName).catch(() => {});
    }
  });

  it('lists again only the directory where a file changed, and indexes the change', async () => {
    const { url, key } = engineEnv();
    const seeds = path.join(await tempDir(), 'seeds');
    // The sample seeds in three directories of their own.
    for (const dir of ['a', 'b', 'c']) await cp(SEEDS, path.join(seeds, dir), { recursive: true });
    const config = loadConfig({ SEEDS_DIR: seeds, DATA_DIR: await tempDir(), MEILI_URL: url, MEILI_MASTER_KEY: key, INDEX_NAME: watchedIndex });
    const reindexer = new Reindexer(config, engine, silentLogger);
    try {
      const report = async () => {
        const outcome = await reindexer.run();
        assert.equal(outcome.status, 'done', outcome.status === 'failed' ? outcome.error.message : outcome.status);
        return (outcome as Extract<typeof outcome, { status: 'done' }>).report;
      };
      const first = await report();
      assert.deepEqual(first.directories, { listed: 4, total: 4 });
      assert.equal(first.totals.indexed, first.totals.files);

      const still = await report();
      assert.deepEqual(still.directories, { listed: 0, total: 4 });
      assert.equal(still.upserted + still.deleted, 0);

      const changed = path.join(seeds, 'b', first.files[0]!.file.split('/')[1]!);
      await appendFile(changed, '\n\n增量测试追加的一段正文，记者从有关部门获悉，相关工作正在稳步推进。\n');
      const old = new Date(Date.now() - 10_000); // past discover's second look at a file being written
      await utimes(changed, old, old);
      const next = await report();
      assert.deepEqual(next.directories, { listed: 1, total: 4 });
      assert.deepEqual(
        next.files.filter((f) => f.status !== 'unchanged').map((f) => [f.file, f.status]),
        [[path.relative(seeds, changed), 'indexed']],
      );
      assert.ok(next.upserted > 0);
    } finally {
      await reindexer.stop();
    }
  });
});
