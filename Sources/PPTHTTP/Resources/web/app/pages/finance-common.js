// Pieces shared by the finance and meter pages: the sub-navigation between their views, invoice
// states, unit names, amounts and decimals typed the way people type them, and forms whose problems
// are shown in the member's language under the fields they concern (the API words field details in
// English only).
import { h, replace } from '../core/dom.js';
import { t, locale, money, date } from '../core/i18n.js';
import { badge, problemText } from '../core/ui.js';
import { Problem } from '../core/api.js';
import { calendarDate, clearFieldErrors, showFieldErrors, today } from './faults-common.js';
import { messages as sharedMessages } from './finance-shared-messages.js';

export { sharedMessages };

const INTL = { sk: 'sk-SK', cs: 'cs-CZ', de: 'de-DE', en: 'en-GB' };

/** A calendar date (`YYYY-MM-DD`) `days` later (or earlier). */
export function addDays(value, days) {
  const d = calendarDate(value);
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A meter value or other decimal with up to `digits` decimals, as the locale writes it. */
export function decimal(value, digits = 3) {
  return new Intl.NumberFormat(INTL[locale()] ?? 'en-GB', { maximumFractionDigits: digits }).format(value);
}

/** The locale's decimal separator ("," in sk, cs and de; "." in en). */
function decimalSeparator() {
  return new Intl.NumberFormat(INTL[locale()] ?? 'en-GB').formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/**
 * A decimal typed by a person ("1 234,56", "1234.56", "1,234.56", "12,5") as a number, or null. With
 * both "." and "," the last one separates the decimals; a lone separator does too, unless three digits
 * follow it and it is not the locale's decimal separator ("1.234" is a thousand in Slovak). Other
 * separators must group thousands. More than `maxDecimals` decimals is not a number.
 */
export function parseDecimal(text, maxDecimals = 6) {
  const compact = String(text ?? '').replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$/.test(compact) || /[.,]$/.test(compact)) return null;
  const separators = [...compact.matchAll(/[.,]/g)];
  if (separators.length === 0) return Number(compact);
  const last = separators.at(-1);
  const kinds = new Set(separators.map((m) => m[0]));
  const after = compact.length - last.index - 1;
  const isDecimal = kinds.size > 1
    || (separators.length === 1 && (after !== 3 || last[0] === decimalSeparator()));
  const whole = isDecimal ? compact.slice(0, last.index) : compact;
  const fraction = isDecimal ? compact.slice(last.index + 1) : '';
  if (fraction.length > maxDecimals) return null;
  // Grouping separators (all but a decimal one) must each be followed by exactly three digits.
  if (!/^\d{1,3}([.,]\d{3})*$/.test(whole) && !/^\d+$/.test(whole)) return null;
  return Number(`${whole.replace(/[.,]/g, '')}.${fraction || '0'}`);
}

/** An amount typed in major units ("145,20") as minor units (14520), or null when it is not one. */
export function parseAmount(text) {
  const value = parseDecimal(text, 2);
  if (value === null) return null;
  return Math.round(value * 100);
}

/** Minor units as the amount a person types back into the amount field ("145,20"). */
export function amountInput(amountMinor) {
  return new Intl.NumberFormat(INTL[locale()] ?? 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false })
    .format(amountMinor / 100);
}

/** The organization's currency (invoices and credit payments must use it). */
export function orgCurrency(ctx) { return ctx.membership?.organization?.currency ?? 'EUR'; }

/** What is still owed on an invoice. */
export function outstanding(invoice) {
  return { amountMinor: Math.max(0, invoice.amount.amountMinor - invoice.paidMinor), currency: invoice.amount.currency };
}

/** `open`, `overdue` (open past its due date; the API derives it the same way), `paid` or `cancelled`. */
export function invoiceState(invoice) {
  return invoice.status === 'open' && invoice.dueDate < today() ? 'overdue' : invoice.status;
}

const STATE_TONE = { open: '', overdue: 'danger', paid: 'ok', cancelled: 'warn' };
export function invoiceBadge(invoice) {
  const state = invoiceState(invoice);
  return badge(t('finance.state.' + state), STATE_TONE[state] ?? '');
}

/** A calendar date as the locale writes it, in a <time>. */
export function calendarTime(value) {
  if (!value) return '';
  return h('time', { datetime: value }, date(calendarDate(value)));
}

