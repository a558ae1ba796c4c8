// A form generated from typed parameter declarations (a manual trigger's inputs, a template's
// parameters): one labelled control per parameter by type, with its default, options, required
// mark and description, client-side checks, and the API's per-parameter errors shown at the field.
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { memberDirectory } from './workflow-common.js';

let fieldCounter = 0;
const JSON_TYPES = ['list', 'object', 'any'];
// Like the API: a parameter is required unless it says otherwise or has a default.
const isRequired = (param) => param.default === undefined && param.required !== false;

// Ids people cannot type from memory: offer the organization's units, buildings or members.
const SUGGESTIONS = [
  [/^unitID$/i, async (ctx) => ctx.can('unitsRead') ? (await ctx.org.get('/units', { limit: 200 })).items.map((u) => [u.id, u.number]) : []],
  [/buildingID$/i, async (ctx) => ctx.can('buildingsRead') ? (await ctx.org.get('/buildings', { limit: 200 })).items.map((b) => [b.id, `${b.name} (${b.street})`]) : []],
  [/(technician|user|member|assignee)ID$/i, async (ctx, name) => [...(await memberDirectory(ctx)).values()]
    .filter((m) => !/^technician/i.test(name) || m.role === 'technician')
    .map((m) => [m.user.id, `${m.user.name} (${t('role.' + m.role)})`])],
];

function suggestions(name, ctx, id) {
  const source = ctx && SUGGESTIONS.find(([pattern]) => pattern.test(name));
  if (!source) return null;
  const list = h('datalist', { id });
  source[1](ctx, name).then((items) => replace(list, items.map(([value, label]) => h('option', { value, label })))).catch(() => {});
  return list;
}

function optionValue(value) { return JSON.stringify(value); }

function control(param, id, value) {
  const name = param.name;
  const common = { id, name, 'data-param': name };
  if (Array.isArray(param.options) && param.options.length && !JSON_TYPES.includes(param.type)) {
    const blank = isRequired(param) ? t('workflow-inputs.choose') : t('workflow-inputs.not_given');
    return h('select', common,
      h('option', { value: '' }, blank),
      param.options.map((o) => h('option', { value: optionValue(o), selected: value !== undefined && optionValue(o) === optionValue(value) }, String(o))));
  }
  if (param.type === 'boolean') {
    return h('select', common,
      h('option', { value: '' }, isRequired(param) ? t('workflow-inputs.choose') : t('workflow-inputs.not_given')),
      h('option', { value: 'true', selected: value === true }, t('common.yes')),
      h('option', { value: 'false', selected: value === false }, t('common.no')));
  }
  if (JSON_TYPES.includes(param.type)) {
    return h('textarea', { ...common, class: 'wf-json', rows: 3, spellcheck: false, value: value === undefined ? '' : JSON.stringify(value, null, 2) });
  }
  const type = { integer: 'number', number: 'number', date: 'date', datetime: 'datetime-local' }[param.type] ?? 'text';
  let shown = value ?? '';
  if (param.type === 'datetime' && value) {
    const d = new Date(value);
    shown = Number.isNaN(d.getTime()) ? '' : new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  }
  return h('input', { ...common, type, value: String(shown), step: param.type === 'integer' ? '1' : param.type === 'number' ? 'any' : undefined });
}

function hintText(param) {
  const parts = [];
  if (param.description) parts.push(param.description);
  if (param.type === 'duration') parts.push(t('workflow-inputs.duration_hint'));
  if (JSON_TYPES.includes(param.type)) parts.push(t('workflow-inputs.json_hint', { type: param.type }));
  if (param.default !== undefined && param.default !== null) parts.push(t('workflow-inputs.default', { value: JSON.stringify(param.default) }));
  return parts.join(' · ');
}

