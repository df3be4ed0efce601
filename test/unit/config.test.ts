import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('has a default for every variable of DESIGN', () => {
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
