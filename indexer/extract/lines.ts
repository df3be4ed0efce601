/**
 * The lines Chinese news pages print around an article, read for what they state:
 *   - info lines under a headline: `2019-09-07 10:21 来源：证券市场红周刊`, `发布时间：2016-11-22`,
 *     `出处：快科技 作者：宪瑞 编辑：宪瑞`, `原创 南方都市报 2019-09-09 16:01:46`;
 *   - credit lines at either end of a body: `执笔/甲、乙&丙`, `采写：南都见习记者 林某`,
 *     `原创： 某某编译 某刊`, `文/某某`, `（责任编辑：某某）`;
 *   - reporters in brackets after an opening: `新京报快讯（记者 某某）`, `本站讯（职工通讯员 甲 乙）`.
 * An editor (`责任编辑`, `编辑`, `责编`) is never an author or a source; an e-mail address, a
 * number or a URL is never a source. Patterns only: no site, person or page is named here.
 */
import { findDates, type FoundDate } from './dates.js';
import { COMMON_SURNAMES, COMPOUND_SURNAMES } from './lexicon.js';

/** Labels of the publication an article comes from. Example: 来源：证券市场红周刊, 信息来源: 省发改委, 出处：快科技. */
const SOURCE_LABEL = /(?:信息来源|文章来源|新闻来源|稿件来源|内容来源|来源|稿源|出处|来自|摘自)\s*[:：]\s*|(?:来源|稿源|出处)\s+(?=\S)/g;
/** Labels of the writers. Example: 作者：宪瑞, 执笔/甲, 采写：…记者 林某, 文/某某, 撰文：某某. */
const AUTHOR_LABEL = /(?:作者|撰文|执笔|采写|文字|记者|文|编译|撰稿)\s*[:：/／]\s*/g;
/** Labels of editors and other staff: never authors, never sources. Example: 责任编辑：张三, 编辑：宪瑞, 责编：某. */
const STAFF_LABEL = /(?:责任编辑|实习编辑|值班编辑|编辑|责编|主编|审核|审校|校对|监制|制作|美编|设计|摄影|图片|出品)\s*[:：/／]\s*/g;
/** Labels of counters and page controls after which nothing is a name or a source. Example: 浏览次数：, 字号：, 人气：. */
const CONTROL_LABEL = /(?:浏览次数|浏览|阅读|点击|点击数|人气|评论|字号|分享到|分享至|时间|发布时间|发布日期|发布于|更新时间|日期)\s*[:：]?/g;
/**
 * Words of page controls printed beside the date or source (buttons and counters a reader
 * clicks, not text). Example: 举报, 收藏, 原创, 关注, 我有话说.
 */
const CONTROL_WORD = /^(?:举报|收藏|分享|分享到|关注|原创|转载|打印|关闭|纠错|评论|我有话说|字号|大|中|小|放大字体|缩小字体|默认|繁体|简体|手机看|扫码|订阅|点赞|赞|赏|阅读|浏览|来源|作者|编辑|查看原文|返回|首页|\d+人参与|参与|[·•|｜/\\-]+)$/;

const HAN_NAME = /^[\u4e00-\u9fff·]{2,5}$/;
/**
 * Endings of organisations, not people: 证券时报网, 新华社, and from four characters on 医技药剂党支部,
 * 某某研究院 (a person may be called 刘会 or 张科).
 */
const ORGANISATION_END = /(?:社|网|报|台|刊|局|中心|公司|集团|频道|新闻|日报|晚报|媒体|传媒|工作室|编辑部)$|^.{3,}(?:部|院|会|站|委|办|处|室|科|组)$/;
/** Words that name a role, not a person, before or after a name. Example: 见习记者, 通讯员, 实习生, 编译. */
const ROLE = /^(?:.{0,6}?(?:首席|特派|特约|见习|实习|职工|本报|本站|本台)?(?:记者|通讯员|摄影记者|实习生))|(?:编译|报道|整理|撰文|采写|摄)$/g;

/** A person's name as credited: two to five Han characters (pen names too), not an organisation. */
export function isPersonName(s: string): boolean {
  return HAN_NAME.test(s) && !ORGANISATION_END.test(s);
}

/**
 * Two names run together where an extractor dropped the space between them (张伟刘洋 for 张伟 刘洋,
 * or a letter-spaced credit collapsed): four to six Han characters, no compound surname first,
 * that cut one way only into two names of two or three characters each opening with one of the
 * commonest surnames. Otherwise the name as it is (six characters are no one name).
 */
