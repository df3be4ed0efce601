/**
 * The records that flow through the indexer: SourceFile → Decoded → Parsed → Article[] → Chunk[].
 * Each stage is a function from one record to the next plus diagnostics.
 */

export type Severity = 'error' | 'warning' | 'info';

/** A message about one input, shaped like vfile-message: where, which rule, why. */
export interface Diagnostic {
  file: string;
  /** "line:column", or a block index such as "block 4"; absent when it concerns the whole file. */
  place?: string;
  rule: string;
  reason: string;
  /** error: the file is rejected; warning: something was repaired or dropped; info: for the report. */
  severity: Severity;
}

/** A file found under the seeds folder, not yet read. */
export interface SourceFile {
  /** Path relative to the seeds folder, with "/" separators: the file's identity in the manifest. */
  relPath: string;
  absPath: string;
  size: number;
  mtimeMs: number;
  /** The declaration files discover saw for this file (its folder's _meta.json, its sidecar); absent: look for both. */
  declarations?: string[];
  /** Size and mtime of those declaration files: unchanged, they need not be read again. */
  declarationStamp?: string;
}

export type EncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5' | 'hz-gb-2312';

export interface Decoded {
  relPath: string;
  text: string;
  encoding: EncodingName;
  /** sha256 of the raw bytes: the manifest's change detector. */
  contentHash: string;
}

export type Format = 'markdown' | 'html' | 'feed' | 'text';

/** The fields whose origin a file's metadata records. */
export type EvidenceField = 'title' | 'date' | 'source' | 'authors';

/** Metadata a file states about itself (front matter; a web page's headline, info lines, JSON-LD and meta tags). */
export interface FileMeta {
  title?: string;
  date?: string;
  /** The publication the file credits (front matter's author/source/publisher, a page's 来源 line, …). */
  source?: string;
  /** Writers the file credits (a page's 作者 line, a credit line). */
  authors?: string[];
  categories?: string[];
  /** A newspaper named in a masthead line at the top of a text page. */
  masthead?: string;
  /** The day of the issue a page's head prints, MM-DD, with or without its year (7月3日 星期五). */
  issueDay?: string;
  /** A line that stands over the title (a feed's name over its items). */
  kicker?: string;
  /** Where each field came from (`h1`, `line:label`, `meta:article:published_time`, `front-matter`, …), for the dry run's report. */
  evidence?: Partial<Record<EvidenceField, string>>;
}

/** 'jump' is a page jump note (（下转第3版）) kept as a marker for the splitter; its text is not article text. */
export type BlockKind = 'heading' | 'paragraph' | 'caption' | 'jump';

/** One unit of text in reading order: a paragraph, a heading or a photo caption. */
export interface Block {
  kind: BlockKind;
  text: string;
  /** The same text in its original script, when cleaning converted it (Traditional → Simplified). */
  original?: string;
  /** 1-based line in the decoded text where the block starts (0 when unknown, e.g. HTML). */
  line: number;
  /** 1-based line where the block ends, when it joins lines of several (rejoinBrokenLines). */
  lastLine?: number;
  /** Where an HTML block stands, as an element path in the extracted content (div[1]/p[4]). */
  place?: string;
  /** Its first line is the rest of a printed line that opened with a jump note from an earlier page (（上接第1版）城东老街…): text that runs on into the next line, never a headline. */
  runsOn?: boolean;
  /**
   * The width each line took as the extractor set it, where cleaning collapsed its letter-spacing
   * (在 一 家 大 型 企 业 filled its measure as 在一家大型企业 does not): one a line, when any differs.
   */
  setWidths?: number[];
  /** Its first line comes right after page furniture dropped between text (a staff line, an advertisement): a column may have ended there. */
  afterFurniture?: boolean;
  /**
   * Its first line was set in as a paragraph's first line is (two ideographic spaces, or a
   * laid-out column's line set in from its edge) and the lines after it stand at the column's
   * edge: it opens a paragraph.
   */
  indented?: boolean;
  /**
   * It opens under a paragraph's end in its column and its last line fills the column's measure and
   * ends mid-sentence before a blank line: a paragraph broken off where the extractor left its column, never a headline.
   */
  wraps?: boolean;
  /** Where, in its text, lines of two blocks were joined across a blank line with no word across (offsets): the extractor may have left a column there. */
  seams?: number[];
}

/**
 * How line breaks in the blocks came about: 'lines' when they are the file's own (plain text,
 * Markdown, PDF extraction: possibly hard-wrapped), 'flow' when they are <br> tags in HTML.
 */
export type Layout = 'lines' | 'flow';

export interface Parsed {
  relPath: string;
  format: Format;
  layout: Layout;
  meta: FileMeta;
  blocks: Block[];
  /** A feed's items: each one article with its own metadata (the file's blocks are then empty). */
  items?: { meta: FileMeta; blocks: Block[] }[];
}

import type { Script } from '../../src/text/script.js';

