// Writing or editing an announcement draft: title, text, audience (everyone, or roles × buildings
// and units) and whether it is pinned. Publishing and scheduling happen on the detail page.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pageHeader, field, form, toast, problemAlert } from '../core/ui.js';
import { Problem } from '../core/api.js';
import { checkbox, failedPage, loadPlaces, requireFilled, useStyles, withFieldErrors } from './faults-common.js';

// Staff always see every announcement, so only the other roles are worth choosing.
const AUDIENCE_ROLES = ['owner', 'tenant', 'resident', 'technician', 'realtor'];

export async function renderAnnouncementForm(ctx) {
  useStyles();
  const editing = ctx.params.id ? encodeURIComponent(ctx.params.id) : null;
  const heading = t(editing ? 'announcements.edit' : 'announcements.new');
  let places;
  let existing;
  try {
    [places, existing] = await Promise.all([
      loadPlaces(ctx),
      editing ? ctx.org.get(`/announcements/${editing}`, undefined, { signal: ctx.signal }) : null,
    ]);
  } catch (error) {
    return failedPage(heading, error, '#/announcements', t('announcements.back'));
  }
  const back = existing
    ? h('a', { href: `#/announcements/${existing.id}` }, existing.title)
    : h('a', { href: '#/announcements' }, t('announcements.back'));
  if (existing && existing.status !== 'draft' && existing.status !== 'scheduled') {
    return h('div', {}, pageHeader(heading, back),
      problemAlert({ detail: t('announcements.not_editable') }));
  }

  const target = existing?.target ?? { all: true, roles: [], buildingIDs: [], unitIDs: [] };
  const restricted = !target.all;
  const title = h('input', { name: 'title', required: true, maxlength: 200, value: existing?.title ?? '' });
  const body = h('textarea', { name: 'body', required: true, maxlength: 20000, rows: 10 }, existing?.body ?? '');

  const radio = (value, label, checked) => {
    const id = `audience-${value}`;
    return h('div', { class: 'checkbox' },
      h('input', { type: 'radio', id, name: 'audience', value, checked }), h('label', { for: id }, label));
  };
  const buildings = [...places.buildings.values()].sort((a, b) => a.name.localeCompare(b.name));
  const units = h('select', { name: 'unitIDs', multiple: true, size: 8, 'data-pointer': '/target/unitIDs' },
    buildings.map((b) => h('optgroup', { label: b.name },
      [...places.units.values()].filter((u) => u.buildingID === b.id)
        .sort((x, y) => x.number.localeCompare(y.number, undefined, { numeric: true }))
        .map((u) => h('option', { value: u.id, selected: target.unitIDs.includes(u.id) }, u.number)))));
  const choices = h('div', { class: 'stack', hidden: !restricted },
    h('p', { class: 'hint small muted', style: { margin: 0 } }, t('announcements.field.some_hint')),
    h('fieldset', { class: 'field', 'data-pointer': '/target/roles' },
      h('legend', {}, t('announcements.field.roles')),
      h('div', { class: 'prop-choices' }, AUDIENCE_ROLES.map((role) =>
        checkbox('roles', t('role.' + role), target.roles.includes(role), { value: role })))),
    buildings.length ? h('fieldset', { class: 'field', 'data-pointer': '/target/buildingIDs' },
      h('legend', {}, t('announcements.field.buildings')),
      h('div', { class: 'prop-choices' }, buildings.map((b) =>
        checkbox('buildingIDs', b.name, target.buildingIDs.includes(b.id), { value: b.id })))) : null,
    places.units.size ? field(t('announcements.field.units'), units, t('announcements.field.units_hint')) : null);
  const audience = h('fieldset', {
    class: 'field', 'data-pointer': '/target',
    onchange: (e) => { if (e.target.name === 'audience') choices.hidden = e.target.value !== 'some'; },
  },
  h('legend', {}, t('announcements.field.audience')),
  radio('all', t('announcements.field.everyone'), !restricted),
  radio('some', t('announcements.field.some'), restricted),
  choices);

  const el = form([
    field(t('announcements.field.title'), title),
    field(t('announcements.field.body'), body),
    audience,
    checkbox('pinned', t('announcements.field.pinned'), existing?.pinned ?? false),
  ], withFieldErrors(async (data, formEl) => {
    requireFilled(data, ['title', 'body']);
    const values = new FormData(formEl);
    const chosen = ['roles', 'buildingIDs', 'unitIDs'].some((name) => values.getAll(name).length > 0);
    if (data.audience === 'some' && !chosen) {
      throw new Problem(422, { code: 'validation.failed', errors: [{ pointer: '/target', detail: t('announcements.field.choose_audience') }] });
    }
    const input = {
      title: data.title.trim(),
      body: data.body.trim(),
      target: data.audience === 'some'
        ? { all: false, roles: values.getAll('roles'), buildingIDs: values.getAll('buildingIDs'), unitIDs: values.getAll('unitIDs') }
        : { all: true, roles: [], buildingIDs: [], unitIDs: [] },
      pinned: data.pinned === 'on',
    };
    const saved = editing
      ? await ctx.org.put(`/announcements/${editing}`, input)
      : await ctx.org.post('/announcements', input);
    toast(t('announcements.saved'));
    ctx.navigate(`announcements/${saved.id}`);
  }), { submitLabel: editing ? t('common.save') : t('announcements.save_draft') });
  el.setAttribute('data-test', 'announcement-form');
  el.setAttribute('aria-label', heading);
  return h('div', {}, pageHeader(heading, back), h('div', { class: 'card' }, el));
}
