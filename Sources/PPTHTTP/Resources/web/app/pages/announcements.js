// Announcements: the list (pinned first, as the API orders it) and one announcement with the
// manager's actions (publish, schedule, pin, archive). Residents' reads are recorded on opening.
// The draft form is in announcements-form.js, messages in announcements-messages.js.
import { h, replace } from '../core/dom.js';
import { t, dateTime, number } from '../core/i18n.js';
import { pageHeader, field, select, badge, form, toast, confirmDialog, problemAlert, showProblem, loading } from '../core/ui.js';
import { failedPage, loadPlaces, requireFilled, useStyles, withFieldErrors } from './faults-common.js';
import { renderAnnouncementForm } from './announcements-form.js';
import { messages } from './announcements-messages.js';

export { messages };

const STATUSES = ['draft', 'scheduled', 'published', 'archived'];
const STATUS_TONE = { draft: 'warn', scheduled: '', published: 'ok', archived: '' };
const PAGE_SIZE = 20;
const EXCERPT = 240;

function statusBadge(status) { return badge(t('announcements.status.' + status), STATUS_TONE[status] ?? ''); }

/** When the announcement went or goes out, or when it was written. */
function when(a) {
  if (a.status === 'published' && a.publishedAt) return t('announcements.published_at', { date: dateTime(a.publishedAt) });
  if (a.status === 'scheduled' && a.publishAt) return t('announcements.scheduled_for', { date: dateTime(a.publishAt) });
  return t('announcements.created_at', { date: dateTime(a.createdAt) });
}

function unread(ctx, a) { return !ctx.can('announcementsManage') && a.status === 'published' && a.readByMe === false; }

async function renderAnnouncementList(ctx) {
  useStyles();
  const manages = ctx.can('announcementsManage');
  let status = manages && STATUSES.includes(ctx.query.status) ? ctx.query.status : '';
  const items = [];
  let cursor = null;
  const list = h('ul', { class: 'prop-list prop-cards', 'data-test': 'announcement-list' });
  const empty = h('p', { class: 'empty', hidden: true });
  const more = h('button', { class: 'btn', type: 'button', hidden: true }, t('common.more'));
  const moreError = h('div', {});
  const results = h('div', { 'aria-live': 'polite' }, loading());

  function draw() {
    const shown = items.filter((a) => !status || a.status === status);
    replace(list, shown.map((a) => announcementRow(ctx, a)));
    list.hidden = shown.length === 0;
    empty.hidden = shown.length > 0;
    empty.textContent = t(status ? 'announcements.empty_filtered' : 'announcements.empty');
    more.hidden = !cursor;
  }

  async function loadPage() {
    const page = await ctx.org.get('/announcements', { limit: PAGE_SIZE, cursor: cursor ?? undefined }, { signal: ctx.signal });
    items.push(...page.items);
    cursor = page.nextCursor ?? null;
    draw();
  }

  more.addEventListener('click', async () => {
    more.disabled = true;
    replace(moreError);
    try { await loadPage(); } catch (error) {
      if (error.name !== 'AbortError') replace(moreError, problemAlert(error));
    } finally { more.disabled = false; }
  });

  async function first() {
    replace(results, loading());
    try {
      await loadPage();
      replace(results, list, empty, h('div', { class: 'row' }, more), moreError);
    } catch (error) {
      if (error.name === 'AbortError') return;
      replace(results, problemAlert(error), h('button', { class: 'btn', type: 'button', onclick: first }, t('common.retry')));
    }
  }

  // The API lists every status together, so the filter narrows the pages loaded so far.
  const filters = manages ? h('form', { class: 'filters', role: 'search', 'aria-label': t('announcements.title'), onsubmit: (e) => e.preventDefault() },
    field(t('announcements.filter.status'), select('status',
      [['', t('announcements.filter.all')], ...STATUSES.map((s) => [s, t('announcements.status.' + s)])], status, {
        onchange: (e) => {
          status = e.target.value;
          history.replaceState(null, '', '#/announcements' + (status ? `?status=${status}` : ''));
          draw();
        },
      }), t('announcements.filter.note'))) : null;

  first();
  return h('div', {},
    pageHeader(t('announcements.title'),
      manages ? h('a', { class: 'btn btn-primary', href: '#/announcements/new', 'data-test': 'announcement-create' }, t('announcements.new')) : null),
    filters, results);
}

