// Payments: the paged list (a resident's own units only, as the API filters) and, for managers,
// recording money received against an open invoice or as credit on a unit's account.
import { h, replace } from '../core/dom.js';
import { t, money } from '../core/i18n.js';
import { pageHeader, field, select, toast } from '../core/ui.js';
import { today, useStyles } from './faults-common.js';
import {
  actionForm, amountInput, calendarTime, fieldProblem, orgCurrency, outstanding, parseAmount, unitName, unitOptions,
  useAreaStyles,
} from './finance-common.js';
import { financeNav, placesOrEmpty } from './finance-invoices.js';
import { filterForm, pagedRows } from './finance-pager.js';

const PAGE_SIZE = 25;

/** Invoices by id, fetched once each: payments name their invoice only by id. */
function invoiceCache(ctx) {
  const cache = new Map();
  return (id) => {
    if (!cache.has(id)) cache.set(id, ctx.org.get(`/invoices/${encodeURIComponent(id)}`, undefined, { signal: ctx.signal }));
    return cache.get(id);
  };
}

/** A link to the payment's invoice, showing its number once known. */
function invoiceLink(invoiceOf, invoiceID) {
  const link = h('a', { href: `#/finance/invoices/${encodeURIComponent(invoiceID)}`, class: 'mono' }, t('finance.payment.invoice_link'));
  invoiceOf(invoiceID).then((invoice) => { link.textContent = invoice.number; }, () => {});
  return link;
}

export async function renderPaymentList(ctx) {
  useStyles();
  useAreaStyles();
  const places = await placesOrEmpty(ctx);
  const mine = !ctx.can('financeReadAll');
  const invoiceOf = invoiceCache(ctx);
  const filters = { unitID: ctx.query.unitID ?? '' };
  const showUnit = !mine || places.units.size > 1;
  const results = h('div', {});
  const controls = places.units.size > 1
    ? [field(t('finance.field.unit'), select('unitID', [['', t('finance.any_unit')], ...unitOptions(places)], filters.unitID))]
    : [];

  function load() {
    replace(results, pagedRows({
      load: (cursor) => ctx.org.get('/payments', { unitID: filters.unitID || undefined, limit: PAGE_SIZE, cursor }, { signal: ctx.signal }),
      row: (p) => h('tr', { 'data-test': 'payment-row', 'data-id': p.id },
        h('td', { class: 'area-nowrap' }, calendarTime(p.receivedOn)),
        showUnit ? h('td', { class: 'area-nowrap' }, unitName(places, p.unitID)) : null,
        h('td', {}, p.invoiceID ? invoiceLink(invoiceOf, p.invoiceID) : h('span', { class: 'muted' }, t('finance.payment.credit'))),
        h('td', { class: 'mono' }, p.reference ?? ''),
        h('td', { class: 'num' }, money(p.amount))),
      headings: [
        [t('finance.field.received_on')], showUnit ? [t('finance.field.unit')] : null, [t('finance.field.invoice')],
        [t('finance.field.reference')], [t('finance.field.amount'), 'num'],
      ],
      caption: t(mine ? 'finance.payments.title_mine' : 'finance.payments.title'),
      empty: t(filters.unitID ? 'finance.payments.empty_filtered' : (mine ? 'finance.payments.empty_mine' : 'finance.payments.empty')),
      attrs: { 'data-test': 'payment-list' },
    }));
  }

  load();
  return h('div', {},
    pageHeader(t(mine ? 'finance.payments.title_mine' : 'finance.payments.title'),
      ctx.can('financeManage')
        ? h('a', { class: 'btn btn-primary', href: '#/finance/payments/new' + (filters.unitID ? `?unitID=${encodeURIComponent(filters.unitID)}` : ''), 'data-test': 'payment-create' },
          t('finance.payment.new'))
        : null),
    financeNav(ctx, 'finance/payments'),
    controls.length ? filterForm('finance/payments', t('finance.filter.payments'), filters, controls, load) : null,
    results);
}

