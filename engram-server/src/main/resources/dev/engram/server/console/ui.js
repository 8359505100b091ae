// Small DOM helpers. Text always goes in as text nodes, never as HTML, so nothing stored in a
// document or a memory can become markup.

/** h('div', {class: 'x', onclick: f}, child, 'text', [children]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'class') {
      el.className = v;
    } else if (k === 'style') {
      el.style.cssText = v; // CSSOM, which the content security policy allows (an attribute it would not)
    } else if (k === 'value') {
      el.value = v;
    } else {
      el.setAttribute(k, v === true ? '' : v);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) {
      continue;
    }
    if (Array.isArray(c)) {
      append(el, c);
    } else {
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
}

let ids = 0;
/** A labelled form control: label text, then the control (given, or an input of these attrs). */
export function field(label, control, hint) {
  const id = control.id || 'f' + (++ids);
  control.id = id;
  const hintEl = hint ? h('span', { class: 'hint', id: id + '-hint' }, hint) : null;
  if (hintEl) {
    control.setAttribute('aria-describedby', hintEl.id);
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl);
}

/** Replaces the content of el. */
export function show(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** An API error as a readable message with its ENGRAM code. */
export function errorBox(err) {
  const code = err && err.code ? err.code : 'error';
  const detail = err && err.detail ? err.detail : String(err && err.message ? err.message : err);
  return h('div', { class: 'error', role: 'alert' },
    h('strong', { class: 'code' }, code), ' ', detail,
    err && err.field ? h('span', { class: 'hint' }, ` (field: ${err.field})`) : null);
}

/** Announces a message to screen readers. */
export function announce(text) {
  document.getElementById('status').textContent = text;
}

export function when(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$|:\d\dZ$/, ' UTC');
}

export function bytes(n) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}

export function num(x, digits = 3) {
  return x === undefined || x === null ? '–' : Number(x).toFixed(digits);
}

/**
 * The text with [start, end) marked; with {@code around} set, only that many characters each
 * side, with ellipses.
 */
export function marked(text, start, end, around) {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  const from = around === undefined ? 0 : Math.max(0, s - around);
  const to = around === undefined ? text.length : Math.min(text.length, e + around);
  // An excerpt reads as prose: the line breaks of the source (and between chunks) become spaces.
  const flat = (x) => (around === undefined ? x : x.replace(/\s+/g, ' '));
  return h('span', { class: 'in-context' },
    from > 0 ? '…' : null, flat(text.slice(from, s)),
    h('mark', { class: 'span' }, flat(text.slice(s, e))),
    flat(text.slice(e, to)), to < text.length ? '…' : null);
}

/**
 * A modal dialog; resolves true when confirmed. With {@code typed}, the confirm button stays
 * disabled until that exact text is typed.
 */
export function confirmDialog({ title, body, action, typed, danger = true }) {
  return new Promise((resolve) => {
    const input = typed ? h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false' }) : null;
    const ok = h('button', { type: 'submit', class: danger ? 'danger' : 'primary', disabled: !!typed }, action);
    const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
    const form = h('form', { method: 'dialog' },
      h('h2', {}, title), h('p', {}, body),
      input ? field(`Type ${typed} to confirm`, input) : null,
      h('div', { class: 'actions' }, cancel, ok));
    const dialog = h('dialog', { 'aria-label': title }, form);
    if (input) {
      input.addEventListener('input', () => { ok.disabled = input.value !== typed; });
    }
    let answer = false;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!ok.disabled) {
        answer = true;
        dialog.close();
      }
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    (input || cancel).focus();
  });
}

/** A modal dialog with a text area; resolves the new text, or null when cancelled. */
export function editDialog({ title, label, value }) {
  return new Promise((resolve) => {
    const area = h('textarea', { rows: 4 });
    area.value = value;
    const form = h('form', { method: 'dialog' }, h('h2', {}, title), field(label, area),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Cancel'),
        h('button', { type: 'submit', class: 'primary' }, 'Save')));
    const dialog = h('dialog', { 'aria-label': title }, form);
    let answer = null;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      answer = area.value;
      dialog.close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    area.focus();
  });
}

/** A table from column headers and rows of cells. */
export function table(caption, headers, rows) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c)))))));
}

/** Parses the hash route: #/documents/abc?kb=x into {path: ['documents', 'abc'], params}. */
export function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, q] = hash.split('?');
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent),
    params: new URLSearchParams(q || '') };
}

export function link(path, params, ...children) {
  const q = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')).toString() : '';
  return h('a', { href: '#/' + path.map(encodeURIComponent).join('/') + (q ? '?' + q : '') }, ...children);
}
