// A table over a cursor-paged API list (`{ items, nextCursor }`) with "Load more", for the finance
// and meter lists. Unlike admin-pager.js, rows are built by the page (so they carry data-test hooks
// and classes) and headings may be right-aligned number columns.
import { h, replace } from '../core/dom.js';
import { t, number } from '../core/i18n.js';
import { loading, problemAlert } from '../core/ui.js';

/**
 * Loads the first page at once and returns the region. `headings` are `[label, class?]` (null ones are
 * left out); `row(item)` returns a <tr>; `empty` is the text of an empty first page; `attrs` go on the
 * <table> (e.g. its data-test hook). `onPage(items)` runs after each page is shown.
 */
export function pagedRows({ load, row, headings, caption, empty, attrs = {}, onPage }) {
  const region = h('div', { 'aria-live': 'polite' }, loading());
  const tbody = h('tbody', {});
  const count = h('p', { class: 'small muted', role: 'status' });
  const more = h('button', { class: 'btn', type: 'button', hidden: true }, t('common.more'));
  const moreError = h('div', {});
  let cursor = null;
  let shown = 0;

  async function next() {
    const page = await load(cursor ?? undefined);
    cursor = page.nextCursor ?? null;
    shown += page.items.length;
    tbody.append(...page.items.map(row));
    count.textContent = t('finance.shown', { n: number(shown) });
    more.hidden = !cursor;
    onPage?.(page.items);
    return page;
  }

  more.addEventListener('click', async () => {
    more.disabled = true;
    replace(moreError);
    try { await next(); } catch (error) {
      if (error.name !== 'AbortError') replace(moreError, problemAlert(error));
    } finally { more.disabled = false; }
  });

  async function first() {
    replace(region, loading());
    try {
      const page = await next();
      if (page.items.length === 0) {
        replace(region, h('p', { class: 'empty', 'data-test': attrs['data-test'] ? `${attrs['data-test']}-empty` : null }, empty));
        return;
      }
      replace(region,
        h('div', { class: 'table-wrap' }, h('table', { class: 'data', ...attrs },
          caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
          h('thead', {}, h('tr', {}, headings.filter(Boolean).map(([label, cls]) => h('th', { scope: 'col', class: cls }, label)))),
          tbody)),
        h('div', { class: 'row' }, count, more), moreError);
    } catch (error) {
      if (error.name === 'AbortError') return;
      replace(region, problemAlert(error), h('button', { class: 'btn', type: 'button', onclick: first }, t('common.retry')));
    }
  }

  first();
  return region;
}

/**
 * A filter form whose changes are kept in the URL (`#/<route>?…`, so the back button and shared links
 * keep them) and call `onChange(filters)`.
 */
export function filterForm(route, label, filters, controls, onChange) {
  return h('form', {
    class: 'filters', role: 'search', 'aria-label': label,
    onsubmit: (e) => e.preventDefault(),
    onchange: (e) => {
      if (!e.target.name) return;
      filters[e.target.name] = e.target.value;
      const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
      history.replaceState(null, '', `#/${route}` + (query ? '?' + query : ''));
      onChange(filters);
    },
  }, controls);
}
