/**
 * segment: Chinese words by jieba (the segmenter the engine uses for Chinese), cut once per
 * passage. An article's passages are segmented when enrich looks for its salient terms and read
 * again, from a small memo, when the same passages become chunks with their sub-words: one
 * jieba pass per text instead of three (that was a quarter of the pipeline's time).
 */
import { Jieba } from '@node-rs/jieba';
import { dict as jiebaDict } from '@node-rs/jieba/dict.js';

let segmenter: Jieba | null = null;

function jieba(): Jieba {
  segmenter ??= Jieba.withDict(jiebaDict);
  return segmenter;
}

/** The Han characters the pieces are made of: U+4E00–U+9FFF. */
const HAN_FIRST = 0x4e00;
const HAN_COUNT = 0xa000 - HAN_FIRST;

/**
 * The two- and three-character Han words of jieba's dictionary (the pieces its search mode looks
 * up), each as a number: a word's characters as digits in base HAN_COUNT (a two-character word
 * is below 2^30, a three-character one below 2^53), sorted in typed arrays and found by binary
 * search. Read from the dictionary's UTF-8 bytes (`word freq tag` lines) without a string per
 * word: 245k words in about 0.1 s. Typed arrays rather than Sets: 2 MB where Sets held 9.5 MiB of
 * heap, which every search-only gateway (a 128 MiB heap) pays for its relaxed searches.
 */
let dictionary: { two: Int32Array; three: Float64Array } | null = null;

function dictionaryWords(): { two: Int32Array; three: Float64Array } {
  if (dictionary) return dictionary;
  const two: number[] = [];
  const three: number[] = [];
  const bytes = jiebaDict;
  // One pass over the bytes: `key` gathers the characters of a line's first field until its
  // space (-1 once one is not Han), `length` counts its bytes; the rest of the line is skipped.
  let key = 0;
  let length = 0;
  let inWord = true;
  for (let at = 0; at < bytes.length; at++) {
    const b = bytes[at]!;
    if (b === 10) {
      key = 0;
      length = 0;
      inWord = true;
    } else if (!inWord) {
      continue;
    } else if (b === 32) {
      // A Han character is three bytes of UTF-8.
      if (key >= 0 && (length === 6 || length === 9)) (length === 6 ? two : three).push(key);
      inWord = false;
    } else if (length++ % 3 === 2 && key >= 0) {
      const b0 = bytes[at - 2]!;
      const b1 = bytes[at - 1]!;
      const code = (b0 & 0xf0) === 0xe0 && (b1 & 0xc0) === 0x80 && (b & 0xc0) === 0x80 ? ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b & 0x3f) : -1;
      key = code >= HAN_FIRST && code < HAN_FIRST + HAN_COUNT ? key * HAN_COUNT + (code - HAN_FIRST) : -1;
    }
  }
  dictionary = { two: Int32Array.from(two).sort(), three: Float64Array.from(three).sort() };
  return dictionary;
}

/** Whether a sorted typed array holds `key`. */
function holds(sorted: Int32Array | Float64Array, key: number): boolean {
  let [lo, hi] = [0, sorted.length - 1];
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === key) return true;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Whether `w.slice(at, at + n)` (n = 2 or 3) is a word of the dictionary. */
function inDictionary(w: string, at: number, n: number): boolean {
  let key = 0;
  for (let i = at; i < at + n; i++) {
    const digit = w.charCodeAt(i) - HAN_FIRST;
    if (digit < 0 || digit >= HAN_COUNT) return false;
    key = key * HAN_COUNT + digit;
  }
  const { two, three } = dictionaryWords();
  return holds(n === 2 ? two : three, key);
}

/** Builds the dictionary's word lists now (about 0.1 s) rather than in the first word looked up. */
export function loadDictionary(): void {
  dictionaryWords();
}

/** Whether a two- or three-character Han text is a word of jieba's dictionary (马拉松, 汽车; not 电悌). */
export function isDictionaryWord(w: string): boolean {
  return (w.length === 2 || w.length === 3) && inDictionary(w, 0, w.length);
}

/**
 * Share of a text's Han characters that stand in two- or three-character words of jieba's
 * dictionary (greedy, longest first). Chinese prose is mostly such words (0.6–0.8); characters
 * thrown together by bytes read out of step are seldom words (0.1–0.3). Simplified text only.
 */
