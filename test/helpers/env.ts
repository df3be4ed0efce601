/** Shared helpers: the engine the test launcher started, temp folders, the sample seeds. */
import { randomBytes } from 'node:crypto';
import { copyFile, cp, mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../../src/engine/meili.js';
import { createLogger } from '../../src/runtime/logger.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEEDS = path.join(ROOT, 'seeds');

export function engineEnv(): { url: string; key: string } {
  const url = process.env.TEST_MEILI_URL;
  const key = process.env.TEST_MEILI_KEY;
  if (!url || !key) throw new Error('run the tests with `npm test`: it starts the Meilisearch they need');
  return { url, key };
}

export function testEngine(): Engine {
  const { url, key } = engineEnv();
  return new Engine({ url, apiKey: key });
}

/** An engine client pointed at a port where nothing listens. */
export function deadEngine(): Engine {
  return new Engine({ url: 'http://127.0.0.1:9', apiKey: 'x'.repeat(32) });
}

export function uniqueIndex(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export async function tempDir(prefix = 'news-search-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A private copy of seeds/ that a test may change. */
export async function copySeeds(): Promise<string> {
  const dir = await tempDir('news-search-seeds-');
  await cp(SEEDS, dir, { recursive: true });
  return dir;
}

/** Adds `copies` copies of the sample text files to a seeds folder (copy-000-…, copy-001-…), so that a run takes long enough to be caught under way. */
export async function growSeeds(dir: string, copies: number): Promise<void> {
  const samples = (await readdir(SEEDS)).filter((f) => f.endsWith('.txt'));
  for (let i = 0; i < copies; i++) {
    const name = samples[i % samples.length]!;
    await copyFile(path.join(SEEDS, name), path.join(dir, `copy-${String(i).padStart(3, '0')}-${name}`));
  }
}

export const silentLogger = createLogger('silent');
