/**
 * `npm run eval:extract [-- --corpus DIR]`: how well the indexer reads input nobody wrote for it.
 * Runs the dry run over a corpus of real files with hand-checked truth (default: ../shared/corpus,
 * the development corpus beside the checkout: web/ pages with web/truth.json, encodings/ files
 * with encodings/truth/) and over the project's own fixtures, and prints the per-field figures
 * and pass rates; beside them, when python3 and the corpus's reference scorer are there, the
 * reference scorer's SCORE lines for the same output. Writes eval/results/extract-latest.json.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { dryRun, type ArticleRecord } from '../indexer/sync/dry-run.js';
import { formatDiagnostic } from '../indexer/extract/diagnostics.js';
import type { FileReport } from '../indexer/sync/sync.js';
import { assembleFixtures } from './corpus.js';
import { compareArticle, squash, type Truth } from './truth.js';
import { scoreEncoded, scoreWeb, summariseWeb, type EncodingRow, type Record, type WebTruth } from './extract-score.js';
import { evaluatePages, featureTable, pagesTable } from './pages.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exec = promisify(execFile);
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The dry run of a folder: its records, its reports, and the log lines a reference scorer reads. */
async function runDry(seedsDir: string): Promise<{ records: ArticleRecord[]; reports: FileReport[]; log: string; seconds: number; bytes: number }> {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  const started = performance.now();
  const reports = await dryRun(seedsDir, MAX_FILE_BYTES, sink);
  const seconds = (performance.now() - started) / 1000;
  const log = reports
    .filter((r) => r.status === 'rejected')
    .flatMap((r) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => `rejected: ${formatDiagnostic(d)}`))
    .join('\n');
  let bytes = 0;
  for (const f of await readdir(seedsDir)) bytes += (await readFile(path.join(seedsDir, f))).length;
  return { records: text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ArticleRecord), reports, log, seconds, bytes };
}

/** Copies a folder's files, leaving the truth out (it is not a seed). */
async function seedsFrom(dir: string, skip: (name: string) => boolean): Promise<string> {
  const seeds = await mkdtemp(path.join(os.tmpdir(), 'eval-extract-'));
  for (const entry of await readdir(dir, { withFileTypes: true })) if (entry.isFile() && !skip(entry.name)) await copyFile(path.join(dir, entry.name), path.join(seeds, entry.name));
  return seeds;
}

const pct = (k: number, n: number) => (n ? `${k}/${n} (${((100 * k) / n).toFixed(0)}%)` : '-');