function parseValue(param, raw) {
  if (raw === '') return { empty: true };
  if (Array.isArray(param.options) && param.options.length && !JSON_TYPES.includes(param.type)) return { value: JSON.parse(raw) };
  switch (param.type) {
    case 'boolean': return { value: raw === 'true' };
    case 'integer': {
      const n = Number(raw);
      return Number.isInteger(n) ? { value: n } : { error: t('workflow-inputs.not_integer') };
    }
    case 'number': {
      const n = Number(raw);
      return Number.isFinite(n) ? { value: n } : { error: t('workflow-inputs.not_number') };
    }
    case 'datetime': {
      const d = new Date(raw);
      return Number.isNaN(d.getTime()) ? { error: t('workflow-inputs.not_datetime') } : { value: d.toISOString() };
    }
    case 'duration':
      return /^(\d+[smhdw])+$/.test(raw.trim()) ? { value: raw.trim() } : { error: t('workflow-inputs.not_duration') };
    case 'list': case 'object': case 'any': {
      let value;
      try { value = JSON.parse(raw); } catch { return { error: t('workflow-inputs.not_json') }; }
      if (param.type === 'list' && !Array.isArray(value)) return { error: t('workflow-inputs.not_list') };
      if (param.type === 'object' && (value === null || typeof value !== 'object' || Array.isArray(value))) return { error: t('workflow-inputs.not_object') };
      return { value };
    }
    default: return { value: raw };
  }
}

/**
 * Fields for `parameters` (prefilled with `values`, else the defaults). Returns `{ el, read, showErrors }`:
 * `read()` gives `{ values, valid }` (values only for fields that were filled in) and marks fields
 * it cannot read; `showErrors(problem, prefix)` marks the fields an API problem's pointers name
 * (`/input/<name>` with prefix '/input').
 */
export function parameterFields(parameters, { values = {}, ctx } = {}) {
  const rows = (parameters ?? []).map((param) => {
    const id = `wf-param-${++fieldCounter}`;
    const value = Object.prototype.hasOwnProperty.call(values, param.name) ? values[param.name] : param.default;
    const input = control(param, id, value);
    const list = input.tagName === 'INPUT' && input.type === 'text' ? suggestions(param.name, ctx, id + '-list') : null;
    if (list) input.setAttribute('list', list.id);
    const hint = hintText(param);
    const error = h('div', { class: 'error', id: id + '-error', hidden: true });
    input.setAttribute('aria-describedby', [hint ? id + '-hint' : null, id + '-error'].filter(Boolean).join(' '));
    if (isRequired(param)) input.setAttribute('aria-required', 'true');
    const el = h('div', { class: 'field' },
      h('label', { for: id }, param.name, isRequired(param) ? ` (${t('workflow-inputs.required')})` : ''),
      input, list, hint ? h('div', { class: 'hint', id: id + '-hint' }, hint) : null, error);
    return { param, input, error, el };
  });

  function mark(row, message) {
    row.error.hidden = !message;
    row.error.textContent = message ?? '';
    if (message) row.input.setAttribute('aria-invalid', 'true'); else row.input.removeAttribute('aria-invalid');
  }

  return {
    el: rows.length ? h('div', { class: 'stack' }, rows.map((r) => r.el)) : h('p', { class: 'muted' }, t('workflow-inputs.none')),
    read() {
      const out = {};
      let valid = true;
      for (const row of rows) {
        const result = parseValue(row.param, row.input.value);
        let message = result.error;
        if (result.empty && isRequired(row.param)) message = t('workflow-inputs.missing');
        if (!result.empty && !result.error) out[row.param.name] = result.value;
        mark(row, message);
        if (message) valid = false;
      }
      if (!valid) rows.find((r) => r.input.getAttribute('aria-invalid') === 'true')?.input.focus();
      return { values: out, valid };
    },
    showErrors(problem, prefix) {
      const byName = new Map();
      for (const e of problem?.errors ?? []) {
        const pointer = String(e.pointer ?? '');
        if (!pointer.startsWith(prefix + '/')) continue;
        const name = pointer.slice(prefix.length + 1).split('/')[0];
        byName.set(name, e.detail);
      }
      for (const row of rows) mark(row, byName.get(row.param.name));
      return byName.size > 0;
    },
  };
}

/** A sample value of a parameter for a dry run: its default, its first option, else one of its type. */
export function sampleValue(param) {
  if (param.default !== undefined) return param.default;
  if (Array.isArray(param.options) && param.options.length) return param.options[0];
  const today = new Date().toISOString();
  return { string: '', number: 0, integer: 0, boolean: false, date: today.slice(0, 10), datetime: today, duration: '1h', list: [], object: {}, any: null }[param.type] ?? null;
}

