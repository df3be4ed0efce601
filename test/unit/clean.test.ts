import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Reporter } from '../../indexer/extract/diagnostics.js';
import { REPAIR_RULES, TIDY_RULES, clean, collapseHanDigitSpaces, collapseLetterSpacing, furnitureRule, rejoinBrokenLines, repairMojibake, sideCaption, sideHeadline, stripInlinePinyin } from '../../indexer/extract/clean.js';
import { foldRadicals, stripInvisible } from '../../src/text/chars.js';
import { analyzeQuery } from '../../src/text/analysis.js';
import { detectScript } from '../../src/text/script.js';
import type { Block } from '../../indexer/extract/types.js';

describe('collapseLetterSpacing', () => {
  const cases: [string, string][] = [
    ['通 关 只 用 几 秒 钟', '通关只用几秒钟'],
    ['登 高 望 远 ，穿 云 破 雾', '登高望远，穿云破雾'],
    ['习近平分别会见伊朗总统 埃及总统 印度总理', '习近平分别会见伊朗总统 埃及总统 印度总理'],
    ['5G 基站 建 设', '5G 基站 建 设'],
    ['普通的句子没有空格。', '普通的句子没有空格。'],
    ['M a t e 2 0 X5 G 版 半 天 不到 需 充 电', 'Mate20X5G版半天不到需充电'],
    ['苹 果 发 布 i P h o n e 1 1', '苹果发布iPhone11'],
    ['Apple 发布 iPhone 11 新品', 'Apple 发布 iPhone 11 新品'],
    // Two-character words a space apart are words: a page's staff line, a list of names.
    ['星期五 责编 叶梅 美编 陆欣', '星期五 责编 叶梅 美编 陆欣'],
    ['出席会议的有 王某 李某 张某 赵某', '出席会议的有 王某 李某 张某 赵某'],
    // A short line of a narrow headline box qualifies when every pair is spaced; a pair of names does not.
    ['较 强 冷 空', '较强冷空'],
    ['启 “ 抖 抖', '启“抖抖'],
    ['张三 李四', '张三 李四'],
    ['城 东', '城东'],
    ['李 明', '李明'],
    ['记者 李 明', '记者 李 明'],
    ['5G 基 站', '5G 基 站'],
  ];
  for (const [input, expected] of cases) it(`turns "${input}" into "${expected}"`, () => assert.equal(collapseLetterSpacing(input), expected));
});

describe('collapseHanDigitSpaces', () => {
  const cases: [string, string][] = [
    ['当地时间 10 月 23 日上午', '当地时间10月23日上午'],
    ['截至目前，1371 家工会', '截至目前，1371家工会'],
    ['5G 基站超过 400 万个', '5G 基站超过400万个'],
    ['Windows 11 update', 'Windows 11 update'],
  ];
  for (const [input, expected] of cases) it(`turns "${input}" into "${expected}"`, () => assert.equal(collapseHanDigitSpaces(input), expected));
});

describe('foldRadicals', () => {
  const cases: [string, string, string][] = [
    ['Kangxi radicals in a dateline (pdf.js)', '新华社北京6⽉23⽇电', '新华社北京6月23日电'],
    ['supplement forms of simplified characters', '⻓江⼤桥⻔前⻢⻋', '长江大桥门前马车'],
    ['a Kangxi radical for a Traditional character stays Traditional', '⾨⼾', '門戶'],
    ['a component with no character of its own is kept', '⺡旁', '⺡旁'],
    ['text without radicals is the same string', '金砖国家领导人会晤', '金砖国家领导人会晤'],
  ];
  for (const [name, input, want] of cases) it(name, () => assert.equal(foldRadicals(input), want));
  it('folds a query pasted from a PDF viewer too', () => assert.equal(analyzeQuery('⻓江⼤桥'), '长江大桥'));
});

describe('stripInvisible', () => {
  it('removes control, zero-width and private-use characters and normalises odd spaces', () => {
    assert.equal(stripInvisible('a\u200bb\ue000c\u0007d\u3000e\u00a0f'), 'abcd e f');
  });
});

