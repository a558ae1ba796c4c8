// The workflow editor (`workflows/new`, `workflows/:id`): name and switches, the definition as JSON
// or YAML in a code editor whose problems (POST workflows/validate, debounced while typing and again
// on save) are marked at their lines, saving (a new version each time), version history, YAML
// export, save as template, dry run and a manual run.
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pageHeader, problemAlert, confirmDialog, toast, field } from '../core/ui.js';
import { blob } from '../core/api.js';
import { ensureStyles, triggerText, prettyJSON, downloadBlob, workflowProblemText } from './workflow-common.js';
import { parseJSONWithLines, lineOfPointer, SyntaxProblem } from './workflow-json.js';
import { parseYAML, toYAML } from './workflow-yaml.js';
import { codeEditor, problemList } from './workflow-code.js';
import { dryRunPanel } from './workflow-dry-run.js';
import { manualRunForm, isManual } from './workflow-manual-run.js';
import { versionHistory } from './workflow-versions.js';
import { openSaveTemplate } from './workflow-save-template.js';
import { actionReference } from './workflow-action-reference.js';

const FORMAT_KEY = 'ppt.workflow.format';
const STARTER = { trigger: { type: 'manual', inputs: [] }, steps: [] };
const VALIDATE_DELAY_MS = 700;

