import pino, { type Logger } from 'pino';

/** Paths that could carry a secret; pino replaces their values before a line is written. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'apiKey',
  'masterKey',
  'config.meiliMasterKey',
  'config.adminToken',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}

export type { Logger };

/**
 * The service's console: pretty lines on a terminal (pino-pretty, when installed: a development
 * dependency), JSON lines otherwise, written asynchronously (under load, a synchronous write per
 * request line cost the gateway a fifth of its throughput).
 */
export async function createConsoleLogger(level: string, terminal = process.stdout.isTTY === true, out: NodeJS.WritableStream = process.stdout): Promise<Logger> {
  if (terminal) {
    try {
      const { default: pretty } = await import('pino-pretty');
      return createLogger(level, pretty({ colorize: terminal && out === process.stdout, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true, destination: out, sync: true }));
    } catch {
      // Installed without development dependencies: JSON lines then.
    }
  }
  return createLogger(level, pino.destination({ dest: 1, sync: false }));
}
