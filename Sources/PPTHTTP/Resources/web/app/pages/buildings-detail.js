// One building: its address and facts, editing and deleting it (the API refuses while units, faults
// or meter reading windows still point at it, and we show why), and its units.
import { h } from '../core/dom.js';
import { t, number, dateTime } from '../core/i18n.js';
import { pageHeader, confirmDialog, showProblem, toast } from '../core/ui.js';
import { allPages, failedPage, loadInto } from './faults-common.js';
import { isResidentLike, address, countryName, unitName, area, shareText, byNumber, dataTable, facts, useEstateStyles } from './buildings-common.js';

export async function renderBuildingDetail(ctx) {
  useEstateStyles();
  const residentView = isResidentLike(ctx);
  const back = h('a', { href: '#/buildings' }, t(residentView ? 'buildings.home.back' : 'buildings.back'));
  let building;
  try {
    building = await ctx.org.get(`/buildings/${encodeURIComponent(ctx.params.id)}`, undefined, { signal: ctx.signal });
  } catch (error) {
    return failedPage(t('buildings.title'), error, '#/buildings', t(residentView ? 'buildings.home.back' : 'buildings.back'));
  }
  const manage = ctx.can('buildingsManage');
  const problems = h('div', { 'data-test': 'building-problems' });
  const actions = manage ? [
    h('a', { class: 'btn', href: `#/buildings/${encodeURIComponent(building.id)}/edit`, 'data-test': 'building-edit' }, t('common.edit')),
    deleteButton(ctx, building, problems),
  ] : [];

  return h('div', {},
    pageHeader(building.name, ...actions, back),
    problems,
    h('section', { class: 'card', 'aria-labelledby': 'building-facts' },
      h('h2', { id: 'building-facts' }, t('common.details')),
      facts([
        [t('buildings.field.address'), address(building)],
        [t('buildings.field.country'), countryName(building.country)],
        [t('buildings.field.year_built'), building.yearBuilt ? String(building.yearBuilt) : null],
        residentView ? null : [t('common.created'), h('time', { datetime: building.createdAt }, dateTime(building.createdAt))],
        residentView ? null : [t('buildings.field.updated'), h('time', { datetime: building.updatedAt }, dateTime(building.updatedAt))],
      ], { 'data-test': 'building-facts' })),
    unitsSection(ctx, building, residentView));
}

function deleteButton(ctx, building, problems) {
  const button = h('button', {
    class: 'btn btn-danger', type: 'button', 'data-test': 'building-delete',
    onclick: async () => {
      showProblem(problems, null);
      const sure = await confirmDialog(t('buildings.delete.confirm', { name: building.name }),
        { confirmLabel: t('buildings.delete.yes'), danger: true });
      if (!sure) return;
      button.disabled = true;
      try {
        await ctx.org.delete(`/buildings/${encodeURIComponent(building.id)}`);
        toast(t('buildings.delete.done', { name: building.name }));
        ctx.navigate('buildings');
      } catch (error) {
        button.disabled = false;
        if (error.name !== 'AbortError') showProblem(problems, error);
      }
    },
  }, t('common.delete'));
  return button;
}

/** The building's units by door number (every page is read: a building's units are listed together). */
function unitsSection(ctx, building, residentView) {
  const slot = h('div', { 'aria-live': 'polite' });
  loadInto(slot, async () => {
    const units = await allPages((cursor) => ctx.org.get('/units', { buildingID: building.id, limit: 200, cursor }, { signal: ctx.signal }), 50);
    return dataTable({
      caption: t('buildings.units.title'),
      attrs: { 'data-test': 'unit-list' },
      emptyText: t(residentView ? 'buildings.units.empty_mine' : 'buildings.units.empty'),
      rows: units.sort(byNumber),
      rowAttrs: (u) => ({ 'data-test': 'unit-row', 'data-id': u.id }),
      columns: [
        [t('buildings.unit.field.number'), (u) => h('a', { href: `#/units/${encodeURIComponent(u.id)}` }, unitName(u))],
        [t('buildings.unit.field.floor'), (u) => number(u.floor)],
        [t('buildings.unit.area'), (u) => area(u.sizeSqm)],
        [t('buildings.unit.field.rooms'), (u) => number(u.rooms)],
        [t('buildings.unit.field.share'), (u) => shareText(u)],
      ],
    });
  });
  const add = ctx.can('unitsManage')
    ? h('a', { class: 'btn btn-primary', href: `#/units/new?buildingID=${encodeURIComponent(building.id)}`, 'data-test': 'unit-create' }, t('buildings.units.new'))
    : null;
  const heading = h('h2', { id: 'building-units' }, t(residentView ? 'buildings.units.mine' : 'buildings.units.title'));
  return h('section', { class: 'card', 'aria-labelledby': 'building-units' },
    h('div', { class: 'estate-head' }, heading, add), slot);
}
