import fs from 'node:fs';
import { parseHTML } from 'linkedom';
import { linesAfter } from './indexer/page-meta.js';
const [f, sel] = process.argv.slice(2);
const { document } = parseHTML(fs.readFileSync(`/work/shared/corpus/web/${f}`, 'utf8'));
const els = [...document.querySelectorAll(sel)];
for (const h of els.slice(0, 3)) { console.log('--', h.tagName, h.textContent.trim().slice(0, 40)); for (const l of linesAfter(h, 10)) console.log('   ', JSON.stringify(l.slice(0, 80))); }
