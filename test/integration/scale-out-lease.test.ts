/**
 * Two gateway processes against one engine, both scheduling runs every second: the lease held in
 * the engine lets one index at a time; killing the holder mid-run hands the lease, and the run it
 * had under way, to the other once the lease expires.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clausePool, generateArticles, writeCorpus } from '../../bench/corpus.js';
import { EngineLease } from '../../indexer/sync/lease.js';
import { engineEnv, silentLogger, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';
import { startService, waitFor, type Service } from '../helpers/service.js';

const engine = testEngine();
const TTL_MS = 3000;

interface LogLine {
  time: number;
  msg: string;
  owner?: string;
  epoch?: number;
  mode?: string;
}

const logLines = (svc: Service): LogLine[] =>
  svc.output.flatMap((line) => {
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });

/** [taken, released] intervals of the lease, by owner; an interval still open ends at `now`. */
function holdings(lines: LogLine[], now: number): [number, number][] {
  const out: [number, number][] = [];
  let open: number | null = null;
  for (const l of lines) {
    if (l.msg === 'indexing lease taken') open = l.time;
    if (l.msg === 'indexing lease released' && open !== null) {
      out.push([open, l.time]);
      open = null;
    }
  }
  if (open !== null) out.push([open, now]);
  return out;
}

describe('many gateways, one indexer at a time (lease in the engine)', () => {
  const indexName = uniqueIndex('lease');
  const services: Service[] = [];
  let env: Record<string, string>;

  before(async () => {
    const seedsDir = await tempDir();
    // Enough articles that a full rebuild lasts a few seconds on the test machine.
    await writeCorpus(generateArticles(1500, await clausePool()), seedsDir);
    const { url, key } = engineEnv();
    env = {
      MEILI_URL: url,
      MEILI_MASTER_KEY: key,
      INDEX_NAME: indexName,
      SEEDS_DIR: seedsDir,
      DATA_DIR: await tempDir(), // shared, as the compose file shares its volume
      LEASE: 'on',
      LEASE_TTL_MS: String(TTL_MS),
      REINDEX_CRON: '* * * * * *',
      ADMIN_TOKEN: 'lease-test-admin-token',
    };
  });
  after(async () => {
    for (const s of services) s.child.kill('SIGKILL');
    for (const uid of [indexName, ...(await engine.listIndexes(`${indexName}__`))]) await engine.deleteIndex(uid).catch(() => {});
  });

  it('never lets two instances index at once, and the survivor finishes the run of a holder killed mid-run', async () => {
    const a = await startService({ ...env, INSTANCE_ID: 'gateway-a' });
    const b = await startService({ ...env, INSTANCE_ID: 'gateway-b' });
    services.push(a, b);
    await waitFor('a first run to finish', async () => [a, b].some((s) => logLines(s).some((l) => l.msg === 'index run finished')), 120_000);
    await new Promise((r) => setTimeout(r, 3000)); // a few ticks of both schedules

    // Who holds now? Ask one instance for a full rebuild, then kill it while it indexes.
    const lease = new EngineLease({ engine, indexName, owner: 'observer', ttlMs: TTL_MS, logger: silentLogger });
    const asked = await waitFor('a full rebuild to start on one instance', async () => {
      for (const s of [a, b]) {
        const res = await fetch(`${s.base}/api/admin/reindex?full=true`, { method: 'POST', headers: { authorization: 'Bearer lease-test-admin-token' } });
        if (res.status === 202) return s;
      }
      return null;
    }, 60_000, 50);
    const other = asked === a ? b : a;
    await waitFor('the rebuild to be under way', async () => {
      const status = (await (await fetch(`${asked.base}/api/status`)).json()) as { currentRun: { progress: { done: number } | null } | null };
      return (status.currentRun?.progress?.done ?? 0) > 50;
    }, 60_000, 20);
    const state = await lease.state();
    assert.equal(state.holder, asked === a ? 'gateway-a' : 'gateway-b', 'the instance that runs holds the lease');
    asked.child.kill('SIGKILL');
    const killedAt = Date.now();
    await asked.exited;

    // The other takes over only once the lease has expired, and runs the unfinished full rebuild.
    const finished = await waitFor('the survivor to finish the inherited run', async () => {
      const lines = logLines(other);
      const inherited = lines.findIndex((l) => l.msg === 'the previous lease holder died during a run; running it again' && l.time >= killedAt);
      if (inherited < 0) return null;
      return lines.slice(inherited).find((l) => l.msg === 'index run finished') ?? null;
    }, 120_000);
    assert.equal(finished.mode, 'full');
    const takenOver = logLines(other).find((l) => l.msg === 'indexing lease taken' && l.time >= killedAt)!;
    assert.ok(takenOver.time - killedAt >= TTL_MS / 3, `taken ${takenOver.time - killedAt} ms after the kill, before the lease could expire`);

    // At no moment did both hold the lease.
    // (the killed instance's last holding ends with it).
    const end = (s: Service) => (s === asked ? killedAt : Date.now());
    for (const [s1, e1] of holdings(logLines(a), end(a))) {
      for (const [s2, e2] of holdings(logLines(b), end(b))) assert.ok(e1 <= s2 || e2 <= s1, `overlapping holdings [${s1}, ${e1}] and [${s2}, ${e2}]`);
    }
    // The index is whole: a search answers, and no build index is left behind by the killed run.
    const res = (await (await fetch(`${other.base}/api/search?q=${encodeURIComponent('记者')}`)).json()) as { total: number };
    assert.ok(res.total > 0);
    assert.deepEqual(await engine.listIndexes(`${indexName}__build_`), []);
  });
});
