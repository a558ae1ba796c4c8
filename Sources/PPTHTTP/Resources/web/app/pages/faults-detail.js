// One fault: its facts, description, photos, the changes the member's role may make, and its
// timeline.
import { h, replace } from '../core/dom.js';
import { t, dateTime } from '../core/i18n.js';
import { pageHeader, field, select, form, toast, problemAlert, showProblem } from '../core/ui.js';
import {
  FAULT_NEXT, FAULT_PRIORITIES, faultStatusBadge, faultPriorityBadge, faultPlace, loadPlaces, loadPeople, personName,
  failedPage, useStyles, withFieldErrors,
} from './faults-common.js';
import { MAX_PHOTOS, photoPicker, checkPhotos, uploadPhotos, photoGallery, photoCache } from './faults-photos.js';

const WORKER_ROLES = ['admin', 'manager', 'technician'];

export async function renderFaultDetail(ctx) {
  useStyles();
  const [places, people] = await Promise.all([
    loadPlaces(ctx).catch((error) => {
      if (error.name === 'AbortError') throw error;
      return { buildings: new Map(), units: new Map() };
    }),
    loadPeople(ctx),
  ]);
  const photos = photoCache(ctx);
  const root = h('div', {});

  async function show() {
    const [fault, timeline] = await Promise.all([
      ctx.org.get(`/faults/${encodeURIComponent(ctx.params.id)}`, undefined, { signal: ctx.signal }),
      ctx.org.get(`/faults/${encodeURIComponent(ctx.params.id)}/timeline`, undefined, { signal: ctx.signal }),
    ]);
    const page = { ctx, places, people, photos, fault, refresh };
    replace(root,
      pageHeader(fault.title, faultStatusBadge(fault.status), h('a', { href: '#/faults' }, t('faults.back'))),
      h('div', { class: 'prop-two' },
        h('div', {}, factsCard(page), workCard(page)),
        h('div', {}, descriptionCard(page), timelineCard(page, timeline))));
  }

  /** Reloads after a change, keeping what was shown if the reload itself fails. */
  async function refresh(message) {
    try {
      await show();
      if (message) toast(message);
    } catch (error) {
      if (error.name !== 'AbortError') root.prepend(problemAlert(error));
    }
  }

  try {
    await show();
  } catch (error) {
    return failedPage(t('faults.title'), error, '#/faults', t('faults.back'));
  }
  return root;
}

function factsCard({ ctx, places, people, fault }) {
  const building = places.buildings.get(fault.buildingID)?.name;
  const rows = [
    [t('faults.field.status'), faultStatusBadge(fault.status)],
    [t('faults.field.priority'), faultPriorityBadge(fault.priority)],
    [t('faults.field.category'), t('faults.category.' + fault.category)],
    [t('faults.field.place'), faultPlace(places, fault) || building || ''],
    [t('faults.field.reporter'), personName(ctx, people, fault.reportedBy)],
    [t('faults.field.reported_at'), h('time', { datetime: fault.createdAt }, dateTime(fault.createdAt))],
    [t('faults.field.assignee'), fault.assigneeID ? personName(ctx, people, fault.assigneeID) : h('span', { class: 'muted' }, t('faults.unassigned'))],
    [t('faults.field.updated'), h('time', { datetime: fault.updatedAt }, dateTime(fault.updatedAt))],
    fault.resolvedAt ? [t('faults.field.resolved'), h('time', { datetime: fault.resolvedAt }, dateTime(fault.resolvedAt))] : null,
  ].filter(Boolean);
  return h('section', { class: 'card', 'aria-labelledby': 'fault-facts' },
    h('h2', { id: 'fault-facts' }, t('common.details')),
    h('dl', { class: 'prop-facts' }, rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])));
}

function descriptionCard(page) {
  const { ctx, fault, photos } = page;
  const mayAddPhotos = ctx.can('documentsUpload') && (ctx.can('faultsWork') || fault.reportedBy === ctx.user.id)
    && fault.photoDocumentIDs.length < MAX_PHOTOS;
  return h('section', { class: 'card', 'aria-labelledby': 'fault-description' },
    h('h2', { id: 'fault-description' }, t('faults.field.description')),
    h('p', { class: 'prop-text' }, fault.description),
    h('h3', {}, t('faults.field.photos')),
    photoGallery(ctx, fault.photoDocumentIDs, photos),
    mayAddPhotos ? addPhotosForm(page) : null);
}

function addPhotosForm({ ctx, fault, refresh }) {
  const picker = photoPicker(t('faults.photos.add'));
  const el = form([picker.element], async () => {
    const files = picker.files();
    const problem = files.length === 0 ? t('faults.photos.choose_first') : checkPhotos(files, fault.photoDocumentIDs.length);
    if (problem) throw new Error(problem);
    const ids = await uploadPhotos(ctx, picker, files, fault.title);
    await ctx.org.patch(`/faults/${fault.id}`, { photoDocumentIDs: [...fault.photoDocumentIDs, ...ids] });
    await refresh(t('faults.photos.added'));
  }, { submitLabel: t('faults.photos.upload') });
  el.style.marginTop = '1rem';
  return el;
}

