/** What a run does with each file (indexer/sync/sync.ts): by its listing against its manifest entry, then by what the pipeline made of it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ManifestEntry } from '../../indexer/sync/manifest.js';
import { classifyListed, classifyProcessed, type ListedVerdict, type ProcessedVerdict } from '../../indexer/sync/sync.js';

const entry: ManifestEntry = {
  size: 1200,
  mtimeMs: 1_700_000_000_000,
  contentHash: 'sha:abc',
  chunkIds: ['c1'],
  articles: 1,
  signatures: [],
  declarationStamp: 'd1',
  missing: { date: 0, source: 0, topics: 0, place: 0, reporters: 0 },
};
const same = { size: entry.size, mtimeMs: entry.mtimeMs, declarationStamp: 'd1' };

describe('classifyListed', () => {
  const cases: [string, ManifestEntry | undefined, typeof same | { size: number; mtimeMs: number; declarationStamp?: string }, boolean, ListedVerdict][] = [
    ['same size, time and declarations', entry, same, false, 'unchanged'],
    ['a new file', undefined, same, false, 'read'],
    ['its size moved', entry, { ...same, size: 1300 }, false, 'read'],
    ['its time moved, the same size (touched or rewritten in place)', entry, { ...same, mtimeMs: entry.mtimeMs + 1 }, false, 'read'],
    ['a rebuild reads every file', entry, same, true, 'read'],
    ['an entry written before empty fields were counted', { ...entry, missing: undefined } as ManifestEntry, same, false, 'read'],
    ['its declaration changed, not the file', entry, { ...same, declarationStamp: 'd2' }, false, 'declaration-changed'],
    ['a declaration appeared', { ...entry, declarationStamp: undefined } as ManifestEntry, same, false, 'declaration-changed'],
    ['its declaration went away', entry, { size: entry.size, mtimeMs: entry.mtimeMs }, false, 'declaration-changed'],
  ];
  for (const [name, e, file, full, want] of cases) it(`${name}: ${want}`, () => assert.equal(classifyListed(e, file, full), want));
});

describe('classifyProcessed', () => {
  const cases: [string, Pick<ManifestEntry, 'contentHash'> | undefined, { ok: false } | { ok: true; contentHash: string }, boolean, ProcessedVerdict][] = [
    ['refused by the pipeline (undecodable)', entry, { ok: false }, false, 'rejected'],
    ['refused, never indexed', undefined, { ok: false }, true, 'rejected'],
    ['the same content read again', entry, { ok: true, contentHash: 'sha:abc' }, false, 'unchanged'],
    ['changed content', entry, { ok: true, contentHash: 'sha:def' }, false, 'fresh'],
    ['a new file', undefined, { ok: true, contentHash: 'sha:abc' }, false, 'fresh'],
    ['the same content in a rebuild: sent again', entry, { ok: true, contentHash: 'sha:abc' }, true, 'fresh'],
  ];
  for (const [name, e, result, full, want] of cases) it(`${name}: ${want}`, () => assert.equal(classifyProcessed(e, result, full), want));
});
