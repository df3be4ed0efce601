import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SuggestionIndex } from '../../src/gateway/suggest.js';

const index = new SuggestionIndex();
index.load([
  { title: '金砖国家领导人第十四次会晤举行', reporters: ['杨依军'], place: '北京', topics: ['外交'] },
  { title: '习近平出席金砖国家领导人第十六次会晤并发表重要讲话', reporters: ['倪四义', '胡晓光'], place: '俄罗斯喀山', topics: ['外交'] },
  { title: '电子社保卡加快推进“一卡通”', reporters: ['姜琳'], place: '北京', topics: ['社会'] },
  { title: '重庆推进社保卡一卡通', reporters: [], place: '重庆', topics: ['社会'] },
]);

describe('SuggestionIndex', () => {
  const cases: [string, string, string][] = [
    ['a Simplified prefix', '金砖', '金砖国家领导人第十四次会晤举行'],
    ['a Traditional prefix', '金磚', '金砖国家领导人第十四次会晤举行'],
    ['a word inside a title', '社保卡', '电子社保卡加快推进“一卡通”'],
    ['full pinyin', 'jinzhuan', '金砖国家领导人第十四次会晤举行'],
    ['pinyin with spaces', 'jin zhuan', '金砖国家领导人第十四次会晤举行'],
    ['pinyin initials', 'jzgj', '金砖国家领导人第十四次会晤举行'],
    ['two initials inside a title, at a word', 'jz', '习近平出席金砖国家领导人第十六次会晤并发表重要讲话'],
    ['initials of a word inside a title', 'sbk', '电子社保卡加快推进“一卡通”'],
    ['full pinyin of a word inside a title', 'shebaoka', '电子社保卡加快推进“一卡通”'],
    ['a person by pinyin', 'jianglin', '姜琳'],
    ['a place with a polyphonic character', 'chongqing', '重庆'],
    ['a topic by initials', 'wj', '外交'],
  ];
  for (const [name, input, expected] of cases) {
    it(`completes ${name} (${input})`, () => assert.ok(index.suggest(input).some((s) => s.text === expected), JSON.stringify(index.suggest(input))));
  }

  it('puts prefix matches first and counts repeated names once', () => {
    const out = index.suggest('北');
    assert.deepEqual(out[0], { text: '北京', kind: 'place' });
    assert.equal(out.filter((s) => s.text === '北京').length, 1);
  });

  it('returns nothing for empty or unmatched input', () => {
    assert.deepEqual(index.suggest(''), []);
    assert.deepEqual(index.suggest('zzzz'), []);
  });

  it('ranks titles that start with the initials above those that hold them inside', () => {
    const out = index.suggest('jz').map((s) => s.text);
    assert.ok(out.indexOf('金砖国家领导人第十四次会晤举行') < out.indexOf('习近平出席金砖国家领导人第十六次会晤并发表重要讲话'), out.join(' | '));
  });

  it('honours the limit', () => assert.equal(index.suggest('j', 2).length, 2));

  it('never matches across two entries of the joined list', () => {
    const two = new SuggestionIndex();
    two.load([{ title: '会晤在喀山举行', reporters: [], place: null, topics: [] }, { title: '金砖合作', reporters: [], place: null, topics: [] }]);
    assert.deepEqual(two.suggest('举行\n金砖'), []);
    assert.deepEqual(two.suggest('举行'), [{ text: '会晤在喀山举行', kind: 'title' }]);
  });
});

/** Exposes the full scan the prefix search replaced, as the reference. */
class ScanningIndex extends SuggestionIndex {
  scan(q: string, limit: number) {
    return this.rank(q, limit, true);
  }
}

