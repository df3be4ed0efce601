/** The indexer against the real engine: full builds, incremental runs, bad files, an engine that is down. */
import assert from 'node:assert/strict';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { storyIndexOf } from '../../src/engine/settings.js';
import { filterString, type Engine } from '../../src/engine/meili.js';
import { EngineUnavailableError } from '../../src/engine/errors.js';
import { ManifestMemo, manifestPath, readManifest } from '../../indexer/sync/manifest.js';
import { MassDeletionRefused, owedRebuildPath, syncSeeds, SyncAborted, type RunReport } from '../../indexer/sync/sync.js';
import { copySeeds, deadEngine, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';
import { latestTaskUid } from '../../bench/engine-stats.js';

const engine = testEngine();

describe('syncSeeds against Meilisearch', () => {
  let seedsDir: string;
  let dataDir: string;
  let indexName: string;
  const run = (full = false): Promise<RunReport> => syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 20 * 1024 * 1024, engine, full });
  const docsOf = async (file: string) => engine.documentsWhere(indexName, `file = ${filterString(file)}`);

  before(async () => {
    seedsDir = await copySeeds();
    dataDir = await tempDir();
    indexName = uniqueIndex('sync');
  });
  after(async () => {
    await engine.deleteIndex(indexName).catch(() => {});
  });

  it('builds the index in full when there is none, and every chunk is in it', async () => {
    const report = await run();
    assert.equal(report.mode, 'full');
    assert.equal(report.totals.indexed, 5);
    assert.equal(report.totals.rejected, 0);
    assert.ok(report.totals.articles >= 5);
    assert.equal(await engine.documentCount(indexName), report.totals.chunks);
    assert.deepEqual(await engine.listIndexes(`${indexName}__build_`), [], 'no build index left behind');
    const m = await readManifest(manifestPath(dataDir, indexName));
    assert.equal(m.status, 'ok');
  });

  it('counts each file\'s articles without a date, a source or a topic, and keeps the counts for unchanged files', async () => {
    const report = await run();
    const undated = report.files.filter((f) => (f.missing?.date ?? 0) > 0).map((f) => f.file);
    assert.deepEqual(undated, ['003_eab1bee5dfb038ec.txt']);
    assert.ok(report.files.every((f) => f.missing !== undefined), 'every file the index holds is counted');
    assert.equal(report.totals.missing.date, 1);
    assert.equal(report.totals.missing.source, 0);
  });

  it('reads a file again to count its empty fields when its manifest entry was written before they were counted, and sends nothing', async () => {
    const file = manifestPath(dataDir, indexName);
    const lines = (await readFile(file, 'utf8')).split('\n').map((l) => (l.includes('"missing"') ? JSON.stringify({ ...JSON.parse(l), missing: undefined }) : l));
    await writeFile(file, lines.join('\n'));
    const taskBefore = await latestTaskUid(engine);
    const report = await run();
    assert.equal(report.mode, 'incremental');
    assert.equal(report.totals.unchanged, 5);
    assert.equal(report.totals.missing.date, 1);
    assert.equal(await latestTaskUid(engine), taskBefore);
    const m = await readManifest(file);
    assert.ok(m.status === 'ok' && [...m.manifest.files.values()].every((e) => e.missing !== undefined));
  });

  it('sends nothing to the engine when nothing changed', async () => {
    const taskBefore = await latestTaskUid(engine);
    const report = await run();
    assert.equal(report.mode, 'incremental');
    assert.equal(report.totals.unchanged, 5);
    assert.equal(report.upserted, 0);
    assert.equal(report.deleted, 0);
    assert.equal(await latestTaskUid(engine), taskBefore);
  });

  it('re-indexes only a changed file and removes its chunks that no longer exist', async () => {
    const file = path.join(seedsDir, '004_8bd540b0dbc04382.txt');
    const before = (await docsOf('004_8bd540b0dbc04382.txt')).map((d) => String(d.id));
    const text = await readFile(file, 'utf8');
    await writeFile(file, `${text}\n\n新增的一段文字，用来测试增量索引：芒果卫星发射成功。\n`);
    const report = await run();
    assert.equal(report.mode, 'incremental');
    assert.deepEqual(report.files.filter((f) => f.status === 'indexed').map((f) => f.file), ['004_8bd540b0dbc04382.txt']);
    const afterDocs = await docsOf('004_8bd540b0dbc04382.txt');
    assert.ok(afterDocs.some((d) => String(d.text).includes('芒果卫星')));
    const manifest = await readManifest(manifestPath(dataDir, indexName));
    assert.ok(manifest.status === 'ok');
    assert.deepEqual(afterDocs.map((d) => String(d.id)).sort(), [...manifest.manifest.files.get('004_8bd540b0dbc04382.txt')!.chunkIds].sort());
    assert.ok(before.length > 0);
    assert.equal(await engine.documentCount(indexName), [...manifest.manifest.files.values()].reduce((n, f) => n + f.chunkIds.length, 0));
  });

  it('deletes the chunks of a removed file', async () => {
    await rm(path.join(seedsDir, '002_bd23061ac044c198.txt'));
    const report = await run();
    assert.deepEqual(report.files.filter((f) => f.status === 'deleted').map((f) => f.file), ['002_bd23061ac044c198.txt']);
    assert.equal((await docsOf('002_bd23061ac044c198.txt')).length, 0);
  });

  it('reports a bad file by name and reason, indexes the rest, and keeps the last good content of a file that went bad', async () => {
    const good = '003_eab1bee5dfb038ec.txt';
    const kept = (await docsOf(good)).length;
    assert.ok(kept > 0);
    await writeFile(path.join(seedsDir, good), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]));
    await writeFile(path.join(seedsDir, 'new-binary.dat'), Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0]));
    await writeFile(path.join(seedsDir, 'new-good.txt'), '新华社北京6月1日电（记者张三）一条新的测试新闻讲述了芒果丰收的消息。\n');
    const report = await run();
    const rejected = Object.fromEntries(report.files.filter((f) => f.status === 'rejected').map((f) => [f.file, f.diagnostics.find((d) => d.severity === 'error')?.reason]));
    assert.deepEqual(Object.keys(rejected).sort(), [good, 'new-binary.dat']);
    assert.match(rejected[good] ?? '', /binary/);
    assert.equal((await docsOf(good)).length, kept, 'the last good chunks stay');
    assert.ok((await docsOf('new-good.txt')).length > 0, 'the rest is indexed');
  });

  it('rebuilds in full into a fresh index and swaps it in, keeping a rejected file\'s last good chunks', async () => {
    const countBefore = await engine.documentCount(indexName);
    const report = await run(true);
    assert.equal(report.mode, 'full');
    assert.equal(await engine.documentCount(indexName), countBefore);
    assert.ok((await docsOf('003_eab1bee5dfb038ec.txt')).length > 0);
    assert.deepEqual(await engine.listIndexes(`${indexName}__build_`), []);
    // The pipeline's notes (encoding found, lines rejoined) are the dry run's; a run reports what needs a look.
    assert.deepEqual(report.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'info').map((d) => d.rule)), []);
    assert.ok(report.files.some((f) => f.diagnostics.some((d) => d.severity === 'warning')), 'warnings are still reported');
  });

  it('reports a renamed file and moves its chunks to the new name', async () => {
    await rename(path.join(seedsDir, '004_8bd540b0dbc04382.txt'), path.join(seedsDir, 'renamed-004.txt'));
    await rename(path.join(seedsDir, '004_8bd540b0dbc04382.txt.meta.json'), path.join(seedsDir, 'renamed-004.txt.meta.json'));
    const report = await run();
    const renamed = report.files.find((f) => f.file === 'renamed-004.txt');
    assert.equal(renamed?.status, 'renamed');
    assert.ok(renamed.diagnostics.some((d) => d.reason === 'renamed from 004_8bd540b0dbc04382.txt'));
    assert.equal(report.files.some((f) => f.file === '004_8bd540b0dbc04382.txt'), false);
    assert.equal((await docsOf('004_8bd540b0dbc04382.txt')).length, 0);
    assert.ok((await docsOf('renamed-004.txt')).length > 0);
  });

  it('keeps the last good content of a file truncated to zero, and reports it', async () => {
    const kept = (await docsOf('000_ec9a296428cebe2e.txt')).length;
    await writeFile(path.join(seedsDir, '000_ec9a296428cebe2e.txt'), '');
    const report = await run();
    const r = report.files.find((f) => f.file === '000_ec9a296428cebe2e.txt');
    assert.equal(r?.status, 'rejected');
    assert.match(r.diagnostics[0]?.reason ?? '', /empty/);
    assert.equal((await docsOf('000_ec9a296428cebe2e.txt')).length, kept);
  });

  it('reconciles documents a killed run left behind: a full rebuild brings the index to the manifest', async () => {
    await engine.addDocuments(indexName, [{ id: 'orphan-of-a-killed-run', articleId: 'x', storyId: 'x', file: 'gone.txt', chunkIndex: 0, text: '孤儿文档' }]);
    const report = await run();
    assert.equal(report.mode, 'full');
    assert.match(report.reason ?? '', /documents where the manifest expects/);
    const m = await readManifest(manifestPath(dataDir, indexName));
    assert.ok(m.status === 'ok');
    assert.equal(await engine.documentCount(indexName), [...m.manifest.files.values()].reduce((n, f) => n + f.chunkIds.length, 0));
    assert.equal((await docsOf('gone.txt')).length, 0);
  });

  it('rebuilds in full when the manifest is corrupt', async () => {
    await writeFile(manifestPath(dataDir, indexName), '{ not json');
    const report = await run();
    assert.equal(report.mode, 'full');
    assert.match(report.reason ?? '', /manifest/);
  });
});

