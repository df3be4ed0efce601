/**
 * story: the search index's documents. One document per story (an article and its reprints, or a
 * continued article's parts): the texts of its copies, every copy's source and topic, and the
 * copies themselves for "also in". A search then returns one hit per story and counts stories with
 * plain bitmap counts, with no distinct at query time (docs/engine-notes.md: distinct and counts).
 * The chunks stay the store of each article (the article page, the sync's unit).
 */
import { dateFields } from './chunk.js';
import type { Article, ChunkDoc } from '../extract/types.js';

/** A copy of a story as the search shows it ("also in", the copy a source filter picks). */
export interface CopyRef {
  id: string;
  title: string;
  source: string | null;
  date: string | null;
}

/** What a story document takes from each of its copies. */
export interface StoryCopy extends CopyRef {
  kicker: string | null;
  column: string | null;
  place: string | null;
  reporters: string[];
  topics: string[];
  keywords: string[];
  body: string;
  /** Words inside longer words of the body, space-separated (the chunks' subwords, joined). */
  subwords: string;
}

/**
 * A document of the story index (id: the story's id, which is its first copy's article id). The
 * fields it shares with a chunk are the first copy's (title, kicker, date and its filter fields,
 * place) or every copy's (reporters, topics, keywords, subwords of its texts).
 */
export interface StoryDoc extends Pick<ChunkDoc, 'articleId' | 'title' | 'kicker' | 'column' | 'date' | 'dateTs' | 'year' | 'month' | 'place' | 'reporters' | 'topics' | 'keywords' | 'text' | 'subwords'> {
  id: string;
  /** Every copy's source, the first copy's first: a story counts once under each. */
  source: string[];
  /** Every copy, the first copy first. */
  copies: CopyRef[];
}

/** The fields of a chunk document a story is built from (the article's first chunk carries the body). */
export const STORY_CHUNK_FIELDS = ['articleId', 'storyId', 'chunkIndex', 'title', 'kicker', 'column', 'source', 'date', 'place', 'reporters', 'topics', 'keywords', 'body', 'text', 'subwords'] as const;

export function copyOfArticle(article: Article, chunks: readonly Pick<ChunkDoc, 'articleId' | 'subwords'>[]): StoryCopy {
  return {
    id: article.id,
    title: article.title,
    source: article.source,
    date: article.date,
    kicker: article.kicker,
    column: article.column,
    place: article.place,
    reporters: article.reporters,
    topics: article.topics,
    keywords: article.keywords,
    body: article.body,
    subwords: joinSubwords(chunks.filter((c) => c.articleId === article.id).map((c) => c.subwords)),
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * The copies held in chunk documents as the engine returns them (any order, any number of chunks
 * per article): one copy per article that has its first chunk.
 */
export function copiesOfChunks(docs: readonly Record<string, unknown>[]): Map<string, StoryCopy[]> {
  const byArticle = new Map<string, { first: Record<string, unknown> | null; subwords: [number, string][]; story: string }>();
  for (const d of docs) {
    const id = String(d.articleId);
    const entry = byArticle.get(id) ?? { first: null, subwords: [], story: String(d.storyId ?? id) };
    byArticle.set(id, entry);
    const index = Number(d.chunkIndex);
    if (index === 0) entry.first = d;
    entry.subwords.push([index, str(d.subwords) ?? '']);
  }
  const out = new Map<string, StoryCopy[]>();
  for (const [id, { first, subwords, story }] of byArticle) {
    if (!first) continue;
    const copy: StoryCopy = {
      id,
      title: String(first.title ?? ''),
      source: str(first.source),
      date: str(first.date),
      kicker: str(first.kicker),
      column: str(first.column),
      place: str(first.place),
      reporters: strings(first.reporters),
      topics: strings(first.topics),
      keywords: strings(first.keywords),
      body: str(first.body) ?? String(first.text ?? ''),
      subwords: joinSubwords(subwords.sort((a, b) => a[0] - b[0]).map(([, s]) => s)),
    };
    out.set(story, [...(out.get(story) ?? []), copy]);
  }
  return out;
}

function joinSubwords(parts: readonly string[]): string {
  return parts.filter((s) => s !== '').join(' ');
}

/** The first copy: the one named by the story's id (linking names a story after its earliest copy), else the earliest dated. */
function firstCopy(storyId: string, copies: readonly StoryCopy[]): StoryCopy {
  return copies.find((c) => c.id === storyId) ?? [...copies].sort(byDate)[0]!;
}

function byDate(a: CopyRef, b: CopyRef): number {
  if (a.date !== b.date) return a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function union(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

/** Characters of its copies' texts a story document holds at most (about as many words as the engine indexes in one attribute). */
export const MAX_STORY_TEXT_CHARS = 100_000;

/** Text as compared for sameness: a reprint that only moved line breaks or spaces is the same text. */
function comparable(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The story document of a story's copies (at least one). */
export function storyDoc(storyId: string, copies: readonly StoryCopy[]): StoryDoc {
  if (!copies.length) throw new Error(`story ${storyId} has no copy`);
  const first = firstCopy(storyId, copies);
  const ordered = [first, ...copies.filter((c) => c !== first).sort(byDate)];
  const seen = new Set<string>();
  const texts: StoryCopy[] = [];
  let length = 0;
  for (const c of ordered) {
    const key = comparable(c.body);
    if (seen.has(key)) continue;
    // A wire story reprinted with small edits by dozens of papers: its words are in already.
    if (texts.length && length + c.body.length > MAX_STORY_TEXT_CHARS) break;
    seen.add(key);
    texts.push(c);
    length += c.body.length;
  }
  const date = first.date;
  return {
    id: storyId,
    articleId: first.id,
    title: first.title,
    kicker: first.kicker,
    column: first.column,
    source: union(ordered.map((c) => (c.source ? [c.source] : []))),
    date,
    ...dateFields(date),
    place: first.place,
    reporters: union(ordered.map((c) => c.reporters)),
    topics: union(ordered.map((c) => c.topics)),
    keywords: union(ordered.map((c) => c.keywords)),
    // The engine indexes the first 65,535 words of an attribute, and the gateway takes the text of
    // each hit to cut its snippet: a single huge file (a 16 MiB one-line page) is held in part.
    text: texts.map((c) => c.body).join('\n').slice(0, MAX_STORY_TEXT_CHARS),
    subwords: union(texts.map((c) => c.subwords.split(' ').filter(Boolean))).join(' '),
    copies: ordered.map(({ id, title, source, date: d }) => ({ id, title, source, date: d })),
  };
}
