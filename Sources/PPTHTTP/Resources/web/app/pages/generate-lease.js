// Lease generator: pick a lease (optionally narrowed to a unit), set the draft's options, generate a
// draft under the law of the building's country, edit and finalize it (generate-lease-draft.js), and
// reopen earlier drafts of the same lease.
import { h, replace } from '../core/dom.js';
import { t, money, dateTime } from '../core/i18n.js';
import { pageHeader, field, problemAlert, loading, table } from '../core/ui.js';
import {
  withCommon, languageName, whileGenerating, reportProblem, pagedSelect, statusBadge, usageText,
  failureText, section, facts, calendarDate, ensureStyles, setQuery,
} from './generate-common.js';
import { messages as leaseMessages } from './generate-lease-messages.js';
import { draftEditor } from './generate-lease-draft.js';

export const messages = withCommon(leaseMessages);

export const routes = [{
  path: 'generate/lease', render, permission: 'leasesManage',
  nav: { group: 'ai', label: 'generate-lease.nav', order: 20 },
}];

/** The contract language of each country's law (the API refuses any other). */
const CONTRACT_LANGUAGE = { SK: 'sk', CZ: 'cs' };

async function render(ctx) {
  ensureStyles();
  const { org, signal } = ctx;
  const [buildings, firstUnits] = await Promise.all([
    org.get('/buildings', { limit: 200 }, { signal }),
    org.get('/units', { limit: 200 }, { signal }),
  ]);
  const buildingsByID = new Map(buildings.items.map((b) => [b.id, b]));
  const units = new Map(firstUnits.items.map((u) => [u.id, u]));
  const unitLabel = (u) => [u.number, buildingsByID.get(u.buildingID)?.name].filter(Boolean).join(' · ');

  const unitPick = pagedSelect({
    load: async (cursor) => (cursor ? org.get('/units', { limit: 200, cursor }, { signal }) : firstUnits),
    option: (u) => { units.set(u.id, u); return [u.id, unitLabel(u)]; },
    placeholder: t('generate-lease.all_units'), attrs: { name: 'unit' },
  });
  const leasePick = pagedSelect({
    load: (cursor) => org.get('/leases', { limit: 100, cursor, unitID: unitPick.select.value || undefined }, { signal }),
    option: (l) => [l.id, leaseLabel(l, units.get(l.unitID))],
    placeholder: t('generate-lease.choose_lease'), attrs: { name: 'lease', 'data-test': 'lease-pick', required: true },
  });
  const pickProblem = h('div');
  const noLeases = h('p', { class: 'small muted', hidden: true }, t('generate-lease.no_leases'));
  const leaseFacts = h('div');
  const optionsSlot = h('div');
  const draftSlot = h('div', { 'data-test': 'lease-draft' });
  const historySlot = h('div');

  const state = { lease: null, country: null, draftID: ctx.query.draft ?? null };

  async function loadLeases(preselect) {
    try {
      await leasePick.reload();
      if (preselect && !leasePick.items.has(preselect)) {
        leasePick.add(await org.get(`/leases/${encodeURIComponent(preselect)}`, undefined, { signal }));
      }
      if (preselect) leasePick.select.value = preselect;
      noLeases.hidden = leasePick.items.size > 0;
      reportProblem(pickProblem, null, null);
    } catch (error) {
      reportProblem(pickProblem, null, error);
    }
  }

  async function chooseLease() {
    const lease = leasePick.items.get(leasePick.select.value) ?? null;
    state.lease = lease;
    setQuery('generate/lease', { lease: lease?.id, draft: state.draftID });
    replace(draftSlot);
    replace(historySlot);
    if (!lease) { replace(leaseFacts); replace(optionsSlot); return; }
    let unit = units.get(lease.unitID);
    if (!unit) {
      try { unit = await org.get(`/units/${lease.unitID}`, undefined, { signal }); units.set(unit.id, unit); } catch { unit = null; }
    }
    const building = unit ? buildingsByID.get(unit.buildingID) : null;
    state.country = CONTRACT_LANGUAGE[building?.country?.toUpperCase()] ? building.country.toUpperCase() : null;
    replace(leaseFacts, facts([
      [t('generate-lease.unit'), unit ? unitLabel(unit) : null],
      [t('generate-lease.tenants'), lease.tenants.map((p) => p.name).join(', ')],
      [t('generate-lease.landlord'), lease.landlord?.name],
      [t('generate-lease.term'), lease.endDate ? `${calendarDate(lease.startDate)} – ${calendarDate(lease.endDate)}` : t('generate-lease.open_ended', { start: calendarDate(lease.startDate) })],
      [t('generate-lease.rent'), money(lease.rent)],
      [t('generate-lease.deposit'), money(lease.deposit)],
      [t('common.status'), t('generate-lease.lease_status.' + lease.status)],
      [t('generate-lease.law'), state.country ? t('generate-lease.law.' + state.country) : t('generate-lease.law_unknown')],
    ]));
    await renderOptions();
    await loadHistory(true);
  }

  async function renderOptions() {
    replace(optionsSlot, loading());
    const country = state.country;
    let templates = [];
    let optional = [];
    try {
      [templates, optional] = await Promise.all([
        org.get('/ai/lease-templates', undefined, { signal }),
        country ? org.get('/ai/lease-clauses', { country }, { signal }) : [],
      ]);
    } catch (error) {
      if (error.name !== 'AbortError') replace(optionsSlot, problemAlert(error));
      return;
    }
    replace(optionsSlot, optionsForm(country, templates.filter((tpl) => !country || tpl.country === country),
      optional.filter((c) => !c.mandatory)));
  }

  function optionsForm(country, templates, optionalClauses) {
    const language = CONTRACT_LANGUAGE[country];
    const bilingual = h('select', { name: 'bilingual', 'data-pointer': '/bilingual', 'data-test': 'lease-bilingual' },
      h('option', { value: '' }, t('generate-lease.bilingual_none')),
      ['en', 'de'].map((code) => h('option', { value: code }, languageName(code))));
    const template = h('select', { name: 'templateID', 'data-pointer': '/templateID' },
      h('option', { value: '' }, t('generate-lease.template_library')),
      templates.map((tpl) => h('option', { value: tpl.id }, tpl.name)));
    const clauseBoxes = optionalClauses.map((c) => h('input', { type: 'checkbox', name: 'clauses', value: c.key }));
    const dueDay = h('input', { type: 'number', name: 'dueDay', min: 1, max: 28, value: 5, inputmode: 'numeric', 'data-pointer': '/dueDay' });
    const wishes = h('textarea', { name: 'requests', rows: 3, maxlength: 5100, 'data-pointer': '/requests' });
    const generate = h('button', { class: 'btn btn-primary', type: 'submit', 'data-test': 'lease-generate' }, t('generate-lease.generate'));
    const problem = h('div');
    const progress = h('div');
    const formEl = h('form', { class: 'gen-options', novalidate: true },
      problem,
      facts([
        [t('generate-lease.law'), country ? t('generate-lease.law.' + country) : t('generate-lease.law_unknown')],
        [t('generate-lease.language'), language ? languageName(language) : t('generate-lease.language_default')],
      ]),
      h('p', { class: 'small muted' }, t('generate-lease.law_hint')),
      field(t('generate-lease.bilingual'), bilingual, t('generate-lease.bilingual_hint')),
      field(t('generate-lease.template'), template, templates.length ? null : t('generate-lease.template_none')),
      clauseBoxes.length ? h('fieldset', { class: 'field gen-plain', 'data-pointer': '/clauses' },
        h('legend', { class: 'label' }, t('generate-lease.clauses')),
        clauseBoxes.map((box, i) => h('label', { class: 'checkbox' }, box, optionalClauses[i].title))) : null,
      field(t('generate-lease.due_day'), dueDay, t('generate-lease.due_day_hint')),
      field(t('generate-lease.requests'), wishes, t('generate-lease.requests_hint')),
      h('div', { class: 'row' }, generate),
      progress);
    formEl.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {
        dueDay: Number(dueDay.value) || undefined,
        clauses: clauseBoxes.filter((b) => b.checked).map((b) => b.value),
        requests: wishes.value.split('\n').map((s) => s.trim()).filter(Boolean),
      };
      if (language) body.language = language;
      if (bilingual.value) body.bilingual = bilingual.value;
      if (template.value) body.templateID = template.value;
      if (body.requests.length === 0) delete body.requests;
      reportProblem(problem, formEl, null);
      try {
        const record = await whileGenerating(generate, progress,
          () => ctx.org.post(`/leases/${state.lease.id}/drafts`, body, { signal }));
        showDraft(record);
        await loadHistory(true);
        draftSlot.querySelector('h2')?.focus();
      } catch (error) {
        reportProblem(problem, formEl, error);
        if (error.name !== 'AbortError') loadHistory(true);
      }
    });
    return formEl;
  }

  function showDraft(record) {
    state.draftID = record.id;
    setQuery('generate/lease', { lease: state.lease?.id, draft: record.id });
    replace(draftSlot, draftEditor(ctx, {
      leaseID: state.lease.id, record,
      onChange: (next) => { showDraft(next); loadHistory(true); },
    }));
    markOpenRow();
  }

  let historyCursor = null;
  let historyRows = [];
  async function loadHistory(reset) {
    if (!state.lease) return;
    if (reset) { historyCursor = null; historyRows = []; replace(historySlot, loading()); }
    try {
      const page = await org.get(`/leases/${state.lease.id}/drafts`, { limit: 20, cursor: historyCursor ?? undefined }, { signal });
      historyRows = historyRows.concat(page.items);
      historyCursor = page.nextCursor ?? null;
      renderHistory();
      if (reset && !draftSlot.firstChild) {
        const wanted = historyRows.find((r) => r.id === state.draftID) ?? historyRows.find((r) => r.status !== 'failed');
        if (wanted) showDraft(wanted);
      }
    } catch (error) {
      if (error.name !== 'AbortError') replace(historySlot, problemAlert(error));
    }
  }

  function renderHistory() {
    const more = historyCursor ? h('button', { class: 'btn', type: 'button', onclick: () => loadHistory(false) }, t('common.more')) : null;
    replace(historySlot, table([
      [t('common.created'), (r) => dateTime(r.createdAt)],
      [t('common.status'), (r) => statusBadge(r.status)],
      [t('generate-lease.language'), (r) => r.result ? [languageName(r.result.language), r.result.bilingual ? ` + ${languageName(r.result.bilingual)}` : ''] : '—'],
      [t('generate-lease.made_with'), (r) => h('span', { class: 'small' }, usageText(r.usage, r.latencyMs))],
      [t('generate-lease.outcome'), (r) => (r.status === 'failed' ? h('span', { class: 'small' }, failureText(r))
        : r.status === 'finalized' ? t('generate-lease.outcome_documents') : t('generate-lease.outcome_editable'))],
      [t('common.actions'), (r) => (r.result ? h('button', {
        class: 'btn', type: 'button', 'data-test': 'lease-draft-open', 'data-id': r.id,
        'aria-label': t('generate-lease.open_draft', { date: dateTime(r.createdAt) }),
        onclick: () => { showDraft(r); draftSlot.scrollIntoView({ behavior: 'smooth', block: 'start' }); },
      }, t('generate.open')) : '')],
    ], historyRows, t('generate-lease.history_empty')), more);
    markOpenRow();
  }

  function markOpenRow() {
    for (const button of historySlot.querySelectorAll('[data-test="lease-draft-open"]')) {
      const open = button.dataset.id === state.draftID;
      button.disabled = open;
      button.textContent = open ? t('generate.opened') : t('generate.open');
    }
  }

  unitPick.select.addEventListener('change', async () => { state.draftID = null; await loadLeases(null); await chooseLease(); });
  leasePick.select.addEventListener('change', () => { state.draftID = null; chooseLease(); });

  const page = h('div', { class: 'gen-page' },
    pageHeader(t('generate-lease.title')),
    h('p', { class: 'muted' }, t('generate-lease.intro')),
    section('lease-pick-h', t('generate-lease.step_lease'),
      pickProblem,
      h('div', { class: 'filters' },
        h('div', {}, field(t('generate-lease.unit_filter'), unitPick.select), unitPick.more),
        h('div', {}, field(t('generate-lease.lease'), leasePick.select), leasePick.more)),
      noLeases,
      leaseFacts),
    section('lease-options-h', t('generate-lease.step_options'), optionsSlot),
    draftSlot,
    section('lease-history-h', t('generate-lease.history'), historySlot));
  replace(optionsSlot, h('p', { class: 'muted' }, t('generate-lease.pick_first')));
  replace(historySlot, h('p', { class: 'muted' }, t('generate-lease.pick_first')));
  await unitPick.reload();
  await loadLeases(ctx.query.lease ?? null);
  if (ctx.query.lease) await chooseLease();
  return page;
}

function leaseLabel(lease, unit) {
  const term = lease.endDate ? `${calendarDate(lease.startDate)} – ${calendarDate(lease.endDate)}` : t('generate-lease.open_ended', { start: calendarDate(lease.startDate) });
  return [unit?.number, lease.tenants.map((p) => p.name).join(', ') || null, term, t('generate-lease.lease_status.' + lease.status)]
    .filter(Boolean).join(' · ');
}
