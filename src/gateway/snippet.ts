/**
 * Snippets: a window of a chunk around its first highlighted match, cut at sentence or
 * clause boundaries, HTML-escaped, with <mark> around matches. The engine marks matches with
 * private-use sentinels (cleaning removes such characters from documents), so escaping and
 * cutting happen here, on code points: never inside a surrogate pair or an HTML entity.
 */
export const MARK_OPEN = '\ue000';
export const MARK_CLOSE = '\ue001';

/** Characters after which a snippet may start or end, strongest first. */
const SENTENCE_BOUNDARY = new Set(['。', '！', '？', '!', '?', '；', ';', '\n']);
const CLAUSE_BOUNDARY = new Set(['，', ',', '、', '：', ':']);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Code point index just after the last boundary in [from, to), or -1. */
function lastBoundary(chars: string[], from: number, to: number, set: Set<string>): number {
  for (let i = to - 1; i >= from; i--) if (set.has(chars[i] ?? '')) return i + 1;
  return -1;
}

export interface SnippetOptions {
  /** Longest snippet, in characters (code points) of text. */
  maxChars: number;
  /** Characters of context wanted before the first match. */
  before: number;
}

export const DEFAULT_SNIPPET: SnippetOptions = { maxChars: 120, before: 30 };

/** Builds the snippet HTML from text whose matches are wrapped in MARK_OPEN/MARK_CLOSE. */
export function buildSnippet(marked: string, options: SnippetOptions = DEFAULT_SNIPPET): string {
  // Adjacent matches (社保 + 卡) read as one mark.
  const chars = Array.from(marked.replace(/\s*\n\s*/g, '\n').replaceAll(`${MARK_CLOSE}${MARK_OPEN}`, ''));
  const visible = (i: number, j: number) => chars.slice(i, j).filter((c) => c !== MARK_OPEN && c !== MARK_CLOSE).length;
  const firstMark = chars.indexOf(MARK_OPEN);
  const anchor = firstMark < 0 ? 0 : firstMark;

  // Start: a sentence start near the match, else a clause start, else a hard cut.
  let start = 0;
  if (visible(0, anchor) > options.before) {
    const from = Math.max(0, anchor - options.before * 2);
    start = lastBoundary(chars, from, anchor, SENTENCE_BOUNDARY);
    if (start < 0 || visible(start, anchor) > options.before) start = lastBoundary(chars, Math.max(0, anchor - options.before), anchor, CLAUSE_BOUNDARY);
    if (start < 0) start = Math.max(0, anchor - options.before);
  }
  // End: the last sentence or clause end within the budget, else a hard cut.
  let end = start;
  let count = 0;
  while (end < chars.length && count < options.maxChars) {
    const c = chars[end]!;
    if (c !== MARK_OPEN && c !== MARK_CLOSE) count++;
    end++;
  }
  if (end < chars.length) {
    const minEnd = Math.max(anchor + 1, start + Math.floor(options.maxChars / 2));
    const cut = lastBoundary(chars, minEnd, end, SENTENCE_BOUNDARY);
    const clause = cut < 0 ? lastBoundary(chars, minEnd, end, CLAUSE_BOUNDARY) : cut;
    if (clause > 0) end = clause;
  }

  let html = '';
  let open = false;
  for (const c of chars.slice(start, end)) {
    if (c === MARK_OPEN) {
      if (!open) html += '<mark>';
      open = true;
    } else if (c === MARK_CLOSE) {
      if (open) html += '</mark>';
      open = false;
    } else html += c === '\n' ? ' ' : escapeHtml(c);
  }
  if (open) html += '</mark>';
  html = html.trim();
  if (start > 0) html = `…${html}`;
  if (end < chars.length) html = `${html}…`;
  return html;
}
