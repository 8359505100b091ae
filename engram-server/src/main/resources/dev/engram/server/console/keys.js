// Keys (admin key only): tenants and their keys, create (the secret shown once) and revoke.
import { api } from './api.js';
import { h, show, field, errorBox, when, table, confirmDialog, announce } from './ui.js';

export async function keysPage(view) {
  const tenant = h('input', { type: 'text', name: 'tenant', required: true, autocomplete: 'off' });
  const name = h('input', { type: 'text', name: 'name', maxlength: '200', autocomplete: 'off' });
  const created = h('div', { 'aria-live': 'polite' });
  const list = h('div', {});

  async function load() {
    try {
      const r = await api.get('/v1/admin/keys');
      const tenants = [...new Set(r.results.map((k) => k.tenant))].sort();
      show(list, h('p', { class: 'muted' }, `${r.results.length} keys of ${tenants.length} tenants`),
        r.results.length ? table(null, ['Tenant', 'Name', 'Id', 'Created', ''], r.results.map((k) => [
          k.tenant, k.name || '–', h('code', {}, k.id), when(k.created_at),
          h('button', { type: 'button', class: 'danger small', 'aria-label': `Revoke key ${k.id} of ${k.tenant}`,
            onclick: () => revoke(k) }, 'Revoke')])) : null);
    } catch (err) {
      show(list, errorBox(err));
    }
  }

  async function revoke(k) {
    if (!await confirmDialog({ title: 'Revoke key?', action: 'Revoke',
      body: `Key ${k.id} of tenant ${k.tenant} (${k.name || 'no name'}) stops working at once.` })) {
      return;
    }
    try {
      await api.del('/v1/admin/keys/' + encodeURIComponent(k.id));
      announce('Key revoked');
      await load();
    } catch (err) {
      list.prepend(errorBox(err));
    }
  }

  const form = h('form', { class: 'toolbar wrap' }, field('Tenant', tenant), field('Name', name, 'optional'),
    h('button', { type: 'submit', class: 'primary' }, 'Create key'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const k = await api.post('/v1/admin/keys', { tenant: tenant.value.trim(), name: name.value.trim() });
      const secret = h('input', { type: 'text', readonly: true, value: k.key, class: 'secret' });
      show(created, h('div', { class: 'card new-key', role: 'status' },
        h('h2', {}, `New key for ${k.tenant}`),
        h('p', {}, 'Copy it now: it is shown only once, and the server keeps only its hash.'),
        field('Key', secret)));
      secret.select();
      tenant.value = '';
      name.value = '';
      await load();
    } catch (err) {
      show(created, errorBox(err));
    }
  });
  show(view, h('h1', {}, 'Keys'), form, created, list);
  await load();
  tenant.focus();
}
