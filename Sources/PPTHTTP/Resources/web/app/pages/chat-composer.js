// The question box: Enter sends, Shift+Enter starts a new line; Send and, while an answer is being
// written, Stop. Problems with sending are shown right above it.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { showProblem } from '../core/ui.js';

const MAX_LENGTH = 8000;

/**
 * `onSend(text)` gets the trimmed question; `onStop()` stops the answer being written. Returns
 * `{ el, setBusy, setStoppable, setDisabled, restore, suggest, showProblem }`.
 */
export function composer({ onSend, onStop, disabled = false }) {
  const id = 'chat-question';
  const hintID = id + '-hint';
  const textarea = h('textarea', {
    id, name: 'content', rows: 2, maxlength: MAX_LENGTH, 'data-test': 'chat-input', 'aria-describedby': hintID,
    placeholder: t('chat.placeholder'), autocomplete: 'off',
  });
  const send = h('button', { type: 'submit', class: 'btn btn-primary', 'data-test': 'chat-send' }, t('chat.send'));
  const stop = h('button', { type: 'button', class: 'btn', 'data-test': 'chat-stop', hidden: true, onclick: () => onStop() }, t('chat.stop'));
  const errors = h('div', { class: 'chat-composer-errors', tabindex: '-1' });
  const state = { busy: false, disabled };

  const el = h('form', { class: 'chat-composer', novalidate: true, 'aria-label': t('chat.question') },
    errors,
    h('div', {}, h('label', { for: id, class: 'visually-hidden' }, t('chat.question')), textarea),
    h('div', { class: 'row' }, send, stop),
    h('div', { class: 'hint small muted', id: hintID }, t('chat.input_hint')));

  function submit() {
    const text = textarea.value.trim();
    if (!text || state.busy || state.disabled) return;
    textarea.value = '';
    textarea.focus();
    onSend(text);
  }

  el.addEventListener('submit', (event) => { event.preventDefault(); submit(); });
  textarea.addEventListener('keydown', (event) => {
    // isComposing: Enter that ends an input-method composition must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return;
    event.preventDefault();
    submit();
  });

  function refresh() {
    send.disabled = state.busy || state.disabled;
    textarea.disabled = state.disabled;
  }

  refresh();
  return {
    el,
    setBusy(busy) {
      state.busy = busy;
      const stopHadFocus = document.activeElement === stop;
      stop.hidden = !busy;
      if (!busy) stop.disabled = true;
      refresh();
      if (stopHadFocus && !busy) textarea.focus();
    },
    /** Stop works once the answer has an id. */
    setStoppable(stoppable) { stop.disabled = !stoppable; },
    setDisabled(off) { state.disabled = off; refresh(); },
    /** Puts an unsent question back for another try. */
    restore(text) { if (!textarea.value.trim()) textarea.value = text; },
    suggest(text) { textarea.value = text; textarea.focus(); },
    showProblem(error) {
      showProblem(errors, error);
      const seconds = Number(error?.retryAfter);
      if (seconds > 0) errors.querySelector('.alert')?.append(h('div', {}, t('chat.retry_after', { seconds })));
    },
  };
}
