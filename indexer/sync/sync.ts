/**
 * sync: brings the engine to the state of the seeds folder, streaming: each file's chunks are
 * sent as soon as it is processed (the engine indexes while the next files are read), and what
 * the run must remember of it (chunk ids, reprint signatures) goes to a spool on disk, not memory.
 * Once every file is read, reprints are linked from the spool's signatures, the few documents
 * whose story changed get a partial update of their storyId, and a rewritten manifest is written
 * from the spool as it is read again.
 * - incremental: only files whose size/mtime moved are read; only those whose content hash
 *   changed are processed; new chunks are upserted and vanished ones deleted. No change, no write.
 * - full (or no usable manifest, or no live index): a fresh index is filled under a new name and
 *   swapped in atomically, so searches never see a half-built index; the old one is deleted.
 * A rejected file keeps its last good chunks in both modes. The manifest is written last.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { filterString, type Engine } from '../../src/engine/meili.js';
import { EngineStorageError } from '../../src/engine/errors.js';
import { chunkIndexSettings, storyIndexOf, storyIndexSettings } from '../../src/engine/settings.js';
import { loadDeclaration } from '../extract/declarations.js';
import { discover } from './discover.js';
import { SignatureTable, type PagePart } from './link.js';
import { appendManifest, emptyManifest, encode, manifestChange, ManifestWriter, manifestPath, readManifest, shouldRewrite, toEntry, type Manifest, type ManifestEntry, type ManifestExtent, type ManifestMemo } from './manifest.js';
import { linkAll, loadSource, processForSync, sources, storySeeds, type LoadedSource } from './pipeline.js';
import type { PipelinePool } from './pipeline-pool.js';
import { Spool } from './spool.js';
import { copiesOfChunks, STORY_CHUNK_FIELDS, storyDoc } from './story.js';
import { DocumentWriter } from './writer.js';
import { GAP_FIELDS, type Article, type ChunkDoc, type Diagnostic, type MissingFields, type SourceFile } from '../extract/types.js';
import type { FolderWatch } from './watch.js';

export type FileStatus = 'indexed' | 'renamed' | 'unchanged' | 'rejected' | 'deleted' | 'skipped';

export interface FileReport {
  file: string;
  status: FileStatus;
  articles: number;
  chunks: number;
  /**
   * Errors and warnings, and the run's own notes (a rename). The pipeline's notes on what it did
   * to a file it indexed (lines rejoined, encoding found: about two a file) are for the dry run
   * (`--dry-run` reports them); a run of 29k files does not keep 55k of them until it ends.
   */
  diagnostics: readonly Diagnostic[];
  /** How many of its articles left each field empty (files the index holds: indexed, renamed, unchanged). */
  missing?: MissingFields;
  /** Dry runs: where each article's fields came from, article by article. */
  evidence?: Article['evidence'][];
}

export interface RunReport {
  mode: 'full' | 'incremental';
  /** Why a full rebuild ran, when it was not asked for. */
  reason?: string;
  startedAt: string;
  finishedAt: string;
  files: FileReport[];
  totals: { files: number; indexed: number; renamed: number; unchanged: number; rejected: number; deleted: number; articles: number; chunks: number; missing: MissingFields };
  /** Documents upserted and deleted in the engine by this run. */
  upserted: number;
  deleted: number;
  /** Directories of the seeds folder this run listed, of all it walked (a watched folder lists only those that changed). */
  directories: { listed: number; total: number };
}

export interface Progress {
  done: number;
  total: number;
  file: string;
}

export interface SyncOptions {
  seedsDir: string;
  dataDir: string;
  indexName: string;
  maxFileBytes: number;
  engine: Engine;
  full?: boolean;
  onProgress?: (p: Progress) => void;
  /** Checked between files: when it returns true the run stops before writing anything more. */
  shouldStop?: () => boolean;
  /** Asked once before the run commits (swap, deletes, manifest): false aborts it (e.g. the indexing lease was lost). */
  confirm?: () => Promise<boolean>;
  /** A process that runs again and again keeps the manifest here between runs instead of reading it each time. */
  memo?: ManifestMemo;
  /** And watches the seeds folder, so a run lists again only the directories that changed. */
  watch?: FolderWatch;
  /** Told once the run knows whether it rebuilds in full, and why when it was not asked to. */
  onMode?: (mode: RunReport['mode'], reason?: string) => void;
  /**
   * The share of the indexed files a run may delete (0–1, default MAX_DELETE_SHARE_DEFAULT); a run
   * that would delete more, or finds the seeds folder empty, is refused (MassDeletionRefused).
   */
  maxDeleteShare?: number;
  /** An operator confirmed that this run may delete any number of files. */
  allowMassDelete?: boolean;
  /** Runs the pipeline off the event loop (the service); without it, files are processed on this thread. */
  pipeline?: PipelinePool;
}

