import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copiesOfChunks, MAX_STORY_TEXT_CHARS, storyDoc, type StoryCopy } from '../../indexer/sync/story.js';

const copy = (id: string, over: Partial<StoryCopy> = {}): StoryCopy => ({
  id,
  title: `标题${id}`,
  source: null,
  date: null,
  kicker: null,
  column: null,
  place: null,
  reporters: [],
  topics: [],
  keywords: [],
  body: `正文${id}。`,
  subwords: '',
  ...over,
});

describe('storyDoc', () => {
  const cases: [string, string, StoryCopy[], Partial<ReturnType<typeof storyDoc>>][] = [
    [
      'one article is a story of its own, dated by it',
      'a1',
      [copy('a1', { source: '新华社', date: '2024-10-23', topics: ['外交'], subwords: '金砖 砖国' })],
      { id: 'a1', articleId: 'a1', source: ['新华社'], date: '2024-10-23', dateTs: Date.UTC(2024, 9, 23) / 1000, year: '2024', month: '2024-10', topics: ['外交'], text: '正文a1。', subwords: '金砖 砖国' },
    ],
    [
      'a reprint: the copy named by the story first, every source once, a text printed twice kept once',
      'a1',
      [copy('b2', { source: '晚报', date: '2024-10-24', body: '同一篇\n稿件。', topics: ['外交', '经济'], column: '简讯' }), copy('a1', { source: '新华社', date: '2024-10-23', body: '同一篇稿件。', topics: ['外交'], column: '一线观察' })],
      { articleId: 'a1', title: '标题a1', column: '一线观察', source: ['新华社', '晚报'], date: '2024-10-23', topics: ['外交', '经济'], text: '同一篇稿件。', copies: [{ id: 'a1', title: '标题a1', source: '新华社', date: '2024-10-23' }, { id: 'b2', title: '标题b2', source: '晚报', date: '2024-10-24' }] },
    ],
    [
      'a story whose first copy is gone: the earliest dated copy shows, an undated one last, different texts both searched',
      'gone',
      [copy('c3', { date: null, body: '另一版本。' }), copy('b2', { date: '2024-11-02', source: '晚报', reporters: ['王五'] }), copy('d4', { date: '2024-11-01', source: '晚报', reporters: ['李四', '王五'] })],
      { id: 'gone', articleId: 'd4', source: ['晚报'], date: '2024-11-01', reporters: ['李四', '王五'], text: '正文d4。\n正文b2。\n另一版本。' },
    ],
    ['no date, no source: null date fields, no source', 'e5', [copy('e5')], { source: [], date: null, dateTs: null, year: null, month: null }],
  ];
  for (const [name, id, copies, want] of cases) {
    it(name, () => {
      const doc = storyDoc(id, copies);
      for (const [field, value] of Object.entries(want)) assert.deepEqual(doc[field as keyof typeof doc], value, field);
    });
  }
  it('refuses a story without a copy', () => assert.throws(() => storyDoc('x', []), /no copy/));
  it('holds the texts of a story reprinted many times up to a bound, every copy listed', () => {
    const body = (i: number) => `第${i}版的稿件。${'字'.repeat(MAX_STORY_TEXT_CHARS / 4)}`;
    const copies = Array.from({ length: 8 }, (_, i) => copy(`c${i}`, { body: body(i), date: `2024-10-${10 + i}`, source: `报${i}` }));
    const doc = storyDoc('c0', copies);
    assert.ok(doc.text.length <= MAX_STORY_TEXT_CHARS && doc.text.startsWith('第0版'), String(doc.text.length));
    assert.equal(doc.copies.length, 8);
    assert.equal(doc.source.length, 8);
    const long = storyDoc('c0', [copy('c0', { body: '长'.repeat(MAX_STORY_TEXT_CHARS * 2) })]);
    assert.equal(long.text.length, MAX_STORY_TEXT_CHARS, 'a huge article is held in part');
  });
});

describe('copiesOfChunks', () => {
  it('takes each article from its first chunk and its sub-words from every chunk in order, grouped by story', () => {
    const chunks = [
      { articleId: 'b2', storyId: 'a1', chunkIndex: 1, text: '后半', subwords: '乙' },
      { articleId: 'a1', storyId: 'a1', chunkIndex: 0, title: '甲', column: '简讯', source: '新华社', date: '2024-10-23', body: '全文', text: '前半', subwords: '子', topics: ['外交'] },
      { articleId: 'b2', storyId: 'a1', chunkIndex: 0, title: '乙', source: null, date: null, body: '前半后半', text: '前半', subwords: '甲', reporters: ['王五'] },
      { articleId: 'c3', storyId: 'c3', chunkIndex: 1, text: '没有首段', subwords: '' },
    ];
    const stories = copiesOfChunks(chunks);
    assert.deepEqual([...stories.keys()], ['a1']);
    const byId = new Map(stories.get('a1')!.map((c) => [c.id, c]));
    const [a, b] = [byId.get('a1'), byId.get('b2')];
    assert.equal(a!.body, '全文');
    assert.deepEqual(a!.topics, ['外交']);
    assert.equal(b!.subwords, '甲 乙');
    assert.deepEqual(b!.reporters, ['王五']);
    assert.equal(b!.source, null);
    // The column as the first chunk gives it; none where a chunk stored before columns has none.
    assert.deepEqual([a!.column, b!.column], ['简讯', null]);
  });
});