export function splitRunTogether(name: string): string[] {
  if (!/^[\u4e00-\u9fff]{4,6}$/.test(name) || COMPOUND_SURNAMES.some((c) => name.startsWith(c))) return [name];
  const cuts = [2, 3].filter((k) => name.length - k >= 2 && name.length - k <= 3 && COMMON_SURNAMES.includes(name[0]!) && COMMON_SURNAMES.includes(name[k]!));
  return cuts.length === 1 ? [name.slice(0, cuts[0]), name.slice(cuts[0])] : [name];
}

/** The people in a credit list: `叨叨姐、胡一刀&李小飞刀`, `南都见习记者 林某`, `路闻卓立编译`. */
export function personNames(list: string): string[] {
  const names: string[] = [];
  for (const raw of list.split(/[\s、，,;；&＆]+/)) {
    const name = raw.replace(/[（(【[].*$/, '').replace(ROLE, '').trim();
    for (const one of splitRunTogether(name)) if (isPersonName(one) && !names.includes(one)) names.push(one);
  }
  return names;
}

/** A source as credited: a publication's name, never an e-mail, a number, a URL or a person's role. */
export function cleanSource(value: string): string | null {
  if (/@|https?:|www\./i.test(value)) return null;
  const first = value.split(/[、，,;；|｜]/)[0]!.replace(/等$/, '').replace(/^[《【[]|[》】\]]$/g, '').trim();
  if (first.length < 2 || first.length > 30) return null;
  if (/@|https?:|www\.|\.(?:com|cn|net|org)\b/i.test(first) || /^[\d\s.:-]+$/.test(first)) return null;
  if (/^(?:本站|本网|网络|互联网|网友|佚名|未知|admin|管理员)$/i.test(first)) return null;
  return first;
}

export interface LineFacts {
  dates: FoundDate[];
  /** The labelled source (来源：…), else a publication named beside the date without a label. */
  source: string | null;
  sourceLabelled: boolean;
  authors: string[];
}

interface Span {
  kind: 'source' | 'author' | 'staff' | 'control';
  at: number;
  end: number;
}

function labels(line: string): Span[] {
  const spans: Span[] = [];
  for (const [kind, re] of [['source', SOURCE_LABEL], ['author', AUTHOR_LABEL], ['staff', STAFF_LABEL], ['control', CONTROL_LABEL]] as const) {
    for (const m of line.matchAll(re)) spans.push({ kind, at: m.index, end: m.index + m[0].length });
  }
  // The longest label wins where two overlap (责任编辑 over 编辑, 发布时间 over 时间).
  spans.sort((a, b) => a.at - b.at || b.end - a.end);
  return spans.filter((s, i) => !spans.slice(0, i).some((t) => s.at < t.end));
}

/** A page control's word (举报, 原创, 分享到, 我有话说(1307人参与)) or a separator. */
export function isControlWord(word: string): boolean {
  const w = word.trim().replace(/[(（]\s*\d+.*[)）]$/, '');
  return CONTROL_WORD.test(w) || (!!w && /^[\d\s.,:：()（）]+$/.test(w));
}

/** Tokens of a stretch of an info line that are not page controls. */
function words(text: string): string[] {
  return text.split(/[\s|｜·•]+/).map((w) => w.trim()).filter((w) => w && !isControlWord(w));
}

/**
 * What an info line states. Labelled values run to the next label, a date, or two spaces; a
 * publication printed beside the date without a label (`2019年11月25日 18:57 参考消息`) is read
 * when the line holds a date and nothing else but controls.
 */
export function readInfoLine(line: string): LineFacts {
  const dates = findDates(line);
  const spans = labels(line);
  const facts: LineFacts = { dates, source: null, sourceLabelled: false, authors: [] };
  const stops = [...spans.map((s) => s.at), ...dates.map((d) => d.at), line.length].sort((a, b) => a - b);
  // A value runs to the next label or date, and stops at a page control printed after it (来源: 新京报 举报).
  const valueAfter = (s: Span) => {
    const end = stops.find((x) => x >= s.end && x > s.at) ?? line.length;
    const tokens: string[] = [];
    // A publication's name is a word or two; a list of writers may run longer (甲、乙 & 丙).
    const most = s.kind === 'author' ? 8 : 2;
    for (const token of line.slice(s.end, end).trim().split(/\s+/)) {
      if (!token || isControlWord(token) || tokens.length >= most) break;
      tokens.push(token);
    }
    return tokens.join(' ');
  };
  for (const s of spans) {
    const value = valueAfter(s);
    if (s.kind === 'source' && !facts.source) {
      const source = cleanSource(value);
      if (source) [facts.source, facts.sourceLabelled] = [source, true];
    } else if (s.kind === 'author') {
      for (const n of personNames(value)) if (!facts.authors.includes(n)) facts.authors.push(n);
    }
  }
  if (!facts.source && dates.length) {
    // What is left once dates, labels with their values and controls are taken out.
    let rest = line;
    for (const d of [...dates].reverse()) rest = `${rest.slice(0, d.at)} ${rest.slice(d.at + d.length)}`;
    for (const re of [SOURCE_LABEL, AUTHOR_LABEL, STAFF_LABEL, CONTROL_LABEL]) rest = rest.replace(new RegExp(`${re.source}\\S*`, 'g'), ' ');
    const left = words(rest).filter((w) => !/^\d/.test(w));
    if (left.length === 1) facts.source = cleanSource(left[0]!);
  }
  return facts;
}

/** Longest info line: longer ones are text. */
const MAX_INFO_LINE = 90;

/**
 * An info line: short, and made of a date, labels with their values and page controls; no
 * sentence. `2019-09-07 13:43:45 来源: 证券市场红周刊` is one; `2019年9月7日，…举行。` is not.
 */
/** What every info line holds: a date's digits or numerals, or a label. A cheap test before the date parser runs. */
const INFO_HINT = /\d{2}|[〇一二三四五六七八九十][年月]|[:：/／]|来源|稿源|出处|作者|记者|摘自|发布|日期|时间/;

export function isInfoLine(line: string): boolean {
  const text = line.trim();
  if (!text || text.length > MAX_INFO_LINE || /[。！？；]/.test(text) || !INFO_HINT.test(text)) return false;
  const facts = readInfoLine(text);
  if (facts.sourceLabelled || (facts.authors.length && /[:：/／]/.test(text))) return true;
  if (!facts.dates.length) return false;
  // A date a clause mark follows opens a sentence (2018年3月20日，全国人大…), not a line of facts.
  const first = facts.dates[0]!.text.trim();
  if (/^\s*[，,、；]/.test(text.slice(text.indexOf(first) + first.length))) return false;
  // A date with little else: controls, a publication, labels.
  let rest = text;
  for (const d of facts.dates) rest = rest.replace(d.text.trim(), ' ');
  return words(rest).join('').length <= 20;
}

/** A whole-line credit of the writers: `执笔/甲、乙&丙`, `采写：南都见习记者 林某`, `原创： 路某编译 某刊`, `文/某某`. */
const CREDIT_LINE = /^[（(【[]?\s*(?:原创|执笔|采写|撰文|作者|文|记者|编译|撰稿|本报记者|新华社记者)\s*[:：/／]?\s*(.{2,40}?)\s*[）)】\]]?$/;
/** A whole-line staff credit: `（责任编辑： HN666）`, `责编：薛某`, `编辑：某 审核：某`. */
const STAFF_LINE = /^[（(【[]?\s*(?:责任编辑|实习编辑|编辑|责编|主编|审核|校对|监制)\s*[:：/／]/;

/** The writers a credit line names, or null when the line is not one. */
export function creditLine(line: string): string[] | null {
  const text = line.trim();
  if (text.length > 50 || /[。！？]/.test(text)) return null;
  const m = CREDIT_LINE.exec(text);
  if (!m) return null;
  const names = personNames(m[1]!);
  return names.length ? names : null;
}

/** A line that only credits staff (editors, proof-readers): not article text, names no author. */
export function isStaffLine(line: string): boolean {
  const text = line.trim();
  return text.length <= 60 && STAFF_LINE.test(text) && !/[。！？]/.test(text);
}

/**
 * Reporters in brackets near the start of an opening paragraph: `新京报快讯（记者 陆某）`,
 * `本站讯（职工通讯员 甲 乙）`, `（记者赵某 安某）`.
 */
const BRACKET_REPORTERS = /[（(]\s*(?:[\u4e00-\u9fff]{0,8}?(?:记者|通讯员)|文\s*[/／]|作者\s*[:：])\s*([^）)]{2,40})[）)]/;

export function bracketReporters(paragraph: string): string[] {
  const m = BRACKET_REPORTERS.exec(paragraph.slice(0, 60));
  return m ? personNames(m[1]!.replace(/(?:记者|通讯员)/g, ' ')) : [];
}
