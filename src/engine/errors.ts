/**
 * The engine boundary's errors: every failure of the engine reaches the rest of the program as one
 * of these, with a code the gateway maps to an HTTP status and the indexer to a run's outcome.
 */

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

/** The error for an engine's non-2xx answer (its body, if JSON), from the search channel or the client. */
export function answerError(status: number, body: unknown, fallback: string, cause?: unknown): EngineError {
  const { message = fallback, code } = (body ?? {}) as { message?: string; code?: string };
  if (status === 503) return new EngineUnavailableError(`Meilisearch is overloaded: ${message}`, { cause });
  if (code === 'index_not_found') return new EngineError('index_missing', message, { cause });
  return new EngineError('engine_request_failed', `Meilisearch answered ${status}: ${message}`, { cause });
}
