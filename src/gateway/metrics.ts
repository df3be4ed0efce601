/**
 * Prometheus metrics (prom-client) on a registry of the app's own: request latency by route,
 * engine latency by operation, index size (read from the engine on each scrape) and the last
 * indexing run's figures.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Engine } from '../engine/meili.js';
import type { Reindexer } from '../reindexer.js';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  engineDuration: Histogram<'operation'>;
  engineErrors: Counter<'operation'>;
  /** Times an engine call and counts its failures. */
  timeEngine<T>(operation: string, fn: () => Promise<T>): Promise<T>;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export function createMetrics(engine: Engine, indexName: string, reindexer?: Reindexer): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const engineDuration = new Histogram({
    name: 'engine_request_duration_seconds',
    help: 'Meilisearch request latency by operation',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const engineErrors = new Counter({ name: 'engine_errors_total', help: 'Failed Meilisearch requests by operation', labelNames: ['operation'] as const, registers: [registry] });
  new Gauge({
    name: 'index_documents',
    help: 'Chunk documents in the live index (-1 when the engine cannot tell)',
    registers: [registry],
    async collect() {
      this.set(await engine.documentCount(indexName).catch(() => -1));
    },
  });
  const lastRun = (name: string, help: string, pick: (r: NonNullable<Reindexer['lastReport']>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const report = reindexer?.lastReport;
        if (report) this.set(pick(report));
      },
    });
  lastRun('last_run_timestamp_seconds', 'End of the last indexing run', (r) => Date.parse(r.finishedAt) / 1000);
  lastRun('last_run_duration_seconds', 'Duration of the last indexing run', (r) => (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000);
  lastRun('last_run_files', 'Files seen by the last indexing run', (r) => r.totals.files);
  lastRun('last_run_changed_files', 'Files the last indexing run indexed anew (changed, new or renamed)', (r) => r.totals.indexed + r.totals.renamed);
  lastRun('last_run_deleted_files', 'Files the last indexing run found deleted', (r) => r.totals.deleted);
  lastRun('last_run_articles', 'Articles indexed after the last run', (r) => r.totals.articles);
  lastRun('last_run_chunks', 'Chunks indexed after the last run', (r) => r.totals.chunks);
  lastRun('rejected_files', 'Files the last indexing run rejected', (r) => r.totals.rejected);
  new Gauge({
    name: 'reindex_running',
    help: '1 while an indexing run is under way',
    registers: [registry],
    collect() {
      this.set(reindexer?.running ? 1 : 0);
    },
  });

  return {
    registry,
    httpDuration,
    engineDuration,
    engineErrors,
    async timeEngine<T>(operation: string, fn: () => Promise<T>): Promise<T> {
      const end = engineDuration.startTimer({ operation });
      try {
        return await fn();
      } catch (err) {
        engineErrors.inc({ operation });
        throw err;
      } finally {
        end();
      }
    },
  };
}
