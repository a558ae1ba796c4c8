// A document's summary on demand: the stored one for the chosen language and length, or a button
// that writes one. The summary generator page has the full options (word targets and more).
import { h, replace } from '../core/dom.js';
import { t, locale, date, dateTime, LOCALES, LOCALE_NAMES } from '../core/i18n.js';
import { field, select, loading, problemAlert } from '../core/ui.js';
import { languageName } from './documents-metadata.js';

const LENGTHS = ['short', 'medium', 'long'];

function noteText(summary) {
  // The offline provider quotes the document and cannot translate; say so in the reader's language.
  if (summary.method === 'extractive' && summary.sourceLanguage && summary.sourceLanguage !== summary.language) {
    return t('documents.summary_untranslated', { language: languageName(summary.sourceLanguage) });
  }
  return summary.note ?? null;
}

function summaryView(summary) {
  const note = noteText(summary);
  // An extractive summary quotes the document, so its text is in the document's own language.
  const textLanguage = summary.method === 'extractive' ? (summary.sourceLanguage ?? summary.language) : summary.language;
  return h('div', { class: 'stack' },
    note ? h('div', { class: 'alert info' }, note) : null,
    h('p', { lang: textLanguage, style: { whiteSpace: 'pre-wrap', margin: 0 } }, summary.summary),
    summary.keyPoints.length ? h('div', {},
      h('h3', {}, t('documents.summary_key_points')),
      h('ul', { lang: textLanguage }, summary.keyPoints.map((point) => h('li', {}, point)))) : null,
    summary.actionItems.length ? h('div', {},
      h('h3', {}, t('documents.summary_action_items')),
      h('ul', {}, summary.actionItems.map((item) => h('li', {},
        h('span', { lang: textLanguage }, item.text),
        item.due ? h('span', { class: 'badge warn', style: { marginLeft: '.4rem' } }, t('documents.summary_due', { date: date(item.due) })) : null)))) : null,
    h('p', { class: 'small muted', style: { margin: 0 } },
      summary.method === 'model'
        ? t('documents.summary_by_model', { model: summary.model })
        : t('documents.summary_extractive'),
      ' · ', t('documents.summary_of_version', { version: summary.version }),
      ' · ', dateTime(summary.createdAt)));
}

/** The summary card of document `doc`. */
export function summaryCard(ctx, doc) {
  const path = `/documents/${encodeURIComponent(doc.id)}/summary`;
  const length = select('length', LENGTHS.map((l) => [l, t('documents.summary_length_' + l)]), 'medium');
  const language = select('language', LOCALES.map((l) => [l, LOCALE_NAMES[l]]), locale());
  const body = h('div', { 'aria-live': 'polite' });
  const options = () => ({ length: length.value, language: language.value });

  async function write(regenerate) {
    replace(body, h('p', { class: 'muted', role: 'status' },
      h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' ', t('documents.summary_writing')));
    length.disabled = language.disabled = true;
    try {
      show(await ctx.org.post(path, { ...options(), ...(regenerate ? { regenerate: true } : {}) }, { signal: ctx.signal }));
    } catch (error) {
      if (error.name === 'AbortError') return;
      replace(body, problemAlert(error), writeButton(t('common.retry'), regenerate));
    } finally {
      length.disabled = language.disabled = false;
    }
  }

  function writeButton(label, regenerate) {
    return h('button', {
      class: regenerate ? 'btn' : 'btn btn-primary', type: 'button', dataset: { test: 'summary-write' },
      onclick: () => write(regenerate),
    }, label);
  }

  function show(summary) {
    replace(body, summaryView(summary), h('div', { class: 'row', style: { marginTop: '.75rem' } },
      writeButton(t('documents.summary_regenerate'), true)));
  }

  async function load() {
    replace(body, loading());
    try {
      show(await ctx.org.get(path, options(), { signal: ctx.signal }));
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (error.code === 'summary.not_found') {
        replace(body, h('p', { class: 'muted' }, t('documents.summary_none', { version: doc.currentVersion })),
          writeButton(t('documents.summary_write'), false));
      } else {
        replace(body, problemAlert(error));
      }
    }
  }

  length.addEventListener('change', load);
  language.addEventListener('change', load);
  load();
  return h('section', { class: 'card', 'aria-labelledby': 'doc-summary-heading', dataset: { test: 'document-summary' } },
    h('h2', { id: 'doc-summary-heading' }, t('documents.summary_heading')),
    h('div', { class: 'filters' },
      field(t('documents.summary_length'), length),
      field(t('documents.summary_language'), language),
      h('a', { href: `#/generate/summary?document=${encodeURIComponent(doc.id)}`, style: { alignSelf: 'end', paddingBottom: '.55rem' } },
        t('documents.summary_more_options'))),
    body);
}
