/**
 * One indexing run at a time in this process: the scheduler and start-up go through here.
 * Keeps the last run's report for /api/status and the logs.
 */
import { randomUUID } from 'node:crypto';
import { syncSeeds, type Progress, type RunReport } from '../indexer/sync.js';
import type { Config } from './config.js';
import type { Engine } from './engine/meili.js';
import type { Logger } from './logger.js';

export type RunOutcome = { status: 'done'; report: RunReport } | { status: 'busy' } | { status: 'failed'; error: Error };

/** What /api/status shows of the run under way. */
export interface CurrentRun {
  jobId: string;
  full: boolean;
  startedAt: string;
  progress: Progress | null;
}

export class Reindexer {
  private current: Promise<RunOutcome> | null = null;
  private stopping = false;
  lastReport: RunReport | null = null;
  lastError: { at: string; message: string } | null = null;
  currentRun: CurrentRun | null = null;
  /** A full rebuild failed (engine down, killed, task failed): the next run rebuilds in full again. */
  private retryFull = false;

  constructor(
    private readonly config: Config,
    private readonly engine: Engine,
    private readonly logger: Logger,
    /** Called after every successful run (e.g. to rebuild suggestions). */
    private readonly onFinished: (report: RunReport) => Promise<void> = async () => {},
  ) {}

  get running(): boolean {
    return this.current !== null;
  }

  /** Starts a run unless one is under way (then answers busy); never throws. */
  run(options: { full?: boolean } = {}): Promise<RunOutcome> {
    return this.start(options).outcome;
  }

  /** Starts a run and answers at once with its job id, or null when one is under way. */
  start(options: { full?: boolean } = {}): { jobId: string | null; outcome: Promise<RunOutcome> } {
    if (this.current || this.stopping) return { jobId: null, outcome: Promise.resolve({ status: 'busy' }) };
    const full = options.full === true || this.retryFull;
    const jobId = randomUUID();
    this.currentRun = { jobId, full, startedAt: new Date().toISOString(), progress: null };
    this.current = this.execute(full).finally(() => {
      this.current = null;
      this.currentRun = null;
    });
    return { jobId, outcome: this.current };
  }

  private async execute(full: boolean): Promise<RunOutcome> {
    try {
      const report = await syncSeeds({
        seedsDir: this.config.seedsDir,
        dataDir: this.config.dataDir,
        indexName: this.config.indexName,
        maxFileBytes: this.config.maxFileBytes,
        engine: this.engine,
        full,
        shouldStop: () => this.stopping,
        onProgress: (p) => {
          if (this.currentRun) this.currentRun.progress = p;
        },
      });
      this.lastReport = report;
      if (report.mode === 'full') this.retryFull = false;
      const rejected = report.files.filter((f) => f.status === 'rejected');
      for (const f of rejected) this.logger.warn({ file: f.file, reasons: f.diagnostics.filter((d) => d.severity === 'error').map((d) => d.reason) }, 'file rejected');
      this.logger.info({ mode: report.mode, reason: report.reason, totals: report.totals, upserted: report.upserted, deleted: report.deleted }, 'index run finished');
      await this.onFinished(report).catch((err: unknown) => this.logger.warn({ err }, 'after-run hook failed'));
      return { status: 'done', report };
    } catch (err) {
      const error = err as Error;
      if (full) this.retryFull = true;
      this.lastError = { at: new Date().toISOString(), message: error.message };
      this.logger.error({ err: error }, 'index run failed; the live index was left as it was');
      return { status: 'failed', error };
    }
  }

  /** Lets a run under way stop at its next safe point and waits for it. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.current;
  }
}
