/**
 * link reprints: the same wire story in several files, even a partial or reordered copy, gets
 * one storyId. Each article gets a MinHash signature of its character 5-gram shingles; LSH
 * banding finds candidate pairs without comparing all pairs; a candidate is linked when one
 * text is mostly contained in the other (estimated from the signatures) and the numbers the
 * smaller one states are found in the larger (two months' statistics on one indicator share
 * their template, not their figures).
 */
import { charBigrams, dice } from '../../src/text/chars.js';

/** Characters per shingle: long enough to be specific in Chinese, short enough to survive edits. */
const SHINGLE = 5;
/** Hash functions per signature = BANDS × ROWS. */
const BANDS = 32;
/** Two 16-bit minhash values make a band's key exactly: one 32-bit integer (see bandKey). */
const ROWS = 2;
const HASHES = BANDS * ROWS;
/** Share of the smaller text found in the larger above which two articles are one story. */
export const MIN_CONTAINMENT = 0.6;
/** Share of the smaller text's numbers the larger must state too. */
const MIN_NUMBER_AGREEMENT = 0.8;
/**
 * Buckets up to this size compare every pair of members; in a larger one each member is compared
 * with its next few, a line instead of a square. A wire story that many papers reprinted fills
 * large buckets, and linking is transitive, so neighbours link all its copies.
 */
const ALL_PAIRS = 32;
const NEIGHBOURS = 2;
/**
 * A band value held by more articles than this comes from text they all share (a dateline's
 * 日电记者), not from a reprint: its bucket is skipped. Reprints share most bands, so they still
 * meet in others.
 */
const MAX_BUCKET = 1024;
/** Articles shorter than this (in shingles) are not linked: too little to tell. */
const MIN_SHINGLES = 40;

export interface StorySignature {
  id: string;
  /** Order of precedence for the story's id: the earliest (file, ordinal) names the story. */
  order: string;
  storyId: string;
  shingles: number;
  /**
   * The low 16 bits of each of the HASHES minima, one UTF-16 code unit each (b-bit minwise
   * hashing: two different minima agree by chance once in 65536, which moves a containment
   * estimate by nothing that matters). A string of 64 units is one small object; a run holds
   * 100k of them until it links.
   */
  minhash: string;
  /** The distinct numbers the text states, space-separated: one string, not one per number (a run holds 100k signatures). */
  numbers: string;
}

/** Room for the widest minhash and a byte more, so a longer one is never taken for it. */
const minhashBytes = Buffer.alloc(HASHES * 4 + 1);

/**
 * A minhash as the manifest stores it (base64), in either width: 16-bit values, or the 32-bit
 * values of manifests written before signatures kept 16 bits (their low halves are the same
 * signature). Null when it is neither.
 */
export function decodeMinhash(base64: string): string | null {
  // Decoded into one reused buffer: a Buffer each (100k of them in a manifest or a spool) is an
  // allocation each and garbage outside the heap until the collector finds it.
  const length = minhashBytes.write(base64, 'base64');
  if (length === HASHES * 2) return minhashBytes.toString('utf16le', 0, length);
  if (length !== HASHES * 4) return null;
  // Each value's low two bytes, moved down in place.
  for (let k = 0; k < HASHES; k++) {
    minhashBytes[2 * k] = minhashBytes[4 * k]!;
    minhashBytes[2 * k + 1] = minhashBytes[4 * k + 1]!;
  }
  return minhashBytes.toString('utf16le', 0, HASHES * 2);
}

