import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterString } from '../../src/engine/meili.js';
import { buildFilter, planSearch, searchQuerySchema } from '../../src/gateway/search.js';

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
