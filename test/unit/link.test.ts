/**
 * Reprint linking (indexer/sync/link.ts): signatures, and which articles linkStories puts in one story,
 * table-driven over synthetic texts whose overlap is known exactly.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { containment, decodeMinhash, encodeMinhash, linkStories, signature, SignatureTable, type StorySignature } from '../../indexer/sync/link.js';

/** Deterministic text of `length` CJK characters: different seeds share no 5-character shingle in practice. */
function text(seed: number, length: number): string {
  let x = seed * 2654435761 + 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += String.fromCharCode(0x4e00 + ((x >>> 8) % 0x5000));
  }
  return out;
}

const STORY = text(1, 600);
let serial = 0;
function sig(body: string, storyId?: string): StorySignature {
  const n = serial++;
  const s = signature(`a${n}`, `f${String(n).padStart(4, '0')}`, body);
  if (storyId) s.storyId = storyId;
  return s;
}

describe('signature', () => {
  test('counts distinct shingles and ignores punctuation and layout', () => {
    assert.equal(signature('x', 'x', '一二三四五一二三四五').shingles, 5);
    const a = signature('a', 'a', STORY);
    const b = signature('b', 'b', `${STORY.slice(0, 300)}，\n “${STORY.slice(300)}”。`);
    assert.equal(b.minhash, a.minhash);
    assert.equal(b.shingles, a.shingles);
  });

  test('does not depend on the texts signed before it', () => {
    const first = signature('a', 'a', STORY).minhash;
    signature('b', 'b', text(2, 5000));
    signature('c', 'c', '短');
    assert.equal(signature('a', 'a', STORY).minhash, first);
  });

  test('a text shorter than a shingle has none', () => {
    const s = signature('a', 'a', '四个字儿');
    assert.equal(s.shingles, 0);
    assert.equal(containment(s, signature('b', 'b', STORY)), 0);
  });

  test('estimates the share of the smaller text found in the larger', () => {
    const whole = signature('a', 'a', STORY);
    assert.equal(containment(whole, signature('b', 'b', STORY)), 1);
    const part = containment(whole, signature('c', 'c', STORY.slice(0, 400)));
    assert.ok(part > 0.8, `a two-thirds copy is mostly contained: ${part}`);
    assert.ok(containment(whole, signature('d', 'd', text(3, 600))) < 0.1);
  });
});

describe('minhash in the manifest', () => {
  test('a signature has 64 values of 16 bits, and its base64 reads back to the same string', () => {
    for (const body of [STORY, text(4, 50), '四个字儿']) {
      const { minhash } = signature('a', 'a', body);
      assert.equal(minhash.length, 64);
      const encoded = encodeMinhash(minhash);
      assert.equal(Buffer.from(encoded, 'base64').length, 128);
      assert.equal(decodeMinhash(encoded), minhash);
    }
  });

  test('values that are lone surrogates in UTF-16 survive the round trip', () => {
    const minhash = String.fromCharCode(...Array.from({ length: 64 }, (_, k) => [0xd800, 0xdfff, 0xffff, 0][k % 4]!));
    assert.equal(decodeMinhash(encodeMinhash(minhash)), minhash);
  });

  test('the 32-bit values of an older manifest read as their low 16 bits: the signature made now', () => {
    const values = Uint32Array.from({ length: 64 }, (_, k) => Math.imul(k + 1, 2654435761) >>> 0);
    const decoded = decodeMinhash(Buffer.from(values.buffer).toString('base64'));
    assert.deepEqual(
      [...decoded!].map((c) => c.charCodeAt(0)),
      [...values].map((v) => v & 0xffff),
    );
  });

  const wrong: [string, number][] = [
    ['no values', 0],
    ['one value', 2],
    ['63 values of 16 bits', 126],
    ['a byte too many', 129],
    ['65 values of 32 bits', 260],
  ];
  for (const [name, bytes] of wrong) {
    test(`a minhash of ${name} (${bytes} bytes) is not one`, () => {
      assert.equal(decodeMinhash(Buffer.alloc(bytes, 7).toString('base64')), null);
    });
  }
});

