// Invoices: the filtered, paged list ("My invoices" for owners and tenants, whose list the API
// limits to their own units) and one invoice with its charge, what was paid, its payments and, for
// managers, recording a payment or cancelling it.
import { h, replace } from '../core/dom.js';
import { t, money, dateTime } from '../core/i18n.js';
import { pageHeader, field, select, loading, problemAlert, showProblem, confirmDialog, toast } from '../core/ui.js';
import { filterForm, pagedRows } from './finance-pager.js';
import { calendarDate, today, failedPage, loadPlaces, plural, useStyles } from './faults-common.js';
import {
  calendarTime, facts, focusHeading, invoiceBadge, invoiceState, outstanding, subnav, unitName, unitOptions, useAreaStyles,
} from './finance-common.js';

const PAGE_SIZE = 25;
const STATES = ['open', 'overdue', 'paid', 'cancelled'];

/** The finance views' sub-navigation; residents read "My …". */
export function financeNav(ctx, current) {
  const mine = !ctx.can('financeReadAll');
  return subnav(t('finance.nav_label'), [
    ['finance/invoices', t(mine ? 'finance.tab.my_invoices' : 'finance.tab.invoices')],
    ['finance/payments', t(mine ? 'finance.tab.my_payments' : 'finance.tab.payments')],
    ['finance/balances', t(mine ? 'finance.tab.my_balance' : 'finance.tab.balances')],
  ], current);
}

/** Buildings and units by id; a failure leaves the names out rather than the page. */
export async function placesOrEmpty(ctx) {
  try {
    return await loadPlaces(ctx);
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    return { buildings: new Map(), units: new Map() };
  }
}

/** The API query of a state filter: overdue is its own flag, the others are statuses. */
function stateQuery(state) {
  if (state === 'overdue') return { overdue: true };
  return state ? { status: state } : {};
}

export async function renderInvoiceList(ctx) {
  useStyles();
  useAreaStyles();
  const places = await placesOrEmpty(ctx);
  const mine = !ctx.can('financeReadAll');
  const filters = { state: STATES.includes(ctx.query.state) ? ctx.query.state : '', unitID: ctx.query.unitID ?? '' };
  const showUnit = !mine || places.units.size > 1;
  const results = h('div', {});

  const controls = [field(t('finance.filter.state'), select('state',
    [['', t('finance.any')], ...STATES.map((s) => [s, t('finance.state.' + s)])], filters.state))];
  if (places.units.size > 1) {
    controls.push(field(t('finance.field.unit'), select('unitID', [['', t('finance.any_unit')], ...unitOptions(places)], filters.unitID)));
  }

  function load() {
    const filtered = Object.values(filters).some(Boolean);
    replace(results, pagedRows({
      load: (cursor) => ctx.org.get('/invoices', {
        ...stateQuery(filters.state), unitID: filters.unitID || undefined, limit: PAGE_SIZE, cursor,
      }, { signal: ctx.signal }),
      row: (invoice) => invoiceRow(places, invoice, showUnit),
      headings: [
        [t('finance.field.number')], showUnit ? [t('finance.field.unit')] : null, [t('finance.field.issue_date')],
        [t('finance.field.due_date')], [t('finance.field.amount'), 'num'], [t('finance.field.outstanding'), 'num'],
        [t('common.status')],
      ],
      caption: t(mine ? 'finance.invoices.title_mine' : 'finance.invoices.title'),
      empty: t(filtered ? 'finance.invoices.empty_filtered' : (mine ? 'finance.invoices.empty_mine' : 'finance.invoices.empty')),
      attrs: { 'data-test': 'invoice-list' },
    }));
  }

  load();
  return h('div', {},
    pageHeader(t(mine ? 'finance.invoices.title_mine' : 'finance.invoices.title'),
      ctx.can('financeManage')
        ? h('a', { class: 'btn btn-primary', href: '#/finance/invoices/new', 'data-test': 'invoice-create' }, t('finance.invoice.new'))
        : null),
    financeNav(ctx, 'finance/invoices'),
    filterForm('finance/invoices', t('finance.filter.invoices'), filters, controls, load),
    results);
}

