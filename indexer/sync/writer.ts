/**
 * writer: a run's document writes to the engine, in order, a few in flight at a time, each batch
 * encoded as NDJSON bytes while its documents come.
 */
import type { DocumentSink } from '../../src/engine/ports.js';
import type { Spool } from './spool.js';
import type { ChunkDoc } from '../extract/types.js';

/** Documents per addition request: large enough to amortise a task, small enough for a fast payload. */
const BATCH_DOCS = 5000;
/** Document batches in flight before the oldest is awaited. */
const MAX_PENDING_BATCHES = 4;

const STORY_KEY = '"storyId":';

/** A document as one JSON line with storyId, when it has one, as its last field (the field a held line has rewritten). */
function docLine(doc: { id?: unknown; storyId?: unknown }): string {
  const { storyId, ...rest } = doc;
  return typeof storyId === 'string' ? JSON.stringify({ ...rest, storyId }) : JSON.stringify(doc);
}

/**
 * The run's writes, in order and without waiting for each: documents in bounded batches (a few
 * tasks in flight before the oldest is awaited), then story patches enqueued behind them; deletions
 * only once all of those succeeded. Calls are awaited one at a time.
 */
export class DocumentWriter {
  /**
   * The batch being gathered: each document one NDJSON line, encoded as it comes, outside the JS
   * heap. Document objects held until their batch went out lived long enough to be promoted to the
   * old generation and died there, and the client made one JSON string of the whole batch and
   * then its bytes: tens of MB of a rebuild's peak. Reused from batch to batch (a batch's request
   * has been sent when the engine answers it).
   */
  private lines = Buffer.allocUnsafe(1 << 20);
  private bytes = 0;
  /** Each gathered document's id, and where the value of its storyId (its last field) sits in `lines` and its length; -1: it has none. */
  private ids: string[] = [];
  private storyAt: number[] = [];
  private storyBytes: number[] = [];
  private pending: { done: () => Promise<void> }[] = [];
  /** Documents written: added, or given a new story. */
  count = 0;
  /** Held documents' ids, in the order of their lines in `hold`, and whether each line ends with its storyId. */
  private heldIds: string[] = [];
  private heldStory: boolean[] = [];
  constructor(
    private readonly engine: DocumentSink,
    private readonly uid: string,
    /**
     * Documents are held here (one NDJSON line each, on disk) until their stories are known, and
     * sent with them by update() or settle(). An incremental run writes into the index searches
     * read: a reprint sent before it was linked counted as a story of its own until its patch
     * landed (a query's total went 297 → 540 → 297 while copies of 900 files were indexed).
     */
    private hold: Spool<string> | null = null,
  ) {}

  async add(docs: readonly { id?: unknown; storyId?: unknown }[]): Promise<void> {
    for (const doc of docs) {
      if (this.hold) {
        this.heldIds.push(String(doc.id));
        this.heldStory.push(typeof doc.storyId === 'string');
        await this.hold.push(docLine(doc));
        this.count++;
        continue;
      }
      this.append(doc);
      this.count++;
      if (this.ids.length >= BATCH_DOCS) await this.sendLines();
    }
  }

  /** Sends the held documents, each with its story from `stories` where it has one there. */
  private async release(stories: ReadonlyMap<string, string>): Promise<void> {
    const hold = this.hold;
    if (!hold) return;
    this.hold = null;
    let i = 0;
    for await (const line of hold.records()) {
      const hasStory = this.heldStory[i]!;
      const id = this.heldIds[i++]!;
      const story = stories.get(id);
      if (story === undefined) this.write(line);
      else {
        // storyId is a held line's last field (docLine): its value is rewritten, or the field added.
        const head = hasStory ? line.slice(0, line.lastIndexOf(STORY_KEY)) : line === '{}' ? '{' : `${line.slice(0, -1)},`;
        this.write(`${head}${STORY_KEY}${JSON.stringify(story)}}`);
      }
      this.write('\n');
      this.ids.push(id);
      this.storyAt.push(-1);
      this.storyBytes.push(0);
      if (this.ids.length >= BATCH_DOCS) await this.sendLines();
    }
    this.heldIds = [];
    this.heldStory = [];
  }

