/**
 * Reprint linking (indexer/link.ts): signatures, and which articles linkStories puts in one story,
 * table-driven over synthetic texts whose overlap is known exactly.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { containment, linkStories, MinhashArena, signature, type StorySignature } from '../../indexer/link.js';

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
    assert.deepEqual([...b.minhash], [...a.minhash]);
    assert.equal(b.shingles, a.shingles);
  });

  test('does not depend on the texts signed before it', () => {
    const first = [...signature('a', 'a', STORY).minhash];
    signature('b', 'b', text(2, 5000));
    signature('c', 'c', '短');
    assert.deepEqual([...signature('a', 'a', STORY).minhash], first);
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

describe('MinhashArena', () => {
  test('gives each signature a minhash of its own, equal to one signed without it, across blocks', () => {
    const arena = new MinhashArena();
    // 64 values a signature: the first block (4096 values) holds 64, so 300 signatures span three blocks.
    const bodies = Array.from({ length: 300 }, (_, i) => text(i + 10, 50 + (i % 7) * 40));
    const inArena = bodies.map((b, i) => signature(`a${i}`, `a${i}`, b, arena));
    bodies.forEach((b, i) => assert.deepEqual([...inArena[i]!.minhash], [...signature(`a${i}`, `a${i}`, b).minhash], `signature ${i}`));
    inArena[0]!.minhash.fill(0);
    assert.deepEqual([...inArena[1]!.minhash], [...signature('a1', 'a1', bodies[1]!).minhash], 'no two share memory');
  });

  const lengths: [string, number][] = [
    ['a signature (64 values)', 64],
    ['one value (base64 ending in "==")', 1],
    ['three values (base64 without padding)', 3],
    ['five values (base64 ending in "=")', 5],
    ['more than a first block', 5000],
  ];
  for (const [name, length] of lengths) {
    test(`decodes the base64 of ${name} into the arena`, () => {
      const arena = new MinhashArena();
      const values = Uint32Array.from({ length }, (_, i) => Math.imul(i + 1, 2654435761) >>> 0);
      const decoded = arena.decode(Buffer.from(values.buffer).toString('base64'));
      assert.deepEqual([...decoded], [...values]);
      const next = arena.decode(Buffer.from(values.buffer).toString('base64'));
      next.fill(0);
      assert.deepEqual([...decoded], [...values], 'a later decode does not overwrite it');
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
      assert.equal(stories.size, fresh.length, 'every fresh article gets a story');
      for (const group of c.together) {
        const names = new Set(group.map((i) => stories.get(fresh[i]!.id)));
        assert.equal(names.size, 1, `articles ${group.join(',')} are one story`);
        // The story is named by its earliest member.
        assert.equal([...names][0], fresh[Math.min(...group)]!.id);
      }
      if (c.apart) assert.equal(new Set(c.apart.map((i) => stories.get(fresh[i]!.id))).size, c.apart.length, 'separate stories');
    });
  }

  test('a fresh reprint joins the story of an indexed one; indexed articles are not renamed', () => {
    const fixed = [sig(STORY, 'story-1'), sig(text(8, 600), 'story-2')];
    const fresh = [sig(STORY.slice(100)), sig(text(9, 600))];
    const stories = linkStories(fresh, fixed);
    assert.deepEqual(
      [...stories].sort(),
      [
        [fresh[0]!.id, 'story-1'],
        [fresh[1]!.id, fresh[1]!.id],
      ].sort(),
    );
  });

  test('indexed articles are not compared with each other again', () => {
    const fixed = [sig(STORY, 'story-1'), sig(STORY, 'story-2')];
    const fresh = [sig(text(10, 600))];
    assert.deepEqual([...linkStories(fresh, fixed)], [[fresh[0]!.id, fresh[0]!.id]]);
  });

  test('a fresh copy of a story indexed in many papers joins it', () => {
    const fixed = Array.from({ length: 50 }, () => sig(STORY, 'story-wire'));
    const fresh = [sig(STORY)];
    assert.equal(linkStories(fresh, fixed).get(fresh[0]!.id), 'story-wire');
  });
});