/** A minhash as the manifest stores it: the base64 of its 16-bit little-endian values. */
export function encodeMinhash(minhash: string): string {
  return Buffer.from(minhash, 'utf16le').toString('base64');
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

/**
 * Distinct shingle hashes of the text being signed, found with an open-addressing table reused
 * from call to call (a Set of 32-bit numbers boxes each one). A slot is taken when its stamp is
 * the current call's, so the table is never cleared.
 */
let slotKeys = new Uint32Array(1 << 12);
let slotStamps = new Uint32Array(1 << 12);
let stamp = 0;
const distinct = new Uint32Array(MAX_SIGNATURE_CHARS);
const scratch = new Uint16Array(HASHES);

function distinctShingles(text: string): number {
  const n = Math.max(0, text.length - SHINGLE + 1);
  if (slotKeys.length < n * 2) {
    let size = slotKeys.length;
    while (size < n * 2) size *= 2;
    slotKeys = new Uint32Array(size);
    slotStamps = new Uint32Array(size);
    stamp = 0;
  }
  if (++stamp === 0xffffffff) {
    slotStamps.fill(0);
    stamp = 1;
  }
  const mask = slotKeys.length - 1;
  let count = 0;
  outer: for (let i = 0; i < n; i++) {
    const x = fnv1a(text, i, SHINGLE);
    let slot = (Math.imul(x, 0x9e3779b1) >>> 0) & mask;
    while (slotStamps[slot] === stamp) {
      if (slotKeys[slot] === x) continue outer;
      slot = (slot + 1) & mask;
    }
    slotStamps[slot] = stamp;
    slotKeys[slot] = x;
    distinct[count++] = x;
  }
  return count;
}

export function signature(id: string, order: string, body: string): StorySignature {
  const text = normalizeForShingles(body.slice(0, MAX_SIGNATURE_CHARS * 2)).slice(0, MAX_SIGNATURE_CHARS);
  const count = distinctShingles(text);
  // One hash function at a time over all shingles: the tightest loop V8 makes of it.
  for (let k = 0; k < HASHES; k++) {
    const a = COEF_A[k]!;
    const b = COEF_B[k]!;
    let min = 0xffffffff;
    for (let j = 0; j < count; j++) {
      const v = (Math.imul(a, distinct[j]!) + b) >>> 0;
      if (v < min) min = v;
    }
    scratch[k] = min;
  }
  const numbers = [...new Set(body.slice(0, MAX_SIGNATURE_CHARS * 2).match(/\d+(?:\.\d+)?%?/g) ?? [])].join(' ');
  return { id, order, storyId: id, shingles: count, minhash: String.fromCharCode(...scratch), numbers };
}

/** A band's key: its two 16-bit rows make it exactly, one 32-bit integer. */
const bandKey = (high: number, low: number) => (high << 16) | low;

/**
 * Signatures in columns: the minhashes of every row in one typed array (outside the heap) and the
 * strings a row needs in three lists. A rebuild links 100k articles at once; as 100k objects of six
 * fields (a string of 64 two-byte units among them) they were 36 MB of heap at the run's peak.
 */
export class SignatureTable {
  #rows = 0;
  readonly ids: string[] = [];
  readonly orders: string[] = [];
  readonly numbers: string[] = [];
  /** The story of each row not named by its own id (an indexed article in another's story). */
  readonly #stories = new Map<number, string>();
  /** Each row's count of distinct shingles (read them; `add` writes them, and grows both arrays). */
  shingles: Int32Array;
  /** Row r's HASHES values from r × HASHES. */
  minhashes: Uint16Array;

  /** `capacity`: the rows expected, so a large table is allocated once. */
  constructor(capacity = 64) {
    this.shingles = new Int32Array(Math.max(1, capacity));
    this.minhashes = new Uint16Array(Math.max(1, capacity) * HASHES);
  }

  static of(signatures: Iterable<StorySignature>): SignatureTable {
    const table = new SignatureTable();
    for (const s of signatures) table.add(s);
    return table;
  }

  get length(): number {
    return this.#rows;
  }

  add(s: StorySignature): void {
    const row = this.#rows++;
    if (row === this.shingles.length) {
      const shingles = new Int32Array(row * 2);
      shingles.set(this.shingles);
      this.shingles = shingles;
      const minhashes = new Uint16Array(row * 2 * HASHES);
      minhashes.set(this.minhashes);
      this.minhashes = minhashes;
    }
    this.ids.push(s.id);
    this.orders.push(s.order);
    this.numbers.push(s.numbers);
    if (s.storyId !== s.id) this.#stories.set(row, s.storyId);
    this.shingles[row] = s.shingles;
    for (let k = 0; k < HASHES; k++) this.minhashes[row * HASHES + k] = s.minhash.charCodeAt(k);
  }

  storyId(row: number): string {
    return this.#stories.get(row) ?? this.ids[row]!;
  }

  bandKey(row: number, band: number): number {
    const at = row * HASHES + band * ROWS;
    return bandKey(this.minhashes[at]!, this.minhashes[at + 1]!);
  }

  /** Whether the row has enough text to be linked at all. */
  linkable(row: number): boolean {
    return this.shingles[row]! >= MIN_SHINGLES;
  }
}

/** Estimated share of the smaller text contained in the larger, from the Jaccard estimate and the sizes. */
function rowContainment(a: SignatureTable, i: number, b: SignatureTable, j: number): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a.minhashes[i * HASHES + k] === b.minhashes[j * HASHES + k]) same++;
  const jaccard = same / HASHES;
  const [x, y] = [a.shingles[i]!, b.shingles[j]!];
  const small = Math.min(x, y);
  if (small === 0) return 0;
  return Math.min(1, (jaccard * (x + y)) / ((1 + jaccard) * small));
}

