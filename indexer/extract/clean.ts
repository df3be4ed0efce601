/**
 * clean: text blocks → readable blocks in Simplified script. Each rule is a small named
 * function with the real input it handles; clean() composes them and reports what fired.
 */
import iconv from 'iconv-lite';
import { CHAR_FILTERS } from '../../src/text/analysis.js';
import { HAN, hanBigrams, hanChars, hanOnly, isHanUnit, lineWidth, sharedCount } from '../../src/text/chars.js';
import { detectScript, toSimplified } from '../../src/text/script.js';
import { hanWordAcross, wordCoverage } from '../../src/text/segment.js';
import type { Reporter } from './diagnostics.js';
import { AD_COPY, AD_MARK, CONTACT_LINE, AUTHOR_LINE, BYLINE, DATELINE, DATELINE_START, FURNITURE_LINES, OUTLET_REPORT, OWN_REPORT, WIRE_CREDIT, HTML_REMNANT, INLINE_PINYIN, JUMP_NOTE, PARAGRAPH_END, PHOTO_CREDIT_END } from './lexicon.js';
import { readPageHeadLine, type PageHeadFacts } from './page-head.js';
import type { Block, Cleaned, Parsed, Script } from './types.js';

const SPACED_PAIR = new RegExp(`(?<=[${HAN}，。、：；！？“”])[ \\t]+(?=[${HAN}，。、：；！？“”])`, 'g');
const HAN_CHAR = new RegExp(`[${HAN}]`);
const ONLY_SPACED_HAN = new RegExp(`^\\s*[${HAN}](?: [${HAN}])+\\s*$`);
const HAN_DIGIT_SPACE = new RegExp(`(?<=[${HAN}])[ \\t]+(?=\\d)|(?<=\\d)[ \\t]+(?=[${HAN}])`, 'g');

/**
 * Letter-spaced headlines from PDF extraction ('通 关 只 用 几 秒 钟'): when most neighbouring
 * Han characters on a line are separated by a space, the spaces are layout, not words.
 */
export function collapseLetterSpacing(line: string): string {
  // Most lines have no space or tab at all: nothing to collapse (this rule ran on every line of every file).
  if (!/[ \t]/.test(line)) return line;
  const all = collapseSpacedCharacters(line);
  if (all !== line) return all;
  // Every pair of neighbouring Han characters, overlapping (五 责 and 责编 in 星期五 责编 叶梅 both count).
  let pairs = 0;
  let spaced = 0;
  for (let i = 0; i < line.length; i++) {
    if (!isHanUnit(line.charCodeAt(i))) continue;
    let j = i + 1;
    while (j < line.length && (line[j] === ' ' || line[j] === '\t')) j++;
    if (j < line.length && isHanUnit(line.charCodeAt(j))) {
      pairs++;
      if (j > i + 1) spaced++;
    }
  }
  // A short line (a line of a narrow headline box: 较 强 冷 空) qualifies only when every pair is
  // spaced; a line of two (城 东) only when it holds nothing but the two characters.
  if (pairs < 4) return (pairs >= 2 || ONLY_SPACED_HAN.test(line)) && spaced === pairs ? line.replace(SPACED_PAIR, '') : line;
  return spaced / pairs >= 0.6 ? line.replace(SPACED_PAIR, '') : line;
}

/** Share of neighbouring characters a single space separates above which a mixed line is letter-spaced. */
const SPACED_CHARACTERS = 0.65;

/**
 * Letter-spacing through Latin letters and digits too (pdf.js on a spaced headline: M a t e 2 0 X 5 G
 * 版 半 天): when most neighbouring characters of the line, of any script, stand one space apart, the
 * spaces are layout. Words of Latin text have their letters together, so a sentence never qualifies.
 */
function collapseSpacedCharacters(line: string): string {
  const chars = Array.from(line);
  let pairs = 0;
  let spaced = 0;
  for (let i = 0; i + 1 < chars.length; i++) {
    if (chars[i] === ' ') continue;
    if (chars[i + 1] !== ' ') pairs++;
    else if (chars[i + 2] !== undefined && chars[i + 2] !== ' ') {
      pairs++;
      spaced++;
    }
  }
  // A short line with Han in it qualifies only when every pair is spaced (启 “ 抖 抖).
  const qualifies = pairs >= 4 ? spaced / pairs >= SPACED_CHARACTERS : pairs >= 3 && spaced === pairs && HAN_CHAR.test(line);
  return qualifies ? line.replace(/(?<=\S) (?=\S)/g, '') : line;
}

/** Stray spaces between Han characters and digits in extracted text ('10 月 23 日' → '10月23日'); Latin words keep theirs. */
export function collapseHanDigitSpaces(line: string): string {
  return /[ \t]/.test(line) ? line.replace(HAN_DIGIT_SPACE, '') : line;
}

/**
 * The width of a body line on a hard-wrapped page: the median width of its lines, weighted by
 * their width, so the width the text is set in wins over many short lines (headlines, bylines).
 * A page whose paragraphs are single long lines has that long width: its short lines never pass
 * for column lines.
 */
export function typicalLineWidth(lines: string[]): number {
  const widths = lines.map(lineWidth).filter((w) => w >= 4).sort((a, b) => a - b);
  if (widths.length < 5) return Infinity;
  const half = widths.reduce((n, w) => n + w, 0) / 2;
  let seen = 0;
  for (const w of widths) {
    seen += w;
    if (seen >= half) return w;
  }
  return Infinity;
}

/** A column line is at least this share of the page's typical width… */
const COLUMN_MIN_RATIO = 0.75;
/** …and as wide as a neighbouring line within this ratio: justified lines come in runs of equal width. */
const COLUMN_SIMILARITY = 0.88;
/** A line this many times as wide as a narrow run's line is no line of that run. */
const FAR_WIDER = 1.6;
/** Characters a column line may differ by from its neighbour: an indent of two plus squeezed punctuation. */
const COLUMN_INDENT_TOLERANCE = 3.5;

/** Two lines this close in width as set fill the same measure. */
const SAME_MEASURE = 1.5;

/** A paragraph's first line is set in by this much at most: two characters, and a half for a squeezed mark. */
const PARAGRAPH_INDENT = 2.5;
/** …and by this much at least: two characters less a squeezed mark's half. */
const MIN_INDENT = 1.5;
/** A line opening with a word's tail: a mark or a closing bracket in its first three characters. */
const WORD_TAIL_AHEAD = /^[^，。；、：？！,;:?!]{0,2}[，。；、：？！,;:?!）)”]/;
/** True when a line opens with a word's tail (WORD_TAIL_AHEAD), spaces aside and a number counted as one character (15日，沿江… opens with a date's rest). */
const wordTailAhead = (line: string) => WORD_TAIL_AHEAD.test(line.replace(/\s+/g, '').replace(/\d+(?:\.\d+)?/g, '0'));
/** A paragraph's last line set apart (tailAlone) is at most this wide. */
const MAX_TAIL_WIDTH = 8;

/** Text on each side of a blank line this long (Han characters) at least says by its words whether it is one story's (foreignAcross). */
const MIN_WEIGHED_SIDE = 40;

/** Two stories' texts of MIN_WEIGHED_SIDE share this many character pairs at most by chance; one story's repeat more of its words. */
const MAX_FOREIGN_SHARED_PAIRS = 2;

/** A line ending at a number, a Latin letter or a colon: what follows completes it (foreignAcross). */
const LEFT_OPEN_END = /[0-9A-Za-z：:︰]$/;

/** Each side of a blank line is weighed on this many characters at most next to it (foreignAcross): a paragraph's own words stand near. */
const FOREIGN_WINDOW = 600;

/**
 * A column's paragraph crosses a blank line a few times at most (a photo, the page's foot, a box);
 * one joined across more (a file of short lines between blank ones) is no column's, and its
 * seams past this many are not recorded (Block.seams) nor weighed.
 */
export const MAX_SEAMS = 8;
const FULL_STOP_END = /。[”’」』）)]*$/;
/** Particles that end a phrase and open no sentence. */
const PARTICLE_START = /^[的了着地得们]/;
/** A photo's caption, credit included, is at most this wide. */
const MAX_CAPTION_BLOCK_WIDTH = 80;
/** A headline over its story's dateline stands in this many lines at most (a side headline wrapped in a narrow box: four). */
const MAX_HEADLINE_BLOCK_LINES = 4;

/** Equal widths up to a paragraph indent (two characters) and punctuation squeezed by justification. */
function similarWidth(a: number, b: number | undefined): boolean {
  return b !== undefined && (Math.abs(a - b) <= COLUMN_INDENT_TOLERANCE || Math.min(a, b) / Math.max(a, b) >= COLUMN_SIMILARITY);
}

/**
 * True when a line does not end its paragraph: it is a line of a justified column (as wide as a
 * neighbour) or a long line of running text (it holds punctuation), and it ends mid-sentence.
 * Headlines (short, or wider than the column and alone) do not continue.
 */
