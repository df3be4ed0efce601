/**
 * The pipeline for one file: decode → parse → clean → split → enrich → chunk.
 * Pure from bytes to result; reading the file and talking to the engine live elsewhere.
 */
import { readFile } from 'node:fs/promises';
import { chunkArticle } from './chunk.js';
import { clean } from './clean.js';
import { decode } from './decode.js';
import { Reporter } from './diagnostics.js';
import { contextYear, enrich, normalizeDate } from './enrich.js';
import { loadDeclaration, type LoadedDeclaration } from './declarations.js';
import { parse } from './parse.js';
import { split } from './split.js';
import type { Article, FileResult, SourceFile } from './types.js';

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
  const articles: Article[] = split(cleaned).map((draft) => enrich(draft, ctx));
  if (articles.length === 0) {
    reporter.error('split/no-article', 'no article text found in the file');
    return { ok: false, relPath, diagnostics: reporter.messages };
  }
  const chunks = articles.flatMap((a) => chunkArticle(a));
  reporter.info('pipeline/summary', `${articles.length} articles, ${chunks.length} chunks (${decoded.encoding}, ${parsed.format})`);
  // Declarations are part of the content: changing one re-indexes the file.
  const contentHash = loaded.hash ? `${decoded.contentHash}:${loaded.hash}` : decoded.contentHash;
  return { ok: true, relPath, contentHash, articles, chunks, diagnostics: reporter.messages };
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
