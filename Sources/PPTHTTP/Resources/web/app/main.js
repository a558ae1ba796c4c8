// The app shell: sign-in, the organization and language switchers, navigation built from the
// page modules' routes (only those the member's role may use), and a hash router.
import { h, replace } from './core/dom.js';
import { api, signIn, signOut, signedIn, onSessionChange, request, stream } from './core/api.js';
import { t, register, setLocale, locale, browserLocale, LOCALES, LOCALE_NAMES } from './core/i18n.js';
import { form, field, problemAlert, loading } from './core/ui.js';
import { messages as coreMessages } from './core/messages.js';
import { modules } from './pages/index.js';

register(coreMessages);

const NAV_GROUPS = ['overview', 'property', 'ai', 'automation', 'voice', 'admin'];
const app = document.getElementById('app');
const routes = [];
let me = null;            // { user, memberships }
let membership = null;    // the selected organization's membership
let pageController = null;

async function loadModules() {
  const results = await Promise.allSettled(modules.map((name) => import(`./pages/${name}.js`)));
  results.forEach((result, i) => {
    if (result.status === 'rejected') { console.error(`page module ${modules[i]}:`, result.reason); return; }
    register(result.value.messages);
    routes.push(...(result.value.routes ?? []));
  });
}

function can(permission) {
  if (!permission) return true;
  const held = membership?.permissions ?? [];
  return (Array.isArray(permission) ? permission : [permission]).some((p) => held.includes(p));
}

function allowed(route) {
  if (route.superadmin && !me?.user.isSuperadmin) return false;
  if (route.orgless) return true;
  return membership !== null && can(route.permission);
}

// The route matching `path`; a fixed segment beats a parameter (`workflows/runs` over `workflows/:id`).
function match(path) {
  const parts = path.split('/').filter(Boolean);
  let best = null;
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params = {};
    if (pattern.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = decodeURIComponent(parts[i])), true) : p === parts[i]))) {
      const fixed = pattern.filter((p) => !p.startsWith(':')).length;
      if (!best || fixed > best.fixed) best = { route, params, fixed };
    }
  }
  return best;
}