/** A run may delete at most this share of the indexed files unless an operator confirms it. */
export const MAX_DELETE_SHARE_DEFAULT = 0.5;

/**
 * A run refused because it would delete most of the index: what an unmounted network share or a
 * failed sync looks like from here. Nothing was written; the live index serves as before.
 */
export class MassDeletionRefused extends Error {
  override name = 'MassDeletionRefused';
  constructor(
    readonly deleting: number,
    readonly indexed: number,
    readonly what: string,
  ) {
    super(
      `refused to delete ${deleting} of ${indexed} indexed ${what}: ${deleting >= indexed ? 'the seeds folder is empty (an unmounted share or a failed sync?)' : 'more than the share a run may delete (MAX_DELETE_SHARE)'}; ` +
        'the index was kept as it was. If the files are meant to go, confirm it: POST /api/admin/reindex?allowMassDelete=true, or npm run index -- --allow-mass-delete',
    );
  }
}

/** The file that says a full rebuild was started and has not finished (kill -9, a crash): the next run rebuilds in full. */
export function owedRebuildPath(dataDir: string, indexName: string): string {
  return path.join(dataDir, `rebuild-owed-${indexName}.json`);
}

/** The lock an indexing run holds on DATA_DIR (src/runtime/pid-lock.ts): one run at a time, service or CLI. */
export function runLockPath(dataDir: string, indexName: string): string {
  return path.join(dataDir, `run-${indexName}.lock`);
}

async function readOwed(file: string): Promise<{ startedAt: string } | null> {
  try {
    const owed = JSON.parse(await readFile(file, 'utf8')) as { startedAt?: unknown };
    return { startedAt: typeof owed.startedAt === 'string' ? owed.startedAt : 'an unknown time' };
  } catch (err) {
    // A file half written when its process died still says a rebuild is owed.
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? null : { startedAt: 'an unknown time' };
  }
}

/**
 * What a run keeps of a processed file once its chunks are sent, in its spool until it links
 * (at 100k articles this was most of what a rebuild's memory grew by).
 */
interface FreshFile {
  relPath: string;
  /** The file's manifest entry, each signature still naming its own story. */
  entry: ManifestEntry;
  /** Each chunk's article, by position in `entry.chunkIds`: the article's place in `entry.signatures`. */
  chunkArticles: number[];
  /**
   * Chunks kept from the last run whose article was then in another story: [chunk id, the story
   * the index holds for it]. Every other chunk is sent (or kept) with its own article's id as its story.
   */
  keptStories: [string, string][];
  /** The articles that jump to or from another page. */
  parts: PagePart[];
}

const freshLine = (f: FreshFile) => encode({ path: f.relPath, ...f.entry, chunkArticles: f.chunkArticles, keptStories: f.keptStories, parts: f.parts });

function freshFrom(line: string): FreshFile {
  const record = JSON.parse(line) as Record<string, unknown> & Pick<FreshFile, 'chunkArticles' | 'keptStories' | 'parts'> & { path: string };
  const entry = toEntry(record);
  if (typeof entry === 'string') throw new Error(`the run's spool holds a bad line for ${record.path}: ${entry}`);
  return { relPath: record.path, entry, chunkArticles: record.chunkArticles, keptStories: record.keptStories, parts: record.parts };
}

const NONE: readonly Diagnostic[] = Object.freeze([]);

/** What a run reports of a file's diagnostics (see FileReport.diagnostics): one shared list when nothing is left. */
function reported(diagnostics: readonly Diagnostic[]): readonly Diagnostic[] {
  const kept = diagnostics.filter((d) => d.severity !== 'info');
  return kept.length ? kept : NONE;
}

export class SyncAborted extends Error {
  override name = 'SyncAborted';
}

/** A manifest entry with the stamp of the file's declarations as discover saw them. */
function stamped(entry: ManifestEntry, file: SourceFile): ManifestEntry {
  return file.declarationStamp === undefined ? entry : { ...entry, declarationStamp: file.declarationStamp };
}

