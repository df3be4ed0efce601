/**
 * `npm test`: starts one real Meilisearch (the embedded binary, random port, temp dir) for all
 * suites, runs every test file under test/ with Node's test runner, then stops the engine.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbedded } from '../src/engine/embedded.js';
import { createLogger } from '../src/runtime/logger.js';

const testDir = path.dirname(fileURLToPath(import.meta.url));

async function findTests(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => process.argv.length <= 2 || process.argv.slice(2).some((pattern) => f.includes(pattern)))
    .sort();
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'news-search-test-engine-'));
const engine = await startEmbedded({
  dataDir,
  maxIndexingThreads: os.availableParallelism(),
  maxIndexingMemoryMb: 512,
  logger: createLogger('fatal'),
});

let code = 1;
try {
  const files = await findTests(testDir);
  // A test that hangs (a handle left open) fails after 10 minutes instead of holding the run.
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-timeout=600000', ...files], {
    stdio: 'inherit',
    env: { ...process.env, TEST_MEILI_URL: engine.url, TEST_MEILI_KEY: engine.masterKey },
  });
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  code = await new Promise<number>((resolve) => child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
} finally {
  await engine.stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exitCode = code;
