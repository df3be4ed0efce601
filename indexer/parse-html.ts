/**
 * HTML → text blocks with a real parser (htmlparser2). Keeps what a reader reads:
 * paragraphs, headings and captions; drops scripts, images, navigation, share bars
 * and related-article lists.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { Block, BlockKind, FileMeta } from './types.js';

/** Elements whose content is never article text. */
const SKIPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'img', 'picture',
  'video', 'audio', 'source', 'nav', 'form', 'button', 'select', 'textarea', 'input', 'aside', 'footer', 'header', 'head',
]);
/** Elements that start a new block of text. */
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'blockquote', 'li', 'ul', 'ol', 'table', 'tr', 'td', 'th', 'dd', 'dt', 'dl',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'pre', 'address', 'center', 'body', 'html',
]);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** class/id words of site chrome: menus, share bars, related lists, comments, ads, breadcrumbs. */
const CHROME_HINT = /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|share|sharing|social|related|recommend|comments?|sidebar|footer|header|advert|ads?|banner|toolbar|copyright|pagination|tags?)(?:$|[\s_-])/i;

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function isChrome(el: Element): boolean {
  const hint = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''} ${el.attribs.role ?? ''}`;
  return CHROME_HINT.test(hint) || el.attribs.role === 'navigation' || el.attribs['aria-hidden'] === 'true';
}

function findFirst(nodes: ChildNode[], name: string): Element | null {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (node.name === name) return node;
    const found = findFirst(node.children, name);
    if (found) return found;
  }
  return null;
}

function textOf(nodes: ChildNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.data;
    else if (isElement(node) && !SKIPPED_TAGS.has(node.name)) out += textOf(node.children);
  }
  return out;
}

/** Metadata a saved page states in <title> and <meta>. */
function readMeta(nodes: ChildNode[]): FileMeta {
  const meta: FileMeta = {};
  const head = findFirst(nodes, 'head');
  if (!head) return meta;
  const title = findFirst(head.children, 'title');
  if (title) meta.title = textOf(title.children).trim() || undefined;
  const walk = (list: ChildNode[]) => {
    for (const node of list) {
      if (!isElement(node)) continue;
      if (node.name === 'meta') {
        const key = (node.attribs.property ?? node.attribs.name ?? '').toLowerCase();
        const content = node.attribs.content?.trim();
        if (!content) continue;
        if (key === 'og:title' || key === 'title') meta.title = content;
        else if (key === 'article:published_time' || key === 'pubdate' || key === 'publishdate' || key === 'date') meta.date = content;
        else if (key === 'author' || key === 'article:author' || (key === 'og:site_name' && !meta.author)) meta.author = content;
      }
      walk(node.children);
    }
  };
  walk(head.children);
  return meta;
}

export function parseHtml(html: string): { meta: FileMeta; blocks: Block[] } {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const meta = readMeta(doc.children);
  const root = findFirst(doc.children, 'article') ?? findFirst(doc.children, 'main') ?? findFirst(doc.children, 'body') ?? doc;
  const blocks: Block[] = [];
  let buffer = '';
  let kind: BlockKind = 'paragraph';

  const flush = () => {
    const text = buffer.replace(/[ \t\f\v\u00a0]+/g, ' ').replace(/ *\n */g, '\n').trim();
    if (text) blocks.push({ kind, text, line: 0 });
    buffer = '';
    kind = 'paragraph';
  };
  const visit = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        buffer += node.data.replace(/\s*\n\s*/g, ' ');
        continue;
      }
      if (!isElement(node) || SKIPPED_TAGS.has(node.name) || isChrome(node)) continue;
      if (node.name === 'br') {
        buffer += '\n';
        continue;
      }
      if (!BLOCK_TAGS.has(node.name)) {
        visit(node.children);
        continue;
      }
      flush();
      visit(node.children);
      if (HEADING_TAGS.has(node.name)) kind = 'heading';
      else if (node.name === 'figcaption') kind = 'caption';
      flush();
    }
  };
  visit(root === doc ? doc.children : root.children);
  flush();
  return { meta, blocks };
}
