/** The manifest file: whole writes, appended runs, torn appends, the legacy format, corruption, the memo. */
import assert from 'node:assert/strict';
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  appendManifest,
  emptyManifest,
  manifestChange,
  ManifestMemo,
  ManifestWriter,
  readManifest,
  shouldRewrite,
  writeManifest,
  type Manifest,
  type ManifestEntry,
} from '../../indexer/sync/manifest.js';
import { tempDir } from '../helpers/env.js';

function entry(seed: number, articles = 2): ManifestEntry {
  return {
    size: 100 + seed,
    mtimeMs: 1_700_000_000_000 + seed,
    contentHash: `hash${seed}:decl`,
    chunkIds: Array.from({ length: articles * 2 }, (_, i) => `c${seed}_${i}`),
    articles,
    signatures: Array.from({ length: articles }, (_, i) => ({
      id: `a${seed}_${i}`,
      order: `f${seed}\u0000${i}`,
      storyId: `a${seed}_0`,
      shingles: 50 + i,
      minhash: String.fromCharCode(...Array.from({ length: 64 }, (_, k) => (seed * 7919 + i * 104_729 + k * 2_654_435_761) & 0xffff)),
      numbers: `${seed} 3.5%`,
    })),
    declarationStamp: seed % 2 ? `f${seed}.meta.json:10:1` : '',
  };
}

function manifestOf(files: Record<string, ManifestEntry>): Manifest {
  return { ...emptyManifest('articles'), updatedAt: '2026-11-24T10:00:00.000Z', files: new Map(Object.entries(files)) };
}

/** What a read gives, as plain data. */
const plain = (m: Manifest) => JSON.parse(JSON.stringify({ ...m, files: Object.fromEntries(m.files) })) as unknown;

async function file(): Promise<string> {
  return path.join(await tempDir(), 'manifest-articles.jsonl');
}