describe('rejoinBrokenLines', () => {
  const p = (text: string, line = 1): Block => ({ kind: 'paragraph', text, line });
  it('joins lines the page width broke, inside a paragraph and across a blank line', () => {
    const blocks = [p('全国工会提升职工生活品质交流研讨会召'), p('开，总结工会提升职工生活品质工作成果。'), p('短标题')];
    const out = rejoinBrokenLines(blocks, 19);
    assert.deepEqual(out.map((b) => b.text), ['全国工会提升职工生活品质交流研讨会召开，总结工会提升职工生活品质工作成果。', '短标题']);
  });
  it('keeps a short line (a headline or a paragraph end) apart from the next', () => {
    const out = rejoinBrokenLines([p('习近平首先出席小范围会议。\n习近平欢迎新成员加入金砖大家庭以及邀请多个')], 22);
    assert.equal(out.length, 2);
  });
  it('does not join a full line that ends a sentence', () => {
    const out = rejoinBrokenLines([p('这一行很长很长很长很长很长很长也以句号结束。\n下一段开始。')], 22);
    assert.equal(out.length, 2);
  });
  it('keeps a space between Latin words split by a line break', () => {
    const out = rejoinBrokenLines([p('中国的科学家发布了全新的 open\nsource 模型，供全球研究者免费\n使用。')], 14);
    assert.equal(out[0]?.text, '中国的科学家发布了全新的 open source 模型，供全球研究者免费使用。');
  });
  it('never runs one headline on into another set on the same short measure across a blank line', () => {
    const first = ['市人民代表大会常务委员会关于批准市', '政府发行地方债券用于老旧小区改造及', '2025年城市更新项目安排的决议'];
    const out = rejoinBrokenLines([p(first.join('\n'), 1), p('城东老街改造工程发布会召开在即\n第二场新闻发布会', 5)], 40);
    assert.equal(out.find((b) => b.text.includes('决议'))?.text.endsWith('决议'), true, JSON.stringify(out));
    // A narrow column's text goes on across a blank line as ever: its lines hold clause marks.
    const column = rejoinBrokenLines([p('今日有市民反映，有六十多个\n小区和四百一十多栋居民楼', 1), p('停水已超过一天，引发广泛关\n注。', 4)], 40);
    assert.equal(column.length, 1, JSON.stringify(column));
  });
  it('never runs a headline on into the next across a blank line in a column as narrow as they are, over a dateline', () => {
    // Two headlines printed together, each wrapped on the column's measure, then the first one's dateline.
    for (const [h1, h2] of [[['城东老街改造工程今天', '全面完工百年老宅焕新'], ['全市今年新建绿道达到', '一百二十公里沿江贯通']], [['夏粮收购今天陆续开秤', '各地收购价格总体平稳'], ['铁路假期发送旅客人数', '创下历史新高车站有序']]] as const) {
      const out = rejoinBrokenLines([p('城西菜市场改造后重新开\n业，摊位整齐划一，市民\n买菜更方便了。', 1), p(h1.join('\n'), 5), p(h2.join('\n'), 8), p('本报讯（记者 李某）全市\n今年新建绿道一百二十公\n里，串起沿江公园。', 11)], 11);
      assert.deepEqual(out.slice(1, 3).map((b) => b.text), [h1.join(''), h2.join('')], JSON.stringify(out));
    }
  });
  it('never runs a column\'s text on across a blank line into lines that end no sentence over a story\'s byline or dateline, as wide and marked as they are', () => {
    // The column broke off mid-sentence at its foot; the next block is a headline with its commas, then the story's byline (or dateline) and text.
    for (const [text, head, opening, rest] of [
      [['本报讯（记者 张某）历时两', '年的城东老街改造工程今天全', '面完工，改造后的老街保留了', '青石板路和沿街老宅，共修缮', '老宅二十六栋，街巷整治后面'], ['全市新建绿道一百公里，', '沿线新设驿站十二处'], '本报记者 李某', ['今年全市新建绿道一百二', '十公里，串起沿江公园和老街', '巷，市民骑行散步有了好去处。']],
      [['新华社北京6月5日电（记者', '王某）今年夏粮丰收，各地收', '购点今天陆续开秤，小麦品质', '好于上年，粮食部门表示收购', '价格总体平稳，农民售粮比往'], ['铁路假期发送旅客创新高，', '加开列车三百多列'], '新华社北京6月5日电（记者赵某）', ['假期全国铁路发送旅客创历', '史新高，各地铁路部门加开旅', '客列车，车站秩序井然。']],
    ] as const) {
      const out = rejoinBrokenLines([p(text.join('\n'), 1), p([...head, opening, ...rest].join('\n'), 7)], 13);
      assert.ok(out.some((b) => b.text === head.join('')), JSON.stringify(out));
    }
  });
  it('keeps a brief\'s headline apart from the wider text under it, though as wide as the last line of the paragraph before it', () => {
    // A page of narrow columns (typical 18) with a wider one: the headline is as wide as the previous
    // paragraph's last line by chance, which tells nothing of the column's measure.
    for (const [before, brief] of [
      [['本报讯 城西菜市场改造后重新开业，摊位整齐划一，市民买菜', '更方便了，菜市场周边的交通也有改善。'], ['全市新建绿道一百二十公里串起沿江公园', '今年全市新建绿道一百二十公里，绿道沿线新设驿站十二处，', '市民骑行散步有了好去处，新建绿道受到市民欢迎。']],
      [['新华社北京6月5日电 假期全国铁路发送旅客创历史新高，各', '地铁路部门加开旅客列车三百多列。'], ['夏粮收购价格如何？记者走访多个收购点', '今年夏粮丰收，各地收购点今天陆续开秤，小麦品质好于上', '年，粮食部门表示收购价格总体平稳，农民售粮积极。']],
    ] as const) {
      const out = rejoinBrokenLines([p(before.join('\n'), 1), p(brief.join('\n'), before.length + 2)], 18);
      assert.deepEqual(out.map((b) => b.text), [before.join(''), brief[0], brief.slice(1).join('')]);
    }
  });
  it('runs a line on into a paragraph\'s last few characters set apart, ending its sentence: a word across the break or a particle', () => {
    const before = p('城东老街改造工程今天完工，沿街二十六栋老宅\n修缮一新，青石板路重新铺设，游人如织。', 1);
    const next = p('城西菜市场重新开业', 8);
    // A word across the break (经典案 / 例), the tail a block of its own after a blank line.
    const word = rejoinBrokenLines([before, p('老街改造工程是城市更新的经典案', 4), p('例。', 6), next], 20);
    assert.ok(word.some((b) => b.text === '老街改造工程是城市更新的经典案例。'), JSON.stringify(word));
    // A particle no sentence opens with (的公园。), in the same block or apart.
    for (const blocks of [[p('市民都说这是全市最受欢迎\n的公园。', 4)], [p('市民都说这是全市最受欢迎', 4), p('的公园。', 6)]]) {
      const out = rejoinBrokenLines([before, ...blocks, next], 20);
      assert.ok(out.some((b) => b.text === '市民都说这是全市最受欢迎的公园。'), JSON.stringify(out));
    }
  });
  it('runs a line left at a range\'s first end on across a blank line only into its other end, a number', () => {
    // pdftotext read a lead-in alone and a narrow box between the range's ends.
    for (const [last, alone] of [['区中东部等地气温下降了5～', '超过五万人次参与！'], ['各区从本月起先后开展第3至', '全市绿道建设成效显著']] as const) {
      const out = rejoinBrokenLines([p(`记者从市气象台获悉，本周全市风力加大，\n${last}`, 1), p(alone, 4), p('城东老街改\n造完工焕发\n新颜', 6), p('8℃，城西等地局地降幅达十度，\n各地气温普遍偏低。', 10)], 14);
      assert.equal(out[0]!.text.endsWith(last), true, JSON.stringify(out));
      assert.equal(out[1]!.text, alone, JSON.stringify(out));
    }
  });
  it('runs a line on into one that opens with a broken word\'s last character and a clause mark, or a Latin word\'s rest', () => {
    // pdf.js drops the indent of a paragraph's first line and spaces out a justified one: it is short.
    for (const [first, next] of [['25日降温重心在江', '淮、江南一带，降幅普遍都'], ['目前已有多个省', '市，正在加紧推进相关工作']] as const) {
      const out = rejoinBrokenLines([p(['这是上一段的最后一行。', first, next, '在十度以上，不少地方。'].join('\n'))], 12);
      assert.equal(out[1]?.text.startsWith(first + next), true, JSON.stringify(out));
    }
    // A Latin word or a number the break cut from the next (…3999 / 5G版…) runs on with its space.
    for (const [first, next] of [['起售价为3999', '5G版另加价五百元，'], ['发布会上展示了新款Mate', '30，售价五千元起，']] as const) {
      const out = rejoinBrokenLines([p(['这是上一段的最后一行。', first, next, '在十度以上，不少地方。'].join('\n'))], 12);
      assert.equal(out[1]?.text.startsWith(`${first} ${next}`), true, JSON.stringify(out));
    }
    // A range broken after its first end (6月1日至 / 15日…) runs on, however short the line.
    for (const [first, next] of [['6月1日至', '15日，沿江高速城区段夜间封闭'], ['每天上午9时至', '11时，城东老街车辆限行']] as const) {
      const out = rejoinBrokenLines([p(['这是上一段的最后一行。', first, next].join('\n'))], 24);
      assert.equal(out.at(-1)?.text, first + next, JSON.stringify(out));
    }
    // A numbered item opens a line of its own.
    const items = rejoinBrokenLines([p(['这是上一段的最后一行。', '主要任务有三项', '一、加快推进城市更新'].join('\n'))], 12);
    assert.equal(items.some((b) => b.text.startsWith('一、')), true, JSON.stringify(items));
  });
  it('measures a line as set, its punctuation squeezed, before calling the line after it wider', () => {
    // A narrow column, 10 to 12 characters a line; the first line of a paragraph lost its indent.
    const column = ['最近，城东一个快递小', '哥连升三级，从一个快递', '员被火线提拔为分公司经', '理。'];
    const after = ['除了公司，邮政部门和', '《城市晚报》对他也是夸', '赞有加。'];
    for (const [first, next, end] of [['在一家大型企业里坐', '“快车”，小王是少数中的少', '数。'], ['全市新增的绿道串起了', '“城市客厅”，市民骑行更加', '方便。']] as const) {
      const out = rejoinBrokenLines([p([...column, first, next, end, ...after].join('\n'))], 12);
      assert.equal(out[1]?.text, `${first}${next}${end}`, JSON.stringify(out));
    }
  });
  it('gives a headline back its last character, set on the line of the dateline under it', () => {
    for (const [head, tail, rest] of [['城东老街改造 一图看', '懂', '本报讯（记者黄某）城东老街改造今天完工，青石板路重新铺设。'], ['老街焕发新颜的领路', '人', '新华社成都8月13日电（记者叶某）最近，城东一家茶馆搬进了新街区。']] as const) {
      const out = rejoinBrokenLines([p([head, tail + rest].join('\n'))], 30);
      assert.deepEqual(out.map((b) => b.text), [head + tail, rest]);
    }
    // A dateline that opens with 据 keeps it.
    const wire = rejoinBrokenLines([p(['城市绿道串起沿江公园', '据新华社北京6月1日电 全市新增城市绿道一百二十公里。'].join('\n'))], 30);
    assert.deepEqual(wire.map((b) => b.text), ['城市绿道串起沿江公园', '据新华社北京6月1日电 全市新增城市绿道一百二十公里。']);
  });
  it('keeps a headline of phrases a space apart, after a paragraph\'s end, out of the text under it', () => {
    const end = '这是上一段的最后一行，到此结束。';
    for (const [head, text] of [['城西老街焕发新颜 夜市重新开张', '综合消息，近日，城西老街改造完工，'], ['城东老街焕新颜 游客人数创新高', '记者从区文旅局获悉，今年以来，城东']] as const) {
      const out = rejoinBrokenLines([p([end, head, text, '老街接待游客两百万人次。'].join('\n'))], 18);
      assert.deepEqual(out.map((b) => b.text).slice(0, 2), [end, head], JSON.stringify(out));
    }
    // Not a headline: the first line of a numbered item, a dateline, a headline wrapped on the next line.
    for (const first of ['第三条 各级行政机关依照本法', '据新华社北京6月1日电 全市新增', '城东老街改造 一图看懂老街']) {
      const next = first.startsWith('城东') ? '改造工程的全过程与意义' : '对所有公职人员，进行监督。';
      const out = rejoinBrokenLines([p([end, first, next, '这是下一行的文字。'].join('\n'))], 14);
      assert.equal(out[1]?.text.startsWith(first + next), true, JSON.stringify(out));
    }
  });
  it('ends the headline under a short exclamation before the first line of text', () => {
    const end = '这是上一段的最后一行。';
    // A narrow column as pdf.js gives it: the headline's lines as wide as the text's.
    for (const [lead, head, text] of [['五千人报名参加！', ['城东老街改造工程', '完成验收迎接游客'], '记者获悉，今年城东'], ['首批项目开工！', ['全市新建绿道一百公里'], '全市今年新建绿道一百二，']] as const) {
      const out = rejoinBrokenLines([p([end, lead, ...head, text, '十公里，市民骑行更方便。'].join('\n'))], 10);
      assert.deepEqual(out.map((b) => b.text).slice(1, 3), [lead, head.join('')], JSON.stringify(out));
    }
    // A headline that holds a comma goes on where its next line opens with a word's rest.
    const out = rejoinBrokenLines([p([end, '五千人报名参加！', '6月1日至15', '日，沿江高速', '夜间封闭！', '本报讯 记者从交通部门获悉。'].join('\n'))], 12);
    assert.equal(out[2]?.text, '6月1日至15日，沿江高速夜间封闭！', JSON.stringify(out));
  });
  it('reads a narrow box\'s line that opens with a number\'s rest and a mark as its line above goes on, not as an indented first line', () => {
    // The line is narrower than the two after it by a paragraph's indent, but its number and unit
    // and the mark after them are the rest of the line above (a number counts as one word).
    for (const lines of [['6月1日至', '15日，沿', '江高速城区', '至港口枢纽'], ['今年新增就业', '120万，城镇', '登记失业率保持', '总体平稳的态势']]) {
      const out = rejoinBrokenLines([p(['这是上一段的最后一行。', ...lines].join('\n')), p('本报讯 记者从有关部门获悉，全市今年以来。')], 12);
      assert.equal(out[1]?.text, lines.join(''), JSON.stringify(out));
    }
  });
  it('runs a narrow box\'s line on into its block\'s short last line, where the narrower line after stands in the next block', () => {
    // The box's lines apart, a blank line each (big type); its last two lines one block; the next
    // headline's lines after a blank line, as narrow as that last line.
    for (const [box, last, head] of [
      [['城东老街改造工', '程今天全面完工，', '沿街二十六栋老'], '宅修缮一新迎来\n众多的游客', '全市新建绿道一百\n公里串联公园绿地'],
      [['夏粮收购工作在', '全市各地全面展', '开，收购价格总'], '体保持平稳运行\n的良好态势', '城西菜市场改造\n完工重新开业'],
    ] as const) {
      const blocks = [...box.map((t, k) => p(t, 1 + 2 * k)), p(last, 9), p(`${head}\n本报讯（记者李某）记者从有关部门获悉，今年以来\n全市各项工作稳步推进。`, 12)];
      const out = rejoinBrokenLines(blocks, 24).map((b) => b.text);
      assert.ok(out.some((t) => t.endsWith(last.replace('\n', ''))), JSON.stringify(out));
    }
  });
  it('keeps a paragraph broken mid-sentence apart from a headline box across a blank line, whose lines hold a comma', () => {
    // The box's lines as wide as each other, its first with no mark, its second with a comma and no sentence's end.
    for (const [text, box, rest] of [
      ['本报讯（记者 李某）城西菜市场改造工程\n今天全面完工，二百多个摊位重新开张，\n市民买菜更加方便，市场还新设了便民', '全市新建绿道\n一百公里，串\n联公园绿地', '服务点和休息区。'],
      ['本报讯（记者 张某）今年以来，全市新增\n城市绿道一百二十公里，串联起沿江公园\n和老城街巷，市民骑行出游更加方便，沿', '夏粮收购开秤\n价格平稳，农\n民售粮积极性\n较高', '线设置驿站十二座。'],
    ] as const) {
      const out = rejoinBrokenLines([p(text, 1), p(box, 5), p(rest, 10)], 18).map((b) => b.text);
      assert.equal(out[0], text.replace(/\n/g, ''), JSON.stringify(out));
    }
  });
  it('opens a paragraph at another outlet\'s report marker under a headline\'s line, not inside running text', () => {
    for (const [head, text] of [['城东老街焕发新颜迎来八方游客', '某某晚报讯（记者王某）记者从区文旅局获悉，'], ['全市新建绿道一百公里', '某某网讯 记者从市园林局获悉，今年全市新建']] as const) {
      const out = rejoinBrokenLines([p(['这是上一段的最后一行。', head, text, '绿道一百公里。'].join('\n'))], 14);
      assert.deepEqual(out.map((b) => b.text).slice(1, 3), [head, `${text}绿道一百公里。`], JSON.stringify(out));
    }
    // After a dateline, or inside a sentence, a line opening like one is a word's rest (某某 / 网讯…), and
    // 通讯 is no outlet's name.
    for (const [first, next] of [['新华社北京6月1日电（记者王某）某', '某网讯 今年全市新建绿道一百'], ['城东老街今年全面升级了移动', '通讯网络，信号覆盖所有街巷，']] as const) {
      const out = rejoinBrokenLines([p(['这是上一段的最后一行。', first, next, '绿道一百公里。'].join('\n'))], 14);
      assert.equal(out[1]?.text.startsWith(first + next), true, JSON.stringify(out));
    }
  });
  it('gives a narrow box\'s last character back from a letter-spaced dateline cut short or from a sentence opening with a mark', () => {
    // The dateline letter-spaced and cut at the line's end: 客据 新 华 社 北 京 3 月 23 / 日电…
    const wire = rejoinBrokenLines([p(['城东老街', '焕发新颜迎', '八方来', '客据 新 华 社 北 京 3 月 23', '日电 本月以来，城东老街接待游客两百万人次。'].join('\n'))], 12);
    assert.ok(wire.some((b) => b.text.endsWith('八方来客')), JSON.stringify(wire));
    assert.ok(wire.some((b) => b.text.startsWith('据新华社北京3月23日电')), JSON.stringify(wire));
    // A box over a text opening with a title mark: 保 护 条 / 例《城市绿道保护条例》是…
    const law = rejoinBrokenLines([p(['城 市 绿', '道 保 护', '条 例 实', '施《 城 市 绿 道 保 护 条 例', '实施》是为了推进全面依', '法治市而制定的办法。'].join('\n'))], 12);
    assert.ok(law.some((b) => b.text.replace(/\s/g, '').endsWith('条例实施')), JSON.stringify(law));
    // Text that breaks before a title mark keeps its first character: the line above is as wide as it.
    const text = rejoinBrokenLines([p(['市人大常委会会议表决通', '过《城市绿道保护条例实施', '办法》，这是一部重要的法规。'].join('\n'))], 12);
    assert.ok(text.some((b) => b.text.includes('表决通过《城市绿道保护条例实施办法》')), JSON.stringify(text));
  });
  it('runs a line under a lead-in on into the next when the next opens inside its word: a column read after the lead-in, no headline', () => {
    for (const [first, second] of [
      ['着打开城东老街新面貌的钥', '匙，是改造工程的关键一环。'],
      ['市民骑行散步有了新的去', '处，绿道串起沿江公园。'],
    ] as const) {
      const out = rejoinBrokenLines([p('城东老街见闻——', 1), p([first, second, '沿街二十六栋老宅修缮一新。'].join('\n'), 3)], 12);
      assert.ok(out.some((b) => b.text.startsWith(first + second)), JSON.stringify(out));
    }
  });
  it('never runs a column\'s last line on into a narrower headline box after it', () => {
    const column = ['活动中，志愿者们以人员集', '中的广场为宣传阵地，通过设置', '宣传展台，摆放宣传展板，分发'];
    for (const box of [['全市新建绿', '道一百公里 串', '起沿江公园'], ['城东老街焕', '发新颜 迎来', '八方游客']]) {
      const out = rejoinBrokenLines([p(column.join('\n'), 1), p(box.join('\n'), 5), p('本报记者 王某', 9)], 14);
      assert.ok(out.some((b) => b.text.startsWith(box[0]!)), JSON.stringify(out));
    }
    // A narrower column of text after it, with its clause marks, is where the text goes on.
    const out = rejoinBrokenLines([p(column.join('\n'), 1), p(['宣传资料，向群', '众讲解金融知', '识，效果良好。'].join('\n'), 5)], 14);
    assert.ok(out[0]?.text.includes('分发宣传资料'), JSON.stringify(out));
  });
  it('never runs a column\'s line on across a blank line into a clearly wider line: a headline over the next story', () => {
    const column = ['知识，现场解答客户对相关', '专业问题，了解市民对金融', '产品知识的需求，提高客户'];
    for (const head of ['城东老街焕发新颜 游客人数今年创下历史新高', '小学生放学途中迷路 写下求助纸条引来民警']) {
      const out = rejoinBrokenLines([p(column.join('\n'), 1), p(head, 5), p('新华社杭州5月16日电（记者王某）在城东派出所，', 7)], 13);
      assert.ok(out.some((b) => b.text === head), JSON.stringify(out));
    }
    // Inside one block a line runs on as ever (a narrow column's line, then its paragraph's next).
    const one = rejoinBrokenLines([p([...column, '的金融素养和风险防范意识，效果良好。'].join('\n'), 1)], 13);
    assert.equal(one.length, 1, JSON.stringify(one));
  });
  it('never runs a column\'s text on across a blank line into another story\'s, which shares none of its words', () => {
    // The column broke off mid-sentence at its foot; the extractor read on in another story's column, on the same measure.
    for (const [typical, column, other] of [
      [13, ['城东老街改造工程今天全面完', '工，改造后的老街保留了青石', '板路和沿街老宅，共修缮老宅', '二十六栋，街巷整治后沿街商'], ['今年夏粮丰收，各地收购点今', '天陆续开秤，小麦品质好于上', '年，粮食部门表示收购价格总', '体平稳，农民售粮比往年顺利。']],
      [18, ['全市今年新建绿道一百二十公里，串起沿', '江公园和老街巷，市民骑行散步有了好去', '处，沿线还新设驿站十二处，供骑行的市'], ['假期全国铁路发送旅客创历史新高，各地', '铁路部门加开旅客列车三百多列，车站秩', '序井然，旅客出行总体平稳有序。']],
    ] as const) {
      const out = rejoinBrokenLines([p(column.join('\n'), 1), p(other.join('\n'), 6)], typical);
      assert.deepEqual(out.map((b) => b.text), [column.join(''), other.join('')], JSON.stringify(out));
    }
    // The column's own rest, repeating its words, goes on across the blank line as ever.
    const column = ['城东老街改造工程今天全面完', '工，改造后的老街保留了青石', '板路和沿街老宅，共修缮老宅', '二十六栋，街巷整治后，老街'];
    const rest = ['沿街商户陆续开门迎客，改造', '工程历时两年，沿街老宅修缮', '后焕然一新，吸引市民游览。'];
    const out = rejoinBrokenLines([p(column.join('\n'), 1), p(rest.join('\n'), 6)], 13);
    assert.deepEqual(out.map((b) => b.text), [[...column, ...rest].join('')], JSON.stringify(out));
    // No word runs across the break: the join is a seam, where split may weigh the rest in its story.
    assert.deepEqual(out[0]?.seams, [column.join('').length]);
    // A line left at a number goes on with its unit, one left at a colon with what is said, whatever their words.
    for (const [left, rest] of [
      [['城东老街改造工程今天全面完', '工，改造后的老街保留了青石', '板路和沿街老宅，开街首日接', '待游客人数首日就达到了1200'], ['余人次，随后几天里来此参观', '的市民络绎不绝，周边停车场', '一位难求，交警部门增派警力', '疏导交通，确保秩序井然。']],
      [['全市今年新建绿道一百二十公', '里，串起沿江公园和老街巷，', '滨江一带的绿道全部贯通。市', '园林部门的一位负责人表示：'], ['“明年还要再建八十多公里，', '让更多市民骑着单车就能到达', '城郊的森林公园与湿地，周末', '出游又多了一个好去处。”']],
    ] as const) {
      const joined = rejoinBrokenLines([p(left.join('\n'), 1), p(rest.join('\n'), 6)], 13);
      assert.equal(joined.length, 1, JSON.stringify(joined));
    }
  });
  it('ends a paragraph at a photo credit', () => {
    const out = rejoinBrokenLines([p('当地时间10月23日上午，金砖国家领导人集体合影。 新华社记者 李学仁 摄\n当地时间10月23日上午，金砖国家领导人第十六次会')], 30);
    assert.equal(out.length, 2);
  });
});

