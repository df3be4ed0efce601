/**
 * The manifest: what the live index holds, file by file (size, mtime, content hash, chunk ids,
 * reprint signatures). Only ever describes tasks the engine confirmed; a missing or unreadable
 * manifest means "rebuild in full".
 *
 * One JSON line per file after a header line, then a journal: an incremental run appends the
 * lines of the files it changed (`{"path", …entry}`, or `{"path", "removed": true}`) and a
 * `{"commit": updatedAt}` line, fsynced, so a small run writes what it changed, not the whole
 * manifest (47 MB at 100k articles). Lines after the last commit are a run that died while
 * appending and are ignored. A full rebuild, or a journal grown past a quarter of the base,
 * writes the whole file again (temp file, fsync, rename).
 */
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { lineBlocks, LineWriter } from './jsonl.js';
import { decodeMinhash, encodeMinhash, type StorySignature } from './link.js';
import { GAP_FIELDS, type MissingFields } from '../extract/types.js';

export interface ManifestEntry {
  size: number;
  mtimeMs: number;
  contentHash: string;
  chunkIds: string[];
  articles: number;
  /** Reprint signatures of the file's articles, so later runs link new files to indexed stories. */
  signatures: StorySignature[];
  /** SourceFile.declarationStamp when the file was indexed. */
  declarationStamp?: string;
  /** How many of its articles left each field empty (absent in entries written before it was counted: such a file is read again). */
  missing?: MissingFields;
}

/** 4: one file written whole; 5: the same lines plus an appended journal of committed runs. */
const VERSION = 5;

const headerSchema = z.object({
  version: z.union([z.literal(4), z.literal(VERSION)]),
  index: z.string(),
  updatedAt: z.string(),
});

export interface Manifest {
  version: typeof VERSION;
  index: string;
  updatedAt: string;
  /** By path: a Map, since a run passes over all of them several times (29k files at 100k articles) and a Map's pass costs a tenth of an object's. */
  files: Map<string, ManifestEntry>;
}

export function manifestPath(dataDir: string, indexName: string): string {
  return path.join(dataDir, `manifest-${indexName}.jsonl`);
}

export function emptyManifest(index: string): Manifest {
  return { version: VERSION, index, updatedAt: new Date(0).toISOString(), files: new Map() };
}

/** Where the committed part of a manifest file ends and how much of it is journal: what an append needs. */
export interface ManifestExtent {
  /** Bytes up to the end of the last commit; an append starts here (cutting off a torn one). */
  committedBytes: number;
  /** Bytes of journal after the whole-file part. */
  journalBytes: number;
  /** Whether the file can take appends (a version 4 file is rewritten whole first). */
  appendable: boolean;
}

export type ManifestRead = { status: 'ok'; manifest: Manifest; extent: ManifestExtent } | { status: 'missing' } | { status: 'corrupt'; reason: string };

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A manifest line's entry, or why it is not one. Checked by hand rather than by a schema: the
 * manifest is this program's own file and a run reads 100k signatures from it (a zod parse of
 * each was most of a no-change run's time); what is checked is what a run relies on.
 */
export function toEntry(value: Record<string, unknown>): ManifestEntry | string {
  const { size, mtimeMs, contentHash, chunkIds, articles, signatures = [], declarationStamp, missing } = value;
  if (!isNumber(size) || !isNumber(mtimeMs) || !isNumber(articles)) return 'size, mtimeMs and articles must be numbers';
  if (!isString(contentHash)) return 'contentHash must be a string';
  if (!Array.isArray(chunkIds) || !chunkIds.every(isString)) return 'chunkIds must be strings';
  if (declarationStamp !== undefined && !isString(declarationStamp)) return 'declarationStamp must be a string';
  if (missing !== undefined && (typeof missing !== 'object' || missing === null || !GAP_FIELDS.every((f) => isNumber((missing as Record<string, unknown>)[f])))) return 'missing must count each field';
  if (!Array.isArray(signatures)) return 'signatures must be a list';
  const sigs: StorySignature[] = [];
  for (const s of signatures as Record<string, unknown>[]) {
    if (typeof s !== 'object' || s === null) return 'a signature must be an object';
    const { id, order, storyId, shingles, minhash, numbers } = s;
    // Numbers were a list of strings before they were one string.
    const stated = Array.isArray(numbers) && numbers.every(isString) ? numbers.join(' ') : numbers;
    if (!isString(id) || !isString(order) || !isString(storyId) || !isNumber(shingles) || !isString(minhash) || !isString(stated)) return `signature ${String(id)} is incomplete`;
    const decoded = decodeMinhash(minhash);
    if (decoded === null) return `signature ${id} has a minhash of the wrong size`;
    // Most articles are their own story: one string for both, not two (100k signatures in a run or a memo).
    sigs.push({ id, order, storyId: storyId === id ? id : storyId, shingles, minhash: decoded, numbers: stated });
  }
  const entry: ManifestEntry = { size, mtimeMs, contentHash, chunkIds: chunkIds as string[], articles, signatures: sigs };
  if (declarationStamp !== undefined) entry.declarationStamp = declarationStamp;
  if (missing !== undefined) entry.missing = missing as MissingFields;
  return entry;
}

