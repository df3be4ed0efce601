/**
 * decode: raw bytes → text, or a reason why not. A decoding is kept only when the text reads as
 * text in that encoding (repertoire.ts: the share of its characters from the encoding's common
 * repertoire); otherwise the file is refused with a reason, never indexed as garbage.
 *   1. a byte-order mark names the encoding;
 *   2. UTF-16 without a mark, by the zero bytes ASCII puts on one side, or, for dense Chinese with
 *      few zero bytes, by which byte order reads as text;
 *   3. HZ-GB-2312 (7-bit text with ~{ … ~} shifts, RFC 1843), decoded here around iconv-lite's GB2312;
 *   4. strict UTF-8;
 *   5. GB18030 or Big5 (strict iconv-lite decoders; a replacement character refuses), the one that
 *      reads as Chinese, an XML or HTML charset label breaking a tie the bytes leave.
 * EUC-TW and other encodings no maintained decoder reads are refused: their bytes may decode as
 * GB18030 or Big5, but into text nobody wrote.
 */
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { Reporter } from './diagnostics.js';
import { readsAs } from './repertoire.js';
import type { Decoded, EncodingName } from './types.js';

/** Share of NUL bytes above which a file without a UTF-16 shape is binary. */
const BINARY_NUL_RATIO = 0.001;
/** Share of C0 control characters (other than tab/newline/CR/FF) above which decoded text is binary. */
const BINARY_CONTROL_RATIO = 0.02;
/** Bytes of a file looked at for its shape (zero bytes, UTF-16 byte order): enough to tell, cheap on a 20 MiB file. */
const DETECT_SAMPLE_BYTES = 64 * 1024;

/** The legacy encodings tried, in the order that breaks a tie. */
const LEGACY_ENCODINGS: readonly EncodingName[] = ['gb18030', 'big5'];

/** Share of characters from the common repertoire a decoding needs to be kept (correct decodings of the corpus: 0.95–1.00; wrong ones: 0.20–0.57). */
const MIN_COMMON_SHARE = 0.8;
/** Fewer characters beyond ASCII than this do not tell a right decoding from a wrong one: the better is kept. */
const MIN_JUDGED_CHARS = 30;
/** Share of UTF-16 code units that must read as text for a byte order to be taken without a mark or zero bytes. */
const MIN_UTF16_TEXT_SHARE = 0.9;

export type DecodeOutcome = { ok: true; decoded: Decoded } | { ok: false };

