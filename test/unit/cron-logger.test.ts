import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger } from '../../src/runtime/logger.js';
import { cronLogger } from '../../src/scheduler.js';

interface Line {
  level: number;
  msg: string;
  cron: string;
  err?: { message: string };
}

function capture(): { lines: Line[]; stream: Writable } {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l) lines.push(JSON.parse(l) as Line);
      done();
    },
  });
  return { lines, stream };
}

describe('cronLogger: node-cron\'s lines as the service\'s JSON lines', () => {
  const cases: [string, (l: ReturnType<typeof cronLogger>) => void, { level: number; msg: RegExp; err?: RegExp }][] = [
    ['a tick held up by the last run is debug', (l) => l.warn('task still running, new execution blocked by overlap prevention!'), { level: 20, msg: /still running/ }],
    ['a missed execution stays a warning', (l) => l.warn('missed execution at Sun Dec 06 2026! Possible blocking IO'), { level: 40, msg: /missed execution/ }],
    ['an error thrown by a task keeps its stack', (l) => l.error(new Error('boom')), { level: 50, msg: /scheduled task failed/, err: /boom/ }],
    ['a message with an error', (l) => l.error('Task failed with error!', new Error('disk')), { level: 50, msg: /Task failed/, err: /disk/ }],
    ['info stays info', (l) => l.info('task started'), { level: 30, msg: /task started/ }],
  ];
  for (const [name, call, want] of cases) {
    it(name, () => {
      const { lines, stream } = capture();
      call(cronLogger(createLogger('debug', stream), 'reindex'));
      assert.equal(lines.length, 1);
      const line = lines[0]!;
      assert.equal(line.level, want.level);
      assert.match(line.msg, want.msg);
      assert.equal(line.cron, 'reindex');
      if (want.err) assert.match(line.err?.message ?? '', want.err);
    });
  }
});