describe('syncSeeds with the manifest kept in memory between runs (the service)', () => {
  it('reads the manifest again when another process (the CLI) ran in between, and appends small runs to it', async () => {
    const seedsDir = await tempDir();
    const dataDir = await tempDir();
    const indexName = uniqueIndex('memo');
    const memo = new ManifestMemo();
    const run = (withMemo: boolean) => syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 2e7, engine, ...(withMemo ? { memo } : {}) });
    const text = (place: string) => `本报讯（记者李四）${place}今年新建了一座图书馆，藏书五万册，周末向市民免费开放。馆长介绍，图书馆还设有少儿阅览区和自习室。\n`;
    try {
      for (const name of ['a', 'b', 'c']) await writeFile(path.join(seedsDir, `${name}.txt`), text(`${name}城`));
      assert.equal((await run(true)).mode, 'full');
      const mfile = manifestPath(dataDir, indexName);
      const whole = await readFile(mfile);

      await writeFile(path.join(seedsDir, 'a.txt'), text('东港区'));
      const cli = await run(false);
      assert.deepEqual(cli.files.filter((f) => f.status === 'indexed').map((f) => f.file), ['a.txt']);
      const appended = await readFile(mfile);
      assert.ok(appended.length > whole.length && appended.subarray(0, whole.length).equals(whole), 'the CLI appended its run to the manifest');

      await writeFile(path.join(seedsDir, 'b.txt'), text('西山镇'));
      const service = await run(true);
      assert.equal(service.mode, 'incremental');
      assert.deepEqual(service.files.filter((f) => f.status === 'indexed').map((f) => f.file), ['b.txt'], 'a.txt is not taken for changed again');
      const read = await readManifest(mfile);
      assert.ok(read.status === 'ok');
      assert.equal(await engine.documentCount(indexName), [...read.manifest.files.values()].reduce((n, f) => n + f.chunkIds.length, 0));
      assert.ok((await engine.documentsWhere(indexName, `file = "b.txt"`)).some((d) => String(d.text).includes('西山镇')));

      const still = await run(true);
      assert.equal(still.upserted + still.deleted, 0);
    } finally {
      await engine.deleteIndex(indexName).catch(() => {});
    }
  });
});