export function lineContinues(widths: number[], lines: string[], i: number, typical: number, sameBlock = false, local = typical, asSet = widths[i]!, runBroken = false): boolean {
  const line = lines[i]!;
  // A photo credit closes its caption: …集体合影。 新华社记者 李学仁 摄. A byline is a line of its own.
  if (PARAGRAPH_END.test(line) || PHOTO_CREDIT_END.test(line) || BYLINE.test(line.trim()) || !Number.isFinite(typical)) return false;
  const w = widths[i]!;
  const next = widths[i + 1];
  // A paragraph's lines are as wide as the column but its last: a line clearly narrower than the
  // line after it is no line of that paragraph (a headline over a wider text, a brief's title).
  // Widths as set: a line of many marks is no wider than one of few (setWidth).
  // A line spaced out to its measure is as wide as set (asSet), however few its characters.
  const widerFollows = next !== undefined && asSet - squeezed(line) < (next - squeezed(lines[i + 1]!)) * COLUMN_MIN_RATIO;
  // A paragraph's last line tells nothing of its column's measure: a line of no clause mark under
  // one, clearly narrower than the line after it, is not a column's line by its width (a brief's
  // headline under the brief before, as wide as that brief's last line by chance). A dateline's
  // text goes on wherever it stands.
  const measuredAbove = !(PARAGRAPH_END.test(lines[i - 1] ?? '') && widerFollows && !clauses(line) && !opensParagraph(line));
  const column = w >= typical * COLUMN_MIN_RATIO && ((measuredAbove && similarWidth(w, widths[i - 1])) || similarWidth(w, widths[i + 1]));
  // A narrow column's lines are short beside the page's, but come in runs of equal width.
  const inRun = (a: number, b: number) => similarWidth(w, widths[a]) && widths[a] !== undefined && similarWidth(widths[a]!, widths[b]);
  // Across a blank line, a run of equal short lines with no clause mark near is a headline's lines
  // beside another headline (two stacked headlines, each wrapped), not a column's text.
  const clauseNear = sameBlock || [i - 1, i, i + 1].some((k) => /[。；，、：]/.test(lines[k] ?? ''));
  const narrowColumn = clauseNear && w >= local * COLUMN_MIN_RATIO && ((similarWidth(w, widths[i - 1]) && similarWidth(w, widths[i + 1])) || inRun(i - 1, i - 2) || inRun(i + 1, i + 2));
  // A narrow column's paragraph too short to show a run (an indented first line, a full one, a
  // short last) on a page of wider columns is running text all the same: a line within an indent of
  // the lines around it, with a comma or a 、 inside, runs on. Not a headline's line, which has its
  // ！？： or runs into a line ending as a headline does (6月10日至15日，沿江 / 城西段封闭施工！).
  const runningNarrow =
    sameBlock && Number.isFinite(local) && Math.abs(w - local) <= PARAGRAPH_INDENT && /[；，、]/.test(line.slice(0, -1)) && !/[！？!?：:]/.test(line) && !/[！？!?]$/.test(lines[i + 1] ?? '');
  const running = (w >= typical * COLUMN_MIN_RATIO && /[。；，、：]/.test(line.slice(0, -1))) || runningNarrow;
  // Inside one block (no blank line between), a line about as wide as the column continues.
  // …unless the lines after it are set narrower, in a run of their own: it is a headline over their column.
  // (The run's first line may be shorter by its indent; `runBroken` when the next line ends its
  // block, alone before a blank line: the line after it stands in another block, no run with it.)
  const after = widths[i + 2];
  const runAfter = next !== undefined && !runBroken && (similarWidth(next, after) || (after !== undefined && next <= after && after - next <= PARAGRAPH_INDENT && after < w * COLUMN_MIN_RATIO && similarWidth(after, widths[i + 3])));
  const narrowerRunFollows = next !== undefined && next < w * COLUMN_MIN_RATIO && runAfter && !PARAGRAPH_END.test(lines[i + 1] ?? '');
  const inBlock = sameBlock && w >= Math.max(typical, Number.isFinite(local) ? local : 0) * COLUMN_MIN_RATIO && !narrowerRunFollows;
  // A narrow run's last line does not run into a line far wider than the run: another column's.
  const farWiderFollows = next !== undefined && next >= w * FAR_WIDER;
  // A narrower run with no clause mark is a headline box: no column's line runs into it either.
  // Across a blank line, so is a run set to one measure (its first two lines as wide as each
  // other) whose first line has no clause mark and whose second ends no sentence: a box whose
  // headline holds a comma (全市新建绿道 / 一百公里，串 / …); a column's text, of lines as wide, ends
  // its sentences and opens with its marks where they fall.
  const boxMeasure = !sameBlock && after !== undefined && Math.abs(next! - after) <= 0.5 && !PARAGRAPH_END.test(lines[i + 2] ?? '');
  const boxFollows = narrowerRunFollows && !clauses(lines[i + 1] ?? '') && (!clauses(lines[i + 2] ?? '') || boxMeasure);
  // Across a blank line, a clearly wider line is no line of this column (a headline over the next);
  // a dateline's text goes on wherever it stands.
  const widerAcross = widerFollows && !sameBlock && !opensParagraph(line);
  return (column && !boxFollows && !widerAcross) || (narrowColumn && !farWiderFollows && !boxFollows && !widerAcross) || ((running || inBlock) && !widerFollows && !narrowerRunFollows);
}

/** Lines on each side of a line whose widths tell the width of the column it stands in. */
const LOCAL_WINDOW = 6;

/**
 * The width of the column a line stands in: the median width of the lines around it. A page sets
 * its stories on different measures (a one-column story beside one over four columns), and a line
 * of a narrow column is a whole line there, however short beside the page's typical line.
 */
export function localWidth(widths: number[], i: number): number {
  const around: number[] = [];
  for (let k = Math.max(0, i - LOCAL_WINDOW); k <= Math.min(widths.length - 1, i + LOCAL_WINDOW); k++) if (widths[k]! >= 4) around.push(widths[k]!);
  if (around.length < 3) return Infinity;
  around.sort((a, b) => a - b);
  return around[Math.floor(around.length / 2)]!;
}

/** A line that opens a bracket or quote it does not close continues on the next: （记者王 / 群）. */
export function opensUnclosed(line: string): boolean {
  const opens = (line.match(/[（(“《「【]/g) ?? []).length;
  const closes = (line.match(/[）)”》」】]/g) ?? []).length;
  return opens > closes && lineWidth(line) >= 4;
}

/**
 * A line that opens with a word's last character and then a clause mark (淮、江南一带… after
 * …降温重心在江): the line before broke a word, so it runs on into this one, whatever its width.
 * A numbered item (一、 3、) opens a line of its own.
 */
const WORD_TAIL_START = new RegExp(`^[${HAN}](?<![一二三四五六七八九十])[、，]`);

export function opensWithWordTail(line: string): boolean {
  return WORD_TAIL_START.test(line);
}

/**
 * A line ending at a dash (重要的航天发射任务——) right under a line that leaves its sentence open
 * (这个月底，国内还有一次), no blank line between: running text broken after the dash, not a
 * lead-in, which stands after a paragraph's end, a label or a headline.
 */
function leadInRunningOn(prev: string, line: string): boolean {
  return /(?:——|--)$/.test(line) && !PARAGRAPH_END.test(prev) && /[，、；：,;:]/.test(prev) && !isDashedHeadlineLine(prev);
}

/**
 * A line ending in a Latin word or a number over a line that opens with one (起售价为3999 / 5G版另加价…):
 * the break fell between two words of a run, as a Latin text breaks, so the line runs on.
 */
function latinRunsOn(line: string, next: string): boolean {
  return /[A-Za-z0-9]$/.test(line) && /^[A-Za-z0-9]/.test(next);
}

/**
 * A line ending in a range's first end, a number and its unit and then 至 or 到 (5月20日至, 第3至),
 * over a line opening with a number (31日，…): the range goes on, however narrow the line (a
 * headline box broken inside its dates).
 */
function rangeRunsOn(line: string, next: string): boolean {
  return RANGE_OPEN.test(line.trim()) && /^\d/.test(next.trim());
}
const RANGE_OPEN = /\d\s*[年月日号时点]?\s*[至到～~]$/;

/** Text that goes on from a line broken off mid-sentence: a word's tail, a Latin run or a range's other end. */
export function runsOnFrom(line: string, next: string): boolean {
  return opensWithWordTail(next) || latinRunsOn(line, next) || rangeRunsOn(line, next);
}

/** A line that opens a paragraph whatever came before: a dateline, an own-report marker, a byline, a speaker's line, a subtitle. */
function opensParagraph(line: string): boolean {
  return DATELINE.test(line) || DATELINE_START.test(line) || OWN_REPORT.test(line) || BYLINE.test(line.trim()) || AUTHOR_LINE.test(line.trim()) || isDashedHeadlineLine(line);
}

/** A line that opens a story's text: a dateline or an own-report marker (新华社北京5月6日电, 本报讯). */
function opensStory(line: string): boolean {
  return DATELINE.test(line) || DATELINE_START.test(line) || OWN_REPORT.test(line);
}

/** A subtitle or a kicker is at most this wide. */
const MAX_DASHED_HEADLINE_WIDTH = 24;

/**
 * A headline's subtitle (——记者走访一线) or lead-in (稳中向好——): short, no clause inside, the dash
 * at its start or end. A line of running text broken at a dash is as wide as its column and has
 * its commas; these stand alone, though an extractor that keeps no blank lines puts them in one
 * block with the headline.
 */
function isDashedHeadlineLine(line: string): boolean {
  const t = line.trim();
  return (t.startsWith('——') || t.endsWith('——')) && lineWidth(t) <= MAX_DASHED_HEADLINE_WIDTH && !/[，。；：、,;]/.test(t);
}

/** The line under a lead-in (稳中向好——) is the headline it leads into: it does not run on into the text. */
function underLeadIn(texts: string[], j: number): boolean {
  const above = texts[j - 1];
  return above !== undefined && above.trim().endsWith('——') && isDashedHeadlineLine(above);
}

/** A column label or tag over a headline is at most this wide: 简讯, 新闻速览, 乡村振兴进行时. */
const MAX_TAG_WIDTH = 7;

/** A clause or sentence mark inside a line: what a line of text holds and a headline's lines (most often) do not. */
const clauses = (line: string) => /[，。；、,;]/.test(line);

/**
 * The line under a tag (a short label alone after a paragraph's end: 短新闻, 新闻速览) that reads as a
 * headline (no clause punctuation or narrower than a brief's one line under it, about as wide as
 * the page's text but no wider than the line after it) is the headline the tag labels: it does not
 * run on into the text, though an extractor that keeps no blank lines sets it as wide. (A headline
 * wrapped in a narrow box under a tag is joined by the narrow-run rule instead.)
 */
function underTag(texts: string[], widths: number[], j: number, typical: number, asSet: number[] = widths): boolean {
  if (isTagAt(texts, widths, j - 1, asSet)) {
    // (Or wider than a brief's whole text under it, one line of the column's width.)
    // A headline with a comma (快递小哥连升三级，单位授予特别奖) is told by its width: narrower than the
    // brief's one line under it, where a paragraph's first line is as wide as its last at least.
    const overBriefLine = widths[j + 1] !== undefined && widths[j]! < widths[j + 1]! - 1 && PARAGRAPH_END.test(texts[j + 1]!) && !PARAGRAPH_END.test(texts[j]!);
    return (!clauses(texts[j]!) || overBriefLine) && widths[j]! >= typical * COLUMN_MIN_RATIO && widths[j + 1] !== undefined && (widths[j]! <= widths[j + 1]! || (PARAGRAPH_END.test(texts[j + 1]!) && widths[j + 1]! >= typical * COLUMN_MIN_RATIO));
  }
  // Such a headline wrapped inside its quotes (全市…开展“金融知 / 识普及月…”活动): the line that
  // closes them ends it.
  const first = texts[j - 1];
  return first !== undefined && isTagAt(texts, widths, j - 2, asSet) && opensUnclosed(first) && !opensUnclosed(first + texts[j]!) && !clauses(first) && !clauses(texts[j]!);
}