describe('sideHeadline', () => {
  const cases: [string, string, { headline: string; text: string } | null][] = [
    ['a headline before a wire dateline', '城东老街焕发新颜 新华社北京6月1日电（记者王某）今年以来，', { headline: '城东老街焕发新颜', text: '新华社北京6月1日电（记者王某）今年以来，' }],
    ['a headline of two phrases before an own report', '全市绿道串起沿江公园 方便骑行 本报讯（记者李某）本月以来', { headline: '全市绿道串起沿江公园 方便骑行', text: '本报讯（记者李某）本月以来' }],
    ['a dateline before another outlet\'s marker is the text', '据新华社成都9月12日电 某某科技讯 北京时间9月11日凌晨消息', null],
    ['text with clause marks before a dateline', '据了解，今年 新华社北京6月1日电', null],
    ['no dateline after the space', '城东老街焕发新颜 游客人数创新高', null],
    ['too short to be a headline', '图 新华社北京6月1日电', null],
  ];
  for (const [name, line, want] of cases) it(name, () => assert.deepEqual(sideHeadline(line), want));
});

describe('sideCaption', () => {
  const cases: [string, string, { text: string; caption: string } | null][] = [
    ['a sentence\'s end, then a caption and its credit', '老街修缮后重新开放。 游客在景区游览。本报记者 张某 摄', { text: '老街修缮后重新开放。', caption: '游客在景区游览。本报记者 张某 摄' }],
    ['a quotation\'s end, then a credit\'s caption', '他说：“今年还要再建一条。” 图为施工现场。新华社记者 李某 摄', { text: '他说：“今年还要再建一条。”', caption: '图为施工现场。新华社记者 李某 摄' }],
    ['a whole caption alone', '游客在景区游览。本报记者 张某 摄', null],
    ['text that ends no sentence before the caption', '沿街老宅修缮一新 游客在景区游览。本报记者 张某 摄', null],
    ['no credit at the end', '老街修缮后重新开放。 游客人数创新高。', null],
  ];
  for (const [name, line, want] of cases) it(name, () => assert.deepEqual(sideCaption(line), want));
  it('keeps the text line a pdf.js page printed with a caption beside it', () => {
    const reporter = new Reporter('page.txt');
    const text = ['城东老街改造工程今天完工，沿街二十六栋老宅', '修缮一新。 游客在景区游览。本报记者 张某 摄', '青石板路重新铺设，周末游人如织。'].join('\n');
    const out = clean({ relPath: 'page.txt', format: 'text', layout: 'lines', meta: {}, blocks: [{ kind: 'paragraph', text, line: 1 }] }, reporter);
    assert.ok(out.blocks.some((b) => b.text.includes('修缮一新。') && !b.text.includes('摄')), JSON.stringify(out.blocks));
    assert.ok(out.blocks.some((b) => b.text === '游客在景区游览。本报记者 张某 摄'), JSON.stringify(out.blocks));
  });
  it('cuts the caption off the text once the lines are joined, where a line break cut off its credit', () => {
    // A narrow column as pdf.js gives it: the caption beside the paragraph's last line, its credit's last characters on the next.
    for (const [end, caption, rest] of [['新的打卡地。', '游客在景区游览。本报记者 高志', '斌 摄'], ['好去处。', '图为施工现场。新华社记者 李', '明 摄']] as const) {
      const lines = ['据新华社某地4月17日', '电 城东老街改造工程今天', '完工，沿街二十六栋老宅修', '缮一新，青石板路重新铺设，', '老街的茶馆和书店陆续开张，', `周末游人如织，成为${end} ${caption}`, rest, '那天上午，老街的商户们早', '早开了门，迎接第一批游客。'];
      const out = clean({ relPath: 'page.txt', format: 'text', layout: 'lines', meta: {}, blocks: [{ kind: 'paragraph', text: lines.join('\n'), line: 1 }] }, new Reporter('page.txt'));
      assert.ok(out.blocks.some((b) => b.kind === 'paragraph' && b.text.endsWith(`成为${end}`)), JSON.stringify(out.blocks));
      assert.ok(out.blocks.some((b) => b.kind === 'caption' && b.text.startsWith(caption.slice(0, 6))), JSON.stringify(out.blocks));
    }
  });
});

