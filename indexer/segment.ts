/**
 * segment: Chinese words by jieba (the segmenter the engine uses for Chinese), cut once per
 * passage. An article's passages are segmented when enrich looks for its salient terms and read
 * again, from a small memo, when the same passages become chunks with their sub-words: one
 * jieba pass per text instead of three (that was a quarter of the pipeline's time).
 */
import { Jieba } from '@node-rs/jieba';
import { dict as jiebaDict } from '@node-rs/jieba/dict.js';

let segmenter: Jieba | null = null;
let dictionary: Set<string> | null = null;

function jieba(): Jieba {
  segmenter ??= Jieba.withDict(jiebaDict);
  return segmenter;
}

/**
 * The two- and three-character Han words of jieba's dictionary: the pieces its search mode looks
 * up. Read from the dictionary's text in place (`word freq tag` lines), without a string per
 * line: half the time of splitting it, a third fewer entries than every word.
 */
function dictionaryWords(): Set<string> {
  if (dictionary) return dictionary;
  dictionary = new Set();
  const text = new TextDecoder().decode(jiebaDict);
  for (let start = 0; start < text.length; ) {
    const lineEnd = text.indexOf('\n', start) >>> 0; // -1 (no newline at the end) becomes past the text
    const wordEnd = text.indexOf(' ', start);
    const length = wordEnd - start;
    if (wordEnd >= 0 && wordEnd < lineEnd && (length === 2 || length === 3) && isHan(text, start, wordEnd)) dictionary.add(text.slice(start, wordEnd));
    start = Math.min(lineEnd, text.length) + 1;
  }
  return dictionary;
}

function isHan(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x4e00 || c > 0x9fff) return false;
  }
  return true;
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
  const dict = dictionaryWords();
  const pieces: string[] = [];
  for (let n = 2; n <= 3 && n < w.length; n++) {
    for (let i = 0; i + n <= w.length; i++) {
      const piece = w.slice(i, i + n);
      if (dict.has(piece)) pieces.push(piece);
    }
  }
  if (piecesMemo.size >= PIECES_MEMO_SIZE) piecesMemo.clear();
  piecesMemo.set(w, pieces);
  return pieces;
}
