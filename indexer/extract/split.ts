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
import { hanBigrams, hanOnly, hanRuns, lineWidth, sharedCount } from '../../src/text/chars.js';
import {
  AUTHOR_LINE, BYLINE, DATELINE, IMAGE_NOTE_END, isArticleStart, JUMP_NOTE, KICKER_LEAD, KICKER_SUB, OUTLET_REPORT, OWN_REPORT, PARAGRAPH_END,
  PHOTO_CREDIT_END,
} from './lexicon.js';
import { MAX_SEAMS, runsOnFrom } from './clean.js';
import { wordAcross } from '../../src/text/segment.js';
import type { Reporter } from './diagnostics.js';
import { findDates } from './dates.js';
import { cleanSource, isInfoLine, readInfoLine } from './lines.js';
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
/** A tag over a title, told from the title's first line by its words, is at most this wide (乡村振兴进行时). */
const MAX_TAG_WIDTH_READ = 7;
/**
 * A tag shares less than this share of its character pairs with the article it stands over
 * (isTagByWords). A headline's first line shares more: the text tells its words again, even a
 * part continued from another page, which tells the story's later part (a third of them, not half).
 */
const TAG_AFFINITY = 0.3;
/** A headline box tells its story: this share of its character pairs stands in the text under it. */
const BOX_AFFINITY = 0.5;
/** Longest title taken from the first sentence of an article without a headline. */
const FALLBACK_TITLE_CHARS = 30;
/** A headline of several clauses is at most this wide. */
const MAX_CLAUSED_HEADLINE_WIDTH = 32;
/** A headline holds this many clause marks at most (城东老街改造完工，百年老宅焕新，游客纷至). */
const MAX_HEADLINE_CLAUSE_MARKS = 2;
/** A headline that reads like a sentence (an exclamation with a comma) is at most this wide. */
const MAX_EXCLAIMED_WIDTH = 32;
/** A number alone on its line, as a narrow box breaks it off (60, or spaced out: 6 0). */
const LONE_NUMBER = /^\d(?: ?\d){0,3}$/;
/** A measure word or unit that follows a number (万, 亿, 个, 级, 年, %…): a line opening with one goes on from a number. */
const MEASURE_START = /^[万亿千百个位名人家岁年月天次级倍元条项号成%％]/;
/** A headline given with a label, as content systems export articles. Example: 标题：乡村振兴跑出加速度. Group: the headline. */
const TITLE_LABEL = /^(?:标题|文章标题|新闻标题|题目)\s*[:：]\s*(\S.{1,60})$/;

/** A headline line that can stand alone as one article's title is at least this wide. */
const MIN_SEPARATE_TITLE_WIDTH = 6;
/** A line of running text is this wide at least (a six-column page's narrow column sets about ten characters a line). */
const MIN_TEXT_LINE_WIDTH = 10;
/** The first line of a headline broken after a comma is at most this wide. */
const MAX_BROKEN_HEADLINE_WIDTH = 24;
/** Characters on each side of a headline box's break read for a word running across it… */
const SEAM_CHARS = 4;
/** …and how many of that word's characters at most stand after the break. */
const MAX_SEAM_REST = 2;
/** A line that ends, or opens with three, Han characters. */
const HAN_END = /[\u4e00-\u9fff]$/;
const HAN_START = /^[\u4e00-\u9fff]{3}/;
const HAN_FIRST = /^[\u4e00-\u9fff]/;

/** A wire digest's item header: 【source】 date-time, then the headline on the same line or the next. Groups: source, date, rest. */
const WIRE_HEADER = /^【([^】\s]{2,20})】\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)\s*(.*)$/;

/** The header, its facts and the headline that follows it on the line. */
export function wireHeader(text: string): { header: string; facts: StatedFacts; title: string | null } | null {
  const m = WIRE_HEADER.exec(text.trim());
  if (!m) return null;
  const date = findDates(m[2]!)[0]?.date;
  const source = cleanSource(m[1]!);
  if (!date && !source) return null;
  const rest = m[3]!.trim();
  return { header: text.slice(0, text.length - rest.length).trim(), facts: { ...(source ? { source } : {}), ...(date ? { date } : {}) }, title: rest && looksLikeHeadline(rest) ? rest : null };
}

/** What an info line states: a labelled source, a full date, writers. */
function statedFacts(text: string): StatedFacts {
  const facts = readInfoLine(text);
  return {
    ...(facts.sourceLabelled && facts.source ? { source: facts.source } : {}),
    ...(facts.dates[0] ? { date: facts.dates[0].date } : {}),
    ...(facts.authors.length ? { authors: facts.authors } : {}),
  };
}

/** A caption with an image note is at most this wide: a paragraph that ends with 截图 is still text. */
const MAX_IMAGE_NOTE_WIDTH = 40;
/** A photo credit alone on its line is a caption's last line; the caption text before it is this short at most. */
const MAX_CAPTION_CHARS = 200;

export type UnitKind = 'body' | 'dateline' | 'byline' | 'caption' | 'jump' | 'heading' | 'author' | 'info';

/** What an info line states about its article: `来源：某某日报`, `【新华社】2024-06-01 10:21:00`, `2024-06-01 10:21`. */
export interface StatedFacts {
  source?: string;
  date?: string;
  authors?: string[];
}

export interface Unit {
  kind: UnitKind;
  text: string;
  /** An info line's facts. */
  facts?: StatedFacts;
  /** Where the block stands: its line (12:1) or element path. */
  place?: string;
  /** The 1-based line the block starts on, when the file's lines are its own. */
  line?: number;
  /** The rule that classified it, when one beyond the plain shapes did: reported with its place. */
  rule?: string;
  /** The text in its original script, when cleaning converted it. */
  original?: string;
  /** The width a one-line block took as set, where cleaning collapsed its letter-spacing (Block.setWidths). */
  width?: number;
  /** The line it ends on, when it spans several (a block of lines joined, Block.lastLine; a number a box broke off, put back before its line). */
  lastLine?: number;
  /**
   * Right after an end: page furniture dropped between text (Block.afterFurniture), a story's
   * closing byline or its jump note to a later page (markEnds). The extractor read on from there
   * into the rest of some column: another story's text may go on there.
   */
  afterEnd?: boolean;
  /** The closing byline printed right after this paragraph ((记者 张某)): it goes where the paragraph goes (markEnds). */
  closedBy?: string;
  /** Block.seams: where lines were joined across a blank line. */
  seams?: number[];
}

/** Two units on consecutive lines of the file, no blank line between. */
const onNextLine = (a: Unit | undefined, b: Unit | undefined) => a?.line !== undefined && b?.line === (a.lastLine ?? a.line) + 1;
/** Units each on the line after the one before. */
const stacked = (units: Unit[]) => units.every((u, k) => k === 0 || onNextLine(units[k - 1], u));

/** A unit's seams (Block.seams) once `cut` characters are taken off its text's start and `added` put before it: those still inside the new text. */
function movedSeams(u: Unit, cut: number, added: number, length: number): number[] | undefined {
  const seams = u.seams?.map((at) => at - cut + added).filter((at) => at > added && at < length);
  return seams?.length ? seams : undefined;
}
/** Spaces a text opens with: taken off when it is trimmed. */
const leadingSpaces = (text: string) => text.length - text.trimStart().length;

/** A line that can be a headline: short, no full stop inside, not ending like a sentence or clause. */
export function looksLikeHeadline(text: string): boolean {
  const w = lineWidth(text);
  if (w < 2 || w > MAX_HEADLINE_WIDTH) return false;
  // A subtitle (——记者走访多地一线) ends no sentence: a dash opening one that does is the text's.
  if (KICKER_SUB.test(text) && w <= 30 && !/。[”’」』）)]*$/.test(text)) return true;
  if (/[。；;]/.test(text)) return false;
  if (/[，,、：:（(“]$/.test(text)) return false;
  // A long question or exclamation is a sentence, unless it reads as a headline does: no comma inside.
  if (/[！？!?]$/.test(text) && w > 20 && /[，,]/.test(text)) return false;
  // A long line of several clauses is text: a headline is terse (城东发生了一起事件，位置在老城区，画面曝光
  // is as long as one gets).
  if (w > MAX_CLAUSED_HEADLINE_WIDTH && (text.match(/[，,、；;]/g) ?? []).length >= 2) return false;
  // However short, a line of more clause marks than a headline holds, a comma among them, is text
  // broken off at a column's foot (…，…，不少市民、游); a list alone (北京、上海、广州…) may head a story.
  if ((text.match(/[，,、；;]/g) ?? []).length > MAX_HEADLINE_CLAUSE_MARKS && /[，,；;]/.test(text)) return false;
  // A line trailing off in an ellipsis after clause marks is a sentence (…打太极、跳广场舞、跑步……).
  if (/…$/.test(text) && /[，,、]/.test(text)) return false;
  return !isArticleStart(text);
}

/**
 * How many characters of the next line a word (jieba's) runs on into across a line's break (习以 / 为常
 * → 2), both sides Han; 0 when the break falls between words.
 */
function restAcross(line: string, next: string, start = HAN_START): number {
  const [a, b] = [line.trim(), next.trim()];
  return HAN_END.test(a) && start.test(b) ? wordAcross(a, b, SEAM_CHARS) : 0;
}

