// Listings: the list filtered by status, with cover photos, prices, cities and rooms. The form is in
// listings-form.js, one listing in listings-detail.js, inquiries in listings-inquiries.js, and the
// messages in listings-messages.js and listings-media-messages.js.
import { h, replace } from '../core/dom.js';
import { t, date, number } from '../core/i18n.js';
import { pageHeader, field, select, loading, problemAlert } from '../core/ui.js';
import { mergeMessages } from './admin-pager.js';
import {
  LISTING_STATUSES, listingStatusBadge, listingPrice, listingArea, ownLanguage, photoStore, useListingStyles,
} from './listings-common.js';
import { renderListingForm } from './listings-form.js';
import { renderListingDetail } from './listings-detail.js';
import { renderInquiries } from './listings-inquiries.js';
import { messages as listingMessages } from './listings-messages.js';
import { messages as mediaMessages } from './listings-media-messages.js';

export const messages = mergeMessages(listingMessages, mediaMessages);

const PAGE_SIZE = 25;
/** The columns after the listing itself; on a phone their headings label each cell. */
const FACT_COLUMNS = [
  'listings.field.status', 'listings.field.price', 'listings.field.city', 'listings.field.rooms', 'listings.field.area',
  'listings.field.created',
];
// Covers are two requests each (the photo list, then the image), so only a few run at once.
const COVER_LOADS_AT_ONCE = 4;

async function renderListingList(ctx) {
  useListingStyles();
  const status = LISTING_STATUSES.includes(ctx.query.status) ? ctx.query.status : '';
  const store = photoStore(ctx);
  const covers = coverLoader(ctx, store);
  const results = h('div', { 'aria-live': 'polite' });
  let generation = 0;

  const filterForm = h('form', {
    class: 'filters', role: 'search', 'aria-label': t('listings.filters'),
    onsubmit: (e) => e.preventDefault(),
    onchange: (e) => {
      const value = e.target.value;
      // The URL keeps the filter (back button, shared links) without rendering the page again.
      history.replaceState(null, '', '#/listings' + (value ? '?status=' + value : ''));
      load(value);
    },
  }, field(t('listings.field.status'), select('status',
    [['', t('listings.any_status')], ...LISTING_STATUSES.map((s) => [s, t('listings.status.' + s)])], status)));

  async function load(filter) {
    const mine = ++generation;
    replace(results, loading());
    const tbody = h('tbody', {});
    const count = h('p', { class: 'small muted', role: 'status' });
    const more = h('button', { class: 'btn', type: 'button', hidden: true }, t('common.more'));
    const moreError = h('div', {});
    let cursor = null;
    let shown = 0;

    async function loadPage() {
      const page = await ctx.org.get('/listings', { status: filter || undefined, limit: PAGE_SIZE, cursor: cursor ?? undefined },
        { signal: ctx.signal });
      if (mine !== generation) return null;
      cursor = page.nextCursor ?? null;
      shown += page.items.length;
      tbody.append(...page.items.map((listing) => listingRow(listing, covers, ownLanguage(ctx))));
      count.textContent = t('listings.shown', { n: number(shown) });
      more.hidden = !cursor;
      return page;
    }

    more.addEventListener('click', async () => {
      more.disabled = true;
      replace(moreError);
      try { await loadPage(); } catch (error) {
        if (error.name !== 'AbortError') replace(moreError, problemAlert(error));
      } finally { more.disabled = false; }
    });

    try {
      const first = await loadPage();
      if (!first) return;
      if (first.items.length === 0) {
        replace(results, h('p', { class: 'empty', 'data-test': 'listing-list-empty' },
          filter ? t('listings.empty_status', { status: t('listings.status.' + filter) }) : t('listings.empty')));
        return;
      }
      replace(results,
        h('div', { class: 'table-wrap' }, h('table', { class: 'data lst-table', 'data-test': 'listing-list' },
          h('caption', { class: 'visually-hidden' }, t('listings.title')),
          h('thead', {}, h('tr', {}, [t('listings.field.listing'), ...FACT_COLUMNS.map((key) => t(key))]
            .map((label) => h('th', { scope: 'col' }, label)))),
          tbody)),
        h('div', { class: 'row' }, count, more), moreError);
    } catch (error) {
      if (error.name === 'AbortError' || mine !== generation) return;
      replace(results, problemAlert(error), h('button', { class: 'btn', type: 'button', onclick: () => load(filter) }, t('common.retry')));
    }
  }

  load(status);
  return h('div', {},
    pageHeader(t('listings.title'),
      ctx.can('inquiriesRead') ? h('a', { class: 'btn', href: '#/listings/inquiries' }, t('listings.inquiries_nav')) : null,
      ctx.can('listingsManage')
        ? h('a', { class: 'btn btn-primary', href: '#/listings/new', 'data-test': 'listing-create' }, t('listings.new'))
        : null),
    filterForm, results);
}