/** The changes this member may make: status and (technicians) self-assignment for faultsWork, priority and
 *  any assignee for faultsManage, a comment for workers and the reporter. */
function workCard(page) {
  const { ctx, fault } = page;
  const works = ctx.can('faultsWork');
  const manages = ctx.can('faultsManage');
  const mayComment = works || fault.reportedBy === ctx.user.id;
  if (!works && !mayComment) return null;

  const controls = [];
  const original = { status: '', priority: fault.priority, assignee: fault.assigneeID ?? '' };
  if (works) {
    const next = FAULT_NEXT[fault.status] ?? [];
    controls.push(next.length === 0
      ? h('p', { class: 'muted' }, t('faults.work.final'))
      : field(t('faults.work.status'), select('status', [
        ['', t('faults.work.keep', { status: t('faults.status.' + fault.status) })],
        ...next.map((s) => [s, t('faults.status.' + s)])], '')));
  }
  if (manages) {
    controls.push(field(t('faults.field.priority'), select('priority',
      FAULT_PRIORITIES.map((p) => [p, t('faults.priority.' + p)]), fault.priority)));
    const workers = [...page.people].filter(([, p]) => WORKER_ROLES.includes(p.role))
      .sort((a, b) => a[1].name.localeCompare(b[1].name))
      .map(([id, p]) => [id, id === ctx.user.id ? `${p.name} (${t('faults.you')})` : p.name]);
    if (fault.assigneeID && !workers.some(([id]) => id === fault.assigneeID)) {
      workers.push([fault.assigneeID, personName(ctx, page.people, fault.assigneeID)]);
    }
    controls.push(field(t('faults.work.assignee'), select('assigneeID', [['', t('faults.unassigned')], ...workers], original.assignee)));
  }
  if (mayComment) {
    controls.push(field(t('faults.work.comment'), h('textarea', { name: 'comment', rows: 3, maxlength: 5000 }), t('faults.work.comment_hint')));
  }

  const el = form(controls, withFieldErrors(async (data) => {
    const change = {};
    if (data.status) change.status = data.status;
    if (manages && data.priority !== original.priority) change.priority = data.priority;
    if (manages && (data.assigneeID ?? '') !== original.assignee) {
      if (data.assigneeID) change.assigneeID = data.assigneeID; else change.unassign = true;
    }
    if (data.comment?.trim()) change.comment = data.comment.trim();
    if (Object.keys(change).length === 0) throw new Error(t('faults.work.nothing'));
    await ctx.org.patch(`/faults/${fault.id}`, change);
    await page.refresh(t('faults.saved'));
  }), { submitLabel: works ? t('faults.work.save') : t('faults.work.comment_title') });

  return h('section', { class: 'card', 'aria-labelledby': 'fault-work', 'data-test': 'fault-work' },
    h('h2', { id: 'fault-work' }, works ? t('faults.work.title') : t('faults.work.comment_title')),
    works && !manages ? selfAssignment(page) : null,
    el);
}

/** Technicians take a fault themselves or give their own assignment back. */
function selfAssignment({ ctx, fault, refresh }) {
  const errors = h('div', {});
  const mine = fault.assigneeID === ctx.user.id;
  if (fault.assigneeID && !mine) return null;
  const button = h('button', {
    class: 'btn', type: 'button',
    onclick: async () => {
      button.disabled = true;
      showProblem(errors, null);
      try {
        await ctx.org.patch(`/faults/${fault.id}`, mine ? { unassign: true } : { assigneeID: ctx.user.id });
        await refresh(t(mine ? 'faults.unassigned_done' : 'faults.assigned_to_you'));
      } catch (error) {
        button.disabled = false;
        if (error.name !== 'AbortError') showProblem(errors, error);
      }
    },
  }, t(mine ? 'faults.work.unassign' : 'faults.work.assign_me'));
  return h('div', { class: 'stack', style: { marginBottom: '1rem' } }, errors, h('div', { class: 'row' }, button));
}

function timelineCard({ ctx, people }, entries) {
  const name = (id) => personName(ctx, people, id);
  const text = (e) => {
    switch (e.kind) {
      case 'created': return t('faults.tl.created');
      case 'status_changed': return t('faults.tl.status', {
        from: e.fromStatus ? t('faults.status.' + e.fromStatus) : '—', to: t('faults.status.' + e.toStatus),
      });
      case 'assigned': return e.assigneeID ? t('faults.tl.assigned', { name: name(e.assigneeID) }) : t('faults.tl.unassigned');
      default: return t('faults.tl.comment');
    }
  };
  return h('section', { class: 'card', 'aria-labelledby': 'fault-timeline' },
    h('h2', { id: 'fault-timeline' }, t('faults.timeline')),
    entries.length === 0
      ? h('p', { class: 'muted' }, t('faults.timeline.empty'))
      : h('ol', { class: 'timeline', 'data-test': 'fault-timeline' }, entries.map((e) => h('li', { 'data-kind': e.kind },
        h('strong', {}, text(e)),
        e.comment ? h('p', { class: 'prop-text', style: { margin: '.25rem 0' } }, e.comment) : null,
        h('div', { class: 'small muted' }, name(e.actorID), ' · ', h('time', { datetime: e.createdAt }, dateTime(e.createdAt)))))));
}
