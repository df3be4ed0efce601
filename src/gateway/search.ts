/**
 * /api/search: the query schema, the engine request it becomes and the response it gives.
 * Pure functions; the route in app.ts wires them to the engine.
 */
import { z } from 'zod';
import { queryToSimplified } from '../../indexer/clean.js';
import { filterString, type SearchHit, type SearchRequest, type SearchResult } from '../engine/meili.js';
import { MARK_CLOSE, MARK_OPEN, buildSnippet } from './snippet.js';

/** Deepest page a client may ask for: the engine counts at most maxTotalHits (1000) hits. */
const MAX_PAGE = 100;
const MAX_PER_PAGE = 50;
const MAX_QUERY_CHARS = 200;
const MAX_FILTER_VALUES = 20;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'is not a calendar date');

/** One value or several (?source=a&source=b), each a short non-empty string. */
const repeatable = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter((s) => s !== ''))
  .pipe(z.array(z.string().max(100, 'values are at most 100 characters')).max(MAX_FILTER_VALUES, `at most ${MAX_FILTER_VALUES} values`));

const single = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (Array.isArray(v) ? (v.length === 1 ? v[0] : v) : v), schema);

export const searchQuerySchema = z
  .object({
    q: single(z.string({ error: 'must be given once' }).max(MAX_QUERY_CHARS, `at most ${MAX_QUERY_CHARS} characters`)).default(''),
    source: repeatable.optional(),
    topic: repeatable.optional(),
    from: single(isoDay).optional(),
    to: single(isoDay).optional(),
    sort: single(z.enum(['relevance', 'newest', 'oldest'], { error: 'must be relevance, newest or oldest' })).default('relevance'),
    page: single(z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_PAGE, `at most ${MAX_PAGE}`)).default(1),
    perPage: single(
      z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_PER_PAGE, `at most ${MAX_PER_PAGE}`),
    ).default(10),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'must not be before from' });

export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const FACET_NAMES = { source: 'source', topics: 'topic', year: 'year', month: 'month' } as const;
const RETRIEVED = ['articleId', 'storyId', 'title', 'source', 'date', 'topics'];

function dayToTs(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000);
}

/** The engine filter: OR within a facet, AND across facets; every value quoted and escaped. */
export function buildFilter(query: Pick<SearchQuery, 'source' | 'topic' | 'from' | 'to'>): (string | string[])[] {
  const filter: (string | string[])[] = [];
  if (query.source?.length) filter.push(query.source.map((s) => `source = ${filterString(s)}`));
  if (query.topic?.length) filter.push(query.topic.map((t) => `topics = ${filterString(t)}`));
  if (query.from) filter.push(`dateTs >= ${dayToTs(query.from)}`);
  if (query.to) filter.push(`dateTs <= ${dayToTs(query.to)}`);
  return filter;
}

export function buildSearchRequest(query: SearchQuery): SearchRequest {
  const request: SearchRequest = {
    q: queryToSimplified(query.q.trim()),
    filter: buildFilter(query),
    facets: Object.keys(FACET_NAMES),
    // page/hitsPerPage: exhaustive totals and facet counts after distinct (ENGINE-NOTES).
    page: query.page,
    hitsPerPage: query.perPage,
    attributesToRetrieve: RETRIEVED,
    attributesToHighlight: ['text'],
    highlightPreTag: MARK_OPEN,
    highlightPostTag: MARK_CLOSE,
  };
  if (query.sort === 'newest') request.sort = ['dateTs:desc'];
  if (query.sort === 'oldest') request.sort = ['dateTs:asc'];
  return request;
}

export interface SearchHitView {
  id: string;
  storyId: string;
  title: string;
  source: string | null;
  date: string | null;
  topics: string[];
  snippet: string;
  alsoIn: string[];
}

export interface SearchResponseView {
  query: string;
  total: number;
  page: number;
  perPage: number;
  hits: SearchHitView[];
  facets: Record<(typeof FACET_NAMES)[keyof typeof FACET_NAMES], Record<string, number>>;
  tookMs: number;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

export function shapeHit(hit: SearchHit): SearchHitView {
  const formatted = hit._formatted ?? {};
  return {
    id: String(hit.articleId),
    storyId: String(hit.storyId ?? hit.articleId),
    title: str(hit.title) ?? '',
    source: str(hit.source),
    date: str(hit.date),
    topics: Array.isArray(hit.topics) ? hit.topics.map(String) : [],
    snippet: buildSnippet(str(formatted.text) ?? ''),
    alsoIn: [],
  };
}

export function shapeResponse(query: SearchQuery, result: SearchResult, tookMs: number): SearchResponseView {
  const facets = { source: {}, topic: {}, year: {}, month: {} } as SearchResponseView['facets'];
  for (const [field, name] of Object.entries(FACET_NAMES)) facets[name] = result.facetDistribution[field] ?? {};
  return {
    query: query.q,
    total: result.totalHits,
    page: query.page,
    perPage: query.perPage,
    hits: result.hits.map(shapeHit),
    facets,
    tookMs,
  };
}
