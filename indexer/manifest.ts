/**
 * The manifest: what the live index holds, file by file (size, mtime, content hash, chunk ids).
 * Written atomically (temp file, fsync, rename) and only after the engine confirmed the tasks
 * it describes; a missing or unreadable manifest means "rebuild in full".
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** A MinHash signature is stored as the base64 of its little-endian 32-bit values: a third of its JSON size as numbers. */
export function encodeMinhash(minhash: Uint32Array): string {
  return Buffer.from(minhash.buffer, minhash.byteOffset, minhash.byteLength).toString('base64');
}

export function decodeMinhash(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Uint32Array(bytes.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readUInt32LE(i * 4);
  return out;
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
});

const manifestSchema = z.object({
  version: z.literal(3),
  index: z.string(),
  updatedAt: z.string(),
  files: z.record(z.string(), entrySchema),
});

export type ManifestEntry = z.infer<typeof entrySchema>;
export type Manifest = z.infer<typeof manifestSchema>;

export function manifestPath(dataDir: string, indexName: string): string {
  return path.join(dataDir, `manifest-${indexName}.json`);
}

export function emptyManifest(index: string): Manifest {
  return { version: 3, index, updatedAt: new Date(0).toISOString(), files: {} };
}

export type ManifestRead = { status: 'ok'; manifest: Manifest } | { status: 'missing' } | { status: 'corrupt'; reason: string };

export async function readManifest(file: string): Promise<ManifestRead> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'corrupt', reason: (err as Error).message };
  }
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { status: 'ok', manifest: parsed.data } : { status: 'corrupt', reason: parsed.error.issues[0]?.message ?? 'invalid' };
  } catch (err) {
    return { status: 'corrupt', reason: (err as Error).message };
  }
}

export async function writeManifest(file: string, manifest: Manifest): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w', 0o644);
  try {
    await handle.writeFile(JSON.stringify(manifest, (key, value: unknown) => (key === 'minhash' && value instanceof Uint32Array ? encodeMinhash(value) : value)));
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
