import assert from 'node:assert/strict';
import { mkdir, symlink, utimes, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { discover, escapeNameBytes } from '../../indexer/sync/discover.js';
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

describe('discover: names that are not valid UTF-8', () => {
  it('reports each by its bytes, with what it reads as in GBK, and finds the other files', async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'sub'));
    const old = new Date(Date.now() - 60_000);
    const gbkName = Buffer.concat([Buffer.from(root + '/'), iconv.encode('新闻稿.txt', 'gbk')]);
    const latin1Name = Buffer.concat([Buffer.from(root + '/sub/'), Buffer.from('caf\xe9 notes.txt', 'latin1')]);
    for (const name of [gbkName, latin1Name]) {
      await writeFile(name, '正文。');
      await utimes(name, old, old);
    }
    await writeFile(path.join(root, 'ok.txt'), '正文。');
    await utimes(path.join(root, 'ok.txt'), old, old);
    const { files, diagnostics } = await discover(root, { maxFileBytes: 1e6 });
    assert.deepEqual(files.map((f) => f.relPath), ['ok.txt']);
    const bad = diagnostics.filter((d) => d.rule === 'discover/bad-name').sort((a, b) => (a.file < b.file ? 1 : -1));
    assert.deepEqual(bad.map((d) => [d.file, d.severity]), [
      ['sub/caf\\xE9 notes.txt', 'error'],
      ['\\xD0\\xC2\\xCE\\xC5\\xB8\\xE5.txt', 'error'],
    ]);
    assert.match(bad[1]!.reason, /not valid UTF-8 \(read as GBK: "新闻稿\.txt"\)/);
  });
});

describe('escapeNameBytes', () => {
  const cases: [string, Buffer, string][] = [
    ['printable ASCII is kept', Buffer.from('notes 1.txt'), 'notes 1.txt'],
    ['a Latin-1 byte', Buffer.from('caf\xe9', 'latin1'), 'caf\\xE9'],
    ['every byte of a GBK name, also the pairs that happen to be valid UTF-8', iconv.encode('新闻', 'gbk'), '\\xD0\\xC2\\xCE\\xC5'],
    ['a control character and a backslash', Buffer.from('a\tb\\c'), 'a\\x09b\\x5Cc'],
  ];
  for (const [name, raw, shown] of cases) it(name, () => assert.equal(escapeNameBytes(raw), shown));
});