function strictDecode(bytes: Uint8Array, encoding: EncodingName): string | null {
  if (encoding === 'gb18030' || encoding === 'big5') {
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
    return text.includes('\ufffd') ? null : text;
  }
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** Which encoding the byte-order mark names, and how long the mark is. */
export function sniffBom(bytes: Uint8Array): { encoding: EncodingName; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 without a BOM: CJK text puts few zero bytes anywhere, but ASCII punctuation,
 * digits and newlines put them all on one parity. Needs zero bytes on one side only.
 */
export function sniffUtf16(bytes: Uint8Array): EncodingName | null {
  const n = Math.min(bytes.length, DETECT_SAMPLE_BYTES) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.05 && evenZeros < oddZeros * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.05 && oddZeros < evenZeros * 0.05) return 'utf-16be';
  return null;
}

/** A UTF-16 code unit of text: ASCII, Latin-1, general punctuation, CJK (symbols, kana, Hanzi), Hangul, full-width forms. */
function isTextUnit(c: number): boolean {
  return (
    (c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09 || (c >= 0xa0 && c <= 0xff) || (c >= 0x2000 && c <= 0x206f) ||
    (c >= 0x3000 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xff00 && c <= 0xffef)
  );
}

/**
 * UTF-16 without a mark and with few zero bytes (dense Chinese): the byte order whose code units
 * read as text, when the other does not. Read the wrong way round, Chinese lands all over the
 * code space.
 */
export function sniffDenseUtf16(bytes: Uint8Array): EncodingName | null {
  const n = Math.min(bytes.length, DETECT_SAMPLE_BYTES) & ~1;
  if (n < 8 || bytes.length % 2 !== 0) return null;
  let le = 0;
  let be = 0;
  for (let i = 0; i < n; i += 2) {
    if (isTextUnit(bytes[i]! | (bytes[i + 1]! << 8))) le++;
    if (isTextUnit((bytes[i]! << 8) | bytes[i + 1]!)) be++;
  }
  const units = n / 2;
  if (le / units >= MIN_UTF16_TEXT_SHARE && be / units < le / units - 0.3) return 'utf-16le';
  if (be / units >= MIN_UTF16_TEXT_SHARE && le / units < be / units - 0.3) return 'utf-16be';
  return null;
}

/**
 * HZ-GB-2312 (RFC 1843): 7-bit text where `~{` shifts to GB2312 pairs (each byte without its high
 * bit) and `~}` back; `~~` is a tilde, `~` before a line break joins the lines. Null when the
 * bytes are not HZ: not 7-bit, no shift, or a pair outside GB2312.
 */
export function decodeHz(bytes: Uint8Array): string | null {
  const n = bytes.length;
  for (let i = 0; i < n; i++) if (bytes[i]! >= 0x80) return null;
  const ascii = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!/~\{[\x21-\x7e]{2}/.test(ascii)) return null;
  let out = '';
  let gb = false;
  let pairs: number[] = [];
  const flushPairs = (): boolean => {
    if (!pairs.length) return true;
    const text = iconv.decode(Buffer.from(pairs), 'gb2312');
    pairs = [];
    if (text.includes('\ufffd')) return false;
    out += text;
    return true;
  };
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0x7e) {
      const next = bytes[i + 1];
      if (next === 0x7b) [gb, i] = [true, i + 1];
      else if (next === 0x7d) {
        if (!flushPairs()) return null;
        [gb, i] = [false, i + 1];
      } else if (next === 0x7e && !gb) [out, i] = [`${out}~`, i + 1];
      else if (next === 0x0a && !gb) i++;
      else if (!gb) out += '~';
      else return null;
      continue;
    }
    if (!gb) {
      out += String.fromCharCode(b);
      continue;
    }
    if (b === 0x0a || b === 0x0d) {
      // A line break inside GB mode ends it (RFC 1843 keeps lines short by design).
      if (!flushPairs()) return null;
      gb = false;
      out += String.fromCharCode(b);
      continue;
    }
    const b2 = bytes[i + 1];
    if (b < 0x21 || b > 0x7e || b2 === undefined || b2 < 0x21 || b2 > 0x7e) return null;
    pairs.push(b | 0x80, b2 | 0x80);
    i++;
  }
  return flushPairs() ? out : null;
}

/** The charset an XML declaration or an HTML meta tag names in the first bytes, mapped to an encoding tried here. */
export function declaredCharset(bytes: Uint8Array): EncodingName | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048)).toString('latin1');
  const m = /<\?xml[^>]*encoding=["']([\w-]+)["']|<meta[^>]*charset=["']?([\w-]+)/i.exec(head);
  const label = (m?.[1] ?? m?.[2] ?? '').toLowerCase();
  if (/^(?:gb2312|gbk|gb18030|x-gbk|cp936|euc-cn|hz-gb-2312)$/.test(label)) return 'gb18030';
  if (/^(?:big5|big5-hkscs|x-x-big5|cp950)$/.test(label)) return 'big5';
  if (/^utf-?8$/.test(label)) return 'utf-8';
  return null;
}

function controlRatio(text: string): number {
  let controls = 0;
  const sample = text.length > DETECT_SAMPLE_BYTES ? text.slice(0, DETECT_SAMPLE_BYTES) : text;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd || c === 0xfffe || c === 0xffff) controls++;
  }
  return sample.length === 0 ? 0 : controls / sample.length;
}

function countNul(bytes: Uint8Array): number {
  let n = 0;
  const end = Math.min(bytes.length, DETECT_SAMPLE_BYTES);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) n++;
  return n;
}