/** JSON with sorted keys, to tell whether two definitions are the same. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

function syntaxMessage(problem) {
  return `${t('workflow-editor.syntax.' + problem.code, problem.vars)} (${t('workflow-editor.column', { column: problem.column })})`;
}

/** The editor page. */
export async function renderEditor(ctx) {
  ensureStyles();
  const canManage = ctx.can('workflowsManage');
  let workflow = ctx.params.id ? await ctx.org.get(`/workflows/${encodeURIComponent(ctx.params.id)}`, undefined, { signal: ctx.signal }) : null;
  let format = localStorage.getItem(FORMAT_KEY) === 'yaml' ? 'yaml' : 'json';
  const render = (definition) => (format === 'yaml' ? toYAML(definition) : prettyJSON(definition) + '\n');

  // --- Name, description, enabled
  const nameInput = h('input', { name: 'name', required: true, maxlength: 200, value: workflow?.name ?? '', disabled: !canManage, 'data-test': 'workflow-name' });
  const descriptionInput = h('textarea', { name: 'description', rows: 2, value: workflow?.description ?? '', disabled: !canManage });
  const enabledInput = h('input', { type: 'checkbox', name: 'enabled', checked: workflow?.enabled ?? true, disabled: !canManage, id: 'wf-enabled' });
  const meta = h('form', { class: 'form', novalidate: true, onsubmit: (e) => { e.preventDefault(); save(); } },
    field(t('common.name'), nameInput),
    field(t('workflow-editor.description'), descriptionInput),
    h('label', { class: 'checkbox', for: 'wf-enabled' }, enabledInput, t('workflow-editor.enabled')));

  // --- Definition editor, its problems and saving
  const status = h('span', { class: 'small', role: 'status', id: 'wf-validation', 'data-test': 'workflow-validation' });
  const problemsSlot = h('div', {});
  const saveErrors = h('div', {});
  const editor = codeEditor({ label: t('workflow-editor.definition', { format: format.toUpperCase() }), value: render(workflow?.definition ?? STARTER),
    readOnly: !canManage, onInput: scheduleValidation, describedBy: 'wf-validation' });
  const formatButtons = ['json', 'yaml'].map((f) => h('button', {
    type: 'button', 'aria-pressed': String(f === format), 'data-test': `workflow-format-${f}`, onclick: () => switchFormat(f),
  }, f.toUpperCase()));
  const saveButton = canManage ? h('button', { class: 'btn btn-primary', type: 'button', 'data-test': 'workflow-save', onclick: () => save() },
    workflow ? t('workflow-editor.save') : t('workflow-editor.create')) : null;

  function parse() {
    return format === 'yaml' ? parseYAML(editor.value) : parseJSONWithLines(editor.value);
  }
  /** The editor's definition; throws SyntaxProblem. */
  async function current() { return { definition: parse().value }; }
  function isUnchanged() {
    if (!workflow) return false;
    try { return canonical(parse().value) === canonical(workflow.definition); } catch { return false; }
  }

  function showProblems(problems) {
    problems.sort((a, b) => a.line - b.line);
    editor.setProblems(problems);
    replace(problemsSlot, problemList(problems, editor));
    status.textContent = problems.length ? t('workflow-editor.problems', { count: problems.length }) : t('workflow-editor.no_problems');
    status.className = problems.length ? 'small badge danger' : 'small badge ok';
  }

  /** API problems (pointers into the definition) at their lines in the current text. */
  function definitionProblems(errors) {
    let lines = new Map();
    try { lines = parse().lines; } catch { /* the text changed since; line 1 then */ }
    return errors.map((e) => {
      const pointer = String(e.pointer ?? '').replace(/^\/yaml(?=\/|$)/, '');
      const reported = /\(?line (\d+)(?:, column \d+)?\)?:?/.exec(e.detail ?? '');
      const line = reported && format === 'yaml' ? Number(reported[1]) : lineOfPointer(lines, pointer);
      const message = (e.detail ?? '').replace(/\s*\(line \d+\)$/, '').replace(/^line \d+(, column \d+)?: /, '');
      return { line, message, pointer };
    });
  }

  let timer = null;
  let validation = null;
  function scheduleValidation() {
    clearTimeout(timer);
    status.textContent = t('workflow-editor.checking');
    status.className = 'small muted';
    timer = setTimeout(() => { validate().catch(() => {}); }, VALIDATE_DELAY_MS);
    window.addEventListener('beforeunload', warnUnsaved);
  }
  ctx.signal.addEventListener('abort', () => { clearTimeout(timer); validation?.abort(); window.removeEventListener('beforeunload', warnUnsaved); });
  function warnUnsaved(event) { if (canManage && (!workflow || !isUnchanged())) event.preventDefault(); }

  /** Checks the text: its syntax here, the definition by the API. Resolves to the definition or null. */
  async function validate() {
    clearTimeout(timer);
    validation?.abort();
    let parsed;
    try {
      parsed = parse();
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      showProblems([{ line: error.line, message: syntaxMessage(error), pointer: '' }]);
      return null;
    }
    validation = new AbortController();
    status.textContent = t('workflow-editor.checking');
    let answer;
    try {
      answer = await ctx.org.post('/workflows/validate', { definition: parsed.value }, { signal: validation.signal });
    } catch (error) {
      if (error.name !== 'AbortError') {
        status.textContent = workflowProblemText(error);
        status.className = 'small badge danger';
      }
      throw error;
    }
    showProblems(answer.problems.map((p) => ({ line: lineOfPointer(parsed.lines, p.pointer), message: p.detail, pointer: p.pointer })));
    return answer.valid ? parsed.value : null;
  }

  function switchFormat(next) {
    if (next === format) return;
    let value;
    try { value = parse().value; } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      showProblems([{ line: error.line, message: syntaxMessage(error), pointer: '' }]);
      toast(t('workflow-editor.fix_before_switch'), 'error');
      return;
    }
    format = next;
    localStorage.setItem(FORMAT_KEY, format);
    formatButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.textContent.toLowerCase() === format)));
    editor.setLabel(t('workflow-editor.definition', { format: format.toUpperCase() }));
    editor.setValue(render(value));
    validate().catch(() => {});
  }

  function showSaveError(error) {
    const fieldErrors = (error.errors ?? []).filter((e) => /^\/(name|description)$/.test(e.pointer ?? ''));
    if (fieldErrors.some((e) => e.pointer === '/name')) nameInput.setAttribute('aria-invalid', 'true');
    else nameInput.removeAttribute('aria-invalid');
    const definitionErrors = (error.errors ?? []).filter((e) => !fieldErrors.includes(e));
    if (['workflow.invalid_definition', 'workflow.invalid_yaml', 'validation.failed'].includes(error.code) && definitionErrors.length) {
      showProblems(definitionProblems(definitionErrors));
    }
    const alert = problemAlert({ ...error, errors: fieldErrors });
    alert.querySelector('strong').textContent = workflowProblemText(error);
    replace(saveErrors, alert);
    (problemsSlot.querySelector('button') ?? alert).focus?.();
  }

  async function save() {
    if (!canManage) return;
    replace(saveErrors);
    const name = nameInput.value.trim();
    if (!name) {
      nameInput.setAttribute('aria-invalid', 'true');
      replace(saveErrors, h('div', { class: 'alert error', role: 'alert' }, t('workflow-editor.name_required')));
      nameInput.focus();
      return;
    }
    nameInput.removeAttribute('aria-invalid');
    saveButton.disabled = true;
    try {
      const definition = await validate();
      if (!definition) {
        replace(saveErrors, h('div', { class: 'alert error', role: 'alert' }, t('workflow-editor.fix_problems')));
        problemsSlot.querySelector('button')?.focus();
        return;
      }
      const fields = { name, description: descriptionInput.value, enabled: enabledInput.checked };
      if (!workflow) {
        // New YAML goes through the API's own YAML reader (POST workflows/import).
        const created = format === 'yaml'
          ? await ctx.org.post('/workflows/import', { ...fields, yaml: editor.value }, { signal: ctx.signal })
          : await ctx.org.post('/workflows', { ...fields, definition }, { signal: ctx.signal });
        window.removeEventListener('beforeunload', warnUnsaved);
        toast(t('workflow-editor.created', { name: created.name }));
        ctx.navigate(`workflows/${created.id}`);
        return;
      }
      const changed = canonical(definition) !== canonical(workflow.definition);
      workflow = await ctx.org.patch(`/workflows/${workflow.id}`, { ...fields, ...(changed ? { definition } : {}) }, { signal: ctx.signal });
      window.removeEventListener('beforeunload', warnUnsaved);
      toast(changed ? t('workflow-editor.saved_version', { version: workflow.currentVersion }) : t('common.saved'));
      refreshSaved();
    } catch (error) {
      if (error.name === 'AbortError') return;
      showSaveError(error);
    } finally {
      saveButton.disabled = false;
    }
  }

  // --- Side panels
  const dryRun = dryRunPanel(ctx, {
    current, savedID: () => (isUnchanged() ? workflow.id : null),
    onProblem: (error) => showProblems(definitionProblems(error.errors ?? [])),
  });
  const versions = workflow ? versionHistory(ctx, {
    format: () => format,
    onLoad: canManage ? (definition, version) => {
      editor.setValue(render(definition));
      toast(t('workflow-editor.loaded_version', { version }));
      scheduleValidation();
      editor.textarea.focus();
    } : null,
  }) : null;
  const runSlot = h('div', {});
  const headerSlot = h('div', {});
  const summary = h('p', { class: 'muted', 'data-test': 'workflow-summary' });

  function refreshSaved() {
    replace(headerSlot, header());
    replace(summary, workflow ? `${triggerText(workflow.definition.trigger)} · ${t('workflow-editor.version', { version: workflow.currentVersion })}`
      : [t('workflow-editor.new_intro'), ' ', h('a', { href: '#/workflows/templates' }, t('workflow-editor.from_template'))]);
    versions?.refresh(workflow);
    replace(runSlot, workflow && canManage && isManual(workflow) ? h('section', { class: 'card', 'aria-labelledby': 'wf-run-title' },
      h('h2', { id: 'wf-run-title' }, t('workflow-editor.run_title')),
      manualRunForm(ctx, workflow, { note: t('workflow-editor.run_note', { version: workflow.currentVersion }), onStarted: (run) => ctx.navigate(`workflows/runs/${run.id}`) })) : null);
  }

  function header() {
    const actions = [];
    if (workflow) {
      actions.push(h('a', { class: 'btn', href: `#/workflows/runs?workflow=${workflow.id}` }, t('workflow-editor.runs')));
      actions.push(h('button', { class: 'btn', type: 'button', 'data-test': 'workflow-export-yaml', onclick: exportYAML }, t('workflow-editor.export_yaml')));
    }
    if (canManage) {
      actions.push(h('button', { class: 'btn', type: 'button', 'data-test': 'workflow-save-template', onclick: () => openSaveTemplate(ctx, {
        name: nameInput.value.trim(), description: descriptionInput.value,
        source: async () => (isUnchanged() ? { workflowID: workflow.id } : { definition: parse().value }),
      }) }, t('workflow-editor.save_template')));
    }
    if (workflow && canManage) actions.push(h('button', { class: 'btn btn-danger', type: 'button', 'data-test': 'workflow-delete', onclick: remove }, t('common.delete')));
    return pageHeader(workflow ? workflow.name : t('workflow-editor.new_title'), ...actions);
  }

  async function exportYAML() {
    try {
      const file = await blob(ctx.org.path(`/workflows/${workflow.id}/export`), { query: { format: 'yaml' }, signal: ctx.signal });
      downloadBlob(file, `${workflow.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-|-$/g, '') || 'workflow'}.yaml`);
    } catch (error) {
      if (error.name !== 'AbortError') toast(workflowProblemText(error), 'error');
    }
  }

  async function remove() {
    if (!await confirmDialog(t('workflow-editor.confirm_delete', { name: workflow.name }), { confirmLabel: t('common.delete'), danger: true })) return;
    try {
      await ctx.org.delete(`/workflows/${workflow.id}`);
      window.removeEventListener('beforeunload', warnUnsaved);
      toast(t('workflow-editor.deleted', { name: workflow.name }));
      ctx.navigate('workflows');
    } catch (error) {
      toast(workflowProblemText(error), 'error');
    }
  }

  refreshSaved();
  const page = h('div', { 'data-test': 'workflow-editor-page' },
    headerSlot, summary,
    h('div', { class: 'wf-editor' },
      h('div', { class: 'stack' },
        h('section', { class: 'card', 'aria-label': t('workflow-editor.settings') }, meta),
        h('section', { class: 'card', 'aria-labelledby': 'wf-definition-title' },
          h('div', { class: 'wf-toolbar' },
            h('h2', { id: 'wf-definition-title' }, t('workflow-editor.definition_title')),
            h('span', { class: 'spacer' }),
            h('div', { class: 'wf-segmented', role: 'group', 'aria-label': t('workflow-editor.format') }, formatButtons)),
          !canManage ? h('p', { class: 'alert info' }, t('workflow-editor.read_only')) : null,
          editor.el,
          h('div', { class: 'row' }, status),
          problemsSlot,
          saveErrors,
          saveButton ? h('div', { class: 'row' }, saveButton) : null),
        versions?.el),
      h('div', { class: 'stack' }, dryRun.el, runSlot, actionReference(ctx))));
  replace(ctx.root, page);
  validate().catch(() => {});
  dryRun.fill().catch(() => {});
}
