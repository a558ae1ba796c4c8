// The lease draft editor: every section's heading and text (and the bilingual companion wording)
// editable while the draft is a draft, saved with PUT; finalizing renders DOCX and HTML, which are
// then offered for download. A failed draft shows why it failed.
import { h, replace } from '../core/dom.js';
import { t, dateTime } from '../core/i18n.js';
import { field, confirmDialog, toast, problemAlert } from '../core/ui.js';
import { languageName, reportProblem, statusBadge, usageText, failureText, downloadDocument, whileGenerating } from './generate-common.js';

/**
 * The editor of `record` (a lease generation) of lease `leaseID`; `onChange(record)` gets the
 * record after a save or finalization so the page can redraw it and its history.
 */
export function draftEditor(ctx, { leaseID, record, onChange }) {
  const draft = record.result;
  const heading = h('h2', { id: 'lease-draft-h', tabindex: '-1' }, t('generate-lease.draft_heading', { date: dateTime(record.createdAt) }));
  const meta = h('div', { class: 'row small muted' }, statusBadge(record.status),
    draft ? h('span', {}, t('generate-lease.law.' + draft.country)) : null,
    draft ? h('span', {}, [languageName(draft.language), draft.bilingual ? ` + ${languageName(draft.bilingual)}` : ''].join('')) : null,
    h('span', {}, usageText(record.usage, record.latencyMs)));
  const card = h('section', { class: 'card', 'aria-labelledby': 'lease-draft-h', 'data-status': record.status }, heading, meta);

  if (record.status === 'failed' || !draft) {
    card.append(h('div', { class: 'alert error', role: 'alert' }, h('strong', {}, failureText(record)),
      record.errorMessage && record.errorCode ? h('div', { class: 'small' }, record.errorMessage) : null));
    return card;
  }
  if (record.status === 'finalized') {
    card.append(downloads(ctx, draft.documents ?? {}), readOnly(draft));
    return card;
  }
  card.append(editable(ctx, leaseID, record, onChange));
  return card;
}

function editable(ctx, leaseID, record, onChange) {
  const draft = record.result;
  const problem = h('div');
  const progress = h('div');
  const dirtyNote = h('span', { class: 'small muted', role: 'status' });
  let dirty = false;
  const sections = draft.sections.map((s, i) => sectionEditor(s, i, draft));
  const save = h('button', { class: 'btn', type: 'submit', 'data-test': 'lease-save' }, t('generate-lease.save'));
  const finalize = h('button', { class: 'btn btn-primary', type: 'button', 'data-test': 'lease-finalize' }, t('generate-lease.finalize'));
  const formEl = h('form', { class: 'stack', novalidate: true },
    h('p', { class: 'small muted' }, t('generate-lease.edit_hint')),
    h('h3', {}, draft.title, draft.translatedTitle ? h('span', { class: 'muted' }, ` / ${draft.translatedTitle}`) : null),
    problem,
    sections.map((s) => s.el),
    h('div', { class: 'gen-actions' }, save, finalize, dirtyNote),
    progress);
  formEl.addEventListener('input', () => {
    if (dirty) return;
    dirty = true;
    dirtyNote.textContent = t('generate-lease.unsaved');
  });

  const body = () => ({ sections: sections.map((s) => s.value()) });
  async function persist() {
    return ctx.org.put(`/leases/${leaseID}/drafts/${record.id}`, body(), { signal: ctx.signal });
  }

  formEl.addEventListener('submit', async (event) => {
    event.preventDefault();
    reportProblem(problem, formEl, null);
    save.disabled = true;
    try {
      const next = await persist();
      toast(t('common.saved'));
      onChange(next);
    } catch (error) {
      reportProblem(problem, formEl, error);
      formEl.querySelector('[aria-invalid="true"]')?.focus();
    } finally {
      save.disabled = false;
    }
  });

  finalize.addEventListener('click', async () => {
    const ok = await confirmDialog(t(dirty ? 'generate-lease.finalize_confirm_unsaved' : 'generate-lease.finalize_confirm'),
      { confirmLabel: t('generate-lease.finalize') });
    if (!ok) return;
    reportProblem(problem, formEl, null);
    save.disabled = true;
    try {
      const result = await whileGenerating(finalize, progress, async () => {
        if (dirty) await persist();
        return ctx.org.post(`/leases/${leaseID}/drafts/${record.id}/finalize`, undefined, { signal: ctx.signal });
      }, t('generate-lease.finalizing'));
      toast(t('generate-lease.finalized'));
      const next = result.generation;
      next.result = { ...next.result, documents: next.result?.documents ?? docIDs(result.documents) };
      onChange(next);
    } catch (error) {
      reportProblem(problem, formEl, error);
      formEl.querySelector('[aria-invalid="true"]')?.focus();
    } finally {
      save.disabled = false;
    }
  });
  return formEl;
}