function announcementRow(ctx, a) {
  const manages = ctx.can('announcementsManage');
  const isUnread = unread(ctx, a);
  const excerpt = a.body.length > EXCERPT ? a.body.slice(0, EXCERPT).trimEnd() + '…' : a.body;
  return h('li', { class: [a.pinned ? 'pinned' : '', isUnread ? 'prop-unread' : ''].join(' ').trim(), 'data-test': 'announcement-row', 'data-id': a.id },
    h('div', { class: 'row' },
      h('h2', { class: 'prop-title', style: { margin: 0, fontSize: '1.05rem', fontWeight: isUnread ? 700 : 600 } },
        h('a', { href: `#/announcements/${a.id}` }, a.title)),
      h('span', { class: 'row' },
        a.pinned ? badge(t('announcements.pinned')) : null,
        manages ? statusBadge(a.status) : null,
        isUnread ? badge(t('announcements.unread'), 'warn') : null)),
    h('p', { class: 'small muted', style: { margin: '.25rem 0' } }, when(a),
      manages && a.status === 'published' && a.readCount !== undefined ? ` · ${t('announcements.read_count', { n: number(a.readCount) })}` : ''),
    h('p', { class: 'prop-text', style: { margin: 0 } }, excerpt));
}

async function renderAnnouncementDetail(ctx) {
  useStyles();
  const manages = ctx.can('announcementsManage');
  const id = encodeURIComponent(ctx.params.id);
  let loaded;
  let places;
  try {
    [loaded, places] = await Promise.all([
      ctx.org.get(`/announcements/${id}`, undefined, { signal: ctx.signal }),
      manages ? loadPlaces(ctx).catch((error) => {
        if (error.name === 'AbortError') throw error;
        return { buildings: new Map(), units: new Map() };
      }) : null,
    ]);
  } catch (error) {
    return failedPage(t('announcements.title'), error, '#/announcements', t('announcements.back'));
  }
  let announcement = loaded;
  if (unread(ctx, announcement)) {
    // Opening it is reading it; if recording that fails the text is still worth showing.
    try { announcement = await ctx.org.post(`/announcements/${id}/read`, undefined, { signal: ctx.signal }); } catch (error) {
      if (error.name === 'AbortError') throw error;
    }
  }
  const root = h('div', {});
  const draw = (a) => replace(root,
    pageHeader(a.title, a.pinned ? badge(t('announcements.pinned')) : null, manages ? statusBadge(a.status) : null,
      h('a', { href: '#/announcements' }, t('announcements.back'))),
    h('article', { class: 'card' },
      h('p', { class: 'small muted', style: { marginTop: 0 } }, when(a)),
      h('div', { class: 'prop-text' }, a.body)),
    manages ? managerCards(ctx, a, places, draw) : null);
  draw(announcement);
  return root;
}

function audience(a, places) {
  const target = a.target;
  if (target.all || (target.roles.length === 0 && target.buildingIDs.length === 0 && target.unitIDs.length === 0)) {
    return [t('announcements.audience.everyone')];
  }
  const lines = [];
  if (target.roles.length) lines.push(t('announcements.audience.roles', { list: target.roles.map((r) => t('role.' + r)).join(', ') }));
  if (target.buildingIDs.length) {
    lines.push(t('announcements.audience.buildings', { list: target.buildingIDs.map((b) => places.buildings.get(b)?.name ?? '—').join(', ') }));
  }
  if (target.unitIDs.length) {
    lines.push(t('announcements.audience.units', { list: target.unitIDs.map((u) => places.units.get(u)?.number ?? '—').join(', ') }));
  }
  return lines;
}

