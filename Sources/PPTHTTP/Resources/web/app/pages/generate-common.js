// What the generation pages share: running a generation with visible progress, marking the fields
// that nested JSON pointers name (`/sections/3/text`, `/fields/date`), character counters, picking
// from a paged list, downloads, and the problem messages of the generators and the LLM gateway.
import { h, replace } from '../core/dom.js';
import { t, has, number, date, locale, LOCALE_NAMES } from '../core/i18n.js';
import { blob } from '../core/api.js';
import { showProblem } from '../core/ui.js';
import { messages as commonMessages } from './generate-messages.js';

/** The languages PPT writes in, in the order the API lists them. */
export const LANGUAGES = ['sk', 'cs', 'de', 'en'];

/** A page module's messages with the shared `generate.*` and `problem.*` ones added. */
export function withCommon(own) {
  return Object.fromEntries(LANGUAGES.map((l) => [l, { ...commonMessages[l], ...own[l] }]));
}

/** A language's name in the reader's language ("Slovak", "slovenčina" → "Slovenčina"). */
export function languageName(code) {
  try {
    const name = new Intl.DisplayNames([locale()], { type: 'language' }).of(code);
    return name.charAt(0).toLocaleUpperCase(locale()) + name.slice(1);
  } catch {
    return LOCALE_NAMES[code] ?? code;
  }
}

/**
 * Runs `work()` with `button` disabled and a progress line in `status`. The built-in provider
 * answers at once, a real model may take a minute: after a few seconds the elapsed time shows
 * (outside the live region, so screen readers are not told every second).
 */
export async function whileGenerating(button, status, work, label = t('generate.progress')) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  const started = Date.now();
  const elapsed = h('span', { class: 'small muted' });
  replace(status, h('div', { class: 'gen-progress', 'data-test': 'generation-progress' },
    h('p', { role: 'status', class: 'row' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), label),
    h('progress', { 'aria-label': label }),
    elapsed));
  const timer = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    if (seconds >= 3) elapsed.textContent = t(seconds >= 12 ? 'generate.elapsed_slow' : 'generate.elapsed', { seconds });
  }, 1000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    button.disabled = false;
    button.removeAttribute('aria-busy');
    replace(status);
  }
}

/** Clears the marks `markPointers` left in `root`. */
export function clearMarks(root) {
  for (const el of root.querySelectorAll('[aria-invalid="true"]:not([data-over="true"])')) el.removeAttribute('aria-invalid');
  for (const el of root.querySelectorAll('[data-field-error]')) el.remove();
  for (const el of root.querySelectorAll('[aria-describedby*="err-"]')) {
    const ids = el.getAttribute('aria-describedby').split(' ').filter((id) => !id.startsWith('err-'));
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' ')); else el.removeAttribute('aria-describedby');
  }
}

/**
 * Marks the controls whose `data-pointer` matches a field error's JSON pointer (or its nearest
 * parent pointer) as invalid and writes the error under them; returns the first such control.
 */
export function markPointers(root, error) {
  clearMarks(root);
  let first = null;
  for (const e of error?.errors ?? []) {
    let pointer = String(e.pointer ?? '');
    while (pointer) {
      const control = root.querySelector(`[data-pointer="${CSS.escape(pointer)}"]`);
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        const note = h('div', { class: 'error', 'data-field-error': '', id: `err-${Math.random().toString(36).slice(2, 9)}` }, e.detail);
        (control.closest('.field') ?? control.parentElement).append(note);
        control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), note.id].filter(Boolean).join(' '));
        first ??= control;
        break;
      }
      pointer = pointer.replace(/\/[^/]*$/, '');
    }
  }
  return first;
}

const HINTS = { 'llm.feature_disabled': 'generate.flag_hint', 'llm.budget_exhausted': 'generate.budget_hint' };

/** Shows `error` in `slot` and marks the fields it names inside `root`; null clears both. */
export function reportProblem(slot, root, error) {
  if (error?.name === 'AbortError') return;
  showProblem(slot, error);
  const hint = HINTS[error?.code];
  if (hint) slot.querySelector('.alert')?.append(h('p', { class: 'small' }, t(hint)));
  if (root) {
    if (error) markPointers(root, error);
    else clearMarks(root);
  }
}

