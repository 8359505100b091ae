// Search playground: one query in one mode, or the three modes side by side; each hit with its
// span highlighted in the document's text and its BM25, vector and fused scores and ranks.
import { api, query } from './api.js';
import { h, show, field, errorBox, num, marked, link } from './ui.js';

const MODES = ['hybrid', 'bm25', 'dense'];
/** Characters of the document shown each side of a hit's span. */
const AROUND = 160;

function parseFilters(raw) {
  const filters = {};
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      throw { code: 'filter', detail: `“${part}” is not key=value` };
    }
    filters[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return filters;
}

export async function searchPage(view, params) {
  const q = h('input', { type: 'search', name: 'query', required: true, value: params.get('q') || '' });
  const mode = h('select', { name: 'mode' }, MODES.map((m) => h('option', { value: m }, m)));
  const k = h('input', { type: 'number', name: 'k', min: '1', max: '100', value: '5' });
  const kb = h('input', { type: 'text', name: 'kb', value: params.get('kb') || 'default' });
  const filters = h('input', { type: 'text', name: 'filters', placeholder: 'tag=policy, lang=en' });
  const compare = h('input', { type: 'checkbox', name: 'compare' });
  const out = h('div', { class: 'results', 'aria-live': 'polite' });
  const docs = new Map();

  async function documentText(hit) {
    const key = hit.kb + '/' + hit.document_id;
    if (!docs.has(key)) {
      docs.set(key, api.get(`/v1/documents/${encodeURIComponent(hit.document_id)}` + query({ kb: hit.kb }))
        .then((d) => d.text).catch(() => null));
    }
    return docs.get(key);
  }

  async function hitView(hit, rank) {
    const text = await documentText(hit);
    const s = hit.scores;
    return h('li', { class: 'hit' },
      h('div', { class: 'hit-head' }, h('span', { class: 'rank' }, `${rank}.`), ' ',
        link(['documents', hit.document_id], { kb: hit.kb, start: hit.start, end: hit.end, label: `Hit ${rank}` },
          hit.title || hit.document_id),
        hit.section.length ? h('span', { class: 'section-path' }, ' ' + hit.section.join(' › ')) : null,
        hit.page > 0 ? h('span', { class: 'page-no' }, ` page ${hit.page}`) : null),
      h('p', { class: 'hint' }, `${hit.source} · chars ${hit.start}–${hit.end}`),
      h('p', { class: 'context' }, text ? marked(text, hit.start, hit.end, AROUND) : h('mark', { class: 'span' }, hit.text)),
      h('dl', { class: 'scores', 'aria-label': 'Scores' },
        h('dt', {}, 'BM25'), h('dd', {}, s.bm25_rank ? `${num(s.bm25)} (#${s.bm25_rank})` : 'not ranked'),
        h('dt', {}, 'Vector'), h('dd', {}, s.dense_rank ? `${num(s.dense)} (#${s.dense_rank})` : 'not ranked'),
        h('dt', {}, 'Fused'), h('dd', {}, num(s.fused, 4))));
  }

  async function run(m, body) {
    const r = await api.post('/v1/search', { ...body, mode: m });
    const items = await Promise.all(r.results.map((hit, i) => hitView(hit, i + 1)));
    return h('section', { class: 'mode', 'aria-label': m + ' results' }, h('h2', {}, m),
      items.length ? h('ol', { class: 'hits' }, items) : h('p', { class: 'muted' }, 'No hits.'));
  }

  const form = h('form', { class: 'toolbar wrap', role: 'search' },
    field('Query', q), field('Mode', mode), field('k', k), field('Knowledge bases', kb, 'comma separated'),
    field('Filters', filters, 'metadata, key=value'),
    h('div', { class: 'field check' }, compare, h('label', { for: 'cmp' }, 'Compare the three modes side by side')),
    h('button', { type: 'submit', class: 'primary' }, 'Search'));
  compare.id = 'cmp';
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    show(out, h('p', { class: 'muted' }, 'Searching…'));
    try {
      const body = { query: q.value, top_k: Number(k.value), kb: kb.value.split(',').map((s) => s.trim()).filter(Boolean),
        filters: parseFilters(filters.value) };
      const modes = compare.checked ? MODES : [mode.value];
      const sections = await Promise.all(modes.map((m) => run(m, body)));
      show(out, h('div', { class: compare.checked ? 'side-by-side' : '' }, sections));
    } catch (err) {
      show(out, errorBox(err));
    }
  });
  show(view, h('h1', {}, 'Search playground'), form, out);
  q.focus();
}
