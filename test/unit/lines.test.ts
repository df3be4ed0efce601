import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bracketReporters, cleanSource, creditLine, isInfoLine, isStaffLine, personNames, readInfoLine, splitRunTogether } from '../../indexer/extract/lines.js';

describe('splitRunTogether', () => {
  it('cuts two names run together only where one cut opens both with a common surname', () => {
    const cases: [string, string[]][] = [
      ['张伟刘洋', ['张伟', '刘洋']],
      ['王小明李华', ['王小明', '李华']],
      ['赵国强孙丽', ['赵国强', '孙丽']],
      ['周志强吴建华', ['周志强', '吴建华']],
      // One name: short, a compound surname, a transliteration, or two cuts that both read as names.
      ['王小明', ['王小明']],
      ['欧阳明华', ['欧阳明华']],
      ['阿卜杜·热合曼', ['阿卜杜·热合曼']],
      ['王杨李陈华', ['王杨李陈华']],
      ['张思远方', ['张思远方']],
    ];
    for (const [name, want] of cases) assert.deepEqual(splitRunTogether(name), want, name);
    assert.deepEqual(personNames('记者 张伟刘洋、孙丽'), ['张伟', '刘洋', '孙丽']);
    // Six characters are no one name: a letter-spaced credit collapsed (记 者 周 志 强 吴 建 华).
    assert.deepEqual(personNames('记者周志强吴建华'), ['周志强', '吴建华']);
  });
});

describe('readInfoLine', () => {
  const cases: [string, { dates: string[]; source: string | null; authors: string[] }][] = [
    ['2019-09-07 13:43:45 来源: 证券市场红周刊', { dates: ['2019-09-07'], source: '证券市场红周刊', authors: [] }],
    ['2021-02-18 07:02:10 来源: 某某说娱乐', { dates: ['2021-02-18'], source: '某某说娱乐', authors: [] }],
    ['发布日期：2016-11-22 浏览次数： 信息来源：省发改委', { dates: ['2016-11-22'], source: '省发改委', authors: [] }],
    ['2020-11-23 10:22:14 出处：快科技 作者：宪瑞 编辑：宪瑞 人气： 5380 次 评论(18)', { dates: ['2020-11-23'], source: '快科技', authors: ['宪瑞'] }],
    ['2019年11月25日 18:57 参考消息', { dates: ['2019-11-25'], source: '参考消息', authors: [] }],
    ['原创 南方都市报 2019-09-09 16:01:46', { dates: ['2019-09-09'], source: '南方都市报', authors: [] }],
    ['来源：本站原创 作者：医技药剂党支部时间：2019年10月31日 23:00 浏览：', { dates: ['2019-10-31'], source: '本站原创', authors: [] }],
    ['信息来源: 中国空间技术研究院、中国运载火箭技术研究院等', { dates: [], source: '中国空间技术研究院', authors: [] }],
    ['发布时间：2008/3/5 作者：王某某 责任编辑：李某', { dates: ['2008-03-05'], source: null, authors: ['王某某'] }],
    ['来源：someone@example.com 2019-01-02', { dates: ['2019-01-02'], source: null, authors: [] }],
    ['2022-01-05 08:00 来源 某某新闻网', { dates: ['2022-01-05'], source: '某某新闻网', authors: [] }],
    ['摘自：某某周刊', { dates: [], source: '某某周刊', authors: [] }],
  ];
  for (const [line, expected] of cases) {
    it(`reads ${line}`, () => {
      const facts = readInfoLine(line);
      assert.deepEqual({ dates: facts.dates.map((d) => d.date), source: facts.source, authors: facts.authors }, expected);
    });
  }
});

describe('isInfoLine', () => {
  const cases: [string, boolean][] = [
    ['2019-09-07 13:43:45 来源: 证券市场红周刊', true],
    ['发布于 2019-09-26 07:19:52', true],
    ['2019年9月26日 15:10', true],
    ['来源：天天基金网', true],
    ['2019年9月26日，全市召开工作会议，部署下一阶段的重点任务。', false],
    ['据统计，今年1—8月份，新增地方政府债券28951亿元', false],
    ['女士们、先生们：', false],
    // A sentence's first line, broken short in a narrow column: a clause mark after its date.
    ['2018年3月20日 ， 全市人大会议表', false],
    ['2023-04-01，城东新区管委会成立', false],
    ['2023-04-01 城东新区管委会', true],
  ];
  for (const [line, expected] of cases) it(`reads "${line}" as ${expected ? 'an info line' : 'text'}`, () => assert.equal(isInfoLine(line), expected));
});

describe('credit lines', () => {
  const cases: [string, string[] | null][] = [
    ['执笔/叨叨姐、胡一刀&李小飞刀', ['叨叨姐', '胡一刀', '李小飞刀']],
    ['采写：南都见习记者 林某某', ['林某某']],
    ['原创： 路闻卓立编译 人民币交易与研究', ['路闻卓立']],
    ['文/张三', ['张三']],
    ['（记者 王五 赵六）', ['王五', '赵六']],
    ['作者：医技药剂党支部', null],
    ['文化和旅游部部署暑期工作。', null],
  ];
  for (const [line, names] of cases) it(`reads "${line}"`, () => assert.deepEqual(creditLine(line), names));
  it('knows staff lines', () => {
    assert.equal(isStaffLine('（责任编辑： HN666）'), true);
    assert.equal(isStaffLine('责编：薛某某'), true);
    assert.equal(isStaffLine('编辑部收到读者来信后，立即展开调查。'), false);
  });
});

describe('bracketReporters', () => {
  const cases: [string, string[]][] = [
    ['新京报快讯（记者 裴某某）今日（12月28日）有网友爆料', ['裴某某']],
    ['本站讯（职工通讯员 李某某 刘某）为深入推进党建与业务工作', ['李某某', '刘某']],
    ['新华社北京6月23日电（记者杨某某）', ['杨某某']],
    ['会议指出（2024年）经济运行平稳', []],
  ];
  for (const [p, names] of cases) it(`finds ${names.join(' ') || 'nobody'} in ${p.slice(0, 12)}`, () => assert.deepEqual(bracketReporters(p), names));
});

describe('names and sources', () => {
  it('splits credited names and drops roles and organisations', () => {
    assert.deepEqual(personNames('南都见习记者 林某某'), ['林某某']);
    assert.deepEqual(personNames('医技药剂党支部'), []);
  });
  it('refuses e-mail addresses, numbers and URLs as sources', () => {
    assert.equal(cleanSource('name, email@gmail.com'), null);
    assert.equal(cleanSource('12345'), null);
    assert.equal(cleanSource('http://example.com/a'), null);
    assert.equal(cleanSource('证券时报网'), '证券时报网');
  });
});
