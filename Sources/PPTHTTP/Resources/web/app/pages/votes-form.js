// Writing or editing a vote draft: title, description, audience (one building or the whole
// organization) and 1–50 questions of 2–20 answers each. Scheduling and opening happen on the
// detail page. Field problems (ours and the API's) appear under the input they belong to.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pageHeader, field, select, form, toast, problemAlert } from '../core/ui.js';
import { Problem } from '../core/api.js';
import { failedPage, useStyles, withFieldErrors } from './faults-common.js';
import { loadBuildings, useVoteStyles } from './votes-common.js';

const MAX_QUESTIONS = 50;
const MIN_OPTIONS = 2;
const MAX_OPTIONS = 20;
const ID_PATTERN = /^[\p{L}\p{N}_-]{1,64}$/u;

export async function renderVoteForm(ctx) {
  useStyles();
  useVoteStyles();
  const editing = ctx.params.id ? encodeURIComponent(ctx.params.id) : null;
  const heading = t(editing ? 'votes.edit' : 'votes.new');
  let buildings;
  let existing;
  try {
    [buildings, existing] = await Promise.all([
      loadBuildings(ctx),
      editing ? ctx.org.get(`/votes/${editing}`, undefined, { signal: ctx.signal }) : null,
    ]);
  } catch (error) {
    return failedPage(heading, error, '#/votes', t('votes.back'));
  }
  const back = existing
    ? h('a', { href: `#/votes/${existing.id}` }, existing.title)
    : h('a', { href: '#/votes' }, t('votes.back'));
  if (existing && existing.status !== 'draft' && existing.status !== 'scheduled') {
    return h('div', {}, pageHeader(heading, back), problemAlert({ detail: t('votes.not_editable') }));
  }

  const sorted = [...buildings.values()].sort((a, b) => a.name.localeCompare(b.name));
  const editor = questionsEditor(existing?.questions ?? [{ text: '', options: defaultOptions() }]);
  const el = form([
    field(t('votes.field.title'), h('input', { name: 'title', required: true, maxlength: 200, value: existing?.title ?? '', 'data-pointer': '/title' }),
      t('votes.field.title_hint')),
    field(t('votes.field.description'), h('textarea', { name: 'description', maxlength: 10000, rows: 6, 'data-pointer': '/description' }, existing?.description ?? ''),
      t('votes.field.description_hint')),
    field(t('votes.field.audience'), select('buildingID',
      [['', t('votes.audience.all_option')], ...sorted.map((b) => [b.id, t('votes.audience.building', { name: b.name })])],
      existing?.buildingID ?? '', { 'data-pointer': '/buildingID' }), t('votes.field.audience_hint')),
    editor.element,
  ], withFieldErrors(async (data) => {
    const input = {
      buildingID: data.buildingID || null,
      title: data.title.trim(),
      description: data.description.trim(),
      questions: editor.values(),
    };
    const errors = [
      ...(input.title ? [] : [{ pointer: '/title', detail: t('votes.required') }]),
      ...editor.problems(),
    ];
    if (errors.length) throw new Problem(422, { code: 'validation.failed', errors });
    const saved = editing ? await ctx.org.put(`/votes/${editing}`, input) : await ctx.org.post('/votes', input);
    toast(t(editing ? 'votes.saved' : 'votes.created'));
    window.scrollTo(0, 0);
    ctx.navigate(`votes/${saved.id}`);
  }), { submitLabel: t(editing ? 'common.save' : 'votes.save_draft') });
  el.setAttribute('data-test', 'vote-form');
  el.setAttribute('aria-label', heading);
  return h('div', {}, pageHeader(heading, back),
    existing?.status === 'scheduled' ? h('div', { class: 'alert info' }, t('votes.edit_scheduled_note')) : null,
    h('div', { class: 'card' }, el));
}

function defaultOptions() { return [t('votes.option.for'), t('votes.option.against'), t('votes.option.abstain')]; }

/** The list of question editors with add/remove; `values()` is the API's `questions`, `problems()` our checks. */
function questionsEditor(initial) {
  const list = h('div', { class: 'stack' });
  const editors = [];
  const addQuestion = h('button', {
    class: 'btn', type: 'button', 'data-test': 'vote-add-question',
    onclick: () => { add({ text: '', options: defaultOptions() }).text.focus(); },
  }, t('votes.form.add_question'));

  function add(question) {
    const editor = questionEditor(question, {
      remove: (target) => {
        editors.splice(editors.indexOf(target), 1);
        target.element.remove();
        renumber();
        (editors[0]?.text ?? addQuestion).focus();
      },
      changed: renumber,
    });
    editors.push(editor);
    list.append(editor.element);
    renumber();
    return editor;
  }

  function renumber() {
    editors.forEach((e, i) => e.renumber(i, editors.length));
    addQuestion.disabled = editors.length >= MAX_QUESTIONS;
  }

  initial.forEach((q) => add(q));
  return {
    element: h('fieldset', { class: 'vote-fieldset', 'data-pointer': '/questions' },
      h('legend', {}, t('votes.questions')),
      h('p', { class: 'hint small muted', style: { marginTop: 0 } }, t('votes.form.questions_hint')),
      list, h('div', { class: 'row', style: { marginTop: '.75rem' } }, addQuestion)),
    values: () => editors.map((e) => e.value()),
    problems: () => {
      const problems = editors.flatMap((e, i) => e.problems(i));
      // A blank code becomes `q<position>`, which may clash with a code typed into another question.
      const seen = new Map();
      editors.forEach((e, i) => {
        const id = e.value().id ?? `q${i + 1}`;
        if (seen.has(id)) problems.push({ pointer: `/questions/${i}/id`, detail: t('votes.form.id_taken', { n: seen.get(id) + 1 }) });
        else seen.set(id, i);
      });
      return problems;
    },
  };
}

