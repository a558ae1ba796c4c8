// One lease: its terms and parties, the status moves the lifecycle allows (each confirmed, since
// none can be undone), editing while it is a draft or active, and the way to draft the contract.
import { h, replace } from '../core/dom.js';
import { t, money, dateTime, date } from '../core/i18n.js';
import { pageHeader, badge, confirmDialog, showProblem, toast, problemAlert } from '../core/ui.js';
import { failedPage, calendarDate } from './faults-common.js';
import { facts, useEstateStyles } from './buildings-common.js';
import { LEASE_NEXT, leaseEditable, leaseStatusBadge, loadUnitLabels, listTitle } from './leases-common.js';

/** How each move is asked for and confirmed. */
const MOVES = {
  active: { label: 'leases.move.activate', confirm: 'leases.move.activate_confirm', done: 'leases.move.activated', danger: false },
  terminated: { label: 'leases.move.terminate', confirm: 'leases.move.terminate_confirm', done: 'leases.move.terminated', danger: true },
  expired: { label: 'leases.move.expire', confirm: 'leases.move.expire_confirm', done: 'leases.move.expired', danger: false },
};

export async function renderLeaseDetail(ctx) {
  useEstateStyles();
  const root = h('div');
  const units = await loadUnitLabels(ctx);

  async function show(message) {
    const lease = await ctx.org.get(`/leases/${encodeURIComponent(ctx.params.id)}`, undefined, { signal: ctx.signal });
    const unitLabel = units.get(lease.unitID)?.label ?? t('leases.unknown_unit');
    const manage = ctx.can('leasesManage');
    const actions = manage ? [
      leaseEditable(lease) ? h('a', { class: 'btn', href: `#/leases/${encodeURIComponent(lease.id)}/edit`, 'data-test': 'lease-edit' }, t('common.edit')) : null,
      h('a', { class: 'btn', href: `#/generate/lease?lease=${encodeURIComponent(lease.id)}`, 'data-test': 'lease-generate' }, t('leases.generate')),
    ] : [];
    replace(root,
      pageHeader(t('leases.detail_title', { unit: unitLabel }), leaseStatusBadge(lease.status), ...actions,
        h('a', { href: '#/leases' }, listTitle(ctx))),
      h('div', { class: 'prop-two' },
        h('div', {}, termsCard(ctx, lease, unitLabel), manage ? statusCard(ctx, lease, show) : null),
        h('div', {}, partiesCard(ctx, lease))));
    if (message) toast(message);
  }

  try {
    await show();
  } catch (error) {
    return failedPage(t('leases.title'), error, '#/leases', t('leases.back'));
  }
  return root;
}

function termsCard(ctx, lease, unitLabel) {
  const day = (value) => h('time', { datetime: value }, date(calendarDate(value)));
  return h('section', { class: 'card', 'aria-labelledby': 'lease-terms' },
    h('h2', { id: 'lease-terms' }, t('leases.terms')),
    facts([
      [t('leases.field.unit'), ctx.can('unitsRead') ? h('a', { href: `#/units/${encodeURIComponent(lease.unitID)}` }, unitLabel) : unitLabel],
      [t('leases.field.status'), leaseStatusBadge(lease.status)],
      [t('leases.field.start'), day(lease.startDate)],
      [t('leases.field.end'), lease.endDate ? day(lease.endDate) : h('span', { class: 'muted' }, t('leases.open_ended'))],
      [t('leases.field.rent'), t('leases.rent_per_month', { amount: money(lease.rent) })],
      [t('leases.field.deposit'), money(lease.deposit)],
      [t('leases.field.currency'), lease.rent.currency],
      [t('common.created'), h('time', { datetime: lease.createdAt }, dateTime(lease.createdAt))],
      [t('leases.field.updated'), h('time', { datetime: lease.updatedAt }, dateTime(lease.updatedAt))],
    ], { 'data-test': 'lease-terms' }));
}

function partyFacts(ctx, party) {
  return facts([
    [t('leases.party.name'), [party.name, party.userID === ctx.user.id ? [' ', badge(t('leases.party.you'))] : null]],
    party.email ? [t('leases.party.email'), h('a', { href: `mailto:${party.email}` }, party.email)] : null,
    party.address ? [t('leases.party.address'), party.address] : null,
    party.idNumber ? [t('leases.party.id_number'), party.idNumber] : null,
    [t('leases.party.login'), party.userID ? t('leases.party.login_yes') : t('leases.party.login_no')],
  ]);
}

function partiesCard(ctx, lease) {
  return h('section', { class: 'card', 'aria-labelledby': 'lease-parties', 'data-test': 'lease-parties' },
    h('h2', { id: 'lease-parties' }, t('leases.parties')),
    h('h3', { class: 'estate-sub' }, t('leases.landlord')),
    partyFacts(ctx, lease.landlord),
    lease.tenants.map((tenant, i) => [
      h('h3', { class: 'estate-sub' }, lease.tenants.length > 1 ? t('leases.tenant_n', { n: i + 1 }) : t('leases.tenant')),
      partyFacts(ctx, tenant),
    ]));
}

/** The moves the lifecycle allows from the current status, each after a confirmation. */
function statusCard(ctx, lease, show) {
  const problems = h('div');
  const next = LEASE_NEXT[lease.status] ?? [];
  const buttons = next.map((status) => {
    const move = MOVES[status];
    const button = h('button', {
      class: move.danger ? 'btn btn-danger' : status === 'active' ? 'btn btn-primary' : 'btn', type: 'button',
      'data-test': 'lease-move', 'data-status': status,
      onclick: async () => {
        showProblem(problems, null);
        const sure = await confirmDialog(t(move.confirm), { confirmLabel: t(move.label), danger: move.danger });
        if (!sure) return;
        for (const b of buttons) b.disabled = true;
        try {
          await ctx.org.post(`/leases/${encodeURIComponent(lease.id)}/status`, { status });
          await show(t(move.done));
        } catch (error) {
          for (const b of buttons) b.disabled = false;
          if (error.name !== 'AbortError') replace(problems, problemAlert(error));
        }
      },
    }, t(move.label));
    return button;
  });
  return h('section', { class: 'card', 'aria-labelledby': 'lease-status', 'data-test': 'lease-status', 'data-status': lease.status },
    h('h2', { id: 'lease-status' }, t('leases.status_title')),
    h('p', {}, leaseStatusBadge(lease.status), ' ', t('leases.status_explain.' + lease.status)),
    problems,
    buttons.length ? h('div', { class: 'row' }, buttons) : h('p', { class: 'muted' }, t('leases.status_final')));
}
