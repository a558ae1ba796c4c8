// The fields of the LLM configuration form: primary endpoint, API keys, defaults, fallbacks,
// per-feature models, rate limits, budget and prices. `llmForm` builds them from the stored
// configuration and reads them back as the body of PUT/POST …/llm/config|probe. Every input names
// its JSON pointer (`data-pointer`) so the API's field errors are shown next to the right input.
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { Problem } from '../core/api.js';
import { select } from '../core/ui.js';
import { currencyUnits } from './admin-format.js';

export const PROVIDERS = ['builtin', 'openai', 'anthropic', 'openai_compatible', 'ollama'];
export const FEATURES = ['chat', 'generation', 'summarization', 'embeddings', 'voice', 'workflow'];
const DEFAULT_URLS = {
  openai: 'https://api.openai.com/v1', anthropic: 'https://api.anthropic.com/v1',
  openai_compatible: 'http://127.0.0.1:11434/v1', ollama: 'http://127.0.0.1:11434',
};
const BUILTIN_MODEL = 'ppt-builtin-1';
const NEEDS_KEY = ['openai', 'anthropic'];
let uid = 0;

/** A labelled control with its pointer; the error slot after it is filled by `showErrors`. */
function control(label, input, { pointer, hint, hideLabel = false } = {}) {
  input.id ||= `llm${++uid}`;
  if (pointer) input.dataset.pointer = pointer;
  const hintEl = hint ? h('div', { class: 'hint', id: `${input.id}-hint` }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: input.id, class: hideLabel ? 'visually-hidden' : null }, label), input, hintEl);
}

function providerOptions(withInherit) {
  return [...(withInherit ? [['', t('admin-llm.same_as_primary')]] : []), ...PROVIDERS.map((p) => [p, t(`admin-llm.provider_${p}`)])];
}

/** An endpoint's provider/model/base URL inputs (primary, a fallback or a feature override). */
function endpointFields(models, value, pointer, { inherit = false, primaryProvider, attrs = {} } = {}) {
  const provider = select('provider', providerOptions(inherit), value?.provider ?? '', attrs.provider);
  const model = h('input', { type: 'text', autocomplete: 'off', spellcheck: false, maxlength: 200, value: value?.model ?? '', ...attrs.model });
  const baseURL = h('input', { type: 'url', autocomplete: 'off', spellcheck: false, maxlength: 500, value: value?.baseURL ?? '' });
  const effective = () => provider.value || primaryProvider?.() || 'builtin';
  const sync = () => {
    const kind = effective();
    baseURL.disabled = kind === 'builtin';
    baseURL.placeholder = kind === 'builtin' ? t('admin-llm.no_url_builtin') : (DEFAULT_URLS[kind] ?? '');
    model.setAttribute('list', models.listFor(kind, baseURL.value.trim()));
  };
  provider.addEventListener('change', () => {
    if (effective() === 'builtin' && !inherit) model.value = BUILTIN_MODEL;
    else if (model.value === BUILTIN_MODEL) model.value = '';
    sync();
  });
  baseURL.addEventListener('change', sync);
  sync();
  return {
    provider, model, baseURL, sync,
    read: () => {
      const out = { provider: provider.value || undefined, model: model.value.trim(), baseURL: baseURL.disabled ? undefined : baseURL.value.trim() || undefined };
      return out;
    },
    fields: [
      control(t('admin-llm.provider'), provider, { pointer: `${pointer}/provider` }),
      control(t('admin-llm.model'), model, { pointer: `${pointer}/model` }),
      control(t('admin-llm.base_url'), baseURL, { pointer: `${pointer}/baseURL`, hint: inherit ? null : t('admin-llm.base_url_hint') }),
    ],
  };
}

function numberInput(value, attrs) {
  return h('input', { type: 'number', inputmode: 'decimal', value: value ?? '', ...attrs });
}

