/**
 * Real files in legacy encodings (the development corpus's chardet files, kept in
 * test/corpus/encodings with their encoding in test/corpus/encodings.json): each is decoded
 * exactly, and so are its re-encodings (UTF-16 LE and BE, with and without a byte-order mark;
 * a Traditional text in GB18030). Indexed, none gives a character its text does not hold, and at
 * least 90% of its Han bigrams are found (the corpus's reference measure). The mojibake repair
 * changes none of their lines. Encodings the indexer does not read are refused with a reason.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { repairMojibake } from '../../indexer/extract/clean.js';
import { decode, decodeHz } from '../../indexer/extract/decode.js';
import { Reporter } from '../../indexer/extract/diagnostics.js';
import { processBytes } from '../../indexer/sync/pipeline.js';
import { scoreEncoded, type Record } from '../../eval/extract-score.js';
import { ROOT } from '../helpers/env.js';

const DIR = path.join(ROOT, 'test', 'corpus', 'encodings');
const MANIFEST = JSON.parse(readFileSync(path.join(ROOT, 'test', 'corpus', 'encodings.json'), 'utf8')) as { [file: string]: { encoding: string; script: string; also_allowed?: string } };
const CODEC: { [encoding: string]: string } = { GB2312: 'gb18030', Big5: 'big5', 'utf-8': 'utf-8' };
const FAMILY: { [encoding: string]: string } = { GB2312: 'gb18030', Big5: 'big5', 'utf-8': 'utf-8' };

interface Case {
  name: string;
  bytes: Buffer;
  truth: string;
  encoding: string;
  allowed: string;
}

const cases: Case[] = [];
for (const file of readdirSync(DIR).sort()) {
  const meta = MANIFEST[file]!;
  const bytes = readFileSync(path.join(DIR, file));
  const truth = iconv.decode(bytes, CODEC[meta.encoding]!);
  const allowed = meta.also_allowed ?? '';
  cases.push({ name: file, bytes, truth, encoding: FAMILY[meta.encoding]!, allowed });
  const utf16 = (le: boolean, bom: boolean) => Buffer.concat([bom ? Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]) : Buffer.alloc(0), iconv.encode(truth, le ? 'utf-16le' : 'utf-16be')]);
  cases.push({ name: `utf-16le with BOM of ${file}`, bytes: utf16(true, true), truth, encoding: 'utf-16le', allowed });
  cases.push({ name: `utf-16be without BOM of ${file}`, bytes: utf16(false, false), truth, encoding: 'utf-16be', allowed });
  if (file.startsWith('Big5')) cases.push({ name: `gb18030 of ${file}`, bytes: iconv.encode(truth, 'gb18030'), truth, encoding: 'gb18030', allowed });
}

describe('real legacy-encoded files and their re-encodings', () => {
  for (const c of cases) {
    it(`decodes and indexes ${c.name} exactly`, () => {
      const reporter = new Reporter(c.name);
      const decoded = decode(c.name, c.bytes, reporter);
      assert.ok(decoded.ok, JSON.stringify(reporter.messages));
      assert.equal(decoded.decoded.encoding, c.encoding);
      assert.equal(decoded.decoded.text, c.truth.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'));
      const result = processBytes(c.name.replace(/.* of /, ''), c.bytes);
      assert.ok(result.ok, JSON.stringify(result.diagnostics));
      const row = scoreEncoded(c.name, c.truth, result.articles as unknown as Record[], c.allowed);
      assert.deepEqual(row.foreign, [], 'no character the file does not hold');
      assert.ok(row.recall >= 0.9, `Han bigram recall ${row.recall.toFixed(3)}`);
    });
  }

  it('the mojibake repair changes no line of any correctly decoded file', () => {
    let lines = 0;
    for (const c of cases.filter((x) => !x.name.includes(' of '))) {
      for (const line of c.truth.split(/\r?\n/)) {
        if (!line.includes('?')) continue;
        lines++;
        assert.equal(repairMojibake(line).text, line, `${c.name}: ${line.slice(0, 80)}`);
      }
    }
    assert.ok(lines > 20, `${lines} lines with a question mark were tried`);
  });
});

describe('encodings the indexer does not read, and HZ', () => {
  it('refuses bytes that decode as GB18030 and Big5 but read as neither (EUC-TW), with a reason', () => {
    // EUC-TW's plane-1 bytes are pairs in A1–FE: valid GB18030 and mostly valid Big5, read into nonsense.
    const pairs: number[] = [];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 800; i++) {
      pairs.push(0xc4 + Math.floor(rnd() * 58), 0xa1 + Math.floor(rnd() * 94));
      if (i % 30 === 29) pairs.push(0x0a);
    }
    const reporter = new Reporter('euc-tw.txt');
    assert.equal(decode('euc-tw.txt', Buffer.from(pairs), reporter).ok, false);
    const error = reporter.messages.find((m) => m.severity === 'error');
    assert.equal(error?.rule, 'decode/unreadable');
    assert.match(error?.reason ?? '', /EUC-TW/);
  });

  it('refuses a real Big5 page mislabelled nowhere but cut into a GB-looking shape: Big5 read as GB18030 is not accepted', () => {
    const big5 = cases.find((c) => c.name.startsWith('Big5__0804'))!;
    const reporter = new Reporter('x');
    const out = decode('x', big5.bytes, reporter);
    assert.ok(out.ok && out.decoded.encoding === 'big5', 'the reading that reads as Chinese is chosen, not the first decoder that succeeds');
  });

  const hz: [string, string][] = [
    ['~{Dc:C#,J@=g!#UbJG~}HZ~{1`Bk5DVPND~}~~~{2bJT!#~}', '你好，世界。这是HZ编码的中文~测试。'],
    ['Line one ~{VP9z~}\nline two ~{PBNE~} and ~~ a tilde', 'Line one 中国\nline two 新闻 and ~ a tilde'],
  ];
  for (const [bytes, text] of hz) {
    it(`decodes HZ-GB-2312: ${text.slice(0, 12)}`, () => {
      assert.equal(decodeHz(Buffer.from(bytes, 'latin1')), text);
      const reporter = new Reporter('hz.txt');
      const out = decode('hz.txt', Buffer.from(bytes, 'latin1'), reporter);
      assert.ok(out.ok);
      assert.equal(out.decoded.encoding, 'hz-gb-2312');
    });
  }

  it('leaves ASCII with a tilde that is not HZ as ASCII', () => {
    assert.equal(decodeHz(Buffer.from('a ~ b and ~/home')), null);
  });
});