describe('syncSeeds links reprints across runs', () => {
  let seedsDir: string;
  let dataDir: string;
  let indexName: string;
  const run = (full = false): Promise<RunReport> => syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 20 * 1024 * 1024, engine, full });
  /** articleId → the storyIds the index holds for its chunks. */
  const storiesOf = async (file: string) => {
    const out = new Map<string, Set<string>>();
    for (const d of await engine.documentsWhere(indexName, `file = ${filterString(file)}`, ['articleId', 'storyId'])) {
      out.set(String(d.articleId), (out.get(String(d.articleId)) ?? new Set()).add(String(d.storyId)));
    }
    return out;
  };
  /** The one article of a file: its id and the storyIds its chunks hold. */
  const only = async (file: string): Promise<[string, string[]]> => {
    const all = [...(await storiesOf(file))];
    assert.equal(all.length, 1, `${file} holds one article`);
    return [all[0]![0], [...all[0]![1]]];
  };
  const story = (text: string) =>
    `新华社北京6月${text.length % 20 + 1}日电（记者王五）${text}。这条消息由测试编写，专门用来检验转载的识别：同一篇稿件出现在两个文件里，应当归为一个故事。` +
    `报道还提到，当地在春季完成了三千二百亩农田的灌溉改造，农户的收入因此增加，合作社计划明年继续扩大种植面积。\n`;

  before(async () => {
    seedsDir = await tempDir();
    dataDir = await tempDir();
    indexName = uniqueIndex('stories');
    await writeFile(path.join(seedsDir, 'a.txt'), story('青河县的芒果园迎来丰收'));
    const report = await run();
    assert.equal(report.mode, 'full');
  });
  after(async () => {
    await engine.deleteIndex(indexName).catch(() => {});
  });

  it('gives a reprint added later the story already indexed, on every chunk, in the documents it sends', async () => {
    await writeFile(path.join(seedsDir, 'b.txt'), story('青河县的芒果园迎来丰收'));
    // The engine's writes, by kind: the story is set on the documents before they are sent, not patched after.
    const writes: string[] = [];
    const watched = Object.create(engine, {
      enqueue: { value: (uid: string, write: Parameters<Engine['enqueue']>[1]) => (writes.push(`${uid === indexName ? 'chunks' : uid}:${Object.keys(write)[0]!}`), engine.enqueue(uid, write)) },
    }) as Engine;
    const report = await syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 20 * 1024 * 1024, engine: watched });
    // The chunks once; then the one story they joined, written again with both copies.
    assert.deepEqual(writes, ['chunks:addLines', `${storyIndexOf(indexName)}:addLines`]);
    assert.equal(report.upserted, report.files.find((f) => f.file === 'b.txt')!.chunks, 'each document counted once');
    const [aId, aStories] = await only('a.txt');
    const [bId, bStories] = await only('b.txt');
    assert.notEqual(aId, bId);
    assert.deepEqual(aStories, [aId]);
    assert.deepEqual(bStories, [aId]);
    const storyDoc = await engine.getDocument(storyIndexOf(indexName), aId);
    assert.deepEqual((storyDoc?.copies as { id: string }[]).map((c) => c.id), [aId, bId], 'one story document, the first copy first');
    assert.equal(await engine.getDocument(storyIndexOf(indexName), bId), null, 'the reprint is no story of its own');
  });

  it('links two new copies sent in one run to the earlier file', async () => {
    await writeFile(path.join(seedsDir, 'c1.txt'), story('白沙镇的茶园开始采摘春茶'));
    await writeFile(path.join(seedsDir, 'c2.txt'), story('白沙镇的茶园开始采摘春茶'));
    await run();
    const [c1, s1] = await only('c1.txt');
    const [, s2] = await only('c2.txt');
    assert.deepEqual(s1, [c1]);
    assert.deepEqual(s2, [c1]);
  });

  it('gives an article its own story again when an edit makes it another story', async () => {
    await writeFile(path.join(seedsDir, 'b.txt'), story('东湖区的渔民出海捕鱼满载而归'));
    await run();
    const [bId, bStories] = await only('b.txt');
    assert.deepEqual(bStories, [bId]);
    const ids = (await engine.documentsWhere(storyIndexOf(indexName), 'id EXISTS', ['id', 'copies'])).map((d) => [d.id, (d.copies as { id: string }[]).map((c) => c.id).sort()]);
    assert.ok(ids.some(([id, copies]) => id === bId && (copies as string[]).join() === bId), JSON.stringify(ids));
    assert.ok(ids.every(([, copies]) => !(copies as string[]).includes(bId) || (copies as string[]).length === 1), 'the old story no longer lists it');
  });
});

