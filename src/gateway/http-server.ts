/**
 * The HTTP server around the app: what happens to a request before Express sees it.
 * - Raw UTF-8 in the request line (curl 'http://host/api/search?q=金砖' sends the bytes as typed)
 *   is percent-encoded, as nginx and other servers accept it; Node's parser refuses any byte
 *   above 0x7f in a URL, even with insecureHTTPParser.
 * - Request lines and headers up to MAX_HEADER_BYTES reach the app, so that an over-long query
 *   from any browser gets a 400 naming `q`; beyond that, a 431 problem document.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type express from 'express';

/**
 * Request lines and headers up to this size reach the app (Node's default is 16 KiB): the
 * longest URL a browser sends (Chromium's limit, 2 MiB) plus room for its headers. A 10,000
 * character query is 90 kB percent-encoded and deserves a 400 naming `q`, not a bare 431.
 */
export const MAX_HEADER_BYTES = 2 * 1024 * 1024 + 64 * 1024;

/** A request Node's parser refuses (over MAX_HEADER_BYTES, malformed) still gets a problem document. */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) return;
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify({
    type: tooLarge ? '/problems/request-too-large' : '/problems/bad-request',
    title: tooLarge ? 'Request too large' : 'Bad request',
    status,
    detail: tooLarge ? `the request line and headers are limited to ${MAX_HEADER_BYTES} bytes` : 'the request could not be parsed',
    parameter: 'request',
  });
  socket.end(`HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

const HEX = '0123456789ABCDEF';

/**
 * The chunk with every byte above 0x7f of its first line percent-encoded (UTF-8 bytes stay
 * UTF-8 once decoded), or null when that line has none. Byte by byte, so a line cut by the
 * chunk's end is encoded as far as it goes. Only the request-target can hold such bytes: the
 * method and the version are ASCII.
 */
export function encodeRequestLine(chunk: Buffer): Buffer | null {
  let end = chunk.indexOf(0x0a);
  if (end < 0) end = chunk.length;
  let high = 0;
  for (let i = 0; i < end; i++) if (chunk[i]! > 0x7f) high++;
  if (high === 0) return null;
  const out = Buffer.allocUnsafe(chunk.length + 2 * high);
  let at = 0;
  for (let i = 0; i < end; i++) {
    const b = chunk[i]!;
    if (b > 0x7f) {
      out[at++] = 0x25; // %
      out[at++] = HEX.charCodeAt(b >> 4);
      out[at++] = HEX.charCodeAt(b & 15);
    } else out[at++] = b;
  }
  chunk.copy(out, at, end);
  return out;
}

/**
 * The HTTP server for an app. Each connection's first chunk is looked at before Node's parser
 * takes the socket over (then it reads from the socket natively, as before): its request line is
 * percent-encoded when it holds raw UTF-8. A connection that sends nothing is still the server's
 * to time out and to close on shutdown.
 */
export function createHttpServer(app: express.Express): http.Server {
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, app);
  server.on('clientError', answerClientError);
  const parse = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  /** Sockets whose first bytes have not come yet. */
  const waiting = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    waiting.add(socket);
    const handOver = () => {
      waiting.delete(socket);
      socket.setTimeout(0);
      for (const listener of parse) listener.call(server, socket);
    };
    socket.setTimeout(server.headersTimeout, () => socket.destroy());
    socket.once('close', () => waiting.delete(socket));
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      socket.unshift(encodeRequestLine(chunk) ?? chunk);
      handOver();
      socket.resume();
    });
  });
  // Idle by definition: closed with the server's idle connections (server.close() closes those too).
  const closeIdle = server.closeIdleConnections.bind(server);
  server.closeIdleConnections = () => {
    for (const socket of waiting) socket.destroy();
    closeIdle();
  };
  const closeAll = server.closeAllConnections.bind(server);
  server.closeAllConnections = () => {
    for (const socket of waiting) socket.destroy();
    closeAll();
  };
  return server;
}
