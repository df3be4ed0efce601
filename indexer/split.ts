/**
 * split: a page's blocks → article drafts.
 *
 * A newspaper page extracted from PDF mixes several articles, and its headlines may come
 * before their bodies or, as extraction order often has it, after them. Blocks are first
 * classified (body, dateline, byline, caption, jump note, headline, speaker line); headline
 * lines next to each other form clusters. The page's orientation (headlines before or after
 * bodies) is decided from evidence on the page; a cluster is a title unless it reads as a
 * subheading inside one article (short, and about the same thing as the text around it).
 * Web pages (HTML layout) are one article each.
 */
import { lineWidth } from './clean.js';
import {
  AUTHOR_LINE, BYLINE, DATELINE, IMAGE_NOTE_END, JUMP_NOTE, KICKER_LEAD, KICKER_SUB, OWN_REPORT, PHOTO_CREDIT_END,
} from './lexicon.js';
import type { Reporter } from './diagnostics.js';
import type { ArticleDraft, Block, Cleaned } from './types.js';

/** Widest line that can be a headline. */
const MAX_HEADLINE_WIDTH = 60;
/** A single short headline line can be a subheading inside an article… */
const MAX_SUBHEADING_WIDTH = 20;
/** …when the text before and after it share this much of their vocabulary (Han bigrams). */
const SUBHEADING_COHESION = 0.12;
/** Characters of body text compared on each side of a headline cluster. */
const COHESION_WINDOW = 300;
/** A tag line over a title (稳就业, 春耕时节) is at most this wide. */
const MAX_TAG_WIDTH = 6;
/** Longest title taken from the first sentence of an article without a headline. */
const FALLBACK_TITLE_CHARS = 30;
/** A caption with an image note is at most this wide: a paragraph that ends with 截图 is still text. */
const MAX_IMAGE_NOTE_WIDTH = 40;
/** A photo credit alone on its line is a caption's last line; the caption text before it is this short at most. */
const MAX_CAPTION_CHARS = 200;

export type UnitKind = 'body' | 'dateline' | 'byline' | 'caption' | 'jump' | 'heading' | 'author';

export interface Unit {
  kind: UnitKind;
  text: string;
  /** The text in its original script, when cleaning converted it. */
  original?: string;
}

export function isArticleStart(text: string): boolean {
  return DATELINE.test(text) || OWN_REPORT.test(text);
}

