/**
 * /api/search: the query schema, the engine request it becomes and the response it gives.
 * Pure functions; the route in app.ts wires them to the engine.
 */
import { z } from 'zod';
import { analyzeQuery } from '../text/analysis.js';
import { hanChars, hanRuns } from '../text/chars.js';
import { isDictionaryWord } from '../text/segment.js';
import { filterString, type SearchHit, type SearchRequest, type SearchResult } from '../engine/meili.js';
import { MARK_CLOSE, MARK_OPEN, buildSnippet, snippetFor } from './snippet.js';
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
const RETRIEVED = ['id', 'articleId', 'title', 'date', 'topics', 'copies', 'text'];
/** Words of text the engine crops around the best matches of a relaxed search, for its snippet (buildSnippet then cuts it to size). */
const SNIPPET_CROP_WORDS = 60;

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
 * The searches behind one /api/search, sent at once to the story index (Engine.searchAll)
 * (one document per story: totals and every facet count stories, with no distinct):
 *  - main: the hits, their totals, and the facets whose filter is not set;
 *  - source facet, when a source filter is set: the same search without it (a story counts once
 *    under each source that has a copy, and the other sources stay visible to pick);
 *  - topic facet, when a topic filter is set: without the topic filter, for the same reason.
 */
export interface SearchPlan {
  main: SearchRequest;
  sourceFacet: SearchRequest | null;
  topicFacet: SearchRequest | null;
}

/** A query as the index reads it: the analysis chain's query side (src/text/analysis.ts). */
export const normalizeQuery = analyzeQuery;

/**
 * Every query word must match (matchingStrategy 'all'): a query with no answer returns nothing
 * rather than the articles matching its first word. A query that finds nothing may be relaxed
 * once ('last' drops words from the end), see acceptRelaxed.
 */
