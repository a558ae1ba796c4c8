// The step-by-step trace of a run or a dry run: each step's status, timing, condition, attempts,
// error (highlighted) and its input and output (collapsible code blocks).
import { h } from '../core/dom.js';
import { t, dateTime } from '../core/i18n.js';
import { badge } from '../core/ui.js';
import { statusBadge, collapsible, durationText, between } from './workflow-common.js';

function conditionView(condition) {
  if (!condition) return null;
  const result = condition.result === true ? badge(t('workflow-trace.true'), 'ok')
    : condition.result === false ? badge(t('workflow-trace.false'), 'warn') : badge(t('workflow-trace.not_evaluated'), 'danger');
  const values = condition.values && Object.keys(condition.values).length ? condition.values : null;
  return h('div', {},
    h('div', { class: 'wf-condition' }, h('span', { class: 'visually-hidden' }, t('workflow-trace.condition') + ': '),
      condition.expression, ' → ', result),
    values ? collapsible(t('workflow-trace.values'), values) : null);
}

function errorView(error) {
  if (!error) return null;
  return h('div', { class: 'alert error', role: 'note' },
    h('strong', {}, t('workflow-trace.error')), ' ', h('span', { class: 'mono' }, error.code), h('div', {}, error.message));
}

function attemptsView(attempts) {
  if (!attempts || attempts.length === 0 || (attempts.length === 1 && !attempts[0].error)) return null;
  return h('details', {}, h('summary', {}, t('workflow-trace.attempts', { count: attempts.length })),
    h('ol', { class: 'wf-attempts' }, attempts.map((a) => h('li', {},
      t('workflow-trace.attempt', { n: a.attempt }), ' · ', dateTime(a.startedAt),
      a.durationMs !== undefined && a.durationMs !== null ? ` · ${durationText(a.durationMs)}` : '',
      a.error ? h('span', { class: 'mono' }, ` · ${a.error.code}: ${a.error.message}`) : '',
      a.retryAt ? ` · ${t('workflow-trace.retry_at', { at: dateTime(a.retryAt) })}` : ''))));
}

