/**
 * decode: raw bytes → text. BOM first, then strict UTF-8, then UTF-16 without BOM, then
 * GB18030/Big5: whichever decodes, ranked by chardet when both do. Every candidate is decoded
 * strictly, so a file is either decoded exactly or rejected with a reason: UTF-8/16 by the fatal WHATWG
 * TextDecoder; GB18030/Big5 by iconv-lite, refusing any replacement character (Node's
 * Big5 TextDecoder silently drops invalid bytes even in fatal mode).
 */
import { createHash } from 'node:crypto';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { Reporter } from './diagnostics.js';
import type { Decoded, EncodingName } from './types.js';

/** Share of NUL bytes above which a file without a UTF-16 shape is binary. */
const BINARY_NUL_RATIO = 0.001;
/** Share of C0 control characters (other than tab/newline/CR/FF) above which decoded text is binary. */
const BINARY_CONTROL_RATIO = 0.02;
/** Bytes of the file chardet looks at: enough to rank encodings, cheap on a 20 MiB file. */
const DETECT_SAMPLE_BYTES = 64 * 1024;

/**
 * The legacy encodings chardet may name. UTF-16 is left out on purpose: almost any even-length
 * byte string is valid UTF-16, so it is only taken from a BOM or from its zero-byte shape.
 */
const CHARDET_TO_ENCODING: Record<string, EncodingName> = {
  GB18030: 'gb18030',
  Big5: 'big5',
};
/** The legacy encodings tried, in the order that breaks a tie chardet leaves. */
const LEGACY_ENCODINGS: readonly EncodingName[] = ['gb18030', 'big5'];

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
  if (countNul(bytes) > Math.min(bytes.length, DETECT_SAMPLE_BYTES) * BINARY_NUL_RATIO) {
    reporter.error('decode/binary', 'looks like a binary file: it contains NUL bytes');
    return { ok: false };
  }
  const utf8 = strictDecode(bytes, 'utf-8');
  if (utf8 !== null) return done(utf8, 'utf-8');

  // The legacy encodings that decode the bytes strictly; chardet ranks them only when both do
  // (Big5 bytes are mostly valid GB18030 too; GBK text is seldom valid Big5), as it costs more
  // than the decoding.
  const valid = new Map<EncodingName, string>();
  for (const encoding of LEGACY_ENCODINGS) {
    const text = strictDecode(bytes, encoding);
    if (text !== null) valid.set(encoding, text);
  }
  if (valid.size === 0) {
    reporter.error('decode/unknown-encoding', 'not valid UTF-8, UTF-16, GB18030 or Big5');
    return { ok: false };
  }
  const ranked = valid.size === 1 ? [] : chardet.analyse(bytes.subarray(0, DETECT_SAMPLE_BYTES)).map((m) => CHARDET_TO_ENCODING[m.name]);
  const best = [...ranked, ...LEGACY_ENCODINGS].find((e) => e !== undefined && valid.has(e))!;
  return done(valid.get(best)!, best);
}