  private append(doc: { id?: unknown; storyId?: unknown }): void {
    const { storyId, ...rest } = doc;
    let at = -1;
    let storyBytes = 0;
    if (typeof storyId !== 'string') {
      this.write(JSON.stringify(doc));
    } else {
      const fields = JSON.stringify(rest);
      const story = JSON.stringify(storyId);
      this.write(fields);
      // The closing brace becomes a comma (or goes, when storyId is the only field); storyId closes the line.
      if (fields === '{}') this.bytes--;
      else this.lines[this.bytes - 1] = 0x2c;
      this.write('"storyId":');
      at = this.bytes;
      storyBytes = this.write(story);
      this.write('}');
    }
    this.write('\n');
    this.ids.push(String(doc.id));
    this.storyAt.push(at);
    this.storyBytes.push(storyBytes);
  }

  /** Appends text's UTF-8 to `lines` (growing it: a UTF-16 unit is 3 bytes at most); returns its bytes. */
  private write(text: string): number {
    const room = this.bytes + text.length * 3;
    if (room > this.lines.length) {
      const grown = Buffer.allocUnsafe(Math.max(room, this.lines.length * 2));
      this.lines.copy(grown, 0, 0, this.bytes);
      this.lines = grown;
    }
    const n = this.lines.write(text, this.bytes);
    this.bytes += n;
    return n;
  }

  private async sendLines(): Promise<void> {
    if (!this.ids.length) return;
    const task = await this.engine.enqueue(this.uid, { addLines: this.lines.subarray(0, this.bytes) });
    this.bytes = 0;
    this.ids = [];
    this.storyAt = [];
    this.storyBytes = [];
    await this.track(task);
  }

  private async send(write: { update: readonly object[] } | { delete: readonly string[] }): Promise<void> {
    await this.track(await this.engine.enqueue(this.uid, write));
  }

  private async track(task: { done: () => Promise<void> }): Promise<void> {
    this.pending.push(task);
    if (this.pending.length >= MAX_PENDING_BATCHES) await this.pending.shift()!.done();
  }

  /**
   * New stories, enqueued after every document added so far. A document not sent yet takes its
   * story in its line: an incremental run sends its few documents once, not once and then a patch.
   */
  async update(patches: readonly Pick<ChunkDoc, 'id' | 'storyId'>[]): Promise<void> {
    let rest = patches;
    if (this.hold) {
      const held = new Set(this.heldIds);
      await this.release(new Map(patches.filter((p) => held.has(p.id)).map((p) => [p.id, p.storyId])));
      rest = patches.filter((p) => !held.has(p.id));
    }
    if (this.ids.length) {
      const story = new Map(patches.map((p) => [p.id, p.storyId]));
      const patched = new Set<string>();
      const unpatched = new Set<string>();
      this.ids.forEach((id, i) => {
        const s = story.get(id);
        if (s === undefined) return;
        const json = JSON.stringify(s);
        // Rewritten in place when it fits (story ids are article ids, all of one length); else patched after.
        if (this.storyAt[i]! >= 0 && Buffer.byteLength(json) === this.storyBytes[i]) {
          this.lines.write(json, this.storyAt[i]!);
          patched.add(id);
        } else unpatched.add(id);
      });
      if (patched.size) rest = patches.filter((p) => !patched.has(p.id) || unpatched.has(p.id));
      await this.sendLines();
    }
    this.count += rest.length;
    for (let i = 0; i < rest.length; i += BATCH_DOCS * 2) await this.send({ update: rest.slice(i, i + BATCH_DOCS * 2) });
  }

  /** Deletions wait until every write before them succeeded: a failed run must not have removed anything. */
  async delete(ids: readonly string[]): Promise<void> {
    await this.settle();
    for (let i = 0; i < ids.length; i += BATCH_DOCS * 2) await this.send({ delete: ids.slice(i, i + BATCH_DOCS * 2) });
  }

  /** Sends what is gathered and awaits every task. */
  async settle(): Promise<void> {
    await this.release(new Map());
    await this.sendLines();
    for (const task of this.pending.splice(0)) await task.done();
  }
}

