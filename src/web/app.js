// The search page: reads ?q= and &page= from the address, asks /api/search, renders hits.
// Snippets arrive HTML-escaped with <mark> tags from the server; every other field is set as text.
const form = document.getElementById('search');
const input = document.getElementById('q');
const summary = document.getElementById('summary');
const results = document.getElementById('results');
const pager = document.getElementById('pager');

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) node.append(child);
  return node;
}

async function search(params) {
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1');
  input.value = q;
  summary.textContent = '搜索中…';
  results.replaceChildren();
  pager.replaceChildren();
  const res = await fetch(`/api/search?${new URLSearchParams({ q, page: String(page), perPage: '10' })}`);
  const body = await res.json();
  if (!res.ok) {
    summary.className = 'error';
    summary.textContent = body.detail ?? body.title ?? '搜索失败';
    return;
  }
  summary.className = '';
  summary.textContent = `共 ${body.total} 篇文章（${body.tookMs} 毫秒）`;
  for (const hit of body.hits) {
    const snippet = el('p', { className: 'snippet' });
    snippet.innerHTML = hit.snippet; // escaped by the server; only <mark> is markup
    const meta = [hit.source, hit.date, hit.topics.join(' · ')].filter(Boolean).join(' | ');
    results.append(el('li', {}, [el('h2', { textContent: hit.title }), el('div', { className: 'meta', textContent: meta }), snippet]));
  }
  const pages = Math.ceil(body.total / body.perPage);
  const link = (p, text) => el('a', { href: `/?${new URLSearchParams({ q, page: String(p) })}`, textContent: text });
  if (page > 1) pager.append(link(page - 1, '上一页'));
  if (page < pages) pager.append(link(page + 1, '下一页'));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const params = new URLSearchParams({ q: input.value });
  history.pushState(null, '', `/?${params}`);
  void search(params);
});
window.addEventListener('popstate', () => void search(new URLSearchParams(location.search)));
void search(new URLSearchParams(location.search));
