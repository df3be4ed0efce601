/**
 * Saved pages and feeds in the shapes real ones take (written for these tests: no real site,
 * headline or person): the main content whatever the chrome's class names, text in forms, hidden
 * and scripted text never, keyword stuffing never; the headline, date, source and writers as the
 * page prints them; feed items one article each.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHtml } from '../../indexer/extract/parse-html.js';
import { stripTitleSuffix } from '../../indexer/extract/page-meta.js';
import { parseFeed } from '../../indexer/extract/parse-feed.js';
import { processBytes } from '../../indexer/sync/pipeline.js';

const PARAS = [
  '记者从市交通运输局获悉，今年全市新开通公交线路二十条，覆盖新建小区和产业园区，市民出行更加便捷。',
  '据介绍，新线路采用新能源车辆运营，高峰时段发车间隔缩短至八分钟，平峰时段不超过十五分钟。',
  '交通部门表示，下一步将根据客流变化动态调整线路走向，并在重点站点增设候车亭和实时到站信息屏。',
];
const body = PARAS.map((p) => `<p>${p}</p>`).join('\n');
const page = (head: string, main: string, tail = '') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body><div class="nav"><a href="/">首页</a> <a href="/n">新闻</a> <a href="/s">体育</a></div>${main}${tail}<div class="footer">版权所有 某某网</div></body></html>`;
const text = (html: string) => parseHtml(html).blocks.map((b) => b.text).join('\n');

/** Other text on the page, long enough for content scoring to take it when the article is dropped. */
const OTHER = '<div class="recommend"><p>推荐阅读：本市将举办秋季运动会，欢迎市民踊跃报名参加，报名截止时间为本月底，详情请咨询社区服务中心。</p><p>另据报道，城区部分道路将于周末封闭施工，请驾驶员提前规划路线，注意交通安全，服从现场指挥。</p></div>';

describe('main content', () => {
  // Readability drops subtrees whose class or id sounds like chrome; alone, it returns OTHER for both pages.
  it('finds the article whose wrapper has a class name that sounds like page chrome', () => {
    const html = page('<title>公交线路新开二十条_某某网</title>', `<div class="art_header"><h1>公交线路新开二十条</h1>${body}</div>`, OTHER);
    assert.match(text(html), /动态调整线路走向/);
    assert.ok(text(html).startsWith(PARAS[0]!), 'the article is the content, from its first paragraph');
  });

  it('finds the article inside a second chrome-sounding wrapper (header and sidebar classes)', () => {
    const html = page('<title>公交线路新开二十条</title>', `<div id="main_sidebar"><section class="news-header"><h1>公交线路新开二十条</h1>${body}</section></div>`, OTHER);
    assert.match(text(html), /覆盖新建小区和产业园区/);
  });

  it('reads the text of a law printed inside a form', () => {
    const html = page('<title>某某条例全文</title>', `<form action="/search"><h1>某某条例全文</h1>${body}<input type="submit"></form>`);
    assert.match(text(html), /高峰时段发车间隔缩短至八分钟/);
  });

  it('leaves hidden, scripted and styled text out, wherever it is', () => {
    const html = page('<title>公交线路新开二十条</title>', `<article><h1>公交线路新开二十条</h1>${body}<div style="display:none"><p>隐藏的推广文字不应出现。</p></div><script>var s = "脚本里的文字";</script><p hidden>另一段隐藏文字。</p></article>`);
    const t = text(html);
    assert.doesNotMatch(t, /隐藏的推广文字|脚本里的文字|另一段隐藏文字/);
  });

  for (const [name, keywords] of [
    ['comma-separated', Array.from({ length: 600 }, (_, i) => `关键词${i}`).join(',')],
    ['space-separated', Array.from({ length: 700 }, (_, i) => `热搜${i % 50}号`).join(' ')],
  ] as const) {
    it(`never takes a block of ${name} keywords for the article`, () => {
      const html = page('<title>公交线路新开二十条</title>', `<article><h1>公交线路新开二十条</h1>${body}</article>`, `<div class="seo">${keywords}</div>`);
      const t = text(html);
      assert.match(t, /候车亭/);
      assert.doesNotMatch(t, /关键词12|热搜12号/);
    });
  }
});

