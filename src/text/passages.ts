/**
 * Sentences and passages: a text cut at sentence ends (then clause ends, then anywhere), so a
 * passage never starts mid-sentence. Chunks (indexer/sync/chunk.ts) and the lead that topics are
 * read from (indexer/extract/enrich.ts) are cut here.
 */

export interface ChunkOptions {
  /** A chunk is closed once it reaches this many characters. */
  target: number;
  /** No chunk is longer than this. */
  max: number;
}

export const DEFAULT_CHUNKING: ChunkOptions = { target: 300, max: 500 };

/** Sentences with their closing punctuation and quotes: '他说：“好。”' stays one piece. */
const SENTENCE = /[^。！？!?；;…\n]*(?:[。！？!?；;…]+[”’」』）)]*|\n|$)/g;
/** Clause ends, for sentences longer than a chunk. */
const CLAUSE = /[^，,、：:]*(?:[，,、：:]+|$)/g;

export function splitSentences(text: string): string[] {
  return (text.match(SENTENCE) ?? []).map((s) => s.replace(/\n$/, '')).filter((s) => s.trim() !== '');
}

function splitLong(sentence: string, max: number): string[] {
  if (sentence.length <= max) return [sentence];
  const pieces: string[] = [];
  let current = '';
  for (const clause of sentence.match(CLAUSE) ?? [sentence]) {
    if (clause === '') continue;
    if (current.length + clause.length > max && current) {
      pieces.push(current);
      current = '';
    }
    current += clause;
    while (current.length > max) {
      pieces.push(current.slice(0, max));
      current = current.slice(max);
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** The article's paragraphs cut into texts of about `target` characters, paragraph breaks kept as "\n". */
export function chunkText(body: string, options: ChunkOptions = DEFAULT_CHUNKING): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const paragraph of body.split('\n')) {
    const sentences = splitSentences(paragraph).flatMap((s) => splitLong(s, options.max));
    sentences.forEach((sentence, i) => {
      const glue = current && i === 0 ? '\n' : '';
      if (current && current.length + glue.length + sentence.length > options.max) {
        chunks.push(current);
        current = sentence;
        return;
      }
      current += glue + sentence;
      if (current.length >= options.target) {
        chunks.push(current);
        current = '';
      }
    });
  }
  if (current) chunks.push(current);
  return chunks;
}
