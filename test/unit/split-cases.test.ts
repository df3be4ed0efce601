/**
 * split, case by case (indexer/extract/split.ts): which lines can be headlines, and what a wire
 * digest's item header states. The whole-page shapes are in split.test.ts; these are the line
 * rules they are built from. Fragments written for these tests, each rule with a second case.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify, looksLikeHeadline, separateHeadlines, wireHeader } from '../../indexer/extract/split.js';

describe('split: lines that can be headlines', () => {
  const cases: [string, string, boolean][] = [
    ['a short statement', '前三季度国民经济运行总体平稳', true],
    ['two clauses a space apart', '较强冷空气来袭 多地气温骤降', true],
    ['a headline with a comma inside', '铁路客运量创历史新高，假期发送旅客1.2亿人次', true],
    ['a headline of three clauses', '城东发生了一起事件，位置在老城区，画面曝光', true],
    ['a long line of several clauses is text', '首富的某某在前不久召开的中期业绩会上表示，对一家上市公司来说，没有故事就是好故', false],
    ['text of two columns read as one line', '奔的城东老 今年以来，全市新增城市绿道一百二十公里，沿线新建驿站十二座，方便', false],
    ['a short line of three clause marks, a comma among them, is text', '据介绍，今年以来，老街接待游客、市', false],
    ['a short line of a comma and a list, broken off, is text', '城西菜市场重新开业，摊位、灯光、地', false],
    ['a list of places with no comma may head a story', '京津冀、长三角、珠三角、成渝同步推进', true],
    ['a short question', '为何老外却说“了不得”？', true],
    ['a long question without a comma', '奖金百万元的科学大奖首位女性获奖者到底是什么来头？', true],
    ['a long question with a comma is a sentence', '那么，这样的增长势头在四季度能否延续下去并带动全年目标实现呢？', false],
    ['a sentence with a full stop', '国家统计局18日发布数据，前三季度经济运行总体平稳。', false],
    ['a sentence trailing off after clause marks', '广场上的市民有的打太极，有的跳舞、跑步……', false],
    ['a list trailing off', '菜场里有青菜、萝卜、土豆……', false],
    ['a headline trailing off with no clause mark', '春天的故事还在继续……', true],
    ['a line broken after a comma', '铁路客运量创历史新高，', false],
    ['a line broken after a colon', '国务院联防联控机制：', false],
    ['a subtitle under a headline', '——记者走访多地一线', true],
    ['a subtitle with a comma', '——多部门联合发布新举措，本月起施行', true],
    ['a sentence opening with a dash is text', '——过了年，在城东开了十年小店的老张，终于歇业了。', false],
    ['a quoted sentence opening with a dash is text', '——“我们明年还会再来。”', false],
    ['a wire dateline opens text', '新华社北京10月18日电', false],
    ['an own report opens text', '本报杭州3月7日讯', false],
    ['one character', '图', false],
  ];
  for (const [name, text, want] of cases) it(`${name}: ${text}`, () => assert.equal(looksLikeHeadline(text), want));
});

describe('split: seams follow a paragraph\'s text', () => {
  it('moves a seam (Block.seams) when a line run on into the paragraph is put before it', () => {
    // A line whose last word runs on into the paragraph under it becomes that paragraph's start;
    // the seam, where cleaning joined two blocks, still falls where the second story's text begins.
    for (const [line, text, at] of [
      ['今年以来，全市市民纷纷前来参', '观展览的人数超过了三万人次，博物馆延长开放时间。城西菜市场改造后重新开业。', 24],
      ['城东老街改造后，沿街商户陆续开', '门迎客，老街的茶馆和书店人气很旺。全市新建绿道一百二十公里，串起沿江公园。', 17],
    ] as const) {
      const units = classify([{ kind: 'paragraph', text: line, line: 1 }, { kind: 'paragraph', text, line: 2, seams: [at] }]);
      assert.equal(units.length, 1, JSON.stringify(units));
      assert.equal(units[0]!.text.slice(units[0]!.seams![0]!), text.slice(at));
    }
  });
});

describe('split: a wire digest item header', () => {
  const cases: [string, string, { facts: { source?: string; date?: string }; title: string | null } | null][] = [
    ['source, date and time, the headline on the same line', '【新华社】2024-06-01 10:21:00 多地出台措施稳定就业', { facts: { source: '新华社', date: '2024-06-01' }, title: '多地出台措施稳定就业' }],
    ['a Chinese date, the headline on the next line', '【中国新闻网】2023年3月7日', { facts: { source: '中国新闻网', date: '2023-03-07' }, title: null }],
    ['the rest of the line is a sentence, not a headline', '【某某日报】2024/5/6 记者从交通部门获悉，假期客流创新高。', { facts: { source: '某某日报', date: '2024-05-06' }, title: null }],
    ['a bracketed tag without a date is no header', '【新华社】多地出台措施稳定就业', null],
    ['a date without a bracket is no header', '2024-06-01 10:21:00 多地出台措施稳定就业', null],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      const got = wireHeader(text);
      assert.deepEqual(got && { facts: got.facts, title: got.title }, want);
    });
  }
});

describe('split: two title lines that can be two headlines', () => {
  const cases: [string, string, string, boolean][] = [
    ['two headlines of their own widths', '长江航运货物吞吐量稳步增长', '春耕备耕有序推进', true],
    ['a headline and its last character', '全国城市更新条例实施细', '则', false],
    ['a headline and its last two characters', '中华人民共和国监', '察法', false],
    ['two lines of a narrow box, as wide as each other', '城东快递小哥连升', '3级，单位授予特', false],
    ['two lines of another box', '海边渔村迎来旅游', '旺季游客人数创新', false],
    ['a quote the first line leaves open and the second closes', '城东老街“非遗文化', '市集”今天开张', false],
    ['a title mark the first line leaves open and the second closes', '全市新建《城市绿道建设', '管理办法》正式施行', false],
    ['two headlines each with their quotes closed', '城东“非遗市集”开张', '全市“夏粮收购”今日启动迎丰收', true],
  ];
  for (const [name, a, b, want] of cases) it(`${name}: ${a} / ${b}`, () => assert.equal(separateHeadlines(a, b), want));
});