export function wordCoverage(text: string): number {
  let han = 0;
  let covered = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c < HAN_FIRST || c >= HAN_FIRST + HAN_COUNT) {
      i++;
      continue;
    }
    const n = inDictionary(text, i, 3) ? 3 : inDictionary(text, i, 2) ? 2 : 0;
    if (n) {
      han += n;
      covered += n;
      i += n;
    } else {
      han++;
      i++;
    }
  }
  return han ? covered / han : 0;
}

/**
 * Loads jieba and its dictionary now (about 0.4 s) instead of in the first text segmented: a
 * process that indexes again and again calls it while idle, so its first changed file does not wait.
 */
export function loadSegmenter(): void {
  jieba();
  dictionaryWords();
}

export function segmenterLoaded(): boolean {
  return segmenter !== null && dictionary !== null;
}

/** Recently segmented texts; enough for the passages of the article being processed. */
const MEMO_SIZE = 2048;
const memo = new Map<string, string[]>();

/** Words of a text, by jieba's default mode without HMM. */
export function words(text: string): string[] {
  const known = memo.get(text);
  if (known) return known;
  const cut = jieba().cut(text, false);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(text, cut);
  return cut;
}

/**
 * How many characters of `head` a word (jieba's) runs on into from the end of `tail` across the
 * seam between them (习以 / 为常 → 2), reading `span` characters each side; 0 when the seam falls
 * between words.
 */
export function wordAcross(tail: string, head: string, span = 4): number {
  const end = tail.slice(-span);
  let at = 0;
  for (const w of words(end + head.slice(0, span))) {
    const stop = at + w.length;
    if (at < end.length && stop > end.length) return stop - end.length;
    at = stop;
  }
  return 0;
}

/** wordAcross between two lines of Han text at the break (a Han character on each side), else 0. */
export function hanWordAcross(tail: string, head: string, span = 4): number {
  const [a, b] = [tail.trimEnd(), head.trimStart()];
  return /[\u4e00-\u9fff]$/.test(a) && /^[\u4e00-\u9fff]/.test(b) ? wordAcross(a, b, span) : 0;
}

/** A token with both letters and digits (12333APP, 5G): its runs are searchable on their own. */
const MIXED_TOKEN = /[A-Za-z](?=.*\d)|\d(?=.*[A-Za-z])/;

/**
 * Words the engine would not find by prefix: the parts jieba's search mode sees inside longer
 * words (处理 in 待处理, 银行 in 农业发展银行) and the letter and digit runs of mixed tokens
 * (12333 and APP in 12333APP). Indexed in a field of their own, after the text.
 *
 * Search mode is default mode plus, for each word longer than two characters, its two- and
 * three-character pieces found in the dictionary; computed here from the default-mode words so
 * the text is segmented once.
 */
export function subwords(text: string): string {
  const whole = new Set(words(text));
  const out = new Set<string>();
  for (const w of whole) {
    // Counted in UTF-16 units: the same as characters for the BMP text these pieces come from.
    if (w.length <= 2) continue;
    for (const piece of dictionaryPieces(w)) if (!whole.has(piece)) out.add(piece);
  }
  for (const w of whole) {
    if (!MIXED_TOKEN.test(w)) continue;
    for (const p of w.match(/[A-Za-z]+|\d+/g) ?? []) out.add(p);
  }
  return [...out].join(' ');
}

/** Words recur from text to text: the dictionary pieces of each are found once (bounded memo). */
const PIECES_MEMO_SIZE = 100_000;
const piecesMemo = new Map<string, readonly string[]>();

/** The two- and three-character Han pieces of a word that jieba's dictionary holds, in order. */
function dictionaryPieces(w: string): readonly string[] {
  const known = piecesMemo.get(w);
  if (known) return known;
  const pieces: string[] = [];
  for (let n = 2; n <= 3 && n < w.length; n++) {
    for (let i = 0; i + n <= w.length; i++) if (inDictionary(w, i, n)) pieces.push(w.slice(i, i + n));
  }
  if (piecesMemo.size >= PIECES_MEMO_SIZE) piecesMemo.clear();
  piecesMemo.set(w, pieces);
  return pieces;
}
