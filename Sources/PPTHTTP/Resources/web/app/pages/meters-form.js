// Registering a meter in a unit (managers): unit, kind, serial number and, when it differs from the
// kind's usual one, the unit of measure.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pageHeader, field, select, toast } from '../core/ui.js';
import { useStyles } from './faults-common.js';
import { actionForm, fieldProblem, unitOptions, useAreaStyles } from './finance-common.js';
import { placesOrEmpty } from './finance-invoices.js';
import { METER_KINDS, kindName, metersNav } from './meters-common.js';

export async function renderMeterForm(ctx) {
  useStyles();
  useAreaStyles();
  const places = await placesOrEmpty(ctx);
  const header = pageHeader(t('meters.new'), h('a', { href: '#/meters' }, t('meters.back')));
  if (places.units.size === 0) {
    return h('div', {}, header, metersNav(ctx, 'meters'), h('p', { class: 'empty' }, t('meters.no_units')));
  }
  const unit = select('unitID', [['', t('meters.choose')], ...unitOptions(places)], ctx.query.unitID ?? '', { required: true });
  const kind = select('kind', [['', t('meters.choose')], ...Object.keys(METER_KINDS).map((k) => [k, kindName(k)])], '', { required: true });
  const serial = h('input', { name: 'serialNumber', required: true, maxlength: 64, autocomplete: 'off', spellcheck: false });
  const measure = h('input', { name: 'measureUnit', maxlength: 16, autocomplete: 'off' });
  const measureHint = h('span', {});
  function onKindChange() {
    const usual = METER_KINDS[kind.value];
    measure.placeholder = usual ?? '';
    measureHint.textContent = usual ? t('meters.form.measure_hint', { unit: usual }) : t('meters.form.measure_hint_none');
  }
  kind.addEventListener('change', onKindChange);
  onKindChange();

  const form = actionForm([
    h('div', { class: 'area-fields' },
      field(t('meters.field.unit'), unit),
      field(t('meters.field.kind'), kind)),
    h('div', { class: 'area-fields' },
      field(t('meters.field.serial'), serial, t('meters.form.serial_hint')),
      field(t('meters.field.measure_unit'), measure, measureHint)),
  ], async (data) => {
    const problems = [];
    for (const name of ['unitID', 'kind', 'serialNumber']) {
      if (!String(data[name] ?? '').trim()) problems.push([name, t('finance.err.required')]);
    }
    if (problems.length) throw fieldProblem(problems);
    const meter = await ctx.org.post('/meters', {
      unitID: data.unitID, kind: data.kind, serialNumber: data.serialNumber.trim(),
      measureUnit: data.measureUnit.trim() || null,
    });
    toast(t('meters.form.created', { serial: meter.serialNumber }));
    ctx.navigate(`meters/${meter.id}`);
  }, {
    submitLabel: t('meters.form.submit'),
    attrs: { 'data-test': 'meter-form', 'aria-label': t('meters.new') },
  });
  return h('div', {}, header, metersNav(ctx, 'meters'), h('div', { class: 'card area-form-card' }, form));
}