function invoiceRow(places, invoice, showUnit) {
  const open = invoice.status === 'open';
  return h('tr', { 'data-test': 'invoice-row', 'data-id': invoice.id, 'data-state': invoiceState(invoice) },
    h('td', {},
      h('a', { href: `#/finance/invoices/${encodeURIComponent(invoice.id)}`, class: 'mono' }, invoice.number),
      h('div', { class: 'small muted' }, invoice.description)),
    showUnit ? h('td', { class: 'area-nowrap' }, unitName(places, invoice.unitID)) : null,
    h('td', { class: 'area-nowrap' }, calendarTime(invoice.issueDate)),
    h('td', { class: 'area-nowrap' }, calendarTime(invoice.dueDate)),
    h('td', { class: 'num' }, money(invoice.amount)),
    h('td', { class: 'num' }, open ? money(outstanding(invoice)) : h('span', { class: 'muted' }, '—')),
    h('td', {}, invoiceBadge(invoice)));
}

/** Whole days from a calendar date to today. */
function daysSince(value) {
  return Math.round((calendarDate(today()) - calendarDate(value)) / 86400000);
}

export async function renderInvoiceDetail(ctx) {
  useStyles();
  useAreaStyles();
  const id = encodeURIComponent(ctx.params.id);
  const root = h('div', {});
  const backLink = h('a', { href: '#/finance/invoices' }, t(ctx.can('financeReadAll') ? 'finance.back_invoices' : 'finance.back_my_invoices'));

  async function show(message) {
    const [invoice, places] = await Promise.all([
      ctx.org.get(`/invoices/${id}`, undefined, { signal: ctx.signal }),
      placesOrEmpty(ctx),
    ]);
    const payments = h('div', {}, loading());
    replace(root,
      pageHeader(t('finance.invoice.title', { number: invoice.number }), invoiceBadge(invoice), backLink),
      financeNav(ctx, 'finance/invoices'),
      h('div', { class: 'prop-two', 'data-test': 'invoice-detail', 'data-state': invoiceState(invoice) },
        h('div', {}, factsCard(places, invoice), chargesCard(invoice)),
        h('div', {}, amountsCard(invoice), actionsCard(ctx, invoice, show),
          h('section', { class: 'card', 'aria-labelledby': 'invoice-payments' },
            h('h2', { id: 'invoice-payments' }, t('finance.invoice.payments')), payments))));
    if (message) {
      toast(message);
      focusHeading(root);
    }
    loadPayments(ctx, invoice, payments);
  }

  try {
    await show();
  } catch (error) {
    return failedPage(t('finance.invoices.title'), error, '#/finance/invoices', t('finance.back_invoices'));
  }
  return root;
}

function factsCard(places, invoice) {
  const state = invoiceState(invoice);
  const late = state === 'overdue' ? daysSince(invoice.dueDate) : 0;
  return h('section', { class: 'card', 'aria-labelledby': 'invoice-facts' },
    h('h2', { id: 'invoice-facts' }, t('common.details')),
    facts([
      [t('finance.field.number'), h('span', { class: 'mono' }, invoice.number)],
      [t('finance.field.unit'), unitName(places, invoice.unitID)],
      [t('finance.field.issue_date'), calendarTime(invoice.issueDate)],
      [t('finance.field.due_date'), h('span', {}, calendarTime(invoice.dueDate),
        late > 0 ? [' ', h('span', { class: 'badge danger' }, plural('finance.days_overdue', late))] : null)],
      [t('common.status'), invoiceBadge(invoice)],
      [t('finance.field.updated'), h('time', { datetime: invoice.updatedAt }, dateTime(invoice.updatedAt))],
    ]));
}

/** The invoice's charge; the API keeps one description and amount per invoice (no separate lines). */
function chargesCard(invoice) {
  return h('section', { class: 'card', 'aria-labelledby': 'invoice-charges' },
    h('h2', { id: 'invoice-charges' }, t('finance.invoice.charges')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-test': 'invoice-lines' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('finance.field.description')),
        h('th', { scope: 'col', class: 'num' }, t('finance.field.amount')))),
      h('tbody', {}, h('tr', {}, h('td', { class: 'prop-text' }, invoice.description), h('td', { class: 'num' }, money(invoice.amount)))),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('finance.total')), h('td', { class: 'num' }, money(invoice.amount)))))));
}

