// LLM configuration (llmManage): provider, model (listed from the provider where it can be asked),
// base URL, API keys (never shown; only the masked form the API returns), defaults, fallbacks,
// per-feature models, rate limits, budget and prices; save (which probes first), probe without
// saving, remove a stored key, and reset to the platform default.
import { h, replace } from '../core/dom.js';
import { t, number, dateTime } from '../core/i18n.js';
import { pageHeader, badge, toast, confirmDialog, problemText, showProblem } from '../core/ui.js';
import { llmForm, showErrors } from './admin-llm-form.js';
import { duration, currencyUnits } from './admin-format.js';
import { llmMessages } from './admin-llm-messages.js';

/** Model lists per provider and base URL, fetched once each into a <datalist> the model inputs use. */
function modelCatalog(ctx) {
  const lists = h('div', { hidden: true });
  const cache = new Map();
  let counter = 0;
  const entry = (provider, baseURL) => {
    const key = `${provider} ${baseURL}`;
    if (!cache.has(key)) {
      const id = `llm-models-${++counter}`;
      const datalist = h('datalist', { id });
      lists.append(datalist);
      const promise = ctx.org.get('/llm/models', { provider, baseURL: baseURL || undefined }, { signal: ctx.signal })
        .then((data) => { datalist.append(...data.models.map((m) => h('option', { value: m.id }))); return data; })
        .catch((error) => ({ problem: error, models: [] }));
      cache.set(key, { id, promise });
    }
    return cache.get(key);
  };
  return {
    lists,
    listFor: (provider, baseURL) => entry(provider, baseURL).id,
    info: (provider, baseURL) => entry(provider, baseURL).promise,
  };
}

function endpointText(endpoint) {
  return [t(`admin-llm.provider_${endpoint.provider}`), endpoint.model, endpoint.baseURL].filter(Boolean).join(' · ');
}

function probeTable(results, ok) {
  return h('div', { class: 'stack' },
    h('p', {}, ok ? badge(t('admin-llm.probe_all_ok'), 'ok') : badge(t('admin-llm.probe_some_failed'), 'danger')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, t('admin-llm.probe_title')),
      h('thead', {}, h('tr', {}, [t('admin-llm.probe_endpoint'), t('admin-llm.probe_result'), t('admin-llm.probe_latency'), t('admin-llm.probe_error')]
        .map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, results.map((r, i) => h('tr', { 'data-probe-ok': String(r.ok) },
        h('td', {}, h('div', { class: 'small muted' }, i === 0 ? t('admin-llm.primary') : t('admin-llm.fallback_n', { n: i })), endpointText(r.endpoint)),
        h('td', {}, r.ok ? badge(t('admin-llm.probe_ok'), 'ok') : badge(t('admin-llm.probe_failed'), 'danger')),
        h('td', {}, duration(r.latencyMilliseconds)),
        h('td', {}, r.errorCode ? h('code', { class: 'mono' }, r.errorCode) : '–', r.message ? h('div', { class: 'small' }, r.message) : null)))))));
}