/**
 * A label over a headline set in a narrow box (权威发布 / 全国城市更 / 新工作会议 / …): a tag at a
 * paragraph's start over a run of lines as wide as each other but not as it, or letter-spaced to a
 * measure wider than it, none with a clause mark. It does not run on into the box, whose lines the
 * narrow-run rule joins.
 */
function labelOverBox(texts: string[], widths: number[], j: number, asSet: number[] = widths): boolean {
  const [a, b] = [widths[j + 1], widths[j + 2]];
  if (a === undefined || b === undefined || !isTagAt(texts, widths, j, asSet)) return false;
  // A box whose lines are letter-spaced to its measure, with as many characters as the tag set
  // tight or more: the measure is wider than the tag, which is no line of it. (A box's own first
  // line fills the measure tight, its spaced lines holding fewer characters.)
  const spacedWider = asSet[j]! === widths[j]! && asSet[j + 1]! > a && asSet[j + 2]! > b && Math.max(a, b) >= widths[j]!;
  // Or a box whose first lines are as wide as each other as set, one tight, one spaced to its
  // measure (城东老街改 / 造 完 工 焕), with as many characters as the tag or more.
  const [sa, sb] = Math.max(a, b) >= widths[j]! ? [asSet[j + 1]!, asSet[j + 2]!] : [a, b];
  return (spacedWider || (Math.abs(sa - sb) <= 0.5 && Math.abs(sa - widths[j]!) >= 1)) && !clauses(texts[j + 1]!) && !clauses(texts[j + 2]!);
}

/** Line k is shaped as a tag: a short label set tight, no marks. */
function tagShaped(texts: string[], widths: number[], k: number, asSet: number[] = widths): boolean {
  const tag = texts[k]?.trim();
  // A tag is set tight: a line letter-spaced to a measure is a line of that measure's column or box.
  return tag !== undefined && asSet[k]! <= widths[k]! + 0.5 && widths[k]! >= 2 && widths[k]! <= MAX_TAG_WIDTH && !/[，。；：、！？,.;:!?“”"（）()]/.test(tag);
}

/** A tag on line k: a short label set tight, no marks, alone after a paragraph's end (or a byline, or at the top). */
function isTagAt(texts: string[], widths: number[], k: number, asSet: number[] = widths): boolean {
  if (!tagShaped(texts, widths, k, asSet)) return false;
  return k - 1 < 0 || PARAGRAPH_END.test(texts[k - 1]!.trim()) || BYLINE.test(texts[k - 1]!.trim()) || /[）)]$/.test(texts[k - 1]!.trim());
}

/**
 * Two or three phrases a space apart, no clause mark (城东老街焕发新颜 夜市今晚重新开张):
 * how a headline sets its parts; running text separates its clauses with marks, and a line
 * spaced out to its measure has a space between every pair.
 */
const TWO_PHRASES = new RegExp(`^[^\\s，。；、,;：:（）()]{3,}(?:(?<=[${HAN}”"？?！!])\\s(?=[${HAN}“"])[^\\s，。；、,;：:（）()]{3,}){1,2}$`);

/** A numbered item opens with its number and a space (第三条 各级…, （二） 加强…): text, whatever its shape. */
const NUMBERED_ITEM = /^(?:第[一二三四五六七八九十百零〇\d]+[条章节款项部分篇]|[（(]?[一二三四五六七八九十\d]+[）)、.．])/;

/** A report's credit opening its first line, a space after it: 某某网讯 北京时间…, 某某电 记者… */
const NEWS_CREDIT = /^\S{2,12}[讯电]\s/;

/** A headline under an exclamation lead-in is told from its text over this many lines at most. */
const MAX_EXCLAIMED_HEADLINE_LINES = 2;
/** A lead-in exclamation over a headline is at most this wide: 五千人报名参加！ */
const MAX_EXCLAIMED_LEAD_WIDTH = 12;

/** A short exclamation alone after a paragraph's end (五千人报名参加！): a lead-in over its headline. */
function isExclaimedLead(texts: string[], k: number): boolean {
  const t = texts[k]?.trim();
  if (!t || !/[！!]$/.test(t) || clauses(t) || lineWidth(t) > MAX_EXCLAIMED_LEAD_WIDTH) return false;
  return k === 0 || PARAGRAPH_END.test(texts[k - 1]!.trim()) || BYLINE.test(texts[k - 1]!.trim());
}

/** A dateline cut short at the end of a line goes on on the next: 新华社太原11月10日 / 电（记者…）. */
function datelineGoesOn(line: string, next: string): boolean {
  return DATELINE_START.test(line) && /^\s*[\d月日电]/.test(next);
}