/** Classifies each block; a photo credit alone on its line takes the caption text just before it along. */
export function classify(blocks: Block[], layout: Cleaned['layout'] = 'lines'): Unit[] {
  // The units whose first line was set in as a paragraph's is (Block.indented).
  const setIn = new Set<Unit>();
  const units: Unit[] = blocks.flatMap((b): Unit[] => {
    // A wire digest's item header, its headline on the same line: 【新华社】2024-06-01 10:21:00 标题
    const wire = layout === 'lines' && b.kind !== 'jump' ? wireHeader(b.text) : null;
    const place = b.line ? `${b.line}:1` : b.place;
    if (wire) return [{ kind: 'info', text: wire.header, facts: wire.facts, place, rule: 'split/wire-header' }, ...(wire.title ? [{ kind: 'heading' as const, text: wire.title, place }] : [])];
    const u: Unit = { ...classifyOne(b), place, ...(b.line ? { line: b.line } : {}), ...(b.lastLine ? { lastLine: b.lastLine } : {}), ...(b.setWidths?.length === 1 ? { width: b.setWidths[0]! } : {}), ...(b.afterFurniture ? { afterEnd: true } : {}), ...(b.seams?.length ? { seams: b.seams } : {}) };
    const unit = b.original !== undefined ? { ...u, original: b.original } : u;
    if (b.indented) setIn.add(unit);
    return [unit];
  });
  function classifyOne(b: Block): Unit {
    const text = b.text;
    if (b.kind === 'jump') return { kind: 'jump', text };
    // The lines printed with an article on a text page: its source, date or writers (来源：…, 2024-06-01 10:21).
    if (layout === 'lines' && !KICKER_SUB.test(text) && isInfoLine(text)) return { kind: 'info', text, facts: statedFacts(text), rule: 'split/info-line' };
    if (b.kind === 'caption' || PHOTO_CREDIT_END.test(text) || (IMAGE_NOTE_END.test(text) && lineWidth(text) <= MAX_IMAGE_NOTE_WIDTH)) return { kind: 'caption', text };
    if (BYLINE.test(text)) return { kind: 'byline', text };
    if (AUTHOR_LINE.test(text)) return { kind: 'author', text };
    if (isArticleStart(text)) return { kind: 'dateline', text };
    // A CMS export labels its fields: 标题：…
    const labelled = TITLE_LABEL.exec(text);
    if (labelled) return { kind: 'heading', text: labelled[1]!.trim(), rule: 'split/labelled-headline' };
    // The text a jump note from an earlier page opens (（上接第1版）城东老街…) is the story's text,
    // however it reads: the repeated headline stands over the note, never after it.
    // Nor is a paragraph set in as its first line is (Block.indented): a headline is never.
    if (b.kind === 'heading' || (looksLikeHeadline(text) && !b.runsOn && !b.indented && !b.wraps)) return { kind: 'heading', text };
    return { kind: 'body', text };
  }
  // A number a headline box's break set alone over its measure word (80 / 万"城市卡"用户…, 3 /
  // 级干部…): the number opens the headline's first line.
  const numbers = new Set<Unit>();
  units.forEach((u, i) => {
    const next = units[i + 1];
    if (u.kind === 'body' && LONE_NUMBER.test(u.text) && next?.kind === 'heading' && u.line !== undefined && next.line === u.line + 1 && MEASURE_START.test(next.text)) {
      const number = u.text.replace(/\s/g, '');
      units[i + 1] = { ...next, text: number + next.text, line: u.line, lastLine: next.line, seams: movedSeams(next, 0, number.length, number.length + next.text.length) };
      numbers.add(u);
    }
  });
  if (numbers.size) units.splice(0, units.length, ...units.filter((u) => !numbers.has(u)));
  // A photo credit alone on its line (新华社记者 某某 摄) closes the caption before it; one that
  // carries its own description (图为会议现场。通讯员 某某 摄) is a whole caption, and the paragraph
  // before it is the text's.
  units.forEach((u, i) => {
    const prev = units[i - 1];
    if (u.kind === 'caption' && PHOTO_CREDIT_END.test(u.text) && lineWidth(u.text) <= 16 && prev?.kind === 'body' && prev.text.length <= MAX_CAPTION_CHARS && !/[。！？!?]/.test(u.text)) prev.kind = 'caption';
  });
  // A tag (一线观察, 简讯) is never a title on its own: the line under it is the headline it tags,
  // even one a long question or exclamation with a comma would otherwise leave to the text.
  units.forEach((u, i) => {
    const prev = units[i - 1];
    if (u.kind === 'body' && prev?.kind === 'heading' && lineWidth(prev.text) <= MAX_TAG_WIDTH && (i < 2 || units[i - 2]!.kind !== 'heading') && !/[。；;]/.test(u.text.slice(0, -1)) && lineWidth(u.text) <= MAX_HEADLINE_WIDTH && isText(units[i + 1])) {
      u.kind = 'heading';
      u.rule = 'split/tagged-headline';
    }
  });
  // A brief's headline that reads like a sentence (a long exclamation with a comma: 6月1日至15日，
  // 沿江高速…封闭施工！), with one comma at most (a question of several clauses, …排查完毕，却没找到
  // 任何线索，这是怎么回事呢？, is text): alone between a paragraph's end, a jump note or a byline and
  // the opening of the next article (its subtitle, ——多部门联合发布新举措, may stand between), or
  // right under a lead-in (首批试点全部落地！), which heads no text of its own, over the story's text,
  // its byline (记者 王某 over the text: the byline under the headline) or the next story's headline
  // (a side box's story read after the stories beside it). So is one over a paragraph set in as a
  // paragraph's first line is, itself not set in, where the layout kept the indent (a column of
  // pdftotext -layout): whatever text follows, a brief's two or three paragraphs and its byline,
  // the line is no paragraph of it.
  units.forEach((u, i) => {
    const prev = units[i - 1];
    const shaped = u.kind === 'body' && /[！？!?]$/.test(u.text) && !/[。；;]/.test(u.text) && (u.text.match(/[，,]/g) ?? []).length <= 1 && lineWidth(u.text) <= MAX_EXCLAIMED_WIDTH;
    const after = units[i + 1]?.kind === 'heading' && KICKER_SUB.test(units[i + 1]!.text) ? units[i + 2] : units[i + 1];
    // A brief's text may be one paragraph with no dateline, the next headline (or its byline) right
    // after it, or nothing when an exclamation's brief ends the page (a question closing a story's
    // text is its last sentence but one: 那么，…延续下去呢？).
    const afterAfter = units[after === units[i + 1] ? i + 2 : i + 3];
    const briefText = after?.kind === 'body' && (afterAfter?.kind === 'heading' || afterAfter?.kind === 'byline' || (afterAfter === undefined && /[！!]$/.test(u.text)));
    // A subtitle under it tells a headline even after a paragraph broken off (its rest read elsewhere).
    const subtitled = after !== units[i + 1] && isText(after);
    // So is one over a byline of its own (记者 王某, not a closing one in brackets) over the text.
    const opensUnder = after?.kind === 'byline' && !/^[（(]/.test(after.text.trim()) && isText(units[units.indexOf(after) + 1]);
    const alone = (after?.kind === 'dateline' || briefText || opensUnder) && (subtitled || !prev || prev.kind === 'jump' || prev.kind === 'byline' || (prev.kind !== 'heading' && PARAGRAPH_END.test(prev.text)));
    const underLead = prev?.kind === 'heading' && KICKER_LEAD.test(prev.text) && (isText(units[i + 1]) || units[i + 1]?.kind === 'byline' || units[i + 1]?.kind === 'heading');
    const overSetIn = isText(units[i + 1]) && setIn.has(units[i + 1]!) && !setIn.has(u) && (!prev || prev.kind === 'jump' || prev.kind === 'byline' || (prev.kind !== 'heading' && PARAGRAPH_END.test(prev.text)));
    if (shaped && (alone || underLead || overSetIn)) {
      u.kind = 'heading';
      u.rule = 'split/exclaimed-headline';
    }
  });
  // A line of text with its clause marks whose last word runs on into the paragraph under it
  // (…市民纷纷前来参 / 观展览…。) is that paragraph's first line, however it was set apart: a
  // headline ends at a word's end. (Not a headline box's short line over its rest, 城东老街改 / 造.)
  const runOn = new Set<Unit>();
  units.forEach((u, i) => {
    const next = units[i + 1];
    if (u.kind !== 'heading' || u.rule || next?.kind !== 'body' || !/[，、；,;]/.test(u.text) || lineWidth(u.text) < MIN_TEXT_LINE_WIDTH || !/[。！？!?]/.test(next.text)) return;
    if (restAcross(u.text, next.text, HAN_FIRST) === 0) return;
    const [first, text] = [u.text.trim(), u.text.trim() + next.text.trim()];
    units[i + 1] = { ...next, text, seams: movedSeams(next, leadingSpaces(next.text), first.length, text.length), ...(u.line !== undefined ? { line: u.line } : {}), ...(u.original !== undefined && next.original !== undefined ? { original: u.original.trim() + next.original.trim() } : {}) };
    runOn.add(u);
  });
  if (runOn.size) units.splice(0, units.length, ...units.filter((u) => !runOn.has(u)));
  // The line right over a jump note from an earlier page ((上接第1版)) is the story's headline printed
  // again, however it reads (a long exclamation with its comma): the note opens the text, the
  // headline stands over it. Not a line ending a sentence with a full stop, nor one a paragraph
  // before it runs on into.
  units.forEach((u, i) => {
    const [prev, next] = [units[i - 1], units[i + 1]];
    if (u.kind === 'body' && next?.kind === 'jump' && jumpOf(next.text).dir === 'from' && !/[。；;]/.test(u.text) && lineWidth(u.text) <= MAX_HEADLINE_WIDTH && (!prev || prev.kind !== 'body' || PARAGRAPH_END.test(prev.text))) {
      u.kind = 'heading';
      u.rule = 'split/headline-over-jump';
    }
  });
  // A headline wrapped so that one character is left for its last line (中华人民共和国监察 / 法).
  units.forEach((u, i) => {
    if (u.kind === 'body' && lineWidth(u.text) < 2 && units[i - 1]?.kind === 'heading') u.kind = 'heading';
  });
  // A headline broken after a comma or a colon (铁路客运量创历史新高， / 五一假期发送旅客1.2亿人次): a short
  // line ending so that no sentence runs into, over a headline line, is the headline's first line.
  units.forEach((u, i) => {
    const prev = units[i - 1];
    if (u.kind === 'body' && /[，、：:]$/.test(u.text) && lineWidth(u.text) <= MAX_BROKEN_HEADLINE_WIDTH && units[i + 1]?.kind === 'heading' && (!prev || prev.kind !== 'body' || PARAGRAPH_END.test(prev.text))) {
      u.kind = 'heading';
      u.rule = 'split/broken-headline';
    }
  });
  // A headline box's last line as wide as the line above it (the box full to its measure) goes on
  // on the next line of the file when a word runs across the break (城西菜市场改造 / 提升工程正式启 /
  // 动记者从城西区…): pdf.js sets the box's last characters, on the baseline of the
  // text's first line beside them, at that line's start. The word is jieba's, across the two lines
  // joined; not over a dateline, whose place name a headline's last character may seem to open.
  units.forEach((u, i) => {
    const [above, next] = [units[i - 1], units[i + 1]];
    if (u.kind !== 'heading' || above?.kind !== 'heading' || next?.kind !== 'body' || u.line === undefined || above.line !== u.line - 1 || next.line !== u.line + 1) return;
    const [h, b] = [u.text.trim(), next.text.trim()];
    if (Math.abs(lineWidth(h) - lineWidth(above.text.trim())) > 0.5) return;
    const rest = restAcross(h, b);
    if (rest === 0 || rest > MAX_SEAM_REST) return;
    u.text = h + b.slice(0, rest);
    next.seams = movedSeams(next, leadingSpaces(next.text) + rest, 0, b.length - rest);
    next.text = b.slice(rest);
    if (u.original !== undefined && next.original !== undefined) [u.original, next.original] = [u.original.trim() + next.original.trim().slice(0, rest), next.original.trim().slice(rest)];
    u.rule = 'split/box-word-rest';
  });
  return units;
}

/** Share of the smaller side's Han bigrams found on the other side. */
export function cohesion(before: string, after: string): number {
  const a = hanBigrams(before.slice(-COHESION_WINDOW));
  const b = hanBigrams(after.slice(0, COHESION_WINDOW));
  if (a.size === 0 || b.size === 0) return 0;
  return sharedCount(a, b) / Math.min(a.size, b.size);
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

/** The unit next to a cluster, passing over captions and info lines. */
function neighbour(units: Unit[], from: number, step: 1 | -1): Unit | undefined {
  for (let i = from; i >= 0 && i < units.length; i += step) if (units[i]!.kind !== 'caption' && units[i]!.kind !== 'info') return units[i];
  return undefined;
}

/** Headlines before or after their bodies on this page: by what the headlines say, else by the page's edges. */
export function orientation(units: Unit[]): Orientation {
  return orientationByContent(units) ?? orientationByEdges(units);
}

/** Share of a title's Han bigrams that a text holds. */
function titleAffinity(title: string, text: string): number {
  const t = hanBigrams(title);
  if (t.size === 0) return 0;
  // A title's few pairs looked for in the text's Han characters: a set of all the text's pairs
  // (thousands of two-character strings a story) is not built for them.
  const han = hanOnly(text);
  let shared = 0;
  for (const pair of t) if (han.includes(pair)) shared++;
  return shared / t.size;
}

/**
 * A tag's words are not its story's: it shares less than half its character pairs with the text
 * under it, or one pair of several at most (稳就业 over a story of 就业: a name with the topic's word in it).
 * At half and more (全市推进新 over a story of 全市 and 推进) the line is the headline's first.
 */
function isTagByWords(line: string, text: string): boolean {
  const pairs = hanBigrams(line);
  if (pairs.size === 0) return true;
  const shared = sharedCount(pairs, hanBigrams(text));
  return shared / pairs.size < TAG_AFFINITY || (shared <= 1 && pairs.size >= 2);
}

/** The text on one side of a cluster, up to the next headline. */
function sideText(units: Unit[], c: Cluster, step: 1 | -1): string {
  const parts: string[] = [];
  for (let i = step === 1 ? c.end + 1 : c.start - 1; i >= 0 && i < units.length; i += step) {
    const u = units[i]!;
    if (u.kind === 'heading' || u.kind === 'author') break;
    if (isText(u)) parts.push(u.text);
  }
  return parts.join('');
}

/** An affinity this much higher on one side of a headline than on the other is a vote for that side. */
const AFFINITY_MARGIN = 0.15;

/**
 * Headlines before or after bodies, by what they say: a headline names what its own article is
 * about, so it shares more of its words with the text on its article's side. Each headline with
 * text on both sides votes; a clear majority decides, or a single vote with none against (a page
 * of two or three stories, one of them with text on both sides); else the page's edges do
 * (orientationByEdges), which a stray line at the top or an advertisement at the foot mislead.
 */
function orientationByContent(units: Unit[]): Orientation | null {
  let before = 0;
  let after = 0;
  for (const c of clustersOf(units)) {
    const title = c.lines.filter((l) => l.kind === 'heading').map((l) => l.text).join('');
    if (lineWidth(title) <= MAX_TAG_WIDTH) continue;
    const next = sideText(units, c, 1);
    const prev = sideText(units, c, -1);
    if (!next || !prev) continue;
    const a = titleAffinity(title, next);
    const b = titleAffinity(title, prev);
    if (a > b + AFFINITY_MARGIN) before++;
    else if (b > a + AFFINITY_MARGIN) after++;
  }
  if (before >= 2 && before >= 2 * after) return 'before';
  if (after >= 2 && after >= 2 * before) return 'after';
  // One headline's evidence, with none against, decides before the page's edges do.
  if (before === 1 && after === 0) return 'before';
  if (after === 1 && before === 0) return 'after';
  return null;
}

/**
 * Headlines before or after bodies, from the page's edges: a page that opens with running text
 * (the first article has no headline above it) or closes with a headline (nothing under it) puts
 * headlines after bodies. A page that opens with a headline and closes with text puts them
 * before; the opening headline counts less, as it may be a column label.
 */
function orientationByEdges(units: Unit[]): Orientation {
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
  facts: StatedFacts;
  jump: { to?: number; from?: number };
  ended: boolean;
}

function newSegment(): Segment {
  return { units: [], bylines: [], facts: {}, jump: {}, ended: false };
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
  let pendingFacts: StatedFacts = {};
  /** Facts join what a segment already states; the first of each kind wins. */
  const addFacts = (to: StatedFacts, facts: StatedFacts) => {
    if (facts.source && !to.source) to.source = facts.source;
    if (facts.date && !to.date) to.date = facts.date;
    if (facts.authors?.length) to.authors = [...new Set([...(to.authors ?? []), ...facts.authors])];
  };
  const close = () => {
    if (cur && cur.units.length) segments.push(cur);
    cur = null;
  };
  const open = (): Segment => {
    close();
    const s: Segment = newSegment();
    if (pendingTitle) s.before = pendingTitle;
    s.bylines.push(...pendingBylines);
    addFacts(s.facts, pendingFacts);
    pendingTitle = undefined;
    pendingBylines = [];
    pendingFacts = {};
    cur = s;
    return s;
  };

  /** The broken-off story that text under a waiting headline goes on with (see the default case). */
  let resumed: Segment | null = null;
  let resumedBy: 'mark' | 'word' | null = null;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const cluster = titleAt.get(i);
    if (u.kind !== 'body' && u.kind !== 'caption' && u.kind !== 'info') resumed = null;
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
      case 'info': {
        // Over a headline or an article's start, under a title, or before any text: the coming article's; after text: the current one's.
        const current = cur as Segment | null;
        const next = neighbour(units, i + 1, 1);
        const opens = next?.kind === 'heading' || next?.kind === 'author' || next?.kind === 'dateline';
        if (current && current.units.length && (!current.ended || orient === 'after') && !pendingTitle && !opens) addFacts(current.facts, u.facts ?? {});
        else addFacts(pendingFacts, u.facts ?? {});
        break;
      }
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
        // Text under a headline that goes on from where the story before broke off mid-sentence (a
        // word's tail, 秤，休息座椅…; a range's other end, 8℃，… after 下降5～; a Latin word's rest; a
        // word jieba reads across the break) goes on with that story: pdftotext read another
        // story's headline between the lines of a column. So does the text after it, up to the
        // next story's start (a dateline, a byline, a headline), which the headline waits for.
        const last = segments.at(-1);
        if (!current && pendingTitle && u.kind === 'body' && orient === 'before') {
          const tail = last && breaksOff(last) ? last.units.at(-1)!.text : null;
          const by: 'mark' | 'word' | null = resumed ? resumedBy : tail === null ? null : runsOnFrom(tail, u.text) ? 'mark' : restAcross(tail, u.text, HAN_FIRST) > 0 ? 'word' : null;
          if (by) {
            resumed ??= last!;
            resumedBy = by;
            resumed.units.push(u);
            // A word across the break (各大公 / 司和商户…) is weaker evidence than a mark: the story
            // takes the paragraph that ends its broken sentence, not the text after it.
            if (by === 'word' && PARAGRAPH_END.test(u.text)) resumed = null;
            break;
          }
        }
        (current && !current.ended && !pendingTitle ? current : open()).units.push(u);
      }
    }
  }
  close();
  return segments;
}

/**
 * Headlines of several articles printed together before their bodies (a two-column page read
 * across): a cluster of n headlines over n articles, the others without a headline of their own,
 * gives each article its headline in order, rather than one title glued from all of them. A
 * headline is a line, or the lines of one block of the file (a headline wrapped over two lines,
 * with no blank line between, beside another that a blank line sets apart).
 */
function distributeTitles(segments: Segment[], distributed: Unit[][] = []): void {
  segments.forEach((s, i) => {
    const lines = headlineLines(s.before);
    // Column labels over them (记者调查, 简讯) are the first article's, not headlines of their own;
    // a narrow box's lines, as short, stand one under another (城东老街改 / 造完工焕发 / …).
    const labels = lines.findIndex((l, k) => !isLabel(l.text) || (onNextLine(l, lines[k + 1]) && isLabel(lines[k + 1]!.text)));
    const titles = labels < 0 ? [] : lines.slice(labels);
    if (titles.length < 2) return;
    // Each article after the first must start as articles do (a dateline or a byline): the first is
    // the cluster's own, whatever it opens with; the text after them that opens no article (the
    // rest of one after a jump note) is no article of their own. There must be exactly one per headline.
    const opensArticle = (x: Segment) => x.units[0]?.kind === 'dateline' || x.bylines.length > 0;
    const following: Segment[] = [];
    for (let k = i + 1; k < segments.length && !segments[k]!.before && following.length < titles.length && opensArticle(segments[k]!); k++) following.push(segments[k]!);
    const byLine = titles.map((t) => [t]);
    const groups = following.length === titles.length - 1 ? byLine : following.length > 0 && following.length + 1 < titles.length ? blockGroups(titles) : [];
    // A label alone between two headlines (新春走基层) is the next one's, no headline of its own.
    for (let k = groups.length - 2; k >= 1; k--) if (groups[k]!.length === 1 && isLabel(groups[k]![0]!.text)) groups.splice(k, 2, [...groups[k]!, ...groups[k + 1]!]);
    if (groups.length !== following.length + 1 || groups.some((g) => lineWidth(g.map((t) => t.text).join('')) < MIN_SEPARATE_TITLE_WIDTH)) return;
    fitByWords(groups, [s, ...following]);
    if (strayHeadline(groups, [s, ...following])) return;
    const first = new Set(groups[0]);
    const own = groups.map((g, k) => (k === 0 ? g : withLeadIn(s.before!, g)));
    // Labels stacked over headlines stacked, as many of each (新春走基层 / 一线观察 / 城东老街… /
    // 全市新建绿道…): each headline under its label, in order, not every label over the first.
    const leading = labels > 0 ? lines.slice(0, labels) : [];
    if (leading.length >= 2 && leading.length === groups.length && !stacked(leading)) own.forEach((g, k) => k > 0 && g.unshift(leading[k]!));
    const moved = new Set(own.slice(1).flat());
    s.before = s.before!.filter((l) => (first.has(l) || !titles.includes(l)) && !moved.has(l));
    following.forEach((f, k) => (f.before = own[k + 1]!));
    distributed.push(titles);
  });
}

