// Documents: list, filter, upload by drag and drop, delete; one document with its chunks and
// each chunk's span highlighted in the extracted text.
import { api, query, upload } from './api.js';
import { h, show, field, errorBox, when, table, link, confirmDialog, announce } from './ui.js';

const PAGE_SIZE = 20;

export async function documentsPage(view, params) {
  const kb = params.get('kb') || 'default';
  const page = Math.max(1, Number(params.get('page') || 1));
  const kbInput = h('input', { type: 'text', value: kb, name: 'kb' });
  const filter = h('input', { type: 'search', name: 'filter', placeholder: 'title, source or id' });
  const list = h('div', { class: 'doc-list' });
  const uploads = h('ul', { class: 'uploads', 'aria-label': 'Uploads' });
  const picker = h('input', { type: 'file', multiple: true, class: 'visually-hidden' });
  const drop = h('div', { class: 'drop', tabindex: '0', role: 'button',
    'aria-label': `Upload files to knowledge base ${kb}: drop files here, or press Enter to choose` },
  h('strong', {}, 'Drop files here'), ' or ', h('span', { class: 'linkish' }, 'choose files'),
  h('span', { class: 'hint' }, ' (Markdown, HTML, text, PDF, JSONL, …)'));
  drop.addEventListener('click', () => picker.click());
  drop.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      picker.click();
    }
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    send([...e.dataTransfer.files]);
  });
  picker.addEventListener('change', () => send([...picker.files]));

  async function send(files) {
    for (const file of files) {
      const bar = h('progress', { max: '1', value: '0', 'aria-label': 'Upload of ' + file.name });
      const state = h('span', { class: 'upload-state' }, 'uploading…');
      uploads.append(h('li', {}, h('span', { class: 'upload-name' }, file.name), bar, state));
      try {
        const r = await upload(file, { kb: kbInput.value.trim() || 'default' }, (f) => { bar.value = f; });
        const d = r.documents[0];
        show(state, `${d.status}: ${r.documents.length} document(s), ${d.chunks} chunks `,
          link(['documents', d.id], { kb: d.kb }, 'open'));
        announce(`${file.name} uploaded`);
      } catch (err) {
        show(state, errorBox(err));
      }
    }
    await load();
  }

  async function load() {
    try {
      const r = await api.get('/v1/documents' + query({ kb: kbInput.value.trim(), page, page_size: PAGE_SIZE }));
      const needle = filter.value.trim().toLowerCase();
      const rows = r.results.filter((d) => !needle || [d.title, d.source, d.id].some((x) => (x || '').toLowerCase().includes(needle)));
      const pages = Math.max(1, Math.ceil(r.total / PAGE_SIZE));
      show(list,
        h('p', { class: 'muted' }, `${r.total} documents in ${kbInput.value.trim() || 'default'}` + (needle ? `, ${rows.length} on this page match` : '')),
        rows.length === 0 ? null : table(null, ['Title', 'Source', 'Id', 'Chunks', 'Ingested', ''], rows.map((d) => [
          link(['documents', d.id], { kb: d.kb }, d.title || '(untitled)'), d.source, h('code', {}, d.id),
          String(d.chunk_count), when(d.ingested_at),
          h('button', { type: 'button', class: 'danger small', 'aria-label': 'Delete ' + (d.title || d.id),
            onclick: () => remove(d) }, 'Delete')])),
        pages > 1 ? h('nav', { class: 'pager', 'aria-label': 'Pages of documents' },
          page > 1 ? link(['documents'], { kb: kbInput.value, page: page - 1 }, '← Previous') : null,
          ` page ${page} of ${pages} `,
          page < pages ? link(['documents'], { kb: kbInput.value, page: page + 1 }, 'Next →') : null) : null);
    } catch (err) {
      show(list, errorBox(err));
    }
  }

  async function remove(d) {
    const yes = await confirmDialog({ title: 'Delete document?', action: 'Delete',
      body: `“${d.title || d.id}” and its ${d.chunk_count} chunks will be removed from knowledge base ${d.kb}. This cannot be undone.` });
    if (!yes) {
      return;
    }
    try {
      await api.del(`/v1/documents/${encodeURIComponent(d.id)}` + query({ kb: d.kb }));
      announce('Deleted ' + (d.title || d.id));
      await load();
    } catch (err) {
      list.prepend(errorBox(err));
    }
  }

  const form = h('form', { class: 'toolbar', role: 'search' }, field('Knowledge base', kbInput), field('Filter', filter),
    h('button', { type: 'submit', class: 'secondary' }, 'Show'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = '#/documents?kb=' + encodeURIComponent(kbInput.value.trim() || 'default');
  });
  filter.addEventListener('input', load);
  show(view, h('h1', {}, 'Documents'), form, picker, drop, uploads, list);
  await load();
}

