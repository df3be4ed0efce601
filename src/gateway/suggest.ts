/**
 * Suggestions for the search box: titles, people (reporters), places and topics of the indexed
 * articles, held in memory so a keystroke costs a scan of strings, not an engine request.
 * Input may be Simplified, Traditional (converted) or pinyin, full ('jinzhuan', 'jin zhuan') or
 * initials ('jz'), by pinyin-pro. The list is rebuilt from the engine after every indexing run.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { pinyin } from 'pinyin-pro';
import { z } from 'zod';
import { analyzeQuery } from '../text/analysis.js';
import { HAN, HAN_CHAR } from '../text/chars.js';
import type { SearchEngine } from '../engine/ports.js';
import { text, wholeNumber } from './params.js';

export type SuggestionKind = 'title' | 'person' | 'place' | 'topic';

export interface Suggestion {
  text: string;
  kind: SuggestionKind;
}

const KINDS: readonly SuggestionKind[] = ['title', 'person', 'place', 'topic'];

/**
 * One string field of every entry joined into one string ("\n" after each), with where each
 * starts. The list lives in a few such strings and typed arrays rather than an object per entry:
 * at 100k articles that is ~25 MB instead of ~100 MB, and nothing for the collector to trace. A
 * search inside the texts is native indexOf over one string; each hit maps back to its entry by
 * binary search.
 */
class Column {
  readonly text: string;
  /** Entry i spans text[at[i], at[i + 1] - 1). */
  readonly at: Int32Array;
  constructor(values: readonly string[]) {
    this.at = new Int32Array(values.length + 1);
    let pos = 0;
    values.forEach((v, i) => {
      this.at[i] = pos;
      pos += v.length + 1;
    });
    this.at[values.length] = pos;
    this.text = values.length ? values.join('\n') + '\n' : '';
  }

  get(i: number): string {
    return this.text.slice(this.at[i]!, this.at[i + 1]! - 1);
  }

  /** Each value's entry (the first, when a value repeats). */
  positions(): Map<string, number> {
    const out = new Map<string, number>();
    for (let i = this.at.length - 2; i >= 0; i--) out.set(this.get(i), i);
    return out;
  }

  length(i: number): number {
    return this.at[i + 1]! - this.at[i]! - 1;
  }

  /** Each entry with a position (inside its value) where `q` occurs, in entry order. */
  *matches(q: string): Generator<[number, number]> {
    for (let pos = this.text.indexOf(q); pos >= 0; pos = this.text.indexOf(q, pos + 1)) {
      let [lo, hi] = [0, this.at.length - 2];
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (this.at[mid]! <= pos) lo = mid;
        else hi = mid - 1;
      }
      if (pos + q.length < this.at[lo + 1]!) yield [lo, pos - this.at[lo]!];
    }
  }
}

/** The suggestion list, built once per indexing run and then only read. */
interface Table {
  /** What is shown. */
  text: Column;
  /** Full pinyin without tones or spaces: 金砖国家 → jinzhuanguojia. */
  full: Column;
  /** First letters: 金砖国家 → jzgj. */
  initials: Column;
  /** Where each syllable starts in `full` (entry i's in starts[startsAt[i], startsAt[i + 1])), for matches inside a title. */
  starts: Uint16Array;
  startsAt: Int32Array;
  /** Index into KINDS. */
  kind: Uint8Array;
  /** Articles naming it: more is better. */
  count: Uint32Array;
  /** Entry numbers sorted by text, full pinyin and initials: prefix matches by binary search, not a scan. */
  sorted: Record<'text' | 'full' | 'initials', Int32Array>;
}

type Field = 'text' | 'full' | 'initials';

/** Collects titles, people, places and topics (counted once per name and kind), then builds the table. */
class TableBuilder {
  private readonly byKey = new Map<string, number>();
  private readonly texts: string[] = [];
  private readonly kinds: number[] = [];
  private readonly counts: number[] = [];

  add(articles: Iterable<{ title: string; reporters: string[]; place: string | null; topics: string[] }>): void {
    const add = (text: string | null, kind: number) => {
      const t = text?.replace(/\n/g, ' ').trim();
      if (!t) return;
      const key = `${kind}:${t}`;
      const at = this.byKey.get(key);
      if (at !== undefined) this.counts[at]!++;
      else {
        this.byKey.set(key, this.texts.length);
        this.texts.push(t);
        this.kinds.push(kind);
        this.counts.push(1);
      }
    };
    for (const a of articles) {
      add(a.title, 0);
      for (const r of a.reporters) add(r, 1);
      add(a.place, 2);
      for (const t of a.topics) add(t, 3);
    }
  }

