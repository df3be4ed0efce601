/**
 * `npm run backup`: asks the engine for a dump (every index, settings and documents, in
 * Meilisearch's portable format), waits until it is written and says where it is. Uses the
 * engine at MEILI_URL, or the embedded engine of the running service, or starts one.
 * Exit 0 with the dump's uid and place; 1 when the engine failed the dump; 2 on a bad setting.
 */
import path from 'node:path';
import { ConfigError, loadConfig } from './runtime/config.js';
import { connectEngine } from './engine/connect.js';
import { EngineError } from './engine/errors.js';
import { createLogger } from './runtime/logger.js';

export interface BackupResult {
  dumpUid: string;
  /** Where the engine wrote it: a path for the embedded engine, else the engine's dump folder. */
  location: string;
}

export async function backup(env: Record<string, string | undefined> = process.env): Promise<BackupResult> {
  const config = loadConfig(env);
  const connection = await connectEngine(config, createLogger('warn'), { reuseRunning: true });
  try {
    const dumpUid = await connection.engine.createDump();
    const location = config.meiliUrl
      ? `${dumpUid}.dump in the engine's dump folder (its --dump-dir / MEILI_DUMP_DIR; /meili_data/dumps in docker-compose.yml)`
      : path.join(config.dataDir, 'meili', 'dumps', `${dumpUid}.dump`);
    return { dumpUid, location };
  } finally {
    await connection.close();
  }
}

const isMain = process.argv[1] !== undefined && /backup\.(ts|js)$/.test(process.argv[1]);
if (isMain) {
  try {
    const { dumpUid, location } = await backup();
    process.stdout.write(`dump ${dumpUid} written: ${location}\n`);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`backup: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`backup: ${err instanceof EngineError ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  }
}