export const messages = {
  en: {
    'workflow-inputs.required': 'required', 'workflow-inputs.choose': 'Choose…', 'workflow-inputs.not_given': '(not given)',
    'workflow-inputs.duration_hint': 'A duration such as 90s, 15m, 4h, 2d, 1w or 1d12h.',
    'workflow-inputs.json_hint': 'JSON ({type}).', 'workflow-inputs.default': 'Default: {value}',
    'workflow-inputs.not_integer': 'Enter a whole number.', 'workflow-inputs.not_number': 'Enter a number.',
    'workflow-inputs.not_datetime': 'Enter a date and time.', 'workflow-inputs.not_duration': 'Enter a duration such as 15m, 4h or 1d.',
    'workflow-inputs.not_json': 'This is not valid JSON.', 'workflow-inputs.not_list': 'Enter a JSON list, e.g. ["manager"].',
    'workflow-inputs.not_object': 'Enter a JSON object, e.g. {"key": "value"}.', 'workflow-inputs.missing': 'This is required.',
    'workflow-inputs.none': 'No parameters.',
  },
  sk: {
    'workflow-inputs.required': 'povinné', 'workflow-inputs.choose': 'Vyberte…', 'workflow-inputs.not_given': '(nezadané)',
    'workflow-inputs.duration_hint': 'Trvanie, napríklad 90s, 15m, 4h, 2d, 1w alebo 1d12h.',
    'workflow-inputs.json_hint': 'JSON ({type}).', 'workflow-inputs.default': 'Predvolené: {value}',
    'workflow-inputs.not_integer': 'Zadajte celé číslo.', 'workflow-inputs.not_number': 'Zadajte číslo.',
    'workflow-inputs.not_datetime': 'Zadajte dátum a čas.', 'workflow-inputs.not_duration': 'Zadajte trvanie, napríklad 15m, 4h alebo 1d.',
    'workflow-inputs.not_json': 'Toto nie je platný JSON.', 'workflow-inputs.not_list': 'Zadajte zoznam v JSON, napríklad ["manager"].',
    'workflow-inputs.not_object': 'Zadajte objekt v JSON, napríklad {"kľúč": "hodnota"}.', 'workflow-inputs.missing': 'Toto pole je povinné.',
    'workflow-inputs.none': 'Žiadne parametre.',
  },
  cs: {
    'workflow-inputs.required': 'povinné', 'workflow-inputs.choose': 'Vyberte…', 'workflow-inputs.not_given': '(nezadáno)',
    'workflow-inputs.duration_hint': 'Doba, například 90s, 15m, 4h, 2d, 1w nebo 1d12h.',
    'workflow-inputs.json_hint': 'JSON ({type}).', 'workflow-inputs.default': 'Výchozí: {value}',
    'workflow-inputs.not_integer': 'Zadejte celé číslo.', 'workflow-inputs.not_number': 'Zadejte číslo.',
    'workflow-inputs.not_datetime': 'Zadejte datum a čas.', 'workflow-inputs.not_duration': 'Zadejte dobu, například 15m, 4h nebo 1d.',
    'workflow-inputs.not_json': 'Toto není platný JSON.', 'workflow-inputs.not_list': 'Zadejte seznam v JSON, například ["manager"].',
    'workflow-inputs.not_object': 'Zadejte objekt v JSON, například {"klíč": "hodnota"}.', 'workflow-inputs.missing': 'Toto pole je povinné.',
    'workflow-inputs.none': 'Žádné parametry.',
  },
  de: {
    'workflow-inputs.required': 'Pflichtfeld', 'workflow-inputs.choose': 'Bitte wählen…', 'workflow-inputs.not_given': '(nicht angegeben)',
    'workflow-inputs.duration_hint': 'Eine Dauer wie 90s, 15m, 4h, 2d, 1w oder 1d12h.',
    'workflow-inputs.json_hint': 'JSON ({type}).', 'workflow-inputs.default': 'Standard: {value}',
    'workflow-inputs.not_integer': 'Bitte eine ganze Zahl eingeben.', 'workflow-inputs.not_number': 'Bitte eine Zahl eingeben.',
    'workflow-inputs.not_datetime': 'Bitte Datum und Uhrzeit eingeben.', 'workflow-inputs.not_duration': 'Bitte eine Dauer wie 15m, 4h oder 1d eingeben.',
    'workflow-inputs.not_json': 'Das ist kein gültiges JSON.', 'workflow-inputs.not_list': 'Bitte eine JSON-Liste eingeben, z. B. ["manager"].',
    'workflow-inputs.not_object': 'Bitte ein JSON-Objekt eingeben, z. B. {"schlüssel": "wert"}.', 'workflow-inputs.missing': 'Dieses Feld ist erforderlich.',
    'workflow-inputs.none': 'Keine Parameter.',
  },
};
