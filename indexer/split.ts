/**
 * split: a page's blocks → article drafts. A first cut: datelines and own-report markers
 * start articles, the short unpunctuated lines right before them are their headline.
 * A page without any marker is one article.
 */
import { DATELINE, OWN_REPORT, PARAGRAPH_END } from './lexicon.js';
import { lineWidth } from './clean.js';
import type { ArticleDraft, Block, Cleaned } from './types.js';

/** Widest line that can still be a headline. */
const MAX_HEADLINE_WIDTH = 40;
/** Longest title taken from the first sentence of an article without a headline. */
const FALLBACK_TITLE_CHARS = 30;

export function isArticleStart(text: string): boolean {
  return DATELINE.test(text) || OWN_REPORT.test(text);
}

/** A short line without sentence-ending punctuation, or a block the source marked as a heading. */
export function looksLikeHeadline(block: Block): boolean {
  if (block.kind === 'heading') return true;
  if (block.kind !== 'paragraph') return false;
  const w = lineWidth(block.text);
  return w >= 4 && w <= MAX_HEADLINE_WIDTH && !PARAGRAPH_END.test(block.text) && !isArticleStart(block.text);
}

function fallbackTitle(paragraphs: string[]): string {
  const first = paragraphs[0] ?? '';
  const sentence = first.split(/[。！？!?]/)[0] ?? first;
  return sentence.length > FALLBACK_TITLE_CHARS ? `${sentence.slice(0, FALLBACK_TITLE_CHARS)}…` : sentence;
}

export function split(cleaned: Cleaned): ArticleDraft[] {
  const blocks = cleaned.blocks.filter((b) => b.kind !== 'caption');
  const starts: number[] = [];
  blocks.forEach((b, i) => {
    if (isArticleStart(b.text)) starts.push(i);
  });

  if (starts.length <= 1) {
    const headlineAtTop = blocks[0] && looksLikeHeadline(blocks[0]) ? blocks[0].text : null;
    const title = cleaned.meta.title ?? headlineAtTop;
    const body = blocks.filter((b, i) => !(i === 0 && headlineAtTop !== null && title === headlineAtTop)).map((b) => b.text);
    if (body.length === 0) return [];
    return [{ title: title ?? fallbackTitle(body), kicker: null, paragraphs: body, ordinal: 0 }];
  }

  const drafts: ArticleDraft[] = [];
  // Each article owns the headline lines just before its dateline.
  const headStarts = starts.map((start) => {
    let h = start;
    while (h > 0 && looksLikeHeadline(blocks[h - 1]!) && start - h < 3) h--;
    return h;
  });
  headStarts.forEach((head, n) => {
    const start = starts[n]!;
    const end = headStarts[n + 1] ?? blocks.length;
    const headlines = blocks.slice(head, start).map((b) => b.text);
    const paragraphs = blocks.slice(start, end).map((b) => b.text);
    const title = headlines[headlines.length - 1] ?? (n === 0 ? cleaned.meta.title : undefined) ?? fallbackTitle(paragraphs);
    const kicker = headlines.length > 1 ? headlines.slice(0, -1).join(' ') : null;
    drafts.push({ title, kicker, paragraphs, ordinal: n });
  });
  // Text before the first article's headline is kept as an article of its own when it has a body.
  const lead = blocks.slice(0, headStarts[0]).map((b) => b.text);
  if (lead.some((t) => PARAGRAPH_END.test(t))) {
    drafts.unshift({ title: fallbackTitle(lead), kicker: null, paragraphs: lead, ordinal: -1 });
  }
  return drafts.map((d, i) => ({ ...d, ordinal: i }));
}