/** A dateline alone on its line is followed by its reporters: 新华社喀山10月23日电 / （记者赵嫣 安淑萍）, 本报南昌8月14日讯 / （记者…）. */
function datelineAwaitsReporters(line: string, next: string): boolean {
  const whole = (DATELINE.test(line) || OWN_REPORT.test(line)) && /[电讯]$/.test(line.trim());
  return (/日电$/.test(line) || whole) && /^[（(]\s*(?:本报)?记者/.test(next);
}

/**
 * A headline's last character that an extractor set on the line of the text under it, the two
 * on one baseline (…一图看 / 懂本报讯（记者…）, …提前 / 了新华社成都8月13日电…): the character
 * goes back to the line above, and the line opens with its dateline.
 */
function moveStrayTails(lines: { text: string; block: Block; index: number }[], originals: Map<Block, string[]>): void {
  for (let k = 1; k < lines.length; k++) {
    const [above, line] = [lines[k - 1]!, lines[k]!];
    if (above.block !== line.block || PARAGRAPH_END.test(above.text) || !isHanUnit(line.text.charCodeAt(0))) continue;
    // Read with any letter-spacing taken out (场据 新 华 社 北 京…: the rest was never collapsed).
    const opens = (t: string) => {
      const u = t.replace(/\s+/g, '');
      return DATELINE.test(u) || DATELINE_START.test(u) || OWN_REPORT.test(u) || WIRE_CREDIT.test(u);
    };
    // 据新华社…电 opens as it stands: its first character is its own.
    const rest = line.text.slice(1);
    if (opens(line.text) || !(opens(rest) || boxTailBeforeText(lines, k))) continue;
    above.text += line.text[0];
    line.text = collapseLetterSpacing(rest);
    const orig = originals.get(line.block);
    if (orig && orig[line.index] !== undefined && orig[above.index] !== undefined) {
      orig[above.index] += orig[line.index]!.slice(0, 1);
      orig[line.index] = orig[line.index]!.slice(1);
    }
  }
}

/**
 * The last character of a headline set in a narrow box, on the line of the text under the box
 * (保 护 条 / 例《城市绿道保护条例》是…): the line above ends a run of box lines as narrow as each
 * other, under half the line's width, and the line's rest opens a sentence with a quote or title mark.
 */
function boxTailBeforeText(lines: { text: string; block: Block }[], k: number): boolean {
  const [a, b, line] = [lines[k - 1]!, lines[k - 2], lines[k]!];
  if (!b || b.block !== a.block) return false;
  const [wa, wb, w] = [lineWidth(a.text.replace(/\s+/g, '')), lineWidth(b.text.replace(/\s+/g, '')), lineWidth(line.text.replace(/\s+/g, ''))];
  return /^.\s*[《“「（(]/u.test(line.text) && Math.abs(wa - wb) <= 0.5 && wa <= w / 2 && !clauses(a.text) && !clauses(b.text);
}

/** Punctuation a justified Chinese line sets in half a character's width. */
const SQUEEZED = /[，。、；：？！“”‘’（）《》「」]/g;

/**
 * What a line's width loses when set: Chinese typesetting squeezes punctuation to half a character
 * in a justified line, so a line of many marks holds more characters than one of few on the same
 * measure (“快车”，小王是少数中的少 is no wider than 在一家大型企业里坐 plus its indent).
 */
function squeezed(line: string): number {
  return (line.match(SQUEEZED)?.length ?? 0) / 2;
}

/**
 * Hard line breaks from PDF extraction cut sentences and words ('霸' / '权地位'). A line that
 * does not end its paragraph (lineContinues) is joined to the next, even across a blank line;
 * so is a line that leaves a bracket open, and a dateline followed by its reporters.
 */
export function rejoinBrokenLines(blocks: Block[], typical: number): Block[] {
  const lines: { text: string; block: Block; index: number }[] = [];
  // Each block's original-script lines, split once (not once a line: a page of 200k lines was quadratic).
  const originals = new Map<Block, string[]>();
  for (const block of blocks) {
    block.text.split('\n').forEach((text, index) => lines.push({ text, block, index }));
    if (block.original !== undefined) originals.set(block, block.original.split('\n'));
  }
  moveStrayTails(lines, originals);
  const texts = lines.map((l) => l.text);
  const widths = texts.map(lineWidth);
  // Widths as set: a line whose letter-spacing was collapsed filled its measure (Block.setWidths,
  // read where it still has a width for each of the block's lines).
  const lineCounts = new Map<Block, number>();
  for (const { block } of lines) lineCounts.set(block, (lineCounts.get(block) ?? 0) + 1);
  const asSet = lines.map(({ block, index }, k) => {
    const set = block.setWidths?.length === lineCounts.get(block) ? block.setWidths![index] : undefined;
    return Math.max(widths[k]!, set ?? 0);
  });
  // A paragraph is kept as its pieces and joined once it is whole: joined piece by piece, each
  // join read the end of a string that grew with the paragraph (V8 flattens the rope it is).
  const out: { block: Block; parts: string[]; originals: string[] | null; first: number; last: number; seams: number[] }[] = [];
  // A line ending at a dash that is running text, not a lead-in (leadInRunningOn).
  const dashRunsOn = (k: number) => k >= 1 && lines[k - 1]!.block === lines[k]!.block && leadInRunningOn(texts[k - 1]!, texts[k]!);
  /** True when line j (a paragraph's) runs on into line i: a reason to, and nothing to stop it. */
  const runsInto = (j: number, i: number, runsOn: boolean): boolean => {
    const [above, text, sameBlock] = [texts[j]!, texts[i]!, lines[j]!.block === lines[i]!.block];
    // Nothing runs on into a line set in as a paragraph's first.
    if (lines[i]!.index === 0 && lines[i]!.block.indented) return false;
    if (datelineAwaitsReporters(above, text) || datelineGoesOn(above, text)) return true;
    const brokenWord = sameBlock && !PARAGRAPH_END.test(above) && (opensWithWordTail(text) || latinRunsOn(above, text) || rangeRunsOn(above, text));
    // A paragraph's first line spaced out to its measure, over a line of text set as it is, is a
    // line of that text as wide as set (the lines of a headline box are spaced out alike).
    const spacedFirst = asSet[j]! > widths[j]! && asSet[i] === widths[i] && Math.abs(asSet[j]! - widths[i]!) <= SAME_MEASURE && /[，。；、：,;:]/.test(text) && (j === 0 || PARAGRAPH_END.test(texts[j - 1]!));
    const local = localWidth(widths, j);
    const own = widths[j]!;
    // So is a line inside a paragraph's running text, spaced out because the next word (53365.53亿元,
    // iPhone) would not fit: the line above, set tight, runs into it mid-sentence. (A headline box
    // spaces every line alike.)
    const spacedInside = asSet[j]! > widths[j]! && j >= 1 && lines[j - 1]!.block === lines[j]!.block && clauses(texts[j - 1]!) && asSet[j - 1] === widths[j - 1] && !PARAGRAPH_END.test(texts[j - 1]!) && Math.abs(asSet[j]! - local) <= SAME_MEASURE;
    if (spacedFirst || spacedInside) widths[j] = asSet[j]!;
    // (A run is set together: a line alone in its block before a blank line is no narrower run.)
    const runBroken = sameBlock && lines[i + 1] !== undefined && lines[i + 1]!.block !== lines[i]!.block;
    const continues = lineContinues(widths, texts, j, typical, sameBlock, local, asSet[j], runBroken);
    widths[j] = own;
    if (tailAlone(j, i)) return true;
    const reason = continues || opensUnclosed(above) || runsOn || brokenWord;
    if (!reason) return false;
    // This line opens a paragraph; the line above is a lead-in or a label; or it is the headline under one.
    // Another outlet's report marker (某某报讯) opens a paragraph under a headline's line, not under
    // running text or a dateline, where it can be a word's rest (…（记者王某）城 / 东科技讯…).
    const outletOpens = OUTLET_REPORT.test(text) && !clauses(above) && !opensParagraph(above);
    const opens = (opensParagraph(text) || outletOpens) && !dashRunsOn(i);
    const leadIn = isDashedHeadlineLine(above) && !dashRunsOn(j);
    // (Not a line the next one goes on from inside a word: …新面貌的钥 / 匙，是… is a column's text under a lead-in read before it;
    // nor one broken inside a range, 6月1日至 / 15日，…: the headline's box goes on.)
    const headlineUnder = ((underLeadIn(texts, j) && !dashRunsOn(j - 1)) || underTag(texts, widths, j, typical, asSet)) && !opensUnclosed(above) && !(brokenWord && (opensWithWordTail(text) || rangeRunsOn(above, text)));
    // Across a blank line, a line left at a range's first end (下降5～, 第3至) goes on only into its
    // other end, a number: a block opening otherwise (a lead-in alone, 超过五万人次参与！) is what the
    // extractor read between, the range's rest further on.
    const rangeElsewhere = !sameBlock && RANGE_OPEN.test(above.trim()) && !/^[\d一二三四五六七八九十两]/.test(text.trim());
    return !rangeElsewhere && !opens && !leadIn && !labelOverBox(texts, widths, j, asSet) && !tagAlone(j, i) && !headlineUnder && !phrasedHeadline(j) && !endsExclaimedHeadline(j, i) && !overIndented(j, i) && !headlineBlockAcross(j, i) && !captionAcross(j, i) && !measureChanges(j, i);
  };
  // A paragraph's last few characters on a line of their own, ending its sentence, the last of
  // their block (…是城市更新的经典案 / 例。, …全市最受欢迎 / 的公园。): pdftotext set a text block's break
  // there, a blank line after it or before. The line above runs on into them when it is running
  // text (a clause mark), a word (jieba's) runs across the break, or they open with a particle no
  // sentence opens with (的公园。). A full stop only: a headline's last line may end in ！ or ？.
  const tailAlone = (j: number, i: number) => {
    const [above, text] = [texts[j]!, texts[i]!.trim()];
    if ((lines[j]!.block !== lines[i]!.block && lines[i]!.index !== 0) || lines[i + 1]?.block === lines[i]!.block) return false;
    if (!FULL_STOP_END.test(text) || lineWidth(text) > MAX_TAIL_WIDTH || PARAGRAPH_END.test(above) || opensParagraph(text)) return false;
    return clauses(above) || PARTICLE_START.test(text) || hanWordAcross(above.trim(), text) > 0;
  };
  // Across a blank line, running text does not go on into a tag alone in its block (…提出一项决 /
  // (blank) / 一线观察 / (blank) / 城东老街改造完工 / 本报讯…): a label over the next story's headline,
  // up to that story's opening with no sentence's end between. pdftotext reads a column to its foot,
  // its text broken off mid-sentence, and goes on with the next story's label.
  const tagAlone = (j: number, i: number) => {
    const block = lines[i]!.block;
    if (lines[j]!.block === block || lines[i]!.index !== 0 || lines[i + 1] === undefined || lines[i + 1]!.block === block) return false;
    if (!tagShaped(texts, widths, i, asSet) || opensWithWordTail(texts[i]!.trim())) return false;
    for (let k = i + 1; k < lines.length && k - i <= MAX_HEADLINE_BLOCK_LINES + 1; k++) {
      const t = texts[k]!;
      if (k > i + 1 && (opensParagraph(t) || BYLINE.test(t.trim()))) return true;
      if (PARAGRAPH_END.test(t)) return false;
    }
    return false;
  };
  // Across a blank line, a line of a run set on one measure does not go on into a run set on
  // another, two lines each (a headline box's lines over a wider column's text, or a column's text
  // over a narrower box with no clause mark): a column keeps its measure from one paragraph to the
  // next. Not where the line after opens with a word's tail (…沿街老宅修 / 缮，街巷…): the text goes on
  // whatever its measure.
  const measureChanges = (j: number, i: number) => {
    if (lines[j]!.block === lines[i]!.block || lines[j - 1]?.block !== lines[j]!.block || lines[i + 1]?.block !== lines[i]!.block) return false;
    const [wj, wp, wi, wn] = [asSet[j]!, asSet[j - 1]!, asSet[i]!, asSet[i + 1]!];
    if (Math.abs(wj - wp) > 1 || opensWithWordTail(texts[i]!) || wordTailAhead(texts[i]!)) return false;
    const [before, after] = [Math.max(wj, wp), Math.max(wi, wn)];
    // (A narrower run with its clause marks is text going on in a narrower column.)
    if (after < before && (clauses(texts[i]!) || clauses(texts[i + 1]!))) return false;
    return Math.abs(after - before) > PARAGRAPH_INDENT;
  };
  // Across a blank line, running text does not go on into a photo's caption: a block whose lines,
  // joined, end with a photo credit (市民在活动现场参观。通讯员 某 / 某某 摄). pdftotext reads a column's
  // text to where a photo cuts it, then the caption, then the column's rest.
  const captionAcross = (j: number, i: number) => {
    const block = lines[i]!.block;
    if (lines[j]!.block === block || lines[i]!.index !== 0) return false;
    const own = block.text.split('\n');
    const caption = own.join('');
    return lineWidth(caption) <= MAX_CAPTION_BLOCK_WIDTH && PHOTO_CREDIT_END.test(caption) && !own.slice(0, -1).some((l) => PARAGRAPH_END.test(l));
  };
  // Across a blank line, running text does not go on into a headline: a block of up to three lines,
  // each far narrower than the text and none ending a sentence, over the dateline or byline that
  // opens its story (…沿线商户 / (blank) / 城东老街改造工程 / 今天全面完工 / 本报讯…). pdftotext reads
  // a column to its foot and goes on with the next story's headline; the threading after an end
  // gives the text that follows back to the story it broke off from (rejoinBrokenOff).
  const headlineBlockAcross = (j: number, i: number) => {
    const block = lines[i]!.block;
    if (lines[j]!.block === block || lines[i]!.index !== 0) return false;
    // In a narrow column a headline is as wide as the text: under a block that is a headline too
    // (up to MAX_HEADLINE_BLOCK_LINES lines of no clause mark and no end, after a paragraph's end:
    // two headlines printed together over the first one's dateline), width tells nothing, and a
    // block of lines with no clause mark is the second headline.
    let from = j;
    while (from > 0 && lines[from - 1]!.block === lines[j]!.block) from--;
    // Whatever their width and marks, lines that end no sentence right over a story's opening (a
    // byline of its own, 记者 王某, not a closing one in brackets; a dateline) are its headline: a
    // column's text ends its sentence before another story opens under it.
    for (let k = i; k < lines.length && k - i < MAX_HEADLINE_BLOCK_LINES && lines[k]!.block === block && !PARAGRAPH_END.test(texts[k]!); k++) {
      const under = texts[k + 1]?.trim();
      if (under !== undefined && lines[k + 1]!.block === block && ((BYLINE.test(under) && !/^[（(]/.test(under)) || opensStory(under))) return true;
    }
    const underHeadline = j - from < MAX_HEADLINE_BLOCK_LINES && texts.slice(from, j + 1).every((t) => !clauses(t) && !PARAGRAPH_END.test(t)) && (from === 0 || PARAGRAPH_END.test(texts[from - 1]!));
    for (let k = i; k < lines.length && k - i <= MAX_HEADLINE_BLOCK_LINES; k++) {
      const t = texts[k]!;
      if (k > i && (opensParagraph(t) || BYLINE.test(t.trim()))) return true;
      // (The story's text may open the next block: a blank line under the headline, or its first line set in.)
      if (lines[k]!.block !== block) return false;
      if (PARAGRAPH_END.test(t) || (underHeadline ? clauses(t) : widths[k]! >= widths[j]! * COLUMN_MIN_RATIO)) return false;
    }
    return false;
  };

  // A line of no clause mark over a paragraph's indented first line is a headline's last line
  // (城东老街改造何时完工？ / 住建部门回应称年底前完工 over 　　记者从…): a column sets a paragraph's first line in
  // by two characters (less a half for a squeezed mark, or more), so a line narrower than the two
  // lines after it, as wide as each other, by that much opens a paragraph, and the line above it
  // does not run into it. Not where that line is a column's own: one opening with a word's tail
  // (…修 / 缮一新。沿…, a mark or a closing bracket in its first three characters), a dateline's
  // reporters, the first line of a story's text under its byline or a lead-in's dash, or a line of
  // running text under a line of it (its clause mark and no end).
  const overIndented = (j: number, i: number) => {
    const [above, text, before] = [texts[j]!, texts[i]!, texts[j - 1] ?? ''];
    const block = lines[i]!.block;
    if (clauses(above) || lines[i + 1]?.block !== block || lines[i + 2]?.block !== block) return false;
    if (PARAGRAPH_END.test(text) || PARAGRAPH_END.test(texts[i + 1]!) || wordTailAhead(text) || opensParagraph(above) || opensUnclosed(above)) return false;
    const underText = j > 0 && lines[j - 1]!.block === lines[j]!.block && ((clauses(before) && !PARAGRAPH_END.test(before)) || opensParagraph(before));
    if (underText || BYLINE.test(before.trim()) || /(?:——|--)$/.test(before)) return false;
    // (A line spaced out to the measure is as wide as set: a full line, not an indented one.)
    const [w, w1, w2] = [asSet[i]!, widths[i + 1]!, widths[i + 2]!].map((width, k) => width - squeezed(texts[i + k]!)) as [number, number, number];
    return Math.abs(w1 - w2) <= 1 && Math.min(w1, w2) - w >= MIN_INDENT && Math.max(w1, w2) - w <= PARAGRAPH_INDENT + 0.5;
  };

  // The headline under a short exclamation (五千人报名参加！ / 城东老街焕 / 发新颜), one or two lines
  // with no clause mark and no end, stops before a line of text as wide as its last, with a clause
  // mark (not one that opens with a word's or a number's rest: 6月10日至15 / 日，沿江高速… is one headline).
  const endsExclaimedHeadline = (j: number, i: number) => {
    if (!clauses(texts[i]!) || widths[i]! < widths[j]! || opensWithWordTail(texts[i]!) || latinRunsOn(texts[j]!, texts[i]!)) return false;
    for (let k = j; k >= Math.max(1, j - MAX_EXCLAIMED_HEADLINE_LINES + 1); k--) {
      const t = texts[k]!;
      if (clauses(t) || PARAGRAPH_END.test(t) || BYLINE.test(t.trim()) || lines[k]!.block !== lines[j]!.block) return false;
      if (isExclaimedLead(texts, k - 1)) return true;
    }
    return false;
  };
  // A headline of two phrases a space apart, alone after a paragraph's end, over text at least as
  // wide (a line with a clause mark, or a paragraph's opening: not the headline's own next line).
  const phrasedHeadline = (j: number) =>
    TWO_PHRASES.test(texts[j]!) && !NUMBERED_ITEM.test(texts[j]!) && !opensParagraph(texts[j]!) && !NEWS_CREDIT.test(texts[j]!) && (j === 0 || lines[j - 1]!.block !== lines[j]!.block || PARAGRAPH_END.test(texts[j - 1]!)) && widths[j + 1] !== undefined && widths[j + 1]! >= widths[j]! * COLUMN_MIN_RATIO && (clauses(texts[j + 1]!) || opensParagraph(texts[j + 1]!));
  // Across a blank line, a paragraph does not run on into a block of another story's text: the
  // two, each MIN_WEIGHED_SIDE long at least, share MAX_FOREIGN_SHARED_PAIRS character pairs at
  // most and no word runs across the break. pdftotext left a column mid-sentence at its foot (a
  // photo, a box) and read on in another story's; two pieces of one story repeat its words (its
  // names, its subject), a column's rest goes on with the sentence however it reads. A dateline
  // awaiting its reporters goes on wherever it stands.
  const foreignAcross = (parts: string[], j: number, i: number) => {
    if (lines[j]!.block === lines[i]!.block || datelineAwaitsReporters(texts[j]!, texts[i]!) || datelineGoesOn(texts[j]!, texts[i]!)) return false;
    // A line left at a number or a Latin word goes on with its unit or its rest (接待游客1200 / 余人次,
    // 型号 GX / 20), one left at a colon with what is said, whatever their words.
    if (LEFT_OPEN_END.test(texts[j]!.trim())) return false;
    const after = hanOnly(lines[i]!.block.text.slice(0, FOREIGN_WINDOW));
    if (after.length < MIN_WEIGHED_SIDE) return false;
    let k = parts.length;
    for (let n = 0; k > 0 && n < FOREIGN_WINDOW; ) n += parts[--k]!.length;
    const before = hanOnly(parts.slice(k).join('').slice(-FOREIGN_WINDOW));
    if (before.length < MIN_WEIGHED_SIDE || hanWordAcross(texts[j]!.trim(), texts[i]!) > 0) return false;
    return sharedCount(hanBigrams(before), hanBigrams(after)) <= MAX_FOREIGN_SHARED_PAIRS;
  };
  // The paragraph a caption cut (its index in out, its last line), while the caption is read.
  let cut: { at: number; j: number; caption: Block } | null = null;
  // The paragraph the line before went into: the last one, or the one a caption cut.
  let current = -1;
  lines.forEach(({ text, block, index }, i) => {
    let prev = out[current];
    const j = i - 1;
    // The rest of a line after a jump note is shorter than the column by the note: it runs on all the same.
    const runsOn = lines[j]?.block.runsOn === true && lines[j]!.index === 0 && lines[j]!.block === block && !PARAGRAPH_END.test(texts[j]!);
    const paragraphs = prev !== undefined && j >= 0 && prev.block.kind === 'paragraph' && block.kind === 'paragraph' && lines[j]!.block.kind === 'paragraph';
    let joins = paragraphs && runsInto(j, i, runsOn) && !foreignAcross(prev!.parts, j, i);
    // Past a caption that cut a paragraph, the column's rest runs on into the paragraph before it.
    if (!joins && cut && index === 0 && lines[j]?.block === cut.caption && block.kind === 'paragraph' && runsInto(cut.j, i, false)) {
      [prev, current, joins] = [out[cut.at]!, cut.at, true];
    }
    if (paragraphs && !joins && captionAcross(j, i)) cut = { at: current, j, caption: block };
    else if (index === 0 && lines[j]?.block !== cut?.caption) cut = null;
    const original = originals.get(block)?.[index];
    if (joins) {
      // (A join across a blank line with no word across is a seam: the extractor may have left a column there, Block.seams.)
      if (lines[j]!.block !== block && prev!.seams.length <= MAX_SEAMS && hanWordAcross(texts[j]!.trim(), text) === 0) prev!.seams.push(prev!.parts.length);
      prev!.parts.push(text);
      prev!.last = i;
      if (prev!.originals && original !== undefined) prev!.originals.push(original);
    } else {
      current = out.length;
      const first: Block = { kind: block.kind, text: '', line: block.line ? block.line + index : 0, ...(block.afterFurniture && index === 0 ? { afterFurniture: true } : {}), ...(block.runsOn && index === 0 ? { runsOn: true } : {}), ...(block.indented && index === 0 ? { indented: true } : {}) };
      out.push({ block: first, parts: [text], originals: original !== undefined ? [original] : null, first: i, last: i, seams: [] });
    }
  });
  // A line left alone keeps its width as set (a headline box's line spaced out to its measure).
  const setWidth = (parts: string[], k: number) => (parts.length === 1 && asSet[k]! > widths[k]! ? { setWidths: [asSet[k]!] } : {});
  // A paragraph that opens under a paragraph's end in its column, runs full lines with its clause
  // marks and stops mid-sentence at a full line before a blank (not over a dateline) broke off where
  // the extractor left its column (a photo, the page's foot): it is text, never a headline.
  const wraps = (parts: string[], first: number, last: number) => {
    const [t, block] = [texts[last]!, lines[last]!.block];
    if (parts.length < 2 || lines[last - 1]?.block !== block || lines[last + 1]?.block === block || opensParagraph(texts[last + 1] ?? '')) return false;
    if (lines[first - 1]?.block !== lines[first]!.block || !PARAGRAPH_END.test(texts[first - 1]!)) return false;
    return !PARAGRAPH_END.test(t) && parts.some(clauses) && similarWidth(widths[last]!, widths[last - 1]) && widths[last]! >= localWidth(widths, last) * COLUMN_MIN_RATIO;
  };
  // Where each joined part starts in the paragraph's text: a seam is where its part starts.
  const joined = (parts: string[], seams: number[]) => {
    if (!seams.length) return { text: joinParts(parts) };
    const starts: number[] = [];
    const text = joinParts(parts, starts);
    return { text, seams: seams.map((k) => starts[k]!) };
  };
  return out.map(({ block, parts, originals: orig, first, last, seams }) => ({ ...block, ...joined(parts, seams), ...(last > first && block.line && lines[last]!.block.line ? { lastLine: lines[last]!.block.line + lines[last]!.index } : {}), ...(orig ? { original: joinParts(orig) } : {}), ...setWidth(parts, first), ...(block.kind === 'paragraph' && wraps(parts, first, last) ? { wraps: true } : {}) }));
}

/** The last word of a line of a reporters' list, its role (记者, 通讯员) taken off: （记者何 → 何. */
function lastName(tail: string): string {
  return (/[\u4e00-\u9fff]+$/.exec(tail)?.[0] ?? '').replace(/^(?:首席|特派|特约|见习|实习)?(?:记者|通讯员|实习生)/, '');
}
const WHOLE_NAME_AT_END = /^[\u4e00-\u9fff]{2,4}$/;

/** A list of reporters left open at the end of a line: （记者王某 / 李某）. */
const OPEN_REPORTER_LIST = /[（(][^（）()]*记者[^（）()]*$/;

/**
 * Lines of one paragraph joined: two Latin words keep a space between them; Chinese text joins
 * without one, except inside a list of reporters' names where whole names stand on both sides of
 * the break: it stood for the space between them (extractors drop a space at the end of a line).
 */
function joinParts(parts: string[], starts?: number[]): string {
  if (parts.length === 1) return parts[0]!;
  const pieces: string[] = [];
  let tail = ''; // the text joined so far ends as this piece does
  let length = 0;
  for (const part of parts) {
    const latin = /[A-Za-z0-9]$/.test(tail) && /^[A-Za-z0-9]/.test(part);
    // Two whole names at the break (吴某某 / 金某), not one name broken in two (胡 / 某某).
    const names = OPEN_REPORTER_LIST.test(tail) && WHOLE_NAME_AT_END.test(lastName(tail)) && /^[\u4e00-\u9fff]{2,4}(?:[\s、，）)]|$)/.test(part);
    const piece = latin || names ? ` ${part}` : part;
    starts?.push(length);
    pieces.push(piece);
    length += piece.length;
    if (part) tail = part;
  }
  return pieces.join('');
}

/** Removes pinyin a scraper put after characters ('學(xué)習' → '學習'), and its remains after a mojibake '?'. */
export function stripInlinePinyin(line: string): string {
  return line.replace(INLINE_PINYIN, '').replace(/\?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\s*[)）]/g, (m) => (/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/.test(m) ? '' : m));
}

/**
 * A character of GB2312's first level: the 3,755 most frequent Hanzi (lead bytes B0–D7), checked
 * on its Simplified form. Nearly all of news text is; a garbled run is, by chance, far less.
 */
function isFrequentHan(ch: string): boolean {
  const bytes = iconv.encode(toSimplified(ch), 'gb2312');
  return bytes.length === 2 && bytes[0]! >= 0xb0 && bytes[0]! <= 0xd7;
}

/** Share of Han characters among the frequent ones. */
export function commonness(text: string): number {
  const han = hanChars(text);
  if (han.length === 0) return 0;
  return han.filter(isFrequentHan).length / han.length;
}

/** A mojibake run is at least this long; a shorter one after a '?' is ordinary text. */
const MIN_MOJIBAKE_RUN = 3;
/** Share of frequent characters a repaired run must reach. */
const MIN_REPAIRED_COMMONNESS = 0.8;
/** Pinyin a scraper added after the '?' of a lost byte: '?lài)'. */
const PINYIN_AFTER_MARK = /^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[1-5]?\s*[)）]/;

function gbkEncodable(ch: string): boolean {
  const bytes = iconv.encode(ch, 'gbk');
  return !(bytes.length === 1 && bytes[0] === 0x3f);
}

/** Common characters count for a reading, rare ones and Latin letters stranded among Han characters against it. */
function readability(text: string): number {
  const han = hanChars(text);
  const common = han.filter(isFrequentHan).length;
  const stray = text.match(new RegExp(`(?<=[${HAN}])[A-Za-z](?=[${HAN}]|$)`, 'g'))?.length ?? 0;
  return common - (han.length - common) - stray;
}

/** Full-width form of a printable ASCII character: scrapers make 'Ｍ' and '！' half-width after the damage. */
function toFullWidth(ch: string): string {
  const c = ch.charCodeAt(0);
  return c > 0x20 && c < 0x7f ? String.fromCharCode(c + 0xfee0) : ch;
}

function decodeShifted(run: string[], resync: string): string | null {
  const bytes = Buffer.concat([iconv.encode(run.map(toFullWidth).join(''), 'gbk'), Buffer.from(resync, 'latin1')]);
  let text = iconv.decode(bytes.subarray(1), 'gbk');
  // A last lead byte whose partner was lost: drop it.
  if (text.endsWith('\ufffd')) text = text.slice(0, -1);
  return text.includes('\ufffd') ? null : text;
}

/** Share of dictionary words (segment.wordCoverage) at most in what a repair replaces: more is words someone wrote. */
const MAX_GARBLED_COVERAGE = 0.34;
/** How much more of the line must be dictionary words once repaired. */
const MIN_COVERAGE_GAIN = 0.15;
/** Share of dictionary words below which an unrepairable run is garbage to drop. */
const MAX_DROPPED_COVERAGE = 0.2;

/** Dictionary-word coverage of a text in Simplified script (the dictionary's). */
const coverageOf = (text: string) => wordCoverage(toSimplified(text));

/**
 * Mojibake from UTF-8 pages whose GBK bytes were read one byte out of step: a lost byte shows
 * as '?', then every character is made of the second byte of one original character and the
 * first of the next, until an ASCII byte brings the reader back in step ('?!霸坪嫌啊' for
 * '。“云合影'). The run is re-encoded as GBK, shifted back by one byte and decoded again.
 *
 * Repaired only on strong evidence, as a '?' beside correct text is common (`Blog Worth?看看…`,
 * `=?》Against`, page script `?"MSIE"`): the stretch it replaces must not read as words (little
 * of it in jieba's dictionary), the repaired line must read as words clearly better than before,
 * and the repair must be made of frequent characters. A run that reads as garbage and cannot be
 * repaired is dropped; anything else is left exactly as it is.
 */
export function repairMojibake(line: string): { text: string; repaired: number; dropped: number } {
  let out = '';
  let repaired = 0;
  let dropped = 0;
  const chars = Array.from(line);
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '?') {
      out += chars[i];
      continue;
    }
    let j = i + 1;
    const pinyin = PINYIN_AFTER_MARK.exec(chars.slice(j, j + 12).join(''));
    if (pinyin) j += Array.from(pinyin[0]).length;
    const start = j;
    // The run: characters GBK can encode; ASCII punctuation only first (a '！' made half-width).
    while (j < chars.length && gbkEncodable(chars[j]!) && (/[\p{L}\p{N}]/u.test(chars[j]!) || chars[j]!.charCodeAt(0) > 0x7f || j === start) && !/\s/.test(chars[j]!)) j++;
    const run = chars.slice(start, j);
    const before = commonness(run.join(''));
    // Text after a real question mark starts with a letter or digit; a garbled run never does.
    if (/^[A-Za-z0-9]/.test(run[0] ?? '')) {
      out += '?';
      continue;
    }
    // Where the reader came back in step is unknown: at an ASCII letter inside the run (a byte
    // below 0x80) or at its end. Each candidate is judged with the rest of the run left as it is.
    let best: { text: string; end: number; score: number } | null = null;
    const whole = run.join('');
    for (let k = MIN_MOJIBAKE_RUN; k <= run.length; k++) {
      const garbled = run.slice(0, k).join('');
      if (coverageOf(garbled) > MAX_GARBLED_COVERAGE) continue;
      const last = run[k - 1]!;
      const rest = run.slice(k).join('');
      const candidates: [string[], string][] = [[run.slice(0, k), '']];
      if (/^[\x40-\x7e]$/.test(last)) candidates.push([run.slice(0, k - 1), last]);
      for (const [body, resync] of candidates) {
        const text = decodeShifted(body, resync);
        if (text === null || commonness(text) < MIN_REPAIRED_COMMONNESS) continue;
        if (coverageOf(text + rest) < coverageOf(whole) + MIN_COVERAGE_GAIN) continue;
        const score = readability(text + rest);
        // Among equal readings the longer one wins: it consumed the resync byte.
        if (!best || score >= best.score) best = { text, end: k, score };
      }
    }
    if (best && best.score <= readability(whole)) best = null;
    if (best) {
      out += best.text;
      repaired++;
      i = start + best.end - 1;
    } else if (hanChars(whole).length >= MIN_MOJIBAKE_RUN && before < 0.6 && coverageOf(whole) < MAX_DROPPED_COVERAGE) {
      // Unrepairable garbage: dropped rather than indexed.
      dropped++;
      i = j - 1;
    } else {
      out += '?';
    }
  }
  return { text: out, repaired, dropped };
}