/** Lines' text run together: a headline's lines, a group of them. */
const linesText = (lines: Unit[]) => lines.map((u) => u.text).join('');

/** A story's text: its paragraphs run together (captions and bylines left out). */
function storyText(s: Segment): string {
  return s.units.filter(isText).map((u) => u.text).join('');
}

/** A headline that shares less than this share of its character pairs with an article's text is no headline of it… */
const STRAY_AFFINITY = 0.2;

/**
 * …when the story under the cluster tells that headline's story (OWN_STORY_AFFINITY of its pairs at
 * least): two headlines printed together over both stories' text, the second story opening with no
 * dateline, and a later story with a dateline and its own headline printed elsewhere. The headlines
 * are then not one to each article after the cluster (the stacked-headline cut gives the second its
 * run of text).
 */
function strayHeadline(groups: Unit[][], articles: Segment[]): boolean {
  const texts = articles.map(storyText);
  return groups.some((g, k) => {
    const title = g.map((t) => t.text).join('');
    return k > 0 && titleAffinity(title, texts[k]!) < STRAY_AFFINITY && titleAffinity(title, texts[0]!) >= OWN_STORY_AFFINITY;
  });
}

/**
 * A subtitle alone (——城东老街改造回访), with no headline over it, printed inside a story's text:
 * pdftotext reads it where the layout set it, beside or under the story's first paragraph, and
 * the text after it is the story's rest. A segment opened by such a subtitle, its text opening with
 * no dateline or byline, goes back to the story before when its text tells that story's headline
 * (OWN_STORY_AFFINITY of its character pairs); the subtitle joins that story's headline lines as its
 * kicker. Text that does not (a story whose headline stands elsewhere on the page) keeps its own.
 */
function foldSubtitled(segments: Segment[]): number {
  let folded = 0;
  for (let k = segments.length - 1; k >= 1; k--) {
    const [s, prev] = [segments[k]!, segments[k - 1]!];
    const heads = s.before?.filter((l) => l.kind === 'heading') ?? [];
    if (!heads.length || !heads.every((l) => KICKER_SUB.test(l.text)) || s.units[0]?.kind !== 'body' || s.bylines.length || s.jump.from) continue;
    const titles = prev.before?.filter((l) => l.kind === 'heading' && !KICKER_SUB.test(l.text) && !KICKER_LEAD.test(l.text)) ?? [];
    if (!titles.length || prev.jump.to) continue;
    const text = storyText(s);
    if (titleAffinity(titles.map((t) => t.text).join(''), text) < OWN_STORY_AFFINITY) continue;
    prev.before = [...prev.before!, ...s.before!];
    prev.units.push(...s.units);
    segments.splice(k, 1);
    folded++;
  }
  return folded;
}

/** A headline's words against an article's: how much the order of two headlines is worth changing for. */
const SWAP_AFFINITY_MARGIN = 0.5;

/**
 * Headlines printed together given to the articles under them in the order their words fit: an
 * extractor that reads a page's blocks out of order (pdftotext) can print two stories' headlines
 * in the order opposite to their texts'. Two headlines change places when together they share
 * clearly more of the words of each other's article (their shares of character pairs found there,
 * summed, SWAP_AFFINITY_MARGIN more) than of their own.
 */
function fitByWords(groups: Unit[][], articles: Segment[]): void {
  const titles = groups.map((g) => g.map((t) => t.text).join(''));
  const texts = articles.map((a) => a.units.map((u) => u.text).join(''));
  const fit = (g: number, a: number) => titleAffinity(titles[g]!, texts[a]!);
  const order = groups.map((_, k) => k);
  for (let changed = true; changed; ) {
    changed = false;
    for (let a = 0; a < order.length; a++)
      for (let b = a + 1; b < order.length; b++) {
        const [ga, gb] = [order[a]!, order[b]!];
        if (fit(gb, a) + fit(ga, b) > fit(ga, a) + fit(gb, b) + SWAP_AFFINITY_MARGIN) {
          [order[a], order[b]] = [gb, ga];
          changed = true;
        }
      }
  }
  const fitted = order.map((k) => groups[k]!);
  groups.splice(0, groups.length, ...fitted);
}

/** A column label: a name of a few characters, no mark in it (简讯, 记者调查). */
function isLabel(text: string): boolean {
  return lineWidth(text) <= MAX_TAG_WIDTH && !/[，。！？：；、,!?:;“”"]/.test(text);
}

/** Title lines grouped by the block of the file they stand in: lines on consecutive lines are one headline. */
function blockGroups(titles: Unit[]): Unit[][] {
  if (titles.some((t) => t.line === undefined)) return [];
  const groups: Unit[][] = [];
  titles.forEach((t, k) => {
    if (k > 0 && onNextLine(titles[k - 1], t)) groups[groups.length - 1]!.push(t);
    else groups.push([t]);
  });
  return groups;
}

/**
 * Two title lines next to each other that can be two headlines: each long enough to stand alone
 * (城市更新条例实施细 / 则 is one headline and its last character), not as wide as each other
 * (the lines of a narrow box are: 城东快递小哥连升 / 3级，单位授予特 / …), and not joined by a
 * quote or bracket the first leaves open and the second closes (城东老街“非遗文化 / 市集”今天开张).
 */
export function separateHeadlines(a: string, b: string): boolean {
  const [wa, wb] = [lineWidth(a), lineWidth(b)];
  if (quoteJoined(a, b)) return false;
  return wa >= MIN_SEPARATE_TITLE_WIDTH && wb >= MIN_SEPARATE_TITLE_WIDTH && Math.abs(wa - wb) > 0.5;
}

/** Two lines of one headline by its marks: the first leaves a quote or bracket open that the second closes (城东老街“非遗文化 / 市集”今天开张). */
function quoteJoined(a: string, b: string): boolean {
  const open = leftOpen(a);
  return open !== null && closedUnopened(b) === open;
}

const OPENS: Record<string, string> = { '”': '“', '）': '（', '」': '「', '》': '《' };
/** The quote or bracket a text leaves open at its end (“ of 城东老街“非遗文化), or null. */
function leftOpen(text: string): string | null {
  const open: string[] = [];
  for (const c of text) {
    if (c === '“' || c === '（' || c === '「' || c === '《') open.push(c);
    else if (OPENS[c] && open.at(-1) === OPENS[c]) open.pop();
  }
  return open.at(-1) ?? null;
}
/** The quote or bracket a text closes before it opens one (” of 市集”今天开张): it goes on with a text that left it open. Null otherwise. */
function closedUnopened(text: string): string | null {
  const open: string[] = [];
  for (const c of text) {
    if (c === '“' || c === '（' || c === '「' || c === '《') open.push(c);
    else if (OPENS[c]) {
      if (!open.length) return OPENS[c]!;
      open.pop();
    }
  }
  return null;
}

/**
 * A story without a headline of its own takes one from its neighbours: the last block of the
 * cluster over the story before (takeLastHeadline), or the nearest line of the next cluster (the
 * cluster before, on a page of headlines after bodies) when that cluster holds two headlines…
 */
function rescueTitles(segments: Segment[], orient: Orientation): void {
  segments.forEach((s, i) => {
    const own = orient === 'after' ? s.after : s.before;
    if (own) return;
    const donor = orient === 'after' ? segments[i - 1]?.after : segments[i + 1]?.before;
    const titles = headlineLines(donor);
    if ((!donor || titles.length < 2) && orient === 'before' && i > 0 && takeLastHeadline(segments[i - 1]!, s)) return;
    // …or that of a cluster further up (stories read between), when the story opens with a dateline
    // and holds the headline's words as a story holds its own (OWN_STORY_AFFINITY).
    if ((!donor || titles.length < 2) && orient === 'before' && s.units[0]?.kind === 'dateline') {
      for (let j = i - 2; j >= Math.max(0, i - 1 - MAX_STORIES_BETWEEN); j--) if (takeLastHeadline(segments[j]!, s, OWN_STORY_AFFINITY)) return;
    }
    if (!donor || titles.length < 2) return;
    const taken = orient === 'after' ? titles[titles.length - 1]! : titles[0]!;
    const beside = orient === 'after' ? titles[titles.length - 2]! : titles[1]!;
    if (!separateHeadlines(taken.text, beside.text)) return;
    // …unless the line tells the donor's story clearly more than this one's: a headline over two
    // lines with a blank row between them, the story before having lost its own headline elsewhere.
    const donorStory = storyText(segments[orient === 'after' ? i - 1 : i + 1]!);
    if (titleAffinity(taken.text, donorStory) > titleAffinity(taken.text, storyText(s)) + AFFINITY_MARGIN) return;
    donor.splice(donor.indexOf(taken), 1);
    if (orient === 'after') s.before = [taken];
    else s.after = [taken];
  });
}

/** A lead-in ending in its dash (稳中向好——), not a subtitle opening with one. */
const leadsIn = (u: Unit | undefined) => u !== undefined && /(?:——|--)$/.test(u.text.trim()) && !KICKER_SUB.test(u.text);

/**
 * A headline taken out of a cluster, for another story, with the lead-in (…——) right over its first
 * line: a lead-in leads into the headline after it, and goes where that headline goes (春耕时节—— /
 * 全市春耕进度快于往年, printed after another story's headline).
 */
function withLeadIn(cluster: Unit[], group: Unit[]): Unit[] {
  const first = cluster.indexOf(group[0]!);
  if (first < 0) return group;
  let from = first;
  while (cluster[from - 1]?.kind === 'heading' && leadsIn(cluster[from - 1])) from--;
  return [...cluster.slice(from, first), ...group];
}

/**
 * Headlines printed together over the text of the story before (pdftotext reads a page's two
 * headlines, then both stories' text): a story with no headline of its own, after a story whose
 * headline cluster stands in two blocks or more, takes the cluster's last block when its words are
 * more its own text's than the other story's (and at least `least` of its character pairs).
 */
function takeLastHeadline(prev: Segment, s: Segment, least = 0): boolean {
  const heads = headlineLines(prev.before);
  const groups = blockGroups(heads);
  if (groups.length < 2) return false;
  const last = groups.at(-1)!;
  const title = last.map((u) => u.text).join('');
  const own = titleAffinity(title, storyText(s));
  if (own <= titleAffinity(title, storyText(prev)) || own < least) return false;
  const moved = withLeadIn(prev.before!, last);
  prev.before = prev.before!.filter((u) => !moved.includes(u));
  s.before = moved;
  return true;
}

/** Headline lines together wider than this are no one headline (城东老街改造工程今天全面完工，百年老宅焕发新颜 is about as long as one gets). */
const MAX_ONE_HEADLINE_WIDTH = 32;
/** A story's text holds at least this share of its own headline's character pairs. */
const OWN_STORY_AFFINITY = 0.4;
/**
 * The run of paragraphs under a cluster that tells its last headline holds at least this share of
 * that headline's character pairs: a story's first paragraphs tell less of a long two-part headline
 * (城东推进绿道建设 沿江步道明年贯通) than its whole text does, and the run must clearly tell the last
 * headline more than the text around it, and that text the first headline more than the run.
 */
const RUN_AFFINITY = 0.3;
/** Two stories under one cluster of headlines are looked for in this many paragraphs at most (a page's, not a book's: every run is weighed). */
const MAX_STACKED_PARAGRAPHS = 80;

/**
 * Two stories under one cluster of headlines: pdftotext reads two headlines printed together,
 * then both stories' text with nothing between them but a paragraph's end (the second opens with
 * no dateline), the first story's rest possibly after the second's; or the second story's
 * dateline first, the first story's text after it. A story whose cluster holds
 * two headlines or more, in blocks of their own and too wide together for one, gives the last
 * headline the run of its paragraphs that tells that headline's story: the run shares clearly
 * more of the last headline's character pairs than the paragraphs around it (RUN_AFFINITY of them
 * at least), and they clearly more of the first headlines' than the run.
 */
function splitByHeadlines(segments: Segment[]): number {
  let cuts = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const heads = titleLines(s.before);
    const groups = blockGroups(heads);
    if (groups.length < 2 || s.units.length < 2 || s.units.length > MAX_STACKED_PARAGRAPHS) continue;
    const last = groups.at(-1)!;
    const [lastTitle, firstTitle] = [last.map((u) => u.text).join(''), groups.slice(0, -1).flat().map((u) => u.text).join('')];
    if (lineWidth(lastTitle) < MIN_SEPARATE_TITLE_WIDTH || lineWidth(firstTitle) < MIN_SEPARATE_TITLE_WIDTH) continue;
    if (lineWidth(firstTitle) + lineWidth(lastTitle) <= MAX_ONE_HEADLINE_WIDTH) continue;
    const textOf = (units: Unit[]) => units.filter(isText).map((u) => u.text).join('');
    // The run of paragraphs [from, to) that is the last headline's story: the story it cut may go on after it.
    let best: [number, number] | null = null;
    let bestScore = 0;
    // (Not where a story before breaks off: the text after the run may be that story's rest.)
    const brokenBefore = segments.slice(Math.max(0, i - MAX_STORIES_BETWEEN), i).some(breaksOff);
    for (let from = 0; from < s.units.length; from++) {
      // The run may open the text under the cluster (the last headline's dateline read first): the
      // first headline's story then follows it and must hold that headline's words as well.
      if (s.units[from]!.kind !== (from === 0 ? 'dateline' : 'body')) continue;
      for (let to = from + 1; to <= s.units.length - (from === 0 ? 1 : 0); to++) {
        const run = textOf(s.units.slice(from, to));
        const others = textOf([...s.units.slice(0, from), ...s.units.slice(to)]);
        const own = titleAffinity(firstTitle, others);
        const first = own - titleAffinity(firstTitle, run);
        const second = titleAffinity(lastTitle, run) - titleAffinity(lastTitle, others);
        const ownRun = titleAffinity(lastTitle, run) >= RUN_AFFINITY && (from > 0 || (own >= OWN_STORY_AFFINITY && !brokenBefore));
        if (first > AFFINITY_MARGIN && second > AFFINITY_MARGIN && ownRun && first + second > bestScore) [best, bestScore] = [[from, to], first + second];
      }
    }
    if (!best) continue;
    const moved = withLeadIn(s.before!, last);
    const rest: Segment = { ...newSegment(), before: moved, units: s.units.splice(best[0], best[1] - best[0]), ended: true };
    s.before = s.before!.filter((u) => !moved.includes(u));
    // A run that opens the text stands before the first headline's story.
    segments.splice(best[0] === 0 ? i : i + 1, 0, rest);
    if (best[0] === 0) i++;
    cuts++;
  }
  return cuts;
}

