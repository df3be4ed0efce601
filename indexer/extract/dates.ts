/**
 * Dates as Chinese pages print them, read by chrono-node (its Simplified-Chinese parser: 2019年9月7日,
 * 二〇一九年九月七日, 2019-09-07 10:21, 昨天; and its strict English one for 2019/9/7, 2019.09.26,
 * ISO 8601 and RFC 2822 stamps of metadata) rather than by more hand-written patterns.
 *
 * A date counts only with its year stated (or, for a relative word such as 昨天, a reference day
 * given): a month and day alone do not fix a day, and a year is never borrowed from elsewhere here.
 */
import * as chrono from 'chrono-node';

export interface FoundDate {
  /** YYYY-MM-DD. */
  date: string;
  /** Where the date's text starts and how long it is. */
  at: number;
  length: number;
  text: string;
}

/** The day a timestamp with an explicit offset falls on in China (UTC+8), where the pages were written. */
const CHINA_OFFSET_MINUTES = 8 * 60;

const pad = (n: number) => String(n).padStart(2, '0');

/** A year in the date's own text: four digits or four Chinese numerals (二〇一九). */
const WRITTEN_YEAR = /\d{4}|[〇零一二三四五六七八九]{4}/;

export function isValidDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Years a news date may have: before the web, or far ahead, a number is not a publication year. */
const MIN_YEAR = 1949;
const MAX_YEAR = 2100;

function dayOf(result: chrono.ParsedResult, hasReference: boolean): string | null {
  const start = result.start;
  if (!start.isCertain('day') || !start.isCertain('month')) return null;
  // Without a reference day only a year written out counts (昨天 would be read against an arbitrary day).
  if (!hasReference && (!start.isCertain('year') || !WRITTEN_YEAR.test(result.text))) return null;
  let y = start.get('year')!;
  let m = start.get('month')!;
  let d = start.get('day')!;
  const offset = start.get('timezoneOffset');
  if (start.isCertain('timezoneOffset') && offset !== null && offset !== undefined && start.isCertain('hour')) {
    // A stamp with its offset: the calendar day in China.
    const utc = Date.UTC(y, m - 1, d, start.get('hour') ?? 0, start.get('minute') ?? 0) - offset * 60_000;
    const china = new Date(utc + CHINA_OFFSET_MINUTES * 60_000);
    [y, m, d] = [china.getUTCFullYear(), china.getUTCMonth() + 1, china.getUTCDate()];
  }
  if (y < MIN_YEAR || y > MAX_YEAR || !isValidDate(y, m, d)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * Every date in a short text (a metadata value, a line under a headline), in order. `reference`
 * resolves relative words (昨天) and is only given where the page states its own date.
 */
export function findDates(text: string, reference?: Date): FoundDate[] {
  if (!/\d|[〇一二三四五六七八九十]|[昨今前]天/.test(text)) return [];
  const ref = reference ?? new Date(Date.UTC(2000, 0, 1));
  const found: FoundDate[] = [];
  const results = [...chrono.zh.hans.parse(text, ref), ...chrono.en.strict.parse(text, ref)];
  for (const r of results.sort((a, b) => a.index - b.index || b.text.length - a.text.length)) {
    const date = dayOf(r, reference !== undefined);
    if (!date) continue;
    // One date per stretch of text: the longest reading where two parsers overlap.
    if (found.some((f) => r.index < f.at + f.length && f.at < r.index + r.text.length)) continue;
    found.push({ date, at: r.index, length: r.text.length, text: r.text });
  }
  return found;
}

/** The first full date of a value (a meta tag's content, a JSON-LD field), or null. */
export function dateOf(value: string | undefined | null): string | null {
  if (!value) return null;
  const v = value.trim();
  // Unix time in seconds or milliseconds, as some pages' metadata gives it.
  if (/^\d{10}(?:\d{3})?$/.test(v)) {
    const t = new Date(Number(v) * (v.length === 10 ? 1000 : 1) + CHINA_OFFSET_MINUTES * 60_000);
    return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  }
  return findDates(v.slice(0, 200))[0]?.date ?? null;
}
