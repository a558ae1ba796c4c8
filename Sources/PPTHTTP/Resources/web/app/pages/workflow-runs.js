// Workflow runs: the list (filtered by workflow and status) whose rows follow the live feed of run
// changes in place, retry and cancel; and the run detail route.
import { h, replace, append } from '../core/dom.js';
import { t, relative, dateTime } from '../core/i18n.js';
import { pageHeader, problemAlert, confirmDialog, toast, loading, select } from '../core/ui.js';
import {
  ensureStyles, mergeMessages, statusBadge, triggerTypeName, followRunFeed, liveIndicator, workflowProblemText,
  durationText, between, RUN_STATUSES, ACTIVE_STATUSES, messages as commonMessages,
} from './workflow-common.js';
import { renderRunDetail, messages as detailMessages } from './workflow-run-detail.js';
import { messages as traceMessages } from './workflow-trace.js';

const PAGE_SIZE = 50;

/** Every workflow of the organization by id (for names and the filter). */
async function workflowNames(ctx) {
  const names = new Map();
  let cursor;
  do {
    const page = await ctx.org.get('/workflows', { limit: 200, cursor }, { signal: ctx.signal });
    for (const w of page.items) names.set(w.id, w.name);
    cursor = page.nextCursor;
  } while (cursor);
  return names;
}

/** Retries or cancels `run` after asking; resolves to the changed run, or null. */
export async function runAction(ctx, run, action) {
  const question = action === 'retry' ? t('workflow-runs.confirm_retry') : t('workflow-runs.confirm_cancel');
  const label = action === 'retry' ? t('workflow-runs.retry') : t('workflow-runs.cancel');
  if (!await confirmDialog(question, { confirmLabel: label, danger: action === 'cancel' })) return null;
  try {
    const changed = await ctx.org.post(`/workflow-runs/${run.id}/${action}`, {});
    toast(action === 'retry' ? t('workflow-runs.retried') : t('workflow-runs.cancelled'));
    return changed;
  } catch (error) {
    toast(error.code === 'workflow_run.not_retryable' || error.code === 'workflow_run.invalid_transition'
      ? t('problem.' + error.code) : workflowProblemText(error), 'error');
    return null;
  }
}