describe('detectScript', () => {
  const cases: [string, 'simplified' | 'traditional'][] = [
    ['習近平主席出席金磚國家工商論壇開幕式，並發表重要講話。', 'traditional'],
    ['习近平主席出席金砖国家工商论坛开幕式，并发表重要讲话。', 'simplified'],
    ['这项研究成果显著，著作等身。', 'simplified'],
    ['English only text', 'simplified'],
  ];
  for (const [text, script] of cases) it(`reads "${text.slice(0, 10)}" as ${script}`, () => assert.equal(detectScript(text), script));
});

describe('repairMojibake', () => {
  const cases: [string, string, string][] = [
    ['a GBK run read one byte out of step, back in step at an ASCII byte', '检测?!皵底粥l村”让农产品走出大山。', '检测“數字鄉村”让农产品走出大山。'],
    ['the sample shape: a full stop lost, a quote made half-width', '“云合影”?!霸坪嫌啊币蕴厥獾姆绞接涗浵陆鸫u伙伴', '“云合影”“云合影”以特殊的方式記錄下金磚伙伴'],
    ['a real question mark before Chinese text', '真的吗?我们走吧', '真的吗?我们走吧'],
    ['a real question mark before Latin text', '你好?ABC是英文', '你好?ABC是英文'],
    ['a question mark before words, Latin inside them', 'Blog Worth?看看你的BLOG值多少钱', 'Blog Worth?看看你的BLOG值多少钱'],
    ['a question mark before a closing bracket', '《性+暴力=?》Against', '《性+暴力=?》Against'],
    ['page script with a conditional', '")>-1)?"MSIE"', '")>-1)?"MSIE"'],
    ['a Traditional sentence after a question', '為什麼?這個問題很重要', '為什麼?這個問題很重要'],
  ];
  for (const [name, input, expected] of cases) it(`handles ${name}`, () => assert.equal(repairMojibake(input).text, expected));
});

describe('stripInlinePinyin', () => {
  const cases: [string, string][] = [
    ['學(xué)習關(guān)鍵詞', '學習關鍵詞'],
    ['會(huì )晤', '會晤'],
    ['发(fa1)展', '发展'],
    ['世界卫生组织(WHO)认证', '世界卫生组织(WHO)认证'],
    ['增长(同比)了', '增长(同比)了'],
  ];
  for (const [input, expected] of cases) it(`turns ${input} into ${expected}`, () => assert.equal(stripInlinePinyin(input), expected));
});

describe('furnitureRule', () => {
  const cases: [string, string | null][] = [
    ['扫码下载齐鲁壹点', 'furniture/app-promo'],
    ['编辑:于梅君 美编:马秀霞 组版:颜莉', 'furniture/print-credits'],
    ['总监制丨钱蔚 王姗姗', 'furniture/site-credits'],
    ['- 2025年07月01日 22:08:32', 'furniture/timestamp'],
    ['国内新闻精选:', 'furniture/site-nav'],
    ['首页 > 新闻 > 国内', 'furniture/breadcrumb'],
    ['当前位置：首页 » 财经频道 » 正文', 'furniture/breadcrumb'],
    ['首页 新闻 体育 财经 娱乐 科技', 'furniture/navigation'],
    ['首页 | 要闻 | 经济 | 社会 | 图片', 'furniture/navigation'],
    ['（原标题：单项奖金百万，获奖者什么来头？）', 'furniture/original-title'],
    ['图片来自网络，如有侵权，请联系删除。', 'furniture/notice'],
    ['“2018十大经济年度人物评选”火热进行中！【点击投票】', 'furniture/call-to-action'],
    ['股价从5元涨到8元，涨幅超过50%。', null],
    ['北京 上海 广州 深圳等城市出台新政。', null],
    ['埃 及 总 统 塞 西 印 度 总 理 莫 迪', null],
    ['编辑部的同志们认真讨论了这个问题。', null],
    ['2025年7月1日，全国统计数据发布。', null],
  ];
  for (const [line, rule] of cases) it(`reads "${line}" as ${rule ?? 'text'}`, () => assert.equal(furnitureRule(line), rule));
});

