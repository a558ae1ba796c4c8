// Creating a unit (`units/new?buildingID=…`) or editing one (`units/:id/edit`): building, door
// number, type, floor, area, rooms and the share of the common parts as numerator / denominator.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pageHeader, field, select, form, toast } from '../core/ui.js';
import { allPages, failedPage, withFieldErrors } from './faults-common.js';
import { UNIT_TYPES, unitName, parseDecimal, decimalToInput, fieldProblem, requireFilled, useEstateStyles } from './buildings-common.js';

export async function renderUnitForm(ctx) {
  useEstateStyles();
  const editing = Boolean(ctx.params.id);
  let unit = null;
  let buildings;
  try {
    [unit, buildings] = await Promise.all([
      editing ? ctx.org.get(`/units/${encodeURIComponent(ctx.params.id)}`, undefined, { signal: ctx.signal }) : null,
      allPages((cursor) => ctx.org.get('/buildings', { limit: 200, cursor }, { signal: ctx.signal })),
    ]);
  } catch (error) {
    return failedPage(t('buildings.unit.edit'), error, '#/buildings', t('buildings.back'));
  }
  buildings.sort((a, b) => a.name.localeCompare(b.name));
  const buildingID = unit?.buildingID ?? ctx.query.buildingID ?? buildings[0]?.id ?? '';
  const backHref = editing ? `#/units/${encodeURIComponent(unit.id)}`
    : ctx.query.buildingID ? `#/buildings/${encodeURIComponent(ctx.query.buildingID)}` : '#/buildings';
  const title = editing ? t('buildings.unit.edit_named', { name: unitName(unit) }) : t('buildings.units.new');
  const header = pageHeader(title, h('a', { href: backHref }, t('common.back')));
  if (buildings.length === 0) return h('div', {}, header, h('p', { class: 'empty' }, t('buildings.unit.no_buildings')));

  const integerInput = (name, attrs) => h('input', { name, type: 'number', inputmode: 'numeric', step: 1, value: unit?.[name] ?? '', ...attrs });
  const denominator = integerInput('ownershipShareDenominator', { min: 1, required: true });
  if (!editing) suggestDenominator(ctx, buildingID, denominator);

  const fields = [
    h('div', { class: 'estate-two' },
      field(t('buildings.unit.field.building'), select('buildingID', buildings.map((b) => [b.id, b.name]), buildingID, { required: true })),
      field(t('buildings.unit.field.number'), h('input', { name: 'number', required: true, maxlength: 20, autocomplete: 'off', value: unit?.number ?? '' }),
        t('buildings.unit.field.number_hint'))),
    h('div', { class: 'estate-two' },
      field(t('buildings.unit.field.type'), select('type', UNIT_TYPES.map((type) => [type, t('buildings.unit.type.' + type)]), unit?.type ?? 'flat')),
      field(t('buildings.unit.field.floor'), integerInput('floor', { min: -10, max: 200, required: true }), t('buildings.unit.field.floor_hint'))),
    h('div', { class: 'estate-two' },
      field(t('buildings.unit.field.size'), h('input', {
        name: 'sizeSqm', inputmode: 'decimal', required: true, autocomplete: 'off',
        value: unit ? decimalToInput(unit.sizeSqm) : '',
      }), t('buildings.unit.field.size_hint')),
      field(t('buildings.unit.field.rooms'), integerInput('rooms', { min: 0, max: 100, required: true }))),
    h('fieldset', { class: 'field' },
      h('legend', {}, t('buildings.unit.field.share')),
      h('p', { class: 'small muted', style: { marginTop: 0 }, id: 'unit-share-hint' }, t('buildings.unit.field.share_hint')),
      h('div', { class: 'estate-two' },
        field(t('buildings.unit.field.share_numerator'), integerInput('ownershipShareNumerator', { min: 0, required: true, 'aria-describedby': 'unit-share-hint' })),
        field(t('buildings.unit.field.share_denominator'), denominator))),
  ];

  const el = form(fields, withFieldErrors(async (data) => {
    const body = readUnit(data);
    let saved;
    try {
      saved = editing
        ? await ctx.org.put(`/units/${encodeURIComponent(unit.id)}`, body)
        : await ctx.org.post('/units', body);
    } catch (error) {
      // The API explains a taken number in English under the field; say it in the reader's language.
      if (error.code === 'unit.number_taken') error.errors = [{ pointer: '/number', detail: t('buildings.unit.number_used') }];
      throw error;
    }
    toast(t(editing ? 'buildings.unit.saved' : 'buildings.unit.created', { name: unitName(saved) }));
    ctx.navigate(`units/${saved.id}`);
  }), { submitLabel: t(editing ? 'common.save' : 'buildings.unit.create'), extra: [h('a', { class: 'btn', href: backHref }, t('common.cancel'))] });
  el.classList.add('estate-form');
  el.setAttribute('data-test', 'unit-form');
  el.setAttribute('aria-label', title);
  return h('div', {}, header, h('div', { class: 'card' }, el));
}

/** The UnitInput from the form, or a validation problem naming every field outside the API's ranges (UnitInput.validate). */
function readUnit(data) {
  const integers = ['floor', 'rooms', 'ownershipShareNumerator', 'ownershipShareDenominator'];
  requireFilled(data, ['number', 'sizeSqm', ...integers]);
  const wrong = [];
  const value = {};
  for (const name of integers) {
    if (/^-?\d+$/.test(data[name].trim())) value[name] = Number(data[name]);
    else wrong.push(['/' + name, t('buildings.unit.whole_number')]);
  }
  const size = parseDecimal(data.sizeSqm);
  if (Number.isNaN(size) || size <= 0 || size >= 100000) wrong.push(['/sizeSqm', t('buildings.unit.size_invalid')]);
  const outside = (name, min, max) => name in value && (value[name] < min || value[name] > max);
  if (outside('floor', -10, 200)) wrong.push(['/floor', t('buildings.unit.floor_range')]);
  if (outside('rooms', 0, 100)) wrong.push(['/rooms', t('buildings.unit.rooms_range')]);
  if (outside('ownershipShareDenominator', 1, Number.MAX_SAFE_INTEGER)) wrong.push(['/ownershipShareDenominator', t('buildings.unit.denominator_range')]);
  else if (outside('ownershipShareNumerator', 0, value.ownershipShareDenominator ?? Number.MAX_SAFE_INTEGER)) {
    wrong.push(['/ownershipShareNumerator', t('buildings.unit.numerator_range')]);
  }
  if (wrong.length) throw fieldProblem(wrong);
  return { buildingID: data.buildingID, number: data.number.trim(), type: data.type, sizeSqm: size, ...value };
}

/** Prefills the denominator most units of the building already use: a building shares one denominator. */
async function suggestDenominator(ctx, buildingID, input) {
  if (!buildingID) return;
  try {
    const units = await allPages((cursor) => ctx.org.get('/units', { buildingID, limit: 200, cursor }, { signal: ctx.signal }), 5);
    const counts = new Map();
    for (const u of units) counts.set(u.ownershipShareDenominator, (counts.get(u.ownershipShareDenominator) ?? 0) + 1);
    const [common] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
    if (common && !input.value) input.value = String(common);
  } catch {
    // Only a convenience: the person types the denominator themselves.
  }
}