/** The configuration form's sections; `config` is GET …/llm/config, `models` the model lists. */
export function llmForm(config, models, { onRemoveKey }) {
  const s = config.settings;
  const currency = select('currency', [['EUR', 'EUR'], ['CZK', 'CZK']], s.currency);
  const primary = endpointFields(models, s.primary, '/primary', {
    attrs: { provider: { 'data-test': 'llm-provider' }, model: { 'data-test': 'llm-model', required: true } },
  });
  primary.model.required = true;
  const modelInfo = h('div', { class: 'small muted', role: 'status', 'data-test': 'llm-model-info' });

  // API keys: one field per provider in use (never the stored key; empty keeps it).
  const keyInputs = new Map();
  const keysBox = h('div', { class: 'stack' });
  const providersInUse = () => {
    const used = [primary.provider.value, ...fallbackRows.map((r) => r.provider.value), ...overrideRows.map((r) => r.provider.value)];
    return PROVIDERS.filter((p) => p !== 'builtin' && (used.includes(p) || config.keys[p]));
  };
  const drawKeys = () => {
    const list = providersInUse();
    if (list.length === 0) { replace(keysBox, h('p', { class: 'small muted' }, t('admin-llm.keys_none_needed'))); return; }
    replace(keysBox, list.map((p) => {
      const input = keyInputs.get(p) ?? h('input', {
        type: 'password', autocomplete: 'new-password', spellcheck: false, maxlength: 512,
        'data-test': p === primary.provider.value ? 'llm-key' : 'llm-key-other', 'data-provider': p,
      });
      keyInputs.set(p, input);
      input.setAttribute('data-test', p === primary.provider.value ? 'llm-key' : 'llm-key-other');
      const masked = config.keys[p];
      const status = masked ? t('admin-llm.key_stored', { masked })
        : config.platformKeys.includes(p) ? t('admin-llm.key_platform')
          : NEEDS_KEY.includes(p) ? t('admin-llm.key_needed') : t('admin-llm.key_optional');
      return h('div', { class: 'row', style: 'align-items: end' },
        h('div', { style: 'flex: 1; min-width: 14rem' },
          control(t('admin-llm.key_for', { provider: t(`admin-llm.provider_${p}`) }), input, { pointer: `/apiKeys/${p}`, hint: status })),
        masked ? h('button', { class: 'btn btn-danger', type: 'button', 'data-test': 'llm-key-remove', 'data-provider': p, onclick: () => onRemoveKey(p) },
          t('admin-llm.key_remove')) : null);
    }));
  };

  const temperature = numberInput(s.temperature, { min: 0, max: 2, step: 0.1 });
  const maxTokens = numberInput(s.maxTokens, { min: 1, max: 1000000, step: 1, inputmode: 'numeric' });

  // Fallbacks: rows drawn from state so their pointers follow their positions.
  const fallbackBox = h('div', { class: 'stack' });
  let fallbackRows = [];
  const drawFallbacks = (values) => {
    fallbackRows = values.map((value, i) => endpointFields(models, value, `/fallbacks/${i}`));
    replace(fallbackBox,
      fallbackRows.length ? fallbackRows.map((row, i) => h('fieldset', { class: 'card', 'data-pointer-group': `/fallbacks/${i}` },
        h('legend', {}, t('admin-llm.fallback_n', { n: i + 1 })),
        h('div', { class: 'grid' }, row.fields),
        h('button', {
          class: 'btn btn-link', type: 'button',
          onclick: () => { drawFallbacks(fallbackRows.map((r) => r.read()).filter((_, j) => j !== i)); drawKeys(); },
        }, t('admin-llm.fallback_remove', { n: i + 1 }))))
        : h('p', { class: 'small muted' }, t('admin-llm.fallbacks_none')),
      fallbackRows.length < 5 ? h('div', {}, h('button', {
        class: 'btn', type: 'button',
        onclick: () => { drawFallbacks([...fallbackRows.map((r) => r.read()), { provider: 'openai_compatible', model: '' }]); drawKeys(); },
      }, t('admin-llm.fallback_add'))) : null);
    for (const row of fallbackRows) row.provider.addEventListener('change', drawKeys);
  };
  drawFallbacks(s.fallbacks);

  const overrideRows = FEATURES.map((feature) => endpointFields(models, s.featureOverrides[feature], `/featureOverrides/${feature}`,
    { inherit: true, primaryProvider: () => primary.provider.value }));
  for (const row of overrideRows) row.provider.addEventListener('change', drawKeys);
  primary.provider.addEventListener('change', () => { drawKeys(); for (const row of overrideRows) row.sync(); });

  const limits = Object.fromEntries(['requestsPerMinute', 'tokensPerMinute', 'userRequestsPerMinute']
    .map((name) => [name, numberInput(s.rateLimits[name], { min: 1, max: 100000000, step: 1, inputmode: 'numeric', placeholder: t('admin-llm.unlimited') })]));

  const budgetOn = h('input', { type: 'checkbox', id: 'llm-budget-on', checked: Boolean(s.budget) });
  const budgetAmount = numberInput(s.budget ? s.budget.monthlyLimit.amountMinor / 100 : '', { min: 0.01, step: 0.01 });
  const softAlert = numberInput(s.budget?.softAlertPercent ?? 80, { min: 1, max: 100, step: 1, inputmode: 'numeric' });
  const hardStop = h('input', { type: 'checkbox', id: 'llm-hard-stop', checked: s.budget?.hardStop ?? true, 'data-pointer': '/budget/hardStop' });
  const budgetFields = h('div', { class: 'grid' },
    control(t('admin-llm.budget_limit'), budgetAmount, { pointer: '/budget/monthlyLimit/amountMinor', hint: t('admin-llm.budget_limit_hint') }),
    control(t('admin-llm.budget_soft'), softAlert, { pointer: '/budget/softAlertPercent', hint: t('admin-llm.budget_soft_hint') }),
    h('div', { class: 'field' }, h('label', { class: 'checkbox', for: hardStop.id }, hardStop, t('admin-llm.budget_hard')),
      h('div', { class: 'hint' }, t('admin-llm.budget_hard_hint'))));
  const syncBudget = () => { budgetFields.hidden = !budgetOn.checked; };
  budgetOn.addEventListener('change', syncBudget);
  syncBudget();

  const priceBox = h('div', { class: 'stack' });
  let priceRows = [];
  const drawPrices = (values) => {
    priceRows = values.map((p, i) => ({
      model: h('input', { type: 'text', spellcheck: false, value: p.model ?? '', 'data-pointer': `/prices/${i}/model` }),
      input: numberInput(p.inputPerMillion, { min: 0, step: 'any', 'data-pointer': `/prices/${i}/inputPerMillion` }),
      output: numberInput(p.outputPerMillion, { min: 0, step: 'any', 'data-pointer': `/prices/${i}/outputPerMillion` }),
    }));
    const readPrices = () => priceRows.map((r) => ({ model: r.model.value, inputPerMillion: r.input.value, outputPerMillion: r.output.value }));
    replace(priceBox,
      priceRows.map((row, i) => h('div', { class: 'row', style: 'align-items: end' },
        control(t('admin-llm.price_model'), row.model), control(t('admin-llm.price_input'), row.input), control(t('admin-llm.price_output'), row.output),
        h('button', { class: 'btn btn-link', type: 'button', onclick: () => drawPrices(readPrices().filter((_, j) => j !== i)) },
          t('admin-llm.price_remove', { model: row.model.value || (i + 1) })))),
      h('div', {}, h('button', { class: 'btn', type: 'button', onclick: () => drawPrices([...readPrices(), { model: '' }]) }, t('admin-llm.price_add'))));
  };
  drawPrices(s.prices);
  drawKeys();

  // The fieldset stays a plain block (flex or grid on a fieldset is unreliable); its content stacks inside.
  const fieldset = (legend, ...children) => h('fieldset', { class: 'card' }, h('legend', {}, h('strong', {}, legend)), h('div', { class: 'stack' }, ...children));
  const node = h('div', { class: 'stack' },
    fieldset(t('admin-llm.section_primary'), h('p', { class: 'small muted' }, t('admin-llm.section_primary_hint')),
      h('div', { class: 'grid' }, primary.fields), modelInfo, models.lists),
    fieldset(t('admin-llm.section_keys'), h('p', { class: 'small muted' }, t('admin-llm.section_keys_hint')), keysBox),
    fieldset(t('admin-llm.section_defaults'), h('div', { class: 'grid' },
      control(t('admin-llm.temperature'), temperature, { pointer: '/temperature', hint: t('admin-llm.temperature_hint') }),
      control(t('admin-llm.max_tokens'), maxTokens, { pointer: '/maxTokens', hint: t('admin-llm.max_tokens_hint') }))),
    fieldset(t('admin-llm.section_fallbacks'), h('p', { class: 'small muted' }, t('admin-llm.section_fallbacks_hint')), fallbackBox),
    fieldset(t('admin-llm.section_features'), h('p', { class: 'small muted' }, t('admin-llm.section_features_hint')),
      h('details', { open: Object.keys(s.featureOverrides).length > 0 },
        h('summary', {}, t('admin-llm.features_summary', { count: Object.keys(s.featureOverrides).length })),
        FEATURES.map((feature, i) => h('fieldset', { class: 'stack', style: 'border: 0; padding: .5rem 0 0; margin: 0' },
          h('legend', {}, h('strong', {}, t(`admin-llm.feature_${feature}`))), h('div', { class: 'grid' }, overrideRows[i].fields))))),
    fieldset(t('admin-llm.section_limits'), h('p', { class: 'small muted' }, t('admin-llm.section_limits_hint')), h('div', { class: 'grid' },
      Object.entries(limits).map(([name, input]) => control(t(`admin-llm.limit_${name}`), input, { pointer: `/rateLimits/${name}` })))),
    fieldset(t('admin-llm.section_budget'),
      h('div', { class: 'grid' }, control(t('admin-llm.currency'), currency, { pointer: '/currency', hint: t('admin-llm.currency_hint') })),
      h('label', { class: 'checkbox', for: budgetOn.id }, budgetOn, t('admin-llm.budget_on')), budgetFields,
      h('h3', {}, t('admin-llm.prices')), h('p', { class: 'small muted' }, t('admin-llm.prices_hint')), priceBox,
      effectivePrices(config)));

  /** The body for PUT/POST; throws a `validation.failed` Problem for inputs the browser cannot read. */
  function read() {
    const errors = [];
    const num = (input, pointer, integer) => {
      if (input.validity.badInput) { errors.push({ pointer, detail: t('admin-llm.not_a_number') }); return undefined; }
      if (input.value === '') return undefined;
      const value = Number(input.value);
      return integer ? Math.round(value) : value;
    };
    const body = {
      primary: primary.read(),
      temperature: num(temperature, '/temperature'),
      maxTokens: num(maxTokens, '/maxTokens', true),
      fallbacks: fallbackRows.map((r) => r.read()),
      featureOverrides: {},
      rateLimits: Object.fromEntries(Object.entries(limits).map(([name, input]) => [name, num(input, `/rateLimits/${name}`, true)])),
      currency: currency.value,
      prices: priceRows.map((r, i) => ({
        model: r.model.value.trim(),
        inputPerMillion: num(r.input, `/prices/${i}/inputPerMillion`) ?? 0,
        outputPerMillion: num(r.output, `/prices/${i}/outputPerMillion`) ?? 0,
      })),
      apiKeys: {},
    };
    FEATURES.forEach((feature, i) => {
      const value = overrideRows[i].read();
      if (value.model) body.featureOverrides[feature] = value;
      else if (value.provider || value.baseURL) errors.push({ pointer: `/featureOverrides/${feature}/model`, detail: t('admin-llm.override_needs_model') });
    });
    if (budgetOn.checked) {
      const amount = num(budgetAmount, '/budget/monthlyLimit/amountMinor');
      if (amount === undefined && !budgetAmount.validity.badInput) errors.push({ pointer: '/budget/monthlyLimit/amountMinor', detail: t('admin-llm.budget_limit_needed') });
      body.budget = {
        monthlyLimit: { amountMinor: Math.round((amount ?? 0) * 100), currency: currency.value },
        softAlertPercent: num(softAlert, '/budget/softAlertPercent', true) ?? 80,
        hardStop: hardStop.checked,
      };
    }
    for (const [provider, input] of keyInputs) {
      if (input.isConnected && input.value.trim()) body.apiKeys[provider] = input.value.trim();
    }
    if (errors.length) throw new Problem(422, { code: 'validation.failed', errors });
    return body;
  }

  return { node, read, primary, modelInfo, keyInputs };
}

