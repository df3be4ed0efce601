/** Operators' endpoints against the real engine: status, admin re-index, metrics, OpenAPI, security headers, CORS. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import { loadConfig } from '../../src/runtime/config.js';
import { createApp, sameSecret } from '../../src/gateway/app.js';
import { Reindexer } from '../../src/reindexer.js';
import { SEEDS, engineEnv, silentLogger, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';

const engine = testEngine();
const TOKEN = 'test-admin-token-0123456789';

describe('operations endpoints', () => {
  const indexName = uniqueIndex('ops');
  let app: Express;
  let reindexer: Reindexer;

  before(async () => {
    const { url, key } = engineEnv();
    const config = loadConfig({ SEEDS_DIR: SEEDS, DATA_DIR: await tempDir(), MEILI_URL: url, MEILI_MASTER_KEY: key, INDEX_NAME: indexName });
    reindexer = new Reindexer(config, engine, silentLogger);
    app = createApp({ engine, indexName, logger: silentLogger, reindexer, adminToken: TOKEN, corsOrigins: ['https://news.example'], nextRun: () => new Date('2030-01-01T00:00:00Z') });
  });
  after(async () => {
    await reindexer.stop();
    await engine.deleteIndex(indexName).catch(() => {});
  });

  it('refuses the admin endpoint without a token (401), with a wrong one (403), and when disabled (403)', async () => {
    const missing = await request(app).post('/api/admin/reindex').expect(401).expect('content-type', /problem\+json/);
    assert.equal(missing.headers['www-authenticate'], 'Bearer');
    await request(app).post('/api/admin/reindex').set('Authorization', 'Bearer wrong-token').expect(403);
    const disabled = createApp({ engine, indexName, logger: silentLogger, reindexer });
    await request(disabled).post('/api/admin/reindex').set('Authorization', `Bearer ${TOKEN}`).expect(403);
  });

  it('starts a run (202 with a job id), answers 409 while it runs, and reports it in /api/status', async () => {
    const started = await request(app).post('/api/admin/reindex').set('Authorization', `Bearer ${TOKEN}`).expect(202);
    assert.match(started.body.jobId, /^[0-9a-f-]{36}$/);
    await request(app).post('/api/admin/reindex').set('Authorization', `Bearer ${TOKEN}`).expect(409).expect('content-type', /problem\+json/);
    const during = await request(app).get('/api/status').expect(200);
    assert.equal(during.body.currentRun?.jobId, started.body.jobId);
    while (reindexer.running) await new Promise((r) => setTimeout(r, 50));
    const status = await request(app).get('/api/status').expect(200);
    assert.equal(status.body.currentRun, null);
    assert.equal(status.body.lastRun.files, 5);
    assert.ok(status.body.lastRun.articles > 0);
    assert.deepEqual(status.body.lastRun.rejected, []);
    assert.ok(status.body.index.documents > 0);
    assert.equal(status.body.nextRun, '2030-01-01T00:00:00.000Z');
    // The samples hold one article whose file states no year: counted, named, and how to declare it said.
    const quality = status.body.quality as { articles: number; undated: number; files: { file: string; undated: number }[]; hint: string };
    assert.equal(quality.articles, status.body.lastRun.articles);
    assert.equal(quality.undated, 1);
    assert.deepEqual(quality.files.map((f) => [f.file, f.undated]), [['003_eab1bee5dfb038ec.txt', 1]]);
    assert.match(quality.hint, /\.meta\.json.*"published"/);
  });

  it('exports Prometheus metrics: request latency by route, engine latency, index size, last run', async () => {
    await request(app).get('/api/search').query({ q: '金砖' }).expect(200);
    const res = await request(app).get('/metrics').expect(200).expect('content-type', /text\/plain/);
    assert.match(res.text, /http_request_duration_seconds_count\{method="GET",route="\/api\/search",status="200"\} [1-9]/);
    assert.match(res.text, /engine_request_duration_seconds_count\{operation="search"\} [1-9]/);
    assert.match(res.text, /index_documents [1-9]/);
    assert.match(res.text, /last_run_articles [1-9]/);
    assert.match(res.text, /rejected_files 0/);
    assert.match(res.text, /last_run_changed_files 5/);
    assert.match(res.text, /last_run_deleted_files 0/);
  });

  it('describes the API in OpenAPI, with parameters from the validating schemas', async () => {
    const res = await request(app).get('/openapi.json').expect(200);
    const params = res.body.paths['/api/search'].get.parameters as { name: string; schema: Record<string, unknown> }[];
    assert.deepEqual(params.map((p) => p.name).sort(), ['from', 'page', 'perPage', 'q', 'sort', 'source', 'to', 'topic']);
    assert.deepEqual(params.find((p) => p.name === 'sort')?.schema.enum, ['relevance', 'newest', 'oldest']);
    assert.equal(params.find((p) => p.name === 'perPage')?.schema.maximum, 50);
    assert.ok(res.body.paths['/api/articles/{id}'] && res.body.paths['/api/suggest']);
  });

  it('sends security headers and allows only the configured origins', async () => {
    const res = await request(app).get('/healthz').set('Origin', 'https://news.example').expect(200);
    assert.ok(res.headers['content-security-policy']);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['access-control-allow-origin'], 'https://news.example');
    const other = await request(app).get('/healthz').set('Origin', 'https://evil.example').expect(200);
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });

  it('refuses a request body over the size limit', async () => {
    await request(app).post('/api/admin/reindex').set('Authorization', `Bearer ${TOKEN}`).set('content-type', 'application/json').send(JSON.stringify({ pad: 'x'.repeat(20_000) })).expect(413);
  });
});

describe('sameSecret', () => {
  it('accepts the same secret and refuses others, whatever their length', () => {
    assert.equal(sameSecret('abc-123', 'abc-123'), true);
    assert.equal(sameSecret('abc-124', 'abc-123'), false);
    assert.equal(sameSecret('abc', 'abc-123'), false);
    assert.equal(sameSecret('', 'abc-123'), false);
  });
});
