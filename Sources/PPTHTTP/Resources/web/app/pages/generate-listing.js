// Listing description generator: pick a listing, the languages, tone and portal (with its character
// limits), generate a version of titles and descriptions, edit them against live counters, revise
// with feedback, publish one language to the listing (generate-listing-version.js), and browse the
// listing's earlier versions.
import { h, replace } from '../core/dom.js';
import { t, money, number, dateTime, locale } from '../core/i18n.js';
import { pageHeader, field, select, problemAlert, loading, table } from '../core/ui.js';
import {
  LANGUAGES, withCommon, languageName, languageChoice, whileGenerating, reportProblem, markPointers, pagedSelect, statusBadge,
  usageText, failureText, section, facts, ensureStyles, setQuery,
} from './generate-common.js';
import { messages as listingMessages } from './generate-listing-messages.js';
import { versionEditor } from './generate-listing-version.js';

export const messages = withCommon(listingMessages);

export const routes = [{
  path: 'generate/listing', render, permission: 'listingsManage',
  nav: { group: 'ai', label: 'generate-listing.nav', order: 21 },
}];

const TONES = ['professional', 'friendly', 'luxury', 'concise'];

async function render(ctx) {
  ensureStyles();
  const { org, signal } = ctx;
  const portals = await org.get('/ai/listing-portals', undefined, { signal });
  const state = { listing: null, versionID: ctx.query.version ?? null, version: null };

  const listingPick = pagedSelect({
    load: (cursor) => org.get('/listings', { limit: 100, cursor }, { signal }),
    option: (l) => [l.id, `${l.title} · ${l.city} · ${t('generate-listing.listing_status.' + l.status)}`],
    placeholder: t('generate-listing.choose_listing'), attrs: { name: 'listing', 'data-test': 'listing-pick' },
  });
  const pickProblem = h('div');
  const listingFacts = h('div');
  const versionSlot = h('div', { 'data-test': 'listing-version' });
  const historySlot = h('div', {}, h('p', { class: 'muted' }, t('generate-listing.pick_first')));

  // The options: also what a revision ("regenerate with feedback") asks for.
  const languages = languageChoice(t('generate-listing.languages'), LANGUAGES, { 'data-test': 'listing-languages' });
  const tone = select('tone', TONES.map((k) => [k, t('generate-listing.tone.' + k)]), 'professional', { 'data-pointer': '/tone', 'data-test': 'listing-tone' });
  const portal = select('portal', portals.map((p) => [p.key, t('generate-listing.portal_option', {
    name: p.name, title: number(p.titleMaxLength), description: number(p.descriptionMaxLength),
  })]), 'reality-portal', { 'data-pointer': '/portal', 'data-test': 'listing-portal' });
  const generate = h('button', { class: 'btn btn-primary', type: 'submit', 'data-test': 'listing-generate', disabled: true }, t('generate-listing.generate'));
  const optionsProblem = h('div');
  const progress = h('div');
  const optionsForm = h('form', { class: 'gen-options', novalidate: true },
    optionsProblem, languages.el,
    field(t('generate-listing.tone'), tone),
    field(t('generate-listing.portal'), portal, t('generate-listing.portal_hint')),
    h('div', { class: 'row' }, generate), progress);

  const options = () => ({ languages: languages.values(), tone: tone.value, portal: portal.value });

  /** Generates a version; `revision` adds `basedOn` and `feedback`. Reports problems in `slot`. */
  async function run(button, progressSlot, problemSlot, root, revision = {}) {
    if (!state.listing) return;
    reportProblem(problemSlot, root, null);
    reportProblem(optionsProblem, optionsForm, null);
    try {
      const version = await whileGenerating(button, progressSlot,
        () => org.post(`/listings/${state.listing.id}/descriptions`, { ...options(), ...revision }, { signal }));
      showVersion(version);
      await loadHistory(true);
      versionSlot.querySelector('h2')?.focus();
    } catch (error) {
      reportProblem(problemSlot, root, error);
      // Languages, tone and portal live in the options form even when a revision was asked for.
      if (root !== optionsForm && error.name !== 'AbortError') markPointers(optionsForm, error);
      if (error.name !== 'AbortError') loadHistory(true);
    }
  }
  optionsForm.addEventListener('submit', (event) => {
    event.preventDefault();
    run(generate, progress, optionsProblem, optionsForm);
  });

  async function chooseListing(id) {
    state.listing = listingPick.items.get(id) ?? null;
    setQuery('generate/listing', { listing: state.listing?.id, version: state.versionID });
    generate.disabled = !state.listing;
    replace(versionSlot);
    if (!state.listing) {
      replace(listingFacts);
      replace(historySlot, h('p', { class: 'muted' }, t('generate-listing.pick_first')));
      return;
    }
    showListing(state.listing);
    await loadHistory(true);
  }

  function showListing(listing) {
    replace(listingFacts, facts([
      [t('generate-listing.current_title'), listing.title],
      [t('common.status'), t('generate-listing.listing_status.' + listing.status)],
      [t('generate-listing.offer'), t('generate-listing.type.' + listing.type)],
      [t('generate-listing.price'), money(listing.price)],
      [t('generate-listing.size'), t('generate-listing.size_value', { size: area(listing.sizeSqm), rooms: listing.rooms })],
      [t('generate-listing.address'), `${listing.street}, ${listing.postalCode} ${listing.city}`],
    ]), h('details', {}, h('summary', {}, t('generate-listing.current_description')),
      h('p', { class: 'gen-text' }, listing.description)),
    listing.status === 'closed' ? h('p', { class: 'alert info' }, t('generate-listing.closed_note')) : null);
  }

  function showVersion(version) {
    state.version = version;
    state.versionID = version.id;
    setQuery('generate/listing', { listing: state.listing?.id, version: version.id });
    // The options follow the open version, so a revision asks for the same languages, tone and portal.
    const request = version.request ?? {};
    for (const box of languages.el.querySelectorAll('input')) box.checked = (request.languages ?? LANGUAGES).includes(box.value);
    if (request.tone) tone.value = request.tone;
    if (request.portal && portals.some((p) => p.key === request.portal)) portal.value = request.portal;
    replace(versionSlot, versionEditor(ctx, {
      listing: state.listing, version,
      regenerate: (button, progressSlot, problemSlot, root, feedback) => run(button, progressSlot, problemSlot, root, { basedOn: version.id, feedback }),
      onPublished: (publication) => {
        state.listing = publication.listing;
        listingPick.items.set(publication.listing.id, publication.listing);
        showListing(publication.listing);
        showVersion(publication.version);
        loadHistory(true);
      },
    }));
    markOpenRow();
  }

  let historyCursor = null;
  let historyRows = [];
  async function loadHistory(reset) {
    if (!state.listing) return;
    if (reset) { historyCursor = null; historyRows = []; replace(historySlot, loading()); }
    try {
      const page = await org.get(`/listings/${state.listing.id}/descriptions`, { limit: 20, cursor: historyCursor ?? undefined }, { signal });
      historyRows = historyRows.concat(page.items);
      historyCursor = page.nextCursor ?? null;
      renderHistory();
      if (reset && !versionSlot.firstChild) {
        const wanted = historyRows.find((v) => v.id === state.versionID) ?? historyRows.find((v) => v.result);
        if (wanted) showVersion(wanted);
      }
    } catch (error) {
      if (error.name !== 'AbortError') replace(historySlot, problemAlert(error));
    }
  }

  function renderHistory() {
    const more = historyCursor ? h('button', { class: 'btn', type: 'button', onclick: () => loadHistory(false) }, t('common.more')) : null;
    replace(historySlot, table([
      [t('common.created'), (v) => dateTime(v.createdAt)],
      [t('common.status'), (v) => (v.result?.publishedLanguage
        ? statusBadge('finalized', t('generate-listing.published_in', { language: languageName(v.result.publishedLanguage) }))
        : statusBadge(v.status))],
      [t('generate-listing.portal'), (v) => v.result?.portal?.name ?? v.request?.portal ?? 'Reality Portal'],
      [t('generate-listing.tone'), (v) => t('generate-listing.tone.' + (v.result?.tone ?? v.request?.tone ?? 'professional'))],
      [t('generate-listing.languages'), (v) => (v.result?.items ?? []).map((i) => i.language.toUpperCase()).join(', ') || '—'],
      [t('generate-listing.feedback_column'), (v) => (v.status === 'failed' ? h('span', { class: 'small' }, failureText(v))
        : h('span', { class: 'small' }, v.request?.feedback ?? (v.request?.basedOn ? t('generate-listing.revision') : '')))],
      [t('generate-listing.made_with'), (v) => h('span', { class: 'small' }, usageText(v.usage, v.latencyMs))],
      [t('common.actions'), (v) => (v.result ? h('button', {
        class: 'btn', type: 'button', 'data-test': 'listing-version-open', 'data-id': v.id,
        'aria-label': t('generate-listing.open_version', { date: dateTime(v.createdAt) }),
        onclick: () => { showVersion(v); versionSlot.scrollIntoView({ behavior: 'smooth', block: 'start' }); },
      }, t('generate.open')) : '')],
    ], historyRows, t('generate-listing.history_empty')), more);
    markOpenRow();
  }

  function markOpenRow() {
    for (const button of historySlot.querySelectorAll('[data-test="listing-version-open"]')) {
      const open = button.dataset.id === state.versionID;
      button.disabled = open;
      button.textContent = open ? t('generate.opened') : t('generate.open');
    }
  }

  listingPick.select.addEventListener('change', () => { state.versionID = null; chooseListing(listingPick.select.value); });

  const page = h('div', { class: 'gen-page' },
    pageHeader(t('generate-listing.title')),
    h('p', { class: 'muted' }, t('generate-listing.intro')),
    section('listing-pick-h', t('generate-listing.step_listing'),
      pickProblem,
      h('div', { class: 'filters' }, h('div', {}, field(t('generate-listing.listing'), listingPick.select), listingPick.more)),
      listingFacts),
    section('listing-options-h', t('generate-listing.step_options'), optionsForm),
    versionSlot,
    section('listing-history-h', t('generate-listing.history'), historySlot));

  try {
    await listingPick.reload();
    const wanted = ctx.query.listing;
    if (wanted && !listingPick.items.has(wanted)) listingPick.add(await org.get(`/listings/${encodeURIComponent(wanted)}`, undefined, { signal }));
    if (wanted) { listingPick.select.value = wanted; await chooseListing(wanted); }
  } catch (error) {
    reportProblem(pickProblem, null, error);
  }
  return page;
}

/** A floor area with at most one decimal (62, 71.5). */
function area(sqm) { return new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(sqm); }
