/**
 * /api/search: the query schema, the engine request it becomes and the response it gives.
 * Pure functions; the route in app.ts wires them to the engine.
 */
import { z } from 'zod';
import { queryToSimplified } from '../../indexer/clean.js';
import { filterString, type SearchHit, type SearchRequest, type SearchResult } from '../engine/meili.js';
import { MARK_CLOSE, MARK_OPEN, buildSnippet } from './snippet.js';
import { day, oneOf, repeatable, text, wholeNumber } from './params.js';

/** Deepest page a client may ask for: the engine counts at most maxTotalHits (1000) hits. */
const MAX_PAGE = 100;
const MAX_PER_PAGE = 50;
export const MAX_QUERY_CHARS = 200;
const MAX_FILTER_VALUES = 20;

/** /api/search's parameters (see src/gateway/params.ts for their wording). */
export const searchParams = z.object({
  q: text(MAX_QUERY_CHARS),
  source: repeatable(MAX_FILTER_VALUES, 100),
  topic: repeatable(MAX_FILTER_VALUES, 100),
  from: day,
  to: day,
  sort: oneOf(['relevance', 'newest', 'oldest'], 'relevance'),
  page: wholeNumber(1, MAX_PAGE, 1),
  perPage: wholeNumber(1, MAX_PER_PAGE, 10),
});

export const searchQuerySchema = searchParams.refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'must not be before from' });

export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const FACET_NAMES = { source: 'source', topics: 'topic', year: 'year', month: 'month' } as const;
const RETRIEVED = ['articleId', 'storyId', 'title', 'source', 'date', 'topics'];

function dayToTs(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000);
}

type FilterParts = Pick<SearchQuery, 'source' | 'topic' | 'from' | 'to'>;

/** The engine filter: OR within a facet, AND across facets; every value quoted and escaped. */
export function buildFilter(query: FilterParts): (string | string[])[] {
  const filter: (string | string[])[] = [];
  if (query.source?.length) filter.push(query.source.map((s) => `source = ${filterString(s)}`));
  if (query.topic?.length) filter.push(query.topic.map((t) => `topics = ${filterString(t)}`));
  if (query.from) filter.push(`dateTs >= ${dayToTs(query.from)}`);
  if (query.to) filter.push(`dateTs <= ${dayToTs(query.to)}`);
  return filter;
}

/**
 * The searches behind one /api/search, sent together as a multi-search:
 *  - main: the hits, one per story (distinct storyId), or one per article when a source filter
 *    asks for copies from given sources (distinct articleId); its totals count stories;
 *  - source facet: distinct articleId, without the source filter (a story counts once under each
 *    source that has a copy, and the other sources stay visible to pick);
 *  - topic facet, when a topic filter is set: without the topic filter, for the same reason.
 * Year and month counts come from the main search. Every count counts stories.
 */
export interface SearchPlan {
  main: SearchRequest;
  sourceFacet: SearchRequest;
  topicFacet: SearchRequest | null;
}

/**
 * Every query word must match (matchingStrategy 'all'): a query with no answer returns nothing
 * rather than the articles matching its first word. A query that finds nothing may be relaxed
 * once ('last' drops words from the end), see acceptRelaxed.
 */
