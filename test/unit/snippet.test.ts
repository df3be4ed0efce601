import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MARK_CLOSE as C, MARK_OPEN as O, buildSnippet, escapeHtml, findMatches, snippetFor } from '../../src/gateway/snippet.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('buildSnippet', () => {
  it('wraps matches in <mark> and escapes the text around them', () => {
    assert.equal(buildSnippet(`A<b>与${O}金砖${C}合作&共赢。`), 'A&lt;b&gt;与<mark>金砖</mark>合作&amp;共赢。');
  });

  it('starts at a sentence start near a late match and marks an ellipsis', () => {
    const text = `${'前文很长的一句话。'.repeat(10)}会晤期间，双方就${O}金砖${C}合作交换意见。${'后文。'.repeat(50)}`;
    const s = buildSnippet(text, { maxChars: 60, before: 20 });
    assert.ok(s.startsWith('…会晤期间'), s);
    assert.ok(s.includes('<mark>金砖</mark>'));
    assert.ok(s.endsWith('…'));
  });

  it('ends at a sentence or clause boundary within the budget', () => {
    const text = `${O}金砖${C}合作取得积极进展，成果丰硕。另一句话在这里继续写下去，直到很长很长很长很长很长很长。`;
    const s = buildSnippet(text, { maxChars: 30, before: 10 });
    assert.match(s, /[。，]…$/);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'𠀀'.repeat(200)}${O}𠀁${C}${'𠀂'.repeat(200)}`;
    const s = buildSnippet(text, { maxChars: 50, before: 10 });
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(s), 'no lone high surrogate');
    assert.ok(!/(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s), 'no lone low surrogate');
    assert.ok(s.includes('<mark>𠀁</mark>'));
  });

  it('never cuts an HTML entity', () => {
    const text = `${'&'.repeat(300)}${O}x${C}${'<'.repeat(300)}`;
    const s = buildSnippet(text, { maxChars: 40, before: 10 }).replace(/^…|…$/g, '');
    assert.match(s, /^(?:&amp;|<mark>x<\/mark>|&lt;)+$/);
  });

  it('closes a mark that the cut leaves open', () => {
    const s = buildSnippet(`${O}${'很长的匹配'.repeat(50)}${C}`, { maxChars: 20, before: 5 });
    assert.equal((s.match(/<mark>/g) ?? []).length, (s.match(/<\/mark>/g) ?? []).length);
  });

  it('merges adjacent matches into one mark', () => {
    assert.equal(buildSnippet(`一张${O}社保${C}${O}卡${C}。`), '一张<mark>社保卡</mark>。');
  });

  it('shows the beginning when nothing matched', () => {
    assert.equal(buildSnippet('第一句。第二句。', { maxChars: 100, before: 10 }), '第一句。第二句。');
  });
});

describe('findMatches', () => {
  const marked = (text: string, q: string) => findMatches(text, q).map((m) => text.slice(m.start, m.end));
  const cases: [string, string, string, string[]][] = [
    ['a word as typed', '金砖国家领导人会晤。', '金砖', ['金砖']],
    ['the parts of a query written as one word, wherever they stand', '新能源产业带动汽车出口。', '新能源汽车', ['新能源', '汽车']],
    ['the longest stretch first, touching matches merged', '新能源汽车销量大增。', '新能源汽车', ['新能源汽车']],
    ['no single character of a longer query', '港口的能源供应。', '新能源汽车', ['能源']],
    ['a one-character query', '香港和澳门的港口。', '港', ['港', '港']],
    ['Latin and digits whatever their case, beside Han', '国产大飞机c919完成首飞，C919订单增加。', 'C919首飞', ['c919', '首飞', 'C919']],
    ['words apart', '社保卡可以在医院使用，社保待遇不变。', '社保 医院', ['社保', '医院', '社保']],
    ['nothing', '今天天气晴朗。', '量子计算机', []],
  ];
  for (const [name, text, q, want] of cases) it(name, () => assert.deepEqual(marked(text, q), want));
});

describe('snippetFor', () => {
  it('shows the window where most of the query stands, not the first mention', () => {
    const text = `金砖一词最早出现在一份报告里。${'这一段与查询无关，只是填充文字。'.repeat(8)}金砖国家领导人第十六次会晤在喀山举行。`;
    const s = snippetFor(text, '金砖 会晤', { maxChars: 40, before: 10 });
    assert.match(s, /<mark>金砖<\/mark>国家领导人第十六次<mark>会晤<\/mark>/);
    assert.ok(s.startsWith('…'), s);
  });
  it('shows the start of the text when the query stands nowhere in it (a match in the title)', () => {
    assert.equal(snippetFor('第一句。第二句。', '金砖', { maxChars: 100, before: 10 }), '第一句。第二句。');
  });
  it('escapes the text around the marks', () => {
    assert.equal(snippetFor('A<b>与金砖合作', '金砖'), 'A&lt;b&gt;与<mark>金砖</mark>合作');
  });
});
