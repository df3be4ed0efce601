/**
 * /api/articles/:id: an article as the page shows it, read from its first chunk (which carries the
 * whole body, the original-script text and the topic explanations), with the other copies of its story.
 */
import { z } from 'zod';
import type { Article } from '../../indexer/extract/types.js';
import { filterString } from '../engine/meili.js';
import type { SearchEngine } from '../engine/ports.js';
import { storyIndexOf } from '../engine/settings.js';
import { notFound } from './problem.js';
import { documented, text } from './params.js';
import { MARK_CLOSE, MARK_OPEN } from './snippet.js';
import { MAX_QUERY_CHARS, normalizeQuery } from './search.js';

/** The article page's query: the words searched, so that the page can mark them. */
export const articleQuerySchema = z.object({ q: text(MAX_QUERY_CHARS) });

export const articleParamsSchema = z.object({
  id: documented(z.string().regex(/^[0-9a-f]{16}$/, 'must be an article id (16 hexadecimal characters)'), { type: 'string', pattern: '^[0-9a-f]{16}$' }),
});

export interface ArticleCopy {
  id: string;
  title: string;
  source: string | null;
  date: string | null;
}

/** The article as stored, with topics explained, its original text and the other copies of its story. */
export type ArticleView = Pick<
  Article,
  'id' | 'storyId' | 'file' | 'title' | 'kicker' | 'column' | 'source' | 'agency' | 'date' | 'place' | 'reporters' | 'keywords' | 'script' | 'body'
> & {
  topics: { name: string; words: string[] }[];
  /** The body in its original script when the file was Traditional; else null. */
  original: string | null;
  chunks: number;
  copies: ArticleCopy[];
  /** With `q`: the words of the title and body the engine matched for it (distinct, longest first), for the page to mark. */
  highlights?: string[];
};

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * The words the engine matches for `q` in one story (the article and its reprints): a search for
 * `q` in the story index restricted to its document, the marks of its highlights collected. The
 * engine's own matching (segmentation, synonyms, script conversion) decides, as it did for the
 * snippet the reader clicked.
 */
export async function matchedWords(engine: SearchEngine, indexName: string, storyId: string, q: string): Promise<string[]> {
  const query = normalizeQuery(q);
  if (!query) return [];
  const result = await engine.search(storyIndexOf(indexName), {
    q: query,
    matchingStrategy: 'last',
    filter: [`id = ${filterString(storyId)}`],
    page: 1,
    hitsPerPage: 1,
    attributesToRetrieve: ['id'],
    attributesToHighlight: ['title', 'text'],
    highlightPreTag: MARK_OPEN,
    highlightPostTag: MARK_CLOSE,
  });
  const words = new Set<string>();
  const mark = new RegExp(`${MARK_OPEN}([^${MARK_CLOSE}]+)${MARK_CLOSE}`, 'g');
  for (const hit of result.hits) {
    for (const value of Object.values(hit._formatted ?? {})) {
      if (typeof value === 'string') for (const m of value.matchAll(mark)) words.add(m[1]!);
    }
  }
  return [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

export async function loadArticle(engine: SearchEngine, indexName: string, id: string, q = ''): Promise<ArticleView> {
  const [first] = await engine.findDocuments(indexName, [`articleId = ${filterString(id)}`, 'chunkIndex = 0'].join(' AND '));
  if (!first) throw notFound(`no article with id ${id}`);
  const storyId = String(first.storyId);
  const siblings = await engine.findDocuments(indexName, `storyId = ${filterString(storyId)} AND chunkIndex = 0`);
  const topicWords = (first.topicWords ?? {}) as Record<string, string[]>;
  return {
    id,
    storyId,
    file: String(first.file),
    title: String(first.title),
    kicker: str(first.kicker),
    column: str(first.column),
    source: str(first.source),
    agency: str(first.agency),
    date: str(first.date),
    place: str(first.place),
    reporters: strings(first.reporters),
    topics: strings(first.topics).map((name) => ({ name, words: strings(topicWords[name]) })),
    keywords: strings(first.keywords),
    script: first.script === 'traditional' ? 'traditional' : 'simplified',
    body: str(first.body) ?? String(first.text),
    original: str(first.original),
    chunks: Number(first.chunkCount),
    copies: siblings
      .filter((d) => d.articleId !== id)
      .map((d) => ({ id: String(d.articleId), title: String(d.title), source: str(d.source), date: str(d.date) })),
    ...(q.trim() ? { highlights: await matchedWords(engine, indexName, storyId, q) } : {}),
  };
}