/** The furniture rule a whole line matches, if any. */
export function furnitureRule(line: string): string | null {
  const text = line.trim().replace(/^[-*•·]\s+/, '');
  for (const { rule, pattern } of FURNITURE_LINES) if (pattern.test(text)) return rule;
  return null;
}

/**
 * A cleaning rule on one line: its id (the diagnostic's rule), what real input it handles, and
 * what it makes of a line: the line changed, the same line when it does not apply, or null to
 * drop the line. `quiet` rules normalise (runs of spaces) and are not reported.
 */
export interface LineRule {
  id: string;
  handles: string;
  apply: (line: string) => string | null;
  quiet?: boolean;
}

/** Repairs that must see the text as it came, before script conversion changes characters: the chain, in order. */
export const REPAIR_RULES: readonly LineRule[] = [
  // The analysis chain's char filters (src/text/analysis.ts), as queries get them; invisible characters are too common to report.
  ...CHAR_FILTERS.map((f): LineRule => ({ id: `clean/${f.id}`, handles: f.handles, apply: f.apply, ...(f.id === 'invisible' ? { quiet: true } : {}) })),
  { id: 'clean/mojibake', handles: 'GBK bytes of a UTF-8 page read one byte out of step: ?!霸坪嫌啊 for 。“云合影', apply: (l) => (l.includes('?') ? repairMojibake(l).text : l) },
  { id: 'clean/inline-pinyin', handles: 'pinyin a scraper put after characters: 學(xué)習, 发(fa1)展', apply: stripInlinePinyin },
  { id: 'clean/html-remnant', handles: "tags and halves of tags a damaged scrape leaves: </p>, /p>, ?!?", apply: (l) => l.replace(HTML_REMNANT, '') },
];

