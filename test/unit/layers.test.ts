/**
 * The house's layers (docs/architecture.md), held against the code's own imports: each folder
 * imports only from the layers it stands on, and no files import each other in a loop.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/env.js';

/** Each layer by the folders (or files) that make it, bottom first, and the layers it may import. */
const LAYERS: { name: string; places: string[]; uses: string[] }[] = [
  { name: 'text analysis', places: ['src/text/'], uses: [] },
  { name: 'runtime', places: ['src/runtime/'], uses: [] },
  { name: 'engine boundary', places: ['src/engine/'], uses: ['text analysis', 'runtime'] },
  { name: 'extraction', places: ['indexer/extract/'], uses: ['text analysis'] },
  { name: 'indexing', places: ['indexer/sync/', 'indexer/cli.ts'], uses: ['text analysis', 'runtime', 'engine boundary', 'extraction'] },
  { name: 'service', places: ['src/'], uses: ['text analysis', 'runtime', 'engine boundary', 'extraction', 'indexing'] },
];

function layerOf(file: string): string {
  // The most specific place wins: src/text/x.ts is text analysis, src/main.ts the service.
  let best: { name: string; length: number } | null = null;
  for (const l of LAYERS) for (const p of l.places) if (file.startsWith(p) && (!best || p.length > best.length)) best = { name: l.name, length: p.length };
  if (!best) throw new Error(`${file} stands in no layer`);
  return best.name;
}

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(rel);
    return /\.ts$/.test(e.name) ? [rel] : [];
  });
}

/** The project files a file imports (static and dynamic imports, type-only ones too). */
export function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2]!;
    out.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
  }
  return out;
}

const files = [...sources('src'), ...sources('indexer')];
const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(path.join(ROOT, f), 'utf8')).filter((t) => t.startsWith('src/') || t.startsWith('indexer/'))]));

describe('layers', () => {
  it('reads the imports it checks (a file that imports nothing of the project is rare)', () => {
    assert.ok(files.length > 50);
    assert.ok(graph.get('indexer/sync/sync.ts')!.includes('indexer/extract/types.ts'));
    assert.deepEqual(importsOf('src/a/b.ts', "import { x } from '../c/d.js';\nconst y = await import('./e.js');"), ['src/c/d.ts', 'src/a/e.ts']);
  });

  it('has every file in a layer, and every import pointing at a file that exists', () => {
    for (const [file, targets] of graph) {
      layerOf(file);
      for (const t of targets) assert.ok(files.includes(t), `${file} imports ${t}, which does not exist`);
    }
  });

  it('imports only downwards: each layer from itself and the layers it stands on', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      const may = new Set([from, ...LAYERS.find((l) => l.name === from)!.uses]);
      for (const t of targets) if (!may.has(layerOf(t))) wrong.push(`${file} (${from}) → ${t} (${layerOf(t)})`);
    }
    assert.deepEqual(wrong, []);
  });

  it('has no files importing each other in a loop', () => {
    const state = new Map<string, 'open' | 'done'>();
    const loops: string[] = [];
    const visit = (f: string, trail: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        loops.push([...trail.slice(trail.indexOf(f)), f].join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const t of graph.get(f) ?? []) visit(t, [...trail, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    assert.deepEqual(loops, []);
  });
});