describe('syncSeeds and what searches see while an incremental run writes', () => {
  it('sends each document of a reprint with its story, beyond one batch: no reprint counts as a story of its own meanwhile', async () => {
    const seedsDir = await tempDir();
    const dataDir = await tempDir();
    const indexName = uniqueIndex('held');
    // A long report (over 5000 chunks, more than one batch of the writer) and, later, its copy.
    const paragraphs = Array.from({ length: 19_000 }, (_, i) =>
      `第${i + 1}条，国家统计局今天发布数据显示，前三季度国内生产总值同比增长百分之${(i % 9) + 1}，第${i % 31}个城市就业形势总体稳定。` +
      `各地围绕第${i % 17}项重点任务持续发力，${i % 5 === 0 ? '农田灌溉改造' : '社区养老服务'}取得新进展，群众获得感进一步增强。`,
    );
    const text = `新华社北京6月1日电（记者王五）统计数据发布会在京举行\n${paragraphs.join('\n')}\n`;
    try {
      await writeFile(path.join(seedsDir, 'report.txt'), text);
      await syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 20 * 1024 * 1024, engine });
      await writeFile(path.join(seedsDir, 'reprint.txt'), text);
      const sent = new Map<string, unknown>();
      const writes: string[] = [];
      const watched = Object.create(engine, {
        enqueue: {
          value: (uid: string, write: Parameters<Engine['enqueue']>[1]) => {
            if (uid !== indexName) return engine.enqueue(uid, write); // the story index: written once the chunks are in
            writes.push(Object.keys(write)[0]!);
            if ('addLines' in write) {
              for (const line of Buffer.from(write.addLines).toString('utf8').split('\n')) {
                if (!line) continue;
                const doc = JSON.parse(line) as { id: string; storyId: unknown };
                sent.set(doc.id, doc.storyId);
              }
            }
            return engine.enqueue(uid, write);
          },
        },
      }) as Engine;
      const report = await syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 20 * 1024 * 1024, engine: watched });
      assert.equal(report.mode, 'incremental');
      assert.ok(sent.size > 5000, `${sent.size} documents sent, more than one batch`);
      assert.ok(writes.filter((w) => w === 'addLines').length >= 2);
      const stored = await engine.documentsWhere(indexName, `file = ${filterString('reprint.txt')}`, ['id', 'storyId']);
      const original = new Set((await engine.documentsWhere(indexName, `file = ${filterString('report.txt')}`, ['storyId'])).map((d) => d.storyId));
      assert.equal(stored.length, sent.size);
      for (const d of stored) {
        assert.equal(sent.get(String(d.id)), d.storyId, 'sent with the story it keeps');
        assert.ok(original.has(d.storyId), 'the story of the original');
      }
      assert.ok(!writes.includes('update'), 'no document patched after it was searchable');
    } finally {
      await engine.deleteIndex(indexName).catch(() => {});
    }
  });
});

