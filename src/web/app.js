// The search page. All state lives in the address (q, source, topic, from, to, sort, page, article),
// so a shared link reproduces the view. Snippets arrive HTML-escaped with <mark> from the server;
// every other value is set as text.
const $ = (id) => document.getElementById(id);
const form = $('search');
const input = $('q');
const list = $('suggestions');
const summary = $('summary');
const results = $('results');
const pager = $('pager');
const facets = $('facets');
const active = $('active-filters');
const sort = $('sort');
const resultsView = $('results-view');
const articleView = $('article-view');
const mainEl = $('main');

const PER_PAGE = 10;
const FACET_TITLES = { source: '来源', topic: '主题', year: '年份' };
const KIND_NAMES = { title: '标题', person: '人物', place: '地点', topic: '主题' };
// Said rather than left out: a reader should know the file did not state it (the operator can declare it).
const UNKNOWN_DATE = '日期未知';
const UNKNOWN_SOURCE = '来源未知';

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('aria-') || k === 'role') node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const child of children) node.append(child);
  return node;
}

function currentParams() {
  return new URLSearchParams(location.search);
}

function navigate(params, { replace = false } = {}) {
  const url = `/?${params}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  void render();
}

/** The same search with one change; page goes back to 1 unless it is the change. */
function withChange(change) {
  const params = currentParams();
  params.delete('article');
  change(params);
  if (!change.keepsPage) params.delete('page');
  return params;
}

function problemText(body) {
  return body?.detail ?? body?.title ?? '请求失败';
}

// ---- suggestions ---------------------------------------------------------------------------

let suggestTimer = 0;
let suggestSeq = 0;
let activeIndex = -1;

function closeSuggestions() {
  // A request still under way must not reopen the list once the user has moved on.
  clearTimeout(suggestTimer);
  suggestSeq++;
  list.hidden = true;
  list.replaceChildren();
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
  activeIndex = -1;
}

function highlight(index) {
  const options = [...list.children];
  if (!options.length) return;
  activeIndex = (index + options.length) % options.length;
  options.forEach((o, i) => o.setAttribute('aria-selected', String(i === activeIndex)));
  input.setAttribute('aria-activedescendant', options[activeIndex].id);
}

function pick(text) {
  input.value = text;
  closeSuggestions();
  navigate(withChange((p) => p.set('q', text)));
}

async function loadSuggestions() {
  const q = input.value.trim();
  const seq = ++suggestSeq;
  if (!q) return closeSuggestions();
  const res = await fetch(`/api/suggest?${new URLSearchParams({ q })}`).catch(() => null);
  if (!res?.ok || seq !== suggestSeq) return;
  const { suggestions } = await res.json();
  if (seq !== suggestSeq || document.activeElement !== input || input.value.trim() !== q) return;
  if (!suggestions.length) return closeSuggestions();
  list.replaceChildren(
    ...suggestions.map((s, i) => {
      const option = el('li', { id: `suggestion-${i}`, role: 'option', 'aria-selected': 'false' }, [
        el('span', { textContent: s.text }),
        el('span', { className: 'kind', textContent: KIND_NAMES[s.kind] ?? '' }),
      ]);
      option.addEventListener('mousedown', (e) => {
        e.preventDefault();
        pick(s.text);
      });
      return option;
    }),
  );
  list.hidden = false;
  input.setAttribute('aria-expanded', 'true');
  activeIndex = -1;
}

input.addEventListener('input', () => {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(loadSuggestions, 120);
});
input.addEventListener('keydown', (e) => {
  if (list.hidden) return;
  if (e.key === 'ArrowDown') {
    e.preventDefault();
    highlight(activeIndex + 1);
  } else if (e.key === 'ArrowUp') {
    e.preventDefault();
    highlight(activeIndex - 1);
  } else if (e.key === 'Enter' && activeIndex >= 0) {
    e.preventDefault();
    pick(list.children[activeIndex].firstChild.textContent);
  } else if (e.key === 'Escape') {
    // The first Escape closes the list and keeps the text (a search box would clear it); a second one clears, as browsers do.
    e.preventDefault();
    closeSuggestions();
  }
});
input.addEventListener('blur', () => setTimeout(closeSuggestions, 100));
document.addEventListener('click', (e) => {
  if (!form.contains(e.target)) closeSuggestions();
});

form.addEventListener('submit', (e) => {
  e.preventDefault();
  closeSuggestions();
  navigate(withChange((p) => p.set('q', input.value.trim())));
});
sort.addEventListener('change', () => navigate(withChange((p) => p.set('sort', sort.value))));
window.addEventListener('popstate', () => void render());

// ---- results -------------------------------------------------------------------------------

function facetSection(name, counts, selected, toggle) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (!entries.length) return null;
  return el('section', {}, [
    el('h2', { textContent: FACET_TITLES[name] }),
    el(
      'ul',
      {},
      entries.map(([value, count]) => {
        const pressed = selected.includes(value);
        const button = el('button', { type: 'button', 'aria-pressed': String(pressed), dataset: { facet: name, value } }, [
          el('span', { textContent: value }),
          el('span', { className: 'count', textContent: String(count) }),
        ]);
        button.addEventListener('click', () => navigate(withChange((p) => toggle(p, value, pressed))));
        return el('li', {}, [button]);
      }),
    ),
  ]);
}

function toggleRepeatable(name) {
  return (params, value, pressed) => {
    const values = params.getAll(name).filter((v) => v !== value);
    if (!pressed) values.push(value);
    params.delete(name);
    for (const v of values) params.append(name, v);
  };
}

function toggleYear(params, year, pressed) {
  if (pressed) {
    params.delete('from');
    params.delete('to');
  } else {
    params.set('from', `${year}-01-01`);
    params.set('to', `${year}-12-31`);
  }
}

function renderFacets(body, params) {
  const selectedYear = params.get('from')?.slice(0, 4) ?? '';
  facets.replaceChildren(
    ...[
      facetSection('source', body.facets.source, params.getAll('source'), toggleRepeatable('source')),
      facetSection('topic', body.facets.topic, params.getAll('topic'), toggleRepeatable('topic')),
      facetSection('year', body.facets.year, params.get('from') && params.get('to')?.startsWith(selectedYear) ? [selectedYear] : [], toggleYear),
    ].filter(Boolean),
  );
  const chips = [
    ...params.getAll('source').map((v) => ['source', v]),
    ...params.getAll('topic').map((v) => ['topic', v]),
    ...(params.get('from') || params.get('to') ? [['date', `${params.get('from') ?? ''} ~ ${params.get('to') ?? ''}`]] : []),
  ];
  active.replaceChildren(
    ...chips.map(([name, value]) => {
      const chip = el('button', { type: 'button', textContent: `${value} ✕`, 'aria-label': `去掉筛选 ${value}` });
      chip.addEventListener('click', () =>
        navigate(
          withChange((p) => {
            if (name === 'date') {
              p.delete('from');
              p.delete('to');
            } else toggleRepeatable(name)(p, value, true);
          }),
        ),
      );
      return chip;
    }),
  );
}

function articleLink(hit) {
  const params = currentParams();
  params.set('article', hit.id);
  const link = el('a', { href: `/?${params}`, textContent: hit.title || '（无标题）' });
  link.addEventListener('click', (e) => {
    e.preventDefault();
    navigate(params);
  });
  return link;
}

function renderHits(body) {
  results.replaceChildren(
    ...body.hits.map((hit) => {
      const snippet = el('p', { className: 'snippet' });
      snippet.innerHTML = hit.snippet; // escaped by the server; only <mark> is markup
      const meta = [hit.source ?? UNKNOWN_SOURCE, hit.date ?? UNKNOWN_DATE, hit.topics.join(' · ')].filter(Boolean).join(' | ');
      const children = [el('h3', {}, [articleLink(hit)]), el('div', { className: 'meta', textContent: meta }), snippet];
      if (hit.alsoIn.length) children.push(el('p', { className: 'also', textContent: `也见于：${hit.alsoIn.join('、')}` }));
      return el('li', { className: 'hit' }, children);
    }),
  );
  const pages = Math.min(100, Math.ceil(body.total / body.perPage));
  const page = body.page;
  const link = (p, text, label) => {
    const params2 = withChange(Object.assign((x) => x.set('page', String(p)), { keepsPage: true }));
    const a = el('a', { href: `/?${params2}`, textContent: text, 'aria-label': label ?? `第 ${p} 页` });
    if (p === page) a.setAttribute('aria-current', 'page');
    a.addEventListener('click', (e) => {
      e.preventDefault();
      navigate(params2);
      window.scrollTo(0, 0);
    });
    return a;
  };
  const items = [];
  if (page > 1) items.push(link(page - 1, '上一页', '上一页'));
  for (let p = Math.max(1, page - 3); p <= Math.min(pages, page + 3); p++) items.push(link(p, String(p)));
  if (page < pages) items.push(link(page + 1, '下一页', '下一页'));
  pager.replaceChildren(...(pages > 1 ? items : []));
}

async function renderResults(params, seq) {
  resultsView.hidden = false;
  articleView.hidden = true;
  input.value = params.get('q') ?? '';
  sort.value = params.get('sort') ?? 'relevance';
  summary.className = '';
  summary.textContent = '搜索中…';
  const query = new URLSearchParams(params);
  query.delete('article');
  query.set('perPage', String(PER_PAGE));
  let res;
  try {
    res = await fetch(`/api/search?${query}`);
  } catch {
    return seq === renderSeq && showError('无法连接服务器，请稍后再试。');
  }
  const body = await res.json().catch(() => ({}));
  // A newer search started meanwhile: its answer, not this one, is shown.
  if (seq !== renderSeq) return;
  if (!res.ok) return showError(res.status === 503 ? '搜索服务暂时不可用，请稍后再试。' : problemText(body));
  renderFacets(body, params);
  if (body.total === 0) {
    summary.textContent = '';
    results.replaceChildren(el('li', { className: 'state empty', textContent: body.query ? `没有找到与“${body.query}”相关的文章。换个关键词或去掉筛选试试。` : '没有符合筛选条件的文章。' }));
    pager.replaceChildren();
    return;
  }
  // A query that found nothing as typed, answered for what it sounds like (a homophone the input method offered).
  summary.textContent = `${body.corrected ? `已显示“${body.corrected}”的结果。` : ''}共 ${body.total} 篇报道（${body.tookMs} 毫秒）`;
  renderHits(body);
}

function showError(message) {
  summary.textContent = '';
  facets.replaceChildren();
  pager.replaceChildren();
  const retry = el('button', { type: 'button', textContent: '重试' });
  retry.addEventListener('click', () => void render());
  results.replaceChildren(el('li', { className: 'state error', role: 'alert' }, [el('p', { textContent: message }), retry]));
}

// ---- article -------------------------------------------------------------------------------

/** Text as nodes with the searched words (as the engine matched them, longest first) in <mark>; nothing is parsed as HTML. */
function marked(text, words) {
  if (!words.length) return [text];
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const nodes = [];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > at) nodes.push(text.slice(at, m.index));
    nodes.push(el('mark', { textContent: m[0] }));
    at = m.index + m[0].length;
  }
  if (at < text.length) nodes.push(text.slice(at));
  return nodes;
}

async function renderArticle(params, seq) {
  resultsView.hidden = true;
  articleView.hidden = false;
  articleView.replaceChildren(el('p', { className: 'state', textContent: '加载中…' }));
  const back = new URLSearchParams(params);
  back.delete('article');
  const backLink = el('a', { className: 'back', href: `/?${back}`, textContent: '← 返回搜索结果' });
  backLink.addEventListener('click', (e) => {
    e.preventDefault();
    if (history.length > 1 && history.state !== 'entry') history.back();
    else navigate(back);
  });
  const q = params.get('q')?.trim();
  const res = await fetch(`/api/articles/${encodeURIComponent(params.get('article'))}${q ? `?${new URLSearchParams({ q })}` : ''}`).catch(() => null);
  const a = res ? await res.json().catch(() => ({})) : {};
  if (seq !== renderSeq) return;
  if (!res?.ok) {
    articleView.replaceChildren(backLink, el('p', { className: 'state error', role: 'alert', textContent: res?.status === 404 ? '找不到这篇文章，它可能已被删除。' : problemText(a) }));
    return;
  }
  document.title = `${a.title} - 新闻检索`;
  const meta = [a.source ?? UNKNOWN_SOURCE, a.agency && a.agency !== a.source ? `${a.agency}稿` : null, a.date ?? UNKNOWN_DATE, a.place, a.reporters.length ? `记者 ${a.reporters.join(' ')}` : null]
    .filter(Boolean)
    .join(' | ');
  const words = a.highlights ?? [];
  const paragraphs = (text, mark) => el('div', { className: 'body' }, text.split('\n').map((p) => el('p', {}, mark ? marked(p, words) : [p])));
  const parts = [backLink];
  if (a.column) parts.push(el('p', { className: 'column', textContent: a.column }));
  if (a.kicker) parts.push(el('p', { className: 'kicker', textContent: a.kicker }));
  parts.push(el('h1', {}, marked(a.title, words)), el('div', { className: 'meta', textContent: meta }), paragraphs(a.body, true));
  if (a.original) {
    const details = el('details', {}, [el('summary', { textContent: '原文（繁体）' }), paragraphs(a.original, false)]);
    parts.push(el('section', {}, [details]));
  }
  if (a.topics.length) {
    parts.push(
      el('section', {}, [
        el('h2', { textContent: '主题' }),
        el('ul', { className: 'topics' }, a.topics.map((t) => el('li', { textContent: `${t.name}：${t.words.join('、')}` }))),
      ]),
    );
  }
  if (a.copies.length) {
    parts.push(
      el('section', {}, [
        el('h2', { textContent: '同一报道的其他版本' }),
        el(
          'ul',
          {},
          a.copies.map((c) => {
            const p = new URLSearchParams(back);
            p.set('article', c.id);
            const link = el('a', { href: `/?${p}`, textContent: `${c.source ?? ''} ${c.date ?? ''} ${c.title}` });
            link.addEventListener('click', (e) => {
              e.preventDefault();
              navigate(p);
            });
            return el('li', {}, [link]);
          }),
        ),
      ]),
    );
  }
  articleView.replaceChildren(...parts);
  window.scrollTo(0, 0);
}

let renderSeq = 0;

/** Renders the view the address asks for; `aria-busy` on <main> says when it is done. */
async function render() {
  const seq = ++renderSeq;
  const params = currentParams();
  document.title = params.get('q') ? `${params.get('q')} - 新闻检索` : '新闻检索';
  mainEl.setAttribute('aria-busy', 'true');
  try {
    if (params.get('article')) await renderArticle(params, seq);
    else await renderResults(params, seq);
  } finally {
    if (seq === renderSeq) mainEl.setAttribute('aria-busy', 'false');
  }
}

history.replaceState('entry', '', location.href);
void render();