/** Rules on Simplified text, in order: page furniture (each its own rule, the line dropped), then spacing. */
/** An advertisement's marker at a line's end, four spaces or more after its text. */
const AD_MARK_BESIDE = /(\S)[ \t]{4,}[（(【\[]?[ \t]*广[ \t]*告[ \t]*[）)】\]]?[ \t]*$/;

export const TIDY_RULES: readonly LineRule[] = [
  ...FURNITURE_LINES.map(({ rule, pattern }): LineRule => ({
    id: rule,
    handles: pattern.source,
    apply: (l) => (pattern.test(l.trim().replace(/^[-*•·]\s+/, '')) ? null : l),
  })),
  // An advertisement's marker that a laid-out page set on a row of another column, far to its right
  // (…对接任务      广告): the marker has no column of its own (two characters) and would run into the line.
  { id: 'clean/ad-marker-beside', handles: "an advertisement's marker beside another column's line: 对接任务      广告", apply: (l) => l.replace(AD_MARK_BESIDE, '$1') },
  { id: 'clean/spaces', handles: 'runs of spaces and tabs', apply: (l) => l.replace(/[ \t]+/g, ' ').trim(), quiet: true },
  { id: 'clean/letter-spacing', handles: 'letter-spaced headlines of PDF extraction: 通 关 只 用 几 秒 钟', apply: collapseLetterSpacing },
  { id: 'clean/han-digit-spaces', handles: 'spaces between Han characters and digits: 10 月 23 日', apply: collapseHanDigitSpaces },
];

/** Firings of one rule reported one by one, at most, per file; then one diagnostic counts the rest. */
const MAX_PLACED_FIRINGS = 50;

