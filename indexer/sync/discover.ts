/**
 * discover: the files under the seeds folder that are worth reading. Skips what
 * editors, downloads and sync tools leave behind, files still being written,
 * symlinks that leave the folder and files over the size limit, and reports names that are
 * not valid UTF-8.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import iconv from 'iconv-lite';
import { FOLDER_FILE, SIDECAR_SUFFIX, isDeclarationFile } from '../extract/declarations.js';
import { flat } from '../extract/strings.js';
import type { Diagnostic, SourceFile } from '../extract/types.js';

/** Names that are never seeds: dotfiles, partial downloads, editor backups and temp files. */
const IGNORED_NAME = /^\.|\.(tmp|part|crdownload|swp)$|~$/i;
/** A file modified this recently gets a second look before it counts as complete. */
const RECENT_MS = 2000;
/** Wait between the two looks at a recent file. */
const SECOND_LOOK_MS = 300;
/** Entries looked at between two turns of the event loop (about 3 ms: searches are not held up). */
const STATS_PER_TURN = 1024;

export interface DiscoverOptions {
  maxFileBytes: number;
  /** Milliseconds between the two looks at a recently modified file (tests shorten it). */
  secondLookMs?: number;
  now?: () => number;
  /**
   * A walk that lists again only what changed: the directories in `changed` (absolute paths, as
   * `listings` keys them) and those `previous` did not list; the others keep their listing.
   */
  previous?: Discovery;
  changed?: ReadonlySet<string>;
  /** Called with each directory just before it is listed (a watch set up here misses nothing the listing does not see). */
  beforeList?: (dir: string) => void;
}

/** What one directory held when it was listed. */
export interface DirListing {
  /** Its files, recently modified ones included (their second look is each walk's own). */
  files: SourceFile[];
  diagnostics: Diagnostic[];
  /** Its sub-directories, each with how many of `files` come before it in name order. */
  subdirs: { absPath: string; relPath: string; at: number; viaLink: boolean }[];
  /**
   * Reached through, or holding, a symbolic link: what a link points at changes without an event
   * in this directory, so it is listed on every walk.
   */
  volatile: boolean;
}

export interface Discovery {
  files: SourceFile[];
  diagnostics: Diagnostic[];
  /** Every directory walked, by absolute path (as walked: a linked directory under its link's path). */
  listings: Map<string, DirListing>;
  /** How many directories this walk listed (the rest kept the previous walk's listing). */
  listed: number;
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The entries of a directory whose names are not valid UTF-8 (a folder unpacked from an archive
 * made on a GBK or Big5 system, say), reported with their bytes escaped and what they read as in
 * GB18030: the operator renames them (convmv -f gbk -t utf8).
 */
function badNames(dir: string, relDir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const raw of readdirSync(dir, { encoding: 'buffer' })) {
    if (isUtf8(raw)) continue;
    const shown = escapeNameBytes(raw);
    const file = relDir ? `${relDir}/${shown}` : shown;
    const guess = iconv.decode(raw, 'gb18030');
    out.push({
      file,
      rule: 'discover/bad-name',
      reason: `the file name is not valid UTF-8${guess.includes('\uFFFD') ? '' : ` (read as GBK: ${JSON.stringify(guess)})`}; rename it to UTF-8 to index it`,
      severity: 'error',
    });
  }
  return out;
}

/**
 * A file name that is not valid UTF-8 as text: printable ASCII kept, every other byte written
 * as \xNN (as `ls -b` does), so that no byte reads as a character it is not.
 */
