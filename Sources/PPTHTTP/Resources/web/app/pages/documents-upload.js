// Uploading: a file picker that also takes a dropped file, a labelled progress bar, and the upload
// page (file, title, category, folder, language, access), which goes to the new document's page.
import { upload, Problem } from '../core/api.js';
import { h } from '../core/dom.js';
import { t, number } from '../core/i18n.js';
import { pageHeader, form, toast } from '../core/ui.js';
import { fileSize } from './documents-files.js';
import { loadLookups, loadFacets, metadataFields } from './documents-metadata.js';

/** What the API stores (its DocumentFormat), by extension and by type, for the file dialog. */
const ACCEPT = '.pdf,.docx,.txt,.md,.markdown,.html,.htm,.png,.jpg,.jpeg,.webp,application/pdf,'
  + 'application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain,text/markdown,text/html,'
  + 'image/png,image/jpeg,image/webp';

let pickerCounter = 0;

/**
 * A `file` input inside a drop zone; `onChoose(file)` runs when a file is picked or dropped.
 * `file()` is the chosen file or null.
 */
export function filePicker({ label, onChoose } = {}) {
  const id = `doc-file-${++pickerCounter}`;
  const chosen = h('p', { class: 'small', id: id + '-chosen', 'aria-live': 'polite' });
  const input = h('input', {
    id, type: 'file', name: 'file', accept: ACCEPT, required: true, style: { width: '100%' },
    'aria-describedby': `${id}-hint ${id}-chosen`,
    onchange: () => choose(),
  });
  function choose() {
    const file = input.files[0];
    chosen.textContent = file ? t('documents.file_chosen', { name: file.name, size: fileSize(file.size) }) : '';
    if (file) onChoose?.(file);
  }
  const zoneStyle = (active) => ({
    border: `2px dashed ${active ? 'var(--primary)' : 'var(--border)'}`,
    background: active ? 'var(--primary-soft)' : 'transparent',
  });
  const zone = h('div', {
    class: 'stack', dataset: { test: 'document-drop-zone' },
    style: { ...zoneStyle(false), borderRadius: 'var(--radius)', padding: '1rem', alignItems: 'flex-start' },
    ondragenter: (e) => { e.preventDefault(); Object.assign(zone.style, zoneStyle(true)); },
    ondragover: (e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; },
    ondragleave: (e) => { if (!zone.contains(e.relatedTarget)) Object.assign(zone.style, zoneStyle(false)); },
    ondrop: (e) => {
      e.preventDefault();
      Object.assign(zone.style, zoneStyle(false));
      if (e.dataTransfer.files.length === 0) return;
      const transfer = new DataTransfer();
      transfer.items.add(e.dataTransfer.files[0]);
      input.files = transfer.files;
      choose();
    },
  },
  h('span', { class: 'muted', 'aria-hidden': 'true' }, t('documents.drop_here')),
  input);
  // min-width 0: the form is a grid, whose items would otherwise widen to the file input's own width.
  const node = h('div', { class: 'field', style: { minWidth: 0 } },
    h('label', { for: id }, label ?? t('documents.file')),
    zone,
    h('div', { class: 'hint', id: id + '-hint' }, t('documents.file_hint')),
    chosen);
  return {
    node,
    file: () => input.files[0] ?? null,
    clear: () => { input.value = ''; chosen.textContent = ''; },
  };
}

/** A problem on `/file` saying that no file was chosen. */
export function fileRequired() {
  return new Problem(422, { code: 'validation.failed', errors: [{ pointer: '/file', detail: t('documents.file_required') }] });
}

/** A labelled `<progress>` for an upload, hidden until `start()`; `update(fraction)` moves it. */
export function uploadProgress() {
  const id = `doc-progress-${++pickerCounter}`;
  const bar = h('progress', { id, max: 1, value: 0, dataset: { test: 'upload-progress' } });
  const label = h('label', { for: id, class: 'small' });
  const node = h('div', { class: 'stack', style: { gap: '.25rem' }, hidden: true }, label, bar);
  const show = (fraction) => {
    bar.value = fraction;
    label.textContent = fraction >= 1 ? t('documents.upload_processing') : t('documents.upload_progress', { percent: number(fraction * 100) });
  };
  return {
    node,
    start() { node.hidden = false; show(0); },
    update: show,
    reset() { node.hidden = true; bar.value = 0; },
  };
}

/** The upload page (`documents/upload`). */
export async function renderUpload(ctx) {
  const [lookups, facets] = await Promise.all([loadLookups(ctx, { units: true, members: true }), loadFacets(ctx)]);
  const metadata = metadataFields({ lookups, facets });
  const picker = filePicker({
    onChoose: (file) => { if (!metadata.title.value.trim()) metadata.title.value = file.name.replace(/\.[^.]+$/, ''); },
  });
  const progress = uploadProgress();
  const el = form([picker.node, ...metadata.nodes, progress.node], async (data, formEl) => {
    const file = picker.file();
    if (!file) throw fileRequired();
    const body = new FormData();
    body.append('metadata', JSON.stringify(metadata.read(formEl, data)));
    body.append('file', file, file.name);
    progress.start();
    let created;
    try {
      created = await upload(ctx.org.path('/documents'), body, { onProgress: progress.update });
    } catch (error) {
      progress.reset();
      throw error;
    }
    toast(t('documents.uploaded', { title: created.title }));
    ctx.navigate('documents/' + encodeURIComponent(created.id));
  }, {
    submitLabel: t('documents.upload_submit'),
    extra: [h('a', { class: 'btn', href: '#/documents' }, t('common.cancel'))],
  });
  el.dataset.test = 'document-upload';
  el.setAttribute('aria-label', t('documents.upload_title'));
  return h('div', {},
    pageHeader(t('documents.upload_title')),
    h('p', {}, h('a', { href: '#/documents' }, '← ', t('documents.back_to_list'))),
    h('div', { class: 'card' }, el));
}
