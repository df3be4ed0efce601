/**
 * The engine boundary: the only module that imports the Meilisearch client. Every write is a
 * task that is awaited here; a failed task raises EngineTaskError with the engine's message,
 * an unreachable engine raises EngineUnavailableError.
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
import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
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
/** One HTTP request to the engine; searches are much faster, document batches can be large. */
const REQUEST_TIMEOUT_MS = 60_000;

export type EngineErrorCode = 'engine_unavailable' | 'engine_task_failed' | 'engine_request_failed' | 'engine_timeout' | 'engine_storage' | 'index_missing';

export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class EngineUnavailableError extends EngineError {
  override name = 'EngineUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('engine_unavailable', message, options);
  }
}

export class EngineTaskError extends EngineError {
  override name = 'EngineTaskError';
  constructor(
    readonly taskUid: number,
    readonly taskType: string,
    readonly engineCode: string | undefined,
    engineMessage: string,
  ) {
    super('engine_task_failed', `Meilisearch task ${taskUid} (${taskType}) failed: ${engineMessage}`);
  }
}

/**
 * The engine lost the ground under it: its database directory is gone (deleted, a volume
 * unmounted) or its disk is full. Searches may still answer from what it has mapped in memory,
 * but no write will land until an operator (or the embedded supervisor) acts.
 */
export type FaultKind = 'storage-lost' | 'disk-full';

export interface EngineFault {
  kind: FaultKind;
  /** The engine's own words. */
  message: string;
  at: string;
}

/**
 * Which fault an engine's message (an answer's, or an ERROR line of its log) reports, if any:
 * errno 28/122 is a full disk or quota, errno 2 on a path of its database is a database gone.
 */
export function storageFault(text: string): FaultKind | null {
  if (/No space left on device|os error 28\b|Disk quota exceeded|os error 122\b/.test(text)) return 'disk-full';
  if (/No such file or directory \(os error 2\)/.test(text)) return 'storage-lost';
  return null;
}

/** A write the engine cannot make because of a fault (EngineFault): raised at once, not after the task timeout. */
export class EngineStorageError extends EngineError {
  override name = 'EngineStorageError';
  constructor(readonly fault: EngineFault) {
    super('engine_storage', fault.kind === 'disk-full' ? `Meilisearch cannot write: its disk is full (${fault.message})` : `Meilisearch lost its database (${fault.message})`);
  }
}

export interface EngineOptions {
  url: string;
  apiKey?: string | undefined;
  /**
   * The shards of the engine's network (MEILI_SHARDS): remote names and URLs. Hits come from one
   * remote federated search that the engine at `url` fans out and merges by ranking score;
   * totals and facet counts are each shard's exact counts, summed (a story lives on one shard).
   * Writes always go to the engine at `url` itself.
   */
  shards?: { name: string; url: string }[];
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

/**
 * The searches every gateway request makes (one to three of the story index, sent at once) go over
 * node:http with a keep-alive agent instead of the client's fetch: measured here, a search
 * request cost ~0.5 ms of CPU that way against ~1.2 ms through fetch (a Request, Headers and an
 * AbortSignal each), a fifth of what the gateway spends on a search. The indexer's batches of
 * documents go this way too, as NDJSON bytes it encoded as the documents came (the client takes
 * objects and makes one JSON string of the whole batch, then its bytes). Everything else, where a
 * request more or less does not matter, uses the official client.
 */
class DirectChannel {
  /**
   * An idle connection is closed after this: the engine announces no keep-alive limit, but one
   * restarted (or a proxy in front of it) leaves pooled connections dead. A search that meets a
   * connection closed as it was reused is sent again once.
   */
  private static readonly IDLE_MS = 4_000;
  private readonly agent: http.Agent;
  private readonly request: typeof http.request;
  private readonly headers: Record<string, string>;