/** The runs list page (`workflows/runs?workflow=&status=`). */
export async function renderRunList(ctx) {
  ensureStyles();
  const canManage = ctx.can('workflowsManage');
  const workflowFilter = ctx.query.workflow ?? '';
  const statusFilter = RUN_STATUSES.includes(ctx.query.status) ? ctx.query.status : '';
  const live = liveIndicator();
  const rows = new Map();
  const tbody = h('tbody', {});
  const more = h('div', { class: 'row' });
  const errors = h('div', {});
  const body = h('div', {}, loading());
  const names = await workflowNames(ctx);

  const go = (workflow, status) => {
    const query = new URLSearchParams(Object.entries({ workflow, status }).filter(([, v]) => v)).toString();
    ctx.navigate('workflows/runs' + (query ? '?' + query : ''));
  };
  const workflowSelect = select('workflow', [['', t('common.all')], ...[...names].sort((a, b) => a[1].localeCompare(b[1]))],
    workflowFilter, { id: 'wf-run-workflow', onchange: (e) => go(e.target.value, statusFilter) });
  const statusSelect = select('status', [['', t('common.all')], ...RUN_STATUSES.map((s) => [s, t('workflow-common.status.' + s)])],
    statusFilter, { id: 'wf-run-status', onchange: (e) => go(workflowFilter, e.target.value) });

  function cells(run) {
    const active = ACTIVE_STATUSES.includes(run.status);
    const name = names.get(run.workflowID);
    const step = run.failedStep ?? (active ? run.currentStep : null);
    return [
      h('td', {}, h('a', { href: `#/workflows/runs/${run.id}`, 'data-test': 'run-link' }, name ?? t('workflow-runs.deleted_workflow')),
        h('div', { class: 'small muted mono' }, run.id.slice(0, 8))),
      h('td', { 'data-test': 'run-status' }, statusBadge(run.status)),
      h('td', {}, step ? h('span', { class: 'mono' }, step) : h('span', { class: 'muted' }, '—'),
        run.errorCode ? h('div', { class: 'small mono wf-error-code' }, run.errorCode) : null),
      h('td', {}, triggerTypeName(run.triggerType)),
      h('td', {}, h('time', { datetime: run.createdAt, title: dateTime(run.createdAt) }, relative(run.createdAt))),
      h('td', {}, run.finishedAt ? durationText(between(run.createdAt, run.finishedAt))
        : run.wakeAt ? t('workflow-runs.wakes', { at: dateTime(run.wakeAt) }) : h('span', { class: 'muted' }, '—')),
      h('td', {}, h('div', { class: 'row wf-actions' },
        canManage && run.status === 'failed' ? h('button', { class: 'btn', type: 'button', 'data-test': 'run-retry', onclick: () => act(run, 'retry') }, t('workflow-runs.retry')) : null,
        canManage && active ? h('button', { class: 'btn btn-danger', type: 'button', 'data-test': 'run-cancel', onclick: () => act(run, 'cancel') }, t('workflow-runs.cancel')) : null)),
    ];
  }

  function put(run, { prepend = false, flash = false } = {}) {
    let tr = rows.get(run.id);
    if (!tr) {
      tr = h('tr', { 'data-test': 'run-row', 'data-id': run.id });
      rows.set(run.id, tr);
      if (prepend) tbody.prepend(tr); else tbody.append(tr);
    }
    tr.dataset.status = run.status;
    tr.run = run;
    replace(tr, cells(run));
    if (flash) { tr.classList.remove('wf-changed'); void tr.offsetWidth; tr.classList.add('wf-changed'); }
    showTable();
  }

  async function act(run, action) {
    const changed = await runAction(ctx, run, action);
    if (changed) put(changed, { flash: true });
  }

  let tableShown = false;
  function showTable() {
    if (tableShown) return;
    tableShown = true;
    replace(body, h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-test': 'run-list', 'aria-describedby': 'wf-runs-live' },
      h('caption', { class: 'visually-hidden' }, t('workflow-runs.title')),
      h('thead', {}, h('tr', {}, [t('workflow-runs.workflow'), t('common.status'), t('workflow-runs.step'), t('workflow-runs.trigger'),
        t('workflow-runs.started'), t('workflow-runs.duration'), t('common.actions')].map((c) => h('th', { scope: 'col' }, c)))),
      tbody)), more);
  }

  async function load(cursor) {
    const page = await ctx.org.get('/workflow-runs', { workflowID: workflowFilter || undefined, status: statusFilter || undefined, limit: PAGE_SIZE, cursor }, { signal: ctx.signal });
    page.items.forEach((run) => put(run));
    replace(more, page.nextCursor ? h('button', {
      class: 'btn', type: 'button', onclick: async (e) => {
        e.target.disabled = true;
        try { await load(page.nextCursor); } catch (error) { replace(errors, problemAlert(error)); e.target.disabled = false; }
      },
    }, t('common.more')) : null);
    return page;
  }

  // A change of a run not listed yet: fetch it and show it on top when it fits the filters.
  const fetching = new Set();
  async function onUpdate(update) {
    const tr = rows.get(update.runID);
    if (tr) {
      const terminal = !ACTIVE_STATUSES.includes(update.status);
      put({ ...tr.run, status: update.status, currentStep: update.stepID ?? tr.run.currentStep, updatedAt: update.at,
        finishedAt: terminal ? (tr.run.finishedAt ?? update.at) : null, wakeAt: update.status === 'waiting' ? tr.run.wakeAt : null,
        ...(update.status === 'running' ? { failedStep: null, errorCode: null } : {}) }, { flash: true });
      // The feed carries status and step; the rest (error, wake time, end) comes from the run.
      if (terminal || update.status === 'waiting') refreshRow(update.runID);
      return;
    }
    if (workflowFilter && update.workflowID !== workflowFilter) return;
    if (statusFilter && update.status !== statusFilter) return;
    refreshRow(update.runID, true);
  }
  async function refreshRow(runID, prepend = false) {
    if (fetching.has(runID)) return;
    fetching.add(runID);
    try {
      const run = await ctx.org.get(`/workflow-runs/${runID}`, undefined, { signal: ctx.signal });
      if (!names.has(run.workflowID)) {
        try { names.set(run.workflowID, (await ctx.org.get(`/workflows/${run.workflowID}`)).name); } catch { /* deleted */ }
      }
      put(run, { prepend, flash: true });
    } catch { /* the next change or a reload shows it */ } finally { fetching.delete(runID); }
  }

  const page = h('div', {},
    pageHeader(t('workflow-runs.title'), h('span', { id: 'wf-runs-live' }, live),
      h('a', { class: 'btn', href: '#/workflows' }, t('workflow-runs.workflows'))),
    h('div', { class: 'filters' },
      h('div', { class: 'field' }, h('label', { for: 'wf-run-workflow' }, t('workflow-runs.workflow')), workflowSelect),
      h('div', { class: 'field' }, h('label', { for: 'wf-run-status' }, t('common.status')), statusSelect)),
    errors, body);
  replace(ctx.root, page);

  let resync = false;
  async function resyncList() {
    try {
      const latest = await ctx.org.get('/workflow-runs', { workflowID: workflowFilter || undefined, status: statusFilter || undefined, limit: PAGE_SIZE }, { signal: ctx.signal });
      resync = false;
      latest.items.reverse().forEach((run) => {
        const changed = rows.get(run.id)?.run.status !== run.status;
        put(run, { prepend: !rows.has(run.id), flash: changed });
      });
    } catch { /* still unreachable: tried again on the next connection */ }
  }

  // The feed is opened before the list is read, so a change between the two is not missed.
  const pending = [];
  let listed = false;
  followRunFeed(ctx.org, {
    signal: ctx.signal,
    onUpdate: (update) => (listed ? onUpdate(update) : pending.push(update)),
    onState: (state, resumed) => {
      live.set(state);
      // A feed that dropped before its first event cannot resume, so the list is read again.
      if (state === 'reconnecting' && !resumed) resync = true;
      if (state === 'live' && resync && listed) resyncList();
    },
  });
  const first = await load();
  listed = true;
  pending.splice(0).forEach(onUpdate);
  if (first.items.length === 0 && rows.size === 0) {
    replace(body, h('p', { class: 'empty', 'data-test': 'run-list' }, workflowFilter || statusFilter ? t('workflow-runs.none_filtered') : t('workflow-runs.empty')));
  }
}

