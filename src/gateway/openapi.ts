/**
 * /openapi.json, generated from the zod schemas that validate the requests (not written twice).
 */
import type { z } from 'zod';
import { articleParamsSchema, articleQuerySchema } from './article.js';
import { paramDoc, reindexQuerySchema } from './params.js';
import { searchParams } from './search.js';
import { suggestQuerySchema } from './suggest.js';

/** Each parameter of an endpoint, documented by the schema that validates it (src/gateway/params.ts). */
function parameters(shape: Record<string, z.ZodType>, where: 'query' | 'path'): Record<string, unknown>[] {
  return Object.entries(shape).map(([name, schema]) => {
    const { repeatable, ...doc } = paramDoc(schema);
    return { name, in: where, required: where === 'path', schema: doc, ...(repeatable ? { style: 'form', explode: true } : {}) };
  });
}

const problem = { description: 'problem details (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });

export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'news-search', version, description: 'Full-text search over Chinese news. Every count counts stories (reprints collapsed): a source facet value is the stories with a copy from that source; a story is dated by its first publication.' },
    paths: {
      '/api/search': {
        get: {
          summary: 'Search articles: one hit per story, facets by source, topic, year and month',
          parameters: parameters(searchParams.shape, 'query'),
          responses: { 200: json('hits, total, facets; relaxed and corrected when a query that found nothing as typed is answered with words dropped or respelled (a homophone, a left-out character)'), 400: problem, 503: problem },
        },
      },
      '/api/articles/{id}': {
        get: { summary: 'One article with its original-script text, copies and topic explanations', parameters: [...parameters(articleParamsSchema.shape, 'path'), ...parameters(articleQuerySchema.shape, 'query')], responses: { 200: json('the article'), 400: problem, 404: problem, 503: problem } },
      },
      '/api/suggest': {
        get: { summary: 'Completions for the search box (Han, Traditional or pinyin input)', parameters: parameters(suggestQuerySchema.shape, 'query'), responses: { 200: json('suggestions'), 400: problem } },
      },
      '/api/status': { get: { summary: 'Index size, last and current indexing run, next scheduled run', responses: { 200: json('status') } } },
      '/api/admin/reindex': {
        post: {
          summary: 'Start an indexing run (Bearer ADMIN_TOKEN)',
          security: [{ bearer: [] }],
          parameters: parameters(reindexQuerySchema.shape, 'query'),
          responses: { 202: json('job id'), 400: problem, 401: problem, 403: problem, 409: problem },
        },
      },
      '/healthz': { get: { summary: 'The process is up', responses: { 200: json('ok') } } },
      '/readyz': { get: { summary: 'The engine answers and the index exists', responses: { 200: json('ready'), 503: problem } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text exposition format' } } } },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            parameter: { type: 'string' },
            invalidParams: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, reason: { type: 'string' } } } },
          },
        },
      },
    },
  };
}