/** One document: its chunks on one side, the extracted text with the chosen span on the other. */
export async function documentPage(view, id, params) {
  const kb = params.get('kb') || 'default';
  show(view, h('h1', {}, 'Document'), h('p', { class: 'muted' }, 'Loading…'));
  const d = await api.get(`/v1/documents/${encodeURIComponent(id)}` + query({ kb }));
  const textEl = h('pre', { class: 'doc-text', tabindex: '0', 'aria-label': 'Extracted text' });
  const chunkList = h('ol', { class: 'chunks', 'aria-label': 'Chunks' });
  const spanInfo = h('p', { class: 'span-info', 'aria-live': 'polite' });

  function select(start, end, label) {
    const before = d.text.slice(0, start);
    const mark = h('mark', { class: 'span', id: 'span' }, d.text.slice(start, end));
    show(textEl, before, mark, d.text.slice(end));
    show(spanInfo, `${label}: characters ${start}–${end}`);
    mark.scrollIntoView({ block: 'center' });
    for (const li of chunkList.children) {
      const on = Number(li.dataset.start) === start && Number(li.dataset.end) === end;
      li.querySelector('button').setAttribute('aria-pressed', on ? 'true' : 'false');
    }
  }

  for (const c of d.chunks) {
    chunkList.append(h('li', { 'data-start': c.start, 'data-end': c.end },
      h('button', { type: 'button', class: 'chunk', 'aria-pressed': 'false',
        onclick: () => select(c.start, c.end, `Chunk ${c.ordinal}`) },
      h('span', { class: 'chunk-head' }, `#${c.ordinal}`,
        c.section.length ? h('span', { class: 'section-path' }, ' ' + c.section.join(' › ')) : null,
        c.page > 0 ? h('span', { class: 'page-no' }, ` page ${c.page}`) : null,
        h('span', { class: 'hint' }, ` chars ${c.start}–${c.end}`)),
      h('span', { class: 'chunk-text' }, c.text.length > 160 ? c.text.slice(0, 160) + '…' : c.text))));
  }
  show(view,
    h('p', {}, link(['documents'], { kb }, '← Documents')),
    h('h1', {}, d.title || d.id),
    h('dl', { class: 'meta' },
      h('dt', {}, 'Id'), h('dd', {}, h('code', {}, d.id)),
      h('dt', {}, 'Knowledge base'), h('dd', {}, d.kb),
      h('dt', {}, 'Source'), h('dd', {}, d.source || '–'),
      h('dt', {}, 'Type'), h('dd', {}, d.media_type),
      h('dt', {}, 'Chunks'), h('dd', {}, String(d.chunk_count)),
      h('dt', {}, 'Ingested'), h('dd', {}, when(d.ingested_at))),
    h('div', { class: 'doc-view' },
      h('section', { 'aria-labelledby': 'ch' }, h('h2', { id: 'ch' }, 'Chunks'), chunkList),
      h('section', { 'aria-labelledby': 'tx' }, h('h2', { id: 'tx' }, 'Extracted text'), spanInfo, textEl)));
  textEl.textContent = d.text;
  if (params.has('start')) {
    select(Number(params.get('start')), Number(params.get('end')), params.get('label') || 'Cited span');
  } else if (params.has('chunk')) {
    const c = d.chunks.find((x) => x.ordinal === Number(params.get('chunk')));
    if (c) {
      select(c.start, c.end, `Chunk ${c.ordinal}`);
    }
  }
}
