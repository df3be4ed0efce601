/**
 * `npm run bench:corpus -- --articles N --out DIR`: a deterministic seeds folder of N articles,
 * recombined from clauses of the project's own fixture and sample files: distinct titles, dates,
 * sources, places and reporters; several articles per page in plain text (UTF-8, GBK, UTF-16),
 * one per file in Markdown with front matter and in HTML; about 5% reprints of earlier articles
 * in other files. The same N gives the same files.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import iconv from 'iconv-lite';
import { fileURLToPath } from 'node:url';
import { CITIES } from '../indexer/extract/lexicon.js';
import { assembleFixtures } from '../eval/corpus.js';
import { dryRunArticles } from '../eval/truth.js';
import { random } from './random.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');


const SOURCES = ['江城晚报', '皖江日报', '南方财经', '东湖网', '滇南网', '江南都市报', '北方日报', '海滨时报'];
const SUBJECTS = ['新能源汽车', '高标准农田', '跨境电商', '社区养老', '量子通信', '城市更新', '乡村旅游', '职业教育', '港口物流', '智慧医疗', '生态保护', '文化遗产', '数字政务', '防汛抗旱', '老旧小区', '冰雪运动', '海洋经济', '种业振兴', '清洁能源', '中小企业'];
const ACTIONS = ['加快推进', '取得新进展', '迈出新步伐', '全面提速', '持续升温', '再上新台阶', '交出亮眼答卷', '按下快进键', '跑出加速度', '稳步推进'];
const FRAMES = ['', '一季度', '上半年', '前三季度', '全年', '今年以来', '近五年', '新春', '盛夏', '金秋'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建文红晶雪琳飞斌宇浩凯健俊帆帅旭宁海波';

interface GenArticle {
  title: string;
  source: string;
  date: string;
  place: string;
  reporters: string[];
  paragraphs: string[];
  reprintOf?: number;
}

/** Distinct titles: the index read as a number in mixed radix over the phrase lists. */
function title(i: number): string {
  let n = i;
  const pick = <T>(list: T[]) => {
    const v = list[n % list.length]!;
    n = Math.floor(n / list.length);
    return v;
  };
  const city = pick(CITIES);
  const subject = pick(SUBJECTS);
  const action = pick(ACTIONS);
  const frame = pick(FRAMES);
  const round = n > 0 ? `（第${n + 1}辑）` : '';
  return `${city}${frame}${subject}${action}${round}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The clauses of the project's own fixture and sample articles: the material every generated
 * sentence is drawn from. Recombining clauses (not whole sentences) keeps unrelated generated
 * articles as different as unrelated real ones, so only the planted reprints read as reprints.
 */
export async function clausePool(): Promise<string[]> {
  const { seedsDir } = await assembleFixtures();
  const articles = [...(await dryRunArticles(seedsDir)), ...(await dryRunArticles(path.join(ROOT, 'seeds')))];
  const clauses = articles
    .flatMap((a) => a.body.split('\n'))
    .filter((p) => !/日电|本报讯/.test(p.slice(0, 20)))
    .flatMap((p) => p.split(/[，；。！？“”]/))
    .map((c) => c.trim())
    .filter((c) => c.length >= 4 && c.length <= 40);
  return [...new Set(clauses)];
}

/** A paragraph of two to four sentences of two to four drawn clauses, its figures varied. */
function paragraph(pool: string[], rnd: () => number): string {
  const sentence = () => `${Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => pool[Math.floor(rnd() * pool.length)]!).join('，')}。`;
  const text = Array.from({ length: 2 + Math.floor(rnd() * 3) }, sentence).join('');
  return text.replace(/\d+(?:\.\d+)?/g, (n) => String(Math.max(1, Math.round(Number(n) * (0.5 + rnd())))));
}

export function generateArticles(count: number, pool: string[], seed = 20261124): GenArticle[] {
  // pool: clauses (clausePool).
  const rnd = random(seed);
  const pickOne = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const out: GenArticle[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 20 && rnd() < 0.05) {
      const of = Math.floor(rnd() * i);
      const original = out[of]!;
      if (original.reprintOf === undefined) {
        out.push({ ...original, source: pickOne(SOURCES.filter((s) => s !== original.source)), reprintOf: of });
        continue;
      }
    }
    const day = new Date(Date.UTC(2019, 0, 1) + Math.floor(rnd() * 2200) * 86_400_000);
    const place = pickOne(CITIES);
    const reporters = [0, 1].map(() => `${pickOne([...SURNAMES])}${pickOne([...GIVEN])}${rnd() < 0.5 ? pickOne([...GIVEN]) : ''}`);
    const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
    const lead = `新华社${place}${day.getUTCMonth() + 1}月${day.getUTCDate()}日电（记者${reporters.join(' ')}）${paragraph(pool, rnd)}`;
    const paragraphs = [lead, ...Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => paragraph(pool, rnd))];
    out.push({ title: title(i), source: pickOne(SOURCES), date, place, reporters, paragraphs });
  }
  return out;
}

type FileKind = 'text-utf8' | 'text-gbk' | 'text-utf16' | 'markdown' | 'html';

function kindFor(n: number): FileKind {
  const r = n % 20;
  if (r < 13) return 'text-utf8';
  if (r < 15) return 'text-gbk';
  if (r < 16) return 'text-utf16';
  if (r < 18) return 'markdown';
  return 'html';
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Writes the articles as a seeds folder; returns the number of files and bytes written. */
export async function writeCorpus(articles: GenArticle[], out: string): Promise<{ files: number; bytes: number }> {
  await rm(out, { recursive: true, force: true });
  let files = 0;
  let bytes = 0;
  const put = async (name: string, data: Buffer | string, declaration?: object) => {
    const dir = path.join(out, name.slice(0, 3));
    await mkdir(dir, { recursive: true });
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    await writeFile(path.join(dir, name), buffer);
    if (declaration) await writeFile(path.join(dir, `${name}.meta.json`), JSON.stringify(declaration));
    files++;
    bytes += buffer.length;
  };
  let i = 0;
  let n = 0;
  while (i < articles.length) {
    const kind = kindFor(n);
    const name = `${String(n).padStart(6, '0')}`;
    if (kind === 'markdown' || kind === 'html') {
      const a = articles[i++]!;
      if (kind === 'markdown') {
        await put(`${name}.md`, `---\ntitle: '${a.title}'\nauthor: ${a.source}\ndate: ${a.date}\n---\n\n${a.paragraphs.join('\n\n')}\n`);
      } else {
        const body = a.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
        await put(`${name}.html`, `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(a.title)}</title><meta property="og:site_name" content="${a.source}"><meta property="article:published_time" content="${a.date}"></head><body><nav class="nav"><a href="/">首页</a></nav><article><h1>${escapeHtml(a.title)}</h1>\n${body}</article><footer class="footer">版权所有</footer></body></html>\n`);
      }
    } else {
      // A page of three to five articles of one paper and day, headlines before bodies.
      const page = articles.slice(i, i + 3 + (n % 3));
      i += page.length;
      const text = `${page.map((a) => `${a.title}\n\n${a.paragraphs.join('\n\n')}`).join('\n\n')}\n`;
      const data = kind === 'text-gbk' ? iconv.encode(text, 'gbk') : kind === 'text-utf16' ? Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]) : text;
      await put(`${name}.txt`, data, { source: page[0]!.source, published: page[0]!.date });
    }
    n++;
  }
  return { files, bytes };
}

async function main() {
  const program = new Command('bench:corpus')
    .requiredOption('--articles <n>', 'how many articles', (v) => Number.parseInt(v, 10))
    .requiredOption('--out <dir>', 'the seeds folder to write (replaced)')
    .parse(process.argv.slice(2), { from: 'user' });
  const { articles: count, out } = program.opts<{ articles: number; out: string }>();
  const articles = generateArticles(count, await clausePool());
  const { files, bytes } = await writeCorpus(articles, path.resolve(out));
  process.stdout.write(`${count} articles in ${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB, in ${out}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
