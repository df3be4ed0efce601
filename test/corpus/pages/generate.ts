/**
 * `npm run corpus:pages -- --out DIR [--seed N] [--pages N]`: newspaper pages typeset from real
 * article texts, printed to PDF by Chromium and read back by real PDF extractors, with the truth of
 * every article. Writes, for each extractor, a seeds folder of the extracted pages (with the
 * sidecar declarations an operator would write), and one truth file in the samples' schema:
 *
 *   DIR/truth.json            files → { features, declared?, articles[] }, stories (continued parts)
 *   DIR/pdftotext/NAME.txt    poppler's pdftotext, reading order (its default)
 *   DIR/layout/NAME.txt       pdftotext -layout: the physical layout, columns side by side
 *   DIR/pdfjs/NAME.txt        pdf.js (through unpdf): text items in drawing order, a line per item row
 *   DIR/html/NAME.html        the typeset page (with --keep-html)
 *
 * The layout and the truth are a pure function of the seed (test/corpus/pages/layout.ts); the text
 * depends on the Chromium and poppler versions that print and read it.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { chromium } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { EXTRACTORS, type Extractor } from '../../../eval/extractors.js';
import { random } from '../../../bench/random.js';
import { layEdition, type PageTruth, type SourceArticle } from './layout.js';

const exec = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];


export interface PagesTruth {
  about: string;
  seed: number;
  files: Record<string, PageTruth>;
  stories: string[][];
}

async function pdftotext(pdf: string, layout: boolean): Promise<string> {
  const { stdout } = await exec('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

async function pdfjs(pdf: string): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(await readFile(pdf)));
  const { text } = await extractText(doc, { mergePages: true });
  await doc.destroy();
  return text;
}

/** Lays out, prints and extracts `pages` pages for `seed` into `out`; returns the truth written. */
export async function generatePages(options: { out: string; seed: number; pages: number; keepHtml?: boolean }): Promise<PagesTruth> {
  const { out, seed, pages } = options;
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  const articles = (JSON.parse(await readFile(path.join(HERE, 'articles.json'), 'utf8')) as { articles: SourceArticle[] }).articles;
  const rnd = random(seed);
  const truth: PagesTruth = {
    about: `Newspaper pages typeset from real article texts (seed ${seed}), printed by Chromium and extracted by ${EXTRACTORS.join(', ')}; one seeds folder per extractor, the same truth for each.`,
    seed,
    files: {},
    stories: [],
  };
  const work = await mkdtemp(path.join(os.tmpdir(), 'corpus-pages-'));
  for (const e of EXTRACTORS) await mkdir(path.join(out, e), { recursive: true });
  if (options.keepHtml) await mkdir(path.join(out, 'html'), { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const page = await browser.newPage();
    let made = 0;
    for (let editionNo = 1; made < pages; editionNo++) {
      const edition = layEdition({ rnd, articles, editionNo, pages: Math.min(pages - made, 2 + Math.floor(rnd() * 3)) });
      truth.stories.push(...edition.stories);
      for (const p of edition.pages) {
        await page.setContent(p.html, { waitUntil: 'load' });
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const pdf = path.join(work, `${p.name}.pdf`);
        await page.pdf({ path: pdf, width: '300mm', height: `${Math.max(height + 4, 1500)}px`, printBackground: true, pageRanges: '1' });
        const file = `${p.name}.txt`;
        const texts: Record<Extractor, string> = { pdftotext: await pdftotext(pdf, false), layout: await pdftotext(pdf, true), pdfjs: await pdfjs(pdf) };
        for (const e of EXTRACTORS) {
          await writeFile(path.join(out, e, file), texts[e]);
          if (p.truth.declared) await writeFile(path.join(out, e, `${file}.meta.json`), `${JSON.stringify(p.truth.declared)}\n`);
        }
        if (options.keepHtml) await writeFile(path.join(out, 'html', `${p.name}.html`), p.html);
        truth.files[file] = p.truth;
        made++;
      }
    }
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
  await writeFile(path.join(out, 'truth.json'), `${JSON.stringify(truth, null, 1)}\n`);
  return truth;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = new Command('corpus:pages')
    .requiredOption('--out <dir>', 'folder to write the extracted pages and truth.json into')
    .option('--seed <n>', 'seed of the layouts', (v) => Number.parseInt(v, 10), 1)
    .option('--pages <n>', 'pages to make', (v) => Number.parseInt(v, 10), 24)
    .option('--keep-html', 'also write the typeset HTML pages')
    .parse(process.argv.slice(2), { from: 'user' })
    .opts<{ out: string; seed: number; pages: number; keepHtml?: boolean }>();
  const started = performance.now();
  const truth = await generatePages({ out: path.resolve(opts.out), seed: opts.seed, pages: opts.pages, keepHtml: opts.keepHtml });
  const n = Object.values(truth.files).reduce((a, f) => a + f.articles.length, 0);
  console.log(`${Object.keys(truth.files).length} pages, ${n} articles, ${truth.stories.length} continued, × ${EXTRACTORS.length} extractors → ${opts.out} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
