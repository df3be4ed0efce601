/**
 * Suggestions for the search box: titles, people (reporters), places and topics of the indexed
 * articles, held in memory so a keystroke costs a scan of strings, not an engine request.
 * Input may be Simplified, Traditional (converted) or pinyin, full ('jinzhuan', 'jin zhuan') or
 * initials ('jz'), by pinyin-pro. The list is rebuilt from the engine after every indexing run.
 */
import { pinyin } from 'pinyin-pro';
import { z } from 'zod';
import { queryToSimplified } from '../../indexer/clean.js';
import type { Engine } from '../engine/meili.js';

export type SuggestionKind = 'title' | 'person' | 'place' | 'topic';

export interface Suggestion {
  text: string;
  kind: SuggestionKind;
}

interface Entry extends Suggestion {
  /** Articles naming it: more is better. */
  count: number;
  /** Full pinyin without tones or spaces: 金砖国家 → jinzhuanguojia. */
  full: string;
  /** First letters: 金砖国家 → jzgj. */
  initials: string;
  /** Where each syllable starts in `full`, for matches inside a title (习近平出席金砖… ← jinzhuan). */
  starts: Uint16Array;
}

/**
 * One field of every entry joined into one string ("\n" between), with where each entry starts:
 * a search inside texts is then native indexOf over one string, and each hit maps back to its
 * entry by binary search, instead of a JavaScript loop over every entry.
 */
class Joined {
  readonly text: string;
  private readonly offsets: Int32Array;
  constructor(private readonly entries: Entry[], field: (e: Entry) => string) {
    this.offsets = new Int32Array(entries.length);
    let at = 0;
    const parts: string[] = [];
    entries.forEach((e, i) => {
      this.offsets[i] = at;
      parts.push(field(e));
      at += field(e).length + 1;
    });
    this.text = parts.join('\n');
  }

