/**
 * One indexing run at a time: the scheduler, start-up and the admin endpoint go through here.
 * Within the process a second start answers busy; across gateways the lease held in the engine
 * (indexer/sync/lease.ts) lets one instance run while the others answer held. Keeps the last run's
 * report for /api/status and the logs.
 */
import { randomUUID } from 'node:crypto';
import { ManifestMemo } from '../indexer/sync/manifest.js';
import { PipelinePool } from '../indexer/sync/pipeline-pool.js';
import { MassDeletionRefused, runLockPath, syncSeeds, type Progress, type RunReport } from '../indexer/sync/sync.js';
import { FolderWatch } from '../indexer/sync/watch.js';
import { qualityOf } from '../indexer/sync/quality.js';
import type { Config } from './runtime/config.js';
import { type Engine } from './engine/meili.js';
import { EngineError } from './engine/errors.js';
import type { EngineLease } from '../indexer/sync/lease.js';
import type { Logger } from './runtime/logger.js';
import { describeHolder, PidLock } from './runtime/pid-lock.js';

export type RunOutcome =
  | { status: 'done'; report: RunReport }
  | { status: 'busy' }
  | { status: 'held'; holder: string }
  | { status: 'failed'; error: Error };

export interface RunOptions {
  full?: boolean;
  /** An operator confirmed that this run may delete more than MAX_DELETE_SHARE of the indexed files. */
  allowMassDelete?: boolean;
}

/** Why a run failed, as metrics count them and /api/status names it. */
export type FailureReason = 'mass-delete' | 'stopped' | 'engine-unavailable' | 'engine-storage' | 'engine-task' | 'other';

export function failureReason(err: Error): FailureReason {
  if (err instanceof MassDeletionRefused) return 'mass-delete';
  if (err.name === 'SyncAborted') return 'stopped';
  if (err instanceof EngineError) {
    if (err.code === 'engine_storage') return 'engine-storage';
    if (err.code === 'engine_unavailable' || err.code === 'engine_timeout') return 'engine-unavailable';
    return 'engine-task';
  }
  return 'other';
}

export interface Started {
  /** The run's id, or null when none started (busy here, held elsewhere, or the lease could not be asked). */
  jobId: string | null;
  outcome: Promise<RunOutcome>;
}

/** What /api/status shows of the run under way. */
export interface CurrentRun {
  jobId: string;
  full: boolean;
  startedAt: string;
  progress: Progress | null;
}

export class Reindexer {
  private current: Promise<RunOutcome> | null = null;
  private acquiring = false;
  private stopping = false;
  lastReport: RunReport | null = null;
  /** The last run's failure; cleared by the next run that finishes. */
  lastError: { at: string; message: string; reason: FailureReason } | null = null;
  currentRun: CurrentRun | null = null;
  /** Runs that failed, by reason, since the process started (for /metrics). */
  readonly failures = new Map<FailureReason, number>();
  /** The manifest between runs: a scheduled run reads it again only if something else wrote it. */
  private readonly manifests = new ManifestMemo();
  /** The pipeline's worker thread: files are processed off the event loop that answers searches. */
  private readonly pipeline: PipelinePool;
  private pipelineWarm: Promise<boolean> | null = null;
  /** The seeds folder between runs: a scheduled run lists again only the directories that changed. */
  private readonly watch = new FolderWatch(({ dir, error }) => this.logger.warn({ dir, err: error }, 'cannot watch a seeds directory; runs list it again instead of trusting its events'));

  constructor(
    private readonly config: Config,
    private readonly engine: Engine,
    private readonly logger: Logger,
    /** Called after every successful run (e.g. to rebuild suggestions). */
    private readonly onFinished: (report: RunReport) => Promise<void> = async () => {},
    /** Across instances: only the holder of this lease runs. */
    private readonly lease: EngineLease | null = null,
  ) {
    this.pipeline = new PipelinePool({ memoryMb: config.pipelineMemoryMb });
  }

  get running(): boolean {
    return this.current !== null;
  }

  /** Starts a run unless one is under way here or elsewhere; never throws. */
  async run(options: RunOptions = {}): Promise<RunOutcome> {
    return (await this.start(options)).outcome;
  }

  /** Starts a run and answers once it has started (with its job id) or could not. */
  async start(options: RunOptions = {}): Promise<Started> {
    if (this.current || this.stopping || this.acquiring) return { jobId: null, outcome: Promise.resolve({ status: 'busy' }) };
    this.acquiring = true; // until `current` is set, a second start answers busy
    try {
      return await this.begin(options);
    } finally {
      this.acquiring = false;
    }
  }

