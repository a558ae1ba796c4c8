// Creating a building (`buildings/new`) or editing one (`buildings/:id/edit`): name, address,
// country and year of construction, with the API's field problems under the inputs.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pageHeader, field, select, form, toast } from '../core/ui.js';
import { failedPage, withFieldErrors } from './faults-common.js';
import { countryName, fieldProblem, requireFilled, useEstateStyles } from './buildings-common.js';

/** The countries offered first; a building elsewhere keeps its own code. Lease drafting knows SK and CZ law. */
const COUNTRIES = ['SK', 'CZ', 'AT', 'DE', 'HU', 'PL', 'UA'];

export async function renderBuildingForm(ctx) {
  useEstateStyles();
  const editing = Boolean(ctx.params.id);
  let building = null;
  if (editing) {
    try {
      building = await ctx.org.get(`/buildings/${encodeURIComponent(ctx.params.id)}`, undefined, { signal: ctx.signal });
    } catch (error) {
      return failedPage(t('buildings.edit'), error, '#/buildings', t('buildings.back'));
    }
  }
  const backHref = editing ? `#/buildings/${encodeURIComponent(building.id)}` : '#/buildings';
  const title = editing ? t('buildings.edit_named', { name: building.name }) : t('buildings.new');

  const country = building?.country ?? ctx.membership?.organization?.country ?? 'SK';
  const countries = COUNTRIES.includes(country) ? COUNTRIES : [country, ...COUNTRIES];
  const input = (name, attrs = {}) => h('input', { name, value: building?.[name] ?? '', ...attrs });
  const fields = [
    field(t('buildings.field.name'), input('name', { required: true, maxlength: 200, autocomplete: 'off' }), t('buildings.field.name_hint')),
    field(t('buildings.field.street'), input('street', { required: true, maxlength: 200, autocomplete: 'address-line1' })),
    h('div', { class: 'estate-two' },
      field(t('buildings.field.postal_code'), input('postalCode', { required: true, maxlength: 20, autocomplete: 'postal-code' })),
      field(t('buildings.field.city'), input('city', { required: true, maxlength: 100, autocomplete: 'address-level2' }))),
    h('div', { class: 'estate-two' },
      field(t('buildings.field.country'), select('country', countries.map((c) => [c, countryName(c)]), country, { required: true })),
      field(t('buildings.field.year_built'),
        input('yearBuilt', { type: 'number', min: 1000, max: 2100, step: 1, inputmode: 'numeric', value: building?.yearBuilt ?? '' }),
        t('buildings.field.year_built_hint'))),
  ];

  const el = form(fields, withFieldErrors(async (data) => {
    requireFilled(data, ['name', 'street', 'postalCode', 'city']);
    const year = data.yearBuilt.trim();
    if (year && (!/^\d{4}$/.test(year) || Number(year) > 2100)) throw fieldProblem([['/yearBuilt', t('buildings.field.year_invalid')]]);
    const body = {
      name: data.name.trim(), street: data.street.trim(), city: data.city.trim(),
      postalCode: data.postalCode.trim(), country: data.country, yearBuilt: year ? Number(year) : null,
    };
    const saved = editing
      ? await ctx.org.put(`/buildings/${encodeURIComponent(building.id)}`, body)
      : await ctx.org.post('/buildings', body);
    toast(t(editing ? 'buildings.saved' : 'buildings.created', { name: saved.name }));
    ctx.navigate(`buildings/${saved.id}`);
  }), { submitLabel: t(editing ? 'common.save' : 'buildings.create'), extra: [h('a', { class: 'btn', href: backHref }, t('common.cancel'))] });
  el.classList.add('estate-form');
  el.setAttribute('data-test', 'building-form');
  el.setAttribute('aria-label', title);
  return h('div', {}, pageHeader(title, h('a', { href: backHref }, t('common.back'))), h('div', { class: 'card' }, el));
}