export async function readManifest(file: string): Promise<ManifestRead> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'corrupt', reason: (err as Error).message };
  }
  try {
    let manifest: Manifest | null = null;
    let legacy = false;
    /** Lines of the run being read, applied at its commit line. */
    let staged: [string, ManifestEntry | null][] = [];
    let committedBytes = 0;
    let baseBytes = -1;
    let n = 0;
    const apply = () => {
      for (const [relPath, entry] of staged) {
        if (entry) manifest!.files.set(relPath, entry);
        else manifest!.files.delete(relPath);
      }
      staged = [];
    };
    for await (const block of lineBlocks(handle)) {
      for (const { text: line, end } of block) {
        n++;
        if (line === '') continue;
        const value: unknown = JSON.parse(line);
        if (typeof value !== 'object' || value === null) return { status: 'corrupt', reason: `line ${n}: not an object` };
        if (!manifest) {
          const header = headerSchema.safeParse(value);
          if (!header.success) return { status: 'corrupt', reason: `line 1: ${header.error.issues[0]?.message ?? 'invalid header'}` };
          legacy = header.data.version === 4;
          manifest = { version: VERSION, index: header.data.index, updatedAt: header.data.updatedAt, files: new Map() };
          committedBytes = end;
          continue;
        }
        const record = value as Record<string, unknown>;
        if (!legacy && 'commit' in record) {
          if (!isString(record.commit)) return { status: 'corrupt', reason: `line ${n}: commit must be a time` };
          apply();
          manifest.updatedAt = record.commit;
          committedBytes = end;
          if (baseBytes < 0) baseBytes = end;
          continue;
        }
        if (!isString(record.path)) return { status: 'corrupt', reason: `line ${n}: path must be a string` };
        if (record.removed === true) {
          staged.push([record.path, null]);
        } else {
          const entry = toEntry(record);
          if (typeof entry === 'string') return { status: 'corrupt', reason: `line ${n}: ${entry}` };
          staged.push([record.path, entry]);
        }
        if (legacy) {
          apply();
          committedBytes = end;
        }
      }
    }
    if (!manifest) return { status: 'corrupt', reason: 'empty' };
    if (!legacy && baseBytes < 0) return { status: 'corrupt', reason: 'incomplete: no commit line' };
    return { status: 'ok', manifest, extent: { committedBytes, journalBytes: legacy ? 0 : committedBytes - baseBytes, appendable: !legacy } };
  } catch (err) {
    return { status: 'corrupt', reason: (err as Error).message };
  } finally {
    await handle.close();
  }
}

/** JSON with each minhash as the manifest stores it (base64). */
export const encode = (value: unknown) => JSON.stringify(value, (key, v: unknown) => (key === 'minhash' && typeof v === 'string' ? encodeMinhash(v) : v));

const entryLine = (relPath: string, entry: ManifestEntry) => encode({ path: relPath, ...entry });

/**
 * Writes a whole manifest as its entries come (a rebuild need not hold them all): a temp file
 * beside the manifest, which `commit` fsyncs and renames over it and `abort` removes.
 */
export class ManifestWriter {
  private constructor(
    private readonly file: string,
    private readonly tmp: string,
    private readonly handle: FileHandle,
    private readonly out: LineWriter,
    private readonly updatedAt: string,
  ) {}

  static async create(file: string, header: { index: string; updatedAt: string }): Promise<ManifestWriter> {
    const tmp = `${file}.${process.pid}.tmp`;
    const handle = await open(tmp, 'w', 0o644);
    const writer = new ManifestWriter(file, tmp, handle, new LineWriter(handle), header.updatedAt);
    try {
      await writer.out.line(encode({ version: VERSION, index: header.index, updatedAt: header.updatedAt }));
    } catch (err) {
      await writer.abort();
      throw err;
    }
    return writer;
  }

