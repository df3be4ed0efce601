/**
 * Format by content, not by extension: a .txt may hold Markdown with front matter or a saved web page.
 */
import type { Format } from './types.js';

/** YAML front matter: a first line of three dashes (blank lines may come before it), "key: value" lines, a closing line of dashes. */
const FRONT_MATTER = /^\uFEFF?\s*---[ \t]*\n(?:[^\n]*\n)*?[A-Za-z_][\w-]*[ \t]*:[^\n]*\n(?:[^\n]*\n)*?---[ \t]*(?:\n|$)/;
/**
 * A web page's structure, wherever it stands: a page may open with a comment, a BOM or megabytes
 * of inline CSS and JavaScript before its <html> or <body>.
 */
const HTML_DOCUMENT = /<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]/i;
/** A closing tag of a page's skeleton: with HTML_DOCUMENT, a page rather than text that names a tag. */
const HTML_CLOSING = /<\/(?:html|body|head|div|p|table|title)>/i;
/** The root elements of feeds. Examples: <rss version="2.0">, <feed xmlns="http://www.w3.org/2005/Atom">, <rdf:RDF …>. */
const FEED_ROOT = /^<(?:rss|feed|rdf:RDF)[\s>]/i;

/** Where a document's first element starts, past a BOM, white space, the XML prolog, comments and a doctype. */
function firstElement(text: string): number {
  let at = 0;
  for (;;) {
    while (at < text.length && (text.charCodeAt(at) === 0xfeff || /\s/.test(text[at]!))) at++;
    const close = text.startsWith('<?', at) ? '?>' : text.startsWith('<!--', at) ? '-->' : /^<!doctype/i.test(text.slice(at, at + 9)) ? '>' : null;
    if (!close) return at;
    const end = text.indexOf(close, at + 2);
    if (end < 0) return text.length;
    at = end + close.length;
  }
}

/** Block-level tags that only HTML bodies have. */
const HTML_BLOCK_TAG = /<(?:p|div|article|section|br|h[1-6]|table|ul|li|span|img)(?:\s[^>]*)?\/?>/gi;
/** Markdown structure: ATX headings, images, links, emphasis, list items. */
const MARKDOWN_SYNTAX = /^(?:#{1,6}\s+\S|!\[[^\]]*\]\(|\s*[-*+]\s+\S|\s*\d+\.\s+\S)|\[[^\]]+\]\([^)]+\)|\*\*[^*\n]+\*\*/gm;

/** How many HTML block tags per 1,000 characters make a body HTML rather than text that mentions a tag. */
const HTML_TAG_DENSITY = 2;

/** Detection reads the head of a file only: enough to decide, and bounded on a huge one-line file. */
const SAMPLE_CHARS = 64 * 1024;

export function detectFormat(text: string): Format {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (FRONT_MATTER.test(sample)) return 'markdown';
  const root = firstElement(sample);
  if (FEED_ROOT.test(sample.slice(root, root + 16))) return 'feed';
  if (HTML_DOCUMENT.test(text) && HTML_CLOSING.test(text)) return 'html';
  const tags = sample.match(HTML_BLOCK_TAG)?.length ?? 0;
  if (tags >= 3 && (tags * 1000) / sample.length >= HTML_TAG_DENSITY) return 'html';
  const markdown = sample.match(MARKDOWN_SYNTAX)?.length ?? 0;
  if (markdown >= 3) return 'markdown';
  return 'text';
}

/** True when a Markdown body carries raw HTML blocks that need the HTML parser. */
export function hasHtmlBlocks(body: string): boolean {
  const sample = body.slice(0, SAMPLE_CHARS);
  return (sample.match(HTML_BLOCK_TAG)?.length ?? 0) >= 2;
}
