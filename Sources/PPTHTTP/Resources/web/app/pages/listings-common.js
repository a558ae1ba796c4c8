// What the listing pages share: statuses and their badges, prices and areas as people read them,
// the Reality Portal address, photos downloaded into object URLs (revoked when the page is left),
// forms whose problems name fields by their labels in the reader's language, and the few styles
// the shared stylesheet lacks.
import { h, replace } from '../core/dom.js';
import { t, money, locale } from '../core/i18n.js';
import { blob } from '../core/api.js';
import { problemText } from '../core/ui.js';
import { showFieldErrors, clearFieldErrors } from './faults-common.js';

export const LISTING_STATUSES = ['draft', 'published', 'reserved', 'closed'];
export const LISTING_TYPES = ['sale', 'rent'];
export const CURRENCIES = ['EUR', 'CZK'];
/** ListingPhoto.maximumPerListing in the API. */
export const MAX_PHOTOS = 20;

const STATUS_TONE = { draft: '', published: 'ok', reserved: 'warn', closed: 'danger' };

export function listingStatusBadge(status) {
  return h('span', { class: `badge ${STATUS_TONE[status] ?? ''}`, 'data-status': status }, t('listings.status.' + status));
}

/** The price as the portal shows it: rentals per month. */
export function listingPrice(listing) {
  const amount = money(listing.price);
  return listing.type === 'rent' ? t('listings.per_month', { amount }) : amount;
}

/** A floor area with at most two decimals ("71,5 m²"). */
export function listingArea(sqm) {
  return t('listings.area', { size: new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(sqm) });
}

