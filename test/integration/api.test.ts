/** The HTTP API through supertest, over the samples indexed into the real engine. */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/gateway/app.js';
import { SuggestionIndex } from '../../src/gateway/suggest.js';
import { createLogger } from '../../src/runtime/logger.js';
import type { SearchHitView } from '../../src/gateway/search.js';
import type { ArticleRecord } from '../../indexer/sync/dry-run.js';
import { dryRunArticles } from '../../eval/truth.js';
import { syncSeeds } from '../../indexer/sync/sync.js';
import { SEEDS, deadEngine, silentLogger, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';

const engine = testEngine();

type Hit = SearchHitView;

describe('HTTP API', () => {
  const indexName = uniqueIndex('api');
  let app: Express;
  let records: ArticleRecord[] = [];
  const stories = new Map<string, ArticleRecord[]>();
  const suggestions = new SuggestionIndex();

  before(async () => {
    await syncSeeds({ seedsDir: SEEDS, dataDir: await tempDir(), indexName, maxFileBytes: 2e7, engine });
    records = await dryRunArticles(SEEDS);
    for (const r of records) stories.set(r.storyId, [...(stories.get(r.storyId) ?? []), r]);
    await suggestions.refresh(engine, indexName);
    app = createApp({ engine, indexName, logger: silentLogger, suggestions });
  });
  after(async () => {
    await engine.deleteIndex(indexName).catch(() => {});
  });

  it('answers a search with the response shape of docs/design.md', async () => {
    const res = await request(app).get('/api/search').query({ q: '金砖' }).expect(200).expect('content-type', /json/);
    const body = res.body as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['facets', 'hits', 'page', 'perPage', 'query', 'total', 'tookMs'].sort());
    assert.equal(body.query, '金砖');
    assert.ok((body.total as number) > 0);
    const hit = (body.hits as Hit[])[0]!;
    assert.deepEqual(Object.keys(hit).sort(), ['alsoIn', 'date', 'id', 'snippet', 'source', 'storyId', 'title', 'topics'].sort());
    assert.deepEqual(Object.keys(body.facets as object).sort(), ['month', 'source', 'topic', 'year']);
    assert.ok(res.headers['x-request-id']);
  });

  it('serves a strict content policy that works over plain HTTP on any host', async () => {
    const res = await request(app).get('/').set('host', 'newsroom-pc:3000').expect(200);
    const csp = String(res.headers['content-security-policy']);
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'self'"]) assert.ok(csp.includes(directive), csp);
    assert.ok(!csp.includes('upgrade-insecure-requests'), csp);
    assert.equal(res.headers['strict-transport-security'], undefined);
  });

  it('logs one access line per request with its id, method, path and status, and never the query\'s secrets', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    const logged = createApp({ engine, indexName, logger: createLogger('info', sink), suggestions });
    const ok = await request(logged).get('/api/suggest').query({ q: 'jz' }).set('x-request-id', 'req-42').set('authorization', 'Bearer secret-token-1').expect(200);
    assert.equal(ok.headers['x-request-id'], 'req-42');
    const bad = await request(logged).get('/api/search').query({ page: 0 }).expect(400);
    const made = String(bad.headers['x-request-id']);
    assert.match(made, /^[0-9a-f-]{36}$/, 'an id is made when none came');
    await request(logged).get('/api/suggest').set('x-request-id', 'not an id!').expect(200);
    const access = lines.filter((l) => l.msg === 'request completed');
    assert.equal(access.length, 3);
    assert.deepEqual(access[0]!.req, { id: 'req-42', method: 'GET', url: '/api/suggest?q=jz' });
    assert.deepEqual([access[0]!.level, (access[0]!.res as { statusCode: number }).statusCode], [30, 200]);
    assert.deepEqual([access[1]!.level, (access[1]!.req as { id: string }).id, (access[1]!.res as { statusCode: number }).statusCode], [40, made, 400]);
    assert.notEqual((access[2]!.req as { id: string }).id, 'not an id!');
    assert.ok(!JSON.stringify(lines).includes('secret-token-1'));
  });

  it('returns one hit per story and counts stories, not chunks or copies', async () => {
    const res = await request(app).get('/api/search').query({ q: '', perPage: 50 }).expect(200);
    const hits = res.body.hits as Hit[];
    assert.equal(new Set(hits.map((h) => h.storyId)).size, hits.length);
    assert.equal(res.body.total, stories.size);
    assert.equal(hits.length, stories.size);
    assert.ok(stories.size < records.length, 'the samples hold reprints');
    assert.ok((await engine.documentCount(indexName)) > records.length, 'the index holds more chunks than articles');
  });

  it('counts every facet value in stories, hand-counted from the dry run', async () => {
    const res = await request(app).get('/api/search').query({ q: '', perPage: 50 }).expect(200);
    const tally = (values: (string | null)[][]) => {
      const out: Record<string, number> = {};
      for (const vs of values) for (const v of new Set(vs)) if (v !== null) out[v] = (out[v] ?? 0) + 1;
      return out;
    };
    const members = [...stories.values()];
    // A story counts once under each source that has a copy of it.
    assert.deepEqual(res.body.facets.source, tally(members.map((m) => m.map((r) => r.source))));
    assert.deepEqual(res.body.facets.topic, tally(members.map((m) => m[0]!.topics)));
    assert.deepEqual(res.body.facets.year, tally(members.map((m) => [m[0]!.date?.slice(0, 4) ?? null])));
  });

  it('names a reprinted story\'s other sources in alsoIn, and gives copies when a source is asked for', async () => {
    const reprinted = [...stories.values()].find((m) => new Set(m.map((r) => r.source)).size > 1)!;
    const res = await request(app).get('/api/search').query({ q: '', perPage: 50 }).expect(200);
    const hit = (res.body.hits as Hit[]).find((h) => h.storyId === reprinted[0]!.storyId)!;
    const sources = new Set(reprinted.map((r) => r.source));
    assert.deepEqual(new Set([hit.source, ...hit.alsoIn]), sources);
    for (const source of sources) {
      const one = await request(app).get('/api/search').query({ q: '', source, perPage: 50 }).expect(200);
      const copy = (one.body.hits as Hit[]).find((h) => h.storyId === reprinted[0]!.storyId);
      assert.equal(copy?.source, source);
      assert.ok(!copy.alsoIn.includes(source!));
    }
  });

  it('keeps the other sources countable while a source filter is set', async () => {
    const res = await request(app).get('/api/search').query({ q: '', source: '新华社' }).expect(200);
    assert.ok(Object.keys(res.body.facets.source).length > 1);
    assert.ok((res.body.hits as Hit[]).every((h) => h.source === '新华社'));
  });

  it('pages through stories without repeating one', async () => {
    const seen = new Set<string>();
    for (let page = 1; page <= Math.ceil(stories.size / 2); page++) {
      const res = await request(app).get('/api/search').query({ q: '', perPage: 2, page }).expect(200);
      for (const h of res.body.hits as Hit[]) {
        assert.ok(!seen.has(h.storyId), `story ${h.storyId} repeated on page ${page}`);
        seen.add(h.storyId);
      }
    }
    assert.equal(seen.size, stories.size);
  });

  it('marks matches in an HTML-escaped snippet', async () => {
    const res = await request(app).get('/api/search').query({ q: '金砖' }).expect(200);
    const hit = (res.body.hits as Hit[]).find((h) => h.snippet.includes('<mark>'));
    assert.ok(hit, 'a snippet has a mark');
    const withoutMarks = hit.snippet.replace(/<\/?mark>/g, '');
    assert.ok(!/[<>]/.test(withoutMarks), 'no other markup');
    assert.match(hit.snippet, /<mark>金砖<\/mark>/);
  });

  it('answers a query with a mistyped homophone for what it sounds like, and says so; a word with no answer stays empty', async () => {
    assert.ok(records.some((r) => r.title.includes('金砖国家')));
    const typo = await request(app).get('/api/search').query({ q: '金砖国佳' }).expect(200);
    assert.equal(typo.body.corrected, '金砖国家');
    assert.equal(typo.body.relaxed, true);
    assert.equal(typo.body.query, '金砖国佳');
    const right = await request(app).get('/api/search').query({ q: '金砖国家' }).expect(200);
    assert.deepEqual(typo.body.hits.map((h: Hit) => h.id), right.body.hits.map((h: Hit) => h.id));
    assert.ok((typo.body.hits as Hit[]).some((h) => h.snippet.includes('<mark>')));
    for (const q of ['量子计算机', '马拉松']) {
      const none = await request(app).get('/api/search').query({ q }).expect(200);
      assert.equal(none.body.total, 0, q);
      assert.equal(none.body.corrected, undefined);
    }
  });

  it('finds Simplified-indexed articles from a Traditional query', async () => {
    const simplified = await request(app).get('/api/search').query({ q: '金砖国家' }).expect(200);
    const traditional = await request(app).get('/api/search').query({ q: '金磚國家' }).expect(200);
    assert.ok(simplified.body.total > 0);
    assert.deepEqual(traditional.body.hits.map((h: Hit) => h.id), simplified.body.hits.map((h: Hit) => h.id));
  });

  it('finds the Traditional-script sample by its converted text', async () => {
    const res = await request(app).get('/api/search').query({ q: '云合影' }).expect(200);
    assert.ok((res.body.hits as Hit[]).length > 0);
  });

  it('filters by source with escaping: an injection attempt gets only the honest answer', async () => {
    const xinhua = await request(app).get('/api/search').query({ q: '', source: '新华社', perPage: 50 }).expect(200);
    assert.ok(xinhua.body.total > 0);
    assert.ok((xinhua.body.hits as Hit[]).every((h) => h.source === '新华社'));
    const attack = await request(app).get('/api/search').query({ q: '', source: '新华社" OR source EXISTS OR "' }).expect(200);
    assert.equal(attack.body.total, 0);
  });

  it('sorts by date when asked', async () => {
    const res = await request(app).get('/api/search').query({ q: '', sort: 'oldest', perPage: 50 }).expect(200);
    const dates = (res.body.hits as Hit[]).map((h) => h.date).filter((d): d is string => d !== null);
    assert.deepEqual(dates, [...dates].sort());
  });

  const bad: [Record<string, string | string[]>, string][] = [
    [{ q: '字'.repeat(201) }, 'q'],
    [{ q: ['a', 'b'] }, 'q'],
    [{ source: Array.from({ length: 21 }, (_, i) => `s${i}`) }, 'source'],
    [{ topic: '题'.repeat(101) }, 'topic'],
    [{ from: 'yesterday' }, 'from'],
    [{ to: '2024-02-30' }, 'to'],
    [{ from: '2024-10-23', to: '2024-10-01' }, 'to'],
    [{ sort: 'random' }, 'sort'],
    [{ page: '0' }, 'page'],
    [{ page: '1.5' }, 'page'],
    [{ perPage: '1000' }, 'perPage'],
  ];
  for (const [query, param] of bad) {
    it(`answers 400 problem+json naming ${param} for ${JSON.stringify(query)}`, async () => {
      const res = await request(app).get('/api/search').query(query).expect(400).expect('content-type', /application\/problem\+json/);
      const problem = JSON.parse(res.text) as Record<string, unknown>;
      assert.equal(problem.status, 400);
      assert.equal(problem.parameter, param);
      assert.ok(typeof problem.type === 'string' && typeof problem.title === 'string' && typeof problem.detail === 'string');
    });
  }

  const voice: [string, Record<string, string>, string, string][] = [
    ['/api/suggest', { limit: 'abc' }, 'limit', 'must be a whole number from 1 to 20'],
    ['/api/suggest', { limit: '50' }, 'limit', 'must be a whole number from 1 to 20'],
    ['/api/search', { page: 'abc' }, 'page', 'must be a whole number from 1 to 100'],
    ['/api/search', { perPage: '51' }, 'perPage', 'must be a whole number from 1 to 50'],
    ['/api/search', { from: 'notadate' }, 'from', 'must be a calendar date as YYYY-MM-DD'],
    ['/api/search', { sort: 'random' }, 'sort', 'must be one of relevance, newest, oldest'],
    ['/api/search', { q: '字'.repeat(201) }, 'q', 'must be at most 200 characters'],
    ['/api/suggest', { q: '字'.repeat(51) }, 'q', 'must be at most 50 characters'],
  ];
  for (const [path, query, param, reason] of voice) {
    it(`says "${param} ${reason}" for ${path} ${JSON.stringify(query).slice(0, 40)}, one reason per parameter`, async () => {
      const res = await request(app).get(path).query(query).expect(400);
      const problem = JSON.parse(res.text) as { invalidParams: { name: string; reason: string }[]; detail: string };
      assert.deepEqual(problem.invalidParams, [{ name: param, reason }]);
      assert.equal(problem.detail, `${param}: ${reason}`);
    });
  }

  it('names a parameter the endpoint does not have, beside the real problems', async () => {
    const res = await request(app).get('/api/search').query({ q: '金砖', sourse: '新华社', page: '0' }).expect(400);
    const problem = JSON.parse(res.text) as { parameter: string; invalidParams: { name: string; reason: string }[] };
    assert.equal(problem.parameter, 'sourse');
    assert.deepEqual(problem.invalidParams.map((p) => p.name), ['sourse', 'page']);
    assert.match(problem.invalidParams[0]!.reason, /is not a parameter here.*source/);
    const suggest = await request(app).get('/api/suggest').query({ q: 'jz', max: '3' }).expect(400);
    assert.equal(JSON.parse(suggest.text).parameter, 'max');
  });

  it('answers a method a path does not take with 405 and Allow', async () => {
    const post = await request(app).post('/api/search').send({ q: '金砖' }).expect(405).expect('content-type', /problem\+json/);
    assert.equal(post.headers.allow, 'GET, HEAD');
    const get = await request(app).get('/api/admin/reindex').expect(405);
    assert.equal(get.headers.allow, 'POST');
    await request(app).head('/api/search').query({ q: '金砖' }).expect(200);
  });

  it('serves an article with all its fields, its copies and topic explanations', async () => {
    const reprinted = [...stories.values()].find((m) => m.length > 1)!;
    const record = reprinted[0]!;
    const res = await request(app).get(`/api/articles/${record.id}`).expect(200);
    const a = res.body as Record<string, unknown> & { topics: { name: string; words: string[] }[]; copies: { id: string }[] };
    for (const field of ['title', 'kicker', 'column', 'source', 'agency', 'date', 'place', 'reporters', 'keywords', 'script', 'storyId', 'file'] as const) {
      assert.deepEqual(a[field], record[field], field);
    }
    assert.equal(a.body, record.body);
    assert.deepEqual(a.topics.map((t) => t.name), record.topics);
    assert.ok(a.topics.every((t) => t.words.length > 0), 'each topic says which words decided it');
    assert.deepEqual(a.copies.map((c) => c.id).sort(), reprinted.slice(1).map((r) => r.id).sort());
  });

  it('gives the words the engine matched in an article for the searched query, in either script', async () => {
    const record = records.find((r) => r.title.includes('金砖国家'))!;
    const plain = await request(app).get(`/api/articles/${record.id}`).expect(200);
    assert.equal(plain.body.highlights, undefined);
    for (const q of ['金砖 会晤', '金磚 會晤']) {
      const res = await request(app).get(`/api/articles/${record.id}`).query({ q }).expect(200);
      const words = res.body.highlights as string[];
      assert.ok(words.includes('金砖') && words.includes('会晤'), words.join(' '));
      assert.ok(words.every((w) => record.body.includes(w) || record.title.includes(w)), words.join(' '));
    }
    await request(app).get(`/api/articles/${record.id}`).query({ q: '字'.repeat(201) }).expect(400);
  });

  it('serves a Traditional article with its original-script text', async () => {
    const record = records.find((r) => r.script === 'traditional')!;
    const res = await request(app).get(`/api/articles/${record.id}`).expect(200);
    assert.equal(res.body.script, 'traditional');
    assert.match(res.body.original, /[們會國習與]/);
    assert.equal(res.body.body, record.body);
  });

  it('answers 404 problem+json for an unknown article and 400 for a malformed id', async () => {
    const missing = await request(app).get('/api/articles/0123456789abcdef').expect(404).expect('content-type', /problem\+json/);
    assert.match(JSON.parse(missing.text).detail, /0123456789abcdef/);
    const bad = await request(app).get('/api/articles/not-an-id').expect(400);
    assert.equal(JSON.parse(bad.text).parameter, 'id');
  });

  it('suggests titles, people and places from the index, for Han, Traditional and pinyin input', async () => {
    const han = await request(app).get('/api/suggest').query({ q: '金砖' }).expect(200);
    assert.ok((han.body.suggestions as { text: string }[]).length > 0);
    assert.ok((han.body.suggestions as { text: string }[]).every((s) => s.text.includes('金砖')));
    const pinyin = await request(app).get('/api/suggest').query({ q: 'jinzhuan' }).expect(200);
    assert.deepEqual(pinyin.body.suggestions, han.body.suggestions);
    const trad = await request(app).get('/api/suggest').query({ q: '金磚' }).expect(200);
    assert.deepEqual(trad.body.suggestions, han.body.suggestions);
    const person = await request(app).get('/api/suggest').query({ q: 'nsy' }).expect(200);
    assert.deepEqual(person.body.suggestions[0], { text: '倪四义', kind: 'person' });
    const long = await request(app).get('/api/suggest').query({ q: 'x'.repeat(51) }).expect(400);
    assert.equal(JSON.parse(long.text).parameter, 'q');
    const limit = await request(app).get('/api/suggest').query({ q: 'j', limit: '0' }).expect(400);
    assert.equal(JSON.parse(limit.text).parameter, 'limit');
    const limited = await request(app).get('/api/suggest').query({ q: 'j', limit: '2' }).expect(200);
    assert.equal(limited.body.suggestions.length, 2);
  });

  it('answers 404 problem+json for an unknown route', async () => {
    await request(app).get('/api/nothing').expect(404).expect('content-type', /problem\+json/);
  });

  it('serves the search page at /', async () => {
    const res = await request(app).get('/').expect(200).expect('content-type', /html/);
    assert.match(res.text, /<form id="search"/);
  });

  it('is live and ready', async () => {
    await request(app).get('/healthz').expect(200);
    const res = await request(app).get('/readyz').expect(200);
    assert.equal(res.body.status, 'ready');
  });

  it('is not ready while its index does not exist', async () => {
    const empty = createApp({ engine, indexName: uniqueIndex('missing'), logger: silentLogger });
    await request(empty).get('/readyz').expect(503).expect('content-type', /problem\+json/);
    const res = await request(empty).get('/api/search').query({ q: '金砖' }).expect(503);
    assert.ok(res.headers['retry-after']);
  });
});

describe('HTTP API with the engine down', () => {
  const app = createApp({ engine: deadEngine(), indexName: 'articles', logger: silentLogger });

  it('stays live but not ready', async () => {
    await request(app).get('/healthz').expect(200);
    await request(app).get('/readyz').expect(503).expect('retry-after', /\d+/);
  });

  it('answers searches with 503 problem+json and Retry-After', async () => {
    const res = await request(app).get('/api/search').query({ q: '金砖' }).expect(503).expect('content-type', /problem\+json/);
    assert.ok(Number(res.headers['retry-after']) > 0);
    assert.equal(JSON.parse(res.text).status, 503);
  });
});
