/** A run's spool and the JSON lines under it: what is pushed comes back in order, as often as asked, and leaves nothing behind. */
import assert from 'node:assert/strict';
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { lineBlocks, LineWriter } from '../../indexer/sync/jsonl.js';
import { Spool } from '../../indexer/sync/spool.js';
import { tempDir } from '../helpers/env.js';

interface Rec {
  n: number;
  text: string;
}

const toLine = (r: Rec) => JSON.stringify(r);
const fromLine = (line: string) => JSON.parse(line) as Rec;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('spool', () => {
  it('gives back every record in order, twice, across write and read blocks, with no file left in its folder', async () => {
    const dir = await tempDir();
    const spool = await Spool.create<Rec>(dir, toLine, fromLine);
    assert.deepEqual(await readdir(dir), [], 'the spool has no name once created');
    // ~10 MB: more than one 64 KiB write and more than one 8 MiB read block; Chinese text, so bytes ≠ characters.
    const records = Array.from({ length: 2500 }, (_, n) => ({ n, text: `第${n}篇：${'新华社北京电'.repeat(n % 7 === 0 ? 900 : 200)}` }));
    for (const r of records) await spool.push(r);
    assert.equal(spool.count, records.length);
    assert.deepEqual(await collect(spool.records()), records);
    assert.deepEqual(await collect(spool.records()), records, 'read a second time');
    await spool.close();
    assert.deepEqual(await readdir(dir), []);
  });

  it('reads back records pushed after a read', async () => {
    const spool = await Spool.create<Rec>(await tempDir(), toLine, fromLine);
    await spool.push({ n: 1, text: 'a' });
    assert.deepEqual(await collect(spool.records()), [{ n: 1, text: 'a' }]);
    await spool.push({ n: 2, text: 'b' });
    assert.deepEqual(await collect(spool.records()), [{ n: 1, text: 'a' }, { n: 2, text: 'b' }]);
    await spool.close();
  });

  it('creates its folder when it is missing', async () => {
    const dir = path.join(await tempDir(), 'data', 'deeper');
    const spool = await Spool.create<Rec>(dir, toLine, fromLine);
    await spool.push({ n: 1, text: 'x' });
    assert.equal((await collect(spool.records())).length, 1);
    await spool.close();
  });
});

describe('JSON lines', () => {
  it('reads lines from an offset, with the offset past each, and leaves out a torn last line', async () => {
    const file = path.join(await tempDir(), 'lines.jsonl');
    const handle = await open(file, 'w+');
    const out = new LineWriter(handle);
    for (const line of ['{"a":1}', '{"b":"乙"}', '{"c":3}']) await out.line(line);
    await out.flush();
    await handle.write('{"torn":', out.bytes);
    const all = (await collect(lineBlocks(handle))).flat();
    assert.deepEqual(
      all.map((l) => l.text),
      ['{"a":1}', '{"b":"乙"}', '{"c":3}'],
    );
    assert.equal(all[2]!.end, out.bytes);
    const fromSecond = (await collect(lineBlocks(handle, all[0]!.end))).flat();
    assert.deepEqual(
      fromSecond.map((l) => [l.text, l.end]),
      all.slice(1).map((l) => [l.text, l.end]),
    );
    await handle.close();
  });
});
