// Faults: the filtered, paged list. The detail page is in faults-detail.js, the report form in
// faults-form.js; messages in faults-messages.js.
import { h, replace } from '../core/dom.js';
import { t, date, number } from '../core/i18n.js';
import { pageHeader, field, select, loading, problemAlert } from '../core/ui.js';
import {
  FAULT_STATUSES, FAULT_PRIORITIES, faultStatusBadge, faultPriorityBadge, faultPlace, loadPlaces, loadPeople, personName,
  useStyles,
} from './faults-common.js';
import { renderFaultDetail } from './faults-detail.js';
import { renderFaultForm } from './faults-form.js';
import { messages } from './faults-messages.js';

export { messages };

const PAGE_SIZE = 25;
const FILTERS = ['status', 'priority', 'buildingID', 'assigneeID'];
const WORKER_ROLES = ['admin', 'manager', 'technician'];

async function renderFaultList(ctx) {
  useStyles();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, ctx.query[k] ?? '']));
  const [places, people] = await Promise.all([
    loadPlaces(ctx).catch((error) => {
      if (error.name === 'AbortError') throw error;
      return { buildings: new Map(), units: new Map() };
    }),
    loadPeople(ctx),
  ]);
  const staffView = ctx.can('faultsReadAll');
  const results = h('div', { 'aria-live': 'polite' });
  let generation = 0;

  const controls = [
    field(t('faults.field.status'), select('status',
      [['', t('faults.any')], ...FAULT_STATUSES.map((s) => [s, t('faults.status.' + s)])], filters.status)),
    field(t('faults.field.priority'), select('priority',
      [['', t('faults.any')], ...FAULT_PRIORITIES.map((p) => [p, t('faults.priority.' + p)])], filters.priority)),
  ];
  if (places.buildings.size > 1) {
    controls.push(field(t('faults.field.building'), select('buildingID',
      [['', t('faults.any')], ...[...places.buildings.values()].map((b) => [b.id, b.name])], filters.buildingID)));
  }
  if (ctx.can('faultsWork')) {
    const workers = ctx.can('faultsManage')
      ? [...people].filter(([id, p]) => id !== ctx.user.id && WORKER_ROLES.includes(p.role))
        .sort((a, b) => a[1].name.localeCompare(b[1].name))
      : [];
    controls.push(field(t('faults.filter.assignee'), select('assigneeID', [
      ['', t('faults.any')], [ctx.user.id, t('faults.me')], ...workers.map(([id, p]) => [id, p.name]),
    ], filters.assigneeID)));
  }
  const filterForm = h('form', {
    class: 'filters', role: 'search', 'aria-label': t('faults.filters'),
    onsubmit: (e) => e.preventDefault(),
    onchange: (e) => {
      filters[e.target.name] = e.target.value;
      // The URL keeps the filters (back button, shared links) without re-rendering the page.
      const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
      history.replaceState(null, '', '#/faults' + (query ? '?' + query : ''));
      load();
    },
  }, controls);

  async function load() {
    const mine = ++generation;
    replace(results, loading());
    const tbody = h('tbody', {});
    const count = h('p', { class: 'small muted', role: 'status' });
    const more = h('button', { class: 'btn', type: 'button', hidden: true }, t('common.more'));
    const moreError = h('div', {});
    let cursor = null;
    let shown = 0;

    async function loadPage() {
      const page = await ctx.org.get('/faults', { ...filters, limit: PAGE_SIZE, cursor: cursor ?? undefined }, { signal: ctx.signal });
      if (mine !== generation) return null;
      cursor = page.nextCursor ?? null;
      shown += page.items.length;
      tbody.append(...page.items.map((fault) => faultRow(ctx, places, people, fault, staffView)));
      count.textContent = t('faults.shown', { n: number(shown) });
      more.hidden = !cursor;
      return page;
    }

    more.addEventListener('click', async () => {
      more.disabled = true;
      replace(moreError);
      try { await loadPage(); } catch (error) {
        if (error.name !== 'AbortError') replace(moreError, problemAlert(error));
      } finally { more.disabled = false; }
    });

    try {
      const first = await loadPage();
      if (!first) return;
      if (first.items.length === 0) {
        const filtered = Object.values(filters).some(Boolean);
        replace(results, h('p', { class: 'empty', 'data-test': 'fault-list-empty' }, t(filtered ? 'faults.empty' : 'faults.empty_all')));
        return;
      }
      replace(results,
        h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-test': 'fault-list' },
          h('caption', { class: 'visually-hidden' }, t('faults.title')),
          h('thead', {}, h('tr', {},
            [t('common.title'), t('faults.field.status'), t('faults.field.priority'), t('faults.field.place'),
              t('faults.field.reported_at'), staffView ? t('faults.field.assignee') : null]
              .filter(Boolean).map((label) => h('th', { scope: 'col' }, label)))),
          tbody)),
        h('div', { class: 'row' }, count, more), moreError);
    } catch (error) {
      if (error.name === 'AbortError' || mine !== generation) return;
      replace(results, problemAlert(error), h('button', { class: 'btn', type: 'button', onclick: load }, t('common.retry')));
    }
  }

  load();
  return h('div', {},
    pageHeader(t('faults.title'),
      h('a', { class: 'btn btn-primary', href: '#/faults/new', 'data-test': 'fault-create' }, t('faults.new'))),
    filterForm, results);
}

function faultRow(ctx, places, people, fault, staffView) {
  return h('tr', { 'data-test': 'fault-row', 'data-id': fault.id },
    h('td', {},
      h('a', { href: `#/faults/${fault.id}` }, fault.title),
      h('div', { class: 'small muted' }, t('faults.category.' + fault.category))),
    h('td', {}, faultStatusBadge(fault.status)),
    h('td', {}, faultPriorityBadge(fault.priority)),
    h('td', {}, faultPlace(places, fault)),
    h('td', { style: { whiteSpace: 'nowrap' } }, h('time', { datetime: fault.createdAt }, date(fault.createdAt))),
    staffView ? h('td', {}, fault.assigneeID
      ? personName(ctx, people, fault.assigneeID)
      : h('span', { class: 'muted' }, t('faults.unassigned'))) : null);
}

export const routes = [
  { path: 'faults', render: renderFaultList, permission: 'faultsReport', nav: { group: 'property', label: 'faults.nav', order: 10 } },
  { path: 'faults/new', render: renderFaultForm, permission: 'faultsReport' },
  { path: 'faults/:id', render: renderFaultDetail, permission: 'faultsReport' },
];
