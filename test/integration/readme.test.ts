/**
 * Every `curl` example of README.md, run as printed (bash, curl) against a started service on a copy
 * of the samples, so the manual's examples cannot go stale: an example that gets an error status,
 * or whose pipeline fails, fails the test. A shell block is run whole (an id found by one line is
 * used by the next); only the host and port are changed, to the started service's.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { ROOT, copySeeds, engineEnv, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';
import { getJson, startService, waitFor, type Service } from '../helpers/service.js';

const exec = promisify(execFile);
const TOKEN = 'readme-admin-token-0123456789';

/** The README's shell blocks that hold curl examples, with the line each starts on. */
export async function curlBlocks(): Promise<{ line: number; text: string }[]> {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const blocks: { line: number; text: string }[] = [];
  for (const m of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    if (!/(^|\$\()curl /m.test(m[1]!)) continue;
    blocks.push({ line: readme.slice(0, m.index).split('\n').length + 1, text: m[1]! });
  }
  return blocks;
}

describe('the README\'s curl examples', () => {
  let svc: Service;
  const indexName = uniqueIndex('readme');

  before(async () => {
    const { url, key } = engineEnv();
    svc = await startService({ DATA_DIR: await tempDir(), SEEDS_DIR: await copySeeds(), MEILI_URL: url, MEILI_MASTER_KEY: key, INDEX_NAME: indexName, ADMIN_TOKEN: TOKEN });
    await waitFor('the first run', async () => (await getJson<{ lastRun: unknown }>(`${svc.base}/api/status`)).body.lastRun !== null);
  });
  after(async () => {
    svc?.child.kill('SIGTERM');
    await svc?.exited;
    await testEngine().deleteIndex(indexName).catch(() => {});
  });

  it('finds every curl line of the README in a block it runs', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const inBlocks = (await curlBlocks()).map((b) => b.text).join('\n');
    const lines = readme.split('\n').filter((l) => /^(?:\w+=\$\()?curl /.test(l.trim()));
    assert.ok(lines.length >= 8, `${lines.length} examples`);
    for (const line of lines) assert.ok(inBlocks.includes(line), line);
  });

  it('runs every curl example without an error', async () => {
    const blocks = await curlBlocks();
    assert.ok(blocks.length >= 3);
    for (const block of blocks) {
      // curl fails on an HTTP error status (and prints the problem document); every line must succeed.
      const script = `set -euo pipefail\ncurl() { command curl --fail-with-body --max-time 20 "$@"; }\n${block.text.replaceAll('http://localhost:3000', svc.base)}`;
      const run = await exec('bash', ['-c', script], { env: { ...process.env, ADMIN_TOKEN: TOKEN } }).then(
        (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
      );
      assert.equal(run.code, 0, `README block at line ${block.line} failed (${run.code}):\n${block.text}\n${run.out.slice(0, 500)}\n${run.err.slice(0, 500)}`);
      assert.ok(run.out.trim().length > 0, `README block at line ${block.line} printed nothing`);
    }
  });
});
