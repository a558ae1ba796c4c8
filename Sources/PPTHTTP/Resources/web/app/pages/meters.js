// Meters: the list (a resident's own units' meters, as the API limits them) with each meter's last
// reading and the reading window open now. The meter page with its readings is in meters-detail.js,
// reading windows in meters-windows.js, registering a meter in meters-form.js.
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pageHeader, field, select } from '../core/ui.js';
import { useStyles } from './faults-common.js';
import { mergeMessages } from './admin-pager.js';
import { calendarTime, sharedMessages, unitName, unitOptions, useAreaStyles } from './finance-common.js';
import { placesOrEmpty } from './finance-invoices.js';
import { filterForm, pagedRows } from './finance-pager.js';
import { kindName, loadWindows, metersNav, readingValue, readsAllMeters, windowDates, windowState } from './meters-common.js';
import { renderMeterDetail } from './meters-detail.js';
import { renderMeterForm } from './meters-form.js';
import { renderWindows } from './meters-windows.js';
import { messages as meterMessages } from './meters-messages.js';

export const messages = mergeMessages(meterMessages, sharedMessages);

const PAGE_SIZE = 25;

/** The meter's latest reading, filled in once loaded (the meter list carries none). */
function lastReadingCell(ctx, meter) {
  const cell = h('td', { 'data-test': 'meter-last-reading' }, h('span', { class: 'muted' }, '…'));
  ctx.org.get(`/meters/${encodeURIComponent(meter.id)}/readings`, { limit: 1 }, { signal: ctx.signal }).then((readings) => {
    const last = readings[0];
    replace(cell, last
      ? [h('span', { class: 'area-nowrap' }, readingValue(last.value, meter)), h('div', { class: 'small muted' }, calendarTime(last.readOn))]
      : h('span', { class: 'muted' }, t('meters.no_reading')));
  }, (error) => {
    if (error.name !== 'AbortError') replace(cell, h('span', { class: 'muted' }, '—'));
  });
  return cell;
}

/** A line about the reading windows open now, so residents know whether they can submit. */
async function windowNotice(ctx, slot) {
  try {
    const open = (await loadWindows(ctx)).filter((w) => windowState(w) === 'open');
    if (open.length === 0) return;
    replace(slot, h('div', { class: 'alert info', 'data-test': 'open-window-notice' },
      open.map((w) => h('div', {}, h('strong', {}, w.title), ' · ', windowDates(w))),
      h('div', { class: 'small' }, t(readsAllMeters(ctx) ? 'meters.window_open_staff' : 'meters.window_open_resident'))));
  } catch (error) {
    if (error.name !== 'AbortError') replace(slot);
  }
}

async function renderMeterList(ctx) {
  useStyles();
  useAreaStyles();
  const places = await placesOrEmpty(ctx);
  const mine = !readsAllMeters(ctx);
  const filters = { unitID: ctx.query.unitID ?? '' };
  const results = h('div', {});
  const notice = h('div', {});
  windowNotice(ctx, notice);
  const controls = places.units.size > 1
    ? [field(t('meters.field.unit'), select('unitID', [['', t('meters.any_unit')], ...unitOptions(places)], filters.unitID))]
    : [];

  function load() {
    replace(results, pagedRows({
      load: (cursor) => ctx.org.get('/meters', { unitID: filters.unitID || undefined, limit: PAGE_SIZE, cursor }, { signal: ctx.signal }),
      row: (meter) => h('tr', { 'data-test': 'meter-row', 'data-id': meter.id, 'data-kind': meter.kind },
        h('td', { class: 'area-nowrap' }, unitName(places, meter.unitID)),
        h('td', {}, h('a', { href: `#/meters/${encodeURIComponent(meter.id)}` }, kindName(meter.kind))),
        h('td', { class: 'mono' }, meter.serialNumber),
        lastReadingCell(ctx, meter)),
      headings: [[t('meters.field.unit')], [t('meters.field.kind')], [t('meters.field.serial')], [t('meters.field.last_reading')]],
      caption: t(mine ? 'meters.title_mine' : 'meters.title'),
      empty: t(filters.unitID ? 'meters.empty_filtered' : (mine ? 'meters.empty_mine' : 'meters.empty')),
      attrs: { 'data-test': 'meter-list' },
    }));
  }

  load();
  return h('div', {},
    pageHeader(t(mine ? 'meters.title_mine' : 'meters.title'),
      ctx.can('metersManage') ? h('a', { class: 'btn btn-primary', href: '#/meters/new', 'data-test': 'meter-create' }, t('meters.new')) : null),
    metersNav(ctx, 'meters'),
    notice,
    controls.length ? filterForm('meters', t('meters.filter'), filters, controls, load) : null,
    results);
}

const READ = ['metersReadAll', 'metersSubmitOwn', 'metersManage'];

export const routes = [
  { path: 'meters', render: renderMeterList, permission: READ, nav: { group: 'property', label: 'meters.nav', order: 36 } },
  { path: 'meters/new', render: renderMeterForm, permission: 'metersManage' },
  { path: 'meters/windows', render: renderWindows, permission: READ },
  { path: 'meters/:id', render: renderMeterDetail, permission: READ },
];
