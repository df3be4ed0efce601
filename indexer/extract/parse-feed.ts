/**
 * RSS 2.0, Atom and RDF (RSS 1.0) feeds → one article per item, with its title, link, date and
 * author. Read in XML mode, so `<![CDATA[…]]>` is text (in HTML mode htmlparser2 takes it for a
 * comment and the item's text was lost); HTML inside an item, whether in CDATA or escaped as
 * `&lt;p&gt;`, is read as HTML. An item's full content (`content:encoded`, Atom `content`) is
 * preferred to its summary (`description`, `summary`): the same text is not indexed twice.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { dateOf } from './dates.js';
import { cleanSource, personNames } from './lines.js';
import { htmlToBlocks } from './parse-html.js';
import type { Block, FileMeta } from './types.js';

export interface FeedItem {
  meta: FileMeta;
  blocks: Block[];
  link: string | null;
}

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag';
}

const localName = (el: Element) => el.name.toLowerCase();

function children(el: Element | { children: ChildNode[] }, name?: string): Element[] {
  return el.children.filter(isElement).filter((c) => !name || localName(c) === name);
}

function all(nodes: ChildNode[], name: string): Element[] {
  const out: Element[] = [];
  const walk = (list: ChildNode[]) => {
    for (const n of list) {
      if (!isElement(n)) continue;
      if (localName(n) === name) out.push(n);
      else walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

/** An element's text: text and CDATA, entities decoded (what was escaped HTML is now HTML). */
function text(el: Element | undefined): string {
  if (!el) return '';
  let out = '';
  const walk = (list: ChildNode[]) => {
    for (const n of list) {
      if (n.type === 'text') out += n.data;
      else if (n.type === 'cdata') walk(n.children);
      else if (isElement(n)) walk(n.children);
    }
  };
  walk(el.children);
  return out.trim();
}

const first = (el: Element, names: string[]) => {
  for (const n of names) {
    const found = children(el, n)[0];
    if (found && text(found)) return found;
  }
  return undefined;
};

/** Tags left in a title (feeds escape markup in titles too). */
const stripTags = (s: string) => s.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();

function itemOf(el: Element, channelTitle: string, channelSource: string | null): FeedItem | null {
  const title = stripTags(text(first(el, ['title'])));
  const body = text(first(el, ['content:encoded', 'content', 'description', 'summary']));
  // An item with no text of its own (a feed of headlines) is its title: that is what a reader of the feed reads.
  const blocks = body ? htmlToBlocks(body) : title ? [{ kind: 'paragraph' as const, text: title, line: 0 }] : [];
  if (!blocks.length) return null;
  const linkEl = children(el, 'link')[0];
  const link = linkEl ? (linkEl.attribs.href ?? text(linkEl)) || null : null;
  const meta: FileMeta = { evidence: {} };
  if (title) [meta.title, meta.evidence!.title] = [title, 'feed:title'];
  const date = dateOf(text(first(el, ['pubdate', 'dc:date', 'published', 'updated', 'issued'])));
  if (date) [meta.date, meta.evidence!.date] = [date, 'feed:date'];
  const authorEl = first(el, ['dc:creator', 'author']);
  const author = authorEl ? text(first(authorEl, ['name']) ?? authorEl) : '';
  const people = personNames(author);
  if (people.length) [meta.authors, meta.evidence!.authors] = [people, 'feed:author'];
  if (channelSource) [meta.source, meta.evidence!.source] = [channelSource, 'feed:channel'];
  // The feed's name stands over each item as a column's name stands over its articles.
  if (channelTitle) meta.kicker = channelTitle;
  return { meta, blocks, link };
}

/** The items of a feed, in document order. */
export function parseFeed(xml: string): FeedItem[] {
  const doc = parseDocument(xml, { xmlMode: true, decodeEntities: true, recognizeCDATA: true });
  const channel = all(doc.children, 'channel')[0] ?? all(doc.children, 'feed')[0];
  const channelTitle = channel ? stripTags(text(children(channel, 'title')[0])) : '';
  const source = cleanSource(channelTitle);
  const entries = [...all(doc.children, 'item'), ...all(doc.children, 'entry')];
  return entries.map((e) => itemOf(e, channelTitle, source)).filter((i): i is FeedItem => i !== null);
}