describe('SuggestionIndex prefix search', () => {
  it('answers exactly as a scan of every entry, on thousands of titles, people and places', async () => {
    const { clausePool, generateArticles } = await import('../../bench/corpus.js');
    const articles = generateArticles(3000, await clausePool()).map((a) => ({ title: a.title, reporters: a.reporters, place: a.place, topics: [] as string[] }));
    const index = new ScanningIndex();
    index.load(articles);
    const queries = ['新能源', '汽车', '唐山', '石家庄', '推进', '姚', '北京', 'xinneng', 'tangshan', 'jiakuai', 'yao', 'jiang', 'sh', 'ts', 'xnyqc', 'q', 'zhong', 'zg', 'xyzzy'];
    for (const q of queries) assert.deepEqual(index.suggest(q, 8), index.scan(q, 8), q);
    assert.ok(queries.filter((q) => index.suggest(q, 8).length === 8).length >= 8, 'most queries fill the list');
  });
});

describe('SuggestionIndex rebuilt from the list before it', () => {
  it('answers as a list built afresh, reusing the keys of texts it held and dropping what went', async () => {
    const { clausePool, generateArticles } = await import('../../bench/corpus.js');
    const all = generateArticles(3000, await clausePool()).map((a) => ({ title: a.title, reporters: a.reporters, place: a.place, topics: [] as string[] }));
    const [before, after] = [all.slice(0, 2000), all.slice(1000)];
    const rebuilt = new ScanningIndex();
    rebuilt.load(before);
    await rebuilt.loadYielding(after);
    const fresh = new ScanningIndex();
    fresh.load(after);
    assert.equal(rebuilt.size, fresh.size);
    const gone = before.find((a) => !after.some((b) => b.title === a.title))!.title;
    const queries = ['新能源', '汽车', '唐山', '推进', '姚', 'xinneng', 'tangshan', 'yao', 'sh', 'xnyqc', 'zhong', gone];
    for (const q of queries) assert.deepEqual(rebuilt.scan(q, 20), fresh.scan(q, 20), q);
    assert.ok(!rebuilt.suggest(gone, 20).some((s) => s.text === gone), 'a title no longer indexed is not suggested');
  });

  it('lets the event loop turn while it builds', async () => {
    const { clausePool, generateArticles } = await import('../../bench/corpus.js');
    const articles = generateArticles(3000, await clausePool()).map((a) => ({ title: a.title, reporters: a.reporters, place: a.place, topics: [] as string[] }));
    const index = new SuggestionIndex();
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    await index.loadYielding(articles);
    clearInterval(ticking);
    assert.ok(index.size > 3000);
    // A timer's turn comes only between two steps of the build: one synchronous build gives none.
    assert.ok(turns >= 3, `${turns} turns`);
  });
});

describe('SuggestionIndex.correct: a query that found nothing, respelled from the list', () => {
  const list = new SuggestionIndex();
  list.load([
    { title: '较强冷空气来袭 全国多地降温', reporters: [], place: null, topics: ['环境'] },
    { title: '老旧小区加装电梯提速', reporters: ['王明'], place: '杭州', topics: ['社会'] },
    { title: '国务院联防联控机制发布新举措', reporters: [], place: '北京', topics: ['健康'] },
    { title: '3月份居民消费价格同比上涨0.4%', reporters: [], place: null, topics: ['经济'] },
    { title: '光伏装机再创新高', reporters: [], place: null, topics: ['能源'] },
    { title: '光伏组件出口增长', reporters: [], place: null, topics: ['能源'] },
    { title: '光复路改造完工', reporters: [], place: null, topics: ['社会'] },
  ]);
  const cases: [string, string, string | null][] = [
    ['a homophone inside a phrase', '冷空汽来袭', '冷空气来袭'],
    ['a homophone at the end of a word', '加装电悌', '加装电梯'],
    ['the most frequent of two homophones (光伏 twice, 光复 once)', '光扶', '光伏'],
    ['a character left out, first half', '联防控机制', '联防联控机制'],
    ['a character left out, second half', '居民消费格', '居民消费价格'],
    ['each run of a query on its own, a right one kept', '光扶 杭州', '光伏 杭州'],
    ['Traditional input', '冷空汽來襲', '冷空气来袭'],
    ['a run the list holds as typed', '加装电梯', null],
    ['nothing that reads or spells alike', '鳄鱼溜冰场', null],
    ['no Han characters', 'C919', null],
  ];
  for (const [name, input, expected] of cases) it(`${name}: ${input} → ${expected}`, () => assert.equal(list.correct(input), expected));
});
