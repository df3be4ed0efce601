/**
 * What a saved web page states about its article, each field with the evidence it came from:
 *   - the headline: the page's heading (or other element) whose text is the `<title>` without the
 *     site's name, agreeing with `og:title` or JSON-LD where they exist; never a navigation line;
 *   - the date, source and writers printed in the lines under the headline (lines.ts), then
 *     JSON-LD (NewsArticle and kin), then meta tags (`article:published_time`, `publishdate`, …),
 *     then the publication date a page's own script data carries, and the source its page config
 *     (an object literal, not a JSON list of other articles) names;
 *   - the site's name, from `og:site_name`, the `<title>` suffix or the copyright line at the foot
 *     of the page: a source of last resort.
 * Read from the whole document before the main content is extracted (which rewrites it).
 */
import { dateOf } from './dates.js';
import { cleanSource, isControlWord, isInfoLine, readInfoLine, isPersonName, personNames } from './lines.js';

export type Evidence = string;

export interface PageMeta {
  title: string | null;
  /** Where the title came from: `h1`, `element`, `og:title`, `json-ld`, `title` (the <title> without its suffix). */
  titleFrom: Evidence | null;
  date: string | null;
  dateFrom: Evidence | null;
  source: string | null;
  sourceFrom: Evidence | null;
  authors: string[];
  authorsFrom: Evidence | null;
  /** The site's own name (<title> suffix, og:site_name): a source when nothing names the publication. */
  siteName: string | null;
  /** The info lines read under the headline (to be left out of the body), as printed. */
  infoLines: string[];
}

const space = (s: string | null | undefined) => (s ?? '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
/** Text compared without spaces and with straight quotes, as sites print the same headline differently. */
const key = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, '').replace(/[“”"「」]/g, '"').replace(/[‘’'『』]/g, "'").toLowerCase();

/** Separators between a headline and the site's name in a <title>: _ | - – — ｜ and runs of them. */
const TITLE_SEPARATOR = /\s*(?:[_|｜–—－]+|\s-+\s|-{2,}|(?<=[^\d\s])-(?=[^\d\s]))\s*/g;
/** A trailing part of a <title> this long or shorter can be a site's or channel's name. */
const MAX_SUFFIX_CHARS = 16;
/** A headline is at least this long (in characters, spaces removed). */
const MIN_HEADLINE_CHARS = 4;
const MAX_HEADLINE_CHARS = 120;

/**
 * A <title> without the site's and channel's names after the headline: `标题_某某新闻`,
 * `标题-股票频道-和讯网`, `标题__2007年第23号国务院公报_中国政府网`. A hyphen between digits stays
 * (`1-10月…`); what is left must still read as a headline.
 */
export function stripTitleSuffix(title: string): { head: string; suffixes: string[] } {
  let head = space(title);
  const suffixes: string[] = [];
  for (;;) {
    const parts = [...head.matchAll(TITLE_SEPARATOR)];
    const last = parts[parts.length - 1];
    if (!last) break;
    const before = head.slice(0, last.index).trim();
    const after = head.slice(last.index + last[0].length).trim();
    if (key(before).length < MIN_HEADLINE_CHARS + 2 || after.length > MAX_SUFFIX_CHARS || /[。！？，]/.test(after)) break;
    if (after) suffixes.unshift(after);
    head = before;
  }
  return { head, suffixes };
}

interface JsonLdArticle {
  headline?: string;
  datePublished?: string;
  author?: string[];
  publisher?: string;
}

const ARTICLE_TYPES = /^(?:NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|WebPage|Report)$/;

function names(value: unknown, people: boolean): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const v of list) {
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const type = String(o['@type'] ?? '');
      if (people && type && type !== 'Person') continue;
      if (typeof o.name === 'string') out.push(o.name);
    }
  }
  return out.map(space).filter(Boolean);
}

