// Pieces shared by the vote pages: status badges, the audience of a vote, the units the member may
// vote for, their answer state, date inputs and the few styles the shared stylesheet lacks.
import { h } from '../core/dom.js';
import { t, dateTime } from '../core/i18n.js';
import { badge } from '../core/ui.js';
import { allPages, today } from './faults-common.js';

export const VOTE_STATUSES = ['draft', 'scheduled', 'active', 'closed'];
const STATUS_TONE = { draft: 'warn', scheduled: '', active: 'ok', closed: '' };
const RESIDENT_ROLES = ['owner', 'tenant', 'resident'];

export function voteStatusBadge(status) { return badge(t('votes.status.' + status), STATUS_TONE[status] ?? ''); }

/** The organization's buildings by id (a short list). */
export async function loadBuildings(ctx) {
  const buildings = await allPages((cursor) => ctx.org.get('/buildings', { limit: 200, cursor }, { signal: ctx.signal }));
  return new Map(buildings.map((b) => [b.id, b]));
}

/** Who votes: the building's owners or every owner of the organization. */
export function audienceText(vote, buildings) {
  if (!vote.buildingID) return t('votes.audience.all');
  const name = buildings.get(vote.buildingID)?.name;
  return name ? t('votes.audience.building', { name }) : t('votes.audience.one_building');
}

/** "Unit A101". */
export function unitLabel(unit) { return t('votes.unit_n', { n: unit?.number ?? '—' }); }

let voterCache = null;
/**
 * The units the member owns today, which the API lets them vote for. Only resident-like roles have a
 * list of their own units (staff list every unit, and nothing tells which of those they own), so staff
 * get none. Kept for a minute so the list and the detail page do not ask twice.
 */
export async function loadVoterUnits(ctx) {
  if (!ctx.can('votesRespond') || !RESIDENT_ROLES.includes(ctx.membership?.role)) return [];
  const key = `${ctx.orgID}:${ctx.user.id}`;
  if (voterCache?.key === key && Date.now() - voterCache.at < 60_000) return voterCache.units;
  const units = await allPages((cursor) => ctx.org.get('/units', { limit: 200, cursor }, { signal: ctx.signal }));
  const day = today();
  const owned = await Promise.all(units.map(async (unit) => {
    const residents = await ctx.org.get(`/units/${unit.id}/residents`, undefined, { signal: ctx.signal });
    return residents.some((r) => r.userID === ctx.user.id && r.relation === 'owner'
      && r.startDate <= day && (!r.endDate || r.endDate >= day)) ? unit : null;
  }));
  const result = owned.filter(Boolean).sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }));
  voterCache = { key, at: Date.now(), units: result };
  return result;
}

/** The member's units that may answer `vote` (all of them, or those in its building). */
export function eligibleUnits(vote, units) {
  return units.filter((u) => !vote.buildingID || u.buildingID === vote.buildingID);
}

/** Whether answers are accepted now: active and its end (if any) still ahead. */
export function acceptsAnswers(vote) {
  return vote.status === 'active' && (!vote.endsAt || new Date(vote.endsAt) > new Date());
}

/**
 * How far the member's `units` have answered `vote` from their `responses`: `{ key, tone }`, the key
 * naming a `votes.mine.*` message, or null when there is nothing to say (drafts, scheduled votes).
 */
export function answerState(vote, units, responses) {
  if (units.length === 0) return { key: 'not_eligible', tone: '' };
  if (vote.status !== 'active' && vote.status !== 'closed') return null;
  const questions = vote.questions.map((q) => q.id);
  const complete = units.filter((u) => questions.every((q) => responses.some((r) => r.unitID === u.id && r.questionID === q)));
  const any = units.filter((u) => responses.some((r) => r.unitID === u.id));
  if (vote.status === 'closed') return any.length ? { key: 'voted', tone: 'ok' } : { key: 'did_not_vote', tone: '' };
  if (complete.length === units.length) return { key: 'answered', tone: 'ok' };
  if (any.length) return { key: 'partly', tone: 'warn' };
  return { key: 'not_yet', tone: 'warn' };
}

/** A time element, or a muted dash when there is no time. */
export function timeOrDash(value, empty = '—') {
  return value ? h('time', { datetime: value }, dateTime(value)) : h('span', { class: 'muted' }, empty);
}

/** `YYYY-MM-DDTHH:MM` in local time, as a datetime-local input wants it. */
export function localInput(value) {
  const d = new Date(value);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an ISO instant, or undefined when empty or not a date. */
export function isoFromLocal(value) {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

let styled = false;
/** Adds the vote pages' styles once (the CSP refuses inline <style>, so a constructed sheet). */
export function useVoteStyles() {
  if (styled) return;
  styled = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
    .vote-questions { list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; }
    .vote-questions > li { border-bottom: 1px solid var(--border); padding-bottom: .75rem; }
    .vote-questions > li:last-child { border-bottom: none; padding-bottom: 0; }
    .vote-question-text { font-weight: 600; margin: 0 0 .35rem; overflow-wrap: anywhere; }
    .vote-options { margin: 0; padding-left: 1.25rem; }
    .vote-choice { display: grid; gap: .15rem; }
    .vote-choice .checkbox { padding: .3rem .4rem; border-radius: 6px; }
    .vote-choice .checkbox:hover { background: var(--primary-soft); }
    .vote-choice .checkbox input { width: 1.15rem; height: 1.15rem; flex: none; }
    .vote-choice .checkbox label { font-weight: 400; cursor: pointer; overflow-wrap: anywhere; }
    fieldset.vote-fieldset { border: 1px solid var(--border); border-radius: 6px; padding: .5rem .75rem .6rem; margin: 0; min-width: 0; }
    fieldset.vote-fieldset legend { font-weight: 600; padding: 0 .25rem; overflow-wrap: anywhere; max-width: 100%; }
    .vote-mine { color: var(--ok); font-weight: 600; }
    .vote-editor { border: 1px solid var(--border); border-radius: var(--radius); padding: .75rem; display: grid; gap: .6rem; background: var(--bg); }
    .vote-editor-head { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; justify-content: space-between; }
    .vote-editor-head h2 { margin: 0; font-size: 1rem; }
    .vote-option-row { display: flex; gap: .5rem; align-items: center; }
    .vote-option-row input { flex: 1; min-width: 0; }
    .vote-table tbody th { text-transform: none; letter-spacing: normal; font-size: inherit; color: var(--text); font-weight: 600; }
    .vote-chart { position: relative; overflow: hidden; }
    .vote-result + .vote-result { border-top: 1px solid var(--border); padding-top: 1rem; margin-top: 1rem; }
    table.data td.num, table.data th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    /* On a phone each vote of the list becomes a small block with labelled lines. */
    @media (max-width: 640px) {
      table.vote-list thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      table.vote-list, table.vote-list tbody, table.vote-list tr, table.vote-list td { display: block; width: 100%; }
      table.vote-list tr { padding: .5rem 0; border-bottom: 1px solid var(--border); }
      table.vote-list td { border: none; padding: .15rem .6rem; }
      table.vote-list td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: .85rem; }
    }
    .vote-actions > * + * { border-top: 1px solid var(--border); padding-top: 1rem; margin-top: 1rem; }
  `);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
