// Unit balances: every unit's account for managers (with the organization's totals), and each of
// their own units' account for owners and tenants.
import { h } from '../core/dom.js';
import { t, money } from '../core/i18n.js';
import { pageHeader, field, select } from '../core/ui.js';
import { loadInto, plural, useStyles } from './faults-common.js';
import { facts, sortedUnits, unitName, useAreaStyles } from './finance-common.js';
import { financeNav, placesOrEmpty } from './finance-invoices.js';
import { filterForm } from './finance-pager.js';

/** "Owes 120 €", "Credit 20 €" or "Settled", with a class that colours it. */
function balanceText(b) {
  const value = { amountMinor: Math.abs(b.balanceMinor), currency: b.currency };
  if (b.balanceMinor > 0) return h('span', { class: 'area-owes' }, t('finance.balance.owes', { amount: money(value) }));
  if (b.balanceMinor < 0) return h('span', { class: 'area-credit' }, t('finance.balance.credit', { amount: money(value) }));
  return h('span', { class: 'muted' }, t('finance.balance.settled'));
}

/** The balance as a large figure under what it means ("To pay", "Credit", "Settled"). */
function balanceSummary(b) {
  const value = money({ amountMinor: Math.abs(b.balanceMinor), currency: b.currency });
  const [label, tone] = b.balanceMinor > 0 ? ['finance.balance.to_pay', 'area-owes']
    : b.balanceMinor < 0 ? ['finance.balance.in_credit', 'area-credit'] : ['finance.balance.settled', ''];
  return h('div', { class: 'area-sums', style: { marginBottom: 0 } },
    h('div', { 'data-test': 'balance-amount' }, h('span', { class: 'label' }, t(label)), h('span', { class: `value ${tone}` }, value)));
}

function overdueText(b) {
  if (b.overdueInvoices === 0) return h('span', { class: 'muted' }, '—');
  return h('span', {}, h('strong', { class: 'area-owes' }, money({ amountMinor: b.overdueMinor, currency: b.currency })),
    h('div', { class: 'small muted' }, plural('finance.invoice_count', b.overdueInvoices)));
}

/** Sums per currency of `pick(balance)` (an organization keeps one currency, but the API allows others). */
function sums(balances, pick) {
  const totals = new Map();
  for (const b of balances) totals.set(b.currency, (totals.get(b.currency) ?? 0) + pick(b));
  if (totals.size === 0) return '—';
  return [...totals].map(([currency, amountMinor]) => money({ amountMinor, currency })).join(' + ');
}

export async function renderBalances(ctx) {
  useStyles();
  useAreaStyles();
  const places = await placesOrEmpty(ctx);
  return ctx.can('financeReadAll') ? staffBalances(ctx, places) : ownBalances(ctx, places);
}