function noGaps(): MissingFields {
  return Object.fromEntries(GAP_FIELDS.map((f) => [f, 0])) as MissingFields;
}

function emptyTotals(): RunReport['totals'] {
  return { files: 0, indexed: 0, renamed: 0, unchanged: 0, rejected: 0, deleted: 0, articles: 0, chunks: 0, missing: noGaps() };
}

/** A file the index holds, as the report shows it. */
function heldReport(file: string, status: 'unchanged' | 'skipped', entry: ManifestEntry, diagnostics: readonly Diagnostic[]): FileReport {
  const report: FileReport = { file, status, articles: entry.articles, chunks: entry.chunkIds.length, diagnostics };
  if (entry.missing) report.missing = entry.missing;
  return report;
}

function summarise(files: FileReport[]): RunReport['totals'] {
  const t = emptyTotals();
  for (const f of files) {
    if (f.status !== 'deleted') t.files++;
    if (f.status === 'indexed') t.indexed++;
    if (f.status === 'renamed') t.renamed++;
    if (f.status === 'unchanged') t.unchanged++;
    if (f.status === 'rejected') t.rejected++;
    if (f.status === 'deleted') t.deleted++;
    if (f.status === 'indexed' || f.status === 'renamed' || f.status === 'unchanged') {
      t.articles += f.articles;
      t.chunks += f.chunks;
      if (f.missing) for (const field of GAP_FIELDS) t.missing[field] += f.missing[field];
    }
  }
  return t;
}

/** Story ids read from the chunk index per request. */
const STORIES_PER_READ = 200;

/**
 * Writes the story document of each story named, built from its articles' chunks in `chunkIndex`;
 * returns the stories that have no article there any more.
 */
async function rebuildStories(engine: Engine, chunkIndex: string, storyIds: readonly string[], writer: DocumentWriter): Promise<string[]> {
  const emptied: string[] = [];
  for (let i = 0; i < storyIds.length; i += STORIES_PER_READ) {
    const ids = storyIds.slice(i, i + STORIES_PER_READ);
    const docs = await engine.documentsWhere(chunkIndex, `storyId IN [${ids.map(filterString).join(', ')}]`, [...STORY_CHUNK_FIELDS]);
    const copies = copiesOfChunks(docs);
    const built = [];
    for (const id of ids) {
      const found = copies.get(id);
      if (found?.length) built.push(storyDoc(id, found));
      else emptied.push(id);
    }
    await writer.add(built);
  }
  return emptied;
}

/** What a run does with a file it found, before reading it (see classifyListed). */
export type ListedVerdict = 'unchanged' | 'declaration-changed' | 'read';

/**
 * A file as listed, against its manifest entry: unchanged (the same size, time and declarations:
 * nothing to read), its declaration changed only (read the declaration; the file itself only if
 * the declaration's content moved), or to be read (new, moved, every file of a rebuild, or an entry
 * written before its articles' empty fields were counted).
 */
export function classifyListed(entry: ManifestEntry | undefined, file: Pick<SourceFile, 'size' | 'mtimeMs' | 'declarationStamp'>, full: boolean): ListedVerdict {
  if (full || !entry || entry.size !== file.size || entry.mtimeMs !== file.mtimeMs || !entry.missing) return 'read';
  return file.declarationStamp !== undefined && entry.declarationStamp === file.declarationStamp ? 'unchanged' : 'declaration-changed';
}

/** What a run does with a file it processed. */
export type ProcessedVerdict = 'rejected' | 'unchanged' | 'fresh';

/**
 * A processed file, against its manifest entry: rejected (the pipeline refused it: the index keeps
 * its last good chunks), unchanged (an incremental run met the same content: nothing is sent), or
 * fresh (new, changed, or any file of a rebuild: its chunks are sent and its articles linked).
 */
export function classifyProcessed(entry: Pick<ManifestEntry, 'contentHash'> | undefined, result: { ok: false } | { ok: true; contentHash: string }, full: boolean): ProcessedVerdict {
  if (!result.ok) return 'rejected';
  return !full && entry !== undefined && entry.contentHash === result.contentHash ? 'unchanged' : 'fresh';
}

export async function syncSeeds(options: SyncOptions): Promise<RunReport> {
  return (await SyncRun.plan(options)).execute();
}

