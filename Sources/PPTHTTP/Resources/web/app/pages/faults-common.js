// Pieces shared by the property pages (dashboard, faults, announcements, notifications): badges for
// fault states, calendar dates, paging through every page of a list, field errors next to inputs,
// slots with their own retry, and the few styles the shared stylesheet does not have.
import { h, replace } from '../core/dom.js';
import { t, has, locale, number } from '../core/i18n.js';
import { badge, loading, pageHeader, problemAlert } from '../core/ui.js';
import { Problem } from '../core/api.js';

export const FAULT_STATUSES = ['new', 'acknowledged', 'in_progress', 'on_hold', 'resolved', 'closed', 'rejected'];
export const OPEN_FAULT_STATUSES = ['new', 'acknowledged', 'in_progress', 'on_hold'];
export const FAULT_PRIORITIES = ['low', 'medium', 'high', 'urgent'];
export const FAULT_CATEGORIES = ['plumbing', 'electrical', 'heating', 'elevator', 'structural', 'cleaning', 'security', 'other'];

/** The lifecycle as the API enforces it (FaultStatus.allowedNext), so we only offer allowed moves. */
export const FAULT_NEXT = {
  new: ['acknowledged', 'in_progress', 'rejected', 'resolved'],
  acknowledged: ['in_progress', 'on_hold', 'resolved', 'rejected'],
  in_progress: ['on_hold', 'resolved'],
  on_hold: ['in_progress', 'resolved', 'rejected'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  rejected: ['new'],
};

const STATUS_TONE = { new: 'warn', acknowledged: '', in_progress: '', on_hold: 'warn', resolved: 'ok', closed: 'ok', rejected: 'danger' };
const PRIORITY_TONE = { low: '', medium: '', high: 'warn', urgent: 'danger' };

export function faultStatusBadge(status, suffix = '') {
  return badge(t('faults.status.' + status) + (suffix ? ` ${suffix}` : ''), STATUS_TONE[status] ?? '');
}
export function faultPriorityBadge(priority) { return badge(t('faults.priority.' + priority), PRIORITY_TONE[priority] ?? ''); }

/** "Building A · Unit A102", or the common areas when the fault names no unit. */
export function faultPlace(places, fault) {
  const building = places.buildings.get(fault.buildingID)?.name ?? '';
  const unit = fault.unitID ? places.units.get(fault.unitID) : null;
  const where = fault.unitID ? (unit ? t('faults.unit_n', { n: unit.number }) : '') : t('faults.common_area');
  return [building, where].filter(Boolean).join(' · ');
}

/** The plural form of `key` for `n` (`key.one`, `key.few`, … as Intl.PluralRules names them; `key.other` otherwise). */
export function plural(key, n) {
  const form = `${key}.${new Intl.PluralRules(locale()).select(n)}`;
  return t(has(form) ? form : `${key}.other`, { n: number(n) });
}

/** A `YYYY-MM-DD` calendar date as a local Date (new Date('2026-10-31') would be UTC midnight). */
export function calendarDate(value) {
  const [y, m, d] = String(value).split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** Today as `YYYY-MM-DD` in the browser's time zone. */
export function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Every item of a cursor-paged list: `load(cursor)` returns `{ items, nextCursor }`; stops after `maxPages`. */
export async function allPages(load, maxPages = 10) {
  const items = [];
  let cursor;
  for (let i = 0; i < maxPages; i++) {
    const page = await load(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** The organization's buildings and units by id (both lists are small; residents get only their own). */
export async function loadPlaces(ctx) {
  const [buildings, units] = await Promise.all([
    allPages((cursor) => ctx.org.get('/buildings', { limit: 200, cursor }, { signal: ctx.signal })),
    allPages((cursor) => ctx.org.get('/units', { limit: 200, cursor }, { signal: ctx.signal })),
  ]);
  return {
    buildings: new Map(buildings.map((b) => [b.id, b])),
    units: new Map(units.map((u) => [u.id, u])),
  };
}

/** Member names by user id, for roles that may list members; otherwise (or on failure) an empty map. */
export async function loadPeople(ctx) {
  if (!ctx.can('membersRead')) return new Map();
  try {
    const members = await ctx.org.get('/members', undefined, { signal: ctx.signal });
    return new Map(members.map((m) => [m.user.id, { name: m.user.name, role: m.role }]));
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    return new Map();
  }
}

/** How a person is named: "you", their name when we may know it, else "another member". */
export function personName(ctx, people, id) {
  if (!id) return '';
  if (id === ctx.user.id) return t('faults.you');
  return people.get(id)?.name ?? t('faults.someone');
}

let errorCounter = 0;
/** Writes each field problem of `error` under its input (found by `name`) and links it for screen readers. */
export function showFieldErrors(form, error) {
  clearFieldErrors(form);
  for (const e of error?.errors ?? []) {
    // A group (audience checkboxes) claims a whole pointer with data-pointer; single inputs go by name.
    const pointer = String(e.pointer ?? '');
    const name = pointer.replace(/^\//, '').split('/')[0];
    const input = form.querySelector(`[data-pointer="${CSS.escape(pointer)}"]`)
      ?? (name ? form.querySelector(`[name="${CSS.escape(name)}"]`) : null);
    const holder = input?.closest('.field, fieldset');
    if (!holder) continue;
    const id = `${input.id || name || 'field'}-error-${++errorCounter}`;
    holder.append(h('div', { class: 'error', id, 'data-field-error': '' }, e.detail));
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
  }
}

/** Removes what `showFieldErrors` added. */
export function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('[data-field-error]')) {
    const selector = `[aria-describedby~="${CSS.escape(el.id)}"]`;
    const holder = el.parentElement;
    const input = holder.matches(selector) ? holder : holder.querySelector(selector);
    if (input) {
      input.removeAttribute('aria-invalid');
      const rest = input.getAttribute('aria-describedby').split(' ').filter((id) => id !== el.id).join(' ');
      if (rest) input.setAttribute('aria-describedby', rest); else input.removeAttribute('aria-describedby');
    }
    el.remove();
  }
}

/** Throws a validation problem naming every empty required field, so all are marked at once
 *  (the API stops at the first field its decoder misses). */
export function requireFilled(data, names) {
  const missing = names.filter((name) => !String(data[name] ?? '').trim());
  if (missing.length === 0) return;
  throw new Problem(422, {
    code: 'validation.failed',
    errors: missing.map((name) => ({ pointer: '/' + name, detail: t('faults.required') })),
  });
}

/** Wraps a `form()` submit handler so field problems also appear under their inputs. */
export function withFieldErrors(onSubmit) {
  return async (data, form) => {
    clearFieldErrors(form);
    try {
      return await onSubmit(data, form);
    } catch (error) {
      showFieldErrors(form, error);
      throw error;
    }
  };
}

/** A page whose subject could not be loaded: its heading, the problem and the way back. */
export function failedPage(title, error, backHref, backLabel) {
  if (error.name === 'AbortError') throw error;
  return h('div', {}, pageHeader(title, h('a', { href: backHref }, backLabel)), problemAlert(error));
}

/** Like `into`, but a failure offers a retry button in the slot itself. */
export async function loadInto(slot, load) {
  replace(slot, loading());
  try {
    replace(slot, await load());
  } catch (error) {
    if (error.name === 'AbortError') return;
    replace(slot, problemAlert(error),
      h('button', { class: 'btn', type: 'button', onclick: () => loadInto(slot, load) }, t('common.retry')));
  }
}

/** A labelled checkbox. */
export function checkbox(name, label, checked = false, attrs = {}) {
  const id = `${name}-${Math.random().toString(36).slice(2, 8)}`;
  return h('div', { class: 'checkbox' },
    h('input', { type: 'checkbox', id, name, checked, ...attrs }), h('label', { for: id }, label));
}

let styled = false;
/** Adds the styles of the property pages once (thumbnails, unread items, compact lists). */
export function useStyles() {
  if (styled) return;
  styled = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
    .prop-two { display: grid; gap: 0 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 340px), 1fr)); align-items: start; }
    .prop-list { list-style: none; margin: 0; padding: 0; }
    .prop-list > li { padding: .6rem 0; border-bottom: 1px solid var(--border); }
    .prop-list > li:last-child { border-bottom: none; }
    .prop-list .row { justify-content: space-between; }
    .prop-cards > li { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: .85rem 1rem; margin-bottom: .75rem; box-shadow: var(--shadow); }
    .prop-cards > li.pinned { border-left: 4px solid var(--primary); }
    .prop-unread { border-left: 4px solid var(--primary) !important; background: var(--primary-soft) !important; }
    .prop-unread .prop-title { font-weight: 700; }
    .prop-text { white-space: pre-wrap; overflow-wrap: anywhere; }
    .prop-facts { display: grid; grid-template-columns: minmax(7rem, max-content) 1fr; gap: .35rem 1rem; margin: 0; }
    .prop-facts dt { color: var(--muted); }
    .prop-facts dd { margin: 0; overflow-wrap: anywhere; }
    .prop-photos { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; margin: 0; }
    .prop-photos button { padding: 0; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); cursor: zoom-in; width: 128px; height: 96px; display: grid; place-items: center; overflow: hidden; }
    .prop-photos img { width: 100%; height: 100%; object-fit: cover; display: block; }
    .prop-photo-full { max-width: 100%; max-height: 70vh; display: block; margin: 0 auto; }
    .prop-uploads { list-style: none; padding: 0; margin: 0; display: grid; gap: .35rem; }
    .prop-stat-row { display: flex; align-items: baseline; gap: .5rem; flex-wrap: wrap; }
    fieldset.field { border: 1px solid var(--border); border-radius: 6px; padding: .5rem .75rem; margin: 0; }
    fieldset.field legend { font-weight: 600; font-size: .9rem; padding: 0 .25rem; }
    .prop-choices { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
    fieldset.field .checkbox label { font-weight: 400; }
    @media (max-width: 520px) { .prop-facts { grid-template-columns: 1fr; } .prop-facts dd { margin-bottom: .35rem; } }
  `);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
