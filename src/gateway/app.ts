/**
 * The HTTP gateway: a thin Express 5 app over the engine boundary. Validates, asks the engine,
 * shapes the answer; errors leave as problem+json through one handler.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response } from 'express';
import cors from 'cors';
import helmet from 'helmet';
import type { SearchEngine } from '../engine/ports.js';
import { storyIndexOf } from '../engine/settings.js';
import type { Logger } from '../runtime/logger.js';
import type { Reindexer } from '../reindexer.js';
import { qualityOf } from '../../indexer/sync/quality.js';
import { PROJECT_ROOT, WEB_DIR } from '../runtime/paths.js';
import { createMetrics, type Metrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { HttpProblem, engineUnavailable, problemHandler, sendProblem } from './problem.js';
import { articleParamsSchema, articleQuerySchema, loadArticle } from './article.js';
import { accessLog } from './access-log.js';
export { createHttpServer, MAX_HEADER_BYTES } from './http-server.js';
import { SuggestionIndex, suggestQuerySchema } from './suggest.js';
import { parseParams, reindexQuerySchema } from './params.js';
import { loadDictionary } from '../text/segment.js';
import { acceptRelaxed, mayRelax, planSearch, searchParams, searchQuerySchema, shapeResponse, type SearchResults } from './search.js';

const VERSION = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface AppDeps {
  engine: SearchEngine;
  indexName: string;
  logger: Logger;
  /** Suggestions for the search box; a fresh empty list when not given. */
  suggestions?: SuggestionIndex;
  /** The indexing runs, for /api/status and /api/admin/reindex. */
  reindexer?: Reindexer;
  /** When the schedule runs next. */
  nextRun?: () => Date | null;
  /** Bearer token of the admin endpoints; unset disables them. */
  adminToken?: string | undefined;
  /** Origins allowed to call the API from a browser. */
  corsOrigins?: string[];
  metrics?: Metrics;
}

/**
 * helmet's headers, strict, minus two that break a service reached over plain HTTP by host name
 * or LAN address (HOST defaults to 0.0.0.0, so that is how colleagues open it): CSP's
 * `upgrade-insecure-requests` made the browser fetch https://<host>:3000/style.css and /app.js,
 * which no one serves; HSTS would pin the host name to HTTPS on every port. A TLS proxy in front
 * sets its own HSTS.
 */
export const SECURITY_HEADERS = {
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  strictTransportSecurity: false,
} as const;

