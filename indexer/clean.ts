/**
 * clean: text blocks → readable blocks in Simplified script. Each rule is a small named
 * function with the real input it handles; clean() composes them and reports what fired.
 */
import * as OpenCC from 'opencc-js';
import type { Reporter } from './diagnostics.js';
import { HAN, PARAGRAPH_END } from './lexicon.js';
import type { Block, Cleaned, Parsed, Script } from './types.js';

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

const HAN_RE = new RegExp(`[${HAN}]`, 'g');
const SPACED_PAIR = new RegExp(`(?<=[${HAN}，。、：；！？“”])[ \\t]+(?=[${HAN}，。、：；！？“”])`, 'g');
const HAN_PAIR = new RegExp(`[${HAN}][ \\t]*[${HAN}]`, 'g');
const HAN_DIGIT_SPACE = new RegExp(`(?<=[${HAN}])[ \\t]+(?=\\d)|(?<=\\d)[ \\t]+(?=[${HAN}])`, 'g');

/**
 * Letter-spaced headlines from PDF extraction ('通 关 只 用 几 秒 钟'): when most neighbouring
 * Han characters on a line are separated by a space, the spaces are layout, not words.
 */
export function collapseLetterSpacing(line: string): string {
  const pairs = line.match(HAN_PAIR) ?? [];
  if (pairs.length < 3) return line;
  const spaced = pairs.filter((p) => p.length > 2).length;
  return spaced / pairs.length >= 0.6 ? line.replace(SPACED_PAIR, '') : line;
}

/** Stray spaces between Han characters and digits in extracted text ('10 月 23 日' → '10月23日'); Latin words keep theirs. */
export function collapseHanDigitSpaces(line: string): string {
  return line.replace(HAN_DIGIT_SPACE, '');
}

/** Display width of a line: a Han character or full-width mark counts 1, ASCII half. */
export function lineWidth(line: string): number {
  let w = 0;
  for (const ch of line) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

/** The width of a full line on a hard-wrapped page: a high percentile of the widths of its lines. */
export function typicalLineWidth(lines: string[]): number {
  const widths = lines.map(lineWidth).filter((w) => w >= 4).sort((a, b) => a - b);
  if (widths.length < 5) return Infinity;
  return widths[Math.floor(widths.length * 0.8)] ?? Infinity;
}

/** A line wide enough that the page, not the writer, ended it. */
const FULL_LINE_RATIO = 0.85;

function joinPair(left: string, right: string): string {
  // Two Latin words keep a space between them; Chinese text joins without one.
  return /[A-Za-z0-9]$/.test(left) && /^[A-Za-z0-9]/.test(right) ? `${left} ${right}` : `${left}${right}`;
}

/** True when a line fills the page width and does not end a sentence: the page broke it, not the writer. */
export function lineContinues(line: string, fullWidth: number): boolean {
  return Number.isFinite(fullWidth) && lineWidth(line) >= fullWidth * FULL_LINE_RATIO && !PARAGRAPH_END.test(line);
}

/**
 * Hard line breaks from PDF extraction cut sentences and words ('霸' / '权地位'). A line that
 * fills the page width and does not end a sentence continues on the next line, even across a
 * blank line; short lines (headlines, bylines, paragraph ends) end their paragraph.
 */
export function rejoinBrokenLines(blocks: Block[], fullWidth: number): Block[] {
  const out: Block[] = [];
  let lastLine = '';
  for (const block of blocks) {
    block.text.split('\n').forEach((line, i) => {
      const prev = out[out.length - 1];
      if (prev && prev.kind === 'paragraph' && block.kind === 'paragraph' && lineContinues(lastLine, fullWidth)) {
        prev.text = joinPair(prev.text, line);
      } else {
        out.push({ kind: block.kind, text: line, line: block.line ? block.line + i : 0 });
      }
      lastLine = line;
    });
  }
  return out;
}

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** Share of Han characters the converter changes above which a text is written in Traditional script. */
const TRADITIONAL_RATIO = 0.03;

/** Traditional → Simplified (opencc-js) when the text is Traditional; Simplified text is left exactly as it is. */
export function detectScript(text: string): Script {
  const han = text.match(HAN_RE)?.length ?? 0;
  if (han === 0) return 'simplified';
  const original = [...text];
  const converted = [...toSimplified(text)];
  let changed = 0;
  if (original.length !== converted.length) changed = han;
  else for (let i = 0; i < original.length; i++) if (original[i] !== converted[i]) changed++;
  return changed / han >= TRADITIONAL_RATIO ? 'traditional' : 'simplified';
}

/** Converts a search query to Simplified: queries are too short to detect their script, so any change is taken. */
export function queryToSimplified(query: string): string {
  return toSimplified(query);
}

function cleanLine(line: string): string {
  return collapseHanDigitSpaces(collapseLetterSpacing(line.replace(/[ \t]+/g, ' ').trim()));
}

export function clean(parsed: Parsed, reporter: Reporter): Cleaned {
  let blocks = parsed.blocks
    .map((b) => ({ ...b, text: stripInvisible(b.text).split('\n').map(cleanLine).join('\n').trim() }))
    .filter((b) => b.text !== '');

  if (parsed.layout === 'flow') {
    // Line breaks in HTML are <br>: each line is a paragraph of its own.
    blocks = blocks.flatMap((b) => b.text.split('\n').map((text) => ({ ...b, text })));
  } else {
    const width = typicalLineWidth(blocks.flatMap((b) => b.text.split('\n')));
    const before = blocks.length;
    blocks = rejoinBrokenLines(blocks, width);
    if (Number.isFinite(width)) reporter.info('clean/rejoin-lines', `hard-wrapped at about ${width} characters; ${before} blocks became ${blocks.length}`);
  }

  const script = detectScript(blocks.map((b) => b.text).join('\n'));
  if (script === 'traditional') {
    reporter.info('clean/traditional', 'Traditional script converted to Simplified for indexing');
    const simplified = blocks.map((b) => ({ ...b, text: toSimplified(b.text) }));
    return { relPath: parsed.relPath, format: parsed.format, meta: parsed.meta, blocks: simplified, script, originalBlocks: blocks };
  }
  return { relPath: parsed.relPath, format: parsed.format, meta: parsed.meta, blocks, script };
}