describe('syncSeeds and declarations', () => {
  it('re-indexes a file whose sidecar changed, and reads no declaration of files whose stamps did not move', async () => {
    const seedsDir = await tempDir();
    const dataDir = await tempDir();
    const indexName = uniqueIndex('decl');
    const run = () => syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 2e7, engine });
    const text = '新华社北京6月2日电（记者李四）一条测试新闻讲述了荔枝丰收的消息，果农们忙着采摘和装箱，销往全国各地。\n';
    try {
      await writeFile(path.join(seedsDir, 'a.txt'), text);
      await writeFile(path.join(seedsDir, 'a.txt.meta.json'), JSON.stringify({ source: '甲报' }));
      await writeFile(path.join(seedsDir, 'b.txt'), text.replace('荔枝', '龙眼'));
      assert.equal((await run()).mode, 'full');
      const manifest = await readManifest(manifestPath(dataDir, indexName));
      assert.ok(manifest.status === 'ok' && manifest.manifest.files.get('a.txt')?.declarationStamp?.startsWith('a.txt.meta.json:'));
      // The sidecar changes (another size, another time): only a.txt is processed again.
      await new Promise((r) => setTimeout(r, 20));
      await writeFile(path.join(seedsDir, 'a.txt.meta.json'), JSON.stringify({ source: '乙日报' }));
      const report = await run();
      assert.deepEqual(report.files.filter((f) => f.status === 'indexed').map((f) => f.file), ['a.txt']);
      const docs = await engine.documentsWhere(indexName, `file = ${filterString('a.txt')}`, ['source']);
      assert.ok(docs.length > 0 && docs.every((d) => d.source === '乙日报'));
      // Nothing moved: nothing processed, nothing sent.
      const again = await run();
      assert.equal(again.totals.unchanged, 2);
      assert.equal(again.upserted, 0);
    } finally {
      await engine.deleteIndex(indexName).catch(() => {});
    }
  });
});

