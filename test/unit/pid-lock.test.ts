/** The DATA_DIR lock file: taken once, named holder, stale holders taken over. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PidLock, holderAlive } from '../../src/runtime/pid-lock.js';
import { tempDir } from '../helpers/env.js';

/** A pid that certainly does not run: a child that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('PidLock', () => {
  it('is taken once: a second try answers the holder, and it is free again once released', async () => {
    const file = path.join(await tempDir(), 'x.lock');
    const lock = PidLock.acquire(file, 'first');
    assert.ok(lock instanceof PidLock);
    const again = PidLock.acquire(file, 'second');
    assert.ok(!(again instanceof PidLock));
    assert.equal(again.heldBy.pid, process.pid);
    assert.equal(again.heldBy.what, 'first');
    assert.equal(PidLock.holder(file)?.pid, process.pid);
    lock.release();
    assert.equal(PidLock.holder(file), null);
    const third = PidLock.acquire(file, 'third');
    assert.ok(third instanceof PidLock);
    third.release();
  });

  const stale: [string, (file: string) => void][] = [
    ['its process is gone', (f) => writeFileSync(f, JSON.stringify({ pid: deadPid(), what: 'dead', since: '', startTicks: null }))],
    ['its pid now belongs to another process (another start time)', (f) => writeFileSync(f, JSON.stringify({ pid: process.pid, what: 'old', since: '', startTicks: '1' }))],
    ['it was half written', (f) => writeFileSync(f, '{"pid": 12')],
    ['it names no process', (f) => writeFileSync(f, JSON.stringify({ pid: 0 }))],
  ];
  for (const [when, write] of stale) {
    it(`takes a stale lock over when ${when}`, async () => {
      const file = path.join(await tempDir(), 'x.lock');
      write(file);
      const lock = PidLock.acquire(file, 'new');
      assert.ok(lock instanceof PidLock, when);
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).what, 'new');
      lock.release();
    });
  }

  it('release removes only its own file, not one another process wrote since', async () => {
    const file = path.join(await tempDir(), 'x.lock');
    const lock = PidLock.acquire(file, 'mine');
    assert.ok(lock instanceof PidLock);
    writeFileSync(file, JSON.stringify({ pid: 1, what: 'init', since: '', startTicks: null }));
    lock.release();
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).pid, 1);
  });

  it('tells a live holder from a dead one', () => {
    assert.equal(holderAlive({ pid: process.pid, startTicks: null }), true);
    assert.equal(holderAlive({ pid: deadPid(), startTicks: null }), false);
    assert.equal(holderAlive({ pid: -5, startTicks: null }), false);
  });
});
