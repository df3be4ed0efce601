/**
 * Where the project's files are, from the TypeScript sources (src/…) or their build (dist/src/…):
 * the nearest folder above this module that holds package.json.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('news-search: package.json not found above the running code');
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = projectRoot();
/** The search page's static files, served as they are (no build step). */
export const WEB_DIR = path.join(PROJECT_ROOT, 'src', 'web');
