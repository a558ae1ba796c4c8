// Buildings and units: the building list for staff, "My home" for the people who live in or own
// units (the API gives them only their own), and the routes of the detail and form pages.
import { h } from '../core/dom.js';
import { t, number } from '../core/i18n.js';
import { pageHeader } from '../core/ui.js';
import { allPages, loadInto } from './faults-common.js';
import { isResidentLike, address, countryName, unitName, area, byNumber, pagedTable, useEstateStyles } from './buildings-common.js';
import { renderBuildingDetail } from './buildings-detail.js';
import { renderBuildingForm } from './buildings-form.js';
import { renderUnitDetail } from './buildings-unit.js';
import { renderUnitForm } from './buildings-unit-form.js';

import { mergeMessages } from './admin-pager.js';
import { messages as buildingMessages } from './buildings-messages.js';
import { messages as leaseMessages } from './leases-messages.js';

// The unit page names lease statuses and periods, so it carries the lease messages too.
export const messages = mergeMessages(buildingMessages, leaseMessages);

const PAGE_SIZE = 25;

async function renderBuildingList(ctx) {
  useEstateStyles();
  if (isResidentLike(ctx)) return renderMyHome(ctx);
  const manage = ctx.can('buildingsManage');
  const list = pagedTable({
    caption: t('buildings.title'),
    attrs: { 'data-test': 'building-list' },
    emptyText: t(manage ? 'buildings.empty_manage' : 'buildings.empty'),
    load: (cursor) => ctx.org.get('/buildings', { limit: PAGE_SIZE, cursor: cursor ?? undefined }, { signal: ctx.signal }),
    rowAttrs: (b) => ({ 'data-test': 'building-row', 'data-id': b.id }),
    columns: [
      [t('buildings.field.name'), (b) => h('a', { href: `#/buildings/${encodeURIComponent(b.id)}` }, b.name)],
      [t('buildings.field.address'), (b) => [address(b), h('div', { class: 'small muted' }, countryName(b.country))]],
      [t('buildings.field.units'), (b) => unitCount(ctx, b.id)],
      [t('buildings.field.year_built'), (b) => (b.yearBuilt ? String(b.yearBuilt) : h('span', { class: 'muted' }, '—'))],
    ],
  });
  return h('div', {},
    pageHeader(t('buildings.title'),
      manage ? h('a', { class: 'btn btn-primary', href: '#/buildings/new', 'data-test': 'building-create' }, t('buildings.new')) : null),
    list);
}

/** The number of units of a building, filled in when counted (the API has no count, so its pages are read). */
function unitCount(ctx, buildingID) {
  const cell = h('span', { class: 'muted', 'aria-busy': 'true' }, '…');
  allPages((cursor) => ctx.org.get('/units', { buildingID, limit: 200, cursor }, { signal: ctx.signal }), 50)
    .then((units) => { cell.className = ''; cell.textContent = number(units.length); })
    .catch((error) => { if (error.name !== 'AbortError') { cell.textContent = '?'; cell.title = t('buildings.count_failed'); } })
    .finally(() => cell.removeAttribute('aria-busy'));
  return cell;
}

/** Owners, tenants and residents: their units, grouped by building, with the way to each unit's page. */
async function renderMyHome(ctx) {
  const slot = h('div', { 'aria-live': 'polite' });
  loadInto(slot, async () => {
    const [buildings, units] = await Promise.all([
      allPages((cursor) => ctx.org.get('/buildings', { limit: 200, cursor }, { signal: ctx.signal })),
      allPages((cursor) => ctx.org.get('/units', { limit: 200, cursor }, { signal: ctx.signal })),
    ]);
    if (units.length === 0) return h('p', { class: 'empty', 'data-test': 'building-list' }, t('buildings.home.empty'));
    return h('ul', { class: 'prop-list prop-cards', 'data-test': 'building-list' },
      buildings.sort((a, b) => a.name.localeCompare(b.name)).map((b) => {
        const mine = units.filter((u) => u.buildingID === b.id).sort(byNumber);
        if (mine.length === 0) return null;
        return h('li', { 'data-test': 'building-row', 'data-id': b.id },
          h('h2', {}, h('a', { href: `#/buildings/${encodeURIComponent(b.id)}` }, b.name)),
          h('p', { class: 'muted', style: { marginTop: 0 } }, address(b)),
          h('ul', { class: 'prop-list', 'data-test': 'unit-list' }, mine.map((u) => h('li', { 'data-test': 'unit-row', 'data-id': u.id },
            h('div', { class: 'row' },
              h('a', { href: `#/units/${encodeURIComponent(u.id)}`, style: { fontWeight: 600 } }, unitName(u)),
              h('span', { class: 'small muted' },
                [t('buildings.unit.floor_n', { n: number(u.floor) }), area(u.sizeSqm), t('buildings.unit.rooms_n', { n: number(u.rooms) })]
                  .join(' · ')))))));
      }));
  });
  return h('div', {}, pageHeader(t('buildings.home.title')), h('p', { class: 'muted' }, t('buildings.home.intro')), slot);
}

export const routes = [
  { path: 'buildings', render: renderBuildingList, permission: 'buildingsRead', nav: { group: 'property', label: 'buildings.nav', order: 5 } },
  { path: 'buildings/new', render: renderBuildingForm, permission: 'buildingsManage' },
  { path: 'buildings/:id', render: renderBuildingDetail, permission: 'buildingsRead' },
  { path: 'buildings/:id/edit', render: renderBuildingForm, permission: 'buildingsManage' },
  { path: 'units/new', render: renderUnitForm, permission: 'unitsManage' },
  { path: 'units/:id', render: renderUnitDetail, permission: 'unitsRead' },
  { path: 'units/:id/edit', render: renderUnitForm, permission: 'unitsManage' },
];
