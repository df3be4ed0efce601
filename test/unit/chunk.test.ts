import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkArticle } from '../../indexer/sync/chunk.js';
import { chunkText, splitSentences } from '../../src/text/passages.js';
import type { Article } from '../../indexer/extract/types.js';

describe('splitSentences', () => {
  const cases: [string, string[]][] = [
    ['他说：“好。”我们走吧！真的吗？', ['他说：“好。”', '我们走吧！', '真的吗？']],
    ['增长5.8%。工业投资连续8个月增长', ['增长5.8%。', '工业投资连续8个月增长']],
    ['没有句号的一句话', ['没有句号的一句话']],
    ['第一句；第二句……第三句', ['第一句；', '第二句……', '第三句']],
  ];
  for (const [input, expected] of cases) {
    it(`splits ${input.slice(0, 12)}…`, () => assert.deepEqual(splitSentences(input), expected));
  }
});

describe('chunkText', () => {
  const sentence = '金砖国家领导人第十六次会晤在喀山会展中心举行。';
  const body = Array.from({ length: 6 }, (_, p) => `第${p + 1}段：${sentence.repeat(8)}`).join('\n');

  it('keeps every character of the body, in order', () => {
    const chunks = chunkText(body, { target: 120, max: 200 });
    assert.equal(chunks.join('').replace(/\n/g, ''), body.replace(/\n/g, ''));
  });

  it('never exceeds the maximum and ends chunks at sentence ends', () => {
    const chunks = chunkText(body, { target: 120, max: 200 });
    assert.ok(chunks.length > 3);
    for (const c of chunks) {
      assert.ok(c.length <= 200, `${c.length}`);
      assert.match(c, /[。”]$/);
    }
  });

  it('cuts a sentence longer than a chunk at clause ends, then anywhere', () => {
    const long = `${'一个很长的分句，'.repeat(40)}${'无标点'.repeat(100)}`;
    const chunks = chunkText(long, { target: 100, max: 150 });
    assert.ok(chunks.every((c) => c.length <= 150));
    assert.equal(chunks.join(''), long);
    assert.match(chunks[0]!, /，$/);
  });

  it('returns one chunk for a short article', () => {
    assert.deepEqual(chunkText('短讯。只有两句。'), ['短讯。只有两句。']);
  });
});

describe('chunkArticle', () => {
  const article: Article = {
    id: 'a1', storyId: 's1', file: 'x.txt', ordinal: 0, title: '标题', kicker: null, column: null, source: '新华社', agency: '新华社',
    date: '2024-10-23', place: '北京', reporters: ['姜琳'], topics: ['社会'], topicWords: { 社会: ['社保'] }, keywords: [], script: 'simplified',
    body: '第一句。'.repeat(200),
    originalBody: null,
    jump: {},
    edition: null, evidence: {},
  };

  it('gives stable ids derived from content', () => {
    const a = chunkArticle(article).map((c) => c.id);
    const b = chunkArticle({ ...article }).map((c) => c.id);
    assert.deepEqual(a, b);
    assert.equal(new Set(a).size, a.length);
    const changed = chunkArticle({ ...article, id: 'a2' }).map((c) => c.id);
    assert.notDeepEqual(changed, a);
  });

  it('keeps the ids earlier versions gave: an upgrade sends no document again', () => {
    // Hashed from the fields in the order CHUNK_ID_FIELDS fixes; these are the ids of 2026-12-06.
    assert.deepEqual(chunkArticle(article).map((c) => c.id).slice(0, 2), ['bd15256067421d9f0959fdc0', 'c4a08f8ff8eb29fbd3f2122d']);
  });

  it('hashes a column into the ids only where the article has one', () => {
    const ids = (column: string | null) => chunkArticle({ ...article, column }).map((c) => c.id);
    const [none, brief, watch] = [ids(null), ids('简讯'), ids('一线观察')];
    assert.deepEqual(none.slice(0, 2), ['bd15256067421d9f0959fdc0', 'c4a08f8ff8eb29fbd3f2122d']);
    assert.ok(brief.every((id, k) => id !== none[k] && id !== watch[k]));
    assert.equal(chunkArticle({ ...article, column: '简讯' })[1]!.column, '简讯');
  });

  it('copies the article fields onto every chunk, with date facets', () => {
    const chunks = chunkArticle(article);
    assert.ok(chunks.length > 1);
    for (const [i, c] of chunks.entries()) {
      assert.equal(c.articleId, 'a1');
      assert.equal(c.chunkIndex, i);
      assert.equal(c.chunkCount, chunks.length);
      assert.equal(c.year, '2024');
      assert.equal(c.month, '2024-10');
      assert.equal(c.dateTs, Date.UTC(2024, 9, 23) / 1000);
      assert.deepEqual(c.topics, ['社会']);
    }
  });

  it('leaves date facets null when the date is unknown', () => {
    const [c] = chunkArticle({ ...article, date: null, body: '短。' });
    assert.equal(c?.dateTs, null);
    assert.equal(c?.year, null);
  });
});
