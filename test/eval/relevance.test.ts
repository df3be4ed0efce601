/**
 * Relevance guards (no timing): the evaluation's figures on both judged sets (eval/queries.json,
 * eval/queries-web.json) do not fall below what README.md states and Traditional queries return
 * what their Simplified twins return (eval/evaluate.ts checks each twin); a word inside a longer
 * word is found, a 20-character query still finds its article first.
 */
import assert from 'node:assert/strict';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import { combine, evaluate, type EvalSetName } from '../../eval/evaluate.js';
import { createApp } from '../../src/gateway/app.js';
import { syncSeeds } from '../../indexer/sync/sync.js';
import { ROOT, SEEDS, silentLogger, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';

const TOLERANCE = 0.02;

describe('relevance figures', () => {
  it('keeps each judged set within 0.02 of its stated nDCG@10, answers nothing when nothing is relevant, beats raw Meilisearch, and answers Traditional queries as their Simplified twins', async () => {
    const expected = JSON.parse(await readFile(path.join(ROOT, 'eval', 'expected.json'), 'utf8')) as Record<EvalSetName | 'combined', { ndcg10: number; noResultAccuracy: number }>;
    const results = [await evaluate('fixtures'), await evaluate('web')];
    for (const r of results) {
      const { ours, baseline } = r.overall;
      assert.ok(ours.ndcg10 >= expected[r.set].ndcg10 - TOLERANCE, `${r.set}: nDCG@10 ${ours.ndcg10.toFixed(3)} < ${expected[r.set].ndcg10} - ${TOLERANCE}`);
      assert.ok(ours.noResultAccuracy >= expected[r.set].noResultAccuracy, `${r.set}: no-result accuracy ${ours.noResultAccuracy}`);
      assert.ok(ours.ndcg10 > baseline.ndcg10, `${r.set}: ${ours.ndcg10} against the baseline's ${baseline.ndcg10}`);
      assert.ok(r.parity.checked > 30, `${r.set}: ${r.parity.checked} twins`);
      assert.deepEqual(r.parity.differing, [], `${r.set}: Traditional twins answered differently`);
    }
    const combined = combine(results).overall.ours;
    assert.ok(combined.ndcg10 >= expected.combined.ndcg10 - TOLERANCE, `combined nDCG@10 ${combined.ndcg10.toFixed(3)}`);
  });
});

describe('query behaviour', () => {
  const engine = testEngine();
  const indexName = uniqueIndex('relevance');
  let app: Express;
  const ids = async (q: string) => ((await request(app).get('/api/search').query({ q, perPage: 10 })).body.hits as { id: string }[]).map((h) => h.id);

  before(async () => {
    const dir = await tempDir();
    await cp(SEEDS, dir, { recursive: true });
    await writeFile(path.join(dir, 'bank.txt'), '本报讯（记者王明）中国农业发展银行日前发布数据，今年累计发放粮食收购贷款超过两千亿元，有力支持了夏粮收购工作。\n');
    await writeFile(path.join(dir, 'office.txt'), '本报讯（记者李华）市政务服务中心设立专窗，群众反映的待处理事项已全部办结，办理时限平均缩短三成。\n');
    await syncSeeds({ seedsDir: dir, dataDir: await tempDir(), indexName, maxFileBytes: 2e7, engine });
    app = createApp({ engine, indexName, logger: silentLogger });
  });
  after(async () => {
    await engine.deleteIndex(indexName).catch(() => {});
  });

  const inside: [string, string][] = [
    ['农业', '中国农业发展银行'],
    ['银行', '中国农业发展银行'],
    ['处理', '待处理'],
    ['处理事项', '待处理事项'],
  ];
  for (const [word, within] of inside) {
    it(`finds ${word} inside ${within}, every time`, async () => {
      const res = await request(app).get('/api/search').query({ q: word }).expect(200);
      const hits = res.body.hits as { title: string; snippet: string }[];
      assert.ok(hits.some((h) => `${h.title}${h.snippet}`.replace(/<\/?mark>/g, '').includes(within)), JSON.stringify(hits.map((h) => h.title)));
    });
  }

  it('finds the article of a 20-character query first (the engine keeps only 10 query words)', async () => {
    const phrase = '国家能源局局长章建华23日表示我国建成了具备国际竞争优势';
    assert.ok(phrase.length >= 20);
    const res = await request(app).get('/api/search').query({ q: phrase }).expect(200);
    assert.equal(res.body.hits[0]?.title, '我国建成具备国际竞争优势的新能源全产业链体系');
  });

  it('reads full-width Latin and digits as typed by Chinese input methods', async () => {
    assert.deepEqual(await ids('１２３３３ＡＰＰ'), await ids('12333APP'));
    assert.ok((await ids('12333APP')).length > 0);
  });
});