function draw(ctx, root, config, names, lastProbe) {
  const models = modelCatalog(ctx);
  const errors = h('div', { tabindex: '-1' });
  const probeSlot = h('section', { class: 'card', 'aria-labelledby': 'llm-probe-title', 'data-test': 'probe-result', 'aria-live': 'polite', hidden: !lastProbe },
    h('h2', { id: 'llm-probe-title' }, t('admin-llm.probe_title')), lastProbe ? probeTable(lastProbe.results, lastProbe.ok) : null);
  const showProbe = (report) => {
    probeSlot.hidden = false;
    replace(probeSlot, h('h2', { id: 'llm-probe-title' }, t('admin-llm.probe_title')), probeTable(report.results, report.ok));
  };
  // The form is long: move focus (and the view) to the problem so it is not missed below the fold.
  const fail = (error) => { showErrors(formEl, error); showProblem(errors, error); errors.focus(); };

  const removeKey = async (provider) => {
    if (!(await confirmDialog(t('admin-llm.key_remove_confirm', { provider: t(`admin-llm.provider_${provider}`) }), { confirmLabel: t('admin-llm.key_remove'), danger: true }))) return;
    showProblem(errors, null);
    try {
      // The person asked for exactly this, so an endpoint failing the probe does not block it (force);
      // the probe's results are shown afterwards.
      const result = await ctx.org.put('/llm/config', { ...config.settings, apiKeys: { [provider]: null }, force: true }, { signal: ctx.signal });
      toast(t('admin-llm.key_removed'));
      draw(ctx, root, result.config, names, { ok: result.probe.every((r) => r.ok), results: result.probe });
    } catch (error) {
      if (error.name !== 'AbortError') fail(error);
    }
  };
  const fields = llmForm(config, models, { onRemoveKey: removeKey });
  const save = h('button', { class: 'btn btn-primary', type: 'submit', 'data-test': 'llm-save' }, t('admin-llm.save'));
  const probe = h('button', { class: 'btn', type: 'button', 'data-test': 'llm-probe' }, t('admin-llm.probe'));
  const reset = config.source === 'organization'
    ? h('button', { class: 'btn btn-danger', type: 'button', 'data-test': 'llm-reset' }, t('admin-llm.reset')) : null;
  const busy = (on) => { for (const b of [save, probe, reset]) if (b) b.disabled = on; };

  async function submit(force) {
    let body;
    try { body = fields.read(); } catch (error) { fail(error); return; }
    busy(true);
    showErrors(formEl, null);
    showProblem(errors, null);
    try {
      const result = await ctx.org.put('/llm/config', { ...body, force }, { signal: ctx.signal });
      toast(t('admin-llm.saved'));
      draw(ctx, root, result.config, names, { ok: result.probe.every((r) => r.ok), results: result.probe });
    } catch (error) {
      if (error.name === 'AbortError') return;
      fail(error);
      if (error.code === 'llm.probe_failed') {
        errors.append(h('div', { class: 'row' }, h('p', {}, t('admin-llm.save_anyway_hint')),
          h('button', { class: 'btn btn-danger', type: 'button', 'data-test': 'llm-save-force', onclick: () => submit(true) }, t('admin-llm.save_anyway'))));
      }
    } finally {
      busy(false);
    }
  }

  probe.addEventListener('click', async () => {
    let body;
    try { body = fields.read(); } catch (error) { fail(error); return; }
    busy(true);
    showErrors(formEl, null);
    showProblem(errors, null);
    replace(probeSlot, h('h2', { id: 'llm-probe-title' }, t('admin-llm.probe_title')), h('p', { class: 'muted' }, t('admin-llm.probing')));
    probeSlot.hidden = false;
    try {
      showProbe(await ctx.org.post('/llm/probe', body, { signal: ctx.signal }));
    } catch (error) {
      if (error.name === 'AbortError') return;
      probeSlot.hidden = true;
      fail(error);
    } finally {
      busy(false);
    }
  });
  reset?.addEventListener('click', async () => {
    if (!(await confirmDialog(t('admin-llm.reset_confirm'), { confirmLabel: t('admin-llm.reset'), danger: true }))) return;
    busy(true);
    try {
      await ctx.org.delete('/llm/config', { signal: ctx.signal });
      toast(t('admin-llm.reset_done'));
      draw(ctx, root, await ctx.org.get('/llm/config', undefined, { signal: ctx.signal }), names, null);
    } catch (error) {
      if (error.name !== 'AbortError') fail(error);
      busy(false);
    }
  });

  // What the provider offers for the chosen model, and whether its list could be fetched.
  let infoRequest = 0;
  const updateModelInfo = async () => {
    const request = ++infoRequest;
    const { provider, model, baseURL } = fields.primary;
    replace(fields.modelInfo, t('admin-llm.models_loading'));
    const data = await models.info(provider.value, baseURL.disabled ? '' : baseURL.value.trim());
    if (request !== infoRequest) return;
    if (data.problem) { replace(fields.modelInfo, t('admin-llm.models_failed', { reason: problemText(data.problem) })); return; }
    const chosen = data.models.find((m) => m.id === model.value.trim());
    const caps = chosen?.capabilities;
    replace(fields.modelInfo,
      h('div', {}, data.source === 'provider' ? t('admin-llm.models_from_provider', { count: data.models.length })
        : t('admin-llm.models_from_catalog', { count: data.models.length, reason: data.error ?? '' })),
      caps ? h('div', {}, [
        t('admin-llm.context_window', { tokens: number(caps.contextWindow) }),
        caps.tools ? t('admin-llm.cap_tools') : null, caps.jsonSchema ? t('admin-llm.cap_json') : null,
        caps.streaming ? t('admin-llm.cap_streaming') : null, caps.embeddings ? t('admin-llm.cap_embeddings') : null,
        chosen.listPriceUSD ? t('admin-llm.list_price', {
          input: currencyUnits(chosen.listPriceUSD.inputPerMillion, 'USD', 4), output: currencyUnits(chosen.listPriceUSD.outputPerMillion, 'USD', 4),
        }) : null,
      ].filter(Boolean).join(' · ')) : null);
  };
  for (const el of [fields.primary.provider, fields.primary.baseURL, fields.primary.model]) el.addEventListener('change', updateModelInfo);
  updateModelInfo();

  const formEl = h('form', { class: 'form', novalidate: true, style: 'max-width: 960px', 'data-test': 'llm-form', 'aria-labelledby': 'llm-title' },
    errors, fields.node, h('div', { class: 'row' }, save, probe, reset));
  formEl.addEventListener('submit', (event) => { event.preventDefault(); submit(false); });

  const savedBy = config.updatedBy ? names.get(config.updatedBy) : null;
  replace(root,
    pageHeader(t('admin-llm.title')),
    h('section', { class: 'card', 'aria-label': t('admin-llm.status') },
      h('p', { class: 'row' }, config.source === 'organization' ? badge(t('admin-llm.source_organization'), 'ok') : badge(t('admin-llm.source_platform')),
        h('span', {}, t('admin-llm.current', { endpoint: endpointText(config.settings.primary) }))),
      config.updatedAt ? h('p', { class: 'small muted' }, t(savedBy ? 'admin-llm.saved_by' : 'admin-llm.saved_at', { when: dateTime(config.updatedAt), who: savedBy })) : null,
      h('p', { class: 'small muted' }, config.source === 'organization' ? t('admin-llm.intro_org') : t('admin-llm.intro_platform'))),
    h('h2', { id: 'llm-title', class: 'visually-hidden' }, t('admin-llm.form_title')),
    formEl, probeSlot);
}

async function render(ctx) {
  const [config, members] = await Promise.all([
    ctx.org.get('/llm/config', undefined, { signal: ctx.signal }),
    ctx.can('membersRead') ? ctx.org.get('/members', undefined, { signal: ctx.signal }).catch(() => []) : [],
  ]);
  const root = h('div', {});
  draw(ctx, root, config, new Map(members.map((m) => [m.user.id, m.user.name])), null);
  return root;
}

export const routes = [
  { path: 'admin/llm', render, permission: 'llmManage', nav: { group: 'admin', label: 'admin-llm.nav', order: 30 } },
];

export const messages = llmMessages;