/** What a run decided before it writes anything: its mode, the manifest it read, the files it found. */
interface RunPlan {
  startedAt: string;
  /** The manifest the run read (or an empty one). */
  old: Manifest;
  read: Awaited<ReturnType<typeof readManifest>>;
  liveExists: boolean;
  liveStoriesExist: boolean;
  full: boolean;
  /** Why a full rebuild runs, when it was not asked for. */
  reason: string | undefined;
  discovery: Awaited<ReturnType<typeof discover>>;
}

/**
 * One run, phase by phase: `plan` (read the manifest and the live indexes, choose the mode, list
 * the seeds), then `execute`: prepare the target indexes, read the changed files (send their
 * chunks, spool what linking needs), link reprints, give every processed file its stories, count
 * what is gone, and commit (deletions, stories, swap, manifest). Nothing is committed before the
 * last phase; a failure abandons a rebuild's build indexes.
 */
class SyncRun {
  private readonly engine: Engine;
  private readonly live: string;
  private readonly liveStories: string;
  private readonly mfile: string;
  private readonly owedFile: string;
  private readonly target: string;
  private readonly targetStories: string;
  /** A small change is appended to the manifest the run read; otherwise the manifest is written whole. */
  private readonly appendTo: ManifestExtent | null;
  private readonly reports: FileReport[] = [];
  /** The manifest this run writes. */
  private readonly next: Manifest;
  /** Files discover set aside (too large, still being written): they keep what the index has of them. */
  private readonly setAside = new Map<string, Diagnostic[]>();
  private manifestOut: ManifestWriter | null = null;
  // Opened by execute.
  private spool!: Spool<FreshFile>;
  private heldDocs: Spool<string> | null = null;
  private writer!: DocumentWriter;
  private storyWriter!: DocumentWriter;
  private readonly toDelete: string[] = [];
  /** Content hash → path of the files the manifest holds and the seeds folder no longer does (found when first needed). */
  private vanished: Map<string, string> | null = null;
  private readonly renamedFrom = new Map<string, string>();
  private readonly freshPaths = new Set<string>();
  private freshArticles = 0;

  private constructor(
    private readonly options: SyncOptions,
    private readonly plan: RunPlan,
  ) {
    this.engine = options.engine;
    this.live = options.indexName;
    this.liveStories = storyIndexOf(this.live);
    this.mfile = manifestPath(options.dataDir, this.live);
    this.owedFile = owedRebuildPath(options.dataDir, this.live);
    this.target = plan.full ? `${this.live}__build_${Date.now().toString(36)}` : this.live;
    this.targetStories = storyIndexOf(this.target);
    const { read, old } = plan;
    this.appendTo = !plan.full && read.status === 'ok' && read.manifest === old && !shouldRewrite(read.extent) ? read.extent : null;
    this.next = { ...emptyManifest(this.live), updatedAt: plan.startedAt };
    for (const d of plan.discovery.diagnostics) this.setAside.set(d.file, [...(this.setAside.get(d.file) ?? []), d]);
  }

