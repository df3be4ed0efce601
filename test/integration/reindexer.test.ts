/** The indexing process between runs (src/reindexer.ts), in a process of its own as every test file. */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { Reindexer } from '../../src/reindexer.js';
import { segmenterLoaded } from '../../indexer/segment.js';
import { engineEnv, silentLogger, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';

const engine = testEngine();

describe('Reindexer', () => {
  const indexName = uniqueIndex('reindexer');
  after(async () => {
    await engine.deleteIndex(indexName).catch(() => {});
  });

  it('loads the segmenter once a run that needed none is over, so the next changed file does not wait for it', async () => {
    const { url, key } = engineEnv();
    const seeds = path.join(await tempDir(), 'seeds');
    await mkdir(seeds);
    const config = loadConfig({ SEEDS_DIR: seeds, DATA_DIR: await tempDir(), MEILI_URL: url, MEILI_MASTER_KEY: key, INDEX_NAME: indexName });
    const reindexer = new Reindexer(config, engine, silentLogger);
    const outcome = await reindexer.run();
    assert.equal(outcome.status, 'done');
    assert.equal(outcome.status === 'done' && outcome.report.totals.files, 0);
    assert.equal(segmenterLoaded(), false, 'an empty folder segments nothing');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(segmenterLoaded(), true);
    await reindexer.stop();
  });
});
