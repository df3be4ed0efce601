/** The engine boundary against the real engine: settings as code, awaited tasks, typed failures. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { EngineError, EngineTaskError, settingsMatch } from '../../src/engine/meili.js';
import { chunkIndexSettings } from '../../src/engine/settings.js';
import { testEngine, uniqueIndex } from '../helpers/env.js';

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
    assert.equal(await engine.ensureSettings(uid), true);
    assert.equal(await engine.ensureSettings(uid), false);
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

  it('raises an EngineError with the engine\'s message for bad settings, and keeps the settings it had', async () => {
    await assert.rejects(engine.ensureSettings(uid, { ...chunkIndexSettings, rankingRules: ['notARule'] }), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.match(err.message, /ranking rule|rankingRules/i);
      return true;
    });
    assert.equal(await engine.ensureSettings(uid), false);
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

  it('uses every facet field as a filterable attribute', () => {
    for (const f of ['source', 'topics', 'year', 'month']) assert.ok(chunkIndexSettings.filterableAttributes.includes(f));
  });
});