function managerCards(ctx, a, places, draw) {
  const errors = h('div', {});
  const open = a.status === 'draft' || a.status === 'scheduled';
  const id = a.id;

  async function act(button, run, message) {
    button.disabled = true;
    showProblem(errors, null);
    try {
      const updated = await run();
      toast(typeof message === 'function' ? message(updated) : message);
      draw(updated);
    } catch (error) {
      button.disabled = false;
      if (error.name !== 'AbortError') showProblem(errors, error);
    }
  }

  const publish = open ? h('button', {
    class: 'btn btn-primary', type: 'button', 'data-test': 'announcement-publish',
    onclick: async (e) => {
      const button = e.currentTarget;
      if (!await confirmDialog(t('announcements.publish_confirm', { title: a.title }), { confirmLabel: t('announcements.publish') })) return;
      act(button, () => ctx.org.post(`/announcements/${id}/publish`), t('announcements.published'));
    },
  }, t('announcements.publish')) : null;
  const pin = a.status !== 'archived' ? h('button', {
    class: 'btn', type: 'button', 'data-test': 'announcement-pin', 'aria-pressed': String(a.pinned),
    onclick: (e) => act(e.currentTarget, () => ctx.org.put(`/announcements/${id}/pinned`, { pinned: !a.pinned }),
      t(a.pinned ? 'announcements.unpinned_done' : 'announcements.pinned_done')),
  }, t(a.pinned ? 'announcements.unpin' : 'announcements.pin')) : null;
  const archive = a.status !== 'archived' ? h('button', {
    class: 'btn btn-danger', type: 'button', 'data-test': 'announcement-archive',
    onclick: async (e) => {
      const button = e.currentTarget;
      if (!await confirmDialog(t('announcements.archive_confirm', { title: a.title }), { confirmLabel: t('announcements.archive'), danger: true })) return;
      act(button, () => ctx.org.post(`/announcements/${id}/archive`), t('announcements.archived'));
    },
  }, t('announcements.archive')) : null;
  const edit = open ? h('a', { class: 'btn', href: `#/announcements/${id}/edit`, 'data-test': 'announcement-edit' }, t('common.edit')) : null;

  return h('div', { class: 'prop-two' },
    h('section', { class: 'card', 'aria-labelledby': 'announcement-audience' },
      h('h2', { id: 'announcement-audience' }, t('announcements.audience')),
      h('ul', { style: { margin: 0, paddingLeft: '1.25rem' } }, audience(a, places).map((line) => h('li', {}, line))),
      a.status === 'published' && a.readCount !== undefined
        ? h('p', { class: 'muted', style: { marginBottom: 0 } }, t('announcements.read_count', { n: number(a.readCount) })) : null),
    a.status === 'archived' ? null : h('section', { class: 'card', 'aria-labelledby': 'announcement-actions' },
      h('h2', { id: 'announcement-actions' }, t('announcements.actions')),
      errors,
      h('div', { class: 'row', style: { marginBottom: '1rem' } }, publish, edit, pin, archive),
      open ? scheduleForm(ctx, a, draw) : null));
}

/** `YYYY-MM-DDTHH:MM` in local time, as a datetime-local input wants it. */
function localInput(value) {
  const d = new Date(value);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function scheduleForm(ctx, a, draw) {
  const tomorrowMorning = new Date();
  tomorrowMorning.setDate(tomorrowMorning.getDate() + 1);
  tomorrowMorning.setHours(8, 0, 0, 0);
  const input = h('input', {
    type: 'datetime-local', name: 'publishAt', required: true, min: localInput(Date.now()),
    value: localInput(a.publishAt ?? tomorrowMorning),
  });
  const el = form([field(t('announcements.schedule_at'), input, t('announcements.schedule_hint'))], withFieldErrors(async (data) => {
    requireFilled(data, ['publishAt']);
    const updated = await ctx.org.post(`/announcements/${a.id}/schedule`, { publishAt: new Date(data.publishAt).toISOString() });
    toast(t('announcements.scheduled', { date: dateTime(updated.publishAt) }));
    draw(updated);
  }), { submitLabel: t(a.status === 'scheduled' ? 'announcements.reschedule' : 'announcements.schedule') });
  el.setAttribute('data-test', 'announcement-schedule');
  return el;
}

export const routes = [
  { path: 'announcements', render: renderAnnouncementList, permission: 'announcementsRead', nav: { group: 'property', label: 'announcements.nav', order: 20 } },
  { path: 'announcements/new', render: renderAnnouncementForm, permission: 'announcementsManage' },
  { path: 'announcements/:id/edit', render: renderAnnouncementForm, permission: 'announcementsManage' },
  { path: 'announcements/:id', render: renderAnnouncementDetail, permission: 'announcementsRead' },
];
