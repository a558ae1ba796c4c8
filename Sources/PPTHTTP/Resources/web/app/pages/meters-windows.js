// Reading windows: the periods in which residents submit their readings (residents see those of
// their buildings and the organization-wide ones), and announcing one for managers.
import { h, replace } from '../core/dom.js';
import { t, dateTime } from '../core/i18n.js';
import { pageHeader, field, select, toast } from '../core/ui.js';
import { allPages, today, useStyles } from './faults-common.js';
import { actionForm, addDays, calendarTime, fieldProblem, useAreaStyles } from './finance-common.js';
import { pagedRows } from './finance-pager.js';
import { metersNav, windowBadge } from './meters-common.js';

const PAGE_SIZE = 25;
/** Days a new window stays open unless the manager says otherwise. */
const DEFAULT_WINDOW_DAYS = 14;

export async function renderWindows(ctx) {
  useStyles();
  useAreaStyles();
  const buildings = await allPages((cursor) => ctx.org.get('/buildings', { limit: 200, cursor }, { signal: ctx.signal }))
    .catch((error) => { if (error.name === 'AbortError') throw error; return []; });
  const buildingNames = new Map(buildings.map((b) => [b.id, b.name]));
  const manages = ctx.can('metersManage');
  const results = h('div', {});

  function load() {
    replace(results, pagedRows({
      load: (cursor) => ctx.org.get('/reading-windows', { limit: PAGE_SIZE, cursor }, { signal: ctx.signal }),
      row: (w) => h('tr', { 'data-test': 'window-row', 'data-id': w.id },
        h('td', {}, w.title),
        h('td', {}, w.buildingID ? (buildingNames.get(w.buildingID) ?? t('meters.window.one_building')) : t('meters.window.all_buildings')),
        h('td', { class: 'area-nowrap' }, calendarTime(w.opensOn)),
        h('td', { class: 'area-nowrap' }, calendarTime(w.closesOn)),
        h('td', {}, windowBadge(w)),
        manages ? h('td', { class: 'small' }, w.openedAt
          ? h('time', { datetime: w.openedAt }, dateTime(w.openedAt))
          : h('span', { class: 'muted' }, t('meters.window.not_notified'))) : null),
      headings: [
        [t('meters.window.title_field')], [t('meters.window.scope')], [t('meters.window.opens')], [t('meters.window.closes')],
        [t('common.status')], manages ? [t('meters.window.notified')] : null,
      ],
      caption: t('meters.windows.title'),
      empty: t('meters.windows.empty'),
      attrs: { 'data-test': 'window-list' },
    }));
  }
  load();

  const announce = manages ? announcePanel(ctx, buildings, load) : null;
  return h('div', {},
    pageHeader(t('meters.windows.title'), announce?.toggle),
    metersNav(ctx, 'meters/windows'),
    h('p', { class: 'muted' }, t(manages ? 'meters.windows.intro_staff' : 'meters.windows.intro')),
    announce?.panel,
    results);
}

/** The "Announce a window" button and the form it shows. */
function announcePanel(ctx, buildings, reload) {
  const start = today();
  const title = h('input', { name: 'title', required: true, maxlength: 200, autocomplete: 'off' });
  const building = select('buildingID', [['', t('meters.window.all_buildings')],
    ...[...buildings].sort((a, b) => a.name.localeCompare(b.name)).map((b) => [b.id, b.name])], '');
  const opensOn = h('input', { name: 'opensOn', type: 'date', required: true, value: start });
  const closesOn = h('input', { name: 'closesOn', type: 'date', required: true, value: addDays(start, DEFAULT_WINDOW_DAYS) });
  const panel = h('section', { class: 'card area-form-card', id: 'window-announce', 'aria-labelledby': 'window-announce-title', hidden: true });
  const toggle = h('button', {
    class: 'btn btn-primary', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'window-announce', 'data-test': 'window-create',
    onclick: () => setOpen(panel.hidden),
  }, t('meters.window.new'));
  function setOpen(open) {
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) title.focus();
  }

  const form = actionForm([
    field(t('meters.window.title_field'), title, t('meters.window.title_hint')),
    field(t('meters.window.scope'), building, t('meters.window.scope_hint')),
    h('div', { class: 'area-fields' },
      field(t('meters.window.opens'), opensOn),
      field(t('meters.window.closes'), closesOn)),
  ], async (data) => {
    const problems = [];
    if (!data.title.trim()) problems.push(['title', t('finance.err.required')]);
    if (!data.opensOn) problems.push(['opensOn', t('finance.err.required')]);
    if (!data.closesOn) problems.push(['closesOn', t('finance.err.required')]);
    else if (data.opensOn && data.closesOn < data.opensOn) problems.push(['closesOn', t('finance.err.closes_before_opens')]);
    else if (data.opensOn && data.closesOn > addDays(data.opensOn, 366)) problems.push(['closesOn', t('finance.err.window_too_long')]);
    if (problems.length) throw fieldProblem(problems);
    const window = await ctx.org.post('/reading-windows', {
      title: data.title.trim(), buildingID: data.buildingID || null, opensOn: data.opensOn, closesOn: data.closesOn,
    });
    toast(t('meters.window.created', { title: window.title }));
    title.value = '';
    building.value = '';
    opensOn.value = today();
    closesOn.value = addDays(today(), DEFAULT_WINDOW_DAYS);
    setOpen(false);
    toggle.focus();
    reload();
  }, {
    submitLabel: t('meters.window.announce'),
    attrs: { 'data-test': 'window-form', 'aria-labelledby': 'window-announce-title' },
    extra: [h('button', { class: 'btn', type: 'button', onclick: () => { setOpen(false); toggle.focus(); } }, t('common.cancel'))],
  });
  panel.append(h('h2', { id: 'window-announce-title' }, t('meters.window.new')), form);
  return { toggle, panel };
}
