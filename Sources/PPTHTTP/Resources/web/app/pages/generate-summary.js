// Document summaries: pick a document (also from `?document=<id>`), the length or a word target and
// the language; the stored summary for those options shows at once, and a new one can be written.
// Key points and action items come with every summary (their number follows the length).
import { h, replace } from '../core/dom.js';
import { t, locale, number, dateTime } from '../core/i18n.js';
import { pageHeader, field, loading } from '../core/ui.js';
import { LANGUAGES, withCommon, languageName, whileGenerating, reportProblem, pagedSelect, usageText, section, facts, calendarDate, ensureStyles, setQuery } from './generate-common.js';
import { messages as summaryMessages } from './generate-summary-messages.js';

export const messages = withCommon(summaryMessages);

export const routes = [{
  path: 'generate/summary', render, permission: 'documentsRead',
  nav: { group: 'ai', label: 'generate-summary.nav', order: 23 },
}];

const LENGTHS = ['short', 'medium', 'long'];

async function render(ctx) {
  ensureStyles();
  const { org, signal } = ctx;
  const search = h('input', { type: 'search', name: 'text', autocomplete: 'off' });
  const documentPick = pagedSelect({
    load: (cursor) => org.get('/documents', { limit: 100, cursor, text: search.value.trim() || undefined }, { signal }),
    option: (d) => [d.id, t('generate-summary.document_option', { title: d.title, version: d.currentVersion })],
    placeholder: t('generate-summary.choose_document'), attrs: { name: 'document', 'data-test': 'summary-document' },
  });
  const pickProblem = h('div');

  const lengthBoxes = LENGTHS.map((l) => h('input', { type: 'radio', name: 'length', value: l, checked: l === 'medium' }));
  const words = h('input', { type: 'number', name: 'words', min: 30, max: 1500, step: 10, inputmode: 'numeric', 'data-pointer': '/words' });
  const language = h('select', { name: 'language', 'data-pointer': '/language' },
    LANGUAGES.map((l) => h('option', { value: l, selected: l === locale() }, languageName(l))));
  const regenerate = h('input', { type: 'checkbox', name: 'regenerate' });
  const generate = h('button', { class: 'btn btn-primary', type: 'submit', 'data-test': 'summary-generate', disabled: true }, t('generate-summary.generate'));
  const problem = h('div');
  const progress = h('div');
  const resultSlot = h('div');

  const formEl = h('form', { class: 'gen-options', novalidate: true },
    problem,
    h('fieldset', { class: 'field gen-plain', 'data-pointer': '/length' },
      h('legend', {}, t('generate-summary.length')),
      lengthBoxes.map((box, i) => h('label', { class: 'checkbox' }, box,
        h('span', {}, h('strong', {}, t('generate-summary.length.' + LENGTHS[i])), ' — ', t('generate-summary.length_hint.' + LENGTHS[i]))))),
    field(t('generate-summary.words'), words, t('generate-summary.words_hint')),
    field(t('generate-summary.language'), language),
    h('label', { class: 'checkbox' }, regenerate, t('generate-summary.regenerate')),
    h('div', { class: 'row' }, generate),
    progress);

  /** The options as the API takes them (a word target replaces the preset length). */
  function options() {
    const target = words.value.trim();
    const length = lengthBoxes.find((b) => b.checked)?.value ?? 'medium';
    return target ? { words: Number(target), language: language.value } : { length, language: language.value };
  }

  let storedRequest = 0;
  async function showStored() {
    const id = documentPick.select.value;
    generate.disabled = !id;
    setQuery('generate/summary', { document: id });
    if (!id) { replace(resultSlot); return; }
    const request = ++storedRequest;
    replace(resultSlot, loading());
    try {
      const summary = await org.get(`/documents/${id}/summary`, options(), { signal });
      if (request === storedRequest) replace(resultSlot, summaryView(summary));
    } catch (error) {
      if (request !== storedRequest || error.name === 'AbortError') return;
      if (error.code === 'summary.not_found') replace(resultSlot, h('p', { class: 'empty', 'data-test': 'summary-empty' }, t('generate-summary.none_stored')));
      else { replace(resultSlot); reportProblem(resultSlot, null, error); }
    }
  }

  formEl.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = documentPick.select.value;
    if (!id) return;
    reportProblem(problem, formEl, null);
    try {
      const summary = await whileGenerating(generate, progress,
        () => org.post(`/documents/${id}/summary`, { ...options(), regenerate: regenerate.checked || undefined }, { signal }));
      storedRequest += 1;
      replace(resultSlot, summaryView(summary));
      resultSlot.querySelector('h2')?.focus();
    } catch (error) {
      reportProblem(problem, formEl, error);
    }
  });
  formEl.addEventListener('change', (event) => { if (event.target !== regenerate) showStored(); });
  documentPick.select.addEventListener('change', showStored);

  let searchTimer = null;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(async () => {
      const chosen = documentPick.select.value;
      try {
        await documentPick.reload();
        if (documentPick.items.has(chosen)) documentPick.select.value = chosen;
        else if (chosen) showStored();
        reportProblem(pickProblem, null, null);
      } catch (error) {
        reportProblem(pickProblem, null, error);
      }
    }, 300);
  });

  const page = h('div', { class: 'gen-page' },
    pageHeader(t('generate-summary.title')),
    h('p', { class: 'muted' }, t('generate-summary.intro')),
    section('summary-doc-h', t('generate-summary.step_document'),
      pickProblem,
      h('div', { class: 'filters' },
        field(t('generate-summary.search'), search),
        h('div', {}, field(t('generate-summary.document'), documentPick.select), documentPick.more))),
    section('summary-options-h', t('generate-summary.step_options'), formEl),
    resultSlot);

  try {
    await documentPick.reload();
    const wanted = ctx.query.document;
    if (wanted) {
      if (!documentPick.items.has(wanted)) documentPick.add(await org.get(`/documents/${encodeURIComponent(wanted)}`, undefined, { signal }));
      documentPick.select.value = wanted;
      await showStored();
    }
  } catch (error) {
    reportProblem(pickProblem, null, error);
  }
  return page;
}