/**
 * A headline printed with another over a story that tells only the other, whose own story's text
 * pdftotext read elsewhere on the page (two headlines set side by side over their columns, read one
 * after the other; the first story's text under both, the second's after a story or two): the
 * stray headline (under STRAY_AFFINITY of its character pairs in the text under it, the story there
 * telling another of the cluster's headlines, RUN_AFFINITY at least) takes the run of paragraphs
 * (MAX_RUN at most), in a story up to MAX_STORIES_BETWEEN stories either side, that tells it: the
 * run holds RUN_AFFINITY of the headline's pairs at least and clearly more than the rest of that
 * story does, and the rest clearly more of its own headline's pairs than the run (not the
 * paragraphs that open a story under its headline: those are its own). The headline, with the
 * lead-in over it, and the run are a story of their own, after the one the run was cut from. A stray
 * headline whose text is found nowhere stays where it stood (dropStrayHeadlines may take it off its
 * title).
 */
function strayHeadlineRuns(segments: Segment[]): number {
  let found = 0;
  const titleOf = linesText;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const groups = blockGroups(titleLines(s.before));
    if (groups.length < 2 || lineWidth(groups.map(titleOf).join('')) <= MAX_ONE_HEADLINE_WIDTH) continue;
    const text = storyText(s);
    const affinities = groups.map((g) => titleAffinity(titleOf(g), text));
    if (!affinities.some((a) => a >= RUN_AFFINITY)) continue;
    for (const [k, g] of groups.entries()) {
      const title = titleOf(g);
      if (affinities[k]! >= STRAY_AFFINITY || lineWidth(title) < MIN_WEIGHED_TITLE_WIDTH) continue;
      let best: { at: number; from: number; to: number } | null = null;
      let bestScore = 0;
      for (let at = Math.max(0, i - MAX_STORIES_BETWEEN); at < Math.min(segments.length, i + MAX_STORIES_BETWEEN + 1); at++) {
        const host = segments[at]!;
        if (at === i || host.units.length > MAX_STACKED_PARAGRAPHS) continue;
        const hostTitle = titleOf(titleLines(host.before));
        const run = runTelling(host.units, title, hostTitle, { least: RUN_AFFINITY, from: hostTitle ? 1 : 0, may: isText });
        if (run && run.score > bestScore) [best, bestScore] = [{ at, ...run }, run.score];
      }
      if (!best) continue;
      const lines = withLeadIn(s.before!, g);
      const host = segments[best.at]!;
      const story: Segment = { ...newSegment(), before: lines, units: host.units.splice(best.from, best.to - best.from), ended: true };
      s.before = s.before!.filter((u) => !lines.includes(u));
      segments.splice(best.at + 1, 0, story);
      if (best.at < i) i++;
      found++;
      break;
    }
  }
  return found;
}

/**
 * A headline broken inside a word between two stories: a box's lines read apart, the rest over
 * the next paragraphs of its story (pdftotext -layout sets a side headline's lines among its
 * text's rows; a blank row between cuts the box). A story whose first headline line goes on a word
 * from the last headline line of the story right before it (沿江大 / 道夜间封闭…, jieba's word across
 * the break) or a date from a number (6月1日至15 / 日，…), that line ending no sentence, is the rest
 * of that story: its headline lines join the headline, its paragraphs and bylines the text.
 */
function joinBrokenHeadlines(segments: Segment[]): number {
  let joined = 0;
  for (let k = 1; k < segments.length; k++) {
    const [s, t] = [segments[k]!, segments[k - 1]!];
    const [heads, theirs] = [headlineLines(s.before), headlineLines(t.before)];
    if (!heads.length || !theirs.length || s.jump.from) continue;
    const [last, first] = [theirs.at(-1)!.text.trim(), heads[0]!.text.trim()];
    if (PARAGRAPH_END.test(last) || !(restAcross(last, first, HAN_FIRST) > 0 || (/\d$/.test(last) && /^[日月号年]/.test(first)))) continue;
    t.before = [...t.before!, ...s.before!.filter((l) => l.kind === 'heading')];
    t.units.push(...s.units);
    t.bylines.push(...s.bylines);
    segments.splice(k, 1);
    k--;
    joined++;
  }
  return joined;
}

/** A story holds only its opening when it has this many paragraphs at most. */
const MAX_OPENING_PARAGRAPHS = 2;

/**
 * A story of its opening only (MAX_OPENING_PARAGRAPHS at most, no jump note to a later page) whose
 * rest pdftotext read elsewhere on the page, among another story's paragraphs (a column read on
 * into the next story's, the rest of its own column after a story or two): it takes the run of
 * paragraphs (MAX_RUN at most), in a story up to MAX_STORIES_BETWEEN stories either side, that
 * tells its headline, as a stray headline takes its run (strayHeadlineRuns, runTelling): the run
 * holds RUN_AFFINITY of the headline's character pairs and of its word pairs at least, clearly
 * more than the rest of that story does, and the rest clearly more of its own headline's pairs
 * (not the paragraph that opens a story under its headline, a label or a jump note: those are
 * that story's; a story under a subtitle or a lead-in alone has no headline, and its first
 * paragraph may be the rest; a dateline only for a story opening with none). Of the runs, the one
 * that clears both margins by most.
 */
function openingsTakeRuns(segments: Segment[]): number {
  let taken = 0;
  const titleOf = linesText;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.units.length > MAX_OPENING_PARAGRAPHS || s.jump.to || !isText(s.units[0])) continue;
    const title = titleOf(titleLines(s.before));
    if (lineWidth(title) < MIN_WEIGHED_TITLE_WIDTH) continue;
    const opened = s.units.some((u) => u.kind === 'dateline');
    let best: { at: number; from: number; to: number } | null = null;
    let bestScore = 0;
    for (let at = Math.max(0, i - MAX_STORIES_BETWEEN); at < Math.min(segments.length, i + MAX_STORIES_BETWEEN + 1); at++) {
      if (at === i) continue;
      const host = segments[at]!;
      const hostTitle = titleOf(titleLines(host.before));
      const headed = host.before?.some((l) => l.kind === 'heading' && !KICKER_SUB.test(l.text) && !KICKER_LEAD.test(l.text) && !leadsIn(l));
      const run = runTelling(host.units, title, hostTitle, { least: RUN_AFFINITY, from: headed || host.jump.from ? 1 : 0, may: (u) => u.kind === 'body' || (u.kind === 'dateline' && !opened), words: true });
      if (run && run.score > bestScore) [best, bestScore] = [{ at, ...run }, run.score];
    }
    if (!best) continue;
    s.units.push(...segments[best.at]!.units.splice(best.from, best.to - best.from));
    taken++;
  }
  for (let k = segments.length - 1; k >= 0; k--) if (!segments[k]!.units.length) segments.splice(k, 1);
  return taken;
}

/** A run of paragraphs read under a later story's headline goes back this many stories at most. */
const RUNS_BACK = 3;

/**
 * A run of paragraphs read under a later story's headline that tells an earlier story's headline
 * goes back to that story: pdftotext read the next story's headline, then the rest of a column that
 * goes on with the story before (its text may end a sentence where the column broke, so no
 * threading by broken sentences finds it). The run (not the paragraph that opens the story it
 * stands in, unless it is no opening of it, foreignOpening; nor a dateline: those are that
 * story's) holds STRAY_AFFINITY of the earlier headline's character pairs and of its word pairs
 * at least (runTelling), clearly more than the rest of the story it stands in does, and that rest
 * clearly more of its own headline's pairs than the run; of the stories up to RUNS_BACK before, the
 * one it tells most clearly.
 */
function runsBack(segments: Segment[]): number {
  let moved = 0;
  const titleOf = (s: Segment) => titleLines(s.before).map((u) => u.text).join('');
  for (let k = 1; k < segments.length; k++) {
    const host = segments[k]!;
    const hostTitle = titleOf(host);
    if (!hostTitle || host.units.length < 2 || host.units.length > MAX_STACKED_PARAGRAPHS) continue;
    // (Its first paragraph too, when it is no opening of the story it stands in: foreignOpening.)
    const foreign = foreignOpening(host, linesText(headlineLines(host.before)));
    let best: { j: number; from: number; to: number } | null = null;
    let bestScore = 0;
    for (let j = Math.max(0, k - RUNS_BACK); j < k; j++) {
      const title = titleOf(segments[j]!);
      if (lineWidth(title) < MIN_WEIGHED_TITLE_WIDTH) continue;
      const run = runTelling(host.units, title, hostTitle, { least: STRAY_AFFINITY, from: foreign ? 0 : 1, may: (u) => u.kind === 'body', words: true });
      if (run && run.score > bestScore) [best, bestScore] = [{ j, ...run }, run.score];
    }
    if (!best) continue;
    segments[best.j]!.units.push(...host.units.splice(best.from, best.to - best.from));
    moved += best.to - best.from;
    // (The story may hold another such run.)
    k--;
  }
  return moved;
}

/**
 * The run of a story's paragraphs [from, to) that tells a title most clearly: from `from` on,
 * MAX_RUN paragraphs at most, each one that `may` stand in it; holding `least` of the title's
 * character pairs (and of its word pairs, the pairs inside its runs of Han characters, with
 * `words`: 6月1日至15日 sets 月 and 日 side by side, a pair every dated text holds and no word of
 * the title), clearly more than the story's other paragraphs (AFFINITY_MARGIN), which tell the
 * story's own headline `own` clearly more than the run (any run, for a story with none). Its score
 * is the two margins together; null when no run tells the title so. Pairs are looked up a
 * paragraph at a time (Run): every run of a story is weighed.
 */
function runTelling(units: Unit[], title: string, own: string, opts: { least: number; from: number; may: (u: Unit) => boolean; words?: boolean }): { from: number; to: number; score: number } | null {
  const han = units.map((u) => (isText(u) ? hanOnly(u.text) : ''));
  const held = (pairs: string[]) => han.map((h) => pairs.map((p) => h.includes(p)));
  const pairs = [...hanBigrams(title)];
  const words = new Set(hanRuns(title).flatMap((r) => [...hanBigrams(r)]));
  const [titleHeld, ownHeld] = [held(pairs), own ? held([...hanBigrams(own)]) : null];
  let best: { from: number; to: number; score: number } | null = null;
  for (let from = opts.from; from < units.length; from++) {
    const inRun = new Run(titleHeld);
    const ownInRun = ownHeld && new Run(ownHeld);
    for (let to = from + 1; to <= Math.min(units.length, from + MAX_RUN) && opts.may(units[to - 1]!); to++) {
      inRun.add(to - 1);
      ownInRun?.add(to - 1);
      const told = inRun.share();
      if (told < opts.least || (opts.words && inRun.share((p) => words.has(pairs[p]!)) < opts.least)) continue;
      const mine = told - inRun.outside();
      const theirs = ownInRun ? ownInRun.outside() - ownInRun.share() : 1;
      if (mine > AFFINITY_MARGIN && theirs > AFFINITY_MARGIN && mine + theirs > (best?.score ?? 0)) best = { from, to, score: mine + theirs };
    }
  }
  return best;
}

/**
 * A run of a story's paragraphs, grown a paragraph at a time, against a title's pairs: the share
 * of them the run holds and the share the story's other paragraphs hold (a pair across two
 * paragraphs is neither's).
 */
class Run {
  private readonly inRun: number[];
  private readonly total: number[];
  constructor(private readonly held: boolean[][]) {
    const size = held[0]?.length ?? 0;
    this.inRun = new Array<number>(size).fill(0);
    this.total = new Array<number>(size).fill(0);
    for (const row of held) row.forEach((h, p) => h && this.total[p]!++);
  }
  add(unit: number): void {
    this.held[unit]!.forEach((h, p) => h && this.inRun[p]!++);
  }
  /** Share of the pairs (those `counted`) the run holds. */
  share(counted: (p: number) => boolean = () => true): number {
    let all = 0;
    let shared = 0;
    this.inRun.forEach((c, p) => {
      if (!counted(p)) return;
      all++;
      if (c > 0) shared++;
    });
    return all ? shared / all : 0;
  }
  /** Share of the pairs the story's paragraphs outside the run hold. */
  outside(): number {
    let shared = 0;
    this.inRun.forEach((c, p) => this.total[p]! > c && shared++);
    return this.inRun.length ? shared / this.inRun.length : 0;
  }
}

/**
 * A cluster's headline lines: not its lead-ins and subtitles, nor a label alone on its line (简讯,
 * 经济观察). A short line stacked with the lines around it, no blank line between, is a narrow box's
 * line (城东老街 / 改造工程 / 今天完工), however like a label it reads.
 */
function titleLines(lines: Unit[] | undefined): Unit[] {
  const all = lines ?? [];
  return all.filter((l, k) => l.kind === 'heading' && !KICKER_LEAD.test(l.text) && !KICKER_SUB.test(l.text) && !(isLabel(l.text) && !onNextLine(all[k - 1], l) && !onNextLine(l, all[k + 1])));
}

/** Stacked lines of one headline join without a space; lines of different widths are separate phrases. */
function joinTitleLines(lines: string[]): string {
  return lines.reduce((acc, line, i) => {
    if (i === 0) return line;
    const prev = lines[i - 1]!;
    return lineWidth(prev) >= lineWidth(line) - 2 ? `${acc}${line}` : `${acc} ${line}`;
  }, '');
}

/** A line over a longer one: two characters longer, or half as long again (聚焦民生 over 城东小区加装). */
function overLonger(w: number, widest: number): boolean {
  return widest > w + 2 || widest >= w * 1.5;
}

/**
 * A line over a narrow headline box (民生实事进行时 / 城东快递小 / 哥连升三级 / …): the box's lines
 * stand on consecutive lines of the file, its first two as wide as each other (or two at its
 * measure, when a phrase break left one short) and every one narrower than the line over it,
 * which is the box's label.
 */
function overNarrowBox(heads: Unit[]): boolean {
  const [top, a, b] = heads;
  if (!top || !a || !b || !onNextLine(a, b)) return false;
  const [w, wa] = [lineWidth(top.text), lineWidth(a.text)];
  const box = heads.slice(1).filter((h) => !KICKER_SUB.test(h.text));
  if (Math.abs(wa - lineWidth(b.text)) <= 0.5 && box.every((h) => lineWidth(h.text) <= wa + 0.5) && wa < w - 0.5) return true;
  // A box broken at a phrase leaves a short line before its full ones (城东小区 / 电梯 / 全部完工 /
  // 投用): its measure is that of its widest lines, two of them at least, on consecutive lines.
  if (!stacked(box)) return false;
  const measure = Math.max(...box.map((h) => lineWidth(h.text)));
  return box.filter((h) => Math.abs(lineWidth(h.text) - measure) <= 0.5).length >= 2 && measure < w - 0.5;
}