describe('linkStories', () => {
  const cases: { name: string; fresh: () => StorySignature[]; fixed?: () => StorySignature[]; together: number[][]; apart?: number[] }[] = [
    { name: 'identical copies', fresh: () => [sig(STORY), sig(STORY)], together: [[0, 1]] },
    { name: 'a copy cut by a third', fresh: () => [sig(STORY), sig(STORY.slice(0, 400))], together: [[0, 1]] },
    { name: 'a copy with other text around it', fresh: () => [sig(STORY), sig(`${text(4, 200)}${STORY}${text(5, 100)}`)], together: [[0, 1]] },
    { name: 'unrelated articles', fresh: () => [sig(STORY), sig(text(6, 600))], together: [], apart: [0, 1] },
    {
      name: 'one template, other figures',
      fresh: () => [sig(`${STORY}同比增长12.5%，达到3400亿元`), sig(`${STORY}同比增长8.1%，达到2900亿元`)],
      together: [],
      apart: [0, 1],
    },
    { name: 'too short to tell', fresh: () => [sig(STORY.slice(0, 30)), sig(STORY.slice(0, 30))], together: [], apart: [0, 1] },
    // More copies than a bucket compares all pairs of: neighbours still link every copy.
    { name: 'a wire story in 40 papers', fresh: () => Array.from({ length: 40 }, () => sig(STORY)), together: [Array.from({ length: 40 }, (_, i) => i)] },
    {
      name: 'two stories sharing a bucket-filling crowd',
      fresh: () => [...Array.from({ length: 36 }, (_, i) => sig(i % 2 ? STORY : `${text(7, 600)}`))],
      together: [Array.from({ length: 18 }, (_, i) => 2 * i + 1), Array.from({ length: 18 }, (_, i) => 2 * i)],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const fresh = c.fresh();
      const stories = linkStories(fresh);
      const story = (i: number) => stories.get(fresh[i]!.id) ?? fresh[i]!.id;
      for (const [id, name] of stories) {
        assert.ok(fresh.some((s) => s.id === id), 'only fresh articles are mapped');
        assert.notEqual(name, id, 'an article that names its own story is left out');
      }
      for (const group of c.together) {
        const names = new Set(group.map(story));
        assert.equal(names.size, 1, `articles ${group.join(',')} are one story`);
        // The story is named by its earliest member.
        assert.equal([...names][0], fresh[Math.min(...group)]!.id);
      }
      if (c.apart) assert.equal(new Set(c.apart.map(story)).size, c.apart.length, 'separate stories');
    });
  }

  test('a fresh reprint joins the story of an indexed one; indexed articles are not renamed', () => {
    const fixed = [sig(STORY, 'story-1'), sig(text(8, 600), 'story-2')];
    const fresh = [sig(STORY.slice(100)), sig(text(9, 600))];
    const stories = linkStories(fresh, [fixed]);
    // The unrelated article is its own story: not in the map.
    assert.deepEqual([...stories], [[fresh[0]!.id, 'story-1']]);
  });

  test('indexed articles are not compared with each other again', () => {
    const fixed = [sig(STORY, 'story-1'), sig(STORY, 'story-2')];
    const fresh = [sig(text(10, 600))];
    assert.deepEqual([...linkStories(fresh, [fixed])], []);
  });

  test('indexed articles that share nothing with the fresh ones change nothing, in one list or in many', () => {
    const crowd = Array.from({ length: 300 }, (_, i) => sig(text(100 + i, 300), `crowd-${i}`));
    const fresh = [sig(STORY.slice(50)), sig(text(9, 600))];
    const alone = linkStories(fresh, [[sig(STORY, 'story-1')]]);
    assert.deepEqual([...alone], [[fresh[0]!.id, 'story-1']]);
    assert.deepEqual([...linkStories(fresh, [crowd.slice(0, 100), [sig(STORY, 'story-1')], [], crowd.slice(100)])], [...alone]);
  });

  test('a fresh copy of a story indexed in many papers joins it', () => {
    const fixed = Array.from({ length: 50 }, () => sig(STORY, 'story-wire'));
    const fresh = [sig(STORY)];
    assert.equal(linkStories(fresh, [fixed]).get(fresh[0]!.id), 'story-wire');
  });

  test('a table of columns links as the signatures it was made of, grown past its first capacity', () => {
    const fresh = [...Array.from({ length: 12 }, (_, i) => sig(i % 3 ? STORY.slice(i * 10) : text(200 + i, 500))), sig(STORY.slice(0, 30))];
    const table = new SignatureTable(2);
    for (const s of fresh) table.add(s);
    assert.equal(table.length, fresh.length);
    const byRows = linkStories(table);
    assert.deepEqual([...byRows], [...linkStories(fresh)]);
    assert.equal(byRows.size, 7, 'the eight copies of the story are one');
    fresh.forEach((s, row) => {
      assert.equal(table.ids[row], s.id);
      assert.equal(String.fromCharCode(...table.minhashes.subarray(row * 64, row * 64 + 64)), s.minhash);
      assert.equal(table.shingles[row], s.shingles);
    });
  });

  test("a table row keeps an indexed article's story", () => {
    const table = SignatureTable.of([sig(STORY, 'story-1'), sig(STORY)]);
    assert.equal(table.storyId(0), 'story-1');
    assert.equal(table.storyId(1), table.ids[1]);
  });
});
