/** Bad input never aborts a run: each bad file is reported with a reason or indexed as far as it is sound. */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { before, describe, it } from 'node:test';
import { dryRun, type ArticleRecord } from '../../indexer/sync/dry-run.js';
import type { FileReport } from '../../indexer/sync/sync.js';
import { tempDir } from '../helpers/env.js';

const MIB = 1024 * 1024;
const GOOD = '新华社北京5月6日电（记者陈晨）国家统计局6日发布数据显示，4月份全国规模以上工业增加值同比增长6.1%。\n\n这是一条完好的新闻，应当被正常索引。\n';

describe('bad input', () => {
  const reports = new Map<string, FileReport>();
  const articles: ArticleRecord[] = [];

  before(async () => {
    const dir = await tempDir();
    const sentence = '这是一段没有换行的超长文本，用来检验索引器在极端输入下仍然能够完成工作。';
    const oneLine = sentence.repeat(Math.floor((20 * MIB - 1024) / Buffer.byteLength(sentence)));
    await Promise.all([
      writeFile(path.join(dir, 'good.txt'), GOOD),
      writeFile(path.join(dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])),
      writeFile(path.join(dir, 'empty.txt'), ''),
      writeFile(path.join(dir, 'furniture.txt'), '扫码下载齐鲁壹点\n找记者 上壹点\n编辑:于梅君 美编:马秀霞 组版:颜莉\n2025年07月01日 22:08:32\n2025年07月01日 10:51:57\n'),
      writeFile(path.join(dir, 'one-line.txt'), oneLine),
      writeFile(path.join(dir, 'broken-front-matter.md'), "---\ntitle: [不闭合的方括号\nauthor: 某报\n---\n\n前言部分的正文依然应当被索引。第二句话在这里。\n"),
      writeFile(path.join(dir, 'unbalanced.html'), '<html><head><title>不平衡的网页</title></head><body><div><p>第一段正文，标签没有闭合。<p>第二段正文</span>也有多余的结束标签。</div></div></td><script>var x = "<p>";</script>'),
    ]);
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line) articles.push(JSON.parse(line) as ArticleRecord);
        done();
      },
    });
    for (const r of await dryRun(dir, 20 * MIB, sink)) reports.set(r.file, r);
  });

  const rejected: [string, RegExp][] = [
    ['image.txt', /binary/],
    ['empty.txt', /empty/],
    ['furniture.txt', /no article text/],
  ];
  for (const [file, reason] of rejected) {
    it(`rejects ${file} with a reason`, () => {
      const r = reports.get(file);
      assert.equal(r?.status, 'rejected');
      assert.match(r.diagnostics.find((d) => d.severity === 'error')?.reason ?? '', reason);
    });
  }

  it('indexes the good file next to them', () => {
    assert.equal(reports.get('good.txt')?.status, 'indexed');
    assert.ok(articles.some((a) => a.file === 'good.txt' && a.body.includes('同比增长6.1%')));
  });

  it('indexes a 20 MiB file of one line as far as it is sound', () => {
    const r = reports.get('one-line.txt');
    assert.equal(r?.status, 'indexed');
    assert.ok((r?.chunks ?? 0) > 1000);
  });

  it('indexes a file with broken front matter, and says the front matter was ignored', () => {
    const r = reports.get('broken-front-matter.md');
    assert.equal(r?.status, 'indexed');
    assert.ok(r.diagnostics.some((d) => d.rule === 'parse/front-matter' && d.severity === 'warning'));
    const a = articles.find((x) => x.file === 'broken-front-matter.md');
    assert.ok(a, 'an article from the file');
    assert.ok(a.body.includes('前言部分的正文依然应当被索引'));
    assert.ok(!a.body.includes('title:'));
  });

  it('indexes unbalanced HTML, without tags or scripts', () => {
    const a = articles.find((x) => x.file === 'unbalanced.html');
    assert.ok(a);
    assert.ok(a.body.includes('第一段正文') && a.body.includes('第二段正文'));
    assert.ok(!/[<>]|var x/.test(a.body));
  });
});
