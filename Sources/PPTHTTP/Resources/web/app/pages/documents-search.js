// Full-text and semantic search over the documents' passages (`GET /search`). The server returns only
// passages the member may read; each hit shows its snippet with the matched words marked and, for
// PDFs, the page, linking to the document opened at that page.
import { h, replace, highlight } from '../core/dom.js';
import { t, number } from '../core/i18n.js';
import { field, badge, loading, problemAlert } from '../core/ui.js';

const FIRST_LIMIT = 10;
const MORE_LIMIT = 50;

/** The snippet with the API's highlight ranges (UTF-16 offsets) as <mark>; our own marking without them. */
function snippetNode(hit, query) {
  const text = hit.snippet;
  const ranges = (hit.highlights ?? [])
    .filter((r) => r.length > 0 && r.start >= 0 && r.start + r.length <= text.length)
    .sort((a, b) => a.start - b.start);
  if (ranges.length === 0) return highlight(text, query);
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const range of ranges) {
    if (range.start < at) continue;
    fragment.append(text.slice(at, range.start), h('mark', {}, text.slice(range.start, range.start + range.length)));
    at = range.start + range.length;
  }
  fragment.append(text.slice(at));
  return fragment;
}

/** The link to the document, at the hit's page when it has one (as the chat's citations link). */
export function hitLink(hit) {
  const base = `#/documents/${encodeURIComponent(hit.documentID)}`;
  return hit.page ? `${base}?page=${hit.page}` : base;
}

function hitView(hit, query) {
  // Headings repeat the document title as their first part; the title is already the link.
  const prefix = hit.documentTitle + ' › ';
  const heading = hit.heading.startsWith(prefix) ? hit.heading.slice(prefix.length) : (hit.heading === hit.documentTitle ? '' : hit.heading);
  return h('li', { dataset: { test: 'search-result' }, style: { padding: '.75rem 0', borderTop: '1px solid var(--border)' } },
    h('h3', { style: { margin: 0 } }, h('a', { href: hitLink(hit) }, hit.documentTitle)),
    heading ? h('div', { class: 'small muted', lang: hit.language ?? undefined }, heading) : null,
    h('p', { lang: hit.language ?? undefined, style: { margin: '.35rem 0' } }, snippetNode(hit, query)),
    h('div', { class: 'row small muted' },
      hit.page ? badge(t('documents.page', { page: hit.page })) : null,
      h('span', {}, t('documents.version_n', { version: hit.version }))));
}

/**
 * The search card. `initialQuery` runs at once; `onQueryChange(q)` reports each new query (or '')
 * so the page can keep it in its address.
 */
export function searchPanel(ctx, { initialQuery = '', onQueryChange } = {}) {
  const input = h('input', {
    type: 'search', name: 'q', maxlength: 500, value: initialQuery, autocomplete: 'off', dataset: { test: 'document-search' },
  });
  const status = h('p', { class: 'small muted', role: 'status', style: { margin: '.5rem 0 0' } });
  const results = h('div');
  let run = 0;

  async function search(query, limit = FIRST_LIMIT) {
    const current = ++run;
    replace(status);
    replace(results, loading());
    try {
      const answer = await ctx.org.get('/search', { q: query, limit }, { signal: ctx.signal });
      if (current !== run) return;
      status.textContent = answer.hits.length === 0
        ? t('documents.search_none', { query })
        : t('documents.search_count', { n: number(answer.hits.length), query });
      replace(results,
        answer.mode === 'full_text' ? h('p', { class: 'small muted' }, t('documents.search_full_text')) : null,
        answer.hits.length ? h('ol', { style: { listStyle: 'none', padding: 0, margin: '.5rem 0 0' } },
          answer.hits.map((hit) => hitView(hit, query))) : null,
        answer.hits.length === limit && limit < MORE_LIMIT
          ? h('button', { class: 'btn', type: 'button', onclick: () => search(query, MORE_LIMIT) }, t('documents.search_more'))
          : null);
    } catch (error) {
      if (error.name === 'AbortError' || current !== run) return;
      replace(results, problemAlert(error));
    }
  }

  function clear() {
    run++;
    input.value = '';
    replace(status);
    replace(results);
    onQueryChange?.('');
    input.focus();
  }

  const searchForm = h('form', {
    role: 'search', class: 'filters', style: { marginBottom: 0 },
    onsubmit: (e) => {
      e.preventDefault();
      const query = input.value.trim();
      if (!query) { clear(); return; }
      onQueryChange?.(query);
      search(query);
    },
  },
  field(t('documents.search_label'), input),
  h('button', { class: 'btn btn-primary', type: 'submit' }, t('common.search')),
  h('button', { class: 'btn', type: 'button', onclick: clear }, t('documents.search_clear')));
  searchForm.querySelector('.field').style.flex = '1 1 16rem';
  // The hint sits under the whole row, so the buttons line up with the input.
  const hint = h('p', { class: 'small muted', id: input.id + '-hint', style: { margin: '.25rem 0 0' } }, t('documents.search_hint'));
  input.setAttribute('aria-describedby', hint.id);

  if (initialQuery.trim()) search(initialQuery.trim());
  return h('section', { class: 'card', 'aria-labelledby': 'doc-search-heading' },
    h('h2', { id: 'doc-search-heading' }, t('documents.search_heading')),
    searchForm, hint, status, results);
}
