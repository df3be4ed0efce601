/**
 * Snippets: a window of a chunk around its first highlighted match, cut at sentence or
 * clause boundaries, HTML-escaped, with <mark> around matches. The engine marks matches with
 * private-use sentinels (cleaning removes such characters from documents), so escaping and
 * cutting happen here, on code points: never inside a surrogate pair or an HTML entity.
 */
import { HAN, HAN_CHAR } from '../text/chars.js';

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

/**
 * Builds the snippet HTML from text whose matches are wrapped in MARK_OPEN/MARK_CLOSE, around the
 * `anchorMark`-th mark (0: the first; adjacent marks count as one).
 */
export function buildSnippet(marked: string, options: SnippetOptions = DEFAULT_SNIPPET, anchorMark = 0): string {
  // Adjacent matches (社保 + 卡) read as one mark.
  const chars = Array.from(marked.replace(/\s*\n\s*/g, '\n').replaceAll(`${MARK_CLOSE}${MARK_OPEN}`, ''));
  const visible = (i: number, j: number) => chars.slice(i, j).filter((c) => c !== MARK_OPEN && c !== MARK_CLOSE).length;
  let firstMark = chars.indexOf(MARK_OPEN);
  for (let k = 0; k < anchorMark && firstMark >= 0; k++) {
    const next = chars.indexOf(MARK_OPEN, firstMark + 1);
    if (next < 0) break;
    firstMark = next;
  }
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

/** Characters of a query's pieces: runs of Han characters, and runs of Latin letters and digits. */
const QUERY_RUN = new RegExp(`[${HAN}]+|[^\\s\\p{P}\\p{S}${HAN}]+`, 'gu');
/** A snippet window: the stretch of text over which matches are counted together. */
const WINDOW_CHARS = 80;

interface Match {
  start: number;
  end: number;
}

/**
 * Where a (normalised) query's words stand in a text, found here rather than by the engine: asking
 * the engine to highlight or crop a story's whole text took three quarters of a search's time
 * (docs/performance.md). A Han run of the query matches wherever two or more of its characters
 * stand together in the text, longest first (the engine segments 新能源汽车 into 新能源 and 汽车
 * and finds each anywhere); a one-character query matches that character; Latin and digit runs
 * match case-insensitively. Matches that touch are merged.
 */
export function findMatches(text: string, q: string): Match[] {
  const runs = q.match(QUERY_RUN) ?? [];
  const han = runs.filter((r) => HAN_CHAR.test(r));
  const latin = runs.filter((r) => !HAN_CHAR.test(r)).map((r) => r.toLowerCase());
  const found: Match[] = [];
  if (han.length) {
    const single = new Set(han.filter((r) => r.length === 1));
    const pairs = new Set<string>();
    for (const run of han) for (let k = 0; k + 1 < run.length; k++) pairs.add(run.slice(k, k + 2));
    const firsts = new Set([...pairs].map((p) => p[0]!));
    for (let i = 0; i < text.length; ) {
      // Most places hold no pair of the query's characters: a character's lookup each.
      const c = text[i]!;
      if (!single.has(c) && (!firsts.has(c) || !pairs.has(text.slice(i, i + 2)))) {
        i++;
        continue;
      }
      let best = 0;
      for (const run of han) {
        let len = 0;
        // The longest stretch from i that the run holds.
        while (i + len < text.length && run.includes(text.slice(i, i + len + 1))) len++;
        if (len > best) best = len;
      }
      if (best >= 2 || (best === 1 && single.has(text[i]!))) {
        found.push({ start: i, end: i + best });
        i += best;
      } else i++;
    }
  }
  if (latin.length) {
    const lower = text.toLowerCase();
    for (const word of latin) {
      for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) found.push({ start: at, end: at + word.length });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const merged: Match[] = [];
  for (const m of found) {
    const last = merged[merged.length - 1];
    if (last && m.start <= last.end) last.end = Math.max(last.end, m.end);
    else merged.push({ ...m });
  }
  return merged;
}

/** The match that opens the window holding the most different matched characters (the earliest of equals). */
function bestWindow(text: string, matches: readonly Match[]): number {
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < matches.length; i++) {
    const covered = new Set<string>();
    for (let j = i; j < matches.length && matches[j]!.end - matches[i]!.start <= WINDOW_CHARS; j++) for (const c of text.slice(matches[j]!.start, matches[j]!.end)) covered.add(c);
    if (covered.size > bestScore) {
      bestScore = covered.size;
      best = i;
    }
  }
  return best;
}

/** The snippet of a text for a query: the window where its words stand densest, marked; the text's start when none is found. */
export function snippetFor(text: string, q: string, options: SnippetOptions = DEFAULT_SNIPPET): string {
  const matches = findMatches(text, q);
  const anchor = matches.length ? bestWindow(text, matches) : 0;
  // Only the stretch a snippet can take is marked and cut (a story's text runs to thousands of characters).
  const from = Math.max(0, (matches[anchor]?.start ?? 0) - options.before * 3);
  const to = Math.min(text.length, (matches[anchor]?.end ?? 0) + options.maxChars * 2);
  let marked = '';
  let at = from;
  let first = -1;
  for (const [k, m] of matches.entries()) {
    if (m.end <= from || m.start >= to) continue;
    if (first < 0) first = k;
    marked += `${text.slice(at, Math.max(at, m.start))}${MARK_OPEN}${text.slice(Math.max(at, m.start), Math.min(m.end, to))}${MARK_CLOSE}`;
    at = Math.min(m.end, to);
  }
  marked += text.slice(at, to);
  let html = buildSnippet(marked, options, first < 0 ? 0 : anchor - first);
  if (from > 0 && !html.startsWith('…')) html = `…${html}`;
  if (to < text.length && !html.endsWith('…')) html = `${html}…`;
  return html;
}