export function containment(a: StorySignature, b: StorySignature): number {
  const table = SignatureTable.of([a, b]);
  return rowContainment(table, 0, table, 1);
}

const numberList = (numbers: string) => (numbers === '' ? [] : numbers.split(' '));

function numbersAgree(a: string, b: string): boolean {
  const [x, y] = [numberList(a), numberList(b)];
  const [small, large] = x.length <= y.length ? [x, y] : [y, x];
  if (small.length === 0) return true;
  const have = new Set(large);
  return small.filter((n) => have.has(n)).length / small.length >= MIN_NUMBER_AGREEMENT;
}

function isReprint(a: SignatureTable, i: number, b: SignatureTable, j: number): boolean {
  if (!a.linkable(i) || !b.linkable(j)) return false;
  return rowContainment(a, i, b, j) >= MIN_CONTAINMENT && numbersAgree(a.numbers[i]!, b.numbers[j]!);
}

/**
 * Gives linked articles one storyId. `indexed` signatures (already in the index, a list per file
 * as the manifest holds them) keep theirs; a new article joining their story takes it. Otherwise a
 * story is named by its earliest member.
 * Returns the story of each fresh article whose story is not named by the article itself; an
 * article missing from the map is its own story (most are), so a run holds a map of its reprints,
 * not of its articles.
 */
