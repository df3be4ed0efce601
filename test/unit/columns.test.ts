import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLaidOut, unfoldColumns } from '../../indexer/extract/columns.js';

/** Two texts set side by side, as pdftotext -layout prints them: the left padded to `at` characters. */
const sideBySide = (left: string[], right: string[], at: number) =>
  Array.from({ length: Math.max(left.length, right.length) }, (_, i) => `${(left[i] ?? '').padEnd(at, ' ')}${right[i] ?? ''}`.trimEnd());

const LEFT = ['本报讯（记者 张明）今年以来，全市新增', '城市绿道一百二十公里，串联起沿江', '公园和老城街巷。'];
const B_TEXT = ['夏粮收购开始。各地收购点陆续开秤', '价格平稳，农民售粮积极性高。'];
const RIGHT = ['据新华社北京6月3日电 国家统计局今', '天发布数据，上月全国规模以上工业', '增加值同比增长百分之五。'];

describe('unfoldColumns: a laid-out page read region by region', () => {
  it('reads two columns one after the other, not across', () => {
    const text = sideBySide(LEFT, RIGHT, 30).join('\n');
    assert.ok(isLaidOut(`${text}\n${text}`));
    assert.equal(unfoldColumns(text), `${LEFT.join('\n')}\n\n${RIGHT.join('\n')}`);
  });
  it('peels a headline spanning the columns under it off the top, with no blank row between', () => {
    const text = ['             绿道串起城市生活 工业生产稳中有升', ...sideBySide(LEFT, RIGHT, 30)].join('\n');
    assert.equal(unfoldColumns(text), `绿道串起城市生活 工业生产稳中有升\n\n${LEFT.join('\n')}\n\n${RIGHT.join('\n')}`);
  });
  it('reads stories stacked in one column top to bottom, and side-by-side stories each whole', () => {
    const left = ['城市绿道', '', ...LEFT, '', '工业生产稳中有升', '', ...RIGHT];
    const right = ['简讯', '', '夏粮收购开始。各地收购点', '陆续开秤，价格平稳。'];
    const text = sideBySide(left, right, 30).join('\n');
    const out = unfoldColumns(text).split('\n\n');
    assert.deepEqual(out, ['城市绿道', LEFT.join('\n'), '工业生产稳中有升', RIGHT.join('\n'), '简讯', '夏粮收购开始。各地收购点\n陆续开秤，价格平稳。']);
  });
  it('reads columns whose rows do not line up, each line alone on its row behind the other\'s', () => {
    // Rows of different leading: the right column's lines stand on rows of their own, far indented.
    for (const at of [30, 44]) {
      const rows = LEFT.flatMap((l, i) => [l, `${' '.repeat(at)}${RIGHT[i]}`]);
      const text = [...rows, ...rows.map((r) => r.replace('本报讯', '又讯'))].join('\n');
      assert.ok(isLaidOut(text));
      const out = unfoldColumns(text);
      // The rows the other column set its lines on are no gaps in a column's text.
      assert.ok(out.includes(RIGHT.join('\n')), out);
      assert.ok(out.includes(LEFT.join('\n')), out);
      assert.ok(!out.split('\n').some((l) => l.includes('绿道') && l.includes('国家统计局')), out);
    }
  });
  it('reads a column set at a wider leading whole, however many of the other column\'s rows stand between its lines', () => {
    // A headline in big type: each of its lines every third or fourth row of the page.
    const right = [...RIGHT, ...LEFT, ...RIGHT, ...LEFT];
    for (const [every, head] of [[3, ['全市新增城市', '绿道一百二十', '公里串起沿江']], [4, ['夏粮收购', '陆续开秤']]] as const) {
      const left = right.map((_, i) => (i % every === 0 ? head[i / every] ?? '' : ''));
      const out = unfoldColumns(sideBySide(left, right, 30).join('\n'));
      assert.ok(out.includes(head.join('\n')), out);
    }
  });
  it('reads stories stacked as modules one module at a time when the rows between them are wider whitespace than the gutter', () => {
    const A2 = ['夏粮收购开始。各地收购点陆续开秤', '价格平稳，农民售粮积极性高。'];
    const B1 = ['工业生产稳中有升。上月全国规模以', '上工业增加值同比增长百分之五。'];
    const B2 = ['城市绿道串起沿江公园和老城街巷，', '市民骑行和步行更加方便。'];
    for (const [gap, gutter] of [[1, 3], [2, 4]] as const) {
      const at = Math.max(...[...LEFT, ...B1].map((l) => l.length)) + gutter;
      const rows = [...sideBySide(LEFT, A2, at), ...Array<string>(gap).fill(''), ...sideBySide(B1, B2, at)];
      const out = unfoldColumns(rows.join('\n')).split('\n\n');
      assert.deepEqual(out, [LEFT.join('\n'), A2.join('\n'), B1.join('\n'), B2.join('\n')], JSON.stringify(out));
    }
  });
  it('reads stories stacked as modules on grids of their own one module at a time, though a gutter wider than the rows between runs through both', () => {
    // Two columns over three, or three over two, two blank rows between, one gutter eight wide in line.
    const wide = [['本报讯 今年以来全市新增城市绿道', '一百二十公里，串联起沿江公园'], ['据新华社北京6月3日电 国家', '统计局今天发布数据显示']];
    const narrow = [['夏粮收购开始，', '各地收购点陆'], ['续开秤，价格平', '稳，农民售粮'], ['工业生产稳中有', '升，增加值同比']];
    const two = (cols: string[][]) => cols[0]!.map((l, i) => `${l.padEnd(32, ' ')}${cols[1]![i]}`);
    const three = (cols: string[][]) => cols[0]!.map((l, i) => `${l.padEnd(12, ' ')}${cols[1]![i]!.padEnd(20, ' ')}${cols[2]![i]}`);
    for (const [top, bottom, order] of [
      [two(wide), three(narrow), [...wide, ...narrow]],
      [three(narrow), two(wide), [...narrow, ...wide]],
    ] as const) {
      const out = unfoldColumns([...top, '', '', ...bottom].join('\n')).split('\n\n');
      assert.deepEqual(out, order.map((c) => c.join('\n')), JSON.stringify(out));
    }
  });
  it('reads the lines of a big headline, far apart over its column, with that column, not across the label beside them', () => {
    const blank = ['', '', ''];
    for (const [rows, want] of [
      // The left column's headline in two lines three blank rows apart (a gutter narrower than they), the right column's label on the row between.
      [['全市新增城市绿道', `${''.padEnd(22, ' ')}经济观察`, ...blank, ...sideBySide(['一百二十公里', ...LEFT], ['国家统计局发布数据', ...RIGHT], 22)], [['全市新增城市绿道', '一百二十公里'], ['经济观察', '国家统计局发布数据']]],
      // Mirrored: the right column's headline, the left column's label first.
      [['民生关注', `${''.padEnd(22, ' ')}上月工业生产`, ...blank, ...sideBySide(['城东老街焕发新颜', ...LEFT], ['稳中有升', ...RIGHT], 22)], [['民生关注', '城东老街焕发新颜'], ['上月工业生产', '稳中有升']]],
    ] as const) {
      const out = unfoldColumns(rows.join('\n')).replace(/\n+/g, '\n').split('\n');
      for (const [first, second] of want) assert.equal(out[out.indexOf(first) + 1], second, out.join('|'));
    }
  });
  it('reads the tops of two columns set on one row, each at its column\'s edge, with their columns, but not the page\'s running head', () => {
    const head = `${'城南日报'.padEnd(22, ' ')}2024年6月3日 第2版`;
    for (const [top, at, want] of [
      // The left story's kicker and the right column's label on one baseline, two rows over the headlines.
      [`${'——全市新建绿道'.padEnd(22, ' ')}经济观察`, 22, [['——全市新建绿道', '全市新增城市绿道'], ['经济观察', '国家统计局发布数据']]],
      // Mirrored, wider columns: the left column's label, the right story's kicker.
      [`${'民生关注'.padEnd(24, ' ')}——城西菜市场改造记`, 24, [['民生关注', '全市新增城市绿道'], ['——城西菜市场改造记', '国家统计局发布数据']]],
    ] as const) {
      const rows = [head, '', '', '', top, '', '', ...sideBySide(['全市新增城市绿道', ...LEFT], ['国家统计局发布数据', ...RIGHT], at)];
      const out = unfoldColumns(rows.join('\n')).replace(/\n+/g, '\n').split('\n');
      for (const [first, second] of want) assert.equal(out[out.indexOf(first) + 1], second, out.join('|'));
      // The running head, its pieces at the columns' edges too, stays a line of its own.
      assert.deepEqual(out.slice(0, 2), ['城南日报', '2024年6月3日 第2版'], out.join('|'));
    }
    // A piece away from its column's edge (a label centred over it) keeps the row a line of its own.
    const out = unfoldColumns([head, '', '', '', `${'——全市新建绿道'.padEnd(25, ' ')}经济观察`, '', '', ...sideBySide(['全市新增城市绿道', ...LEFT], ['国家统计局发布数据', ...RIGHT], 22)].join('\n')).replace(/\n+/g, '\n').split('\n');
    assert.equal(out[out.indexOf('——全市新建绿道') + 1], '经济观察', out.join('|'));
  });
  it('cuts three blank rows across every column before the gutters, however wide: the stories stacked as modules, their gutters in line', () => {
    const A2 = ['绿道沿线设置驿站十二座，配套建设', '停车位和公共厕所，市民骑行更方便。'];
    const C = ['城西菜市场改造完工，', '摊位重新开张迎客。'];
    for (const [top, bottom] of [
      // Two stories of two columns each, a gutter fifteen positions wide.
      [sideBySide(LEFT, A2, 34), sideBySide(RIGHT, B_TEXT, 34)],
      // Three columns each, the third narrower.
      [sideBySide(LEFT, A2, 34).map((l, i) => `${l.padEnd(70, ' ')}${C[i] ?? ''}`.trimEnd()), sideBySide(RIGHT, B_TEXT, 34).map((l, i) => `${l.padEnd(70, ' ')}${C[i] ?? ''}`.trimEnd())],
    ] as const) {
      const out = unfoldColumns([...top, '', '', '', ...bottom].join('\n'));
      // The story above is read whole before the one below.
      assert.ok(out.indexOf(A2[0]!) < out.indexOf(RIGHT[0]!), out);
    }
  });
  it('cuts no blank run first where a column\'s big headline runs on across it', () => {
    const text = ['本报讯（记者 张某）城东老街改造工程', '今天全面完工，沿街二十六栋老宅修缮', '一新，青石板路重新铺设，老街重新开', '街迎客，茶馆书店陆续开张。', '', '', '', '', '　　老街管委会介绍，改造期间保留了', '老街原有的格局和风貌。'];
    const box = ['城东老街', '', '焕发新颜', '', '迎来八方', '', '', '', '游客如织'];
    // The box's lines two rows apart, its last three rows under the blank run; the box left of the text, or right of it.
    for (const rows of [sideBySide(box, text, 6), sideBySide(text, box, 22)]) {
      const out = unfoldColumns(rows.join('\n')).replace(/\n+/g, '\n').split('\n');
      assert.equal(out[out.indexOf('迎来八方') + 1], '游客如织', out.join('|'));
    }
  });
  it('cuts no blank run first where a big headline goes on under it at its own leading, its last line far over the run', () => {
    // Lines five rows apart; the text beside them goes on two rows after the box's third line, then
    // two blank rows, which the narrow gutter makes the page's widest cut.
    const text = ['本报讯（记者 张某）城东老街改造工程', '今天全面完工，沿街二十六栋老宅修缮', '一新，青石板路重新铺设，老街重新开', '街迎客，茶馆书店陆续开张，吸引了不', '少市民前来打卡。', '　　老街管委会介绍，改造期间保留了', '老街原有的格局和风貌，沿街店铺的招', '牌统一设计，夜间照明同步改造，老街', '的夜晚更加热闹。', '　　不少老街坊说，老街变美了，生活', '也更方便了，周末常有外地游客专程前', '来参观。', '　　下一步，老街还将引入非遗工坊。', '', '', '　　据介绍，全市今年还将改造老街', '三条，明年全部完工。'];
    const spaced = (lines: string[]) => lines.flatMap((l, i) => (i ? ['', '', '', '', l] : [l]));
    for (const [box, right] of [[spaced(['城东老街', '焕发新颜', '迎来八方', '游客如织']), false], [spaced(['夏粮收购', '进度加快', '价格总体', '保持平稳']), true]] as const) {
      const rows = right ? sideBySide(text, box, 22) : sideBySide(box, text, 7);
      const out = unfoldColumns(rows.join('\n')).replace(/\n+/g, '\n').split('\n');
      assert.equal(out[out.indexOf(box[10]!) + 1], box[15], out.join('|'));
    }
  });
  it('reads the tail of a side headline\'s box, taller than the text beside it, with the box', () => {
    const text = [...LEFT, '绿道沿线设置驿站十二座，配套建设', '停车位和公共厕所。'];
    const next = ['全市春耕进度快于往年', '本报讯 各地春耕备耕有序推进。'];
    // The box's lines every other row (big type), its last line three rows under the text beside it.
    for (const [box, beside, at, tail] of [
      [['城东老街焕', '', '发新颜迎来', '', '八方游'], text, 14, '客'],
      // Beside a story over two columns.
      [['夏粮收购', '', '价格总体', '', '保持平'], [...sideBySide(LEFT, RIGHT, 24), ''], 10, '稳'],
    ] as const) {
      const out = unfoldColumns([...sideBySide([...box], [...beside], at), '', '', tail, '', '', ...next].join('\n')).replace(/\n+/g, '\n').split('\n');
      assert.equal(out[out.indexOf(box.at(-1)!) + 1], tail, out.join('|'));
    }
    // A tail wider than the box's lines (a subtitle and a byline under big type), short of the text's column.
    for (const [box, tail, at] of [
      [['城东老街焕', '', '发新颜迎来'], ['八方游客', '——老城更新记', '本报记者 张某'], 16],
      [['夏粮收购', '', '价格平稳'], ['——各地收购点陆续开秤', '新华社记者 李某'], 18],
    ] as const) {
      const out = unfoldColumns([...sideBySide([...box], [...text], at), '', '', ...tail, '', '', ...next].join('\n')).replace(/\n+/g, '\n').split('\n');
      assert.deepEqual(out.slice(out.indexOf(box.at(-1)!) + 1, out.indexOf(box.at(-1)!) + 1 + tail.length), [...tail], out.join('|'));
    }
    // A column of text, not a box: the line under it stays after the columns.
    const out = unfoldColumns([...sideBySide([...LEFT, '这是左栏的最后一行文字'], RIGHT, 24), '', '', next[0]!, '', '', next[1]!].join('\n')).replace(/\n+/g, '\n').split('\n');
    assert.equal(out[out.indexOf(next[0]!) - 1], RIGHT.at(-1), out.join('|'));
  });
  it('reads a side box set one space from its text as a column of its own, where text stands flush against the space on both sides', () => {
    const head = ['城南日报 2024年6月3日', '', ''];
    for (const [box, text, width] of [
      // A box of big type, a line every other row, its full lines five characters wide.
      [['城东老街焕', '', '发新颜迎来', '', '八方游客'], ['本报讯（记者 张某）城东老街改造工程', '今天全面完工，沿街二十六栋老宅修缮', '一新，青石板路重新铺设，老街重新开', '街迎客，茶馆书店陆续开张，吸引了不', '少市民前来打卡。'], 5],
      // A box of three full lines four wide, on every row, the text running on under it.
      [['夏粮收购', '价格总体', '保持平稳'], ['新华社郑州6月5日电 各地夏粮收购点今天', '陆续开秤，收购价格总体平稳，农民售粮', '积极性较高，粮食部门在收购点设立服务', '台，方便农民售粮，各地收购点排起长队', '，粮食部门加派人手。'], 4],
    ] as const) {
      const rows = text.map((t, i) => `${(box[i] ?? '').padEnd(width, ' ')} ${t}`.trimEnd());
      const out = unfoldColumns([...head, ...rows].join('\n'));
      assert.ok(out.includes(box.filter((l) => l).join('\n')) && out.includes(text.join('\n')), out);
    }
    // One column whose rows each hold a space at the same position: text on both sides on every row, no gutter.
    const one = ['城东老街改 造工程今天全面完工，沿街', '二十六栋老 宅修缮一新，青石板路重', '新铺设，老 街重新开街迎客，茶馆书'];
    assert.ok(unfoldColumns([...head, ...one].join('\n')).includes(one.join('\n')));
  });
  it('reads a side headline three characters a line beside its text as a column of its own', () => {
    for (const [box, text] of [
      [['城东老', '街改造', '全面完', '工'], ['本报讯（记者 张某）城东老街改造工程今天', '全面完工，沿街二十六栋老宅修缮一新，青', '石板路重新铺设，老街重新开街迎客。']],
      [['夏粮收', '购开秤'], ['新华社郑州6月5日电 各地夏粮收购点今天', '陆续开秤，收购价格总体平稳。']],
    ] as const) {
      // The box's lines stand every other row, the text's lines on every row, fourteen positions apart.
      const rows = text.flatMap((l, i) => [`${(box[i * 2] ?? '').padEnd(17, ' ')}${l}`, box[i * 2 + 1] ?? '']).concat(box.slice(text.length * 2));
      const out = unfoldColumns(rows.join('\n'));
      assert.ok(out.includes(box.join('\n')) && out.includes(text.join('\n')), out);
    }
  });
  it('cuts only the widest blank rows across the page: a narrower run inside the columns is cut column by column', () => {
    const head = ['城南日报 2024年6月3日 星期一 第2版'];
    // A row no column set a line on, inside two columns of text under the page head.
    const plain = [...head, '', '', '', ...sideBySide(LEFT.slice(0, 1), RIGHT.slice(0, 1), 30), '', ...sideBySide(LEFT.slice(1), RIGHT.slice(1), 30)];
    // A side headline in big type, two blank rows inside it, beside a story shorter than it.
    const big = sideBySide(['全市新增城市', '', '绿道一百二十'], RIGHT.slice(0, 2), 30);
    const moduled = [...head, '', '', '', ...big, '', '', '公里串起沿江', '', '', '', ...sideBySide(LEFT, B_TEXT, 30)];
    for (const [rows, last] of [[plain, '公园和老城街巷'], [moduled, '公里串起沿江']] as const) {
      const out = unfoldColumns(rows.join('\n'));
      const blocks = out.split('\n\n').map((b) => b.replace(/\n/g, ''));
      const at = (text: string) => blocks.findIndex((b) => b.includes(text));
      // A column is read whole before the next: the first column's lines before the second's.
      assert.ok(at(last) >= 0 && at(last) < at('国家统计局'), JSON.stringify(blocks));
      assert.ok(!out.split('\n').some((l) => /绿道|城市/.test(l) && l.includes('国家统计局')), out);
    }
  });
  it('reads a box whose lines stand a blank row apart beside its text as a column, with a line spanning the page under them', () => {
    const spanning = ['城西菜市场今天重新开业，摊位整齐划一，市民纷纷前来选购', '　　本报讯 城西菜市场改造历时三个月，新增摊位一百二十个。'];
    const row = (left: string, right: string, at: number) => `${left.padEnd(at, ' ')}${right}`.trimEnd();
    // The text beside the box starts a few positions off on each row, as -layout sets it.
    for (const [box, text, at, boxLeft] of [
      // A side headline on the left, its last line under the text beside it.
      [['城东老街', '改造完工', '全面开街'], RIGHT, [22, 26, 20], true],
      // A box on the right of its text.
      [['夏粮收购', '价格平稳'], LEFT, [24, 30, 27], false],
    ] as const) {
      const pair = (b: string, t: string, k: number) => (boxLeft ? row(b, t, at[k]!) : row(t, b, at[k]!));
      const rows = ['城南日报 2024年6月3日 星期一 第2版', '', '', '', pair(box[0]!, text[0]!, 0), pair('', text[1]!, 1), '', pair(box[1]!, text[2]!, 2), '', ...box.slice(2).flatMap((l) => [l, '']), ...spanning];
      const blocks = unfoldColumns(rows.join('\n')).split('\n\n');
      const where = (line: string) => blocks.findIndex((b) => b.split('\n').includes(line));
      const textAt = text.map(where);
      // Every line stands alone on its line, and no line of the box is read inside the text.
      assert.ok([...textAt, ...box.map(where)].every((k) => k >= 0), JSON.stringify(blocks));
      assert.ok(box.every((l) => where(l) < Math.min(...textAt) || where(l) > Math.max(...textAt)), JSON.stringify(blocks));
    }
  });
  it('keeps a blank row the whole page leaves as a gap inside a column', () => {
    const rows = [...LEFT.flatMap((l, i) => [l, `${' '.repeat(30)}${RIGHT[i]}`]), '', '工业生产稳中有升', `${' '.repeat(30)}夏粮收购开始。`];
    const out = unfoldColumns(rows.join('\n')).split('\n\n');
    assert.ok(out.includes(LEFT.join('\n')) && out.includes('工业生产稳中有升'), JSON.stringify(out));
  });
  it('writes a paragraph\'s first line, set in from its column\'s edge, with a Chinese paragraph\'s indent', () => {
    const left = ['城东老街改造工程今天完工', '  本报讯（记者 张明）今年以来，', '全市新增城市绿道一百二十公里，', '串联起沿江公园和老城街巷。', '  市民骑行和步行更加方便，周末', '人流明显增加。'];
    const right = ['  国家统计局今天发布数据，上月', '全国规模以上工业增加值同比增', '长百分之五。', '', '        简讯', '夏粮收购开始，各地收购点陆续', '开秤。', '  价格平稳'];
    const out = unfoldColumns(sideBySide(left, right, 34).join('\n'));
    const lines = out.split('\n');
    // Set in under a line at the edge, or as a column's first line, the line after it at the edge.
    for (const first of ['本报讯（记者 张明）今年以来，', '市民骑行和步行更加方便，周末', '国家统计局今天发布数据，上月']) assert.ok(lines.includes(`　　${first}`), out);
    // Not a line centred further in (a box's title), nor a last line with no line at the edge after it.
    for (const plain of ['简讯', '价格平稳']) assert.ok(lines.includes(plain), out);
    // Nor a short label set in a position or two over a wide line (the next story's headline or lead-in).
    for (const [label, under] of [['记者调查', '城西菜市场今天重新开业，摊位整齐划一'], ['一线观察', '多措并举稳就业 城东老街今天全面开街迎客——']] as const) {
      const labelled = unfoldColumns(sideBySide(['城东老街改造工程今天完工', '全市新增城市绿道一百二十公里，串', '联起沿江公园和老城街巷。'], [`  ${label}`, under, '夏粮收购开始，各地收购点陆续开秤。'], 40).join('\n')).split('\n');
      assert.ok(labelled.includes(label) && !labelled.includes(`　　${label}`), labelled.join('\n'));
    }
    assert.ok(lines.includes('城东老街改造工程今天完工'), out);
  });
  it('writes a paragraph of one line, set in and ending its sentence before a blank row, with the indent: a brief\'s text under its headline', () => {
    const left = ['城东老街改造工程今天完工', '  市民骑行和步行更加方便。', '', '城西菜市场重新开业', '  摊位整齐划一，买菜更方便。'];
    const right = ['国家统计局今天发布数据，上月', '全国规模以上工业增加值同比增', '长百分之五。', '', '某某公司遗失公章一枚，声明作', '  废。'];
    const lines = unfoldColumns(sideBySide(left, right, 34).join('\n')).split('\n');
    for (const first of ['市民骑行和步行更加方便。', '摊位整齐划一，买菜更方便。']) assert.ok(lines.includes(`　　${first}`), lines.join('\n'));
    // Not a paragraph's last line that a word runs on into from the line above (声明作 / 废).
    assert.ok(lines.includes('废。'), lines.join('\n'));
  });
  it('writes two one-line paragraphs set in, one under the other, each with the indent: a brief\'s text', () => {
    const left = ['沿江大道夜间封闭施工！', '  过往车辆请绕行滨江路。', '  公交线路临时调整。', '', '城西菜市场重新开业'];
    const right = ['国家统计局今天发布数据，上月', '全国规模以上工业增加值同比增', '长百分之五。', '', '夏粮收购今天陆续开秤，收购价'];
    const lines = unfoldColumns(sideBySide(left, right, 34).join('\n')).split('\n');
    for (const first of ['过往车辆请绕行滨江路。', '公交线路临时调整。']) assert.ok(lines.includes(`　　${first}`), lines.join('\n'));
    // Three of them in the right column, under a brief's headline.
    const left2 = ['国家统计局今天发布数据，上月', '全国规模以上工业增加值同比增', '长百分之五，市场预期稳定。', '', '夏粮收购今天陆续开秤'];
    const right2 = ['全市新建绿道一百公里', '  绿道串起沿江公园。', '  沿线新设驿站十二处。', '  市民骑行更方便了。', '', '城东老街改造完工'];
    const lines2 = unfoldColumns(sideBySide(left2, right2, 34).join('\n')).split('\n');
    for (const first of ['绿道串起沿江公园。', '沿线新设驿站十二处。', '市民骑行更方便了。']) assert.ok(lines2.includes(`　　${first}`), lines2.join('\n'));
  });
  it('leaves text that is not laid out to the reading-order path', () => {
    assert.equal(isLaidOut([...LEFT, '', ...RIGHT, '记者 张明 李华'].join('\n')), false);
    // A table or a signature with a wide gap on a line or two is not a laid-out page.
    assert.equal(isLaidOut([...LEFT, '联系人：张明      电话：12345678', ...RIGHT, ...LEFT].join('\n')), false);
  });
});