/** A line that can be a headline: short, no full stop inside, not ending like a sentence or clause. */
export function looksLikeHeadline(text: string): boolean {
  const w = lineWidth(text);
  if (w < 2 || w > MAX_HEADLINE_WIDTH) return false;
  if (KICKER_SUB.test(text) && w <= 30) return true;
  if (/[。；;]/.test(text)) return false;
  if (/[，,、：:（(“]$/.test(text)) return false;
  if (/[！？!?]$/.test(text) && w > 20) return false;
  return !isArticleStart(text);
}

/** Classifies each block; a photo credit alone on its line takes the caption text just before it along. */
export function classify(blocks: Block[]): Unit[] {
  const units: Unit[] = blocks.map((b): Unit => {
    const u = classifyOne(b);
    return b.original !== undefined ? { ...u, original: b.original } : u;
  });
  function classifyOne(b: Block): Unit {
    const text = b.text;
    if (b.kind === 'jump') return { kind: 'jump', text };
    if (b.kind === 'caption' || PHOTO_CREDIT_END.test(text) || (IMAGE_NOTE_END.test(text) && lineWidth(text) <= MAX_IMAGE_NOTE_WIDTH)) return { kind: 'caption', text };
    if (BYLINE.test(text)) return { kind: 'byline', text };
    if (AUTHOR_LINE.test(text)) return { kind: 'author', text };
    if (isArticleStart(text)) return { kind: 'dateline', text };
    if (b.kind === 'heading' || looksLikeHeadline(text)) return { kind: 'heading', text };
    return { kind: 'body', text };
  }
  units.forEach((u, i) => {
    const prev = units[i - 1];
    if (u.kind === 'caption' && PHOTO_CREDIT_END.test(u.text) && lineWidth(u.text) <= 16 && prev?.kind === 'body' && prev.text.length <= MAX_CAPTION_CHARS) prev.kind = 'caption';
  });
  return units;
}

function hanBigrams(text: string): Set<string> {
  const han = text.replace(/[^\u4e00-\u9fff]/g, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < han.length; i++) out.add(han.slice(i, i + 2));
  return out;
}

/** Share of the smaller side's Han bigrams found on the other side. */
export function cohesion(before: string, after: string): number {
  const a = hanBigrams(before.slice(-COHESION_WINDOW));
  const b = hanBigrams(after.slice(0, COHESION_WINDOW));
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / Math.min(a.size, b.size);
}

interface Cluster {
  lines: Unit[];
  start: number;
  end: number;
}

type Orientation = 'before' | 'after';

function clustersOf(units: Unit[]): Cluster[] {
  const clusters: Cluster[] = [];
  for (let i = 0; i < units.length; i++) {
    if (units[i]!.kind !== 'heading' && units[i]!.kind !== 'author') continue;
    const start = i;
    while (i + 1 < units.length && (units[i + 1]!.kind === 'heading' || units[i + 1]!.kind === 'author')) i++;
    clusters.push({ lines: units.slice(start, i + 1), start, end: i });
  }
  return clusters;
}

const isText = (u: Unit | undefined) => u !== undefined && (u.kind === 'body' || u.kind === 'dateline');

/** The unit next to a cluster, passing over captions. */
function neighbour(units: Unit[], from: number, step: 1 | -1): Unit | undefined {
  for (let i = from; i >= 0 && i < units.length; i += step) if (units[i]!.kind !== 'caption') return units[i];
  return undefined;
}

/**
 * Headlines before or after bodies, from the page's edges: a page that opens with running text
 * (the first article has no headline above it) or closes with a headline (nothing under it) puts
 * headlines after bodies. A page that opens with a headline and closes with text puts them
 * before; the opening headline counts less, as it may be a column label.
 */
export function orientation(units: Unit[]): Orientation {
  const first = neighbour(units, 0, 1);
  const lastIndex = units.length - 1;
  let last = neighbour(units, lastIndex, -1);
  if (last?.kind === 'byline') last = neighbour(units, lastIndex - 1, -1);
  const isHeading = (u: Unit | undefined) => u?.kind === 'heading' || u?.kind === 'author';
  const after = (isText(first) ? 3 : 0) + (isHeading(last) ? 3 : 0);
  const before = (isHeading(first) ? 2 : 0) + (isText(last) ? 2 : 0);
  return after > before ? 'after' : 'before';
}

function textAround(units: Unit[], c: Cluster, step: 1 | -1): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = step === 1 ? c.end + 1 : c.start - 1; i >= 0 && i < units.length && length < COHESION_WINDOW; i += step) {
    const u = units[i]!;
    if (u.kind === 'heading' || u.kind === 'jump') break;
    if (!isText(u)) continue;
    parts.push(u.text);
    length += u.text.length;
  }
  return (step === 1 ? parts : parts.reverse()).join('');
}

/** A cluster is a title unless it reads as a subheading: one short line between cohesive text, no start or end marks. */
export function isTitleCluster(units: Unit[], c: Cluster): boolean {
  const prev = neighbour(units, c.start - 1, -1);
  const next = neighbour(units, c.end + 1, 1);
  if (!prev || !next) return true;
  if (prev.kind === 'jump' || next.kind === 'dateline' || next.kind === 'byline' || next.kind === 'jump') return true;
  if (c.lines.length > 1 || c.lines.some((l) => l.kind === 'author' || KICKER_LEAD.test(l.text) || KICKER_SUB.test(l.text))) return true;
  if (lineWidth(c.lines[0]!.text) > MAX_SUBHEADING_WIDTH) return true;
  return cohesion(textAround(units, c, -1), textAround(units, c, 1)) < SUBHEADING_COHESION;
}

interface Segment {
  before?: Unit[];
  after?: Unit[];
  units: Unit[];
  bylines: string[];
  jump: { to?: number; from?: number };
  ended: boolean;
}

function newSegment(): Segment {
  return { units: [], bylines: [], jump: {}, ended: false };
}

function jumpOf(text: string): { dir: 'to' | 'from'; page: number } {
  const m = JUMP_NOTE.exec(text);
  return { dir: m?.[1]?.includes('接') ? 'from' : 'to', page: Number(m?.[2] ?? 0) };
}

