/**
 * The quality side of a run's report: how many articles the index holds without a date, a source
 * or a topic, in which files, and how to declare what a file does not state. Imports no stage of
 * the pipeline: a search-only gateway shows it without loading the indexer.
 */
import { DECLARE_HINT } from '../extract/declarations.js';
import type { RunReport } from './sync.js';

/** Files the report names for empty fields, at most. */
const MAX_GAP_FILES = 50;

/**
 * What a run's report says of the articles' empty dates, sources and topics: how many, in which
 * files (most first), and how to declare the date or source a file does not state.
 */
export function qualityOf(report: RunReport) {
  const files = report.files
    .filter((f) => f.missing && (f.missing.date > 0 || f.missing.source > 0))
    .sort((a, b) => b.missing!.date + b.missing!.source - (a.missing!.date + a.missing!.source) || (a.file < b.file ? -1 : 1));
  return {
    articles: report.totals.articles,
    undated: report.totals.missing.date,
    unsourced: report.totals.missing.source,
    untopical: report.totals.missing.topics,
    files: files.slice(0, MAX_GAP_FILES).map((f) => ({ file: f.file, articles: f.articles, undated: f.missing!.date, unsourced: f.missing!.source })),
    moreFiles: Math.max(0, files.length - MAX_GAP_FILES),
    ...(files.length ? { hint: DECLARE_HINT } : {}),
  };
}