  /** Phase 0: the manifest and the live indexes read, the mode chosen, the seeds folder listed. */
  static async plan(options: SyncOptions): Promise<SyncRun> {
    const startedAt = new Date().toISOString();
    const { engine, indexName: live } = options;
    const mfile = manifestPath(options.dataDir, live);
    const liveStories = storyIndexOf(live);
    const [read, liveExists, liveStoriesExist, owed] = await Promise.all([
      options.memo ? options.memo.read(mfile) : readManifest(mfile),
      engine.indexExists(live),
      engine.indexExists(liveStories),
      readOwed(owedRebuildPath(options.dataDir, live)),
    ]);
    const old: Manifest = read.status === 'ok' && read.manifest.index === live ? read.manifest : emptyManifest(live);
    // Build indexes no run owns any more (a run holds the run lock or the lease, so none other is
    // under way): left by a rebuild whose process was killed. Each is a full copy on disk.
    for (const stale of await engine.listIndexes(`${live}__build_`)) await engine.abandonIndex(stale);

    let reason: string | undefined;
    if (!options.full) {
      if (owed) reason = `the full rebuild started at ${owed.startedAt} did not finish`;
      else if (!liveExists) reason = `index "${live}" does not exist`;
      else if (!liveStoriesExist) reason = `index "${liveStories}" does not exist`;
      else if (read.status === 'missing') reason = 'no manifest';
      else if (read.status === 'corrupt') reason = `manifest unreadable (${read.reason})`;
      else {
        // Reconcile: a run killed half-way may have left documents the manifest does not know.
        let expected = 0;
        for (const e of old.files.values()) expected += e.chunkIds.length;
        const actual = await engine.documentCount(live);
        // (A run killed after its chunks landed and before its stories did left its manifest
        // unwritten: the next run reads those files again and rebuilds their stories.)
        if (actual !== expected) reason = `the index holds ${actual} documents where the manifest expects ${expected}`;
      }
    }
    const full = options.full === true || reason !== undefined;
    options.onMode?.(full ? 'full' : 'incremental', reason);

    const walk = { maxFileBytes: options.maxFileBytes };
    const discovery = await (options.watch ? options.watch.discover(options.seedsDir, walk) : discover(options.seedsDir, walk));
    // An empty seeds folder over an index that holds files is refused before anything is built.
    if (!options.allowMassDelete && discovery.files.length === 0 && discovery.diagnostics.length === 0) {
      const held = old.files.size || (liveExists ? await engine.documentCount(live) : 0);
      if (held > 0) throw new MassDeletionRefused(held, held, old.files.size ? 'files' : 'documents');
    }
    return new SyncRun(options, { startedAt, old, read, liveExists, liveStoriesExist, full, reason, discovery });
  }

  async execute(): Promise<RunReport> {
    const { full } = this.plan;
    this.spool = await Spool.create(this.options.dataDir, freshLine, freshFrom);
    // An incremental run writes into the index searches read: its documents wait on disk until
    // their stories are linked, so no reprint counts as a story of its own meanwhile. A rebuild
    // streams into its build index, which no search reads.
    this.heldDocs = full ? null : await Spool.create<string>(this.options.dataDir, (line) => line, (line) => line);
    try {
      await this.prepareTargets();
      await this.keepSetAside();
      await this.readChanged();
      const stories = await this.link();
      const rebuild = await this.assignStories(stories);
      this.countGone(rebuild);
      return await this.commit(rebuild);
    } catch (err) {
      await this.manifestOut?.abort();
      if (full) {
        await this.engine.abandonIndex(this.target).catch(() => {});
        await this.engine.abandonIndex(this.targetStories).catch(() => {});
      }
      throw err;
    } finally {
      await this.spool.close();
      await this.heldDocs?.close();
    }
  }

  /** A rebuild's build indexes made (and the rebuild marked as owed until it is swapped in); settings as code on both targets. */
  private async prepareTargets(): Promise<void> {
    const { engine, target, targetStories } = this;
    if (this.plan.full) {
      await writeFile(this.owedFile, JSON.stringify({ startedAt: this.plan.startedAt, target }));
      await engine.createIndex(target);
      await engine.createIndex(targetStories);
    }
    await engine.ensureSettings(target, chunkIndexSettings);
    await engine.ensureSettings(targetStories, storyIndexSettings);
    this.writer = new DocumentWriter(engine, target, this.heldDocs);
    // A rebuild sends each article as a story of its own as it comes, and rebuilds the linked
    // stories once linking is done; an incremental run rebuilds the stories it touched.
    this.storyWriter = new DocumentWriter(engine, targetStories);
  }

  /** A file the run does not index again keeps its entry; a rebuild copies its documents from the live index. */
  private async keepPrevious(relPath: string, entry: ManifestEntry): Promise<void> {
    this.next.files.set(relPath, entry);
    if (this.plan.full && this.plan.liveExists && entry.chunkIds.length) {
      const docs = await this.engine.documentsWhere(this.live, `file = ${filterString(relPath)}`);
      await this.writer.add(docs);
      for (const copies of copiesOfChunks(docs).values()) await this.storyWriter.add(copies.map((c) => storyDoc(c.id, [c])));
    }
  }

  private async keepSetAside(): Promise<void> {
    for (const [relPath, diagnostics] of this.setAside) {
      const entry = this.plan.old.files.get(relPath);
      if (entry) await this.keepPrevious(relPath, entry);
      // Never indexed and refused (too large, a name that is not UTF-8): rejected, as the pipeline's refusals.
      const status = !entry && diagnostics.some((d) => d.severity === 'error') ? 'rejected' : 'skipped';
      this.reports.push(entry ? heldReport(relPath, 'skipped', entry, diagnostics) : { file: relPath, status, articles: 0, chunks: 0, diagnostics });
    }
  }

