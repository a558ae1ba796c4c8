// What the building, unit and lease pages share: who counts as living in the organization (the API
// shows those roles only their own homes), unit and building labels, the ownership share, numbers
// typed the local way, and a "Load more" table whose rows carry test hooks.
import { h, replace } from '../core/dom.js';
import { t, number, locale } from '../core/i18n.js';
import { problemAlert, loading } from '../core/ui.js';
import { Problem } from '../core/api.js';
import { useStyles } from './faults-common.js';

export const UNIT_TYPES = ['flat', 'commercial', 'garage', 'parking', 'storage', 'other'];
export const RESIDENT_RELATIONS = ['owner', 'tenant', 'family_member'];

/** Roles whose world is their own units (Role.isResidentLike): the API filters every list for them. */
const RESIDENT_LIKE = ['owner', 'tenant', 'resident'];
export function isResidentLike(ctx) { return RESIDENT_LIKE.includes(ctx.membership?.role); }

/** "Flat A102", "Garage G1". */
export function unitName(unit) {
  return t('buildings.unit.named.' + (UNIT_TYPES.includes(unit.type) ? unit.type : 'other'), { number: unit.number });
}

/** "Mlynské nivy 12, 82109 Bratislava". */
export function address(building) {
  return [building.street, [building.postalCode, building.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/** A country code as the reader's language names it ("SK" → "Slovakia"), falling back to the code. */
export function countryName(code) {
  try {
    return new Intl.DisplayNames([locale()], { type: 'region' }).of(String(code).toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** The share of the common parts: "7 430 / 36 960 (20.10 %)". */
export function shareText(unit) {
  const { ownershipShareNumerator: n, ownershipShareDenominator: d } = unit;
  if (!d) return '—';
  const percent = new Intl.NumberFormat(locale(), { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n / d);
  return `${number(n)} / ${number(d)} (${percent})`;
}

/** Square metres in the locale ("74,3 m²"). */
export function area(sizeSqm) {
  return t('buildings.unit.sqm', { n: new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(sizeSqm) });
}

/** Sorts units as people count doors (A2 before A10). */
export function byNumber(a, b) { return a.number.localeCompare(b.number, undefined, { numeric: true }); }

/** A decimal typed with a comma or a point ("74,5", "1 240.50"); NaN when it is not a number. */
export function parseDecimal(text) {
  const cleaned = String(text ?? '').replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : NaN;
}

/** A decimal amount of money typed by a person as minor units (cents); NaN when it is not an amount. */
export function parseMoneyMinor(text) {
  const cleaned = String(text ?? '').replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return NaN;
  const [whole, fraction = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** A decimal as a person edits it in their language ("62.5" → "62,5" in Slovak). */
export function decimalToInput(value) {
  const text = String(value);
  return ['sk', 'cs', 'de'].includes(locale()) ? text.replace('.', ',') : text;
}

/** Minor units as the decimal a person edits ("620.5" → "620,50" in Slovak). */
export function minorToInput(amountMinor) { return decimalToInput((Number(amountMinor) / 100).toFixed(2)); }

/** A 422 problem with one field error per `[pointer, message]`, so the form marks them like the API's. */
export function fieldProblem(errors) {
  return new Problem(422, { code: 'validation.failed', errors: errors.map(([pointer, detail]) => ({ pointer, detail })) });
}

/** Throws a validation problem naming every empty required field, so all are marked at once
 *  (the API's decoder stops at the first missing one). */
export function requireFilled(data, names) {
  const missing = names.filter((name) => !String(data[name] ?? '').trim());
  if (missing.length) throw fieldProblem(missing.map((name) => ['/' + name, t('buildings.required')]));
}

/** A table of `rows` (all loaded): `columns` are `[heading, row => cell]`, `rowAttrs(row)` each row's attributes. */
export function dataTable({ columns, rows, rowAttrs = () => ({}), emptyText, caption, attrs = {} }) {
  if (rows.length === 0) return h('p', { class: 'empty', ...attrs }, emptyText ?? t('common.empty'));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', ...attrs },
    caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, rows.map((row) => h('tr', rowAttrs(row), columns.map(([, cell]) => h('td', {}, cell(row))))))));
}

/**
 * A table over a cursor-paged list with "Load more". `columns` are `[heading, item => cell]`,
 * `load(cursor)` resolves to `{ items, nextCursor }`, `rowAttrs(item)` gives each row's attributes
 * (test hooks). Returns the region; `attrs` go on the table.
 */
export function pagedTable({ columns, load, rowAttrs = () => ({}), emptyText, caption, attrs = {}, shownKey }) {
  const region = h('div', {}, loading());
  const body = h('tbody');
  const status = h('p', { class: 'small muted', role: 'status' });
  const problem = h('div');
  const more = h('button', { class: 'btn', type: 'button', hidden: true, onclick: () => next(false) }, t('common.more'));
  let cursor = null;
  let shown = 0;

  async function next(first) {
    more.disabled = true;
    replace(problem);
    try {
      const page = await load(cursor);
      if (first) {
        if (page.items.length === 0) { replace(region, h('p', { class: 'empty', ...attrs }, emptyText ?? t('common.empty'))); return; }
        replace(region, h('div', { class: 'table-wrap' }, h('table', { class: 'data', ...attrs },
          caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
          h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', { scope: 'col' }, heading)))), body)),
        h('div', { class: 'row' }, more, status), problem);
      }
      for (const item of page.items) body.append(h('tr', rowAttrs(item), columns.map(([, cell]) => h('td', {}, cell(item)))));
      shown += page.items.length;
      cursor = page.nextCursor ?? null;
      more.hidden = !cursor;
      status.textContent = t(shownKey ?? 'buildings.shown', { n: number(shown) });
    } catch (error) {
      if (error.name === 'AbortError') return;
      const retry = h('button', { class: 'btn', type: 'button', onclick: () => next(first) }, t('common.retry'));
      if (first) replace(region, problemAlert(error), retry); else replace(problem, problemAlert(error));
    } finally {
      more.disabled = false;
    }
  }
  next(true);
  return region;
}

/** The organization's members by name, for roles that may list them; otherwise (or on failure) none. */
export async function loadMembers(ctx) {
  if (!ctx.can('membersRead')) return [];
  try {
    const members = await ctx.org.get('/members', undefined, { signal: ctx.signal });
    return members.sort((a, b) => a.user.name.localeCompare(b.user.name));
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    return [];
  }
}

/** A definition list of `[label, value]` pairs (nulls skipped), styled by faults-common's `.prop-facts`. */
export function facts(pairs, attrs = {}) {
  return h('dl', { class: 'prop-facts', ...attrs },
    pairs.filter(Boolean).map(([label, value]) => [h('dt', {}, label), h('dd', {}, value ?? '—')]));
}

let styled = false;
/** The property pages' styles (faults-common) plus form rows that keep their gap when they wrap. */
export function useEstateStyles() {
  useStyles();
  if (styled) return;
  styled = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
    .estate-two { display: grid; gap: .85rem 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 240px), 1fr)); align-items: start; }
    .estate-head { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; justify-content: space-between; }
    .estate-head h2 { margin: 0; }
    h3.estate-sub { margin: 1.1rem 0 .4rem; }
    /* Fieldsets grow to their widest option by default; on a phone that pushes the form off screen. */
    .estate-form fieldset { min-width: 0; }
    .estate-form select, .estate-form input { max-width: 100%; min-width: 0; }
    h3.estate-sub:first-of-type { margin-top: .25rem; }
  `);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
