/**
 * parse, case by case (indexer/extract/parse.ts): each format a seeds file arrives in, what its
 * metadata and blocks become. Fragments written for these tests, in the shapes real files have.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { metaFromFrontMatter, parse, textToBlocks } from '../../indexer/extract/parse.js';
import type { Reporter } from '../../indexer/extract/diagnostics.js';
import type { Decoded } from '../../indexer/extract/types.js';

const notes: string[] = [];
const reporter = { info: (rule: string) => notes.push(rule), warn: (rule: string) => notes.push(rule), error: (rule: string) => notes.push(rule) } as unknown as Reporter;
const decoded = (relPath: string, text: string) => ({ relPath, text }) as unknown as Decoded;

describe('parse: front matter fields, whatever the generator calls them', () => {
  const cases: [string, Record<string, unknown>, { title?: string; date?: string; source?: string; categories?: string[] }][] = [
    ['Hexo: author and tags', { title: '春耕生产全面展开', date: '2024-03-07', author: '新华社', tags: ['农业'] }, { title: '春耕生产全面展开', date: '2024-03-07', source: '新华社', categories: ['农业'] }],
    ['Hugo: publishDate, publisher, one category', { title: '铁路客流创新高', publishDate: '2024-05-06T09:00:00+08:00', publisher: '人民日报', categories: '交通' }, { title: '铁路客流创新高', date: '2024-05-06T09:00:00+08:00', source: '人民日报', categories: ['交通'] }],
    ['an RSS export: pubDate and source', { title: '油价下调', pubDate: 'Thu, 07 Mar 2024 08:00:00 +0800', source: '中新网' }, { title: '油价下调', date: 'Thu, 07 Mar 2024 08:00:00 +0800', source: '中新网' }],
    ['YAML gives a date and a number: read as text', { title: 2024, published: new Date('2024-10-23T00:00:00Z') }, { title: '2024', date: '2024-10-23T00:00:00.000Z' }],
    ['blank values are no values', { title: '  ', date: '', author: null }, {}],
  ];
  for (const [name, data, want] of cases) {
    it(name, () => {
      const { evidence: _e, ...meta } = metaFromFrontMatter(data);
      assert.deepEqual(meta, want);
    });
  }
});

describe('parse: paragraphs of plain text', () => {
  const cases: [string, string, { text: string; line: number }[]][] = [
    ['blank lines part paragraphs; hard breaks stay for clean', '第一段第一行\n第一段第二行\n\n第二段\n', [{ text: '第一段第一行\n第一段第二行', line: 1 }, { text: '第二段', line: 4 }]],
    ['several blank lines, or lines of spaces, are one break', '甲\n\n\n   \n乙\n', [{ text: '甲', line: 1 }, { text: '乙', line: 5 }]],
    ['a file without a final newline: its last line counts', '只有一行', [{ text: '只有一行', line: 1 }]],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => assert.deepEqual(textToBlocks(text).map(({ text: t, line }) => ({ text: t, line })), want));
  }
});

describe('parse: a paragraph set in by two ideographic spaces', () => {
  const cases: [string, string, { text: string; indented: boolean }[]][] = [
    [
      'each set-in line opens a paragraph, no blank line between',
      '　　今年以来，全市新增城市绿道\n一百二十公里。\n　　市民骑行和步行更加方\n便，周末人流明显增加。\n',
      [{ text: '　　今年以来，全市新增城市绿道\n一百二十公里。', indented: true }, { text: '　　市民骑行和步行更加方\n便，周末人流明显增加。', indented: true }],
    ],
    [
      'a headline over the paragraph is a block of its own',
      '城东老街改造工程今天完工\n　　记者从区住建部门获悉，老\n街二十六栋老宅修缮一新。\n',
      [{ text: '城东老街改造工程今天完工', indented: false }, { text: '　　记者从区住建部门获悉，老\n街二十六栋老宅修缮一新。', indented: true }],
    ],
    [
      'a line alone, set in or centred by more spaces, may be a title: not marked',
      '　　城东老街焕发新颜\n\n　　　　全市绿道串起城乡\n正文第一行\n',
      [{ text: '　　城东老街焕发新颜', indented: false }, { text: '　　　　全市绿道串起城乡\n正文第一行', indented: false }],
    ],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => assert.deepEqual(textToBlocks(text).map((b) => ({ text: b.text, indented: b.indented === true })), want));
  }
});

describe('parse: one file of each format', () => {
  const cases: { name: string; file: string; text: string; format: string; layout: string; title?: string; date?: string; blocks: [string, string][]; items?: number }[] = [
    {
      name: 'Markdown with front matter: heading, image and link syntax reduced to text',
      file: 'a.md',
      text: '---\ntitle: 春耕生产全面展开\ndate: 2024-03-07\n---\n\n# 春耕生产全面展开\n\n眼下正值春耕时节，各地农民抢抓农时。\n\n![田间](a.jpg)\n\n**小麦**长势总体良好，[详见](http://example.org/a)。\n',
      format: 'markdown',
      layout: 'lines',
      title: '春耕生产全面展开',
      date: '2024-03-07',
      blocks: [['heading', '春耕生产全面展开'], ['paragraph', '眼下正值春耕时节，各地农民抢抓农时。'], ['paragraph', '小麦长势总体良好，详见。']],
    },
    {
      name: 'a saved web page: the headline, the date in its metadata, the paragraphs',
      file: 'b.html',
      text: '<!doctype html><html><head><title>春耕生产全面展开_某某网</title><meta name="publishdate" content="2024-03-07"></head><body><h1>春耕生产全面展开</h1><p>眼下正值春耕时节，各地农民抢抓农时，田间地头一派繁忙景象。</p><p>小麦长势总体良好，农机作业进度快于往年。</p></body></html>',
      format: 'html',
      layout: 'flow',
      title: '春耕生产全面展开',
      date: '2024-03-07',
      blocks: [['paragraph', '眼下正值春耕时节，各地农民抢抓农时，田间地头一派繁忙景象。'], ['paragraph', '小麦长势总体良好，农机作业进度快于往年。']],
    },
    {
      name: 'text extracted from a PDF page: lines kept as printed',
      file: 'c.txt',
      text: '春耕生产全面展开\n\n眼下正值春耕时节，各地农民抢抓\n农时，田间地头一派繁忙景象。\n',
      format: 'text',
      layout: 'lines',
      blocks: [['paragraph', '春耕生产全面展开'], ['paragraph', '眼下正值春耕时节，各地农民抢抓\n农时，田间地头一派繁忙景象。']],
    },
    {
      name: 'an RSS feed: one item each, no blocks of its own',
      file: 'd.xml',
      text: '<?xml version="1.0"?><rss version="2.0"><channel><title>某某网</title><item><title>春耕生产全面展开</title><pubDate>Thu, 07 Mar 2024 08:00:00 +0800</pubDate><description>眼下正值春耕时节，各地农民抢抓农时。</description></item><item><title>油价下调</title><description>国内油价迎来年内第三次下调。</description></item></channel></rss>',
      format: 'feed',
      layout: 'flow',
      blocks: [],
      items: 2,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = parse(decoded(c.file, c.text), reporter);
      assert.equal(p.format, c.format);
      assert.equal(p.layout, c.layout);
      if (c.title) assert.equal(p.meta.title, c.title);
      if (c.date) assert.equal(p.meta.date, c.date);
      assert.deepEqual(p.blocks.map((b) => [b.kind, b.text]), c.blocks);
      assert.equal(p.items?.length, c.items);
    });
  }

  it('reads past broken front matter and says it was ignored', () => {
    notes.length = 0;
    const p = parse(decoded('e.md', '---\ntitle: [broken\n---\n\n正文一段。\n'), reporter);
    assert.deepEqual(p.blocks.map((b) => b.text), ['正文一段。']);
    assert.equal(p.meta.title, undefined);
    assert.ok(notes.some((n) => /front-matter/.test(n)), notes.join(', '));
  });
});