describe('syncSeeds and file names that are not valid UTF-8', () => {
  it('rejects each by its bytes and reason, and indexes the rest', async () => {
    const seedsDir = await copySeeds();
    const indexName = uniqueIndex('badname');
    try {
      // A GBK name as an archive from a Chinese Windows system unpacks it, and a Big5 one in a folder.
      await writeFile(Buffer.concat([Buffer.from(`${seedsDir}/`), Buffer.from([0xd0, 0xc2, 0xce, 0xc5]), Buffer.from('.txt')]), '新华社北京6月1日电（记者张三）一条测试新闻讲述了芒果丰收的消息。\n');
      await writeFile(Buffer.concat([Buffer.from(`${seedsDir}/`), Buffer.from([0xb7, 0x73, 0xbb, 0x44]), Buffer.from('.md')]), '# 標題\n\n一條測試新聞。\n');
      const report = await syncSeeds({ seedsDir, dataDir: await tempDir(), indexName, maxFileBytes: 1e6, engine });
      const rejected = report.files.filter((f) => f.status === 'rejected').map((f) => [f.file, f.diagnostics[0]?.rule] as const).sort();
      assert.deepEqual(rejected, [
        ['\\xB7s\\xBBD.md', 'discover/bad-name'],
        ['\\xD0\\xC2\\xCE\\xC5.txt', 'discover/bad-name'],
      ]);
      assert.equal(report.totals.rejected, 2);
      assert.equal(report.totals.indexed, 5, 'the samples are indexed');
    } finally {
      await engine.deleteIndex(indexName).catch(() => {});
    }
  });
});

describe('syncSeeds with the engine down', () => {
  it('fails with EngineUnavailableError and writes no manifest', async () => {
    const dataDir = await tempDir();
    await assert.rejects(
      syncSeeds({ seedsDir: await copySeeds(), dataDir, indexName: 'articles', maxFileBytes: 1e7, engine: deadEngine() }),
      EngineUnavailableError,
    );
    assert.equal((await readManifest(manifestPath(dataDir, 'articles'))).status, 'missing');
  });
});

