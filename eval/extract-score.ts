/**
 * Scores the dry run's articles against hand-checked truth, as the development corpus's reference
 * scorer does (its definitions, ported): web pages by headline, date, source, writers, first and
 * last paragraph and purity; encoded files by Han-bigram recall and characters that are not in
 * the file (mojibake). Text is compared after NFKC, without white space, Traditional folded to
 * Simplified character by character.
 */
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const foldMemo = new Map<string, string>();

/** One character at a time, as the reference scorer folds (its table comes from opencc-js t → cn). */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const known = foldMemo.get(ch);
    if (known !== undefined) {
      out += known;
      continue;
    }
    const converted = toSimplified(ch);
    const folded = [...converted].length === 1 ? converted : ch;
    foldMemo.set(ch, folded);
    out += folded;
  }
  return out;
}

export function norm(text: string | null | undefined): string {
  return fold((text ?? '').normalize('NFKC')).replace(/[\s\u200b\ufeff\ufffd]+/g, '');
}

const K = 8;
export function shingles(s: string): Set<string> {
  const out = new Set<string>();
  if (!s) return out;
  for (let i = 0; i < Math.max(1, s.length - K + 1); i++) out.add(s.slice(i, i + K));
  return out;
}

export interface Record {
  file: string;
  title: string;
  kicker: string | null;
  column?: string | null;
  source: string | null;
  agency: string | null;
  date: string | null;
  reporters: string[];
  body: string;
}

export interface WebTruth {
  title: string;
  alt_titles?: string[];
  dates: string[];
  authors: string[];
  sources: string[];
  first_para: string;
  last_para: string;
  body: string[];
  kind?: string;
}

export interface WebRow {
  file: string;
  articles: number;
  found: boolean;
  title: boolean;
  date: boolean;
  source: boolean;
  authors: boolean | null;
  first: boolean;
  last: boolean;
  purity: number;
  pass: boolean;
  out: Pick<Record, 'title' | 'date' | 'source' | 'reporters'> | null;
}

const basename = (f: string) => f.split('/').pop() ?? f;

/** One page's row: its main article (the one holding most of the truth body) against the truth. */
export function scorePage(file: string, truth: WebTruth, records: Record[]): WebRow {
  const tsh = shingles(norm(truth.body.join('')));
  const tlines = new Set(truth.body.map(norm));
  const recall = (text: string) => (tsh.size ? [...shingles(norm(text))].filter((s) => tsh.has(s)).length / tsh.size : 0);
  const full = (r: Record) => `${r.title ?? ''}${r.column ?? ''}${r.kicker ?? ''}${r.body ?? ''}`;
  const empty: WebRow = { file, articles: records.length, found: false, title: false, date: false, source: false, authors: truth.authors.length ? false : null, first: false, last: false, purity: 0, pass: false, out: null };
  if (!records.length) return empty;
  const main = records.reduce((a, b) => (recall(full(b)) > recall(full(a)) ? b : a));
  let good = 0;
  let total = 0;
  for (const line of (main.body ?? '').split('\n')) {
    const nl = norm(line);
    if (!nl) continue;
    total += nl.length;
    const sh = shingles(nl);
    const ok = nl.length < K ? tlines.has(nl) : [...sh].filter((s) => tsh.has(s)).length / sh.size >= 0.5;
    if (ok) good += nl.length;
  }
  const purity = total ? good / total : 0;
  const mtext = norm(`${main.title ?? ''}${main.body ?? ''}`);
  const mb = shingles(mtext);
  const paraOk = (p: string) => {
    const np = norm(p);
    if (np.length < K) return !!np && mtext.includes(np);
    const ps = shingles(np);
    return [...ps].filter((s) => mb.has(s)).length / ps.size >= 0.8;
  };
  const titles = new Set([truth.title, ...(truth.alt_titles ?? [])].map(norm));
  const cands = [main.source, main.agency].filter((x): x is string => !!x).map(norm);
  const srcs = truth.sources.map(norm);
  const row: WebRow = {
    file,
    articles: records.length,
    found: recall(full(main)) >= 0.5,
    title: titles.has(norm(main.title)),
    date: truth.dates.includes(main.date ?? ''),
    source: cands.some((c) => c.length >= 2 && srcs.some((s) => c.includes(s) || s.includes(c))),
    authors: truth.authors.length ? truth.authors.every((a) => (main.reporters ?? []).map(norm).some((r) => r === norm(a) || r.includes(norm(a)))) : null,
    first: paraOk(truth.first_para),
    last: paraOk(truth.last_para),
    purity,
    pass: false,
    out: { title: main.title, date: main.date, source: main.source, reporters: main.reporters },
  };
  row.pass = records.length === 1 && row.found && row.title && row.first && row.last && purity >= 0.8;
  return row;
}

