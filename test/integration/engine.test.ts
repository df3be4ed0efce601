/** The engine boundary against the real engine: settings as code, awaited tasks, typed failures. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { settingsMatch } from '../../src/engine/meili.js';
import { EngineError, EngineTaskError, EngineUnavailableError } from '../../src/engine/errors.js';
import { storyIndexSettings } from '../../src/engine/settings.js';
import { deadEngine, testEngine, uniqueIndex } from '../helpers/env.js';

const engine = testEngine();

describe('settingsMatch', () => {
  const cases: [string, unknown, unknown, boolean][] = [
    ['equal lists', ['a', 'b'], ['a', 'b'], true],
    ['reordered lists', ['a', 'b'], ['b', 'a'], false],
    ['a subset of an object', { a: 1 }, { a: 1, b: 2 }, true],
    ['a different nested value', { a: { b: 1 } }, { a: { b: 2 } }, false],
    ['a missing key', { a: 1 }, {}, false],
  ];
  for (const [name, wanted, actual, expected] of cases) it(`says ${expected} for ${name}`, () => assert.equal(settingsMatch(wanted, actual), expected));
});

describe('Engine against Meilisearch', () => {
  const uid = uniqueIndex('engine');
  after(async () => {
    await engine.deleteIndex(uid).catch(() => {});
  });

  it('applies the settings once, then finds them in place', async () => {
    await engine.createIndex(uid);
    assert.equal(await engine.ensureSettings(uid, storyIndexSettings), true);
    assert.equal(await engine.ensureSettings(uid, storyIndexSettings), false);
  });

  it('raises EngineTaskError with the engine\'s message when a task fails', async () => {
    await assert.rejects(engine.addDocuments(uid, [{ id: 'not a valid id!', text: 'x' }]), (err: unknown) => {
      assert.ok(err instanceof EngineTaskError);
      assert.equal(err.code, 'engine_task_failed');
      assert.equal(err.engineCode, 'invalid_document_id');
      assert.match(err.message, /Document identifier .* is invalid/);
      return true;
    });
    assert.equal(await engine.documentCount(uid), 0);
  });

  it('awaits a long task without piling listeners on one abort signal', async () => {
    // The client's waitForTask passed one signal to every poll, and each poll left a listener on
    // it until the wait ended (a rebuild's waits gathered over 1,500: MaxListenersExceededWarning).
    const perSignal = new Map<EventTarget, number>();
    let most = 0;
    const add = AbortSignal.prototype.addEventListener;
    const remove = AbortSignal.prototype.removeEventListener;
    AbortSignal.prototype.addEventListener = function (this: AbortSignal, ...args: Parameters<typeof add>) {
      const n = (perSignal.get(this) ?? 0) + 1;
      perSignal.set(this, n);
      most = Math.max(most, n);
      return add.apply(this, args);
    };
    AbortSignal.prototype.removeEventListener = function (this: AbortSignal, ...args: Parameters<typeof remove>) {
      perSignal.set(this, (perSignal.get(this) ?? 1) - 1);
      return remove.apply(this, args);
    };
    try {
      const docs = Array.from({ length: 6000 }, (_, i) => ({ id: `long-${i}`, text: `第${i}篇测试正文，记者从有关部门获悉，相关工作正在稳步推进。`.repeat(8) }));
      const started = Date.now();
      await engine.addDocuments(uid, docs, 6000);
      assert.ok(Date.now() - started > 150, 'the task took long enough to be polled many times');
      assert.ok(most <= 4, `${most} abort listeners on one signal`);
      assert.equal(await engine.documentCount(uid), 6000);
    } finally {
      AbortSignal.prototype.addEventListener = add;
      AbortSignal.prototype.removeEventListener = remove;
    }
  });

  it('raises an EngineError with the engine\'s message for bad settings, and keeps the settings it had', async () => {
    await assert.rejects(engine.ensureSettings(uid, { ...storyIndexSettings, rankingRules: ['notARule'] }), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.match(err.message, /ranking rule|rankingRules/i);
      return true;
    });
    assert.equal(await engine.ensureSettings(uid, storyIndexSettings), false);
  });

  it('searches over its own connection: hits, totals and facets as the engine gives them', async () => {
    await engine.addDocuments(uid, [
      { id: 's1', articleId: 'a1', storyId: 'a1', text: '金砖国家领导人会晤', source: '人民日报' },
      { id: 's2', articleId: 'a2', storyId: 'a2', text: '金砖合作机制', source: '新华社' },
    ]);
    const [hits, facets] = await engine.multiSearch(uid, [
      { q: '金砖', limit: 10, attributesToRetrieve: ['id'] },
      { q: '金砖', limit: 0, facets: ['source'] },
    ]);
    assert.deepEqual(hits!.hits.map((h) => h.id).sort(), ['s1', 's2']);
    assert.deepEqual(facets!.facetDistribution.source, { 人民日报: 1, 新华社: 1 });
    // searchAll sends them at once, one request each, and answers in the order asked.
    const [filtered, facetOnly] = await engine.searchAll(uid, [
      { q: '金砖', filter: `source = "新华社"`, page: 1, hitsPerPage: 5, attributesToRetrieve: ['id'] },
      { q: '金砖', page: 1, hitsPerPage: 0, facets: ['source'] },
    ]);
    assert.deepEqual(filtered!.hits.map((h) => h.id), ['s2']);
    assert.equal(filtered!.totalHits, 1);
    assert.deepEqual(facetOnly!.hits, []);
    assert.deepEqual(facetOnly!.facetDistribution.source, { 人民日报: 1, 新华社: 1 });
    const one = await engine.search(uid, { q: '会晤', filter: `source = "人民日报"`, page: 1, hitsPerPage: 5 });
    assert.equal(one.totalHits, 1);
    assert.equal(one.hits[0]!.id, 's1');
  });

  it('names why a search failed: a missing index, a filter the engine refuses, an engine that is down', async () => {
    await assert.rejects(engine.search(uniqueIndex('missing'), { q: 'x' }), (err: unknown) => err instanceof EngineError && err.code === 'index_missing');
    await assert.rejects(engine.multiSearch(uid, [{ q: 'x', filter: 'source = ' }]), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.code, 'engine_request_failed');
      assert.match(err.message, /^Meilisearch answered 400: .*expecting a value/s); // the engine's own words
      return true;
    });
    await assert.rejects(engine.searchAll(uid, [{ q: 'x' }, { q: 'x', filter: 'source = ' }]), (err: unknown) => err instanceof EngineError && err.code === 'engine_request_failed');
    await assert.rejects(deadEngine().search(uid, { q: 'x' }), EngineUnavailableError);
    await assert.rejects(deadEngine().searchAll(uid, [{ q: 'x' }, { q: 'y' }]), EngineUnavailableError);
  });

  it('abandons an index by cancelling its queued writes before deleting it', async () => {
    const doomed = uniqueIndex('abandon');
    await engine.createIndex(doomed);
    const text = '金砖国家领导人会晤在喀山举行，各方就全球治理交换意见。'.repeat(20);
    const writes = [];
    for (let b = 0; b < 6; b++) {
      writes.push(await engine.enqueue(doomed, { add: Array.from({ length: 3000 }, (_, i) => ({ id: `d${b}-${i}`, text: `${i} ${text}` })) }));
    }
    await engine.abandonIndex(doomed);
    assert.equal(await engine.indexExists(doomed), false);
    const outcomes = await Promise.all(writes.map((w) => w.done().then(() => 'succeeded', (err: unknown) => (err instanceof EngineTaskError ? err.message : String(err)))));
    assert.ok(outcomes.some((o) => /canceled/.test(o)), `some writes were cancelled, not waited for: ${outcomes.join('; ')}`);
  });

  it('uses every facet field as a filterable attribute of the story index', () => {
    for (const f of ['source', 'topics', 'year', 'month']) assert.ok(storyIndexSettings.filterableAttributes.includes(f));
  });
});
