/**
 * The pipeline's worker thread (indexer/sync/pipeline-pool.ts): runs files through processForSync off
 * the service's event loop, so that searches are answered while a large file is processed.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { processForSync, type LoadedSource } from './pipeline.js';
import { loadSegmenter } from '../../src/text/segment.js';
import type { SourceFile } from '../extract/types.js';

export interface Job {
  id: number;
  /** null: a warm-up. */
  file: SourceFile | null;
  /** The file's bytes (a Buffer arrives as a Uint8Array) and its declaration. */
  source: { bytes: Uint8Array; declaration: LoadedSource['declaration'] } | null;
}

export type Answer =
  | { id: number; warmed: true }
  | { id: number; processed: ReturnType<typeof processForSync>; heapBytes: number }
  | { id: number; error: { message: string; stack?: string | undefined } };

const port = parentPort;
if (!port) throw new Error('indexer/sync/pipeline-worker.ts runs as a worker thread');

port.on('message', (job: Job) => {
  // A warm-up: the segmenter's dictionary loads before the first file needs it.
  if (job.source === null || job.file === null) {
    loadSegmenter();
    port.postMessage({ id: job.id, warmed: true } satisfies Answer);
    return;
  }
  try {
    const { bytes, declaration } = job.source;
    const processed = processForSync(job.file, { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), declaration });
    port.postMessage({ id: job.id, processed, heapBytes: getHeapStatistics().used_heap_size } satisfies Answer);
  } catch (err) {
    const e = err as Error;
    port.postMessage({ id: job.id, error: { message: e.message, stack: e.stack } } satisfies Answer);
  }
});