describe('clean reports', () => {
  it('reports each firing of a rule once, with the line it fired on', () => {
    const reporter = new Reporter('counts.txt');
    const blocks: Block[] = [
      { kind: 'paragraph', text: '學(xué)習關(guān)鍵詞，会(huì)晤。', line: 1 },
      { kind: 'paragraph', text: '扫码下载某某客户端', line: 3 },
      { kind: 'paragraph', text: '第一行正文。\n發(fā)展成果显著。', line: 5 },
    ];
    clean({ relPath: 'counts.txt', format: 'text', layout: 'lines', meta: {}, blocks }, reporter);
    const placed = (rule: string) => reporter.messages.filter((m) => m.rule === rule).map((m) => m.place);
    assert.deepEqual(placed('clean/inline-pinyin'), ['1:1', '6:1']);
    assert.deepEqual(placed('furniture/app-promo'), ['3:1']);
  });

  it('places the firings of an HTML block by its element path', () => {
    const reporter = new Reporter('page.html');
    const blocks: Block[] = [{ kind: 'paragraph', text: '分享到：', line: 0, place: 'div[1]/p[3]' }, { kind: 'paragraph', text: '正文第一段。', line: 0, place: 'div[1]/p[4]' }];
    const out = clean({ relPath: 'page.html', format: 'html', layout: 'flow', meta: {}, blocks }, reporter);
    assert.deepEqual(out.blocks.map((b) => b.text), ['正文第一段。']);
    assert.deepEqual(reporter.messages.filter((m) => m.rule === 'furniture/share').map((m) => m.place), ['div[1]/p[3]']);
  });

  it('declares its rules in order, each with an id and what it handles', () => {
    const ids = [...REPAIR_RULES, ...TIDY_RULES].map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok([...REPAIR_RULES, ...TIDY_RULES].every((r) => r.handles.length > 0));
    assert.ok(ids.indexOf('clean/mojibake') < ids.indexOf('clean/inline-pinyin'), 'mojibake is repaired before pinyin is stripped');
  });
});

