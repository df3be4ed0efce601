/**
 * `npm run index -- [--seeds DIR] [--full] [--allow-mass-delete]` and `--dry-run --out FILE|-`.
 * Exit codes: 0 the run finished (rejected files are listed on stderr), 1 the run failed
 * (engine down, task failed, a mass deletion refused), 2 bad usage or configuration, 75 another
 * run is under way (the service's, or another CLI's): nothing was done, try again later.
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../src/runtime/config.js';
import { connectEngine } from '../src/engine/connect.js';
import { EngineError } from '../src/engine/errors.js';
import { createLogger } from '../src/runtime/logger.js';
import { formatDiagnostic } from './extract/diagnostics.js';
import { dryRun } from './sync/dry-run.js';
import { qualityOf } from './sync/quality.js';
import { MassDeletionRefused, runLockPath, syncSeeds, type FileReport, type Progress, type RunReport } from './sync/sync.js';
import { EngineLease } from './sync/lease.js';
import { describeHolder, PidLock } from '../src/runtime/pid-lock.js';

/** sysexits' EX_TEMPFAIL: another run is under way; the same command later will do. */
export const EXIT_RUN_UNDER_WAY = 75;

interface CliOptions {
  seeds?: string;
  full?: boolean;
  allowMassDelete?: boolean;
  dryRun?: boolean;
  out?: string;
}

function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('must not be empty');
  return value;
}

export function buildProgram(): Command {
  return new Command('index')
    .description('Index the seeds folder into Meilisearch, or write its articles as JSON lines (--dry-run).')
    .option('--seeds <dir>', 'seeds folder (default: SEEDS_DIR or ./seeds)', nonEmpty)
    .option('--full', 'rebuild the whole index in a fresh index and swap it in')
    .option('--allow-mass-delete', `confirm a run that deletes more than MAX_DELETE_SHARE of the indexed files, or finds the seeds folder empty`)
    .option('--dry-run', 'run the pipeline without an engine and write one JSON article per line')
    .option('--out <file>', 'with --dry-run: the output file, or - for stdout', nonEmpty)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) })
    .showHelpAfterError('(run with --help for usage)');
}

function fileLine(r: FileReport): string {
  const counts = r.status === 'rejected' || r.status === 'skipped' ? '' : ` ${r.articles} articles, ${r.chunks} chunks`;
  const why = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.reason).join('; ');
  return `${r.status.padEnd(9)} ${r.file}${counts}${why ? ` — ${why}` : ''}`;
}

/** Places of a rule's firings shown in the dry run's report, at most. */
const SHOWN_PLACES = 4;

/** The quality lines of a dry run's file: fields left empty, the rules that fired where, where each article's fields came from. */
function fileQualityLines(r: FileReport): string {
  if (!r.missing) return '';
  const empty = Object.entries(r.missing).map(([field, n]) => `${field} ${n}/${r.articles}`).join(', ');
  const fired = new Map<string, string[]>();
  for (const d of r.diagnostics) if (d.severity !== 'error') fired.set(d.rule, [...(fired.get(d.rule) ?? []), ...(d.place ? [d.place] : [])]);
  const rules = [...fired].map(([rule, places]) => `${rule}${places.length ? ` ×${places.length} (${places.slice(0, SHOWN_PLACES).join(', ')}${places.length > SHOWN_PLACES ? ', …' : ''})` : ''}`).join('; ');
  const fields = (r.evidence ?? []).map((e, i) => `#${i + 1} ${Object.entries(e).map(([f, from]) => `${f}←${from}`).join(' ')}`).join(' | ');
  return `\n          empty: ${empty}\n          rules: ${rules || 'none'}\n          fields: ${fields || 'none'}`;
}

/** The run's empty dates, sources and topics, the files that leave them and how to declare them. */
function qualityLines(report: RunReport): string[] {
  const q = qualityOf(report);
  const lines = [`${q.articles} articles: ${q.undated} without a date, ${q.unsourced} without a source, ${q.untopical} without a topic`];
  for (const f of q.files) lines.push(`  ${f.file}: ${f.undated}/${f.articles} without a date, ${f.unsourced}/${f.articles} without a source`);
  if (q.moreFiles) lines.push(`  … and ${q.moreFiles} more files`);
  if (q.hint) lines.push(`  to fix: ${q.hint}`);
  return lines;
}

