/**
 * The narrow sides of the engine its users depend on: the gateway reads, the indexer's writer
 * writes. `Engine` (one engine) and `ShardedEngine` (stories spread over shards) are both.
 */
import type { Engine } from './meili.js';

/** What the gateway asks of the engine: searches, the documents of an article or of the suggestions, health, counts and faults. */
export type SearchEngine = Pick<
  Engine,
  'isHealthy' | 'indexExists' | 'search' | 'searchAll' | 'findDocuments' | 'findDocumentPages' | 'searchableCount' | 'indexStamp' | 'documentCount' | 'fault' | 'faults'
>;

/** What a writer of documents needs: writes enqueued one after another, each awaited when its sender wants. */
export type DocumentSink = Pick<Engine, 'enqueue'>;
