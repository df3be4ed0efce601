/**
 * page-head: the lines a newspaper page prints around its articles (masthead, running header,
 * page foot), wherever the PDF extractor put them. A masthead is set in several boxes (the name,
 * the date, the edition), and extractors give them as one line or several, at the top, after the
 * first headline, or at the end. A line made only of page-head tokens (lexicon PAGE_HEAD_TOKENS:
 * the paper's name, dates and weekdays, page numbers with a section name, serial numbers, the
 * page's staff) is furniture; what it states about the page (the paper, the date) is kept.
 */
import { PAGE_HEAD_TOKENS, PAPER_NAME } from './lexicon.js';

export interface PageHeadFacts {
  /** The paper's name. */
  paper?: string;
  /** The page's date, YYYY-MM-DD, when it states the year. */
  date?: string;
  /** The page's day, MM-DD, with or without the year. */
  day?: string;
}

/** A section name beside a page number: 第4版 综合, 4 要闻. */
const SECTION = /^\d{0,3}[\u4e00-\u9fff]{0,4}\d{0,3}$/;
/** What separates the tokens of a page head: spaces, bars, dots. */
const SEPARATORS = /[\s|丨·｜/／,，、:：•]+/g;

const pad = (n: string) => n.padStart(2, '0');

function dateOf(token: string): string | undefined {
  const m = /(\d{4})\D+(\d{1,2})\D+(\d{1,2})/.exec(token);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900) return undefined;
  return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
}

/** A day without its year, MM-DD: 7月3日 → 07-03. */
function dayOf(token: string): string | undefined {
  const m = /(\d{1,2})\D+(\d{1,2})/.exec(token);
  return m ? `${pad(m[1]!)}-${pad(m[2]!)}` : undefined;
}

/** Characters a page-head line holds at most: the longest example below, letter-spaced, is under half of it. */
const MAX_PAGE_HEAD_CHARS = 120;

/**
 * The facts of a page-head line, or null when the line holds anything else. Examples of page-head
 * lines: 江南都市报 2025年6月3日 星期二 A04版; 第1版 今日8版; 国内统一连续出版物号 CN 11-0001;
 * 3 要闻 2024.6.24 星期一 责编 张三 美编 李四; 责任编辑：张三 美编：李四; 江 城 时 报 (letter-spaced).
 */
export function readPageHeadLine(line: string): PageHeadFacts | null {
  // A page's head is a short line; a line of text is read no further (this runs on every line of a page).
  if (line.length > MAX_PAGE_HEAD_CHARS) return null;
  const compact = line.replace(/\s+/g, '');
  if (PAPER_NAME.test(compact)) return { paper: compact };
  const found = new Map<string, string[]>();
  let rest = line;
  for (const { name, pattern } of PAGE_HEAD_TOKENS) {
    // A paper's name is set letter-spaced in a masthead: 江 城 时 报.
    if (name === 'paper') rest = rest.replace(/(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])/g, '');
    rest = rest.replace(pattern, (m) => {
      found.set(name, [...(found.get(name) ?? []), m]);
      return ' ';
    });
  }
  // A date alone, or a paper named in passing, is not a page head: it needs a mark only page heads print.
  const strong = ['page', 'serial', 'weekday', 'staff', 'lunar'].some((n) => found.has(n)) || (found.has('paper') && (found.has('date') || found.has('day')));
  if (!strong) return null;
  const residue = rest.replace(SEPARATORS, '');
  if (residue && !(SECTION.test(residue) && (found.has('page') || found.has('date') || found.has('day') || found.has('weekday')))) return null;
  const facts: PageHeadFacts = {};
  const paper = found.get('paper')?.[0]?.replace(/\s+/g, '');
  if (paper) facts.paper = paper;
  const date = found.get('date')?.map(dateOf).find(Boolean);
  if (date) facts.date = date;
  const day = date?.slice(5) ?? found.get('day')?.map(dayOf).find(Boolean);
  if (day) facts.day = day;
  return facts;
}