/** Reports rule firings with their place, the first MAX_PLACED_FIRINGS of each rule, then a count. */
class Firings {
  private readonly counts = new Map<string, number>();
  constructor(private readonly reporter: Reporter) {}
  fire(rule: string, reason: string, place: string): void {
    const n = (this.counts.get(rule) ?? 0) + 1;
    this.counts.set(rule, n);
    if (n <= MAX_PLACED_FIRINGS) this.reporter.info(rule, reason, place);
  }
  finish(): void {
    for (const [rule, n] of this.counts) if (n > MAX_PLACED_FIRINGS) this.reporter.info(rule, `${n - MAX_PLACED_FIRINGS} more lines`);
  }
}

/** Runs a chain of rules on a line: the line as they leave it, or null when one drops it. */
export function applyRules(rules: readonly LineRule[], line: string, fire: (rule: LineRule, dropped: boolean) => void): string | null {
  let text = line;
  for (const rule of rules) {
    const next = rule.apply(text);
    if (next === null) {
      fire(rule, true);
      return null;
    }
    if (next !== text && !rule.quiet) fire(rule, false);
    text = next;
  }
  return text;
}

/** Where a line of a block stands: its line in the file, or the block's element path (HTML). */
function placeOf(block: Block, index: number): string {
  if (block.line) return `${block.line + index}:1`;
  return index ? `${block.place ?? 'block'} line ${index + 1}` : (block.place ?? 'block');
}

/** The repair rules on every line of a block; a dropped line leaves an empty one (script conversion keeps lines in step). */
function repairBlock(block: Block, firings: Firings): Block {
  const lines = block.text.split('\n').map((line, i) => applyRules(REPAIR_RULES, line, (rule) => firings.fire(rule.id, 'repaired', placeOf(block, i))) ?? '');
  return { ...block, text: lines.join('\n') };
}

/**
 * The tidy rules on a block's lines. Jump notes leave the text but stay as blocks of their own:
 * they mark where an article breaks off to another page.
 */
function tidyBlock(block: Block, firings: Firings, pageLines = false): Block[] {
  const out: Block[] = [];
  // The original-script lines follow every decision taken on the Simplified ones.
  const originals = block.original?.split('\n');
  const lockstep = originals !== undefined && originals.length === block.text.split('\n').length;
  let lines: string[] = [];
  let origLines: string[] = [];
  let setWidths: number[] = [];
  let runsOn = false;
  const flush = () => {
    // Lines tidied away at the block's edges go with their widths, so the rest stay one to one.
    const [from, to] = [lines.findIndex((l) => l.trim() !== ''), lines.findLastIndex((l) => l.trim() !== '') + 1];
    [lines, setWidths, origLines] = from < 0 ? [[], [], []] : [lines.slice(from, to), setWidths.slice(from, to), origLines.slice(from, to)];
    const text = lines.join('\n').trim();
    const marks = runsOn ? { runsOn } : {};
    // The widths as set, where a collapsed line's differs and the lines are still one to one.
    const widths = setWidths.some((w, k) => w !== lineWidth(lines[k]!)) && text.split('\n').length === lines.length ? { setWidths } : {};
    if (text) out.push(lockstep ? { ...block, ...marks, ...widths, text, original: origLines.join('\n').trim() } : { ...block, ...marks, ...widths, text, original: undefined });
    lines = [];
    origLines = [];
    setWidths = [];
    runsOn = false;
    // (Only the block's first line was set in.)
    if (text && block.indented) {
      const { indented: _first, ...rest } = block;
      block = rest;
    }
  };
  // A line whose letter-spacing was collapsed took its spaced width as set.
  const widthAsSet = (raw: string, tidied: string) => (raw.replace(/\s+/g, '') === tidied.replace(/\s+/g, '') ? Math.max(lineWidth(raw.trim()), lineWidth(tidied)) : lineWidth(tidied));
  const tidy = (text: string, i: number, report: boolean) =>
    applyRules(TIDY_RULES, text, (rule, dropped) => report && firings.fire(rule.id, dropped ? 'line dropped' : 'collapsed', placeOf(block, i)));
  block.text.split('\n').forEach((raw, i) => {
    let line = raw;
    let orig = lockstep ? originals[i]! : raw;
    if (tidy(line, i, false) === null) {
      tidy(line, i, true);
      return;
    }
    const jump = JUMP_NOTE.exec(line);
    if (jump) {
      firings.fire('clean/jump-note', `${jump[0]} kept as a page jump`, placeOf(block, i));
      const before = tidy(line.slice(0, jump.index), i, true) ?? '';
      lines.push(before);
      setWidths.push(lineWidth(before));
      origLines.push(tidy(orig.slice(0, jump.index), i, false) ?? '');
      flush();
      out.push({ kind: 'jump', text: `（${jump[1]!.replace(/\s+/g, '')}第${jump[2]}版）`, line: block.line });
      line = line.slice(jump.index + jump[0].length);
      orig = orig.slice(jump.index + jump[0].length);
      // Text after a note from an earlier page is the continued story's; after a note to a later page, another's.
      runsOn = line.trim() !== '' && jump[1]!.includes('接');
    }
    const tidied = tidy(line, i, true) ?? '';
    // A caption or a headline an extractor read as one line with the text beside it: two lines.
    const caption = lockstep || !pageLines ? null : sideCaption(tidied);
    const headline = caption || lockstep || !pageLines ? null : sideHeadline(tidied);
    const two = caption ? ['clean/side-caption', 'a photo caption', caption.text, caption.caption] as const : headline ? ['clean/side-headline', 'a headline', headline.headline, headline.text] as const : null;
    if (two) {
      const [rule, what, first, second] = two;
      firings.fire(rule, `${what} on the line of the text beside it set on a line of its own`, placeOf(block, i));
      lines.push(first, second);
      setWidths.push(lineWidth(first), lineWidth(second));
      origLines.push(first, second);
      return;
    }
    lines.push(tidied);
    setWidths.push(widthAsSet(line, tidied));
    origLines.push(tidy(orig, i, false) ?? '');
  });
  flush();
  return out;
}

/** A headline set beside its text is at most this wide. */
const MAX_SIDE_HEADLINE_WIDTH = 30;

/**
 * A headline set beside its story, on the baseline of the text's first line, that an extractor
 * read as one line with it (城东老街焕发新颜 新华社北京6月1日电（记者王某）…): the text opens with a
 * dateline or a report marker after a space, and what stands before it reads as a headline (no
 * clause mark, no mark at its end). The two become lines of their own.
 */
export function sideHeadline(line: string): { headline: string; text: string } | null {
  for (const m of line.matchAll(/\s+/g)) {
    const [headline, text] = [line.slice(0, m.index).trim(), line.slice(m.index + m[0].length)];
    if (!headline || lineWidth(headline) > MAX_SIDE_HEADLINE_WIDTH) return null;
    if (!(DATELINE.test(text) || OWN_REPORT.test(text) || OUTLET_REPORT.test(text))) continue;
    if (lineWidth(headline) < 4 || /[，。；、,;：:（(]|[！？!?…]$/.test(headline) || opensParagraph(headline) || OUTLET_REPORT.test(headline) || WIRE_CREDIT.test(headline)) return null;
    return { headline, text };
  }
  return null;
}

/** A caption set beside a column's line is at most this wide. */
const MAX_SIDE_CAPTION_WIDTH = 40;

/**
 * A photo's caption set beside a column's last line of a paragraph, on its baseline, that an
 * extractor read as one line with it (…正试图串联起来。 游客在景区游览。本报记者 某某 摄): the text
 * ends a sentence, a space, then a whole caption closed by its photo credit. The two become lines
 * of their own, so the text is not read as the caption.
 */
export function sideCaption(line: string): { text: string; caption: string } | null {
  if (!PHOTO_CREDIT_END.test(line)) return null;
  for (const m of line.matchAll(/(?<=[。！？!?”])\s+/g)) {
    const [text, caption] = [line.slice(0, m.index).trim(), line.slice(m.index + m[0].length).trim()];
    if (lineWidth(caption) > MAX_SIDE_CAPTION_WIDTH || !PHOTO_CREDIT_END.test(caption)) continue;
    if (lineWidth(text) >= 4 && PARAGRAPH_END.test(text)) return { text, caption };
  }
  return null;
}

/**
 * A folio: a page number beside its section name (3 民生, 要闻 4). Alone it could be anything short;
 * next to a page-head line it is the rest of the running header, which extractors cut apart.
 */
const FOLIO = /^\d{1,3}\s*[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{2,4}\s*\d{1,3}$/;

/**
 * Page-head lines (page-head.ts) leave a block, which splits where they stood; the first paper and
 * the first dated head they name are the page's. A folio line next to one (blank lines aside) goes with it.
 */
function dropPageHead(blocks: Block[], head: PageHeadFacts, firings: Firings): Block[] {
  const lines = blocks.map((b) => (b.kind === 'jump' ? [] : b.text.split('\n')));
  const facts = lines.map((ls) => ls.map(readPageHeadLine));
  const order: [number, number][] = [];
  lines.forEach((ls, b) => ls.forEach((l, i) => l.trim() && order.push([b, i])));
  const isHead = (k: number) => k >= 0 && k < order.length && facts[order[k]![0]]![order[k]![1]] !== null;
  const folios = order.filter(([b, i], k) => !facts[b]![i] && FOLIO.test(lines[b]![i]!.trim()) && (isHead(k - 1) || isHead(k + 1)));
  for (const [b, i] of folios) facts[b]![i] = {};
  const furniture: FurnitureSeen = { textKept: false, dropped: false };
  return blocks.flatMap((block, b) => {
    if (block.kind === 'jump') return [block];
    const keep: number[] = [];
    lines[b]!.forEach((line, i) => {
      const f = facts[b]![i];
      if (!f) return void keep.push(i);
      head.paper ??= f.paper;
      head.date ??= f.date;
      head.day ??= f.day;
      firings.fire('clean/page-head', `page head: ${line.trim().slice(0, 40)}`, placeOf(block, i));
    });
    return keepLines(block, keep, furniture);
  });
}

/** Text kept so far on a page, and whether lines were dropped since the last kept: furniture between text. */
interface FurnitureSeen {
  textKept: boolean;
  dropped: boolean;
}

/**
 * A block's kept lines (indexes, ascending), split into blocks where dropped ones stood; the
 * original-script lines stay in step. A block whose first line comes right after furniture dropped
 * between text (a staff line, an advertisement: the page's foot, read before other columns' rest)
 * is marked afterFurniture.
 */
function keepLines(block: Block, keep: number[], seen: FurnitureSeen): Block[] {
  const lines = block.text.split('\n');
  const { afterFurniture: marked, ...plain } = block;
  const after = new Set<number>(); // kept lines that come right after furniture dropped between text
  const kept = new Set(keep);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    if (!kept.has(i)) return void (seen.dropped = true);
    if (seen.textKept && seen.dropped) after.add(i);
    seen.textKept = true;
    seen.dropped = false;
  });
  if (marked) after.add(keep[0] ?? 0);
  if (keep.length === lines.length) return [after.size ? { ...plain, afterFurniture: true } : plain];
  const originals = block.original?.split('\n');
  const out: Block[] = [];
  let run: number[] = [];
  const flush = () => {
    const text = run.map((k) => lines[k]).join('\n').trim();
    const widths = block.setWidths ? { setWidths: run.map((k) => block.setWidths![k]!) } : {};
    const mark = after.has(run[0]!) ? { afterFurniture: true } : {};
    if (text) out.push({ ...plain, text, line: block.line ? block.line + run[0]! : 0, ...(originals ? { original: run.map((k) => originals[k]).join('\n').trim() } : {}), ...widths, ...mark });
    run = [];
  };
  keep.forEach((k, n) => {
    if (n > 0 && k !== keep[n - 1]! + 1) flush();
    run.push(k);
  });
  flush();
  return out;
}

