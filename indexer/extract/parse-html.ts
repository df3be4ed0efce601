/**
 * HTML → the article's text blocks and what the page states about it.
 *
 * A saved page's main content is found by Mozilla Readability (content scoring by text, link and
 * comma density, over linkedom's DOM): measured on the development corpus of real pages of 15
 * sites, its content reached a mean purity of 0.93 where a walk that dropped subtrees by chrome
 * class names reached 0.51 (docs/extraction.md). Readability drops scripts, styles and hidden
 * elements wherever they are and never drops a subtree for its class name alone. Metadata is read
 * from the whole page first (page-meta.ts), as Readability rewrites the document.
 *
 * A fragment (raw HTML in Markdown, a feed item's content) is walked as it is: its text is the
 * article, there is no page around it.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { creditLine, isInfoLine, isStaffLine, personNames } from './lines.js';
import { readPageMeta, type PageMeta } from './page-meta.js';
import type { Block, BlockKind, FileMeta } from './types.js';

/** Elements whose content is never article text. */
const SKIPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'img', 'picture',
  'video', 'audio', 'source', 'select', 'textarea', 'input', 'button', 'head', 'title', 'option',
]);
/** Elements that start a new block of text. */
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'blockquote', 'li', 'ul', 'ol', 'table', 'tr', 'td', 'th', 'dd', 'dt', 'dl',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'pre', 'address', 'center', 'body', 'html', 'form', 'fieldset',
  'header', 'footer', 'aside', 'nav',
]);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Hidden by its own markup: the `hidden` attribute, aria-hidden, or an inline display:none. */
function isHidden(el: Element): boolean {
  return el.attribs.hidden !== undefined || el.attribs['aria-hidden'] === 'true' || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.attribs.style ?? '');
}

/** The text blocks of an HTML fragment: paragraphs, headings and captions, `<br>` kept as a line break. */
export function htmlToBlocks(html: string): Block[] {
  return linkedBlocks(html).map(({ block }) => block);
}

/** Blocks with the share of their text that is link text (a list of related articles is all links). */
function linkedBlocks(html: string): { block: Block; linkShare: number }[] {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const blocks: { block: Block; linkShare: number }[] = [];
  let buffer = '';
  let linked = 0;
  let inLink = 0;
  let kind: BlockKind = 'paragraph';
  /** The element path of the block being read: tag names with their place among same-named siblings. */
  const path: string[] = [];
  const flush = () => {
    const text = buffer.replace(/[ \t\f\v\u00a0]+/g, ' ').replace(/ *\n */g, '\n').trim();
    if (text) blocks.push({ block: { kind, text, line: 0, place: path.join('/') || 'root' }, linkShare: Math.min(1, linked / text.replace(/\s/g, '').length) });
    buffer = '';
    linked = 0;
    kind = 'paragraph';
  };
  const visit = (nodes: ChildNode[]) => {
    // Same-named block elements among these siblings so far, for the path.
    const seen = new Map<string, number>();
    for (const node of nodes) {
      if (node.type === 'text') {
        const text = node.data.replace(/\s*\n\s*/g, ' ');
        buffer += text;
        if (inLink) linked += text.replace(/\s/g, '').length;
        continue;
      }
      if (node.type === 'cdata') {
        visit(node.children);
        continue;
      }
      if (!isElement(node) || SKIPPED_TAGS.has(node.name) || isHidden(node)) continue;
      if (node.name === 'br') {
        buffer += '\n';
        continue;
      }
      if (!BLOCK_TAGS.has(node.name)) {
        if (node.name === 'a') inLink++;
        visit(node.children);
        if (node.name === 'a') inLink--;
        continue;
      }
      flush();
      const n = (seen.get(node.name) ?? 0) + 1;
      seen.set(node.name, n);
      path.push(`${node.name}[${n}]`);
      visit(node.children);
      if (HEADING_TAGS.has(node.name)) kind = 'heading';
      else if (node.name === 'figcaption') kind = 'caption';
      flush();
      path.pop();
    }
  };
  visit(doc.children);
  flush();
  return blocks;
}