const graphemes = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/** Characters as a reader counts them (grapheme clusters), as the portals' limits are counted. */
export function characterCount(text) {
  if (!graphemes) return [...text].length;
  let count = 0;
  for (const _ of graphemes.segment(text)) count += 1;
  return count;
}

/**
 * A live counter of `control`'s characters against `limit`: announced politely, and in the
 * warning colour with `data-over="true"` once the text is longer than the limit.
 */
export function charCounter(control, limit) {
  const counter = h('span', { class: 'badge', 'data-test': 'char-counter', 'aria-live': 'polite', 'data-over': 'false' });
  counter.id = `${control.id || 'c' + Math.random().toString(36).slice(2, 8)}-count`;
  const update = () => {
    const count = characterCount(control.value);
    const over = count > limit;
    counter.dataset.over = String(over);
    counter.className = over ? 'badge warn' : 'badge';
    counter.textContent = over
      ? t('generate.chars_over', { count: number(count), limit: number(limit), over: number(count - limit) })
      : t('generate.chars', { count: number(count), limit: number(limit) });
    if (over) { control.setAttribute('aria-invalid', 'true'); control.dataset.over = 'true'; }
    else if (control.dataset.over === 'true') { control.removeAttribute('aria-invalid'); delete control.dataset.over; }
  };
  control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), counter.id].filter(Boolean).join(' '));
  control.addEventListener('input', update);
  update();
  return counter;
}