export function planSearch(query: SearchQuery, matchingStrategy: 'all' | 'last' = 'all'): SearchPlan {
  const q = normalizeQuery(query.q);
  const bySource = Boolean(query.source?.length);
  const byTopic = Boolean(query.topic?.length);
  const main: SearchRequest = {
    q,
    matchingStrategy,
    filter: buildFilter(query),
    facets: [...(bySource ? [] : ['source']), ...(byTopic ? [] : ['topics']), 'year', 'month'],
    // page/hitsPerPage: exhaustive totals (docs/engine-notes.md).
    page: query.page,
    hitsPerPage: query.perPage,
    attributesToRetrieve: RETRIEVED,
    // The snippet is cut from the story's text here (snippetFor): the engine's highlighting of whole
    // texts cost three quarters of a search. A relaxed search asks the engine for its marks, which
    // say which words it kept (acceptRelaxed), and for the passage where they are densest.
    ...(matchingStrategy === 'all'
      ? {}
      : { attributesToHighlight: ['title', 'text'], attributesToCrop: ['text'], cropLength: SNIPPET_CROP_WORDS, cropMarker: '', highlightPreTag: MARK_OPEN, highlightPostTag: MARK_CLOSE }),
  };
  if (query.sort === 'newest') main.sort = ['dateTs:desc'];
  if (query.sort === 'oldest') main.sort = ['dateTs:asc'];
  const facetOnly = (filter: (string | string[])[], facet: string): SearchRequest => ({ q, matchingStrategy, filter, facets: [facet], page: 1, hitsPerPage: 0 });
  return {
    main,
    sourceFacet: bySource ? facetOnly(buildFilter({ ...query, source: undefined }), 'source') : null,
    topicFacet: byTopic ? facetOnly(buildFilter({ ...query, topic: undefined }), 'topics') : null,
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
  return hanChars(q).length >= MIN_RELAXED_CHARS;
}

/** Share of the query's Han characters that the engine marked in a hit's title or text. */
export function markedCoverage(q: string, hit: SearchHit): number {
  const wanted = new Set(hanChars(analyzeQuery(q)));
  if (!wanted.size) return 0;
  const marked = markedChars(hit);
  return [...wanted].filter((c) => marked.has(c)).length / wanted.size;
}

/** The Han characters the engine marked in a hit's title or text. */
function markedChars(hit: SearchHit): Set<string> {
  const formatted = hit._formatted ?? {};
  const marked = new Set<string>();
  for (const field of ['title', 'text']) {
    const text = str(formatted[field]) ?? '';
    for (const m of text.matchAll(new RegExp(`${MARK_OPEN}([^${MARK_CLOSE}]*)${MARK_CLOSE}`, 'g'))) for (const ch of m[1] ?? '') marked.add(ch);
  }
  return marked;
}

/**
 * Whether what a relaxed hit leaves out of the query reads as a slip of the keyboard rather than
 * as words the user meant. A word typed apart from the others may go (张明远 出狱 道歉: the article
 * says 致歉); inside one run of characters, what is left out may not be a word of the dictionary
 * (电动汽车 without 汽车) nor part of one that is only half matched (马拉松 as 马拉), while a
 * character that makes no word with its neighbours may (加装电悌, 居民消费格, 城建集困).
 */
export function dropsOnlySlips(q: string, hit: SearchHit, isWord: (w: string) => boolean = isDictionaryWord): boolean {
  const marked = markedChars(hit);
  for (const run of hanRuns(analyzeQuery(q))) {
    if (![...run].some((c) => marked.has(c))) continue; // a whole word left out
    for (let n = 2; n <= 3; n++) {
      for (let i = 0; i + n <= run.length; i++) {
        const w = run.slice(i, i + n);
        if (isWord(w) && [...w].some((c) => !marked.has(c))) return false;
      }
    }
  }
  return true;
}

/**
 * A relaxed answer is kept when its best hit matches most of the query and leaves out only slips:
 * '社保咔' (one wrong character) finds the 社保卡 articles, '量子计算机' (a word with no answer) and
 * '马拉松' (found only as 马拉) stay empty.
 */
export function acceptRelaxed(q: string, result: SearchResult): boolean {
  const top = result.hits[0];
  return top !== undefined && markedCoverage(q, top) >= MIN_RELAXED_COVERAGE && dropsOnlySlips(q, top);
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
  /** The query as it sounds, when the answer is for it: 冷空汽来袭 → 冷空气来袭 (relaxed is set too). */
  corrected?: string;
  page: number;
  perPage: number;
  hits: SearchHitView[];
  facets: Record<(typeof FACET_NAMES)[keyof typeof FACET_NAMES], Record<string, number>>;
  tookMs: number;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** A copy of a story as its document lists it (indexer/sync/story.ts). */
interface CopyRef {
  id: string;
  title: string;
  source: string | null;
  date: string | null;
}

/** A story's copies as stored in its document, its first copy first. */
function copiesOf(hit: SearchHit): CopyRef[] {
  if (!Array.isArray(hit.copies)) return [];
  return hit.copies.map((c: Record<string, unknown>) => ({ id: String(c.id), title: str(c.title) ?? '', source: str(c.source), date: str(c.date) }));
}

/**
 * A story as a hit: the copy it shows (its first copy, or with a source filter the first copy from
 * one of those sources) and the other sources that printed it.
 */
export function shapeHit(hit: SearchHit, sources: readonly string[] = [], q = ''): SearchHitView {
  const formatted = hit._formatted ?? {};
  const copies = copiesOf(hit);
  const shown = (sources.length ? copies.find((c) => c.source !== null && sources.includes(c.source)) : undefined) ?? copies[0];
  const id = shown?.id ?? String(hit.articleId);
  const source = shown?.source ?? null;
  const alsoIn = [...new Set(copies.filter((c) => c.id !== id && c.source && c.source !== source).map((c) => c.source!))];
  return {
    id,
    storyId: String(hit.id),
    title: shown?.title ?? str(hit.title) ?? '',
    source,
    date: shown ? shown.date : str(hit.date),
    topics: Array.isArray(hit.topics) ? hit.topics.map(String) : [],
    snippet: typeof formatted.text === 'string' ? buildSnippet(formatted.text) : snippetFor(str(hit.text) ?? '', q),
    alsoIn,
  };
}

export interface SearchResults {
  main: SearchResult;
  sourceFacet: SearchResult | null;
  topicFacet: SearchResult | null;
}

export function shapeResponse(query: SearchQuery, results: SearchResults, tookMs: number, relaxed = false, corrected?: string): SearchResponseView {
  const q = normalizeQuery(corrected ?? query.q);
  return {
    query: query.q,
    total: results.main.totalHits,
    page: query.page,
    perPage: query.perPage,
    hits: results.main.hits.map((hit) => shapeHit(hit, query.source ?? [], q)),
    ...(relaxed ? { relaxed: true } : {}),
    ...(corrected ? { corrected } : {}),
    facets: {
      source: (results.sourceFacet ?? results.main).facetDistribution.source ?? {},
      topic: (results.topicFacet ?? results.main).facetDistribution.topics ?? {},
      year: results.main.facetDistribution.year ?? {},
      month: results.main.facetDistribution.month ?? {},
    },
    tookMs,
  };
}