/** The first article a page's JSON-LD describes. */
function jsonLd(document: Document): JsonLdArticle | null {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    while (queue.length) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...item);
      else if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        if (Array.isArray(o['@graph'])) queue.push(...(o['@graph'] as unknown[]));
        const types = ([] as unknown[]).concat(o['@type'] ?? []).map(String);
        if (types.some((t) => ARTICLE_TYPES.test(t)) && (o.headline || o.datePublished)) {
          return {
            ...(typeof o.headline === 'string' ? { headline: space(o.headline) } : {}),
            ...(typeof o.datePublished === 'string' ? { datePublished: o.datePublished } : {}),
            author: names(o.author, true),
            ...(names(o.publisher, false)[0] ? { publisher: names(o.publisher, false)[0]! } : {}),
          };
        }
      }
    }
  }
  return null;
}

/** Meta tags by lower-cased name, property or itemprop; the first value of each. */
function metaTags(document: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const m of document.querySelectorAll('meta')) {
    const name = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? '').trim().toLowerCase();
    const content = space(m.getAttribute('content'));
    if (name && content && !tags.has(name)) tags.set(name, content);
  }
  return tags;
}

/** Meta tags that carry a page's publication date, most specific first. */
const DATE_TAGS = [
  'article:published_time', 'datepublished', 'og:release_date', 'publishdate', 'pubdate', 'publish_date', 'publishtime', 'publish-date',
  'weibo: article:create_at', 'weibo:article:create_at', 'firstpublishedtime', 'dc.date.issued', 'dc.date', 'date', 'sailthru.date', 'parsely-pub-date', 'ptime',
];
/** Meta tags that name the publication (not the site, not a person). */
const SOURCE_TAGS = ['source', 'contentsource', 'article:source', 'og:article:source', 'mediaid', 'media'];
/** Meta tags that name the site. */
const SITE_TAGS = ['og:site_name', 'sitename', 'application-name', 'twitter:site'];
/** Meta tags that may carry the headline. */
const TITLE_TAGS = ['og:title', 'twitter:title', 'articletitle', 'headline', 'title'];

/** Keys of script data that carry a publication time (`"publishDate":"2019-09-07T00:31:40Z"`). */
const SCRIPT_DATE = /["']?(?:publishDate|datePublished|pubDate|publish_time|publishTime|pubtime|ptime|createTime|create_time|ctime)["']?\s*[:=]\s*["']([^"']{8,40})["']/;

function scriptDate(document: Document): string | null {
  for (const script of document.querySelectorAll('script')) {
    const m = SCRIPT_DATE.exec(script.textContent ?? '');
    const date = m ? dateOf(m[1]) : null;
    if (date) return date;
  }
  return null;
}

/**
 * Keys of a page config that carry the article's source (`source: '某某日报'`, `mediaName: "某某网"`):
 * a content system's page config names the publication as it names the publication time. Only an
 * object literal's unquoted key: quoted keys are JSON, most often a list of other articles (related
 * stories, a feed), each with its own source.
 */
const SCRIPT_SOURCE = /(?<!["'\w.])(?:source|sourceName|source_name|mediaName|media_name)\s*:\s*["']([^"'<>]{2,30})["']/g;

/** The first source a page's script data names in Chinese: never a URL, a code or a person. */
function scriptSource(document: Document): string | null {
  for (const script of document.querySelectorAll('script')) {
    for (const m of (script.textContent ?? '').matchAll(SCRIPT_SOURCE)) {
      if (!/[\u4e00-\u9fff]/.test(m[1]!)) continue;
      const s = cleanSource(m[1]!);
      if (s && !isPersonName(s)) return s;
    }
  }
  return null;
}

/** Tags whose text a headline may be: headings first, then any element of a few words. */
const HEADING = new Set(['H1', 'H2', 'H3']);
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE', 'HEAD', 'OPTION', 'BUTTON', 'SELECT', 'TEXTAREA']);
/** Links are navigation: a headline is never one, though a source under it may be. */
const SKIPPED = new Set([...NOT_TEXT, 'A']);

/**
 * An element's text as a reader sees it (no script or style), or null when it is longer than
 * `limit` characters or holds more than a few blocks: a headline is one short element.
 */
function visibleText(element: Element, limit: number): string | null {
  let out = '';
  let blocks = 0;
  const walk = (node: Node): boolean => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        out += c.textContent ?? '';
        if (out.length > limit) return false;
      } else if (c.nodeType === 1 && !NOT_TEXT.has((c as Element).tagName)) {
        if (/^(?:P|DIV|LI|TD|TR|TABLE|UL|OL|SECTION|ARTICLE)$/.test((c as Element).tagName) && ++blocks > 3) return false;
        if (!walk(c)) return false;
      }
    }
    return true;
  };
  return walk(element) ? space(out) : null;
}