  build(): Table {
    const steps = this.steps();
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /** The same table, built with a turn of the event loop every few thousand entries. */
  async buildYielding(previous?: Table): Promise<Table> {
    const steps = this.steps(previous);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      await yieldToLoop();
    }
  }

  /**
   * Builds the table, pausing (a `yield`) every ENTRIES_PER_TURN entries. An entry whose text the
   * `previous` table holds takes its pinyin keys from there: keys depend on the text alone, and
   * pinyin is most of a build (2.6 s at 100k articles, all of it at once before, during which the
   * gateway answered nothing); an indexing run changes few texts.
   */
  private *steps(previous?: Table): Generator<void, Table> {
    // Only `add` needs the keys (178k of them at 100k articles): collectable while the columns are built.
    this.byKey.clear();
    const n = this.texts.length;
    const known = previous ? previous.text.positions() : null;
    const fulls: string[] = [];
    const initials: string[] = [];
    let starts = new Uint16Array(Math.max(16, n * 16));
    const startsAt = new Int32Array(n + 1);
    let used = 0;
    for (let i = 0; i < n; i++) {
      if (i > 0 && i % ENTRIES_PER_TURN === 0) yield;
      const j = known?.get(this.texts[i]!);
      const k = j === undefined ? keys(this.texts[i]!) : { full: previous!.full.get(j), initials: previous!.initials.get(j), starts: previous!.starts.subarray(previous!.startsAt[j], previous!.startsAt[j + 1]) };
      fulls.push(k.full);
      initials.push(k.initials);
      startsAt[i] = used;
      if (used + k.starts.length > starts.length) {
        const grown = new Uint16Array(Math.max(starts.length * 2, used + k.starts.length));
        grown.set(starts);
        starts = grown;
      }
      starts.set(k.starts, used);
      used += k.starts.length;
    }
    startsAt[n] = used;
    const sortedText = yield* sortedSteps(this.texts);
    const sortedFull = yield* sortedSteps(fulls);
    const sortedInitials = yield* sortedSteps(initials);
    return {
      text: new Column(this.texts),
      full: new Column(fulls),
      initials: new Column(initials),
      starts: starts.slice(0, used),
      startsAt,
      kind: Uint8Array.from(this.kinds),
      count: Uint32Array.from(this.counts),
      sorted: { text: sortedText, full: sortedFull, initials: sortedInitials },
    };
  }
}

/** Entries a build handles between two turns of the event loop (a few ms of pinyin). */
const ENTRIES_PER_TURN = 2000;

/**
 * Entry numbers in the order of their values: a bottom-up merge sort, stable (equal values keep
 * entry order, as the scan reference does), pausing after each pass over the list. One
 * `Array.prototype.sort` of 178k titles held the event loop for a third of a second.
 */
function* sortedSteps(values: readonly string[]): Generator<void, Int32Array> {
  const n = values.length;
  let from = Int32Array.from({ length: n }, (_, i) => i);
  let to = new Int32Array(n);
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let [i, j, k] = [lo, mid, lo];
      // The right run's entry goes first only when its value is smaller: ties keep their order.
      while (i < mid && j < hi) to[k++] = values[from[j]!]! < values[from[i]!]! ? from[j++]! : from[i++]!;
      while (i < mid) to[k++] = from[i++]!;
      while (j < hi) to[k++] = from[j++]!;
    }
    [from, to] = [to, from];
    yield;
  }
  return from;
}

export const suggestQuerySchema = z.object({
  q: text(50),
  limit: wholeNumber(1, 20, 8),
});

/** Kinds in the order a tie puts them: a person or place is a likelier target than a long title. */
const KIND_RANK: Record<SuggestionKind, number> = { topic: 0, person: 1, place: 2, title: 3 };
/** `follow` waits this many times the last read's duration after it before reading again. */
const FOLLOW_SPACING = 10;
/** Answers kept for repeated inputs. */
const CACHE_SIZE = 10_000;
/** What pinyin keys are made of, and its pieces (keyText, tokensOf). */
const NOT_KEY = new RegExp(`[^${HAN}A-Za-z0-9]`, 'g');
const KEY_TOKEN = new RegExp(`[${HAN}]|[A-Za-z0-9]+`, 'g');
const HAN_RUN_OF_TWO = new RegExp(`[${HAN}]{2,}`, 'g');
const ALL_HAN = new RegExp(`^[${HAN}]+$`);

