/** The indexing lease against the real engine: exclusive, expiring, handing over the unfinished run, fenced. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { EngineLease } from '../../indexer/sync/lease.js';
import { silentLogger, testEngine, uniqueIndex } from '../helpers/env.js';

const engine = testEngine();
const TTL = 60_000;

describe('EngineLease', () => {
  const indexName = uniqueIndex('leaseunit');
  const leases: EngineLease[] = [];
  const lease = (owner: string, now?: () => number) => {
    const l = new EngineLease({ engine, indexName, owner, ttlMs: TTL, logger: silentLogger, ...(now ? { now } : {}) });
    leases.push(l);
    return l;
  };
  after(async () => {
    for (const l of leases) await l.release().catch(() => {});
    for (const uid of await engine.listIndexes(`${indexName}__lease_`)) await engine.deleteIndex(uid).catch(() => {});
  });

  it('is held by one instance at a time, and free again once released', async () => {
    const [a, b] = [lease('a'), lease('b')];
    assert.equal(await a.acquire(), true);
    assert.equal(await b.acquire(), false);
    assert.deepEqual({ ...(await b.state()), expiresAt: 0 }, { holder: 'a', expiresAt: 0, epoch: 1 });
    assert.equal(await a.acquire(), true, 'the holder may take it again');
    await a.release();
    assert.equal(await b.acquire(), true);
    assert.equal((await a.state()).holder, 'b');
    assert.deepEqual(await engine.listIndexes(`${indexName}__lease_`), [`${indexName}__lease_000000000002`], 'older epochs are removed');
    await b.release();
  });

  it('lets two instances racing for a free lease both try, and exactly one win', async () => {
    const contenders = ['c1', 'c2', 'c3', 'c4'].map((o) => lease(o));
    const won = await Promise.all(contenders.map((l) => l.acquire()));
    assert.equal(won.filter(Boolean).length, 1, `winners: ${won.join(', ')}`);
    await contenders[won.indexOf(true)]!.release();
  });

  it('stays with a holder whose renewal waits in the engine\'s queue behind a large batch', async () => {
    // The holder indexes: its lease write is queued behind its own batch. Seen from after the
    // stored expiry, the lease is still held while that write waits, from when it was sent.
    const holder = lease('busy');
    assert.equal(await holder.acquire(), true);
    const leaseIndex = `${indexName}__lease_${String((await holder.state()).epoch).padStart(12, '0')}`;
    // What the engine stores has expired (the last renewal it processed is old) …
    await engine.addDocuments(leaseIndex, [{ id: 'lease', owner: 'busy', expiresAt: Date.now() - 1000, run: null }]);
    // … while the next renewal waits behind a large batch.
    const busy = uniqueIndex('leasebusy');
    const batch = await engine.enqueue(busy, { add: Array.from({ length: 60_000 }, (_, i) => ({ id: `d${i}`, text: `第${i}条 文本 ${i % 97}` })) });
    const renewal = await engine.enqueue(leaseIndex, { add: [{ id: 'lease', owner: 'busy', expiresAt: Date.now() + TTL, run: null }] });
    const observer = lease('observer');
    const seen = await observer.state();
    assert.equal(seen.holder, 'busy', 'a renewal the engine has not reached yet keeps the lease');
    assert.equal(await observer.acquire(), false);
    await renewal.done();
    await batch.done();
    await engine.deleteIndex(busy);
    await holder.release();
  });

  it('after expiry passes to another, which inherits the unfinished run; the old holder finds it lost', async () => {
    const dead = lease('dead');
    assert.equal(await dead.acquire(), true);
    await dead.recordRun({ jobId: 'job-1', full: true });
    // Seen from later than the expiry (the holder stopped renewing: it died or stalled).
    const later = lease('later', () => Date.now() + 2 * TTL);
    assert.equal(await later.acquire(), true);
    assert.deepEqual(later.inherited, { jobId: 'job-1', full: true });
    assert.equal(await dead.confirm(), false, 'a stalled holder must not commit');
    assert.equal(dead.held, false);
    await later.release();
    assert.equal(later.inherited?.jobId, 'job-1');
    const next = lease('next');
    assert.equal(await next.acquire(), true);
    assert.equal(next.inherited, null, 'a released lease hands over no run');
    await next.release();
  });
});
