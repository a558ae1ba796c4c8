// Shared page pieces: headers, problem messages, forms, tables, dialogs, toasts, tabs.
import { h, replace } from './dom.js';
import { t, has } from './i18n.js';

/** A page's heading row with optional actions (buttons, links). */
export function pageHeader(title, ...actions) {
  document.title = `${title} · PPT`;
  return h('div', { class: 'page-header' }, h('h1', {}, title), ...actions);
}

/** The message a person reads for an error: our translation of its code, else the API's detail. */
export function problemText(error) {
  if (!error) return '';
  if (error.code && has('problem.' + error.code)) return t('problem.' + error.code);
  if (error.status === 0) return t('problem.network');
  return error.detail || error.title || error.message || t('problem.unknown');
}

/** An alert box for an error, listing field problems (JSON pointer and detail). */
export function problemAlert(error) {
  const items = (error?.errors ?? []).map((e) => h('li', {}, e.pointer ? `${e.pointer.replace(/^\//, '')}: ` : '', e.detail));
  return h('div', { class: 'alert error', role: 'alert' },
    h('strong', {}, problemText(error)),
    items.length ? h('ul', {}, items) : null,
    error?.requestId ? h('div', { class: 'small muted' }, t('problem.request_id', { id: error.requestId })) : null);
}

/** Shows `error` in `slot` (replacing what was there); clears the slot when `error` is null. */
export function showProblem(slot, error) {
  if (!error) { replace(slot); return; }
  replace(slot, problemAlert(error));
  slot.querySelector('[role=alert]')?.focus?.();
}

/** Marks inputs of `form` whose `name` matches a field error's pointer as invalid. */
export function markInvalid(form, error) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const e of error?.errors ?? []) {
    const name = String(e.pointer ?? '').replace(/^\//, '').split('/')[0];
    const input = name && form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (input) input.setAttribute('aria-invalid', 'true');
  }
}

let fieldCounter = 0;
/** A labelled form field around `control` (input, select, textarea); `hint` is linked for readers. */
export function field(label, control, hint) {
  const id = control.id || `f${++fieldCounter}`;
  control.id = id;
  const hintEl = hint ? h('div', { class: 'hint', id: id + '-hint' }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl);
}

/** A <select> of `[value, label]` pairs. */
export function select(name, options, value, attrs = {}) {
  return h('select', { name, ...attrs },
    options.map(([v, label]) => h('option', { value: v, selected: String(v) === String(value ?? '') }, label)));
}

/** A form that runs `onSubmit(data, form)` with a busy submit button and its problems shown above it. */
export function form(children, onSubmit, { submitLabel = t('common.save'), extra = [] } = {}) {
  const errors = h('div', { tabindex: '-1' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit' }, submitLabel);
  const el = h('form', { class: 'form', novalidate: true }, errors, children, h('div', { class: 'row' }, submit, extra));
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    showProblem(errors, null);
    try {
      await onSubmit(Object.fromEntries(new FormData(el)), el);
      markInvalid(el, null);
    } catch (error) {
      markInvalid(el, error);
      showProblem(errors, error);
    } finally {
      submit.disabled = false;
    }
  });
  return el;
}

/** A table: `columns` are `[heading, row => cell]`; an empty list shows `emptyText`. */
export function table(columns, rows, emptyText = t('common.empty')) {
  if (!rows || rows.length === 0) return h('p', { class: 'empty' }, emptyText);
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(row))))))));
}

/** A status badge; `tone` is '', 'ok', 'warn' or 'danger'. */
export function badge(text, tone = '') { return h('span', { class: `badge ${tone}` }, text); }

/** A loading line for a region. */
export function loading() { return h('p', { class: 'muted', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' ', t('common.loading')); }

/** A short message that disappears after a few seconds (announced to screen readers). */
export function toast(message, tone = '') {
  const el = h('div', { class: `toast ${tone}` }, message);
  document.getElementById('toasts')?.append(el);
  setTimeout(() => el.remove(), 5000);
}

/** Asks a yes/no question in a modal dialog; resolves to true when confirmed. */
export function confirmDialog(message, { confirmLabel = t('common.confirm'), danger = false } = {}) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { 'aria-labelledby': 'confirm-text' },
      h('p', { id: 'confirm-text' }, message),
      h('div', { class: 'actions' },
        h('button', { class: 'btn', type: 'button', onclick: () => dialog.close('no') }, t('common.cancel')),
        h('button', { class: danger ? 'btn btn-danger' : 'btn btn-primary', type: 'button', onclick: () => dialog.close('yes') }, confirmLabel)));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(dialog.returnValue === 'yes'); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A modal dialog with `content`; returns `{ dialog, close }`. */
export function modal(title, content) {
  const dialog = h('dialog', { 'aria-label': title }, h('h2', {}, title), content,
    h('div', { class: 'actions' }, h('button', { class: 'btn', type: 'button', onclick: () => dialog.close() }, t('common.close'))));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, close: () => dialog.close() };
}

/** Accessible tabs: `tabs` are `[label, render(panel)]`; the first is selected. */
export function tabs(items) {
  const list = h('div', { class: 'tabs', role: 'tablist' });
  const panel = h('div', { role: 'tabpanel', tabindex: '0' });
  const buttons = items.map(([label, render], i) => h('button', {
    role: 'tab', type: 'button', 'aria-selected': 'false', tabindex: '-1',
    onclick: () => choose(i),
    onkeydown: (e) => {
      if (e.key === 'ArrowRight') choose((i + 1) % items.length, true);
      if (e.key === 'ArrowLeft') choose((i - 1 + items.length) % items.length, true);
    },
  }, label));
  function choose(index, focus = false) {
    buttons.forEach((b, i) => { b.setAttribute('aria-selected', String(i === index)); b.tabIndex = i === index ? 0 : -1; });
    if (focus) buttons[index].focus();
    panel.setAttribute('aria-label', items[index][0]);
    replace(panel);
    items[index][1](panel);
  }
  list.append(...buttons);
  choose(0);
  return h('div', {}, list, panel);
}

/** Runs `load()` into `slot`: a loading line, then the result nodes, or the problem. */
export async function into(slot, load) {
  replace(slot, loading());
  try {
    replace(slot, await load());
  } catch (error) {
    if (error.name === 'AbortError') return;
    replace(slot, problemAlert(error));
  }
}
