// The signed-in person's notification inbox (across organizations): unread ones stand out, each can
// be marked read, all at once too, and a notification about a fault, announcement, document,
// workflow run or budget links there.
import { h, replace } from '../core/dom.js';
import { t, dateTime, number, relative } from '../core/i18n.js';
import { api } from '../core/api.js';
import { pageHeader, badge, toast, problemAlert, showProblem, loading } from '../core/ui.js';
import { checkbox, useStyles } from './faults-common.js';

const PAGE_SIZE = 30;

/** An in-app `#/…` href for a stored path such as `/faults/<id>`; null for anything else. */
function appHref(path) {
  return typeof path === 'string' && /^\/[A-Za-z0-9/_.-]+$/.test(path) ? '#' + path : null;
}

/** The links a notification offers this member: `[href, label]` pairs, the main one first. */
function linksFor(ctx, n) {
  const data = n.data ?? {};
  const links = [];
  const main = appHref(data.link)
    ?? (data.faultID ? `#/faults/${encodeURIComponent(data.faultID)}` : null)
    ?? (data.announcementID ? `#/announcements/${encodeURIComponent(data.announcementID)}` : null)
    ?? (data.documentID ? `#/documents/${encodeURIComponent(data.documentID)}` : null);
  if (main) {
    const label = main.startsWith('#/faults/') ? 'notifications.open_fault'
      : main.startsWith('#/announcements/') ? 'notifications.open_announcement'
        : main.startsWith('#/documents/') ? 'notifications.open_document' : 'notifications.open';
    links.push([main, t(label)]);
  }
  if (n.kind === 'workflow' && data.runID && ctx.can('workflowsRead')) {
    links.push([`#/workflows/runs/${encodeURIComponent(data.runID)}`, t('notifications.open_run')]);
  }
  if (n.kind.startsWith('llm.budget') && ctx.can('llmUsageRead')) links.push(['#/admin/usage', t('notifications.open_usage')]);
  if (n.kind.startsWith('alert.') && ctx.user.isSuperadmin) links.push(['#/admin/health', t('notifications.open_health')]);
  return links;
}