/** Full-width Latin letters, digits and the ideographic space as typed by Chinese input methods: Ｃ９１９ → C919. */
export function normalizeQuery(q: string): string {
  return queryToSimplified(q.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ').trim());
}

export function planSearch(query: SearchQuery, matchingStrategy: 'all' | 'last' = 'all'): SearchPlan {
  const q = normalizeQuery(query.q);
  const distinct = query.source?.length ? 'articleId' : 'storyId';
  const main: SearchRequest = {
    q,
    matchingStrategy,
    filter: buildFilter(query),
    distinct,
    facets: query.topic?.length ? ['year', 'month'] : ['topics', 'year', 'month'],
    // page/hitsPerPage: exhaustive totals and facet counts after distinct (docs/engine-notes.md).
    page: query.page,
    hitsPerPage: query.perPage,
    attributesToRetrieve: RETRIEVED,
    attributesToHighlight: ['text', 'title'],
    highlightPreTag: MARK_OPEN,
    highlightPostTag: MARK_CLOSE,
  };
  if (query.sort === 'newest') main.sort = ['dateTs:desc'];
  if (query.sort === 'oldest') main.sort = ['dateTs:asc'];
  const facetOnly = (filter: (string | string[])[], facet: string, d: string): SearchRequest => ({ q, matchingStrategy, filter, distinct: d, facets: [facet], page: 1, hitsPerPage: 0 });
  return {
    main,
    sourceFacet: facetOnly(buildFilter({ ...query, source: undefined }), 'source', 'articleId'),
    topicFacet: query.topic?.length ? facetOnly(buildFilter({ ...query, topic: undefined }), 'topics', distinct) : null,
  };
}

/** Queries this long (Han characters) or longer may be relaxed when they find nothing. */
const MIN_RELAXED_CHARS = 3;
/**
 * Share of the query's characters the relaxed top hit must match: a mistyped character drops the
 * two-character word it sits in (加装电悌: 2 of 4 kept), a missing word leaves less (量子计算机: 2 of 5).
 */
const MIN_RELAXED_COVERAGE = 0.5;

export function mayRelax(q: string): boolean {
  return (q.match(/[\u3400-\u9fff]/g)?.length ?? 0) >= MIN_RELAXED_CHARS;
}

/** Share of the query's Han characters that the engine marked in a hit's title or text. */
export function markedCoverage(q: string, hit: SearchHit): number {
  const wanted = new Set(queryToSimplified(q).match(/[\u3400-\u9fff]/g) ?? []);
  if (!wanted.size) return 0;
  const formatted = hit._formatted ?? {};
  const marked = new Set<string>();
  for (const field of ['title', 'text']) {
    const text = str(formatted[field]) ?? '';
    for (const m of text.matchAll(new RegExp(`${MARK_OPEN}([^${MARK_CLOSE}]*)${MARK_CLOSE}`, 'g'))) for (const ch of m[1] ?? '') marked.add(ch);
  }
  return [...wanted].filter((c) => marked.has(c)).length / wanted.size;
}

/**
 * A relaxed answer is kept when its best hit matches most of the query: '社保咔' (one wrong
 * character) finds the 社保卡 articles, '量子计算机' (a word with no answer) stays empty.
 */
export function acceptRelaxed(q: string, result: SearchResult): boolean {
  const top = result.hits[0];
  return top !== undefined && markedCoverage(q, top) >= MIN_RELAXED_COVERAGE;
}

/** The request listing every copy of the given stories, for `alsoIn`. */
export function copiesRequest(storyIds: string[]): SearchRequest {
  return {
    q: '',
    filter: [`storyId IN [${storyIds.map(filterString).join(', ')}]`],
    distinct: 'articleId',
    page: 1,
    hitsPerPage: Math.min(1000, storyIds.length * 20),
    attributesToRetrieve: ['storyId', 'articleId', 'source'],
  };
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
  /** Present when no article matched every word and the answer matches most of them (a mistyped character). */
  relaxed?: true;
  page: number;
  perPage: number;
  hits: SearchHitView[];
  facets: Record<(typeof FACET_NAMES)[keyof typeof FACET_NAMES], Record<string, number>>;
  tookMs: number;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

export function shapeHit(hit: SearchHit, alsoIn: string[] = []): SearchHitView {
  const formatted = hit._formatted ?? {};
  return {
    id: String(hit.articleId),
    storyId: String(hit.storyId ?? hit.articleId),
    title: str(hit.title) ?? '',
    source: str(hit.source),
    date: str(hit.date),
    topics: Array.isArray(hit.topics) ? hit.topics.map(String) : [],
    snippet: buildSnippet(str(formatted.text) ?? ''),
    alsoIn,
  };
}

/** Other sources of each story, from the copies request's hits. */
export function sourcesByStory(copies: SearchHit[]): Map<string, { articleId: string; source: string | null }[]> {
  const out = new Map<string, { articleId: string; source: string | null }[]>();
  for (const c of copies) {
    const story = String(c.storyId);
    out.set(story, [...(out.get(story) ?? []), { articleId: String(c.articleId), source: str(c.source) }]);
  }
  return out;
}

export interface SearchResults {
  main: SearchResult;
  sourceFacet: SearchResult;
  topicFacet: SearchResult | null;
  copies: SearchHit[];
}

export function shapeResponse(query: SearchQuery, results: SearchResults, tookMs: number, relaxed = false): SearchResponseView {
  const stories = sourcesByStory(results.copies);
  const hits = results.main.hits.map((hit) => {
    const own = str(hit.source);
    const others = (stories.get(String(hit.storyId)) ?? []).filter((c) => c.articleId !== String(hit.articleId) && c.source && c.source !== own);
    return shapeHit(hit, [...new Set(others.map((c) => c.source!))]);
  });
  return {
    query: query.q,
    total: results.main.totalHits,
    page: query.page,
    perPage: query.perPage,
    hits,
    ...(relaxed ? { relaxed: true } : {}),
    facets: {
      source: results.sourceFacet.facetDistribution.source ?? {},
      topic: (results.topicFacet ?? results.main).facetDistribution.topics ?? {},
      year: results.main.facetDistribution.year ?? {},
      month: results.main.facetDistribution.month ?? {},
    },
    tookMs,
  };
}
