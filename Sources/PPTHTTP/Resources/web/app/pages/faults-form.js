// Reporting a fault: title, description, category, priority, building and unit, and photos that are
// uploaded as documents first and then attached to the new fault by id.
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pageHeader, field, select, form, toast } from '../core/ui.js';
import { FAULT_CATEGORIES, FAULT_PRIORITIES, allPages, requireFilled, useStyles, withFieldErrors } from './faults-common.js';
import { photoPicker, checkPhotos, uploadPhotos } from './faults-photos.js';

/** Units of one building, numbered as people say them. */
async function unitsOf(ctx, buildingID) {
  const units = await allPages((cursor) => ctx.org.get('/units', { buildingID, limit: 200, cursor }, { signal: ctx.signal }));
  return units.sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }));
}

export async function renderFaultForm(ctx) {
  useStyles();
  const buildings = (await allPages((cursor) => ctx.org.get('/buildings', { limit: 200, cursor }, { signal: ctx.signal })))
    .sort((a, b) => a.name.localeCompare(b.name));
  const header = pageHeader(t('faults.new'), h('a', { href: '#/faults' }, t('faults.back')));
  if (buildings.length === 0) return h('div', {}, header, h('p', { class: 'empty' }, t('faults.no_buildings')));

  const title = h('input', { name: 'title', required: true, maxlength: 200, autocomplete: 'off' });
  const description = h('textarea', { name: 'description', required: true, maxlength: 10000, rows: 5 });
  const category = select('category', [['', t('faults.choose')], ...FAULT_CATEGORIES.map((c) => [c, t('faults.category.' + c)])], '', { required: true });
  const priority = select('priority', FAULT_PRIORITIES.map((p) => [p, t('faults.priority.' + p)]), 'medium');
  const building = select('buildingID', buildings.map((b) => [b.id, b.name]), buildings[0].id, { required: true });
  const unit = h('select', { name: 'unitID' });
  const unitField = field(t('faults.field.unit'), unit, t('faults.field.unit_hint'));
  const canUpload = ctx.can('documentsUpload');
  const picker = canUpload ? photoPicker() : null;

  async function fillUnits() {
    unit.disabled = true;
    try {
      const units = await unitsOf(ctx, building.value);
      replace(unit, h('option', { value: '' }, t('faults.common_area')),
        units.map((u) => h('option', { value: u.id }, t('faults.unit_n', { n: u.number }))));
      // A resident with one home almost always reports about it; staff start from the common areas.
      if (!ctx.can('faultsReadAll') && units.length === 1) {
        unit.value = units[0].id;
      }
    } catch (error) {
      if (error.name === 'AbortError') return;
      replace(unit, h('option', { value: '' }, t('faults.common_area')));
    } finally {
      unit.disabled = false;
    }
  }
  building.addEventListener('change', fillUnits);
  await fillUnits();

  const fields = [
    field(t('faults.field.title'), title, t('faults.field.title_hint')),
    field(t('faults.field.description'), description, t('faults.field.description_hint')),
    h('div', { class: 'prop-two' },
      field(t('faults.field.category'), category),
      field(t('faults.field.priority'), priority)),
    h('div', { class: 'prop-two' },
      buildings.length > 1 ? field(t('faults.field.building'), building)
        : h('div', { class: 'field' }, h('span', { class: 'label' }, t('faults.field.building')), h('span', {}, buildings[0].name), building),
      unitField),
    picker ? picker.element : h('p', { class: 'small muted' }, t('faults.photos.not_allowed')),
  ];
  if (buildings.length === 1) building.hidden = true;

  const el = form(fields, withFieldErrors(async (data) => {
    requireFilled(data, ['title', 'description', 'category']);
    let photoDocumentIDs = [];
    if (picker) {
      const files = picker.files();
      const problem = checkPhotos(files);
      if (problem) {
        picker.input.setAttribute('aria-invalid', 'true');
        throw new Error(problem);
      }
      photoDocumentIDs = await uploadPhotos(ctx, picker, files, data.title.trim() || t('faults.new'));
    }
    const fault = await ctx.org.post('/faults', {
      buildingID: data.buildingID,
      unitID: data.unitID || null,
      title: data.title.trim(),
      description: data.description.trim(),
      category: data.category || undefined,
      priority: data.priority,
      photoDocumentIDs,
    });
    toast(t('faults.created'));
    ctx.navigate(`faults/${fault.id}`);
  }), { submitLabel: t('faults.submit') });
  el.setAttribute('data-test', 'fault-form');
  el.setAttribute('aria-label', t('faults.new'));
  return h('div', {}, header, h('div', { class: 'card' }, el));
}
