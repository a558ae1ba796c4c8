// The definition editor's text area: a monospace textarea that never wraps, beside a gutter of
// line numbers we render ourselves (scrolled with it), with problem lines marked, a caret position
// line, and a list of problems whose buttons move the caret to their line.
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';

let editorCounter = 0;

/**
 * A code editor. `onInput()` runs after each change. Returns `{ el, textarea, value, setValue,
 * setProblems([{ line, message }]), goToLine(n), setReadOnly(flag), setLabel(text) }`.
 */
export function codeEditor({ label, value = '', readOnly = false, onInput, test = 'workflow-editor', describedBy }) {
  const id = `wf-code-${++editorCounter}`;
  // The numbers sit in an absolutely placed column moved with the textarea's scroll, so the gutter
  // never makes the editor taller than the textarea.
  const numbers = h('div', { class: 'wf-gutter-lines' });
  const gutter = h('div', { class: 'wf-gutter', 'aria-hidden': 'true' }, numbers);
  const position = h('span', { class: 'small muted', id: id + '-pos' });
  const textarea = h('textarea', {
    id, wrap: 'off', spellcheck: false, autocapitalize: 'off', autocomplete: 'off', readOnly,
    'data-test': test, 'aria-describedby': [describedBy, id + '-pos'].filter(Boolean).join(' '),
  });
  textarea.value = value;
  textarea.setSelectionRange(0, 0);
  const labelEl = h('label', { for: id }, label);
  const frame = h('div', { class: 'wf-code' }, gutter, textarea);
  const el = h('div', { class: 'field' }, labelEl, frame, h('div', { class: 'row' }, position));
  let problemLines = new Map();
  let lineCount = 0;
  let currentLine = 1;

  function renderGutter() {
    const count = textarea.value.split('\n').length;
    if (count !== lineCount) {
      lineCount = count;
      const spans = [];
      for (let n = 1; n <= count; n++) spans.push(h('span', {}, String(n)));
      replace(numbers, spans);
      gutter.style.width = `calc(${String(count).length + 1}ch + 1.1rem)`;
    }
    [...numbers.children].forEach((span, i) => {
      const problem = problemLines.get(i + 1);
      span.className = problem ? 'problem' : i + 1 === currentLine ? 'current' : '';
      span.title = problem ?? '';
    });
    syncScroll();
  }
  function syncScroll() { numbers.style.transform = `translateY(${-textarea.scrollTop}px)`; }

  function updatePosition() {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    position.textContent = t('workflow-code.position', { line, column });
    if (line !== currentLine) { currentLine = line; renderGutter(); }
  }

  textarea.addEventListener('input', () => { renderGutter(); updatePosition(); onInput?.(); });
  textarea.addEventListener('scroll', syncScroll);
  for (const type of ['keyup', 'click', 'focus', 'select']) textarea.addEventListener(type, updatePosition);
  // Enter keeps the current line's indentation, which both JSON and YAML are written with.
  textarea.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || textarea.readOnly) return;
    const start = textarea.selectionStart;
    const lineStart = textarea.value.lastIndexOf('\n', start - 1) + 1;
    const indent = /^[ ]*/.exec(textarea.value.slice(lineStart, start))[0];
    event.preventDefault();
    const text = '\n' + indent;
    if (!document.execCommand?.('insertText', false, text)) {
      textarea.setRangeText(text, start, textarea.selectionEnd, 'end');
      textarea.dispatchEvent(new Event('input'));
    }
  });

  function goToLine(line) {
    const lines = textarea.value.split('\n');
    const target = Math.min(Math.max(1, line), lines.length);
    let offset = 0;
    for (let n = 1; n < target; n++) offset += lines[n - 1].length + 1;
    textarea.focus();
    textarea.setSelectionRange(offset, offset + lines[target - 1].length);
    const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
    textarea.scrollTop = Math.max(0, (target - 1) * lineHeight - textarea.clientHeight / 3);
    textarea.scrollLeft = 0;
    updatePosition();
  }

  renderGutter();
  updatePosition();
  return {
    el, textarea,
    get value() { return textarea.value; },
    setValue(text) { textarea.value = text; textarea.setSelectionRange(0, 0); textarea.scrollTop = 0; renderGutter(); updatePosition(); },
    setProblems(problems) {
      problemLines = new Map();
      for (const p of problems) if (!problemLines.has(p.line)) problemLines.set(p.line, p.message);
      frame.dataset.invalid = String(problems.length > 0);
      if (problems.length) textarea.setAttribute('aria-invalid', 'true'); else textarea.removeAttribute('aria-invalid');
      renderGutter();
    },
    goToLine,
    setReadOnly(flag) { textarea.readOnly = flag; },
    setLabel(text) { labelEl.textContent = text; },
  };
}

/** Problems as a list of buttons ("Line 12: …") that move the editor's caret to their line. */
export function problemList(problems, editor) {
  if (problems.length === 0) return null;
  return h('ul', { class: 'wf-problems' }, problems.map((p) => h('li', {},
    h('button', {
      class: 'btn', type: 'button', 'data-test': 'workflow-problem', 'data-line': String(p.line),
      'data-pointer': p.pointer ?? '', onclick: () => editor.goToLine(p.line),
    }, h('span', { class: 'wf-line' }, t('workflow-code.line', { line: p.line })), ' ', p.message))));
}

export const messages = {
  en: { 'workflow-code.position': 'Line {line}, column {column}', 'workflow-code.line': 'Line {line}' },
  sk: { 'workflow-code.position': 'Riadok {line}, stĺpec {column}', 'workflow-code.line': 'Riadok {line}' },
  cs: { 'workflow-code.position': 'Řádek {line}, sloupec {column}', 'workflow-code.line': 'Řádek {line}' },
  de: { 'workflow-code.position': 'Zeile {line}, Spalte {column}', 'workflow-code.line': 'Zeile {line}' },
};
