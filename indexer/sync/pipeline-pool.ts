/**
 * The pipeline off the event loop: a worker thread runs each file through processForSync while
 * the service's thread answers searches (a 20 MiB file held every search for seconds when it ran
 * on that thread). The worker's heap is capped, so one file cannot take the process's memory: a
 * file that needs more is rejected with the reason, the worker is started again for the next.
 * After a file that left its heap large the worker is replaced, which gives that memory back.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { processForSync, type LoadedSource, type Processed } from './pipeline.js';
import type { Answer, Job } from './pipeline-worker.js';
import type { SourceFile } from '../extract/types.js';

export interface PipelinePoolOptions {
  /** The worker's heap limit (MiB): a file whose processing needs more is rejected. */
  memoryMb: number;
  /** A worker whose heap is above this after a file (bytes) is replaced by a fresh one. */
  recycleAboveBytes?: number;
}

/** After a file, a worker holding more than this heap is replaced (its memory goes back to the system). */
const RECYCLE_ABOVE_BYTES = 192 * 1024 * 1024;

/** The worker's entry: its build, or under tsx (tests, `npm run` scripts) its TypeScript source. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './pipeline-worker.ts' : './pipeline-worker.js', import.meta.url);

/** A worker thread does not inherit tsx's loader: one run from source registers it before loading its entry. */
function startWorker(options: WorkerOptions): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

interface Waiting {
  file: SourceFile;
  /** The worker that has the file: only its loss rejects it (a replaced worker exits after the next file went to its successor). */
  worker: Worker;
  resolve: (p: Processed) => void;
}

export class PipelinePool {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private readonly warming = new Map<number, { worker: Worker; resolve: (loaded: boolean) => void }>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PipelinePoolOptions) {}

  /** Runs one file through the pipeline in the worker; a file the worker cannot finish is a rejected result, not a throw. */
  process(file: SourceFile, source: LoadedSource): Promise<Processed> {
    // An unreadable file needs no worker (and its error would not cross to one intact).
    if (source.bytes instanceof Error) return Promise.resolve(processForSync(file, source));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Processed>((resolve) => {
      this.waiting.set(id, { file, worker, resolve });
      worker.ref();
      worker.postMessage({ id, file, source: { bytes: source.bytes as Uint8Array, declaration: source.declaration } } satisfies Job);
    });
  }

  /**
   * Starts the worker and loads its dictionary ahead of the first file (while the process idles);
   * resolves true once it is loaded, false if the worker stopped first.
   */
  warm(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<boolean>((resolve) => {
      this.warming.set(id, { worker, resolve });
      worker.ref();
      worker.postMessage({ id, file: null, source: null } satisfies Job);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
    for (const { resolve } of this.warming.values()) resolve(false);
    this.warming.clear();
  }

  private ensureWorker(): Worker {
    if (this.closed) throw new Error('the pipeline was closed');
    if (this.worker) return this.worker;
    const worker = startWorker({ resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb } });
    worker.unref();
    worker.on('message', (answer: Answer) => this.answered(worker, answer));
    worker.on('error', (err: Error & { code?: string }) => this.lost(worker, err));
    worker.on('exit', (code) => this.lost(worker, new Error(`the pipeline's worker exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private answered(worker: Worker, answer: Answer): void {
    if ('warmed' in answer) {
      this.warming.get(answer.id)?.resolve(true);
      this.warming.delete(answer.id);
      this.idleUnref(worker);
      return;
    }
    const waiting = this.waiting.get(answer.id);
    if (!waiting) return;
    this.waiting.delete(answer.id);
    this.idleUnref(worker);
    if ('error' in answer) {
      const reason = `the pipeline failed on this file: ${answer.error.message}`;
      waiting.resolve({ result: { ok: false, relPath: waiting.file.relPath, diagnostics: [{ file: waiting.file.relPath, rule: 'pipeline/failed', reason, severity: 'error' }] }, link: null, missing: null });
      return;
    }
    waiting.resolve(answer.processed);
    if (answer.heapBytes > (this.options.recycleAboveBytes ?? RECYCLE_ABOVE_BYTES) && this.worker === worker && this.waiting.size === 0) {
      this.worker = null;
      void worker.terminate();
    }
  }

  /** A worker with nothing to do does not keep the process alive; one with a file or a warm-up does. */
  private idleUnref(worker: Worker): void {
    for (const w of this.waiting.values()) if (w.worker === worker) return;
    for (const w of this.warming.values()) if (w.worker === worker) return;
    worker.unref();
  }

  /** The worker died (out of memory, a crash): the files it held are rejected with the reason; the next file starts a new one. */
  private lost(worker: Worker, err: Error & { code?: string }): void {
    if (this.worker === worker) this.worker = null;
    for (const [id, warming] of this.warming) {
      if (warming.worker !== worker) continue;
      this.warming.delete(id);
      warming.resolve(false);
    }
    const reason =
      err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `processing it needed more memory than the pipeline may take (PIPELINE_MEMORY_MB=${this.options.memoryMb}); not indexed`
        : `the pipeline stopped on this file: ${err.message}`;
    for (const [id, waiting] of this.waiting) {
      if (waiting.worker !== worker) continue;
      this.waiting.delete(id);
      const rule = err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'pipeline/out-of-memory' : 'pipeline/failed';
      waiting.resolve({ result: { ok: false, relPath: waiting.file.relPath, diagnostics: [{ file: waiting.file.relPath, rule, reason, severity: 'error' }] }, link: null, missing: null });
    }
  }
}