export function linkStories(fresh: SignatureTable | readonly StorySignature[], indexed: readonly (readonly StorySignature[])[] = []): Map<string, string> {
  const table = fresh instanceof SignatureTable ? fresh : SignatureTable.of(fresh);
  if (table.length === 0) return new Map();
  // Rows 0 … F-1 are the fresh table's, F … the fixed ones' (indexed, and sharing a band with a fresh one).
  const fixed = sharingABand(table, indexed);
  const F = table.length;
  const total = F + fixed.length;
  const tableOf = (i: number) => (i < F ? table : fixed);
  const rowOf = (i: number) => (i < F ? i : i - F);
  const parent = new Int32Array(total);
  for (let i = 0; i < total; i++) parent[i] = i;
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  // Band by band, so memory holds one band's buckets, not all of them. A bucket is a chain
  // through `next` from its head,
  // found in an open-addressing table of typed arrays reused for every band (a Map per band made
  // megabytes of garbage 32 times a run, straight into the old generation). Fresh signatures open
  // buckets; a fixed one joins only buckets a fresh one opened, since two fixed articles are never
  // compared again. `opened` (a bit per low 16 bits of a fresh key) spares most fixed signatures
  // the probe.
  let bits = 4;
  while (1 << bits < F * 2) bits++;
  const slotKey = new Int32Array(1 << bits);
  const slotHead = new Int32Array(1 << bits);
  const mask = (1 << bits) - 1;
  /** The slot of `key`: its own, or the empty one where it would go. */
  const slotOf = (key: number) => {
    let slot = Math.imul(key, 0x9e3779b1) >>> (32 - bits);
    while (slotHead[slot] !== -1 && slotKey[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  };
  const taken = new Int32Array(F); // the slots a band opened, in order
  const next = new Int32Array(total);
  const opened = new Uint8Array(1 << 13);
  const members: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    slotHead.fill(-1);
    let buckets = 0;
    if (fixed.length) opened.fill(0);
    for (let i = 0; i < F; i++) {
      if (!table.linkable(i)) continue;
      const key = table.bandKey(i, band);
      const slot = slotOf(key);
      if (slotHead[slot] === -1) {
        slotKey[slot] = key;
        taken[buckets++] = slot;
      }
      next[i] = slotHead[slot]!;
      slotHead[slot] = i;
      opened[(key & 0xffff) >>> 3] = opened[(key & 0xffff) >>> 3]! | (1 << (key & 7));
    }
    for (let r = 0; r < fixed.length; r++) {
      if (!fixed.linkable(r)) continue;
      const key = fixed.bandKey(r, band);
      if ((opened[(key & 0xffff) >>> 3]! & (1 << (key & 7))) === 0) continue;
      const slot = slotOf(key);
      if (slotHead[slot] === -1) continue;
      next[F + r] = slotHead[slot]!;
      slotHead[slot] = F + r;
    }
    for (let b = 0; b < buckets; b++) {
      const head = slotHead[taken[b]!]!;
      if (next[head] === -1) continue;
      members.length = 0;
      for (let i = head; i !== -1 && members.length <= MAX_BUCKET; i = next[i]!) members.push(i);
      if (members.length > MAX_BUCKET) continue;
      const window = members.length <= ALL_PAIRS ? members.length : NEIGHBOURS;
      for (let x = 0; x < members.length; x++) {
        const last = Math.min(members.length - 1, x + window);
        for (let y = x + 1; y <= last; y++) {
          const [i, j] = [members[x]!, members[y]!];
          if ((i >= F && j >= F) || find(i) === find(j)) continue;
          if (isReprint(tableOf(i), rowOf(i), tableOf(j), rowOf(j))) parent[find(Math.max(i, j))] = find(Math.min(i, j));
        }
      }
    }
  }
  // Each group's name: an existing storyId if a fixed member has one, else its earliest member's id.
  // Only groups of more than one with a fresh member are named (the fixed ones keep theirs): a
  // run touches the change, not every indexed article.
  const size = new Int32Array(total);
  const involved = new Uint8Array(total);
  for (let i = 0; i < total; i++) size[find(i)]!++;
  for (let i = 0; i < F; i++) involved[find(i)] = 1;
  const groups = new Map<number, number[]>();
  for (let i = 0; i < total; i++) {
    const root = find(i);
    if (size[root]! < 2 || !involved[root]) continue;
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  }
  const result = new Map<string, string>();
  const order = (i: number) => tableOf(i).orders[rowOf(i)]!;
  for (const group of groups.values()) {
    const fixedMember = group.find((i) => i >= F);
    const name = fixedMember !== undefined ? fixed.storyId(fixedMember - F) : table.ids[group.reduce((p, q) => (order(q) < order(p) ? q : p))]!;
    for (const i of group) if (i < F && table.ids[i] !== name) result.set(table.ids[i]!, name);
  }
  return result;
}

/** Bits per band in sharingABand's filter: 8 KB a band. */
const FILTER_BITS = 16;

/** A band's bit in sharingABand's filter. */
const filterBit = (key: number, band: number) => (band << FILTER_BITS) | (Math.imul(key, 0x9e3779b1) >>> (32 - FILTER_BITS));

/**
 * Whether any band of a minhash has its bit in the filter: what an incremental run asks of every
 * indexed article (100k at 100k). A small function of its own, which V8 optimises within the first
 * run's loop: as a loop inside sharingABand, the run mostly ran before it was (68–99 → 51–65 ms
 * for the first calls on the 100k manifest, 32 → 22 ms once warm).
 */
function inFilter(filter: Int32Array, minhash: string): boolean {
  for (let k = 0; k < HASHES; k += ROWS) {
    const b = filterBit(bandKey(minhash.charCodeAt(k), minhash.charCodeAt(k + 1)), k / ROWS);
    if (filter[b >>> 5]! & (1 << (b & 31))) return true;
  }
  return false;
}

/**
 * The indexed signatures that share a band's key with a fresh one, in their order: only they can
 * join a fresh article's story, since two indexed articles are never compared again. linkStories
 * gives the same stories with these as with all of them (the others would be alone in every
 * bucket), and an incremental run links a few articles against these few, not against the whole
 * corpus. One pass over the indexed signatures, each one's bands at once, against a bit filter
 * of the fresh keys (a false positive only adds a candidate).
 */
function sharingABand(fresh: SignatureTable, indexed: readonly (readonly StorySignature[])[]): SignatureTable {
  const filter = new Int32Array(BANDS << (FILTER_BITS - 5));
  for (let row = 0; row < fresh.length; row++) {
    if (!fresh.linkable(row)) continue;
    for (let band = 0; band < BANDS; band++) {
      const b = filterBit(fresh.bandKey(row, band), band);
      filter[b >>> 5] = filter[b >>> 5]! | (1 << (b & 31));
    }
  }
  const near = new SignatureTable();
  for (const group of indexed) for (const s of group) if (s.shingles >= MIN_SHINGLES && inFilter(filter, s.minhash)) near.add(s);
  return near;
}

/** Dice similarity of two titles' character bigrams. */
export function titleSimilarity(a: string, b: string): number {
  return dice(charBigrams(a), charBigrams(b));
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
export function linkContinuations(parts: readonly PagePart[]): Map<string, string> {
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