/** What a text's pinyin keys are made of: its Han characters, Latin letters and digits. */
function keyText(text: string): string {
  return text.replace(NOT_KEY, '');
}

function keys(text: string): { full: string; initials: string; starts: number[] } {
  const han = keyText(text);
  const syllables = pinyin(han, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).map((s) => s.toLowerCase());
  const starts: number[] = [];
  let at = 0;
  for (const s of syllables) {
    starts.push(at);
    at += s.length;
  }
  return { full: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join(''), starts };
}

/** The characters and Latin or digit runs of a text, one per pinyin syllable of its key (keys). */
function tokensOf(text: string): string[] {
  return keyText(text).match(KEY_TOKEN) ?? [];
}

function hasStart(t: Table, i: number, at: number): boolean {
  for (let k = t.startsAt[i]!; k < t.startsAt[i + 1]!; k++) if (t.starts[k] === at) return true;
  return false;
}

/**
 * Pinyin input matched at the start (3), at the start of initials (2), inside at a syllable (1),
 * inside the initials (0.5). Inside matches start at a syllable: Chinese writes no spaces and any
 * character may start a word, so a syllable stands for a word start ('jz' finds …出席金砖国家…)
 * without a segmenter in every gateway (jieba and its dictionary cost 64 MiB of RSS).
 */
function pinyinScore(t: Table, i: number, q: string): number {
  const full = t.full.get(i);
  const initials = t.initials.get(i);
  if (full.startsWith(q)) return 3;
  if (q.length >= 2 && initials.startsWith(q)) return 2;
  if (q.length >= 4) {
    for (let at = full.indexOf(q); at > 0; at = full.indexOf(q, at + 1)) if (hasStart(t, i, at)) return 1;
  }
  if (q.length >= 2 && initials.includes(q)) return 0.5;
  return 0;
}

