// The console's shell: the login screen, the navigation, and a page per hash route.
import { api, session } from './api.js';
import { h, show, field, errorBox, route, announce } from './ui.js';
import { overviewPage } from './overview.js';
import { documentsPage, documentPage } from './documents.js';
import { searchPage } from './search.js';
import { memoryPage } from './memory.js';
import { askPage } from './ask.js';
import { keysPage } from './keys.js';

const TENANT_PAGES = [
  ['overview', 'Overview'], ['documents', 'Documents'], ['search', 'Search'],
  ['memory', 'Memory'], ['ask', 'Ask'],
];
const ADMIN_PAGES = [['keys', 'Keys']];

const main = document.getElementById('main');

function loginPage(message) {
  const key = h('input', { type: 'password', name: 'key', autocomplete: 'off', required: true,
    spellcheck: 'false' });
  const out = h('div', { class: 'login-result' }, message ? errorBox(message) : null);
  const form = h('form', { class: 'card login', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Sign in to Engram'),
    h('p', {}, 'Paste an API key: a tenant key opens its documents, search, memory and answers; ' +
      'the admin key opens key management. The key stays in this tab only (session storage).'),
    field('API key', key),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')),
    out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = key.value.trim();
    show(out, h('p', { class: 'muted' }, 'Checking the key…'));
    try {
      const who = await api.whoami(value);
      session.save(value, who);
      const target = who.admin ? '#/keys' : '#/overview';
      if (location.hash === target) {
        render();
      } else {
        location.hash = target;
      }
    } catch (err) {
      show(out, errorBox(err));
      key.focus();
    }
  });
  document.getElementById('nav').replaceChildren();
  document.getElementById('who').replaceChildren();
  show(main, form);
  key.focus();
}

function nav(who, current) {
  const pages = who.admin ? ADMIN_PAGES : TENANT_PAGES;
  show(document.getElementById('nav'), h('ul', {}, pages.map(([id, label]) =>
    h('li', {}, h('a', { href: '#/' + id, 'aria-current': id === current ? 'page' : null }, label)))));
  show(document.getElementById('who'),
    h('span', {}, who.admin ? 'admin' : 'tenant ', who.admin ? null : h('strong', {}, who.tenant)),
    h('button', { type: 'button', class: 'secondary small', onclick: () => {
      session.clear();
      location.hash = '';
      loginPage();
    } }, 'Sign out'));
}

async function render() {
  const who = session.who();
  if (!session.key() || !who) {
    loginPage();
    return;
  }
  const { path, params } = route();
  const allowed = (who.admin ? ADMIN_PAGES : TENANT_PAGES).map(([id]) => id);
  const page = allowed.includes(path[0]) ? path[0] : allowed[0];
  nav(who, page);
  const view = h('div', { class: 'page' });
  show(main, view);
  try {
    switch (page) {
      case 'overview': await overviewPage(view); break;
      case 'documents': await (path[1] ? documentPage(view, path[1], params) : documentsPage(view, params)); break;
      case 'search': await searchPage(view, params); break;
      case 'memory': await memoryPage(view, path[1], params); break;
      case 'ask': await askPage(view, params); break;
      case 'keys': await keysPage(view); break;
      default: break;
    }
  } catch (err) {
    if (err.status === 401) {
      session.clear();
      loginPage(err);
      return;
    }
    view.append(errorBox(err));
  }
  const heading = view.querySelector('h1');
  announce(heading ? heading.textContent : '');
}

window.addEventListener('hashchange', render);
render();
