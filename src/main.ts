/**
 * `npm start`: the whole service. Starts the embedded Meilisearch unless MEILI_URL is set,
 * serves HTTP at once (/readyz says when the index is there), indexes seeds/ in the
 * background, then keeps it current on REINDEX_CRON. SIGINT/SIGTERM stop everything cleanly.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig, type Config } from './runtime/config.js';
import { connectEngine, type EngineConnection } from './engine/connect.js';
import { DataDirInUse } from './engine/embedded.js';
import { createApp, createHttpServer } from './gateway/app.js';
import { SuggestionIndex } from './gateway/suggest.js';
import { createConsoleLogger } from './runtime/logger.js';
import type { RunReport } from '../indexer/sync/sync.js';
import type { Reindexer } from './reindexer.js';
import { followIndex, startScheduler } from './scheduler.js';

/** How long in-flight requests get to finish on shutdown before connections are cut. */
const DRAIN_MS = 10_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`news-search: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = await createConsoleLogger(config.logLevel);
  let connection: EngineConnection;
  try {
    connection = await connectEngine(config, logger, { role: `service on port ${config.port}` });
  } catch (err) {
    // Another process runs the engine on this DATA_DIR: say who, and leave everything of theirs alone.
    if (!(err instanceof DataDirInUse)) throw err;
    logger.fatal({ dataDir: err.dataDir, holderPid: err.holder.pid }, err.message);
    logger.flush(() => process.exit(1));
    return;
  }

  let shuttingDown = false;
  /** Exits once the buffered log lines are written. */
  const exit = (code: number) => logger.flush(() => process.exit(code));
  const crash = (err: unknown) => {
    logger.fatal({ err }, 'crashed');
    void connection.close().finally(() => exit(1));
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);

  connection.embedded?.events.on('exit', ({ code, signal }: { code: number | null; signal: string | null }) => {
    if (!shuttingDown) logger.error({ code, signal }, 'embedded Meilisearch exited; searches answer 503 until it is back');
  });

  const suggestions = new SuggestionIndex();
  const refreshSuggestions = async () => {
    await suggestions.refresh(connection.engine, config.indexName);
    logger.info({ entries: suggestions.size }, 'suggestions rebuilt');
  };
  // The indexer (jieba, OpenCC, the pipeline) is loaded only where runs can start: with the
  // schedule or the admin endpoint. A search-only gateway of a scale-out stays small.
  let reindexer: Reindexer | undefined;
  if (config.scheduler === 'on' || config.adminToken) {
    const [{ Reindexer }, { EngineLease }] = await Promise.all([import('./reindexer.js'), import('../indexer/sync/lease.js')]);
    const lease = config.lease ? new EngineLease({ engine: connection.engine, indexName: config.indexName, owner: config.instanceId, ttlMs: config.leaseTtlMs, logger }) : null;
    // Suggestions are read again from the index only after a run that changed it (a scheduled run
    // with nothing new would otherwise read every document each time).
    const afterRun = async (report: RunReport) => {
      if (report.mode === 'full' || report.upserted > 0 || report.deleted > 0) await refreshSuggestions();
    };
    reindexer = new Reindexer(config, connection.engine, logger, afterRun, lease);
  }
  let scheduler: ReturnType<typeof startScheduler> | null = null;
  const app = createApp({
    engine: connection.engine,
    indexName: config.indexName,
    logger,
    suggestions,
    reindexer,
    nextRun: () => scheduler?.nextRun() ?? null,
    adminToken: config.adminToken,
    corsOrigins: config.corsOrigins,
  });
  const server = createHttpServer(app).listen(config.port, config.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  logger.info({ url: `http://localhost:${port}`, port, engine: connection.url, embedded: connection.embedded !== null }, 'news-search is serving');

  // Suggestions from what is indexed already, then again after the first run.
  void refreshSuggestions().catch(() => {});
  if (config.scheduler === 'on' && reindexer) {
    void reindexer.run();
    scheduler = startScheduler(config.reindexCron, reindexer, logger);
  }
  // An engine restarted on a fresh database (its old one was lost) is filled from the seeds at once,
  // not at the next tick of the schedule; a run still failing on the old one is waited out.
  connection.embedded?.events.on('restart', ({ fresh }: { fresh: boolean }) => {
    if (!fresh || !reindexer) return;
    const kick = async (): Promise<void> => {
      if (shuttingDown) return;
      const outcome = await reindexer!.run();
      if (outcome.status === 'busy') setTimeout(() => void kick(), 1000).unref();
    };
    void kick();
  });
  // Every gateway, search-only replicas too: suggestions follow changes made elsewhere.
  const follower = followIndex(config.reindexCron, { suggestions, engine: connection.engine, indexName: config.indexName, ...(reindexer ? { reindexer } : {}) }, logger);

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    await scheduler?.stop();
    await follower.stop();
    await reindexer?.stop();
    await drained;
    clearTimeout(timer);
    await connection.close();
    logger.info('stopped');
    exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