export function escapeNameBytes(raw: Buffer): string {
  let out = '';
  for (const b of raw) out += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/** Reads one directory: its seed files, its sub-directories and what it set aside. */
async function listDirectory(root: string, dir: string, relDir: string, viaLink: boolean, maxFileBytes: number): Promise<DirListing> {
  const listing: DirListing = { files: [], diagnostics: [], subdirs: [], volatile: viaLink };
  // Synchronous, as lstat below: a directory of 2k entries is listed in about a millisecond, and
  // each promise's trip through the thread pool left the thread idle (a fifth of a walk).
  const entries = readdirSync(dir, { withFileTypes: true });
  // A name that is not valid UTF-8 comes back with U+FFFD in it and cannot be opened by that
  // string: each such name is reported, by its bytes, and left out.
  if (entries.some((e) => e.name.includes('\uFFFD'))) listing.diagnostics.push(...badNames(dir, relDir));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(entries.map((e) => e.name));
  // Declarations first: a file's stamp names the state of its own and its folder's.
  const stamps = new Map<string, string>();
  for (const e of entries) {
    if (!isDeclarationFile(e.name)) continue;
    const info = lstatSync(path.join(dir, e.name), { throwIfNoEntry: false });
    if (info) stamps.set(e.name, `${e.name}:${info.size}:${info.mtimeMs}`);
  }
  for (const [i, entry] of entries.entries()) {
    if (i > 0 && i % STATS_PER_TURN === 0) await yieldToLoop();
    if (IGNORED_NAME.test(entry.name) || isDeclarationFile(entry.name)) continue;
    // Flat: a run keeps every file's paths until it ends (see flat).
    const absPath = flat(path.join(dir, entry.name));
    // lstat without the thread pool: a synchronous call is a few µs where a promise of one cost
    // ~20 (0.5 s against 0.15 s for 53k entries), taken in slices so the event loop keeps turning;
    // each entry's Stats is used at once and dies young (kept for a whole directory, the
    // collector copied them).
    let info = lstatSync(absPath, { throwIfNoEntry: false });
    if (!info) continue; // gone since readdir, or a name badNames reported
    const relPath = relDir ? flat(`${relDir}/${entry.name}`) : entry.name;
    const link = info.isSymbolicLink();
    if (link) {
      listing.volatile = true;
      let target: string;
      try {
        target = await realpath(absPath);
      } catch {
        listing.diagnostics.push({ file: relPath, rule: 'discover/broken-link', reason: 'symbolic link to nothing', severity: 'warning' });
        continue;
      }
      if (!isInside(root, target)) {
        listing.diagnostics.push({ file: relPath, rule: 'discover/outside-link', reason: 'symbolic link leaves the seeds folder', severity: 'warning' });
        continue;
      }
      info = await stat(target);
    }
    if (info.isDirectory()) {
      listing.subdirs.push({ absPath, relPath, at: listing.files.length, viaLink: viaLink || link });
      continue;
    }
    if (!info.isFile()) continue;
    if (info.size > maxFileBytes) {
      listing.diagnostics.push({
        file: relPath,
        rule: 'discover/too-large',
        reason: `${info.size} bytes is over MAX_FILE_BYTES (${maxFileBytes})`,
        severity: 'error',
      });
      continue;
    }
    const own = [FOLDER_FILE, `${entry.name}${SIDECAR_SUFFIX}`].filter((n) => names.has(n));
    const declarations = own.map((n) => flat(path.join(dir, n)));
    const declarationStamp = flat(own.map((n) => stamps.get(n) ?? `${n}:?`).join('|'));
    listing.files.push({ relPath, absPath, size: info.size, mtimeMs: info.mtimeMs, declarations, declarationStamp });
  }
  return listing;
}

export async function discover(seedsDir: string, options: DiscoverOptions): Promise<Discovery> {
  const root = await realpath(seedsDir);
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const listings = new Map<string, DirListing>();
  const visitedDirs = new Set<string>();
  const recent: SourceFile[] = [];
  const now = options.now ?? Date.now;
  const { previous, changed } = options;
  let listed = 0;

  const walk = async (dir: string, relDir: string, viaLink: boolean): Promise<void> => {
    const real = realpathSync(dir);
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    let listing = changed && !changed.has(dir) ? previous?.listings.get(dir) : undefined;
    if (!listing || listing.volatile) {
      options.beforeList?.(dir);
      listing = await listDirectory(root, dir, relDir, viaLink, options.maxFileBytes);
      listed++;
    }
    listings.set(dir, listing);
    diagnostics.push(...listing.diagnostics);
    // In name order: a sub-directory's files come where its name does among the files.
    let next = 0;
    const take = (until: number) => {
      for (; next < until; next++) {
        const file = listing.files[next]!;
        if (now() - file.mtimeMs < RECENT_MS) recent.push(file);
        else files.push(file);
      }
    };
    for (const sub of listing.subdirs) {
      take(sub.at);
      await walk(sub.absPath, sub.relPath, sub.viaLink);
    }
    take(listing.files.length);
  };
  await walk(root, '', false);

  if (recent.length > 0) {
    await sleep(options.secondLookMs ?? SECOND_LOOK_MS);
    for (const file of recent) {
      const again = await stat(file.absPath).catch(() => null);
      if (again && again.size === file.size && again.mtimeMs === file.mtimeMs) files.push(file);
      else diagnostics.push({ file: file.relPath, rule: 'discover/unstable', reason: 'still being written; left for the next run', severity: 'info' });
    }
    files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  }
  return { files, diagnostics, listings, listed };
}
