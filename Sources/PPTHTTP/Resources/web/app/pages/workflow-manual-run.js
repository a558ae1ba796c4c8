// Starting a manual-trigger workflow with typed inputs: a form generated from the trigger's
// declared inputs, sent once per submission (Idempotency-Key), then on to the run's page.
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { problemAlert, modal } from '../core/ui.js';
import { workflowProblemText } from './workflow-common.js';
import { parameterFields } from './workflow-inputs.js';

// crypto.randomUUID exists only in secure contexts; a plain-HTTP intranet install has getRandomValues.
function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether a workflow starts by hand. */
export function isManual(workflow) { return workflow?.definition?.trigger?.type === 'manual'; }

/** The run form for a saved manual workflow; `onStarted(run)` after the API accepted it. */
export function manualRunForm(ctx, workflow, { onStarted, note } = {}) {
  const inputs = workflow.definition.trigger.inputs ?? [];
  const fields = parameterFields(inputs, { ctx });
  const errors = h('div', {});
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', 'data-test': 'workflow-run-start' }, t('workflow-manual-run.start'));
  const form = h('form', { class: 'form', novalidate: true, 'data-test': 'workflow-run-form' },
    note ? h('p', { class: 'small muted' }, note) : null, errors, fields.el, h('div', { class: 'row' }, submit));
  // One key per intended run: kept when the network failed (the run may have started), renewed
  // after any answer.
  let key = idempotencyKey();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(errors);
    const { values, valid } = fields.read();
    if (!valid) return;
    submit.disabled = true;
    try {
      const run = await ctx.org.post(`/workflows/${workflow.id}/runs`, { input: values },
        { headers: { 'Idempotency-Key': key }, signal: ctx.signal });
      key = idempotencyKey();
      onStarted?.(run);
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (error.status !== 0) key = idempotencyKey();
      fields.showErrors(error, '/input');
      const alert = problemAlert(error);
      alert.querySelector('strong').textContent = error.code === 'workflow.filtered' ? t('workflow-manual-run.filtered') : workflowProblemText(error);
      replace(errors, alert);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** Opens the run form in a dialog; goes to the run's page once it started. */
export function openManualRun(ctx, workflow) {
  const { close } = modal(t('workflow-manual-run.dialog_title', { name: workflow.name }),
    manualRunForm(ctx, workflow, { onStarted: (run) => { close(); ctx.navigate(`workflows/runs/${run.id}`); } }));
}

export const messages = {
  en: {
    'workflow-manual-run.start': 'Start run', 'workflow-manual-run.dialog_title': 'Run “{name}”',
    'workflow-manual-run.filtered': 'The workflow’s filters are false for these inputs, so no run was started.',
  },
  sk: {
    'workflow-manual-run.start': 'Spustiť', 'workflow-manual-run.dialog_title': 'Spustiť „{name}“',
    'workflow-manual-run.filtered': 'Filtre postupu pre tieto vstupy neplatia, preto sa beh nespustil.',
  },
  cs: {
    'workflow-manual-run.start': 'Spustit', 'workflow-manual-run.dialog_title': 'Spustit „{name}“',
    'workflow-manual-run.filtered': 'Filtry postupu pro tyto vstupy neplatí, proto se běh nespustil.',
  },
  de: {
    'workflow-manual-run.start': 'Lauf starten', 'workflow-manual-run.dialog_title': '„{name}“ starten',
    'workflow-manual-run.filtered': 'Die Filter des Workflows treffen für diese Eingaben nicht zu; es wurde kein Lauf gestartet.',
  },
};