describe('syncSeeds refuses to empty the index (an unmounted share, a failed sync)', () => {
  const setUp = async () => {
    const seedsDir = await copySeeds();
    const dataDir = await tempDir();
    const indexName = uniqueIndex('guard');
    const run = (extra: Partial<Parameters<typeof syncSeeds>[0]> = {}) => syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 1e7, engine, ...extra });
    const first = await run();
    return { seedsDir, dataDir, indexName, run, first };
  };
  const emptyFolder = async (dir: string) => {
    for (const name of await readdir(dir)) await rm(path.join(dir, name), { recursive: true });
  };

  it('refuses a run that finds the seeds folder empty, incremental or full, and keeps index and manifest', async () => {
    const { seedsDir, dataDir, indexName, run, first } = await setUp();
    try {
      const manifestBefore = await readFile(manifestPath(dataDir, indexName), 'utf8');
      await emptyFolder(seedsDir);
      await assert.rejects(run(), (err: unknown) => err instanceof MassDeletionRefused && err.deleting === 5 && err.indexed === 5 && /seeds folder is empty/.test(err.message));
      await assert.rejects(run({ full: true }), MassDeletionRefused);
      assert.equal(await engine.documentCount(indexName), first.totals.chunks, 'every document is still there');
      assert.equal(await readFile(manifestPath(dataDir, indexName), 'utf8'), manifestBefore, 'the manifest is as it was');
      assert.deepEqual(await engine.listIndexes(`${indexName}__build_`), []);
    } finally {
      await engine.deleteIndex(indexName).catch(() => {});
    }
  });

  it('refuses a run that would delete more than the allowed share, allows one under it, and deletes all once confirmed', async () => {
    const { seedsDir, indexName, run } = await setUp();
    try {
      const files = (await readdir(seedsDir)).filter((f) => f.endsWith('.txt')).sort();
      // 3 of 5 is over a half: refused, nothing deleted. (Renamed within the folder they would be renames, not deletions.)
      const away = await tempDir();
      for (const f of files.slice(0, 3)) await rename(path.join(seedsDir, f), path.join(away, f));
      await assert.rejects(run(), (err: unknown) => err instanceof MassDeletionRefused && err.deleting === 3 && err.indexed === 5 && /MAX_DELETE_SHARE/.test(err.message));
      assert.equal((await engine.documentsWhere(indexName, `file = ${filterString(files[0]!)}`)).length > 0, true);
      // A higher share lets the same run through.
      const allowed = await run({ maxDeleteShare: 0.8 });
      assert.equal(allowed.totals.deleted, 3);
      // The last two of two: refused until confirmed, then done.
      await emptyFolder(seedsDir);
      await assert.rejects(run({ maxDeleteShare: 0.8 }), MassDeletionRefused);
      const confirmed = await run({ allowMassDelete: true });
      assert.equal(confirmed.totals.deleted, 2);
      assert.equal(await engine.documentCount(indexName), 0);
    } finally {
      await engine.deleteIndex(indexName).catch(() => {});
    }
  });

  it('counts documents when there is no manifest to count files by: an empty folder does not replace a live index', async () => {
    const { seedsDir, dataDir, indexName, run, first } = await setUp();
    try {
      await rm(manifestPath(dataDir, indexName));
      await emptyFolder(seedsDir);
      await assert.rejects(run(), (err: unknown) => err instanceof MassDeletionRefused && err.what === 'documents');
      assert.equal(await engine.documentCount(indexName), first.totals.chunks);
    } finally {
      await engine.deleteIndex(indexName).catch(() => {});
    }
  });
});

describe('syncSeeds after a rebuild that was killed', () => {
  it('removes build indexes no run owns, and rebuilds in full when a rebuild was owed', async () => {
    const seedsDir = await copySeeds();
    const dataDir = await tempDir();
    const indexName = uniqueIndex('owed');
    const run = (full = false) => syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 1e7, engine, full });
    try {
      await run();
      // What a rebuild killed with -9 leaves: its build index, and the owed-rebuild file it wrote first.
      const orphan = `${indexName}__build_killed`;
      await engine.createIndex(orphan);
      await writeFile(owedRebuildPath(dataDir, indexName), JSON.stringify({ startedAt: '2026-01-02T03:04:05.000Z' }));
      const report = await run();
      assert.equal(report.mode, 'full');
      assert.match(report.reason ?? '', /full rebuild started at 2026-01-02T03:04:05.000Z did not finish/);
      assert.deepEqual(await engine.listIndexes(`${indexName}__build_`), [], 'the orphan build index is gone');
      assert.equal(await readFile(owedRebuildPath(dataDir, indexName), 'utf8').catch(() => null), null, 'the rebuild is no longer owed');
      assert.equal((await run()).mode, 'incremental');
    } finally {
      await engine.deleteIndex(indexName).catch(() => {});
    }
  });

  it('leaves the rebuild owed when a full run fails, so the next run (another process too) rebuilds in full', async () => {
    const seedsDir = await copySeeds();
    const dataDir = await tempDir();
    const indexName = uniqueIndex('owed');
    try {
      await syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 1e7, engine });
      await assert.rejects(syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 1e7, engine, full: true, shouldStop: () => true }), SyncAborted);
      assert.ok(JSON.parse(await readFile(owedRebuildPath(dataDir, indexName), 'utf8')).startedAt);
      const next = await syncSeeds({ seedsDir, dataDir, indexName, maxFileBytes: 1e7, engine });
      assert.equal(next.mode, 'full');
    } finally {
      await engine.deleteIndex(indexName).catch(() => {});
    }
  });
});
