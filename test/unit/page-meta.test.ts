/** What a saved page states about itself (indexer/extract/page-meta.ts): the copyright line at its foot as the site's name of last resort. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { copyrightHolder, readPageMeta } from '../../indexer/extract/page-meta.js';

const page = (foot: string, head = '') =>
  parseHTML(`<!doctype html><html><head><title>春耕生产全面展开</title>${head}</head><body><h1>春耕生产全面展开</h1><p>眼下正值春耕时节，各地农民抢抓农时。</p><div class="foot">${foot}</div></body></html>`).document;

describe('page-meta: the copyright line', () => {
  const cases: [string, string, string | null][] = [
    ['© year, name, domain', '<p>© 2019 某某头条 www.example.com</p>', '某某头条'],
    ['Copyright ©, a span of years', '<p>Copyright © 1997-2024 某某网 All Rights Reserved</p>', '某某网'],
    ['the name before 版权所有', '<span>某某日报社 版权所有</span><span>京ICP备00000000号</span>', '某某日报社'],
    ['版权所有 with a colon', '<p>版权所有：某某新闻网</p>', '某某新闻网'],
    ['the year and the name in two elements', '<span>©2023</span><a>某某晚报</a>', '某某晚报'],
    ['a Latin holder names no Chinese site', '<p>Copyright 2014-present Example Corporation.</p>', null],
    ['no copyright line', '<p>关于我们 | 联系我们</p>', null],
  ];
  for (const [name, foot, want] of cases) it(`${name}: ${want}`, () => assert.equal(copyrightHolder(page(foot)), want));

  it('never reads a script', () => {
    assert.equal(copyrightHolder(page('<script>/* © 2020 某某网 */</script><p>完</p>')), null);
  });

  it('is the site name only where no tag or title suffix names the site', () => {
    assert.equal(readPageMeta(page('<p>© 2019 某某头条</p>')).siteName, '某某头条');
    assert.equal(readPageMeta(page('<p>© 2019 某某头条</p>', '<meta property="og:site_name" content="另一个网">')).siteName, '另一个网');
  });
});

describe('page-meta: the source a page script names', () => {
  const cases: [string, string, string | null][] = [
    ['a page config object, its key unquoted', "<script>window.pageConfig = { id: 'a1', source: '城东日报', category: '国内' };</script>", '城东日报'],
    ['another key and quotes', '<script>var article = {title: "春耕生产全面展开", mediaName: "城南晚报网"};</script>', '城南晚报网'],
    ['a JSON list of other articles, its keys quoted', '<script>var related = [{"title":"别的新闻","source":"某某科技"}];</script>', null],
    ['a code, not a name', "<script>var cfg = { source: 'pc_web' };</script>", null],
  ];
  for (const [name, script, want] of cases) it(`${name}: ${want}`, () => assert.equal(readPageMeta(page('', script)).source, want));

  it('yields to the source the page prints', () => {
    const printed = parseHTML(`<!doctype html><html><head><title>春耕生产全面展开</title><script>var c = { source: '城东日报' };</script></head><body><h1>春耕生产全面展开</h1><p>2024-04-01 来源：城西晚报</p><p>眼下正值春耕时节，各地农民抢抓农时。</p></body></html>`).document;
    assert.equal(readPageMeta(printed).source, '城西晚报');
  });
});