/** Position in `t.sorted[field]` of the first entry whose value is ≥ `key`. */
function lowerBound(t: Table, field: Field, key: string): number {
  const sorted = t.sorted[field];
  const column = t[field];
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (column.get(sorted[mid]!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The entries whose `field` starts with `prefix`. */
function withPrefix(t: Table, field: Field, prefix: string): Int32Array {
  return t.sorted[field].subarray(lowerBound(t, field, prefix), lowerBound(t, field, `${prefix}\uffff`));
}

/** The best `limit` candidates ([entry, score]) by selection, not a sort of every match (a short prefix matches thousands). */
function best(t: Table, candidates: Iterable<[number, number]>, limit: number): Suggestion[] {
  // Ties end in the texts' order, so the answer does not depend on the order the entries were read in (shards, pages).
  const order = ([a, sa]: [number, number], [b, sb]: [number, number]) =>
    sb - sa || t.count[b]! - t.count[a]! || KIND_RANK[KINDS[t.kind[a]!]!] - KIND_RANK[KINDS[t.kind[b]!]!] || t.text.length(a) - t.text.length(b) || (t.text.get(a) < t.text.get(b) ? -1 : t.text.get(a) > t.text.get(b) ? 1 : 0);
  const top: [number, number][] = [];
  for (const candidate of candidates) {
    if (top.length === limit && order(candidate, top[limit - 1]!) >= 0) continue;
    let at = top.length === limit ? limit - 1 : top.length;
    while (at > 0 && order(candidate, top[at - 1]!) < 0) at--;
    top.splice(at, 0, candidate);
    if (top.length > limit) top.pop();
  }
  return top.map(([i]) => ({ text: t.text.get(i), kind: KINDS[t.kind[i]!]! }));
}

function* scoredAt(entries: Int32Array, score: number): Generator<[number, number]> {
  for (const i of entries) yield [i, score];
}

export class SuggestionIndex {
  private table: Table = new TableBuilder().build();
  /** Answers by input, emptied when the list is rebuilt: the same few keystrokes ('j', 'jin', '新') come from every user. */
  private readonly cache = new Map<string, Suggestion[]>();
  /** The index's stamp (Engine.indexStamp) when the list was last read from it; null before the first read. */
  private readStamp: string | null = null;
  /** When the last read ended and how long it took (ms), for the spacing of `follow`. */
  private lastRead: { at: number; took: number } | null = null;
  /** The refresh under way: the next waits for it. */
  private turn: Promise<unknown> = Promise.resolve();

  get size(): number {
    return this.table.kind.length;
  }

  /** Replaces the list with the given articles' titles, people, places and topics. */
  load(articles: Iterable<{ title: string; reporters: string[]; place: string | null; topics: string[] }>): void {
    const builder = new TableBuilder();
    builder.add(articles);
    this.install(builder.build());
  }

  /**
   * Replaces the list as `refresh` does: the keys of texts the current list holds are reused, and
   * the build lets the event loop turn every few thousand entries.
   */
  async loadYielding(articles: Iterable<{ title: string; reporters: string[]; place: string | null; topics: string[] }>): Promise<void> {
    const builder = new TableBuilder();
    builder.add(articles);
    this.install(await builder.buildYielding(this.table));
  }

  private install(table: Table): void {
    this.table = table;
    this.cache.clear();
  }

  /**
   * Reads every article's first chunk from the engine, a page at a time, and rebuilds the list,
   * letting searches through while it builds; the current list answers until the new one is ready.
   * Refreshes run one after the other, each reading the index as it then is.
   */
  refresh(engine: SearchEngine, indexName: string): Promise<void> {
    return this.inTurn(() => this.read(engine, indexName));
  }

  /**
   * Reads the list again if the index changed since it was last read (any writer: this process's
   * runs, another gateway's, the CLI); true when it did. A gateway that does not index learns of
   * changes this way: one small request per check. A read costs time that grows with the corpus
   * (4 s at 100k articles, most of a minute at 1M), so after one that took t it waits
   * FOLLOW_SPACING × t before the next: following takes at most a tenth of the gateway's time, and
   * a large archive's suggestions lag behind its changes by minutes, not its searches.
   */
  follow(engine: SearchEngine, indexName: string, now = Date.now()): Promise<boolean> {
    return this.inTurn(async () => {
      if (this.lastRead && now - this.lastRead.at < FOLLOW_SPACING * this.lastRead.took) return false;
      if ((await engine.indexStamp(indexName)) === this.readStamp) return false;
      await this.read(engine, indexName);
      return true;
    });
  }

  private inTurn<T>(step: () => Promise<T>): Promise<T> {
    const run = this.turn.then(step, step);
    this.turn = run.catch(() => {});
    return run;
  }

  private async read(engine: SearchEngine, indexName: string): Promise<void> {
    const started = Date.now();
    // Taken before the documents: a change made while they are read leaves the stamp behind, so the next check reads again.
    const stamp = await engine.indexStamp(indexName);
    const builder = new TableBuilder();
    // An index that does not exist (yet, or any more) suggests nothing.
    const pages = stamp === 'none' ? [] : engine.findDocumentPages(indexName, 'chunkIndex = 0', ['title', 'reporters', 'place', 'topics']);
    for await (const page of pages) {
      builder.add(
        page.map((d) => ({
          title: String(d.title ?? ''),
          reporters: Array.isArray(d.reporters) ? d.reporters.map(String) : [],
          place: typeof d.place === 'string' ? d.place : null,
          topics: Array.isArray(d.topics) ? d.topics.map(String) : [],
        })),
      );
    }
    this.install(await builder.buildYielding(this.table));
    this.readStamp = stamp;
    const ended = Date.now();
    this.lastRead = { at: ended, took: ended - started };
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

  /**
   * A query respelled from the list's texts (titles, names, places, topics), for one that found
   * nothing as typed. Each run of Han characters that no text holds is replaced by
   *  - the characters of a text that reads the same in pinyin (tones aside), aligned on its
   *    syllables: 冷空汽来袭 → 冷空气来袭, 加装电悌 → 加装电梯. Chinese is typed by pinyin, so a
   *    wrong character is most often a homophone the input method offered;
   *  - else, for three characters or more, a text that holds it with one character more inside:
   *    联防控机制 → 联防联控机制, 居民消费格 → 居民消费价格 (a character the typist left out).
   * The most frequent text wins. Null when nothing changes.
   */
  correct(input: string): string | null {
    const q = analyzeQuery(input);
    let changed = false;
    const corrected = q.replace(HAN_RUN_OF_TWO, (run) => {
      // A run the texts hold reads as itself: the homophone search finds it and keeps it.
      const found = this.homophone(run) ?? (run.length >= 3 ? this.withOneMore(run) : null);
      if (!found || found === run) return run;
      changed = true;
      return found;
    });
    return changed ? corrected : null;
  }

  /** The most frequent text span that reads as `run` does in pinyin, or null. */
  private homophone(run: string): string | null {
    const t = this.table;
    const syllables = pinyin(run, { toneType: 'none', type: 'array', v: true }).map((x) => x.toLowerCase());
    if (syllables.length !== run.length) return null;
    const sound = syllables.join('');
    let best: { text: string; count: number } | null = null;
    // Found through the initials (one letter a syllable: a third of the full pinyin to scan), then
    // read in full: the syllables from the one at `first` must spell the same sound.
    for (const [entry, first] of t.initials.matches(syllables.map((x) => x[0]).join(''))) {
      const base = t.startsAt[entry]!;
      const last = first + syllables.length;
      const from = t.starts[base + first]!;
      const to = base + last < t.startsAt[entry + 1]! ? t.starts[base + last]! : t.full.length(entry);
      if (t.full.get(entry).slice(from, to) !== sound) continue;
      const chars = tokensOf(t.text.get(entry)).slice(first, first + syllables.length);
      const text = chars.join('');
      if (chars.length !== run.length || !ALL_HAN.test(text)) continue;
      if (text === run) return run;
      if (!best || t.count[entry]! > best.count) best = { text, count: t.count[entry]! };
    }
    return best?.text ?? null;
  }

  /**
   * The most frequent text span that is `run` with one Han character inserted inside it, or null.
   * Two scans of the texts whatever the run's length: an insertion after the run's first half
   * leaves that half whole, one before it leaves the second half whole.
   */
  private withOneMore(run: string): string | null {
    const t = this.table;
    const half = Math.ceil(run.length / 2);
    let best: { text: string; count: number } | null = null;
    const consider = (entry: number, start: number, k: number) => {
      const value = t.text.get(entry);
      if (start < 0 || !value.startsWith(run.slice(0, k), start) || !value.startsWith(run.slice(k), start + k + 1)) return;
      if (!HAN_CHAR.test(value[start + k]!)) return;
      if (!best || t.count[entry]! > best.count) best = { text: value.slice(start, start + run.length + 1), count: t.count[entry]! };
    };
    for (const [entry, at] of t.text.matches(run.slice(0, half))) for (let k = half; k < run.length; k++) consider(entry, at, k);
    for (const [entry, at] of t.text.matches(run.slice(half))) for (let k = 1; k < half; k++) consider(entry, at - half - 1, k);
    return (best as { text: string } | null)?.text ?? null;
  }

  /** `scanAll`: score every entry (the reference the prefix search must agree with). */
  protected rank(input: string, limit: number, scanAll: boolean): Suggestion[] {
    const t = this.table;
    const raw = input.trim();
    if (!raw) return [];
    const scored = new Map<number, number>();
    const add = (entry: number, score: number) => {
      if (score > (scored.get(entry) ?? 0)) scored.set(entry, score);
    };
    if (HAN_CHAR.test(raw)) {
      const q = analyzeQuery(raw);
      const prefixed = withPrefix(t, 'text', q);
      if (!scanAll && prefixed.length >= limit) return best(t, scoredAt(prefixed, 3), limit);
      for (const entry of prefixed) add(entry, 3);
      if (scanAll || scored.size < limit) for (const [entry, at] of t.text.matches(q)) if (at > 0) add(entry, 1);
    } else {
      const q = raw.toLowerCase().replace(/[^a-z0-9ü]/g, '');
      if (!q) return [];
      const prefixed = withPrefix(t, 'full', q);
      // Prefix matches outrank every other kind: when they fill the list, nothing else is looked at.
      if (!scanAll && prefixed.length >= limit) return best(t, scoredAt(prefixed, 3), limit);
      for (const entry of prefixed) add(entry, 3);
      if (q.length >= 2) for (const entry of withPrefix(t, 'initials', q)) add(entry, 2);
      if (scanAll) {
        for (let i = 0; i < t.kind.length; i++) {
          const score = pinyinScore(t, i, q);
          if (score > 0) add(i, score);
        }
      } else if (scored.size < limit) {
        // Inside matches (pinyinScore's last two rules), found through the joined fields.
        if (q.length >= 4) for (const [entry, at] of t.full.matches(q)) if (at > 0 && hasStart(t, entry, at)) add(entry, 1);
        if (q.length >= 2) for (const [entry] of t.initials.matches(q)) add(entry, 0.5);
      }
    }
    return best(t, scored, limit);
  }
}
