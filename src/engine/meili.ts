/**
 * One Meilisearch engine: its indexes, writes, document reads and searches. The only module that
 * imports the Meilisearch client (searches and document batches go over channel.ts). Every write
 * is a task awaited here; a failed task raises EngineTaskError with the engine's message, an
 * unreachable engine raises EngineUnavailableError (errors.ts). Shards: sharded.ts.
 */
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type EnqueuedTask,
  type SearchParams,
  type SearchResponse,
  type Task,
} from 'meilisearch';
import { setTimeout as sleep } from 'node:timers/promises';
import { DirectChannel, REQUEST_TIMEOUT_MS } from './channel.js';
import { answerError, EngineError, EngineStorageError, EngineTaskError, EngineUnavailableError, storageFault, type EngineFault, type FaultKind } from './errors.js';
import { chunkIndexSettings, type IndexSettings } from './settings.js';


/** Long enough for a rebuild's largest task on a slow machine; the client's default is 5 s. */
const TASK_TIMEOUT_MS = 30 * 60_000;
/**
 * A task is polled every 10 ms for its first 300 ms (an incremental run's tasks take 0.1–0.5 s:
 * polling every 50 ms added 25 ms to each on average), then every 50 ms (a rebuild's batches take
 * seconds, and the engine logs every poll).
 */
const TASK_POLL_FAST = { interval: 10, during: 300 };
const TASK_POLL_MS = 50;

export interface EngineOptions {
  url: string;
  apiKey?: string | undefined;
  /**
   * How long a reported fault fails the task waits that start after it (default 30 s): a full disk
   * is reported again at each retry of the failing batch (every ~13 s), so a standing fault stays
   * fresh, and one that is over lets waits through again once this has passed.
   */
  faultHoldMs?: number;
}

const FAULT_HOLD_MS = 30_000;

export type SearchRequest = SearchParams & { q: string };

export interface SearchHit {
  [field: string]: unknown;
  _formatted?: Record<string, unknown>;
}

export interface SearchResult {
  hits: SearchHit[];
  totalHits: number;
  facetDistribution: Record<string, Record<string, number>>;
  processingTimeMs: number;
}

/** Escapes a value for a double-quoted string in a Meilisearch filter expression. */
export function filterString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** True when `wanted` is contained in `actual`: objects key by key, arrays as sets of equal values. */
export function settingsMatch(wanted: unknown, actual: unknown): boolean {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual) || actual.length !== wanted.length) return false;
    return wanted.every((w, i) => settingsMatch(w, actual[i]));
  }
  if (wanted !== null && typeof wanted === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(wanted).every(([k, v]) => settingsMatch(v, (actual as Record<string, unknown>)[k]));
  }
  return wanted === actual;
}

function translate(err: unknown): never {
  if (err instanceof EngineError) throw err;
  // The client's message is its body's message, or the status line when there is no body.
  if (err instanceof MeilisearchApiError) throw answerError(err.response.status, err.cause, err.message, err);
  if (err instanceof MeilisearchRequestTimeOutError) {
    throw new EngineError('engine_timeout', err.message, { cause: err });
  }
  if (err instanceof MeilisearchRequestError) throw new EngineUnavailableError(`Meilisearch is unreachable: ${err.message}`, { cause: err });
  throw err;
}

export class Engine {
  protected readonly client: Meilisearch;
  private readonly direct: DirectChannel;
  /** The fault the engine reported last (its answers, or the embedded engine's log), until it is over. */
  fault: EngineFault | null = null;
  /** Faults reported, by kind, since this client was made (for /metrics). */
  readonly faults = new Map<FaultKind, number>();
  /** The task waits under way: a fault ends each at once. */
  private readonly waits = new Set<AbortController>();

  constructor(readonly options: EngineOptions) {
    this.client = new Meilisearch({
      host: options.url,
      apiKey: options.apiKey,
      // gzip on loopback costs ~25 ms a request in Node clients (docs/engine-notes.md).
      requestInit: { headers: { 'accept-encoding': 'identity' } },
      timeout: REQUEST_TIMEOUT_MS,
    });
    // The client's host rule: a path in the URL is the engine's base path.
    this.direct = new DirectChannel(new URL(options.url.endsWith('/') ? options.url : `${options.url}/`), options.apiKey);
  }