/** Units sorted as people count them (A101 before A1010). */
export function sortedUnits(places) {
  return [...places.units.values()].sort((a, b) => {
    const ba = places.buildings.get(a.buildingID)?.name ?? '';
    const bb = places.buildings.get(b.buildingID)?.name ?? '';
    return ba.localeCompare(bb) || a.number.localeCompare(b.number, undefined, { numeric: true });
  });
}

/** "A101" or, when the organization has several buildings, "A101 · Slnečnica A". */
export function unitName(places, unitID) {
  const unit = places.units.get(unitID);
  if (!unit) return t('finance.unit_unknown');
  const building = places.buildings.size > 1 ? places.buildings.get(unit.buildingID)?.name : null;
  return building ? `${unit.number} · ${building}` : unit.number;
}

/** `[value, label]` options of every unit, for selects. */
export function unitOptions(places) {
  return sortedUnits(places).map((u) => [u.id, unitName(places, u.id)]);
}

/**
 * Sub-navigation between the views of one area (`items` are `[route, label]`); the current view is
 * marked for screen readers with aria-current.
 */
export function subnav(label, items, current) {
  useAreaStyles();
  return h('nav', { class: 'area-nav', 'aria-label': label },
    h('ul', {}, items.map(([route, text]) => h('li', {},
      h('a', { href: '#/' + route, 'aria-current': route === current ? 'page' : false }, text)))));
}

