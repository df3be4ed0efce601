/**
 * The indexing lease, held in the engine itself so that among many gateways one indexes at a
 * time, with no server of its own. Meilisearch has no compare-and-set, but creating an index is
 * exclusive: of two tasks creating the same uid, the second fails with index_already_exists.
 *
 * The lease is a series of indexes `<index>__lease_<epoch>`; the newest epoch is the lease. Its
 * holder keeps one document { owner, expiresAt } in it and renews it every third of the TTL. When
 * it has expired, whoever creates epoch + 1 holds the lease; everyone else's creation fails. A
 * holder that finds a newer epoch at renewal has lost the lease (it stalled past its expiry) and
 * must stop before committing anything; sync checks `confirm()` before it swaps or deletes.
 *
 * Expiry compares wall clocks of different machines: keep them in NTP sync, with a TTL well
 * above any skew (30 s by default).
 */
import type { Engine } from '../../src/engine/meili.js';
import { EngineTaskError } from '../../src/engine/errors.js';
import type { Logger } from '../../src/runtime/logger.js';

const LEASE_DOC = 'lease';
const EPOCH_DIGITS = 12;

export interface LeaseOptions {
  engine: Engine;
  /** The live index the lease guards; lease indexes are named after it. */
  indexName: string;
  owner: string;
  ttlMs: number;
  logger: Logger;
  now?: () => number;
}

/** The run a holder had under way, recorded in the lease so that a successor finishes it. */
export interface LeasedRun {
  jobId: string;
  full: boolean;
}

export type LeaseState =
  | { holder: string; expiresAt: number; epoch: number }
  | { holder: null; epoch: number; /** A run its last holder started and never finished (it died). */ unfinished: LeasedRun | null };

export class EngineLease {
  private epoch: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lost = false;
  private run: LeasedRun | null = null;
  /** The run the previous holder left unfinished, when this instance took the lease over from it. */
  inherited: LeasedRun | null = null;
  private readonly prefix: string;
  private readonly now: () => number;

  constructor(private readonly options: LeaseOptions) {
    this.prefix = `${options.indexName}__lease_`;
    this.now = options.now ?? Date.now;
  }

  get owner(): string {
    return this.options.owner;
  }

  get held(): boolean {
    return this.epoch !== null && !this.lost;
  }

  private uid(epoch: number): string {
    return `${this.prefix}${String(epoch).padStart(EPOCH_DIGITS, '0')}`;
  }

  private async epochs(): Promise<number[]> {
    const uids = await this.options.engine.listIndexes(this.prefix);
    return uids.map((u) => Number(u.slice(this.prefix.length))).filter(Number.isInteger).sort((a, b) => a - b);
  }

  /** Who holds the lease now, if anyone. */
  async state(): Promise<LeaseState> {
    const epoch = (await this.epochs()).at(-1);
    if (epoch === undefined) return { holder: null, epoch: 0, unfinished: null };
    const doc = await this.options.engine.getDocument(this.uid(epoch), LEASE_DOC);
    if (doc) {
      const expiresAt = Number(doc.expiresAt);
      if (expiresAt > this.now()) return { holder: String(doc.owner), expiresAt, epoch };
      // A renewal still in the engine's queue (behind the holder's own large batches while it
      // indexes) extends the lease from when it was sent: the holder is alive, its write late.
      const renewed = (await this.options.engine.pendingWrites(this.uid(epoch)))[0];
      if (renewed !== undefined && Number(doc.expiresAt) > 0 && renewed + this.options.ttlMs > this.now()) {
        return { holder: String(doc.owner), expiresAt: renewed + this.options.ttlMs, epoch };
      }
      const run = doc.run as LeasedRun | null | undefined;
      return { holder: null, epoch, unfinished: run && typeof run.jobId === 'string' ? { jobId: run.jobId, full: run.full === true } : null };
    }
    // Created, its document not written yet: held by its creator for one TTL from creation.
    const created = await this.options.engine.indexCreatedAt(this.uid(epoch));
    if (created === null) return { holder: null, epoch, unfinished: null };
    const expiresAt = created + this.options.ttlMs;
    return expiresAt > this.now() ? { holder: '(starting)', expiresAt, epoch } : { holder: null, epoch, unfinished: null };
  }

  /** Takes the lease when it is free (or already ours); returns whether this instance holds it. */
  async acquire(): Promise<boolean> {
    if (this.held) return this.renew();
    const state = await this.state();
    if (state.holder !== null) return false;
    const next = state.epoch + 1;
    try {
      await this.options.engine.createIndex(this.uid(next));
    } catch (err) {
      if (err instanceof EngineTaskError && err.engineCode === 'index_already_exists') return false; // another instance won
      throw err;
    }
    this.epoch = next;
    this.lost = false;
    this.run = null;
    this.inherited = state.unfinished;
    await this.write(this.now() + this.options.ttlMs);
    // Earlier epochs are history now.
    for (const old of (await this.epochs()).filter((e) => e < next)) await this.options.engine.deleteIndex(this.uid(old)).catch(() => {});
    this.timer = setInterval(() => void this.renew().catch((err: unknown) => this.options.logger.warn({ err }, 'lease renewal failed')), Math.max(250, this.options.ttlMs / 3));
    this.timer.unref();
    this.options.logger.info({ owner: this.owner, epoch: next }, 'indexing lease taken');
    return true;
  }

  private async write(expiresAt: number): Promise<void> {
    await this.options.engine.addDocuments(this.uid(this.epoch!), [{ id: LEASE_DOC, owner: this.owner, expiresAt, run: this.run }]);
  }

  /** Records the run under way in the lease, so that whoever takes the lease over after a crash finishes it. */
  async recordRun(run: LeasedRun): Promise<void> {
    if (!this.held) return;
    this.run = run;
    await this.write(this.now() + this.options.ttlMs);
  }

  /** Extends the lease; false (and the lease dropped) when a newer epoch shows another took it. */
  async renew(): Promise<boolean> {
    if (this.epoch === null || this.lost) return false;
    const newest = (await this.epochs()).at(-1);
    if (newest !== this.epoch) {
      this.lost = true;
      this.stopTimer();
      this.options.logger.error({ owner: this.owner, epoch: this.epoch, newest }, 'indexing lease lost to another instance');
      return false;
    }
    await this.write(this.now() + this.options.ttlMs);
    return true;
  }

  /** Before committing a run: the lease is still ours (checked against the engine, not memory). */
  async confirm(): Promise<boolean> {
    return this.renew();
  }

  /** Gives the lease up so another instance can take it at once. */
  async release(): Promise<void> {
    this.stopTimer();
    this.run = null;
    if (this.epoch !== null && !this.lost) {
      // Logged as this instance gives the lease up, before the write that frees it: another can
      // take it only once that write is done, so the log never shows the two holding at once
      // (logged after it, a slow answer put the line after the other's "taken").
      this.options.logger.info({ owner: this.owner, epoch: this.epoch }, 'indexing lease released');
      await this.write(0).catch(() => {});
    }
    this.epoch = null;
    this.lost = false;
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