  /**
   * A new file with the content of a vanished one was renamed (or moved). Found when a run first
   * meets a new file: most runs meet none, and the search passes over every file.
   */
  private vanishedWith(contentHash: string): string | undefined {
    if (!this.vanished) {
      this.vanished = new Map();
      const present = new Set(this.plan.discovery.files.map((f) => f.relPath));
      for (const [relPath, e] of this.plan.old.files) if (!present.has(relPath) && !this.setAside.has(relPath)) this.vanished.set(e.contentHash, relPath);
    }
    return this.vanished.get(contentHash);
  }

  /** Phase 1: process the files that changed (all of them in a full run), send their chunks and spool what linking and the manifest need of them. */
  private async readChanged(): Promise<void> {
    const { old, full, discovery } = this.plan;
    const { options } = this;
    let done = 0;
    const since = Date.parse(this.plan.startedAt);
    // Same bytes and same declarations: nothing to read, and no turn of the event loop each
    // (an incremental run over 29k files passes most of them here).
    const toRead: SourceFile[] = [];
    for (const file of discovery.files) {
      const entry = old.files.get(file.relPath);
      if (entry && classifyListed(entry, file, full) === 'unchanged') {
        this.next.files.set(file.relPath, entry);
        this.reports.push(heldReport(file.relPath, 'unchanged', entry, NONE));
        done++;
      } else toRead.push(file);
    }
    // Files whose size or time moved are read; the others only if their declaration changed.
    const moved = (file: SourceFile) => classifyListed(old.files.get(file.relPath), file, full) === 'read';
    for await (const [file, source] of sources(toRead, moved)) {
      if (options.shouldStop?.()) throw new SyncAborted('stopped before the run finished; nothing was committed');
      // The engine reported a full disk or a lost database: no write of this run will land, so the
      // run ends now rather than reading every file left first (a rebuild of 30k files: minutes).
      const fault = this.engine.faultSince(since);
      if (fault) throw new EngineStorageError(fault);
      options.onProgress?.({ done, total: discovery.files.length, file: file.relPath });
      this.reports.push(await this.readOne(file, source));
      done++;
    }
    options.onProgress?.({ done, total: discovery.files.length, file: '' });
  }

  private async readOne(file: SourceFile, read: LoadedSource | null): Promise<FileReport> {
    const { full } = this.plan;
    const entry = this.plan.old.files.get(file.relPath);
    let source = read;
    if (!source) {
      const declared = loadDeclaration(file.absPath, file.declarations);
      if (entry && (entry.contentHash.split(':')[1] ?? '') === declared.hash) {
        this.next.files.set(file.relPath, stamped(entry, file));
        return heldReport(file.relPath, 'unchanged', entry, NONE);
      }
      source = loadSource(file, declared); // the declaration changed: read the file, not the declaration again
    }
    const processed = this.options.pipeline ? await this.options.pipeline.process(file, source) : processForSync(file, source);
    const { result } = processed;
    const verdict = classifyProcessed(entry, result, full);
    if (!result.ok || verdict === 'rejected') {
      if (entry) await this.keepPrevious(file.relPath, entry);
      return { file: file.relPath, status: 'rejected', articles: 0, chunks: 0, diagnostics: result.diagnostics };
    }
    const missing = processed.missing!;
    if (verdict === 'unchanged' && entry) {
      const kept = stamped({ ...entry, size: file.size, mtimeMs: file.mtimeMs, missing }, file);
      this.next.files.set(file.relPath, kept);
      return heldReport(file.relPath, 'unchanged', kept, reported(result.diagnostics));
    }
    const from = entry ? undefined : this.vanishedWith(result.contentHash);
    if (from) this.renamedFrom.set(file.relPath, from);
    const before = new Set(full ? [] : (entry?.chunkIds ?? []));
    // What the index holds as each chunk's story once these chunks land: kept chunks keep the story of the last run.
    const oldStory = new Map((entry?.signatures ?? []).filter((sig) => sig.storyId !== sig.id).map((sig) => [sig.id, sig.storyId]));
    const ids = new Set<string>();
    const place = new Map(result.articles.map((a, i) => [a.id, i]));
    const chunkArticles: number[] = [];
    const keptStories: [string, string][] = [];
    for (const c of result.chunks) {
      if (ids.has(c.id)) continue; // an article printed twice in one file
      ids.add(c.id);
      chunkArticles.push(place.get(c.articleId)!);
      const story = before.has(c.id) ? oldStory.get(c.articleId) : undefined;
      if (story !== undefined) keptStories.push([c.id, story]);
    }
    const chunkIds = [...ids];
    await this.writer.add(result.chunks.filter((c) => !before.has(c.id)));
    if (full) await this.storyWriter.add(storySeeds(result));
    if (entry && !full) this.toDelete.push(...entry.chunkIds.filter((id) => !ids.has(id)));
    const { signatures, parts } = processed.link!;
    const fresh = { size: file.size, mtimeMs: file.mtimeMs, contentHash: result.contentHash, chunkIds, articles: result.articles.length, signatures, missing };
    await this.spool.push({ relPath: file.relPath, entry: stamped(fresh, file), chunkArticles, keptStories, parts });
    this.freshPaths.add(file.relPath);
    this.freshArticles += signatures.length;
    const diagnostics = from
      ? [...reported(result.diagnostics), { file: file.relPath, rule: 'sync/renamed', reason: `renamed from ${from}`, severity: 'info' as const }]
      : reported(result.diagnostics);
    return { file: file.relPath, status: from ? 'renamed' : 'indexed', articles: result.articles.length, chunks: ids.size, diagnostics, missing };
  }