async function referenceScores(corpus: string, args: string[]): Promise<string[]> {
  const scorer = path.join(corpus, 'score.py');
  if (!existsSync(scorer)) return ['(no reference scorer in the corpus)'];
  try {
    const { stdout } = await exec('python3', [scorer, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return stdout.split('\n').filter((l) => l.startsWith('SCORE'));
  } catch (err) {
    return [`(reference scorer not run: ${(err as Error).message.split('\n')[0]})`];
  }
}

async function main(): Promise<void> {
  const program = new Command('eval:extract')
    .option('--corpus <dir>', 'corpus with web/ and encodings/ and their truth', path.resolve(ROOT, '..', 'shared', 'corpus'))
    .option('--pages <dir>', 'typeset newspaper pages with truth.json (npm run corpus:pages)', path.join(ROOT, 'test', 'corpus', 'pages', 'set'))
    .parse(process.argv.slice(2), { from: 'user' });
  const corpus = path.resolve(program.opts<{ corpus: string }>().corpus);
  const pagesDir = path.resolve(program.opts<{ pages: string }>().pages);
  const out: { [key: string]: unknown } = { date: new Date().toISOString(), corpus };
  const work = await mkdtemp(path.join(os.tmpdir(), 'eval-extract-out-'));

  // Web pages.
  const webDir = path.join(corpus, 'web');
  if (existsSync(path.join(webDir, 'truth.json'))) {
    const truth = JSON.parse(await readFile(path.join(webDir, 'truth.json'), 'utf8')) as { [file: string]: WebTruth };
    const seeds = await seedsFrom(webDir, (n) => n === 'truth.json');
    const run = await runDry(seeds);
    const rows = scoreWeb(truth, run.records as unknown as Record[]);
    const s = summariseWeb(rows);
    console.log(`web pages (${corpus}/web): ${s.pages} pages, ${run.records.length} articles, dry run ${(run.bytes / 1024 / 1024 / run.seconds).toFixed(1)} MB/s`);
    console.log(
      `  pass ${pct(s.pass, s.pages)}  title ${pct(s.title, s.pages)}  date ${pct(s.date, s.pages)}  source ${pct(s.source, s.pages)}  authors ${pct(s.authors, s.authorsAsked)}\n` +
        `  first ${pct(s.first, s.pages)}  last ${pct(s.last, s.pages)}  one article ${pct(s.oneArticle, s.pages)}  purity mean ${s.purityMean.toFixed(2)}`,
    );
    for (const r of rows.filter((x) => !x.pass || !x.date || !x.source || x.authors === false)) {
      const miss = (['title', 'date', 'source', 'authors', 'first', 'last'] as const).filter((k) => r[k] === false);
      console.log(`    ${r.file}: ${r.pass ? 'pass' : 'FAIL'}${miss.length ? `, wrong ${miss.join(' ')}` : ''}${r.purity < 0.8 ? `, purity ${r.purity.toFixed(2)}` : ''} ${JSON.stringify(r.out)}`);
    }
    const jsonl = path.join(work, 'web.jsonl');
    await writeFile(jsonl, run.records.map((r) => JSON.stringify(r)).join('\n'));
    await writeFile(path.join(work, 'web.log'), run.log);
    const reference = await referenceScores(corpus, ['--web-dir', webDir, '--web-truth', path.join(webDir, 'truth.json'), '--web-jsonl', jsonl, '--web-log', path.join(work, 'web.log')]);
    console.log(`  reference scorer: ${reference.join(' | ')}`);
    out.web = { summary: s, rows, throughputMBs: run.bytes / 1024 / 1024 / run.seconds, reference };
    await rm(seeds, { recursive: true, force: true });
  } else console.log(`web pages: no ${webDir}/truth.json, skipped`);

  // Encoded files.
  const encDir = path.join(corpus, 'encodings');
  if (existsSync(path.join(encDir, 'truth'))) {
    const manifest = JSON.parse(await readFile(path.join(encDir, 'truth', 'manifest.json'), 'utf8').catch(() => '{}')) as { [f: string]: { expect?: string; also_allowed?: string } };
    const seeds = await seedsFrom(encDir, () => false);
    const run = await runDry(seeds);
    const rejected = new Map(run.reports.filter((r) => r.status === 'rejected').map((r) => [r.file, r.diagnostics.find((d) => d.severity === 'error')?.reason ?? 'rejected']));
    const byFile = new Map<string, Record[]>();
    for (const r of run.records) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r as unknown as Record]);
    const rows: (EncodingRow & { rejected: string | null; expect: string })[] = [];
    for (const f of (await readdir(seeds)).sort()) {
      const truthFile = path.join(encDir, 'truth', `${f}.txt`);
      if (!existsSync(truthFile)) continue;
      const row = scoreEncoded(f, await readFile(truthFile, 'utf8'), byFile.get(f) ?? [], manifest[f]?.also_allowed ?? '');
      rows.push({ ...row, rejected: rejected.get(f) ?? null, expect: manifest[f]?.expect ?? 'decode' });
    }
    const ok = rows.filter((r) => r.exact || (r.rejected && r.expect === 'decode-or-reject')).length;
    const mojibake = rows.filter((r) => r.foreign.length).length;
    const wrongly = rows.filter((r) => r.rejected && r.expect !== 'decode-or-reject').length;
    const recalls = rows.filter((r) => !(r.rejected && r.expect === 'decode-or-reject')).map((r) => (r.rejected ? 0 : r.recall));
    const recallMean = recalls.length ? recalls.reduce((a, b) => a + b, 0) / recalls.length : 0;
    console.log(`encoded files (${encDir}): ${rows.length} files`);
    console.log(`  exact or rightly refused ${pct(ok, rows.length)}  with mojibake ${mojibake}  wrongly refused ${wrongly}  Han recall mean ${recallMean.toFixed(3)}`);
    for (const r of rows.filter((x) => !x.exact)) console.log(`    ${r.file}: ${r.rejected ? `refused (${r.rejected})` : `recall ${r.recall.toFixed(3)}, foreign ${r.foreign.slice(0, 12).join('')}`}`);
    const jsonl = path.join(work, 'enc.jsonl');
    await writeFile(jsonl, run.records.map((r) => JSON.stringify(r)).join('\n'));
    await writeFile(path.join(work, 'enc.log'), run.log);
    const reference = await referenceScores(corpus, ['--enc-dir', encDir, '--enc-truth-dir', path.join(encDir, 'truth'), '--enc-jsonl', jsonl, '--enc-log', path.join(work, 'enc.log')]);
    console.log(`  reference scorer: ${reference.join(' | ')}`);
    out.encodings = { exact: ok, files: rows.length, mojibake, wronglyRejected: wrongly, recallMean, rows: rows.map((r) => ({ ...r, foreign: r.foreign.join('') })), reference };
    await rm(seeds, { recursive: true, force: true });
  } else console.log(`encoded files: no ${encDir}/truth, skipped`);

  // The project's own fixtures (samples' shapes and the golden real pages), by the acceptance check.
  const { seedsDir, truthFile } = await assembleFixtures();
  const truth = JSON.parse(await readFile(truthFile, 'utf8')) as Truth;
  const run = await runDry(seedsDir);
  let files = 0;
  let passed = 0;
  const problems: string[] = [];
  for (const [file, { articles }] of Object.entries(truth.files)) {
    files++;
    const mine = run.records.filter((r) => r.file === file);
    const issues = articles.flatMap((e) => {
      const found = mine.filter((r) => squash(r.title) === squash(e.title));
      return found.length === 1 ? compareArticle(e, found[0]!).map((p) => `${e.key}: ${p}`) : [`${e.key}: "${e.title}" found ${found.length} times`];
    });
    if (mine.length !== articles.length) issues.push(`${mine.length} articles where the editor lists ${articles.length}`);
    if (!issues.length) passed++;
    problems.push(...issues.map((p) => `${file} ${p}`));
  }
  console.log(`own fixtures (test/fixtures): ${pct(passed, files)} files as the editor reads them, dry run ${(run.bytes / 1024 / 1024 / run.seconds).toFixed(1)} MB/s`);
  for (const p of problems) console.log(`    ${p}`);
  out.fixtures = { files, passed, problems };

  // Typeset newspaper pages, per PDF extractor and per template feature.
  const pages = await evaluatePages(pagesDir);
  console.log(`typeset newspaper pages (${path.relative(ROOT, pagesDir) || pagesDir}), per extractor:`);
  console.log(pagesTable(pages));
  console.log('per template feature (article F1 / headline):');
  console.log(featureTable(pages));
  out.pages = Object.fromEntries(Object.entries(pages).map(([e, s]) => [e, { ...s, problems: s.problems.slice(0, 200) }]));

  const dir = path.join(ROOT, 'eval', 'results');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'extract-latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`written: eval/results/extract-latest.json`);
  await rm(work, { recursive: true, force: true });
}

await main();
