/**
 * The pipeline for one file: decode → parse → clean → split → enrich → chunk.
 * Pure from bytes to result; reading the file and talking to the engine live elsewhere.
 * Chunks leave the pipeline with their article's own id as storyId; reprint linking, which
 * needs every file, sets the story afterwards (linkResults in memory, or a patch of the few
 * linked documents in the engine when the chunks are already sent).
 */
import { readFileSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { clean } from '../extract/clean.js';
import { decode } from '../extract/decode.js';
import { Reporter } from '../extract/diagnostics.js';
import { contextYear, enrich, normalizeDate } from '../extract/enrich.js';
import { loadDeclaration, type LoadedDeclaration } from '../extract/declarations.js';
import { parse } from '../extract/parse.js';
import { split } from '../extract/split.js';
import { chunkArticle } from './chunk.js';
import { linkContinuations, linkStories, signature, SignatureTable, type PagePart, type StorySignature } from './link.js';
import { copyOfArticle, storyDoc, type StoryDoc } from './story.js';
import { flat } from '../extract/strings.js';
import type { Article, ChunkDoc, FileResult, MissingFields, SourceFile } from '../extract/types.js';

export function processBytes(relPath: string, bytes: Uint8Array, loaded: LoadedDeclaration = { declaration: {}, hash: '', problems: [] }): FileResult {
  const reporter = new Reporter(relPath);
  for (const problem of loaded.problems) reporter.warn('declarations/invalid', `declaration ignored: ${problem}`);
  const decodedOutcome = decode(relPath, bytes, reporter);
  if (!decodedOutcome.ok) return { ok: false, relPath, diagnostics: reporter.list() };
  const decoded = decodedOutcome.decoded;
  const parsed = parse(decoded, reporter);
  const declared = loaded.declaration;
  const articles: Article[] = [];
  const chunks: ChunkDoc[] = [];
  // A feed's items are articles of their own, each with its metadata; any other file is one document.
  const documents = parsed.items ? parsed.items.map((item) => ({ ...parsed, meta: item.meta, blocks: item.blocks, items: undefined })) : [parsed];
  for (const document of documents) {
    const cleaned = clean(document, reporter);
    const ctx = {
      relPath,
      meta: cleaned.meta,
      declared,
      script: cleaned.script,
      year: contextYear(declared, cleaned.meta),
      published: declared.published ?? normalizeDate(cleaned.meta.date),
    };
    for (const draft of split(cleaned, reporter)) {
      const article = enrich({ ...draft, ordinal: articles.length }, ctx);
      articles.push(article);
      chunks.push(...chunkArticle(article)); // right after enrich, while its passages' words are in segment's memo
    }
  }
  if (articles.length === 0) {
    reporter.error('split/no-article', 'no article text found in the file');
    return { ok: false, relPath, diagnostics: reporter.list() };
  }
  // Declarations are part of the content: changing one re-indexes the file.
  const contentHash = loaded.hash ? flat(`${decoded.contentHash}:${loaded.hash}`) : decoded.contentHash;
  return { ok: true, relPath, contentHash, articles, chunks, diagnostics: reporter.list() };
}

/** A file's bytes (or why they could not be read) and its declaration: the pipeline's input. */
export interface LoadedSource {
  bytes: Buffer | NodeJS.ErrnoException;
  declaration: LoadedDeclaration;
}

/**
 * Reads the file and its declarations. Synchronously, as discover stats: a read through the
 * thread pool cost ~150 µs of CPU a file on this 2-core machine (open, stat, read and close each
 * a hand-off to a pool thread and back) against ~10 µs for readFileSync, and the pipeline holds
 * the event loop for milliseconds a file anyway.
 */
export function loadSource(file: SourceFile, declaration?: LoadedDeclaration): LoadedSource {
  let bytes: Buffer | NodeJS.ErrnoException;
  try {
    bytes = readFileSync(file.absPath);
  } catch (err) {
    bytes = err as NodeJS.ErrnoException;
  }
  return { bytes, declaration: declaration ?? loadDeclaration(file.absPath, file.declarations) };
}

/** Runs a loaded file through the pipeline; an unreadable file is a rejected result, not a throw. */
export function processSource(file: SourceFile, source: LoadedSource): FileResult {
  if (source.bytes instanceof Error) {
    const code = source.bytes.code ?? 'EIO';
    return {
      ok: false,
      relPath: file.relPath,
      diagnostics: [{ file: file.relPath, rule: 'read/failed', reason: `cannot read the file (${code})`, severity: 'error' }],
    };
  }
  return processBytes(file.relPath, source.bytes, source.declaration);
}

/** Reads a file and runs it through the pipeline. */
export function processFile(file: SourceFile): FileResult {
  return processSource(file, loadSource(file));
}

/**
 * The files with their sources, read one at a time; null for a file `wanted` declines (not read).
 * The event loop turns after each file read: reads are synchronous, and without the turn a run
 * would hold it (requests, timers, SIGTERM) until its last file.
 */
export async function* sources(files: readonly SourceFile[], wanted: (file: SourceFile) => boolean = () => true): AsyncGenerator<[SourceFile, LoadedSource | null]> {
  for (const file of files) {
    if (!wanted(file)) {
      yield [file, null];
      continue;
    }
    yield [file, loadSource(file)];
    await yieldToLoop();
  }
}

/** How many of a file's articles left each field empty: the dry run's quality report, the run report's and /api/status's. */
export function missingFields(articles: readonly Article[]): MissingFields {
  const count = (empty: (a: Article) => boolean) => articles.reduce((n, a) => n + (empty(a) ? 1 : 0), 0);
  return {
    date: count((a) => a.date === null),
    source: count((a) => a.source === null),
    topics: count((a) => a.topics.length === 0),
    place: count((a) => a.place === null),
    reporters: count((a) => a.reporters.length === 0),
  };
}

/** Signature of an article for reprint linking; `order` makes the earliest copy name the story. */
export function articleSignature(article: Article): StorySignature {
  return signature(article.id, flat(`${article.file}\u0000${String(article.ordinal).padStart(6, '0')}`), article.body);
}

/** What reprint linking keeps of a processed file: its articles' signatures and page parts. */
export interface LinkMaterial {
  signatures: StorySignature[];
  /** Only the articles that jump to or from another page. */
  parts: PagePart[];
}

export function linkMaterial(result: Extract<FileResult, { ok: true }>): LinkMaterial {
  return {
    signatures: result.articles.map(articleSignature),
    parts: result.articles
      .filter((a) => a.edition && (a.jump.to !== undefined || a.jump.from !== undefined))
      .map((a) => ({ id: a.id, file: a.file, title: a.title, edition: a.edition, jump: a.jump })),
  };
}

/**
 * Links reprints among fresh articles (and against `fixed` signatures already indexed, a list per
 * file) and page continuations among the fresh files' parts; returns the story of each fresh
 * article not named by itself (linkStories).
 */
export function linkAll(fresh: SignatureTable, parts: readonly PagePart[], fixed: readonly (readonly StorySignature[])[] = []): Map<string, string> {
  const stories = linkStories(fresh, fixed);
  // A continuation on another page joins its first part's story.
  for (const [continuation, first] of linkContinuations(parts)) stories.set(continuation, stories.get(first) ?? first);
  return stories;
}

/** Links processed files held in memory: sets storyId on their articles and chunks; returns each file's signatures. */
export function linkResults(results: Extract<FileResult, { ok: true }>[], fixed: readonly (readonly StorySignature[])[] = []): Map<string, StorySignature[]> {
  const materials = results.map((r) => linkMaterial(r));
  const stories = linkAll(
    SignatureTable.of(materials.flatMap((m) => m.signatures)),
    materials.flatMap((m) => m.parts),
    fixed,
  );
  const signatures = new Map<string, StorySignature[]>();
  results.forEach((r, i) => {
    for (const a of r.articles) a.storyId = stories.get(a.id) ?? a.id;
    for (const c of r.chunks) c.storyId = stories.get(c.articleId) ?? c.articleId;
    for (const s of materials[i]!.signatures) s.storyId = stories.get(s.id) ?? s.id;
    signatures.set(r.relPath, materials[i]!.signatures);
  });
  return signatures;
}

/** What a run needs of a processed file: its result, and when it is indexed, its link material and empty fields. */
export interface Processed {
  result: FileResult;
  link: LinkMaterial | null;
  missing: MissingFields | null;
}

/**
 * Each article of a result as a story of its own; an article printed twice in one file once. A
 * rebuild sends these as it reads, and rebuilds the few linked stories once linking is done.
 */
export function storySeeds(result: Extract<FileResult, { ok: true }>): StoryDoc[] {
  const seen = new Set<string>();
  const out: StoryDoc[] = [];
  for (const a of result.articles) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    out.push(storyDoc(a.id, [copyOfArticle(a, result.chunks)]));
  }
  return out;
}

/** processSource with what a sync run computes from the result (in the pipeline's worker, off the event loop). */
export function processForSync(file: SourceFile, source: LoadedSource): Processed {
  const result = processSource(file, source);
  return result.ok ? { result, link: linkMaterial(result), missing: missingFields(result.articles) } : { result, link: null, missing: null };
}