  protected async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      try {
        translate(err);
      } catch (engineErr) {
        // An internal error that says the database or its disk is gone is that fault, not a failed request.
        const kind = engineErr instanceof EngineError && engineErr.code === 'engine_request_failed' ? storageFault(engineErr.message) : null;
        if (kind) throw new EngineStorageError(this.raiseFault(kind, engineErr instanceof Error ? engineErr.message : String(engineErr)));
        throw engineErr;
      }
    }
  }

  /**
   * The engine reports a fault: every task wait under way fails with it at once (a full disk made
   * the engine retry its batch forever, and a run waited 30 minutes at "5887/5887").
   */
  raiseFault(kind: FaultKind, message: string): EngineFault {
    const fault: EngineFault = { kind, message, at: new Date().toISOString() };
    this.fault = fault;
    this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1);
    for (const wait of this.waits) wait.abort(fault);
    return fault;
  }

  /** The fault the engine reported at or after `since` (ms), if it still stands: a run that began before it must not commit. */
  faultSince(since: number): EngineFault | null {
    return this.fault && Date.parse(this.fault.at) >= since ? this.fault : null;
  }

  /** The fault is over (a fresh database, a run whose writes landed). */
  clearFault(): void {
    this.fault = null;
  }

  /**
   * Awaits a task and raises EngineTaskError unless it succeeded. Polled here rather than with the
   * client's waitForTask, which passes one abort signal to every poll and leaves a listener on it
   * each time, for as long as the wait lasts: a rebuild's long waits gathered over 1,500
   * (MaxListenersExceededWarning in the bench). Each poll here has its own signal.
   */
  private async await(enqueued: PromiseLike<Pick<EnqueuedTask, 'taskUid'>>): Promise<Task> {
    const wait = new AbortController();
    this.waits.add(wait);
    try {
      return await this.run(async () => {
        const { taskUid } = await enqueued;
        const started = Date.now();
        for (;;) {
          if (wait.signal.aborted) throw new EngineStorageError(wait.signal.reason as EngineFault);
          const task = await this.client.tasks.getTask(taskUid);
          // (A fault is over when a run's writes landed after it: the Reindexer clears it.)
          if (task.status === 'succeeded') return task;
          // A task still pending while a fault is fresh will not finish before the fault is over.
          const fault = this.fault;
          if (fault && (task.status === 'enqueued' || task.status === 'processing') && Date.now() - Date.parse(fault.at) < (this.options.faultHoldMs ?? FAULT_HOLD_MS)) {
            throw new EngineStorageError(fault);
          }
          if (task.status !== 'enqueued' && task.status !== 'processing') {
            const message = task.error?.message ?? `status ${task.status}`;
            const kind = storageFault(message);
            if (kind) throw new EngineStorageError(this.raiseFault(kind, message));
            throw new EngineTaskError(task.uid, task.type, task.error?.code, message);
          }
          const waited = Date.now() - started;
          if (waited > TASK_TIMEOUT_MS) throw new EngineError('engine_timeout', `task ${taskUid} did not finish within ${TASK_TIMEOUT_MS / 60_000} minutes`);
          await sleep(waited < TASK_POLL_FAST.during ? TASK_POLL_FAST.interval : TASK_POLL_MS, undefined, { signal: wait.signal }).catch(() => {});
        }
      });
    } finally {
      this.waits.delete(wait);
    }
  }

  async isHealthy(): Promise<boolean> {
    try {
      await this.client.health();
      return true;
    } catch {
      return false;
    }
  }

  /** An index's description (uid, createdAt, updatedAt), or null when it does not exist. */
  private async rawIndex(uid: string): Promise<{ createdAt: unknown; updatedAt: unknown } | null> {
    try {
      return await this.client.getRawIndex(uid);
    } catch (err) {
      if (err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found') return null;
      translate(err);
    }
  }

  async indexExists(uid: string): Promise<boolean> {
    return (await this.rawIndex(uid)) !== null;
  }

  async listIndexes(prefix: string): Promise<string[]> {
    return this.run(async () => {
      const { results } = await this.client.getRawIndexes({ limit: 1000 });
      return results.map((i) => i.uid).filter((uid) => uid.startsWith(prefix));
    });
  }

  async createIndex(uid: string): Promise<void> {
    await this.await(this.client.createIndex(uid, { primaryKey: 'id' }));
  }

  async deleteIndex(uid: string): Promise<void> {
    await this.await(this.client.deleteIndex(uid));
  }

  /**
   * Deletes an index nobody will finish (a failed or killed rebuild's): its queued and running
   * writes are cancelled first, so the deletion does not wait behind them.
   */
  async abandonIndex(uid: string): Promise<void> {
    await this.await(this.client.tasks.cancelTasks({ indexUids: [uid], statuses: ['enqueued', 'processing'] }));
    await this.deleteIndex(uid);
  }

  /** Applies the settings when the engine's differ; returns whether a settings task ran. */
  async ensureSettings(uid: string, settings: IndexSettings = chunkIndexSettings): Promise<boolean> {
    const current = await this.run(() => this.client.index(uid).getSettings());
    if (settingsMatch(settings, current)) return false;
    await this.await(this.client.index(uid).updateSettings(settings));
    return true;
  }

  /**
   * Sends documents in batches, each enqueued once the previous upload is accepted (one upload at
   * a time: hundreds at once broke the connection at 100k articles), then awaits every task.
   */
  async addDocuments(uid: string, docs: readonly object[], batchSize = 5000): Promise<void> {
    const pending: { done: () => Promise<void> }[] = [];
    for (let i = 0; i < docs.length; i += batchSize) pending.push(await this.enqueue(uid, { add: docs.slice(i, i + batchSize) }));
    for (const task of pending) await task.done();
  }

  /**
   * Enqueues one write and resolves once the engine has accepted it: its task has a uid, so a
   * write enqueued afterwards runs after it. `done()` awaits the task (EngineTaskError unless it
   * succeeded). Updates are partial: the given fields replace the stored ones.
   */
  async enqueue(
    uid: string,
    write: { add: readonly object[] } | { addLines: Uint8Array } | { update: readonly object[] } | { delete: readonly string[] },
  ): Promise<{ done: () => Promise<void> }> {
    const index = this.client.index(uid);
    const p =
      'addLines' in write
        ? this.direct.postBytes<EnqueuedTask>(`indexes/${encodeURIComponent(uid)}/documents?primaryKey=id`, write.addLines, 'application/x-ndjson')
        : 'add' in write
          ? index.addDocuments(write.add as Record<string, unknown>[], { primaryKey: 'id' })
          : 'update' in write
            ? index.updateDocuments(write.update as Record<string, unknown>[], { primaryKey: 'id' })
            : index.deleteDocuments(write.delete as string[]);
    await this.run(() => p);
    return {
      done: async () => {
        await this.await(p);
      },
    };
  }

  /** Every document matching a filter, page by page (a reader that keeps a summary never holds them all). */
  async *documentPages(uid: string, filter: string, fields?: string[], limit = 1000): AsyncGenerator<Record<string, unknown>[]> {
    for (let offset = 0; ; offset += limit) {
      const page = await this.run(() => this.client.index(uid).getDocuments<Record<string, unknown>>({ filter, limit, offset, ...(fields ? { fields } : {}) }));
      if (page.results.length) yield page.results;
      if (page.results.length < limit) return;
    }
  }

  /** Every document matching a filter; used to carry a rejected file's last good chunks into a rebuild. */
  async documentsWhere(uid: string, filter: string, fields?: string[]): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for await (const page of this.documentPages(uid, filter, fields)) out.push(...page);
    return out;
  }

  /**
   * Swaps freshly built indexes in, all pairs at once (renaming a build whose live index does not
   * exist yet): searches see every old index or every new one, never a mix.
   */
  async swapIn(pairs: readonly { live: string; build: string; liveExists: boolean }[]): Promise<void> {
    // With rename, the first index is renamed to the second, which must not exist.
    await this.await(this.client.swapIndexes(pairs.map((p) => ({ indexes: [p.build, p.live] as [string, string], rename: !p.liveExists }))));
  }

  async search(uid: string, request: SearchRequest): Promise<SearchResult> {
    return this.run(async () => {
      const res = await this.direct.post<SearchResponse>(`indexes/${encodeURIComponent(uid)}/search`, request);
      return {
        hits: res.hits as SearchHit[],
        // page/hitsPerPage pagination gives an exhaustive totalHits (counted after distinct).
        totalHits: Number((res as { totalHits?: number }).totalHits ?? res.estimatedTotalHits ?? 0),
        facetDistribution: (res.facetDistribution ?? {}) as Record<string, Record<string, number>>,
        processingTimeMs: res.processingTimeMs,
      };
    });
  }

  /**
   * Independent searches of one index, sent at once as separate requests: the engine runs each on
   * its own thread, where a multi-search runs them one after another. A search with a source
   * filter and its facet-only search then take the longer of the two, not the sum (on the bench's
   * 100k index, two-pass searches 3.0–3.5 ms p50 against 3.6–4.2 in one multi-search, and the
   * same throughput at 16 clients).
   */
  async searchAll(uid: string, requests: SearchRequest[]): Promise<SearchResult[]> {
    return Promise.all(requests.map((r) => this.search(uid, r)));
  }

  /** Several searches of one index in one request, run one after another. */
  async multiSearch(uid: string, requests: SearchRequest[]): Promise<SearchResult[]> {
    return this.run(async () => {
      const { results } = await this.direct.post<{ results: SearchResponse[] }>('multi-search', { queries: requests.map((r) => ({ indexUid: uid, ...r })) });
      return results.map((res) => ({
        hits: res.hits as SearchHit[],
        totalHits: Number((res as { totalHits?: number }).totalHits ?? (res as { estimatedTotalHits?: number }).estimatedTotalHits ?? 0),
        facetDistribution: (res.facetDistribution ?? {}) as Record<string, Record<string, number>>,
        processingTimeMs: res.processingTimeMs,
      }));
    });
  }

  /** Documents matching a filter, for the gateway's reads (article pages, suggestions). */
  async findDocuments(uid: string, filter: string, fields?: string[]): Promise<Record<string, unknown>[]> {
    return this.documentsWhere(uid, filter, fields);
  }

  /** `findDocuments` page by page. */
  async *findDocumentPages(uid: string, filter: string, fields?: string[]): AsyncGenerator<Record<string, unknown>[]> {
    yield* this.documentPages(uid, filter, fields);
  }

  /** Documents the searches of an index see. */
  async searchableCount(uid: string): Promise<number> {
    return this.documentCount(uid);
  }

  /** One document by id, or null when the document or its index does not exist. */
  async getDocument(uid: string, id: string): Promise<Record<string, unknown> | null> {
    try {
      return await this.client.index(uid).getDocument<Record<string, unknown>>(id);
    } catch (err) {
      if (err instanceof MeilisearchApiError && (err.cause?.code === 'document_not_found' || err.cause?.code === 'index_not_found')) return null;
      translate(err);
    }
  }

  /** When an index was created (engine clock), or null when it does not exist. */
  async indexCreatedAt(uid: string): Promise<number | null> {
    const index = await this.rawIndex(uid);
    return index && Date.parse(String(index.createdAt));
  }

  /**
   * Names the state of an index's documents: its `updatedAt`, which the engine moves on every
   * change to it (documents, settings, a swap), or "none" when it does not exist. Equal stamps
   * mean nothing changed in between.
   */
  async indexStamp(uid: string): Promise<string> {
    const index = await this.rawIndex(uid);
    return index ? String(index.updatedAt) : 'none';
  }

  /** Asks for a dump of every index; resolves with the dump's uid once the engine has written it. */
  async createDump(): Promise<string> {
    const task = await this.await(this.client.createDump());
    return String((task.details as { dumpUid?: string } | undefined)?.dumpUid ?? '');
  }

  /** Turns on an experimental feature (e.g. 'network' for remote federated search). */
  async enableExperimentalFeature(name: string): Promise<void> {
    await this.run(() => this.client.updateExperimentalFeatures({ [name]: true }));
  }

  /** Declares this engine's network: its own name and every remote (name → url and search key). */
  async configureNetwork(self: string, remotes: Record<string, { url: string; searchApiKey: string }>): Promise<void> {
    await this.run(() => this.client.updateNetwork({ self, remotes }));
  }

  async documentCount(uid: string): Promise<number> {
    return this.run(async () => (await this.client.index(uid).getStats()).numberOfDocuments);
  }

  /**
   * When the writes still waiting in the engine's queue for an index were enqueued (engine clock,
   * ms), newest first: a write the engine has not reached yet (its queue busy with a large batch)
   * is still a write its sender made.
   */
  async pendingWrites(uid: string): Promise<number[]> {
    return this.run(async () => {
      const { results } = await this.client.tasks.getTasks({ indexUids: [uid], statuses: ['enqueued', 'processing'], limit: 20 });
      return results.map((t) => Date.parse(String(t.enqueuedAt))).filter(Number.isFinite).sort((a, b) => b - a);
    });
  }
}
