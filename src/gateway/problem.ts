/**
 * Errors as RFC 9457 problem details (application/problem+json). A bad parameter is named;
 * an engine that cannot answer is a 503 with Retry-After; nothing internal reaches the client.
 */
import type { ErrorRequestHandler, Response } from 'express';
import { EngineError, EngineUnavailableError } from '../engine/errors.js';
import type { Logger } from '../runtime/logger.js';
import { requestId } from './access-log.js';

export interface InvalidParam {
  name: string;
  reason: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** The first offending parameter, for clients that read one name. */
  parameter?: string;
  invalidParams?: InvalidParam[];
}

/** Seconds a client should wait before retrying when the engine is down or busy. */
export const RETRY_AFTER_SECONDS = 5;

export class HttpProblem extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title);
  }
}

export function invalidParams(params: InvalidParam[]): HttpProblem {
  const first = params[0];
  return new HttpProblem({
    type: '/problems/invalid-parameter',
    title: 'Invalid request parameter',
    status: 400,
    detail: params.map((p) => `${p.name}: ${p.reason}`).join('; '),
    ...(first ? { parameter: first.name } : {}),
    invalidParams: params,
  });
}

export function notFound(detail: string): HttpProblem {
  return new HttpProblem({ type: '/problems/not-found', title: 'Not found', status: 404, detail });
}

export function engineUnavailable(detail = 'the search engine is not reachable; try again shortly'): HttpProblem {
  return new HttpProblem(
    { type: '/problems/engine-unavailable', title: 'Search engine unavailable', status: 503, detail },
    { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  );
}

export function sendProblem(res: Response, problem: Problem, headers: Record<string, string> = {}): void {
  res.status(problem.status).set(headers).type('application/problem+json').send(JSON.stringify(problem));
}

/** The last middleware: maps every error to a problem; unexpected ones are logged, never shown. */
export const problemHandler = (logger: Logger): ErrorRequestHandler => (err, req, res, _next) => {
  const instance = req.originalUrl.split('?')[0];
  if (err instanceof HttpProblem) {
    sendProblem(res, { ...err.problem, instance }, err.headers);
    return;
  }
  if (err instanceof EngineUnavailableError || (err instanceof EngineError && err.code === 'index_missing')) {
    const p = err instanceof EngineUnavailableError ? engineUnavailable() : engineUnavailable('the index is not built yet; try again shortly');
    sendProblem(res, { ...p.problem, instance }, p.headers);
    return;
  }
  const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : null;
  if (status) {
    // Errors from body parsing and the like (malformed JSON, payload too large).
    sendProblem(res, { type: '/problems/bad-request', title: err.expose ? err.message : 'Bad request', status, instance });
    return;
  }
  logger.error({ err, reqId: requestId(res) }, 'request failed');
  if (err instanceof EngineError) {
    sendProblem(res, { type: '/problems/engine-error', title: 'Search engine error', status: 502, detail: 'the search engine could not answer this request', instance });
    return;
  }
  sendProblem(res, { type: '/problems/internal', title: 'Internal error', status: 500, instance });
};