async function renderNotifications(ctx) {
  useStyles();
  let unreadOnly = ctx.query.unread === 'true';
  let cursor = null;
  let items = [];
  let organizations = null;   // names of the person's other organizations, fetched when needed
  const list = h('ul', { class: 'prop-list prop-cards', 'data-test': 'notification-list' });
  const empty = h('p', { class: 'empty', hidden: true });
  const more = h('button', { class: 'btn', type: 'button', hidden: true }, t('common.more'));
  const errors = h('div', {});
  const results = h('div', {}, loading());

  const readAll = h('button', {
    class: 'btn', type: 'button', 'data-test': 'notification-read-all',
    onclick: async () => {
      readAll.disabled = true;
      showProblem(errors, null);
      try {
        const { updated } = await api.post('/me/notifications/read-all');
        const now = new Date().toISOString();
        items = items.map((n) => (n.readAt ? n : { ...n, readAt: now }));
        draw();
        toast(updated > 0 ? t('notifications.read_all_done', { n: number(updated) }) : t('notifications.none_unread'));
      } catch (error) {
        if (error.name !== 'AbortError') showProblem(errors, error);
      } finally { readAll.disabled = false; }
    },
  }, t('notifications.read_all'));

  function row(n) {
    const unread = !n.readAt;
    const foreign = n.organizationID && n.organizationID !== ctx.orgID;
    const links = foreign ? [] : linksFor(ctx, n);
    const markRead = async (button) => {
      if (button) button.disabled = true;
      showProblem(errors, null);
      try {
        const updated = await api.post(`/me/notifications/${encodeURIComponent(n.id)}/read`);
        items = items.map((item) => (item.id === n.id ? updated : item));
        draw();
        if (button) {
          toast(t('notifications.marked'));
          list.querySelector(`[data-id="${CSS.escape(n.id)}"] .prop-title`)?.focus();
        }
      } catch (error) {
        if (button) button.disabled = false;
        if (error.name !== 'AbortError' && button) showProblem(errors, error);
      }
    };
    return h('li', { class: unread ? 'prop-unread' : '', 'data-test': 'notification-row', 'data-id': n.id, 'data-unread': String(unread) },
      h('div', { class: 'row' },
        h('h2', { class: 'prop-title', tabindex: '-1', style: { margin: 0, fontSize: '1rem', fontWeight: unread ? 700 : 500 } }, n.title),
        unread ? badge(t('notifications.new'), 'warn') : null),
      n.body ? h('p', { class: 'prop-text', style: { margin: '.35rem 0' } }, n.body) : null,
      foreign ? h('p', { class: 'small muted', style: { margin: '.25rem 0' } },
        t('notifications.other_org', { org: organizations?.get(n.organizationID) ?? '' })) : null,
      h('div', { class: 'row', style: { justifyContent: 'space-between' } },
        h('span', { class: 'small muted' }, h('time', { datetime: n.createdAt, title: dateTime(n.createdAt) }, relative(n.createdAt))),
        h('span', { class: 'row' },
          // Following the link is reading it; the mark is best effort and must not hold up the navigation.
          links.map(([href, label]) => h('a', { href, onclick: () => { if (!n.readAt) markRead(null); } }, label)),
          unread ? h('button', { class: 'btn', type: 'button', 'data-test': 'notification-read', onclick: (e) => markRead(e.currentTarget) },
            t('notifications.mark_read')) : null)));
  }

  function draw() {
    const shown = unreadOnly ? items.filter((n) => !n.readAt) : items;
    replace(list, shown.map(row));
    list.hidden = shown.length === 0;
    empty.hidden = shown.length > 0;
    empty.textContent = t(unreadOnly ? 'notifications.empty_unread' : 'notifications.empty');
    more.hidden = !cursor;
  }

  async function loadPage() {
    const page = await api.get('/me/notifications', { limit: PAGE_SIZE, cursor: cursor ?? undefined, unread: unreadOnly || undefined }, { signal: ctx.signal });
    if (!organizations && page.items.some((n) => n.organizationID && n.organizationID !== ctx.orgID)) {
      const me = await api.get('/me', undefined, { signal: ctx.signal }).catch(() => ({ memberships: [] }));
      organizations = new Map(me.memberships.map((m) => [m.organization.id, m.organization.name]));
    }
    items.push(...page.items);
    cursor = page.nextCursor ?? null;
    draw();
  }

  async function reload() {
    items = [];
    cursor = null;
    replace(results, loading());
    try {
      await loadPage();
      replace(results, list, empty, h('div', { class: 'row' }, more));
    } catch (error) {
      if (error.name === 'AbortError') return;
      replace(results, problemAlert(error), h('button', { class: 'btn', type: 'button', onclick: reload }, t('common.retry')));
    }
  }

  more.addEventListener('click', async () => {
    more.disabled = true;
    showProblem(errors, null);
    try { await loadPage(); } catch (error) {
      if (error.name !== 'AbortError') showProblem(errors, error);
    } finally { more.disabled = false; }
  });

  const filter = checkbox('unread', t('notifications.unread_only'), unreadOnly, {
    onchange: (e) => {
      unreadOnly = e.target.checked;
      history.replaceState(null, '', '#/notifications' + (unreadOnly ? '?unread=true' : ''));
      reload();
    },
  });

  reload();
  return h('div', {},
    pageHeader(t('notifications.title'), readAll),
    h('div', { class: 'filters' }, filter),
    errors, results);
}

export const routes = [
  { path: 'notifications', render: renderNotifications, orgless: true, nav: { group: 'overview', label: 'notifications.nav', order: 10 } },
];

