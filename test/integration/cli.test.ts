/** `npm run index` as a user runs it: a real process, its output and its exit code. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ROOT, SEEDS, engineEnv, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';
import { manifestPath } from '../../indexer/sync/manifest.js';

const exec = promisify(execFile);
const CLI = path.join(ROOT, 'indexer', 'cli.ts');

async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: env.DATA_DIR ?? (await tempDir()), ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The record's fields (docs/design.md: CLI), and the extension that says where each field came from. */
const DRY_RUN_FIELDS = ['id', 'storyId', 'file', 'title', 'kicker', 'column', 'source', 'agency', 'date', 'place', 'reporters', 'topics', 'keywords', 'script', 'body', 'chunks', 'evidence'];

describe('index CLI', () => {
  it('--dry-run --out - prints one JSON article per line with the fields of docs/design.md', async () => {
    const { code, stdout, stderr } = await runCli(['--seeds', SEEDS, '--dry-run', '--out', '-']);
    assert.equal(code, 0, stderr);
    const records = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(records.length >= 5);
    for (const r of records) {
      assert.deepEqual(Object.keys(r), DRY_RUN_FIELDS);
      assert.ok(r.date === null || /^\d{4}-\d{2}-\d{2}$/.test(String(r.date)));
      assert.ok(r.script === 'simplified' || r.script === 'traditional');
      assert.ok(typeof r.body === 'string' && r.body.length > 50);
      assert.ok(Number(r.chunks) >= 1);
    }
    assert.equal(new Set(records.map((r) => r.file)).size, 5, 'every sample file gives articles');
    assert.ok(records.some((r) => r.script === 'traditional'));
    assert.match(stderr, /dry run: 5 files/);
  });

  it('--dry-run --out FILE writes the same records to a file', async () => {
    const out = path.join(await tempDir(), 'articles.jsonl');
    const { code } = await runCli(['--seeds', SEEDS, '--dry-run', '--out', out]);
    assert.equal(code, 0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    assert.ok(lines.length >= 5);
    assert.doesNotThrow(() => lines.map((l) => JSON.parse(l)));
  });

  it('--help prints usage and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /--dry-run/);
  });

  it('a bad flag exits 2 with a message', async () => {
    const { code, stderr } = await runCli(['--bogus']);
    assert.equal(code, 2);
    assert.match(stderr, /unknown option '--bogus'/);
  });

  it('a bad configuration exits 2 naming the variable', async () => {
    const { code, stderr } = await runCli(['--seeds', SEEDS], { MAX_FILE_BYTES: 'lots' });
    assert.equal(code, 2);
    assert.match(stderr, /MAX_FILE_BYTES/);
  });

  it('indexes into the engine and prints a per-file report', async () => {
    const { url, key } = engineEnv();
    const indexName = uniqueIndex('cli');
    const dataDir = await tempDir();
    try {
      const { code, stderr } = await runCli(['--seeds', SEEDS], { MEILI_URL: url, MEILI_MASTER_KEY: key, INDEX_NAME: indexName, DATA_DIR: dataDir });
      assert.equal(code, 0, stderr);
      assert.equal(existsSync(path.join(dataDir, 'meili')), false, 'with MEILI_URL no embedded engine is started');
      assert.ok(existsSync(manifestPath(dataDir, indexName)));
      assert.match(stderr, /indexed\s+000_ec9a296428cebe2e\.txt \d+ articles, \d+ chunks/);
      assert.match(stderr, /full run .*5 files, 5 indexed/);
      // What the index lacks, where, and how to declare it.
      assert.match(stderr, /\d+ articles: 1 without a date, 0 without a source, \d+ without a topic/);
      assert.match(stderr, /003_eab1bee5dfb038ec\.txt: 1\/1 without a date/);
      assert.match(stderr, /to fix: declare .*\.meta\.json.*"published"/);
      assert.ok((await testEngine().documentCount(indexName)) > 0);
    } finally {
      await testEngine().deleteIndex(indexName).catch(() => {});
    }
  });

  it('exits non-zero with a clear message when the engine is down', async () => {
    const { code, stderr } = await runCli(['--seeds', SEEDS], { MEILI_URL: 'http://127.0.0.1:9', MEILI_MASTER_KEY: 'k'.repeat(32) });
    assert.equal(code, 1);
    assert.match(stderr, /indexing failed, the live index was left as it was: Meilisearch is unreachable/);
  });
});
