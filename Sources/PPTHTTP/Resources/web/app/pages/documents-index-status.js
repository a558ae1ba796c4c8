// The search-indexing state of a document's current version, refreshed while work is under way,
// with re-indexing for the uploader and document managers.
import { h, replace } from '../core/dom.js';
import { t, has, number, dateTime } from '../core/i18n.js';
import { badge, loading, problemAlert, toast } from '../core/ui.js';
import { languageName } from './documents-metadata.js';

const WORKING = ['pending', 'extracting', 'embedding'];
const TONES = { indexed: 'ok', failed: 'danger', pending: 'warn', extracting: 'warn', embedding: 'warn' };
/** How often a document still being indexed is asked again. */
const POLL_MS = 2000;

/** A definition list from `[term, value]` pairs; empty values are left out. */
export function details(pairs) {
  return h('dl', {
    style: { display: 'grid', gridTemplateColumns: 'minmax(7rem, max-content) 1fr', gap: '.3rem 1rem', margin: 0 },
  }, pairs.filter(([, value]) => value !== null && value !== undefined && value !== '').map(([term, value]) => [
    h('dt', { style: { fontWeight: 600 } }, term),
    h('dd', { style: { margin: 0, overflowWrap: 'break-word', minWidth: 0 } }, value),
  ]));
}

function errorText(status) {
  if (status.errorCode && has('documents.' + status.errorCode)) return t('documents.' + status.errorCode);
  return status.errorMessage || status.errorCode;
}

function statusView(status) {
  const working = WORKING.includes(status.state);
  return h('div', { class: 'stack' },
    h('div', { class: 'row' },
      badge(t('documents.index_state_' + status.state), TONES[status.state] ?? ''),
      h('span', { class: 'small muted' }, t('documents.version_n', { version: status.version }))),
    working ? h('progress', {
      max: 1, value: status.progress ?? 0, 'aria-label': t('documents.index_progress'),
    }) : null,
    status.state === 'failed' ? h('div', { class: 'alert error' }, errorText(status),
      status.attempts ? h('div', { class: 'small' }, t('documents.index_attempts', { n: status.attempts })) : null) : null,
    status.warning ? h('div', { class: 'alert info' }, t('documents.index_warning'), h('div', { class: 'small' }, status.warning)) : null,
    details([
      [t('documents.index_method'), status.method ? t('documents.method_' + status.method) : null],
      [t('documents.index_language'), status.language ? languageName(status.language) : null],
      [t('documents.index_pages'), status.pageCount ?? null],
      [t('documents.index_passages'), status.state === 'indexed' || status.chunkCount > 0 ? number(status.chunkCount) : null],
      [t('documents.index_embedded'), status.chunkCount > 0
        ? t('documents.index_embedded_of', { n: number(status.embeddedChunks), total: number(status.chunkCount) }) : null],
      [t('documents.index_model'), status.embeddingModel],
      [t('documents.index_queued'), dateTime(status.queuedAt)],
      [t('documents.index_finished'), dateTime(status.finishedAt)],
    ]));
}

/** The indexing card of document `documentID`; `mayReindex` shows the re-index button. */
export function indexStatusCard(ctx, documentID, mayReindex) {
  const body = h('div', {}, loading());
  // Polling redraws the card every few seconds; readers hear only when the state itself changes.
  const announcer = h('p', { class: 'visually-hidden', role: 'status' });
  let lastState = null;
  const reindexButton = mayReindex ? h('button', {
    class: 'btn', type: 'button', dataset: { test: 'document-reindex' },
    onclick: async () => {
      reindexButton.disabled = true;
      try {
        show(await ctx.org.post(`/documents/${encodeURIComponent(documentID)}/index`, undefined, { signal: ctx.signal }));
        toast(t('documents.reindex_queued'));
      } catch (error) {
        if (error.name !== 'AbortError') replace(body, problemAlert(error));
      } finally {
        reindexButton.disabled = false;
      }
    },
  }, t('documents.reindex')) : null;
  let timer = null;
  function show(status) {
    replace(body, statusView(status));
    if (lastState !== null && lastState !== status.state) announcer.textContent = t('documents.index_state_' + status.state);
    lastState = status.state;
    clearTimeout(timer);
    // A re-rendered page leaves this card behind; only a card on screen keeps asking.
    if (WORKING.includes(status.state) && !ctx.signal.aborted) timer = setTimeout(() => { if (body.isConnected) load(); }, POLL_MS);
  }
  async function load() {
    try {
      show(await ctx.org.get(`/documents/${encodeURIComponent(documentID)}/index`, undefined, { signal: ctx.signal }));
    } catch (error) {
      if (error.name !== 'AbortError') replace(body, problemAlert(error));
    }
  }
  ctx.signal.addEventListener('abort', () => clearTimeout(timer));
  load();
  return h('section', { class: 'card', 'aria-labelledby': 'doc-index-heading', dataset: { test: 'document-index' } },
    h('div', { class: 'row', style: { justifyContent: 'space-between', marginBottom: '.5rem' } },
      h('h2', { id: 'doc-index-heading', style: { margin: 0 } }, t('documents.index_heading')), reindexButton),
    announcer, body);
}

/**
 * A line for document managers: documents per indexing state and passage counts, and the latest
 * failures linked to their documents (named from `titles`, id → title). Nothing for other roles.
 */
export function indexOverview(ctx, titles = new Map()) {
  const slot = h('div', { dataset: { test: 'document-index-overview' } });
  if (!ctx.can('documentsManage')) return slot;
  ctx.org.get('/search/index', undefined, { signal: ctx.signal }).then((overview) => {
    const states = Object.entries(overview.states).filter(([, n]) => n > 0);
    replace(slot, h('p', { class: 'small muted row' },
      h('span', {}, t('documents.index_heading'), ':'),
      states.map(([state, n]) => badge(`${t('documents.index_state_' + state)}: ${number(n)}`, TONES[state] ?? '')),
      h('span', {}, t('documents.index_overview_passages', {
        n: number(overview.chunkCount), embedded: number(overview.embeddedChunks),
      }))),
    overview.failed.length ? h('div', { class: 'alert error' },
      h('strong', {}, t('documents.index_failures')),
      h('ul', {}, overview.failed.map((status) => h('li', {},
        h('a', { href: `#/documents/${encodeURIComponent(status.documentID)}` },
          titles.get(status.documentID) ?? t('documents.index_failed_document'), ' ', t('documents.version_n', { version: status.version })),
        ': ', errorText(status))))) : null);
  }, (error) => { if (error.name !== 'AbortError') replace(slot, problemAlert(error)); });
  return slot;
}