describe('clean on newspaper page text', () => {
  const page = (text: string) => {
    const reporter = new Reporter('page.txt');
    const blocks: Block[] = text.split('\n\n').map((t, i) => ({ kind: 'paragraph', text: t, line: i * 10 + 1 }));
    return { out: clean({ relPath: 'page.txt', format: 'text', layout: 'lines', meta: {}, blocks }, reporter), reporter };
  };
  const COLUMN = ['受委托，今天由我来向大家通报有关', '情况。本月以来全市新增城市绿道', '一百二十公里，串联起沿江公园和', '老城街巷，沿线新建驿站十二座，', '配套停车位三百余个，方便市民骑', '行和步行。'];

  it('reads a masthead split over several lines, wherever it stands, as the page\'s paper and date', () => {
    const { out } = page(['江 城 时 报', '2020年7月3日 星期五\n第1版 今日9版\n国内统一连续出版物号 CN 25-0098', COLUMN.join('\n')].join('\n\n'));
    assert.equal(out.meta.masthead, '江城时报');
    assert.equal(out.meta.date, '2020-07-03');
    assert.deepEqual(out.blocks.map((b) => b.text), [COLUMN.join('')]);
  });
  it('runs a column\'s first lines, letter-spaced to its measure, on into its text: no tag over a headline', () => {
    // A column of a laid-out page (pdftotext -layout) opening a paragraph: its first short lines,
    // with no mark, spaced out to the column as justified lines of few characters are.
    for (const column of [
      ['城 东 新 区 首 批 5G', '基 站 今 年 建 成 投', '用 ， 覆 盖 全 区 主', '要道路，居民出行可', '随时上网。'],
      ['沿 江 绿 道 二 期 工 程', '全 线 贯 通 串 起 老 城', '街 巷 ， 沿 线 新 建 驿', '站十二座，方便市民', '骑行和步行。'],
    ]) {
      const { out } = page(['上一篇报道写到这里结束。', column.join('\n')].join('\n\n'));
      assert.deepEqual(out.blocks.map((b) => b.text), ['上一篇报道写到这里结束。', column.join('').replace(/ (?=[\u4e00-\u9fff，])|(?<=[\u4e00-\u9fff，]) /g, '')]);
    }
  });
  it('does not run text broken off at a column\'s foot into the next story\'s headline over its dateline', () => {
    const text = ['今年以来全市新建绿道一百二十公里，串起沿江公园和老街巷，市民骑行散步有了好去处，', '周末游人如织，沿线新建驿站十二座，配套停车位三百余个，带动沿线商户'];
    for (const [head, opening] of [
      // (Two lines as wide as each other and no mark are a box the narrow-run rule already keeps apart.)
      [['城东老街改造工程今天全面完工焕发新颜', '百年老宅迎客'], '本报讯（记者 张某）城东老街改造工程今天完工，沿街老宅修缮一新。'],
      [['铁路客运量创历史新高，假期发送旅客', '一点二亿人次'], '本报记者 李某\n假期全国铁路发送旅客创历史新高。'],
      // A narrow box of four lines (a side headline wrapped), one spaced out to its measure.
      [['城西菜市场改造提升，全', '新摊位', '今 天 启 用 市 民 买 菜', '更方便'], '新华社武汉6月1日电（记者王某）城西菜市场改造提升工程今天完工。'],
      [['全市新建绿道一百二十', '公里串起沿江', '公园和老城', '街巷'], '本报讯（记者 刘洋）全市今年新建绿道一百二十公里。'],
    ] as const) {
      const { out } = page([text.join('\n'), [...head, opening].join('\n')].join('\n\n'));
      assert.equal(out.blocks[0]!.text, text.join(''), JSON.stringify(out.blocks));
      assert.ok(out.blocks.slice(1).some((b) => b.text.startsWith(head[0])), JSON.stringify(out.blocks));
    }
  });
  it('does not run text into a photo\'s caption, and runs the column\'s rest past it into the text', () => {
    // pdftotext reads a column to where a photo cuts it, then the caption, then the column's rest.
    const column = ['今年以来全市新建绿道一百二十公里，串起沿', '江公园和老街巷，沿线新建驿站十二座，配套', '停车位三百余个，方便市民骑行和步行，这是城东'];
    // (The rest of two lines: its second line goes where its first went, not into the caption.)
    for (const [caption, rest] of [['游客在修缮一新的老街上参观\n新华社记者 李某 摄', '老街的第二次改造，沿街二十六栋老宅修缮一新，青石\n板路重新铺设，周末游人如织。'], ['市民在活动现场参观。通讯员 张\n某某 摄', '新区建成的第一条绿道。']] as const) {
      const { out } = page([column.join('\n'), caption, rest].join('\n\n'));
      assert.equal(out.blocks[0]!.text, column.join('') + rest.replace('\n', ''), JSON.stringify(out.blocks));
      assert.ok(out.blocks.slice(1).every((b) => !b.text.includes(rest.slice(0, 5)) && !b.text.includes('周末')) && out.blocks.some((b) => b.text.endsWith('摄')), JSON.stringify(out.blocks));
    }
  });
  it('drops a running header and a staff foot inside a block, splitting it there', () => {
    const { out } = page(['海滨晚报 第3版 经济 7月3日 星期五', ...COLUMN, '责任编辑：张三 美编：李四 校对：王五'].join('\n'));
    assert.equal(out.meta.masthead, '海滨晚报');
    assert.equal(out.meta.date, undefined, 'a header without the year states no date');
    assert.deepEqual(out.blocks.map((b) => b.text), [COLUMN.join('')]);
  });
  it('drops an advertisement\'s notice that a narrow box broke over two or three lines', () => {
    for (const notice of [['某某公司遗失公章一枚，声', '明作废。'], ['本单位遗失营业执照副本，特', '此声明。'], ['某某公司遗失公', '章一枚，声明作', '废。'], ['某某公司遗失公章一枚，', '声明作废。']]) {
      const { out } = page([...COLUMN, '广告', '遗失声明', ...notice, '本报讯 今年夏粮收购工作日前全面展开，各地收购点陆续开秤。'].join('\n'));
      assert.deepEqual(out.blocks.map((b) => b.text), [COLUMN.join(''), '本报讯 今年夏粮收购工作日前全面展开，各地收购点陆续开秤。']);
    }
  });
  it('drops a folio (page number and section) beside the running header an extractor cut it from', () => {
    for (const [folio, head] of [['3 民生', '2020.3.28 星期六'], ['要闻 4', '责编 张三 美编 李四']] as const) {
      const { out } = page([folio, head, COLUMN.join('\n')].join('\n\n'));
      assert.deepEqual(out.blocks.map((b) => b.text), [COLUMN.join('')]);
    }
    // Away from a page head, such a line is left to the text.
    const { out } = page([COLUMN.join('\n'), '3 民生', COLUMN.join('\n')].join('\n\n'));
    assert.ok(out.blocks.some((b) => b.text === '3民生'), JSON.stringify(out.blocks));
  });
  it('drops an advertisement: its marker, display lines and contact lines, up to running text', () => {
    const { out } = page([...COLUMN, '广告', '诚聘', '销售经理 若干名', '联系电话：0531-8519 3888', '本报讯 今年夏粮收购工作日前全面展开，各地收购点陆续开秤。'].join('\n\n'));
    assert.deepEqual(out.blocks.map((b) => b.text), [COLUMN.join(''), '本报讯 今年夏粮收购工作日前全面展开，各地收购点陆续开秤。']);
  });
  it('ends an advertisement at its contact lines: across a blank line, a label or a headline is the page\'s', () => {
    const story = '本报讯 今年夏粮收购工作日前全面展开，各地收购点陆续开秤。';
    for (const [ad, kept] of [
      [['广告', '诚聘', '销售经理 若干名', '联系电话：0531-8519 3888'], ['关注', '城东老街改造工程今天全面完工']],
      [['广告\n盛大开业\n全场商品八折起\n地址：城东路18号\n欢迎惠顾'], ['全市新建绿道一百二十公里']],
      // A notice read across its breaks closes as a contact line does.
      [['广告', '遗失声明\n某某公司遗失公\n章一枚，声明作\n废。'], ['第四条 城东新区\n管委会负责新区建设']],
    ] as const) {
      const { out } = page([...COLUMN, ...ad, ...kept, story].join('\n\n'));
      const texts = out.blocks.map((b) => b.text);
      assert.equal(texts[0], COLUMN.join(''));
      assert.equal(texts.at(-1), story);
      // What the page set after the advertisement is kept, line by line; the advertisement is not.
      assert.deepEqual(texts.slice(1, -1).join('\n').split('\n').join(''), kept.join('').replace(/\n/g, ''), JSON.stringify(texts));
    }
  });
  it('ends an advertisement at a line that opens an article', () => {
    // pdftotext reads an advertisement's marker, then the next story, its dateline broken short.
    for (const opening of [['本报讯（记者 张某', '李某）今年夏粮收购工作日', '前全面展开，各地收购点陆续开秤。'], ['新华社北京6月1日电', '（记者王某）全市新建绿道', '一百二十公里，串起沿江公园。']]) {
      const { out } = page([...COLUMN, '广告', opening.join('\n')].join('\n\n'));
      assert.ok(out.blocks.some((b) => b.text.startsWith(opening[0]!)), JSON.stringify(out.blocks));
    }
  });
  it('drops an advertisement by its own shape, its marker read elsewhere: display lines closing with contact or notice copy', () => {
    // pdftotext reads an advertisement's marker inside a column's text and its copy elsewhere, a block of its own.
    const story = '本报讯 今年夏粮收购工作日前全面展开，各地收购点陆续开秤。';
    for (const ad of ['诚聘\n外卖骑手 若干名\n联系电话：0551-6288 1234', '遗失声明\n城东某商行遗失营\n业执照正本，声明作\n废。']) {
      const { out } = page([COLUMN.join('\n'), ad, story].join('\n\n'));
      assert.deepEqual(out.blocks.map((b) => b.text), [COLUMN.join(''), story]);
    }
    // -layout read a blank row inside the advertisement: its copy goes on in the next block.
    for (const ad of ['诚聘\n外卖骑手 若干名\n\n联系电话：0551-6288 1234', '遗失声明\n城东某商行遗失营\n\n业执照正本，声明作\n废。']) {
      const { out } = page([COLUMN.join('\n'), ad, story].join('\n\n'));
      assert.deepEqual(out.blocks.map((b) => b.text), [COLUMN.join(''), story]);
    }
    // pdftotext read each line of the advertisement apart: a contact line alone in its block is no story's.
    for (const contact of ['订报热线：0551-6288', '咨询电话：0551-6288 1234']) {
      const { out } = page([COLUMN.join('\n'), contact, story].join('\n\n'));
      assert.deepEqual(out.blocks.map((b) => b.text), [COLUMN.join(''), story]);
    }
    // A story's last lines with its hotline, or a headline over a story, are no advertisement.
    for (const kept of ['本报讯 城东社区便民服务点今天开门。\n咨询电话：0551-6288 1234', '城东老街改造完工\n夏粮收购开秤价格平稳']) {
      const { out } = page([COLUMN.join('\n'), kept, story].join('\n\n'));
      assert.ok(out.blocks.some((b) => b.text.includes(kept.split('\n')[0]!)), JSON.stringify(out.blocks));
    }
  });
  it('runs a narrow column\'s short paragraph on, where the page\'s other columns are wider', () => {
    // An indented first line, one full line, a short last: no run of equal widths to read, and the
    // page's typical line is the wide columns'. The narrow column's next paragraph sets its measure.
    const WIDE = ['全市今年新建城市绿道一百二十公里，串联起沿江公园和老城街巷，沿线新建驿站', '十二座，配套停车位三百余个，方便市民骑行和步行，也带动了沿线商户的生意。', '据介绍，明年还将继续推进绿道建设，力争实现城区主要公园全部连通起来。'];
    const NEXT = ['在一条老街上开了三十年茶', '馆，他说这是头一回见到这么', '多年轻人来喝茶，店里的座位', '常常不够用。'];
    for (const lines of [
      ['最近，城东一家老字号茶', '馆搬进了新街区，从一个小门面', '变成两层楼。'],
      ['据商户们介绍，这条老街', '上的商户、游客比去年多了一', '倍以上。'],
    ]) {
      const { out } = page([...WIDE, '老街焕发新生机 百年茶馆搬进新街区', ...lines, ...NEXT].join('\n'));
      assert.ok(out.blocks.some((b) => b.text.startsWith(lines.join(''))), JSON.stringify(out.blocks));
    }
  });
  it('marks the text right after the page\'s foot dropped between text, not after the page\'s head', () => {
    const after = (text: string) => page(text).out.blocks.filter((b) => b.afterFurniture).map((b) => b.text);
    const rest = '老宅修缮后的城东老街开起了茶馆和书店。';
    // A staff line, then an advertisement, between a column's text and another column's rest.
    assert.deepEqual(after([COLUMN.join('\n'), '责任编辑：张三 美编：李四 校对：王五', rest].join('\n\n')), [rest]);
    assert.deepEqual(after([COLUMN.join('\n'), ['广告', '盛大开业', '全场商品八折起'].join('\n'), rest].join('\n\n')), [rest]);
    // The masthead over the page's first text is no furniture between text.
    assert.deepEqual(after(['江 城 时 报', '2020年7月3日 星期五\n第1版 今日9版', COLUMN.join('\n'), rest].join('\n\n')), []);
  });
  it('ends an advertisement\'s copy at a short line broken after a clause mark: running text of another column', () => {
    // Short lines with no mark inside read as display copy; the break after a comma or a 、 does not.
    for (const [ad, rest] of [
      [['广告', '欢迎订阅', '邮发代号 23-1'], ['老街改造完成以后，', '商户陆续回迁。']],
      [['广告', '盛大开业', '全场商品八折起'], ['全市新建驿站十二座、', '停车位三百余个']],
    ] as const) {
      const { out } = page([COLUMN.join('\n'), ad.join('\n'), rest.join('\n')].join('\n\n'));
      assert.equal(out.blocks.map((b) => b.text).join(''), COLUMN.join('') + rest.join(''), 'the text after the copy is kept whole');
    }
  });
  it('keeps a letter-spaced jump note as a jump, and runs the rest of its line on into the next', () => {
    const { out } = page(['绿道串起城市生活', '（ 上 接 第 1 版 ） 红 石 滩 景 点 位 于 景 区 海 拔 最 高', ...COLUMN].join('\n'));
    assert.deepEqual(out.blocks.map((b) => [b.kind, b.text]), [
      ['paragraph', '绿道串起城市生活'],
      ['jump', '（上接第1版）'],
      ['paragraph', `红石滩景点位于景区海拔最高${COLUMN.join('')}`],
    ]);
  });
  it('keeps a subtitle and a lead-in on their own lines where no blank line sets them apart', () => {
    const { out } = page(['前三季度主要经济指标稳中向好——', '全市新增城市绿道一百二十公里串起沿江公园', '——记者走访多地一线', ...COLUMN].join('\n'));
    assert.deepEqual(out.blocks.map((b) => b.text), ['前三季度主要经济指标稳中向好——', '全市新增城市绿道一百二十公里串起沿江公园', '——记者走访多地一线', COLUMN.join('')]);
    // Running text broken at a dash is joined as ever.
    const text = page([...COLUMN.slice(0, 3), '老城街巷，国内还有一次重要的任务——', '绿道五号线，它是全市绿道工程的收官之作。'].join('\n')).out;
    assert.ok(text.blocks.some((b) => b.text.includes('重要的任务——绿道五号线')), JSON.stringify(text.blocks));
  });
  it('joins the lines of a narrow column on a page of wide ones, and stops at a headline over it', () => {
    const narrow = ['城东老街的一些老宅', '经过修缮焕发了新颜', '今天，来自八个社区', '的居民和游客参观了', '这些百年老建筑。'];
    const { out } = page([...COLUMN, '全市新增城市绿道一百二十公里串起沿江公园', ...narrow].join('\n'));
    assert.deepEqual(out.blocks.map((b) => b.text), [COLUMN.join(''), '全市新增城市绿道一百二十公里串起沿江公园', narrow.join('')]);
  });
  it('stops a wide line with clause marks over a narrower column whose first line is set in', () => {
    const narrow = ['这几天，城东老街一带', '几十户居民家停水停电的', '消息在朋友圈传得沸沸扬', '扬，引起了网友的关注。'];
    // A page of narrow columns, as pdf.js gives one: the headline set over two of them.
    const before = ['受委托，今天由我来向大', '家通报有关情况。本月以', '来全市新增城市绿道一百', '二十公里，串联起沿江公', '园和老城街巷，方便骑行。'];
    for (const head of ['城东老街停水一整天，居民生活受影响，部门回应', '全市新增绿道一百公里，串起沿江公园，方便骑行']) {
      const { out } = page([...before, head, ...narrow].join('\n'));
      assert.deepEqual(out.blocks.map((b) => b.text).slice(-2), [head, narrow.join('')], JSON.stringify(out.blocks));
    }
    // A caption's credit cut off after the name is no column's first line: the caption runs on.
    const { out } = page([...before, '市民在活动现场参观游览。本报记者 王', '某 摄', ...narrow].join('\n'));
    assert.ok(out.blocks.some((b) => b.text.replace(/\s/g, '') === '市民在活动现场参观游览。本报记者王某摄'), JSON.stringify(out.blocks));
  });
  it('runs a paragraph\'s first line spaced out to its measure on, though collapsed it is narrower than the next', () => {
    // A narrow column as pdf.js gives it, the first line of the second paragraph spaced out.
    const narrow = ['页面上新设的四个“城市', '客厅”则显示为老街商', '铺。'];
    for (const [spaced, rest] of [['街 道 方 面 表 示 ， 为', ['了达成“全年最高量”，街', '道在商家端采用“零', '租金”政策。']], ['城 东 方 面 透 露 ， 为', ['了打造“城市会客厅”，城', '东在老街推出“免费', '讲解”服务。']]] as const) {
      const first = spaced.replace(/ /g, '');
      // A line of nothing but spaces at the block's edge (a page's last, as an extractor leaves it)
      // is tidied away with its width: the widths as set stay one to one with the lines.
      for (const lines of [[...narrow, spaced, ...rest], [...narrow, spaced, ...rest, '   '], ['  ', ...narrow, spaced, ...rest]]) {
        const { out } = page(lines.join('\n'));
        assert.ok(out.blocks.some((b) => b.text === first + rest.join('')), JSON.stringify(out.blocks));
      }
    }
  });
  it('runs a line spaced out inside a paragraph on, the word after it too long for its measure', () => {
    // The line above set tight runs into it mid-sentence; the next line opens with a number or a Latin word.
    for (const [tight, spaced, last] of [[['会议同意国务院提出的议案，决定：', '批准发行城市更新专项债券，年末余'], '额 限 额 调 整 为 总 计 约 为 人', '民币53365.53亿元。'], [['发布会上，城东科技公司介绍了今年', '推出的新品，其中最受市民关注的是'], '新 款 手 机 的 售 价 和 型 号 名', '称为iPhoneMaxUltra。']] as const) {
      const { out } = page([...COLUMN, ...tight, spaced, last].join('\n'));
      assert.ok(out.blocks.some((b) => b.text.endsWith(spaced.replace(/ /g, '') + last)), JSON.stringify(out.blocks));
    }
  });
  it('reads a paragraph\'s first line spaced out over a line of text on the same measure as a line of that text', () => {
    // Seven characters spread over a measure of ten: a line of the column, not a headline over it.
    const narrow = ['个快递小哥小王直升3', '级，从一个快递员被', '火线提拔为分公司经', '理。'];
    for (const [spaced, rest] of [['在 一 家 大 型 企 业', ['里坐“快车”，小王是少', '数中的少数，单位的同事', '都说他肯吃苦、能干事，', '是大家学习的榜样。']], ['老 街 上 的 商 户 们', ['在“夜市”开张后，收入', '普遍增加了三成，不少店', '铺还招了新的店员，生意', '一天比一天红火。']]] as const) {
      // On a page of wider columns too: the typical line is wider than this column's.
      const { out } = page([...COLUMN, ...COLUMN, ...narrow, spaced, ...rest].join('\n'));
      assert.ok(out.blocks.some((b) => b.text === spaced.replace(/ /g, '') + rest.join('')), JSON.stringify(out.blocks));
    }
    // A headline letter-spaced over a far wider text stays a line of its own.
    const wide = ['老街改造完工以后，沿街的老宅陆续开起了茶馆和书店。虽然周末游人', '如织，但平日里老街依旧安静，街坊们在树下下棋。'];
    const { out } = page([...narrow, '全 市 “ 绿 道 网 ” 本 月 贯 通', ...wide].join('\n'));
    assert.ok(out.blocks.some((b) => b.text === '全市“绿道网”本月贯通'), JSON.stringify(out.blocks));
  });
  it('never runs a line on into a clearly wider line after it: a brief\'s title over its text', () => {
    const wide = ['城东区今年将完成二十六个老旧小区改造任务，涉及居民四千余户，', '改造内容包括外墙保温、管网更新和加装电梯，首批试点小区本月已', '经开工建设，预计年底前全部完成，届时居民的居住条件明显改善。'];
    const { out } = page([...COLUMN, '简讯', '城东区老旧小区改造首批试点本月开工', ...wide].join('\n'));
    assert.deepEqual(out.blocks.map((b) => b.text).slice(-2), ['城东区老旧小区改造首批试点本月开工', wide.join('')]);
  });
  it('keeps the headline under a lead-in on its own line, even one with a comma as wide as the text', () => {
    const { out } = page([...COLUMN, '多措并举稳就业——', '城东菜场摊主当上义务讲解员，街坊点赞：老街有了新故事', '最近，一位菜场摊主主动为游客讲解老街历史，他的故事在网上传开。', ...COLUMN].join('\n'));
    assert.deepEqual(out.blocks.map((b) => b.text).slice(1, 3), ['多措并举稳就业——', '城东菜场摊主当上义务讲解员，街坊点赞：老街有了新故事']);
  });
  it('joins a headline under a lead-in that a line break cut inside its quotes or title marks', () => {
    const body = '本报讯（记者 某某）城东老街的集市今天开张，街坊们早早赶来，摊位前排起了长队。';
    for (const [first, second] of [['稳中向好——', '注意！城东的“'], ['多措并举稳就业——', '新版《城市绿道']] as const) {
      const rest = first === '稳中向好——' ? '老街集市”今天开张了' : '规划》正式发布实施';
      const { out } = page([...COLUMN, first, second, rest, body, ...COLUMN].join('\n'));
      assert.deepEqual(out.blocks.map((b) => b.text).slice(1, 4), [first, second + rest, body]);
    }
  });
  it('keeps the headline under a column label on its own line, though it is set as wide as the text', () => {
    for (const [label, headline] of [['简讯', '全市新增城市绿道串起沿江公园'], ['新闻速览', '老旧小区改造 首批试点本月开工']] as const) {
      const { out } = page([...COLUMN, label, headline, ...COLUMN].join('\n'));
      assert.deepEqual(out.blocks.map((b) => b.text), [COLUMN.join(''), label, headline, COLUMN.join('')]);
    }
  });
  it('keeps the headline under a column label apart from a brief\'s one line of text, narrower than it', () => {
    for (const [label, headline, text] of [['简讯', '快递小哥连升三级：时代奖励解决问题的人', '最近，一个快递员被火线提拔为经理。'], ['新闻速览', '别笑！十八人的“新联盟”今天宣告成立了', '一些人正试图串联起来，组成联盟。']] as const) {
      const { out } = page([...COLUMN, label, headline, text, ...COLUMN].join('\n'));
      assert.deepEqual(out.blocks.map((b) => b.text).slice(1, 4), [label, headline, text], JSON.stringify(out.blocks));
    }
    // A short last line is no brief's text: the line over it runs on into it.
    const { out } = page([...COLUMN, '简讯', '本月以来全市新增城市绿道一百二十公里沿线新建驿站', '十二座。', ...COLUMN].join('\n'));
    assert.deepEqual(out.blocks.map((b) => b.text).slice(1, 3), ['简讯', '本月以来全市新增城市绿道一百二十公里沿线新建驿站十二座。']);
  });
  it('keeps a headline with a comma under a column label apart from the brief\'s one line, wider than it', () => {
    for (const [label, headline, text] of [['简讯', '快递小哥连升三级，单位授予特别奖', '最近，一个快递员被火线提拔为分公司经理。'], ['新闻速览', '绿道串起沿江公园，市民出行更方便', '本月以来，全市新增城市绿道一百二十公里。']] as const) {
      const { out } = page([...COLUMN, label, headline, text, ...COLUMN].join('\n'));
      assert.deepEqual(out.blocks.map((b) => b.text).slice(1, 4), [label, headline, text], JSON.stringify(out.blocks));
    }
    // A brief's first line is as wide as its last at least: it runs on.
    const { out } = page([...COLUMN, '简讯', '本月以来，全市新增城市绿道一百二十公里，沿线', '新建驿站十二座。', ...COLUMN].join('\n'));
    assert.deepEqual(out.blocks.map((b) => b.text).slice(1, 3), ['简讯', '本月以来，全市新增城市绿道一百二十公里，沿线新建驿站十二座。']);
  });
  it('runs text broken after a dash on, though the line ends as a lead-in does', () => {
    for (const lines of [
      ['据介绍，这个月底国内还', '有一项重要的发射任务，', '而这个月底，国内还有一', '次重要的航天发射任务——', '探测器，它是探月工程的', '收官之作，意义重大。'],
      ['本月以来，全市新增的绿', '道有一百二十公里，沿线', '新建驿站十二座，绿道串', '起了城市的两类空间——', '沿江公园和老城的街巷，', '方便市民骑行和步行。'],
    ]) {
      const { out } = page([...COLUMN, ...lines].join('\n'));
      assert.deepEqual(out.blocks.map((b) => b.text), [COLUMN.join(''), lines.join('')]);
    }
  });
  it('ends the headline under a column label at the line that closes the quotes a line break cut', () => {
    for (const [label, first, second] of [['简讯', '全市社区积极开展“文明交', '通进社区 安全出行伴我行”活动'], ['新闻速览', '老旧小区改造《首批试点', '实施方案》本月起施行']] as const) {
      const { out } = page([...COLUMN, label, first, second, ...COLUMN].join('\n'));
      assert.deepEqual(out.blocks.map((b) => b.text), [COLUMN.join(''), label, first + second, COLUMN.join('')]);
    }
  });
  it('keeps a label over a headline set in a narrow box apart, and the box apart from the text under it', () => {
    const body = ['老街改造工程完工后的第三十二天，', '街坊迎来首个集市。上一次赶集，是'];
    for (const [label, box] of [['权威发布', ['全国人民代', '表大会常务', '委员会决议']], ['新春走基层', ['城东寻子一', '个月母亲不', '舍离去']]] as const) {
      // A page of narrow columns, as the box's column is.
      const narrow = ['受委托，今天由我', '来向大家通报有关', '情况。本月以来全', '市新增城市绿道一', '百二十公里，串联', '起沿江公园。'];
      const { out } = page([...narrow, label, ...box, ...body].join('\n'));
      const texts = out.blocks.map((b) => b.text);
      assert.ok(texts.includes(label), JSON.stringify(texts));
      assert.ok(texts.some((t) => t.endsWith(box.at(-1)!)) && !texts.some((t) => t.includes(box.at(-1)! + body[0]!.slice(0, 4))), JSON.stringify(texts));
    }
  });
  it('keeps a label apart from a box whose lines are letter-spaced to a measure wider than it', () => {
    const narrow = ['受委托，今天由我', '来向大家通报有关', '情况。本月以来全', '市新增城市绿道一', '百二十公里，串联', '起沿江公园。'];
    const body = ['老街改造工程完工后的第三十二天，', '街坊迎来首个集市。上一次赶集，是'];
    // Four characters spread over the measure under a label of four set tight, at the page's top;
    // eight under seven, after a narrow column's text.
    for (const [before, label, box] of [[[], '聚焦民生', ['城 东 寻 子', '一 个 月 里', '母 亲 不 舍']], [narrow, '民生实事进行时', ['全 国 人 民 代 表 大 会', '常 务 委 员 会 决 议', '今 日 发 布']]] as const) {
      const { out } = page([...before, label, ...box, ...body].join('\n'));
      assert.ok(out.blocks.some((b) => b.text === label), JSON.stringify(out.blocks.map((b) => b.text)));
    }
    // A box whose first line fills its measure tight and the next is spaced out to it.
    for (const [before, label, box] of [[[], '聚焦民生', ['城东老街改', '造 完 工 焕', '发新颜']], [narrow, '民生实事进行时', ['全市新建绿道一百', '二 十 公 里 串 起', '沿江公园']]] as const) {
      const { out } = page([...before, label, ...box, ...body].join('\n'));
      assert.ok(out.blocks.some((b) => b.text === label), JSON.stringify(out.blocks.map((b) => b.text)));
    }
    // A box's own first line fills the measure tight: the spaced lines under it hold fewer characters.
    const { out } = page([...narrow, '城东寻子一个', '月 母 亲 不 舍', '离 去 回 家', ...body].join('\n'));
    assert.ok(!out.blocks.some((b) => b.text === '城东寻子一个'), JSON.stringify(out.blocks.map((b) => b.text)));
  });
  it('still runs a line of text under a short line on: clause marks say it is text', () => {
    const { out } = page([...COLUMN, '简讯', '本月以来，全市新增城市绿道一百', '二十公里，沿线新建驿站十二座。', ...COLUMN].join('\n'));
    assert.deepEqual(out.blocks.map((b) => b.text).slice(1, 3), ['简讯', '本月以来，全市新增城市绿道一百二十公里，沿线新建驿站十二座。']);
  });
  it('drops an advertisement\'s marker a laid-out page set far to the right of another column\'s line', () => {
    for (const [head, marker] of [['城市绿道保护条例实施', '广告'], ['全市新建绿道一百公里', '（广 告）']] as const) {
      const { out } = page([`${head}${' '.repeat(40)}${marker}`, '', '新闻发布会今天召开', '本报讯（记者王某）全市今年新建绿道一百公里，沿线新建驿站十二座。'].join('\n'));
      assert.equal(out.blocks[0]?.text, head, JSON.stringify(out.blocks));
    }
    // In running text the word stays: …的经典广告语, 一则广告.
    const { out } = page(['他在会上说，这是一则 广告', '', '本报讯 全市今年新建绿道一百公里。'].join('\n'));
    assert.ok(out.blocks[0]?.text.endsWith('广告'), JSON.stringify(out.blocks));
  });
  it('opens a paragraph at a dateline a line break cut short, and at a bracketed credit', () => {
    const { out } = page(['全市新增城市绿道一百二十公里串起沿江公园', '新华社太原11月10日', '电（记者陈某）今天由我来向大家通报有', ...COLUMN.slice(1), '（记者 侯某 姚某）', '全市新增城市绿道串起沿江公园'].join('\n'));
    assert.deepEqual(out.blocks.map((b) => b.text), ['全市新增城市绿道一百二十公里串起沿江公园', `新华社太原11月10日电（记者陈某）今天由我来向大家通报有${COLUMN.slice(1).join('')}`, '（记者 侯某 姚某）', '全市新增城市绿道串起沿江公园']);
  });
  it('opens a paragraph at a paper\'s own report cut short inside its date, letter-spaced or not', () => {
    for (const [first, second] of [['本 报 深 圳 10 月 1', '日讯（记者胡某、杨某）今天由我来向大'], ['本报杭州3月', '7日讯（记者陈某）今天由我来向大家通']] as const) {
      const { out } = page(['全市新增城市绿道一百二十公里串起沿江公园', first, second, ...COLUMN.slice(1)].join('\n'));
      assert.equal(out.blocks.length, 2, JSON.stringify(out.blocks));
      assert.match(out.blocks[1]!.text, /^本报(?:深圳10月1日讯|杭州3月7日讯)（记者/);
    }
  });
  it('keeps the line break inside a list of reporters as the space between two names', () => {
    const { out } = page([...COLUMN.slice(0, 3), '新华社青岛11月14日电（记者吴某', '金某某）今年以来，全市新增城市绿道', ...COLUMN.slice(1)].join('\n'));
    assert.ok(out.blocks.some((b) => b.text.startsWith('新华社青岛11月14日电（记者吴某 金某某）今年以来')), JSON.stringify(out.blocks));
    const broken = page([...COLUMN.slice(0, 3), '新华社青岛11月14日电（记者倪某某 胡', '某某）今年以来，全市新增城市绿道', ...COLUMN.slice(1)].join('\n')).out;
    assert.ok(broken.blocks.some((b) => b.text.startsWith('新华社青岛11月14日电（记者倪某某 胡某某）今年以来')), 'a name broken at the line end is one name');
    // …also the first name, broken right after the role: 记者何 is no name, 何 begins one.
    for (const [line, next, joined] of [['新华社贵阳1月1日电（记者何', '晓东、雷欣）今年以来，全市新增城市绿道', '（记者何晓东、雷欣）'], ['本报讯（通讯员肖', '宁飞）今年以来，全市新增城市绿道', '（通讯员肖宁飞）']] as const) {
      const first = page([...COLUMN.slice(0, 3), line, next, ...COLUMN.slice(1)].join('\n')).out;
      assert.ok(first.blocks.some((b) => b.text.includes(joined)), JSON.stringify(first.blocks));
    }
  });
  it('never runs a line on into a dateline or a byline: they open a paragraph', () => {
    const { out } = page([...COLUMN.slice(0, 4), '本报讯（记者 张明）今年以来，全市新增', ...COLUMN.slice(2), '记者 张明 李华'].join('\n'));
    assert.deepEqual(out.blocks.map((b) => b.text), [COLUMN.slice(0, 4).join(''), `本报讯（记者 张明）今年以来，全市新增${COLUMN.slice(2).join('')}`, '记者 张明 李华']);
  });
});
