// Documents: the list with search and filters by category, folder and title (`documents`), the
// upload page (`documents/upload`) and one document (`documents/:id`, `?page=N` for citations).
// Search terms and filters live in the address, so Back and shared links keep them.
import { h, replace } from '../core/dom.js';
import { t, number, date } from '../core/i18n.js';
import { pageHeader, field, select, loading, problemAlert } from '../core/ui.js';
import { typeName, fileSize } from './documents-files.js';
import { loadLookups, loadFacets, accessText } from './documents-metadata.js';
import { searchPanel } from './documents-search.js';
import { indexOverview } from './documents-index-status.js';
import { renderUpload } from './documents-upload.js';
import { renderDetail } from './documents-detail.js';

export { messages } from './documents-messages.js';

const PAGE_SIZE = 25;
/** The folder filter's value for documents at the top level (the API trims slashes to the root). */
const ROOT_FOLDER = '/';

function documentRow(doc, lookups, filterBy) {
  const filterLink = (key, value, label) => h('button', {
    class: 'btn-link', type: 'button', 'aria-label': t('documents.filter_by_' + key, { value: label }),
    onclick: () => filterBy(key, value),
  }, label);
  return h('tr', { dataset: { test: 'document-row', id: doc.id } },
    h('td', { style: { minWidth: '12rem' } },
      h('a', { href: `#/documents/${encodeURIComponent(doc.id)}`, style: { fontWeight: 600 } }, doc.title),
      h('div', { class: 'small muted' }, `${typeName(doc.contentType)} · ${fileSize(doc.sizeBytes)}`)),
    h('td', {}, filterLink('category', doc.category, doc.category)),
    h('td', {}, doc.folder ? filterLink('folder', doc.folder, doc.folder) : h('span', { class: 'muted' }, t('documents.folder_root'))),
    h('td', {}, accessText(doc.access, lookups)),
    h('td', {}, String(doc.currentVersion)),
    h('td', {}, h('time', { datetime: doc.updatedAt }, date(doc.updatedAt))));
}

async function renderList(ctx) {
  const [facets, lookups] = await Promise.all([loadFacets(ctx), loadLookups(ctx, { units: true })]);
  const state = {
    q: ctx.query.q ?? '', category: ctx.query.category ?? '', folder: ctx.query.folder ?? '', text: ctx.query.text ?? '',
  };
  // replaceState changes the address without a hashchange, so the page is not rendered again.
  const remember = () => {
    const params = new URLSearchParams(Object.entries(state).filter(([, value]) => value));
    history.replaceState(history.state, '', '#/documents' + (params.toString() ? '?' + params : ''));
  };

  const withCurrent = (values, current) => (current && current !== ROOT_FOLDER && !values.includes(current) ? [...values, current] : values);
  const category = select('category', [['', t('documents.all_categories')],
    ...withCurrent(facets.categories, state.category).map((c) => [c, c])], state.category);
  const folder = select('folder', [['', t('documents.all_folders')],
    ...(facets.hasRootDocuments || state.folder === ROOT_FOLDER ? [[ROOT_FOLDER, t('documents.folder_root')]] : []),
    ...withCurrent(facets.folders, state.folder).map((f) => [f, f])], state.folder);
  const text = h('input', { type: 'search', name: 'text', value: state.text, autocomplete: 'off', dataset: { test: 'document-filter-text' } });

  const status = h('p', { class: 'small muted', role: 'status' });
  const rows = h('tbody');
  const tableWrap = h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden' }, t('documents.list_heading')),
    h('thead', {}, h('tr', {}, [t('documents.title'), t('documents.category'), t('documents.folder'),
      t('documents.access'), t('documents.version'), t('documents.updated')].map((heading) => h('th', { scope: 'col' }, heading)))),
    rows));
  const listBody = h('div');
  const more = h('div', { class: 'row', style: { marginTop: '.75rem' } });
  let cursor = null;
  let shown = 0;
  let request = 0;

  const filtered = () => Boolean(state.category || state.folder || state.text);
  function filterBy(key, value) {
    state[key] = value;
    if (key === 'category') category.value = value;
    if (key === 'folder') folder.value = value;
    remember();
    load(false);
    (key === 'category' ? category : folder).focus();
  }

  async function load(append) {
    const current = ++request;
    if (!append) { replace(listBody, loading()); replace(more); }
    try {
      const page = await ctx.org.get('/documents', {
        limit: PAGE_SIZE, category: state.category, folder: state.folder, text: state.text.trim(), cursor: append ? cursor : undefined,
      }, { signal: ctx.signal });
      if (current !== request) return;
      if (!append) { replace(rows); shown = 0; }
      rows.append(...page.items.map((doc) => documentRow(doc, lookups, filterBy)));
      shown += page.items.length;
      cursor = page.nextCursor ?? null;
      if (shown === 0) {
        replace(listBody, h('p', { class: 'empty' }, filtered() ? t('documents.none_filtered') : t('documents.none')));
      } else if (!append) {
        replace(listBody, tableWrap);
      }
      status.textContent = filtered() ? t('documents.count_filtered', { n: number(shown) }) : t('documents.count', { n: number(shown) });
      replace(more, cursor ? h('button', { class: 'btn', type: 'button', onclick: (e) => { e.currentTarget.disabled = true; load(true); } }, t('common.more')) : null);
    } catch (error) {
      if (error.name === 'AbortError' || current !== request) return;
      replace(append ? more : listBody, problemAlert(error));
    }
  }

  category.addEventListener('change', () => { state.category = category.value; remember(); load(false); });
  folder.addEventListener('change', () => { state.folder = folder.value; remember(); load(false); });
  let typing = null;
  text.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.text = text.value; remember(); load(false); }, 300);
  });
  load(false);

  const filters = h('form', {
    class: 'filters', role: 'search', 'aria-label': t('documents.filters'),
    onsubmit: (e) => { e.preventDefault(); clearTimeout(typing); state.text = text.value; remember(); load(false); },
  },
  field(t('documents.category'), category),
  field(t('documents.folder'), folder),
  field(t('documents.filter_title'), text));

  return h('div', {},
    pageHeader(t('documents.title_page'),
      ctx.can('documentsUpload')
        ? h('a', { class: 'btn btn-primary', href: '#/documents/upload', dataset: { test: 'document-upload-link' } }, t('documents.upload'))
        : null),
    indexOverview(ctx, facets.titles),
    searchPanel(ctx, { initialQuery: state.q, onQueryChange: (q) => { state.q = q; remember(); } }),
    h('section', { class: 'card', 'aria-labelledby': 'doc-list-heading', dataset: { test: 'document-list' } },
      h('h2', { id: 'doc-list-heading' }, t('documents.list_heading')),
      filters, status, listBody, more));
}

export const routes = [
  {
    path: 'documents', render: renderList, permission: 'documentsRead',
    nav: { group: 'property', label: 'documents.nav', order: 30 },
  },
  // Before `documents/:id`, which would otherwise take "upload" for an id.
  { path: 'documents/upload', render: renderUpload, permission: 'documentsUpload' },
  { path: 'documents/:id', render: renderDetail, permission: 'documentsRead' },
];
