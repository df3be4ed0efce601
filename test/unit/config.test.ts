import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/runtime/config.js';

describe('loadConfig', () => {
  it('has a default for every variable of docs/design.md', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.seedsDir, path.resolve('./seeds'));
    assert.equal(c.dataDir, path.resolve('./data'));
    assert.equal(c.meiliUrl, undefined);
    assert.equal(c.meiliMasterKey, undefined);
    assert.equal(c.indexName, 'articles');
    assert.equal(c.adminToken, undefined);
    assert.equal(c.reindexCron, '*/1 * * * *');
    assert.deepEqual(c.corsOrigins, []);
    assert.equal(c.logLevel, 'info');
    assert.equal(c.maxFileBytes, 20 * 1024 * 1024);
  });

  it('reads values and lists', () => {
    const c = loadConfig({ PORT: '8080', MEILI_URL: 'http://meili:7700', CORS_ORIGINS: 'https://a.example, https://b.example', LOG_LEVEL: 'debug' });
    assert.equal(c.port, 8080);
    assert.equal(c.meiliUrl, 'http://meili:7700');
    assert.deepEqual(c.corsOrigins, ['https://a.example', 'https://b.example']);
  });

  it('reads the master key from a secret file when MEILI_MASTER_KEY is unset', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'cfg-')), 'key');
    await writeFile(file, 'a-key-from-a-secret-file\n');
    assert.equal(loadConfig({ MEILI_MASTER_KEY_FILE: file }).meiliMasterKey, 'a-key-from-a-secret-file');
    assert.equal(loadConfig({ MEILI_MASTER_KEY_FILE: file, MEILI_MASTER_KEY: 'the-variable-wins-here' }).meiliMasterKey, 'the-variable-wins-here');
  });

  it('takes the indexing lease with an external engine only, unless told', () => {
    assert.equal(loadConfig({}).lease, false);
    assert.equal(loadConfig({ MEILI_URL: 'http://m:7700' }).lease, true);
    assert.equal(loadConfig({ MEILI_URL: 'http://m:7700', LEASE: 'off' }).lease, false);
    assert.equal(loadConfig({ LEASE: 'on' }).lease, true);
    assert.deepEqual(loadConfig({ MEILI_URL: 'http://m:7700', MEILI_SHARDS: 'ms0=http://a:7700, ms1=http://b:7700' }).meiliShards, [
      { name: 'ms0', url: 'http://a:7700' },
      { name: 'ms1', url: 'http://b:7700' },
    ]);
  });

  it('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ MEILI_URL: '', ADMIN_TOKEN: '' }).meiliUrl, undefined);
  });

  const bad: [Record<string, string>, string][] = [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MEILI_URL: 'not a url' }, 'MEILI_URL'],
    [{ MEILI_MASTER_KEY: 'short' }, 'MEILI_MASTER_KEY'],
    [{ INDEX_NAME: 'bad name!' }, 'INDEX_NAME'],
    [{ REINDEX_CRON: 'every minute' }, 'REINDEX_CRON'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MAX_FILE_BYTES: '-1' }, 'MAX_FILE_BYTES'],
    [{ EMBEDDED_ENGINE: 'off' }, 'MEILI_URL'],
    [{ EMBEDDED_ENGINE: 'maybe' }, 'EMBEDDED_ENGINE'],
    [{ MEILI_SHARDS: 'ms0=http://a:7700,ms1=http://b:7700' }, 'MEILI_URL'],
    [{ MEILI_URL: 'http://m:7700', MEILI_SHARDS: 'ms0=http://a:7700,ms1' }, 'MEILI_SHARDS'],
    [{ MEILI_MASTER_KEY_FILE: '/nonexistent/key' }, 'MEILI_MASTER_KEY_FILE'],
    [{ SCHEDULER: 'sometimes' }, 'SCHEDULER'],
    [{ LEASE: 'yes' }, 'LEASE'],
    [{ LEASE_TTL_MS: '10' }, 'LEASE_TTL_MS'],
  ];
  for (const [env, variable] of bad) {
    it(`names ${variable} when it is invalid`, () => {
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && err.variables.includes(variable) && err.message.includes(variable),
      );
    });
  }

  it('never puts a secret value in its error message', () => {
    try {
      loadConfig({ MEILI_MASTER_KEY: 'tiny-secret' });
      assert.fail('expected an error');
    } catch (err) {
      assert.ok(!(err as Error).message.includes('tiny-secret'));
    }
  });
});