/**
 * The element printing the headline: the heading (else the smallest element) whose text the
 * <title> or og:title begins with or holds, the longest such. A logo (`某某`) is part of the title
 * too, so the longest wins; a link (navigation) never does.
 */
function findHeadline(document: Document, claims: string[]): { element: Element; text: string; heading: boolean } | null {
  const wanted = claims.map(key).filter((k) => k.length >= MIN_HEADLINE_CHARS);
  if (!wanted.length || !document.body) return null;
  let best: { element: Element; text: string; heading: boolean; score: number } | null = null;
  const walker = document.createTreeWalker(document.body, 1 /* NodeFilter.SHOW_ELEMENT */);
  for (let node = walker.nextNode() as Element | null; node; node = walker.nextNode() as Element | null) {
    const heading = HEADING.has(node.tagName);
    // Links are navigation, except a heading that links to its own article.
    if (NOT_TEXT.has(node.tagName) || node.closest('nav') || (!heading && (node.tagName === 'A' || node.closest('a')))) continue;
    const text = visibleText(node, MAX_HEADLINE_CHARS * 2);
    if (text === null) continue;
    const k = key(text);
    if (k.length < MIN_HEADLINE_CHARS || k.length > MAX_HEADLINE_CHARS) continue;
    // How much of a claimed headline the text is: the claim itself, the start of one, or one
    // with more around it (a label before it, og:title cut at a quote); the claim's own length counts.
    let matched = 0;
    for (const w of wanted) {
      if (w === k) matched = Math.max(matched, 2 * k.length);
      else if (w.startsWith(k)) matched = Math.max(matched, k.length);
      else if (w.length >= 8 && k.includes(w)) matched = Math.max(matched, w.length);
    }
    if (!matched || (node.closest('a') && matched < 2 * k.length)) continue;
    const score = matched + (heading ? 1000 : 0);
    // The smallest element with that text: a parent with the same text does not replace its child.
    if (!best || score > best.score || (score === best.score && best.element.contains(node))) best = { element: node, text, heading, score };
  }
  return best && { element: best.element, text: best.text, heading: best.heading };
}

/** The page's one <h1> outside links and navigation, when it reads as a headline (not a logo). */
function loneHeading(document: Document): { element: Element; text: string } | null {
  const h1s = [...document.querySelectorAll('h1')].filter((h) => !h.closest('a, nav'));
  const texts = h1s.map((h) => ({ element: h, text: visibleText(h, MAX_HEADLINE_CHARS * 2) ?? '' })).filter((h) => key(h.text).length >= 6 && key(h.text).length <= MAX_HEADLINE_CHARS);
  return texts.length === 1 ? texts[0]! : null;
}

/** Lines read after the headline for its info line; the article's text starts within them. */
const INFO_LOOKAHEAD_LINES = 40;
/** Longest line read as an info line. */
const MAX_INFO_LINE = 90;