/** Lines of copy an advertisement holds after its marker, at most. */
const MAX_AD_LINES = 8;
/** Line breaks a notice's copy is read across (某某公司遗失公 / 章一枚，声明作 / 废。). */
const MAX_COPY_BREAKS = 2;
/** A line of display copy (a slogan, a product, a name) is at most this wide. */
const MAX_AD_DISPLAY_WIDTH = 16;

/** A line of an advertisement's display copy: short, set alone, no sentence of running text. */
function adDisplay(line: string): boolean {
  return lineWidth(line) <= MAX_AD_DISPLAY_WIDTH && !/[。，；]/.test(line.slice(0, -1)) && !/[，、；]$/.test(line) && !opensParagraph(line);
}

/**
 * A block that is an advertisement by its own shape, its marker read elsewhere on the page: display
 * lines (欢迎订阅, 遗失声明) and then contact or notice copy to the block's end (订报热线：…, 某某公司遗失公 /
 * 章一枚，声明作 / 废。), the copy read across its breaks. (So is a contact line alone in its block,
 * pdftotext having read each line of the advertisement apart: no story's headline or paragraph.)
 */
function adByShape(lines: string[]): boolean {
  if (lines.length < 2 || lines.length > MAX_AD_LINES || !adDisplay(lines[0]!) || AD_COPY.test(lines[0]!)) return false;
  let i = 1;
  while (i < lines.length && adDisplay(lines[i]!) && copyLines(lines, i) === 0) i++;
  if (i === lines.length) return false;
  // From the first copy on, every line is copy, or a piece of copy read across a break.
  for (let k = i; k < lines.length; ) {
    const n = copyLines(lines, k);
    if (!n) return false;
    k += n;
  }
  return true;
}

/**
 * How many lines from line k are one piece of copy (AD_COPY): the line alone, or it and up to
 * MAX_COPY_BREAKS lines after it read across their breaks (某某公司遗失公 / 章一枚，声明作 / 废。); 0 if none.
 */
function copyLines(lines: string[], k: number): number {
  if (AD_COPY.test(lines[k]!)) return 1;
  for (let b = 1; b <= MAX_COPY_BREAKS && k + b < lines.length; b++) if (AD_COPY.test(lines.slice(k, k + b + 1).join(''))) return b + 1;
  return 0;
}

/**
 * An advertisement on a newspaper page: its marker line (广告) and the copy after it, short display
 * lines and contact lines (AD_COPY), in the marker's block and the blocks after it, up to the
 * first line of running text (one with a clause mark inside, or broken after one). None of it is news.
 */
function dropAdvertisements(blocks: Block[], firings: Firings): Block[] {
  const out: Block[] = [];
  let copyLeft = 0; // lines of copy an advertisement may still hold
  let contacted = false; // the advertisement has given its contact lines or its notice
  const furniture: FurnitureSeen = { textKept: false, dropped: false };
  const linesOf = (block: Block) => block.text.split('\n').map((raw) => raw.trim());
  let read: string[] | null = null; // the block's lines, split when it was looked at as the next block
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    const lines = read ?? linesOf(block);
    read = null;
    if (block.kind === 'jump') {
      copyLeft = 0;
      out.push(block);
      continue;
    }
    const keep: number[] = [];
    if (copyLeft === 0 && (adByShape(lines) || (lines.length === 1 && lineWidth(lines[0]!) <= MAX_AD_DISPLAY_WIDTH && CONTACT_LINE.test(lines[0]!)))) {
      firings.fire('clean/advertisement', 'advertisement', placeOf(block, 0));
      continue;
    }
    // Its copy may go on in the next block: -layout reads a blank row inside the advertisement (遗失声明 /
    // 某某公司遗失公 / (blank) / 章一枚，声明作 / 废。). The two are one advertisement where neither alone is.
    const next = blocks[b + 1];
    const nextLines = next && next.kind !== 'jump' ? (read = linesOf(next)) : null;
    if (copyLeft === 0 && nextLines && !adByShape(nextLines) && adByShape([...lines, ...nextLines])) {
      firings.fire('clean/advertisement', 'advertisement', placeOf(block, 0));
      b++;
      read = null;
      continue;
    }
    let copyUntil = -1; // copy a line break cut runs through this line (…声 / 明作废。)
    lines.forEach((line, i) => {
      if (AD_MARK.test(line)) {
        firings.fire('clean/advertisement', 'advertisement', placeOf(block, i));
        contacted = false;
        copyLeft = MAX_AD_LINES;
        return;
      }
      // A notice set in a narrow box breaks anywhere: copy is read across its breaks too.
      if (copyLeft > 0 && i > copyUntil && !AD_COPY.test(line)) {
        const n = copyLines(lines, i);
        if (n) copyUntil = i + n - 1;
      }
      const copy = AD_COPY.test(line) || i <= copyUntil;
      // Display copy is set in lines of its own: a line broken after a clause mark is running text
      // (another column's, read after the advertisement), and so is all after it.
      // An advertisement closes with its contact lines (电话：…, 地址：…) or a notice's last words
      // (…声明作废。, read across its breaks): across a blank line after them, a short line is no more
      // display copy but what the page sets next (a label, a headline, a column's text). A line that
      // opens an article (本报讯…, 新华社…电) is never an advertisement's copy.
      const display = adDisplay(line) && !(contacted && i === 0);
      if (copyLeft > 0 && (copy || display)) {
        if (copy) contacted = true;
        copyLeft--;
        return;
      }
      contacted = false;
      copyLeft = 0;
      keep.push(i);
    });
    out.push(...keepLines(block, keep, furniture));
  }
  return out;
}

/**
 * The cleaning stage: the repair rules on each line as it came, script conversion, the tidy rules,
 * the page's head and foot, then line breaks rejoined (text pages) or split (HTML). Every rule that changes or
 * drops a line reports it with its place.
 */
export function clean(parsed: Parsed, reporter: Reporter): Cleaned {
  const firings = new Firings(reporter);
  const repaired = parsed.blocks.map((b) => repairBlock(b, firings));
  const script = detectScript(repaired.map((b) => b.text).join('\n'));
  if (script === 'traditional') reporter.info('clean/traditional', 'Traditional script converted to Simplified for indexing');
  const simplified = script === 'traditional' ? repaired.map((b) => ({ ...b, text: toSimplified(b.text), original: b.text })) : repaired;
  // A block the tidy rules dropped whole between text (a staff line, a share prompt) is page
  // furniture too: the text after it is marked as the page's head and foot passes mark theirs.
  const tidied: FurnitureSeen = { textKept: false, dropped: false };
  let blocks = simplified.flatMap((b) => {
    const kept = tidyBlock(b, firings, parsed.layout === 'lines');
    if (!kept.length) {
      if (b.text.trim() && b.kind !== 'jump') tidied.dropped = true;
      return [];
    }
    if (parsed.layout === 'lines' && tidied.textKept && tidied.dropped) kept[0] = { ...kept[0]!, afterFurniture: true };
    tidied.textKept = true;
    tidied.dropped = false;
    return kept;
  });
  const meta = { ...parsed.meta };
  // What the file states about itself is read in the script its text is indexed in.
  if (script === 'traditional') {
    for (const field of ['title', 'kicker', 'source'] as const) if (meta[field]) meta[field] = toSimplified(meta[field]!);
    if (meta.authors) meta.authors = meta.authors.map((a) => toSimplified(a));
  }
  // A newspaper page's head and foot (masthead, running header, staff) name the paper and the date; they are not article text.
  if (parsed.layout === 'lines') {
    const head: PageHeadFacts = {};
    blocks = dropAdvertisements(dropPageHead(blocks, head, firings), firings);
    if (head.paper) meta.masthead = head.paper;
    if (head.day) meta.issueDay = head.day;
    if (head.date && !meta.date) meta.date = head.date;
  }
  firings.finish();

  if (parsed.layout === 'flow') {
    // Line breaks in HTML are <br>: each line is a paragraph of its own.
    blocks = blocks.flatMap((b) => {
      const originals = b.original?.split('\n');
      return b.text.split('\n').map((text, i) => ({ ...b, text, original: originals?.[i] }));
    });
  } else {
    const width = typicalLineWidth(blocks.flatMap((b) => b.text.split('\n')));
    const before = blocks.length;
    blocks = rejoinBrokenLines(blocks, width);
    if (Number.isFinite(width)) reporter.info('clean/rejoin-lines', `lines about ${width} wide; ${before} blocks became ${blocks.length}`);
    // A caption read on with the text's last line and its credit broken onto the next line
    // (…就能找到。 游客在景区游览。本报记者 某 / 某 摄) is whole only once the lines are joined.
    blocks = blocks.flatMap((b): Block[] => {
      const side = b.kind === 'paragraph' && b.original === undefined ? sideCaption(b.text) : null;
      return side ? [{ ...b, text: side.text }, { kind: 'caption', text: side.caption, line: b.line }] : [b];
    });
  }
  return { relPath: parsed.relPath, format: parsed.format, layout: parsed.layout, meta, blocks, script };
}
