/**
 * A run's spool: records written one JSON line each to a file that has no name (created in a
 * folder and unlinked at once, so it disappears with its handle, even if the process dies) and
 * read back in order as often as needed. A rebuild keeps what it must remember of each file here
 * instead of in memory, so its memory does not grow with the seeds folder.
 */
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { lineBlocks, LineWriter } from './jsonl.js';

/** Bytes read at a time: a block's lines become strings at once, and a small block makes less at once. */
const READ_BLOCK = 1 << 20;

export class Spool<T> {
  /** Records pushed. */
  count = 0;
  private constructor(
    private readonly handle: FileHandle,
    private readonly out: LineWriter,
    private readonly toLine: (record: T) => string,
    private readonly fromLine: (line: string) => T,
  ) {}

  static async create<T>(dir: string, toLine: (record: T) => string, fromLine: (line: string) => T): Promise<Spool<T>> {
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `.spool-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);
    const handle = await open(file, 'wx+', 0o600);
    try {
      await rm(file);
    } catch (err) {
      await handle.close();
      throw err;
    }
    return new Spool(handle, new LineWriter(handle), toLine, fromLine);
  }

  async push(record: T): Promise<void> {
    await this.out.line(this.toLine(record));
    this.count++;
  }

  /** Every record pushed so far, in order. */
  async *records(): AsyncGenerator<T> {
    await this.out.flush();
    for await (const block of lineBlocks(this.handle, 0, READ_BLOCK)) {
      for (const { text } of block) yield this.fromLine(text);
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
