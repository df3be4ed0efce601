/**
 * Editions of newspaper pages laid out from real article texts, with the truth of every article:
 * a pure function of the article texts and a seed. The HTML it writes is what the generator prints
 * to PDF; the truth is what an editor reads on the printed page.
 *
 * What varies by seed (each page records its features, so a score can be split by them):
 * 2–6 columns; headlines above their text spanning its columns, beside it, or inside the first
 * column; one or two headline lines, some letter-spaced; kickers above and subtitles (——…) below;
 * datelines and bylines in the forms papers print (新华社某地6月23日电（记者…）, 本报讯（记者…）,
 * 本报某地6月23日讯, 据新华社…电, a 本报记者/记者 line before the text, a bracketed credit after it);
 * photos with captions ending in 摄; column labels; a masthead (paper, date, page) on the first page
 * and a running header on the others (some without the paper's name or the year, which a sidecar
 * then declares, or not); articles continued on a later page; briefs; advertisements; staff lines.
 */
import type { PageFeatures, PageTruth } from '../../../eval/pages-score.js';
import type { ExpectedArticle } from '../../../eval/truth.js';

export type { PageFeatures, PageTruth } from '../../../eval/pages-score.js';


export interface SourceArticle {
  title: string;
  paragraphs: string[];
}

export interface GeneratedPage {
  name: string;
  html: string;
  truth: PageTruth;
}

export interface Edition {
  pages: GeneratedPage[];
  /** Keys of article parts continued across pages (one story each). */
  stories: string[][];
}


const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金廖贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯史陶黎贺顾毛郝龚邵钱严武戴孔汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建志红玉兰晓东波宁鹏飞俊琳雪梅婷颖慧佳欣宇浩凯欢亮斌晨阳帆瑶琪璐萌昊哲睿';
const PLACES = ['北京', '上海', '天津', '重庆', '广州', '深圳', '杭州', '南京', '武汉', '成都', '西安', '郑州', '济南', '青岛', '长沙', '合肥', '福州', '昆明', '南宁', '兰州', '太原', '石家庄', '沈阳', '长春', '哈尔滨', '乌鲁木齐', '西宁', '银川', '海口', '贵阳', '南昌', '厦门', '大连', '宁波', '苏州', '烟台'];
const PAPER_PLACES = ['滨江', '东海', '南岭', '西川', '北塬', '临海', '云岭', '青川', '江城', '海滨', '山城', '平川', '湖畔', '沿江'];
const PAPER_KINDS = ['日报', '晚报', '都市报', '商报', '时报', '早报'];
const SECTIONS = ['要闻', '综合', '经济', '社会', '国内', '国际', '民生', '科教'];
const LABELS = ['乡村振兴进行时', '一线观察', '聚焦民生', '新春走基层', '经济观察', '记者调查', '权威发布', '关注'];
/** Lead-ins over a headline (引题), in the forms papers mark them: a phrase ending in a dash or an exclamation. */
const KICKERS = ['前三季度主要经济指标稳中向好——', '超过十万人次参与！', '记者走进一线 探访发展新动能——', '数据说话——', '多措并举稳就业——', '首批试点全部落地！'];
const SUBTITLES = ['——记者走访多地一线', '——来自基层一线的报道', '——专家解读最新政策', '——多部门联合发布新举措'];
const CAPTIONS = ['图为当地一处施工现场。', '市民在活动现场参观。', '工作人员正在进行检查。', '图为会议现场。', '游客在景区游览。', '志愿者为居民提供服务。'];
const AD_LINES = [
  ['欢迎订阅', '邮发代号 23-1', '订报热线：96xxx'],
  ['诚聘', '销售经理 若干名', '联系电话：0531-8519 3888'],
  ['盛大开业', '全场商品八折起', '地址：人民路88号'],
  ['遗失声明', '某某公司遗失公章一枚，声明作废。'],
];
const WEEKDAYS = '日一二三四五六';

