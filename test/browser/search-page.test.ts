/**
 * The search page in a real Chromium (Debian's /usr/bin/chromium, driven by playwright-core; no
 * browser is downloaded): type a query, pick a suggestion, click a facet, open an article, go back.
 * Screenshots at desktop and phone width go to test-output/.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/gateway/app.js';
import { SuggestionIndex } from '../../src/gateway/suggest.js';
import { syncSeeds } from '../../indexer/sync/sync.js';
import { ROOT, SEEDS, silentLogger, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUTPUT = path.join(ROOT, 'test-output');
/**
 * The page is opened by a host name, as a colleague opens the service on another machine
 * (HOST=0.0.0.0): browsers treat localhost as secure and 127.0.0.1 alike, which hides what
 * plain HTTP on any other host does (an upgrade-insecure-requests policy sent every asset to https).
 */
const HOST_NAME = 'news-search.lan';
/** Flags for a headless Chromium on a machine without network or GPU; the host name resolves to the loopback server. */
const FLAGS = [`--host-resolver-rules=MAP ${HOST_NAME} 127.0.0.1`, '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

describe('the search page in Chromium', () => {
  const engine = testEngine();
  const indexName = uniqueIndex('page');
  let server: Server;
  let base: string;
  let browser: Browser;

  before(async () => {
    // A missing browser fails the suite: .ci/run installs Debian's chromium (apt-get install -y chromium).
    assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: run apt-get install -y chromium, or set CHROMIUM_PATH`);
    await syncSeeds({ seedsDir: SEEDS, dataDir: await tempDir(), indexName, maxFileBytes: 2e7, engine });
    const suggestions = new SuggestionIndex();
    await suggestions.refresh(engine, indexName);
    server = createApp({ engine, indexName, logger: silentLogger, suggestions }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://${HOST_NAME}:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    await mkdir(OUTPUT, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await engine.deleteIndex(indexName).catch(() => {});
  });

  /** Waits until the page has rendered what its address asks for. */
  async function settled(page: Page): Promise<void> {
    await page.locator('main[aria-busy="false"]').waitFor();
  }

  async function hits(page: Page): Promise<string[]> {
    return page.locator('#results li.hit h3').allTextContents();
  }

  it('loads its stylesheet and script over plain HTTP from a host name that is not loopback', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    const assets: string[] = [];
    page.on('requestfinished', (r) => assets.push(r.url()));
    await page.goto(base);
    await settled(page);
    assert.deepEqual(failed, []);
    assert.ok(assets.includes(`${base}/style.css`) && assets.includes(`${base}/app.js`), assets.join('\n'));
    // The stylesheet applied (the header sticks) and the script ran (the page settled, the box took a suggestion list).
    assert.equal(await page.locator('header.top').evaluate((e) => e.ownerDocument.defaultView!.getComputedStyle(e).position), 'sticky');
    await page.close();
  });

  it('searches by picking a suggestion, filters by a facet, opens an article and comes back', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await settled(page);

    // Type pinyin; the suggestions list opens and is keyboard navigable.
    await page.locator('#q').pressSequentially('jinzhuan', { delay: 30 });
    await page.locator('#suggestions li').first().waitFor();
    assert.equal(await page.locator('#q').getAttribute('aria-expanded'), 'true');
    const first = (await page.locator('#suggestions li').first().locator('span').first().textContent()) ?? '';
    assert.match(first, /金砖/);
    // Escape closes the list and keeps what was typed; typing again brings the list back.
    await page.keyboard.press('Escape');
    await page.locator('#suggestions').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('#q').inputValue(), 'jinzhuan');
    assert.equal(await page.locator('#q').getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('n');
    await page.locator('#suggestions li').first().waitFor();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#suggestions li').first().getAttribute('aria-selected'), 'true');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === first);
    await settled(page);
    assert.match(await page.locator('#summary').textContent() ?? '', /共 \d+ 篇报道/);
    assert.ok((await page.locator('#results mark').count()) > 0, 'matches are highlighted');

    // A plain query with several results, then a source facet.
    await page.locator('#q').fill('金砖');
    await page.locator('#q').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === '金砖');
    await settled(page);
    const before = await hits(page);
    assert.ok(before.length > 1);
    await page.locator('#results li.hit .also').first().waitFor();
    assert.match((await page.locator('#results li.hit .also').first().textContent()) ?? '', /也见于：/);
    await page.screenshot({ path: path.join(OUTPUT, 'search-desktop.png'), fullPage: true });

    await page.locator('#facets button[data-facet="source"][data-value="新华社"]').click();
    await page.waitForURL((u) => u.searchParams.getAll('source').includes('新华社'));
    await settled(page);
    const metas = await page.locator('#results li.hit .meta').allTextContents();
    assert.ok(metas.length > 0 && metas.every((m) => m.startsWith('新华社')), metas.join('\n'));
    assert.equal(await page.locator('#facets button[data-value="新华社"]').getAttribute('aria-pressed'), 'true');

    // Open an article, then come back to the same filtered results.
    const title = (await page.locator('#results li.hit h3 a').first().textContent()) ?? '';
    await page.locator('#results li.hit h3 a').first().click();
    await page.waitForURL((u) => u.searchParams.has('article'));
    await settled(page);
    assert.equal(await page.locator('#article-view h1').textContent(), title);
    // The searched word is marked in the article as it was in the results.
    assert.ok((await page.locator('#article-view .body mark').count()) > 0, 'the searched words are marked in the article');
    assert.ok((await page.locator('#article-view .body mark').allTextContents()).every((t) => t === '金砖'));
    assert.ok((await page.locator('#article-view .body p').count()) > 1);
    assert.ok(new URL(page.url()).searchParams.get('article'));
    await page.screenshot({ path: path.join(OUTPUT, 'article-desktop.png'), fullPage: true });
    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('article'));
    await settled(page);
    assert.equal(await page.locator('#article-view').isHidden(), true);
    assert.equal(new URL(page.url()).searchParams.get('article'), null);
    assert.deepEqual(new URL(page.url()).searchParams.getAll('source'), ['新华社']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('reproduces a shared link, shows an empty state, and reads at phone width', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`${base}/?q=${encodeURIComponent('金砖')}&sort=newest&topic=${encodeURIComponent('外交')}`);
    await settled(page);
    assert.equal(await page.locator('#sort').inputValue(), 'newest');
    assert.equal(await page.locator('#q').inputValue(), '金砖');
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    assert.ok(width <= 390, `no horizontal scrolling at phone width (${width}px)`);
    // Every facet column is on the screen (the third ran off it, clipped).
    const columns = await page.locator('#facets section').evaluateAll((sections) => sections.map((e) => e.getBoundingClientRect().right));
    assert.ok(columns.length === 3 && columns.every((right) => right <= 390), `facet columns end at ${columns.join(', ')}px`);
    await page.screenshot({ path: path.join(OUTPUT, 'search-phone.png'), fullPage: true });
    // An article whose file gives no year says so rather than showing nothing.
    await page.goto(`${base}/?q=${encodeURIComponent('云合影')}`);
    await settled(page);
    assert.match((await page.locator('#results li.hit .meta').first().textContent()) ?? '', /日期未知/);
    await page.goto(`${base}/?q=${encodeURIComponent('完全不存在的词语组合')}`);
    await settled(page);
    assert.equal(await page.locator('#results .state.empty').count(), 1);
    await page.close();
  });
});