  add(relPath: string, entry: ManifestEntry): Promise<void> {
    return this.out.line(entryLine(relPath, entry));
  }

  /** The commit line, fsync, rename over the manifest; returns the new file's extent. */
  async commit(): Promise<ManifestExtent> {
    try {
      await this.out.line(encode({ commit: this.updatedAt }));
      await this.out.flush();
      await this.handle.sync();
      await this.handle.close();
      await rename(this.tmp, this.file);
    } catch (err) {
      await this.abort();
      throw err;
    }
    return { committedBytes: this.out.bytes, journalBytes: 0, appendable: true };
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => {});
    await rm(this.tmp, { force: true });
  }
}

/** Writes the whole manifest (a new file, fsynced, renamed over the old one) and returns its extent. */
export async function writeManifest(file: string, manifest: Manifest): Promise<ManifestExtent> {
  const writer = await ManifestWriter.create(file, manifest);
  try {
    for (const [relPath, entry] of manifest.files) await writer.add(relPath, entry);
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return writer.commit();
}

export interface ManifestChange {
  updatedAt: string;
  /** Files whose entry is new or different. */
  set: Record<string, ManifestEntry>;
  removed: string[];
}

/** A journal past this share of the whole-file part is folded into a rewrite. */
const MAX_JOURNAL_SHARE = 0.25;

/** Whether a change should rewrite the manifest whole rather than append to it. */
export function shouldRewrite(extent: ManifestExtent): boolean {
  return !extent.appendable || extent.journalBytes > (extent.committedBytes - extent.journalBytes) * MAX_JOURNAL_SHARE;
}

/**
 * Appends a run's change and its commit line at the end of the committed part (cutting off the
 * torn lines of a run that died while appending), fsynced; returns the new extent.
 */
export async function appendManifest(file: string, extent: ManifestExtent, change: ManifestChange): Promise<ManifestExtent> {
  let text = '';
  for (const [relPath, entry] of Object.entries(change.set)) text += `${entryLine(relPath, entry)}\n`;
  for (const relPath of change.removed) text += `${JSON.stringify({ path: relPath, removed: true })}\n`;
  text += `${encode({ commit: change.updatedAt })}\n`;
  const bytes = Buffer.from(text);
  const handle = await open(file, 'r+');
  try {
    await handle.truncate(extent.committedBytes);
    await handle.write(bytes, 0, bytes.length, extent.committedBytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { committedBytes: extent.committedBytes + bytes.length, journalBytes: extent.journalBytes + bytes.length, appendable: true };
}

/** What differs between two manifests, by entry identity (an entry a run left alone is the same object). */
export function manifestChange(before: Manifest, after: Manifest): ManifestChange {
  const set: Record<string, ManifestEntry> = {};
  for (const [relPath, entry] of after.files) if (before.files.get(relPath) !== entry) set[relPath] = entry;
  const removed: string[] = [];
  for (const relPath of before.files.keys()) if (!after.files.has(relPath)) removed.push(relPath);
  return { updatedAt: after.updatedAt, set, removed };
}

/** Identifies one state of a file: a rename over it changes the inode, an append the size and time. */
async function fileStamp(file: string): Promise<string | null> {
  const info = await stat(file).catch(() => null);
  return info && `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}`;
}

/**
 * The manifest a long-running process keeps between its runs (the service's schedule): read
 * again only when the file is no longer the one this process last read or wrote. Saves a
 * scheduled run the read of the whole manifest (0.5 s at 100k articles) for about 1 KB of
 * memory per article.
 */
export class ManifestMemo {
  private held: { file: string; stamp: string; manifest: Manifest; extent: ManifestExtent } | null = null;

  async read(file: string): Promise<ManifestRead> {
    const stamp = await fileStamp(file);
    const held = this.held;
    if (held && held.file === file && stamp === held.stamp) return { status: 'ok', manifest: held.manifest, extent: held.extent };
    this.held = null;
    const read = await readManifest(file);
    // Kept only if nothing wrote the file while it was read.
    if (read.status === 'ok' && stamp !== null && stamp === (await fileStamp(file))) this.held = { file, stamp, manifest: read.manifest, extent: read.extent };
    return read;
  }

  /** After a run wrote the manifest: it is what the file now holds. */
  async wrote(file: string, manifest: Manifest, extent: ManifestExtent): Promise<void> {
    const stamp = await fileStamp(file);
    this.held = stamp === null ? null : { file, stamp, manifest, extent };
  }
}