export type { Script };

/** Blocks after cleaning, in Simplified script; the original script is remembered. */
export interface Cleaned {
  relPath: string;
  format: Format;
  layout: Layout;
  meta: FileMeta;
  blocks: Block[];
  script: Script;
}

/** An article's text before enrichment: where it starts and ends on the page. */
export interface ArticleDraft {
  title: string;
  kicker: string | null;
  /** The name of the column the story runs in, printed over its headline (经济观察, 简讯). */
  column: string | null;
  /** Body paragraphs in reading order, datelines included, bylines and captions not. */
  paragraphs: string[];
  /** The paragraphs in their original script, when it was converted. */
  originalParagraphs: string[] | null;
  /** Names from bylines (记者 闫丽君 吕奇); dateline reporters are read by enrich. */
  bylineReporters: string[];
  /** Agencies named in bylines (新华社记者姜琳 → 新华社). */
  bylineAgencies: string[];
  /** Index of this article on its page, in reading order. */
  ordinal: number;
  /** Page jumps: continued to page `to`, continued from page `from`. */
  jump: { to?: number; from?: number };
  /** Where the title came from: a headline on the page, the file's metadata, or the first sentence. */
  titleFrom: 'headline' | 'meta' | 'first-sentence';
  /** What lines printed with the article state about it (来源：…, a wire header's source and time). */
  stated?: { source?: string; date?: string; authors?: string[] };
}

export interface Article {
  id: string;
  storyId: string;
  file: string;
  ordinal: number;
  title: string;
  kicker: string | null;
  /** The name of the column the story runs in, printed over its headline (经济观察, 简讯); not its kicker. */
  column: string | null;
  source: string | null;
  agency: string | null;
  /** YYYY-MM-DD or null when the text does not fix the day. */
  date: string | null;
  place: string | null;
  reporters: string[];
  topics: string[];
  /** For each topic, the taxonomy words that decided it. */
  topicWords: Record<string, string[]>;
  keywords: string[];
  script: Script;
  /** Cleaned Simplified text, paragraphs separated by "\n". */
  body: string;
  /** The cleaned body in its original script, for display, when the file was Traditional; else null. */
  originalBody: string | null;
  /** Page jumps of a printed article: continued to page `to`, continued from page `from`. */
  jump: { to?: number; from?: number };
  /** The edition the file belongs to (source and the issue's day, MM-DD: a page's head may leave the year out), when both are known. */
  edition: string | null;
  /** Where each field came from (`h1`, `line:label`, `dateline+year:declared`, `stated`, …): the dry run's quality report. */
  evidence: Partial<Record<EvidenceField, string>>;
}

/** What the engine stores: a piece of an article with the article's filterable fields. */
export interface ChunkDoc {
  id: string;
  articleId: string;
  storyId: string;
  file: string;
  chunkIndex: number;
  chunkCount: number;
  title: string;
  kicker: string | null;
  column: string | null;
  text: string;
  /** Words inside longer words of the text and parts of mixed tokens, space-separated (enrich.subwords). */
  subwords: string;
  source: string | null;
  agency: string | null;
  date: string | null;
  /** Unix seconds of `date` at 00:00 UTC, for range filters and sorting; null when the date is unknown. */
  dateTs: number | null;
  year: string | null;
  month: string | null;
  place: string | null;
  reporters: string[];
  topics: string[];
  keywords: string[];
  script: Script;
  /** On an article's first chunk: its body in the original script (displayed, not searched); else null. */
  original: string | null;
  /** On an article's first chunk: the words that decided each topic; else null. */
  topicWords: Record<string, string[]> | null;
  /** On an article's first chunk: the whole cleaned body, for the article page (displayed, not searched); else null. */
  body: string | null;
}

/** The fields an article may leave empty that a reader (and a filter) misses: counted per file for the run report. */
export const GAP_FIELDS = ['date', 'source', 'topics', 'place', 'reporters'] as const;
export type MissingFields = Record<(typeof GAP_FIELDS)[number], number>;

/** The outcome of running one file through the pipeline, before reprint linking (storyIds are the articles' own ids). */
export type FileResult =
  | { ok: true; relPath: string; contentHash: string; articles: Article[]; chunks: ChunkDoc[]; diagnostics: Diagnostic[] }
  | { ok: false; relPath: string; diagnostics: Diagnostic[] };

/** The fields of an article that every record of it carries: each of its chunks, and its dry-run record (docs/design.md). */
export const ARTICLE_FIELDS = ['title', 'kicker', 'column', 'source', 'agency', 'date', 'place', 'reporters', 'topics', 'keywords', 'script'] as const;

export function articleFields(article: Article): Pick<Article, (typeof ARTICLE_FIELDS)[number]> {
  return Object.fromEntries(ARTICLE_FIELDS.map((f) => [f, article[f]])) as Pick<Article, (typeof ARTICLE_FIELDS)[number]>;
}
