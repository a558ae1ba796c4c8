// Creating and editing a listing: every field of the API's ListingInput (offer type, texts, price
// and currency, size, rooms, address, country, features as tags, an optional unit), checked here
// first so every problem is marked at once, with the API's field errors under their inputs.
import { h, replace } from '../core/dom.js';
import { t, locale } from '../core/i18n.js';
import { Problem } from '../core/api.js';
import { pageHeader, field, select, toast } from '../core/ui.js';
import { allPages, failedPage } from './faults-common.js';
import { LISTING_TYPES, CURRENCIES, countryName, ownLanguage, listingForm, useListingStyles } from './listings-common.js';
import { languageName } from './generate-common.js';

// The countries offered first; a listing elsewhere keeps its own code (see countryOptions).
const COUNTRIES = ['SK', 'CZ', 'AT', 'DE', 'HU', 'PL', 'UA'];
const MAX_FEATURES = 50;
const MAX_FEATURE_LENGTH = 100;

/** Our message for each field the API checks (ListingInput.validate), by the pointer's first segment. */
const FIELD_MESSAGES = {
  title: 'listings.error.title', description: 'listings.error.description', price: 'listings.error.price',
  sizeSqm: 'listings.error.size', rooms: 'listings.error.rooms', street: 'listings.error.street',
  city: 'listings.error.city', postalCode: 'listings.error.postal_code', country: 'listings.error.country',
  features: 'listings.error.features', unitID: 'listings.error.unit', type: 'listings.error.type',
};

export async function renderListingForm(ctx) {
  useListingStyles();
  const editing = Boolean(ctx.params.id);
  const back = editing ? `#/listings/${encodeURIComponent(ctx.params.id)}` : '#/listings';
  const backLabel = editing ? t('listings.back_to_listing') : t('listings.back');
  const heading = editing ? t('listings.edit') : t('listings.new');
  let listing = null;
  let places;
  try {
    [listing, places] = await Promise.all([
      editing ? ctx.org.get(`/listings/${encodeURIComponent(ctx.params.id)}`, undefined, { signal: ctx.signal }) : null,
      loadUnits(ctx),
    ]);
  } catch (error) {
    return failedPage(heading, error, back, backLabel);
  }
  const header = pageHeader(editing ? t('listings.edit_named', { title: listing.title }) : heading, h('a', { href: back }, backLabel));
  if (listing?.status === 'closed') {
    return h('div', {}, header, h('div', { class: 'alert info', role: 'status' }, t('listings.closed_no_edit')));
  }

  const organization = ctx.membership.organization;
  const value = listing ?? {
    type: 'sale', title: '', description: '', price: { amountMinor: '', currency: CURRENCIES.includes(organization.currency) ? organization.currency : 'EUR' },
    sizeSqm: '', rooms: '', street: '', city: '', postalCode: '', country: organization.country ?? 'SK', features: [], unitID: null,
  };
  const language = languageName(ownLanguage(ctx));

  const type = select('type', LISTING_TYPES.map((k) => [k, t('listings.type.' + k)]), value.type, { required: true });
  const title = h('input', { name: 'title', required: true, maxlength: 200, autocomplete: 'off', value: value.title });
  const description = h('textarea', { name: 'description', required: true, maxlength: 20000, rows: 8 });
  description.value = value.description;
  // Text inputs rather than type=number: people write "189 000,50" or "189000.50", and a number
  // input refuses whichever separator the browser's own language does not use.
  const amount = h('input', {
    name: 'price', inputmode: 'decimal', required: true, autocomplete: 'off',
    value: value.price.amountMinor === '' ? '' : formatDecimal(Number(value.price.amountMinor) / 100, 2, Number(value.price.amountMinor) % 100 ? 2 : 0),
  });
  const currency = select('currency', CURRENCIES.map((c) => [c, c]), value.price.currency, { 'aria-label': t('listings.field.currency') });
  const size = h('input', { name: 'sizeSqm', inputmode: 'decimal', required: true, autocomplete: 'off', value: value.sizeSqm === '' ? '' : formatDecimal(value.sizeSqm, 2) });
  const rooms = h('input', { name: 'rooms', type: 'number', inputmode: 'numeric', min: '0', max: '100', step: '1', required: true, value: value.rooms });
  const street = h('input', { name: 'street', required: true, maxlength: 200, autocomplete: 'street-address', value: value.street });
  const postalCode = h('input', { name: 'postalCode', required: true, maxlength: 20, autocomplete: 'postal-code', value: value.postalCode });
  const city = h('input', { name: 'city', required: true, maxlength: 100, autocomplete: 'address-level2', value: value.city });
  const country = select('country', countryOptions(value.country), value.country, { required: true });
  const unit = unitSelect(places, value.unitID);
  const unitShown = places.units.length > 0;
  const features = featureEditor(value.features);

  const priceField = field(t('listings.field.price'), amount, type.value === 'rent' ? t('listings.field.price_hint_rent') : t('listings.field.price_hint_sale'));
  // The amount and its currency share one row under the label, which names the amount input.
  const priceRow = h('div', { class: 'lst-price' });
  amount.replaceWith(priceRow);
  priceRow.append(amount, currency);
  type.addEventListener('change', () => {
    priceField.querySelector('.hint').textContent = type.value === 'rent' ? t('listings.field.price_hint_rent') : t('listings.field.price_hint_sale');
  });

  const fields = [
    field(t('listings.field.type'), type),
    field(t('listings.field.title'), title, t('listings.field.title_hint', { language })),
    field(t('listings.field.description'), description, t('listings.field.description_hint', { language })),
    priceField,
    h('div', { class: 'lst-pair' },
      field(t('listings.field.size'), size, t('listings.field.size_hint')),
      field(t('listings.field.rooms'), rooms, t('listings.field.rooms_hint'))),
    field(t('listings.field.street'), street),
    h('div', { class: 'lst-pair' }, field(t('listings.field.postal_code'), postalCode), field(t('listings.field.city'), city)),
    field(t('listings.field.country'), country),
    features.element,
    unitShown ? field(t('listings.field.unit'), unit, t('listings.field.unit_hint')) : null,
  ];

  const el = listingForm(fields, async (data) => {
    const price = parseDecimal(data.price);
    const input = {
      // Without the unit list (no unitsRead) the listing keeps the unit it has.
      unitID: unitShown ? data.unitID || null : value.unitID ?? null,
      type: data.type,
      title: data.title.trim(),
      description: data.description.trim(),
      price: { amountMinor: Math.round(price * 100), currency: data.currency },
      sizeSqm: parseDecimal(data.sizeSqm),
      rooms: Number(data.rooms),
      street: data.street.trim(),
      city: data.city.trim(),
      postalCode: data.postalCode.trim(),
      country: data.country,
      features: features.values(),
    };
    check(input, data, features);
    const saved = editing
      ? await ctx.org.put(`/listings/${listing.id}`, input)
      : await ctx.org.post('/listings', input);
    toast(editing ? t('listings.saved') : t('listings.created'));
    ctx.navigate(`listings/${saved.id}`);
  }, {
    submitLabel: editing ? t('common.save') : t('listings.create'), fieldMessages: FIELD_MESSAGES,
    submitAttrs: { 'data-test': 'listing-save' }, extra: [h('a', { class: 'btn', href: back }, t('common.cancel'))],
  });
  el.setAttribute('data-test', 'listing-form');
  el.setAttribute('aria-label', heading);
  if (!editing) el.prepend(h('p', { class: 'muted' }, t('listings.new_intro')));
  return h('div', {}, header, h('div', { class: 'card' }, el));
}

