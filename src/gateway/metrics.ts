/**
 * Prometheus metrics (prom-client) on a registry of the app's own: request latency by route,
 * engine latency by operation, index size (read from the engine on each scrape) and the last
 * indexing run's figures.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SearchEngine } from '../engine/ports.js';
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

/** A counter kept elsewhere as a map of totals by label: each scrape adds what was counted since the last. */
function countedFrom(registry: Registry, name: string, help: string, label: string, totals: () => ReadonlyMap<string, number> | undefined): void {
  const seen = new Map<string, number>();
  new Counter({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      for (const [value, n] of totals() ?? []) {
        const more = n - (seen.get(value) ?? 0);
        if (more > 0) this.inc({ [label]: value }, more);
        seen.set(value, n);
      }
    },
  });
}

export function createMetrics(engine: SearchEngine, indexName: string, reindexer?: Reindexer): Metrics {
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
  countedFrom(registry, 'index_run_failures_total', 'Indexing runs that failed, by reason (mass-delete: refused to empty the index; engine-storage: the engine lost its database or its disk is full)', 'reason', () => reindexer?.failures);
  countedFrom(registry, 'engine_faults_total', 'Storage faults the engine reported, by kind (storage-lost, disk-full)', 'kind', () => engine.faults);
  new Gauge({
    name: 'engine_fault',
    help: '1 while the engine reports a storage fault (kind in /api/status engineFault)',
    registers: [registry],
    collect() {
      this.set(engine.fault ? 1 : 0);
    },
  });
  new Gauge({
    name: 'index_last_run_failed',
    help: '1 when the last indexing run failed (its reason in /api/status lastError)',
    registers: [registry],
    collect() {
      this.set(reindexer?.lastError ? 1 : 0);
    },
  });
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
