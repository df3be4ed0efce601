import assert from 'node:assert/strict';
import { mkdir, symlink, utimes, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { discover } from '../../indexer/discover.js';
import { tempDir } from '../helpers/env.js';

async function makeTree(): Promise<string> {
  const root = await tempDir();
  const outside = await tempDir();
  await writeFile(path.join(outside, 'secret.txt'), '外部文件。');
  await mkdir(path.join(root, 'sub', 'deeper'), { recursive: true });
  const files: Record<string, string> = {
    'a.txt': '正文。',
    'sub/b.md': '正文。',
    'sub/deeper/c.txt': '正文。',
    '.hidden.txt': '正文。',
    'draft.tmp': '正文。',
    'download.part': '正文。',
    'backup.txt~': '正文。',
    'big.txt': '大'.repeat(100),
  };
  const old = new Date(Date.now() - 60_000);
  for (const [rel, text] of Object.entries(files)) {
    await writeFile(path.join(root, rel), text);
    await utimes(path.join(root, rel), old, old);
  }
  await symlink(path.join(outside, 'secret.txt'), path.join(root, 'escape.txt'));
  await symlink(path.join(root, 'a.txt'), path.join(root, 'inside-link.txt'));
  return root;
}

describe('discover', () => {
  it('finds files recursively and skips what is not a seed', async () => {
    const root = await makeTree();
    const { files, diagnostics } = await discover(root, { maxFileBytes: 200 });
    assert.deepEqual(files.map((f) => f.relPath), ['a.txt', 'inside-link.txt', 'sub/b.md', 'sub/deeper/c.txt']);
    const byFile = Object.fromEntries(diagnostics.map((d) => [d.file, d.rule]));
    assert.equal(byFile['escape.txt'], 'discover/outside-link');
    assert.equal(byFile['big.txt'], 'discover/too-large');
  });

  it('leaves a file that is still being written for the next run', async () => {
    const root = await tempDir();
    const file = path.join(root, 'growing.txt');
    await writeFile(file, '开始。');
    const writer = setInterval(() => void appendFile(file, '更多。'), 20);
    try {
      const { files, diagnostics } = await discover(root, { maxFileBytes: 1e6, secondLookMs: 200 });
      assert.deepEqual(files, []);
      assert.equal(diagnostics[0]?.rule, 'discover/unstable');
    } finally {
      clearInterval(writer);
    }
  });

  it('takes a recently written file once it is stable', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'fresh.txt'), '刚写完。');
    const { files } = await discover(root, { maxFileBytes: 1e6, secondLookMs: 50 });
    assert.deepEqual(files.map((f) => f.relPath), ['fresh.txt']);
  });
});