/** CRLF and lone CR become LF, so every later stage sees one kind of line break. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Tries BOM, UTF-8, UTF-16 and the legacy Chinese encodings; reports why a file cannot be decoded. */
export function decode(relPath: string, bytes: Uint8Array, reporter: Reporter): DecodeOutcome {
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const done = (text: string, encoding: EncodingName): DecodeOutcome => {
    if (controlRatio(text) > BINARY_CONTROL_RATIO) {
      reporter.error('decode/binary', `looks like a binary file: control characters in the text decoded as ${encoding}`);
      return { ok: false };
    }
    if (text.trim() === '') {
      reporter.error('decode/empty', 'the file holds no text');
      return { ok: false };
    }
    if (encoding !== 'utf-8') reporter.info('decode/encoding', `decoded as ${encoding}`);
    return { ok: true, decoded: { relPath, text: normalizeNewlines(text), encoding, contentHash } };
  };

  if (bytes.length === 0) {
    reporter.error('decode/empty', 'the file is empty');
    return { ok: false };
  }
  const bom = sniffBom(bytes);
  if (bom) {
    const text = strictDecode(bytes.subarray(bom.length), bom.encoding);
    if (text !== null) return done(text, bom.encoding);
    reporter.error('decode/invalid', `starts with a ${bom.encoding} byte-order mark but is not valid ${bom.encoding}`);
    return { ok: false };
  }
  const utf16 = sniffUtf16(bytes);
  if (utf16) {
    const text = strictDecode(bytes, utf16);
    if (text !== null) return done(text, utf16);
  }
  // HZ is 7-bit: valid UTF-8 too, so it is tried first (a high byte ends the test at once).
  const hz = decodeHz(bytes);
  if (hz !== null) {
    const reading = readsAs(hz, 'any');
    if (reading.counted < MIN_JUDGED_CHARS || reading.share >= MIN_COMMON_SHARE) return done(hz, 'hz-gb-2312');
  }
  const nul = countNul(bytes);
  // Valid UTF-8 without NUL bytes is UTF-8: dense UTF-16 is tried only for what is not (it is seldom valid UTF-8).
  const utf8 = nul === 0 ? strictDecode(bytes, 'utf-8') : null;
  if (utf8 !== null) return done(utf8, 'utf-8');
  const dense = sniffDenseUtf16(bytes);
  if (dense) {
    const text = strictDecode(bytes, dense);
    if (text !== null) return done(text, dense);
  }
  if (nul > Math.min(bytes.length, DETECT_SAMPLE_BYTES) * BINARY_NUL_RATIO) {
    reporter.error('decode/binary', 'looks like a binary file: it contains NUL bytes');
    return { ok: false };
  }
  const utf8WithNul = nul > 0 ? strictDecode(bytes, 'utf-8') : null;
  if (utf8WithNul !== null) return done(utf8WithNul, 'utf-8');

  // The legacy encodings that decode the bytes strictly, each with how much of it reads as Chinese
  // (Big5 bytes are mostly valid GB18030 too, and EUC-TW bytes are valid as both).
  const label = declaredCharset(bytes);
  const readings = LEGACY_ENCODINGS.flatMap((encoding) => {
    const text = strictDecode(bytes, encoding);
    return text === null ? [] : [{ encoding, text, ...readsAs(text, 'any') }];
  });
  if (readings.length === 0) {
    reporter.error('decode/unknown-encoding', 'not valid UTF-8, UTF-16, GB18030 or Big5');
    return { ok: false };
  }
  // The reading that reads best; the label decides between two that read alike.
  readings.sort((a, b) => b.share - a.share || (a.encoding === label ? -1 : b.encoding === label ? 1 : 0));
  const best = readings[0]!;
  if (best.counted >= MIN_JUDGED_CHARS && best.share < MIN_COMMON_SHARE) {
    const shares = readings.map((r) => `${r.encoding} ${Math.round(r.share * 100)}%`).join(', ');
    reporter.error(
      'decode/unreadable',
      `decodes as ${readings.map((r) => r.encoding).join(' and as ')} but reads as neither (common characters: ${shares}): perhaps EUC-TW or another encoding this indexer does not read`,
    );
    return { ok: false };
  }
  if (label && label !== best.encoding && label !== 'utf-8') reporter.warn('decode/label-overruled', `declared ${label}, but the bytes read as ${best.encoding}`);
  return done(best.text, best.encoding);
}