/** A summary with its key points, action items and how it was made. */
function summaryView(summary) {
  const textLanguage = summary.method === 'extractive' && summary.sourceLanguage ? summary.sourceLanguage : summary.language;
  const note = summary.sourceLanguage && summary.sourceLanguage !== summary.language && summary.method === 'extractive'
    ? t('generate-summary.extractive_other_language', { source: languageName(summary.sourceLanguage), target: languageName(summary.language) })
    : summary.note;
  return h('section', { class: 'card', 'aria-labelledby': 'summary-h', 'data-test': 'summary-result', 'data-reused': String(summary.reused) },
    h('h2', { id: 'summary-h', tabindex: '-1' }, t('generate-summary.result_heading')),
    h('div', { class: 'row small muted' },
      summary.reused ? h('span', { class: 'badge' }, t('generate-summary.reused')) : h('span', { class: 'badge ok' }, t('generate-summary.fresh')),
      h('span', {}, t('generate-summary.meta', {
        version: summary.version, language: languageName(summary.language), words: number(summary.words),
        date: dateTime(summary.createdAt),
      }))),
    note ? h('p', { class: 'alert info small' }, note) : null,
    h('p', { class: 'gen-text', lang: textLanguage }, summary.summary),
    h('h3', {}, t('generate-summary.key_points')),
    summary.keyPoints.length
      ? h('ul', { class: 'gen-list', lang: textLanguage, 'data-test': 'summary-key-points' }, summary.keyPoints.map((p) => h('li', {}, p)))
      : h('p', { class: 'muted' }, t('generate-summary.no_key_points')),
    h('h3', { style: { marginTop: '1rem' } }, t('generate-summary.action_items')),
    summary.actionItems.length
      ? h('ul', { class: 'gen-list', 'data-test': 'summary-action-items' }, summary.actionItems.map((item) => h('li', {},
        h('span', { lang: textLanguage }, item.text), ' ',
        item.due ? h('span', { class: 'badge warn' }, t('generate-summary.due', { date: calendarDate(item.due) })) : null)))
      : h('p', { class: 'muted' }, t('generate-summary.no_action_items')),
    withMargin(facts([
      [t('generate-summary.method'), t('generate-summary.method.' + summary.method)],
      [t('generate-summary.made_with'), usageText({ provider: summary.provider, model: summary.model })],
      [t('generate-summary.map_calls'), summary.mapCalls ? number(summary.mapCalls) : null],
    ])));
}

function withMargin(el) { el.style.marginTop = '1rem'; return el; }
