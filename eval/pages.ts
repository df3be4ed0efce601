/** The dry run of a typeset-page set (test/corpus/pages), one seeds folder per extractor, scored. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { dryRunArticles } from './truth.js';
import { EXTRACTORS, type Extractor } from './extractors.js';
import { scorePages, type PagesScore, type PagesTruthFile } from './pages-score.js';

export async function evaluatePages(dir: string): Promise<Record<Extractor, PagesScore>> {
  const truth = JSON.parse(await readFile(path.join(dir, 'truth.json'), 'utf8')) as PagesTruthFile;
  const out = {} as Record<Extractor, PagesScore>;
  for (const e of EXTRACTORS) out[e] = scorePages(truth, await dryRunArticles(path.join(dir, e)));
  return out;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}`;

/** The table per extractor, as the README and docs show it. */
export function pagesTable(scores: Record<Extractor, PagesScore>): string {
  const rows = [
    '| extractor | articles (found/expected) | F1 | headline | kicker | column | date | source | reporters | body recall | purity | captions as articles | continued linked |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const [e, s] of Object.entries(scores)) {
    rows.push(`| ${e} | ${s.matched}/${s.expected} (${s.found} found) | ${pct(s.f1)} | ${pct(s.headline)} | ${pct(s.kicker)} | ${pct(s.column)} | ${pct(s.date)} | ${pct(s.source)} | ${pct(s.reporters)} | ${pct(s.bodyRecall)} | ${pct(s.purity)} | ${s.captionArticles} | ${s.continued} |`);
  }
  return rows.join('\n');
}

/** Article F1 and headline accuracy per template feature, worst first, across extractors. */
export function featureTable(scores: Record<Extractor, PagesScore>): string {
  const names = [...new Set(Object.values(scores).flatMap((s) => Object.keys(s.byFeature)))].sort();
  const rows = [`| feature | pages | ${EXTRACTORS.map((e) => `${e} F1 / headline`).join(' | ')} |`, `| --- | --- | ${EXTRACTORS.map(() => '---').join(' | ')} |`];
  for (const n of names) {
    const cells = EXTRACTORS.map((e) => {
      const g = scores[e].byFeature[n];
      return g ? `${pct(g.f1)} / ${pct(g.headline)}` : '-';
    });
    rows.push(`| ${n} | ${scores[EXTRACTORS[0]].byFeature[n]?.pages ?? 0} | ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}