/** The text nodes that follow an element in reading order (its own text left out), up to `limit` of them. */
function textAfter(element: Element, limit: number): Text[] {
  const out: Text[] = [];
  let started = false;
  const visit = (node: Node): boolean => {
    if (node === element) {
      started = true;
      return true;
    }
    if (node.nodeType === 3) {
      if (started && (node.textContent ?? '').trim()) out.push(node as Text);
      return out.length < limit;
    }
    if (node.nodeType !== 1 || NOT_TEXT.has((node as Element).tagName)) return true;
    for (let c = node.firstChild; c; c = c.nextSibling) if (!visit(c)) return false;
    return true;
  };
  visit(element.ownerDocument.body);
  return out;
}

/** The lines printed after an element in reading order: the text of the blocks that follow it. */
export function linesAfter(element: Element, limit: number): string[] {
  const lines: string[] = [];
  let current = '';
  let parent: Element | null = null;
  for (const node of textAfter(element, limit * 6)) {
    const p = node.parentElement;
    if (!p) continue;
    const text = space(node.textContent);
    // A new block starts a new line; inline pieces of one block join.
    const block = p.closest('p, div, li, h1, h2, h3, h4, h5, h6, td, span, section, article, header');
    if (block !== parent && current) {
      lines.push(current);
      if (lines.length >= limit) return lines;
      current = '';
    }
    parent = block;
    current = current ? `${current} ${text}` : text;
  }
  if (current && lines.length < limit) lines.push(current);
  return lines;
}

/** A line of a word or two between info lines: a page control (举报, 分享到) or a name printed without a label. */
const MAX_TOKEN_LINE = 16;
/** A line that is only a name: Han characters, Latin letters and digits, a dot or dash inside. Example: 南方都市报, GameForce. */
const NAME_LINE = /^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9·\-—]{1,15}$/;
/** A date printed with a label (发布日期：…) may stand after the article rather than under its headline. */
const DATE_LABEL = /(?:发布|发表|更新)(?:日期|时间|于)|^\s*(?:日期|时间)\s*[:：]/;

/**
 * Reads the info cluster under a headline: the info lines (isInfoLine) and the short lines among
 * them, until the article's text starts. A publication printed without a label is a short line
 * beside the date (`2019-05-17` / `·` / `某某城市报道`, `原创` / `南方都市报` / `2019-09-09 16:01:46`).
 */
function readInfoLines(meta: PageMeta, lines: string[], headline: string): void {
  const cluster: { line: string; info: boolean }[] = [];
  let ended = -1;
  // A label printed apart from its value (发布日期: / 2012-06-24) is read with it.
  lines = lines.reduce<string[]>((out, line) => {
    const last = out[out.length - 1];
    if (last !== undefined && /[:：]$/.test(last) && last.length <= MAX_TOKEN_LINE) out[out.length - 1] = `${last} ${line}`;
    else out.push(line);
    return out;
  }, []);
  for (const [i, line] of lines.entries()) {
    if (key(line) === key(headline)) continue;
    const info = isInfoLine(line);
    if (!info && (line.length > MAX_TOKEN_LINE || /[。，；！？]/.test(line))) {
      ended = i;
      break;
    }
    cluster.push({ line, info });
  }
  let dateAt = -1;
  for (const [i, { line, info }] of cluster.entries()) {
    if (!info) continue;
    meta.infoLines.push(line);
    const facts = readInfoLine(line);
    if (!meta.date && facts.dates[0]) [meta.date, meta.dateFrom, dateAt] = [facts.dates[0].date, 'line', i];
    // A labelled source (来源：…) wins over a name printed beside the date.
    if (facts.source && (!meta.source || (facts.sourceLabelled && meta.sourceFrom === 'line'))) [meta.source, meta.sourceFrom] = [facts.source, facts.sourceLabelled ? 'line:label' : 'line'];
    if (facts.authors.length && !meta.authors.length) [meta.authors, meta.authorsFrom] = [facts.authors, 'line'];
  }
  if (!meta.source && dateAt >= 0) {
    // The nearest short line beside the date that names something (not a control, a number or a person).
    const near = cluster
      .map((c, i) => ({ ...c, distance: Math.abs(i - dateAt) }))
      .filter((c) => !c.info && c.distance <= 2)
      .sort((a, b) => a.distance - b.distance);
    const named = (line: string) => NAME_LINE.test(line) && !isControlWord(line);
    for (const c of near) {
      const i = cluster.indexOf(cluster.find((x) => x.line === c.line)!);
      // A run of names beside the date is a list of writers, not the publication.
      const run = (named(cluster[i - 1]?.line ?? '') ? 1 : 0) + (named(cluster[i + 1]?.line ?? '') ? 1 : 0);
      const source = named(c.line) && run === 0 ? cleanSource(c.line) : null;
      if (source) {
        [meta.source, meta.sourceFrom] = [source, 'line'];
        meta.infoLines.push(c.line);
        break;
      }
    }
  }
  if (!meta.date && ended >= 0) {
    for (const line of lines.slice(ended)) {
      if (!DATE_LABEL.test(line) || line.length > MAX_INFO_LINE) continue;
      const d = readInfoLine(line).dates[0];
      if (d) {
        [meta.date, meta.dateFrom] = [d.date, 'line:label'];
        break;
      }
    }
  }
}

