/**
 * The text-analysis chain, declared once and applied to documents as they are indexed and to
 * queries as they are searched (Elasticsearch's model: char filters → script → tokenizer):
 *
 *   char filters   invisible characters out, odd spaces to spaces, radicals folded to their
 *                  characters (chars.ts); a query also has its full-width forms folded
 *   script         Traditional → Simplified (script.ts): a document by characters once it reads
 *                  as Traditional, a query by characters and Taiwan phrases
 *   tokenizer      the engine's (charabia, jieba-based) on the indexed fields, with the sub-words
 *                  of long words (segment.ts) and the synonyms (synonyms.ts) it is given
 *
 * The extraction's own repairs of damaged input (mojibake, inline pinyin, HTML remnants) run
 * between the char filters and the script on documents only: a query is typed, not scraped.
 */
import { foldRadicals, foldWidth, stripInvisible } from './chars.js';
import { queryToSimplified } from './script.js';

export interface CharFilter {
  /** The name diagnostics report it under. */
  id: string;
  /** What it handles, with an example. */
  handles: string;
  apply: (text: string) => string;
}

/** The char filters every text goes through, documents and queries alike, in this order. */
export const CHAR_FILTERS: readonly CharFilter[] = [
  { id: 'invisible', handles: 'control, zero-width and private-use characters; no-break, ideographic and thin spaces', apply: stripInvisible },
  { id: 'radicals', handles: 'radicals PDF extractors give for whole characters: 6⽉23⽇, ⻓江', apply: foldRadicals },
];

/** A query: full-width forms folded, the char filters, then Simplified (Ｃ９１９　量子通訊 → C919 量子通信). */
export function analyzeQuery(query: string): string {
  let q = foldWidth(query);
  for (const f of CHAR_FILTERS) q = f.apply(q);
  return queryToSimplified(q.trim());
}
