// The inputs of an announcement scenario, built from the fields the API declares (text, list, date,
// time, money, choice), each marked with the JSON pointer the API names in its field errors.
import { h } from '../core/dom.js';
import { t, locale } from '../core/i18n.js';
import { field } from '../core/ui.js';

/** The field's text in the reader's language (the API gives all four). */
export function localized(texts) { return texts?.[locale()] ?? texts?.en ?? ''; }

/**
 * The controls of `scenario`'s fields; `values()` gives the `fields` object of a request (empty
 * inputs left out, so the API reports the missing required ones by name).
 */
export function scenarioFields(scenario, currency) {
  const controls = scenario.fields.map((f) => fieldControl(f, currency));
  return {
    el: h('div', { class: 'gen-options', 'data-test': 'scenario-fields' }, controls.map((c) => c.el)),
    values() {
      const fields = {};
      for (const c of controls) {
        const value = c.value();
        if (value !== undefined) fields[c.name] = value;
      }
      return fields;
    },
  };
}

function fieldControl(f, currency) {
  const pointer = `/fields/${f.name}`;
  const label = f.required ? localized(f.labels) : t('generate-announcement.optional_field', { label: localized(f.labels) });
  const common = { name: `field-${f.name}`, 'data-pointer': pointer, 'data-field': f.name, required: f.required };
  switch (f.type) {
    case 'list': {
      const input = h('textarea', { ...common, rows: 4 });
      return {
        name: f.name, el: field(label, input, t('generate-announcement.list_hint')),
        value: () => { const items = input.value.split('\n').map((s) => s.trim()).filter(Boolean); return items.length ? items : undefined; },
      };
    }
    case 'date':
    case 'time': {
      const input = h('input', { ...common, type: f.type });
      return { name: f.name, el: field(label, input), value: () => input.value || undefined };
    }
    case 'money': {
      const amount = h('input', { ...common, type: 'number', min: 0, step: '0.01', inputmode: 'decimal' });
      const unit = h('select', { name: `field-${f.name}-currency`, 'aria-label': t('generate-announcement.currency', { label: localized(f.labels) }) },
        ['EUR', 'CZK'].map((c) => h('option', { value: c, selected: c === currency }, c)));
      amount.id = `field-${f.name}-amount`;
      const el = h('div', { class: 'field' }, h('label', { for: amount.id }, label), h('div', { class: 'row' }, amount, unit));
      return {
        name: f.name, el,
        value: () => (amount.value === '' ? undefined : { amountMinor: Math.round(Number(amount.value) * 100), currency: unit.value }),
      };
    }
    case 'choice': {
      const input = h('select', common, h('option', { value: '' }, f.required ? t('generate-announcement.choose') : t('generate-announcement.none')),
        f.options.map((o) => h('option', { value: o.key }, localized(o.names))));
      return { name: f.name, el: field(label, input), value: () => input.value || undefined };
    }
    default: {
      const input = h('input', { ...common, type: 'text', maxlength: 500 });
      return { name: f.name, el: field(label, input), value: () => input.value.trim() || undefined };
    }
  }
}
