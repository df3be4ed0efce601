/**
 * link reprints: the same wire story in several files, even a partial or reordered copy, gets
 * one storyId. Each article gets a MinHash signature of its character 5-gram shingles; LSH
 * banding finds candidate pairs without comparing all pairs; a candidate is linked when one
 * text is mostly contained in the other (estimated from the signatures) and the numbers the
 * smaller one states are found in the larger (two months' statistics on one indicator share
 * their template, not their figures).
 */

/** Characters per shingle: long enough to be specific in Chinese, short enough to survive edits. */
const SHINGLE = 5;
/** Hash functions per signature = BANDS × ROWS. */
const BANDS = 32;
const ROWS = 2;
const HASHES = BANDS * ROWS;
/** Share of the smaller text found in the larger above which two articles are one story. */
export const MIN_CONTAINMENT = 0.6;
/** Share of the smaller text's numbers the larger must state too. */
const MIN_NUMBER_AGREEMENT = 0.8;
/**
 * A band value held by more articles than this comes from text they all share (a dateline's
 * 日电记者), not from a reprint: its bucket is skipped. Reprints share most bands, so they still
 * meet in others; without the cap one common shingle makes the comparison all-pairs.
 */
const MAX_BUCKET = 32;
/** Articles shorter than this (in shingles) are not linked: too little to tell. */
const MIN_SHINGLES = 40;

export interface StorySignature {
  id: string;
  /** Order of precedence for the story's id: the earliest (file, ordinal) names the story. */
  order: string;
  storyId: string;
  shingles: number;
  minhash: Uint32Array;
  numbers: string[];
}

function fnv1a(text: string, from: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Deterministic coefficients for the hash family h_i(x) = a_i·x + b_i (mod 2^32), in typed arrays for the hot loop.
const COEF_A = Uint32Array.from({ length: HASHES }, (_, i) => fnv1a(`a${i}`, 0, 2 + String(i).length) | 1);
const COEF_B = Uint32Array.from({ length: HASHES }, (_, i) => fnv1a(`b${i}`, 0, 2 + String(i).length));

/** The text a signature is made of: letters and digits only, so layout and punctuation do not matter. */
export function normalizeForShingles(body: string): string {
  return body.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
}

/** Characters of an article a signature reads: a reprint shows in its first pages, and a huge file stays cheap. */
const MAX_SIGNATURE_CHARS = 20_000;

export function signature(id: string, order: string, body: string): StorySignature {
  const text = normalizeForShingles(body.slice(0, MAX_SIGNATURE_CHARS * 2)).slice(0, MAX_SIGNATURE_CHARS);
  const mins = new Uint32Array(HASHES).fill(0xffffffff);
  const seen = new Set<number>();
  for (let i = 0; i + SHINGLE <= text.length; i++) {
    const x = fnv1a(text, i, SHINGLE);
    if (seen.has(x)) continue;
    seen.add(x);
    for (let k = 0; k < HASHES; k++) {
      const v = (Math.imul(COEF_A[k]!, x) + COEF_B[k]!) >>> 0;
      if (v < mins[k]!) mins[k] = v;
    }
  }
  const numbers = [...new Set(body.slice(0, MAX_SIGNATURE_CHARS * 2).match(/\d+(?:\.\d+)?%?/g) ?? [])];
  return { id, order, storyId: id, shingles: seen.size, minhash: mins, numbers };
}

/** Estimated share of the smaller text contained in the larger, from the Jaccard estimate and the sizes. */
export function containment(a: StorySignature, b: StorySignature): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a.minhash[k] === b.minhash[k]) same++;
  const j = same / HASHES;
  const small = Math.min(a.shingles, b.shingles);
  if (small === 0) return 0;
  return Math.min(1, (j * (a.shingles + b.shingles)) / ((1 + j) * small));
}

function numbersAgree(a: StorySignature, b: StorySignature): boolean {
  const [small, large] = a.numbers.length <= b.numbers.length ? [a, b] : [b, a];
  if (small.numbers.length === 0) return true;
  const have = new Set(large.numbers);
  return small.numbers.filter((n) => have.has(n)).length / small.numbers.length >= MIN_NUMBER_AGREEMENT;
}

export function isReprint(a: StorySignature, b: StorySignature): boolean {
  if (a.shingles < MIN_SHINGLES || b.shingles < MIN_SHINGLES) return false;
  return containment(a, b) >= MIN_CONTAINMENT && numbersAgree(a, b);
}

/**
 * Gives linked articles one storyId. `fixed` signatures (already in the index) keep theirs;
 * a new article joining their story takes it. Otherwise a story is named by its earliest member.
 */
