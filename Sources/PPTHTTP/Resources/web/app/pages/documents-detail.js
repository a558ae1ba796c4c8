// One document (`documents/:id`, `documents/:id?page=N` for a citation): metadata, download and
// opening in the browser, indexing, summary, version history with new-version upload, editing and
// deleting.
import { upload } from '../core/api.js';
import { h, replace } from '../core/dom.js';
import { t, dateTime } from '../core/i18n.js';
import { pageHeader, badge, form, modal, confirmDialog, toast, problemAlert, table } from '../core/ui.js';
import { typeName, fileSize, opensInBrowser, downloadDocument, openDocument } from './documents-files.js';
import { loadLookups, loadFacets, metadataFields, accessText, personName, languageName } from './documents-metadata.js';
import { filePicker, fileRequired, uploadProgress } from './documents-upload.js';
import { indexStatusCard, details } from './documents-index-status.js';
import { summaryCard } from './documents-summary.js';

const PDF = 'application/pdf';

/** The cited page from `?page=N`, when it is a page number. */
function citedPage(query) {
  const page = Number(query.page);
  return Number.isInteger(page) && page > 0 ? page : null;
}

/** A button that runs `action`, showing its problem in `problems` and staying disabled meanwhile. */
function actionButton(label, problems, action, attrs = {}) {
  const button = h('button', {
    class: 'btn', type: 'button', ...attrs,
    onclick: async () => {
      button.disabled = true;
      replace(problems);
      try { await action(); } catch (error) { replace(problems, problemAlert(error)); } finally { button.disabled = false; }
    },
  }, label);
  return button;
}

function openAction(ctx, doc, problems, page, label, attrs = {}) {
  return actionButton(label, problems, async () => {
    const url = await openDocument(ctx.org, doc, page);
    // The browser refused the new tab: offer the file as a link the person can follow.
    if (url) replace(problems, h('p', {}, h('a', { href: url, target: '_blank', rel: 'noopener' }, t('documents.open_blocked'))));
  }, attrs);
}

function metadataCard(ctx, doc, lookups) {
  const uploader = personName(ctx, lookups, doc.uploadedBy);
  return h('section', { class: 'card', 'aria-labelledby': 'doc-meta-heading' },
    h('h2', { id: 'doc-meta-heading' }, t('documents.metadata_heading')),
    details([
      [t('documents.file_name'), h('span', { class: 'mono' }, doc.fileName)],
      [t('documents.type'), typeName(doc.contentType)],
      [t('documents.size'), fileSize(doc.sizeBytes)],
      [t('documents.category'), h('a', { href: `#/documents?category=${encodeURIComponent(doc.category)}` }, doc.category)],
      [t('documents.folder'), doc.folder
        ? h('a', { href: `#/documents?folder=${encodeURIComponent(doc.folder)}` }, doc.folder) : t('documents.folder_root')],
      [t('documents.language'), doc.language ? languageName(doc.language) : t('documents.language_unset')],
      [t('documents.access'), accessText(doc.access, lookups)],
      [t('documents.version'), String(doc.currentVersion)],
      [t('documents.uploaded_by'), uploader],
      [t('common.created'), dateTime(doc.createdAt)],
      [t('documents.updated'), dateTime(doc.updatedAt)],
      [t('documents.checksum'), h('span', { class: 'mono small' }, doc.sha256)],
    ]));
}

function versionsCard(ctx, doc, versions, lookups, mayChange, rerender) {
  const problems = h('div');
  const rows = table([
    [t('documents.version'), (v) => h('span', {}, String(v.version), ' ',
      v.version === doc.currentVersion ? badge(t('documents.version_current'), 'ok') : null)],
    [t('documents.file_name'), (v) => h('span', { class: 'mono' }, v.fileName)],
    [t('documents.type'), (v) => typeName(v.contentType)],
    [t('documents.size'), (v) => fileSize(v.sizeBytes)],
    [t('documents.uploaded_by'), (v) => personName(ctx, lookups, v.uploadedBy) ?? '—'],
    [t('documents.uploaded_at'), (v) => dateTime(v.createdAt)],
    [t('common.actions'), (v) => actionButton(t('common.download'), problems,
      () => downloadDocument(ctx.org, doc.id, v.fileName, v.version),
      { 'aria-label': t('documents.download_version', { version: v.version }) })],
  ], versions);
  let uploadForm = null;
  if (mayChange) {
    const picker = filePicker({ label: t('documents.new_version_file') });
    const progress = uploadProgress();
    uploadForm = form([picker.node, progress.node], async () => {
      const file = picker.file();
      if (!file) throw fileRequired();
      const body = new FormData();
      body.append('file', file, file.name);
      progress.start();
      try {
        await upload(ctx.org.path(`/documents/${encodeURIComponent(doc.id)}/versions`), body, { onProgress: progress.update });
      } catch (error) {
        progress.reset();
        throw error;
      }
      toast(t('documents.version_uploaded'));
      await rerender();
    }, { submitLabel: t('documents.new_version_submit') });
    uploadForm.dataset.test = 'document-version-upload';
    uploadForm.setAttribute('aria-labelledby', 'doc-new-version-heading');
  }
  return h('section', { class: 'card', 'aria-labelledby': 'doc-versions-heading', dataset: { test: 'document-versions' } },
    h('h2', { id: 'doc-versions-heading' }, t('documents.versions_heading')),
    problems, rows,
    uploadForm ? h('div', { style: { marginTop: '1rem' } },
      h('h3', { id: 'doc-new-version-heading' }, t('documents.new_version_heading')),
      h('p', { class: 'small muted' }, t('documents.new_version_hint')), uploadForm) : null);
}

