/**
 * Sub-words: the two- and three-character dictionary words jieba's search mode finds inside
 * longer words, and the letter and digit runs of mixed tokens, from the default-mode words.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hanWordAcross, subwords, wordAcross, words } from '../../src/text/segment.js';

describe('subwords', () => {
  const cases: [text: string, expected: string[]][] = [
    // Inside longer words: two-character pieces first, then three, each in order.
    ['中国农业发展银行发放贷款', ['农业', '发展', '银行', '发放', '放贷', '贷款']],
    ['中华人民共和国', ['中华', '华人', '人民', '共和', '共和国']],
    ['待处理的申请', ['处理']],
    ['新能源汽车', ['能源']],
    // Nothing for words of two characters, nor for words the text already has whole.
    ['基站建设', []],
    // Letter and digit runs of mixed tokens.
    ['拨打12333APP咨询', ['12333', 'APP']],
    ['5G基站建设', ['5', 'G']],
    // Latin text: no Han pieces.
    ['hello world', []],
  ];
  for (const [text, expected] of cases) {
    it(`${text} → ${expected.join(' ') || '(none)'}`, () => {
      assert.deepEqual(subwords(text).split(' ').filter(Boolean), expected);
    });
  }

  it('gives no piece that is already a word of the text', () => {
    const text = '农业发展银行支持农业发展';
    const whole = new Set(words(text));
    for (const piece of subwords(text).split(' ')) assert.ok(!whole.has(piece), piece);
    assert.ok(whole.has('农业'));
  });
});

describe('wordAcross', () => {
  it('counts the characters a word runs on into across a line break, 0 where the break falls between words', () => {
    const cases: [string, string, number][] = [
      ['居民习以', '为常的小巷', 2],
      ['某某公司遗失公章一枚，声明作', '废。', 1],
      ['城东老街改造', '工程今天完工', 0],
      ['全市新建绿道', '一百二十公里', 0],
    ];
    for (const [tail, head, n] of cases) assert.equal(wordAcross(tail, head), n, `${tail} / ${head}`);
    // Only between Han characters: a mark or a Latin word at the break is no word across it.
    assert.equal(hanWordAcross('某某公司遗失公章一枚，声明作', '废。'), 1);
    assert.equal(hanWordAcross('城东老街改造工程完工，', '市民纷纷点赞'), 0);
    assert.equal(hanWordAcross('手机厂商发布新款Mate', 'X机型'), 0);
  });
});
