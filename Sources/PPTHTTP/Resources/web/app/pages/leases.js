// Leases: the list filtered by status and unit (filters live in the address), and the routes of the
// detail and form pages. Owners see the leases of their units, tenants the leases that name them.
import { h, replace } from '../core/dom.js';
import { t, money } from '../core/i18n.js';
import { pageHeader, field, select } from '../core/ui.js';
import { isResidentLike, pagedTable, useEstateStyles } from './buildings-common.js';
import { LEASE_STATUSES, leaseStatusBadge, periodText, partyNames, loadUnitLabels, listTitle } from './leases-common.js';
import { renderLeaseDetail } from './leases-detail.js';
import { renderLeaseForm } from './leases-form.js';

export { messages } from './leases-messages.js';

const PAGE_SIZE = 25;

async function renderLeaseList(ctx) {
  useEstateStyles();
  const units = await loadUnitLabels(ctx);
  const filters = { status: ctx.query.status ?? '', unitID: ctx.query.unitID ?? '' };
  const results = h('div', { 'aria-live': 'polite' });

  const controls = [
    field(t('leases.field.status'), select('status',
      [['', t('leases.any')], ...LEASE_STATUSES.map((s) => [s, t('leases.status.' + s)])], filters.status)),
  ];
  if (units.size > 1 || filters.unitID) {
    const options = [...units].map(([id, { label }]) => [id, label]);
    if (filters.unitID && !units.has(filters.unitID)) options.push([filters.unitID, t('leases.unknown_unit')]);
    controls.push(field(t('leases.field.unit'), select('unitID', [['', t('leases.any')], ...options], filters.unitID)));
  }
  const filterForm = h('form', {
    class: 'filters', role: 'search', 'aria-label': t('leases.filters'),
    onsubmit: (e) => e.preventDefault(),
    onchange: (e) => {
      filters[e.target.name] = e.target.value;
      // The address keeps the filters (Back, shared links) without rendering the page again.
      const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
      history.replaceState(history.state, '', '#/leases' + (query ? '?' + query : ''));
      load();
    },
  }, controls);

  function load() {
    const filtered = Object.values(filters).some(Boolean);
    replace(results, pagedTable({
      caption: listTitle(ctx),
      attrs: { 'data-test': 'lease-list' },
      shownKey: 'leases.shown',
      emptyText: t(filtered ? 'leases.empty_filtered' : isResidentLike(ctx) ? 'leases.empty_mine' : 'leases.empty'),
      load: (cursor) => ctx.org.get('/leases', { ...filters, limit: PAGE_SIZE, cursor: cursor ?? undefined }, { signal: ctx.signal }),
      rowAttrs: (lease) => ({ 'data-test': 'lease-row', 'data-id': lease.id }),
      columns: [
        [t('leases.field.unit'), (lease) => h('a', { href: `#/leases/${encodeURIComponent(lease.id)}` },
          units.get(lease.unitID)?.label ?? t('leases.unknown_unit'))],
        [t('leases.field.tenants'), (lease) => partyNames(lease.tenants)],
        [t('leases.field.period'), (lease) => periodText(lease)],
        [t('leases.field.rent'), (lease) => [money(lease.rent), h('div', { class: 'small muted' }, t('leases.deposit_short', { amount: money(lease.deposit) }))]],
        [t('leases.field.status'), (lease) => leaseStatusBadge(lease.status)],
      ],
    }));
  }

  load();
  return h('div', {},
    pageHeader(listTitle(ctx),
      ctx.can('leasesManage') ? h('a', { class: 'btn btn-primary', href: '#/leases/new', 'data-test': 'lease-create' }, t('leases.new')) : null),
    filterForm, results);
}

export const routes = [
  { path: 'leases', render: renderLeaseList, permission: 'leasesRead', nav: { group: 'property', label: 'leases.nav', order: 40 } },
  { path: 'leases/new', render: renderLeaseForm, permission: 'leasesManage' },
  { path: 'leases/:id', render: renderLeaseDetail, permission: 'leasesRead' },
  { path: 'leases/:id/edit', render: renderLeaseForm, permission: 'leasesManage' },
];
