/**
 * sort=newest / oldest: every page in date order (undated articles last), across story grouping
 * and paging; relevance order when no sort is asked. Against the real engine, over a folder of
 * generated articles, some dated and some not, all matching one word.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import { clausePool, generateArticles } from '../../bench/corpus.js';
import { createApp } from '../../src/gateway/app.js';
import type { SearchHitView } from '../../src/gateway/search.js';
import { syncSeeds } from '../../indexer/sync/sync.js';
import { silentLogger, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';

const engine = testEngine();
const WORD = '湿地';
const PER_PAGE = 7;

/** Dates compared as the order asks, nulls after every date in both orders. */
function inOrder(dates: (string | null)[], direction: 'desc' | 'asc'): boolean {
  return dates.every((d, i) => {
    const next = dates[i + 1];
    if (next === undefined) return true;
    if (d === null) return next === null;
    if (next === null) return true;
    return direction === 'desc' ? d >= next : d <= next;
  });
}

describe('sorting search results by date', () => {
  const indexName = uniqueIndex('sort');
  let app: Express;
  let titled: Set<string>;

  before(async () => {
    const seeds = await tempDir('news-search-sort-');
    await mkdir(seeds, { recursive: true });
    const articles = generateArticles(40, await clausePool(), 7).filter((a) => a.reprintOf === undefined).slice(0, 30);
    titled = new Set();
    await Promise.all(
      articles.map((a, i) => {
        // Every third article states no date (and its dateline no year); a few carry the word in the title, the rest in the lead.
        const dated = i % 3 !== 0;
        const title = i % 5 === 0 ? `${a.title}${WORD}` : a.title;
        if (i % 5 === 0) titled.add(title);
        const lead = `${WORD}观察：${a.paragraphs[1]}`;
        const front = [`title: '${title}'`, `author: ${a.source}`, ...(dated ? [`date: ${a.date}`] : [])].join('\n');
        return writeFile(path.join(seeds, `a${String(i).padStart(2, '0')}.md`), `---\n${front}\n---\n\n${[lead, ...a.paragraphs.slice(2)].join('\n\n')}\n`);
      }),
    );
    await syncSeeds({ seedsDir: seeds, dataDir: await tempDir(), indexName, maxFileBytes: 2e7, engine });
    app = createApp({ engine, indexName, logger: silentLogger });
  });
  after(async () => {
    await engine.deleteIndex(indexName).catch(() => {});
  });

  async function allPages(sort?: string): Promise<{ total: number; hits: SearchHitView[] }> {
    const hits: SearchHitView[] = [];
    let total = 0;
    for (let page = 1; page === 1 || hits.length < total; page++) {
      const res = await request(app).get('/api/search').query({ q: WORD, perPage: PER_PAGE, page, ...(sort ? { sort } : {}) }).expect(200);
      total = res.body.total as number;
      hits.push(...(res.body.hits as SearchHitView[]));
      assert.ok(page < 20, 'paging ends');
    }
    return { total, hits };
  }

  it('orders every page newest first, undated articles last', async () => {
    const { total, hits } = await allPages('newest');
    assert.ok(total > 3 * PER_PAGE, `several pages (${total} hits)`);
    assert.equal(new Set(hits.map((h) => h.id)).size, total, 'no hit twice across pages');
    const dates = hits.map((h) => h.date);
    assert.ok(dates.includes(null) && dates.filter((d) => d !== null).length > PER_PAGE, 'dated and undated hits');
    assert.ok(inOrder(dates, 'desc'), dates.join(' '));
  });

  it('orders every page oldest first, undated articles last', async () => {
    const { hits } = await allPages('oldest');
    const dates = hits.map((h) => h.date);
    assert.ok(inOrder(dates, 'asc'), dates.join(' '));
  });

  it('keeps relevance order when no sort is asked: headline matches first, whatever their date', async () => {
    const { hits } = await allPages();
    const top = hits.slice(0, titled.size).map((h) => h.title);
    assert.deepEqual(new Set(top), titled);
    const relevance = await allPages('relevance');
    assert.deepEqual(relevance.hits.map((h) => h.id), hits.map((h) => h.id));
  });
});
