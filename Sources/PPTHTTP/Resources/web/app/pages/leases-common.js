// What the lease pages (and the unit page) share: the lifecycle as the API enforces it, status
// badges, the lease period, the tenants' names, unit labels and the list's title.
import { t, date } from '../core/i18n.js';
import { badge } from '../core/ui.js';
import { calendarDate, allPages } from './faults-common.js';
import { byNumber, isResidentLike } from './buildings-common.js';

export const LEASE_STATUSES = ['draft', 'active', 'terminated', 'expired'];

/** LeaseStatus.canTransition: draft → active → terminated | expired; nothing leaves the last two. */
export const LEASE_NEXT = { draft: ['active'], active: ['terminated', 'expired'], terminated: [], expired: [] };

/** LeaseStatus.isEditable: only draft and active leases accept new terms. */
export function leaseEditable(lease) { return lease.status === 'draft' || lease.status === 'active'; }

const TONE = { draft: 'warn', active: 'ok', terminated: 'danger', expired: '' };
export function leaseStatusBadge(status) {
  return badge(t('leases.status.' + status), TONE[status] ?? '');
}

/** "1 Feb 2026 – 31 Jan 2027", or "from 1 Feb 2026 (open-ended)". */
export function periodText(lease) {
  const start = date(calendarDate(lease.startDate));
  return lease.endDate
    ? t('leases.period', { start, end: date(calendarDate(lease.endDate)) })
    : t('leases.period_open', { start });
}

/** The tenants' names, "Eva Tóthová, Peter Tóth". */
export function partyNames(parties) {
  return parties.map((p) => p.name).join(', ') || '—';
}

/** Units (and their buildings) by id, labelled "A102 · Slnečnica A"; empty maps when they cannot be read. */
export async function loadUnitLabels(ctx) {
  try {
    const [buildings, units] = await Promise.all([
      allPages((cursor) => ctx.org.get('/buildings', { limit: 200, cursor }, { signal: ctx.signal })),
      allPages((cursor) => ctx.org.get('/units', { limit: 200, cursor }, { signal: ctx.signal }), 25),
    ]);
    const names = new Map(buildings.map((b) => [b.id, b.name]));
    units.sort((a, b) => (names.get(a.buildingID) ?? '').localeCompare(names.get(b.buildingID) ?? '') || byNumber(a, b));
    return new Map(units.map((u) => [u.id, { unit: u, label: [u.number, names.get(u.buildingID)].filter(Boolean).join(' · ') }]));
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    return new Map();
  }
}

/** The list's title as the reader relates to the leases: all of them, their units' or their own. */
export function listTitle(ctx) {
  if (!isResidentLike(ctx)) return t('leases.title');
  return t(ctx.membership.role === 'owner' ? 'leases.title_owner' : 'leases.title_tenant');
}