export interface WebSummary {
  pages: number;
  pass: number;
  title: number;
  date: number;
  source: number;
  authors: number;
  authorsAsked: number;
  first: number;
  last: number;
  purityMean: number;
  oneArticle: number;
}

export function summariseWeb(rows: WebRow[]): WebSummary {
  const count = (f: (r: WebRow) => boolean) => rows.filter(f).length;
  return {
    pages: rows.length,
    pass: count((r) => r.pass),
    title: count((r) => r.title),
    date: count((r) => r.date),
    source: count((r) => r.source),
    authors: count((r) => r.authors === true),
    authorsAsked: count((r) => r.authors !== null),
    first: count((r) => r.first),
    last: count((r) => r.last),
    purityMean: rows.length ? rows.reduce((n, r) => n + r.purity, 0) / rows.length : 0,
    oneArticle: count((r) => r.articles === 1),
  };
}

export function scoreWeb(truth: { [file: string]: WebTruth }, records: Record[]): WebRow[] {
  const byFile = new Map<string, Record[]>();
  for (const r of records) byFile.set(basename(r.file), [...(byFile.get(basename(r.file)) ?? []), r]);
  return Object.keys(truth).sort().map((f) => scorePage(f, truth[f]!, byFile.get(f) ?? []));
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/gu;
const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]+/gu;
const MARKUP_START = /^\s*<(\?xml|!doctype|html|head|body|rss|rdf:|feed|!--)/i;

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' } as { [k: string]: string })[e.toLowerCase()] ?? m;
  });
}

function stripMarkup(text: string): string {
  let t = text.replace(/<!--[\s\S]*?-->/g, ' ');
  t = t.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  t = t.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, ' $1 ');
  t = t.replace(/<[^>]*>/g, ' ');
  return decodeEntities(t);
}

/** The text a reader of the file sees: markup removed, twice (escaped HTML inside feed items). */
export function readable(text: string): string {
  return MARKUP_START.test(text.replace(/^\ufeff/, '')) ? stripMarkup(stripMarkup(text)) : text;
}

function hanUnits(text: string): Set<string> {
  const units = new Set<string>();
  for (const run of text.match(HAN_RUN) ?? []) {
    const chars = [...run];
    if (chars.length === 1) units.add(run);
    else for (let i = 0; i + 1 < chars.length; i++) units.add(chars[i]! + chars[i + 1]!);
  }
  return units;
}

export interface EncodingRow {
  file: string;
  articles: number;
  recall: number;
  foreign: string[];
  exact: boolean;
}

/** One encoded file's row: the Han bigrams of its readable truth found in the output, and characters the file never holds. */
export function scoreEncoded(file: string, truth: string, records: Record[], alsoAllowed = ''): EncodingRow {
  const text = records.map((r) => `${r.title ?? ''}\n${r.column ?? ''}\n${r.kicker ?? ''}\n${r.body ?? ''}`).join('\n').normalize('NFKC');
  const read = readable(truth);
  const allowed = new Set([...fold(`${truth}${read}`.match(HAN)?.join('').normalize('NFKC') ?? ''), ...fold(alsoAllowed)]);
  const foreign = (text.match(HAN) ?? []).filter((c) => !allowed.has(fold(c)));
  const tu = hanUnits(fold(read.normalize('NFKC')));
  const ou = hanUnits(fold(text));
  const recall = tu.size ? [...tu].filter((u) => ou.has(u)).length / tu.size : 1;
  return { file, articles: records.length, recall, foreign, exact: records.length > 0 && foreign.length === 0 && recall >= 0.9 };
}
