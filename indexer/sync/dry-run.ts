/**
 * The dry run: the whole pipeline without an engine, one JSON article per line (docs/design.md: CLI).
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { discover } from './discover.js';
import { linkResults, missingFields, processSource, sources } from './pipeline.js';
import { articleFields, type Article, type Diagnostic, type FileResult } from '../extract/types.js';
import type { FileReport } from './sync.js';

/** The record docs/design.md fixes for each article of a dry run. */
export function articleRecord(article: Article, chunks: number) {
  return {
    id: article.id,
    storyId: article.storyId,
    file: article.file,
    ...articleFields(article),
    body: article.body,
    chunks,
    evidence: article.evidence,
  };
}

export type ArticleRecord = ReturnType<typeof articleRecord>;

async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

export async function dryRun(seedsDir: string, maxFileBytes: number, out: Writable, onFile?: (r: FileReport) => void): Promise<FileReport[]> {
  const discovery = await discover(seedsDir, { maxFileBytes });
  const reports: FileReport[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of discovery.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  for (const [file, diagnostics] of byFile) {
    const status = diagnostics.some((d) => d.severity === 'error') ? 'rejected' : 'skipped';
    reports.push({ file, status, articles: 0, chunks: 0, diagnostics });
  }
  // Articles wait for linking (their storyIds); their chunks are only counted.
  const results: { result: Extract<FileResult, { ok: true }>; chunks: Map<string, number>; total: number }[] = [];
  for await (const [file, source] of sources(discovery.files)) {
    const result = processSource(file, source!);
    if (!result.ok) {
      const report: FileReport = { file: file.relPath, status: 'rejected', articles: 0, chunks: 0, diagnostics: result.diagnostics };
      reports.push(report);
      onFile?.(report);
      continue;
    }
    const chunks = new Map<string, number>();
    for (const c of result.chunks) chunks.set(c.articleId, (chunks.get(c.articleId) ?? 0) + 1);
    results.push({ result: { ...result, chunks: [] }, chunks, total: result.chunks.length });
  }
  linkResults(results.map((r) => r.result));
  for (const { result, chunks, total } of results) {
    for (const a of result.articles) await writeLine(out, JSON.stringify(articleRecord(a, chunks.get(a.id) ?? 0)));
    const report: FileReport = {
      file: result.relPath,
      status: 'indexed',
      articles: result.articles.length,
      chunks: total,
      diagnostics: result.diagnostics,
      missing: missingFields(result.articles),
      evidence: result.articles.map((a) => a.evidence),
    };
    reports.push(report);
    onFile?.(report);
  }
  return reports;
}
