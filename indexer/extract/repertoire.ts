/**
 * How much a decoded text reads as Chinese in the encoding it was decoded from: the share of its
 * characters (beyond ASCII) that belong to the encoding's common repertoire. Real text is nearly
 * all common characters; bytes read in the wrong encoding spread over the whole code table (rare
 * characters, kana, Cyrillic, box drawing, private use).
 *   - GB2312 level 1: the 3,755 most frequent Hanzi (lead bytes B0–D7), as GB18030 text is read;
 *   - Big5 level 1: the 5,401 frequent Hanzi (A440–C67E), as Big5 text is read;
 *   - Unicode text (UTF-8, UTF-16, HZ): either of the two.
 * Chinese punctuation and full-width forms count as common in every case.
 */
import iconv from 'iconv-lite';

export type Repertoire = 'gb' | 'big5' | 'any';

let sets: { gb: Set<number>; big5: Set<number> } | null = null;

function repertoires(): { gb: Set<number>; big5: Set<number> } {
  if (sets) return sets;
  const gb = new Set<number>();
  const bytes: number[] = [];
  for (let lead = 0xb0; lead <= 0xd7; lead++) for (let trail = 0xa1; trail <= 0xfe; trail++) bytes.push(lead, trail);
  for (const ch of iconv.decode(Buffer.from(bytes), 'gb2312')) if (ch !== '\ufffd') gb.add(ch.codePointAt(0)!);
  const big5 = new Set<number>();
  const b5: number[] = [];
  for (let lead = 0xa4; lead <= 0xc6; lead++) {
    for (const trail of [...Array.from({ length: 0x3f }, (_, i) => 0x40 + i), ...Array.from({ length: 0x5e }, (_, i) => 0xa1 + i)]) {
      if (lead === 0xc6 && trail > 0x7e) continue;
      b5.push(lead, trail);
    }
  }
  for (const ch of iconv.decode(Buffer.from(b5), 'big5')) if (ch !== '\ufffd') big5.add(ch.codePointAt(0)!);
  sets = { gb, big5 };
  return sets;
}

/** CJK punctuation, full-width forms, general punctuation: common in any Chinese text. */
function isCommonPunctuation(c: number): boolean {
  return (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x203e) || c === 0x00b7 || c === 0x00d7;
}

/** Characters read for the measure: enough to judge, cheap on a large file. */
const SAMPLE_CHARS = 20_000;

export interface Reading {
  /** Share of the counted characters that are common (1 when there are none). */
  share: number;
  /** Characters beyond ASCII counted. */
  counted: number;
}

/** How much of a text's non-ASCII, non-space characters belong to a repertoire. */
export function readsAs(text: string, repertoire: Repertoire): Reading {
  const { gb, big5 } = repertoires();
  let counted = 0;
  let common = 0;
  const end = Math.min(text.length, SAMPLE_CHARS);
  for (let i = 0; i < end; i++) {
    const c = text.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (c < 0x80 || c === 0xfeff || c === 0x3000 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b)) continue;
    counted++;
    if (isCommonPunctuation(c) || (repertoire !== 'big5' && gb.has(c)) || (repertoire !== 'gb' && big5.has(c))) common++;
  }
  return { share: counted ? common / counted : 1, counted };
}
