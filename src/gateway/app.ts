/**
 * The HTTP gateway: a thin Express 5 app over the engine boundary. Validates, asks the engine,
 * shapes the answer; errors leave as problem+json through one handler.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request } from 'express';
import { pinoHttp } from 'pino-http';
import type { z } from 'zod';
import type { Engine } from '../engine/meili.js';
import type { Logger } from '../logger.js';
import { engineUnavailable, invalidParams, problemHandler, sendProblem } from './problem.js';
import { articleParamsSchema, loadArticle } from './article.js';
import { SuggestionIndex, suggestQuerySchema } from './suggest.js';
import { copiesRequest, planSearch, searchQuerySchema, shapeResponse } from './search.js';

const WEB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');
/** A client's request id is kept when it is a plain token; anything else gets a fresh one. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

export interface AppDeps {
  engine: Engine;
  indexName: string;
  logger: Logger;
  /** Suggestions for the search box; a fresh empty list when not given. */
  suggestions?: SuggestionIndex;
}

function parseQuery<T extends z.ZodType>(schema: T, req: Request): z.infer<T> {
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) {
    throw invalidParams(parsed.error.issues.map((i) => ({ name: String(i.path[0] ?? 'query'), reason: i.message })));
  }
  return parsed.data;
}

export function createApp({ engine, indexName, logger, suggestions = new SuggestionIndex() }: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const healthy = await engine.isHealthy();
    const indexed = healthy && (await engine.indexExists(indexName).catch(() => false));
    if (indexed) {
      res.json({ status: 'ready', index: indexName });
      return;
    }
    const p = engineUnavailable(healthy ? `index "${indexName}" does not exist yet` : 'the search engine is not reachable');
    sendProblem(res, { ...p.problem, title: 'Not ready', instance: '/readyz' }, p.headers);
  });

  app.get('/api/search', async (req, res) => {
    const started = performance.now();
    const query = parseQuery(searchQuerySchema, req);
    const plan = planSearch(query);
    const [main, sourceFacet, topicFacet] = await engine.multiSearch(indexName, [plan.main, plan.sourceFacet, ...(plan.topicFacet ? [plan.topicFacet] : [])]);
    const storyIds = [...new Set(main!.hits.map((h) => String(h.storyId)))];
    const copies = storyIds.length ? (await engine.search(indexName, copiesRequest(storyIds))).hits : [];
    const results = { main: main!, sourceFacet: sourceFacet!, topicFacet: topicFacet ?? null, copies };
    res.json(shapeResponse(query, results, Math.round((performance.now() - started) * 10) / 10));
  });

  app.get('/api/suggest', (req, res) => {
    const query = parseQuery(suggestQuerySchema, req);
    res.json({ query: query.q, suggestions: suggestions.suggest(query.q, query.limit) });
  });

  app.get('/api/articles/:id', async (req, res) => {
    const parsed = articleParamsSchema.safeParse(req.params);
    if (!parsed.success) throw invalidParams(parsed.error.issues.map((i) => ({ name: String(i.path[0] ?? 'id'), reason: i.message })));
    res.json(await loadArticle(engine, indexName, parsed.data.id));
  });

  app.use(express.static(WEB_DIR, { index: 'index.html', maxAge: '5m' }));

  app.use((req, res) => {
    sendProblem(res, { type: '/problems/not-found', title: 'Not found', status: 404, detail: `no route for ${req.method} ${req.path}`, instance: req.path });
  });
  app.use(problemHandler);
  return app;
}
