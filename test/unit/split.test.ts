/**
 * Text pages as real files print them, article by article: what split and enrich make of each
 * shape. Fragments are written for these tests (no real headline or person), each shape with a
 * second, different case.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { processBytes } from '../../indexer/sync/pipeline.js';

interface Expect {
  title: string;
  date?: string | null;
  source?: string | null;
  reporters?: string[];
}

function articles(text: string, name = 'page.txt') {
  const r = processBytes(name, Buffer.from(text));
  assert.ok(r.ok, JSON.stringify(r.diagnostics));
  return r.articles;
}

/** A page as pdftotext gives it: each part hard-wrapped in a column of 18 characters (a short one, a headline, left whole), a blank line between parts. */
const page = (...parts: string[]) => parts.map((p) => (p.length > 12 ? p.match(/.{1,18}/gu)!.join('\n') : p)).join('\n\n') + '\n';

function check(text: string, expected: Expect[]): void {
  const got = articles(text);
  assert.deepEqual(
    got.map((a) => ({ title: a.title, ...('date' in expected[0]! ? { date: a.date } : {}), ...('source' in expected[0]! ? { source: a.source } : {}), ...('reporters' in expected[0]! ? { reporters: a.reporters } : {}) })),
    expected,
  );
}

const BODY_A = '国家统计局18日发布数据，前三季度国内生产总值同比增长5.2%，经济运行总体平稳。就业形势保持稳定，居民收入继续增加。';
const BODY_B = '记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，同比增长8%，各地铁路部门加开旅客列车，满足出行需求。';
const BODY_C = '眼下正值春耕时节，各地农民抢抓农时，田间地头一派繁忙景象，小麦长势总体良好，农机作业进度快于往年。';

