/** The project's own fixture corpus as one seeds folder with its truth file (no test side effects). */
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExpectedArticle, Truth } from './truth.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');

/** Builds a seeds folder and a truth file from every fixture case. */
export async function assembleFixtures(into?: string): Promise<{ seedsDir: string; truthFile: string }> {
  const seedsDir = into ?? (await mkdtemp(path.join(os.tmpdir(), 'news-search-fixtures-')));
  const truth: Truth = { files: {}, stories: JSON.parse(await readFile(path.join(FIXTURES, 'stories.json'), 'utf8')) as string[][] };
  for (const entry of await readdir(FIXTURES, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(FIXTURES, entry.name);
    const files = await readdir(dir);
    if (!files.includes('expected.json')) continue;
    // expected.json lists the articles of input.*; a case of several files (pages of one edition) has
    // expected-NAME.json for each further input-NAME.*.
    for (const name of files.filter((f) => /^input(-[\w]+)?\./.test(f) && !f.endsWith('.meta.json'))) {
      const suffix = /^input(-[\w]+)?/.exec(name)?.[1] ?? '';
      const expected = JSON.parse(await readFile(path.join(dir, `expected${suffix}.json`), 'utf8')) as { articles: ExpectedArticle[] };
      const target = `${entry.name}${suffix}${path.extname(name)}`;
      await cp(path.join(dir, name), path.join(seedsDir, target));
      if (files.includes(`${name}.meta.json`)) await cp(path.join(dir, `${name}.meta.json`), path.join(seedsDir, `${target}.meta.json`));
      truth.files[target] = { articles: expected.articles };
    }
  }
  const truthFile = path.join(seedsDir, '..', `${path.basename(seedsDir)}-truth.json`);
  await writeFile(truthFile, JSON.stringify(truth));
  return { seedsDir, truthFile };
}

