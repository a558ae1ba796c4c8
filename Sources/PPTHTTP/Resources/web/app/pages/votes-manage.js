// The manager's lifecycle actions on one vote: edit the draft, schedule (or reschedule) its voting
// time, open it now, and close it now — the last two after a confirmation, as owners see the change.
import { h } from '../core/dom.js';
import { t, dateTime } from '../core/i18n.js';
import { field, form, confirmDialog, showProblem } from '../core/ui.js';
import { Problem } from '../core/api.js';
import { withFieldErrors } from './faults-common.js';
import { localInput, isoFromLocal } from './votes-common.js';

const DAY = 86_400_000;

export function manageCard(page) {
  const { vote } = page;
  if (vote.status === 'closed') return null;
  const parts = vote.status === 'active'
    ? [closePart(page)]
    : [h('div', { class: 'row' },
      h('a', { class: 'btn', href: `#/votes/${vote.id}/edit`, 'data-test': 'vote-edit' }, t('votes.edit'))),
    schedulePart(page), openPart(page)];
  return h('section', { class: 'card', 'aria-labelledby': 'vote-manage', 'data-test': 'vote-manage' },
    h('h2', { id: 'vote-manage' }, t('votes.manage')),
    h('div', { class: 'vote-actions' }, parts));
}

/** A field problem for the schedule forms, named by the input it belongs to. */
function invalid(errors) {
  if (errors.length) throw new Problem(422, { code: 'validation.failed', errors });
}

function schedulePart({ ctx, vote, refresh }) {
  const morning = new Date(Date.now() + DAY);
  morning.setHours(8, 0, 0, 0);
  const startsAt = vote.startsAt && new Date(vote.startsAt) > new Date() ? new Date(vote.startsAt) : morning;
  const endsAt = vote.endsAt && new Date(vote.endsAt) > startsAt ? new Date(vote.endsAt) : new Date(startsAt.getTime() + 14 * DAY);
  const now = localInput(Date.now());
  const el = form([
    h('h3', {}, t(vote.status === 'scheduled' ? 'votes.reschedule_title' : 'votes.schedule_title')),
    h('p', { class: 'small muted', style: { margin: 0 } }, t('votes.schedule_hint')),
    h('div', { class: 'prop-two' },
      field(t('votes.field.starts'), h('input', { type: 'datetime-local', name: 'startsAt', required: true, min: now, value: localInput(startsAt) })),
      field(t('votes.field.ends'), h('input', { type: 'datetime-local', name: 'endsAt', required: true, min: now, value: localInput(endsAt) }))),
  ], withFieldErrors(async (data) => {
    const start = isoFromLocal(data.startsAt);
    const end = isoFromLocal(data.endsAt);
    const errors = [];
    if (!start) errors.push({ pointer: '/startsAt', detail: t('votes.required') });
    else if (new Date(start) <= new Date()) errors.push({ pointer: '/startsAt', detail: t('votes.must_be_future') });
    if (!end) errors.push({ pointer: '/endsAt', detail: t('votes.required') });
    else if (start && end <= start) errors.push({ pointer: '/endsAt', detail: t('votes.must_be_after_start') });
    invalid(errors);
    const updated = await ctx.org.post(`/votes/${vote.id}/schedule`, { startsAt: start, endsAt: end });
    await refresh(t('votes.scheduled_done', { start: dateTime(updated.startsAt), end: dateTime(updated.endsAt) }), updated);
  }), { submitLabel: t(vote.status === 'scheduled' ? 'votes.reschedule' : 'votes.schedule') });
  el.setAttribute('data-test', 'vote-schedule');
  el.setAttribute('aria-label', t('votes.schedule_title'));
  return el;
}

function openPart({ ctx, vote, refresh }) {
  const keep = vote.endsAt && new Date(vote.endsAt) > new Date() ? localInput(vote.endsAt) : '';
  const el = form([
    h('h3', {}, t('votes.open_title')),
    field(t('votes.field.open_ends'), h('input', { type: 'datetime-local', name: 'endsAt', min: localInput(Date.now()), value: keep }),
      t('votes.open_ends_hint')),
  ], withFieldErrors(async (data) => {
    const end = isoFromLocal(data.endsAt);
    invalid(end && new Date(end) <= new Date() ? [{ pointer: '/endsAt', detail: t('votes.must_be_future') }] : []);
    const question = end
      ? t('votes.open_confirm_until', { title: vote.title, date: dateTime(end) })
      : t('votes.open_confirm', { title: vote.title });
    if (!await confirmDialog(question, { confirmLabel: t('votes.open') })) return;
    const updated = await ctx.org.post(`/votes/${vote.id}/open`, end ? { endsAt: end } : undefined);
    await refresh(t('votes.opened'), updated);
  }), { submitLabel: t('votes.open') });
  el.querySelector('button[type=submit]').setAttribute('data-test', 'vote-open');
  el.setAttribute('data-test', 'vote-open-form');
  el.setAttribute('aria-label', t('votes.open_title'));
  return el;
}

function closePart({ ctx, vote, refresh }) {
  const errors = h('div', {});
  const button = h('button', {
    class: 'btn btn-danger', type: 'button', 'data-test': 'vote-close',
    onclick: async () => {
      if (!await confirmDialog(t('votes.close_confirm', { title: vote.title }), { confirmLabel: t('votes.close'), danger: true })) return;
      button.disabled = true;
      showProblem(errors, null);
      try {
        const updated = await ctx.org.post(`/votes/${vote.id}/close`);
        await refresh(t('votes.closed_done'), updated);
      } catch (error) {
        button.disabled = false;
        if (error.name !== 'AbortError') showProblem(errors, error);
      }
    },
  }, t('votes.close'));
  return h('div', { class: 'stack' },
    h('p', { style: { margin: 0 } }, vote.endsAt
      ? t('votes.closes_automatically', { date: dateTime(vote.endsAt) })
      : t('votes.closes_by_hand')),
    errors,
    h('div', { class: 'row' }, button));
}

