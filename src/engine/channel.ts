import http from 'node:http';
import https from 'node:https';
import { answerError, EngineError, EngineUnavailableError } from './errors.js';

/** One HTTP request to the engine; searches are much faster, document batches can be large. */
export const REQUEST_TIMEOUT_MS = 60_000;

/**
 * The searches every gateway request makes (one to three of the story index, sent at once) go over
 * node:http with a keep-alive agent instead of the client's fetch: measured here, a search
 * request cost ~0.5 ms of CPU that way against ~1.2 ms through fetch (a Request, Headers and an
 * AbortSignal each), a fifth of what the gateway spends on a search. The indexer's batches of
 * documents go this way too, as NDJSON bytes it encoded as the documents came (the client takes
 * objects and makes one JSON string of the whole batch, then its bytes). Everything else, where a
 * request more or less does not matter, uses the official client.
 */
export class DirectChannel {
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
