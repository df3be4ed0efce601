/**
 * enrich, case by case (indexer/extract/enrich.ts): the fields an article's own lines state, in
 * the forms papers print them. Fragments written for these tests (no real headline or person),
 * each form with a second, different case.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contextYear, normalizeDate, placeFromText } from '../../indexer/extract/enrich.js';
import { personNames } from '../../indexer/extract/lines.js';
import { processBytes } from '../../indexer/sync/pipeline.js';

const BODY = '国家统计局18日发布数据，前三季度国内生产总值同比增长5.2%，经济运行总体平稳。就业形势保持稳定，居民收入继续增加。';
const BODY2 = '记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，同比增长8%，各地铁路部门加开旅客列车。';

describe('enrich: dates a file states about itself', () => {
  const cases: [string, string | undefined, string | null][] = [
    ['ISO', '2024-10-23', '2024-10-23'],
    ['ISO with time and offset: the day as written', '2024-10-23T08:30:00+08:00', '2024-10-23'],
    ['Chinese', '2024年10月23日', '2024-10-23'],
    ['Chinese with spaces and a time', '2024 年 1 月 5 日 10:00', '2024-01-05'],
    ['RFC 2822 (feeds)', 'Wed, 23 Oct 2024 08:00:00 GMT', '2024-10-23'],
    ['slashes', '2023/7/8', '2023-07-08'],
    ['a day that does not exist', '2024-02-30', null],
    ['words, not a date', '昨天', null],
    ['nothing', undefined, null],
  ];
  for (const [name, value, want] of cases) it(`${name}: ${String(value)} → ${want}`, () => assert.equal(normalizeDate(value), want));

  it('takes the year for a dateline from the declaration first, then from the file, never from the text', () => {
    assert.equal(contextYear({ published: '2023-05-01' } as never, { date: '2024-10-23' }), 2023);
    assert.equal(contextYear({} as never, { date: '2024年10月23日' }), 2024);
    assert.equal(contextYear({} as never, {}), null);
  });
});

describe('enrich: a place for an article without a dateline', () => {
  const cases: [string, string, string, string | null][] = [
    ['a city in the headline', '杭州地铁三号线通车', '记者从市交通部门获悉，三号线今日开通。', '杭州'],
    ['a province named in the lead, no city', '全省秋粮收购进度过半', '浙江省粮食部门表示，目前收购顺利。', '浙江'],
    ['no place at all', '国际油价下跌', '受需求放缓影响，油价连续下跌。', null],
  ];
  for (const [name, title, lead, want] of cases) it(`${name}: ${want}`, () => assert.equal(placeFromText(title, lead), want));
});

describe('enrich: names in a credit', () => {
  const cases: [string, string, string[]][] = [
    ['names a space apart', '倪某义 胡某光', ['倪某义', '胡某光']],
    ['names a list mark apart', '赵某、安某萍', ['赵某', '安某萍']],
    ['roles before the names', '本报记者 王某明，李某', ['王某明', '李某']],
    ['an intern and a correspondent are credited too, their roles dropped', '记者张某 实习生李某 通讯员周某某', ['张某', '李某', '周某某']],
    ['no Han names', 'Reuters', []],
    ['an organisation is not a person', '医技药剂党支部', []],
  ];
  for (const [name, list, want] of cases) it(`${name}: ${list}`, () => assert.deepEqual(personNames(list), want));
});

describe('enrich: the forms an article opens or closes with', () => {
  interface Want {
    date: string | null;
    source: string | null;
    agency: string | null;
    place: string | null;
    reporters: string[];
  }
  const cases: [string, string, Want][] = [
    ['a wire dateline with reporters', `新华社北京10月18日电（记者王某明 李某）${BODY}`, { date: null, source: '新华社', agency: '新华社', place: '北京', reporters: ['王某明', '李某'] }],
    ['another agency, a space in the bracket', `中新社上海5月6日电 （记者 陈某）${BODY2}`, { date: null, source: '中新社', agency: '中新社', place: '上海', reporters: ['陈某'] }],
    ['a dateline that prints its year dates the article', `新华社北京2024年10月18日电 ${BODY}`, { date: '2024-10-18', source: '新华社', agency: '新华社', place: '北京', reporters: [] }],
    ['an own report that prints its year', `本报杭州2023年3月7日讯（记者赵某某）${BODY2}`, { date: '2023-03-07', source: null, agency: null, place: '杭州', reporters: ['赵某某'] }],
    ['a wire credited without a date', `据新华社电 ${BODY}`, { date: null, source: '新华社', agency: '新华社', place: null, reporters: [] }],
    ['a wire credited with its place only', `据中新社北京电 ${BODY2}`, { date: null, source: '中新社', agency: '中新社', place: '北京', reporters: [] }],
    ['an own report with reporters and an intern', `本报讯（记者 张某 实习生 李某）${BODY}`, { date: null, source: null, agency: null, place: null, reporters: ['张某', '李某'] }],
    ['reporters credited after the last sentence', `${BODY}（记者 孙某某）`, { date: null, source: null, agency: null, place: null, reporters: ['孙某某'] }],
    ['reporters of the paper credited after the last sentence', `${BODY2}(本报记者 周某 吴某某)`, { date: null, source: null, agency: null, place: null, reporters: ['周某', '吴某某'] }],
    ['a bracket inside the text is no credit', `${BODY}（记者注：数据为初步核算）此外，${BODY2}`, { date: null, source: null, agency: null, place: null, reporters: [] }],
  ];
  for (const [name, paragraph, want] of cases) {
    it(name, () => {
      const r = processBytes('page.txt', Buffer.from(`经济运行总体平稳\n\n${paragraph}\n`));
      assert.ok(r.ok);
      const [a] = r.articles;
      assert.deepEqual({ date: a!.date, source: a!.source, agency: a!.agency, place: a!.place, reporters: a!.reporters }, want);
    });
  }
});