const key = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, '');

/**
 * The page's own lines at the ends of the extracted content: the headline printed again, the info
 * lines under it (date, source, writers), credit lines (执笔/…, 采写：…) and staff lines
 * (责任编辑：…). They are metadata, not article text: the writers they credit are kept.
 */
/** Reports a rule that fired, with its place. */
export type Report = (rule: string, reason: string, place?: string) => void;

export function trimPageLines(blocks: { block: Block; linkShare: number }[], page: PageMeta, report: Report = () => {}): { blocks: Block[]; authors: string[] } {
  const authors: string[] = [];
  const printed = new Set(page.infoLines.map(key));
  const title = page.title ? key(page.title) : null;
  const credit = (text: string): boolean => {
    const names = creditLine(text);
    if (names) authors.push(...names);
    return names !== null;
  };
  /** The rule a page line at either end of the content falls under, if any. */
  const pageLine = (b: Block, atStart: boolean): string | null => {
    const k = key(b.text);
    if (atStart && k === title) return 'page/headline-repeated';
    if (atStart && printed.has(k)) return 'page/info-line';
    if (isStaffLine(b.text) || (!atStart && isTrailingStaff(b.text))) return 'page/staff-line';
    if (credit(b.text)) return 'page/credit-line';
    if (isInfoLine(b.text)) return 'page/info-line';
    return null;
  };
  const dropped: [string, Block][] = [];
  const lead = ({ block: b }: { block: Block }): boolean => {
    const rule = pageLine(b, true);
    if (rule) dropped.push([rule, b]);
    return rule !== null;
  };
  let start = 0;
  let end = blocks.length;
  while (start < end && lead(blocks[start]!)) start++;
  // At the end: credits and staff lines, info lines (本文来源：… 责任编辑：…), and what follows
  // the article as links (related articles, with the short labels over them: 热点推荐).
  for (;;) {
    for (let rule = end > start ? pageLine(blocks[end - 1]!.block, false) : null; rule; rule = end > start ? pageLine(blocks[end - 1]!.block, false) : null) {
      dropped.push([rule, blocks[end - 1]!.block]);
      end--;
    }
    // A list of links (related articles) with the short lines among them: labels, sources, times.
    let k = end;
    let links = 0;
    while (k > start) {
      const { block: b, linkShare } = blocks[k - 1]!;
      if (linkShare >= LINK_LIST_SHARE && b.text.length <= MAX_LINK_LINE) links++;
      else if (!(b.text.length <= MAX_LABEL_CHARS && !/[。！？，；]/.test(b.text)) && !isInfoLine(b.text)) break;
      k--;
    }
    if (links < MIN_LINK_LIST || k === end) break;
    for (const { block } of blocks.slice(k, end)) dropped.push(['page/link-list', block]);
    end = k;
  }
  // A page that is nothing but such lines (a page of links) keeps them: they are all the text it has.
  if (start >= end) return { blocks: blocks.map(({ block }) => block), authors: [] };
  for (const [rule, b] of dropped) report(rule, `left out of the body: ${b.text.slice(0, 40)}`, b.place);
  return { blocks: blocks.slice(start, end).map(({ block }) => block), authors: [...new Set(authors)] };
}

/** A block this much link text at the end of an article is a link to something else. */
const LINK_LIST_SHARE = 0.6;
/** …and no longer than a headline and its source. */
const MAX_LINK_LINE = 80;
/** Links that make a list at the end of an article. */
const MIN_LINK_LIST = 2;
/** A label over a list of links (热点推荐, 相关阅读) is this short. */
const MAX_LABEL_CHARS = 12;