function listingRow(listing, covers, language) {
  const thumb = h('span', { class: 'lst-thumb', 'aria-hidden': 'true' });
  covers.add(thumb, listing.id);
  return h('tr', { 'data-test': 'listing-row', 'data-id': listing.id },
    h('td', {}, h('div', { class: 'lst-title' }, thumb, h('div', {},
      h('a', { href: `#/listings/${listing.id}`, lang: language }, listing.title),
      h('div', { class: 'small muted' }, t('listings.type.' + listing.type))))),
    [
      listingStatusBadge(listing.status), listingPrice(listing), listing.city, number(listing.rooms), listingArea(listing.sizeSqm),
      h('time', { datetime: listing.createdAt }, date(listing.createdAt)),
    ].map((cell, i) => h('td', { 'data-label': t(FACT_COLUMNS[i]), class: i === 2 ? null : 'lst-nowrap' }, cell)));
}

/**
 * Loads each row's cover (its first photo) when the row comes into view, a few at a time. The
 * thumbnail is decorative: the title next to it names the listing.
 */
function coverLoader(ctx, store) {
  const queue = [];
  let running = 0;
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      queue.push(entry.target);
    }
    pump();
  }, { rootMargin: '200px' });
  ctx.signal.addEventListener('abort', () => observer.disconnect());

  function pump() {
    while (running < COVER_LOADS_AT_ONCE && queue.length > 0) {
      const thumb = queue.shift();
      running++;
      loadCover(thumb).finally(() => { running--; pump(); });
    }
  }

  async function loadCover(thumb) {
    const listingID = thumb.dataset.listing;
    try {
      const photos = await ctx.org.get(`/listings/${listingID}/photos`, undefined, { signal: ctx.signal });
      if (photos.length === 0) { replace(thumb, h('span', { class: 'small muted' }, t('listings.no_photo'))); return; }
      const src = await store.url(listingID, photos[0].id);
      replace(thumb, h('img', { src, alt: '' }));
    } catch (error) {
      if (error.name !== 'AbortError') replace(thumb, h('span', { class: 'small muted' }, '—'));
    }
  }

  return {
    add(thumb, listingID) {
      thumb.dataset.listing = listingID;
      thumb.append(h('span', { class: 'spinner' }));
      observer.observe(thumb);
    },
  };
}

export const routes = [
  { path: 'listings', render: renderListingList, permission: 'listingsRead', nav: { group: 'property', label: 'listings.nav', order: 44 } },
  { path: 'listings/new', render: renderListingForm, permission: 'listingsManage' },
  { path: 'listings/inquiries', render: renderInquiries, permission: 'inquiriesRead', nav: { group: 'property', label: 'listings.inquiries_nav', order: 45 } },
  { path: 'listings/:id', render: renderListingDetail, permission: 'listingsRead' },
  { path: 'listings/:id/edit', render: renderListingForm, permission: 'listingsManage' },
];
