/**
 * Generalisation: the project's own fixture files (test/fixtures/<case>/input.*, written for this
 * project in the shapes and encodings the samples have and lack) against their expected.json,
 * with the same acceptance check as the samples. Reprints across cases are listed in
 * test/fixtures/stories.json. Every case is copied into one seeds folder, named after its case.
 */
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, tempDir } from '../helpers/env.js';
import { acceptanceSuite } from './suite.js';
import type { ExpectedArticle, Truth } from './truth.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures');

/** Builds a seeds folder and a truth file from every fixture case. */
export async function assembleFixtures(): Promise<{ seedsDir: string; truthFile: string }> {
  const seedsDir = await tempDir('news-search-fixtures-');
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

const { seedsDir, truthFile } = await assembleFixtures();
acceptanceSuite('own fixtures (files the samples do not show) as an editor finds them', seedsDir, truthFile);
