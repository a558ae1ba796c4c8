// The dry run ("test") panel of the editor: a sample trigger payload (editable JSON) and the trace
// the run would record with every action simulated (POST workflows/test, or workflows/{id}/test
// for a saved workflow whose text is unchanged).
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { problemAlert } from '../core/ui.js';
import { statusBadge, collapsible, prettyJSON, workflowProblemText } from './workflow-common.js';
import { traceView, filtersView } from './workflow-trace.js';
import { sampleValue } from './workflow-inputs.js';

/** Trigger fields a definition reads (`trigger.title`, `trigger?.unitID`), in order of appearance. */
function referencedTriggerFields(definition) {
  const names = new Set();
  const visit = (value) => {
    if (typeof value === 'string') for (const m of value.matchAll(/\btrigger\??\.([A-Za-z_]\w*)/g)) names.add(m[1]);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.entries(value).forEach(([key, v]) => { if (key !== 'trigger') visit(v); });
  };
  visit(definition);
  return [...names];
}

/**
 * A sample trigger for `definition`: the trigger data of the workflow's latest run when there is
 * one (real data), else the manual inputs' defaults, a schedule's instant, or the event fields the
 * definition reads (empty, to fill in). Resolves to `{ trigger, source }`.
 */
async function sampleTrigger(ctx, definition, workflowID) {
  if (workflowID) {
    try {
      const runs = await ctx.org.get('/workflow-runs', { workflowID, limit: 1 }, { signal: ctx.signal });
      if (runs.items.length) {
        const run = await ctx.org.get(`/workflow-runs/${runs.items[0].id}`, undefined, { signal: ctx.signal });
        if (run.trigger && typeof run.trigger === 'object') return { trigger: run.trigger, source: 'last_run' };
      }
    } catch (error) {
      if (error.name === 'AbortError') throw error;
    }
  }
  const trigger = definition?.trigger ?? {};
  if (trigger.type === 'manual') {
    return { trigger: Object.fromEntries((trigger.inputs ?? []).map((p) => [p.name, sampleValue(p)])), source: 'inputs' };
  }
  if (trigger.type === 'schedule') return { trigger: { scheduledAt: new Date().toISOString() }, source: 'schedule' };
  const fields = referencedTriggerFields({ ...definition, trigger: undefined });
  return { trigger: Object.fromEntries(fields.map((f) => [f, null])), source: 'event' };
}

/**
 * The panel. `current()` resolves to `{ definition }` from the editor (or throws when the text
 * does not parse); `savedID()` is the workflow id when the editor holds its saved definition
 * unchanged; `onProblem(error)` shows a definition problem in the editor.
 */
