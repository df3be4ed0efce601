/**
 * The pipeline for one file: decode → parse → clean → split → enrich → chunk.
 * Pure from bytes to result; reading the file and talking to the engine live elsewhere.
 */
import { readFile } from 'node:fs/promises';
import { clean } from './clean.js';
import { decode } from './decode.js';
import { Reporter } from './diagnostics.js';
import { contextYear, enrich, normalizeDate } from './enrich.js';
import { loadDeclaration, type LoadedDeclaration } from './declarations.js';
import { parse } from './parse.js';
import { split } from './split.js';
import { chunkArticle } from './chunk.js';
import { linkContinuations, linkStories, signature, type StorySignature } from './link.js';
import type { Article, ChunkDoc, FileResult, SourceFile } from './types.js';

export function processBytes(relPath: string, bytes: Uint8Array, loaded: LoadedDeclaration = { declaration: {}, hash: '', problems: [] }): FileResult {
  const reporter = new Reporter(relPath);
  for (const problem of loaded.problems) reporter.warn('declarations/invalid', `declaration ignored: ${problem}`);
  const decodedOutcome = decode(relPath, bytes, reporter);
  if (!decodedOutcome.ok) return { ok: false, relPath, diagnostics: reporter.messages };
  const decoded = decodedOutcome.decoded;
  const parsed = parse(decoded, reporter);
  const cleaned = clean(parsed, reporter);
  const text = cleaned.blocks.map((b) => b.text).join('\n');
  const declared = loaded.declaration;
  const ctx = {
    relPath,
    meta: cleaned.meta,
    declared,
    script: cleaned.script,
    year: contextYear(declared, cleaned.meta, text),
    published: declared.published ?? normalizeDate(cleaned.meta.date),
  };
  const articles: Article[] = split(cleaned, reporter).map((draft) => enrich(draft, ctx));
  if (articles.length === 0) {
    reporter.error('split/no-article', 'no article text found in the file');
    return { ok: false, relPath, diagnostics: reporter.messages };
  }
  reporter.info('pipeline/summary', `${articles.length} articles (${decoded.encoding}, ${parsed.format}, ${cleaned.script})`);
  // Declarations are part of the content: changing one re-indexes the file.
  const contentHash = loaded.hash ? `${decoded.contentHash}:${loaded.hash}` : decoded.contentHash;
  return { ok: true, relPath, contentHash, articles, diagnostics: reporter.messages };
}

/** Reads a file and runs it through the pipeline; an unreadable file is a rejected result, not a throw. */
export async function processFile(file: SourceFile): Promise<FileResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file.absPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    return {
      ok: false,
      relPath: file.relPath,
      diagnostics: [{ file: file.relPath, rule: 'read/failed', reason: `cannot read the file (${code})`, severity: 'error' }],
    };
  }
  return processBytes(file.relPath, bytes, await loadDeclaration(file.absPath));
}

/** Signature of an article for reprint linking; `order` makes the earliest copy name the story. */
export function articleSignature(article: Article): StorySignature {
  return signature(article.id, `${article.file}\u0000${String(article.ordinal).padStart(6, '0')}`, article.body);
}

/**
 * Links reprints among fresh results (and against `fixed` signatures already indexed), sets
 * each article's storyId and cuts the articles into chunk documents.
 */
export function linkAndChunk(results: Extract<FileResult, { ok: true }>[], fixed: StorySignature[] = []): { chunks: Map<string, ChunkDoc[]>; signatures: Map<string, StorySignature[]> } {
  const signatures = new Map<string, StorySignature[]>();
  for (const r of results) signatures.set(r.relPath, r.articles.map(articleSignature));
  const stories = linkStories([...signatures.values()].flat(), fixed);
  // A continuation on another page joins its first part's story.
  const all = results.flatMap((r) => r.articles);
  for (const [continuation, first] of linkContinuations(all)) stories.set(continuation, stories.get(first) ?? first);
  const chunks = new Map<string, ChunkDoc[]>();
  for (const r of results) {
    for (const a of r.articles) a.storyId = stories.get(a.id) ?? a.id;
    for (const s of signatures.get(r.relPath) ?? []) s.storyId = stories.get(s.id) ?? s.id;
    chunks.set(r.relPath, r.articles.flatMap((a) => chunkArticle(a)));
  }
  return { chunks, signatures };
}