  constructor(private readonly base: URL, apiKey: string | undefined) {
    const secure = base.protocol === 'https:';
    this.request = secure ? https.request : http.request;
    this.agent = new (secure ? https.Agent : http.Agent)({ keepAlive: true, timeout: DirectChannel.IDLE_MS });
    this.headers = { 'accept-encoding': 'identity', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
  }

  /** POSTs JSON and returns the parsed answer; an error answer as translate gives the client's (answerError). */
  async post<T>(path: string, body: unknown): Promise<T> {
    const payload = JSON.stringify(body);
    try {
      return await this.send<T>(path, payload);
    } catch (err) {
      // A search is safe to repeat: once, when the engine closed a kept-alive connection as it was reused.
      if ((err as { retry?: boolean }).retry) return this.send<T>(path, payload);
      throw err;
    }
  }

  /**
   * POSTs a body as it is (a batch of documents as NDJSON bytes) and returns the parsed answer.
   * Never sent twice: an engine that took it may have enqueued it.
   */
  postBytes<T>(path: string, body: Uint8Array, contentType: string): Promise<T> {
    return this.send<T>(path, body, contentType);
  }

  private send<T>(path: string, payload: string | Uint8Array, contentType = 'application/json'): Promise<T> {
    const url = new URL(path, this.base);
    const length = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
    return new Promise<T>((resolve, reject) => {
      const req = this.request(url, { method: 'POST', agent: this.agent, headers: { ...this.headers, 'content-type': contentType, 'content-length': length } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('error', (err) => reject(new EngineUnavailableError(`Meilisearch is unreachable: ${err.message}`, { cause: err })));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          const status = res.statusCode ?? 0;
          let parsed: unknown;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch (err) {
            reject(new EngineError('engine_request_failed', `Meilisearch answered ${status} with a body that is not JSON`, { cause: err }));
            return;
          }
          if (status >= 200 && status < 300) resolve(parsed as T);
          else reject(answerError(status, parsed, `HTTP ${status}`));
        });
      });
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new EngineError('engine_timeout', `Meilisearch did not answer ${url.pathname} within ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err instanceof EngineError) reject(err);
        else reject(Object.assign(new EngineUnavailableError(`Meilisearch is unreachable: ${err.message}`, { cause: err }), { retry: err.code === 'ECONNRESET' && req.reusedSocket }));
      });
      req.end(payload);
    });
  }
}

/** The error for an engine's non-2xx answer (its body, if JSON), from the search channel or the client. */
function answerError(status: number, body: unknown, fallback: string, cause?: unknown): EngineError {
  const { message = fallback, code } = (body ?? {}) as { message?: string; code?: string };
  if (status === 503) return new EngineUnavailableError(`Meilisearch is overloaded: ${message}`, { cause });
  if (code === 'index_not_found') return new EngineError('index_missing', message, { cause });
  return new EngineError('engine_request_failed', `Meilisearch answered ${status}: ${message}`, { cause });
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
  private readonly client: Meilisearch;
  private readonly direct: DirectChannel;
  /** One client per shard, for the counts and document reads taken from each. */
  private readonly shardEngines: Engine[];
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
    this.shardEngines = (options.shards ?? []).map((s) => new Engine({ url: s.url, apiKey: options.apiKey }));
  }

  private async run<T>(fn: () => Promise<T>): Promise<T> {
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

  /** The engine's database size on disk and in use, in bytes. */
  async databaseSize(): Promise<{ databaseSize: number; usedDatabaseSize: number }> {
    return this.run(async () => {
      const stats = (await this.client.getStats()) as { databaseSize: number; usedDatabaseSize?: number };
      return { databaseSize: stats.databaseSize, usedDatabaseSize: stats.usedDatabaseSize ?? stats.databaseSize };
    });
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
    if (this.shards.length) return (await this.shardedSearch(uid, [request]))[0]!;
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
   * same throughput at 16 clients). With shards: merged as described at `shards`.
   */
  async searchAll(uid: string, requests: SearchRequest[]): Promise<SearchResult[]> {
    if (this.shards.length) return this.shardedSearch(uid, requests);
    return Promise.all(requests.map((r) => this.search(uid, r)));
  }

  /** Several searches of one index in one request, run one after another (with shards: merged as described at `shards`). */
  async multiSearch(uid: string, requests: SearchRequest[]): Promise<SearchResult[]> {
    if (this.shards.length) return this.shardedSearch(uid, requests);
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

  private get shards(): { name: string; url: string }[] {
    return this.options.shards ?? [];
  }

  /**
   * Searches over every shard. The hits of each request: Meilisearch's remote federated search
   * (the `network` experimental feature), which runs it on each remote and merges by ranking
   * score. Its totals are estimates, so the counts come from each shard itself: one multi-search
   * per shard with no hits, exhaustive after distinct, added up.
   */
  private async shardedSearch(uid: string, requests: SearchRequest[]): Promise<SearchResult[]> {
    const counting = requests.map(({ limit: _l, offset: _o, attributesToRetrieve: _a, attributesToHighlight: _h, sort: _s, ...r }) => ({ ...r, page: 1, hitsPerPage: 0 }));
    const [counts, hits] = await Promise.all([
      Promise.all(this.shardEngines.map((e) => e.multiSearch(uid, counting))),
      Promise.all(requests.map((r) => this.federatedHits(uid, r))),
    ]);
    return requests.map((_, i) => {
      const facetDistribution: Record<string, Record<string, number>> = {};
      for (const shard of counts) {
        for (const [facet, values] of Object.entries(shard[i]!.facetDistribution)) {
          const merged = (facetDistribution[facet] ??= {});
          for (const [value, n] of Object.entries(values)) merged[value] = (merged[value] ?? 0) + n;
        }
      }
      return {
        hits: hits[i]!.hits,
        totalHits: counts.reduce((n, shard) => n + shard[i]!.totalHits, 0),
        facetDistribution,
        processingTimeMs: Math.max(hits[i]!.processingTimeMs, ...counts.map((shard) => shard[i]!.processingTimeMs)),
      };
    });
  }

  /** One page of hits over every shard, by remote federated search; paging moves to the federation. */
  private async federatedHits(uid: string, request: SearchRequest): Promise<{ hits: SearchHit[]; processingTimeMs: number }> {
    const { q, page, hitsPerPage, limit, offset, facets: _facets, ...params } = request;
    const size = limit ?? hitsPerPage ?? 20;
    if (size === 0) return { hits: [], processingTimeMs: 0 };
    const start = offset ?? ((page ?? 1) - 1) * size;
    return this.run(async () => {
      const res = (await this.client.multiSearch({
        federation: { offset: start, limit: size },
        queries: this.shards.map((s) => ({ indexUid: uid, q, ...params, federationOptions: { remote: s.name } })),
      })) as unknown as { hits: SearchHit[]; processingTimeMs: number; remoteErrors?: Record<string, unknown> };
      const failed = Object.keys(res.remoteErrors ?? {});
      if (failed.length) throw new EngineUnavailableError(`shard(s) ${failed.join(', ')} did not answer`);
      return { hits: res.hits.map(({ _federation: _f, ...hit }) => hit), processingTimeMs: res.processingTimeMs };
    });
  }

  /** Documents matching a filter, for the gateway's reads (article pages, suggestions); with shards, read from each shard. */
  async findDocuments(uid: string, filter: string, fields?: string[]): Promise<Record<string, unknown>[]> {
    if (!this.shards.length) return this.documentsWhere(uid, filter, fields);
    return (await Promise.all(this.shardEngines.map((e) => e.documentsWhere(uid, filter, fields)))).flat();
  }

  /** `findDocuments` page by page. */
  async *findDocumentPages(uid: string, filter: string, fields?: string[]): AsyncGenerator<Record<string, unknown>[]> {
    if (!this.shards.length) yield* this.documentPages(uid, filter, fields);
    else for (const shard of this.shardEngines) yield* shard.documentPages(uid, filter, fields);
  }

  /** Documents in the index (with shards: in all of them). */
  async searchableCount(uid: string): Promise<number> {
    if (!this.shards.length) return this.documentCount(uid);
    return (await this.shardedSearch(uid, [{ q: '', page: 1, hitsPerPage: 0 }]))[0]!.totalHits;
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
   * change to it (documents, settings, a swap), or "none" when it does not exist; with shards,
   * each shard's, joined. Equal stamps mean nothing changed in between.
   */
  async indexStamp(uid: string): Promise<string> {
    if (this.shards.length) return (await Promise.all(this.shardEngines.map((e) => e.indexStamp(uid)))).join(',');
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

  /** The uid of the newest task the engine knows (for tests and status: did a run write anything?). */
  async latestTaskUid(): Promise<number | null> {
    return this.run(async () => (await this.client.tasks.getTasks({ limit: 1 })).results[0]?.uid ?? null);
  }

  /**
   * The tasks enqueued after task `afterUid`, among the newest 100 (for a run that enqueues a few):
   * their index, when each was enqueued and how long the engine took over it (ISO 8601, as it
   * reports them).
   */
  async tasksAfter(afterUid: number | null): Promise<{ indexUid: string | null; enqueuedAt: string; duration: string }[]> {
    return this.run(async () => {
      const { results } = await this.client.tasks.getTasks({ limit: 100 });
      return results
        .filter((t) => afterUid === null || t.uid > afterUid)
        .map((t) => ({ indexUid: t.indexUid ?? null, enqueuedAt: String(t.enqueuedAt), duration: t.duration ?? 'PT0S' }));
    });
  }
}
