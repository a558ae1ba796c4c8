// One workflow run (`workflows/runs/:id`): its facts, trigger data, state and the step-by-step
// trace, followed live while the run is active, with retry (failed) and cancel (active).
import { h, replace } from '../core/dom.js';
import { t, dateTime } from '../core/i18n.js';
import { pageHeader, badge } from '../core/ui.js';
import {
  ensureStyles, statusBadge, triggerTypeName, collapsible, durationText, between, followRunFeed, liveIndicator,
  memberDirectory, memberName, ACTIVE_STATUSES,
} from './workflow-common.js';
import { traceView } from './workflow-trace.js';

// The retry/cancel confirmation lives with the list; imported lazily to keep the modules acyclic.
const runAction = (...args) => import('./workflow-runs.js').then((m) => m.runAction(...args));

/** Which <details> are open, so a live redraw keeps them open. */
function openDetails(root) {
  return new Set([...root.querySelectorAll('details[open]')].map((d) => `${d.closest('[data-step]')?.dataset.step ?? ''}|${d.querySelector('summary')?.textContent}`));
}
function reopen(root, keys) {
  for (const d of root.querySelectorAll('details')) {
    if (keys.has(`${d.closest('[data-step]')?.dataset.step ?? ''}|${d.querySelector('summary')?.textContent}`)) d.open = true;
  }
}

