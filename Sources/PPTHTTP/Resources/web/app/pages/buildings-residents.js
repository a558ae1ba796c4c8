// A unit's residents: who owns, rents or lives in it and since when; staff add a person (a member
// with a login, or anyone by name and e-mail) and remove a residency after confirming.
import { h, replace } from '../core/dom.js';
import { t, date } from '../core/i18n.js';
import { field, select, form, toast, badge, confirmDialog, showProblem, loading } from '../core/ui.js';
import { calendarDate, today, loadInto, withFieldErrors } from './faults-common.js';
import { RESIDENT_RELATIONS, fieldProblem, loadMembers, requireFilled } from './buildings-common.js';

const RELATION_TONE = { owner: 'ok', tenant: '', family_member: '' };

export function residentsSection(ctx, unit) {
  const manage = ctx.can('residentsManage');
  const slot = h('div', { 'aria-live': 'polite' });
  const problems = h('div');
  const path = `/units/${encodeURIComponent(unit.id)}/residents`;
  const reload = () => loadInto(slot, async () => residentList(await ctx.org.get(path, undefined, { signal: ctx.signal })));

  function residentList(residents) {
    if (residents.length === 0) return h('p', { class: 'empty', 'data-test': 'resident-list' }, t('buildings.residents.empty'));
    const now = today();
    const day = (value) => date(calendarDate(value));
    return h('ul', { class: 'prop-list', 'data-test': 'resident-list', 'aria-label': t('buildings.residents.title') }, residents.map((r) => {
      const former = Boolean(r.endDate && r.endDate < now);
      return h('li', { 'data-test': 'resident-row', 'data-id': r.id },
        h('div', { class: 'row' },
          h('div', {},
            h('strong', {}, r.name), ' ',
            badge(t('buildings.relation.' + r.relation), RELATION_TONE[r.relation] ?? ''),
            r.userID === ctx.user.id ? [' ', badge(t('buildings.residents.you'))] : null,
            former ? [' ', badge(t('buildings.residents.former'), 'warn')] : null),
          manage ? removeButton(r) : null),
        h('div', { class: 'small muted' },
          [r.email, r.userID && r.userID !== ctx.user.id ? t('buildings.residents.has_login') : null].filter(Boolean).join(' · ')),
        h('div', { class: 'small' }, r.endDate
          ? t('buildings.residents.period', { start: day(r.startDate), end: day(r.endDate) })
          : t('buildings.residents.since', { start: day(r.startDate) })));
    }));
  }

  function removeButton(resident) {
    const button = h('button', {
      class: 'btn btn-danger', type: 'button', 'data-test': 'resident-remove',
      'aria-label': t('buildings.residents.remove_named', { name: resident.name }),
      onclick: async () => {
        showProblem(problems, null);
        const sure = await confirmDialog(t('buildings.residents.remove_confirm', { name: resident.name }),
          { confirmLabel: t('buildings.residents.remove'), danger: true });
        if (!sure) return;
        button.disabled = true;
        try {
          await ctx.org.delete(`${path}/${encodeURIComponent(resident.id)}`);
          toast(t('buildings.residents.removed', { name: resident.name }));
          reload();
        } catch (error) {
          button.disabled = false;
          if (error.name !== 'AbortError') showProblem(problems, error);
        }
      },
    }, t('buildings.residents.remove'));
    return button;
  }

  reload();
  return h('section', { class: 'card', 'aria-labelledby': 'unit-residents' },
    h('h2', { id: 'unit-residents' }, t('buildings.residents.title')),
    problems, slot,
    manage ? addResident(ctx, path, reload) : null);
}

/** The "Add a resident" disclosure: a member picked from the organization fills name and e-mail. */
function addResident(ctx, path, reload) {
  const holder = h('div', { id: 'resident-add-form', hidden: true });
  let built = false;
  const toggle = h('button', {
    class: 'btn btn-primary', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'resident-add-form', 'data-test': 'resident-add-open',
    onclick: async () => {
      const open = holder.hidden;
      holder.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      if (!open) return;
      if (!built) { built = true; replace(holder, loading()); await build(); }
      holder.querySelector('select, input')?.focus();
    },
  }, t('buildings.residents.add'));

  async function build() {
    const members = await loadMembers(ctx);
    const name = h('input', { name: 'name', required: true, maxlength: 200, autocomplete: 'off' });
    const email = h('input', { name: 'email', type: 'email', maxlength: 254, autocomplete: 'off' });
    const member = members.length ? select('userID', [['', t('buildings.residents.no_member')],
      ...members.map((m) => [m.user.id, `${m.user.name} · ${m.user.email} (${t('role.' + m.role)})`])], '') : null;
    member?.addEventListener('change', () => {
      const chosen = members.find((m) => m.user.id === member.value);
      if (chosen) { name.value = chosen.user.name; email.value = chosen.user.email; }
    });
    const fields = [
      member ? field(t('buildings.residents.member'), member, t('buildings.residents.member_hint')) : null,
      h('div', { class: 'estate-two' },
        field(t('buildings.residents.name'), name),
        field(t('buildings.residents.email'), email, member ? null : t('buildings.residents.email_hint'))),
      field(t('buildings.residents.relation'), select('relation', RESIDENT_RELATIONS.map((r) => [r, t('buildings.relation.' + r)]), 'tenant')),
      h('div', { class: 'estate-two' },
        field(t('buildings.residents.from'), h('input', { name: 'startDate', type: 'date', required: true, value: today() })),
        field(t('buildings.residents.until'), h('input', { name: 'endDate', type: 'date' }), t('buildings.residents.until_hint'))),
    ];
    const el = form(fields, withFieldErrors(async (data, formEl) => {
      requireFilled(data, ['name', 'startDate']);
      const wrong = [];
      if (data.email.trim() && !/^[^\s@]+@[^\s@]+$/.test(data.email.trim())) wrong.push(['/email', t('buildings.residents.email_invalid')]);
      if (data.endDate && data.endDate < data.startDate) wrong.push(['/endDate', t('buildings.residents.end_before_start')]);
      if (wrong.length) throw fieldProblem(wrong);
      const added = await ctx.org.post(path, {
        userID: data.userID || null, name: data.name.trim(), email: data.email.trim() || null,
        relation: data.relation, startDate: data.startDate, endDate: data.endDate || null,
      });
      toast(t('buildings.residents.added', { name: added.name }));
      // reset() would fall back to the first relation (the selects mark their choice as a property).
      formEl.reset();
      formEl.elements.relation.value = 'tenant';
      formEl.elements.startDate.value = today();
      holder.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
      toggle.focus();
      reload();
    }), { submitLabel: t('buildings.residents.add_submit') });
    el.classList.add('estate-form');
    el.setAttribute('data-test', 'resident-add');
    el.setAttribute('aria-label', t('buildings.residents.add'));
    replace(holder, el);
  }

  return h('div', { class: 'stack', style: { marginTop: '1rem' } }, h('div', { class: 'row' }, toggle), holder);
}
