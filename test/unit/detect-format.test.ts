import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFormat } from '../../indexer/extract/detect-format.js';
import type { Format } from '../../indexer/extract/types.js';

const cases: [string, string, Format][] = [
  ['YAML front matter in a .txt', "---\ntitle: '标题'\ndate: 2022-06-23\n---\n\n正文。", 'markdown'],
  ['front matter after blank lines', "\n\n---\ntitle: 标题\nauthor: ZAKER\n---\n<div><p>正文</p></div>", 'markdown'],
  ['a full web page', '<!DOCTYPE html><html><head><title>t</title></head><body><p>正文</p></body></html>', 'html'],
  ['an HTML fragment dense with tags', '<div class="a"><p>第一段。</p><p>第二段。</p><br><p>第三段。</p></div>', 'html'],
  ['Markdown headings and lists', '# 标题\n\n正文第一段。\n\n## 小标题\n\n- 要点一\n- 要点二\n', 'markdown'],
  ['plain PDF-extracted text', '新华社北京10月23日电（记者姜琳）记者从\n人力资源社会保障部获悉。\n\n第二段。', 'text'],
  ['text that mentions one tag', `报道称，网页中的<p>标签不会影响阅读。${'正文。'.repeat(400)}`, 'text'],
  ['dashes that are not front matter', '---\n这不是元数据\n---\n正文。', 'text'],
  ['a page opening with a comment and 70 KB of inline style', `<!-- saved from url=(0041) -->\n<style>${'.vjs-fluid { width: 100%; }\n'.repeat(2600)}</style>\n<html><body><p>正文。</p></body></html>`, 'html'],
  ['a page whose <body> follows 70 KB of script', `<script>${'var a = 1;\n'.repeat(7000)}</script><body><div>正文</div></body>`, 'html'],
  ['an RSS feed', '<?xml version="1.0" encoding="big5"?>\n<rss version="2.0"><channel><title>t</title></channel></rss>', 'feed'],
  ['an Atom feed after a comment', '<?xml version="1.0" encoding="utf-8"?>\n<!-- generator -->\n<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>', 'feed'],
  ['an RDF feed', '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><item></item></rdf:RDF>', 'feed'],
];

describe('detectFormat', () => {
  for (const [name, text, expected] of cases) {
    it(`reads ${name} as ${expected}`, () => assert.equal(detectFormat(text), expected));
  }
});
