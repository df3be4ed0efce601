/**
 * `npm run eval`: both judged sets (the fixtures, the real saved pages), each per query type with
 * nDCG@10, recall@10, MRR and no-result accuracy, ours and (in brackets) the raw Meilisearch
 * baseline measured in the same run; then the two side by side and combined. Writes
 * eval/results/latest.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { combine, evaluate, type EvalResult, type Figures } from './evaluate.js';

const f = (x: number) => x.toFixed(3);
const row = (name: string, n: number, ours: Figures, base: Figures) => ({
  type: name,
  queries: n,
  'nDCG@10': `${f(ours.ndcg10)} (${f(base.ndcg10)})`,
  'recall@10': `${f(ours.recall10)} (${f(base.recall10)})`,
  MRR: `${f(ours.mrr)} (${f(base.mrr)})`,
  'no-result acc.': `${f(ours.noResultAccuracy)} (${f(base.noResultAccuracy)})`,
});

function report(result: EvalResult): void {
  console.log(`\n${result.set}: ${result.corpus.files} files, ${result.corpus.articles} articles, ${result.corpus.stories} stories; ours (raw Meilisearch baseline)`);
  console.table([
    ...Object.entries(result.byType).map(([type, { ours, baseline }]) => row(type, ours.queries, ours, baseline)),
    row('overall', result.overall.ours.queries, result.overall.ours, result.overall.baseline),
  ]);
  const weak = result.perQuery.filter((q) => q.ours.ndcg < 0.85 && q.type !== 'no-answer');
  if (weak.length) console.log(`below 0.85: ${weak.map((q) => `${q.id} ${q.type} "${q.q}" ${f(q.ours.ndcg)}`).join('; ')}`);
  const noisy = result.perQuery.filter((q) => q.type === 'no-answer' && !q.ours.empty);
  if (noisy.length) console.log(`answered though nothing is relevant: ${noisy.map((q) => `"${q.q}"`).join(', ')}`);
  console.log(`script parity: ${result.parity.checked - result.parity.differing.length} of ${result.parity.checked} queries return the same top 10 in Traditional script${result.parity.differing.length ? `; differing: ${result.parity.differing.join(', ')}` : ''}`);
}

const fixtures = await evaluate('fixtures');
const web = await evaluate('web');
report(fixtures);
report(web);
const combined = combine([fixtures, web]);
const cell = (r: EvalResult | typeof combined, type: string) => {
  const x = type === 'overall' ? r.overall : r.byType[type];
  return x ? `${f(x.ours.ndcg10)} (${f(x.baseline.ndcg10)}) n=${x.ours.queries}` : '';
};
console.log('\nnDCG@10 side by side, ours (raw Meilisearch baseline); no-answer: no-result accuracy');
console.table(
  [...Object.keys(combined.byType), 'overall'].map((type) => ({
    type,
    fixtures: type === 'no-answer' ? `${f(fixtures.byType[type]?.ours.noResultAccuracy ?? NaN)} (${f(fixtures.byType[type]?.baseline.noResultAccuracy ?? NaN)})` : cell(fixtures, type),
    web: type === 'no-answer' ? `${f(web.byType[type]?.ours.noResultAccuracy ?? NaN)} (${f(web.byType[type]?.baseline.noResultAccuracy ?? NaN)})` : cell(web, type),
    combined: type === 'no-answer' ? `${f(combined.byType[type]!.ours.noResultAccuracy)} (${f(combined.byType[type]!.baseline.noResultAccuracy)})` : cell(combined, type),
  })),
);
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, 'latest.json'), `${JSON.stringify({ combined: { overall: combined.overall, byType: combined.byType }, sets: [fixtures, web] }, null, 2)}\n`);