interface Dateline {
  form: string;
  /** Printed before the first paragraph. */
  prefix: string;
  /** A line printed on its own before the text, or after it. */
  before?: string;
  after?: string;
  agency?: string;
  place?: string;
  reporters: string[];
  /** The day the dateline states (with the edition's year), if any. */
  day?: string;
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const chance = (rnd: () => number, p: number) => rnd() < p;
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function personName(rnd: () => number): string {
  const given = chance(rnd, 0.6) ? pick(rnd, [...GIVEN]) + pick(rnd, [...GIVEN]) : pick(rnd, [...GIVEN]);
  return pick(rnd, [...SURNAMES]) + given;
}

function names(rnd: () => number, n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(personName(rnd));
  return [...out];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const monthDay = (d: Date) => `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;

function datelineFor(rnd: () => number, edition: Date): Dateline {
  const day = addDays(edition, -Math.floor(rnd() * 2));
  const place = pick(rnd, PLACES);
  const form = pick(rnd, ['wire', 'local', 'local-dated', 'via-wire', 'byline-before', 'byline-after', 'none'] as const);
  const r = names(rnd, 1 + Math.floor(rnd() * 2));
  switch (form) {
    case 'wire':
      return { form, prefix: `新华社${place}${monthDay(day)}电（记者${r.join(' ')}）`, agency: '新华社', place, reporters: r, day: iso(day) };
    case 'local':
      return { form, prefix: `本报讯（记者 ${r.join(' ')}）`, reporters: r };
    case 'local-dated':
      return { form, prefix: `本报${place}${monthDay(day)}讯（记者${r.join('、')}）`, place, reporters: r, day: iso(day) };
    case 'via-wire':
      return { form, prefix: `据新华社${place}${monthDay(day)}电 `, agency: '新华社', place, reporters: [], day: iso(day) };
    case 'byline-before':
      return { form, prefix: '', before: `${pick(rnd, ['本报记者', '记者'])} ${r.join(' ')}`, reporters: r };
    case 'byline-after':
      return { form, prefix: '', after: `（记者 ${r.join(' ')}）`, reporters: r };
    default:
      return { form, prefix: '', reporters: [] };
  }
}

/** A headline of two lines breaks at its middle space, or at its middle. */
function headlineLines(title: string, two: boolean): string[] {
  if (!two || title.length < 12) return [title];
  const spaces = [...title.matchAll(/ /g)].map((m) => m.index);
  const mid = title.length / 2;
  const at = spaces.length ? spaces.reduce((a, b) => (Math.abs(b - mid) < Math.abs(a - mid) ? b : a)) : Math.round(mid);
  return [title.slice(0, at).trim(), title.slice(at).trim()].filter(Boolean);
}

interface StoryPlan {
  key: string;
  source: SourceArticle;
  paragraphs: string[];
  span: number;
  headline: 'top' | 'side' | 'inline';
  jumpTo?: number;
  jumpFrom?: number;
}

const CSS = `
@page { margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', sans-serif; color: #111; }
.page { width: 300mm; padding: 12mm 10mm; }
.masthead { display: flex; align-items: flex-end; justify-content: space-between; border-bottom: 3px double #000; padding-bottom: 4mm; margin-bottom: 4mm; }
.masthead .name { font-size: 64px; font-weight: bold; }
.masthead .name.spaced { letter-spacing: 0.4em; }
.masthead .info { font-size: 13px; text-align: right; line-height: 1.5; }
.runhead { display: flex; justify-content: space-between; font-size: 12px; border-bottom: 1px solid #000; padding-bottom: 2mm; margin-bottom: 4mm; }
.grid { display: grid; gap: 6mm 8mm; grid-auto-flow: row dense; }
.story { border-top: 1px solid #999; padding-top: 2mm; }
.story.side { display: flex; gap: 4mm; }
.story.side .head { flex: 0 0 30%; }
.story.side .text { flex: 1; }
.label { display: inline-block; font-size: 12px; background: #333; color: #fff; padding: 1px 6px; margin-bottom: 2mm; }
.kicker, .sub { font-size: 15px; margin: 1mm 0; }
h1 { font-size: 30px; line-height: 1.25; margin: 1mm 0 2mm; }
h1.small { font-size: 22px; }
h1.spaced { letter-spacing: 0.35em; }
.byline { font-size: 13px; margin: 1mm 0; }
.text { font-size: 13px; line-height: 1.4; text-align: justify; column-gap: 6mm; column-rule: 1px solid #ccc; }
.text p { margin: 0 0 1mm; text-indent: 2em; }
.text h1 { break-after: avoid; }
.text .head { break-inside: avoid; break-after: avoid; }
figure { margin: 0 0 2mm; break-inside: avoid; }
.photo { height: 38mm; background: #bbb; }
figcaption { font-size: 11px; line-height: 1.4; margin-top: 1mm; }
.jump { text-align: right; }
.briefs { border: 1px solid #000; padding: 2mm 3mm; }
.briefs .boxtitle { font-size: 18px; font-weight: bold; margin-bottom: 2mm; }
.briefs h3 { font-size: 15px; margin: 2mm 0 1mm; }
.briefs p { font-size: 13px; line-height: 1.4; margin: 0; text-indent: 2em; }
.ad { border: 2px solid #000; padding: 4mm; text-align: center; font-size: 16px; line-height: 1.8; }
.ad .big { font-size: 28px; font-weight: bold; }
.staff { font-size: 11px; margin-top: 4mm; border-top: 1px solid #000; padding-top: 1mm; }
`;

export interface EditionInput {
  rnd: () => number;
  articles: SourceArticle[];
  editionNo: number;
  pages: number;
}

/** One edition: its pages' HTML and truth. Articles are drawn without repeating one inside the edition. */
export function layEdition({ rnd, articles, editionNo, pages: pageCount }: EditionInput): Edition {
  const paper = pick(rnd, PAPER_PLACES) + pick(rnd, PAPER_KINDS);
  const edition = new Date(Date.UTC(2019 + Math.floor(rnd() * 6), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
  const pool = [...articles.keys()].sort(() => rnd() - 0.5);
  const draw = () => articles[pool.pop() ?? Math.floor(rnd() * articles.length)]!;
  const pageNumbers = [1];
  while (pageNumbers.length < pageCount) pageNumbers.push(pageNumbers[pageNumbers.length - 1]! + 1 + Math.floor(rnd() * 3));
  const prefix = `e${String(editionNo).padStart(2, '0')}`;

  // An article of page 1 may continue on a later page.
  const continued = pageCount > 1 && chance(rnd, 0.6);
  let carry: { to: number; plan: StoryPlan; rest: string[] } | undefined;
  const stories: string[][] = [];
  const pages: GeneratedPage[] = [];

  for (const [index, number] of pageNumbers.entries()) {
    const columns = 2 + Math.floor(rnd() * 5);
    const features: PageFeatures = {
      columns, headline: [], twoLineHeadline: false, spacedHeadline: false, kicker: false, subtitle: false, datelines: [], photo: false,
      label: false, masthead: index === 0, header: 'full', continued: 'none', briefs: false, ad: false,
    };
    const name = `${prefix}-p${number}`;
    const truth: PageTruth = { features, articles: [] };
    const header = index === 0 ? 'full' : pick(rnd, ['full', 'full', 'no-name', 'no-year'] as const);
    features.header = header;
    const yearStated = header !== 'no-year';
    const declared: { source?: string; published?: string } = {};
    if (header === 'no-name') declared.source = paper;
    if (header === 'no-year' && chance(rnd, 0.5)) declared.published = iso(edition);
    if (Object.keys(declared).length) truth.declared = declared;

    const dateText = `${edition.getUTCFullYear()}年${monthDay(edition)} 星期${WEEKDAYS[edition.getUTCDay()]}`;
    const section = index === 0 ? '要闻' : pick(rnd, SECTIONS);
    let top = '';
    if (index === 0) {
      top = `<div class="masthead"><div class="name${chance(rnd, 0.4) ? ' spaced' : ''}">${paper}</div><div class="info">${dateText}<br>第${number}版 今日${pageNumbers[pageNumbers.length - 1]! + 2}版<br>国内统一连续出版物号 CN ${10 + Math.floor(rnd() * 60)}-00${10 + Math.floor(rnd() * 89)}</div></div>`;
    } else if (header === 'full') {
      top = `<div class="runhead"><span>${dateText}</span><span>${paper}</span><span>第${number}版 ${section}</span></div>`;
    } else if (header === 'no-name') {
      top = `<div class="runhead"><span>${number} ${section}</span><span>${edition.getUTCFullYear()}.${edition.getUTCMonth() + 1}.${edition.getUTCDate()} 星期${WEEKDAYS[edition.getUTCDay()]}</span><span>责编 ${personName(rnd)} 美编 ${personName(rnd)}</span></div>`;
    } else {
      top = `<div class="runhead"><span>${paper}</span><span>第${number}版 ${section}</span><span>${monthDay(edition)} 星期${WEEKDAYS[edition.getUTCDay()]}</span></div>`;
    }

    const blocks: string[] = [];
    let n = 0;
    const addStory = (plan: StoryPlan, dl: Dateline | null, opts: { repeatHeadline?: boolean } = {}) => {
      const k = `${name}-a${++n}`;
      plan.key = k;
      const two = plan.headline !== 'side' && chance(rnd, 0.35);
      const spaced = !opts.repeatHeadline && chance(rnd, 0.2);
      const kicker = !opts.repeatHeadline && chance(rnd, 0.25) ? pick(rnd, KICKERS) : undefined;
      const subtitle = !opts.repeatHeadline && !kicker && chance(rnd, 0.2) ? pick(rnd, SUBTITLES) : undefined;
      const label = !opts.repeatHeadline && chance(rnd, 0.15) ? pick(rnd, LABELS) : undefined;
      const photo = plan.paragraphs.length >= 3 && chance(rnd, 0.3);
      features.headline.push(plan.headline);
      features.twoLineHeadline ||= two;
      features.spacedHeadline ||= spaced;
      features.kicker ||= !!kicker;
      features.subtitle ||= !!subtitle;
      features.label ||= !!label;
      features.photo ||= photo;
      if (dl) features.datelines.push(dl.form);

      const lines = headlineLines(plan.source.title, two);
      const h1 = `<h1 class="${[spaced ? 'spaced' : '', opts.repeatHeadline ? 'small' : ''].join(' ').trim()}">${lines.map(escape).join('<br>')}</h1>`;
      const head = [label ? `<div class="label">${label}</div><br>` : '', kicker ? `<div class="kicker">${kicker}</div>` : '', h1, subtitle ? `<div class="sub">${subtitle}</div>` : '', dl?.before ? `<div class="byline">${dl.before}</div>` : ''].join('');
      const paragraphs = plan.paragraphs.map((p, i) => (i === 0 && dl ? dl.prefix + p : p));
      if (plan.jumpFrom) paragraphs[0] = `（上接第${plan.jumpFrom}版）${paragraphs[0]}`;
      const caption = photo ? `${pick(rnd, CAPTIONS)}${pick(rnd, ['本报记者', '新华社记者', '通讯员'])} ${personName(rnd)} 摄` : undefined;
      const photoAt = photo ? 1 + Math.floor(rnd() * (paragraphs.length - 1)) : -1;
      const body = paragraphs.map((p, i) => `${i === photoAt ? `<figure><div class="photo"></div><figcaption>${caption}</figcaption></figure>` : ''}<p>${escape(p)}</p>`).join('');
      const tail = [plan.jumpTo ? `<p class="jump">（下转第${plan.jumpTo}版）</p>` : '', dl?.after ? `<p class="jump">${dl.after}</p>` : ''].join('');
      const textColumns = plan.headline === 'side' ? Math.max(1, plan.span - 1) : plan.span;
      const style = `grid-column: span ${plan.span}`;
      if (plan.headline === 'side') {
        blocks.push(`<article class="story side" style="${style}"><div class="head">${head}</div><div class="text" style="column-count:${textColumns}">${body}${tail}</div></article>`);
      } else if (plan.headline === 'inline') {
        blocks.push(`<article class="story" style="${style}"><div class="text" style="column-count:${textColumns}"><div class="head">${head}</div>${body}${tail}</div></article>`);
      } else {
        blocks.push(`<article class="story" style="${style}">${head}<div class="text" style="column-count:${textColumns}">${body}${tail}</div></article>`);
      }

      const reporters = opts.repeatHeadline ? undefined : dl?.reporters ?? [];
      const dayFromDateline = dl?.day;
      const date: ExpectedArticle['date'] = dayFromDateline && !opts.repeatHeadline ? dayFromDateline : [iso(addDays(edition, -1)), iso(edition)];
      const truthLines = [...paragraphs, ...(plan.jumpTo ? [`（下转第${plan.jumpTo}版）`] : []), ...(dl?.before ? [dl.before] : []), ...(dl?.after ? [dl.after] : [])];
      truth.articles.push({
        key: k,
        title: plan.source.title,
        ...(kicker || subtitle ? { kicker: kicker ?? subtitle } : {}),
        ...(label ? { column: label } : {}),
        source: paper,
        ...(dl?.agency && !opts.repeatHeadline ? { agency: dl.agency } : {}),
        date,
        ...(!yearStated && !declared.published ? { dateMayBeNull: true } : {}),
        ...(reporters ? { reporters } : {}),
        mustContain: [],
        lines: truthLines,
        ...(caption ? { captions: [caption] } : {}),
      });
      return k;
    };

    // The continuation of page 1's article comes first on its page.
    if (carry && carry.to === number) {
      features.continued = 'from';
      const plan: StoryPlan = { key: '', source: carry.plan.source, paragraphs: carry.rest, span: Math.min(columns, 2 + Math.floor(rnd() * 2)), headline: 'top', jumpFrom: pageNumbers[0] };
      const k = addStory(plan, null, { repeatHeadline: true });
      stories.push([carry.plan.key, k]);
      carry = undefined;
    }

    const storyCount = 2 + Math.floor(rnd() * 3);
    for (let s = 0; s < storyCount; s++) {
      const source = draw();
      if (source.paragraphs.length === 0) continue;
      const span = Math.max(1, Math.min(columns, s === 0 ? columns - Math.floor(rnd() * 2) : 1 + Math.floor(rnd() * Math.min(3, columns))));
      const headline = span >= 2 && chance(rnd, 0.2) ? 'side' : span >= 2 && chance(rnd, 0.2) ? 'inline' : span === 1 && chance(rnd, 0.3) ? 'inline' : 'top';
      const take = Math.max(1, Math.min(source.paragraphs.length, 2 + Math.floor(rnd() * 5)));
      let paragraphs = source.paragraphs.slice(0, take);
      const plan: StoryPlan = { key: '', source, paragraphs, span, headline };
      const dl = datelineFor(rnd, edition);
      if (index === 0 && s === 0 && continued && source.paragraphs.length >= 4) {
        const cut = Math.max(2, Math.floor(source.paragraphs.length / 2));
        paragraphs = source.paragraphs.slice(0, cut);
        plan.paragraphs = paragraphs;
        plan.jumpTo = pageNumbers[1 + Math.floor(rnd() * (pageNumbers.length - 1))]!;
        features.continued = 'to';
        addStory(plan, dl.after ? { ...dl, after: undefined, form: 'none', reporters: [] } : dl);
        carry = { to: plan.jumpTo, plan, rest: source.paragraphs.slice(cut) };
        continue;
      }
      addStory(plan, dl);
    }

    if (chance(rnd, 0.35)) {
      features.briefs = true;
      const items: string[] = [];
      const briefs: ExpectedArticle[] = [];
      for (let b = 0; b < 2 + Math.floor(rnd() * 2); b++) {
        const source = draw();
        const first = source.paragraphs[0];
        if (!first) continue;
        const sentences = first.match(/[^。！？]+[。！？]?/g) ?? [first];
        const text = (chance(rnd, 0.5) ? '本报讯 ' : '') + sentences.slice(0, 2).join('');
        const k = `${name}-a${++n}`;
        items.push(`<h3>${escape(source.title)}</h3><p>${escape(text)}</p>`);
        briefs.push({ key: k, title: source.title, source: paper, date: [iso(addDays(edition, -1)), iso(edition)], ...(!yearStated && !declared.published ? { dateMayBeNull: true } : {}), reporters: [], mustContain: [], lines: [text] });
      }
      const span = Math.min(columns, 1 + Math.floor(rnd() * 2));
      const boxTitle = pick(rnd, ['简讯', '短新闻', '新闻速览']);
      // The box's title names the column every brief in it runs in.
      truth.articles.push(...briefs.map((b) => ({ ...b, column: boxTitle })));
      blocks.push(`<section class="briefs" style="grid-column: span ${span}"><div class="boxtitle">${boxTitle}</div>${items.join('')}</section>`);
    }
    if (chance(rnd, 0.4)) {
      features.ad = true;
      const ad = pick(rnd, AD_LINES);
      blocks.push(`<aside class="ad" style="grid-column: span ${Math.min(columns, 1 + Math.floor(rnd() * 2))}"><div>广告</div><div class="big">${ad[0]}</div>${ad.slice(1).map((l) => `<div>${l}</div>`).join('')}</aside>`);
    }
    const staff = chance(rnd, 0.5) ? `<div class="staff">责任编辑：${personName(rnd)}　美编：${personName(rnd)}　校对：${personName(rnd)}</div>` : '';
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${CSS}</style></head><body><div class="page">${top}<div class="grid" style="grid-template-columns: repeat(${columns}, 1fr)">${blocks.join('')}</div>${staff}</div></body></html>`;
    pages.push({ name, html, truth });
  }
  return { pages, stories };
}
