import assert from 'node:assert/strict';
import { appendFile, mkdir, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { discover, type DiscoverOptions, type Discovery } from '../../indexer/sync/discover.js';
import { FULL_WALK_MS, FolderWatch } from '../../indexer/sync/watch.js';
import { tempDir } from '../helpers/env.js';

const OPTIONS: DiscoverOptions = { maxFileBytes: 1e6, secondLookMs: 1 };
const OLD = new Date(Date.now() - 60_000);

/** root, x, x/deep, y, z: five directories, files with declarations, all written a minute ago. */
async function makeTree(): Promise<string> {
  const root = await tempDir();
  await mkdir(path.join(root, 'x', 'deep'), { recursive: true });
  await mkdir(path.join(root, 'y'));
  await mkdir(path.join(root, 'z'));
  const files: Record<string, string> = {
    'a.txt': '正文一。',
    'x/b.txt': '正文二。',
    'x/c.txt': '正文三。',
    'x/_meta.json': '{"source": "人民日报"}',
    'x/deep/d.txt': '正文四。',
    'y/e.txt': '正文五。',
    'y/e.txt.meta.json': '{"date": "2024-01-02"}',
    'z/f.txt': '正文六。',
  };
  for (const [rel, text] of Object.entries(files)) {
    await writeFile(path.join(root, rel), text);
    await utimes(path.join(root, rel), OLD, OLD);
  }
  return root;
}

const seen = (d: Discovery) => ({ files: d.files, diagnostics: d.diagnostics });
const write = async (file: string, text: string) => {
  await writeFile(file, text);
  await utimes(file, OLD, OLD); // old enough to skip the second look: the test is about the watch
};

/** Each change, and how many directories the next walk must list again (a full walk lists 5). */
const CASES: { name: string; change: (root: string) => Promise<void>; listed: number }[] = [
  { name: 'nothing changed', change: async () => {}, listed: 0 },
  { name: 'a file appended to', change: (root) => appendFile(path.join(root, 'x', 'b.txt'), '追加。'), listed: 1 },
  { name: 'a file only touched', change: (root) => utimes(path.join(root, 'x', 'deep', 'd.txt'), new Date(), new Date(Date.now() - 30_000)), listed: 1 },
  { name: 'a file added', change: (root) => write(path.join(root, 'y', 'new.txt'), '新文件。'), listed: 1 },
  { name: 'a file deleted', change: (root) => rm(path.join(root, 'z', 'f.txt')), listed: 1 },
  {
    name: 'a file saved by rename over it (editors)',
    change: async (root) => {
      await write(path.join(root, 'y', '.e.txt.swp'), '改过的正文五。');
      await rename(path.join(root, 'y', '.e.txt.swp'), path.join(root, 'y', 'e.txt'));
    },
    listed: 1,
  },
  { name: 'a folder declaration changed', change: (root) => write(path.join(root, 'x', '_meta.json'), '{"source": "新华社"}'), listed: 1 },
  { name: 'a sidecar added', change: (root) => write(path.join(root, 'z', 'f.txt.meta.json'), '{"date": "2024-05-06"}'), listed: 1 },
  {
    name: 'a directory created with files',
    change: async (root) => {
      await mkdir(path.join(root, 'w'));
      await write(path.join(root, 'w', 'g.txt'), '新目录的文件。');
    },
    listed: 2,
  },
  { name: 'a directory removed', change: (root) => rm(path.join(root, 'x', 'deep'), { recursive: true }), listed: 1 },
  { name: 'a directory renamed', change: (root) => rename(path.join(root, 'z'), path.join(root, 'zz')), listed: 2 },
  {
    name: 'a directory replaced by another of the same name',
    change: async (root) => {
      await rm(path.join(root, 'z'), { recursive: true });
      await mkdir(path.join(root, 'z'));
      await write(path.join(root, 'z', 'h.txt'), '替换后的目录。');
    },
    listed: 2,
  },
];

describe('FolderWatch', () => {
  for (const { name, change, listed } of CASES) {
    it(`${name}: the same files as a full walk, listing ${listed} of the directories again`, async () => {
      const root = await makeTree();
      const watch = new FolderWatch((p) => assert.fail(`unexpected watch problem: ${p.error.message}`));
      try {
        const first = await watch.discover(root, OPTIONS);
        assert.equal(first.listed, 5);
        await change(root);
        const again = await watch.discover(root, OPTIONS);
        assert.deepEqual(seen(again), seen(await discover(root, OPTIONS)));
        assert.equal(again.listed, listed);
        // And the watch still sees the next change, in a new directory or a replaced one too.
        for (const dir of [root, ...again.listings.keys()]) await write(path.join(dir, 'later.txt'), '之后的文件。');
        const later = await watch.discover(root, OPTIONS);
        assert.deepEqual(seen(later), seen(await discover(root, OPTIONS)));
        assert.ok(later.files.filter((f) => f.relPath.endsWith('later.txt')).length >= again.listings.size);
      } finally {
        watch.close();
      }
    });
  }

  it('lists a directory that holds a symbolic link on every walk: its target changes without an event there', async () => {
    const root = await makeTree();
    const elsewhere = path.join(root, 'y', 'e.txt');
    await symlink(elsewhere, path.join(root, 'z', 'link.txt'));
    const watch = new FolderWatch();
    try {
      await watch.discover(root, OPTIONS);
      const again = await watch.discover(root, OPTIONS);
      assert.equal(again.listed, 1);
      assert.deepEqual(seen(again), seen(await discover(root, OPTIONS)));
    } finally {
      watch.close();
    }
  });

  it(`walks everything again after ${FULL_WALK_MS / 60_000} minutes, whatever the events said`, async () => {
    const root = await makeTree();
    let now = Date.now();
    const watch = new FolderWatch(undefined, () => now);
    try {
      await watch.discover(root, OPTIONS);
      assert.equal((await watch.discover(root, OPTIONS)).listed, 0);
      now += FULL_WALK_MS;
      assert.equal((await watch.discover(root, OPTIONS)).listed, 5);
      assert.equal((await watch.discover(root, OPTIONS)).listed, 0);
    } finally {
      watch.close();
    }
  });

  it('walks in full when the folder is another one, and after a walk that failed', async () => {
    const one = await makeTree();
    const two = await makeTree();
    const watch = new FolderWatch();
    try {
      await watch.discover(one, OPTIONS);
      assert.equal((await watch.discover(two, OPTIONS)).listed, 5);
      await rm(two, { recursive: true });
      await assert.rejects(watch.discover(two, OPTIONS), { code: 'ENOENT' });
      assert.equal((await watch.discover(one, OPTIONS)).listed, 5);
    } finally {
      watch.close();
    }
  });
});
