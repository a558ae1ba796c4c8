// Issuing an invoice to a unit (managers): unit, number, what it is for, amount in the
// organization's currency, issue and due dates.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pageHeader, field, select, toast } from '../core/ui.js';
import { today, useStyles } from './faults-common.js';
import { actionForm, addDays, fieldProblem, orgCurrency, parseAmount, unitOptions, useAreaStyles } from './finance-common.js';
import { financeNav, placesOrEmpty } from './finance-invoices.js';

/** Days between issue and due date that the form proposes. */
const DEFAULT_TERM_DAYS = 14;

export async function renderInvoiceForm(ctx) {
  useStyles();
  useAreaStyles();
  const places = await placesOrEmpty(ctx);
  const currency = orgCurrency(ctx);
  const header = pageHeader(t('finance.invoice.new'), h('a', { href: '#/finance/invoices' }, t('finance.back_invoices')));
  if (places.units.size === 0) {
    return h('div', {}, header, financeNav(ctx, 'finance/invoices'), h('p', { class: 'empty' }, t('finance.no_units')));
  }
  const issued = today();
  const unit = select('unitID', [['', t('finance.choose')], ...unitOptions(places)], ctx.query.unitID ?? '', { required: true });
  const invoiceNumber = h('input', { name: 'number', required: true, maxlength: 40, autocomplete: 'off', spellcheck: false });
  const description = h('textarea', { name: 'description', required: true, maxlength: 500, rows: 3 });
  const amount = h('input', { name: 'amountMinor', required: true, inputmode: 'decimal', autocomplete: 'off' });
  const issueDate = h('input', { name: 'issueDate', type: 'date', required: true, value: issued });
  const dueDate = h('input', { name: 'dueDate', type: 'date', required: true, value: addDays(issued, DEFAULT_TERM_DAYS) });

  const el = actionForm([
    field(t('finance.field.unit'), unit),
    h('div', { class: 'area-fields' },
      field(t('finance.field.number'), invoiceNumber, t('finance.invoice.number_hint')),
      field(t('finance.field.amount_in', { currency }), amount, t('finance.invoice.amount_hint'))),
    field(t('finance.field.description'), description, t('finance.invoice.description_hint')),
    h('div', { class: 'area-fields' },
      field(t('finance.field.issue_date'), issueDate),
      field(t('finance.field.due_date'), dueDate)),
  ], async (data) => {
    const problems = [];
    for (const name of ['unitID', 'number', 'description', 'issueDate', 'dueDate']) {
      if (!String(data[name] ?? '').trim()) problems.push([name, t('finance.err.required')]);
    }
    const amountMinor = parseAmount(data.amountMinor);
    if (!String(data.amountMinor ?? '').trim()) problems.push(['amountMinor', t('finance.err.required')]);
    else if (amountMinor === null) problems.push(['amountMinor', t('finance.err.amount')]);
    else if (amountMinor <= 0) problems.push(['amountMinor', t('finance.err.positive')]);
    if (data.issueDate && data.dueDate && data.dueDate < data.issueDate) problems.push(['dueDate', t('finance.err.due_before_issue')]);
    if (problems.length) throw fieldProblem(problems);
    const invoice = await ctx.org.post('/invoices', {
      unitID: data.unitID, number: data.number.trim(), description: data.description.trim(),
      amountMinor, currency, issueDate: data.issueDate, dueDate: data.dueDate,
    });
    toast(t('finance.invoice.created', { number: invoice.number }));
    ctx.navigate(`finance/invoices/${invoice.id}`);
  }, {
    submitLabel: t('finance.invoice.issue'),
    localize: () => ({ currency }),
    attrs: { 'data-test': 'invoice-form', 'aria-label': t('finance.invoice.new') },
  });
  return h('div', {}, header, financeNav(ctx, 'finance/invoices'), h('div', { class: 'card area-form-card' }, el));
}