function printReport(report: RunReport, stream: NodeJS.WritableStream): void {
  for (const f of report.files) stream.write(`${fileLine(f)}\n`);
  const t = report.totals;
  stream.write(
    `${report.mode} run${report.reason ? ` (${report.reason})` : ''}: ${t.files} files, ${t.indexed} indexed, ${t.renamed} renamed, ${t.unchanged} unchanged, ` +
      `${t.rejected} rejected, ${t.deleted} deleted; ${t.articles} articles, ${t.chunks} chunks; ${report.upserted} documents sent, ${report.deleted} deleted\n`,
  );
  for (const line of qualityLines(report)) stream.write(`${line}\n`);
}

function progressReporter(): { onProgress: (p: Progress) => void; stop: () => void } {
  if (!process.stderr.isTTY) {
    return { onProgress: (p) => p.file && process.stderr.write(`[${p.done + 1}/${p.total}] ${p.file}\n`), stop: () => {} };
  }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'indexing [{bar}] {value}/{total} files {file}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (p) => {
      if (!started) {
        bar.start(p.total, 0, { file: '' });
        started = true;
      }
      bar.update(p.done, { file: p.file });
    },
    stop: () => started && bar.stop(),
  };
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  const opts = program.opts<CliOptions>();
  if (opts.out && !opts.dryRun) {
    process.stderr.write('error: --out goes with --dry-run\n');
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const seedsDir = path.resolve(opts.seeds ?? config.seedsDir);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr as never);

  if (opts.dryRun) {
    // A reader that stops early (`| head`) is not an error.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
    const out = !opts.out || opts.out === '-' ? process.stdout : createWriteStream(opts.out);
    const reports = await dryRun(seedsDir, config.maxFileBytes, out, (r) => process.stderr.write(`${fileLine(r)}${fileQualityLines(r)}\n`));
    if (out !== process.stdout) {
      out.end();
      await finished(out);
    }
    for (const r of reports.filter((x) => x.status === 'rejected')) {
      for (const d of r.diagnostics.filter((x) => x.severity === 'error')) process.stderr.write(`rejected: ${formatDiagnostic(d)}\n`);
    }
    const articles = reports.reduce((n, r) => n + r.articles, 0);
    process.stderr.write(`dry run: ${reports.length} files, ${articles} articles, ${reports.filter((r) => r.status === 'rejected').length} rejected\n`);
    return 0;
  }

  let connection;
  try {
    connection = await connectEngine(config, logger, { reuseRunning: true, role: "npm run index" });
  } catch (err) {
    process.stderr.write(`error: cannot start or reach Meilisearch: ${(err as Error).message}\n`);
    return 1;
  }
  // The run lock on DATA_DIR, and across machines the lease in the engine: the same as the service takes.
  const runLock = PidLock.acquire(runLockPath(config.dataDir, config.indexName), 'npm run index');
  if (!(runLock instanceof PidLock)) {
    process.stderr.write(`a run is under way in ${describeHolder(runLock.heldBy)}; nothing was done: try again when it ends\n`);
    await connection.close();
    return EXIT_RUN_UNDER_WAY;
  }
  const lease = config.lease ? new EngineLease({ engine: connection.engine, indexName: config.indexName, owner: `${config.instanceId}-cli`, ttlMs: config.leaseTtlMs, logger }) : null;
  const progress = progressReporter();
  try {
    if (lease && !(await lease.acquire())) {
      const state = await lease.state().catch(() => null);
      process.stderr.write(`a run is under way: ${state?.holder ?? 'another instance'} holds the indexing lease; nothing was done: try again when it ends\n`);
      return EXIT_RUN_UNDER_WAY;
    }
    const report = await syncSeeds({
      seedsDir,
      dataDir: config.dataDir,
      indexName: config.indexName,
      maxFileBytes: config.maxFileBytes,
      engine: connection.engine,
      full: opts.full === true || lease?.inherited?.full === true,
      maxDeleteShare: config.maxDeleteShare,
      allowMassDelete: opts.allowMassDelete === true,
      ...(lease ? { confirm: () => lease.confirm() } : {}),
      onProgress: progress.onProgress,
    });
    progress.stop();
    printReport(report, process.stderr);
    return 0;
  } catch (err) {
    progress.stop();
    const message = err instanceof EngineError || err instanceof MassDeletionRefused ? err.message : (err as Error).stack ?? String(err);
    process.stderr.write(`error: indexing failed, the live index was left as it was: ${message}\n`);
    return 1;
  } finally {
    await lease?.release().catch(() => {});
    runLock.release();
    await connection.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
