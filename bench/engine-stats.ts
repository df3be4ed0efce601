/**
 * What the bench (and tests that check a run wrote nothing) read of the engine besides searching
 * and writing: its task log and its database size. Plain requests to the engine's HTTP API, kept
 * out of the engine boundary (src/engine/), which holds only what the service and the indexer use.
 */
import type { Engine } from '../src/engine/meili.js';

async function get<T>(engine: Engine, route: string): Promise<T> {
  const { url, apiKey } = engine.options;
  const res = await fetch(new URL(route, url.endsWith('/') ? url : `${url}/`), {
    headers: { 'accept-encoding': 'identity', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
  });
  if (!res.ok) throw new Error(`Meilisearch answered ${res.status} to GET /${route}: ${await res.text()}`);
  return (await res.json()) as T;
}

interface TaskView {
  uid: number;
  indexUid: string | null;
  enqueuedAt: string;
  duration: string | null;
}

/** The uid of the newest task the engine knows (did a run write anything?). */
export async function latestTaskUid(engine: Engine): Promise<number | null> {
  const { results } = await get<{ results: TaskView[] }>(engine, 'tasks?limit=1');
  return results[0]?.uid ?? null;
}

/**
 * The tasks enqueued after task `afterUid`, among the newest 100 (for a run that enqueues a few):
 * their index, when each was enqueued and how long the engine took over it (ISO 8601, as it
 * reports them).
 */
export async function tasksAfter(engine: Engine, afterUid: number | null): Promise<{ indexUid: string | null; enqueuedAt: string; duration: string }[]> {
  const { results } = await get<{ results: TaskView[] }>(engine, 'tasks?limit=100');
  return results.filter((t) => afterUid === null || t.uid > afterUid).map((t) => ({ indexUid: t.indexUid ?? null, enqueuedAt: t.enqueuedAt, duration: t.duration ?? 'PT0S' }));
}

/** The engine's database size on disk and in use, in bytes. */
export async function databaseSize(engine: Engine): Promise<{ databaseSize: number; usedDatabaseSize: number }> {
  const stats = await get<{ databaseSize: number; usedDatabaseSize?: number }>(engine, 'stats');
  return { databaseSize: stats.databaseSize, usedDatabaseSize: stats.usedDatabaseSize ?? stats.databaseSize };
}