/** Throws one validation problem naming every field the API would refuse (mirrors ListingInput.validate). */
function check(input, data, features) {
  const problems = [];
  const need = (ok, name) => { if (!ok) problems.push({ pointer: '/' + name, detail: t(FIELD_MESSAGES[name]) }); };
  need(input.title.length > 0, 'title');
  need(input.description.length > 0, 'description');
  need(input.price.amountMinor > 0 && input.price.amountMinor <= 1e13, 'price');
  need(input.sizeSqm > 0 && input.sizeSqm < 100000, 'sizeSqm');
  need(String(data.rooms).trim() !== '' && Number.isInteger(input.rooms) && input.rooms >= 0 && input.rooms <= 100, 'rooms');
  need(input.street.length > 0, 'street');
  need(input.postalCode.length > 0, 'postalCode');
  need(input.city.length > 0, 'city');
  need(/^[A-Za-z]{2}$/.test(input.country), 'country');
  need(features.values().length <= MAX_FEATURES, 'features');
  if (problems.length > 0) throw new Problem(422, { code: 'validation.failed', errors: problems });
}

/**
 * A decimal as people type it in any of our languages: spaces group thousands; the last comma or
 * dot is the decimal separator, unless only one kind is used and it groups thousands ("189,000",
 * "1.250.000": prices have at most two decimals). NaN for anything else.
 */
