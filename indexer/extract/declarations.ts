/**
 * Operator declarations: facts a file does not state (its source, its publication date, its
 * script), declared next to it. Two places, the nearer winning:
 *   - a sidecar `NAME.meta.json` beside the file `NAME`;
 *   - a folder file `_meta.json` with `defaults` for every file in the folder and `files` by name.
 * Both are JSON objects of the same fields; neither is indexed as a seed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

/** What to tell an operator whose files leave dates or sources unknown. */
export const DECLARE_HINT =
  `declare what a file does not state in a sidecar next to it, FILE${SIDECAR_SUFFIX}: {"published": "YYYY-MM-DD", "source": "…"} ` +
  `(or ${FOLDER_FILE} with "defaults" for a whole folder); the next run reads it`;

/** True for files that hold declarations rather than news. */
export function isDeclarationFile(name: string): boolean {
  return name === FOLDER_FILE || name.endsWith(SIDECAR_SUFFIX);
}

/** Synchronously, like the file it declares for (see loadSource). */
function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
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
export function loadDeclaration(absPath: string, present?: readonly string[]): LoadedDeclaration {
  const problems: string[] = [];
  let declaration: Declaration = {};
  // With the list discover made, files that are not there are not looked for.
  const readJson = (file: string): unknown => {
    if (present && !present.includes(file)) return undefined;
    try {
      return readJsonFile(file);
    } catch (err) {
      problems.push((err as Error).message);
      return undefined;
    }
  };
  const folder = readJson(path.join(path.dirname(absPath), FOLDER_FILE));
  if (folder !== undefined) {
    const parsed = folderSchema.safeParse(folder);
    if (parsed.success) declaration = { ...parsed.data.defaults, ...parsed.data.files?.[path.basename(absPath)] };
    else problems.push(`${FOLDER_FILE}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const sidecar = readJson(`${absPath}${SIDECAR_SUFFIX}`);
  if (sidecar !== undefined) {
    const parsed = declarationSchema.safeParse(sidecar);
    if (parsed.success) declaration = { ...declaration, ...parsed.data };
    else problems.push(`${path.basename(absPath)}${SIDECAR_SUFFIX}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const hash = createHash('sha256').update(JSON.stringify(declaration)).digest().toString('hex', 0, 8);
  return { declaration, hash, problems };
}
