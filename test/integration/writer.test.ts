/** The run's document writer against the real engine: NDJSON batches, stories set in place or patched after, batch boundaries. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Engine } from '../../src/engine/meili.js';
import { Spool } from '../../indexer/sync/spool.js';
import { DocumentWriter } from '../../indexer/sync/writer.js';
import { tempDir, testEngine, uniqueIndex } from '../helpers/env.js';

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

  it('holds documents until their stories are known: sends nothing before, each with its story after, the others patched', async () => {
    const uid = await fresh('writer-held');
    await engine.addDocuments(uid, [{ id: 'old', storyId: 'old' }]);
    const hold = await Spool.create<string>(await tempDir(), (l) => l, (l) => l);
    const writes: string[] = [];
    const writer = new DocumentWriter(watched(writes), uid, hold);
    const docs = [
      // A text holding what a story field looks like, quoted: only the last field is rewritten.
      { id: 'a', storyId: 'a', text: '他写下"storyId":"x"}这几个字' },
      { id: 'b', text: '没有故事的文档' },
      { storyId: 'c', id: 'c', tags: ['乙'] },
      ...Array.from({ length: 6000 }, (_, i) => ({ id: `d${i}`, storyId: `d${i}`, text: `第${i}段` })),
    ];
    await writer.add(docs);
    assert.deepEqual(writes, [], 'nothing sent while the stories are not known');
    await writer.update([
      { id: 'a', storyId: 'a-story-longer-than-before' },
      { id: 'b', storyId: 'B' },
      { id: 'd5999', storyId: 'a' },
      { id: 'old', storyId: 'a' },
    ]);
    await writer.settle();
    assert.deepEqual(writes, ['addLines', 'addLines', 'update'], 'two batches with their stories, one patch of a document sent before');
    assert.deepEqual(await engine.getDocument(uid, 'a'), { ...docs[0], storyId: 'a-story-longer-than-before' });
    assert.deepEqual(await engine.getDocument(uid, 'b'), { ...docs[1], storyId: 'B' });
    assert.deepEqual(await engine.getDocument(uid, 'c'), docs[2]);
    assert.deepEqual(await engine.getDocument(uid, 'd5999'), { id: 'd5999', storyId: 'a', text: '第5999段' });
    assert.deepEqual(await engine.getDocument(uid, 'old'), { id: 'old', storyId: 'a' });
    assert.equal(await engine.documentCount(uid), docs.length + 1);
    await hold.close();
  });

  it('sends held documents when it settles without an update', async () => {
    const uid = await fresh('writer-held-settle');
    const hold = await Spool.create<string>(await tempDir(), (l) => l, (l) => l);
    const writes: string[] = [];
    const writer = new DocumentWriter(watched(writes), uid, hold);
    await writer.add([{ id: 'x', storyId: 'x' }]);
    await writer.settle();
    assert.deepEqual(writes, ['addLines']);
    assert.deepEqual(await engine.getDocument(uid, 'x'), { id: 'x', storyId: 'x' });
    await hold.close();
  });
});
