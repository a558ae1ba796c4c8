// Inquiries the public sent from the Reality Portal: every listing's (optionally one listing's) on
// their own page, and one listing's on its detail page. Newest first, a page at a time.
import { h, replace } from '../core/dom.js';
import { t, dateTime, relative, number } from '../core/i18n.js';
import { pageHeader, field, loading, problemAlert } from '../core/ui.js';
import { allPages } from './faults-common.js';
import { useListingStyles } from './listings-common.js';

const PAGE_SIZE = 20;

export async function renderInquiries(ctx) {
  useListingStyles();
  // Titles for the rows and the filter; a realtor's organization has far fewer than 2,000 listings.
  const listings = await allPages((cursor) => ctx.org.get('/listings', { limit: 200, cursor }, { signal: ctx.signal }))
    .catch((error) => {
      if (error.name === 'AbortError') throw error;
      return [];
    });
  const byID = new Map(listings.map((l) => [l.id, l]));
  let listingID = byID.has(ctx.query.listing) ? ctx.query.listing : '';
  const results = h('div', {});

  const choice = h('select', { name: 'listing' },
    h('option', { value: '' }, t('listings.inquiries_all')),
    [...listings].sort((a, b) => a.title.localeCompare(b.title))
      .map((l) => h('option', { value: l.id, selected: l.id === listingID }, `${l.title} · ${l.city}`)));
  const filterForm = h('form', {
    class: 'filters', role: 'search', 'aria-label': t('listings.inquiries_filter'),
    onsubmit: (e) => e.preventDefault(),
    onchange: () => {
      listingID = choice.value;
      history.replaceState(null, '', '#/listings/inquiries' + (listingID ? '?listing=' + listingID : ''));
      show();
    },
  }, field(t('listings.field.listing'), choice));

  function show() {
    replace(results, inquiryList(ctx, { listingID: listingID || undefined, listings: byID }));
  }
  show();
  return h('div', {},
    pageHeader(t('listings.inquiries'), h('a', { href: '#/listings' }, t('listings.back'))),
    listings.length > 0 ? filterForm : null,
    results);
}

/**
 * A paged list of inquiries, of one listing when `listingID` is given. `listing` (on its detail
 * page) or `listings` (by id) name the listing in the reply subject and, for all listings, per row.
 */
export function inquiryList(ctx, { listingID, listing, listings = new Map() }) {
  const region = h('div', {}, loading());
  const list = h('ul', { class: 'lst-inquiries', 'data-test': 'inquiry-list' });
  const count = h('p', { class: 'small muted', role: 'status' });
  const more = h('button', { class: 'btn', type: 'button', hidden: true }, t('common.more'));
  const moreError = h('div', {});
  let cursor = null;
  let shown = 0;

  async function loadPage() {
    const page = await ctx.org.get('/inquiries', { listingID, limit: PAGE_SIZE, cursor: cursor ?? undefined }, { signal: ctx.signal });
    cursor = page.nextCursor ?? null;
    shown += page.items.length;
    list.append(...page.items.map((inquiry) => inquiryItem(inquiry, listing ?? listings.get(inquiry.listingID), !listingID)));
    count.textContent = t('listings.inquiries_shown', { n: number(shown) });
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

  (async function first() {
    replace(region, loading());
    try {
      const page = await loadPage();
      replace(region, page.items.length === 0
        ? h('p', { class: 'empty', 'data-test': 'inquiry-empty' }, t(listingID ? 'listings.inquiries_none_listing' : 'listings.inquiries_none'))
        : [list, h('div', { class: 'row' }, count, more), moreError]);
    } catch (error) {
      if (error.name === 'AbortError') return;
      replace(region, problemAlert(error), h('button', { class: 'btn', type: 'button', onclick: first }, t('common.retry')));
    }
  })();
  return region;
}

function inquiryItem(inquiry, listing, showListing) {
  const subject = listing ? t('listings.reply_subject', { title: listing.title }) : '';
  const mailto = `mailto:${encodeURI(inquiry.email)}${subject ? '?subject=' + encodeURIComponent(subject) : ''}`;
  return h('li', { 'data-test': 'inquiry-row', 'data-id': inquiry.id },
    h('div', { class: 'who' },
      h('strong', {}, inquiry.name),
      h('a', { href: mailto, 'aria-label': t('listings.reply_to', { name: inquiry.name, email: inquiry.email }) }, inquiry.email),
      inquiry.phone ? h('a', { href: `tel:${inquiry.phone.replace(/[^\d+]/g, '')}` }, inquiry.phone) : null,
      h('time', { class: 'small muted', datetime: inquiry.createdAt },
        `${dateTime(inquiry.createdAt)} (${relative(inquiry.createdAt)})`)),
    showListing
      ? h('div', { class: 'small' }, t('listings.inquiry_about'), ' ',
        listing ? h('a', { href: `#/listings/${listing.id}` }, listing.title) : h('span', { class: 'muted' }, t('listings.inquiry_unknown_listing')))
      : null,
    h('p', { class: 'message' }, inquiry.message));
}
