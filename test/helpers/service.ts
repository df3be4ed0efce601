/** Running `src/main.ts` as a user would, and finding its engine process, for process-level tests. */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './env.js';

/** Pids of Meilisearch processes whose database lives in `dataDir`. */
export async function enginePids(dataDir: string): Promise<number[]> {
  const needle = path.join(dataDir, 'meili', 'data.ms');
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (args[0]?.endsWith('meilisearch') && args.includes(needle)) pids.push(Number(entry));
  }
  return pids;
}

/** Pids whose command line contains `needle` anywhere. */
export async function pidsWith(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if ((await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).includes(needle)) pids.push(Number(entry));
  }
  return pids;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | false | undefined>, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export interface Service {
  child: ChildProcess;
  base: string;
  port?: number;
  output: string[];
  exited: Promise<number | null>;
}

/** Starts the service with the given environment (PORT=0 and loopback added) and waits until it listens. */
export async function startService(env: Record<string, string>): Promise<Service> {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let port = 0;
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      const m = /"port":(\d+).*news-search is serving/.exec(line);
      if (m) port = Number(m[1]);
    });
  }
  await waitFor('the service to listen', async () => {
    if (child.exitCode !== null) throw new Error(`the service exited: ${output.join('\n')}`);
    return port > 0;
  });
  return { child, base: `http://127.0.0.1:${port}`, output, exited };
}

/** What the service said, for a failing test's output: its own lines, without debug lines and the request log. */
export function dumpService(svc: Service, last = 60): void {
  process.stderr.write(`${svc.output.filter((l) => !l.includes('"level":20') && !l.includes('request completed')).slice(-last).join('\n')}\n`);
}

/** Stops the service as an operator does (SIGTERM) and asserts that it exits 0. */
export async function stopService(svc: Service): Promise<void> {
  svc.child.kill('SIGTERM');
  assert.equal(await svc.exited, 0);
}

export async function getJson<T = Record<string, unknown>>(url: string): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await fetch(url);
  return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as T };
}

/** Runs `npm run index` (its source) as a user would, to its end: exit code and output. */
export async function runIndexCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'indexer', 'cli.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return { code, stdout, stderr };
}

/** Runs the service expecting it to exit on its own (a refused start): exit code and output. */
export async function runServiceToExit(env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; output: string[] }> {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout!, child.stderr!]) readline.createInterface({ input: stream }).on('line', (l) => output.push(l));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}
