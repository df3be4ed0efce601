import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPageHeadLine } from '../../indexer/extract/page-head.js';

describe('readPageHeadLine: lines a newspaper page prints around its articles', () => {
  const cases: [string, ReturnType<typeof readPageHeadLine>][] = [
    // A masthead on one line, and the same boxes as extractors give them one by one.
    ['江南都市报 2025年6月3日 星期二 A04版', { paper: '江南都市报', date: '2025-06-03', day: '06-03' }],
    ['工人日报 | 2024年10月24日', { paper: '工人日报', date: '2024-10-24', day: '10-24' }],
    ['工人日报', { paper: '工人日报' }],
    ['江 城 时 报', { paper: '江城时报' }],
    ['2020年7月3日 星期五', { date: '2020-07-03', day: '07-03' }],
    ['滨江商 报2024年12月8日 星期日', { paper: '滨江商报', date: '2024-12-08', day: '12-08' }],
    ['第1版 今日9版', {}],
    ['国内统一连续出版物号 CN 25-0098', {}],
    ['2024年10月24日 星期四 农历甲辰年九月廿二', { date: '2024-10-24', day: '10-24' }],
    // Running headers, with and without the name or the year, and a foot of staff.
    ['2020年7月3日 星期五 江城时报 第4版 综合', { paper: '江城时报', date: '2020-07-03', day: '07-03' }],
    ['4 综合 2020.7.3 星期五 责编 王英 美编 李强', { date: '2020-07-03', day: '07-03' }],
    ['海滨晚报 第3版 经济 7月3日 星期五', { paper: '海滨晚报', day: '07-03' }],
    ['责任编辑：张三 美编：李四 校对：王五', {}],
    // Text that merely names a paper, a date or a page is not a page head.
    ['工人日报社记者从会上获悉', null],
    ['人民日报评论员文章指出', null],
    ['2024年10月24日', null],
    ['10月22日召开的会议上', null],
    ['本报讯（记者 张三）', null],
    ['（下转第3版）', null],
    ['第3版刊登了全文，请读者关注', null],
    ['星期五下午，记者来到现场。', null],
  ];
  for (const [line, expected] of cases) it(`${expected ? 'reads' : 'leaves'} ${line}`, () => assert.deepEqual(readPageHeadLine(line), expected));
});
