// A table of a cursor-paginated API list (`{ items, nextCursor }`) with a "Load more" button that
// appends the next page, for the administration and voice pages.
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { problemAlert, loading } from '../core/ui.js';

/** The pager's messages; pages that use it merge them into their own (see `mergeMessages`). */
export const pagerMessages = {
  en: { 'admin-pager.shown': 'Showing {count}.' },
  sk: { 'admin-pager.shown': 'Zobrazené: {count}.' },
  cs: { 'admin-pager.shown': 'Zobrazeno: {count}.' },
  de: { 'admin-pager.shown': '{count} angezeigt.' },
};

/** Merges message sets (`{ en: {...}, sk: {...}, … }`) into one. */
export function mergeMessages(...sets) {
  const merged = { en: {}, sk: {}, cs: {}, de: {} };
  for (const set of sets) for (const lang of Object.keys(merged)) Object.assign(merged[lang], set[lang] ?? {});
  return merged;
}

/**
 * `columns` are `[heading, item => cell]`; `load(cursor)` resolves to one page. The first page is
 * loaded at once. Returns the region's node (with `attrs`, e.g. a data-test hook).
 */
export function pagedTable({ columns, load, emptyText = t('common.empty'), caption, attrs = {} }) {
  const region = h('div', attrs, loading());
  const body = h('tbody', {});
  const status = h('p', { class: 'small muted', role: 'status' });
  const problem = h('div', {});
  const more = h('button', { class: 'btn', type: 'button', hidden: true, onclick: () => next() }, t('common.more'));
  let cursor = null;
  let shown = 0;

  async function next(first = false) {
    more.disabled = true;
    replace(problem);
    try {
      const page = await load(cursor);
      if (first) {
        if (page.items.length === 0) { replace(region, h('p', { class: 'empty' }, emptyText)); return; }
        replace(region, h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
          caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
          h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', { scope: 'col' }, heading)))), body)),
        h('div', { class: 'row' }, more, status), problem);
      }
      for (const item of page.items) body.append(h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(item)))));
      shown += page.items.length;
      cursor = page.nextCursor ?? null;
      more.hidden = !cursor;
      status.textContent = t('admin-pager.shown', { count: shown });
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (first) replace(region, problemAlert(error)); else replace(problem, problemAlert(error));
    } finally {
      more.disabled = false;
    }
  }
  next(true);
  return region;
}
