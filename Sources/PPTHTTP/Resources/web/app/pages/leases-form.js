// Creating a lease (`leases/new`, `?unitID=` preselects the unit) or changing the terms of a draft
// or active one (`leases/:id/edit`): unit, landlord, one to ten tenants, term, rent, deposit and
// currency. New leases start as drafts; the status moves are on the lease page.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pageHeader, field, select, toast, showProblem } from '../core/ui.js';
import { failedPage, showFieldErrors, clearFieldErrors, today } from './faults-common.js';
import { parseMoneyMinor, minorToInput, fieldProblem, loadMembers, useEstateStyles } from './buildings-common.js';
import { leaseEditable, loadUnitLabels } from './leases-common.js';
import { partyFieldset } from './leases-party.js';

const MAX_TENANTS = 10;
const CURRENCIES = ['EUR', 'CZK'];
/** Catches typing slips before the API does (it wants an "@"; its message is English only). */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export async function renderLeaseForm(ctx) {
  useEstateStyles();
  const editing = Boolean(ctx.params.id);
  let lease = null;
  let units;
  let members;
  try {
    [lease, units, members] = await Promise.all([
      editing ? ctx.org.get(`/leases/${encodeURIComponent(ctx.params.id)}`, undefined, { signal: ctx.signal }) : null,
      loadUnitLabels(ctx),
      loadMembers(ctx),
    ]);
  } catch (error) {
    return failedPage(t('leases.edit'), error, '#/leases', t('leases.back'));
  }
  const backHref = editing ? `#/leases/${encodeURIComponent(lease.id)}` : ctx.query.unitID ? `#/units/${encodeURIComponent(ctx.query.unitID)}` : '#/leases';
  const title = editing ? t('leases.edit') : t('leases.new');
  const header = pageHeader(title, h('a', { href: backHref }, t('common.back')));
  if (editing && !leaseEditable(lease)) {
    return h('div', {}, header, h('div', { class: 'alert info' }, t('problem.lease.closed')));
  }
  if (units.size === 0) return h('div', {}, header, h('p', { class: 'empty' }, t('leases.no_units')));

  const unitID = lease?.unitID ?? ctx.query.unitID ?? '';
  const unitOptions = [...units].map(([id, { label }]) => [id, label]);
  if (unitID && !units.has(unitID)) unitOptions.push([unitID, t('leases.unknown_unit')]);
  const unit = select('unitID', [['', t('leases.choose_unit')], ...unitOptions], unitID, { required: true, 'data-pointer': '/unitID' });
  const landlord = partyFieldset({
    legend: t('leases.landlord'), pointer: '/landlord', party: lease?.landlord, members, accountHint: t('leases.party.account_hint_landlord'),
  });
  const tenantList = h('div', { class: 'stack', 'data-pointer': '/tenants', 'data-test': 'lease-tenants' });
  const tenants = [];
  const addTenantButton = h('button', { class: 'btn', type: 'button', 'data-test': 'lease-tenant-add', onclick: () => { addTenant({}).nameInput.focus(); } },
    t('leases.party.add_tenant'));

  function renumber() {
    tenants.forEach((party, i) => {
      party.setPointer(`/tenants/${i}`, tenants.length > 1 ? t('leases.tenant_n', { n: i + 1 }) : t('leases.tenant'));
      party.removeButton.hidden = tenants.length === 1;
    });
    addTenantButton.hidden = tenants.length >= MAX_TENANTS;
  }
  function addTenant(party) {
    const entry = partyFieldset({
      legend: t('leases.tenant'), pointer: `/tenants/${tenants.length}`, party, members,
      removable: () => {
        if (tenants.length === 1) return;
        tenants.splice(tenants.indexOf(entry), 1);
        entry.element.remove();
        renumber();
        addTenantButton.focus();
      },
    });
    tenants.push(entry);
    tenantList.append(entry.element);
    renumber();
    return entry;
  }
  for (const party of lease?.tenants ?? [{}]) addTenant(party);

  // A new lease is usually signed by the unit's owner: prefill the landlord from its residents.
  unit.addEventListener('change', () => { if (!editing) suggestLandlord(ctx, unit.value, landlord); });
  if (!editing && unitID) suggestLandlord(ctx, unitID, landlord);

  const currency = lease?.rent.currency ?? ctx.membership?.organization?.currency ?? 'EUR';
  const moneyInput = (name, pointer, value) => h('input', {
    name, inputmode: 'decimal', autocomplete: 'off', required: name === 'rent', 'data-pointer': pointer,
    value: value === undefined ? '' : minorToInput(value),
  });
  const termFields = [
    h('div', { class: 'estate-two' },
      field(t('leases.field.start'), h('input', { name: 'startDate', type: 'date', required: true, value: lease?.startDate ?? '', 'data-pointer': '/startDate' })),
      field(t('leases.field.end'), h('input', { name: 'endDate', type: 'date', value: lease?.endDate ?? '', 'data-pointer': '/endDate' }), t('leases.field.end_hint'))),
    h('div', { class: 'estate-two' },
      field(t('leases.field.rent'), moneyInput('rent', '/rentMinor', lease?.rent.amountMinor), t('leases.field.rent_hint')),
      field(t('leases.field.deposit'), moneyInput('deposit', '/depositMinor', lease?.deposit.amountMinor ?? (editing ? undefined : 0)))),
    field(t('leases.field.currency'), select('currency', CURRENCIES.map((c) => [c, c]), currency, { 'data-pointer': '/currency' })),
  ];

  const errors = h('div', { tabindex: '-1' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit' }, t(editing ? 'common.save' : 'leases.create'));
  const el = h('form', { class: 'form estate-form', novalidate: true, 'data-test': 'lease-form', 'aria-label': title },
    errors,
    field(t('leases.field.unit'), unit),
    landlord.element,
    h('fieldset', { class: 'field stack' }, h('legend', {}, t('leases.tenants')), tenantList, h('div', { class: 'row' }, addTenantButton)),
    h('fieldset', { class: 'field stack' }, h('legend', {}, t('leases.terms')), termFields),
    h('div', { class: 'row' }, submit, h('a', { class: 'btn', href: backHref }, t('common.cancel'))));

  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    showProblem(errors, null);
    clearFieldErrors(el);
    try {
      const body = readLease(el, landlord, tenants);
      const saved = editing
        ? await ctx.org.put(`/leases/${encodeURIComponent(lease.id)}`, body)
        : await ctx.org.post('/leases', body);
      toast(t(editing ? 'leases.saved' : 'leases.created'));
      ctx.navigate(`leases/${saved.id}`);
    } catch (error) {
      if (error.name === 'AbortError') return;
      showFieldErrors(el, error);
      showProblem(errors, error);
      el.querySelector('[aria-invalid="true"]')?.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return h('div', {}, header, h('div', { class: 'card' }, el));
}

/** The LeaseInput from the form, or a validation problem naming every field that is plainly wrong. */
function readLease(el, landlord, tenants) {
  const value = (name) => el.elements[name].value.trim();
  const wrong = [];
  const required = t('leases.required');
  if (!value('unitID')) wrong.push(['/unitID', required]);
  const parties = [['/landlord', landlord], ...tenants.map((p, i) => [`/tenants/${i}`, p])];
  for (const [pointer, party] of parties) {
    const { name, email } = party.read();
    if (!name) wrong.push([`${pointer}/name`, required]);
    if (email && !EMAIL.test(email)) wrong.push([`${pointer}/email`, t('leases.email_invalid')]);
  }
  const startDate = value('startDate');
  const endDate = value('endDate');
  if (!startDate) wrong.push(['/startDate', required]);
  if (startDate && endDate && endDate <= startDate) wrong.push(['/endDate', t('leases.end_after_start')]);
  const rentMinor = parseMoneyMinor(value('rent'));
  if (!value('rent')) wrong.push(['/rentMinor', required]);
  else if (Number.isNaN(rentMinor) || rentMinor <= 0) wrong.push(['/rentMinor', t('leases.amount_invalid')]);
  const depositMinor = value('deposit') ? parseMoneyMinor(value('deposit')) : 0;
  if (Number.isNaN(depositMinor)) wrong.push(['/depositMinor', t('leases.amount_invalid')]);
  if (wrong.length) throw fieldProblem(wrong);
  return {
    unitID: value('unitID'), landlord: landlord.read(), tenants: tenants.map((p) => p.read()),
    startDate, endDate: endDate || null, rentMinor, depositMinor, currency: value('currency'),
  };
}

/** Fills an untouched landlord with the unit's current owner, when the role may read residents. */
async function suggestLandlord(ctx, unitID, landlord) {
  if (!unitID || !ctx.can('residentsRead') || !landlord.isEmpty()) return;
  try {
    const residents = await ctx.org.get(`/units/${encodeURIComponent(unitID)}/residents`, undefined, { signal: ctx.signal });
    const now = today();
    const owner = residents.find((r) => r.relation === 'owner' && (!r.endDate || r.endDate >= now));
    if (owner && landlord.isEmpty()) landlord.fill(owner);
  } catch {
    // Only a convenience: the landlord is typed in by hand.
  }
}
