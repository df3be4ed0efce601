/**
 * The manifest: what the live index holds, file by file (size, mtime, content hash, chunk ids).
 * Written atomically (temp file, fsync, rename) and only after the engine confirmed the tasks
 * it describes; a missing or unreadable manifest means "rebuild in full".
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';

/** A MinHash signature is stored as the base64 of its little-endian 32-bit values: a third of its JSON size as numbers. */
export function encodeMinhash(minhash: Uint32Array): string {
  return Buffer.from(minhash.buffer, minhash.byteOffset, minhash.byteLength).toString('base64');
}

export function decodeMinhash(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  // A copy of the bytes in a buffer of their own: aligned for the typed array, in the platform's order as encodeMinhash wrote them.
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.length & ~3)));
}

const signatureSchema = z.object({
  id: z.string(),
  order: z.string(),
  storyId: z.string(),
  shingles: z.number(),
  minhash: z.union([z.string(), z.instanceof(Uint32Array)]).transform((m) => (typeof m === 'string' ? decodeMinhash(m) : m)),
  numbers: z.array(z.string()),
});

const entrySchema = z.object({
  size: z.number(),
  mtimeMs: z.number(),
  contentHash: z.string(),
  chunkIds: z.array(z.string()),
  articles: z.number(),
  /** Reprint signatures of the file's articles, so later runs link new files to indexed stories. */
  signatures: z.array(signatureSchema).default([]),
  /** SourceFile.declarationStamp when the file was indexed. */
  declarationStamp: z.string().optional(),
});

const headerSchema = z.object({
  version: z.literal(4),
  index: z.string(),
  updatedAt: z.string(),
});

const lineSchema = entrySchema.extend({ path: z.string() });

export type ManifestEntry = z.infer<typeof entrySchema>;
export interface Manifest {
  version: 4;
  index: string;
  updatedAt: string;
  files: Record<string, ManifestEntry>;
}

/**
 * One JSON line per file after a header line: written and read a line at a time, so a manifest
 * of a million articles never becomes one string (V8 caps strings at 512 MiB; a single JSON
 * document hit that near a million articles).
 */
export function manifestPath(dataDir: string, indexName: string): string {
  return path.join(dataDir, `manifest-${indexName}.jsonl`);
}

export function emptyManifest(index: string): Manifest {
  return { version: 4, index, updatedAt: new Date(0).toISOString(), files: {} };
}

export type ManifestRead = { status: 'ok'; manifest: Manifest } | { status: 'missing' } | { status: 'corrupt'; reason: string };

/**
 * The line each entry was read from: an entry a run leaves as it was (the same object) is
 * written back as that line, not encoded again (most of a small run's time at 100k articles).
 */
const readLines = new WeakMap<ManifestEntry, string>();

/** The lines of a file, read 8 MiB at a time (readline's per-line events cost more than the parsing). */
async function* lines(handle: FileHandle): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  const buffer = Buffer.alloc(8 << 20);
  let rest = '';
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) break;
    const parts = (rest + decoder.write(buffer.subarray(0, bytesRead))).split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  rest += decoder.end();
  if (rest) yield rest;
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
    let n = 0;
    for await (const line of lines(handle)) {
      n++;
      if (line === '') continue;
      const value: unknown = JSON.parse(line);
      if (!manifest) {
        const header = headerSchema.safeParse(value);
        if (!header.success) return { status: 'corrupt', reason: `line 1: ${header.error.issues[0]?.message ?? 'invalid header'}` };
        manifest = { ...header.data, files: {} };
        continue;
      }
      const entry = lineSchema.safeParse(value);
      if (!entry.success) return { status: 'corrupt', reason: `line ${n}: ${entry.error.issues[0]?.message ?? 'invalid'}` };
      const { path: relPath, ...rest } = entry.data;
      manifest.files[relPath] = rest;
      readLines.set(rest, line);
    }
    return manifest ? { status: 'ok', manifest } : { status: 'corrupt', reason: 'empty' };
  } catch (err) {
    return { status: 'corrupt', reason: (err as Error).message };
  } finally {
    await handle.close();
  }
}

const encode = (value: unknown) => JSON.stringify(value, (key, v: unknown) => (key === 'minhash' && v instanceof Uint32Array ? encodeMinhash(v) : v));

export async function writeManifest(file: string, manifest: Manifest): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w', 0o644);
  try {
    const { files, ...header } = manifest;
    let chunk = `${encode(header)}\n`;
    for (const [relPath, entry] of Object.entries(files)) {
      const line = readLines.get(entry);
      chunk += `${line !== undefined && line.startsWith(`{"path":${JSON.stringify(relPath)},`) ? line : encode({ path: relPath, ...entry })}\n`;
      if (chunk.length > 1 << 20) {
        await handle.write(chunk);
        chunk = '';
      }
    }
    await handle.write(chunk);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
