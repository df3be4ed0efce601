/** The acceptance suite shared by the samples and the project's own fixtures. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import type { ArticleRecord } from '../../indexer/sync/dry-run.js';
import { compareArticle, dryRunArticles, linkedGroups, squash, type Truth } from '../../eval/truth.js';

export function acceptanceSuite(name: string, seedsDir: string, truthFile: string): void {
  describe(name, () => {
    let truth: Truth;
    let articles: ArticleRecord[];
    const byKey = new Map<string, ArticleRecord>();

    before(async () => {
      truth = JSON.parse(await readFile(truthFile, 'utf8')) as Truth;
      articles = await dryRunArticles(seedsDir);
      for (const [file, { articles: expected }] of Object.entries(truth.files)) {
        for (const e of expected) {
          const found = articles.filter((a) => a.file === file && squash(a.title) === squash(e.title));
          if (found.length === 1) byKey.set(e.key, found[0]!);
        }
      }
    });

    it('finds every article the editor lists, once, and no other', async () => {
      const problems: string[] = [];
      for (const [file, { articles: expected }] of Object.entries(truth.files)) {
        const ours = articles.filter((a) => a.file === file);
        for (const e of expected) {
          const n = ours.filter((a) => squash(a.title) === squash(e.title)).length;
          if (n !== 1) problems.push(`${file} ${e.key} "${e.title}" found ${n} times`);
        }
        const extra = ours.filter((a) => !expected.some((e) => squash(e.title) === squash(a.title)));
        for (const a of extra) problems.push(`${file}: unexpected article "${a.title}"`);
      }
      assert.deepEqual(problems, []);
    });

    it('gets every field right', async () => {
      const problems: string[] = [];
      for (const [file, { articles: expected }] of Object.entries(truth.files)) {
        for (const e of expected) {
          const a = byKey.get(e.key);
          if (a) problems.push(...compareArticle(e, a).map((p) => `${file} ${e.key}: ${p}`));
        }
      }
      assert.deepEqual(problems, []);
    });

    it('links the reprints the editor names, and nothing else', async () => {
      const { groups } = linkedGroups(byKey, articles);
      assert.deepEqual(groups, truth.stories.map((s) => [...s].sort().join('+')).sort());
    });
  });
}

