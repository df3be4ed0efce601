/**
 * Script conversion, for documents and for queries: opencc-js, Traditional → Simplified. A
 * document is converted character by character once its text reads as Traditional; a Traditional
 * query also has its Taiwan words turned into Mainland ones.
 */
import * as OpenCC from 'opencc-js';
import { hanChars } from './chars.js';

export type Script = 'simplified' | 'traditional';

/** Traditional → Simplified, character by character (opencc-js, t → cn). */
export const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** Share of Han characters the converter changes above which a text is written in Traditional script. */
const TRADITIONAL_RATIO = 0.03;

/** The script a text is written in: Traditional when the converter changes TRADITIONAL_RATIO of its Han characters or more. */
export function detectScript(text: string): Script {
  const han = hanChars(text).length;
  if (han === 0) return 'simplified';
  const converted = toSimplified(text);
  let changed = 0;
  if (converted.length === text.length) {
    // Characters the converter changed, compared in place (a changed surrogate pair counts once).
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === converted.charCodeAt(i)) continue;
      changed++;
      if ((text.charCodeAt(i) & 0xfc00) === 0xd800) i++;
    }
  } else {
    const [a, b] = [[...text], [...converted]];
    if (a.length !== b.length) changed = han;
    else for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed++;
  }
  return changed / han >= TRADITIONAL_RATIO ? 'traditional' : 'simplified';
}

const taiwanToSimplified = OpenCC.Converter({ from: 'twp', to: 'cn' });

/**
 * Converts a search query to Simplified. A query the character converter changes is Traditional:
 * it gets the phrase converter too, which turns Taiwan words into Mainland ones (量子通訊 → 量子通信).
 * A Simplified query is left as it is.
 */
export function queryToSimplified(query: string): string {
  return toSimplified(query) === query ? query : taiwanToSimplified(query);
}
