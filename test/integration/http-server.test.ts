/**
 * The HTTP server in front of the app: raw UTF-8 in a request line (what curl sends for a URL
 * typed with Chinese in it) is read as its percent-encoded form; an idle connection does not
 * hold the server open.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/gateway/app.js';
import { createHttpServer, encodeRequestLine } from '../../src/gateway/http-server.js';
import { syncSeeds } from '../../indexer/sync/sync.js';
import { SEEDS, silentLogger, tempDir, testEngine, uniqueIndex } from '../helpers/env.js';

describe('encodeRequestLine', () => {
  const cases: [string, string, string | null][] = [
    ['raw UTF-8 in the query', 'GET /api/search?q=金砖 HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /api/search?q=%E9%87%91%E7%A0%96 HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['raw UTF-8 in the path', 'GET /搜索 HTTP/1.1\r\n\r\n', 'GET /%E6%90%9C%E7%B4%A2 HTTP/1.1\r\n\r\n'],
    ['an ASCII line (left alone)', 'GET /api/search?q=%E9%87%91 HTTP/1.1\r\n\r\n', null],
    ['UTF-8 in a header only (not the line)', 'GET / HTTP/1.1\r\nX-Name: 金\r\n\r\n', null],
    ['a line the chunk cuts short', 'GET /api/search?q=金', 'GET /api/search?q=%E9%87%91'],
  ];
  for (const [name, input, expected] of cases) {
    it(`encodes ${name}`, () => assert.equal(encodeRequestLine(Buffer.from(input))?.toString('latin1') ?? null, expected));
  }
});

/** Sends raw bytes and reads the whole answer (the server closes after `Connection: close`; the client does not half-close, as curl does not). */
async function raw(port: number, request: Buffer): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(request);
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('the HTTP server', () => {
  const engine = testEngine();
  const indexName = uniqueIndex('http');
  let server: Server;
  let port: number;

  before(async () => {
    await syncSeeds({ seedsDir: SEEDS, dataDir: await tempDir(), indexName, maxFileBytes: 2e7, engine });
    server = createHttpServer(createApp({ engine, indexName, logger: silentLogger })).listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server?.close();
    await engine.deleteIndex(indexName).catch(() => {});
  });

  it('answers a search whose URL holds raw UTF-8, as curl sends it', async () => {
    const answer = await raw(port, Buffer.from('GET /api/search?q=金砖&perPage=2 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'));
    assert.match(answer, /^HTTP\/1\.1 200/);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { query: string; total: number };
    assert.equal(body.query, '金砖');
    assert.ok(body.total > 0);
  });

  it('answers the same search percent-encoded, and two requests on one connection', async () => {
    const answer = await raw(
      port,
      Buffer.from('GET /api/search?q=%E9%87%91%E7%A0%96 HTTP/1.1\r\nHost: localhost\r\n\r\nGET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'),
    );
    assert.equal(answer.match(/HTTP\/1\.1 200/g)?.length, 2);
    assert.match(answer, /"query":"金砖"/);
  });

  it('closes at once with a connection that never sent a byte', async () => {
    const other = createHttpServer(createApp({ engine, indexName, logger: silentLogger })).listen(0, '127.0.0.1');
    await once(other, 'listening');
    const idle = net.connect((other.address() as AddressInfo).port, '127.0.0.1');
    await once(idle, 'connect');
    const closed = new Promise<void>((resolve) => other.close(() => resolve()));
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('timed out'), 2000).unref());
    assert.equal(await Promise.race([closed.then(() => 'closed'), timeout]), 'closed');
  });
});
