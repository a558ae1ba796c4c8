// One listing: its facts and text, the status moves the role may make (publish, reserve, close),
// where it shows on the Reality Portal, the description generator, and below them its photos
// (listings-photos.js), translations (listings-texts.js) and inquiries (listings-inquiries.js).
import { h, replace } from '../core/dom.js';
import { t, dateTime, number } from '../core/i18n.js';
import { pageHeader, toast, problemAlert, showProblem, confirmDialog } from '../core/ui.js';
import { failedPage, useStyles } from './faults-common.js';
import {
  listingStatusBadge, listingPrice, listingArea, listingAddress, ownLanguage, portalPath, portalURL, photoStore,
  useListingStyles,
} from './listings-common.js';
import { languageName } from './generate-common.js';
import { photoSection } from './listings-photos.js';
import { textSection } from './listings-texts.js';
import { inquiryList } from './listings-inquiries.js';

/** The moves the API allows from each status (ListingRepository.publish/reserve/close). */
const STATUS_ACTIONS = {
  draft: ['publish', 'close'],
  published: ['reserve', 'close'],
  reserved: ['publish', 'close'],
  closed: [],
};

export async function renderListingDetail(ctx) {
  useStyles();
  useListingStyles();
  const id = encodeURIComponent(ctx.params.id);
  const store = photoStore(ctx);
  const root = h('div', {});
  const top = h('div', {});
  let listing;

  async function show() {
    listing = await ctx.org.get(`/listings/${id}`, undefined, { signal: ctx.signal });
    const unit = listing.unitID ? await loadUnit(ctx, listing.unitID) : null;
    const page = { ctx, listing, unit, refresh };
    const header = pageHeader(listing.title, listingStatusBadge(listing.status),
      ctx.can('listingsManage') && listing.status !== 'closed'
        ? h('a', { class: 'btn', href: `#/listings/${listing.id}/edit`, 'data-test': 'listing-edit' }, t('common.edit')) : null,
      h('a', { href: '#/listings' }, t('listings.back')));
    // The title is written in the organization's language, whatever language the page is in.
    header.querySelector('h1').lang = ownLanguage(ctx);
    replace(top, header,
      h('div', { class: 'prop-two' },
        h('div', {}, factsCard(page), statusCard(page), linksCard(page)),
        h('div', {}, descriptionCard(page))));
  }

  /** Reloads the listing after a change. The sections below keep what is typed or chosen there,
   *  unless the listing was closed (then they take no new photos or texts). */
  async function refresh(message) {
    const wasClosed = listing.status === 'closed';
    try {
      await show();
      if ((listing.status === 'closed') !== wasClosed) renderSections();
      if (message) toast(message);
    } catch (error) {
      if (error.name !== 'AbortError') top.prepend(problemAlert(error));
    }
  }

  const sections = h('div', {});
  function renderSections() {
    replace(sections,
      photoSection({ ctx, listing, store }),
      textSection({ ctx, listing }),
      ctx.can('inquiriesRead')
        ? h('section', { class: 'card', 'aria-labelledby': 'listing-inquiries' },
          h('h2', { id: 'listing-inquiries' }, t('listings.inquiries')),
          inquiryList(ctx, { listingID: listing.id, listing }))
        : null);
  }

  try {
    await show();
  } catch (error) {
    return failedPage(t('listings.title'), error, '#/listings', t('listings.back'));
  }
  renderSections();
  replace(root, top, sections);
  return root;
}

/** The unit the listing offers, with its building's name; null when it cannot be read. */
async function loadUnit(ctx, unitID) {
  try {
    const unit = await ctx.org.get(`/units/${unitID}`, undefined, { signal: ctx.signal });
    const building = await ctx.org.get(`/buildings/${unit.buildingID}`, undefined, { signal: ctx.signal }).catch((error) => {
      if (error.name === 'AbortError') throw error;
      return null;
    });
    return { ...unit, buildingName: building?.name ?? '' };
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    return null;
  }
}

function factsCard({ listing, unit }) {
  const time = (value) => h('time', { datetime: value }, dateTime(value));
  const rows = [
    [t('listings.field.status'), listingStatusBadge(listing.status)],
    [t('listings.field.type'), t('listings.type.' + listing.type)],
    [t('listings.field.price'), listingPrice(listing)],
    [t('listings.field.area'), listingArea(listing.sizeSqm)],
    [t('listings.field.rooms'), number(listing.rooms)],
    [t('listings.field.address'), listingAddress(listing)],
    listing.unitID ? [t('listings.field.unit'), unit
      ? [unit.buildingName, t('listings.unit_n', { n: unit.number })].filter(Boolean).join(' · ')
      : h('span', { class: 'muted' }, t('listings.unit_unknown'))] : null,
    listing.publishedAt ? [t('listings.field.published'), time(listing.publishedAt)] : null,
    [t('listings.field.created'), time(listing.createdAt)],
    [t('listings.field.updated'), time(listing.updatedAt)],
  ].filter(Boolean);
  return h('section', { class: 'card', 'aria-labelledby': 'listing-facts', 'data-test': 'listing-facts' },
    h('h2', { id: 'listing-facts' }, t('common.details')),
    h('dl', { class: 'prop-facts' }, rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])));
}