function parseDecimal(text) {
  const compact = String(text ?? '').replace(/[\s\u00a0\u202f']/g, '');
  const separators = compact.match(/[.,]/g) ?? [];
  const last = Math.max(compact.lastIndexOf(','), compact.lastIndexOf('.'));
  const grouping = new Set(separators).size === 1 && (separators.length > 1 || compact.length - last - 1 === 3);
  const normal = separators.length === 0 || grouping
    ? compact.replace(/[.,]/g, '')
    : compact.slice(0, last).replace(/[.,]/g, '') + '.' + compact.slice(last + 1);
  return /^\d+(\.\d+)?$/.test(normal) ? Number(normal) : NaN;
}

/** A number with the reader's decimal separator and no grouping, as the inputs show it. */
function formatDecimal(value, maximumFractionDigits, minimumFractionDigits = 0) {
  return new Intl.NumberFormat(locale(), { useGrouping: false, maximumFractionDigits, minimumFractionDigits }).format(value);
}

/** The country choices, named in the reader's language, with the listing's own code kept. */
function countryOptions(current) {
  const codes = COUNTRIES.includes(current) || !current ? COUNTRIES : [...COUNTRIES, current];
  return codes.map((code) => [code, countryName(code)]).sort((a, b) => a[1].localeCompare(b[1]));
}

/** The organization's buildings and units; a realtor may read them (unitsRead). */
async function loadUnits(ctx) {
  if (!ctx.can('unitsRead')) return { buildings: new Map(), units: [] };
  const [buildings, units] = await Promise.all([
    allPages((cursor) => ctx.org.get('/buildings', { limit: 200, cursor }, { signal: ctx.signal })),
    allPages((cursor) => ctx.org.get('/units', { limit: 200, cursor }, { signal: ctx.signal })),
  ]);
  return { buildings: new Map(buildings.map((b) => [b.id, b])), units };
}

/** A <select> of units grouped by building, with "no unit" first. */
function unitSelect(places, current) {
  const byBuilding = new Map();
  for (const u of places.units) {
    if (!byBuilding.has(u.buildingID)) byBuilding.set(u.buildingID, []);
    byBuilding.get(u.buildingID).push(u);
  }
  const groups = [...byBuilding].map(([id, units]) => [places.buildings.get(id)?.name ?? t('listings.other_building'), units])
    .sort((a, b) => a[0].localeCompare(b[0]));
  const known = !current || places.units.some((u) => u.id === current);
  return h('select', { name: 'unitID' },
    h('option', { value: '' }, t('listings.no_unit')),
    known ? null : h('option', { value: current, selected: true }, t('listings.unit_unknown')),
    groups.map(([name, units]) => h('optgroup', { label: name },
      units.sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }))
        .map((u) => h('option', { value: u.id, selected: u.id === current }, t('listings.unit_n', { n: u.number }))))));
}

/**
 * Features as removable tags with an input that adds one on Enter or with its button. The input
 * carries `name="features"` so the API's `/features` errors land on it; the list is sent from `values()`.
 */
function featureEditor(initial) {
  const items = [...initial];
  const list = h('ul', { class: 'lst-tags', 'aria-label': t('listings.field.features'), 'data-test': 'listing-features' });
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const input = h('input', { name: 'features', maxlength: MAX_FEATURE_LENGTH, autocomplete: 'off' });
  const add = h('button', { class: 'btn', type: 'button' }, t('listings.feature_add'));

  function render() {
    replace(list, items.map((item, i) => h('li', {}, item, h('button', {
      type: 'button', 'aria-label': t('listings.feature_remove', { name: item }), title: t('listings.feature_remove', { name: item }),
      onclick: () => {
        items.splice(i, 1);
        render();
        status.textContent = t('listings.feature_removed', { name: item });
        input.focus();
      },
    }, '×'))));
    list.hidden = items.length === 0;
  }

  function addCurrent() {
    const text = input.value.trim();
    if (!text) return;
    if (items.length >= MAX_FEATURES) { status.textContent = t('listings.error.features'); return; }
    if (!items.some((item) => item.toLocaleLowerCase() === text.toLocaleLowerCase())) items.push(text);
    input.value = '';
    render();
    status.textContent = t('listings.feature_added', { name: text });
  }

  input.addEventListener('keydown', (e) => {
    // Enter adds the feature instead of submitting the whole form.
    if (e.key === 'Enter') { e.preventDefault(); addCurrent(); }
  });
  add.addEventListener('click', addCurrent);
  render();
  const wrapper = field(t('listings.field.features'), input, t('listings.field.features_hint'));
  const entry = h('div', { class: 'lst-tag-entry' });
  input.replaceWith(entry);
  entry.append(input, add);
  wrapper.append(list, status);
  return {
    element: wrapper,
    // What is still typed in the box counts too: people often forget to press Enter.
    values: () => {
      const pending = input.value.trim();
      const all = pending && !items.some((i) => i.toLocaleLowerCase() === pending.toLocaleLowerCase()) ? [...items, pending] : items;
      return [...all];
    },
  };
}