function questionEditor(question, { remove, changed }) {
  const title = h('h2', {});
  const removeQuestion = h('button', { class: 'btn btn-link', type: 'button', onclick: () => remove(editor) }, t('votes.form.remove_question'));
  const text = h('textarea', { rows: 2, maxlength: 1000, required: true }, question.text ?? '');
  const idInput = h('input', { class: 'mono', maxlength: 64, autocomplete: 'off', value: question.id ?? '' });
  idInput.setAttribute('spellcheck', 'false');
  const rows = h('div', { class: 'stack', style: { gap: '.4rem' } });
  const options = [];
  const addOption = h('button', {
    class: 'btn', type: 'button', 'data-test': 'vote-add-option',
    onclick: () => { addRow('').input.focus(); },
  }, t('votes.form.add_option'));
  const optionsGroup = h('fieldset', { class: 'vote-fieldset' },
    h('legend', {}, t('votes.form.options')), rows, h('div', { class: 'row', style: { marginTop: '.5rem' } }, addOption));
  const textField = field(t('votes.form.question_text'), text);
  const idField = field(t('votes.form.question_id'), idInput, t('votes.form.question_id_hint'));

  function addRow(value) {
    const input = h('input', { maxlength: 200, required: true, value });
    const label = h('label', { class: 'visually-hidden' });
    const removeButton = h('button', {
      class: 'btn', type: 'button',
      onclick: () => {
        const index = options.indexOf(option);
        options.splice(index, 1);
        option.row.remove();
        changed();
        (options[index] ?? options[index - 1]).input.focus();
      },
    }, h('span', { 'aria-hidden': 'true' }, '✕'));
    const option = { input, label, removeButton, row: h('div', { class: 'field' }, label, h('div', { class: 'vote-option-row' }, input, removeButton)) };
    options.push(option);
    rows.append(option.row);
    changed();
    return option;
  }

  const editor = {
    text,
    element: h('div', { class: 'vote-editor', 'data-test': 'vote-question' },
      h('div', { class: 'vote-editor-head' }, title, removeQuestion), textField, optionsGroup, idField),
    /** Names, labels and JSON pointers follow the question's place, so errors land on the right input. */
    renumber(index, count) {
      const n = index + 1;
      title.textContent = t('votes.form.question_n', { n });
      removeQuestion.hidden = count <= 1;
      removeQuestion.setAttribute('aria-label', t('votes.form.remove_question_n', { n }));
      text.dataset.pointer = `/questions/${index}/text`;
      idInput.dataset.pointer = `/questions/${index}/id`;
      optionsGroup.dataset.pointer = `/questions/${index}/options`;
      options.forEach((o, j) => {
        o.input.id = `vote-q${index}-option${j}`;
        o.input.dataset.pointer = `/questions/${index}/options/${j}`;
        o.label.htmlFor = o.input.id;
        o.label.textContent = t('votes.form.option_n', { n: j + 1, q: n });
        o.removeButton.setAttribute('aria-label', t('votes.form.remove_option_n', { n: j + 1, q: n }));
        o.removeButton.disabled = options.length <= MIN_OPTIONS;
      });
      addOption.disabled = options.length >= MAX_OPTIONS;
    },
    value() {
      const id = idInput.value.trim();
      return { ...(id ? { id } : {}), text: text.value.trim(), options: options.map((o) => o.input.value.trim()) };
    },
    problems(index) {
      const v = editor.value();
      const problems = [];
      if (!v.text) problems.push({ pointer: `/questions/${index}/text`, detail: t('votes.required') });
      if (v.id && !ID_PATTERN.test(v.id)) problems.push({ pointer: `/questions/${index}/id`, detail: t('votes.form.id_invalid') });
      v.options.forEach((o, j) => {
        if (!o) problems.push({ pointer: `/questions/${index}/options/${j}`, detail: t('votes.required') });
        else if (v.options.indexOf(o) < j) problems.push({ pointer: `/questions/${index}/options/${j}`, detail: t('votes.form.option_repeated') });
      });
      return problems;
    },
  };
  (question.options?.length ? question.options : ['', '']).forEach((o) => addRow(o));
  while (options.length < MIN_OPTIONS) addRow('');
  return editor;
}