function descriptionCard({ ctx, listing }) {
  return h('section', { class: 'card', 'aria-labelledby': 'listing-description' },
    h('h2', { id: 'listing-description' }, t('listings.field.description')),
    h('p', { class: 'small muted' }, t('listings.own_language', { language: languageName(ownLanguage(ctx)) })),
    h('p', { class: 'prop-text', lang: ownLanguage(ctx), 'data-test': 'listing-description' }, listing.description),
    h('h3', {}, t('listings.field.features')),
    listing.features.length === 0
      ? h('p', { class: 'muted' }, t('listings.no_features'))
      : h('ul', { class: 'lst-tags readonly', lang: ownLanguage(ctx) }, listing.features.map((f) => h('li', {}, f))));
}

/** Publish, reserve and close as the lifecycle allows; closing asks first because it is final. */
function statusCard({ ctx, listing, refresh }) {
  if (!ctx.can('listingsManage')) return null;
  const actions = STATUS_ACTIONS[listing.status] ?? [];
  const errors = h('div', {});
  const explain = h('p', { class: 'small muted' }, t('listings.status_help.' + listing.status));
  if (actions.length === 0) {
    return h('section', { class: 'card', 'aria-labelledby': 'listing-status' },
      h('h2', { id: 'listing-status' }, t('listings.status_title')), explain);
  }
  const buttons = actions.map((action) => h('button', {
    class: action === 'close' ? 'btn btn-danger' : action === 'publish' ? 'btn btn-primary' : 'btn',
    type: 'button', 'data-test': `listing-${action}`,
    onclick: async (event) => {
      const button = event.currentTarget;
      if (action === 'close' && !await confirmDialog(t('listings.close_confirm', { title: listing.title }),
        { confirmLabel: t('listings.action.close'), danger: true })) return;
      for (const b of buttons) b.disabled = true;
      button.setAttribute('aria-busy', 'true');
      showProblem(errors, null);
      try {
        await ctx.org.post(`/listings/${listing.id}/${action}`);
        await refresh(t('listings.done.' + action));
      } catch (error) {
        for (const b of buttons) b.disabled = false;
        button.removeAttribute('aria-busy');
        if (error.name !== 'AbortError') showProblem(errors, error);
      }
    },
  }, t(action === 'publish' && listing.status === 'reserved' ? 'listings.action.republish' : 'listings.action.' + action)));
  return h('section', { class: 'card', 'aria-labelledby': 'listing-status', 'data-test': 'listing-status' },
    h('h2', { id: 'listing-status' }, t('listings.status_title')),
    explain, errors, h('div', { class: 'lst-status-actions' }, buttons));
}

/** Where the public sees the listing, and the description generator for it. */
function linksCard({ ctx, listing }) {
  const language = ownLanguage(ctx);
  const path = portalPath(listing, language);
  const portal = listing.status === 'published'
    ? [
      h('p', {}, h('a', { href: portalURL(listing, language), target: '_blank', rel: 'noopener', 'data-test': 'listing-portal-link' },
        t('listings.portal_open'), h('span', { class: 'visually-hidden' }, ` (${t('listings.new_tab')})`))),
      h('p', { class: 'small muted' }, t('listings.portal_path'), ' ', h('code', { class: 'mono' }, path)),
    ]
    : [
      h('p', { class: 'muted' }, t('listings.portal_not_shown')),
      h('p', { class: 'small muted' }, t('listings.portal_path'), ' ', h('code', { class: 'mono' }, path)),
    ];
  return h('section', { class: 'card', 'aria-labelledby': 'listing-links' },
    h('h2', { id: 'listing-links' }, t('listings.links')),
    h('div', { class: 'lst-links' },
      h('div', {}, h('h3', {}, t('listings.portal')), portal),
      ctx.can('listingsManage')
        ? h('div', {}, h('h3', {}, t('listings.generator')),
          h('p', { class: 'small muted' }, t('listings.generator_help')),
          h('p', {}, h('a', { href: `#/generate/listing?listing=${listing.id}`, 'data-test': 'listing-generate-link' }, t('listings.generator_open'))))
        : null));
}