export const messages = {
  en: {
    'notifications.nav': 'Notifications', 'notifications.title': 'Notifications',
    'notifications.read_all': 'Mark all as read', 'notifications.read_all_done': 'Marked as read: {n}',
    'notifications.none_unread': 'Everything has already been read.', 'notifications.unread_only': 'Only unread',
    'notifications.empty': 'You have no notifications.', 'notifications.empty_unread': 'You have no unread notifications.',
    'notifications.new': 'New', 'notifications.mark_read': 'Mark as read', 'notifications.marked': 'Marked as read.',
    'notifications.open': 'Open', 'notifications.open_fault': 'Open the fault', 'notifications.open_announcement': 'Open the announcement',
    'notifications.open_document': 'Open the document', 'notifications.open_run': 'Show the workflow run',
    'notifications.open_usage': 'Show AI usage', 'notifications.open_health': 'Show system health',
    'notifications.other_org': 'From another organization ({org}); switch to it to open what this is about.',
  },
  sk: {
    'notifications.nav': 'Upozornenia', 'notifications.title': 'Upozornenia',
    'notifications.read_all': 'Označiť všetky ako prečítané', 'notifications.read_all_done': 'Označené ako prečítané: {n}',
    'notifications.none_unread': 'Všetko už je prečítané.', 'notifications.unread_only': 'Len neprečítané',
    'notifications.empty': 'Nemáte žiadne upozornenia.', 'notifications.empty_unread': 'Nemáte žiadne neprečítané upozornenia.',
    'notifications.new': 'Nové', 'notifications.mark_read': 'Označiť ako prečítané', 'notifications.marked': 'Označené ako prečítané.',
    'notifications.open': 'Otvoriť', 'notifications.open_fault': 'Otvoriť poruchu', 'notifications.open_announcement': 'Otvoriť oznam',
    'notifications.open_document': 'Otvoriť dokument', 'notifications.open_run': 'Zobraziť beh postupu',
    'notifications.open_usage': 'Zobraziť spotrebu AI', 'notifications.open_health': 'Zobraziť stav systému',
    'notifications.other_org': 'Z inej organizácie ({org}); to, čoho sa týka, otvoríte po prepnutí na ňu.',
  },
  cs: {
    'notifications.nav': 'Upozornění', 'notifications.title': 'Upozornění',
    'notifications.read_all': 'Označit vše jako přečtené', 'notifications.read_all_done': 'Označeno jako přečtené: {n}',
    'notifications.none_unread': 'Vše už je přečtené.', 'notifications.unread_only': 'Jen nepřečtená',
    'notifications.empty': 'Nemáte žádná upozornění.', 'notifications.empty_unread': 'Nemáte žádná nepřečtená upozornění.',
    'notifications.new': 'Nové', 'notifications.mark_read': 'Označit jako přečtené', 'notifications.marked': 'Označeno jako přečtené.',
    'notifications.open': 'Otevřít', 'notifications.open_fault': 'Otevřít závadu', 'notifications.open_announcement': 'Otevřít oznámení',
    'notifications.open_document': 'Otevřít dokument', 'notifications.open_run': 'Zobrazit běh postupu',
    'notifications.open_usage': 'Zobrazit spotřebu AI', 'notifications.open_health': 'Zobrazit stav systému',
    'notifications.other_org': 'Z jiné organizace ({org}); to, čeho se týká, otevřete po přepnutí na ni.',
  },
  de: {
    'notifications.nav': 'Benachrichtigungen', 'notifications.title': 'Benachrichtigungen',
    'notifications.read_all': 'Alle als gelesen markieren', 'notifications.read_all_done': 'Als gelesen markiert: {n}',
    'notifications.none_unread': 'Es ist bereits alles gelesen.', 'notifications.unread_only': 'Nur ungelesene',
    'notifications.empty': 'Sie haben keine Benachrichtigungen.', 'notifications.empty_unread': 'Sie haben keine ungelesenen Benachrichtigungen.',
    'notifications.new': 'Neu', 'notifications.mark_read': 'Als gelesen markieren', 'notifications.marked': 'Als gelesen markiert.',
    'notifications.open': 'Öffnen', 'notifications.open_fault': 'Störung öffnen', 'notifications.open_announcement': 'Mitteilung öffnen',
    'notifications.open_document': 'Dokument öffnen', 'notifications.open_run': 'Workflow-Lauf anzeigen',
    'notifications.open_usage': 'KI-Verbrauch anzeigen', 'notifications.open_health': 'Systemzustand anzeigen',
    'notifications.other_org': 'Aus einer anderen Organisation ({org}); wechseln Sie dorthin, um zu öffnen, worum es geht.',
  },
};
