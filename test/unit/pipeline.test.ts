import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { linkResults, processBytes } from '../../indexer/pipeline.js';
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
