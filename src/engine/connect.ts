/**
 * Which engine to talk to: MEILI_URL when set (nothing is started), else the embedded engine
 * another of our processes already runs on this DATA_DIR, else a new embedded engine.
 */
import type { Config } from '../runtime/config.js';
import type { Logger } from '../runtime/logger.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataDirInUse, findRunningEmbedded, loadOrCreateMasterKey, startEmbedded, type EmbeddedEngine } from './embedded.js';
import { Engine } from './meili.js';
import { type FaultKind } from './errors.js';
import { ShardedEngine } from './sharded.js';

export interface EngineConnection {
  engine: Engine;
  url: string;
  embedded: EmbeddedEngine | null;
  /** Stops the embedded engine if this connection started it. */
  close(): Promise<void>;
}

/** How long the CLI waits for the engine of a service that holds DATA_DIR but is still starting it. */
const REUSE_WAIT_MS = 60_000;

export async function connectEngine(config: Config, logger: Logger, options: { reuseRunning?: boolean; role?: string } = {}): Promise<EngineConnection> {
  if (config.meiliUrl) {
    const options = { url: config.meiliUrl, apiKey: config.meiliMasterKey };
    const engine = config.meiliShards?.length ? new ShardedEngine(options, config.meiliShards) : new Engine(options);
    return { engine, url: config.meiliUrl, embedded: null, close: async () => {} };
  }
  const reuse = async (): Promise<EngineConnection | null> => {
    const running = await findRunningEmbedded(config.dataDir);
    if (!running) return null;
    logger.info({ url: running }, 'using the embedded Meilisearch of the running service');
    const apiKey = config.meiliMasterKey ?? (await loadOrCreateMasterKey(config.dataDir));
    return { engine: new Engine({ url: running, apiKey }), url: running, embedded: null, close: async () => {} };
  };
  if (options.reuseRunning) {
    const running = await reuse();
    if (running) return running;
  }
  let embedded: EmbeddedEngine;
  try {
    embedded = await start(config, logger, options.role);
  } catch (err) {
    // The service holds DATA_DIR and is still starting its engine: wait for it rather than fail.
    if (!(err instanceof DataDirInUse) || !options.reuseRunning) throw err;
    const deadline = Date.now() + REUSE_WAIT_MS;
    while (Date.now() < deadline) {
      await sleep(250);
      const running = await reuse();
      if (running) return running;
    }
    throw err;
  }
  const engine = new Engine({ url: embedded.url, apiKey: embedded.masterKey });
  followFaults(embedded, engine, logger);
  return { engine, url: embedded.url, embedded, close: () => embedded.stop() };
}

/** What the embedded engine's log and its supervisor know of storage faults, the engine boundary knows. */
export function followFaults(embedded: EmbeddedEngine, engine: Engine, logger: Logger): void {
  embedded.events.on('fault', ({ kind, message }: { kind: FaultKind; message: string }) => {
    logger.error({ kind, engineMessage: message }, kind === 'disk-full' ? 'Meilisearch cannot write: the disk is full' : 'Meilisearch lost its database');
    engine.raiseFault(kind, message);
  });
  embedded.events.on('restart', ({ fresh }: { fresh: boolean }) => {
    if (fresh) engine.clearFault();
  });
}

function start(config: Config, logger: Logger, role: string | undefined): Promise<EmbeddedEngine> {
  return startEmbedded({
    dataDir: config.dataDir,
    masterKey: config.meiliMasterKey,
    maxIndexingThreads: config.meiliMaxIndexingThreads,
    maxIndexingMemoryMb: config.meiliMaxIndexingMemoryMb,
    logger,
    ...(role ? { role } : {}),
  });
}