function amountsCard(invoice) {
  const open = invoice.status === 'open';
  const paid = { amountMinor: invoice.paidMinor, currency: invoice.amount.currency };
  return h('section', { class: 'card', 'aria-labelledby': 'invoice-amounts' },
    h('h2', { id: 'invoice-amounts' }, t('finance.invoice.amounts')),
    h('div', { class: 'area-sums' },
      h('div', {}, h('span', { class: 'label' }, t('finance.field.amount')), h('span', { class: 'value' }, money(invoice.amount))),
      h('div', {}, h('span', { class: 'label' }, t('finance.field.paid')), h('span', { class: 'value', 'data-test': 'invoice-paid' }, money(paid))),
      open ? h('div', {}, h('span', { class: 'label' }, t('finance.field.outstanding')),
        h('span', { class: 'value' + (outstanding(invoice).amountMinor > 0 ? ' area-owes' : ''), 'data-test': 'invoice-outstanding' }, money(outstanding(invoice))))
        : null),
    invoice.status === 'cancelled' && invoice.paidMinor > 0
      ? h('p', { class: 'small muted' }, t('finance.invoice.cancelled_credit', { amount: money(paid) })) : null);
}

/** Recording a payment and cancelling, for managers while the invoice is open. */
function actionsCard(ctx, invoice, show) {
  if (!ctx.can('financeManage') || invoice.status !== 'open') return null;
  const errors = h('div', {});
  const cancel = h('button', {
    class: 'btn btn-danger', type: 'button', 'data-test': 'invoice-cancel',
    onclick: async () => {
      const paid = invoice.paidMinor > 0
        ? ' ' + t('finance.invoice.cancel_paid', { amount: money({ amountMinor: invoice.paidMinor, currency: invoice.amount.currency }) }) : '';
      const yes = await confirmDialog(t('finance.invoice.cancel_confirm', { number: invoice.number }) + paid,
        { confirmLabel: t('finance.invoice.cancel'), danger: true });
      if (!yes) return;
      cancel.disabled = true;
      showProblem(errors, null);
      try {
        await ctx.org.post(`/invoices/${encodeURIComponent(invoice.id)}/cancel`);
        await show(t('finance.invoice.cancelled'));
      } catch (error) {
        cancel.disabled = false;
        if (error.name !== 'AbortError') showProblem(errors, error);
      }
    },
  }, t('finance.invoice.cancel'));
  return h('section', { class: 'card', 'aria-labelledby': 'invoice-actions' },
    h('h2', { id: 'invoice-actions' }, t('common.actions')),
    errors,
    h('div', { class: 'row' },
      h('a', { class: 'btn btn-primary', href: `#/finance/payments/new?invoiceID=${encodeURIComponent(invoice.id)}`, 'data-test': 'invoice-pay' },
        t('finance.payment.new')),
      cancel));
}

async function loadPayments(ctx, invoice, slot) {
  try {
    const page = await ctx.org.get('/payments', { invoiceID: invoice.id, limit: 100 }, { signal: ctx.signal });
    if (page.items.length === 0) {
      replace(slot, h('p', { class: 'muted' }, t('finance.invoice.no_payments')));
      return;
    }
    replace(slot, h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-test': 'invoice-payment-list' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('finance.field.received_on')),
        h('th', { scope: 'col' }, t('finance.field.reference')),
        h('th', { scope: 'col', class: 'num' }, t('finance.field.amount')))),
      h('tbody', {}, page.items.map((p) => h('tr', { 'data-test': 'payment-row' },
        h('td', { class: 'area-nowrap' }, calendarTime(p.receivedOn)),
        h('td', { class: 'mono' }, p.reference ?? ''),
        h('td', { class: 'num' }, money(p.amount))))))));
  } catch (error) {
    if (error.name !== 'AbortError') replace(slot, problemAlert(error));
  }
}