export async function renderRunDetail(ctx) {
  ensureStyles();
  const canManage = ctx.can('workflowsManage');
  const id = encodeURIComponent(ctx.params.id);
  let run = await ctx.org.get(`/workflow-runs/${id}`, undefined, { signal: ctx.signal });
  const [workflowName, members] = await Promise.all([
    ctx.org.get(`/workflows/${run.workflowID}`, undefined, { signal: ctx.signal }).then((w) => w.name).catch((error) => {
      if (error.name === 'AbortError') throw error;
      return null;
    }),
    memberDirectory(ctx),
  ]);
  const live = liveIndicator();
  const headerSlot = h('div', {});
  const content = h('div', {});

  function facts() {
    const rows = [
      [t('workflow-runs.workflow'), workflowName ? h('a', { href: `#/workflows/${run.workflowID}` }, workflowName) : t('workflow-runs.deleted_workflow')],
      [t('workflow-run-detail.version'), String(run.version)],
      [t('common.status'), h('span', { 'data-test': 'run-status', 'data-status': run.status }, statusBadge(run.status))],
      [t('workflow-runs.trigger'), triggerTypeName(run.triggerType)],
      [t('workflow-runs.started'), dateTime(run.createdAt)],
      run.finishedAt ? [t('workflow-run-detail.finished'), `${dateTime(run.finishedAt)} (${durationText(between(run.createdAt, run.finishedAt))})`] : null,
      run.currentStep && !run.finishedAt ? [t('workflow-run-detail.current_step'), h('span', { class: 'mono' }, run.currentStep)] : null,
      run.failedStep ? [t('workflow-run-detail.failed_step'), h('span', { class: 'mono' }, run.failedStep)] : null,
      run.wakeAt && run.status === 'waiting' ? [t('workflow-run-detail.wakes'), dateTime(run.wakeAt)] : null,
      run.parentRunID ? [t('workflow-run-detail.parent'), h('a', { href: `#/workflows/runs/${run.parentRunID}` }, run.parentRunID.slice(0, 8))] : null,
      run.startedBy ? [t('workflow-run-detail.started_by'), memberName(members, run.startedBy, ctx)] : null,
    ].filter(Boolean);
    return h('dl', { class: 'wf-facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  }

  function header() {
    const active = ACTIVE_STATUSES.includes(run.status);
    const act = async (action) => {
      const changed = await runAction(ctx, run, action);
      if (changed) { run = changed; draw(); if (ACTIVE_STATUSES.includes(run.status)) follow(); }
    };
    return pageHeader(t('workflow-run-detail.title', { name: workflowName ?? t('workflow-runs.deleted_workflow') }),
      active ? h('span', {}, live) : null,
      canManage && run.status === 'failed' ? h('button', { class: 'btn btn-primary', type: 'button', 'data-test': 'run-retry', onclick: () => act('retry') }, t('workflow-runs.retry')) : null,
      canManage && active ? h('button', { class: 'btn btn-danger', type: 'button', 'data-test': 'run-cancel', onclick: () => act('cancel') }, t('workflow-runs.cancel')) : null,
      h('a', { class: 'btn', href: `#/workflows/runs?workflow=${run.workflowID}` }, t('workflow-run-detail.all_runs')));
  }

  function draw() {
    const open = openDetails(content);
    replace(headerSlot, header());
    const state = run.state ?? {};
    replace(content,
      h('div', { class: 'wf-editor' },
        h('section', { class: 'card stack', 'aria-labelledby': 'wf-trace-title' },
          h('h2', { id: 'wf-trace-title' }, t('workflow-trace.title')),
          run.errorMessage ? h('div', { class: 'alert error', 'data-test': 'run-error' },
            h('strong', {}, run.failedStep ? t('workflow-run-detail.failed_at', { step: run.failedStep }) : t('workflow-run-detail.error')),
            run.errorCode ? h('div', { class: 'mono small' }, run.errorCode) : null, h('div', {}, run.errorMessage)) : null,
          traceView(run.trace, { test: 'run-trace', level: 3 })),
        h('div', { class: 'stack' },
          h('section', { class: 'card', 'aria-labelledby': 'wf-facts-title' }, h('h2', { id: 'wf-facts-title' }, t('workflow-run-detail.facts')), facts()),
          h('section', { class: 'card stack', 'aria-labelledby': 'wf-data-title' }, h('h2', { id: 'wf-data-title' }, t('workflow-run-detail.data')),
            collapsible(t('workflow-run-detail.trigger_data'), run.trigger ?? {}, { test: 'run-trigger' }),
            collapsible(t('workflow-run-detail.event'), run.event ?? {}),
            state.vars && Object.keys(state.vars).length ? collapsible(t('workflow-run-detail.vars'), state.vars) : null,
            state.steps && Object.keys(state.steps).length ? collapsible(t('workflow-run-detail.steps'), state.steps) : null,
            run.status === 'skipped' ? badge(t('workflow-run-detail.skipped_note'), 'warn') : null))));
    reopen(content, open);
  }

  // Redraw from the API on each change of this run; several changes in a burst make one request.
  let refreshTimer = null;
  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(async () => {
      try { run = await ctx.org.get(`/workflow-runs/${id}`, undefined, { signal: ctx.signal }); draw(); } catch { /* next change retries */ }
    }, 250);
  }
  let following = false;
  async function follow() {
    if (following) return;
    following = true;
    await followRunFeed(ctx.org, {
      signal: ctx.signal, query: { runID: run.id },
      onUpdate: refreshSoon, onEnd: refreshSoon, onState: (state) => live.set(state),
    });
    following = false;
  }

  draw();
  replace(ctx.root, h('div', {}, headerSlot, content));
  if (ACTIVE_STATUSES.includes(run.status)) follow();
}

export const messages = {
  en: {
    'workflow-run-detail.title': 'Run of “{name}”', 'workflow-run-detail.version': 'Version', 'workflow-run-detail.finished': 'Finished',
    'workflow-run-detail.current_step': 'Current step', 'workflow-run-detail.failed_step': 'Failed step', 'workflow-run-detail.wakes': 'Wakes',
    'workflow-run-detail.parent': 'Started by the failure of', 'workflow-run-detail.started_by': 'Started by',
    'workflow-run-detail.all_runs': 'All runs of this workflow', 'workflow-run-detail.failed_at': 'Failed at step “{step}”',
    'workflow-run-detail.error': 'Error', 'workflow-run-detail.facts': 'Run', 'workflow-run-detail.data': 'Data',
    'workflow-run-detail.trigger_data': 'Trigger data (trigger)', 'workflow-run-detail.event': 'Event (event)',
    'workflow-run-detail.vars': 'Variables (vars)', 'workflow-run-detail.steps': 'Step results (steps)',
    'workflow-run-detail.skipped_note': 'Skipped by the run mode: another run was active.',
  },
  sk: {
    'workflow-run-detail.title': 'Beh postupu „{name}“', 'workflow-run-detail.version': 'Verzia', 'workflow-run-detail.finished': 'Koniec',
    'workflow-run-detail.current_step': 'Aktuálny krok', 'workflow-run-detail.failed_step': 'Krok, ktorý zlyhal', 'workflow-run-detail.wakes': 'Pokračuje',
    'workflow-run-detail.parent': 'Spustený zlyhaním behu', 'workflow-run-detail.started_by': 'Spustil(a)',
    'workflow-run-detail.all_runs': 'Všetky behy tohto postupu', 'workflow-run-detail.failed_at': 'Zlyhalo v kroku „{step}“',
    'workflow-run-detail.error': 'Chyba', 'workflow-run-detail.facts': 'Beh', 'workflow-run-detail.data': 'Údaje',
    'workflow-run-detail.trigger_data': 'Údaje spúšťača (trigger)', 'workflow-run-detail.event': 'Udalosť (event)',
    'workflow-run-detail.vars': 'Premenné (vars)', 'workflow-run-detail.steps': 'Výsledky krokov (steps)',
    'workflow-run-detail.skipped_note': 'Preskočené podľa režimu behu: bežal iný beh.',
  },
  cs: {
    'workflow-run-detail.title': 'Běh postupu „{name}“', 'workflow-run-detail.version': 'Verze', 'workflow-run-detail.finished': 'Konec',
    'workflow-run-detail.current_step': 'Aktuální krok', 'workflow-run-detail.failed_step': 'Krok, který selhal', 'workflow-run-detail.wakes': 'Pokračuje',
    'workflow-run-detail.parent': 'Spuštěn selháním běhu', 'workflow-run-detail.started_by': 'Spustil(a)',
    'workflow-run-detail.all_runs': 'Všechny běhy tohoto postupu', 'workflow-run-detail.failed_at': 'Selhalo v kroku „{step}“',
    'workflow-run-detail.error': 'Chyba', 'workflow-run-detail.facts': 'Běh', 'workflow-run-detail.data': 'Data',
    'workflow-run-detail.trigger_data': 'Data spouštěče (trigger)', 'workflow-run-detail.event': 'Událost (event)',
    'workflow-run-detail.vars': 'Proměnné (vars)', 'workflow-run-detail.steps': 'Výsledky kroků (steps)',
    'workflow-run-detail.skipped_note': 'Přeskočeno podle režimu běhu: běžel jiný běh.',
  },
  de: {
    'workflow-run-detail.title': 'Lauf von „{name}“', 'workflow-run-detail.version': 'Version', 'workflow-run-detail.finished': 'Beendet',
    'workflow-run-detail.current_step': 'Aktueller Schritt', 'workflow-run-detail.failed_step': 'Fehlgeschlagener Schritt', 'workflow-run-detail.wakes': 'Geht weiter',
    'workflow-run-detail.parent': 'Gestartet durch das Scheitern von', 'workflow-run-detail.started_by': 'Gestartet von',
    'workflow-run-detail.all_runs': 'Alle Läufe dieses Workflows', 'workflow-run-detail.failed_at': 'Fehlgeschlagen bei Schritt „{step}“',
    'workflow-run-detail.error': 'Fehler', 'workflow-run-detail.facts': 'Lauf', 'workflow-run-detail.data': 'Daten',
    'workflow-run-detail.trigger_data': 'Auslöserdaten (trigger)', 'workflow-run-detail.event': 'Ereignis (event)',
    'workflow-run-detail.vars': 'Variablen (vars)', 'workflow-run-detail.steps': 'Ergebnisse der Schritte (steps)',
    'workflow-run-detail.skipped_note': 'Wegen des Laufmodus übersprungen: Ein anderer Lauf war aktiv.',
  },
};
