import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterString } from '../../src/engine/meili.js';
import { acceptRelaxed, buildFilter, dropsOnlySlips, planSearch, searchQuerySchema, shapeHit } from '../../src/gateway/search.js';
import { MARK_CLOSE, MARK_OPEN } from '../../src/gateway/snippet.js';

describe('filterString', () => {
  const cases: [string, string][] = [
    ['新华社', '"新华社"'],
    ['a"b', '"a\\"b"'],
    ['back\\slash', '"back\\\\slash"'],
    ['新华社" OR source EXISTS OR "', '"新华社\\" OR source EXISTS OR \\""'],
    ['\\"', '"\\\\\\""'],
  ];
  for (const [input, expected] of cases) it(`quotes ${input}`, () => assert.equal(filterString(input), expected));
});

describe('searchQuerySchema', () => {
  it('fills defaults', () => {
    assert.deepEqual(searchQuerySchema.parse({}), { q: '', sort: 'relevance', page: 1, perPage: 10 });
  });
  it('accepts repeated facets as OR lists', () => {
    const q = searchQuerySchema.parse({ source: ['新华社', '工人日报'], topic: '外交' });
    assert.deepEqual(q.source, ['新华社', '工人日报']);
    assert.deepEqual(q.topic, ['外交']);
  });
  const bad: [string, Record<string, unknown>, string][] = [
    ['page 0', { page: '0' }, 'page'],
    ['page not a number', { page: 'two' }, 'page'],
    ['perPage too large', { perPage: '500' }, 'perPage'],
    ['an unknown sort', { sort: 'random' }, 'sort'],
    ['a malformed date', { from: '2024/10/23' }, 'from'],
    ['an impossible date', { to: '2024-02-30' }, 'to'],
    ['a date of year zero', { to: '0000-00-00' }, 'to'],
    ['to before from', { from: '2024-10-23', to: '2024-10-01' }, 'to'],
    ['a query given twice', { q: ['a', 'b'] }, 'q'],
    ['a very long query', { q: '字'.repeat(201) }, 'q'],
  ];
  for (const [name, input, param] of bad) {
    it(`rejects ${name}, naming ${param}`, () => {
      const r = searchQuerySchema.safeParse(input);
      assert.equal(r.success, false);
      assert.equal(r.error?.issues[0]?.path[0], param);
    });
  }
});

describe('buildFilter', () => {
  it('ORs within a facet and ANDs across facets, with dates as timestamps', () => {
    assert.deepEqual(buildFilter({ source: ['新华社', 'a"b'], topic: ['外交'], from: '2024-10-01', to: '2024-10-31' }), [
      ['source = "新华社"', 'source = "a\\"b"'],
      ['topics = "外交"'],
      `dateTs >= ${Date.UTC(2024, 9, 1) / 1000}`,
      `dateTs <= ${Date.UTC(2024, 9, 31) / 1000}`,
    ]);
  });
});

describe('planSearch', () => {
  it('converts a Traditional query to Simplified and paginates by page', () => {
    const r = planSearch(searchQuerySchema.parse({ q: '金磚國家', page: '2', perPage: '5', sort: 'newest' })).main;
    assert.equal(r.q, '金砖国家');
    assert.equal(r.page, 2);
    assert.equal(r.hitsPerPage, 5);
    assert.deepEqual(r.sort, ['dateTs:desc']);
    assert.equal(r.offset, undefined);
  });
});

describe('planSearch on the story index', () => {
  const plan = (q: Record<string, unknown>) => planSearch(searchQuerySchema.parse(q));
  const cases: [string, Record<string, unknown>, string[], boolean, boolean][] = [
    ['no filter: every facet from the one search', { q: '金砖' }, ['source', 'topics', 'year', 'month'], false, false],
    ['a source filter: the source facet from a search without it', { q: '金砖', source: '新华社' }, ['topics', 'year', 'month'], true, false],
    ['a topic filter: the topic facet from a search without it', { topic: '外交' }, ['source', 'year', 'month'], false, true],
    ['both filters', { q: '金砖', source: ['新华社', '晚报'], topic: '外交' }, ['year', 'month'], true, true],
  ];
  for (const [name, query, facets, sourceFacet, topicFacet] of cases) {
    it(name, () => {
      const p = plan(query);
      assert.deepEqual(p.main.facets, facets);
      assert.equal(p.main.distinct, undefined, 'no distinct: a document is a story');
      assert.equal(p.sourceFacet !== null, sourceFacet);
      assert.equal(p.topicFacet !== null, topicFacet);
      if (p.sourceFacet) assert.ok(!JSON.stringify(p.sourceFacet.filter).includes('source ='), 'the source facet ignores the source filter');
      if (p.topicFacet) assert.ok(!JSON.stringify(p.topicFacet.filter).includes('topics ='), 'the topic facet ignores the topic filter');
    });
  }
  it('takes the text to cut the snippet from; a relaxed search asks the engine for its marks', () => {
    const main = plan({ q: '金砖' }).main;
    assert.ok(main.attributesToRetrieve?.includes('text'));
    assert.equal(main.attributesToHighlight, undefined, 'no highlighting of whole texts by the engine');
    const relaxed = planSearch(searchQuerySchema.parse({ q: '金砖' }), 'last').main;
    assert.deepEqual(relaxed.attributesToCrop, ['text']);
    assert.ok(relaxed.attributesToHighlight?.includes('title'));
  });
});

