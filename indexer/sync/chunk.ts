/**
 * chunk: an article → engine documents of a few hundred characters, cut at sentence ends
 * (then clause ends, then anywhere) so a snippet never starts mid-sentence. Ids derive from
 * the content, so an unchanged article produces the same documents on every run.
 */
import { createHash } from 'node:crypto';
import { subwords } from '../../src/text/segment.js';
import { chunkText, DEFAULT_CHUNKING, type ChunkOptions } from '../../src/text/passages.js';
import { articleFields, type Article, type ChunkDoc } from '../extract/types.js';

/** The fields a date is filtered, counted and sorted by: Unix seconds at 00:00 UTC, the year and the month. */
export function dateFields(date: string | null): Pick<ChunkDoc, 'dateTs' | 'year' | 'month'> {
  if (!date) return { dateTs: null, year: null, month: null };
  return { dateTs: Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000), year: date.slice(0, 4), month: date.slice(0, 7) };
}

/**
 * The fields a chunk's id is hashed from, in the order ids have always been hashed in (a
 * JSON.stringify replacer list fixes both which and in what order): changing it changes every
 * chunk's id, and the next run sends every document again. The storyId is left out: linking
 * patches it in place. A field added later (the column) is hashed after them, and only when it is
 * set, so that the ids of articles without one stay as they were.
 */
const CHUNK_ID_FIELDS = ['articleId', 'file', 'chunkCount', 'title', 'kicker', 'source', 'agency', 'date', 'dateTs', 'year', 'month', 'place', 'reporters', 'topics', 'keywords', 'script'];

/**
 * A chunk's id: its article, place and text, and the article's fields every chunk carries, so a
 * changed declaration (another source for the same text) makes new documents that an incremental
 * run sends. The storyId is left out: linking patches it in place. The hex of the digest's first
 * bytes, not a slice of its whole hex: a run holds every chunk id, and a slice keeps its
 * 64-character parent alive.
 */
export function chunkId(articleId: string, index: number, text: string, fields = ''): string {
  return createHash('sha256').update(`${articleId}\n${index}\n${text}\n${fields}`).digest().toString('hex', 0, 12);
}

export function chunkArticle(article: Article, options: ChunkOptions = DEFAULT_CHUNKING): ChunkDoc[] {
  const texts = chunkText(article.body, options);
  const shared = {
    articleId: article.id,
    storyId: article.storyId,
    file: article.file,
    chunkCount: texts.length,
    ...articleFields(article),
    ...dateFields(article.date),
  };
  const fields = JSON.stringify(shared, CHUNK_ID_FIELDS) + (article.column === null ? '' : `\n${article.column}`);
  return texts.map((text, chunkIndex) => ({
    id: chunkId(article.id, chunkIndex, text, fields),
    chunkIndex,
    text,
    subwords: subwords(text),
    ...shared,
    original: chunkIndex === 0 ? article.originalBody : null,
    topicWords: chunkIndex === 0 ? article.topicWords : null,
    body: chunkIndex === 0 ? article.body : null,
  }));
}