async function editDocument(ctx, doc, lookups, rerender) {
  const facets = await loadFacets(ctx);
  const metadata = metadataFields({ doc, lookups, facets });
  let opened = null;
  const el = form(metadata.nodes, async (data, formEl) => {
    await ctx.org.put(`/documents/${encodeURIComponent(doc.id)}`, metadata.read(formEl, data), { signal: ctx.signal });
    opened.close();
    toast(t('common.saved'));
    await rerender();
  });
  el.dataset.test = 'document-edit';
  opened = modal(t('documents.edit_title'), el);
  metadata.title.focus();
}

async function deleteDocument(ctx, doc) {
  const confirmed = await confirmDialog(t('documents.delete_confirm', { title: doc.title }),
    { confirmLabel: t('common.delete'), danger: true });
  if (!confirmed) return;
  await ctx.org.delete(`/documents/${encodeURIComponent(doc.id)}`);
  toast(t('documents.deleted', { title: doc.title }));
  ctx.navigate('documents');
}

/** A missing or unreadable document (the API does not tell the two apart): say so, with a way back. */
function notFound(error) {
  return h('div', {},
    pageHeader(t('documents.not_found_title')),
    problemAlert(error),
    h('p', {}, h('a', { href: '#/documents' }, '← ', t('documents.back_to_list'))));
}

/** The detail page; re-renders itself into `ctx.root` after a change. */
export async function renderDetail(ctx) {
  const id = encodeURIComponent(ctx.params.id);
  let doc, versions, lookups;
  try {
    [doc, versions, lookups] = await Promise.all([
      ctx.org.get(`/documents/${id}`, undefined, { signal: ctx.signal }),
      ctx.org.get(`/documents/${id}/versions`, undefined, { signal: ctx.signal }),
      loadLookups(ctx, { units: true, members: true }),
    ]);
  } catch (error) {
    if (error.code === 'document.not_found') return notFound(error);
    throw error;
  }
  const rerender = async () => { if (!ctx.signal.aborted) replace(ctx.root, await renderDetail(ctx)); };
  const mayChange = ctx.can('documentsManage') || (doc.uploadedBy === ctx.user.id && ctx.can('documentsUpload'));
  const page = doc.contentType === PDF ? citedPage(ctx.query) : null;
  const problems = h('div');
  const actions = h('div', { class: 'row' },
    actionButton(t('common.download'), problems, () => downloadDocument(ctx.org, doc.id, doc.fileName),
      { class: 'btn btn-primary', dataset: { test: 'document-download' } }),
    opensInBrowser(doc.contentType) ? openAction(ctx, doc, problems, null, t('documents.open'), { dataset: { test: 'document-open' } }) : null,
    mayChange ? actionButton(t('common.edit'), problems, () => editDocument(ctx, doc, lookups, rerender), { dataset: { test: 'document-edit-button' } }) : null,
    ctx.can('documentsManage') ? actionButton(t('common.delete'), problems, () => deleteDocument(ctx, doc),
      { class: 'btn btn-danger', dataset: { test: 'document-delete' } }) : null);
  return h('div', { dataset: { test: 'document-detail' } },
    pageHeader(doc.title, actions),
    h('p', {}, h('a', { href: '#/documents' }, '← ', t('documents.back_to_list'))),
    problems,
    page ? h('div', { class: 'alert info row', dataset: { test: 'document-cited-page' } },
      h('span', {}, t('documents.cited_page', { page })),
      openAction(ctx, doc, problems, page, t('documents.open_at_page', { page }), { class: 'btn btn-primary' })) : null,
    // auto-fit (not the shared grid's auto-fill) lets the two cards share the whole width.
    h('div', { class: 'grid', style: { gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 22rem), 1fr))' } },
      metadataCard(ctx, doc, lookups), indexStatusCard(ctx, doc.id, mayChange)),
    summaryCard(ctx, doc),
    versionsCard(ctx, doc, versions, lookups, mayChange, rerender));
}
