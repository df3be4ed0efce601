import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { engineLineLevel } from '../../src/engine/embedded.js';
import { createConsoleLogger } from '../../src/runtime/logger.js';

describe('engineLineLevel', () => {
  const cases: [string, string, 'error' | 'warn' | 'debug'][] = [
    ['the 404 warning of a request for an index not built yet', '2026-12-06T01:09:01Z  WARN HTTP request{method=GET route=/indexes/articles status_code=404 error=Index `articles` not found.}: tracing_actix_web::middleware: Error encountered', 'debug'],
    ['the 400 warning of a request the engine refused', '2026-12-06T01:09:01Z  WARN HTTP request{method=POST route=/multi-search status_code=400 error=Invalid filter}: tracing_actix_web', 'debug'],
    ['a warning about the engine itself', '2026-12-06T01:09:01Z  WARN index_scheduler: disk is almost full', 'warn'],
    ['a 5xx answer', '2026-12-06T01:09:01Z  WARN HTTP request{method=POST status_code=500 error=No space left on device}', 'warn'],
    ['an error', '2026-12-06T01:09:01Z ERROR index_scheduler: batch failed', 'error'],
    ['an info line', '2026-12-06T01:09:01Z  INFO actix_server::builder: starting 2 workers', 'debug'],
  ];
  for (const [name, line, level] of cases) it(`forwards ${name} at ${level}`, () => assert.equal(engineLineLevel(line), level));
});

describe('createConsoleLogger', () => {
  async function written(terminal: boolean): Promise<string> {
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    const logger = await createConsoleLogger('info', terminal, sink);
    logger.info({ port: 3000 }, 'news-search is serving');
    await new Promise((r) => setTimeout(r, 50));
    return out;
  }

  it('prints readable lines on a terminal', async () => {
    const out = await written(true);
    assert.match(out, /INFO.*news-search is serving/);
    assert.throws(() => JSON.parse(out));
  });
});
