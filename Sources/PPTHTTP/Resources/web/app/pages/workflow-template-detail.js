// One template (`workflows/templates/:id`): its parameters as a generated form, a preview of the
// resulting definition (with its problems and, given sample trigger data, a dry run), and import as
// a new workflow, which then opens in the editor.
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pageHeader, badge, problemAlert, toast, field } from '../core/ui.js';
import { ensureStyles, triggerText, categoryName, codeBlock, collapsible, prettyJSON, statusBadge, workflowProblemText } from './workflow-common.js';
import { parameterFields } from './workflow-inputs.js';
import { traceView, filtersView } from './workflow-trace.js';
import { toYAML } from './workflow-yaml.js';

export async function renderTemplateDetail(ctx) {
  ensureStyles();
  const canManage = ctx.can('workflowsManage');
  const template = await ctx.org.get(`/workflow-templates/${encodeURIComponent(ctx.params.id)}`, undefined, { signal: ctx.signal });
  const fields = parameterFields(template.parameters, { ctx });
  const nameInput = h('input', { name: 'name', required: true, maxlength: 200, value: template.name, 'data-test': 'template-workflow-name' });
  const enabledInput = h('input', { type: 'checkbox', id: 'wf-template-enabled', checked: true });
  const sample = h('textarea', { class: 'wf-json', id: 'wf-template-sample', rows: 5, spellcheck: false, 'aria-describedby': 'wf-template-sample-hint' });
  const errors = h('div', {});
  const preview = h('div', { 'aria-live': 'polite' });
  let format = 'json';

  function readParameters() {
    replace(errors);
    const { values, valid } = fields.read();
    return valid ? values : null;
  }

  function showError(error) {
    fields.showErrors(error, '/parameters');
    const alert = problemAlert(error);
    alert.querySelector('strong').textContent = workflowProblemText(error);
    replace(errors, alert);
  }

  function showPreview(answer) {
    const definitionBlock = h('div', {});
    const draw = () => replace(definitionBlock, codeBlock(format === 'yaml' ? toYAML(answer.definition) : prettyJSON(answer.definition), { 'data-test': 'template-definition' }));
    const toggle = ['json', 'yaml'].map((f) => h('button', {
      type: 'button', 'aria-pressed': String(f === format),
      onclick: (e) => { format = f; toggle.forEach((b) => b.setAttribute('aria-pressed', String(b === e.currentTarget))); draw(); },
    }, f.toUpperCase()));
    draw();
    const dry = answer.dryRun;
    replace(preview, h('section', { class: 'card stack', 'aria-labelledby': 'wf-preview-title', 'data-test': 'template-preview-result' },
      h('div', { class: 'wf-toolbar' }, h('h2', { id: 'wf-preview-title' }, t('workflow-template-detail.preview_title')),
        h('span', { class: 'spacer' }), h('div', { class: 'wf-segmented', role: 'group', 'aria-label': t('workflow-editor.format') }, toggle)),
      answer.problems.length
        ? h('div', { class: 'alert error' }, h('strong', {}, t('workflow-template-detail.problems')),
          h('ul', {}, answer.problems.map((p) => h('li', {}, h('span', { class: 'mono' }, p.pointer || '/'), ': ', p.detail))))
        : h('p', { class: 'alert ok' }, t('workflow-template-detail.valid')),
      definitionBlock,
      dry ? h('div', { class: 'stack' },
        h('div', { class: 'row' }, h('h3', {}, t('workflow-template-detail.dry_run')), statusBadge(dry.status)),
        dry.errorMessage ? h('div', { class: 'alert error' }, h('div', { class: 'mono small' }, dry.errorCode ?? ''), dry.errorMessage) : null,
        filtersView(dry.filters, 4),
        traceView(dry.trace, { test: 'dry-run-trace', level: 4 })) : null));
  }

  async function doPreview(button) {
    const parameters = readParameters();
    if (!parameters) return;
    let trigger;
    if (sample.value.trim()) {
      try {
        trigger = JSON.parse(sample.value);
        if (trigger === null || typeof trigger !== 'object' || Array.isArray(trigger)) throw new Error('object');
        sample.removeAttribute('aria-invalid');
      } catch {
        sample.setAttribute('aria-invalid', 'true');
        replace(errors, h('div', { class: 'alert error', role: 'alert' }, t('workflow-dry-run.bad_sample')));
        sample.focus();
        return;
      }
    }
    button.disabled = true;
    try {
      showPreview(await ctx.org.post(`/workflow-templates/${encodeURIComponent(template.id)}/preview`, { parameters, trigger }, { signal: ctx.signal }));
      preview.scrollIntoView({ block: 'nearest' });
    } catch (error) {
      if (error.name !== 'AbortError') showError(error);
    } finally {
      button.disabled = false;
    }
  }

  async function doImport(button) {
    const parameters = readParameters();
    if (!parameters) return;
    const name = nameInput.value.trim();
    if (!name) {
      nameInput.setAttribute('aria-invalid', 'true');
      replace(errors, h('div', { class: 'alert error', role: 'alert' }, t('workflow-editor.name_required')));
      nameInput.focus();
      return;
    }
    nameInput.removeAttribute('aria-invalid');
    button.disabled = true;
    try {
      const workflow = await ctx.org.post(`/workflow-templates/${encodeURIComponent(template.id)}/import`,
        { name, parameters, enabled: enabledInput.checked }, { signal: ctx.signal });
      toast(t('workflow-template-detail.imported', { name: workflow.name }));
      ctx.navigate(`workflows/${workflow.id}`);
    } catch (error) {
      if (error.name !== 'AbortError') showError(error);
    } finally {
      button.disabled = false;
    }
  }

  const previewButton = h('button', { class: 'btn', type: 'button', 'data-test': 'template-preview', onclick: (e) => doPreview(e.currentTarget) }, t('workflow-template-detail.preview'));
  const importButton = canManage ? h('button', { class: 'btn btn-primary', type: 'button', 'data-test': 'template-import', onclick: (e) => doImport(e.currentTarget) }, t('workflow-template-detail.import')) : null;

  replace(ctx.root, h('div', { 'data-test': 'template-detail' },
    pageHeader(template.name, h('a', { class: 'btn', href: '#/workflows/templates' }, t('workflow-template-detail.back'))),
    h('div', { class: 'row' }, badge(categoryName(template.category)),
      template.builtIn ? badge(t('workflow-templates.built_in'), 'ok') : badge(t('workflow-templates.organization')),
      h('span', { class: 'muted' }, triggerText(template.definition?.trigger))),
    h('p', {}, template.description),
    h('div', { class: 'wf-editor' },
      h('section', { class: 'card stack', 'aria-labelledby': 'wf-parameters-title' },
        h('h2', { id: 'wf-parameters-title' }, t('workflow-template-detail.parameters')),
        errors,
        fields.el,
        canManage ? [field(t('workflow-template-detail.workflow_name'), nameInput),
          h('label', { class: 'checkbox', for: 'wf-template-enabled' }, enabledInput, t('workflow-template-detail.enabled'))] : null,
        h('details', {}, h('summary', {}, t('workflow-template-detail.with_sample')),
          h('div', { class: 'field' }, h('label', { for: sample.id }, t('workflow-dry-run.sample')), sample,
            h('div', { class: 'hint', id: 'wf-template-sample-hint' }, t('workflow-template-detail.sample_hint')))),
        h('div', { class: 'row' }, previewButton, importButton)),
      h('div', { class: 'stack' }, preview,
        collapsible(t('workflow-template-detail.raw'), template.definition)))));
}