describe('manifest', () => {
  it('reads back what it wrote whole, signatures included', async () => {
    const f = await file();
    const m = manifestOf({ 'a.txt': entry(1), '目录/乙.txt': entry(2, 3) });
    const extent = await writeManifest(f, m);
    const read = await readManifest(f);
    assert.ok(read.status === 'ok');
    assert.deepEqual(plain(read.manifest), plain(m));
    assert.equal(read.manifest.files.get('a.txt')!.signatures[0]!.minhash.length, 64);
    assert.deepEqual(read.extent, extent);
    assert.equal(extent.committedBytes, (await readFile(f)).length);
    assert.equal(extent.journalBytes, 0);
  });

  it('writes a manifest entry by entry: the old one stays until the commit, and an aborted write leaves it and no temp file', async () => {
    const f = await file();
    const before = manifestOf({ 'a.txt': entry(1) });
    await writeManifest(f, before);
    const after = manifestOf({ 'a.txt': entry(1), 'b.txt': entry(2, 3) });
    const writer = await ManifestWriter.create(f, after);
    for (const [relPath, e] of after.files) await writer.add(relPath, e);
    const during = await readManifest(f);
    assert.ok(during.status === 'ok');
    assert.deepEqual(plain(during.manifest), plain(before), 'nothing replaced before the commit');
    const extent = await writer.commit();
    const read = await readManifest(f);
    assert.ok(read.status === 'ok');
    assert.deepEqual(plain(read.manifest), plain(after));
    assert.deepEqual(read.extent, extent);

    const aborted = await ManifestWriter.create(f, manifestOf({ 'c.txt': entry(3) }));
    await aborted.add('c.txt', entry(3));
    await aborted.abort();
    const kept = await readManifest(f);
    assert.ok(kept.status === 'ok');
    assert.deepEqual(plain(kept.manifest), plain(after));
    assert.deepEqual(await readdir(path.dirname(f)), [path.basename(f)]);
  });

  it('appends a run: changed and new files, removed files, then the commit', async () => {
    const f = await file();
    const before = manifestOf({ 'a.txt': entry(1), 'b.txt': entry(2), 'c.txt': entry(3) });
    const extent = await writeManifest(f, before);
    const after: Manifest = { ...before, updatedAt: '2026-11-24T11:00:00.000Z', files: new Map([['a.txt', before.files.get('a.txt')!], ['b.txt', entry(20)], ['d.txt', entry(4)]]) };
    const change = manifestChange(before, after);
    assert.deepEqual(Object.keys(change.set).sort(), ['b.txt', 'd.txt'], 'an entry left as it was is not written again');
    assert.deepEqual(change.removed, ['c.txt']);
    const wholeBefore = await readFile(f);
    const appended = await appendManifest(f, extent, change);
    const bytes = await readFile(f);
    assert.deepEqual(bytes.subarray(0, wholeBefore.length), wholeBefore, 'the whole-file part is not rewritten');
    assert.equal(appended.committedBytes, bytes.length);
    assert.equal(appended.journalBytes, bytes.length - wholeBefore.length);
    const read = await readManifest(f);
    assert.ok(read.status === 'ok');
    assert.deepEqual(plain(read.manifest), plain(after));
    assert.deepEqual(read.extent, appended);
  });

  it('ignores a run that died while appending, and the next append cuts it off', async () => {
    const f = await file();
    const m = manifestOf({ 'a.txt': entry(1) });
    const extent = await writeManifest(f, m);
    for (const torn of [`${JSON.stringify({ path: 'x.txt', removed: true })}\n`, '{"path":"a.txt","size":1', `${JSON.stringify({ path: 'a.txt', removed: true })}\n{"comm`]) {
      await writeFile(f, (await readFile(f)).subarray(0, extent.committedBytes));
      await appendFile(f, torn);
      const read = await readManifest(f);
      assert.ok(read.status === 'ok', torn);
      assert.deepEqual([...read.manifest.files.keys()], ['a.txt'], torn);
      assert.equal(read.extent.committedBytes, extent.committedBytes, torn);
    }
    const next: Manifest = { ...m, updatedAt: '2026-11-24T12:00:00.000Z', files: new Map([...m.files, ['b.txt', entry(2)]]) };
    await appendManifest(f, extent, manifestChange(m, next));
    const read = await readManifest(f);
    assert.ok(read.status === 'ok');
    assert.deepEqual(plain(read.manifest), plain(next));
  });

  it('reads the version 4 format (written whole, no commit lines, numbers as a list, 32-bit minhashes) and rewrites it before appending', async () => {
    const f = await file();
    const e = entry(1);
    // Minhashes were 32-bit values: the high halves (here all ones) are not part of the signature.
    const wide = (minhash: string) => Buffer.from(Uint32Array.from(minhash, (c) => (c.charCodeAt(0) | 0xffff0000) >>> 0).buffer).toString('base64');
    const legacy = { ...e, signatures: e.signatures.map((s) => ({ ...s, minhash: wide(s.minhash), numbers: s.numbers.split(' ') })) };
    await writeFile(f, `${JSON.stringify({ version: 4, index: 'articles', updatedAt: '2026-01-01T00:00:00.000Z' })}\n${JSON.stringify({ path: 'a.txt', ...legacy })}\n`);
    const read = await readManifest(f);
    assert.ok(read.status === 'ok');
    assert.deepEqual(plain(read.manifest), plain({ ...manifestOf({ 'a.txt': e }), updatedAt: '2026-01-01T00:00:00.000Z' }));
    assert.equal(read.extent.appendable, false);
    assert.equal(shouldRewrite(read.extent), true);
  });

  const corrupt: [string, (text: string) => string, RegExp][] = [
    ['not JSON', () => '{ not json\n', /JSON|Unexpected|Expected/],
    ['an unknown version', (t) => t.replace('"version":5', '"version":9'), /line 1/],
    ['an entry without its chunk ids', (t) => t.replace('"chunkIds":', '"chunks":'), /line 2: chunkIds/],
    ['a size that is not a number', (t) => t.replace(/"size":\d+/, '"size":"big"'), /line 2: size/],
    ['a signature without its minhash', (t) => t.replace(/"minhash":"[^"]*",/, ''), /line 2: signature/],
    ['a minhash of the wrong size', (t) => t.replace(/"minhash":"[^"]*"/, '"minhash":"AAAA"'), /line 2: signature a1_0 has a minhash of the wrong size/],
    ['numbers that are not text', (t) => t.replace(/"numbers":"[^"]*"/, '"numbers":[1,2]'), /line 2: signature/],
    ['no commit line', (t) => t.replace(/\{"commit":[^\n]*\n$/, ''), /no commit/],
    ['an empty file', () => '', /empty/],
  ];
  for (const [name, damage, reason] of corrupt) {
    it(`calls a manifest with ${name} corrupt, naming why`, async () => {
      const f = await file();
      await writeManifest(f, manifestOf({ 'a.txt': entry(1) }));
      await writeFile(f, damage(await readFile(f, 'utf8')));
      const read = await readManifest(f);
      assert.equal(read.status, 'corrupt');
      assert.match(read.status === 'corrupt' ? read.reason : '', reason);
    });
  }

  it('rewrites whole once the journal passes a quarter of the whole-file part', () => {
    const cases: [number, number, boolean, boolean][] = [
      [1000, 0, true, false],
      [1200, 200, true, false],
      [1300, 300, true, true],
      [1000, 0, false, true],
    ];
    for (const [committedBytes, journalBytes, appendable, rewrite] of cases) assert.equal(shouldRewrite({ committedBytes, journalBytes, appendable }), rewrite, `${committedBytes}/${journalBytes}/${appendable}`);
  });

  it('reports a missing manifest as missing', async () => {
    assert.deepEqual(await readManifest(await file()), { status: 'missing' });
  });

  describe('ManifestMemo', () => {
    it('keeps what it read or wrote until another writer replaces or appends to the file', async () => {
      const f = await file();
      const memo = new ManifestMemo();
      const m = manifestOf({ 'a.txt': entry(1) });
      await memo.wrote(f, m, await writeManifest(f, m));
      const first = await memo.read(f);
      assert.ok(first.status === 'ok');
      assert.equal(first.manifest, m, 'the same object, not read again');

      // Another process (the CLI) appends a run.
      const other = await readManifest(f);
      assert.ok(other.status === 'ok');
      const next: Manifest = { ...other.manifest, updatedAt: '2026-11-24T13:00:00.000Z', files: new Map([...other.manifest.files, ['b.txt', entry(2)]]) };
      await appendManifest(f, other.extent, manifestChange(other.manifest, next));
      const second = await memo.read(f);
      assert.ok(second.status === 'ok');
      assert.notEqual(second.manifest, m);
      assert.deepEqual([...second.manifest.files.keys()].sort(), ['a.txt', 'b.txt']);

      // Another process rewrites it whole (a new inode).
      await writeManifest(f, manifestOf({ 'c.txt': entry(3) }));
      const third = await memo.read(f);
      assert.ok(third.status === 'ok');
      assert.deepEqual([...third.manifest.files.keys()], ['c.txt']);
    });
  });
});
