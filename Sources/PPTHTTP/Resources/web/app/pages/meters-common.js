// Pieces shared by the meter pages: meter kinds and their usual units, who may submit readings, the
// reading windows that accept them, and the meters views' sub-navigation.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { badge } from '../core/ui.js';
import { today } from './faults-common.js';
import { calendarTime, decimal, subnav } from './finance-common.js';

/** The kinds the API knows, with the unit of measure it assumes when none is given (MeterKind). */
export const METER_KINDS = { cold_water: 'm³', hot_water: 'm³', heat: 'kWh', electricity: 'kWh', gas: 'm³' };

/** Whether the member reads every meter (staff, technicians) rather than only their own units' ones. */
export function readsAllMeters(ctx) { return ctx.can('metersReadAll') || ctx.can('metersManage'); }

export function metersNav(ctx, current) {
  const mine = !readsAllMeters(ctx);
  return subnav(t('meters.nav_label'), [
    ['meters', t(mine ? 'meters.tab.my_meters' : 'meters.tab.meters')],
    ['meters/windows', t('meters.tab.windows')],
  ], current);
}

export function kindName(kind) { return t('meters.kind.' + kind); }

/** "131,27 m³". */
export function readingValue(value, meter) { return `${decimal(value)} ${meter.unit}`.trim(); }

/** `open`, `upcoming` or `closed` on today's date. */
export function windowState(window, day = today()) {
  if (window.opensOn > day) return 'upcoming';
  return window.closesOn >= day ? 'open' : 'closed';
}

const WINDOW_TONE = { open: 'ok', upcoming: '', closed: 'warn' };
export function windowBadge(window) {
  const state = windowState(window);
  return badge(t('meters.window.state.' + state), WINDOW_TONE[state]);
}

/** Whether a window covers a unit: an organization-wide one, or one for the unit's building. */
function covers(window, unit) { return !window.buildingID || window.buildingID === unit?.buildingID; }

/** The window accepting readings for `unit` today (the latest opened, as the API picks), or null. */
export function openWindowFor(windows, unit) {
  const day = today();
  return windows.filter((w) => covers(w, unit) && windowState(w, day) === 'open')
    .sort((a, b) => b.opensOn.localeCompare(a.opensOn))[0] ?? null;
}

/** The next window still to open for `unit`, or null. */
export function nextWindowFor(windows, unit) {
  const day = today();
  return windows.filter((w) => covers(w, unit) && windowState(w, day) === 'upcoming')
    .sort((a, b) => a.opensOn.localeCompare(b.opensOn))[0] ?? null;
}

/** Reading windows the member can see (the first 100, newest first; they are few). */
export async function loadWindows(ctx) {
  const page = await ctx.org.get('/reading-windows', { limit: 100 }, { signal: ctx.signal });
  return page.items;
}

/** A window's dates, "27 Nov 2026 – 11 Dec 2026". */
export function windowDates(window) {
  return h('span', {}, calendarTime(window.opensOn), ' – ', calendarTime(window.closesOn));
}