export const messages = {
  en: {
    'workflow-template-detail.back': 'All templates', 'workflow-template-detail.parameters': 'Parameters',
    'workflow-template-detail.workflow_name': 'Name of the new workflow', 'workflow-template-detail.enabled': 'Enable it right away',
    'workflow-template-detail.with_sample': 'Also dry-run the preview with sample trigger data',
    'workflow-template-detail.sample_hint': 'A JSON object; leave empty for no dry run.',
    'workflow-template-detail.preview': 'Preview', 'workflow-template-detail.import': 'Import as workflow',
    'workflow-template-detail.preview_title': 'Resulting definition', 'workflow-template-detail.problems': 'The definition would have problems:',
    'workflow-template-detail.valid': 'A valid workflow definition.', 'workflow-template-detail.dry_run': 'Dry run',
    'workflow-template-detail.imported': 'Workflow “{name}” created from the template.',
    'workflow-template-detail.raw': 'Template definition (with parameter nodes)',
    'problem.workflow_template.invalid_parameters': 'Some parameter values are not valid (marked above).',
  },
  sk: {
    'workflow-template-detail.back': 'Všetky šablóny', 'workflow-template-detail.parameters': 'Parametre',
    'workflow-template-detail.workflow_name': 'Názov nového postupu', 'workflow-template-detail.enabled': 'Hneď zapnúť',
    'workflow-template-detail.with_sample': 'Náhľad aj skúšobne spustiť so vzorovými údajmi spúšťača',
    'workflow-template-detail.sample_hint': 'Objekt v JSON; nechajte prázdne, ak netreba skúšobný beh.',
    'workflow-template-detail.preview': 'Náhľad', 'workflow-template-detail.import': 'Importovať ako postup',
    'workflow-template-detail.preview_title': 'Výsledná definícia', 'workflow-template-detail.problems': 'Definícia by mala problémy:',
    'workflow-template-detail.valid': 'Platná definícia postupu.', 'workflow-template-detail.dry_run': 'Skúšobný beh',
    'workflow-template-detail.imported': 'Postup „{name}“ je vytvorený zo šablóny.',
    'workflow-template-detail.raw': 'Definícia šablóny (s uzlami parametrov)',
    'problem.workflow_template.invalid_parameters': 'Niektoré hodnoty parametrov nie sú platné (označené vyššie).',
  },
  cs: {
    'workflow-template-detail.back': 'Všechny šablony', 'workflow-template-detail.parameters': 'Parametry',
    'workflow-template-detail.workflow_name': 'Název nového postupu', 'workflow-template-detail.enabled': 'Hned zapnout',
    'workflow-template-detail.with_sample': 'Náhled také zkušebně spustit se vzorovými daty spouštěče',
    'workflow-template-detail.sample_hint': 'Objekt v JSON; nechte prázdné, pokud zkušební běh nepotřebujete.',
    'workflow-template-detail.preview': 'Náhled', 'workflow-template-detail.import': 'Importovat jako postup',
    'workflow-template-detail.preview_title': 'Výsledná definice', 'workflow-template-detail.problems': 'Definice by měla problémy:',
    'workflow-template-detail.valid': 'Platná definice postupu.', 'workflow-template-detail.dry_run': 'Zkušební běh',
    'workflow-template-detail.imported': 'Postup „{name}“ je vytvořen ze šablony.',
    'workflow-template-detail.raw': 'Definice šablony (s uzly parametrů)',
    'problem.workflow_template.invalid_parameters': 'Některé hodnoty parametrů nejsou platné (označeno výše).',
  },
  de: {
    'workflow-template-detail.back': 'Alle Vorlagen', 'workflow-template-detail.parameters': 'Parameter',
    'workflow-template-detail.workflow_name': 'Name des neuen Workflows', 'workflow-template-detail.enabled': 'Sofort aktivieren',
    'workflow-template-detail.with_sample': 'Vorschau zusätzlich mit Beispieldaten des Auslösers testen',
    'workflow-template-detail.sample_hint': 'Ein JSON-Objekt; leer lassen, wenn kein Testlauf nötig ist.',
    'workflow-template-detail.preview': 'Vorschau', 'workflow-template-detail.import': 'Als Workflow importieren',
    'workflow-template-detail.preview_title': 'Resultierende Definition', 'workflow-template-detail.problems': 'Die Definition hätte Probleme:',
    'workflow-template-detail.valid': 'Eine gültige Workflow-Definition.', 'workflow-template-detail.dry_run': 'Testlauf',
    'workflow-template-detail.imported': 'Workflow „{name}“ aus der Vorlage erstellt.',
    'workflow-template-detail.raw': 'Definition der Vorlage (mit Parameterknoten)',
    'problem.workflow_template.invalid_parameters': 'Einige Parameterwerte sind ungültig (oben markiert).',
  },
};