/** A short closing line of staff and contributors: `某某支部、某科供稿 摄影/张某 编辑/苏某`. */
function isTrailingStaff(text: string): boolean {
  return text.length <= 60 && !/[。！？]/.test(text) && /(?:编辑|责编|审核|校对|摄影|供稿|美编)\s*[:：/／]|供稿/.test(text);
}

/** A role word that makes a byline credit writers. Examples: 东湖网记者 郑某, 作者：某某, 文/某某. */
const BYLINE_ROLE = /记者|通讯员|作者|撰文|执笔|采写|文\s*[/／]/;

/** Shortest main content Readability may return, in characters: a short news item is a paragraph. */
const MIN_CONTENT_CHARS = 40;

/** Sentence and clause punctuation of Chinese prose. */
const PROSE_PUNCTUATION = /[。！？；，：、“”]/g;
/** A block this long with no sentence in it is a list of keywords (SEO stuffing), not text. */
const MIN_KEYWORD_BLOCK_CHARS = 2000;
/** Sentence ends per 1,000 characters below which a long block has no sentences. */
const MAX_KEYWORD_BLOCK_SENTENCES = 1;

/**
 * Removes blocks of keywords stuffed for search engines: thousands of characters of short words
 * between commas or spaces without a sentence end. Content scoring counts commas, so such a block
 * would outscore the article.
 */
function removeKeywordBlocks(document: Document, report: Report): void {
  for (const el of [...document.querySelectorAll('div, p, td, span, section, li, font')]) {
    // Its own text (a dump of keywords is one run of text), not what its children or scripts hold.
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent ?? '').join('');
    if (text.length < MIN_KEYWORD_BLOCK_CHARS) continue;
    const sentences = text.match(/[。！？!?]/g)?.length ?? 0;
    const tokens = text.split(/[\s,，、|;；]+/).filter(Boolean);
    const meanToken = tokens.length ? text.replace(/[\s,，、|;；]+/g, '').length / tokens.length : Infinity;
    if ((sentences * 1000) / text.length <= MAX_KEYWORD_BLOCK_SENTENCES && meanToken <= 8) {
      report('page/keyword-block', `${text.length} characters of keywords without a sentence left out`);
      el.remove();
    }
  }
}

/**
 * The element holding the most prose: paragraphs are credited to their container by the
 * punctuation they hold (sentences and clauses), as density-based extractors find a page's main
 * text, with no regard to class names. Its text is what a right extraction must contain.
 */
function densestProse(document: Document): string {
  const score = new Map<globalThis.Element, number>();
  for (const p of document.querySelectorAll('p, br, div')) {
    const container = p.tagName === 'DIV' ? p : p.parentElement;
    if (!container || p.closest('script, style, noscript, a')) continue;
    const own = p.tagName === 'BR' ? '' : [...p.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent ?? '').join('');
    const punctuation = own.match(PROSE_PUNCTUATION)?.length ?? 0;
    if (punctuation) score.set(container, (score.get(container) ?? 0) + punctuation);
  }
  let best: globalThis.Element | null = null;
  for (const [el, n] of score) if (!best || n > score.get(best)!) best = el;
  return best?.textContent ?? '';
}

/** Share of a text's 8-character pieces found in another: how much of the densest prose an extraction kept. */
function kept(of: string, within: string): number {
  const k = (t: string) => t.replace(/\s+/g, '');
  const a = k(of);
  const b = k(within);
  if (a.length < 16) return 1;
  let found = 0;
  let total = 0;
  for (let i = 0; i + 8 <= a.length; i += 8) {
    total++;
    if (b.includes(a.slice(i, i + 8))) found++;
  }
  return total ? found / total : 1;
}

/** The densest prose must mostly be in the extraction; less means a subtree was dropped for its class name. */
const MIN_KEPT_PROSE = 0.5;
/** Readability's flag that drops subtrees whose class or id sounds like chrome (header, comment, sidebar …). */
const FLAG_STRIP_UNLIKELYS = 0x1;

interface ReadabilityInternals {
  _flags: number;
}

