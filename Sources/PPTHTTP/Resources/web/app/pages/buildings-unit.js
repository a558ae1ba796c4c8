// One unit: its facts, its account balance (with the way to the finance pages), its leases and its
// residents. Owners, tenants and residents reach only their own units (the API answers 404 otherwise).
import { h } from '../core/dom.js';
import { t, number, money } from '../core/i18n.js';
import { pageHeader, badge } from '../core/ui.js';
import { failedPage, loadInto } from './faults-common.js';
import { isResidentLike, address, unitName, area, shareText, facts, useEstateStyles } from './buildings-common.js';
import { residentsSection } from './buildings-residents.js';
import { leaseStatusBadge, periodText, partyNames } from './leases-common.js';

export async function renderUnitDetail(ctx) {
  useEstateStyles();
  const residentView = isResidentLike(ctx);
  const backLabel = t(residentView ? 'buildings.home.back' : 'buildings.back');
  let unit;
  let building;
  try {
    unit = await ctx.org.get(`/units/${encodeURIComponent(ctx.params.id)}`, undefined, { signal: ctx.signal });
    building = await ctx.org.get(`/buildings/${encodeURIComponent(unit.buildingID)}`, undefined, { signal: ctx.signal });
  } catch (error) {
    return failedPage(t('buildings.unit.title'), error, '#/buildings', backLabel);
  }
  const buildingHref = `#/buildings/${encodeURIComponent(building.id)}`;
  const edit = ctx.can('unitsManage')
    ? h('a', { class: 'btn', href: `#/units/${encodeURIComponent(unit.id)}/edit`, 'data-test': 'unit-edit' }, t('common.edit'))
    : null;
  const back = residentView ? h('a', { href: '#/buildings' }, backLabel) : h('a', { href: buildingHref }, t('buildings.unit.back', { name: building.name }));

  const side = [
    ctx.can('residentsRead') || residentView ? residentsSection(ctx, unit) : null,
    ctx.can('leasesRead') ? leasesSection(ctx, unit) : null,
  ].filter(Boolean);
  return h('div', {},
    pageHeader(unitName(unit), edit, back),
    h('div', { class: 'prop-two' },
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'unit-facts' },
          h('h2', { id: 'unit-facts' }, t('common.details')),
          facts([
            [t('buildings.unit.field.building'), [h('a', { href: buildingHref }, building.name), h('div', { class: 'small muted' }, address(building))]],
            [t('buildings.unit.field.type'), t('buildings.unit.type.' + unit.type)],
            [t('buildings.unit.field.number'), unit.number],
            [t('buildings.unit.field.floor'), number(unit.floor)],
            [t('buildings.unit.area'), area(unit.sizeSqm)],
            [t('buildings.unit.field.rooms'), number(unit.rooms)],
            [t('buildings.unit.field.share'), shareText(unit)],
          ], { 'data-test': 'unit-facts' })),
        balanceSection(ctx, unit)),
      side.length ? h('div', {}, side) : null));
}

/** What the unit owes or has in credit, for roles that read finances (their own units for residents). */
function balanceSection(ctx, unit) {
  if (!ctx.can(['financeReadAll', 'financeReadOwn'])) return null;
  const slot = h('div', { 'aria-live': 'polite' });
  loadInto(slot, async () => {
    const b = await ctx.org.get(`/units/${encodeURIComponent(unit.id)}/balance`, undefined, { signal: ctx.signal });
    const amount = (minor) => money({ amountMinor: minor, currency: b.currency });
    const state = b.balanceMinor > 0 ? badge(t('buildings.balance.owes'), b.overdueMinor > 0 ? 'danger' : 'warn')
      : b.balanceMinor < 0 ? badge(t('buildings.balance.credit'), 'ok') : badge(t('buildings.balance.settled'), 'ok');
    return [
      h('p', { class: 'prop-stat-row' }, h('span', { class: 'stat' }, amount(Math.abs(b.balanceMinor))), state),
      facts([
        [t('buildings.balance.invoiced'), amount(b.invoicedMinor)],
        [t('buildings.balance.paid'), amount(b.paidMinor)],
        [t('buildings.balance.overdue'), b.overdueInvoices > 0
          ? t('buildings.balance.overdue_value', { amount: amount(b.overdueMinor), n: number(b.overdueInvoices) })
          : t('buildings.balance.none_overdue')],
      ]),
    ];
  });
  return h('section', { class: 'card', 'aria-labelledby': 'unit-balance', 'data-test': 'unit-balance' },
    h('h2', { id: 'unit-balance' }, t('buildings.balance.title')),
    slot,
    h('p', { class: 'row' },
      h('a', { href: `#/finance/balances?buildingID=${encodeURIComponent(unit.buildingID)}`, 'data-test': 'unit-balance-link' }, t('buildings.balance.link')),
      h('a', { href: `#/finance/invoices?unitID=${encodeURIComponent(unit.id)}` }, t('buildings.balance.invoices'))));
}

/** The unit's leases (tenants see only those naming them), newest first, with the way to create one. */
function leasesSection(ctx, unit) {
  const slot = h('div', { 'aria-live': 'polite' });
  loadInto(slot, async () => {
    const page = await ctx.org.get('/leases', { unitID: unit.id, limit: 20 }, { signal: ctx.signal });
    if (page.items.length === 0) return h('p', { class: 'empty' }, t('buildings.leases.empty'));
    return [
      h('ul', { class: 'prop-list', 'data-test': 'unit-leases' }, page.items.map((lease) => h('li', { 'data-id': lease.id },
        h('div', { class: 'row' },
          h('a', { href: `#/leases/${encodeURIComponent(lease.id)}` }, partyNames(lease.tenants)),
          leaseStatusBadge(lease.status)),
        h('div', { class: 'small muted' }, periodText(lease), ' · ', t('leases.rent_per_month', { amount: money(lease.rent) }))))),
      page.nextCursor ? h('p', {}, h('a', { href: `#/leases?unitID=${encodeURIComponent(unit.id)}` }, t('buildings.leases.all'))) : null,
    ];
  });
  const create = ctx.can('leasesManage')
    ? h('a', { class: 'btn', href: `#/leases/new?unitID=${encodeURIComponent(unit.id)}`, 'data-test': 'unit-lease-create' }, t('buildings.leases.new'))
    : null;
  return h('section', { class: 'card', 'aria-labelledby': 'unit-leases' },
    h('div', { class: 'estate-head' }, h('h2', { id: 'unit-leases' }, t('buildings.leases.title')), create),
    slot);
}