/** A fieldset of one checkbox per language; `values()` gives the checked codes in API order. */
export function languageChoice(legend, selected, attrs = {}) {
  const boxes = LANGUAGES.map((code) => h('input', { type: 'checkbox', name: 'languages', value: code, checked: selected.includes(code) }));
  const el = h('fieldset', { class: 'field lang-choice', 'data-pointer': '/languages', ...attrs },
    h('legend', { class: 'label' }, legend),
    h('div', { class: 'row' }, boxes.map((box, i) => h('label', { class: 'checkbox' }, box, languageName(LANGUAGES[i])))));
  return { el, values: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}

/**
 * A <select> filled page by page from `load(cursor)` (a `{items, nextCursor}` page); a "more"
 * button fetches the next page. `option(item)` gives `[value, label]`. `reload()` starts over.
 */
export function pagedSelect({ load, option, placeholder, attrs = {}, signal }) {
  const select = h('select', attrs);
  const more = h('button', { type: 'button', class: 'btn btn-link', hidden: true }, t('generate.more_options'));
  const items = new Map();
  let cursor = null;
  async function fetchPage(reset) {
    if (reset) {
      items.clear();
      cursor = null;
      replace(select, h('option', { value: '' }, placeholder));
    }
    more.hidden = true;
    const page = await load(cursor, signal);
    for (const item of page.items ?? []) {
      const [value, label] = option(item);
      if (items.has(value)) continue;
      items.set(value, item);
      select.append(h('option', { value }, label));
    }
    cursor = page.nextCursor ?? null;
    more.hidden = !cursor;
  }
  more.addEventListener('click', async () => {
    more.disabled = true;
    try { await fetchPage(false); } finally { more.disabled = false; }
  });
  return {
    select, more, items,
    reload: () => fetchPage(true),
    /** Adds an item that is not on the loaded pages (e.g. named by the URL). */
    add(item) {
      const [value, label] = option(item);
      if (!items.has(value)) { items.set(value, item); select.append(h('option', { value }, label)); }
    },
  };
}

/** Downloads a stored document's current version under its file name. */
export async function downloadDocument(org, doc) {
  const data = await blob(org.path(`/documents/${doc.id}/content`));
  const url = URL.createObjectURL(data);
  const link = h('a', { href: url, download: doc.fileName || doc.id, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

/** A calendar date (`YYYY-MM-DD`) in the locale, on that day in every time zone. */
export function calendarDate(value) { return value ? date(`${value}T12:00:00`) : ''; }

/** A generation's status as a badge. */
export function statusBadge(status, text) {
  const tone = { draft: '', finalized: 'ok', failed: 'danger' }[status] ?? '';
  return h('span', { class: `badge ${tone}`, 'data-status': status }, text ?? t('generate.status.' + status));
}

/** "Built-in templates · 3 ms" or "claude-… · 1 234 + 567 tokens · 8.2 s". */
export function usageText(usage = {}, latencyMs) {
  const parts = [];
  if (!usage.provider || usage.provider === 'builtin') parts.push(t('generate.builtin'));
  else parts.push(usage.model ? `${usage.provider} · ${usage.model}` : usage.provider);
  if ((usage.inputTokens ?? 0) + (usage.outputTokens ?? 0) > 0) {
    parts.push(t('generate.tokens', { input: number(usage.inputTokens), output: number(usage.outputTokens) }));
  }
  if (latencyMs !== undefined && latencyMs !== null) {
    parts.push(latencyMs < 1000 ? t('generate.ms', { ms: number(latencyMs) }) : t('generate.seconds', { s: number(latencyMs / 1000, 1) }));
  }
  return parts.join(' · ');
}

/** Why a stored generation failed, in the reader's language where the code is known. */
export function failureText(record) {
  // A refused input's message names the fields, which the generic translation would hide.
  if (record.errorCode === 'validation.failed' && record.errorMessage) return record.errorMessage;
  if (record.errorCode && has('problem.' + record.errorCode)) return t('problem.' + record.errorCode);
  return record.errorMessage || t('generate.error_code', { code: record.errorCode ?? '' });
}

/** A page section: a card with a heading (`id` labels it; focusable so new results can be announced). */
export function section(id, heading, ...children) {
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id, tabindex: '-1' }, heading), children);
}

/** Facts as a description list: `[label, value]` pairs; empty values are left out. */
export function facts(pairs) {
  return h('dl', { class: 'gen-facts' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
}

const STYLES = `
.gen-facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
.gen-facts dt { font-weight: 600; color: var(--muted); }
.gen-facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.gen-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.gen-section { border: 1px solid var(--border); border-radius: var(--radius); padding: .75rem 1rem 1rem; margin: 0 0 .75rem; min-width: 0; }
.gen-section legend { font-weight: 600; padding: 0 .35rem; }
.gen-section h4 { margin: 0 0 .25rem; font-size: 1rem; }
.gen-section p { margin: .25rem 0 0; }
.gen-section .field + .field { margin-top: .5rem; }
fieldset.lang-choice, fieldset.gen-plain { border: none; padding: 0; margin: 0; min-width: 0; }
fieldset.lang-choice legend, fieldset.gen-plain legend { padding: 0; margin-bottom: .25rem; font-weight: 600; font-size: .9rem; }
.field label.checkbox { font-weight: 400; font-size: inherit; }
.gen-options { display: grid; gap: .75rem; max-width: 720px; }
.gen-options > *, .gen-page .filters > *, .gen-page .field { min-width: 0; max-width: 100%; }
.gen-page select { min-width: 0; max-width: 100%; }
.gen-page .filters > * { flex: 1 1 14rem; }
.gen-two { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 400px), 1fr)); }
.gen-choice { border: 2px solid var(--border); border-radius: var(--radius); padding: .75rem 1rem; background: var(--surface); }
.gen-choice.selected { border-color: var(--primary); background: var(--primary-soft); }
.gen-choice h3 { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
.gen-choice h4 { margin: 0 0 .25rem; font-size: .95rem; color: var(--muted); }
.gen-choice p { margin: .35rem 0; }
.gen-version + .gen-version { border-top: 1px solid var(--border); margin-top: .75rem; padding-top: .75rem; }
.gen-actions { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; margin-top: .75rem; }
.gen-list { margin: .25rem 0 0; padding-left: 1.25rem; }
.gen-progress { display: grid; gap: .35rem; max-width: 720px; }
.gen-progress p { margin: 0; }
@media (max-width: 480px) {
  .gen-facts { grid-template-columns: 1fr; }
  .gen-facts dd { margin-bottom: .35rem; }
  .gen-section { padding: .5rem .6rem .75rem; }
}`;

let styled = false;
/**
 * Adds the generation pages' few styles once (app.css is shared and not ours to edit). A
 * constructed style sheet, because the content security policy refuses inline <style>.
 */
export function ensureStyles() {
  if (styled) return;
  styled = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/** Keeps the page's URL in step with what is picked, without re-rendering the page. */
export function setQuery(path, query) {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v));
  const hash = `#/${path}${params.toString() ? '?' + params : ''}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}