/** Moves focus to the page's heading after the page was drawn again (the control used is gone). */
export function focusHeading(root) {
  const heading = root.querySelector('h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

/** A read-only fact list (`rows` are `[label, value]`; null rows are skipped). */
export function facts(rows) {
  return h('dl', { class: 'prop-facts' }, rows.filter(Boolean).map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
}

/** A validation problem raised before calling the API, marked on the named fields. */
export function fieldProblem(errors) {
  return new Problem(422, { code: 'validation.failed', errors: errors.map(([name, detail]) => ({ pointer: '/' + name, detail })) });
}

// The API's field details (English) and the messages we show instead; a detail we do not know is
// shown as the API wrote it.
const DETAILS = [
  [/^(is required|must not be empty)$/, () => t('finance.err.required')],
  [/^must be positive$/, () => t('finance.err.positive')],
  [/^is too large$/, () => t('finance.err.too_large')],
  [/^must be at most (\d+) characters$/, (m) => t('finance.err.too_long', { n: m[1] })],
  [/^expected YYYY-MM-DD/, () => t('finance.err.date')],
  [/^must be a number$|^must be a non-negative number$/, () => t('finance.err.number')],
  [/^must not be before issueDate$/, () => t('finance.err.due_before_issue')],
  [/^already used$/, () => t('finance.err.number_taken')],
  [/^no such unit/, () => t('finance.err.no_unit')],
  [/^no such invoice/, () => t('finance.err.no_invoice')],
  [/^no such building/, () => t('finance.err.no_building')],
  [/^does not match the invoice's unit$/, () => t('finance.err.unit_mismatch')],
  [/^must be the (?:organization's|invoice's) currency \((\w+)\)$/, (m) => t('finance.err.currency', { currency: m[1] })],
  [/^exceeds the amount still due \((\d+)\)$/, (m, o) => t('finance.err.exceeds_due', { amount: money({ amountMinor: Number(m[1]), currency: o.currency ?? 'EUR' }) })],
  [/^must not be lower than the previous reading \(([\d.eE+-]+) on (\d{4}-\d{2}-\d{2})\)$/,
    (m, o) => t('finance.err.reading_lower', { value: readingText(m[1], o), date: calendarText(m[2]) })],
  [/^must not be higher than the later reading \(([\d.eE+-]+) on (\d{4}-\d{2}-\d{2})\)$/,
    (m, o) => t('finance.err.reading_higher', { value: readingText(m[1], o), date: calendarText(m[2]) })],
  [/^must not be in the future$/, () => t('finance.err.future')],
  [/^must not be before opensOn$/, () => t('finance.err.closes_before_opens')],
  [/^a window may last at most a year$/, () => t('finance.err.window_too_long')],
  [/^already registered$/, () => t('finance.err.serial_taken')],
];

function readingText(value, o) { return `${decimal(Number(value))}${o.measureUnit ? ' ' + o.measureUnit : ''}`; }
function calendarText(value) { return date(calendarDate(value)); }

/** Rewrites the field details of `error` in the member's language (`options`: currency, measureUnit). */
export function localizeFieldErrors(error, options = {}) {
  if (!Array.isArray(error?.errors)) return error;
  error.errors = error.errors.map((e) => {
    for (const [pattern, text] of DETAILS) {
      const m = String(e.detail ?? '').match(pattern);
      if (m) return { ...e, detail: text(m, options) };
    }
    return e;
  });
  return error;
}

/** The label of the field a pointer names, for the summary above the form. */
function fieldLabel(form, pointer) {
  const name = String(pointer ?? '').replace(/^\//, '').split('/')[0];
  const input = name ? form.querySelector(`[name="${CSS.escape(name)}"]`) : null;
  const label = input?.id ? form.querySelector(`label[for="${CSS.escape(input.id)}"]`) : null;
  return label?.textContent ?? null;
}

/**
 * A form like core `form()`, but its problems read naturally: each field problem is written under its
 * input and listed above the form with the field's label (not its JSON pointer). `onSubmit(data,
 * form)` may throw a `Problem` or an `Error`; `localize()` gives the options of `localizeFieldErrors`;
 * `attrs` go on the <form>, `submitAttrs` on its submit button.
 */
export function actionForm(children, onSubmit, { submitLabel = t('common.save'), extra = [], localize = () => ({}), attrs = {}, submitAttrs = {} } = {}) {
  const summary = h('div', { tabindex: '-1' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', ...submitAttrs }, submitLabel);
  const el = h('form', { class: 'form', novalidate: true, ...attrs }, summary, children, h('div', { class: 'row' }, submit, extra));
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    submit.disabled = true;
    replace(summary);
    clearFieldErrors(el);
    try {
      await onSubmit(Object.fromEntries(new FormData(el)), el);
    } catch (error) {
      if (error.name === 'AbortError') return;
      localizeFieldErrors(error, localize());
      showFieldErrors(el, error);
      const headline = problemText(error);
      // A field problem that only repeats the headline is shown under its field alone.
      const items = (error.errors ?? []).filter((e) => e.detail !== headline).map((e) => {
        const label = fieldLabel(el, e.pointer);
        return h('li', {}, label ? `${label}: ` : '', e.detail);
      });
      replace(summary, h('div', { class: 'alert error', role: 'alert' },
        h('strong', {}, headline),
        items.length ? h('ul', {}, items) : null,
        error.requestId ? h('div', { class: 'small muted' }, t('problem.request_id', { id: error.requestId })) : null));
      summary.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return el;
}

let styled = false;
/** Styles of the finance and meter pages that app.css lacks (sub-navigation, amounts, summaries). */
export function useAreaStyles() {
  if (styled) return;
  styled = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
    .area-nav { border-bottom: 1px solid var(--border); margin-bottom: 1rem; }
    .area-nav ul { display: flex; flex-wrap: wrap; gap: .25rem; list-style: none; margin: 0; padding: 0; }
    .area-nav a { display: block; padding: .5rem .9rem; color: var(--muted); text-decoration: none; border-bottom: 3px solid transparent; }
    .area-nav a:hover { color: var(--text); }
    .area-nav a[aria-current="page"] { color: var(--text); border-bottom-color: var(--primary); font-weight: 600; }
    table.data td.num, table.data th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    table.data tbody th, table.data tfoot th { text-transform: none; letter-spacing: normal; font-size: inherit; color: var(--text); font-weight: 600; }
    table.data tfoot td, table.data tfoot th { font-weight: 700; border-top: 2px solid var(--border); border-bottom: none; }
    .area-sums { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)); margin-bottom: 1rem; }
    .area-sums > div { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: .75rem 1rem; }
    .area-sums .label { color: var(--muted); font-size: .85rem; display: block; }
    .area-sums .value { font-size: 1.35rem; font-weight: 700; font-variant-numeric: tabular-nums; display: block; }
    .area-owes { color: var(--danger); }
    .area-credit { color: var(--ok); }
    .area-form-card { max-width: 760px; }
    .area-fields { display: grid; gap: .85rem 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 220px), 1fr)); align-items: start; }
    .area-nowrap { white-space: nowrap; }
  `);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