/**
 * Who a page's copyright line names, in Chinese: `© 2019 某某头条 www.example.com`,
 * `Copyright © 1997-2024 某某网`, `某某日报社 版权所有`, `版权所有：某某网`. The site's name where no tag and
 * no title names it. Read from the foot of the page up (the last such line wins), never from scripts.
 */
const COPYRIGHT_NAMED = [
  new RegExp(`(?:©|Copyright|\\(c\\))\\s*(?:©\\s*)?(?:(?:19|20)\\d{2}(?:\\s*[-–—~至]\\s*(?:(?:19|20)\\d{2}|present|今))?\\s*年?\\s*)?([\u4e00-\u9fff]{2,12})`, 'i'),
  /版权所有\s*[:：]\s*([\u4e00-\u9fff]{2,12})/,
  /([\u4e00-\u9fff]{2,12}?)\s*版权所有/,
];
/** Text nodes read from the foot of a page for its copyright line. */
const COPYRIGHT_TAIL_NODES = 200;

export function copyrightHolder(document: Document): string | null {
  // The page's last text nodes, last first: read from the foot up, never the whole page.
  const texts: string[] = [];
  const visit = (node: Node): boolean => {
    if (node.nodeType === 3) {
      const t = space(node.textContent);
      if (t) texts.push(t);
      return texts.length < COPYRIGHT_TAIL_NODES;
    }
    if (node.nodeType !== 1 || NOT_TEXT.has((node as Element).tagName)) return true;
    for (let c = node.lastChild; c; c = c.previousSibling) if (!visit(c)) return false;
    return true;
  };
  if (document.body) visit(document.body);
  for (let i = 0; i < texts.length; i++) {
    if (!/©|copyright|\(c\)|版权所有/i.test(texts[i]!)) continue;
    // A line split over elements (© 2019 | 某某网) is read with the node after it.
    const line = i > 0 ? `${texts[i]} ${texts[i - 1]}` : texts[i]!;
    for (const pattern of COPYRIGHT_NAMED) {
      const name = pattern.exec(line)?.[1];
      const clean = name ? cleanSource(name) : null;
      if (clean && !/^(?:版权所有|保留所有权利|本网站|本网|本站)/.test(clean)) return clean;
    }
  }
  return null;
}