describe('shapeHit', () => {
  const copies = [
    { id: 'a1', title: '金砖峰会开幕', source: '新华社', date: '2024-10-22' },
    { id: 'b2', title: '金砖峰会在喀山开幕', source: '晚报', date: '2024-10-23' },
    { id: 'c3', title: '金砖峰会开幕', source: '新华社', date: '2024-10-24' },
  ];
  const hit = { id: 'a1', articleId: 'a1', title: '金砖峰会开幕', date: '2024-10-22', topics: ['外交'], copies, _formatted: { text: '\ue000金砖\ue001国家领导人会晤。' } };
  const cases: [string, string[], { id: string; title: string; source: string; date: string; alsoIn: string[] }][] = [
    ['no source filter: the first copy, the other sources also in', [], { id: 'a1', title: '金砖峰会开幕', source: '新华社', date: '2024-10-22', alsoIn: ['晚报'] }],
    ['a source filter: that source\'s copy, with its own title and date', ['晚报'], { id: 'b2', title: '金砖峰会在喀山开幕', source: '晚报', date: '2024-10-23', alsoIn: ['新华社'] }],
    ['a filter of two sources: the first copy from either', ['晚报', '新华社'], { id: 'a1', title: '金砖峰会开幕', source: '新华社', date: '2024-10-22', alsoIn: ['晚报'] }],
  ];
  for (const [name, sources, want] of cases) {
    it(name, () => {
      const view = shapeHit(hit, sources);
      assert.deepEqual({ id: view.id, title: view.title, source: view.source, date: view.date, alsoIn: view.alsoIn }, want);
      assert.equal(view.storyId, 'a1');
      assert.equal(view.snippet, '<mark>金砖</mark>国家领导人会晤。');
    });
  }
  it('cuts the snippet from the text itself when the engine marked nothing', () => {
    const { _formatted: _f, ...plain } = hit;
    const view = shapeHit({ ...plain, text: '会议开幕。金砖国家领导人会晤在喀山举行。' }, [], '金砖会晤');
    assert.equal(view.snippet, '会议开幕。<mark>金砖</mark>国家领导人<mark>会晤</mark>在喀山举行。');
  });
});

describe('a relaxed answer (some query words dropped) is kept only for slips', () => {
  // A hit as a relaxed search returns it: the engine's marks around what it matched.
  const hit = (text: string) => ({ id: 's1', _formatted: { title: '', text: text.replace(/\[/g, MARK_OPEN).replace(/\]/g, MARK_CLOSE) } });
  const cases: [string, string, string, boolean][] = [
    ['a mistyped character that makes no word', '加装电悌', '老旧小区[加装]电梯提速', true],
    ['a character left out', '居民消费格', '[居民][消费]价格同比上涨', true],
    ['a word typed apart, absent from the article', '张明远 出狱 道歉', '[张明远]刑满[出狱]并致歉', true],
    ['a dictionary word left out of one run', '电动汽车', '再弄来400辆[电动]车', false],
    ['a dictionary word matched only in part', '马拉松', '西班牙南部[马拉]加', false],
    ['a longer word left out of one run', '量子计算机', '[量子]通信取得新突破', false],
  ];
  for (const [name, q, text, kept] of cases) it(`${name}: ${q}`, () => assert.equal(dropsOnlySlips(q, hit(text)), kept));

  it('needs half the query marked as well', () => {
    const result = (text: string) => ({ hits: [hit(text)], totalHits: 1, facetDistribution: {}, processingTimeMs: 1 });
    assert.equal(acceptRelaxed('加装电悌', result('老旧小区[加装]电梯')), true);
    assert.equal(acceptRelaxed('加装电悌改造工程', result('老旧小区[加装]电梯')), false);
    assert.equal(acceptRelaxed('马拉松', result('[马拉]加')), false);
    assert.equal(acceptRelaxed('加装电悌', { hits: [], totalHits: 0, facetDistribution: {}, processingTimeMs: 1 }), false);
  });
});