  private async begin(options: RunOptions): Promise<Started> {
    const refuse = (outcome: RunOutcome): Started => ({ jobId: null, outcome: Promise.resolve(outcome) });
    const jobId = randomUUID();
    let full = options.full === true;
    // One run at a time on this DATA_DIR, whoever starts it (this service, `npm run index`).
    const runLock = PidLock.acquire(runLockPath(this.config.dataDir, this.config.indexName), 'service');
    if (!(runLock instanceof PidLock)) return refuse({ status: 'held', holder: describeHolder(runLock.heldBy) });
    if (this.lease) {
      try {
        if (!(await this.lease.acquire())) {
          runLock.release();
          const state = await this.lease.state().catch(() => null);
          return refuse({ status: 'held', holder: state?.holder ?? 'another instance' });
        }
        const inherited = this.lease.inherited;
        if (inherited) this.logger.warn({ jobId: inherited.jobId, full: inherited.full }, 'the previous lease holder died during a run; running it again');
        full ||= inherited?.full === true;
        await this.lease.recordRun({ jobId, full });
      } catch (err) {
        runLock.release();
        await this.lease.release();
        // The lease lives in the engine: an engine that cannot write fails the run here.
        this.failed(err as Error);
        return refuse({ status: 'failed', error: err as Error });
      }
      if (this.stopping) {
        runLock.release();
        await this.lease.release();
        return refuse({ status: 'busy' });
      }
    }
    this.currentRun = { jobId, full, startedAt: new Date().toISOString(), progress: null };
    this.current = (async () => {
      let outcome: RunOutcome | undefined;
      try {
        outcome = await this.execute(full, options.allowMassDelete === true);
        return outcome;
      } finally {
        await this.lease?.release().catch(() => {});
        runLock.release();
        // The run's result and its end show in /api/status together: a client that sees the new
        // lastRun may start the next run (its after-run hook and the releases are done).
        if (outcome?.status === 'done') {
          this.lastReport = outcome.report;
          this.lastError = null;
        } else if (outcome?.status === 'failed') this.lastError = this.failureEntry(outcome.error);
        this.current = null;
        this.currentRun = null;
        this.loadSegmenterWhenIdle();
      }
    })();
    return { jobId, outcome: this.current };
  }

  private async execute(full: boolean, allowMassDelete: boolean): Promise<RunOutcome> {
    try {
      const report = await syncSeeds({
        seedsDir: this.config.seedsDir,
        dataDir: this.config.dataDir,
        indexName: this.config.indexName,
        maxFileBytes: this.config.maxFileBytes,
        engine: this.engine,
        full,
        shouldStop: () => this.stopping,
        maxDeleteShare: this.config.maxDeleteShare,
        allowMassDelete,
        // A run the manifest or the index forces to rebuild in full says so while it runs.
        onMode: (mode) => {
          if (this.currentRun) this.currentRun.full = mode === 'full';
        },
        memo: this.manifests,
        pipeline: this.pipeline,
        watch: this.watch,
        ...(this.lease ? { confirm: () => this.lease!.confirm() } : {}),
        onProgress: (p) => {
          if (this.currentRun) this.currentRun.progress = p;
        },
      });
      // Writes landed: whatever fault the engine reported is over.
      if (report.mode === 'full' || report.upserted > 0 || report.deleted > 0) this.engine.clearFault();
      const rejected = report.files.filter((f) => f.status === 'rejected');
      for (const f of rejected) this.logger.warn({ file: f.file, reasons: f.diagnostics.filter((d) => d.severity === 'error').map((d) => d.reason) }, 'file rejected');
      this.logger.info({ mode: report.mode, reason: report.reason, totals: report.totals, upserted: report.upserted, deleted: report.deleted, directories: report.directories }, 'index run finished');
      const quality = qualityOf(report);
      if (quality.files.length) this.logger.info({ undated: quality.undated, unsourced: quality.unsourced, files: quality.files.length + quality.moreFiles, hint: quality.hint }, 'articles without a date or source (see /api/status)');
      await this.onFinished(report).catch((err: unknown) => this.logger.warn({ err }, 'after-run hook failed'));
      return { status: 'done', report };
    } catch (err) {
      const error = err as Error;
      this.countFailure(error);
      return { status: 'failed', error };
    }
  }

  /** A run that could not start failed: status, metrics and the log say so. */
  private failed(error: Error): void {
    this.countFailure(error);
    this.lastError = this.failureEntry(error);
  }

  /** Metrics and the log of a failed run. */
  private countFailure(error: Error): void {
    const reason = failureReason(error);
    this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
    this.logger.error({ err: error, reason }, 'index run failed; the live index was left as it was');
  }

  private failureEntry(error: Error): NonNullable<Reindexer['lastError']> {
    return { at: new Date().toISOString(), message: error.message, reason: failureReason(error) };
  }

  /**
   * After the first run (at start-up it usually finds nothing new), the pipeline's worker starts
   * and loads jieba's dictionary while the process idles, so the first file that changes does not
   * wait for it (0.4 s).
   */
  private loadSegmenterWhenIdle(): void {
    if (this.stopping || this.pipelineWarm) return;
    this.pipelineWarm = new Promise((resolve) => setImmediate(() => (this.stopping ? resolve(false) : void this.pipeline.warm().then(resolve))));
  }

  /** Resolves once the pipeline's worker has loaded its dictionary (true), or stopped first (false); null before the first run ended. */
  get pipelineWarmed(): Promise<boolean> | null {
    return this.pipelineWarm;
  }

  /** Lets a run under way stop at its next safe point and waits for it. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.current;
    this.watch.close();
    await this.pipeline.close();
  }
}