  /** Each entry with the positions (inside its field) where `q` occurs, in entry order. */
  *matches(q: string): Generator<[Entry, number]> {
    for (let at = this.text.indexOf(q); at >= 0; at = this.text.indexOf(q, at + 1)) {
      let [lo, hi] = [0, this.offsets.length - 1];
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (this.offsets[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      yield [this.entries[lo]!, at - this.offsets[lo]!];
    }
  }
}

export const suggestQuerySchema = z.object({
  q: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().max(50, 'at most 50 characters')).default(''),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});

/** Kinds in the order a tie puts them: a person or place is a likelier target than a long title. */
const KIND_RANK: Record<SuggestionKind, number> = { topic: 0, person: 1, place: 2, title: 3 };
/** Answers kept for repeated inputs. */
const CACHE_SIZE = 10_000;
const HAN = /[\u3400-\u9fff]/;

function keys(text: string): { full: string; initials: string; starts: Uint16Array } {
  const han = text.replace(/[^\u3400-\u9fffA-Za-z0-9]/g, '');
  const syllables = pinyin(han, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).map((s) => s.toLowerCase());
  const starts: number[] = [];
  let at = 0;
  for (const s of syllables) {
    starts.push(at);
    at += s.length;
  }
  return { full: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join(''), starts: Uint16Array.from(starts) };
}

/** Pinyin input matched at the start (3), at the start of initials (2), inside at a syllable (1), inside the initials (0.5). */
function pinyinScore(entry: Entry, q: string): number {
  if (entry.full.startsWith(q)) return 3;
  if (q.length >= 2 && entry.initials.startsWith(q)) return 2;
  if (q.length >= 4) {
    for (let at = entry.full.indexOf(q); at > 0; at = entry.full.indexOf(q, at + 1)) if (entry.starts.includes(at)) return 1;
  }
  if (q.length >= 3 && entry.initials.includes(q)) return 0.5;
  return 0;
}

/** Index of the first of `sorted` whose key is ≥ `key`. */
function lowerBound(sorted: Entry[], key: string, of: (e: Entry) => string): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (of(sorted[mid]!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The entries whose key starts with `prefix`, from a list sorted by that key. */
function withPrefix(sorted: Entry[], prefix: string, of: (e: Entry) => string): Entry[] {
  return sorted.slice(lowerBound(sorted, prefix, of), lowerBound(sorted, `${prefix}\uffff`, of));
}

const byText = (e: Entry) => e.text;
const byFull = (e: Entry) => e.full;
const byInitials = (e: Entry) => e.initials;
const sortedBy = (entries: Entry[], of: (e: Entry) => string) => [...entries].sort((a, b) => (of(a) < of(b) ? -1 : of(a) > of(b) ? 1 : 0));

const order = ([a, sa]: [Entry, number], [b, sb]: [Entry, number]) =>
  sb - sa || b.count - a.count || KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.text.length - b.text.length;

/** The best `limit` candidates by selection, not a sort of every match (a short prefix matches thousands). */
function best(candidates: Iterable<[Entry, number]>, limit: number): Suggestion[] {
  const top: [Entry, number][] = [];
  for (const candidate of candidates) {
    if (top.length === limit && order(candidate, top[limit - 1]!) >= 0) continue;
    let at = top.length === limit ? limit - 1 : top.length;
    while (at > 0 && order(candidate, top[at - 1]!) < 0) at--;
    top.splice(at, 0, candidate);
    if (top.length > limit) top.pop();
  }
  return top.map(([entry]) => ({ text: entry.text, kind: entry.kind }));
}

export class SuggestionIndex {
  private entries: Entry[] = [];
  /** The entries sorted by text, full pinyin and initials: prefix matches by binary search, not a scan. */
  private sorted: Record<'text' | 'full' | 'initials', Entry[]> = { text: [], full: [], initials: [] };
  private joined: Record<'text' | 'full' | 'initials', Joined> = { text: new Joined([], byText), full: new Joined([], byFull), initials: new Joined([], byInitials) };
  /** Answers by input, emptied when the list is rebuilt: the same few keystrokes ('j', 'jin', '新') come from every user. */
  private readonly cache = new Map<string, Suggestion[]>();

  get size(): number {
    return this.entries.length;
  }

  /** Replaces the list with the given articles' titles, people, places and topics. */
  load(articles: { title: string; reporters: string[]; place: string | null; topics: string[] }[]): void {
    const byKey = new Map<string, Entry>();
    const add = (text: string | null, kind: SuggestionKind) => {
      const t = text?.trim();
      if (!t) return;
      const key = `${kind}:${t}`;
      const entry = byKey.get(key);
      if (entry) entry.count++;
      else byKey.set(key, { text: t, kind, count: 1, ...keys(t) });
    };
    for (const a of articles) {
      add(a.title, 'title');
      for (const r of a.reporters) add(r, 'person');
      add(a.place, 'place');
      for (const t of a.topics) add(t, 'topic');
    }
    this.entries = [...byKey.values()];
    this.sorted = { text: sortedBy(this.entries, byText), full: sortedBy(this.entries, byFull), initials: sortedBy(this.entries, byInitials) };
    this.joined = { text: new Joined(this.entries, byText), full: new Joined(this.entries, byFull), initials: new Joined(this.entries, byInitials) };
    this.cache.clear();
  }

  /** Reads every article's first chunk from the engine and rebuilds the list. */
  async refresh(engine: Engine, indexName: string): Promise<void> {
    const docs = await engine.findDocuments(indexName, 'chunkIndex = 0', ['title', 'reporters', 'place', 'topics']);
    this.load(
      docs.map((d) => ({
        title: String(d.title ?? ''),
        reporters: Array.isArray(d.reporters) ? d.reporters.map(String) : [],
        place: typeof d.place === 'string' ? d.place : null,
        topics: Array.isArray(d.topics) ? d.topics.map(String) : [],
      })),
    );
  }

  /**
   * Prefix matches score highest and come from binary searches; the scan for matches inside a
   * text runs only when they are fewer than `limit` (with 100k articles a scan per keystroke cost
   * the p99 its 30 ms).
   */
  suggest(input: string, limit = 8): Suggestion[] {
    const key = `${limit}\u0000${input.trim()}`;
    const known = this.cache.get(key);
    if (known) return known;
    const answer = this.rank(input, limit, false);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, answer);
    return answer;
  }

  /** `scanAll`: score every entry (the reference the prefix search must agree with). */
  protected rank(input: string, limit: number, scanAll: boolean): Suggestion[] {
    const raw = input.trim();
    if (!raw) return [];
    const scored = new Map<Entry, number>();
    const add = (entry: Entry, score: number) => {
      if (score > (scored.get(entry) ?? 0)) scored.set(entry, score);
    };
    if (HAN.test(raw)) {
      const q = queryToSimplified(raw);
      const prefixed = withPrefix(this.sorted.text, q, byText);
      if (!scanAll && prefixed.length >= limit) return best(prefixed.map((e) => [e, 3]), limit);
      for (const entry of prefixed) add(entry, 3);
      if (scanAll || scored.size < limit) for (const [entry, at] of this.joined.text.matches(q)) if (at > 0) add(entry, 1);
    } else {
      const q = raw.toLowerCase().replace(/[^a-z0-9ü]/g, '');
      if (!q) return [];
      const prefixed = withPrefix(this.sorted.full, q, byFull);
      // Prefix matches outrank every other kind: when they fill the list, nothing else is looked at.
      if (!scanAll && prefixed.length >= limit) return best(prefixed.map((e) => [e, 3]), limit);
      for (const entry of prefixed) add(entry, 3);
      if (q.length >= 2) for (const entry of withPrefix(this.sorted.initials, q, byInitials)) add(entry, 2);
      if (scanAll) {
        for (const entry of this.entries) {
          const score = pinyinScore(entry, q);
          if (score > 0) add(entry, score);
        }
      } else if (scored.size < limit) {
        // Inside matches (pinyinScore's last two rules), found through the joined fields.
        if (q.length >= 4) for (const [entry, at] of this.joined.full.matches(q)) if (at > 0 && entry.starts.includes(at)) add(entry, 1);
        if (q.length >= 3) for (const [entry] of this.joined.initials.matches(q)) add(entry, 0.5);
      }
    }
    return best(scored, limit);
  }
}