export function linkStories(fresh: StorySignature[], fixed: StorySignature[] = []): Map<string, string> {
  const all = [...fixed, ...fresh];
  const parent = new Int32Array(all.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  // One bucket map per band, keyed by a hash of the band's rows. Fresh signatures fill them;
  // a fixed (already indexed) one joins only buckets a fresh one opened, since two fixed
  // articles are never compared again: a run costs the change plus one pass over the fixed.
  const buckets = Array.from({ length: BANDS }, () => new Map<number, number[]>());
  const bandKey = (s: StorySignature, band: number) => {
    let h = 0x811c9dc5;
    for (let r = band * ROWS; r < band * ROWS + ROWS; r++) h = Math.imul(h ^ s.minhash[r]!, 0x01000193);
    return h >>> 0;
  };
  for (let i = fixed.length; i < all.length; i++) {
    if (all[i]!.shingles < MIN_SHINGLES) continue;
    for (let band = 0; band < BANDS; band++) {
      const key = bandKey(all[i]!, band);
      const list = buckets[band]!.get(key);
      if (list) list.push(i);
      else buckets[band]!.set(key, [i]);
    }
  }
  for (let i = 0; i < fixed.length; i++) {
    if (all[i]!.shingles < MIN_SHINGLES) continue;
    for (let band = 0; band < BANDS; band++) buckets[band]!.get(bandKey(all[i]!, band))?.push(i);
  }
  const checked = new Set<string>();
  for (const members of buckets.flatMap((b) => [...b.values()])) {
    if (members.length > MAX_BUCKET) continue;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const [i, j] = [members[x]!, members[y]!];
        if (i < fixed.length && j < fixed.length) continue;
        const key = `${i}:${j}`;
        if (checked.has(key)) continue;
        checked.add(key);
        if (find(i) !== find(j) && isReprint(all[i]!, all[j]!)) parent[find(j)] = find(i);
      }
    }
  }
  // Each group's name: an existing storyId if a fixed member has one, else its earliest member's id.
  // Only groups with a fresh member are named (the fixed ones keep theirs): a run touches the
  // change, not every indexed article.
  const groups = new Map<number, number[]>();
  const involved = new Set<number>();
  for (let i = fixed.length; i < all.length; i++) involved.add(find(i));
  for (let i = 0; i < all.length; i++) {
    if (i < fixed.length && !involved.has(find(i))) continue;
    const root = find(i);
    const members = groups.get(root);
    if (members) members.push(i);
    else groups.set(root, [i]);
  }
  const result = new Map<string, string>();
  for (const members of groups.values()) {
    const fixedMember = members.find((i) => i < fixed.length);
    const name = fixedMember !== undefined ? all[fixedMember]!.storyId : all[members.sort((p, q) => (all[p]!.order < all[q]!.order ? -1 : 1))[0]!]!.id;
    for (const i of members) if (i >= fixed.length) result.set(all[i]!.id, name);
  }
  return result;
}

/** Dice similarity of two titles' character bigrams. */
export function titleSimilarity(a: string, b: string): number {
  const grams = (t: string) => {
    const s = t.replace(/[^\p{L}\p{N}]/gu, '');
    const out = new Set<string>();
    for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
    return out;
  };
  const [x, y] = [grams(a), grams(b)];
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** A continuation's title is this similar to its first part's at least (papers repeat or shorten it). */
const MIN_CONTINUATION_TITLE = 0.5;

export interface PagePart {
  id: string;
  file: string;
  title: string;
  edition: string | null;
  jump: { to?: number; from?: number };
}

/**
 * Parts of one printed article on two pages of the same edition: the part that jumps to another
 * page ('（下转第3版）') and the part that continues from one ('（上接第1版）'), in different files of
 * the same source and date, with similar titles. Returns continuation id → first part id.
 */
export function linkContinuations(parts: PagePart[]): Map<string, string> {
  const firsts = parts.filter((p) => p.jump.to !== undefined && p.edition);
  const result = new Map<string, string>();
  for (const c of parts.filter((p) => p.jump.from !== undefined && p.edition)) {
    let best: PagePart | null = null;
    let bestScore = MIN_CONTINUATION_TITLE;
    for (const f of firsts) {
      if (f.edition !== c.edition || f.file === c.file) continue;
      const score = titleSimilarity(f.title, c.title);
      if (score >= bestScore) [best, bestScore] = [f, score];
    }
    if (best) result.set(c.id, best.id);
  }
  return result;
}