export function dryRunPanel(ctx, { current, savedID, onProblem }) {
  const sample = h('textarea', { class: 'wf-json', id: 'wf-dry-trigger', rows: 8, spellcheck: false, 'data-test': 'dry-run-trigger', 'aria-describedby': 'wf-dry-hint wf-dry-error' });
  const hint = h('div', { class: 'hint', id: 'wf-dry-hint' });
  const sampleError = h('div', { class: 'error', id: 'wf-dry-error', hidden: true });
  const result = h('div', { 'aria-live': 'polite' });
  const run = h('button', { class: 'btn btn-primary', type: 'button', 'data-test': 'workflow-dry-run' }, t('workflow-dry-run.run'));
  const reset = h('button', { class: 'btn', type: 'button' }, t('workflow-dry-run.reset'));

  async function fill() {
    let definition = null;
    try { ({ definition } = await current()); } catch { /* keep the sample as it is */ }
    const { trigger, source } = await sampleTrigger(ctx, definition, savedID());
    sample.value = prettyJSON(trigger);
    hint.textContent = t('workflow-dry-run.source.' + source);
  }

  function showResult(answer, tested) {
    replace(result,
      h('div', { class: 'row' }, h('h3', {}, t('workflow-dry-run.result')), statusBadge(answer.status),
        h('span', { class: 'small muted' }, tested)),
      answer.status === 'filtered' ? h('p', {}, t('workflow-dry-run.filtered')) : null,
      answer.errorMessage ? h('div', { class: 'alert error' },
        h('strong', {}, answer.failedStep ? t('workflow-dry-run.failed_at', { step: answer.failedStep }) : t('workflow-dry-run.failed')),
        h('div', { class: 'mono small' }, answer.errorCode ?? ''), h('div', {}, answer.errorMessage)) : null,
      filtersView(answer.filters, 4),
      traceView(answer.trace, { test: 'dry-run-trace', level: 4 }),
      answer.vars && Object.keys(answer.vars).length ? collapsible(t('workflow-dry-run.vars'), answer.vars) : null,
      answer.steps && Object.keys(answer.steps).length ? collapsible(t('workflow-dry-run.steps'), answer.steps) : null);
  }

  async function dryRun() {
    sampleError.hidden = true;
    sample.removeAttribute('aria-invalid');
    let trigger;
    try {
      trigger = JSON.parse(sample.value || '{}');
      if (trigger === null || typeof trigger !== 'object' || Array.isArray(trigger)) throw new Error('object');
    } catch {
      sampleError.textContent = t('workflow-dry-run.bad_sample');
      sampleError.hidden = false;
      sample.setAttribute('aria-invalid', 'true');
      sample.focus();
      return;
    }
    let definition;
    try {
      ({ definition } = await current());
    } catch {
      replace(result, h('div', { class: 'alert error', role: 'alert' }, t('workflow-dry-run.fix_syntax')));
      return;
    }
    run.disabled = true;
    replace(result, h('p', { class: 'muted', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' ', t('workflow-dry-run.running')));
    try {
      const id = savedID();
      const answer = id
        ? await ctx.org.post(`/workflows/${id}/test`, { trigger }, { signal: ctx.signal })
        : await ctx.org.post('/workflows/test', { definition, trigger }, { signal: ctx.signal });
      showResult(answer, id ? t('workflow-dry-run.tested_saved') : t('workflow-dry-run.tested_text'));
    } catch (error) {
      if (error.name === 'AbortError') return;
      const inputErrors = (error.errors ?? []).filter((e) => String(e.pointer).startsWith('/input'));
      if (inputErrors.length) {
        sampleError.textContent = inputErrors.map((e) => `${e.pointer.replace(/^\/input\/?/, '') || 'trigger'}: ${e.detail}`).join(' · ');
        sampleError.hidden = false;
        sample.setAttribute('aria-invalid', 'true');
      } else if (error.code === 'workflow.invalid_definition') onProblem?.(error);
      const alert = problemAlert(error);
      alert.querySelector('strong').textContent = workflowProblemText(error);
      replace(result, alert);
    } finally {
      run.disabled = false;
    }
  }

  run.addEventListener('click', dryRun);
  reset.addEventListener('click', () => fill().catch(() => {}));
  const el = h('section', { class: 'card stack', 'aria-labelledby': 'wf-dry-title' },
    h('h2', { id: 'wf-dry-title' }, t('workflow-dry-run.title')),
    h('p', { class: 'small muted' }, t('workflow-dry-run.intro')),
    h('div', { class: 'field' }, h('label', { for: sample.id }, t('workflow-dry-run.sample')), sample, hint, sampleError),
    h('div', { class: 'row' }, run, reset),
    result);
  return { el, fill };
}

export const messages = {
  en: {
    'workflow-dry-run.title': 'Dry run', 'workflow-dry-run.run': 'Dry run', 'workflow-dry-run.reset': 'Reset sample',
    'workflow-dry-run.intro': 'Runs the definition against sample trigger data with every action simulated: nothing is sent, written or called, and delays are skipped.',
    'workflow-dry-run.sample': 'Sample trigger data (trigger.*, JSON)',
    'workflow-dry-run.source.last_run': 'Taken from the trigger data of this workflow’s latest run.',
    'workflow-dry-run.source.inputs': 'Built from the manual trigger’s inputs and their defaults.',
    'workflow-dry-run.source.schedule': 'A schedule’s runs get the instant they were due as scheduledAt.',
    'workflow-dry-run.source.event': 'The API gives no sample payload for events: these are the trigger fields the definition reads; fill in values.',
    'workflow-dry-run.bad_sample': 'The sample must be a JSON object.', 'workflow-dry-run.fix_syntax': 'Fix the definition’s syntax first.',
    'workflow-dry-run.running': 'Running…', 'workflow-dry-run.result': 'Result',
    'workflow-dry-run.tested_saved': 'tested: the saved version', 'workflow-dry-run.tested_text': 'tested: the text in the editor',
    'workflow-dry-run.filtered': 'The filters were false for this trigger: no run would start.',
    'workflow-dry-run.failed_at': 'Failed at step “{step}”', 'workflow-dry-run.failed': 'Failed',
    'workflow-dry-run.vars': 'Final variables (vars)', 'workflow-dry-run.steps': 'Step results (steps)',
  },
  sk: {
    'workflow-dry-run.title': 'Skúšobný beh', 'workflow-dry-run.run': 'Spustiť skúšobne', 'workflow-dry-run.reset': 'Obnoviť vzorku',
    'workflow-dry-run.intro': 'Spustí definíciu so vzorovými údajmi spúšťača a všetky akcie len simuluje: nič sa neodošle, nezapíše ani nezavolá a čakania sa preskočia.',
    'workflow-dry-run.sample': 'Vzorové údaje spúšťača (trigger.*, JSON)',
    'workflow-dry-run.source.last_run': 'Prevzaté z údajov spúšťača posledného behu tohto postupu.',
    'workflow-dry-run.source.inputs': 'Zostavené zo vstupov ručného spúšťača a ich predvolených hodnôt.',
    'workflow-dry-run.source.schedule': 'Plánované behy dostanú okamih, kedy mali začať, ako scheduledAt.',
    'workflow-dry-run.source.event': 'API nedáva vzorové údaje udalostí: toto sú polia spúšťača, ktoré definícia číta; doplňte hodnoty.',
    'workflow-dry-run.bad_sample': 'Vzorka musí byť objekt v JSON.', 'workflow-dry-run.fix_syntax': 'Najprv opravte syntax definície.',
    'workflow-dry-run.running': 'Prebieha…', 'workflow-dry-run.result': 'Výsledok',
    'workflow-dry-run.tested_saved': 'testovaná uložená verzia', 'workflow-dry-run.tested_text': 'testovaný text v editore',
    'workflow-dry-run.filtered': 'Filtre pre tento spúšťač neplatia: beh by sa nespustil.',
    'workflow-dry-run.failed_at': 'Zlyhalo v kroku „{step}“', 'workflow-dry-run.failed': 'Zlyhalo',
    'workflow-dry-run.vars': 'Konečné premenné (vars)', 'workflow-dry-run.steps': 'Výsledky krokov (steps)',
  },
  cs: {
    'workflow-dry-run.title': 'Zkušební běh', 'workflow-dry-run.run': 'Spustit zkušebně', 'workflow-dry-run.reset': 'Obnovit vzorek',
    'workflow-dry-run.intro': 'Spustí definici se vzorovými daty spouštěče a všechny akce jen simuluje: nic se neodešle, nezapíše ani nezavolá a čekání se přeskočí.',
    'workflow-dry-run.sample': 'Vzorová data spouštěče (trigger.*, JSON)',
    'workflow-dry-run.source.last_run': 'Převzato z dat spouštěče posledního běhu tohoto postupu.',
    'workflow-dry-run.source.inputs': 'Sestaveno ze vstupů ručního spouštěče a jejich výchozích hodnot.',
    'workflow-dry-run.source.schedule': 'Plánované běhy dostanou okamžik, kdy měly začít, jako scheduledAt.',
    'workflow-dry-run.source.event': 'API nedává vzorová data událostí: toto jsou pole spouštěče, která definice čte; doplňte hodnoty.',
    'workflow-dry-run.bad_sample': 'Vzorek musí být objekt v JSON.', 'workflow-dry-run.fix_syntax': 'Nejprve opravte syntaxi definice.',
    'workflow-dry-run.running': 'Probíhá…', 'workflow-dry-run.result': 'Výsledek',
    'workflow-dry-run.tested_saved': 'testována uložená verze', 'workflow-dry-run.tested_text': 'testován text v editoru',
    'workflow-dry-run.filtered': 'Filtry pro tento spouštěč neplatí: běh by se nespustil.',
    'workflow-dry-run.failed_at': 'Selhalo v kroku „{step}“', 'workflow-dry-run.failed': 'Selhalo',
    'workflow-dry-run.vars': 'Konečné proměnné (vars)', 'workflow-dry-run.steps': 'Výsledky kroků (steps)',
  },
  de: {
    'workflow-dry-run.title': 'Testlauf', 'workflow-dry-run.run': 'Testlauf starten', 'workflow-dry-run.reset': 'Beispiel zurücksetzen',
    'workflow-dry-run.intro': 'Führt die Definition mit Beispieldaten des Auslösers aus; alle Aktionen werden nur simuliert: nichts wird gesendet, geschrieben oder aufgerufen, Wartezeiten werden übersprungen.',
    'workflow-dry-run.sample': 'Beispieldaten des Auslösers (trigger.*, JSON)',
    'workflow-dry-run.source.last_run': 'Aus den Auslöserdaten des letzten Laufs dieses Workflows übernommen.',
    'workflow-dry-run.source.inputs': 'Aus den Eingaben des manuellen Auslösers und ihren Standardwerten erstellt.',
    'workflow-dry-run.source.schedule': 'Geplante Läufe erhalten ihren Fälligkeitszeitpunkt als scheduledAt.',
    'workflow-dry-run.source.event': 'Die API liefert keine Beispieldaten für Ereignisse: Das sind die Felder, die die Definition liest; bitte Werte eintragen.',
    'workflow-dry-run.bad_sample': 'Das Beispiel muss ein JSON-Objekt sein.', 'workflow-dry-run.fix_syntax': 'Bitte zuerst die Syntax der Definition korrigieren.',
    'workflow-dry-run.running': 'Läuft…', 'workflow-dry-run.result': 'Ergebnis',
    'workflow-dry-run.tested_saved': 'getestet: die gespeicherte Version', 'workflow-dry-run.tested_text': 'getestet: der Text im Editor',
    'workflow-dry-run.filtered': 'Die Filter trafen für diesen Auslöser nicht zu: Es würde kein Lauf starten.',
    'workflow-dry-run.failed_at': 'Fehlgeschlagen bei Schritt „{step}“', 'workflow-dry-run.failed': 'Fehlgeschlagen',
    'workflow-dry-run.vars': 'Variablen am Ende (vars)', 'workflow-dry-run.steps': 'Ergebnisse der Schritte (steps)',
  },
};