  /**
   * Phase 2: link reprints among the processed files and against the stories already indexed.
   * The signatures go into one table of columns, not 100k objects (the rebuild's peak is here).
   * Returns each processed article's story, where it is not the article's own.
   */
  private async link(): Promise<Map<string, string>> {
    if (!this.spool.count) return new Map();
    const fresh = new SignatureTable(this.freshArticles);
    const parts: PagePart[] = [];
    for await (const f of this.spool.records()) {
      for (const s of f.entry.signatures) fresh.add(s);
      parts.push(...f.parts);
    }
    return linkAll(fresh, parts, Array.from(this.next.files.values(), (e) => e.signatures));
  }

  /**
   * Phase 3: the processed files' manifest entries, with their stories. A rewritten manifest takes
   * them as they come (a rebuild never holds them all); an appended change, or a process that
   * keeps the manifest between runs, needs them in `next`. Documents whose story is not the one
   * they were sent (or kept) with get it by partial update. Returns what the stories' rebuild needs.
   */
  private async assignStories(stories: Map<string, string>): Promise<StoryWork> {
    const { full, old } = this.plan;
    if (!this.appendTo) {
      this.manifestOut = await ManifestWriter.create(this.mfile, this.next);
      for (const [relPath, entry] of this.next.files) await this.manifestOut.add(relPath, entry);
    }
    // The stories whose documents this run rebuilds once the chunks are in: a rebuild, the stories
    // of more than one article (each of whose other articles' own story documents it deletes); an
    // incremental run, every story a fresh, changed or deleted article was or is in.
    const work: StoryWork = { patches: [], rebuilt: new Set(), merged: [] };
    const linkedIn = (sigs: readonly { id: string; storyId: string }[]) => {
      for (const sig of sigs) {
        if (sig.storyId === sig.id) continue;
        work.rebuilt.add(sig.storyId);
        work.merged.push(sig.id);
      }
    };
    if (full) for (const entry of this.next.files.values()) linkedIn(entry.signatures);
    for await (const { relPath, entry, chunkArticles, keptStories } of this.spool.records()) {
      const kept = keptStories.length ? new Map(keptStories) : null;
      entry.chunkIds.forEach((id, i) => {
        const articleId = entry.signatures[chunkArticles[i]!]!.id;
        const story = stories.get(articleId) ?? articleId;
        if (story !== (kept?.get(id) ?? articleId)) work.patches.push({ id, storyId: story });
      });
      for (const sig of entry.signatures) sig.storyId = stories.get(sig.id) ?? sig.id;
      if (full) linkedIn(entry.signatures);
      else {
        for (const sig of entry.signatures) work.rebuilt.add(sig.storyId);
        for (const sig of old.files.get(relPath)?.signatures ?? []) work.rebuilt.add(sig.storyId);
      }
      await this.manifestOut?.add(relPath, entry);
      if (this.appendTo || this.options.memo) this.next.files.set(relPath, entry);
    }
    return work;
  }