/** Compares two secrets in constant time (hashing first makes the lengths equal). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function createApp(deps: AppDeps): express.Express {
  const { engine, indexName, logger, suggestions = new SuggestionIndex(), reindexer, nextRun = () => null, adminToken, corsOrigins = [] } = deps;
  const metrics = deps.metrics ?? createMetrics(engine, indexName, reindexer);
  // Searches read the story index; the article page and the status read the chunk index.
  const storyIndex = storyIndexOf(indexName);
  // The words a relaxed search may not drop (acceptRelaxed): loaded now, not in the first search that finds nothing.
  loadDictionary();
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', false);
  app.use(helmet(SECURITY_HEADERS));
  // Browsers may call the API only from the configured origins; no origin is allowed by default.
  app.use(cors({ origin: corsOrigins.length ? corsOrigins : false, methods: ['GET', 'POST'] }));
  app.use((req, res, next) => {
    const end = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => end({ route: (req.route?.path as string | undefined) ?? (res.statusCode === 404 ? 'unmatched' : 'static'), status: String(res.statusCode) }));
    next();
  });
  app.use(express.json({ limit: '16kb' }));

  app.use(accessLog(logger));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    // An engine that lost its database answers /health and even searches, from memory, for a while.
    if (engine.fault?.kind === 'storage-lost') {
      const p = engineUnavailable(`the search engine lost its database: ${engine.fault.message}`);
      sendProblem(res, { ...p.problem, title: 'Not ready', instance: '/readyz' }, p.headers);
      return;
    }
    const healthy = await engine.isHealthy();
    const indexed = healthy && (await engine.indexExists(storyIndex).catch(() => false));
    if (indexed) {
      res.json({ status: 'ready', index: indexName });
      return;
    }
    const p = engineUnavailable(healthy ? `index "${indexName}" does not exist yet` : 'the search engine is not reachable');
    sendProblem(res, { ...p.problem, title: 'Not ready', instance: '/readyz' }, p.headers);
  });

  app.get('/api/search', async (req, res) => {
    const started = performance.now();
    const query = parseParams(searchQuerySchema, Object.keys(searchParams.shape), req.query);
    const run = async (strategy: 'all' | 'last', asked = query): Promise<SearchResults> => {
      const plan = planSearch(asked, strategy);
      const requests = [plan.main, plan.sourceFacet, plan.topicFacet].filter((r) => r !== null);
      const answers = await metrics.timeEngine('search', () => engine.searchAll(storyIndex, requests));
      const next = () => answers.shift() ?? null;
      return { main: next()!, sourceFacet: plan.sourceFacet ? next() : null, topicFacet: plan.topicFacet ? next() : null };
    };
    let results = await run('all');
    let relaxed = false;
    let corrected: string | undefined;
    if (results.main.totalHits === 0) {
      // Nothing as typed: the query as it sounds (a homophone the input method offered) is preferred
      // to one with words dropped. The engine runs the search with words dropped while the gateway
      // respells (it is sent first, and the respelling waits a turn of the loop for it to go out).
      const loose = mayRelax(query.q) ? run('last') : null;
      loose?.catch(() => {}); // awaited below unless the respelling answers
      if (loose) await new Promise(setImmediate);
      const respelled = suggestions.correct(query.q);
      const found = respelled ? await run('all', { ...query, q: respelled }) : null;
      if (found && found.main.totalHits > 0) [results, relaxed, corrected] = [found, true, respelled!];
      else if (loose) {
        const answer = await loose;
        if (acceptRelaxed(query.q, answer.main)) [results, relaxed] = [answer, true];
      }
    }
    res.json(shapeResponse(query, results, Math.round((performance.now() - started) * 10) / 10, relaxed, corrected));
  });

  app.get('/api/suggest', (req, res) => {
    const query = parseParams(suggestQuerySchema, Object.keys(suggestQuerySchema.shape), req.query);
    res.json({ query: query.q, suggestions: suggestions.suggest(query.q, query.limit) });
  });

  app.get('/api/articles/:id', async (req, res) => {
    const { id } = parseParams(articleParamsSchema, ['id'], req.params);
    const { q } = parseParams(articleQuerySchema, ['q'], req.query);
    res.json(await metrics.timeEngine('article', () => loadArticle(engine, indexName, id, q)));
  });

  app.get('/api/status', async (_req, res) => {
    const documents = await metrics.timeEngine('stats', () => engine.searchableCount(indexName)).catch(() => null);
    const last = reindexer?.lastReport ?? null;
    res.json({
      index: { name: indexName, documents, articles: last?.totals.articles ?? null },
      lastRun: last && {
        mode: last.mode,
        reason: last.reason ?? null,
        startedAt: last.startedAt,
        finishedAt: last.finishedAt,
        files: last.totals.files,
        changed: last.totals.indexed,
        deleted: last.totals.deleted,
        articles: last.totals.articles,
        chunks: last.totals.chunks,
        rejected: last.files
          .filter((f) => f.status === 'rejected')
          .map((f) => ({ file: f.file, reasons: f.diagnostics.filter((d) => d.severity === 'error').map((d) => d.reason) })),
      },
      quality: last && qualityOf(last),
      lastError: reindexer?.lastError ?? null,
      engineFault: engine.fault,
      currentRun: reindexer?.currentRun ?? null,
      nextRun: nextRun()?.toISOString() ?? null,
    });
  });

  app.post('/api/admin/reindex', async (req, res) => {
    if (!adminToken) throw new HttpProblem({ type: '/problems/forbidden', title: 'Admin endpoints disabled', status: 403, detail: 'set ADMIN_TOKEN to enable them' });
    const header = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) {
      throw new HttpProblem({ type: '/problems/unauthorized', title: 'Authentication required', status: 401, detail: 'send Authorization: Bearer <ADMIN_TOKEN>' }, { 'WWW-Authenticate': 'Bearer' });
    }
    if (!sameSecret(token, adminToken)) throw new HttpProblem({ type: '/problems/forbidden', title: 'Forbidden', status: 403, detail: 'the token is not valid' });
    if (!reindexer) throw new HttpProblem({ type: '/problems/unavailable', title: 'No indexer', status: 503, detail: 'this process does not index' });
    const { full, allowMassDelete } = parseParams(reindexQuerySchema, Object.keys(reindexQuerySchema.shape), req.query);
    const { jobId, outcome } = await reindexer.start({ full, allowMassDelete });
    if (!jobId) {
      const refused = await outcome;
      if (refused.status === 'failed') throw engineUnavailable();
      const detail = refused.status === 'held' ? `another instance (${refused.holder}) is indexing` : `job ${reindexer.currentRun?.jobId ?? ''} is running`;
      throw new HttpProblem({ type: '/problems/conflict', title: 'A run is under way', status: 409, detail });
    }
    res.status(202).json({ jobId, full, allowMassDelete, status: 'started' });
  });

  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  const openApi = openApiDocument(VERSION);
  app.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });

  // A path of the API asked with a method it does not take: 405 naming the ones it does.
  const onlyWith = (methods: string) => (req: Request, res: Response) => {
    sendProblem(res, { type: '/problems/method-not-allowed', title: 'Method not allowed', status: 405, detail: `${req.path} answers ${methods} only`, instance: req.path }, { Allow: methods });
  };
  app.all(['/api/search', '/api/suggest', '/api/articles/:id', '/api/status', '/healthz', '/readyz', '/metrics', '/openapi.json'], onlyWith('GET, HEAD'));
  app.all('/api/admin/reindex', onlyWith('POST'));

  app.use(express.static(WEB_DIR, { index: 'index.html', maxAge: '5m' }));

  app.use((req, res) => {
    sendProblem(res, { type: '/problems/not-found', title: 'Not found', status: 404, detail: `no route for ${req.method} ${req.path}`, instance: req.path });
  });
  app.use(problemHandler(logger));
  return app;
}