function effectivePrices(config) {
  if (!config.effectivePrices?.length) return null;
  const cur = config.settings.currency;
  return h('details', {}, h('summary', {}, t('admin-llm.effective_prices')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, [t('admin-llm.price_model'), t('admin-llm.price_input'), t('admin-llm.price_output')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, config.effectivePrices.map((p) => h('tr', {}, h('td', { class: 'mono' }, p.model),
        h('td', {}, currencyUnits(p.inputPerMillion, cur, 4)), h('td', {}, currencyUnits(p.outputPerMillion, cur, 4))))))));
}

/** Marks the inputs named by the problem's field errors and writes each error under its input. */
export function showErrors(root, error) {
  for (const el of root.querySelectorAll('[data-field-error]')) el.remove();
  for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of root.querySelectorAll('[data-described-base]')) {
    if (el.dataset.describedBase) el.setAttribute('aria-describedby', el.dataset.describedBase); else el.removeAttribute('aria-describedby');
    delete el.dataset.describedBase;
  }
  for (const e of error?.errors ?? []) {
    const pointer = e.pointer ?? '';
    const input = root.querySelector(`[data-pointer="${CSS.escape(pointer)}"]`)
      ?? root.querySelector(`[data-pointer^="${CSS.escape(pointer + '/')}"]`);
    if (!input) continue;
    input.setAttribute('aria-invalid', 'true');
    const note = h('div', { class: 'error', 'data-field-error': '', id: `${input.id}-error` }, e.detail);
    input.insertAdjacentElement('afterend', note);
    input.dataset.describedBase ??= input.getAttribute('aria-describedby') ?? '';
    input.setAttribute('aria-describedby', [input.dataset.describedBase, note.id].filter(Boolean).join(' '));
  }
}
