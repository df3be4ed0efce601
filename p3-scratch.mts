import fs from 'node:fs';
import iconv from 'iconv-lite';
import { parseHtml } from './indexer/parse-html.js';
import { processBytes } from './indexer/pipeline.js';
const b = fs.readFileSync('/work/shared/corpus/encodings/GB2312___mozilla_bug171813_text.html');
const r = parseHtml(iconv.decode(b, 'gb18030'));
console.log(JSON.stringify(r.page), r.blocks.map((x) => x.kind + ' ' + x.text.slice(0, 50)));
const p = processBytes('x.html', b);
console.log(p.ok, p.diagnostics.map(d => d.rule + ' ' + d.reason));
