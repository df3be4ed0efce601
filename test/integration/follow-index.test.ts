/**
 * Suggestions follow the index whoever changes it: a gateway that does not index (a search-only
 * replica) reads them again when the index's stamp moves, and not on a check that finds nothing new.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { syncSeeds } from '../../indexer/sync/sync.js';
import { SuggestionIndex } from '../../src/gateway/suggest.js';
import { copySeeds, engineEnv, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';
import { getJson, startService, waitFor, type Service } from '../helpers/service.js';

const engine = testEngine();
const NEW_TITLE = '锦屏水电站完成扩建';
const NEW_FILE = `${NEW_TITLE}\n\n本报讯（记者李四）锦屏水电站今年完成扩建，装机容量提高三成，年发电量可满足两百万户家庭的用电需求。\n`;

describe('suggestions follow the index', () => {
  const indexes: string[] = [];
  const services: Service[] = [];
  after(async () => {
    for (const s of services) s.child.kill('SIGKILL');
    for (const uid of indexes) await engine.deleteIndex(uid).catch(() => {});
  });

  it('reads the list again only when the index changed, and empties it when the index is gone', async () => {
    const indexName = uniqueIndex('follow');
    indexes.push(indexName);
    const seedsDir = await copySeeds();
    const sync = async () => syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 2e7, engine });
    const dataDir = await tempDir();
    const suggestions = new SuggestionIndex();
    // Checks made well after the last read, past the spacing that follows a read.
    const follow = () => suggestions.follow(engine, indexName, Date.now() + 3_600_000);

    assert.equal(await follow(), true, 'the first check reads (nothing: no index yet)');
    assert.equal(suggestions.size, 0);
    assert.equal(await follow(), false, 'still no index: nothing to read');

    await sync();
    assert.equal(await follow(), true);
    const size = suggestions.size;
    assert.ok(size > 0);
    assert.equal(await follow(), false, 'unchanged: not read again');
    await sync(); // a run that changes nothing
    assert.equal(await follow(), false, 'a run that changed nothing leaves the stamp');

    await writeFile(path.join(seedsDir, 'jinping.txt'), NEW_FILE);
    await sync();
    assert.deepEqual(suggestions.suggest('锦屏'), [], 'not read yet');
    assert.equal(await follow(), true);
    assert.ok(suggestions.suggest('锦屏').some((s) => s.text === NEW_TITLE));
    assert.ok(suggestions.size > size);

    // Right after a read, a check waits (ten times the read's duration) even though the index changed.
    const justRead = Date.now();
    await engine.deleteIndex(indexName);
    assert.equal(await suggestions.follow(engine, indexName, justRead), false, 'too soon after a read');
    assert.ok(suggestions.size > 0);
    assert.equal(await follow(), true);
    assert.equal(suggestions.size, 0, 'a deleted index suggests nothing');
  });

  it('a search-only gateway picks up what another process indexed, on its schedule', async () => {
    const indexName = uniqueIndex('replica');
    indexes.push(indexName);
    const seedsDir = await copySeeds();
    const dataDir = await tempDir();
    const sync = async () => syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 2e7, engine });
    await sync();
    const { url, key } = engineEnv();
    const replica = await startService({
      MEILI_URL: url,
      MEILI_MASTER_KEY: key,
      INDEX_NAME: indexName,
      SEEDS_DIR: seedsDir,
      DATA_DIR: await tempDir(),
      SCHEDULER: 'off',
      LEASE: 'off',
      REINDEX_CRON: '* * * * * *',
    });
    services.push(replica);
    const suggest = async (q: string) => (await getJson<{ suggestions: { text: string }[] }>(`${replica.base}/api/suggest?q=${encodeURIComponent(q)}`)).body.suggestions;
    const rebuilt = () => replica.output.filter((l) => l.includes('"msg":"suggestions rebuilt"')).length;
    await waitFor('suggestions read at start-up', async () => rebuilt() > 0);
    assert.deepEqual(await suggest('锦屏'), []);

    // Ticks that find nothing new read nothing.
    const settled = rebuilt();
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(rebuilt(), settled, 'checks of an unchanged index do not rebuild the list');

    await writeFile(path.join(seedsDir, 'jinping.txt'), NEW_FILE);
    await sync(); // another process indexes, as the CLI or the indexing gateway would
    const found = await waitFor('the replica to suggest the new title', async () => (await suggest('锦屏')).some((s) => s.text === NEW_TITLE), 20_000, 250);
    assert.ok(found);
    assert.ok(replica.output.some((l) => l.includes('"cause":"the index changed"')));
  });
});
