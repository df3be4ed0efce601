import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decode, sniffUtf16 } from '../../indexer/extract/decode.js';
import { Reporter } from '../../indexer/extract/diagnostics.js';

const TEXT = '新华社北京10月23日电（记者姜琳）记者从人力资源社会保障部获悉，全国社保卡持卡人数达13.86亿人。\n第二段。';
const BIG5_TEXT = '學習關鍵詞：兩張雲合影背後的信心與期待，金磚國家領導人會晤。\n第二段。';

function withBom(bom: number[], body: Buffer): Uint8Array {
  return Buffer.concat([Buffer.from(bom), body]);
}

const decodable: { name: string; bytes: Uint8Array; encoding: string; text: string }[] = [
  { name: 'plain UTF-8', bytes: Buffer.from(TEXT, 'utf8'), encoding: 'utf-8', text: TEXT },
  { name: 'UTF-8 with BOM', bytes: withBom([0xef, 0xbb, 0xbf], Buffer.from(TEXT, 'utf8')), encoding: 'utf-8', text: TEXT },
  { name: 'UTF-8 with CRLF line ends', bytes: Buffer.from(TEXT.replace(/\n/g, '\r\n'), 'utf8'), encoding: 'utf-8', text: TEXT },
  { name: 'UTF-16LE with BOM', bytes: withBom([0xff, 0xfe], iconv.encode(TEXT, 'utf-16le')), encoding: 'utf-16le', text: TEXT },
  { name: 'UTF-16BE with BOM', bytes: withBom([0xfe, 0xff], iconv.encode(TEXT, 'utf-16be')), encoding: 'utf-16be', text: TEXT },
  { name: 'UTF-16LE without BOM', bytes: iconv.encode(TEXT, 'utf-16le'), encoding: 'utf-16le', text: TEXT },
  { name: 'GBK', bytes: iconv.encode(TEXT, 'gbk'), encoding: 'gb18030', text: TEXT },
  { name: 'GB18030 with CRLF', bytes: iconv.encode(TEXT.replace(/\n/g, '\r\n'), 'gb18030'), encoding: 'gb18030', text: TEXT },
  { name: 'Big5', bytes: iconv.encode(BIG5_TEXT, 'big5'), encoding: 'big5', text: BIG5_TEXT },
];

describe('decode', () => {
  for (const c of decodable) {
    it(`decodes ${c.name}`, () => {
      const reporter = new Reporter('f.txt');
      const out = decode('f.txt', c.bytes, reporter);
      assert.ok(out.ok, JSON.stringify(reporter.messages));
      assert.equal(out.decoded.encoding, c.encoding);
      assert.equal(out.decoded.text, c.text);
      assert.match(out.decoded.contentHash, /^[0-9a-f]{64}$/);
    });
  }

  const rejected: { name: string; bytes: Uint8Array; rule: string }[] = [
    { name: 'an empty file', bytes: new Uint8Array(0), rule: 'decode/empty' },
    { name: 'a file of blank lines', bytes: Buffer.from('\n\n  \r\n'), rule: 'decode/empty' },
    { name: 'binary with NUL bytes', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x01, 0x02]), rule: 'decode/binary' },
    { name: 'bytes valid in no supported encoding', bytes: Buffer.from([0xff, 0xfe, 0xff, 0xff, 0xff, 0x80, 0xff, 0xff]).subarray(2), rule: 'decode/unknown-encoding' },
    { name: 'a UTF-8 BOM over invalid UTF-8', bytes: Buffer.from([0xef, 0xbb, 0xbf, 0xc3, 0x28, 0xa0, 0xa1]), rule: 'decode/invalid' },
    { name: 'UTF-8 text full of control characters', bytes: Buffer.from('\u0001\u0002\u0003\u0004abc\u0005\u0006\u0007\u0008', 'utf8'), rule: 'decode/binary' },
  ];
  for (const c of rejected) {
    it(`rejects ${c.name} with a reason`, () => {
      const reporter = new Reporter('bad.bin');
      const out = decode('bad.bin', c.bytes, reporter);
      assert.equal(out.ok, false);
      const error = reporter.messages.find((m) => m.severity === 'error');
      assert.equal(error?.rule, c.rule);
      assert.equal(error?.file, 'bad.bin');
      assert.ok(error && error.reason.length > 5);
    });
  }
});

describe('sniffUtf16', () => {
  const cases: [string, Uint8Array, string | null][] = [
    ['ASCII-heavy UTF-16LE', iconv.encode('News 2024: 金砖 summit\n', 'utf-16le'), 'utf-16le'],
    ['ASCII-heavy UTF-16BE', iconv.encode('News 2024: 金砖 summit\n', 'utf-16be'), 'utf-16be'],
    ['UTF-8 Chinese', Buffer.from(TEXT, 'utf8'), null],
    ['GBK Chinese', iconv.encode(TEXT, 'gbk'), null],
  ];
  for (const [name, bytes, expected] of cases) {
    it(`recognises ${name}`, () => assert.equal(sniffUtf16(bytes), expected));
  }
});
