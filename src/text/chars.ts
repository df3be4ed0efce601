/**
 * Character classes, defined once for documents and queries alike: what a Han character is, how
 * wide a character is set, full-width forms, the characters no text may carry, and the radicals
 * PDF extractors give for whole characters. The first link of the analysis chain (analysis.ts).
 */

/** A Han character (CJK Unified Ideographs, Extension A, compatibility block). Example: 金. */
export const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
/**
 * Radical code points that stand for whole characters in extracted text: PDF fonts map common
 * characters to the Kangxi Radicals (U+2F00–U+2FD5) or the CJK Radicals Supplement
 * (U+2E80–U+2EFF), and text extractors (pdf.js, some others) give those code points back.
 * Kangxi radicals fold by NFKC; the supplement's have no decomposition, so its forms that are
 * characters of their own are mapped as Unicode's EquivalentUnifiedIdeograph.txt maps them.
 * Example: 6⽉23⽇ → 6月23日, ⻓江 → 长江, ⻢⻋ → 马车.
 */
export const RADICALS = /[\u2e80-\u2eff\u2f00-\u2fdf]/;
export const RADICAL_SUPPLEMENT_CHARACTERS: Readonly<Record<string, string>> = {
  '⺁': '厂', '⺌': '小', '⺜': '日', '⺝': '月', '⺟': '母', '⺠': '民', '⺧': '牛', '⺩': '王', '⺬': '示',
  '⺮': '竹', '⺳': '网', '⺶': '羊', '⺻': '聿', '⺼': '肉', '⻁': '虎', '⻄': '西', '⻅': '见', '⻆': '角',
  '⻉': '贝', '⻋': '车', '⻑': '長', '⻓': '长', '⻔': '门', '⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页',
  '⻛': '风', '⻜': '飞', '⻝': '食', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤',
  '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙', '⻱': '龜', '⻳': '龟',
};

const HAN_ALL = new RegExp(`[${HAN}]`, 'g');
const HAN_RUNS = new RegExp(`[${HAN}]+`, 'g');
const NOT_HAN = new RegExp(`[^${HAN}]`, 'g');
/** One Han character. */
export const HAN_CHAR = new RegExp(`[${HAN}]`);

/** A UTF-16 unit of a Han character of the basic plane (the ranges of HAN). */
export function isHanUnit(c: number): boolean {
  return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/** The Han characters of a text, in order. */
export function hanChars(text: string): string[] {
  return text.match(HAN_ALL) ?? [];
}

/** The runs of Han characters of a text: 张明远 出狱 → 张明远, 出狱. */
export function hanRuns(text: string): string[] {
  return text.match(HAN_RUNS) ?? [];
}

/** A text's Han characters alone, run together. */
export function hanOnly(text: string): string {
  return text.replace(NOT_HAN, '');
}

/** The pairs of neighbouring Han characters of a text (its Han characters run together). */
export function hanBigrams(text: string): Set<string> {
  const han = hanOnly(text);
  const out = new Set<string>();
  for (let i = 0; i + 1 < han.length; i++) out.add(han.slice(i, i + 2));
  return out;
}

/** The pairs of neighbouring letters and digits of a text, any script (punctuation and spaces left out). */
export function charBigrams(text: string): Set<string> {
  const s = text.replace(/[^\p{L}\p{N}]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/** Dice similarity of two sets: twice the shared members over both sizes. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  return a.size && b.size ? (2 * sharedCount(a, b)) / (a.size + b.size) : 0;
}

/** How many of `a`'s members `b` holds. */
export function sharedCount(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared;
}

/** Display width of a line: Han characters and Chinese punctuation (quotes, dashes included) count 1, ASCII half. */
export function lineWidth(line: string): number {
  let w = 0;
  for (const ch of line) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}

/** Full-width Latin letters, digits and signs as typed by Chinese input methods: Ｃ９１９ → C919 (the ideographic space is an odd space: stripInvisible). */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Control characters, zero-width marks, BOMs and private-use code points never belong in text;
 * the gateway uses private-use characters as highlight sentinels, so they must not reach the engine.
 */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2060\ufeff\ue000-\uf8ff]/g;
/** Spaces other than the ASCII one: no-break, ideographic, thin. */
const ODD_SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '').replace(ODD_SPACES, ' ');
}

const RADICALS_ALL = new RegExp(RADICALS.source, 'g');

/**
 * Radicals a PDF extractor gave for whole characters, folded back to the characters (see
 * RADICALS): before them no date, word or name on the line can be read. A radical with no
 * character of its own (a component such as ⺡) is left as it is.
 */
export function foldRadicals(line: string): string {
  if (!RADICALS.test(line)) return line;
  return line.replace(RADICALS_ALL, (ch) => {
    if (ch >= '\u2f00') return ch.normalize('NFKC');
    return RADICAL_SUPPLEMENT_CHARACTERS[ch] ?? ch;
  });
}
