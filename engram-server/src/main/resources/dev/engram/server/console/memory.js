// Memory of one user: memories grouped by kind, a timeline of validity (superseded facts drawn
// closed), each memory's history with reasons and source messages, an as-of control that re-runs
// recall at a past time, edit, forget, and erase of the user with typed confirmation.
import { api, query } from './api.js';
import { h, show, field, errorBox, when, num, table, confirmDialog, editDialog, announce } from './ui.js';

async function allMemories(user) {
  const out = [];
  for (let page = 1; ; page++) {
    const r = await api.get('/v1/memories' + query({ user_id: user, include_history: 'true', page, page_size: 100 }));
    out.push(...r.results);
    if (out.length >= r.total || r.results.length === 0) {
      return out;
    }
  }
}

function validAt(m, t) {
  const from = Date.parse(m.valid_from);
  const to = m.valid_to ? Date.parse(m.valid_to) : Infinity;
  return from <= t && t < to;
}

/** ISO instant from a datetime-local value read as UTC. */
function fromLocal(value) {
  return value ? new Date(value + ':00Z').toISOString() : null;
}

function toLocal(iso) {
  return new Date(iso).toISOString().slice(0, 16);
}

export async function memoryPage(view, userParam) {
  const user = h('input', { type: 'text', name: 'user', required: true, value: userParam || '', autocomplete: 'off' });
  const pick = h('form', { class: 'toolbar' }, field('User id', user), h('button', { type: 'submit', class: 'primary' }, 'Open'));
  pick.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = '#/memory/' + encodeURIComponent(user.value.trim());
  });
  if (!userParam) {
    const o = await api.get('/v1/overview');
    show(view, h('h1', {}, 'Memory'), pick,
      o.users.length ? h('section', { 'aria-labelledby': 'known' }, h('h2', { id: 'known' }, 'Users with memories'),
        h('ul', {}, o.users.map((u) => h('li', {}, h('a', { href: '#/memory/' + encodeURIComponent(u.name) }, u.name), ` — ${u.count} live`))))
        : h('p', { class: 'muted' }, 'No user has memories yet: POST /v1/memories, or ask on the Ask page with a user id.'));
    user.focus();
    return;
  }
  const id = userParam;
  show(view, h('h1', {}, 'Memory of ', id), h('p', { class: 'muted' }, 'Loading…'));
  const memories = await allMemories(id);
  const now = Date.now();
  const asOf = h('input', { type: 'datetime-local', name: 'as_of', step: '60' });
  const recallQ = h('input', { type: 'search', name: 'recall', placeholder: 'where does the user live?' });
  const timeline = h('div', { class: 'timeline' });
  const validList = h('div', { class: 'valid-at' });
  const recallOut = h('div', { class: 'recall', 'aria-live': 'polite' });
  const detail = h('section', { class: 'detail card', 'aria-live': 'polite', 'aria-label': 'Memory history' });

  // The axis spans what the memories say (not up to today, which would squash a conversation of
  // years ago into a sliver), with a margin on the right where open bars run on to "now".
  const times = memories.flatMap((m) => [Date.parse(m.valid_from), Date.parse(m.event_time), ...(m.valid_to ? [Date.parse(m.valid_to)] : [])]);
  const first = times.length ? Math.min(...times) : now - 86400000;
  const last = times.length ? Math.max(...times) : now;
  const min = first - Math.max(86400000, (last - first) * 0.05);
  const max = last + Math.max(86400000, (last - first) * 0.2);
  const span = Math.max(1, max - min);
  const pct = (t) => Math.min(100, Math.max(0, ((t - min) / span) * 100));

  function drawTimeline(at) {
    const rows = [...memories].sort((a, b) => Date.parse(a.valid_from) - Date.parse(b.valid_from));
    show(timeline,
      h('div', { class: 'axis', 'aria-hidden': 'true' }, h('span', {}, when(new Date(min).toISOString())), h('span', {}, when(new Date(max).toISOString()) + ' → now')),
      h('ol', { class: 'bars', 'aria-label': 'Validity of each memory' }, rows.map((m) => {
        const from = Date.parse(m.valid_from);
        const to = m.valid_to ? Date.parse(m.valid_to) : max + span; // open: on to the edge
        const closed = !!m.valid_to;
        const label = `${m.memory}: valid from ${when(m.valid_from)} ${closed ? 'to ' + when(m.valid_to) + ' (superseded)' : '(still valid)'}`;
        return h('li', { class: 'bar-row' + (at !== null && validAt(m, at) ? ' at' : '') },
          h('button', { type: 'button', class: 'bar-label', onclick: () => openHistory(m), 'aria-label': 'History of ' + m.memory },
            h('span', { class: 'kind' }, m.kind), ' ', h('span', { class: 'bar-text' }, m.memory)),
          h('div', { class: 'track', role: 'img', 'aria-label': label, title: label },
            h('span', { class: 'bar ' + (closed ? 'closed' : 'open') + ' kind-' + m.kind,
              style: `left:${pct(from)}%;width:${Math.max(0.8, pct(to) - pct(from))}%` }),
            h('span', { class: 'event', style: `left:${pct(Date.parse(m.event_time))}%`, title: 'said ' + when(m.event_time) }),
            at !== null ? h('span', { class: 'asof', style: `left:${pct(at)}%` }) : null),
          h('span', { class: 'bar-dates' }, when(m.valid_from), ' → ', closed ? h('span', { class: 'closed-date' }, when(m.valid_to)) : 'now'));
      })),
      null);
  }

  function drawValid(at) {
    const t = at === null ? now : at;
    // A session summary digests what was said then; it is not a belief that a later fact replaces.
    const valid = memories.filter((m) => m.kind !== 'summary' && validAt(m, t));
    show(validList, h('h3', {}, at === null ? 'Believed now' : 'Believed as of ' + when(new Date(at).toISOString())),
      h('p', { class: 'hint' }, 'Facts, preferences, events and feedback valid at that time; session summaries are under Live memories by kind.'),
      valid.length ? h('ul', { class: 'believed' }, valid.map((m) => h('li', {}, h('span', { class: 'kind' }, m.kind), ' ', m.memory)))
        : h('p', { class: 'muted' }, 'Nothing was known then.'));
  }

  async function recall() {
    const at = fromLocal(asOf.value);
    if (!recallQ.value.trim()) {
      show(recallOut);
      return;
    }
    try {
      const r = await api.post('/v1/memories/search', { user_id: id, query: recallQ.value, top_k: 5, ...(at ? { as_of: at } : {}) });
      show(recallOut, h('h3', {}, 'Recall' + (at ? ' as of ' + when(at) : '')),
        r.results.length ? table(null, ['Memory', 'Kind', 'Score', 'Valid'], r.results.map((m) =>
          [m.memory, m.kind, num(m.score), `${when(m.valid_from)} → ${m.valid_to ? when(m.valid_to) : 'now'}`]))
          : h('p', { class: 'muted' }, 'Nothing recalled.'));
    } catch (err) {
      show(recallOut, errorBox(err));
    }
  }

  function update() {
    const at = asOf.value ? Date.parse(fromLocal(asOf.value)) : null;
    drawTimeline(at);
    drawValid(at);
    recall();
  }

  async function openHistory(m) {
    show(detail, h('p', { class: 'muted' }, 'Loading history…'));
    try {
      const [hist, msgs] = await Promise.all([
        api.get(`/v1/memories/${encodeURIComponent(m.id)}/history`),
        api.get(`/v1/memories/${encodeURIComponent(m.id)}/messages`)]);
      const byId = new Map(memories.map((x) => [x.id, x]));
      show(detail,
        h('h2', { tabindex: '-1', id: 'hist-title' }, 'History of “', m.memory, '”'),
        h('p', { class: 'hint' }, `${m.kind} · version ${m.version} · valid ${when(m.valid_from)} → ${m.valid_to ? when(m.valid_to) + ' (superseded)' : 'now'}`),
        table('Changes', ['When', 'Change', 'Reason', 'Text', 'Related'], hist.results.map((c) => [
          when(c.time), c.event, c.reason, c.text || '', c.related_id ? (byId.get(c.related_id) ? byId.get(c.related_id).memory : c.related_id) : ''])),
        h('h3', {}, 'Messages it came from'),
        msgs.results.length ? h('ol', { class: 'messages' }, msgs.results.map((x) => h('li', {},
          h('span', { class: 'speaker' }, `${x.speaker} (${x.role})`), ' ', h('span', { class: 'hint' }, when(x.created_at) + (x.session_id ? ' · session ' + x.session_id : '')),
          h('blockquote', {}, x.content))))
          : h('p', { class: 'muted' }, 'No source messages (added or edited directly).'),
        h('div', { class: 'actions' },
          m.valid_to ? h('span', { class: 'hint' }, 'Superseded: kept as history, read only.')
            : h('button', { type: 'button', class: 'secondary', onclick: () => edit(m) }, 'Edit'),
          h('button', { type: 'button', class: 'danger', onclick: () => forget(m) }, 'Forget')));
      detail.querySelector('#hist-title').focus();
    } catch (err) {
      show(detail, errorBox(err));
    }
  }

  async function edit(m) {
    const text = await editDialog({ title: 'Edit memory', label: 'Memory text', value: m.memory });
    if (text === null || text === m.memory) {
      return;
    }
    try {
      await api.put(`/v1/memories/${encodeURIComponent(m.id)}`, { text });
      announce('Memory edited');
      await memoryPage(view, id);
    } catch (err) {
      detail.prepend(errorBox(err));
    }
  }

  async function forget(m) {
    if (!await confirmDialog({ title: 'Forget this memory?', action: 'Forget', body: `“${m.memory}” and its history will be deleted.` })) {
      return;
    }
    try {
      await api.del(`/v1/memories/${encodeURIComponent(m.id)}`);
      announce('Memory forgotten');
      await memoryPage(view, id);
    } catch (err) {
      detail.prepend(errorBox(err));
    }
  }

  async function erase() {
    if (!await confirmDialog({ title: `Erase user ${id}?`, action: 'Erase', typed: id,
      body: `Every memory, history entry and message of ${id} will be deleted for good.` })) {
      return;
    }
    try {
      const r = await api.del(`/v1/users/${encodeURIComponent(id)}`);
      const counts = Object.entries(r.erased).map(([k, v]) => `${v} ${k}`).join(', ');
      show(view, h('h1', {}, 'Memory of ', id), h('p', { class: 'done', role: 'status' }, `Erased ${id}: ${counts}.`),
        h('p', {}, h('a', { href: '#/memory' }, '← Users')));
      announce(`Erased ${id}`);
    } catch (err) {
      view.prepend(errorBox(err));
    }
  }

  const kinds = new Map();
  for (const m of memories.filter((x) => !x.valid_to)) {
    kinds.set(m.kind, [...(kinds.get(m.kind) || []), m]);
  }
  const controls = h('form', { class: 'toolbar wrap' },
    field('As of (UTC)', asOf, 'empty: now'),
    h('button', { type: 'button', class: 'secondary', onclick: () => { asOf.value = ''; update(); } }, 'Now'),
    field('Recall query', recallQ),
    h('button', { type: 'submit', class: 'primary' }, 'Recall'));
  controls.addEventListener('submit', (e) => {
    e.preventDefault();
    update();
  });
  asOf.addEventListener('change', update);
  show(view,
    h('p', {}, h('a', { href: '#/memory' }, '← Users')),
    h('h1', {}, 'Memory of ', id),
    memories.length === 0 ? h('p', { class: 'muted' }, `No memories of ${id}.`) : null,
    h('section', { 'aria-labelledby': 'by-kind' }, h('h2', { id: 'by-kind' }, 'Live memories by kind'),
      h('div', { class: 'kinds' }, [...kinds.entries()].map(([kind, ms]) => h('div', { class: 'card kind-group' },
        h('h3', {}, `${kind} (${ms.length})`),
        h('ul', {}, ms.map((m) => h('li', {}, h('button', { type: 'button', class: 'linkish', onclick: () => openHistory(m) }, m.memory),
          h('span', { class: 'hint' }, ` since ${when(m.valid_from)}`)))))))),
    h('section', { 'aria-labelledby': 'tl' }, h('h2', { id: 'tl' }, 'Timeline'),
      h('p', { class: 'hint legend' }, 'Each bar is a memory’s validity: ', h('span', { class: 'swatch sw-fact' }), ' fact ',
        h('span', { class: 'swatch sw-preference' }), ' preference ', h('span', { class: 'swatch sw-event' }), ' event ',
        h('span', { class: 'swatch sw-summary' }), ' session summary ', h('span', { class: 'swatch sw-closed' }),
        ' superseded (closed); a dot marks when it was said, the orange line the as-of time.'),
      controls, timeline, validList, recallOut),
    detail,
    h('section', { class: 'danger-zone', 'aria-labelledby': 'dz' }, h('h2', { id: 'dz' }, 'Erase'),
      h('button', { type: 'button', class: 'danger', onclick: erase }, `Erase user ${id}…`)));
  if (memories.length) {
    asOf.min = toLocal(new Date(min).toISOString());
    asOf.max = toLocal(new Date(max).toISOString());
  }
  update();
}