/** A country code as a name in the reader's language ("SK" → "Slovensko"). */
export function countryName(code) {
  try {
    return new Intl.DisplayNames([locale()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "Cottbuská 36, 040 23 Košice, Slovensko". */
export function listingAddress(listing) {
  return `${listing.street}, ${listing.postalCode} ${listing.city}, ${countryName(listing.country)}`;
}

/** The listing's own language: its organization's (the API keeps further languages as texts). */
export function ownLanguage(ctx) {
  return ctx.membership?.organization?.defaultLocale ?? 'sk';
}

/** The path of the listing's public page on the Reality Portal. */
export function portalPath(listing, language) {
  return `/${language}/listings/${listing.id}`;
}

/**
 * The public page's address. The API does not tell where the portal runs; by default it listens
 * on the API's port + 1 on the same host, so the address is built from this page's location.
 */
export function portalURL(listing, language) {
  const port = Number(location.port || (location.protocol === 'https:' ? 443 : 80)) + 1;
  return `${location.protocol}//${location.hostname}:${port}${portalPath(listing, language)}`;
}

/**
 * Object URLs of listing photos for one page visit: each photo is downloaded once (with the bearer
 * token, which an <img src> cannot send) and every URL is revoked when the person leaves.
 */
export function photoStore(ctx) {
  const urls = new Map();
  ctx.signal.addEventListener('abort', async () => {
    for (const pending of urls.values()) {
      try { URL.revokeObjectURL(await pending); } catch { /* never loaded */ }
    }
    urls.clear();
  });
  return {
    url(listingID, photoID) {
      if (!urls.has(photoID)) {
        const pending = blob(ctx.org.path(`/listings/${listingID}/photos/${photoID}/content`), { signal: ctx.signal })
          .then((data) => URL.createObjectURL(data));
        pending.catch(() => urls.delete(photoID));
        urls.set(photoID, pending);
      }
      return urls.get(photoID);
    },
    async forget(photoID) {
      const pending = urls.get(photoID);
      urls.delete(photoID);
      try { if (pending) URL.revokeObjectURL(await pending); } catch { /* never loaded */ }
    },
  };
}

/** An <img> that fills `holder` once the photo's object URL is ready (a note if it fails). */
export function fillPhoto(holder, store, listingID, photo, alt = photo.alt) {
  store.url(listingID, photo.id).then((src) => {
    replace(holder, h('img', { src, alt, width: photo.width, height: photo.height, decoding: 'async' }));
  }, (error) => {
    if (error.name === 'AbortError') return;
    replace(holder, h('span', { class: 'small muted' }, t('listings.photo_failed')));
  });
}

/**
 * The field errors of `error` with the API's English details replaced by our own message for the
 * field, where we have one (`messages` maps a pointer's first segment to a message key).
 */
function translateFieldErrors(error, messages) {
  if (!error?.errors?.length) return error;
  for (const e of error.errors) {
    const name = String(e.pointer ?? '').replace(/^\//, '').split('/')[0];
    if (messages[name]) e.detail = t(messages[name]);
  }
  return error;
}

/**
 * A form like core/ui.js `form`, but its problem summary names each field by its label (a button
 * that moves to the field) instead of the API's JSON pointer, and each field's problem is written
 * under it. `fieldMessages` replace the API's English details (see translateFieldErrors).
 */
export function listingForm(children, onSubmit, { submitLabel, extra = [], fieldMessages = {}, submitAttrs = {} }) {
  const errors = h('div', { tabindex: '-1' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', ...submitAttrs }, submitLabel);
  const el = h('form', { class: 'form', novalidate: true }, errors, children, h('div', { class: 'row' }, submit, extra));
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    replace(errors);
    clearFieldErrors(el);
    try {
      await onSubmit(Object.fromEntries(new FormData(el)), el);
    } catch (error) {
      if (error.name === 'AbortError') return;
      translateFieldErrors(error, fieldMessages);
      showFieldErrors(el, error);
      replace(errors, errorSummary(el, error));
      errors.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return el;
}

function errorSummary(form, error) {
  const items = (error.errors ?? []).map((e) => {
    const name = String(e.pointer ?? '').replace(/^\//, '').split('/')[0];
    const input = name ? form.querySelector(`[name="${CSS.escape(name)}"]`) : null;
    const label = input?.id ? form.querySelector(`label[for="${CSS.escape(input.id)}"]`)?.textContent : null;
    return h('li', {}, input
      ? h('button', { class: 'btn btn-link', type: 'button', onclick: () => input.focus() }, label ?? name)
      : (e.pointer ?? ''), ': ', e.detail);
  });
  return h('div', { class: 'alert error', role: 'alert' },
    h('strong', {}, problemText(error)),
    items.length ? h('ul', {}, items) : null,
    error.requestId ? h('div', { class: 'small muted' }, t('problem.request_id', { id: error.requestId })) : null);
}

let styled = false;
/** Adopts the listing pages' styles once (the CSP refuses inline <style>). */
export function useListingStyles() {
  if (styled) return;
  styled = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
    .lst-thumb { width: 72px; height: 54px; border-radius: 6px; overflow: hidden; background: var(--bg); border: 1px solid var(--border); display: grid; place-items: center; flex: none; }
    .lst-thumb img { width: 100%; height: 100%; object-fit: cover; display: block; }
    .lst-thumb .small { font-size: .7rem; text-align: center; padding: 0 .2rem; }
    .lst-title { display: flex; gap: .75rem; align-items: center; min-width: 14rem; }
    .lst-title a { font-weight: 600; overflow-wrap: anywhere; }
    .lst-nowrap { white-space: nowrap; }
    .lst-tags { display: flex; flex-wrap: wrap; gap: .35rem; list-style: none; margin: 0; padding: 0; }
    .lst-tags li { display: inline-flex; align-items: center; gap: .25rem; background: var(--primary-soft); color: var(--primary-dark); border-radius: 999px; padding: .1rem .3rem .1rem .65rem; font-size: .85rem; }
    .lst-tags.readonly li { padding-right: .65rem; }
    .lst-tags button { border: none; background: none; color: inherit; cursor: pointer; font: inherit; line-height: 1; padding: .2rem .35rem; border-radius: 999px; min-height: 0; }
    .lst-tags button:hover { background: rgba(0, 0, 0, .08); }
    .lst-tag-entry { display: flex; gap: .5rem; }
    .lst-tag-entry input { flex: 1; min-width: 0; }
    .lst-pair { display: grid; gap: .85rem 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 220px), 1fr)); align-items: start; }
    .lst-price { display: grid; grid-template-columns: 1fr 7rem; gap: .5rem; }
    .lst-photos { list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); }
    .lst-photo { border: 1px solid var(--border); border-radius: var(--radius); overflow: hidden; background: var(--surface); display: flex; flex-direction: column; }
    .lst-photo.cover { border-color: var(--primary); box-shadow: 0 0 0 1px var(--primary); }
    .lst-photo-view { display: grid; place-items: center; aspect-ratio: 4 / 3; background: var(--bg); border: none; padding: 0; cursor: zoom-in; width: 100%; position: relative; overflow: hidden; }
    .lst-photo-img { position: absolute; inset: 0; display: grid; place-items: center; }
    .lst-photo-view img { width: 100%; height: 100%; object-fit: cover; display: block; }
    .lst-photo-view .badge { position: absolute; z-index: 1; top: .4rem; left: .4rem; }
    .lst-photo-body { padding: .5rem .6rem; display: flex; flex-direction: column; gap: .35rem; flex: 1; }
    .lst-photo-body p { margin: 0; overflow-wrap: anywhere; }
    .lst-photo-body .row { justify-content: space-between; margin-top: auto; }
    .lst-photo-full { max-width: 100%; max-height: 70vh; display: block; margin: 0 auto; }
    .lst-upload { margin-top: 1.25rem; padding-top: 1rem; border-top: 1px solid var(--border); }
    .lst-pending { list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; }
    .lst-pending > li { display: grid; grid-template-columns: 96px 1fr; gap: .75rem; align-items: start; border: 1px solid var(--border); border-radius: var(--radius); padding: .6rem; }
    .lst-pending .lst-thumb { width: 96px; height: 72px; }
    .lst-pending .state { margin: 0; }
    .lst-pending .state:empty { display: none; }
    .lst-pending .state.error { color: var(--danger); }
    .lst-pending .state.ok { color: var(--ok); }
    .lst-texts { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); align-items: start; }
    .lst-text { border: 1px solid var(--border); border-radius: var(--radius); padding: .75rem; }
    .lst-text h3 { margin-bottom: .25rem; }
    .lst-text > p.small { margin: 0 0 .5rem; }
    .lst-text form.form { max-width: none; }
    .lst-links { display: grid; gap: .75rem; }
    .lst-links p { margin: 0; overflow-wrap: anywhere; }
    .lst-inquiries { list-style: none; margin: 0; padding: 0; }
    .lst-inquiries > li { padding: .75rem 0; border-bottom: 1px solid var(--border); }
    .lst-inquiries > li:last-child { border-bottom: none; }
    .lst-inquiries .who { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: baseline; }
    .lst-inquiries .message { white-space: pre-wrap; overflow-wrap: anywhere; margin: .35rem 0 0; }
    .lst-status-actions { display: flex; gap: .5rem; flex-wrap: wrap; }
    .lst-upload form.form { grid-template-columns: minmax(0, 1fr); }
    .lst-upload input[type=file] { max-width: 100%; min-width: 0; }
    .lst-pending > li > * { min-width: 0; }
    /* On a phone each listing row becomes a small card: the title across, the facts two by two. */
    @media (max-width: 600px) {
      table.lst-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      table.lst-table, table.lst-table tbody { display: block; }
      table.lst-table tr { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .4rem .75rem; padding: .75rem .5rem; border-bottom: 1px solid var(--border); }
      table.lst-table td { display: block; border: none; padding: 0; }
      table.lst-table td:first-child { grid-column: 1 / -1; }
      table.lst-table td[data-label]::before { content: attr(data-label); display: block; font-size: .75rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
      .lst-title { min-width: 0; }
    }
    @media (max-width: 520px) {
      .lst-pending > li { grid-template-columns: 1fr; }
      .lst-price { grid-template-columns: 1fr 6rem; }
      .lst-photos { grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); }
    }
  `);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