/** `{docx, html}` ids from the finalization's documents (DOCX first, then HTML). */
function docIDs(documents) {
  const ids = {};
  for (const doc of documents ?? []) ids[doc.fileName?.endsWith('.html') || doc.contentType === 'text/html' ? 'html' : 'docx'] = doc.id;
  return ids;
}

function sectionEditor(section, index, draft) {
  const pointer = `/sections/${index}`;
  const title = h('input', { type: 'text', name: `section-${index}-title`, lang: draft.language, value: section.title, maxlength: 200, required: true, 'data-pointer': `${pointer}/title` });
  const text = h('textarea', { name: `section-${index}-text`, lang: draft.language, rows: Math.min(14, Math.max(3, Math.ceil(section.text.length / 90))), required: true, 'data-pointer': `${pointer}/text` });
  text.value = section.text;
  let translated = null;
  if (section.translation) {
    const tTitle = h('input', { type: 'text', lang: draft.bilingual, value: section.translation.title, maxlength: 200, 'data-pointer': `${pointer}/translation/title` });
    const tText = h('textarea', { lang: draft.bilingual, rows: Math.min(14, Math.max(3, Math.ceil(section.translation.text.length / 90))), 'data-pointer': `${pointer}/translation/text` });
    tText.value = section.translation.text;
    translated = { tTitle, tText };
  }
  const language = languageName(draft.language);
  const el = h('fieldset', { class: 'gen-section', 'data-test': 'lease-section', 'data-key': section.key, 'data-pointer': pointer },
    h('legend', {}, `${index + 1}. ${section.title}`),
    h('div', { class: 'row small' },
      section.mandatory ? h('span', { class: 'badge' }, t('generate-lease.mandatory')) : h('span', { class: 'badge ok' }, t('generate-lease.optional')),
      section.legalBasis ? h('span', { class: 'muted' }, section.legalBasis) : null),
    field(draft.bilingual ? t('generate-lease.section_heading_in', { language }) : t('generate-lease.section_heading'), title),
    field(draft.bilingual ? t('generate-lease.section_text_in', { language }) : t('generate-lease.section_text'), text),
    translated ? [
      field(t('generate-lease.section_heading_in', { language: languageName(draft.bilingual) }), translated.tTitle),
      field(t('generate-lease.section_text_in', { language: languageName(draft.bilingual) }), translated.tText),
    ] : null);
  return {
    el,
    value: () => ({
      key: section.key, title: title.value, text: text.value,
      ...(translated ? { translation: { title: translated.tTitle.value, text: translated.tText.value } } : {}),
    }),
  };
}

function readOnly(draft) {
  return h('div', { class: 'stack' },
    h('h3', {}, draft.title, draft.translatedTitle ? h('span', { class: 'muted' }, ` / ${draft.translatedTitle}`) : null),
    draft.sections.map((s, i) => h('div', { class: 'gen-section', 'data-test': 'lease-section', 'data-key': s.key },
      h('h4', {}, `${i + 1}. ${s.title}`),
      s.legalBasis ? h('p', { class: 'small muted' }, s.legalBasis) : null,
      h('p', { class: 'gen-text' }, s.text),
      s.translation ? [h('h4', { class: 'muted' }, s.translation.title), h('p', { class: 'gen-text muted' }, s.translation.text)] : null)));
}

function downloads(ctx, ids) {
  const problem = h('div');
  const button = (format) => {
    if (!ids[format]) return null;
    const el = h('button', {
      class: format === 'docx' ? 'btn btn-primary' : 'btn', type: 'button', 'data-test': 'lease-download', 'data-format': format,
    }, t('generate-lease.download_' + format));
    el.addEventListener('click', async () => {
      el.disabled = true;
      replace(problem);
      try {
        const doc = await ctx.org.get(`/documents/${ids[format]}`, undefined, { signal: ctx.signal });
        await downloadDocument(ctx.org, doc);
      } catch (error) {
        if (error.name !== 'AbortError') replace(problem, problemAlert(error));
      } finally {
        el.disabled = false;
      }
    });
    return el;
  };
  return h('div', { class: 'alert ok', 'data-test': 'lease-documents' },
    h('p', {}, h('strong', {}, t('generate-lease.documents_ready'))),
    h('p', { class: 'small' }, t('generate-lease.documents_hint')),
    h('div', { class: 'row' }, button('docx'), button('html')),
    problem);
}