  /** The files the manifest holds and the seeds folder no longer does: deleted (or renamed away), within the share a run may delete. */
  private countGone(work: StoryWork): void {
    const { full, old } = this.plan;
    const renamedAway = new Set(this.renamedFrom.values());
    let gone = 0;
    for (const [relPath, entry] of old.files) {
      if (this.next.files.has(relPath) || this.freshPaths.has(relPath)) continue;
      if (!full) {
        this.toDelete.push(...entry.chunkIds);
        for (const sig of entry.signatures) work.rebuilt.add(sig.storyId);
      }
      // A file renamed away is reported under its new name.
      if (!renamedAway.has(relPath)) {
        this.reports.push({ file: relPath, status: 'deleted', articles: entry.articles, chunks: entry.chunkIds.length, diagnostics: NONE });
        gone++;
      }
    }
    const share = this.options.maxDeleteShare ?? MAX_DELETE_SHARE_DEFAULT;
    if (!this.options.allowMassDelete && old.files.size && gone > share * old.files.size) throw new MassDeletionRefused(gone, old.files.size, 'files');
  }

  /** Phase 4: the writes finished, the stories rebuilt, a rebuild swapped in, the manifest written. */
  private async commit({ patches, rebuilt, merged }: StoryWork): Promise<RunReport> {
    const { engine, writer, storyWriter, options, live, target, targetStories } = this;
    const { full, old, liveExists, liveStoriesExist, startedAt, reason, discovery } = this.plan;
    // Without a manifest to count files by, a rebuild that would leave most of the live index's documents out.
    if (!options.allowMassDelete && !old.files.size && full && liveExists) {
      const share = options.maxDeleteShare ?? MAX_DELETE_SHARE_DEFAULT;
      const held = await engine.documentCount(live);
      if (held - writer.count > share * held) throw new MassDeletionRefused(held - writer.count, held, 'documents');
    }
    if (patches.length) await writer.update(patches);
    if (options.confirm && !(await options.confirm())) throw new SyncAborted('the indexing lease was lost before the run could commit; nothing was committed');
    // Deletions go to the live index, which is the target of an incremental run.
    if (!full && this.toDelete.length) await writer.delete(this.toDelete);
    await writer.settle();
    // The chunks are in: the stories touched are rebuilt from them, those left without a copy deleted.
    if (full && merged.length) await storyWriter.delete(merged);
    const emptied = await rebuildStories(engine, target, [...rebuilt], storyWriter);
    if (emptied.length) await storyWriter.delete(emptied);
    await storyWriter.settle();
    // The engine reported a full disk or a lost database while this run wrote: whatever it says
    // it indexed may not be there. The build is not swapped in, the manifest not written.
    const fault = engine.faultSince(Date.parse(startedAt));
    if (fault) throw new EngineStorageError(fault);
    if (full) {
      await engine.swapIn([
        { live, build: target, liveExists },
        { live: this.liveStories, build: targetStories, liveExists: liveStoriesExist },
      ]);
      await rm(this.owedFile, { force: true });
      // After the swap a build index holds the previous live documents.
      if (liveExists) await engine.deleteIndex(target);
      if (liveStoriesExist) await engine.deleteIndex(targetStories);
    }
    // A run that changed nothing leaves the manifest (and the memo) as they were.
    let extent: ManifestExtent | null = null;
    if (this.manifestOut) extent = await this.manifestOut.commit();
    else if (this.appendTo) {
      const change = manifestChange(old, this.next);
      if (Object.keys(change.set).length || change.removed.length) extent = await appendManifest(this.mfile, this.appendTo, change);
    }
    if (extent) await options.memo?.wrote(this.mfile, this.next, extent);
    const report: RunReport = {
      mode: full ? 'full' : 'incremental',
      startedAt,
      finishedAt: new Date().toISOString(),
      files: this.reports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
      totals: summarise(this.reports),
      upserted: writer.count,
      deleted: full ? 0 : this.toDelete.length,
      directories: { listed: discovery.listed, total: discovery.listings.size },
    };
    if (reason) report.reason = reason;
    return report;
  }
}

/** What phase 3 leaves for the commit: story patches of chunks, the stories to rebuild, the articles merged into another's story. */
interface StoryWork {
  patches: Pick<ChunkDoc, 'id' | 'storyId'>[];
  rebuilt: Set<string>;
  merged: string[];
}