function segment(units: Unit[], orient: Orientation): Segment[] {
  const clusters = clustersOf(units);
  const titleAt = new Map<number, Cluster>();
  for (const c of clusters) {
    if (isTitleCluster(units, c)) titleAt.set(c.start, c);
    else for (const l of c.lines) l.kind = 'body';
  }
  const segments: Segment[] = [];
  let cur: Segment | null = null;
  let pendingTitle: Unit[] | undefined;
  let pendingBylines: string[] = [];
  const close = () => {
    if (cur && cur.units.length) segments.push(cur);
    cur = null;
  };
  const open = (): Segment => {
    close();
    const s: Segment = newSegment();
    if (pendingTitle) s.before = pendingTitle;
    s.bylines.push(...pendingBylines);
    pendingTitle = undefined;
    pendingBylines = [];
    cur = s;
    return s;
  };

  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const cluster = titleAt.get(i);
    if (cluster) {
      i = cluster.end;
      const current = cur as Segment | null;
      if (orient === 'after' && current && current.units.length && !current.after) {
        current.after = cluster.lines;
        current.ended = true;
      } else {
        close();
        pendingTitle = cluster.lines;
      }
      continue;
    }
    switch (u.kind) {
      case 'caption':
        break;
      case 'byline': {
        const next = neighbour(units, i + 1, 1);
        const current = cur as Segment | null;
        if (isText(next) && (!current || current.ended || (orient === 'before' && !current.units.length))) pendingBylines.push(u.text);
        else if (current) current.bylines.push(u.text);
        else if (segments.length) segments[segments.length - 1]!.bylines.push(u.text);
        break;
      }
      case 'jump': {
        const { dir, page } = jumpOf(u.text);
        if (dir === 'from') {
          open().jump.from = page;
        } else if (cur) {
          (cur as Segment).jump.to = page;
          (cur as Segment).ended = true;
        }
        break;
      }
      case 'dateline': {
        const current = cur as Segment | null;
        // After-oriented pages print several datelines under one title (分别会见…); before-oriented ones start a new item.
        const starts = !current || current.ended || (orient === 'before' && current.units.length > 0 && !pendingTitle);
        (starts ? open() : current!).units.push(u);
        break;
      }
      default: {
        const current = cur as Segment | null;
        (current && !current.ended && !pendingTitle ? current : open()).units.push(u);
      }
    }
  }
  close();
  return segments;
}

/** A segment without its own headline takes the nearest line of a neighbouring cluster that holds more than one title. */
function rescueTitles(segments: Segment[], orient: Orientation): void {
  segments.forEach((s, i) => {
    const own = orient === 'after' ? s.after : s.before;
    if (own) return;
    const donor = orient === 'after' ? segments[i - 1]?.after : segments[i + 1]?.before;
    const titles = donor?.filter((l) => l.kind === 'heading' && !KICKER_LEAD.test(l.text) && !KICKER_SUB.test(l.text)) ?? [];
    if (!donor || titles.length < 2) return;
    const taken = orient === 'after' ? titles[titles.length - 1]! : titles[0]!;
    donor.splice(donor.indexOf(taken), 1);
    if (orient === 'after') s.before = [taken];
    else s.after = [taken];
  });
}

/** Stacked lines of one headline join without a space; lines of different widths are separate phrases. */
function joinTitleLines(lines: string[]): string {
  return lines.reduce((acc, line, i) => {
    if (i === 0) return line;
    const prev = lines[i - 1]!;
    return lineWidth(prev) >= lineWidth(line) - 2 ? `${acc}${line}` : `${acc} ${line}`;
  }, '');
}

/** Title and kicker from a cluster's lines: lead-ins and subtitles are the kicker, speaker lines are dropped. */
export function titleParts(lines: Unit[]): { title: string; kicker: string | null } | null {
  const texts = lines.filter((l) => l.kind === 'heading').map((l) => l.text);
  const isLead = (t: string, i: number) =>
    KICKER_LEAD.test(t) || (i === 0 && texts.length > 1 && lineWidth(t) <= MAX_TAG_WIDTH && lineWidth(texts[1]!) > lineWidth(t) + 2);
  const firstTitle = texts.findIndex((t, i) => !isLead(t, i) && !KICKER_SUB.test(t));
  if (firstTitle < 0) return texts.length ? { title: texts.join(''), kicker: null } : null;
  const lead = texts.slice(0, firstTitle);
  const rest = texts.slice(firstTitle);
  const subAt = rest.findIndex((t) => KICKER_SUB.test(t));
  const titleLines = subAt < 0 ? rest : rest.slice(0, subAt);
  const sub = subAt < 0 ? [] : rest.slice(subAt);
  const kicker = [...lead, ...sub].join('');
  return { title: joinTitleLines(titleLines), kicker: kicker || null };
}