function detailView(entry) {
  const detail = entry.detail ?? {};
  const facts = [];
  if (detail.branch) facts.push([t('workflow-trace.branch'), detail.branch === 'then' ? t('workflow-trace.branch_then') : t('workflow-trace.branch_else')]);
  if (detail.until) facts.push([t('workflow-trace.until'), dateTime(detail.until)]);
  if (detail.reason) facts.push([t('workflow-trace.reason'), String(detail.reason)]);
  const shown = new Set(['branch', 'until', 'reason', 'simulated', 'variables', 'conditions']);
  const rest = Object.fromEntries(Object.entries(detail).filter(([key]) => !shown.has(key)));
  return [
    facts.length ? h('dl', { class: 'wf-facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])) : null,
    Array.isArray(detail.conditions) ? detail.conditions.map(conditionView) : null,
    detail.variables ? collapsible(t('workflow-trace.variables'), detail.variables) : null,
    Object.keys(rest).length ? collapsible(t('workflow-trace.details'), rest) : null,
  ];
}

/** How long a step took: its attempts' time for actions, else start to finish (a delay's wait). */
function stepDuration(entry) {
  const measured = (entry.attempts ?? []).map((a) => a.durationMs).filter((ms) => typeof ms === 'number');
  if (measured.length) return measured.reduce((a, b) => a + b, 0);
  return between(entry.startedAt, entry.finishedAt);
}

/** One trace entry. */
function traceStep(entry, level = 3) {
  const ms = stepDuration(entry);
  return h('li', { class: 'wf-step', 'data-test': 'trace-step', 'data-status': entry.status, 'data-step': entry.step },
    h('div', { class: 'wf-step-head' },
      h('h' + level, { class: 'wf-step-id' }, entry.step),
      h('span', { class: 'muted small' }, entry.type),
      statusBadge(entry.status),
      entry.detail?.simulated ? badge(t('workflow-trace.simulated')) : null,
      h('span', { class: 'spacer' }),
      h('span', { class: 'small muted' },
        entry.startedAt ? h('time', { datetime: entry.startedAt }, dateTime(entry.startedAt)) : '',
        ms !== null ? ` · ${t('workflow-trace.took', { duration: durationText(ms) })}` : '')),
    conditionView(entry.condition),
    errorView(entry.error),
    detailView(entry),
    attemptsView(entry.attempts),
    entry.input !== undefined && entry.input !== null ? collapsible(t('workflow-trace.input'), entry.input, { test: 'trace-input' }) : null,
    entry.output !== undefined && entry.output !== null ? collapsible(t('workflow-trace.output'), entry.output, { test: 'trace-output' }) : null);
}

/** The whole trace as an ordered list (`test` names its data-test hook, `level` the steps' heading level). */
export function traceView(trace, { test = 'run-trace', level = 3 } = {}) {
  const entries = Array.isArray(trace) ? trace : [];
  if (entries.length === 0) return h('p', { class: 'muted', 'data-test': test }, t('workflow-trace.empty'));
  return h('ol', { class: 'wf-trace', 'data-test': test, 'aria-label': t('workflow-trace.title') }, entries.map((entry) => traceStep(entry, level)));
}

/** The filters as evaluated (expression, result, values read). */
export function filtersView(filters, level = 3) {
  if (!Array.isArray(filters) || filters.length === 0) return null;
  return h('div', { class: 'stack' }, h('h' + level, {}, t('workflow-trace.filters')),
    h('ul', { class: 'wf-trace' }, filters.map((f) => h('li', { class: 'wf-step', 'data-status': f.result === false ? 'skipped' : f.result ? 'succeeded' : 'failed' },
      conditionView(f)))));
}

export const messages = {
  en: {
    'workflow-trace.title': 'Steps', 'workflow-trace.empty': 'No step has run yet.',
    'workflow-trace.true': 'true', 'workflow-trace.false': 'false', 'workflow-trace.not_evaluated': 'not evaluated',
    'workflow-trace.condition': 'Condition', 'workflow-trace.values': 'Values it read', 'workflow-trace.error': 'Error',
    'workflow-trace.attempts': 'Attempts: {count}', 'workflow-trace.attempt': 'Attempt {n}',
    'workflow-trace.retry_at': 'next attempt {at}', 'workflow-trace.branch': 'Branch taken',
    'workflow-trace.branch_then': 'then', 'workflow-trace.branch_else': 'else', 'workflow-trace.until': 'Waits until',
    'workflow-trace.reason': 'Reason', 'workflow-trace.variables': 'Variables set', 'workflow-trace.details': 'Details',
    'workflow-trace.simulated': 'simulated', 'workflow-trace.took': 'took {duration}',
    'workflow-trace.input': 'Input', 'workflow-trace.output': 'Output', 'workflow-trace.filters': 'Filters',
  },
  sk: {
    'workflow-trace.title': 'Kroky', 'workflow-trace.empty': 'Zatiaľ neprebehol žiadny krok.',
    'workflow-trace.true': 'pravda', 'workflow-trace.false': 'nepravda', 'workflow-trace.not_evaluated': 'nevyhodnotené',
    'workflow-trace.condition': 'Podmienka', 'workflow-trace.values': 'Prečítané hodnoty', 'workflow-trace.error': 'Chyba',
    'workflow-trace.attempts': 'Pokusy: {count}', 'workflow-trace.attempt': 'Pokus {n}',
    'workflow-trace.retry_at': 'ďalší pokus {at}', 'workflow-trace.branch': 'Zvolená vetva',
    'workflow-trace.branch_then': 'then (áno)', 'workflow-trace.branch_else': 'else (nie)', 'workflow-trace.until': 'Čaká do',
    'workflow-trace.reason': 'Dôvod', 'workflow-trace.variables': 'Nastavené premenné', 'workflow-trace.details': 'Podrobnosti',
    'workflow-trace.simulated': 'simulované', 'workflow-trace.took': 'trvanie {duration}',
    'workflow-trace.input': 'Vstup', 'workflow-trace.output': 'Výstup', 'workflow-trace.filters': 'Filtre',
  },
  cs: {
    'workflow-trace.title': 'Kroky', 'workflow-trace.empty': 'Zatím neproběhl žádný krok.',
    'workflow-trace.true': 'pravda', 'workflow-trace.false': 'nepravda', 'workflow-trace.not_evaluated': 'nevyhodnoceno',
    'workflow-trace.condition': 'Podmínka', 'workflow-trace.values': 'Přečtené hodnoty', 'workflow-trace.error': 'Chyba',
    'workflow-trace.attempts': 'Pokusy: {count}', 'workflow-trace.attempt': 'Pokus {n}',
    'workflow-trace.retry_at': 'další pokus {at}', 'workflow-trace.branch': 'Zvolená větev',
    'workflow-trace.branch_then': 'then (ano)', 'workflow-trace.branch_else': 'else (ne)', 'workflow-trace.until': 'Čeká do',
    'workflow-trace.reason': 'Důvod', 'workflow-trace.variables': 'Nastavené proměnné', 'workflow-trace.details': 'Podrobnosti',
    'workflow-trace.simulated': 'simulováno', 'workflow-trace.took': 'trvání {duration}',
    'workflow-trace.input': 'Vstup', 'workflow-trace.output': 'Výstup', 'workflow-trace.filters': 'Filtry',
  },
  de: {
    'workflow-trace.title': 'Schritte', 'workflow-trace.empty': 'Noch kein Schritt ausgeführt.',
    'workflow-trace.true': 'wahr', 'workflow-trace.false': 'falsch', 'workflow-trace.not_evaluated': 'nicht ausgewertet',
    'workflow-trace.condition': 'Bedingung', 'workflow-trace.values': 'Gelesene Werte', 'workflow-trace.error': 'Fehler',
    'workflow-trace.attempts': 'Versuche: {count}', 'workflow-trace.attempt': 'Versuch {n}',
    'workflow-trace.retry_at': 'nächster Versuch {at}', 'workflow-trace.branch': 'Gewählter Zweig',
    'workflow-trace.branch_then': 'then (ja)', 'workflow-trace.branch_else': 'else (nein)', 'workflow-trace.until': 'Wartet bis',
    'workflow-trace.reason': 'Grund', 'workflow-trace.variables': 'Gesetzte Variablen', 'workflow-trace.details': 'Details',
    'workflow-trace.simulated': 'simuliert', 'workflow-trace.took': 'Dauer {duration}',
    'workflow-trace.input': 'Eingabe', 'workflow-trace.output': 'Ausgabe', 'workflow-trace.filters': 'Filter',
  },
};
