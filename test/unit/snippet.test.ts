import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MARK_CLOSE as C, MARK_OPEN as O, buildSnippet, escapeHtml } from '../../src/gateway/snippet.js';

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