function fallbackTitle(paragraphs: string[]): string {
  const first = (paragraphs.find((p) => !isArticleStart(p) || p.length > 40) ?? paragraphs[0] ?? '').replace(/^.*?日电\s*(?:[（(][^）)]*[）)])?/, '');
  const sentence = first.split(/[。！？!?]/)[0] ?? first;
  return sentence.length > FALLBACK_TITLE_CHARS ? `${sentence.slice(0, FALLBACK_TITLE_CHARS)}…` : sentence;
}

function bylineNames(bylines: string[]): { names: string[]; agencies: string[] } {
  const names: string[] = [];
  const agencies: string[] = [];
  for (const b of bylines) {
    const agency = /^([\u4e00-\u9fff]{2,8}?(?:社|网|台))(?:首席|特派|特约|见习)?(?:记者|通讯员)/.exec(b)?.[1];
    if (agency) agencies.push(agency);
    const list = BYLINE.exec(b)?.[1] ?? '';
    for (const n of list.split(/[\s、，,]+/)) {
      const name = n.replace(/^(?:通讯员|记者)/, '');
      if (/^[\u4e00-\u9fff·]{2,4}$/.test(name)) names.push(name);
    }
  }
  return { names, agencies };
}

function draftOf(s: Segment, orient: Orientation, ordinal: number, metaTitle: string | undefined, single: boolean): ArticleDraft {
  const paragraphs = s.units.map((u) => u.text);
  const originalParagraphs = s.units.some((u) => u.original !== undefined) ? s.units.map((u) => u.original ?? u.text) : null;
  const cluster = orient === 'after' ? (s.after ?? s.before) : (s.before ?? s.after);
  const parts = cluster ? titleParts(cluster) : null;
  const { names, agencies } = bylineNames(s.bylines);
  let title = parts?.title ?? null;
  let titleFrom: ArticleDraft['titleFrom'] = 'headline';
  if (single && metaTitle) [title, titleFrom] = [metaTitle, 'meta'];
  if (!title) [title, titleFrom] = [fallbackTitle(paragraphs), 'first-sentence'];
  return { title, kicker: parts?.kicker ?? null, paragraphs, originalParagraphs, bylineReporters: names, bylineAgencies: agencies, ordinal, jump: s.jump, titleFrom };
}

export function split(cleaned: Cleaned, reporter?: Reporter): ArticleDraft[] {
  const units = classify(cleaned.blocks);
  const captions = units.filter((u) => u.kind === 'caption').length;
  if (captions) reporter?.info('split/caption-dropped', `${captions} photo caption${captions === 1 ? '' : 's'} left out of the articles`);
  if (cleaned.layout === 'flow') {
    // A web page is one article: its title from metadata or its first heading.
    const heading = units.find((u) => u.kind === 'heading' && cleaned.blocks.find((b) => b.text === u.text)?.kind === 'heading');
    const body: Segment = newSegment();
    for (const u of units) {
      if (u.kind === 'byline') body.bylines.push(u.text);
      else if (u.kind !== 'caption' && u.kind !== 'jump' && u !== heading) body.units.push(u.kind === 'heading' || u.kind === 'author' ? { ...u, kind: 'body' } : u);
    }
    if (!body.units.length) return [];
    if (heading && !cleaned.meta.title) body.before = [heading];
    const draft = draftOf(body, 'before', 0, cleaned.meta.title, true);
    if (!draft.kicker && cleaned.meta.kicker) draft.kicker = cleaned.meta.kicker;
    return [draft];
  }
  const orient = orientation(units);
  reporter?.info('split/orientation', `headlines ${orient} their bodies`);
  const headings = units.filter((u) => u.kind === 'heading').length;
  const segments = segment(units, orient);
  const subheadings = headings - units.filter((u) => u.kind === 'heading').length;
  if (subheadings) reporter?.info('split/subheading', `${subheadings} headline line${subheadings === 1 ? '' : 's'} kept as subheadings inside an article`);
  rescueTitles(segments, orient);
  const drafts = segments.map((s, i) => draftOf(s, orient, i, cleaned.meta.title, segments.length === 1));
  const untitled = drafts.filter((d) => d.titleFrom === 'first-sentence').length;
  if (untitled) reporter?.warn('split/no-headline', `${untitled} article${untitled === 1 ? '' : 's'} without a headline: titled by the first sentence`);
  return drafts;
}