export function readPageMeta(document: Document): PageMeta {
  const tags = metaTags(document);
  const ld = jsonLd(document);
  const titleTag = space(document.querySelector('title')?.textContent);
  const stripped = stripTitleSuffix(titleTag);
  const tagTitle = TITLE_TAGS.map((t) => tags.get(t)).find((v) => v && key(v).length >= MIN_HEADLINE_CHARS);
  const claimed = [ld?.headline, tagTitle && stripTitleSuffix(tagTitle).head, stripped.head].filter((v): v is string => !!v);
  const headline = findHeadline(document, claimed);

  /** The element the headline is printed in, when one is known: the info lines follow it. */
  let anchor: Element | null = null;
  const meta: PageMeta = { title: null, titleFrom: null, date: null, dateFrom: null, source: null, sourceFrom: null, authors: [], authorsFrom: null, siteName: null, infoLines: [] };
  if (headline) {
    // The element's text, unless it holds a claimed headline with a label before it (原创…).
    const k = key(headline.text);
    const inner = claimed.some((c) => key(c) === k)
      ? undefined
      : claimed.filter((c) => key(c).length >= 8 && k.includes(key(c))).sort((a, b) => key(b).length - key(a).length)[0];
    [meta.title, meta.titleFrom] = inner ? [inner, 'title'] : [headline.text, headline.heading ? headline.element.tagName.toLowerCase() : 'element'];
  } else if (ld?.headline) [meta.title, meta.titleFrom] = [ld.headline, 'json-ld'];
  else if (tagTitle) [meta.title, meta.titleFrom] = [stripTitleSuffix(tagTitle).head, 'og:title'];
  else {
    // A <title> that names only the site: the page's one main heading is its headline.
    const heading = loneHeading(document);
    if (heading) [meta.title, meta.titleFrom, anchor] = [heading.text, 'h1', heading.element];
    else if (stripped.head) [meta.title, meta.titleFrom] = [stripped.head, 'title'];
  }

  // The lines under the headline: its date, source and writers as printed.
  if (headline) anchor = headline.element;
  if (anchor) readInfoLines(meta, linesAfter(anchor, INFO_LOOKAHEAD_LINES), meta.title ?? '');

  if (!meta.date && ld?.datePublished) {
    const d = dateOf(ld.datePublished);
    if (d) [meta.date, meta.dateFrom] = [d, 'json-ld'];
  }
  if (!meta.date) {
    for (const t of DATE_TAGS) {
      const d = dateOf(tags.get(t));
      if (d) {
        [meta.date, meta.dateFrom] = [d, `meta:${t}`];
        break;
      }
    }
  }
  if (!meta.date) {
    const time = document.querySelector('time[datetime], [itemprop="datePublished"]');
    const d = dateOf(time?.getAttribute('datetime') ?? time?.getAttribute('content') ?? time?.textContent);
    if (d) [meta.date, meta.dateFrom] = [d, 'time'];
  }
  if (!meta.date) {
    const d = scriptDate(document);
    if (d) [meta.date, meta.dateFrom] = [d, 'script'];
  }

  if (!meta.source && ld?.publisher) {
    const s = cleanSource(ld.publisher);
    if (s) [meta.source, meta.sourceFrom] = [s, 'json-ld'];
  }
  if (!meta.source) {
    for (const t of SOURCE_TAGS) {
      const s = cleanSource(tags.get(t) ?? '');
      if (s && !isPersonName(s)) {
        [meta.source, meta.sourceFrom] = [s, `meta:${t}`];
        break;
      }
    }
  }
  if (!meta.source) {
    const s = scriptSource(document);
    if (s) [meta.source, meta.sourceFrom] = [s, 'script'];
  }
  if (!meta.authors.length && ld?.author?.length) {
    const people = ld.author.flatMap(personNames);
    if (people.length) [meta.authors, meta.authorsFrom] = [people, 'json-ld'];
  }
  const suffix = stripped.suffixes[stripped.suffixes.length - 1];
  meta.siteName = cleanSource(SITE_TAGS.map((t) => tags.get(t)).find(Boolean) ?? suffix ?? '') ?? copyrightHolder(document);
  return meta;
}

