import fs from 'node:fs';
import { parseHTML } from 'linkedom';
import { linesAfter, readPageMeta } from './indexer/page-meta.js';
import { isInfoLine, readInfoLine } from './indexer/lines.js';
for (const f of process.argv.slice(2)) {
  const { document } = parseHTML(fs.readFileSync(`/work/shared/corpus/web/${f}`, 'utf8'));
  const m = readPageMeta(document);
  console.log('===', f, JSON.stringify(m));
}