/**
 * A line set apart over a headline box, a blank line between, where the box's first two lines stand
 * one under another (乡村振兴进行时 / (blank) / 城东小区加装 / 电梯全部完工投用): the gap the layout left
 * is wider than the box's leading, so the line is no line of the box but the label over it. Later
 * lines of the box may stand rows apart (pdftotext -layout gives a narrow box the rows of the wider
 * text beside it). It is narrower than the box's widest line by more than a half character (a box
 * broken at a phrase, its first line's rows apart from the rest, is as wide as its widest line), and
 * no word runs from it into the box (restAcross).
 */
function apartOverBox(heads: Unit[]): boolean {
  const [top, ...rest] = heads;
  const box = rest.filter((h) => !KICKER_SUB.test(h.text));
  if (!top || top.width !== undefined || box.length < 2 || onNextLine(top, box[0]) || top.line === undefined || box[0]!.line === undefined || !stacked(box.slice(0, 2))) return false;
  return lineWidth(top.text) < Math.max(...box.map((h) => lineWidth(h.text))) - 0.5;
}

/** A cluster's headline lines: its heading lines but lead-ins and subtitles. */
function headlineLines(lines: Unit[] | undefined): Unit[] {
  return lines?.filter((l) => l.kind === 'heading' && !KICKER_LEAD.test(l.text) && !KICKER_SUB.test(l.text)) ?? [];
}

/** A unit's width as set: a letter-spaced line filled its measure. */
const setWidth = (u: Unit) => u.width ?? lineWidth(u.text);

/**
 * A line over a headline box whose every full line is wider than it (民生实事进行时 over 城东快递小哥
 * 连 / 升三级，单位授予 / 特别奖): a box fills its measure on every line but its last, letter-spacing
 * a line of fewer characters to it, so a narrower line right over the box is no line of the box but
 * the label over it. Where the extractor kept no line's spacing, a box's first line may be narrower
 * as read: the line must then share no character pair with the story, as a label does not.
 */
function overWiderBox(heads: Unit[], text: string): boolean {
  const [top, ...rest] = heads;
  const box = rest.filter((h) => !KICKER_SUB.test(h.text));
  // A line letter-spaced to a measure is a box's line itself; a label is set tight.
  if (!top || top.width !== undefined || box.length < 3 || !stacked([top, ...box])) return false;
  if (Math.min(...box.slice(0, -1).map(setWidth)) < setWidth(top) + 0.5) return false;
  return box.some((h) => h.width !== undefined) || sharedCount(hanBigrams(top.text), hanBigrams(text)) === 0;
}

/**
 * A line over a headline box that shares no character pair with its story, where the box's lines
 * tell the story (half their pairs or more): the label over the box, however the box is set (经济观察
 * over 城东小区加 / 装电梯完工, a box of two lines, or one with a line broken short at a phrase, the
 * widths of neither saying which line is the label). A label names the column, not the story. It may
 * share one pair with the story as a word of its own (一线观察 over a story of work 在一线), where the
 * pair across the break (察 and the box's first character) is not the story's: a headline's first line
 * sharing one pair is a headline broken inside a phrase the story tells (城东联防 / 联控机制…).
 */
function foreignOverBox(texts: string[], text: string): boolean {
  const [top, ...rest] = texts;
  const box = rest.filter((x) => !KICKER_SUB.test(x));
  const pairs = hanBigrams(top ?? '');
  if (box.length === 0 || pairs.size < 2) return false;
  const textPairs = hanBigrams(text);
  const shared = sharedCount(pairs, textPairs);
  const across = `${hanOnly(top!).slice(-1)}${hanOnly(box[0]!).slice(0, 1)}`;
  if (shared > 1 || (shared === 1 && textPairs.has(across))) return false;
  const boxPairs = hanBigrams(box.join(''));
  return boxPairs.size > 0 && sharedCount(boxPairs, textPairs) / boxPairs.size >= BOX_AFFINITY;
}

/**
 * Title, kicker and column from a cluster's lines: lead-ins and subtitles are the kicker, a tag over
 * them (the name of the column the story runs in) the column, speaker lines are dropped.
 */
export function titleParts(lines: Unit[], text = ''): { title: string; kicker: string | null; column: string | null } | null {
  const heads = lines.filter((l) => l.kind === 'heading');
  // A lead-in after the headline (…老街改造工程全面完工 / 外贸开局良好——) heads the next story: pdftotext read
  // it before this story's text. (One under a tag, or under another lead-in, is this story's; a short
  // line under the line over it is a box's last line, 城东老街改造工 / 程今天全面完 / 工, no tag.)
  const boxEnd = (k: number) => heads.length + k >= 1 && onNextLine(heads.at(k - 1), heads.at(k)) && !leadsIn(heads.at(k - 1));
  while (heads.length >= 2 && leadsIn(heads.at(-1)) && !leadsIn(heads.at(-2)) && (lineWidth(heads.at(-2)!.text) > MAX_TAG_WIDTH || boxEnd(-2))) heads.pop();
  const texts = heads.map((l) => l.text);
  // The first two lines stand on consecutive lines of the file, no blank line between.
  const boxed = onNextLine(heads[0], heads[1]);
  // A short line over longer ones is a tag (一线观察, 稳就业), unless it is the first line of the
  // headline: then the article tells the same story in the same words (城东老街改造 / 百年老宅焕发新颜…).
  // A tag is a name: no clause or sentence mark (某某：别笑！18 is a headline's first line, wrapped).
  // A line as wide as the next, right above it, is the first of a headline box's lines
  // (城东寻子一 / 个月：儿子消), no tag, unless the box's full lines are all wider (overWiderBox).
  // A line sharing no words with a story that the box's lines tell is a tag however wide, even as
  // wide as the box's first line (foreignOverBox).
  // A line a word runs from into the next (居民习以 / 为常的小巷, 城南新辟公 / 交！…) is the headline's
  // first line (restAcross), whatever follows the word's rest.
  const widerBox = overWiderBox(heads, text);
  let foreignRead: boolean | undefined;
  const foreign = () => (foreignRead ??= foreignOverBox(texts, text));
  const isTag = (t: string) =>
    lineWidth(t) <= MAX_TAG_WIDTH_READ &&
    !(boxed && Math.abs(lineWidth(texts[1]!) - lineWidth(t)) <= 0.5 && !widerBox && !foreign()) &&
    !/[，。！？：；、,!?:;"“”]/.test(t) &&
    (overLonger(lineWidth(t), Math.max(0, ...texts.slice(1).filter((x) => !KICKER_SUB.test(x)).map(lineWidth))) || overNarrowBox(heads) || widerBox || apartOverBox(heads) || foreign()) &&
    isTagByWords(t, text) &&
    !(texts[1] !== undefined && restAcross(t, texts[1], HAN_FIRST) > 0);
  // A lead-in wrapped over several lines ends with its dash: every line up to it is the lead-in.
  // So does a short exclamation wrapped (五千人报 / 名参加！) over a headline (not only its subtitle).
  const exclaimedLead = (t: string, i: number) => i > 0 && /[！!]$/.test(t) && KICKER_LEAD.test(texts.slice(0, i + 1).join('')) && texts.slice(i + 1).some((x) => !KICKER_SUB.test(x));
  const leadEnd = texts.findLastIndex((t, i) => i < texts.length - 1 && (/(?:——|--)$/.test(t) || exclaimedLead(t, i)));
  const isLead = (t: string, i: number) => i <= leadEnd || KICKER_LEAD.test(t) || (i === 0 && texts.length > 1 && isTag(t));
  const firstTitle = texts.findIndex((t, i) => !isLead(t, i) && !KICKER_SUB.test(t));
  if (firstTitle < 0) return texts.length ? { title: texts.join(''), kicker: null, column: null } : null;
  // A tag names the column (经济观察, 新春走基层), not the story: no lead-in of it.
  const column = firstTitle > 0 && !KICKER_LEAD.test(texts[0]!) && isTag(texts[0]!) ? texts[0]! : null;
  const lead = texts.slice(column === null ? 0 : 1, firstTitle);
  const rest = texts.slice(firstTitle);
  const subAt = rest.findIndex((t) => KICKER_SUB.test(t));
  const titleLines = subAt < 0 ? rest : rest.slice(0, subAt);
  const sub = subAt < 0 ? [] : rest.slice(subAt);
  const kicker = [...lead, ...sub].join('');
  return { title: joinTitleLines(titleLines), kicker: kicker || null, column };
}

/** A dateline of an agency the lexicon does not name: a place and a day, then 电 (某某网北京6月5日电). */
const ANY_DATELINE = /^[^，。！？,]{0,24}?\d{1,2}\s*日\s*电/;

/**
 * An article's text without its opening credits: datelines (新华社北京6月5日电, 本报讯, 本报杭州3月1日讯,
 * a wire's copy credited to a site, 某某科技讯) each with the bracket of reporters after it.
 */
function withoutDateline(text: string): string {
  let rest = text;
  for (let k = 0; k < 2; k++) {
    const lead = DATELINE.exec(rest) ?? OWN_REPORT.exec(rest) ?? OUTLET_REPORT.exec(rest) ?? ANY_DATELINE.exec(rest);
    if (!lead) break;
    rest = rest.slice(lead.index + lead[0].length).replace(/^\s*(?:[（(][^）)]{0,40}[）)])?\s*/, '');
  }
  return rest;
}

/** The title of an article printed without a headline: its first sentence after the dateline, cut short. */
function fallbackTitle(paragraphs: string[]): string {
  const first = withoutDateline(paragraphs.find((p) => !isArticleStart(p) || p.length > 40) ?? paragraphs[0] ?? '');
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

/** A credit in brackets inside a story's text: （记者 张某）, （通讯员 王某 记者 李某）. */
const CREDIT_IN_BRACKETS = /[（(][^）)]{0,40}?(?:记者|通讯员)[^）)]{0,40}[）)]/g;

function draftOf(s: Segment, orient: Orientation, ordinal: number, metaTitle: string | undefined, single: boolean): ArticleDraft {
  const paragraphs = s.units.map((u) => u.text);
  const originalParagraphs = s.units.some((u) => u.original !== undefined) ? s.units.map((u) => u.original ?? u.text) : null;
  const cluster = clusterOf(s, orient);
  // The story's words, its credits left out: a label over the headline (记者调查) shares 记者 with
  // every story that names its reporters.
  const parts = cluster.length ? titleParts(cluster, paragraphs.join('').replace(CREDIT_IN_BRACKETS, '')) : null;
  const { names, agencies } = bylineNames(s.bylines);
  let title = parts?.title ?? null;
  let titleFrom: ArticleDraft['titleFrom'] = 'headline';
  if (single && metaTitle) [title, titleFrom] = [metaTitle, 'meta'];
  if (!title) [title, titleFrom] = [fallbackTitle(paragraphs), 'first-sentence'];
  return { title, kicker: parts?.kicker ?? null, column: parts?.column ?? null, paragraphs, originalParagraphs, bylineReporters: names, bylineAgencies: agencies, ordinal, jump: s.jump, titleFrom, stated: s.facts };
}

/** A brief: a headline over one short paragraph, not continued. */
const BRIEF_CHARS = 300;
const isBrief = (d: ArticleDraft) => d.titleFrom === 'headline' && d.paragraphs.length === 1 && d.paragraphs[0]!.length <= BRIEF_CHARS && !d.jump.to && !d.jump.from;

/**
 * Briefs printed in a box under one title (简讯, 短新闻) run in that column, every one of them: the
 * box's title stands over the first brief's headline only, so the briefs right after it that
 * name no column and no lead-in of their own take the first's. pdftotext may read the title with
 * the story before the box: a run of two briefs or more right after a story with a column, none
 * naming its own, takes that column too (one brief after a tagged story is that brief's own).
 */
function briefsInColumn(drafts: ArticleDraft[]): number {
  const unnamed = (d: ArticleDraft | undefined) => d !== undefined && d.column === null && d.kicker === null && isBrief(d);
  let given = 0;
  for (let i = 0; i < drafts.length; i++) {
    const first = drafts[i]!;
    if (!first.column) continue;
    let n = 0;
    while (unnamed(drafts[i + 1 + n])) n++;
    if (!isBrief(first) && n < 2) continue;
    for (let k = 1; k <= n; k++) drafts[i + k]!.column = first.column;
    given += n;
    i += n;
  }
  return given;
}

/** A segment's title lines, as the cluster the draft reads its title from. */
function clusterOf(s: Segment, orient: Orientation): Unit[] {
  return (orient === 'after' ? (s.after ?? s.before) : (s.before ?? s.after)) ?? [];
}

/** Stories at most between one that breaks off and the paragraph that goes on with it: a page's, not a digest's. */
const MAX_STORIES_BETWEEN = 6;
/** A paragraph goes back to a story that did not break off when it shares this many of its pairs (weighed by how many stories hold each)… */
const STRONG_SHARED_PAIRS = 4;
/** …and this many times as many as it shares with the story it stands in. */
const STRONG_MARGIN = 2;
/** On a page that shows no sign of being read out of order, a paragraph goes back when it shares this many… */
const IN_ORDER_SHARED_PAIRS = 6;
/** …and this many times as many as with the story it stands in. */
const IN_ORDER_MARGIN = 3;

/** A story's text broken off mid-sentence, with no jump note to say where it goes on. */
const breaksOff = (s: Segment) => s.units.length > 0 && !PARAGRAPH_END.test(s.units.at(-1)!.text) && !s.jump.to;

/** A Han character's place among those hanBigrams reads (three ranges run together), or -1: a pair of them is a small integer. */
const HAN_CODES = 0x4dc0 - 0x3400 + (0xa000 - 0x4e00) + (0xfb00 - 0xf900);
function hanIndex(c: number): number {
  if (c >= 0x4e00 && c <= 0x9fff) return c - 0x4e00;
  if (c >= 0x3400 && c <= 0x4dbf) return 0xa000 - 0x4e00 + c - 0x3400;
  if (c >= 0xf900 && c <= 0xfaff) return 0xa000 - 0x4e00 + 0x4dc0 - 0x3400 + c - 0xf900;
  return -1;
}

/** A page's character pairs numbered: two Han characters' places as one small integer, each pair an index. */
interface PagePairs {
  /** A text's pairs (those hanBigrams reads), each once, in the order they first stand. */
  idsOf(text: string): Int32Array;
  /** A unit's pairs, read once. */
  of(u: Unit): Int32Array;
  /** How many pairs are numbered so far. */
  size(): number;
}

function pagePairs(): PagePairs {
  const id = new Map<number, number>();
  const stamp: number[] = [];
  let text = 0;
  const idsOf = (t: string) => {
    text++;
    const out: number[] = [];
    let prev = -1;
    for (let c = 0; c < t.length; c++) {
      const code = hanIndex(t.charCodeAt(c));
      if (code < 0) continue;
      if (prev >= 0) {
        const key = prev * HAN_CODES + code;
        let i = id.get(key);
        if (i === undefined) id.set(key, (i = id.size));
        if (stamp[i] !== text) {
          stamp[i] = text;
          out.push(i);
        }
      }
      prev = code;
    }
    return Int32Array.from(out);
  };
  const read = new Map<Unit, Int32Array>();
  return {
    idsOf,
    of: (u) => {
      let ids = read.get(u);
      if (!ids) read.set(u, (ids = idsOf(u.text)));
      return ids;
    },
    size: () => id.size,
  };
}

