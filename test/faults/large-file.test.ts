/**
 * One large file must not stop the service (issue 24): searches are answered while it is
 * processed (the pipeline runs in a worker thread), the memory one file may take is bounded (a
 * file that needs more is rejected with the reason, the others indexed), and a page of a
 * couple of hundred thousand tiny lines is one document or rejected, never tens of thousands.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { processBytes } from '../../indexer/sync/pipeline.js';
import { copySeeds, tempDir } from '../helpers/env.js';
import { dumpService, getJson, startService, stopService, waitFor } from '../helpers/service.js';

const TOKEN = 'large-file-admin-token-42';

interface StatusBody {
  lastRun: { startedAt: string; finishedAt: string; files: number; rejected: { file: string; reasons: string[] }[] } | null;
  currentRun: { progress: { file: string } | null } | null;
}

/** A page of running Chinese text on one line, `mib` MiB long (sentences vary, so it is not one repeated phrase). */
function oneLinePage(mib: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < mib * 1024 * 1024; i++) {
    const s = `第${i}段，国家统计局今天发布数据显示，前三季度国内生产总值同比增长百分之${(i % 9) + 1}，就业形势总体稳定。`;
    parts.push(s);
    size += Buffer.byteLength(s);
  }
  return parts.join('');
}

describe('a large file', () => {
  it('does not hold searches while it is processed: each is answered at once, during a run of seconds', async () => {
    const seedsDir = await copySeeds();
    const svc = await startService({ DATA_DIR: await tempDir(), SEEDS_DIR: seedsDir, ADMIN_TOKEN: TOKEN, REINDEX_CRON: '0 0 1 1 *' });
    try {
      await waitFor('the first index', async () => (await getJson<StatusBody>(`${svc.base}/api/status`)).body.lastRun !== null, 60_000, 100);
      await writeFile(path.join(seedsDir, 'large.txt'), oneLinePage(16));
      const firstRun = (await getJson<StatusBody>(`${svc.base}/api/status`)).body.lastRun!.finishedAt;
      assert.equal((await fetch(`${svc.base}/api/admin/reindex`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status, 202);
      // Searches and status requests one after another until the run ends; each one's time from asking to answer.
      const latencies: number[] = [];
      const timed = async <T>(ask: () => Promise<T>): Promise<T> => {
        const t = performance.now();
        const answer = await ask();
        latencies.push(performance.now() - t);
        return answer;
      };
      let last: StatusBody['lastRun'] = null;
      for (;;) {
        const r = await timed(async () => {
          const res = await fetch(`${svc.base}/api/search?q=${encodeURIComponent('金砖')}`);
          await res.arrayBuffer();
          return res;
        });
        assert.equal(r.status, 200);
        last = (await timed(() => getJson<StatusBody>(`${svc.base}/api/status`))).body.lastRun;
        if (last && last.finishedAt !== firstRun) break;
      }
      const runMs = Date.parse(last.finishedAt) - Date.parse(last.startedAt);
      assert.ok(runMs >= 2000, `the file takes seconds to process (${runMs} ms), so a held event loop would show`);
      // On the event loop, the request asked while the file was processed waited for all of it
      // (3.5 s of this run's 12 s before the pipeline moved to its worker thread).
      assert.ok(Math.max(...latencies) < 1000, `slowest request ${Math.round(Math.max(...latencies))} ms during a run of ${runMs} ms`);
      assert.ok(latencies.length >= 10, `${latencies.length} requests answered during the run`);
    } catch (err) {
      dumpService(svc);
      throw err;
    } finally {
      await stopService(svc);
    }
  });

  it('processed by a scheduled run longer than the schedule\'s interval: the ticks it holds up are logged as JSON lines', async () => {
    const seedsDir = await copySeeds();
    const svc = await startService({ DATA_DIR: await tempDir(), SEEDS_DIR: seedsDir, REINDEX_CRON: '*/1 * * * * *', LOG_LEVEL: 'debug' });
    try {
      await waitFor('the first index', async () => (await getJson<StatusBody>(`${svc.base}/api/status`)).body.lastRun !== null, 60_000, 100);
      await writeFile(path.join(seedsDir, 'large.txt'), oneLinePage(6));
      // The run that processes the file takes seconds: the ticks meanwhile are held up. (A run that
      // found the file too fresh and left it for the next one counts it too: wait for the line.)
      await waitFor('a held-up tick in the log', async () => svc.output.some((l) => l.includes('"cron":"reindex"') && l.includes('still running')), 120_000, 100);
      // node-cron printed '[NODE-CRON] [WARN] task still running, new execution blocked' to the console.
      const notJson = svc.output.filter((l) => l.trim() && !l.startsWith('{'));
      assert.deepEqual(notJson, []);
    } catch (err) {
      dumpService(svc);
      throw err;
    } finally {
      await stopService(svc);
    }
  });

  it('that needs more memory than PIPELINE_MEMORY_MB is rejected with the reason; the other files are indexed and the service goes on', async () => {
    const seedsDir = await copySeeds();
    await writeFile(path.join(seedsDir, 'large.txt'), oneLinePage(12));
    const svc = await startService({ DATA_DIR: await tempDir(), SEEDS_DIR: seedsDir, PIPELINE_MEMORY_MB: '48', REINDEX_CRON: '0 0 1 1 *' });
    try {
      const run = await waitFor('the first run', async () => (await getJson<StatusBody>(`${svc.base}/api/status`)).body.lastRun, 120_000, 100);
      assert.equal(run.files, 6);
      assert.deepEqual(run.rejected.map((r) => r.file), ['large.txt']);
      assert.match(run.rejected[0]!.reasons.join(' '), /more memory than the pipeline may take \(PIPELINE_MEMORY_MB=48\)/);
      const search = await getJson<{ total: number }>(`${svc.base}/api/search?q=${encodeURIComponent('金砖')}`);
      assert.equal(search.status, 200);
      assert.ok(search.body.total > 0, 'the samples are indexed');
    } catch (err) {
      dumpService(svc);
      throw err;
    } finally {
      await stopService(svc);
    }
  });
});

describe('a page of 200,000 tiny lines', () => {
  const shapes: [string, string][] = [
    ['one short word a line (1.4 MB)', Array.from({ length: 200_000 }, () => '新闻').join('\n')],
    ['numbered short lines', Array.from({ length: 200_000 }, (_, i) => `${i + 1}. 中国`).join('\n')],
    ['short lines between blank ones', Array.from({ length: 200_000 }, (_, i) => (i % 2 ? '' : `第${i}条`)).join('\n')],
  ];
  for (const [shape, text] of shapes) {
    it(`is one document or rejected with a reason, not thousands of articles: ${shape}`, () => {
      const result = processBytes('tiny.txt', Buffer.from(text));
      if (result.ok) assert.equal(result.articles.length, 1);
      else assert.ok(result.diagnostics.some((d) => d.severity === 'error' && d.reason.length > 0));
    });
  }
});
