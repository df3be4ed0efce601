/** The text-analysis chain (src/text/analysis.ts): what a query becomes before it is searched, and the char filters documents share. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REPAIR_RULES } from '../../indexer/extract/clean.js';
import { analyzeQuery, CHAR_FILTERS } from '../../src/text/analysis.js';

describe('analyzeQuery', () => {
  const cases: [string, string, string][] = [
    ['full-width Latin and digits, as a Chinese input method types them', 'Ｃ９１９大飞机', 'C919大飞机'],
    ['the ideographic space between words', '张明远　出狱', '张明远 出狱'],
    ['Traditional, with a Taiwan word', '量子通訊', '量子通信'],
    ['Traditional characters only', '長江大橋', '长江大桥'],
    ['radicals from a PDF viewer', '⻓江⼤桥', '长江大桥'],
    ['a zero-width space pasted in', '金砖\u200b国家', '金砖国家'],
    ['a private-use character (the highlight sentinels) dropped', '金砖\ue000国家', '金砖国家'],
    ['spaces around trimmed', '  金砖国家 ', '金砖国家'],
    ['Simplified text left as it is', '金砖国家领导人会晤', '金砖国家领导人会晤'],
  ];
  for (const [name, input, want] of cases) it(`${name}: ${want}`, () => assert.equal(analyzeQuery(input), want));
});

describe('CHAR_FILTERS', () => {
  it('are the first repairs every document gets, in the same order', () => {
    assert.deepEqual(REPAIR_RULES.slice(0, CHAR_FILTERS.length).map((r) => r.id), CHAR_FILTERS.map((f) => `clean/${f.id}`));
    assert.deepEqual(REPAIR_RULES.slice(0, CHAR_FILTERS.length).map((r) => r.apply('⻓江\u200b大桥')), CHAR_FILTERS.map((f) => f.apply('⻓江\u200b大桥')));
  });
});