/**
 * A story's first paragraph that is no opening of it: under a headline it shares not one
 * character pair with, longer than a headline, no byline or jump note over it (another story's
 * rest read there, the headline's own text elsewhere).
 */
function foreignOpening(s: Segment, head: string): boolean {
  const first = s.units[0];
  return first?.kind === 'body' && !s.jump.from && !s.bylines.length && lineWidth(first.text) > MAX_CLAUSED_HEADLINE_WIDTH && lineWidth(head) >= MIN_SEPARATE_TITLE_WIDTH && titleAffinity(head, first.text) === 0;
}

/**
 * A headline over a paragraph that does not tell it (STRAY_AFFINITY of its character pairs), the
 * story right after it opening with a dateline under no headline and telling it (OWN_STORY_AFFINITY):
 * pdftotext read another column's paragraph between the headline and its story's opening. The
 * headline (with its kicker and label) goes to that story; the paragraph, left with none, is
 * threaded back after (rejoinBrokenOff). A headline narrower than MIN_SEPARATE_TITLE_WIDTH (a
 * broken box's first line, 5月20日至) says too little to be placed by its words.
 */
function titleDatelineStory(segments: Segment[]): number {
  let moved = 0;
  for (let k = 1; k < segments.length; k++) {
    const [s, prev] = [segments[k]!, segments[k - 1]!];
    if (s.before?.some((l) => l.kind === 'heading') || s.units[0]?.kind !== 'dateline' || !prev.before?.some((l) => l.kind === 'heading') || prev.jump.from) continue;
    const head = headlineLines(prev.before).map((l) => l.text).join('');
    if (lineWidth(head) < MIN_SEPARATE_TITLE_WIDTH || titleAffinity(head, storyText(s)) < OWN_STORY_AFFINITY || titleAffinity(head, storyText(prev)) >= STRAY_AFFINITY) continue;
    s.before = prev.before;
    delete prev.before;
    moved++;
  }
  return moved;
}

/** A story of its dateline paragraph read apart has this many paragraphs at most (the dateline and one more). */
const MAX_LONE_DATELINE_PARAGRAPHS = 2;

/**
 * A story's dateline paragraph read apart from it: pdftotext reads the paragraph with another
 * column's blocks, and it stands alone, no headline over it but a label, a lead-in or a subtitle
 * (or none), while the story's headline stands over the rest of its text elsewhere on the page. A
 * story so of its dateline paragraph (and one more at most, MAX_LONE_DATELINE_PARAGRAPHS), with no
 * jump note, goes to the head of the nearest story (within MAX_STORIES_BETWEEN, after it first)
 * that opens with no dateline of its own and whose headline it does not leave stray (STRAY_AFFINITY
 * of the headline's character pairs: the two halves of one story, an opening with no headline and
 * a headline with no opening, need little of its words); its bylines go along.
 */
function joinLoneDatelines(segments: Segment[]): number {
  let joined = 0;
  const titles = new Map(segments.map((s) => [s, headlineLines(s.before).filter((l) => !isLabel(l.text)).map((u) => u.text).join('')]));
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = segments[i]!;
    if (!s.units.length || s.units.length > MAX_LONE_DATELINE_PARAGRAPHS || s.units[0]!.kind !== 'dateline' || titles.get(s) || s.jump.from || s.jump.to) continue;
    const near = [...segments.slice(i + 1, i + 1 + MAX_STORIES_BETWEEN), ...segments.slice(Math.max(0, i - MAX_STORIES_BETWEEN), i).reverse()];
    const to = near.find((t) => t.units[0]?.kind !== 'dateline' && !t.jump.from && lineWidth(titles.get(t)!) >= MIN_WEIGHED_TITLE_WIDTH && titleAffinity(titles.get(t)!, storyText(s)) >= STRAY_AFFINITY);
    if (!to) continue;
    to.units.unshift(...s.units);
    to.bylines.unshift(...s.bylines);
    segments.splice(i, 1);
    joined++;
  }
  return joined;
}

/**
 * Paragraphs given forward to a later story whose headline they tell. pdftotext reads a block of
 * a story in the next column before that story's dateline (two headlines printed together, the
 * first story's first paragraph, the second story's second, the first story's rest, then the
 * second's dateline). A paragraph inside a story, not its first, goes to a later story within
 * MAX_STORIES_BETWEEN when it shares under STRAY_AFFINITY of its own headline's character pairs,
 * while the story's other text shares OWN_STORY_AFFINITY at least (the story is that headline's),
 * and at least OWN_STORY_AFFINITY of the later story's headline's, sharing more pairs with that
 * story's text than with its own story's. It goes after the later story's dateline. Before the
 * paragraphs given back (rejoinBrokenOff), which it would otherwise draw to the wrong story.
 */
function giveForward(segments: Segment[]): number {
  let moved = 0;
  const titleOf = (s: Segment) => headlineLines(s.before).map((u) => u.text).join('');
  const titles = segments.map(titleOf);
  segments.forEach((s, i) => {
    const own = titles[i]!;
    // (A page's stories, not a book's: every paragraph of the story is weighed against the rest.)
    if (lineWidth(own) < MIN_WEIGHED_TITLE_WIDTH || s.units.length > MAX_STACKED_PARAGRAPHS) return;
    const later: number[] = [];
    for (let j = i + 1; j < Math.min(segments.length, i + 1 + MAX_STORIES_BETWEEN); j++) if (lineWidth(titles[j]!) >= MIN_WEIGHED_TITLE_WIDTH) later.push(j);
    if (!later.length) return;
    for (let k = s.units.length - 1; k >= 1; k--) {
      const p = s.units[k]!;
      if (p.kind !== 'body' || titleAffinity(own, p.text) >= STRAY_AFFINITY) continue;
      const told = later.filter((j) => titleAffinity(titles[j]!, p.text) >= OWN_STORY_AFFINITY).map((j) => segments[j]!);
      if (!told.length) continue;
      const rest = s.units.filter((u, m) => m !== k && isText(u)).map((u) => u.text).join('');
      if (titleAffinity(own, rest) < OWN_STORY_AFFINITY) continue;
      const pairs = hanBigrams(p.text);
      const withOwn = sharedCount(pairs, hanBigrams(rest));
      const to = told.find((t) => sharedCount(pairs, hanBigrams(storyText(t))) > withOwn);
      if (!to) continue;
      s.units.splice(k, 1);
      to.units.splice(to.units[0]?.kind === 'dateline' ? 1 : 0, 0, p);
      moved++;
    }
  });
  return moved;
}

/** A headline's text left open at its end, or opening with a mark: a piece of a headline, not a whole one. */
const OPEN_END = /[，：:、,；;—]$/;
const MARK_START = /^[，。：:、,；;！？!?）)”]/;

/**
 * A headline printed before another over a story that tells only the other: pdftotext reads a
 * cluster of two stories' headlines and then one story's text, the other story's text elsewhere
 * (its headline lost to it). Of a cluster's headline groups (blocks), too wide together for one
 * headline, one the story tells (OWN_STORY_AFFINITY) keeps the title; a group before it sharing
 * under STRAY_AFFINITY of its pairs with the story, whole (MIN_WEIGHED_TITLE_WIDTH wide, no mark left
 * open at either end, no word running across to the lines beside it, no lead-in after it) comes off.
 * Not a group after it: that is as often the rest of one long headline broken over blocks, its
 * last words the story's text does not repeat (…城东老街改造工程今天 / 全面完工百年老宅焕发新颜).
 */
function dropStrayHeadlines(segments: Segment[]): number {
  let dropped = 0;
  const titleOf = linesText;
  for (const s of segments) {
    const heads = titleLines(s.before);
    const groups = blockGroups(heads);
    if (groups.length < 2 || lineWidth(groups.map(titleOf).join('')) <= MAX_ONE_HEADLINE_WIDTH) continue;
    const text = storyText(s);
    const told = groups.findIndex((g) => titleAffinity(titleOf(g), text) >= OWN_STORY_AFFINITY);
    const lines = s.before!;
    for (const g of groups.slice(0, Math.max(0, told))) {
      const title = titleOf(g);
      if (titleAffinity(title, text) >= STRAY_AFFINITY || lineWidth(title) < MIN_WEIGHED_TITLE_WIDTH || OPEN_END.test(title) || MARK_START.test(title)) continue;
      const [before, after] = [lines[lines.indexOf(g[0]!) - 1], lines[lines.indexOf(g.at(-1)!) + 1]];
      if (before && restAcross(before.text, g[0]!.text, HAN_FIRST) > 0) continue;
      if (after && (restAcross(g.at(-1)!.text, after.text, HAN_FIRST) > 0 || KICKER_LEAD.test(after.text) || MARK_START.test(after.text.trim()))) continue;
      s.before = s.before!.filter((u) => !g.includes(u));
      dropped++;
    }
  }
  return dropped;
}

/**
 * Paragraphs given back to the story they break off from. An extractor that reads a page's
 * blocks out of order (pdftotext's reading order across a photo or another story's headline)
 * sets another story's paragraphs between a story's lines: the story breaks off mid-sentence,
 * and its text goes on under the other story. A paragraph of a later story goes back to an
 * earlier one whose text breaks off when it shares more of that story's words than of its own,
 * each character pair weighing one over the number of the page's stories that hold it (the words
 * that tell stories apart count most, 记者 or 今年 next to nothing); the story takes paragraphs so
 * until its text ends a sentence. On a page read out of order, the story a paragraph stands in
 * counts by its headline and the paragraphs before it only: those after it may be the rest of the
 * same misplaced run, and would claim the broken-off story's words.
 * Text read after the page's foot (a staff line, an advertisement dropped between text), after a
 * story's closing byline or after its jump note to a later page (Unit.afterEnd) is the rest of some
 * column: from there the paragraphs go back so to any story before, broken off or not, until one
 * shares more of its own story's words. On a page where some story breaks off or ends so (the
 * extractor read out of order there), a column may also have ended at a sentence's end: a
 * paragraph goes back to a story before that did not break off when it shares at least
 * STRONG_SHARED_PAIRS of that story's pairs so weighed, and STRONG_MARGIN times as many as of its
 * own story's (or of a broken-off story's that would take it). On any other page it goes back
 * on stronger evidence (IN_ORDER_SHARED_PAIRS, IN_ORDER_MARGIN times as many): every story there
 * ended a sentence where the extractor left its column, and one story's paragraphs can still stand
 * after another's start.
 */
function rejoinBrokenOff(segments: Segment[], orient: Orientation, pairs: PagePairs): number {
  // A paragraph that may go back: not one opening its story (under its headline or a jump note),
  // unless it is no opening of that story: under a headline it shares not one character pair with,
  // longer than a headline, no byline or jump note over it (another story's rest read there).
  const foreign = new Map<Unit, boolean>();
  const foreignFirst = (s: Segment) => {
    const first = s.units[0]!;
    let known = foreign.get(first);
    if (known === undefined) {
      known = orient === 'before' && foreignOpening(s, linesText(headlineLines(clusterOf(s, orient))));
      foreign.set(first, known);
    }
    return known;
  };
  const movable = (s: Segment, p: number) => s.units[p]!.kind === 'body' && (!(p === 0 && (s.before || s.after || s.jump.from)) || foreignFirst(s));
  const brokenBefore = (k: number) => segments.slice(Math.max(0, k - MAX_STORIES_BETWEEN - 1), k).some(breaksOff);
  const flagged = segments.some((s, k) => k > 0 && s.units.some((_, p) => movable(s, p)) && (brokenBefore(k) || s.units.some((u) => u.afterEnd)));
  // A page with no such sign (its stories each end a sentence, no closing byline or jump note
  // between) may still be read out of order: there a paragraph goes back on stronger evidence only.
  const [strongPairs, strongMargin] = flagged ? [STRONG_SHARED_PAIRS, STRONG_MARGIN] : [IN_ORDER_SHARED_PAIRS, IN_ORDER_MARGIN];
  // Each segment's pairs, with how many of its units (its title one) hold each; how many segments hold each.
  const counts = segments.map((s) => {
    const m = new Map<number, number>();
    for (const ids of [pairs.idsOf(clusterOf(s, orient).map((u) => u.text).join('')), ...s.units.map((u) => pairs.of(u))]) for (const b of ids) m.set(b, (m.get(b) ?? 0) + 1);
    return m;
  });
  const held = new Int32Array(pairs.size());
  for (const m of counts) for (const b of m.keys()) held[b]!++;
  const add = (k: number, ids: Int32Array, step: 1 | -1) => {
    for (const b of ids) {
      const n = (counts[k]!.get(b) ?? 0) + step;
      if (n > 0) counts[k]!.set(b, n);
      else counts[k]!.delete(b);
      if (n === 0 && step < 0) held[b]!--;
      if (n === 1 && step > 0) held[b]!++;
    }
  };
  let moved = 0;
  for (let k = 1; k < segments.length; k++) {
    const host = segments[k]!;
    let free = false; // after an end (Unit.afterEnd), paragraphs go back to any story before, not only one broken off
    // The host's own words: its headline's and those of the paragraphs before the one weighed (the
    // paragraphs after it may be the rest of the same misplaced run, holding the same story's words).
    // (Read on a page read out of order only: elsewhere the host counts by all its paragraphs.)
    const before = new Set<number>(flagged ? pairs.idsOf(clusterOf(host, orient).map((u) => u.text).join('')) : []);
    let read = 0;
    for (let p = 0; p < host.units.length; p++) {
      if (flagged) for (; read < p; read++) for (const b of pairs.of(host.units[read]!)) before.add(b);
      if (host.units[p]!.afterEnd) free = true;
      if (!movable(host, p)) continue;
      const broken: number[] = [];
      for (let j = k - 1; j >= Math.max(0, k - MAX_STORIES_BETWEEN - 1); j--) if (breaksOff(segments[j]!) || free) broken.push(j);
      const ids = pairs.of(host.units[p]!);
      // The pairs it shares with story j, each weighing one over the number of stories that hold
      // it (a pair only the paragraph holds in its story is not that story's): a pair one story
      // alone holds weighs one. On a page read out of order the host counts by its words before
      // the paragraph only; on a page read in order, by all its other paragraphs (two stories on
      // one subject, one after the other, share their words paragraph after paragraph).
      const inHost = counts[k]!;
      const hostHolds = (b: number) => (flagged ? before.has(b) : inHost.get(b)! > 1);
      const storiesHolding = new Map<number, number>();
      for (const b of ids) {
        const n = held[b]! - (inHost.has(b) ? 1 : 0) + (hostHolds(b) ? 1 : 0);
        if (n > 0) storiesHolding.set(b, n);
      }
      const sharedWith = new Map<number, number>();
      const shared = (j: number) => {
        let n = sharedWith.get(j);
        if (n === undefined) {
          n = 0;
          for (const [b, m] of storiesHolding) if (j === k ? hostHolds(b) : counts[j]!.has(b)) n += 1 / m;
          sharedWith.set(j, n);
        }
        return n;
      };
      const own = shared(k);
      let best = -1;
      for (const j of broken) if (shared(j) > own && (best < 0 || shared(j) > shared(best))) best = j;
      // A story whose text ended a sentence at a column's foot takes a paragraph only when it holds
      // far more of the paragraph's words than the story the paragraph stands in (and than the one
      // broken off, if any would take it).
      const rival = Math.max(own, best < 0 ? 0 : shared(best), 1);
      let strong = -1;
      for (let j = k - 1; j >= Math.max(0, k - MAX_STORIES_BETWEEN - 1); j--) if (shared(j) >= strongPairs && shared(j) >= strongMargin * rival && (strong < 0 || shared(j) > shared(strong))) strong = j;
      if (strong >= 0) best = strong;
      if (best < 0) {
        free = false;
        continue;
      }
      add(k, ids, -1);
      add(best, ids, 1);
      const cb = host.units[p]!.closedBy;
      if (cb !== undefined && host.bylines.includes(cb)) {
        host.bylines.splice(host.bylines.indexOf(cb), 1);
        segments[best]!.bylines.push(cb);
      }
      segments[best]!.units.push(...host.units.splice(p, 1));
      read = p;
      p--;
      moved++;
    }
  }
  for (let k = segments.length - 1; k >= 0; k--) if (!segments[k]!.units.length) segments.splice(k, 1);
  return moved;
}

