/**
 * parse: decoded text → metadata and text blocks, by format. Front matter with
 * gray-matter (YAML by the maintained `yaml` package), HTML bodies with htmlparser2,
 * plain and PDF-extracted text as paragraphs that keep their hard line breaks for clean.
 */
import matter from 'gray-matter';
import YAML from 'yaml';
import { isLaidOut, unfoldColumns } from './columns.js';
import { detectFormat, hasHtmlBlocks } from './detect-format.js';
import type { Reporter } from './diagnostics.js';
import { PARAGRAPH_END } from './lexicon.js';
import { parseFeed } from './parse-feed.js';
import { htmlToBlocks, parseHtml } from './parse-html.js';
import type { Block, Decoded, FileMeta, Parsed } from './types.js';

const yamlEngine = {
  parse: (source: string): object => {
    const value: unknown = YAML.parse(source);
    return value !== null && typeof value === 'object' ? value : {};
  },
};

function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return undefined;
}

function asStringList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.map(asString).filter((s): s is string => s !== undefined);
  const single = asString(value);
  return single ? [single] : undefined;
}

/** The front matter fields we use, whatever their spelling among common generators (Hexo, Hugo, Jekyll). */
export function metaFromFrontMatter(data: Record<string, unknown>): FileMeta {
  const meta: FileMeta = {};
  const title = asString(data.title);
  const date = asString(data.date ?? data.published ?? data.pubDate ?? data.publishDate);
  const author = asString(data.author ?? data.source ?? data.publisher);
  const categories = asStringList(data.categories ?? data.tags);
  if (title) meta.title = title;
  if (date) meta.date = date;
  if (author) meta.source = author;
  if (categories) meta.categories = categories;
  const evidence = Object.fromEntries((['title', 'date', 'source'] as const).filter((f) => meta[f]).map((f) => [f, 'front-matter']));
  if (Object.keys(evidence).length) meta.evidence = evidence;
  return meta;
}

/** Two ideographic spaces before a line's text, no more: how Chinese text sets a paragraph's first line in (more centre a title). */
const INDENT = /^\u3000{2}(?!\s)/;

/** Paragraphs separated by blank lines; hard line breaks inside a paragraph are kept for clean. */
export function textToBlocks(text: string, firstLine = 1): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let current: string[] = [];
  let start = firstLine;
  let indented = false;
  const flush = () => {
    // (Set in and wrapped onto a line at the column's edge, or alone on its line ending a sentence:
    // a title alone on its line may be set in too.)
    if (current.length) blocks.push({ kind: 'paragraph', text: current.join('\n'), line: start, ...(indented && (current.length > 1 || PARAGRAPH_END.test(current[0]!)) ? { indented } : {}) });
    current = [];
  };
  lines.forEach((line, i) => {
    if (line.trim() === '') return flush();
    // A line set in by a Chinese paragraph's indent opens a paragraph.
    const setIn = INDENT.test(line);
    if (setIn) flush();
    if (current.length === 0) [start, indented] = [firstLine + i, setIn];
    current.push(line);
  });
  flush();
  return blocks;
}

/** Markdown line syntax reduced to its text: headings become heading blocks, images vanish, links keep their words. */
function markdownToBlocks(body: string, firstLine: number): Block[] {
  return textToBlocks(body, firstLine).map((block) => {
    const heading = /^#{1,6}\s+(.+?)\s*#*$/.exec(block.text);
    const text = block.text
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/^\s*>\s?/gm, '')
      .replace(/^\s*[-*+]\s+/gm, '');
    return heading ? { kind: 'heading' as const, text: heading[1] ?? '', line: block.line } : { ...block, text };
  }).filter((b) => b.text.trim() !== '');
}

export function parse(decoded: Decoded, reporter: Reporter): Parsed {
  const format = detectFormat(decoded.text);
  if (format === 'feed') {
    const items = parseFeed(decoded.text).map(({ meta, blocks }) => ({ meta, blocks }));
    if (!items.length) reporter.warn('parse/feed-empty', 'a feed without items');
    return { relPath: decoded.relPath, format, layout: 'flow', meta: {}, blocks: [], items };
  }
  if (format === 'html') {
    const { meta, blocks } = parseHtml(decoded.text, (rule, reason, place) => reporter.info(rule, reason, place));
    return { relPath: decoded.relPath, format, layout: 'flow', meta, blocks };
  }
  if (format === 'markdown') {
    let meta: FileMeta = {};
    let body = decoded.text;
    try {
      // gray-matter wants the opening dashes on the first line; blank lines before them are common.
      const file = matter(decoded.text.replace(/^\s+/, ''), { engines: { yaml: yamlEngine } });
      meta = metaFromFrontMatter(file.data);
      body = file.content;
    } catch (err) {
      reporter.warn('parse/front-matter', `front matter is not valid YAML, ignored: ${(err as Error).message.split('\n')[0]}`, '1:1');
      body = decoded.text.replace(/^---[ \t]*\n[\s\S]*?\n---[ \t]*(?:\n|$)/, '');
    }
    const bodyLine = decoded.text.slice(0, decoded.text.length - body.length).split('\n').length;
    if (hasHtmlBlocks(body)) return { relPath: decoded.relPath, format, layout: 'flow', meta, blocks: htmlToBlocks(body) };
    return { relPath: decoded.relPath, format, layout: 'lines', meta, blocks: markdownToBlocks(body, bodyLine) };
  }
  if (isLaidOut(decoded.text)) {
    // Columns side by side on each line (pdftotext -layout): read region by region. Line numbers are then the regions'.
    reporter.info('parse/columns', 'the text keeps its page layout: columns read one after another');
    return { relPath: decoded.relPath, format, layout: 'lines', meta: {}, blocks: textToBlocks(unfoldColumns(decoded.text)) };
  }
  return { relPath: decoded.relPath, format, layout: 'lines', meta: {}, blocks: textToBlocks(decoded.text) };
}
