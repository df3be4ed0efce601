/**
 * Operator declarations: facts a file does not state (its source, its publication date, its
 * script), declared next to it. Two places, the nearer winning:
 *   - a sidecar `NAME.meta.json` beside the file `NAME`;
 *   - a folder file `_meta.json` with `defaults` for every file in the folder and `files` by name.
 * Both are JSON objects of the same fields; neither is indexed as a seed.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const declarationSchema = z
  .object({
    source: z.string().min(1).max(100).optional(),
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').optional(),
    script: z.enum(['simplified', 'traditional']).optional(),
  })
  .strict();

export type Declaration = z.infer<typeof declarationSchema>;

const folderSchema = z
  .object({
    defaults: declarationSchema.optional(),
    files: z.record(z.string(), declarationSchema).optional(),
  })
  .strict();

export const SIDECAR_SUFFIX = '.meta.json';
export const FOLDER_FILE = '_meta.json';

/** True for files that hold declarations rather than news. */
export function isDeclarationFile(name: string): boolean {
  return name === FOLDER_FILE || name.endsWith(SIDECAR_SUFFIX);
}

async function readJsonFile(file: string): Promise<unknown | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${path.basename(file)}: ${(err as Error).message}`);
  }
}

export interface LoadedDeclaration {
  declaration: Declaration;
  /** Hash of what was declared: a change re-indexes the file. */
  hash: string;
  problems: string[];
}

/** The declaration for one file: folder defaults, then the folder's entry for it, then its sidecar. */
export async function loadDeclaration(absPath: string, present?: readonly string[]): Promise<LoadedDeclaration> {
  const problems: string[] = [];
  let declaration: Declaration = {};
  // With the list discover made, files that are not there are not looked for.
  const readJson = (file: string) => (present && !present.includes(file) ? Promise.resolve(undefined) : readJsonFile(file));
  const folder = await readJson(path.join(path.dirname(absPath), FOLDER_FILE)).catch((err: Error) => (problems.push(err.message), undefined));
  if (folder !== undefined) {
    const parsed = folderSchema.safeParse(folder);
    if (parsed.success) declaration = { ...parsed.data.defaults, ...parsed.data.files?.[path.basename(absPath)] };
    else problems.push(`${FOLDER_FILE}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const sidecar = await readJson(`${absPath}${SIDECAR_SUFFIX}`).catch((err: Error) => (problems.push(err.message), undefined));
  if (sidecar !== undefined) {
    const parsed = declarationSchema.safeParse(sidecar);
    if (parsed.success) declaration = { ...declaration, ...parsed.data };
    else problems.push(`${path.basename(absPath)}${SIDECAR_SUFFIX}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const hash = createHash('sha256').update(JSON.stringify(declaration)).digest().toString('hex', 0, 8);
  return { declaration, hash, problems };
}