/** Goes to `#/path` (`navigate('faults/1')`). */
export function navigate(path) { location.hash = '#/' + path.replace(/^[#/]+/, ''); }

function orgClient(orgID) {
  const path = (p) => `/orgs/${orgID}${p}`;
  return {
    path,
    get: (p, query, o) => api.get(path(p), query, o),
    post: (p, body, o) => api.post(path(p), body, o),
    put: (p, body, o) => api.put(path(p), body, o),
    patch: (p, body, o) => api.patch(path(p), body, o),
    delete: (p, o) => api.delete(path(p), o),
    stream: (p, options) => stream(path(p), options),
  };
}

async function loadMe() {
  me = await request('/me');
  const stored = localStorage.getItem('ppt.org');
  membership = me.memberships.find((m) => m.organization.id === stored) ?? me.memberships[0] ?? null;
  setLocale(localStorage.getItem('ppt.locale') ?? me.user.locale ?? browserLocale());
}

function languageSwitcher(onChange) {
  const id = 'lang-' + Math.random().toString(36).slice(2, 7);
  return h('div', { class: 'row' },
    h('label', { for: id, class: 'visually-hidden' }, t('shell.language')),
    h('select', {
      id, onchange: async (e) => {
        localStorage.setItem('ppt.locale', e.target.value);
        setLocale(e.target.value);
        if (me) { try { await api.patch('/me', { locale: e.target.value }); } catch { /* kept locally */ } }
        onChange();
      },
    }, LOCALES.map((l) => h('option', { value: l, selected: l === locale() }, LOCALE_NAMES[l]))));
}

function renderSignIn() {
  document.title = `${t('signin.title')} · PPT`;
  const email = h('input', { name: 'email', type: 'email', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  replace(app, h('main', { id: 'main', class: 'signin' },
    h('div', { class: 'brand' }, h('img', { src: '/app/icon.svg', alt: '' }), 'PPT'),
    h('div', { class: 'card' },
      h('h1', {}, t('signin.title')),
      form([field(t('signin.email'), email), field(t('signin.password'), password)], async (data) => {
        await signIn(data.email, data.password);
        await start();
      }, { submitLabel: t('signin.submit') })),
    languageSwitcher(renderSignIn)));
  app.removeAttribute('aria-busy');
  email.focus();
}

function renderShell() {
  const navRoutes = routes.filter((r) => r.nav && allowed(r));
  const groups = NAV_GROUPS.map((group) => {
    const items = navRoutes.filter((r) => r.nav.group === group).sort((a, b) => (a.nav.order ?? 0) - (b.nav.order ?? 0));
    if (items.length === 0) return null;
    return h('div', { class: 'nav-group' }, h('h2', {}, t('nav.' + group)),
      h('ul', {}, items.map((r) => h('li', {}, h('a', {
        href: '#/' + r.path,
        onclick: () => shell.classList.remove('nav-open'),
      }, t(r.nav.label))))));
  });
  const orgSelect = me.memberships.length > 1
    ? h('div', { class: 'row' },
      h('label', { for: 'org-switch', class: 'visually-hidden' }, t('shell.organization')),
      h('select', {
        id: 'org-switch', onchange: (e) => {
          localStorage.setItem('ppt.org', e.target.value);
          membership = me.memberships.find((m) => m.organization.id === e.target.value);
          navigate('dashboard');
          renderShell();
        },
      }, me.memberships.map((m) => h('option', { value: m.organization.id, selected: m === membership }, m.organization.name))))
    : h('span', { class: 'muted' }, membership?.organization.name ?? '');
  const main = h('main', { id: 'main', tabindex: '-1' });
  const shell = h('div', { class: 'shell' },
    h('nav', { class: 'sidebar', 'aria-label': t('shell.navigation'), id: 'sidebar' },
      h('a', { class: 'brand', href: '#/dashboard' }, h('img', { src: '/app/icon.svg', alt: '' }), 'PPT'), groups),
    h('div', { class: 'content' },
      h('header', { class: 'topbar' },
        h('button', {
          class: 'btn menu-toggle', type: 'button', 'aria-controls': 'sidebar', 'aria-expanded': 'false',
          onclick: (e) => { const open = shell.classList.toggle('nav-open'); e.currentTarget.setAttribute('aria-expanded', String(open)); },
        }, t('shell.menu')),
        orgSelect,
        membership ? h('span', { class: 'badge' }, t('role.' + membership.role)) : null,
        h('span', { class: 'spacer' }),
        languageSwitcher(() => { renderShell(); }),
        h('span', { class: 'muted small' }, me.user.name),
        h('button', { class: 'btn', type: 'button', onclick: async () => { await signOut(); renderSignIn(); } }, t('shell.signout'))),
      main));
  replace(app, shell);
  app.removeAttribute('aria-busy');
  route(main);
}

// Marks the navigation entry of `path`: the exact one, else the longest entry it lies under.
function markCurrentNav(path) {
  const links = [...document.querySelectorAll('.nav-group a')];
  const targets = links.map((a) => a.getAttribute('href').slice(2));
  const current = targets.filter((t) => path === t || path.startsWith(t + '/')).sort((a, b) => b.length - a.length)[0];
  links.forEach((a, i) => { if (targets[i] === current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current'); });
}

async function route(main = document.getElementById('main')) {
  if (!main) return;
  pageController?.abort();
  pageController = new AbortController();
  const [path, queryString] = location.hash.replace(/^#\/?/, '').split('?');
  const found = match(path || 'dashboard');
  markCurrentNav(path || 'dashboard');
  if (!found || !allowed(found.route)) {
    document.title = `${t('shell.not_found')} · PPT`;
    replace(main, h('div', { class: 'card' }, h('h1', {}, t('shell.not_found')), h('p', {}, t('shell.not_found_text')),
      h('a', { href: '#/dashboard' }, t('nav.dashboard'))));
    return;
  }
  const ctx = {
    root: main, params: found.params, query: Object.fromEntries(new URLSearchParams(queryString ?? '')),
    user: me.user, membership, orgID: membership?.organization.id, can,
    org: membership ? orgClient(membership.organization.id) : null,
    navigate, signal: pageController.signal,
  };
  replace(main, loading());
  try {
    const node = await found.route.render(ctx);
    if (ctx.signal.aborted) return;
    if (node) replace(main, node);
  } catch (error) {
    if (error.name === 'AbortError') return;
    replace(main, problemAlert(error));
  }
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

async function start() {
  if (!signedIn()) { renderSignIn(); return; }
  replace(app, loading());
  try {
    await loadMe();
  } catch (error) {
    if (!signedIn()) { renderSignIn(); return; }
    replace(app, h('main', { id: 'main', class: 'signin' }, problemAlert(error),
      h('button', { class: 'btn', onclick: start }, t('common.retry'))));
    return;
  }
  renderShell();
}

onSessionChange((session) => { if (!session && me) { me = null; renderSignIn(); } });
window.addEventListener('hashchange', () => { if (me) route(); });
setLocale(localStorage.getItem('ppt.locale') ?? browserLocale());
await loadModules();
await start();
