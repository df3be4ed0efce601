import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { linkResults, processBytes } from '../../indexer/sync/pipeline.js';
import { ROOT } from '../helpers/env.js';

describe('processBytes on a Traditional scrape', () => {
  it('indexes Simplified text and keeps the cleaned original for display', async () => {
    const bytes = await readFile(path.join(ROOT, 'test', 'fixtures', 'trad-scrape', 'input.txt'));
    const result = processBytes('trad.txt', bytes);
    assert.ok(result.ok);
    const [article] = result.articles;
    assert.equal(article?.script, 'traditional');
    assert.match(article?.body ?? '', /数字乡村/);
    assert.match(article?.originalBody ?? '', /數字鄉村/);
    assert.doesNotMatch(article?.originalBody ?? '', /\(shù\)|總監製|\?/);
    linkResults([result]);
    const docs = result.chunks;
    assert.equal(docs[0]?.original, article?.originalBody);
    assert.ok(docs.slice(1).every((d) => d.original === null));
  });

  it('keeps no original for Simplified text', async () => {
    const result = processBytes('s.txt', Buffer.from('新华社北京5月6日电（记者陈晨）国家统计局6日发布数据。\n'));
    assert.ok(result.ok);
    assert.equal(result.articles[0]?.originalBody, null);
  });
});

describe('processBytes on text a PDF extractor gave with radical code points', () => {
  it('reads the date, the dateline and the words once the radicals are folded back', () => {
    // pdf.js gives 月, 日, 大, 长 … of many fonts as Kangxi or supplement radicals.
    const page = [
      '⻓江⼤桥通⻋⼗周年',
      '2024年06⽉23⽇ 09:30 来源：新华社',
      '新华社武汉6⽉23⽇电（记者王⼩明）⻓江⼤桥通⻋⼗周年纪念活动23⽇在武汉举⾏，⼤桥累计通⾏⻋辆超过两亿辆次。',
      '据介绍，⼤桥⽇均⻋流量已经超过⼗万辆，成为城市交通的重要通道，有关部⻔将继续加强养护管理。',
    ].join('\n');
    const result = processBytes('pdfjs-page.txt', Buffer.from(page));
    assert.ok(result.ok);
    const [article] = result.articles;
    assert.equal(article?.title, '长江大桥通车十周年');
    assert.equal(article?.date, '2024-06-23');
    assert.equal(article?.source, '新华社');
    assert.equal(article?.agency, '新华社');
    assert.deepEqual(article?.reporters, ['王小明']);
    assert.doesNotMatch(article?.body ?? '', /[\u2e80-\u2fdf]/);
  });
});

describe('pages of one issue', () => {
  const BODY = '记者从市交通运输局获悉，今年以来全市新增城市绿道一百二十公里，串联起沿江公园和老城街巷。';
  const REST = '沿线新建驿站十二座，配套停车位三百余个，方便市民骑行和步行。市交通运输局表示，年内还将新建绿道八十公里。';
  it('links an article continued on a later page whose head leaves out the year', () => {
    const first = processBytes('e-p1.txt', Buffer.from(`滨江日报\n\n2024年7月3日 星期三\n第1版\n\n绿道串起城市生活\n\n本报讯（记者张某）${BODY}\n（下转第3版）\n`));
    const later = processBytes('e-p3.txt', Buffer.from(`滨江日报 第3版 综合 7月3日 星期三\n\n绿道串起城市生活\n\n（上接第1版）${REST}\n`));
    const other = processBytes('f-p3.txt', Buffer.from(`滨江日报 第3版 综合 8月9日 星期五\n\n绿道串起城市生活\n\n（上接第1版）${REST}\n`));
    assert.ok(first.ok && later.ok && other.ok);
    linkResults([first, later, other]);
    assert.equal(later.articles[0]!.storyId, first.articles[0]!.storyId, 'the continuation joins the first part of the same day');
    assert.notEqual(other.articles[0]!.storyId, first.articles[0]!.storyId, 'another day is another issue');
    assert.equal(later.articles[0]!.date, null, 'a head without the year states no date');
  });
});