export const routes = [
  { path: 'workflows/runs', render: renderRunList, permission: 'workflowsRead', nav: { group: 'automation', label: 'workflow-runs.nav', order: 20 } },
  { path: 'workflows/runs/:id', render: renderRunDetail, permission: 'workflowsRead' },
];

export const messages = mergeMessages(commonMessages, traceMessages, detailMessages, {
  en: {
    'workflow-runs.nav': 'Workflow runs', 'workflow-runs.title': 'Workflow runs', 'workflow-runs.workflows': 'Workflows',
    'workflow-runs.workflow': 'Workflow', 'workflow-runs.step': 'Step', 'workflow-runs.trigger': 'Trigger',
    'workflow-runs.started': 'Started', 'workflow-runs.duration': 'Duration', 'workflow-runs.wakes': 'wakes {at}',
    'workflow-runs.retry': 'Retry', 'workflow-runs.cancel': 'Cancel run',
    'workflow-runs.confirm_retry': 'Retry this run from the step that failed, with fresh attempts?',
    'workflow-runs.confirm_cancel': 'Cancel this run? A waiting run never wakes; a running one stops at its next step.',
    'workflow-runs.retried': 'The run is running again.', 'workflow-runs.cancelled': 'The run is cancelled.',
    'workflow-runs.deleted_workflow': '(deleted workflow)',
    'workflow-runs.empty': 'No runs yet. Runs appear here as soon as a workflow is triggered.',
    'workflow-runs.none_filtered': 'No runs match these filters.',
    'problem.workflow_run.not_retryable': 'Only a run that failed at a step can be retried.',
    'problem.workflow_run.invalid_transition': 'The run has already ended.',
  },
  sk: {
    'workflow-runs.nav': 'Behy postupov', 'workflow-runs.title': 'Behy pracovných postupov', 'workflow-runs.workflows': 'Pracovné postupy',
    'workflow-runs.workflow': 'Postup', 'workflow-runs.step': 'Krok', 'workflow-runs.trigger': 'Spúšťač',
    'workflow-runs.started': 'Začiatok', 'workflow-runs.duration': 'Trvanie', 'workflow-runs.wakes': 'pokračuje {at}',
    'workflow-runs.retry': 'Zopakovať', 'workflow-runs.cancel': 'Zrušiť beh',
    'workflow-runs.confirm_retry': 'Zopakovať tento beh od kroku, ktorý zlyhal, s novými pokusmi?',
    'workflow-runs.confirm_cancel': 'Zrušiť tento beh? Čakajúci beh už nebude pokračovať; bežiaci sa zastaví pri ďalšom kroku.',
    'workflow-runs.retried': 'Beh znova prebieha.', 'workflow-runs.cancelled': 'Beh je zrušený.',
    'workflow-runs.deleted_workflow': '(odstránený postup)',
    'workflow-runs.empty': 'Zatiaľ žiadne behy. Zobrazia sa tu hneď, ako sa niektorý postup spustí.',
    'workflow-runs.none_filtered': 'Týmto filtrom nezodpovedá žiadny beh.',
    'problem.workflow_run.not_retryable': 'Zopakovať sa dá len beh, ktorý zlyhal v niektorom kroku.',
    'problem.workflow_run.invalid_transition': 'Beh už skončil.',
  },
  cs: {
    'workflow-runs.nav': 'Běhy postupů', 'workflow-runs.title': 'Běhy pracovních postupů', 'workflow-runs.workflows': 'Pracovní postupy',
    'workflow-runs.workflow': 'Postup', 'workflow-runs.step': 'Krok', 'workflow-runs.trigger': 'Spouštěč',
    'workflow-runs.started': 'Začátek', 'workflow-runs.duration': 'Trvání', 'workflow-runs.wakes': 'pokračuje {at}',
    'workflow-runs.retry': 'Zopakovat', 'workflow-runs.cancel': 'Zrušit běh',
    'workflow-runs.confirm_retry': 'Zopakovat tento běh od kroku, který selhal, s novými pokusy?',
    'workflow-runs.confirm_cancel': 'Zrušit tento běh? Čekající běh už nebude pokračovat; běžící se zastaví u dalšího kroku.',
    'workflow-runs.retried': 'Běh znovu probíhá.', 'workflow-runs.cancelled': 'Běh je zrušen.',
    'workflow-runs.deleted_workflow': '(smazaný postup)',
    'workflow-runs.empty': 'Zatím žádné běhy. Objeví se tu, jakmile se některý postup spustí.',
    'workflow-runs.none_filtered': 'Těmto filtrům neodpovídá žádný běh.',
    'problem.workflow_run.not_retryable': 'Zopakovat lze jen běh, který selhal v některém kroku.',
    'problem.workflow_run.invalid_transition': 'Běh už skončil.',
  },
  de: {
    'workflow-runs.nav': 'Workflow-Läufe', 'workflow-runs.title': 'Workflow-Läufe', 'workflow-runs.workflows': 'Workflows',
    'workflow-runs.workflow': 'Workflow', 'workflow-runs.step': 'Schritt', 'workflow-runs.trigger': 'Auslöser',
    'workflow-runs.started': 'Gestartet', 'workflow-runs.duration': 'Dauer', 'workflow-runs.wakes': 'geht weiter {at}',
    'workflow-runs.retry': 'Wiederholen', 'workflow-runs.cancel': 'Lauf abbrechen',
    'workflow-runs.confirm_retry': 'Diesen Lauf ab dem fehlgeschlagenen Schritt mit neuen Versuchen wiederholen?',
    'workflow-runs.confirm_cancel': 'Diesen Lauf abbrechen? Ein wartender Lauf wird nicht fortgesetzt, ein laufender stoppt beim nächsten Schritt.',
    'workflow-runs.retried': 'Der Lauf läuft wieder.', 'workflow-runs.cancelled': 'Der Lauf ist abgebrochen.',
    'workflow-runs.deleted_workflow': '(gelöschter Workflow)',
    'workflow-runs.empty': 'Noch keine Läufe. Sie erscheinen hier, sobald ein Workflow ausgelöst wird.',
    'workflow-runs.none_filtered': 'Keine Läufe passen zu diesen Filtern.',
    'problem.workflow_run.not_retryable': 'Nur ein Lauf, der bei einem Schritt fehlgeschlagen ist, kann wiederholt werden.',
    'problem.workflow_run.invalid_transition': 'Der Lauf ist bereits beendet.',
  },
});