/** Readability's main content, read again without its class-name filter when that dropped the page's main prose. */
function mainContent(html: string, document: Document, report: Report): { content: string; byline: string | null } | null {
  const prose = densestProse(document);
  const run = (doc: Document, strip: boolean) => {
    const reader = new Readability(doc, { charThreshold: MIN_CONTENT_CHARS, keepClasses: false });
    if (!strip) (reader as unknown as ReadabilityInternals)._flags &= ~FLAG_STRIP_UNLIKELYS;
    return reader.parse();
  };
  const usable = (a: ReturnType<typeof run>) => !!a?.content && (a.textContent ?? '').trim().length >= MIN_CONTENT_CHARS;
  const first = run(document, true);
  if (usable(first) && kept(prose, first!.textContent ?? '') >= MIN_KEPT_PROSE) return { content: first!.content!, byline: first!.byline ?? null };
  // Readability rewrote the first document: a fresh one for the second reading.
  const fresh = parseHTML(html).document;
  removeKeywordBlocks(fresh, () => {});
  const second = run(fresh, false);
  if (usable(second) && kept(prose, second!.textContent ?? '') > kept(prose, first?.textContent ?? '')) {
    report('page/class-filter-undone', 'the main prose sat under a class name that sounds like page chrome: read again without that filter');
    return { content: second!.content!, byline: second!.byline ?? null };
  }
  return usable(first) ? { content: first!.content!, byline: first!.byline ?? null } : null;
}

/** A saved page: its metadata and the blocks of its main article. */
export function parseHtml(html: string, report: Report = () => {}): { meta: FileMeta; page: PageMeta; blocks: Block[] } {
  const { document } = parseHTML(html);
  const page = readPageMeta(document);
  removeKeywordBlocks(document, report);
  let linked: { block: Block; linkShare: number }[] = [];
  try {
    const article = mainContent(html, document, report);
    if (article) linked = linkedBlocks(article.content);
    // Readability takes a byline it recognises out of the content (东湖网记者 郑某): its names are the
    // writers when it credits them as such; a bare name may be its reading of <meta name="author"> (the site, an editor).
    const credited = article?.byline ? BYLINE_ROLE.exec(article.byline) : null;
    const byline = credited ? personNames(article!.byline!.slice(credited.index + credited[0].length).replace(/^\s*[:：]\s*/, '')) : [];
    if (!page.authors.length && byline.length) [page.authors, page.authorsFrom] = [byline, 'byline'];
  } catch (err) {
    // A page Readability cannot read is walked whole below.
    report('page/readability-failed', `main content not found (${(err as Error).message.slice(0, 60)}): the whole page is read`);
  }
  if (!linked.length) {
    report('page/whole-page', 'no main content stood out: the whole page is read');
    linked = linkedBlocks(document.body?.innerHTML ?? '');
  }
  // A fragment linkedom did not place in a body (a page that starts with <body> and no <html>) is read as it came.
  if (!linked.length) linked = linkedBlocks(html);
  const trimmed = trimPageLines(linked, page, report);
  const blocks = trimmed.blocks;
  if (!page.authors.length && trimmed.authors.length) [page.authors, page.authorsFrom] = [trimmed.authors, 'credit-line'];
  const meta: FileMeta = {};
  if (page.title) meta.title = page.title;
  if (page.date) meta.date = page.date;
  if (page.source ?? page.siteName) meta.source = (page.source ?? page.siteName)!;
  if (page.authors.length) meta.authors = page.authors;
  meta.evidence = {
    ...(page.titleFrom ? { title: page.titleFrom } : {}),
    ...(page.dateFrom ? { date: page.dateFrom } : {}),
    ...(page.source ? { source: page.sourceFrom ?? 'page' } : page.siteName ? { source: 'site-name' } : {}),
    ...(page.authorsFrom ? { authors: page.authorsFrom } : {}),
  };
  return { meta, page, blocks };
}
