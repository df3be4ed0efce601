/** `npm run eval`: prints nDCG@10, recall@10, MRR and no-result accuracy per query type, ours and the raw baseline. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, type Figures } from './evaluate.js';

const result = await evaluate();
const f = (x: number) => x.toFixed(3);
const row = (name: string, n: number, ours: Figures, base: Figures) => ({
  type: name,
  queries: n,
  'nDCG@10': `${f(ours.ndcg10)} (${f(base.ndcg10)})`,
  'recall@10': `${f(ours.recall10)} (${f(base.recall10)})`,
  MRR: `${f(ours.mrr)} (${f(base.mrr)})`,
  'no-result acc.': `${f(ours.noResultAccuracy)} (${f(base.noResultAccuracy)})`,
});
console.log(`relevance on ${result.corpus.files} files, ${result.corpus.articles} articles, ${result.corpus.stories} stories; ours (raw Meilisearch baseline)`);
console.table([
  ...Object.entries(result.byType).map(([type, { ours, baseline }]) => row(type, ours.queries, ours, baseline)),
  row('overall', result.overall.ours.queries, result.overall.ours, result.overall.baseline),
]);
const weak = result.perQuery.filter((q) => q.ours.ndcg < 0.85 && q.type !== 'no-answer');
if (weak.length) console.log(`below 0.85: ${weak.map((q) => `${q.id} ${q.type} "${q.q}" ${f(q.ours.ndcg)}`).join('; ')}`);
const noisy = result.perQuery.filter((q) => q.type === 'no-answer' && !q.ours.empty);
if (noisy.length) console.log(`answered though nothing is relevant: ${noisy.map((q) => `"${q.q}"`).join(', ')}`);
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