/** The open invoices of a unit, oldest due first (the ones a payment most likely settles). */
async function openInvoices(ctx, unitID) {
  const page = await ctx.org.get('/invoices', { unitID, status: 'open', limit: 100 }, { signal: ctx.signal });
  return page.items.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

export async function renderPaymentForm(ctx) {
  useStyles();
  useAreaStyles();
  const places = await placesOrEmpty(ctx);
  const currency = orgCurrency(ctx);
  const header = pageHeader(t('finance.payment.new'), h('a', { href: '#/finance/payments' }, t('finance.back_payments')));
  if (places.units.size === 0) {
    return h('div', {}, header, financeNav(ctx, 'finance/payments'), h('p', { class: 'empty' }, t('finance.no_units')));
  }

  // A payment started from an invoice ("Record a payment" there) comes with it chosen.
  let preset = null;
  if (ctx.query.invoiceID) {
    try {
      preset = await ctx.org.get(`/invoices/${encodeURIComponent(ctx.query.invoiceID)}`, undefined, { signal: ctx.signal });
    } catch (error) {
      if (error.name === 'AbortError') throw error;
    }
  }
  const unit = select('unitID', [['', t('finance.choose')], ...unitOptions(places)], preset?.unitID ?? ctx.query.unitID ?? '', { required: true });
  const invoice = h('select', { name: 'invoiceID' });
  const invoiceHint = h('span', {});
  const amount = h('input', { name: 'amountMinor', required: true, inputmode: 'decimal', autocomplete: 'off' });
  const amountHint = h('span', {}, t('finance.payment.amount_hint', { currency }));
  const receivedOn = h('input', { name: 'receivedOn', type: 'date', required: true, value: today(), max: today() });
  const reference = h('input', { name: 'reference', maxlength: 140, autocomplete: 'off', spellcheck: false });
  let invoices = [];
  let proposed = '';

  const chosen = () => invoices.find((i) => i.id === invoice.value) ?? null;

  /** Proposes what is still owed, unless the person typed an amount of their own. */
  function onInvoiceChange() {
    const current = chosen();
    const owed = current ? amountInput(outstanding(current).amountMinor) : '';
    if (amount.value === '' || amount.value === proposed) amount.value = owed;
    proposed = owed;
    invoiceHint.textContent = current
      ? t('finance.payment.owed', { amount: money(outstanding(current)) })
      : t('finance.payment.credit_hint');
  }

  async function fillInvoices(selectedID) {
    invoice.disabled = true;
    invoices = [];
    replace(invoice, h('option', { value: '' }, t('finance.payment.no_invoice')));
    try {
      if (unit.value) invoices = await openInvoices(ctx, unit.value);
    } catch (error) {
      if (error.name === 'AbortError') return;
    } finally {
      invoice.disabled = false;
    }
    invoice.append(...invoices.map((i) => h('option', { value: i.id, selected: i.id === selectedID },
      t('finance.payment.invoice_option', { number: i.number, amount: money(outstanding(i)) }))));
    onInvoiceChange();
  }
  unit.addEventListener('change', () => fillInvoices(''));
  invoice.addEventListener('change', onInvoiceChange);
  await fillInvoices(preset?.status === 'open' ? preset.id : '');

  const el = actionForm([
    h('div', { class: 'area-fields' },
      field(t('finance.field.unit'), unit),
      field(t('finance.field.invoice'), invoice, invoiceHint)),
    h('div', { class: 'area-fields' },
      field(t('finance.field.amount_in', { currency }), amount, amountHint),
      field(t('finance.field.received_on'), receivedOn)),
    field(t('finance.field.reference'), reference, t('finance.payment.reference_hint')),
  ], async (data) => {
    const problems = [];
    const current = chosen();
    if (!data.unitID) problems.push(['unitID', t('finance.err.required')]);
    if (!data.receivedOn) problems.push(['receivedOn', t('finance.err.required')]);
    const amountMinor = parseAmount(data.amountMinor);
    if (!String(data.amountMinor ?? '').trim()) problems.push(['amountMinor', t('finance.err.required')]);
    else if (amountMinor === null) problems.push(['amountMinor', t('finance.err.amount')]);
    else if (amountMinor <= 0) problems.push(['amountMinor', t('finance.err.positive')]);
    else if (current && amountMinor > outstanding(current).amountMinor) {
      problems.push(['amountMinor', t('finance.err.exceeds_due', { amount: money(outstanding(current)) })]);
    }
    if (problems.length) throw fieldProblem(problems);
    const payment = await ctx.org.post('/payments', {
      unitID: data.unitID, invoiceID: current?.id ?? null, amountMinor,
      currency: current?.amount.currency ?? currency, receivedOn: data.receivedOn,
      reference: data.reference?.trim() || null,
    });
    toast(t('finance.payment.recorded', { amount: money(payment.amount) }));
    ctx.navigate(current ? `finance/invoices/${current.id}` : `finance/payments?unitID=${encodeURIComponent(payment.unitID)}`);
  }, {
    submitLabel: t('finance.payment.record'),
    localize: () => ({ currency: chosen()?.amount.currency ?? currency }),
    attrs: { 'data-test': 'payment-form', 'aria-label': t('finance.payment.new') },
  });
  return h('div', {}, header, financeNav(ctx, 'finance/payments'), h('div', { class: 'card area-form-card' }, el));
}