/**
 * Numbers every pair of the page's headlines and paragraphs first, so that tables indexed by pair
 * are sized once (pairs.size()); each story's headline pairs, in the segments' order.
 */
function numberPairs(segments: Segment[], orient: Orientation, pairs: PagePairs): Int32Array[] {
  const titleIds = segments.map((s) => pairs.idsOf(clusterOf(s, orient).map((u) => u.text).join('')));
  for (const s of segments) for (const u of s.units) pairs.of(u);
  return titleIds;
}

/** How many stories hold each pair (their headlines' and paragraphs'), by the pairs' numbers (numberPairs). */
function storiesHolding(segments: Segment[], titleIds: Int32Array[], pairs: PagePairs): Int32Array {
  const held = new Int32Array(pairs.size());
  const seen = new Int32Array(pairs.size()).fill(-1);
  segments.forEach((s, j) => {
    const hold = (b: number) => {
      if (seen[b] !== j) [seen[b], held[b]] = [j, held[b]! + 1];
    };
    for (const b of titleIds[j]!) hold(b);
    for (const u of s.units) for (const b of pairs.of(u)) hold(b);
  });
  return held;
}

/** A run of paragraphs weighed against the stories before it is this many paragraphs long at most. */
const MAX_RUN = 12;

/**
 * A run of paragraphs given back whole. On a page read in order as far as the stories' ends show
 * (every story ends a sentence), a story's rest may still stand after another's start: the
 * extractor read a column's foot after the next story's first column. Weighed paragraph by
 * paragraph against the story it stands in (rejoinBrokenOff), each paragraph of such a run finds
 * its own words in the rest of the run, which the story it stands in holds. Here each run of
 * paragraphs after a story's opening is weighed whole: its character pairs shared with a story
 * before (within MAX_STORIES_BETWEEN), each weighing one over the number of stories that hold it
 * (the run counted as a story of its own), against those shared with its host's headline and
 * other paragraphs. The run that shares IN_ORDER_SHARED_PAIRS with an earlier story and
 * IN_ORDER_MARGIN times as many as with its host goes back to the end of that story, the run
 * that clears it by most first; the host is weighed again after.
 */
function rejoinRuns(segments: Segment[], orient: Orientation, pairs: PagePairs): number {
  const titleIds = numberPairs(segments, orient, pairs);
  const size = pairs.size();
  // Which pairs each story holds (its headline's and its paragraphs'), and how many stories hold each.
  const held = new Int32Array(size);
  const holds: Uint8Array[] = [];
  const countStory = (j: number, step: 1 | -1) => {
    if (step > 0) holds[j] = new Uint8Array(size);
    const has = holds[j]!;
    for (const ids of [titleIds[j]!, ...segments[j]!.units.map((u) => pairs.of(u))]) {
      for (const i of ids) if ((has[i] === 1) === (step < 0)) {
        has[i] = step > 0 ? 1 : 0;
        held[i]! += step;
      }
    }
  };
  segments.forEach((_, j) => countStory(j, 1));
  const inHost = new Int32Array(size);
  const inRun = new Int32Array(size);
  const inTitle = new Uint8Array(size);
  const before = new Int32Array(size);
  let moved = 0;
  for (let k = 1; k < segments.length; k++) {
    const host = segments[k]!;
    const n = host.units.length;
    if (n < 2 || n > MAX_STACKED_PARAGRAPHS) continue;
    const window = Array.from({ length: Math.min(k, MAX_STORIES_BETWEEN + 1) }, (_, d) => k - 1 - d);
    // For each of the host's pairs, how many of its parts hold it (its headline, its paragraphs)
    // and which of the stories before (a bit each).
    const parts = [titleIds[k]!, ...host.units.map((u) => pairs.of(u))];
    for (const ids of parts) for (const i of ids) inHost[i]!++;
    for (const i of titleIds[k]!) inTitle[i] = 1;
    for (const ids of parts) for (const i of ids) {
      let mask = 0;
      // (A pair the host alone holds is no other story's.)
      if (held[i]! > 1) for (let x = 0; x < window.length; x++) if (holds[window[x]!]![i]) mask |= 1 << x;
      before[i] = mask;
    }
    // No run shares more with a story before than all the paragraphs after the opening together, each pair at its most.
    const bound = window.map(() => 0);
    for (let t = 2; t <= n; t++) for (const i of parts[t]!) if (inRun[i] === 0) {
      inRun[i] = 1;
      for (let mask = before[i]!, x = 0; mask; mask >>= 1, x++) if (mask & 1) bound[x]! += 1 / held[i]!;
    }
    for (let t = 2; t <= n; t++) for (const i of parts[t]!) inRun[i] = 0;
    const reachable = Math.max(...bound) >= IN_ORDER_SHARED_PAIRS;
    let best: { j: number; from: number; to: number; score: number } | null = null;
    for (let from = 1; reachable && from < n; from++) {
      // The run [from, to) grown a paragraph at a time, its sums kept: a pair weighs one over the
      // stories that hold it (the run one of them), and changes weight when the run takes the last
      // of the host's parts that hold it.
      let own = 0;
      let titleShared = 0;
      const shared = window.map(() => 0);
      const weigh = (i: number, sign: 1 | -1) => {
        const hostHolds = inHost[i]! > inRun[i]!;
        const w = sign / (held[i]! + (hostHolds ? 1 : 0));
        if (hostHolds) own += w;
        for (let mask = before[i]!, x = 0; mask; mask >>= 1, x++) if (mask & 1) shared[x]! += w;
      };
      let to = from + 1;
      for (; to <= Math.min(n, from + MAX_RUN); to++) {
        if (host.units[to - 1]!.kind !== 'body') break;
        for (const i of parts[to]!) {
          if (inRun[i]! > 0) weigh(i, -1);
          else if (inTitle[i]) titleShared++;
          inRun[i]!++;
          weigh(i, 1);
        }
        // A run that tells its host's headline is the host's.
        if (titleIds[k]!.length > 0 && titleShared >= STRAY_AFFINITY * titleIds[k]!.length) continue;
        for (let x = 0; x < window.length; x++) {
          const sh = shared[x]!;
          if (sh >= IN_ORDER_SHARED_PAIRS && sh >= IN_ORDER_MARGIN * Math.max(own, 1) && (!best || sh - own > best.score)) best = { j: window[x]!, from, to, score: sh - own };
        }
      }
      for (let t = from + 1; t < to; t++) for (const i of parts[t]!) inRun[i] = 0;
    }
    for (const ids of parts) for (const i of ids) inHost[i] = 0;
    for (const i of titleIds[k]!) inTitle[i] = 0;
    if (!best) continue;
    const { j, from, to } = best as { j: number; from: number; to: number };
    countStory(j, -1);
    countStory(k, -1);
    segments[j]!.units.push(...host.units.splice(from, to - from));
    countStory(j, 1);
    countStory(k, 1);
    moved += to - from;
    k--;
  }
  return moved;
}

/** A paragraph goes to another story when it shares this many of that story's pairs (weighed by how many stories hold each)… */
const UNZIP_SHARED_PAIRS = 3;
/** …and this many times as many as with its own story read so far, or with any other story weighed. */
const UNZIP_MARGIN = 2;
/** Stories before a story weighed for the paragraphs read among its own… */
const UNZIP_BACK = 3;
/** …and stories after it (the paragraphs of the story after, given back with a run read among them). */
const UNZIP_AHEAD = 1;

/**
 * Two stories' paragraphs read in turn: pdftotext read two columns set side by side a paragraph
 * of each at a time, one story left with its opening, the other holding both stories' rest (or
 * a run of them given back whole to the story before, runsBack). Weighed against all of its
 * story's paragraphs, a paragraph of the other finds its own words in the other paragraphs read
 * among them (rejoinBrokenOff), so here each story is read as two grown apart: its headline and
 * opening on one side, on the other each headlined story up to UNZIP_BACK before it and
 * UNZIP_AHEAD after (all its text). In reading order each later paragraph goes to the side whose
 * words it shares, each pair weighing one over the number of stories on the page that hold it:
 * to another story when it shares UNZIP_SHARED_PAIRS with it at least and UNZIP_MARGIN times as
 * many as with its own story read so far and with any other story weighed; that story's words grow
 * by it, as its own story's grow by a paragraph that stays. (Not a dateline: it opens a story. Not
 * towards a story whose text the host's headline tells: the host may be that story's rest.)
 */
function unzipStories(segments: Segment[], orient: Orientation, pairs: PagePairs): number {
  const titleIds = numberPairs(segments, orient, pairs);
  const size = pairs.size();
  // How many stories hold each pair (as the page stood before this pass).
  const held = storiesHolding(segments, titleIds, pairs);
  const holdAll = (j: number, each: (b: number) => void) => {
    for (const b of titleIds[j]!) each(b);
    for (const u of segments[j]!.units) for (const b of pairs.of(u)) each(b);
  };
  // Which sides hold each pair while a story is read: bit 0 its own, bit x + 1 the x-th other story.
  const sides = new Uint8Array(size);
  const touched: number[] = [];
  const mark = (b: number, bit: number) => {
    if (sides[b] === 0) touched.push(b);
    sides[b]! |= bit;
  };
  let moved = 0;
  for (let k = 0; k < segments.length; k++) {
    const host = segments[k]!;
    if (host.units.length < 3 || host.units.length > MAX_STACKED_PARAGRAPHS) continue;
    const hostTitle = linesText(headlineLines(host.before));
    const others: number[] = [];
    for (let j = Math.max(0, k - UNZIP_BACK); j <= Math.min(segments.length - 1, k + UNZIP_AHEAD); j++) {
      if (j !== k && headlineLines(segments[j]!.before).length && !(hostTitle && titleAffinity(hostTitle, storyText(segments[j]!)) >= STRAY_AFFINITY)) others.push(j);
    }
    if (!others.length) continue;
    for (const b of titleIds[k]!) mark(b, 1);
    for (const b of pairs.of(host.units[0]!)) mark(b, 1);
    others.forEach((j, x) => holdAll(j, (b) => mark(b, 2 << x)));
    const goes = new Map<Unit, number>();
    const shared = others.map(() => 0);
    for (const u of host.units.slice(1)) {
      const ids = pairs.of(u);
      let mine = 0;
      shared.fill(0);
      for (const b of ids) {
        const [w, on] = [1 / held[b]!, sides[b]!];
        if (on & 1) mine += w;
        for (let x = 0; x < others.length; x++) if (on & (2 << x)) shared[x]! += w;
      }
      const best = shared.indexOf(Math.max(...shared));
      const rival = Math.max(mine, ...shared.filter((_, x) => x !== best), 1);
      const theirs = u.kind === 'body' && shared[best]! >= UNZIP_SHARED_PAIRS && shared[best]! >= UNZIP_MARGIN * rival;
      for (const b of ids) mark(b, theirs ? 2 << best : 1);
      if (theirs) goes.set(u, others[best]!);
    }
    for (const b of touched) sides[b] = 0;
    touched.length = 0;
    for (const [u, j] of goes) {
      const story = segments[j]!;
      // (A closing byline printed right after the paragraph goes with it.)
      if (u.closedBy !== undefined && host.bylines.includes(u.closedBy)) {
        host.bylines.splice(host.bylines.indexOf(u.closedBy), 1);
        story.bylines.push(u.closedBy);
      }
      story.units.push(u);
    }
    host.units = host.units.filter((u) => !goes.has(u));
    moved += goes.size;
  }
  return moved;
}

/** The rest of a paragraph after a seam goes to another story when it shares this many of that story's pairs (weighed as unzipStories weighs them)… */
const SEAM_SHARED_PAIRS = 3;
/** …and this many times as many as with its own story (the paragraph's head included) or with any other story. */
const SEAM_MARGIN = 2;

/**
 * A paragraph cleaning joined across a blank line with no word across the break (Block.seams),
 * where the two sides were too short to weigh by themselves (clean's foreignAcross), weighed in
 * its story: pdftotext left a column mid-sentence at its foot and read on in another story's. The
 * rest after the seam goes to the story within MAX_STORIES_BETWEEN whose words it shares
 * (SEAM_SHARED_PAIRS at least, each pair weighing one over the number of stories that hold it,
 * and SEAM_MARGIN times as many as with its own story, its head included, and any other); the
 * paragraph keeps its head. Not towards a story whose text the host's headline tells (the host may
 * be that story's rest). Before the passes that thread text back, which weigh the rest with the
 * paragraphs around it there.
 */