describe('what the page states about its article', () => {
  it('reads the headline, and the date and source printed under it', () => {
    const html = page('<title>公交线路新开二十条_交通频道_某某网</title><meta property="og:title" content="公交线路新开二十条">', `<div><h1>公交线路新开二十条</h1><div class="info">2023-05-06 09:30 来源：某某晚报 作者：张某某</div>${body}</div>`);
    const { page: p } = parseHtml(html);
    assert.deepEqual([p.title, p.date, p.source, p.authors], ['公交线路新开二十条', '2023-05-06', '某某晚报', ['张某某']]);
    assert.deepEqual([p.titleFrom, p.dateFrom, p.sourceFrom], ['h1', 'line', 'line:label']);
  });

  it('reads a date and source printed as separate lines, and an editor never as a writer', () => {
    const html = page('<title>公交线路新开二十条-某某网</title>', `<div><h2>公交线路新开二十条</h2><span>2021年3月4日 08:00</span><span>某某日报</span><span>编辑：李某某</span>${body}</div>`);
    const { page: p } = parseHtml(html);
    assert.deepEqual([p.date, p.source, p.authors], ['2021-03-04', '某某日报', []]);
  });

  it('takes JSON-LD and meta tags when nothing is printed under the headline', () => {
    const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: '公交线路新开二十条', datePublished: '2022-08-09T23:30:00Z', publisher: { '@type': 'Organization', name: '某某新闻网' } });
    const html = page(`<title>公交线路新开二十条 | 某某新闻网</title><script type="application/ld+json">${ld}</script>`, `<div><h1>公交线路新开二十条</h1>${body}</div>`);
    const { page: p } = parseHtml(html);
    // 23:30 UTC is the next morning in China.
    assert.deepEqual([p.date, p.dateFrom, p.source, p.sourceFrom], ['2022-08-10', 'json-ld', '某某新闻网', 'json-ld']);
  });

  it('takes the one h1 for the headline when the <title> names only the site', () => {
    const html = page('<title>某某新闻网</title>', `<div><h1>公交线路新开二十条</h1><p>2020-02-03 10:00 来源：某某晚报</p>${body}</div>`);
    const { page: p } = parseHtml(html);
    assert.deepEqual([p.title, p.titleFrom, p.date, p.source], ['公交线路新开二十条', 'h1', '2020-02-03', '某某晚报']);
  });

  it('reads a headline that links to its own article, and the date under it', () => {
    const html = page('<title>公交线路新开二十条_某某网</title>', `<div><h1><a href="/a/1.html">公交线路新开二十条</a></h1><div>2021-07-08 16:20:00</div>${body}</div>`);
    const { page: p } = parseHtml(html);
    assert.deepEqual([p.title, p.titleFrom, p.date, p.dateFrom], ['公交线路新开二十条', 'h1', '2021-07-08', 'line']);
  });

  it('keeps the <title> when two h1 compete (a logo and a headline)', () => {
    const html = page('<title>公交线路新开二十条 - 某某新闻网</title>', `<h1>某某新闻网首页</h1><div><h1>公交线路新开二十条</h1>${body}</div>`);
    assert.equal(parseHtml(html).page.title, '公交线路新开二十条');
  });

  it('never takes an e-mail address or a number from a meta tag for a source', () => {
    const html = page('<title>公交线路新开二十条</title><meta name="source" content="name, someone@example.com"><meta name="author" content="12345">', `<div><h1>公交线路新开二十条</h1>${body}</div>`);
    assert.equal(parseHtml(html).page.source, null);
  });

  const titles: [string, string][] = [
    ['公交线路新开二十条_交通频道_某某网', '公交线路新开二十条'],
    ['公交线路新开二十条-股票频道-某某网', '公交线路新开二十条'],
    ['全国人大常委会关于某某的决议__2007年第23号公报_某某网', '全国人大常委会关于某某的决议'],
    ['1-10月全县投资结构趋稳趋优', '1-10月全县投资结构趋稳趋优'],
    ['公交线路新开二十条 | Some News', '公交线路新开二十条'],
  ];
  for (const [title, head] of titles) it(`strips the site from the title "${title}"`, () => assert.equal(stripTitleSuffix(title).head, head));
});

describe('feeds', () => {
  const rss = (items: string) => `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>某某博客</title>${items}</channel></rss>`;

  it('reads an item held in CDATA once, though it has a description and full content', () => {
    const items = parseFeed(rss(`<item><title>第一篇</title><pubDate>Tue, 27 Sep 2005 09:15:38 +0800</pubDate><dc:creator>王某某</dc:creator><description><![CDATA[<p>${PARAS[0]}</p>]]></description><content:encoded><![CDATA[<p>${PARAS[0]}</p><p>${PARAS[1]}</p>]]></content:encoded></item>`));
    assert.equal(items.length, 1);
    assert.deepEqual([items[0]!.meta.title, items[0]!.meta.date, items[0]!.meta.authors], ['第一篇', '2005-09-27', ['王某某']]);
    assert.equal(items[0]!.blocks.map((b) => b.text).join('\n'), `${PARAS[0]}\n${PARAS[1]}`);
  });

  it('reads escaped HTML in an item and an Atom entry', () => {
    const escaped = parseFeed(rss(`<item><title>第二篇</title><description>&lt;p&gt;${PARAS[2]}&lt;/p&gt;</description></item>`));
    assert.equal(escaped[0]!.blocks[0]!.text, PARAS[2]);
    const atom = parseFeed(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>某某站</title><entry><title>第三篇</title><published>2006-01-02T03:04:05+08:00</published><author><name>赵某</name></author><content type="html">&lt;p&gt;${PARAS[1]}&lt;/p&gt;</content></entry></feed>`);
    assert.deepEqual([atom[0]!.meta.title, atom[0]!.meta.date, atom[0]!.meta.authors, atom[0]!.blocks[0]!.text], ['第三篇', '2006-01-02', ['赵某'], PARAS[1]]);
  });

  it('makes each item an article of its own in the pipeline', () => {
    const xml = rss(PARAS.map((p, i) => `<item><title>第${i + 1}篇</title><description><![CDATA[${p}]]></description></item>`).join(''));
    const r = processBytes('feed.xml', Buffer.from(xml));
    assert.ok(r.ok);
    assert.deepEqual(r.articles.map((a) => a.title), ['第1篇', '第2篇', '第3篇']);
    assert.deepEqual(r.articles.map((a) => a.source), ['某某博客', '某某博客', '某某博客']);
  });
});
