/** The run's document writer against the real engine: NDJSON batches, stories set in place or patched after, batch boundaries. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Engine } from '../../src/engine/meili.js';
import { DocumentWriter } from '../../indexer/writer.js';
import { testEngine, uniqueIndex } from '../helpers/env.js';

const engine = testEngine();

/** The engine, recording each write's kind. */
function watched(writes: string[]): Engine {
  return Object.create(engine, {
    enqueue: { value: (uid: string, write: Parameters<Engine['enqueue']>[1]) => (writes.push(Object.keys(write)[0]!), engine.enqueue(uid, write)) },
  }) as Engine;
}

describe('DocumentWriter', () => {
  const uids: string[] = [];
  const fresh = async (prefix: string) => {
    const uid = uniqueIndex(prefix);
    uids.push(uid);
    await engine.createIndex(uid);
    return uid;
  };
  after(async () => {
    for (const uid of uids) await engine.deleteIndex(uid).catch(() => {});
  });

  it('sends documents as they were given, and sets a new story in a document not sent yet, or patches it after', async () => {
    const uid = await fresh('writer');
    const docs = [
      { id: 'a', storyId: 'a1', text: '含"引号"、\\反斜杠和\n换行的中文', n: 1.5, tags: ['x', '乙'], nested: { k: null } },
      { id: 'b', text: '没有故事的文档' },
      { id: 'c', storyId: 'c1' },
      { id: 'd', storyId: 's' },
      { storyId: 'e1', id: 'e', text: '😀𠮷 outside the BMP' },
    ];
    const writes: string[] = [];
    const writer = new DocumentWriter(watched(writes), uid);
    await writer.add(docs);
    // a fits where a1 was; d's new story is longer and b has none: both patched after.
    await writer.update([
      { id: 'a', storyId: 'A2' },
      { id: 'd', storyId: 'story-longer' },
      { id: 'b', storyId: 'B' },
    ]);
    await writer.settle();
    assert.deepEqual(writes, ['addLines', 'update']);
    assert.equal(writer.count, docs.length + 2);
    const stored = await Promise.all(docs.map((d) => engine.getDocument(uid, d.id)));
    assert.deepEqual(stored, [
      { ...docs[0], storyId: 'A2' },
      { ...docs[1], storyId: 'B' },
      docs[2],
      { ...docs[3], storyId: 'story-longer' },
      docs[4],
    ]);
  });

  it('cuts batches of 5000 documents, however many it is given at once, and sends the rest when it settles', async () => {
    const uid = await fresh('writer-batches');
    const writes: string[] = [];
    const writer = new DocumentWriter(watched(writes), uid);
    const doc = (i: number) => ({ id: `d${i}`, storyId: `s${i % 7}`, text: `第${i}段：${'农田灌溉改造'.repeat(20)}` });
    await writer.add(Array.from({ length: 7000 }, (_, i) => doc(i)));
    await writer.add(Array.from({ length: 5500 }, (_, i) => doc(7000 + i)));
    assert.deepEqual(writes, ['addLines', 'addLines'], 'two full batches sent, 2500 gathered');
    await writer.settle();
    assert.deepEqual(writes, ['addLines', 'addLines', 'addLines']);
    assert.equal(await engine.documentCount(uid), 12_500);
    assert.deepEqual(await engine.getDocument(uid, 'd12499'), doc(12_499));
  });
});