function staffBalances(ctx, places) {
  const filters = { buildingID: ctx.query.buildingID ?? '' };
  const results = h('div', { 'aria-live': 'polite' });
  const buildings = [...places.buildings.values()].sort((a, b) => a.name.localeCompare(b.name));
  const controls = buildings.length > 1
    ? [field(t('finance.field.building'), select('buildingID', [['', t('finance.any_building')], ...buildings.map((b) => [b.id, b.name])], filters.buildingID))]
    : [];

  const load = () => loadInto(results, async () => {
    const order = new Map(sortedUnits(places).map((u, i) => [u.id, i]));
    const balances = (await ctx.org.get('/balances', { buildingID: filters.buildingID || undefined }, { signal: ctx.signal }))
      .sort((a, b) => (order.get(a.unitID) ?? Infinity) - (order.get(b.unitID) ?? Infinity));
    if (balances.length === 0) return h('p', { class: 'empty', 'data-test': 'balance-list-empty' }, t('finance.balances.empty'));
    const owing = balances.filter((b) => b.balanceMinor > 0);
    const late = balances.filter((b) => b.overdueInvoices > 0);
    return h('div', {},
      h('div', { class: 'area-sums', 'data-test': 'balance-totals' },
        h('div', {}, h('span', { class: 'label' }, t('finance.balances.owed_total')),
          h('span', { class: 'value' }, sums(owing, (b) => b.balanceMinor)),
          h('span', { class: 'small muted' }, plural('finance.unit_count', owing.length))),
        h('div', {}, h('span', { class: 'label' }, t('finance.balances.overdue_total')),
          h('span', { class: 'value' + (late.length ? ' area-owes' : '') }, sums(late, (b) => b.overdueMinor)),
          h('span', { class: 'small muted' }, plural('finance.unit_count', late.length))),
        h('div', {}, h('span', { class: 'label' }, t('finance.balances.credit_total')),
          h('span', { class: 'value' }, sums(balances.filter((b) => b.balanceMinor < 0), (b) => -b.balanceMinor)))),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-test': 'balance-list' },
        h('caption', { class: 'visually-hidden' }, t('finance.balances.title')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('finance.field.unit')),
          h('th', { scope: 'col', class: 'num' }, t('finance.field.invoiced')),
          h('th', { scope: 'col', class: 'num' }, t('finance.field.paid')),
          h('th', { scope: 'col', class: 'num' }, t('finance.field.balance')),
          h('th', { scope: 'col', class: 'num' }, t('finance.field.overdue')),
          // Positioned, so its hidden label stays inside the scrolling table instead of widening the page.
          h('th', { scope: 'col', style: { position: 'relative' } }, h('span', { class: 'visually-hidden' }, t('common.actions'))))),
        h('tbody', {}, balances.map((b) => h('tr', { 'data-test': 'balance-row', 'data-unit': b.unitID },
          h('th', { scope: 'row', class: 'area-nowrap' }, unitName(places, b.unitID)),
          h('td', { class: 'num' }, money({ amountMinor: b.invoicedMinor, currency: b.currency })),
          h('td', { class: 'num' }, money({ amountMinor: b.paidMinor, currency: b.currency })),
          h('td', { class: 'num' }, balanceText(b)),
          h('td', { class: 'num' }, overdueText(b)),
          h('td', {}, h('a', {
            href: `#/finance/invoices?unitID=${encodeURIComponent(b.unitID)}`,
            'aria-label': t('finance.balances.invoices_of', { unit: unitName(places, b.unitID) }),
          }, t('finance.tab.invoices')))))))));
  });

  load();
  return h('div', {},
    pageHeader(t('finance.balances.title')),
    financeNav(ctx, 'finance/balances'),
    controls.length ? filterForm('finance/balances', t('finance.filter.balances'), filters, controls, load) : null,
    results);
}

/** One card per own unit, each loading its own balance from `/units/{id}/balance`. */
function ownBalances(ctx, places) {
  const units = sortedUnits(places);
  const header = pageHeader(t('finance.balances.title_mine'));
  if (units.length === 0) {
    return h('div', {}, header, financeNav(ctx, 'finance/balances'), h('p', { class: 'empty', 'data-test': 'balance-list-empty' }, t('finance.balances.no_units')));
  }
  const cards = units.map((unit) => {
    const body = h('div', {});
    loadInto(body, async () => {
      const b = await ctx.org.get(`/units/${encodeURIComponent(unit.id)}/balance`, undefined, { signal: ctx.signal });
      return h('div', { class: 'stack' },
        balanceSummary(b),
        facts([
          [t('finance.field.invoiced'), money({ amountMinor: b.invoicedMinor, currency: b.currency })],
          [t('finance.field.paid'), money({ amountMinor: b.paidMinor, currency: b.currency })],
          [t('finance.field.overdue'), b.overdueInvoices > 0
            ? h('span', {}, h('strong', { class: 'area-owes' }, money({ amountMinor: b.overdueMinor, currency: b.currency })), ' ',
              h('span', { class: 'muted' }, `(${plural('finance.invoice_count', b.overdueInvoices)})`))
            : t('finance.balance.none_overdue')],
        ]),
        b.overdueInvoices > 0 ? h('p', { class: 'alert info', style: { margin: 0 } }, t('finance.balance.overdue_hint')) : null);
    });
    const id = `balance-${unit.id}`;
    return h('section', { class: 'card', 'aria-labelledby': id, 'data-test': 'balance-row', 'data-unit': unit.id },
      h('h2', { id }, t('finance.balance.unit', { unit: unitName(places, unit.id) })),
      body,
      h('div', { class: 'row', style: { marginTop: '.75rem' } },
        h('a', {
          href: `#/finance/invoices?unitID=${encodeURIComponent(unit.id)}`,
          'aria-label': t('finance.balances.invoices_of', { unit: unitName(places, unit.id) }),
        }, t('finance.tab.my_invoices')),
        h('a', {
          href: `#/finance/payments?unitID=${encodeURIComponent(unit.id)}`,
          'aria-label': t('finance.balances.payments_of', { unit: unitName(places, unit.id) }),
        }, t('finance.tab.my_payments'))));
  });
  return h('div', {}, header, financeNav(ctx, 'finance/balances'), h('div', { class: 'grid', 'data-test': 'balance-list' }, cards));
}
