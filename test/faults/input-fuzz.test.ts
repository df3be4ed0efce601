/**
 * Bad input over HTTP: random query parameters (any Unicode, control characters, 10 kB queries,
 * hundreds of repeated filters, malformed dates, negative or huge pages) always get 200 or a 400
 * problem, never a 500; ids and paths that try to leave their place get 400 or 404.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import request from 'supertest';
import type { Server } from 'node:http';
import { MAX_HEADER_BYTES, createApp, createHttpServer } from '../../src/gateway/app.js';
import { syncSeeds } from '../../indexer/sync/sync.js';
import { SEEDS, silentLogger, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';

const engine = testEngine();

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '"', '\\', '" OR source EXISTS OR "', '\u0000', '\ue000', '%', '金砖', '學習', '../../etc/passwd', '<script>'),
  // 10 kB queries (in UTF-8 bytes).
  fc.constantFrom('字'.repeat(3_400), 'a'.repeat(10_000), '\u0000\u0001\u007f'.repeat(3_400), '𠀀'.repeat(2_500)),
);
const dateLike = fc.oneof(anyText, fc.constantFrom('2024-10-23', '2024-02-30', '0000-00-00', '9999-12-31', '2024-1-1', '-1'));
const numberLike = fc.oneof(anyText, fc.integer().map(String), fc.constantFrom('-1', '0', '1e9', 'NaN', 'Infinity', '1.5', '99999999999999999999'));
const repeated = fc.oneof(anyText, fc.array(anyText, { maxLength: 5 }), fc.array(fc.constantFrom('新华社', 'x'), { minLength: 100, maxLength: 300 }));

/** Bytes of a query once percent-encoded, as it travels in the request line. */
function encodedBytes(query: Record<string, unknown>): number {
  const pairs = Object.entries(query).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, String(x)]));
  return new URLSearchParams(pairs).toString().length;
}

const queryArb = fc.record(
  { q: fc.oneof(anyText, fc.array(anyText, { maxLength: 3 })), source: repeated, topic: repeated, from: dateLike, to: dateLike, sort: anyText, page: numberLike, perPage: numberLike, extra: anyText },
  { requiredKeys: [] },
);

describe('query fuzzing', () => {
  const indexName = uniqueIndex('fuzz');
  let app: Server;

  before(async () => {
    await syncSeeds({ seedsDir: SEEDS, dataDir: await tempDir(), indexName, maxFileBytes: 2e7, engine });
    // The server the service runs, with its header limit, not supertest's default one.
    app = createHttpServer(createApp({ engine, indexName, logger: silentLogger }));
  });
  after(async () => {
    await engine.deleteIndex(indexName).catch(() => {});
  });

  it('answers random search parameters with 200 or a 400 problem, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(queryArb, async (query) => {
        const res = await request(app).get('/api/search').query(query);
        // Only a request larger than the server takes may get 431, as a problem document too.
        const allowed = encodedBytes(query) > MAX_HEADER_BYTES ? [431] : [200, 400];
        assert.ok(allowed.includes(res.status), `status ${res.status} for ${JSON.stringify(query).slice(0, 200)}`);
        if (res.status !== 200) {
          assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
          const problem = JSON.parse(res.text) as { parameter?: string };
          assert.ok(problem.parameter, 'the problem names the parameter');
        }
      }),
      { numRuns: 150, seed: 20261124 },
    );
  });

  it('names q in a 400 for an over-long query, up to the longest URL a browser sends', async () => {
    // 10,000 characters (90 kB encoded), and 1.9 MB encoded: under Chromium's 2 MiB URL limit.
    for (const q of ['字'.repeat(10_000), '字'.repeat(215_000)]) {
      const res = await request(app).get('/api/search').query({ q });
      assert.equal(res.status, 400);
      assert.match(res.headers['content-type'] ?? '', /problem\+json/);
      assert.equal((JSON.parse(res.text) as { parameter: string }).parameter, 'q');
    }
  });

  it('answers a request larger than any browser sends with a 431 problem', async () => {
    const res = await request(app).get('/api/search').query({ q: '字'.repeat(300_000) });
    assert.equal(res.status, 431);
    assert.match(res.headers['content-type'] ?? '', /problem\+json/);
  });

  it('answers random suggest input with 200 or 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ q: anyText, limit: numberLike }, { requiredKeys: [] }), async (query) => {
        const res = await request(app).get('/api/suggest').query(query);
        const allowed = encodedBytes(query) > MAX_HEADER_BYTES ? [431] : [200, 400];
        assert.ok(allowed.includes(res.status), `status ${res.status}`);
        if (res.status !== 200) assert.match(res.headers['content-type'] ?? '', /problem\+json/);
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  const paths = [
    '/api/articles/..%2F..%2Fetc%2Fpasswd',
    '/api/articles/../../etc/passwd',
    '/api/articles/%00',
    '/api/articles/abc%00def0123456',
    '/api/articles/0123456789abcdef%00',
    '/..%2F..%2Fpackage.json',
    '/%2e%2e/%2e%2e/package.json',
    '/../src/runtime/config.ts',
    '/app.js%00.html',
  ];
  for (const p of paths) {
    it(`keeps ${p} in its place (400 or 404, no file outside the page)`, async () => {
      const res = await request(app).get(p);
      assert.ok(res.status === 400 || res.status === 404, `status ${res.status}`);
      assert.doesNotMatch(res.text, /"dependencies"|loadConfig|root:x:0/);
    });
  }
});