function cutSeams(segments: Segment[], orient: Orientation, pairs: PagePairs): number {
  if (!segments.some((s) => s.units.some((u) => u.seams))) return 0;
  const titleIds = numberPairs(segments, orient, pairs);
  const held = storiesHolding(segments, titleIds, pairs);
  const stamp = new Int32Array(pairs.size());
  let round = 0;
  // The weighed pairs of `tail` that story j holds: its headline's and paragraphs' (but `except`), and `extra`.
  const weigh = (tail: Int32Array, j: number, except: Unit, extra?: Int32Array) => {
    round++;
    const mark = (ids: Int32Array) => {
      for (const b of ids) stamp[b] = round;
    };
    mark(titleIds[j]!);
    for (const v of segments[j]!.units) if (v !== except) mark(pairs.of(v));
    if (extra) mark(extra);
    let w = 0;
    for (const b of tail) if (stamp[b] === round) w += 1 / held[b]!;
    return w;
  };
  let cut = 0;
  for (let k = 0; k < segments.length; k++) {
    const s = segments[k]!;
    const weighed = (u: Unit): u is Unit & { seams: number[] } => u.seams !== undefined && u.seams.length <= MAX_SEAMS && isText(u);
    if (!s.units.some(weighed)) continue;
    // (Not towards a story whose text the host's headline tells.)
    const hostTitle = linesText(headlineLines(s.before));
    const near: number[] = [];
    for (let j = Math.max(0, k - MAX_STORIES_BETWEEN); j < Math.min(segments.length, k + MAX_STORIES_BETWEEN + 1); j++) {
      if (j !== k && !(hostTitle && titleAffinity(hostTitle, storyText(segments[j]!)) >= STRAY_AFFINITY)) near.push(j);
    }
    if (!near.length) continue;
    for (let i = 0; i < s.units.length; i++) {
      const u = s.units[i]!;
      if (!weighed(u)) continue;
      let cur: Unit = u;
      for (const at of [...u.seams].reverse()) {
        const [head, tail] = [cur.text.slice(0, at), cur.text.slice(at)];
        if (!hanOnly(head) || !hanOnly(tail)) continue;
        const tailIds = pairs.idsOf(tail);
        const mine = weigh(tailIds, k, cur, pairs.idsOf(head));
        let [to, most, next] = [-1, 0, 0];
        for (const j of near) {
          const w = weigh(tailIds, j, cur);
          if (w > most) [next, to, most] = [most, j, w];
          else if (w > next) next = w;
        }
        if (to < 0 || most < SEAM_SHARED_PAIRS || most < SEAM_MARGIN * Math.max(mine, next, 1)) continue;
        cur = { ...cur, text: head, seams: undefined };
        s.units[i] = cur;
        segments[to]!.units.push({ kind: 'body', text: tail });
        cut++;
      }
    }
  }
  return cut;
}

/** A headline is weighed against stories for this many characters at least (shorter: a label, a headline's piece, too few pairs to tell). */
const MIN_WEIGHED_TITLE_WIDTH = 8;
/** Two headlines change stories when together they share this much more of each other's story's words than of their own. */
const STRAY_SWAP_MARGIN = 0.5;

/**
 * Two headlines each over the other's story (pdftotext read a page's blocks out of order: one
 * story's headline over another's dateline, and that one's over the first's): headlines of two
 * stories a few apart, each sharing few of its own story's words (less than STRAY_AFFINITY of its
 * character pairs), one telling the other story (OWN_STORY_AFFINITY at least) and together
 * clearly more of each other's than of their own, change places. A story that tells its headline
 * keeps it.
 */
function swapStrayTitles(segments: Segment[]): number {
  const titles = segments.map((x) => headlineLines(x.before).map((l) => l.text).join(''));
  // Each story's pairs, read once and only for the stories weighed.
  const textPairs = new Map<number, Set<string>>();
  const pairsOf = (k: number) => {
    let p = textPairs.get(k);
    if (!p) textPairs.set(k, (p = hanBigrams(storyText(segments[k]!))));
    return p;
  };
  const fit = (t: number, x: number) => {
    const pairs = hanBigrams(titles[t]!);
    return pairs.size ? sharedCount(pairs, pairsOf(x)) / pairs.size : 0;
  };
  // Only headlines that tell little of their own story are weighed.
  const stray = titles.map((t, k) => lineWidth(t) >= MIN_WEIGHED_TITLE_WIDTH && fit(k, k) < STRAY_AFFINITY);
  let swapped = 0;
  for (let a = 0; a < segments.length; a++) {
    for (let b = a + 1; stray[a] && b < Math.min(segments.length, a + 1 + MAX_STORIES_BETWEEN); b++) {
      if (!stray[b]) continue;
      const [own, other] = [fit(a, a) + fit(b, b), [fit(b, a), fit(a, b)] as const];
      if (Math.max(...other) < OWN_STORY_AFFINITY || other[0] + other[1] <= own + STRAY_SWAP_MARGIN) continue;
      [segments[a]!.before, segments[b]!.before] = [segments[b]!.before, segments[a]!.before];
      [titles[a], titles[b]] = [titles[b]!, titles[a]!];
      stray[a] = stray[b] = false;
      swapped++;
    }
  }
  return swapped;
}

/**
 * A column label (a tag: a short name of Han characters, 简讯, 一线观察) read among a
 * story's headline lines, after its first (a tag or a lead-in, 外贸开局良好——) and over a longer
 * headline line, is another story's: pdftotext reads the label over the next story's headline
 * before this story's headline, which it sets lower on the page. It leaves this story's title and
 * opens the next story's headline lines, unless that story has a label of its own. Not a line of
 * a headline box broken there: one a word runs across into or out of (restAcross), on the line
 * next to its neighbour's (a box set without blank lines), or one whose words the story tells
 * (isTagByWords).
 */
function passLabels(segments: Segment[]): number {
  const tagLike = (t: string) => lineWidth(t) >= 2 && lineWidth(t) <= MAX_TAG_WIDTH_READ && !/[，。！？：；、,!?:;"“”—]/.test(t);
  let passed = 0;
  segments.forEach((s, k) => {
    const heads = s.before?.filter((l) => l.kind === 'heading') ?? [];
    for (let i = 1; i + 1 < heads.length; i++) {
      const [before, t, after] = [heads[i - 1]!, heads[i]!, heads[i + 1]!];
      if (!tagLike(t.text) || !/^[\u4e00-\u9fff]+$/.test(t.text.trim()) || tagLike(after.text) || KICKER_SUB.test(after.text) || !overLonger(lineWidth(t.text), lineWidth(after.text))) continue;
      if (!((i === 1 && tagLike(before.text)) || KICKER_LEAD.test(before.text) || /(?:——|--)$/.test(before.text))) continue;
      if (onNextLine(before, t) || onNextLine(t, after) || restAcross(before.text, t.text, HAN_FIRST) > 0 || restAcross(t.text, after.text, HAN_FIRST) > 0) continue;
      if (!isTagByWords(t.text, storyText(s))) continue;
      s.before = s.before!.filter((l) => l !== t);
      const next = segments[k + 1];
      const first = next?.before?.find((l) => l.kind === 'heading');
      if (next && first && !tagLike(first.text)) next.before = [t, ...next.before!];
      passed++;
      break;
    }
  });
  return passed;
}

/**
 * A story's closing byline, in brackets after its text ((记者 张某)), ends it on this page, as a jump
 * note to a later page ((下转第3版)) does: the paragraph right after either is the rest of some
 * column the extractor read on into (Unit.afterEnd). The paragraph right before a closing byline
 * is its story's last: given back to another story, it takes the byline along (Unit.closedBy).
 */
function markEnds(units: Unit[]): void {
  units.forEach((u, i) => {
    const next = units[i + 1];
    const prev = units[i - 1]?.kind;
    if (u.kind === 'byline' && /^[（(]/.test(u.text) && (prev === 'body' || prev === 'dateline') && next?.kind === 'body') next.afterEnd = true;
    if (u.kind === 'byline' && /^[（(]/.test(u.text) && prev === 'body') units[i - 1]!.closedBy = u.text;
    if (u.kind === 'jump' && jumpOf(u.text).dir === 'to' && next?.kind === 'body') next.afterEnd = true;
  });
}

/** A dateline naming its reporters in brackets: 本报讯（记者 张某）, 新华社北京5月6日电（记者李某）. */
const DATELINE_NAMES_REPORTERS = /^.{0,24}?[（(][^）)]*(?:记者|通讯员)/;

/**
 * A story names its reporters once. A story whose dateline names them and that also holds a
 * closing byline in brackets ((记者 张某) after its text), or that holds two, holds another story's:
 * pdftotext prints a column's closing byline where it reads it, after another story's text. The
 * extra byline goes to the nearest story before it (within the six before) that names no reporters.
 */
function giveBackBylines(segments: Segment[]): number {
  const namesReporters = (s: Segment) => s.units[0]?.kind === 'dateline' && DATELINE_NAMES_REPORTERS.test(s.units[0].text);
  let moved = 0;
  segments.forEach((s, k) => {
    const closing = s.bylines.filter((b) => /^[（(]/.test(b.trim()));
    const extra = namesReporters(s) ? closing : closing.slice(1);
    for (const b of extra) {
      let j = k - 1;
      while (j >= Math.max(0, k - MAX_STORIES_BETWEEN) && (segments[j]!.bylines.length || namesReporters(segments[j]!))) j--;
      if (j < Math.max(0, k - MAX_STORIES_BETWEEN)) break;
      segments[j]!.bylines.push(b);
      s.bylines.splice(s.bylines.indexOf(b), 1);
      moved++;
    }
  });
  return moved;
}

export function split(cleaned: Cleaned, reporter?: Reporter): ArticleDraft[] {
  const units = classify(cleaned.blocks, cleaned.layout);
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
  markEnds(units);
  const orient = orientation(units);
  reporter?.info('split/orientation', `headlines ${orient} their bodies`);
  const headings = units.filter((u) => u.kind === 'heading').length;
  const segments = segment(units, orient);
  const subheadings = headings - units.filter((u) => u.kind === 'heading').length;
  if (subheadings) reporter?.info('split/subheading', `${subheadings} headline line${subheadings === 1 ? '' : 's'} kept as subheadings inside an article`);
  const distributed: Unit[][] = [];
  if (orient === 'before') distributeTitles(segments, distributed);
  for (const titles of distributed) reporter?.info('split/titles-distributed', `${titles.length} headlines printed together, one to each article under them`, titles[0]?.place);
  for (const u of units) if (u.rule) reporter?.info(u.rule, u.kind === 'info' ? `read as ${JSON.stringify(u.facts)}` : `headline: ${u.text.slice(0, 30)}`, u.place);
  const folded = orient === 'before' ? foldSubtitled(segments) : 0;
  if (folded) reporter?.info('split/subtitle-folded', `${folded} subtitle${folded === 1 ? '' : 's'} printed inside a story's text kept with that story`);
  rescueTitles(segments, orient);
  const cut = orient === 'before' ? splitByHeadlines(segments) : 0;
  if (cut) reporter?.info('split/stacked-headlines', `${cut} stor${cut === 1 ? 'y' : 'ies'} under a headline printed with another's over one run of text given the paragraphs that tell ${cut === 1 ? 'it' : 'them'}`);
  const strayRuns = orient === 'before' ? strayHeadlineRuns(segments) : 0;
  if (strayRuns) reporter?.info('split/stray-headline-text', `${strayRuns} headline${strayRuns === 1 ? '' : 's'} printed with another given the run of text elsewhere on the page that ${strayRuns === 1 ? 'tells it' : 'tells them'}`);
  const forward = orient === 'before' ? giveForward(segments) : 0;
  if (forward) reporter?.info('split/given-forward', `${forward} paragraph${forward === 1 ? '' : 's'} read before a later story's start given to that story, whose headline ${forward === 1 ? 'it tells' : 'they tell'}`);
  const lone = orient === 'before' ? joinLoneDatelines(segments) : 0;
  if (lone) reporter?.info('split/dateline-joined', `${lone} dateline paragraph${lone === 1 ? '' : 's'} read apart from ${lone === 1 ? 'its' : 'their'} story given to the story whose headline ${lone === 1 ? 'it tells' : 'they tell'}`);
  const retitled = orient === 'before' ? titleDatelineStory(segments) : 0;
  if (retitled) reporter?.info('split/headline-to-dateline', `${retitled} headline${retitled === 1 ? '' : 's'} over a paragraph that does not tell ${retitled === 1 ? 'it' : 'them'} given to the untitled story after, whose opening ${retitled === 1 ? 'tells it' : 'tells them'}`);
  const pairs = pagePairs();
  const seamsCut = orient === 'before' ? cutSeams(segments, orient, pairs) : 0;
  if (seamsCut) reporter?.info('split/seam-cut', `${seamsCut} paragraph${seamsCut === 1 ? '' : 's'} joined across a blank line cut there, ${seamsCut === 1 ? 'its rest' : 'their rests'} given to the story whose words ${seamsCut === 1 ? 'it shares' : 'they share'}`);
  const rejoined = rejoinBrokenOff(segments, orient, pairs);
  if (rejoined) reporter?.info('split/broken-off', `${rejoined} paragraph${rejoined === 1 ? '' : 's'} given back to the earlier story whose words ${rejoined === 1 ? 'it shares' : 'they share'}`);
  const runs = orient === 'before' ? rejoinRuns(segments, orient, pairs) : 0;
  if (runs) reporter?.info('split/run-given-back', `${runs} paragraph${runs === 1 ? '' : 's'} given back in runs to the earlier story whose words they share`);
  const back = orient === 'before' ? runsBack(segments) : 0;
  if (back) reporter?.info('split/run-told-back', `${back} paragraph${back === 1 ? '' : 's'} read under a later story's headline given back to the story whose headline ${back === 1 ? 'it tells' : 'they tell'}`);
  const rejoinedHeads = orient === 'before' ? joinBrokenHeadlines(segments) : 0;
  if (rejoinedHeads) reporter?.info('split/headline-rest', `${rejoinedHeads} headline${rejoinedHeads === 1 ? '' : 's'} broken inside a word between two stories joined, with the text under ${rejoinedHeads === 1 ? 'its rest' : 'their rests'}`);
  const rests = orient === 'before' ? openingsTakeRuns(segments) : 0;
  if (rests) reporter?.info('split/opening-takes-run', `${rests} stor${rests === 1 ? 'y' : 'ies'} of ${rests === 1 ? 'its' : 'their'} opening only given the run of text elsewhere on the page that tells ${rests === 1 ? 'its headline' : 'their headlines'}`);
  const unzipped = orient === 'before' ? unzipStories(segments, orient, pairs) : 0;
  if (unzipped) reporter?.info('split/unzipped', `${unzipped} paragraph${unzipped === 1 ? '' : 's'} read in turn with another story's given to the story whose words ${unzipped === 1 ? 'it shares' : 'they share'}`);
  const bylinesMoved = giveBackBylines(segments);
  if (bylinesMoved) reporter?.info('split/byline-given-back', `${bylinesMoved} closing byline${bylinesMoved === 1 ? '' : 's'} given to the story before that names no reporters`);
  const swapped = orient === 'before' ? swapStrayTitles(segments) : 0;
  const strays = orient === 'before' ? dropStrayHeadlines(segments) : 0;
  if (strays) reporter?.info('split/stray-headline', `${strays} headline${strays === 1 ? '' : 's'} printed with another over a story that tells only the other taken off its title`);
  if (swapped) reporter?.info('split/titles-swapped', `${swapped} pair${swapped === 1 ? '' : 's'} of headlines each over the other's story given back to the stories they tell`);
  const labels = orient === 'before' ? passLabels(segments) : 0;
  if (labels) reporter?.info('split/label-passed', `${labels} column label${labels === 1 ? '' : 's'} read among another story's headline lines given to the story after`);
  const drafts = segments.map((s, i) => draftOf(s, orient, i, cleaned.meta.title, segments.length === 1));
  const inBox = briefsInColumn(drafts);
  if (inBox) reporter?.info('split/briefs-column', `${inBox} brief${inBox === 1 ? '' : 's'} given the column of the brief over ${inBox === 1 ? 'it' : 'them'}`);
  const untitled = drafts.filter((d) => d.titleFrom === 'first-sentence').length;
  if (untitled) reporter?.warn('split/no-headline', `${untitled} article${untitled === 1 ? '' : 's'} without a headline: titled by the first sentence`);
  return drafts;
}