describe('split: headlines', () => {
  it('joins a headline broken over two lines', () => {
    check(`前三季度国民经济运行总体平稳\n稳中有进态势持续巩固\n\n新华社北京10月18日电（记者王某）${BODY_A}\n`, [{ title: '前三季度国民经济运行总体平稳稳中有进态势持续巩固' }]);
  });
  it('joins a headline broken after a comma', () => {
    check(`铁路客运量创历史新高，\n假期发送旅客1.2亿人次\n\n新华社北京5月6日电（记者李某）${BODY_B}\n`, [{ title: '铁路客运量创历史新高，假期发送旅客1.2亿人次' }]);
  });
  it('joins a headline broken after a comma on a page that carries on after another article', () => {
    check(`经济数据发布\n\n新华社北京10月18日电（记者王某）${BODY_A}\n\n出行需求集中释放，\n铁路假期客流再创新高\n\n新华社北京5月6日电（记者李某）${BODY_B}\n`, [
      { title: '经济数据发布' },
      { title: '出行需求集中释放，铁路假期客流再创新高' },
    ]);
  });
  it('joins a headline broken after a colon, at the top of a page', () => {
    check(`新款手机发布：\n入门版售价五千元\n\n本报讯（记者赵某）${BODY_B}\n\n春耕生产全面展开\n\n本报讯（记者钱某）${BODY_C}\n`, [
      { title: '新款手机发布：入门版售价五千元' },
      { title: '春耕生产全面展开' },
    ]);
  });
  it('reads a long question or exclamation without a comma as a headline, one with a comma as a sentence', () => {
    check(`奖金百万元的科学大奖首位女性获奖者啥来头？\n\n本报讯 ${BODY_A}\n\n一线观察\n\n全市新增城市绿道一百二十公里串起沿江公园！\n\n本报讯 ${BODY_C}\n`, [
      { title: '奖金百万元的科学大奖首位女性获奖者啥来头？' },
      { title: '全市新增城市绿道一百二十公里串起沿江公园！' },
    ]);
    const [only] = articles(`经济数据发布\n\n新华社北京10月18日电（记者王某）${BODY_A}\n\n那么，这样的增长势头在四季度能否延续下去呢？\n\n${BODY_B}\n`);
    assert.ok(only!.body.includes('这样的增长势头在四季度能否延续下去呢'));
  });
  it('reads a short tag over a headline wrapped in a narrow column as its column, neither its kicker nor part of the title', () => {
    const [a] = articles(`一线观察\n\n全市新增\n城市绿道一百二十公里\n\n本报讯（记者赵某）${BODY_C}\n`);
    assert.deepEqual([a!.title, a!.column, a!.kicker], ['全市新增 城市绿道一百二十公里', '一线观察', null]);
    const [b] = articles(`简讯\n\n春耕备耕 有序推进各地农机作业进度快于往年\n\n本报讯 ${BODY_C}\n`);
    assert.deepEqual([b!.title, b!.column, b!.kicker], ['春耕备耕 有序推进各地农机作业进度快于往年', '简讯', null]);
    // A tag over a lead-in: the column, and the lead-in the kicker.
    const [c] = articles(`一线观察\n多措并举稳岗位——\n全市新增城市绿道一百二十公里\n\n本报讯（记者赵某）${BODY_C}\n`);
    assert.deepEqual([c!.title, c!.column, c!.kicker], ['全市新增城市绿道一百二十公里', '一线观察', '多措并举稳岗位——']);
  });
  it('reads a label alone under a column broken off mid-sentence as the next story\'s column, not the text\'s last words', () => {
    // pdftotext reads a column to its foot, its text broken off mid-sentence (the rest on another
    // page), and goes on with the next story's label, headline and opening.
    // Four full lines of 18, the last broken off mid-sentence.
    const first = '本报讯（记者 张伟）城东老街改造工程今天全面完工，沿街二十六栋老宅修缮一新，青石板路重新铺设，老街将于下月向游人开放，沿街商户陆续回迁，管理部门';
    for (const [label, headline, opening] of [
      ['一线观察', '全市新建绿道一百二十公里', '新华社郑州6月3日电（记者王某）全市今年新建绿道一百二十公里，串起沿江公园和老城街巷，市民骑行更方便。'],
      ['经济观察', '夏粮收购开秤价格平稳', '本报讯（记者 刘洋）各地夏粮收购陆续开秤，收购价格总体平稳，农民售粮积极，粮食部门加强调度。'],
    ] as const) {
      const text = `城东老街改造完工焕发新颜\n${first.match(/.{1,18}/gu)!.join('\n')}\n\n${label}\n\n${headline}\n${opening.match(/.{1,18}/gu)!.join('\n')}\n`;
      const got = articles(text);
      assert.deepEqual(got.map((a) => [a.column, a.title]), [[null, '城东老街改造完工焕发新颜'], [label, headline]]);
      assert.ok(!got[0]!.body.includes(label), got[0]!.body);
    }
  });
  it('gives every brief in a box the box\'s title as its column, not the story after the box', () => {
    for (const box of ['简讯', '新闻速览']) {
      const got = articles(`${box}\n城东老街焕发新颜\n本报讯 ${BODY_A}\n全市新建绿道一百公里\n${BODY_B}\n夏粮收购价格平稳\n本报讯 ${BODY_C}\n`);
      assert.deepEqual(got.map((a) => [a.column, a.title]), [[box, '城东老街焕发新颜'], [box, '全市新建绿道一百公里'], [box, '夏粮收购价格平稳']], JSON.stringify(got.map((a) => [a.column, a.title])));
    }
    // A story of several paragraphs after the briefs is no brief: it runs in no column.
    const after = articles(`简讯\n城东老街焕发新颜\n本报讯 ${BODY_A}\n\n城西菜市场改造完工\n\n本报讯（记者赵某）${BODY_B}\n\n${BODY_C}\n\n${BODY_A}\n`);
    assert.deepEqual(after.map((a) => a.column), ['简讯', null], JSON.stringify(after.map((a) => [a.column, a.title])));
    // A tag over a story of several paragraphs names that story's column only, the brief after it none.
    const tagged = articles(`一线观察\n\n城西菜市场改造完工\n\n本报讯（记者赵某）${BODY_B}\n\n${BODY_C}\n\n${BODY_A}\n\n夏粮收购价格平稳\n\n本报讯 ${BODY_C}\n`);
    assert.deepEqual(tagged.map((a) => a.column), ['一线观察', null], JSON.stringify(tagged.map((a) => [a.column, a.title])));
  });
  it('gives a box\'s title read over the story before the box to the run of briefs after that story', () => {
    // pdftotext read the box's title with the story printed before the box.
    for (const box of ['简讯', '新闻速览']) {
      // (The story's own last paragraph, not a brief's text printed again: a paragraph goes to the story whose words it shares.)
      const got = articles(`${box}\n\n城西菜市场改造完工\n\n本报讯（记者赵某）${BODY_B}\n\n${BODY_C}\n\n城西菜市场改造后摊位整齐划一，市民买菜更方便了，周边居民纷纷点赞。\n\n城东老街焕发新颜\n\n本报讯 ${BODY_A}\n\n全市新建绿道一百公里\n\n本报讯 ${BODY_B}\n`);
      assert.deepEqual(got.map((a) => [a.column, a.title]), [[box, '城西菜市场改造完工'], [box, '城东老街焕发新颜'], [box, '全市新建绿道一百公里']], JSON.stringify(got.map((a) => [a.column, a.title])));
    }
  });
  it('reads the line under a tag as the headline it tags, even an exclamation with a comma', () => {
    check(`简讯\n\n5月起，城区三条主干道将分段半幅封闭施工二十天！\n\n本报讯 ${BODY_B}\n\n一线观察\n\n春耕时节，农机作业进度快于往年？\n\n本报讯 ${BODY_C}\n`, [
      { title: '5月起，城区三条主干道将分段半幅封闭施工二十天！' },
      { title: '春耕时节，农机作业进度快于往年？' },
    ]);
  });
  it('tells a tag from the first line of a headline by the words the article shares with it', () => {
    const [a] = articles(`乡村振兴进行时\n\n春耕生产全面展开 各地抢抓农时\n\n本报讯 ${BODY_C}\n`);
    assert.deepEqual([a!.title, a!.column], ['春耕生产全面展开 各地抢抓农时', '乡村振兴进行时']);
    const [b] = articles(`全国铁路累计\n\n假期发送旅客一点二亿人次创新高\n\n本报讯 ${BODY_B}\n`);
    assert.deepEqual([b!.title.replace(/\s/g, ''), b!.kicker], ['全国铁路累计假期发送旅客一点二亿人次创新高', null]);
  });
  it('tells a tag by the article\'s words without its credits: 记者 in a label is not the story\'s word', () => {
    for (const [label, head, text] of [
      ['记者调查', '城东老街焕发新颜', '本报讯（记者 张某）经过两年改造，城东老街今天全面完工。调查发现，沿街老宅修缮一新，茶馆书店陆续开张。'],
      ['记者观察', '夏粮收购价格平稳', '新华社郑州5月6日电（通讯员 王某 记者 李某）各地夏粮收购点陆续开秤。从收购现场观察，收购价格总体平稳。'],
    ] as const) {
      const [a] = articles(`${label}\n${head}\n${text}\n`);
      assert.deepEqual([a!.column, a!.title], [label, head]);
    }
  });
  it('reads a lead-in wrapped over lines in a narrow headline box as the kicker, up to its dash', () => {
    const [a] = articles(`记者走进一线 探访发\n展新动能——\n春耕生产\n全面展开\n\n本报讯 ${BODY_C}\n`);
    assert.deepEqual([a!.title.replace(/\s/g, ''), a!.kicker?.replace(/\s/g, '')], ['春耕生产全面展开', '记者走进一线探访发展新动能——']);
  });
  it('takes a bracketed credit after the text as the article\'s reporters, never as a headline', () => {
    check(`经济数据发布\n\n${BODY_A}\n（记者 韦某某 张某）\n\n春耕生产全面展开\n\n${BODY_C}\n`, [
      { title: '经济数据发布', reporters: ['韦某某', '张某'] },
      { title: '春耕生产全面展开', reporters: [] },
    ]);
  });
  it('tells headlines before their text from what they say, when the page opens with a stray line of text', () => {
    const page = [
      '这一数字比去年同期有所提高。',
      '统计局发布前三季度经济数据',
      `本报讯 ${BODY_A}`,
      '铁路假期发送旅客创新高',
      `本报讯 ${BODY_B}`,
      '各地春耕生产全面展开',
      `本报讯 ${BODY_C}`,
    ].join('\n\n');
    const titles = articles(`${page}\n`).map((a) => a.title);
    assert.deepEqual(titles.slice(-3), ['统计局发布前三季度经济数据', '铁路假期发送旅客创新高', '各地春耕生产全面展开']);
  });
  it('tells headlines after their text from what they say', () => {
    // The edges say the opposite: a label opens the page and a line of text closes it.
    const page = ['一线观察', `${BODY_A}`, '统计局发布前三季度经济数据', `${BODY_B}`, '铁路假期发送旅客创新高', `${BODY_C}`, '各地春耕生产全面展开', '本版稿件均由本报记者采写，转载请注明出处。'].join('\n\n');
    assert.deepEqual(articles(`${page}\n`).map((a) => a.title).slice(0, 3), ['统计局发布前三季度经济数据', '铁路假期发送旅客创新高', '各地春耕生产全面展开']);
  });
  it('gives two headlines printed together to the two articles under them, in order', () => {
    check(`长江航运货物吞吐量稳步增长\n\n春耕备耕有序推进\n\n新华社武汉4月11日电（记者许某）${BODY_B}\n\n新华社郑州4月11日电（记者张某）${BODY_C}\n`, [
      { title: '长江航运货物吞吐量稳步增长' },
      { title: '春耕备耕有序推进' },
    ]);
  });
  it('gives two headlines printed together to the two articles under them when the first opens with no dateline', () => {
    check(`长江航运货物吞吐量稳步增长\n\n春耕备耕有序推进\n\n${BODY_B}\n\n新华社郑州4月11日电（记者张某）${BODY_C}\n`, [
      { title: '长江航运货物吞吐量稳步增长' },
      { title: '春耕备耕有序推进' },
    ]);
    check(`经济运行总体平稳向好\n\n铁路假期客流创新高\n\n${BODY_A}\n\n本报讯（记者李某）${BODY_B}\n`, [
      { title: '经济运行总体平稳向好' },
      { title: '铁路假期客流创新高' },
    ]);
  });
  it('gives three headlines printed together to three articles', () => {
    check(`经济运行总体平稳\n\n铁路客流创新高\n\n春耕生产全面展开\n\n新华社北京10月18日电${BODY_A}\n\n新华社北京5月6日电${BODY_B}\n\n新华社郑州4月11日电${BODY_C}\n`, [
      { title: '经济运行总体平稳' },
      { title: '铁路客流创新高' },
      { title: '春耕生产全面展开' },
    ]);
  });
  it('gives two headlines printed together, each wrapped over lines of its own block, to the articles under them', () => {
    check(`市人民代表大会常务委员会关于批准市\n政府发行地方债券用于老旧小区改造及\n2025年城市更新项目安排的决议\n\n城东老街改造工程\n第二场新闻发布会\n\n新华社北京6月29日电（记者许某）${BODY_A}\n\n本报酒泉6月28日讯（记者张某）${BODY_C}\n`, [
      { title: '市人民代表大会常务委员会关于批准市政府发行地方债券用于老旧小区改造及2025年城市更新项目安排的决议' },
      { title: '城东老街改造工程第二场新闻发布会' },
    ]);
    check(`长江航运货物吞吐量\n一季度稳步增长\n\n春耕备耕有序推进\n各地农机下田\n\n新华社武汉4月11日电（记者许某）${BODY_B}\n\n新华社郑州4月11日电（记者张某）${BODY_C}\n`, [
      { title: '长江航运货物吞吐量一季度稳步增长' },
      { title: '春耕备耕有序推进各地农机下田' },
    ]);
  });
  it('gives a lead-in between two headlines printed together to the headline after it, with that headline\'s story', () => {
    for (const text of [
      // Each line a block of its own…
      `前三季度经济运行总体平稳\n\n春耕时节——\n\n全市春耕进度快于往年\n\n新华社北京10月18日电（记者王某）${BODY_A}\n\n新华社郑州10月18日电（记者李某）${BODY_C}\n`,
      // …or all in one, the second story opening with its outlet's report.
      `前三季度经济运行总体平稳\n假期出行——\n全国铁路客流同比增长八个百分点\n新华社北京10月18日电（记者王某）${BODY_A}\n本报讯（记者 张某）${BODY_B}\n`,
    ]) {
      const got = articles(text).map((a) => [a.kicker, a.title]);
      const lead = text.split('\n').find((l) => l.endsWith('——'))!;
      assert.deepEqual(got.map(([kicker]) => kicker), [null, lead], JSON.stringify(got));
    }
  });
  it('reads a headline under a lead-in, broken inside its range of dates or hours, as one, the next story\'s headline right under it', () => {
    // A side box as -layout reads it: its lines, a blank line inside, then the next story, then the box's own text.
    for (const [lead, box] of [
      ['出行提示——', ['6月1日至', '15日，沿江高速城区', '至港口枢纽段夜间', '封闭施工！']],
      ['便民措施——', ['每天上午9时至', '11时，城东老街', '核心区域禁止机动', '车辆通行！']],
    ] as const) {
      const got = articles(`经济数据发布\n\n新华社北京10月18日电（记者王某）${BODY_A}\n\n${lead}\n${box.slice(0, 3).join('\n')}\n\n${box[3]}\n\n全市春耕进度快于往年\n——各地抢抓农时\n本报讯 ${BODY_C}\n\n本报讯（记者 张某）${BODY_B}\n`);
      const titles = got.map((a) => a.title);
      assert.ok(titles.includes(box.join('')) && !titles.includes(lead) && !titles.includes(box[0]), JSON.stringify(titles));
    }
  });
  it('reads a brief\'s headline that reads like an exclamation or a question, alone before the brief\'s opening', () => {
    check(`经济数据发布\n\n新华社北京10月18日电（记者王某）${BODY_A}\n\n6月1日至15日，沿江高速城区至港口枢纽段夜间封闭施工！\n\n本报讯 ${BODY_B}\n\n今年春耕时节，全省农机作业进度为何比往年提前了半个月？\n\n本报讯 ${BODY_C}\n`, [
      { title: '经济数据发布' },
      { title: '6月1日至15日，沿江高速城区至港口枢纽段夜间封闭施工！' },
      { title: '今年春耕时节，全省农机作业进度为何比往年提前了半个月？' },
    ]);
    // …and under a lead-in, or after a jump note.
    const under = articles(`经济数据发布\n\n新华社北京10月18日电（记者王某）${BODY_A}\n\n首批试点全部落地！\n6月1日至15日，沿江高速城区至港口枢纽段夜间封闭施工！\n${BODY_B}\n`);
    assert.deepEqual(under.map((a) => [a.kicker, a.title]).at(-1), ['首批试点全部落地！', '6月1日至15日，沿江高速城区至港口枢纽段夜间封闭施工！']);
    // …and so over its byline, the story's text under that (a lead-in with a dash alike).
    for (const [lead, head, byline] of [['首批试点全部落地！', '6月1日至15日，沿江高速城区至港口枢纽段夜间封闭施工！', '记者 王某 李某'], ['多措并举稳就业——', '今年全市新增绿道一百公里，明年再建五十公里！', '本报记者 张某']] as const) {
      const bylined = articles(`经济数据发布\n\n新华社北京10月18日电（记者王某）${BODY_A}\n\n${lead}\n${head}\n${byline}\n${BODY_B}\n`);
      assert.deepEqual(bylined.map((a) => [a.kicker, a.title]).at(-1), [lead, head], JSON.stringify(bylined.map((a) => [a.kicker, a.title])));
    }
    const jumped = articles(`经济数据发布\n\n新华社北京10月18日电（记者王某）${BODY_A}\n（下转第6版）\n今年春耕时节，全省农机作业进度为何比往年提前了半个月？\n本报讯 ${BODY_C}\n`);
    assert.equal(jumped.at(-1)?.title, '今年春耕时节，全省农机作业进度为何比往年提前了半个月？');
    // …and with its subtitle under it.
    const subtitled = articles(`经济数据发布\n\n新华社北京10月18日电（记者王某）${BODY_A}\n6月1日至15日，沿江高速城区至港口枢纽段夜间封闭施工！\n——多部门联合发布出行提示\n新华社南京5月30日电（记者李某）${BODY_B}\n`);
    assert.deepEqual(subtitled.map((a) => [a.title, a.kicker]).at(-1), ['6月1日至15日，沿江高速城区至港口枢纽段夜间封闭施工！', '——多部门联合发布出行提示']);
    // …and over its subtitle after a paragraph broken off (the paragraph's rest read elsewhere).
    for (const head of ['6月1日至15日，沿江高速城区至港口枢纽段夜间封闭施工！', '今年春耕时节，全省农机作业进度为何比往年提前了半个月？'] as const) {
      // The text in a column of 18 characters, the headline across a wider box, broken before its last characters.
      const column = (t: string) => t.match(/.{1,18}/gu)!.join('\n');
      const broken = articles(`经济数据发布\n\n${column(`新华社北京10月18日电（记者王某）${BODY_A}就业形势保持`)}\n\n${head.slice(0, -2)}\n${head.slice(-2)}\n——多部门联合发布出行提示\n${column(`新华社南京5月30日电（记者李某）${BODY_B}`)}\n`);
      assert.deepEqual(broken.map((a) => [a.title, a.kicker]).at(-1), [head, '——多部门联合发布出行提示'], JSON.stringify(broken.map((a) => [a.title, a.kicker])));
    }
    // …and in a column of briefs, over a text of one paragraph with no dateline, the next brief's headline after it.
    for (const [head, text] of [['6月1日至15日，沿江高速城区至港口枢纽段夜间封闭！', '施工期间沿线公交临时绕行。'], ['今年全市新增绿道一百公里，明年再建五十公里！', '沿线驿站和停车位同步配套建设。']] as const) {
      const briefs = articles(`简讯\n城东老街焕发新颜\n本报讯 ${BODY_A}\n${head}\n${text}\n全市春耕进度快于往年\n本报讯 ${BODY_C}\n`);
      assert.deepEqual(briefs.map((a) => a.title), ['城东老街焕发新颜', head, '全市春耕进度快于往年'], JSON.stringify(briefs.map((a) => a.title)));
    }
    // …or ending the page.
    const last = articles(`简讯\n城东老街焕发新颜\n本报讯 ${BODY_A}\n今年全市新增绿道一百公里，明年再建五十公里！\n沿线驿站和停车位同步配套建设。\n`);
    assert.deepEqual(last.map((a) => a.title), ['城东老街焕发新颜', '今年全市新增绿道一百公里，明年再建五十公里！']);
    // …or, where the layout kept paragraphs set in, not set in itself over a brief's paragraphs that are, and their byline.
    const I = '\u3000\u3000';
    for (const [head, texts, byline] of [
      ['6月1日至15日，沿江高速城区至港口枢纽段夜间封闭！', ['施工期间沿线公交临时绕行。', '请市民提前规划出行路线。'], '（记者 张某）'],
      ['今年全市新增绿道一百公里，明年再建五十公里？', ['沿线驿站和停车位同步配套建设。', '市民可通过线上平台查询绿道位置。', '建设进度每月公布一次。'], '（通讯员 李某）'],
    ] as const) {
      const setIn = articles(`城东老街焕发新颜\n${I}本报讯 ${BODY_A}\n${I}城东老街改造工程今天全面完工，沿街老宅修缮一新。\n${head}\n${texts.map((t) => I + t).join('\n')}\n${byline}\n全市春耕进度快于往年\n${I}本报讯 ${BODY_B}\n`);
      assert.deepEqual(setIn.map((a) => [a.title, a.body.includes(texts[0])]), [['城东老街焕发新颜', false], [head, true], ['全市春耕进度快于往年', false]], JSON.stringify(setIn.map((a) => [a.title, a.body])));
    }
    // An exclamation inside a story, more text after it, stays the story's.
    const inside = articles(`城东老街焕发新颜\n本报讯 ${BODY_A}\n经过三年的不懈努力，我们终于等到了老街焕发新颜的这一天！\n${BODY_B}\n${BODY_C}\n全市春耕进度快于往年\n本报讯 ${BODY_C}\n`);
    assert.deepEqual(inside.map((a) => a.title), ['城东老街焕发新颜', '全市春耕进度快于往年'], JSON.stringify(inside.map((a) => a.title)));
    // A question of several clauses is the text's, whatever follows it.
    const got = articles(`经济数据发布\n\n新华社北京10月18日电（记者王某）${BODY_A}\n\n两个小时过去了，排查完毕，却没找到任何线索，这是怎么回事呢？\n\n本报讯 ${BODY_B}\n`);
    assert.ok(got[0]!.body.includes('这是怎么回事呢'), JSON.stringify(got.map((a) => a.title)));
  });
  it('gives a headline box full to its measure the rest of its last word, set at the start of the text\'s first line', () => {
    // pdf.js sets a box's last character on the baseline of the text's first line beside it.
    for (const [box, text, title] of [
      ['城西菜市场改造\n提升工程正式启', '动记者从城西区商务局获悉，菜市场改造提\n升工程今天启动，预计年底前完工，改造期\n间菜市场照常营业，市民买菜不受影响。', '城西菜市场改造提升工程正式启动'],
      ['全市夏粮收购量\n创历史新高价平', '稳记者从市粮食和物资储备局了解到，截至\n目前，全市已收购夏粮十二万吨，收购进度\n快于往年同期，粮价总体平稳。', '全市夏粮收购量创历史新高价平稳'],
    ] as const) {
      const got = articles(`经济数据发布\n新华社北京10月18日电（记者王某）${BODY_A}\n${box}\n${text}\n`);
      assert.deepEqual(got.map((a) => a.title), ['经济数据发布', title]);
      assert.ok(got[1]!.body.startsWith('记者从'), got[1]!.body.slice(0, 20));
    }
    // A dateline opens its own words, whatever a headline's last character would make of its first.
    const dated = articles(`经济数据发布\n新华社北京10月18日电（记者王某）${BODY_A}\n城西菜市场改造\n工程进展很扎实\n据新华社北京10月18日电 ${BODY_B}\n`);
    assert.equal(dated.at(-1)!.title, '城西菜市场改造工程进展很扎实');
  });
  it('reads a headline box whose lines joined in two paragraphs as one headline: the first ends on the line over the second', () => {
    const wrap = (t: string) => t.match(/.{1,24}/gu)!.join('\n');
    const own = wrap('本报讯（记者 钱某 许某）最近，城东一个快递小哥连升三级，从一个快递员被提拔为分公司经理。在一家龙头企业里坐上“快车”，老王是少数中的少数。');
    const next = wrap(`本报南京9月3日讯（记者赵某）${BODY_C}`);
    for (const [box, title] of [
      ['城东快递小哥老王升3\n级，单位授予特别奖：\n时代永远在奖励实干\n的平凡劳动者', '城东快递小哥老王升3级，单位授予特别奖：时代永远在奖励实干的平凡劳动者'],
      ['全市新建绿道一百公\n里，串联沿江公园：\n老城街巷从此连成\n一片绿色', '全市新建绿道一百公里，串联沿江公园：老城街巷从此连成一片绿色'],
    ] as const) {
      const got = articles(`经济数据发布\n\n新华社北京10月18日电（记者王某）${wrap(BODY_A + BODY_B)}\n\n关注\n\n${box}\n\n${own}\n\n${next}\n`);
      // The box's second paragraph is no headline of the story after it, which opens with its own dateline.
      assert.equal(got[1]?.title, title, JSON.stringify(got.map((a) => a.title)));
    }
  });
  it('gives two headlines each printed over the other\'s story back to the stories they tell', () => {
    const first = ['经济数据发布', '新华社北京10月18日电（记者王某）国家统计局18日发布数据，前三季度国内生产总值同比增长5.2%，经济运行总体平稳。'];
    const last = ['春耕生产有序推进', '本报讯（记者 孙某）眼下正值春耕时节，各地农民抢抓农时，田间地头一派繁忙景象，春耕生产有序推进。'];
    for (const [h1, t1, h2, t2] of [
      ['城东老街改造工程今天全面完工', '本报讯（记者 张某）城东老街改造工程今天全面完工，沿街二十六栋老宅修缮一新，老街改造工程完工后，青石板路重新铺设。', '全市夏粮收购进度快于往年同期', '本报讯（记者 李某）记者从市粮食和物资储备局了解到，今年全市夏粮收购进度快于往年同期，各收购点秩序良好。'],
      ['全市新建绿道一百公里串联沿江公园', '新华社南京5月6日电（记者王某）今年以来，全市新建绿道一百公里，串联起沿江公园和老城街巷，新建绿道沿线设置驿站。', '铁路假期客流创历史新高', '新华社北京5月6日电（记者赵某）记者从铁路部门获悉，假期全国铁路客流创历史新高，累计发送旅客1.2亿人次。'],
    ] as const) {
      const got = articles(page(...first, h2, t1, h1, t2, ...last));
      assert.deepEqual(got.map((a) => a.title), ['经济数据发布', h1, h2, '春耕生产有序推进'], JSON.stringify(got.map((a) => a.title)));
    }
  });
  it('keeps a short first line of a headline in the headline, though a tag would stand there', () => {
    // Eight characters and more are a headline's line; a tag is a column's name, with no clause mark.
    check(`沿江多地发生了一起\n事件，位置在城区，画面曝光\n\n本报讯 ${BODY_C}\n`, [{ title: '沿江多地发生了一起 事件，位置在城区，画面曝光' }]);
    check(`新区：别笑！18\n家企业的联盟今天成立了\n\n本报讯 ${BODY_B}\n`, [{ title: '新区：别笑！18 家企业的联盟今天成立了' }]);
  });
  it('gives headlines printed together under column labels to the articles under them, one opening with its byline', () => {
    check(`记者调查\n\n长江航运货物吞吐量稳步增长\n\n春耕备耕有序推进\n\n本报记者 许某 张某\n\n${BODY_B}\n\n本报讯 ${BODY_C}\n`, [
      { title: '长江航运货物吞吐量稳步增长' },
      { title: '春耕备耕有序推进' },
    ]);
    check(`一线观察\n\n经济运行总体平稳向好\n\n铁路假期客流创新高\n\n新华社北京10月18日电（记者王某）${BODY_A}\n\n新华社北京5月6日电（记者李某）${BODY_B}\n`, [
      { title: '经济运行总体平稳向好' },
      { title: '铁路假期客流创新高' },
    ]);
  });
  it('gives headlines printed together to the articles under them, the text after a jump note no article of its own', () => {
    for (const [h1, h2, t1, t2, rest] of [
      ['城东老街改造完工焕发新颜', '铁路假期客流创下历史新高', '本报讯（记者 张某）城东老街改造今天完工，老街焕发新颜，青石板路重新铺设。', '新华社北京5月6日电（记者李某）记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次。', '各地铁路部门加开旅客列车，运输总体平稳有序。'],
      ['夏粮收购开秤价格平稳', '全市新建绿道一百公里', '新华社郑州6月3日电（记者王某）各地夏粮收购陆续开秤，收购价格总体平稳。', '本报讯（记者 赵某）全市今年新建绿道一百公里，串起沿江公园和老城街巷。', '市民骑行和步行更加方便，周末绿道上游人如织。'],
    ]) {
      const got = articles(`${h1}\n\n${h2}\n\n${t1}\n\n${t2}\n\n（下转第3版）\n\n${rest}\n`);
      assert.deepEqual(got.slice(0, 2).map((a) => a.title), [h1, h2]);
    }
  });
  it('gives headlines printed together to the articles under them in the order their words fit', () => {
    // An extractor that read the page's blocks out of order printed the headlines in the order
    // opposite to their texts'.
    for (const [[h1, h2], [t1, t2]] of [
      [['城东老街改造完工焕发新颜', '铁路假期客流创下历史新高'], ['记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，客流创下历史新高。', '本报讯（记者 张某）城东老街改造今天完工，老街焕发新颜，青石板路重新铺设。']],
      [['夏粮收购开秤价格平稳', '全市新建绿道一百公里'], ['全市今年新建绿道一百公里，串起沿江公园和老城街巷，市民骑行更方便。', '新华社郑州6月3日电（记者王某）各地夏粮收购陆续开秤，收购价格总体平稳，农民售粮积极。']],
    ] as const) {
      const got = articles(`${h1}\n\n${h2}\n\n${t1}\n\n${t2}\n`);
      assert.deepEqual(got.map((a) => [a.title, a.body.slice(0, 6)]), [[h2, t1.slice(0, 6)], [h1, t2.slice(0, 6)]]);
      // The first set in a narrow box, its short lines no labels; a label alone over the second
      // (a story of two paragraphs: a brief under a label would give it to the brief after it).
      const box = h1.match(/.{1,5}/gu)!.join('\n');
      const boxed = articles(`${box}\n\n新春走基层\n\n${h2}\n\n${t1}\n\n${t1}\n\n${t2}\n`);
      assert.deepEqual(boxed.map((a) => [a.column, a.title, a.body.slice(0, 6)]), [['新春走基层', h2, t1.slice(0, 6)], [null, h1, t2.slice(0, 6)]]);
    }
  });
  it('tells a label over a headline set in a narrow box, its lines half as long again', () => {
    for (const [label, lines] of [['聚焦民生', ['城东小区加装', '电梯全部完工']], ['一线观察', ['全市新建绿道', '一百二十公里']]] as const) {
      const got = articles(`${label}\n${lines.join('\n')}\n\n本报讯 ${BODY_C}\n`);
      assert.deepEqual(got.map((a) => [a.column, a.title]), [[label, lines.join('')]]);
    }
  });
  it('tells a label over a headline box narrower than it, the box\'s lines as wide as each other', () => {
    // (A box broken at a phrase has a short line before its full ones.)
    for (const [label, lines] of [['乡村振兴纪实', ['城东小区', '加装电梯', '全部完工']], ['民生实事进行时', ['全市新建绿', '道一百二十', '公里']], ['乡村振兴进行时', ['城东小区加装', '电梯', '全部完工投用', '居民出行']]] as const) {
      // A narrow column as pdf.js gives it: no blank line anywhere.
      const column = `本报讯 ${BODY_C}`.match(/.{1,14}/gu)!.join('\n');
      const got = articles(`${label}\n${lines.join('\n')}\n${column}\n`);
      assert.deepEqual(got.map((a) => [a.column, a.title.replace(/ /g, '')]), [[label, lines.join('')]]);
    }
  });
  it('keeps a headline\'s short first line whose words the story tells again, as a continued part has it', () => {
    // The part continued from another page tells the story's later part: a third or more of the
    // line's character pairs, not half, is enough to show the line is the headline's own.
    for (const [first, rest, text] of [
      ['老街改造完工', '百年老宅焕发新生机', '（上接第1版）老街沿线的商户陆续回迁，改造后的街面比过去宽了一倍，周末游人如织。'],
      ['夏粮收购开秤', '各地收购价格总体平稳运行', '（上接第1版）今年夏粮丰收，各收购点排起长队，农民售粮积极，粮食部门加强调度。'],
    ] as const) {
      const got = articles(`${first}\n${rest}\n${text}\n`);
      assert.deepEqual(got.map((a) => [a.kicker, a.title.replace(/ /g, '')]), [[null, first + rest]]);
    }
  });
  it('tells a label set apart over a headline box whose lines stand one under another', () => {
    // A laid-out page (pdftotext -layout) leaves a blank row under the label and none inside the box.
    for (const [label, lines] of [['乡村振兴进行时', ['城东小区加装', '电梯全部完工投', '用居民出行']], ['一线观察', ['全市新建', '绿道一百二', '十公里']]] as const) {
      const got = articles(`${label}\n\n${lines.join('\n')}\n\n本报讯 ${BODY_C}\n`);
      assert.deepEqual(got.map((a) => [a.column, a.title]), [[label, lines.join('')]]);
    }
    // A box broken at a phrase, its first line rows apart from the rest, keeps that line: as wide as its widest.
    const got = articles(`城东老街改造\n\n完工\n焕发新颜百年\n老街重生\n\n本报讯 ${BODY_C}\n`);
    assert.deepEqual(got.map((a) => [a.kicker, a.title.replace(/ /g, '')]), [[null, '城东老街改造完工焕发新颜百年老街重生']]);
  });
  it('tells a label set apart over a box whose later lines stand rows apart, unless a word runs from it into the box', () => {
    // pdftotext -layout gives a narrow box the rows of the wider text beside it: blank rows inside
    // the box. A story above (the first story of a page reads its label otherwise).
    const above = `铁路假期客流创下历史新高\n${BODY_B.match(/.{1,18}/gu)!.join('\n')}\n\n`;
    for (const [label, lines] of [['乡村振兴进行时', ['城东小区加装电', '梯全部完工投用，', '', '居民出行更方便']], ['民生实事纪实', ['全市新建绿道', '一百二十公里串', '', '', '起老街巷']]] as const) {
      const got = articles(`${above}${label}\n\n${lines.join('\n')}\n\n本报讯 ${BODY_C}\n`);
      assert.deepEqual(got.map((a) => [a.column, a.title]), [[null, '铁路假期客流创下历史新高'], [label, lines.join('')]]);
    }
    // A headline's first line broken inside a word (习以 / 为常, 焕 / 发) is the headline's, however
    // narrow, though the story tells only one of its pairs.
    for (const [lines, text] of [
      [['居民习以', '', '为常的小巷', '变身网红打', '', '卡地游人如织'], '城东老街的一条小巷，如今变身网红打卡地，周末游人如织，附近居民说，巷子比过去热闹多了。'],
      [['老宅焕', '', '发新颜游人', '如织周末街', '', '巷热闹非凡'], '修缮一新的老宅向游人开放，周末街巷热闹非凡，沿街商户的生意也红火起来。'],
    ] as const) {
      const got = articles(`${above}${lines.join('\n')}\n\n本报讯 ${text}\n`);
      assert.deepEqual(got.map((a) => [a.column, a.title.replace(/ /g, '')]), [[null, '铁路假期客流创下历史新高'], [null, lines.join('')]]);
    }
  });
  it('tells a label sharing one word with the story over a box that tells it, unless the pair across the break is the story\'s', () => {
    // The box's lines each on rows of their own: no width says which line is the label.
    const above = `铁路假期客流创下历史新高\n${BODY_B.match(/.{1,18}/gu)!.join('\n')}\n\n`;
    for (const [label, box, text] of [
      ['一线观察', ['全市新', '建绿道一', '百二十公里'], '全市新建绿道一百二十公里，串起沿江公园和老街巷弄，建设者连续奋战在一线，市民骑行散步有了好去处。'],
      ['经济观察', ['夏粮收', '购价格总', '体平稳'], '各地夏粮收购陆续开秤，收购价格总体平稳，专家观察认为，今年粮食市场供需基本平衡。'],
    ] as const) {
      const got = articles(`${above}${label}\n\n${box.join('\n\n')}\n\n本报讯 ${text}\n`);
      assert.deepEqual(got.map((a) => [a.column, a.title]), [[null, '铁路假期客流创下历史新高'], [label, box.join('')]]);
    }
    // A headline broken inside a phrase the story tells (联防 / 联控): the pair across the break is the story's.
    const got = articles(`${above}城东联防\n\n联控机制\n\n全面启动\n\n本报讯 城区各街道的联防联控机制今天全面启动，社区、物业和志愿者分片值守，确保各项措施落实到位。\n`);
    assert.deepEqual(got.map((a) => [a.column, a.title]), [[null, '铁路假期客流创下历史新高'], [null, '城东联防联控机制全面启动']]);
  });
  it('gives a lead-in under a headline box\'s short last line to no part of that headline', () => {
    // A lead-in (…——) leads into the headline after it: under this one, it is the next story's.
    for (const [box, lead, text] of [
      [['城东老街改造工', '程今天全面完', '工'], '夏粮收购见闻——', '本报讯（记者 张伟）城东老街改造工程今天全面完工，沿街老宅修缮一新，青石板路重新铺设。'],
      [['全市新建绿道一', '百二十公里串起', '老街巷'], '春耕时节——', '新华社郑州6月3日电（记者王某）全市今年新建绿道一百二十公里，串起沿江公园和老城街巷。'],
    ] as const) {
      const got = articles(`${box.join('\n')}\n${lead}\n${text}\n`);
      assert.deepEqual(got.map((a) => [a.kicker, a.title]), [[null, box.join('')]]);
    }
  });
  it('tells a label as wide as a box\'s first line by the words: it shares none with the story the box tells', () => {
    const above = `铁路假期客流创下历史新高\n${BODY_B.match(/.{1,18}/gu)!.join('\n')}\n\n`;
    for (const [label, box, text] of [
      ['民生实事进行时', ['城东老街改造完', '工焕发新颜迎客', '来'], '城东老街改造今天完工，老街焕发新颜，迎来各地游客，沿街商户陆续回迁。'],
      ['一线观察', ['夏粮收购', '开秤价格平稳'], '各地夏粮收购陆续开秤，收购价格总体平稳，农民售粮积极，粮食部门加强调度。'],
    ] as const) {
      const got = articles(`${above}${label}\n${box.join('\n')}\n\n本报讯 ${text}\n`);
      assert.deepEqual(got.map((a) => [a.column, a.title]), [[null, '铁路假期客流创下历史新高'], [label, box.join('')]]);
    }
  });
  it('keeps a headline\'s first line a word runs from into the next line\'s mark (城南新辟公 / 交！…), never a label', () => {
    const above = `铁路假期客流创下历史新高\n${BODY_B.match(/.{1,18}/gu)!.join('\n')}\n\n`;
    for (const [lines, text] of [
      [['城南新辟公', '交！老街出行更方便'], '本月起，三条线路延伸到老街一带，居民出行更方便，早晚高峰候车时间缩短一半。'],
      [['老街迎来地', '铁！沿线商户盼客来'], '轨道交通三号线下月通车，老街设站，沿线商户盼着客流回升，不少店铺提前装修。'],
    ] as const) {
      const got = articles(`${above}${lines.join('\n')}\n\n本报讯 ${text}\n`);
      assert.deepEqual(got.map((a) => [a.column, a.title.replace(/ /g, '')]), [[null, '铁路假期客流创下历史新高'], [null, lines.join('')]]);
    }
  });
  it('tells a label as wide as a box\'s first line over a box whose full lines are all wider', () => {
    // A story above, and the story under the box in a column as pdf.js gives it: no blank line.
    const column = `本报讯 ${BODY_C}${BODY_B}`.match(/.{1,18}/gu)!;
    const above = BODY_B.match(/.{1,18}/gu)!;
    const columnAndTitle = (lines: readonly string[]) => articles([...lines, ...column, ''].join('\n')).map((a) => [a.column, a.title]);
    // The box's first line letter-spaced to its measure, the label over it set tight.
    const spaced = ['城 东 新 建 绿 道 一', '百二十公里，串起', '沿江公园和老街巷', '全部贯通'];
    let got = columnAndTitle([...above, '民生实事进行时', ...spaced]);
    assert.ok(got.some(([k, t]) => k === '民生实事进行时' && t === spaced.join('').replace(/ /g, '')), JSON.stringify(got));
    // No line spaced (an extractor that keeps no spacing): the label shares no words with the story.
    const tight = ['城东小区加装电', '梯全部完工投用', '居民出行'];
    got = columnAndTitle(['城东新闻', ...above, '乡村振兴纪实', ...tight]);
    assert.ok(got.some(([k, t]) => k === '乡村振兴纪实' && t === tight.join('')), JSON.stringify(got));
    // A box's full line half a character wider for its colon is as wide as it is set.
    got = columnAndTitle(['城东新闻', ...above, '一线观察', '全市新建绿', '道:一百二', '十公里串起', '沿江公园']);
    assert.ok(got.some(([k, t]) => k === '一线观察' && t === '全市新建绿道:一百二十公里串起沿江公园'), JSON.stringify(got));
    // A line letter-spaced to a measure is the box's own first line, however narrow: no label.
    got = columnAndTitle(['城东新闻', ...above, '6 月 1 0 日 至', '1 5 日 ， 沿 江', '高 速 城 东 至 城', '西段封闭施工！']);
    assert.ok(got.some(([k, t]) => k === null && t!.replace(/ /g, '') === '6月10日至15日，沿江高速城东至城西段封闭施工！'), JSON.stringify(got));
    // A box's first line as read narrower, none spaced, telling the story in its words: the headline's.
    got = columnAndTitle(['城东新闻', ...above, '眼下正值春耕', '时节各地农民抢', '抓农时田间繁忙', '景象']);
    assert.ok(got.some(([k, t]) => k === null && t === '眼下正值春耕时节各地农民抢抓农时田间繁忙景象'), JSON.stringify(got));
  });
  it('ends a headline over a paragraph\'s indented first line, the column as wide as the headline', () => {
    // A column as pdf.js gives it: no blank line, no indent but the first line's narrower width.
    for (const [head, text, first, measure] of [
      [['城东老街改造何时完工？', '住建部门回应称年底前完工'], '记者从城东区住建局获悉老街改造工程进展顺利沿街二十六栋老宅已修缮一新青石板路正在重新铺设预计年底前全部完工届时将向游人开放。', 12, 14],
      [['全市新建绿道一百二十公里', '串起沿江公园和老街巷弄'], '今年以来全市新建绿道一百二十公里串起沿江公园和老街巷弄市民骑行散步有了好去处周末游人如织沿线商户生意也红火起来。', 13, 15],
    ] as const) {
      const column = [text.slice(0, first)];
      for (let k = first; k < text.length; k += measure) column.push(text.slice(k, k + measure));
      const got = articles([...head, ...column, ''].join('\n'));
      assert.deepEqual(got.map((a) => [a.title, a.body.slice(0, first)]), [[head.join(''), text.slice(0, first)]]);
    }
    // A box's line letter-spaced to its measure is a full line of the box, however few its characters.
    for (const box of [['6月10日至', '15 日 ， 沿', '江高速城东', '至城西段封', '闭施工！'], ['9月15日至', '20 日 ， 滨', '江大道城北', '至城南段夜', '间施工！']]) {
      const column = '本报讯（记者 李某）沿江高速城东至城西段将封闭施工，全市公交车免费乘坐，过往车辆请提前绕行。'.match(/.{1,11}/gu)!;
      const got = articles([...box, ...column, ''].join('\n'));
      assert.deepEqual(got.map((a) => [a.kicker, a.title]), [[null, box.join('').replace(/ /g, '')]]);
    }
  });
  it('reads a paragraph set in as its first line is as text: no headline runs on into it, and it is no headline', () => {
    const second = '\n\n城西菜市场改造后重新开业\n本报讯（记者 孙某）城西菜市场改造后重新开业，摊位整齐划一，市民买菜更方便了。\n';
    // A headline as wide as the column over a story with no dateline: plain text with a Chinese
    // paragraph's indent, and a laid-out page whose column sets the line in from its edge.
    const head = '城东老街改造工程今天全面完工';
    const text = ['记者昨天从区住建部门获悉，城', '东老街改造工程已于本周全面完工，', '沿街二十六栋老宅修缮一新。'];
    const right = ['  全市新建绿道一百二十公里，串', '起沿江公园和老街巷弄，市民骑行', '散步有了好去处，周末游人如织。', '', '  本报讯（记者 孙某）城西菜市场', '改造后重新开业，摊位整齐划一。'];
    const laidOut = [head, `  ${text[0]}`, ...text.slice(1)].map((l, i) => `${l.padEnd(40, ' ')}${right[i] ?? ''}`.trimEnd());
    for (const page of [[head, `　　${text[0]}`, ...text.slice(1)].join('\n') + second, [...laidOut, ...right.slice(laidOut.length).map((l) => ' '.repeat(40) + l)].join('\n')]) {
      const got = articles(page);
      assert.deepEqual([got[0]?.title, got[0]?.body.slice(0, 6)], [head, text[0]!.slice(0, 6)], JSON.stringify(got.map((a) => a.title)));
    }
    // Text broken off at the column's foot does not run on into the next story's headline, whose
    // dateline opens a paragraph set in right under it.
    const column = ['城东老街焕发新颜', '　　城东老街改造工程今天全面完工，沿街二十六栋老宅修缮一新，青石板路重新铺设，老', '街的茶馆、书店和手艺铺陆续开张，吸引了不少市民前来打卡，周末游人如织，沿线商户的', '生意也红火起来。', '　　老街改造工程总投资一千二百万元，由区住建部门牵头实施，历时八个月完成，二十六', '栋老宅修缮后将作为民俗展馆向游人开放，区里还将在老街两端新建两座停车场，方便自驾', ''];
    for (const [lines, dateline] of [
      [['城西菜市场改造完工 今天重新开业迎', '客'], ['　　本报讯（记者 王某）城西菜市场改造完工后今天重新开业，摊位整齐划一，市民买', '菜更方便了。']],
      [['夏粮收购开秤 各地收购价格总体平', '稳'], ['　　新华社郑州5月6日电（记者赵某）今年夏粮丰收，各地收购点陆续开秤，收购价格', '总体平稳。']],
    ] as const) {
      const got = articles([...column, ...lines, ...dateline, ''].join('\n'));
      assert.deepEqual(got.map((a) => a.title), ['城东老街焕发新颜', lines.join('')], JSON.stringify(got.map((a) => a.title)));
    }
    // A story's first paragraph broken off at the column's foot, no mark at its end: it reads like a
    // headline's lines but is set in.
    for (const [title, lines] of [
      ['全市新建绿道一百二十公里', ['　　今日有网友留言，全市新建的', '绿道已串起沿江公园和老街巷弄']],
      ['夏粮收购价格总体平稳', ['　　多个收购点今天陆续开秤，农', '民售粮积极，收购价格总体平稳']],
    ] as const) {
      const got = articles(`${title}\n${lines.join('\n')}\n\n菜市场重新开业\n本报讯（记者 孙某）城西菜市场改造后重新开业，摊位整齐划一。\n`);
      assert.deepEqual([got[0]?.title, got[0]?.body.slice(0, 4)], [title, lines[0].trim().slice(0, 4)], JSON.stringify(got.map((a) => a.title)));
    }
  });
  it('reads a paragraph that breaks off at a full line before a blank as text, not as a headline', () => {
    // pdftotext reads a column to a photo or the page's foot: a paragraph opens under one that ended
    // at a line's end, runs two full lines with its clause marks and stops mid-word; the next story's
    // headline follows across a blank line. Its lines read like a long headline's.
    for (const [lines, broken, head, dateline] of [
      [
        ['本报讯（记者 孙某）城东老街改造工', '程今天全面完工，沿街二十六栋老', '宅修缮一新，街巷路面重新铺设。'],
        ['居民们说，改造前每逢下雨就积水，', '出门要绕道，如今路面平整了，许'],
        ['城西菜市场', '重新开业'],
        '本报讯（记者 周某）城西菜市场改造后重新开业，摊位整齐划一。',
      ],
      [
        ['新华社南京5月8日电 全市新建绿道一百', '二十公里，串起沿江公园和老街巷弄，', '市民骑行散步有了好去处。'],
        ['周末游人如织，沿线的茶馆、书店和', '小吃铺生意也红火起来，店主们准备'],
        ['夏粮收购', '价格平稳'],
        '新华社郑州5月8日电 多个收购点今天陆续开秤，收购价格总体平稳。',
      ],
    ] as const) {
      const page = `老街新貌\n${lines.join('\n')}\n${broken.join('\n')}\n\n${head.join('\n')}\n\n${dateline}\n`;
      const got = articles(page);
      assert.deepEqual(got.map((a) => a.title), ['老街新貌', head.join('')], JSON.stringify(got.map((a) => [a.title, a.body.slice(0, 12)])));
      assert.ok(got[0]!.body.includes(broken.join('').slice(0, 12)), got[0]!.body);
    }
  });
  it('gives the last of two headlines printed together to the story under them that has none, by its words', () => {
    // pdftotext reads two headlines, then three stories' text: the headlines cannot go one to each.
    const third = '本报讯（记者 孙某）城西菜市场改造后重新开业，摊位整齐划一，市民买菜更方便了。';
    for (const [h1, h2, t1, t2] of [
      [['城东老街改造工程今天完工'], ['全市新建绿道一百二十公里'], '本报讯（记者 张某）城东老街改造工程今天完工，沿街二十六栋老宅修缮一新，青石板路重新铺设。', '本报讯（记者 李某）全市今年新建绿道一百二十公里，串起沿江公园和老街巷，市民骑行散步有了好去处。'],
      [['夏粮收购开秤', '各地收购价格平稳'], ['铁路假期发送旅客创新高'], '新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点开秤，收购价格总体平稳，农民售粮积极。', '新华社北京6月5日电（记者赵某）假期全国铁路发送旅客创历史新高，各地铁路部门加开旅客列车。'],
    ] as const) {
      const got = articles(`${h1.join('\n')}\n\n${h2.join('\n')}\n\n${t1}\n\n${t2}\n\n${third}\n`);
      assert.deepEqual(got.slice(0, 2).map((a) => [a.title, a.body.slice(0, 12)]), [[h1.join(''), t1.slice(0, 12)], [h2.join(''), t2.slice(0, 12)]]);
    }
  });
  it('gives a story without a headline no line of the next cluster that tells the story under that cluster', () => {
    // A headline over two lines, the layout's blank row between them: the story before, its own
    // headline set where the extractor lost it, must not take the first line for its own.
    for (const [own, lines, untitled, story] of [
      ['城东老街焕发新颜', ['全市新建绿道一百二十公里', '串起沿江公园'], `本报讯 ${BODY_A}`, '本报讯（记者 李某）全市今年新建绿道一百二十公里，串起沿江公园和老街巷，市民骑行散步有了好去处。'],
      ['城西菜市场改造完工', ['各地夏粮收购今天陆续开秤', '收购价格总体平稳'], `新华社北京6月5日电 ${BODY_B}`, '新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点今天陆续开秤，收购价格总体平稳，农民售粮积极。'],
    ] as const) {
      const got = articles(`${own}\n\n本报讯 ${BODY_C}\n\n${untitled}\n\n${lines.join('\n\n')}\n\n${story}\n`);
      assert.deepEqual(got.map((a) => a.body.slice(0, 8)), [`本报讯 ${BODY_C}`.slice(0, 8), untitled.slice(0, 8), story.slice(0, 8)]);
      assert.ok(!lines.some((l) => got[1]!.title.includes(l)), JSON.stringify(got.map((a) => a.title)));
      assert.ok(got[2]!.title.startsWith(lines[0]), JSON.stringify(got.map((a) => a.title)));
    }
  });
  it('titles an article printed without a headline by its first sentence after the dateline and its credit', () => {
    for (const [text, title] of [
      ['本报杭州3月1日讯（记者 张某）城东老街改造工程今天完工，沿街二十六栋老宅修缮一新。青石板路重新铺设。', '城东老街改造工程今天完工，沿街二十六栋老宅修缮一新'],
      ['江城晚报讯（记者 李某）各地夏粮收购今天陆续开秤，收购价格总体平稳。农民售粮积极。', '各地夏粮收购今天陆续开秤，收购价格总体平稳'],
      // 日电 inside a sentence is no dateline.
      ['本报讯 今日电价调整方案公布，居民用电价格保持不变。工商业电价小幅下调。', '今日电价调整方案公布，居民用电价格保持不变'],
    ] as const) assert.deepEqual(articles(`${text}\n`).map((a) => a.title), [title]);
  });
  it('gives the text under a headline that goes on from a range or a Latin word broken off to the story before', () => {
    // pdftotext read the next story's headline between the column's lines.
    for (const [broken, rest] of [['本报讯 记者从市气象台获悉，本周全市风力加大，各地气温普遍下降5～', '8℃，城西等地局地降幅达十度，各地气温普遍偏低。'], ['本报讯 记者从市通信管理局获悉，本地手机厂商今天发布新款机型Mate', 'X，售价比上一代下调两成，首批供货十万台。']] as const) {
      const got = articles(`城东老街焕发新颜\n\n${broken}\n\n夏粮收购今天开秤\n各地收购价格总体平稳\n\n${rest}\n\n本报讯 ${BODY_C}\n`);
      assert.deepEqual(got.map((a) => [a.title, a.body.includes(rest)]), [['城东老街焕发新颜', true], ['夏粮收购今天开秤各地收购价格总体平稳', false]], JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('gives a paragraph read inside a story before a later story\'s dateline to the later story whose headline it tells', () => {
    // pdftotext read the second story's second paragraph between the first story's paragraphs.
    for (const [h1, h2, a1, stray, a3, b] of [
      ['城东老街改造工程今天全面完工', '全市新建绿道一百二十公里', '城东老街改造工程今天全面完工，沿街二十六栋老宅修缮一新，青石板路重新铺设。', '今年全市新建绿道一百二十公里，串起沿江公园和湖滨，沿线新设驿站十二处，市民骑行散步有了好去处。', '改造后的老街吸引了大批游客，沿街商户生意红火，修缮工程获得居民好评。', '本报讯（记者 李某）全市新建绿道一百二十公里，绿道建设进度快于往年，沿线驿站今天开放。'],
      ['夏粮收购今天陆续开秤', '铁路假期发送旅客创历史新高', '各地夏粮收购今天陆续开秤，收购价格总体平稳，农民售粮积极。', '假期全国铁路发送旅客创历史新高，各地铁路部门加开旅客列车，车站秩序井然。', '粮食部门表示，今年夏粮收购将持续到八月底，收购点延长营业时间。', '新华社北京6月5日电（记者赵某）假期全国铁路发送旅客人数创历史新高，铁路部门加开旅客列车。'],
    ] as const) {
      const got = articles(`${h1}\n\n${h2}\n\n${a1}\n\n${stray}\n\n${a3}\n\n${b}\n`);
      assert.deepEqual(got.map((a) => [a.title, a.body.includes(stray), a.body.includes(a3)]), [[h1, false, true], [h2, true, false]], JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('gives the last of two headlines printed together the run that tells a third of its words, when the text around it tells the first', () => {
    // The second story's first paragraph, read between the first story's: a long two-part headline
    // is told by the story's whole text more than by its first paragraph.
    for (const [h1, h2, d1, run, rest] of [
      ['城东老街改造工程今天全面完工 百年老宅焕发新颜', '全市推进绿道建设 沿江步道明年贯通', '本报讯（记者 张某）城东老街改造工程今天全面完工，沿街二十六栋老宅修缮一新，百年老宅焕发新颜。', '今年全市新建绿道一百二十公里，沿江步道串起公园和湖滨，市民骑行散步有了好去处。', '改造后的老街吸引了大批游客，老宅修缮工程获得居民好评，老街今天全面开放。'],
      ['夏粮收购今天陆续开秤 各地收购价格总体平稳', '铁路假期运输平稳有序 车站秩序井然', '新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点今天陆续开秤，收购价格总体平稳。', '假期全国铁路运输累计发送旅客一亿人次，各地车站加开列车，站内秩序良好。', '粮食部门表示，夏粮收购将持续到八月底，各地收购点延长营业时间，收购价格保持稳定。'],
    ] as const) {
      const got = articles(`${h1}\n\n${h2}\n\n${d1}\n\n${run}\n\n${rest}\n`);
      assert.deepEqual(got.map((a) => [a.title, a.body.includes(run), a.body.includes(rest)]), [[h1, false, true], [h2, true, false]], JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('reads a line at the column\'s edge between a paragraph\'s end and a one-line paragraph set in as the next story\'s headline', () => {
    // A brief's headline under the story before, no blank row between, over its text of one line set in.
    for (const [h, t] of [['城东老街焕发新颜，百年老宅修缮一新了', '老街改造工程今天全面完工，游人如织。'], ['夏粮收购价格平稳，农民售粮积极性高', '各地收购点今天陆续开秤，秩序井然。']] as const) {
      const got = articles(`城西菜市场改造完工\n\n　　本报讯 记者从交通部门获悉，假期全\n国铁路累计发送旅客1.2亿人次，同比增\n长8%，各地加开列车，满足出行需求。\n${h}\n　　${t}\n`);
      assert.deepEqual(got.map((a) => [a.title, a.body]), [['城西菜市场改造完工', '本报讯 记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，同比增长8%，各地加开列车，满足出行需求。'], [h, t]]);
    }
  });
  it('gives the paragraph under a headline that ends a word the story before broke off in to that story, and the text after it to the headline', () => {
    // pdftotext read a box's headline between a column's lines: 各大公 / (box) / 司和商户…
    for (const [broken, rest] of [['本报讯 记者近日走访了全市各大公', '司和商户，了解老街改造后的经营情况。'], ['本报讯 城东老街改造工程进展顺利，预计年底前全面完', '工并投入使用，届时市民买菜将更加方便。']] as const) {
      const got = articles(`城东老街焕发新颜\n\n${broken}\n\n夏粮收购今天开秤\n各地收购价格总体平稳\n\n${rest}\n\n本报讯 ${BODY_C}\n`);
      assert.deepEqual(got.map((a) => [a.title, a.body.includes(rest), a.body.includes(BODY_C)]), [['城东老街焕发新颜', true, false], ['夏粮收购今天开秤各地收购价格总体平稳', false, true]], JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('gives each of labels stacked over as many headlines stacked to the headline in its place', () => {
    // pdftotext read two or three boxes' labels, then their headlines, then their texts.
    for (const [labels, heads, texts] of [
      [['新春走基层', '一线观察'], ['城东老街改造工程今天完工', '全市新建绿道一百二十公里'], ['本报讯（记者 张某）城东老街改造工程今天完工，沿街二十六栋老宅修缮一新。', '本报讯（记者 李某）全市今年新建绿道一百二十公里，串起沿江公园和老街巷。']],
      [['记者调查', '经济观察', '短新闻'], ['夏粮收购今天陆续开秤', '铁路假期发送旅客创新高', '城西菜市场重新开业'], ['新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点今天陆续开秤。', '新华社北京6月5日电（记者赵某）假期全国铁路发送旅客创历史新高。', '本报讯（记者 孙某）城西菜市场改造后重新开业，摊位整齐划一。']],
    ] as const) {
      const got = articles(`${labels.join('\n\n')}\n\n${heads.join('\n\n')}\n\n${texts.join('\n\n')}\n`);
      assert.deepEqual(got.map((a) => [a.column, a.title]), labels.map((l, k) => [l, heads[k]]));
    }
  });
  it('takes a headline printed before another off the title of a story that tells only the other', () => {
    // pdftotext read another story's headline over this one's; the other story's text stands elsewhere.
    for (const [stray, told, text] of [
      ['城西菜市场改造后今天重新开业 摊位整齐划一', '全市新建绿道一百二十公里 串起沿江公园', '本报讯（记者 李某）全市今年新建绿道一百二十公里，串起沿江公园和老街巷，市民骑行散步有了好去处。'],
      ['铁路假期发送旅客人数创下历史新高', '各地夏粮收购今天陆续开秤 价格总体平稳', '新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点今天陆续开秤，收购价格总体平稳，农民售粮积极。'],
    ] as const) {
      const got = articles(`城东老街焕发新颜\n\n本报讯 ${BODY_C}\n\n${stray}\n\n${told}\n\n${text}\n`);
      assert.deepEqual(got.map((a) => a.title), ['城东老街焕发新颜', told]);
    }
  });
  it('gives a headline printed with another the run of text that tells it, read inside a later story', () => {
    // pdftotext read two headlines set side by side, the first one's text, then the next story with the second's run inside it.
    for (const [h1, t1, h2, run, hc, c1, c2] of [
      ['全市新建绿道一百二十公里 串起沿江公园', '本报讯（记者 李某）全市今年新建绿道一百二十公里，串起沿江公园和老街巷，市民骑行散步有了好去处。', '城西菜市场改造后今天重新开业 摊位整齐划一', ['城西菜市场改造后今天重新开业，菜市场内摊位整齐划一，市民买菜更方便了。', '菜市场负责人表示，改造后的菜市场新增摊位八十个，开业首日客流明显增加。'], '各地夏粮收购今天陆续开秤', '新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点今天陆续开秤，收购价格总体平稳。', '粮食部门表示，夏粮收购将持续到八月底，各收购点延长营业时间。'],
      ['铁路假期发送旅客人数创下历史新高', '新华社北京10月8日电（记者赵某）假期全国铁路发送旅客人数创下历史新高，各地车站秩序井然。', '城东老旧小区加装电梯全部完工 居民出行更方便', ['城东十二个老旧小区加装电梯工程全部完工，居民出行更方便了。', '家住六楼的居民说，加装电梯后老人下楼晒太阳再也不发愁。'], '全市中小学今天开学', '本报讯（记者 孙某）全市中小学今天开学，各校做好迎新准备，校园安全检查全部完成。', '教育部门提醒家长，开学初注意孩子作息调整，接送途中注意交通安全。'],
    ] as const) {
      const got = articles(`城东老街焕发新颜\n\n本报讯 ${BODY_C}\n\n${h1}\n\n${h2}\n\n${t1}\n\n${hc}\n${c1}\n\n${run.join('\n\n')}\n\n${c2}\n`);
      assert.deepEqual(
        got.map((a) => [a.title, run.every((p) => a.body.includes(p)), a.body.includes(c2)]),
        [['城东老街焕发新颜', false, false], [h1, false, false], [hc, false, true], [h2, true, false]],
        JSON.stringify(got.map((a) => [a.title, a.body])),
      );
    }
  });
  it('gives back a run of paragraphs read under the next story\'s headline that tells the story before\'s headline', () => {
    // pdftotext read the next story's headline and opening, then the rest of the column that goes on with the story before (its text ended a sentence at the break).
    for (const [ha, a1, run, hb, b1, b2] of [
      ['城东老街改造工程今天全面完工', '本报讯（记者 张某）历时两年的城东老街改造工程今天全面完工。', ['改造后的老街保留了青石板路和沿街老宅，老街改造工程共修缮老宅二十六栋。', '不少居民说，老街改造完工后，街巷干净了，来老街游玩的人也多了。'], '全市新建绿道一百二十公里', '本报讯（记者 李某）今年全市新建绿道一百二十公里，串起沿江公园。', '绿道沿线新设驿站十二处，市民骑行散步有了好去处，新建绿道受到市民欢迎。'],
      ['夏粮收购今天陆续开秤', '新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点今天陆续开秤。', ['粮食部门表示，今年夏粮收购价格总体平稳，收购点开秤首日收购小麦三千吨。', '为方便农民售粮，各收购点延长开秤时间，夏粮收购将持续到八月底。'], '铁路假期发送旅客创新高', '新华社北京6月5日电（记者赵某）假期全国铁路发送旅客创历史新高。', '各地铁路部门加开旅客列车，车站秩序井然，铁路发送旅客人数同比增长百分之八。'],
    ] as const) {
      const got = articles(`${ha}\n${a1}\n\n${hb}\n${b1}\n\n${run.join('\n\n')}\n\n${b2}\n`);
      assert.deepEqual(got.map((a) => [a.title, run.every((p) => a.body.includes(p)), a.body.includes(b2)]), [[ha, true, false], [hb, false, true]], JSON.stringify(got.map((a) => [a.title, a.body])));
    }
    // A run that shares only a date's characters with the headline before (月 and 日 either side of a number) stays.
    for (const [ha, a1, run, hb, b1, b2] of [
      ['6月1日至15日沿江大道夜间封闭', '本报讯（记者 张某）沿江大道将夜间封闭施工，请市民绕行。', '7月3日至8日，全市气温偏高，午后最高气温三十五度。', '城西菜市场重新开业', '本报讯（记者 李某）城西菜市场改造后重新开业，摊位整齐划一。', '菜市场负责人表示，重新开业的菜市场新增摊位八十个。'],
      ['10月8日至12日城东老街暂停开放', '本报讯（记者 王某）城东老街将暂停开放五天，进行设施检修。', '11月2日至6日，各校安排学生参加社会实践活动。', '全市中小学秋季运动会开幕', '本报讯（记者 赵某）全市中小学秋季运动会今天开幕，各校运动员参加比赛。', '运动会设田径、跳绳等项目，秋季运动会将持续三天。'],
    ] as const) {
      const got = articles(`${ha}\n${a1}\n\n${hb}\n${b1}\n\n${run}\n\n${b2}\n`);
      assert.deepEqual(got.map((a) => [a.title, a.body.includes(run)]), [[ha, false], [hb, true]], JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('gives back a run read first under the next story\'s headline, sharing no word with it, that tells the story before\'s headline', () => {
    // pdftotext read the next story's headline, then the rest of the column that goes on with the
    // story before, then the next story's own text (no dateline).
    for (const [ha, a1, run, hb, own] of [
      ['城东老街改造工程今天全面完工', '本报讯（记者 张某）历时两年的城东老街改造工程今天全面完工。', ['老街改造工程修缮沿街老宅多栋，重新铺设青石板路八百米，城东老街焕然一新。', '居民说，老街改造完工以后，街巷干净了，来城东老街游玩的人也多了。'], '全市今年新建绿道一百二十公里 骑行散步有了好去处', ['今年全市新建绿道一百二十公里，绿道沿线设驿站十二处，市民骑行更方便。', '新建绿道串起滨江公园，绿道驿站提供饮水和休息服务。']],
      ['夏粮收购今天陆续开秤', '新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点今天陆续开秤。', ['粮食部门表示，夏粮收购价格总体平稳，收购点开秤首日收购小麦三千吨，农民售粮积极。', '为方便农民售粮，各收购点延长开秤时间，夏粮收购将持续到八月底。'], '铁路假期发送旅客人数创下历史新高 各地加开列车', ['假期全国铁路发送旅客创历史新高，各地铁路部门加开旅客列车。', '铁路车站增设售票窗口，旅客进站秩序井然。']],
    ] as const) {
      const got = articles([`${ha}\n${a1}`, hb, ...run, ...own].join('\n\n') + '\n');
      assert.deepEqual(got.map((a) => [a.title, run.every((p) => a.body.includes(p)), own.every((p) => a.body.includes(p))]), [[ha, true, false], [hb, false, true]], JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('gives a headline over a paragraph that does not tell it to the untitled dateline story after it that does', () => {
    // pdftotext read another column's paragraph between a headline and its story's opening.
    // (The story under the headline has more than its dateline paragraph and one more: those alone are joinLoneDatelines'.)
    for (const [ha, a1, hb, stray, b1, b2] of [
      ['城西菜市场重新开业', '本报讯（记者 李某）城西菜市场改造后重新开业，摊位整齐划一，市民买菜更方便了。菜价总体平稳，蔬菜水果品种齐全。', '城东老街改造工程今天全面完工', '天气晴好，气温适宜，前来游玩的人明显增多，周边停车场车位紧张，交警到场疏导。', '本报讯（记者 张某）历时两年的城东老街改造工程今天全面完工，老街保留了青石板路。', '完工后的老街修缮老宅二十六栋，沿街商铺陆续开门迎客。\n老街夜间亮灯，茶馆书店营业到晚上十点。'],
      ['夏粮收购今天陆续开秤', '本报讯（记者 王某）今年夏粮丰收，全市收购点今天陆续开秤，小麦品质好于上年。', '铁路假期发送旅客创新高', '受降雨影响，部分路段积水，交警提醒司机减速慢行，注意安全，绕开低洼地段。', '新华社北京6月5日电（记者赵某）假期全国铁路发送旅客创历史新高，加开旅客列车。', '各地车站秩序井然，旅客列车正点率保持在较高水平。\n铁路部门提醒旅客错峰出行，提前购票。'],
    ] as const) {
      const got = articles(`${ha}\n${a1}\n\n${hb}\n\n${stray}\n\n${b1}\n${b2}\n`);
      const own = got.find((a) => a.title === hb);
      assert.ok(own && own.body.includes(b1.slice(-12)) && !own.body.includes(stray), JSON.stringify(got.map((a) => [a.title, a.body])));
      assert.ok(got.some((a) => a.body.includes(stray)), JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('reads a line whose last word runs on into the paragraph under it as that paragraph\'s first line, not a headline', () => {
    // A line of text set apart under a lead-in: its last word (农民, 市民) goes on on the next line.
    for (const [head, text, lead, first, rest] of [
      ['夏粮收购今天陆续开秤', '新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点今天陆续开秤。', '外贸开局良好——', '为方便售粮，各收购点延长开秤时间，农', '民说售粮比往年方便多了。'],
      ['城东老街改造工程今天全面完工', '本报讯（记者 张某）历时两年的城东老街改造工程今天全面完工。', '记者走进老街——', '改造后的老街保留了青石板路，不少市', '民专程前来游玩拍照。'],
    ] as const) {
      const got = articles(`${head}\n${text}\n\n${lead}\n\n${first}\n${rest}\n`);
      assert.ok(!got.some((a) => a.title === first), JSON.stringify(got.map((a) => [a.title, a.body])));
      assert.ok(got.some((a) => a.body.includes(first + rest)), JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('gives a column label read among a headline\'s lines, after a lead-in or another label, to the story after', () => {
    // pdftotext read the next story's label before this story's headline, set lower on the page.
    const lead = articles('城东老街改造工程今天全面完工\n本报讯（记者 张某）历时两年的城东老街改造工程今天全面完工，老街保留了青石板路。\n\n外贸开局良好——\n\n简讯\n\n全市新建绿道一百二十公里\n\n本报讯（记者 李某）今年全市新建绿道一百二十公里，串起沿江公园。\n\n城西菜市场重新开业\n\n本报讯（记者 孙某）城西菜市场改造后重新开业，摊位整齐划一。\n');
    assert.deepEqual(lead.map((a) => [a.title, a.column]), [['城东老街改造工程今天全面完工', null], ['全市新建绿道一百二十公里', null], ['城西菜市场重新开业', '简讯']]);
    const labels = articles('关注\n\n一线观察\n\n夏粮收购今天陆续开秤\n\n新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点今天陆续开秤。\n\n铁路假期发送旅客创新高\n\n新华社北京6月5日电（记者赵某）假期全国铁路发送旅客创历史新高。\n');
    assert.deepEqual(labels.map((a) => [a.title, a.column]), [['夏粮收购今天陆续开秤', '关注'], ['铁路假期发送旅客创新高', '一线观察']]);
  });
  it('reads the line right over a jump note from an earlier page as the story\'s headline printed again, however it reads', () => {
    // A long exclamation with a date range and a comma; a question of two clauses.
    for (const [head, text] of [
      ['6月1日至15日，沿江大道城西段夜间封闭施工！', '施工期间，过往车辆可绕行滨江路，公交线路临时调整。\n交警部门提醒市民提前规划出行路线。'],
      ['城东老街改造何时完工，居民关心的问题有答案了吗？', '改造后的老街保留了青石板路和沿街老宅，共修缮老宅二十六栋。\n不少居民说，街巷干净了，来游玩的人也多了。'],
    ] as const) {
      const got = articles(`${head}\n（上接第1版）${text}\n`);
      assert.deepEqual(got.map((a) => [a.title, a.body.startsWith(text.slice(0, 10))]), [[head, true]], JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('gives a story of its opening only the run of paragraphs elsewhere on the page that tells its headline', () => {
    // pdftotext read the story's rest among an earlier story's paragraphs (the next one, or one a story further back).
    for (const [first, run, other, between, short] of [
      [['全市新建绿道一百二十公里', '本报讯（记者 李某）今年全市新建绿道一百二十公里，串起沿江公园。'], ['改造后的老街保留了青石板路和沿街老宅，老街改造工程共修缮老宅二十六栋。', '不少居民说，老街改造完工后，街巷干净了，来老街游玩的人也多了。'], '绿道沿线新设驿站十二处，市民骑行散步有了好去处，新建绿道受到市民欢迎。', null, ['城东老街改造工程今天全面完工', '本报讯（记者 张某）历时两年的城东老街改造工程今天全面完工。']],
      [['铁路假期发送旅客创新高', '新华社北京6月5日电（记者赵某）假期全国铁路发送旅客创历史新高。'], ['粮食部门表示，今年夏粮收购价格总体平稳，收购点开秤首日收购小麦三千吨。', '为方便农民售粮，各收购点延长开秤时间，夏粮收购将持续到八月底。'], '各地铁路部门加开旅客列车，车站秩序井然，铁路发送旅客人数同比增长。', ['城西菜市场重新开业', '本报讯（记者 李某）城西菜市场改造后重新开业，摊位整齐划一。'], ['夏粮收购今天陆续开秤', '新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点今天陆续开秤。']],
    ] as const) {
      const text = [first.join('\n'), ...run, other, ...(between ? [between.join('\n')] : []), short.join('\n')].join('\n\n') + '\n';
      const got = articles(text);
      const own = got.find((a) => a.title === short[0]);
      const host = got.find((a) => a.title === first[0]);
      assert.ok(own && run.every((p) => own.body.includes(p)), JSON.stringify(got.map((a) => [a.title, a.body])));
      assert.ok(host && host.body.includes(other) && !run.some((p) => host.body.includes(p)), JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('gives each of two stories read a paragraph of each in turn the paragraphs that share its words', () => {
    // Two columns read in turn under the second story's opening: its paragraphs and the first
    // story's alternate. First: the whole run given back to the first story, a paragraph of the
    // second's among it; second: the first story's paragraphs left under the second's, none of
    // them telling the first headline.
    for (const [first, second, secondsOwn, firstsOwn] of [
      [['城东老街改造工程今天全面完工', '本报讯（记者 张某）历时两年的城东老街改造工程今天全面完工，沿街老宅修缮一新，青石板路重新铺设。'], ['全市新建绿道一百二十公里', '本报讯（记者 李某）今年全市新建绿道一百二十公里，绿道沿线新设驿站，方便市民骑行。'], ['绿道沿线驿站提供饮水和休息服务，市民骑行散步有了好去处。', '新建绿道连通滨江公园，驿站和停车点今年内全部建成。'], ['改造后的城东老街保留了青石板路，沿街老宅修缮后开设了茶馆和书店。', '不少居民说，老街改造完工后，老宅修缮一新，来城东老街游玩的人多了。']],
      [['夏粮收购今天陆续开秤', '新华社北京6月5日电（记者王某）今年小麦丰收，农民把晾晒好的小麦送到粮站，粮站验质定价。'], ['铁路假期发送旅客创新高', '新华社北京6月5日电（记者赵某）假期全国铁路发送旅客创历史新高，各地加开旅客列车。'], ['车站增设售票窗口和自助取票机，铁路旅客进站秩序井然。', '铁路部门提醒，假期返程高峰列车运力紧张，请旅客错峰出行。'], ['粮站验质定价后当场结算，农民说小麦品质好，排队的拖拉机一直排到镇口。', '镇口排队的拖拉机上装满了麻袋，粮站工作人员说，小麦品质好的农民当场结算。']],
    ] as const) {
      const got = articles([first.join('\n'), second.join('\n'), secondsOwn[0], firstsOwn[0], secondsOwn[1], firstsOwn[1]].join('\n\n') + '\n');
      const [a, b] = [got.find((x) => x.title === first[0]), got.find((x) => x.title === second[0])];
      const shown = JSON.stringify(got.map((x) => [x.title, x.body]));
      assert.ok(a && b && firstsOwn.every((p) => a.body.includes(p)) && b.body.includes(secondsOwn[0]) && !a.body.includes(secondsOwn[0]), shown);
    }
  });
  it('cuts a paragraph joined across a blank line where its rest is another story\'s, and gives that rest to the story whose words it shares', () => {
    // A column broken off mid-sentence at a full line, then a short piece of another story's text
    // (too short to weigh alone): first a later story's, then an earlier one's.
    for (const [parts, owner, piece, stays] of [
      [['城东老街改造工程今天全面完工', '本报讯（记者 张某）历时两年的城东老\n街改造工程今天全面完工，改造后的老街\n保留了青石板路和沿街老宅，共修缮老宅\n二十六栋，街巷整治后沿街的老字号店铺', '小麦品质好于上年，粮站验质定价后当场\n结算，农民售粮积极。', '陆续开门迎客，来城东老街游玩的市民多\n了。', '夏粮收购今天陆续开秤', '新华社北京6月5日电（记者王某）今年\n夏粮丰收，各地收购点今天陆续开秤，小\n麦品质好，粮站验质定价，农民售粮积极\n。'], '夏粮收购今天陆续开秤', '小麦品质好于上年，粮站验质定价后当场结算，农民售粮积极。', ['城东老街改造工程今天全面完工', '老字号店铺']],
      [['全市新建绿道一百二十公里', '本报讯（记者 李某）今年全\n市新建绿道一百二十公里，沿\n线新设驿站，市民骑行有了好\n去处。', '铁路客流创新高', '本报讯 假期全国铁路发送旅\n客创历史新高，各地铁路部门\n加开旅客列车，车站增设售票\n窗口和自助取票机，进站的旅', '绿道沿线新设驿站十二处，市\n民骑行散步有了好去处。', '客秩序井然。'], '全市新建绿道一百二十公里', '绿道沿线新设驿站十二处，市民骑行散步有了好去处。', ['铁路客流创新高', '车站增设售票窗口']],
    ] as const) {
      const got = articles(parts.join('\n\n') + '\n');
      const shown = JSON.stringify(got.map((a) => [a.title, a.body]));
      const [to, host] = [got.find((a) => a.title === owner), got.find((a) => a.title === stays[0])];
      assert.ok(to?.body.includes(piece) && !to.body.includes(stays[1]), shown);
      assert.ok(host?.body.includes(stays[1]) && !host.body.includes(piece.slice(0, 8)), shown);
    }
  });
  it('opens a story that has none with a lone dateline story of one or two paragraphs that tells a little of its headline', () => {
    // One dateline paragraph holding under half the headline's character pairs; a dateline paragraph and one more.
    for (const [page, title, dateline] of [
      ['城东老街改造工程今天全面完工\n改造后的老街保留了青石板路和沿街老宅，共修缮老宅二十六栋。\n不少居民说，街巷干净了，来游玩的人也多了。\n\n城西菜市场重新开业\n本报讯（记者 李某）城西菜市场改造后重新开业，摊位整齐划一。\n\n本报讯（记者 张某）历时两年，城东老街的改造今天结束，街巷焕然一新。\n', '城东老街改造工程今天全面完工', '本报讯（记者 张某）历时两年'],
      ['夏粮收购今天陆续开秤\n粮食部门表示，今年收购价格总体平稳，农民售粮积极性较高。\n\n铁路假期发送旅客创新高\n新华社北京6月5日电（记者赵某）假期全国铁路发送旅客创历史新高。\n\n新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点今天陆续开秤。\n\n各收购点延长开秤时间，方便农民就近售粮。\n', '夏粮收购今天陆续开秤', '新华社北京6月5日电（记者王某）'],
    ] as const) {
      const got = articles(page);
      assert.equal(got.length, 2, JSON.stringify(got.map((a) => [a.title, a.body])));
      assert.ok(got.find((a) => a.title === title)?.body.startsWith(dateline), JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('joins a headline broken inside a word between two stories, with the text under its rest', () => {
    // A box's lines read apart (完 / 工, 沿江公 / 园), the rest over the story's next paragraph.
    for (const [page, title] of [
      ['城东老街改造工程今天全面完\n本报讯（记者 张某）历时两年的城东老街改造工程今天全面完工。\n\n工百年老宅焕发新颜\n改造后的老街保留了青石板路和沿街老宅，共修缮老宅二十六栋。\n', '城东老街改造工程今天全面完工百年老宅焕发新颜'],
      ['全市今年新建绿道一百二十公里，沿江公\n新华社北京6月5日电（记者王某）今年全市新建绿道一百二十公里，串起沿江公园。\n\n园和老街巷连成一片\n绿道沿线新设驿站十二处，市民骑行散步有了好去处。\n', '全市今年新建绿道一百二十公里，沿江公园和老街巷连成一片'],
    ] as const) {
      const got = articles(page);
      assert.deepEqual(got.map((a) => a.title), [title], JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('reads an exclamation with a comma over a byline of its own and the text under it as a headline', () => {
    // After a closing byline; after a paragraph's end. The byline (记者 李某, 本报记者 赵某) opens the story.
    for (const [page, title, reporter] of [
      ['城东老街改造工程今天全面完工\n本报讯（记者 张某）历时两年的城东老街改造工程今天全面完工。\n（记者 张某）\n\n6月1日至15日，沿江大道城西段夜间封闭施工！\n\n记者 李某\n\n施工期间，过往车辆可绕行滨江路，公交线路临时调整。\n', '6月1日至15日，沿江大道城西段夜间封闭施工！', '李某'],
      ['夏粮收购今天陆续开秤\n新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点今天陆续开秤。\n\n全市今年新建绿道一百二十公里，市民出行更方便！\n\n本报记者 赵某\n\n绿道串起沿江公园和老街巷，沿线新设驿站十二处。\n', '全市今年新建绿道一百二十公里，市民出行更方便！', '赵某'],
    ] as const) {
      const got = articles(page);
      assert.deepEqual(got.map((a) => a.title).slice(1), [title], JSON.stringify(got.map((a) => [a.title, a.body])));
      assert.deepEqual(got[1]!.reporters, [reporter]);
    }
  });
  it('gives a story of its opening only its rest read under a subtitle alone, with no headline of its own', () => {
    for (const [page, title, rest] of [
      ['城东老街改造工程今天全面完工\n本报讯（记者 张某）历时两年的城东老街改造工程今天全面完工。\n\n城西菜市场重新开业\n本报讯（记者 李某）城西菜市场改造后重新开业，摊位整齐划一，市民买菜更方便了。\n\n——老街回访\n\n改造后的老街保留了青石板路和沿街老宅，老街改造工程共修缮老宅二十六栋，城东老街焕然一新。\n', '城东老街改造工程今天全面完工', '改造后的老街保留了青石板路'],
      ['夏粮收购今天陆续开秤\n新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点今天陆续开秤。\n\n铁路假期发送旅客创新高\n新华社北京6月5日电（记者赵某）假期全国铁路发送旅客创历史新高，各地加开旅客列车。\n\n——秋收见闻\n\n粮食部门表示，今年夏粮收购价格总体平稳，收购点开秤首日收购小麦三千吨，夏粮收购进展顺利。\n', '夏粮收购今天陆续开秤', '粮食部门表示，今年夏粮收购'],
    ] as const) {
      const got = articles(page);
      assert.equal(got.length, 2, JSON.stringify(got.map((a) => [a.title, a.body])));
      assert.ok(got.find((a) => a.title === title)?.body.includes(rest), JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('gives a dateline paragraph read alone under a label to the story whose headline it tells and which opens with none', () => {
    for (const [head, rest, dl, other, otherText, reporter] of [
      ['全市新建绿道一百二十公里', '绿道串起沿江公园和老街巷，沿线新设驿站十二处，市民骑行散步有了好去处。', '本报讯（记者 李某）全市今年新建绿道一百二十公里，建设进度快于往年。', '城西菜市场重新开业', '本报讯（记者 孙某）城西菜市场改造后重新开业，摊位整齐划一，市民买菜更方便了。', '李某'],
      ['夏粮收购今天陆续开秤', '粮食部门表示，今年收购将持续到八月底，收购点延长营业时间。', '新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购今天陆续开秤，价格平稳。', '铁路假期发送旅客创新高', '新华社北京6月5日电（记者赵某）假期全国铁路发送旅客创历史新高，各地加开列车。', '王某'],
    ] as const) {
      const got = articles(`简讯\n\n${dl}\n\n${head}\n\n${rest}\n\n${other}\n\n${otherText}\n`);
      assert.deepEqual(got.map((a) => [a.title, a.body.startsWith(dl), a.body.includes(rest)]), [[head, true, true], [other, false, false]], JSON.stringify(got.map((a) => [a.title, a.body])));
      assert.deepEqual(got[0]!.reporters, [reporter]);
    }
  });
  it('reads a narrow box\'s short lines stacked as a headline, not labels, when cutting two headlines printed together', () => {
    // A box of lines as short as a label, then another story's headline over its dateline, then the box's story.
    for (const [box, h2, dl, t1, t2] of [
      [['城东老街改', '造工程今天', '全面完工百', '年老宅焕新'], '全市新建绿道一百二十公里 串起沿江公园', '本报讯（记者 李某）全市今年新建绿道一百二十公里，串起沿江公园和老街巷，市民骑行散步有了好去处。', '城东老街改造工程今天全面完工，沿街二十六栋百年老宅修缮一新，青石板路重新铺设。', '老宅焕新后吸引了大批游客，老街改造工程获得居民好评。'],
      [['夏粮收购', '今天陆续', '开秤收购', '价格平稳'], '铁路假期发送旅客人数创下历史新高 车站有序', '新华社北京6月5日电（记者赵某）假期全国铁路发送旅客人数创下历史新高，各地车站秩序井然。', '各地夏粮收购今天陆续开秤，收购价格总体平稳，农民售粮积极。', '粮食部门表示，夏粮收购将持续到八月底，收购价格保持平稳。'],
    ] as const) {
      const got = articles(`城西菜市场重新开业\n\n本报讯 ${BODY_C}\n\n${box.join('\n')}\n\n${h2}\n${dl}\n\n${t1}\n\n${t2}\n`);
      assert.deepEqual(got.map((a) => [a.title, a.body.startsWith(t1)]), [['城西菜市场重新开业', false], [h2, false], [box.join(''), true]], JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('gives no headline printed together to a later story whose words it does not share, when the story under them tells it', () => {
    // pdftotext reads two headlines, the first story's text, the second's (no dateline) and then a
    // third story with a dateline whose own headline stands elsewhere: the second headline is not the third's.
    for (const [h1, h2, t1, t2, third] of [
      [
        ['城东老街改造工程今天完工'], ['全市新建绿道一百二十公里', '串起沿江公园和老街巷'],
        '本报讯（记者 张某）城东老街改造工程今天完工，沿街二十六栋老宅修缮一新，青石板路重新铺设。',
        '今年全市新建绿道一百二十公里，绿道串起沿江公园和老街巷，市民骑行散步有了好去处。',
        '本报讯（记者 孙某）城西菜市场改造后重新开业，摊位整齐划一，市民买菜更方便了。',
      ],
      [
        ['各地夏粮收购今天陆续开秤', '收购价格总体平稳'], ['铁路假期发送旅客创历史新高'],
        '新华社北京6月5日电（记者王某）今年夏粮丰收，各地收购点开秤，收购价格总体平稳，农民售粮积极。',
        '假期全国铁路发送旅客创新高，各地铁路部门加开旅客列车，车站秩序井然。',
        '新华社上海6月5日电（记者赵某）本市今天举办科技周活动，展出机器人和无人机等成果。',
      ],
    ] as const) {
      const got = articles(`${h1.join('\n')}\n\n${h2.join('\n')}\n\n${t1}\n\n${t2}\n\n${third}\n`);
      assert.deepEqual(got.map((a) => [a.title === h1.join('') || a.title === h2.join('') ? a.title : null, a.body.slice(0, 12)]), [[h1.join(''), t1.slice(0, 12)], [h2.join(''), t2.slice(0, 12)], [null, third.slice(0, 12)]], JSON.stringify(got.map((a) => a.title)));
    }
  });
  it('gives the last of two headlines printed together the dateline read first under them, and the first headline the text after it', () => {
    // pdftotext reads two headlines, the second story's dateline paragraph, then the first story's text.
    for (const [h1, h2, t2, t1] of [
      [
        ['城东老街改造工程今天全面完工', '百年老宅焕发新颜'], ['全市新建绿道一百二十公里串起沿江公园'],
        '本报讯（记者 孙某）全市今年新建绿道一百二十公里，绿道串起沿江公园和老街巷，市民骑行散步有了好去处。',
        ['城东老街改造工程今天全面完工，沿街二十六栋百年老宅修缮一新。', '改造后的老街焕发新颜，老宅里开起了茶馆和书店，周末游人如织。'],
      ],
      [
        ['夏粮收购今天陆续开秤', '收购价格总体平稳'], ['假期全国铁路发送旅客创历史新高'],
        '新华社北京6月5日电（记者赵某）假期全国铁路发送旅客创历史新高，各地铁路部门加开旅客列车。',
        ['各地夏粮收购点今天陆续开秤，农民售粮积极。', '今年夏粮丰收，收购价格总体平稳，收购进度快于去年。'],
      ],
    ] as const) {
      const got = articles(`${h1.join('\n')}\n\n${h2.join('\n')}\n\n${t2}\n\n${t1.join('\n\n')}\n`);
      const sorted = got.map((a) => [a.title, a.body.slice(0, 10)]).sort();
      assert.deepEqual(sorted, [[h1.join(''), t1[0].slice(0, 10)], [h2.join(''), t2.slice(0, 10)]].sort(), JSON.stringify(got.map((a) => a.title)));
    }
  });
  it('runs no line across a blank into lines set on another measure: a headline box over wider text, text over a narrower box', () => {
    // A box of three full lines, eleven wide, over a column fourteen wide: the box's last line does not run on.
    const box = ['城东老街改造工程今天全', '面完工，百年老宅修缮一', '新焕发新的光彩喜迎游客'];
    const text = ['记者昨天从区住建部门获悉，城', '东老街改造工程已于本周全面完', '工，沿街二十六栋老宅修缮一新。'];
    const first = articles([...box, '', ...text, ''].join('\n'));
    assert.deepEqual(first.map((a) => [a.title, a.body.slice(0, 8)]), [[box.join(''), text[0]!.slice(0, 8)]]);
    // A column's line left inside an open quote, read before another story's narrower headline box:
    // the quote does not carry it into the box.
    const head = ['全市新建绿道一', '百二十公里串起', '沿江公园'];
    const page = ['城西菜市场重新开业', '本报讯（记者 孙某）城西菜市场改造后', '重新开业，摊位整齐划一，市民称赞“干', '', ...head, '', '记者从市园林局获悉，全市今年新建绿道', '一百二十公里，串起沿江公园和老街巷。', '', '净整洁”，买菜更方便了。', ''];
    const second = articles(page.join('\n'));
    assert.deepEqual(second.map((a) => a.title), ['城西菜市场重新开业', head.join('')]);
  });
  it('keeps a subtitle printed inside a story\'s text with that story when the text after it tells its headline, and not otherwise', () => {
    for (const [head, sub, first, rest] of [
      ['城东老街改造工程今天全面完工', '——城东老街改造回访', '本报讯（记者 孙某）城东老街改造工程今天全面完工。', '改造工程历时两年，老街沿街二十六栋老宅修缮一新，城东老街重新开街迎客。'],
      ['全市新建绿道一百二十公里', '——市园林局回应市民关切', '新华社南京5月8日电（记者赵某）全市新建绿道已经完工。', '今年全市新建绿道一百二十公里，串起沿江公园，市民骑行散步有了好去处。'],
    ] as const) {
      const got = articles(`${head}\n\n${first}\n\n${sub}\n\n${rest}\n`);
      assert.deepEqual(got.map((a) => [a.title, a.kicker]), [[head, sub]], JSON.stringify(got.map((a) => a.title)));
      assert.ok(got[0]!.body.includes(rest.slice(0, 10)), got[0]!.body);
      // Text of another story after the subtitle (its headline printed elsewhere) stays apart.
      const other = '夏粮收购今天陆续开秤，各地收购价格总体平稳，农民售粮积极。';
      assert.equal(articles(`${head}\n\n${first}\n\n${sub}\n\n${other}\n`).length, 2);
    }
  });
  it('gives the last of two headlines printed together to a story further down that opens with a dateline and tells it', () => {
    // pdftotext reads two headlines over the first story's text, another story with its headline,
    // then the second headline's story, its dateline and no headline.
    const between = '城西菜市场重新开业\n\n本报讯（记者 孙某）城西菜市场改造后重新开业，摊位整齐划一，市民买菜更方便了。';
    for (const [h1, h2, t1, t2] of [
      ['城东老街改造工程今天全面完工', '全市新建绿道一百二十公里串起沿江公园', '本报讯（记者 张某）城东老街改造工程今天全面完工，沿街二十六栋老宅修缮一新。', '新华社南京5月8日电（记者赵某）全市今年新建绿道一百二十公里，绿道串起沿江公园和老街巷。'],
      ['各地夏粮收购今天陆续开秤', '假期全国铁路发送旅客创历史新高', '新华社郑州6月5日电（记者王某）各地夏粮收购点今天陆续开秤，收购价格总体平稳。', '新华社北京6月5日电（记者李某）假期全国铁路发送旅客创历史新高，各地铁路部门加开旅客列车。'],
    ] as const) {
      const got = articles(`${h1}\n\n${h2}\n\n${t1}\n\n${between}\n\n${t2}\n`);
      assert.deepEqual(got.map((a) => [a.title, a.body.slice(0, 10)]), [[h1, t1.slice(0, 10)], ['城西菜市场重新开业', '本报讯（记者 孙某）'], [h2, t2.slice(0, 10)]], JSON.stringify(got.map((a) => a.title)));
    }
  });
  it('reads headlines over their stories when one headline\'s words say so, though the page opens with text and closes with a headline-like line', () => {
    // A stray line of text at the top and an advertisement's line at the foot: the page's edges
    // would put headlines after their bodies.
    for (const [stray, head, text, foot] of [
      ['市民在活动现场参观合影留念，现场气氛热烈。', '城东老街改造工程今天全面完工', '本报讯（记者 张某）城东老街改造工程今天全面完工，沿街二十六栋老宅修缮一新，老街重新开街迎客。', '全场商品八折起'],
      ['游客在景区游览，拍照留念。', '全市新建绿道一百二十公里', '新华社南京5月8日电（记者赵某）全市今年新建绿道一百二十公里，绿道串起沿江公园和老街巷。', '欢迎订阅'],
    ] as const) {
      const got = articles(`${stray}\n\n${head}\n\n${text}\n\n${foot}\n`);
      const story = got.find((a) => a.body.startsWith(text.slice(0, 8)));
      assert.equal(story?.title, head, JSON.stringify(got.map((a) => [a.title, a.body.slice(0, 10)])));
    }
  });
  it('reads the text a jump note from an earlier page opens as text, never as a headline', () => {
    // The rest of the note's line and the line it runs into read like a headline (no mark in them).
    for (const [head, text] of [
      [['城东老街改造工程今天完工', '百年老宅焕发新颜'], ['（上接第1版）城东老街', '改造工程总投资1200', '万元，沿街二十六栋老宅修缮', '一新，青石板路重新铺设，', '周末游人如织。']],
      [['全市新建绿道一百二十公里'], ['（上接第2版）据介绍绿道', '全长一百二十公里', '串起沿江公园和老街巷，市民', '骑行散步有了好去处，沿线', '商户生意也红火起来。']],
    ] as const) {
      const got = articles([...head, ...text, ''].join('\n'));
      const rest = text[0].slice('（上接第1版）'.length);
      assert.deepEqual(got.map((a) => [a.title, a.body.slice(0, rest.length)]), [[head.join(''), rest]]);
    }
  });
  it('keeps the paragraph before a whole short caption in the text; a credit alone takes its caption', () => {
    for (const caption of ['图为会议现场。通讯员 张某 摄', '市民在现场参观。记者 李某 摄']) {
      const short = '城东新区今年新建学校三所，新增学位两千余个，方便居民子女就近入学。';
      const got = articles(`城东老街改造工程今天完工\n\n本报讯（记者 王某）${BODY_C}\n\n${short}\n\n${caption}\n\n${BODY_A}\n`);
      assert.ok(got[0]!.body.includes(short), JSON.stringify(got[0]!.body));
      assert.ok(!got[0]!.body.includes(caption.slice(0, 4)), JSON.stringify(got[0]!.body));
    }
    // A credit alone on its line closes the caption printed over it.
    const credit = articles(`城东老街改造工程今天完工\n\n本报讯（记者 王某）${BODY_C}\n\n游客在修缮一新的老街上参观\n\n新华社记者 李某 摄\n\n${BODY_A}\n`);
    assert.ok(!credit[0]!.body.includes('游客在修缮一新'), JSON.stringify(credit[0]!.body));
  });
  it('tells a label that shares no words with its story over a box that tells it, however the box is set', () => {
    // A box of two lines, each as wide as the label or a character wider: the widths say nothing.
    const story = '本报讯（记者 李某）全市今年新建绿道一百二十公里，串起沿江公园和老街巷，城东小区加装电梯工程完工，城东各社区加强管控。';
    const column = story.match(/.{1,14}/gu)!.join('\n');
    for (const [label, lines] of [['经济观察', ['城东小区加', '装电梯完工']], ['新春走基层', ['全市新建绿道', '一百二十公里']]] as const) {
      const got = articles(`${label}\n${lines.join('\n')}\n${column}\n`);
      assert.deepEqual(got.map((a) => [a.column, a.title]), [[label, lines.join('')]]);
    }
    // A box's first line as wide as the next, naming what the story does not: the box's own line.
    const got = articles(`市政府工\n作组要求\n城东加强\n安全管理\n${column}\n`);
    assert.deepEqual(got.map((a) => [a.kicker, a.title]), [[null, '市政府工作组要求城东加强安全管理']]);
  });
  it('leaves a lead-in printed after a headline, before its text, out of the headline: it heads the next story', () => {
    for (const [h1, lead, t1, h2, t2] of [
      ['城东老街改造工程今天全面完工', '一季度外贸开局良好——', '本报讯（记者 张某）城东老街改造工程今天全面完工，沿街二十六栋老宅修缮一新。', '全市新建绿道一百二十公里', '本报讯（记者 李某）今年以来，全市新建绿道一百二十公里，串起沿江公园。'],
      ['夏粮收购价格总体平稳', '春耕备耕看田头——', '新华社郑州5月6日电（记者赵某）今年夏粮丰收，各地收购点陆续开秤。', '铁路假期客流创新高', '新华社北京5月6日电（记者李某）假期全国铁路累计发送旅客1.2亿人次。'],
    ] as const) {
      const got = articles(page(h1, lead, t1, h2, t2));
      assert.deepEqual(got.map((a) => a.title), [h1, h2]);
    }
    // Over the headline, a lead-in is the story's kicker as ever.
    const got = articles(page('春耕备耕看田头——', '夏粮收购价格总体平稳', '新华社郑州5月6日电（记者赵某）今年夏粮丰收，各地收购点陆续开秤。'));
    assert.deepEqual(got.map((a) => [a.kicker, a.title]), [['春耕备耕看田头——', '夏粮收购价格总体平稳']]);
  });
  it('gives the last of two headlines printed together over one run of text the paragraphs that tell its story', () => {
    // pdftotext reads two headlines, then the first story's text, the second's (no dateline), and
    // the first's rest; or the first's text and then the second's.
    const h1 = '城东老街改造工程今天全面完工';
    const h2 = '全市开展“文明交通进社区”志愿宣传活动';
    const t1 = '本报讯（记者 张某）城东老街改造工程今天全面完工，沿街二十六栋老宅修缮一新。';
    const t2 = '为推动文明出行，全市本月开展“文明交通进社区”志愿宣传活动，志愿者进社区、进学校。';
    const rest1 = '老街改造工程完工后，青石板路重新铺设，老宅里陆续开起了茶馆和书店。';
    for (const parts of [[t1, t2, rest1], [t1, rest1, t2]]) {
      const got = articles(page(h1, h2, ...parts));
      assert.deepEqual(got.map((a) => a.title), [h1, h2], JSON.stringify(got.map((a) => [a.title, a.body])));
      assert.ok(got[0]!.body.includes('茶馆') && got[1]!.body.includes('进社区') && !got[0]!.body.includes('进社区'), JSON.stringify(got.map((a) => a.body)));
    }
    // One headline in two blocks, its last words a paragraph's: one story, its headline whole.
    const one = articles(page('城东老街改造工程今天全面完工，百年老宅', '焕发新颜迎来游人', t1, '修缮后的百年老宅焕发新颜，迎来四方游人。'));
    assert.deepEqual(one.map((a) => a.title), ['城东老街改造工程今天全面完工，百年老宅焕发新颜迎来游人']);
  });
  it('gives back a paragraph read under another story\'s headline, first under it, that shares no word with that headline', () => {
    // pdftotext read one story's rest under the next story's headline, before that story's own text.
    for (const [h1, t1, rest1, h2, t2] of [
      ['城东老街焕发新颜', '本报讯（记者 张某）城东老街改造工程今天全面完工，沿街二十六栋老宅修缮一新。', '老街改造工程完工后，青石板路重新铺设，老宅里陆续开起了茶馆和书店，城东老街吸引了不少市民前来打卡。', '全市夏粮收购进度快于往年同期 各收购点秩序良好', '今年全市夏粮收购进度快于往年同期，各收购点秩序良好，农民售粮积极性较高，粮食部门在收购点设立服务台。'],
      ['全市新建绿道一百公里', '新华社南京5月6日电（记者王某）今年以来，全市新建绿道一百公里，串联起沿江公园和老城街巷。', '全市新建绿道沿线设置驿站十二座，串联起沿江公园的绿道配套建设停车位和公共厕所，老城街巷的市民骑行更加方便。', '铁路假期客流创历史新高 各地加开旅客列车满足需求', '假期全国铁路累计发送旅客1.2亿人次，客流创历史新高，各地铁路部门加开旅客列车，满足旅客出行需求。'],
    ] as const) {
      const got = articles(page(h1, t1, h2, rest1, t2));
      assert.deepEqual(got.map((a) => a.title), [h1, h2]);
      assert.ok(got[0]!.body.includes(rest1.slice(0, 12)) && !got[1]!.body.includes(rest1.slice(0, 12)) && got[1]!.body.includes(t2.slice(0, 12)), JSON.stringify(got.map((a) => a.body)));
    }
  });
  it('gives a paragraph back to the story that broke off mid-sentence before another story came between', () => {
    // A reading order that ran from one story's column into another story and back.
    const broken = '本报讯（记者 张某）城东老街改造今天完工，沿街二十六栋老宅修缮一新，青石板路重新铺设，老街';
    const other = '新华社北京5月6日电（记者李某）记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，同比增长8%。';
    const back = '的茶馆、书店和手艺铺陆续开张，老宅修缮后的城东老街吸引了不少市民前来打卡。';
    const otherOn = '各地铁路部门加开旅客列车，假期全国铁路运输总体平稳有序，旅客出行满意度较高。';
    // Each paragraph hard-wrapped in a column, as pdftotext gives it.
    for (const tail of [[back], [back, otherOn]]) {
      const got = articles(page('城东老街焕发新颜', broken, '铁路假期客流创新高', other, ...tail));
      assert.deepEqual(got.map((a) => a.title), ['城东老街焕发新颜', '铁路假期客流创新高']);
      assert.ok(got[0]!.body.includes('茶馆') && !got[1]!.body.includes('茶馆'), JSON.stringify(got.map((a) => a.body)));
      // The other story keeps its own text, before and after the paragraph given back.
      assert.ok(got[1]!.body.includes('1.2亿') && (tail.length === 1 || got[1]!.body.includes('加开旅客列车')), JSON.stringify(got.map((a) => a.body)));
    }
    // A story that breaks off with nothing later in its words keeps its text as it is.
    const got = articles(page('城东老街焕发新颜', broken, '铁路假期客流创新高', other, otherOn));
    assert.ok(got[1]!.body.includes('加开旅客列车') && !got[0]!.body.includes('加开旅客列车'), JSON.stringify(got.map((a) => a.body)));
  });
  it('gives back the whole run of a broken-off story\'s rest, whose paragraphs share its words with each other', () => {
    // pdftotext read a story's column into another story and then the first story's rest, two
    // paragraphs that share the first story's words with each other as well: the host story is
    // weighed by its own words (its headline, the paragraphs before), not by the run's.
    const other = '新华社北京5月6日电（记者李某）记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，同比增长8%。';
    for (const [head, broken, run, words] of [
      ['城东老街焕发新颜', '本报讯（记者 张某）城东老街改造今天完工，沿街二十六栋老宅修缮一新，青石板路重新铺设，老街', ['的茶馆、书店和手艺铺陆续开张，老宅修缮后的城东老街吸引了不少市民前来打卡。', '城东老街的老宅修缮以后，青石板路上游人如织，茶馆和书店常常座无虚席。'], ['手艺铺', '座无虚席']],
      ['夏粮收购开秤', '本报讯（记者 孙某）今年夏粮丰收，各地夏粮收购点陆续开秤，粮食部门', ['在收购点设立服务台，夏粮收购价格总体平稳，农民售粮积极。', '夏粮收购点开秤以来，服务台前排起长队，粮食部门加派人手。'], ['售粮积极', '加派人手']],
    ] as const) {
      const got = articles(page(head, broken, '铁路假期客流创新高', other, ...run));
      assert.deepEqual(got.map((a) => a.title), [head, '铁路假期客流创新高']);
      assert.ok(words.every((w) => got[0]!.body.includes(w) && !got[1]!.body.includes(w)), JSON.stringify(got.map((a) => a.body)));
    }
  });
  it('gives the text under a headline read inside a broken-off story\'s lines, opening with a word\'s tail, to that story; the headline waits for the next story\'s start', () => {
    // pdftotext read the next story's headline between two lines of a column: the text under it
    // opens with the rest of the broken word (秤，… / 粮，…), and the next story starts at its dateline.
    for (const [page, first, second, rest] of [
      ['城西菜市场改造完工\n\n本报讯（记者李某）城西菜市场改造工程今天全面完工，二百多个\n摊位重新开张，市民买菜更加方便。市场还新设了便民服务点，提供\n免费的公平\n\n全市新建绿道一百公里\n串联沿江公园\n\n秤，休息座椅也比以前多了。市场管理方介绍，改造期间保留了老市场的格局。\n附近居民说，新市场干净明亮，买菜的人比以前多了。\n\n新华社北京6月3日电（记者张某）今年以来，全市新建城市绿道一百公里，串联起沿江公园和老城街巷，市民骑行出游更加方便。\n', '城西菜市场改造完工', '全市新建绿道一百公里串联沿江公园', '买菜的人比以前多了'],
      ['夏粮收购全面展开\n\n新华社郑州6月5日电（记者王某）各地夏粮收购点今天陆续开秤，收\n购价格总体平稳，粮食部门在收购点设立服务台，方便农民就近售\n\n铁路假期运输\n平稳有序\n\n粮，农民售粮积极性较高。\n\n本报讯（记者赵某）假期全国铁路累计发送旅客一亿二千万人次，各地铁路部门加开旅客列车，满足出行需求。\n', '夏粮收购全面展开', '铁路假期运输平稳有序', '农民售粮积极性较高'],
    ] as const) {
      const got = articles(page);
      assert.deepEqual(got.map((a) => a.title), [first, second], JSON.stringify(got.map((a) => [a.title, a.body])));
      assert.ok(got[0]!.body.includes(rest) && !got[1]!.body.includes(rest), JSON.stringify(got.map((a) => a.body)));
    }
  });
  it('weighs a paragraph\'s words given back by how many stories hold them: words two stories share still count', () => {
    // Every word the paragraph shares with its story is held by a later story too (no pair is one
    // story's alone); the story it stands in holds none of them.
    const other = '新华社北京5月6日电 记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，同比增长8%。';
    for (const [parts, word] of [
      // Broken off mid-sentence.
      [['城东老街焕发新颜', '本报讯（记者 张某）城东老街改造今天完工，老街上的茶馆和书店重新装修，市民前来', '铁路假期客流创新高', other, '打卡的人络绎不绝，茶馆和书店生意红火。', '城西文化街开街', '本报讯（记者 李某）城西文化街今天开街，街上的茶馆和书店吸引市民前来打卡。'], '生意红火'],
      // Read after the other story's closing byline.
      [['夏粮收购开秤', '本报讯（记者 孙某）今年夏粮丰收，各地夏粮收购点陆续开秤，粮食部门设立服务台。', '铁路假期客流创新高', other, '（记者 李某）', '夏粮收购点前排起长队，粮食部门加派人手。', '全省夏粮收购进度过半', '本报讯（记者 赵某）全省夏粮收购点增至三百个，粮食部门收购夏粮两百万吨。'], '加派人手'],
    ] as const) {
      const got = articles(page(...parts));
      assert.deepEqual(got.map((a) => a.body.includes(word)), [true, false, false], JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('gives back a run of a story\'s paragraphs read after the next story\'s opening on a page read in order, weighed whole', () => {
    // Every story ends a sentence where its column ends; the first story's rest, two paragraphs
    // that share its words with each other too, was read after the second story's first paragraph.
    for (const [head, first, run, otherHead, other, words] of [
      ['城东老街焕发新颜', '本报讯（记者 张某）城东老街改造今天完工，沿街二十六栋老宅修缮一新，青石板路重新铺设，老宅里的茶馆和书店陆续开张。', ['青石板路重新铺设以后，城东老街的老宅陆续开起了茶馆和书店，手艺铺也回来了。', '老宅修缮以后，城东老街的青石板路上游人如织，茶馆和书店常常座无虚席。'], '铁路假期客流创新高', '新华社北京5月6日电（记者李某）记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，同比增长8%。', ['手艺铺', '座无虚席']],
      ['夏粮收购开秤', '本报讯（记者 孙某）今年夏粮丰收，各地夏粮收购点陆续开秤，收购价格总体平稳，粮食部门在收购点设立服务台，方便农民售粮。', ['夏粮收购价格总体平稳，收购点开秤首日农民售粮积极，粮食部门在收购点设立服务台。', '夏粮收购点开秤以来，服务台前排起长队，粮食部门加派人手，农民售粮更方便。'], '全市新建绿道一百公里', '本报讯（记者 钱某）全市新建绿道一百二十公里，串起沿江公园，市民骑行散步有了好去处。', ['服务台', '加派人手']],
    ] as const) {
      const got = articles(page(head, first, otherHead, other, ...run));
      assert.deepEqual(got.map((a) => a.title), [head, otherHead]);
      assert.deepEqual(got.map((a) => words.map((w) => a.body.includes(w))), [[true, true], [false, false]], JSON.stringify(got.map((a) => a.body)));
      assert.ok(got[1]!.body.includes(other.slice(-10)), JSON.stringify(got.map((a) => a.body)));
    }
  });
  it('keeps a story\'s paragraphs on a page read in order, though the story before tells the same subject in the same words', () => {
    // Every story ends its sentence; the second story's paragraphs share the first's words, and
    // each other's: on a page read in order the story counts by all its paragraphs.
    for (const [parts, words] of [
      [['城东老街焕发新颜', '本报讯（记者 张某）城东老街改造今天完工，沿街老宅修缮一新，青石板路重新铺设，茶馆书店陆续开张。', '老街改造历时两年，修缮老宅二十六栋，青石板路全长一公里，茶馆书店吸引市民打卡。', '市民点赞老街新貌', '本报讯（记者 李某）周末，不少市民来到城东老街。', '修缮一新的老宅和青石板路吸引市民，茶馆书店生意红火。', '市民说，修缮后的老宅和青石板路保留了老街风貌，茶馆书店很热闹。'], ['生意红火', '很热闹']],
      [['夏粮收购开秤', '本报讯（记者 孙某）今年夏粮丰收，各地夏粮收购点陆续开秤，收购价格总体平稳，粮食部门设立服务台。', '夏粮收购点开秤首日，农民售粮积极，粮食部门收购夏粮三万吨，收购价格保持平稳。', '农民售粮忙', '本报讯（记者 赵某）连日来，各地农民忙着卖粮。', '各地夏粮收购点前，农民售粮积极，收购价格总体平稳，粮食部门加派人手。', '农民说，今年夏粮收购价格平稳，粮食部门服务周到，售粮很方便。'], ['加派人手', '售粮很方便']],
    ] as const) {
      const got = articles(page(...parts));
      assert.deepEqual(got.map((a) => words.map((w) => a.body.includes(w))), [[false, false], [true, true]], JSON.stringify(got.map((a) => [a.title, a.body])));
    }
  });
  it('gives a paragraph back to a story that ended a sentence at its column\'s foot, where it shares far more of that story\'s words, on a page read out of order', () => {
    // The page is read out of order (the second story breaks off mid-sentence); the first story's
    // column ended at a sentence's end, and its rest was read after the third story.
    const broken = '新华社北京5月6日电（记者李某）记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，各地铁路部门';
    for (const [head, first, third, rest, word] of [
      ['城东老街焕发新颜', '本报讯（记者 张某）城东老街改造今天完工，沿街二十六栋老宅修缮一新。', '本报讯（记者 赵某）城西菜市场改造后重新开业，摊位整齐划一，市民买菜更方便了。', ['青石板路重新铺设以后，城东老街的老宅陆续开起了茶馆和书店。'], '茶馆'],
      ['夏粮收购开秤', '本报讯（记者 孙某）今年夏粮丰收，各地夏粮收购点陆续开秤。', '本报讯（记者 钱某）全市新建绿道一百二十公里，串起沿江公园，市民骑行散步有了好去处。', ['夏粮收购价格总体平稳，夏粮收购点开秤首日农民售粮积极，粮食部门在收购点设立服务台。'], '服务台'],
    ] as const) {
      const got = articles(page(head, first, '铁路假期客流创新高', broken, '菜市场重新开业', third, ...rest));
      assert.equal(got[0]?.title, head, JSON.stringify(got.map((a) => a.title)));
      assert.ok(got[0]!.body.includes(word) && !got.at(-1)!.body.includes(word), JSON.stringify(got.map((a) => a.body)));
    }
  });
  it('gives the text read after the page\'s foot back to the story whose words it shares, broken off or not', () => {
    // pdftotext reads a column's rest after the page's foot (a staff line, an advertisement).
    const first = '本报讯（记者 张某）城东老街改造今天完工，沿街二十六栋老宅修缮一新，青石板路重新铺设。';
    const other = '新华社北京5月6日电（记者李某）记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，同比增长8%。';
    const rest = '老宅修缮后的城东老街开起了茶馆、书店和手艺铺，周末吸引了不少市民前来打卡。';
    for (const foot of [['责任编辑：王某', '美编：赵某'], ['广告', '盛大开业', '全场商品八折起']]) {
      const got = articles(page('城东老街焕发新颜', first, '铁路假期客流创新高', other, ...foot, rest));
      assert.deepEqual(got.map((a) => a.title), ['城东老街焕发新颜', '铁路假期客流创新高']);
      assert.ok(got[0]!.body.includes('茶馆') && !got[1]!.body.includes('茶馆'), JSON.stringify(got.map((a) => a.body)));
    }
    // With no foot between, a paragraph that shares a word or two of the first story stays with the story it follows.
    const loose = '周末不少市民前来打卡，城东一带人气很旺，附近商户生意红火。';
    const got = articles(page('城东老街焕发新颜', first, '铁路假期客流创新高', other, loose));
    assert.ok(got[1]!.body.includes('商户'), JSON.stringify(got.map((a) => a.body)));
  });
  it('gives a paragraph back to an earlier story on a page read in order only when it shares far more of that story\'s words', () => {
    // Every story ends its sentence, no byline or jump note between: a paragraph holding six of the
    // pairs the first story alone holds, and none of the story it stands in, is the first story's.
    const other = '新华社北京5月6日电（记者李某）记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，同比增长8%。';
    for (const [head, first, rest, word] of [
      ['城东老街焕发新颜', '本报讯（记者 张某）城东老街改造今天完工，沿街二十六栋老宅修缮一新，青石板路重新铺设。', '老宅修缮后的城东老街开起了茶馆、书店和手艺铺，青石板路上游人如织。', '茶馆'],
      ['夏粮收购开秤', '本报讯（记者 孙某）今年夏粮丰收，各地夏粮收购点陆续开秤，收购价格总体平稳。', '夏粮收购点开秤首日，农民售粮积极，收购价格总体平稳，粮食部门设立服务台。', '服务台'],
    ] as const) {
      const got = articles(page(head, first, '铁路假期客流创新高', other, rest));
      assert.deepEqual(got.map((a) => a.title), [head, '铁路假期客流创新高']);
      assert.ok(got[0]!.body.includes(word) && !got[1]!.body.includes(word), JSON.stringify(got.map((a) => a.body)));
    }
  });
  it('gives the text after a story\'s closing byline or jump note back to the earlier story whose words it shares', () => {
    const first = '本报讯 城东老街改造今天完工，沿街二十六栋老宅修缮一新，青石板路重新铺设。';
    const other = '新华社北京5月6日电 记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，同比增长8%。';
    for (const [byline, rest] of [
      ['（记者 李某）', ['老宅修缮后的城东老街开起了茶馆、书店和手艺铺，周末吸引了不少市民前来打卡。']],
      ['（通讯员 王某 记者 赵某）', ['城东老街的青石板路铺好以后，老宅里的茶馆陆续开张。', '周末来老街打卡的市民越来越多，茶馆和书店常常座无虚席。']],
      // A jump note to a later page ends the story on this page as a closing byline does.
      ['（下转第3版）', ['老宅修缮后的城东老街开起了茶馆、书店和手艺铺，周末吸引了不少市民前来打卡。']],
    ] as const) {
      const got = articles(page('城东老街焕发新颜', first, '铁路假期客流创新高', other, byline, ...rest));
      assert.deepEqual(got.map((a) => a.title), ['城东老街焕发新颜', '铁路假期客流创新高']);
      assert.ok(got[0]!.body.includes('茶馆') && !got[1]!.body.includes('茶馆'), JSON.stringify(got.map((a) => a.body)));
    }
  });
  it('gives a paragraph\'s closing byline back with it to the story it goes back to', () => {
    // The story's last paragraph, read after another story, ends in the story's closing byline.
    const other = '新华社北京5月6日电 记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，同比增长8%。';
    for (const [head, first, between, back, byline, names] of [
      // Broken off mid-sentence.
      ['城东老街焕发新颜', '本报讯 城东老街改造今天完工，沿街二十六栋老宅修缮一新，青石板路重新铺设，老街', [], '的茶馆、书店和手艺铺陆续开张，老宅修缮后的城东老街吸引了不少市民前来打卡。', '（记者 王某）', ['王某']],
      // Read after the page's foot.
      ['夏粮收购开秤', '本报讯 今年夏粮丰收，各地夏粮收购点陆续开秤，收购价格总体平稳。', ['责任编辑：孙某'], '夏粮收购点开秤首日，农民售粮积极，粮食部门在夏粮收购点设立服务台。', '（通讯员 赵某 记者 钱某）', ['赵某', '钱某']],
    ] as const) {
      const got = articles(page(head, first, '铁路假期客流创新高', other, ...between, back, byline));
      assert.deepEqual(got.map((a) => [a.title, [...a.reporters].sort()]), [[head, [...names].sort()], ['铁路假期客流创新高', []]], JSON.stringify(got.map((a) => [a.title, a.reporters, a.body])));
    }
  });
  it('gives a story\'s extra closing byline to the story before it that names no reporters', () => {
    const first = '本报讯 城东老街改造今天完工，沿街二十六栋老宅修缮一新，青石板路重新铺设。';
    for (const [other, bylines, want] of [
      // The second story's dateline names its reporter: the closing byline after its text is the first story's.
      ['新华社北京5月6日电（记者李某）记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，同比增长8%。', ['（记者 王某）'], [['王某'], ['李某']]],
      // Two closing bylines after one story's text: the second is the story's before.
      ['记者从交通部门获悉，假期全国铁路累计发送旅客1.2亿人次，同比增长8%，运输总体平稳有序。', ['（记者 李某）', '（记者 赵某 钱某）'], [['赵某', '钱某'], ['李某']]],
    ] as const) {
      const got = articles(page('城东老街焕发新颜', first, '铁路假期客流创新高', other, ...bylines));
      assert.deepEqual(got.map((a) => [...a.reporters].sort()), want.map((w) => [...w].sort()), JSON.stringify(got.map((a) => [a.title, a.reporters])));
    }
  });
  it('puts a number a headline box broke off back at the head of its headline', () => {
    const column = `本报讯 ${BODY_C}`.match(/.{1,14}/gu)!.join('\n');
    for (const [num, lines] of [['80', ['万"城市卡"', '用户迎来', '免费升级']], ['3 0', ['个老旧小', '区加装电梯', '全部完工']]] as const) {
      const got = articles(`${BODY_A}\n${num}\n${lines.join('\n')}\n${column}\n`);
      assert.ok(got.some((a) => a.title.replace(/\s/g, '') === num.replace(/\s/g, '') + lines.join('')), JSON.stringify(got.map((a) => a.title)));
    }
    // The box stays a box for the label over it: the number's line and the next are one line.
    for (const [label, num, lines] of [['民生实事进行时', '80', ['万户家', '用上天然', '气本月通']], ['乡村振兴纪实', '3 0', ['个村庄', '通了公交', '和宽带网']]] as const) {
      const got = articles(`${label}\n${num}\n${lines.join('\n')}\n${column}\n`);
      assert.ok(got.some((a) => a.column === label && a.title.replace(/\s/g, '') === num.replace(/\s/g, '') + lines.join('')), JSON.stringify(got.map((a) => [a.column, a.title])));
    }
    // A number over a line that no measure word opens stays where it is.
    const got = articles(`${BODY_A}\n2024\n城东老街\n焕发新颜\n${column}\n`);
    assert.equal(got.some((a) => a.title.replace(/\s/g, '').startsWith('2024')), false, JSON.stringify(got.map((a) => a.title)));
  });
  it('reads a short exclamation wrapped over two lines as the lead-in over its headline, not the headline\'s start', () => {
    const column = `本报讯 ${BODY_C}`.match(/.{1,14}/gu)!.join('\n');
    for (const [lead, lines] of [[['五千人报', '名参加！'], ['城东老街', '焕发新颜']], [['首批项目全', '部开工！'], ['全市新建绿', '道一百公里']]] as const) {
      const got = articles(`${lead.join('\n')}\n${lines.join('\n')}\n${column}\n`);
      assert.deepEqual(got.map((a) => [a.kicker, a.title]), [[lead.join(''), lines.join('')]]);
    }
    // A short exclamation headline in a narrow box over its subtitle is the headline.
    const got = articles(`城东老街焕\n发新颜！\n——记者走访一线\n${column}\n`);
    assert.deepEqual(got.map((a) => [a.kicker, a.title]), [['——记者走访一线', '城东老街焕发新颜！']]);
  });
  it('keeps a short first line that shares half its character pairs with the story in the headline, a tag one word', () => {
    const cases = [
      ['某企业发布新', 'X 30系列旗舰手机', '本报讯 某企业今天在上海召开发布会，推出多款手机和平板电脑，售价四千元起，下月上市。'],
      ['全市推进新', '一轮老旧小区改造工作', '本报讯 全市今年将推进三百个小区的改造，涉及居民五万户，年底前全部开工建设。'],
    ] as const;
    for (const [first, second, body] of cases) {
      const got = articles(`${first}\n${second}\n\n${body}\n`);
      assert.deepEqual(got.map((a) => [a.kicker, a.title.replace(/\s/g, '')]), [[null, (first + second).replace(/\s/g, '')]]);
    }
    // A tag may hold one of its story's words (稳就业 over a story of 就业).
    for (const [tag, headline, body] of [['稳就业', '就业岗位新增六万个以上', '本报讯 今年全市将新增城镇就业岗位六万个以上，重点帮扶高校毕业生和农民工就业。'], ['促消费', '家电以旧换新补贴发放', '本报讯 全市今年发放家电以旧换新补贴两亿元，带动消费超过二十亿元。']] as const) {
      const got = articles(`${tag}\n\n${headline}\n\n${body}\n`);
      assert.deepEqual(got.map((a) => [a.column, a.title]), [[tag, headline]]);
    }
  });
  it('never gives a piece of a wrapped headline to the untitled article before it', () => {
    for (const lines of [['全国城市更新条例实施细', '则'], ['中华人民共和国监', '察法']]) {
      const got = articles(`（上接第1版）${BODY_A}\n\n${lines.join('\n')}\n新华社北京6月1日电（记者王某）${BODY_B}\n`);
      assert.equal(got.at(-1)?.title.replace(/\s/g, ''), lines.join(''), JSON.stringify(got.map((a) => a.title)));
    }
  });
  it('reads a first line as wide as the next as the first of a headline box\'s lines, not a tag', () => {
    for (const lines of [['城东老旧加', '装电梯工程', '今天全部完工投入使用'], ['海边渔村迎', '来旅游旺季', '游客人数创下历史新高']]) {
      const got = articles(`${lines.join('\n')}\n\n本报讯 记者从有关部门获悉，今年以来相关工作进展顺利，各项任务均按计划推进。\n`);
      assert.deepEqual(got.map((a) => [a.kicker, a.title.replace(/\s/g, '')]), [[null, lines.join('')]]);
    }
  });
  it('reads a headline a content system labels', () => {
    check(`标题：城市更新项目加快推进\n\n${BODY_A}\n`, [{ title: '城市更新项目加快推进' }]);
  });
  it('never takes site navigation or a breadcrumb for a headline', () => {
    check(`首页 新闻 体育 财经 娱乐 科技\n当前位置：首页 > 新闻 > 国内\n\n城市更新项目加快推进\n\n${BODY_A}\n`, [{ title: '城市更新项目加快推进' }]);
  });
});

describe('split and enrich: the lines printed with an article', () => {
  it('reads a wire digest header: source, date and the headline after it', () => {
    check(`【新华社】2024-06-01 10:21:00 经济运行总体平稳\n${BODY_A}\n\n【中国新闻网】2024-06-02 08:05:12 铁路客流创新高\n${BODY_B}\n`, [
      { title: '经济运行总体平稳', date: '2024-06-01', source: '新华社' },
      { title: '铁路客流创新高', date: '2024-06-02', source: '中国新闻网' },
    ]);
  });
  it('reads a wire digest header whose headline is on the next line', () => {
    check(`【某某通讯社】2023/11/20 09:00\n春耕生产全面展开\n${BODY_C}\n`, [{ title: '春耕生产全面展开', date: '2023-11-20', source: '某某通讯社' }]);
  });
  it('reads a 来源 line under a headline as the source, not as text', () => {
    const [a] = articles(`乡村振兴跑出加速度\n\n来源：某某日报\n\n${BODY_C}\n`);
    assert.equal(a!.source, '某某日报');
    assert.doesNotMatch(a!.body, /来源/);
  });
  it('reads a 稿源 line with a date at the end of an article', () => {
    check(`乡村振兴跑出加速度\n\n${BODY_C}\n\n稿源：某某晚报 发布时间：2022-03-04\n`, [{ title: '乡村振兴跑出加速度', date: '2022-03-04', source: '某某晚报' }]);
  });
  it('reads the reporters in brackets on the line under a dateline alone on its line, an own report\'s too', () => {
    // A narrow column (pdf.js on a dateline spaced out to its measure): the dateline fills its line.
    for (const [dateline, names] of [['本 报 南 昌 8 月 14 日 讯', ['王某某', '李某']], ['本 报 讯', ['赵某']], ['新华社郑州6月3日电', ['孙某']]] as const) {
      const column = `（记者${names.join('、')}）${BODY_C}`.match(/.{1,12}/gu)!.join('\n');
      const [a] = articles(`春耕生产全面展开\n${dateline}\n${column}\n`);
      assert.deepEqual([a!.title, a!.reporters], ['春耕生产全面展开', names], JSON.stringify(a));
    }
  });
  it('finds reporters in brackets after an opening that is not a dateline', () => {
    check(`城市更新项目加快推进\n\n某某报讯（记者 王某某）${BODY_A}\n`, [{ title: '城市更新项目加快推进', reporters: ['王某某'] }]);
  });
});

describe('enrich: dates', () => {
  it('leaves a dateline without a year of its own undated, whatever other dates the page names', () => {
    check(`城市更新再上新台阶\n\n新华社杭州6月3日电（记者周某）杭州市今年计划改造老旧小区200个。该市自2009年3月5日启动第一批改造以来，已累计完成改造1000余个。\n`, [{ title: '城市更新再上新台阶', date: null }]);
  });
  it('does not give one story the year another story on the page states', () => {
    const got = articles(`春耕生产全面展开\n\n新华社郑州4月11日电（记者张某）${BODY_C}\n\n统计数据公布\n\n新华社北京4月12日电 截至2021年3月底，全国农机总动力达到10.5亿千瓦。\n`);
    assert.deepEqual(got.map((a) => a.date), [null, null]);
  });
  it('dates a dateline with the year the file declares', () => {
    const r = processBytes('p.txt', Buffer.from(`春耕生产全面展开\n\n新华社郑州4月11日电（记者张某）${BODY_C}\n`), { declaration: { published: '2024-04-12' }, hash: 'x', problems: [] });
    assert.ok(r.ok);
    assert.equal(r.articles[0]!.date, '2024-04-11');
  });
});
