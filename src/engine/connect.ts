/**
 * Which engine to talk to: MEILI_URL when set (nothing is started), else the embedded engine
 * another of our processes already runs on this DATA_DIR, else a new embedded engine.
 */
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { findRunningEmbedded, loadOrCreateMasterKey, startEmbedded, type EmbeddedEngine } from './embedded.js';
import { Engine } from './meili.js';

export interface EngineConnection {
  engine: Engine;
  url: string;
  embedded: EmbeddedEngine | null;
  /** Stops the embedded engine if this connection started it. */
  close(): Promise<void>;
}

export async function connectEngine(config: Config, logger: Logger, options: { reuseRunning?: boolean } = {}): Promise<EngineConnection> {
  if (config.meiliUrl) {
    const engine = new Engine({ url: config.meiliUrl, apiKey: config.meiliMasterKey, shards: config.meiliShards });
    return { engine, url: config.meiliUrl, embedded: null, close: async () => {} };
  }
  if (options.reuseRunning) {
    const running = await findRunningEmbedded(config.dataDir);
    if (running) {
      logger.info({ url: running }, 'using the embedded Meilisearch of the running service');
      const apiKey = config.meiliMasterKey ?? (await loadOrCreateMasterKey(config.dataDir));
      return { engine: new Engine({ url: running, apiKey }), url: running, embedded: null, close: async () => {} };
    }
  }
  const embedded = await startEmbedded({
    dataDir: config.dataDir,
    masterKey: config.meiliMasterKey,
    maxIndexingThreads: config.meiliMaxIndexingThreads,
    maxIndexingMemoryMb: config.meiliMaxIndexingMemoryMb,
    logger,
  });
  return {
    engine: new Engine({ url: embedded.url, apiKey: embedded.masterKey }),
    url: embedded.url,
    embedded,
    close: () => embedded.stop(),
  };
}
