// One meter: its facts, submitting a reading (managers always; owners and tenants of the unit while
// a reading window is open — the API's rule), and the readings history as a chart and a table.
import { h, replace } from '../core/dom.js';
import { t, date, dateTime } from '../core/i18n.js';
import { pageHeader, field, toast } from '../core/ui.js';
import { lineChart } from '../core/charts.js';
import { calendarDate, failedPage, loadPeople, personName, plural, today, useStyles } from './faults-common.js';
import {
  actionForm, calendarTime, decimal, facts, fieldProblem, focusHeading, parseDecimal, unitName, useAreaStyles,
} from './finance-common.js';
import { placesOrEmpty } from './finance-invoices.js';
import {
  kindName, loadWindows, metersNav, nextWindowFor, openWindowFor, readingValue, readsAllMeters, windowDates,
} from './meters-common.js';

/** Readings the page shows and charts (the API returns up to 500, latest first). */
const HISTORY_LIMIT = 500;

export async function renderMeterDetail(ctx) {
  useStyles();
  useAreaStyles();
  const id = encodeURIComponent(ctx.params.id);
  const root = h('div', {});
  const back = h('a', { href: '#/meters' }, t(readsAllMeters(ctx) ? 'meters.back' : 'meters.back_mine'));
  const [places, people, windows] = await Promise.all([
    placesOrEmpty(ctx),
    loadPeople(ctx),
    loadWindows(ctx).catch((error) => { if (error.name === 'AbortError') throw error; return []; }),
  ]);

  async function show(message) {
    const [meter, readings] = await Promise.all([
      ctx.org.get(`/meters/${id}`, undefined, { signal: ctx.signal }),
      ctx.org.get(`/meters/${id}/readings`, { limit: HISTORY_LIMIT }, { signal: ctx.signal }),
    ]);
    const page = { ctx, places, people, windows, meter, readings, show };
    replace(root,
      pageHeader(`${kindName(meter.kind)} · ${meter.serialNumber}`, back),
      metersNav(ctx, 'meters'),
      h('div', { class: 'prop-two' }, factsCard(page), submitCard(page)),
      chartCard(page),
      historyCard(page));
    if (message) {
      toast(message);
      focusHeading(root);
    }
  }

  try {
    await show();
  } catch (error) {
    return failedPage(t('meters.title'), error, '#/meters', t('meters.back'));
  }
  return root;
}

function factsCard({ places, meter, readings }) {
  const last = readings[0];
  return h('section', { class: 'card', 'aria-labelledby': 'meter-facts' },
    h('h2', { id: 'meter-facts' }, t('common.details')),
    facts([
      [t('meters.field.unit'), unitName(places, meter.unitID)],
      [t('meters.field.kind'), kindName(meter.kind)],
      [t('meters.field.serial'), h('span', { class: 'mono' }, meter.serialNumber)],
      [t('meters.field.measure_unit'), meter.unit],
      [t('meters.field.last_reading'), last
        ? h('span', {}, readingValue(last.value, meter), ' ', h('span', { class: 'muted' }, '(', calendarTime(last.readOn), ')'))
        : h('span', { class: 'muted' }, t('meters.no_reading'))],
      [t('meters.field.registered'), h('time', { datetime: meter.createdAt }, dateTime(meter.createdAt))],
    ]));
}

/** The reading closest before (or on) `day`, and the first after it: a new value must lie between. */
function neighbours(readings, day) {
  const before = readings.find((r) => r.readOn <= day) ?? null;
  const after = [...readings].reverse().find((r) => r.readOn > day) ?? null;
  return { before, after };
}

function submitCard(page) {
  const { ctx, places, windows, meter, readings } = page;
  const staff = ctx.can('metersManage');
  if (!staff && !ctx.can('metersSubmitOwn')) return null;
  const heading = h('h2', { id: 'meter-submit' }, t('meters.reading.title'));
  const unit = places.units.get(meter.unitID);
  const window = openWindowFor(windows, unit);
  if (!staff && !window) {
    const next = nextWindowFor(windows, unit);
    return h('section', { class: 'card', 'aria-labelledby': 'meter-submit', 'data-test': 'reading-closed' },
      heading,
      h('p', {}, t('meters.reading.closed')),
      next ? h('p', { class: 'muted' }, t('meters.reading.next_window', { title: next.title }), ' ', windowDates(next)) : null);
  }

  const last = readings[0];
  const value = h('input', { name: 'value', required: true, inputmode: 'decimal', autocomplete: 'off' });
  const readOn = h('input', { name: 'readOn', type: 'date', required: true, value: today(), max: today() });
  const form = actionForm([
    window ? h('p', { class: 'small', style: { margin: 0 } },
      t('meters.reading.window', { title: window.title }), ' ', windowDates(window)) : null,
    h('div', { class: 'area-fields' },
      field(t('meters.reading.value', { unit: meter.unit }), value,
        last ? t('meters.reading.previous', { value: readingValue(last.value, meter), date: date(calendarDate(last.readOn)) }) : t('meters.reading.first')),
      field(t('meters.field.read_on'), readOn, staff ? null : t('meters.reading.date_hint'))),
  ], async (data) => {
    const problems = [];
    const number = parseDecimal(data.value);
    if (!String(data.value ?? '').trim()) problems.push(['value', t('finance.err.required')]);
    else if (number === null) problems.push(['value', t('finance.err.number')]);
    if (!data.readOn) problems.push(['readOn', t('finance.err.required')]);
    else if (data.readOn > today()) problems.push(['readOn', t('finance.err.future')]);
    if (number !== null && data.readOn) {
      // The API refuses the same; saying so before sending names the reading it conflicts with.
      const { before, after } = neighbours(readings, data.readOn);
      if (before && number < before.value) {
        problems.push(['value', t('finance.err.reading_lower', { value: readingValue(before.value, meter), date: date(calendarDate(before.readOn)) })]);
      } else if (after && number > after.value) {
        problems.push(['value', t('finance.err.reading_higher', { value: readingValue(after.value, meter), date: date(calendarDate(after.readOn)) })]);
      }
    }
    if (problems.length) throw fieldProblem(problems);
    const reading = await ctx.org.post(`/meters/${encodeURIComponent(meter.id)}/readings`, { value: number, readOn: data.readOn });
    await page.show(t('meters.reading.saved', { value: readingValue(reading.value, meter) }));
  }, {
    submitLabel: t('meters.reading.submit'),
    localize: () => ({ measureUnit: meter.unit }),
    attrs: { 'data-test': 'reading-form', 'aria-labelledby': 'meter-submit' },
    submitAttrs: { 'data-test': 'reading-submit' },
  });
  return h('section', { class: 'card', 'aria-labelledby': 'meter-submit' }, heading, form);
}

function chartCard({ meter, readings }) {
  if (readings.length === 0) return null;
  const ordered = [...readings].reverse();
  // Several readings on one day are drawn as that day's last one (the chart has one point per day).
  const byDay = new Map(ordered.map((r) => [r.readOn, r.value]));
  const points = [...byDay].map(([day, value]) => ({ x: calendarDate(day).getTime(), y: value }));
  const chart = lineChart({
    title: t('meters.chart.title', { kind: kindName(meter.kind), serial: meter.serialNumber }),
    description: t('meters.chart.description', {
      count: plural('meters.reading_count', ordered.length),
      from: date(calendarDate(ordered[0].readOn)), to: date(calendarDate(ordered.at(-1).readOn)),
    }),
    series: [{ name: t('meters.chart.series', { unit: meter.unit }), points }],
    xLabel: t('meters.field.read_on'),
    xFormat: (x) => date(x),
    yFormat: (y) => decimal(y),
  });
  return h('section', { class: 'card', 'aria-labelledby': 'meter-chart' },
    h('h2', { id: 'meter-chart' }, t('meters.chart.heading')),
    h('div', { 'data-test': 'reading-chart' }, chart));
}

function historyCard({ ctx, people, windows, meter, readings }) {
  const windowTitles = new Map(windows.map((w) => [w.id, w.title]));
  const heading = h('h2', { id: 'meter-history' }, t('meters.history.title'));
  if (readings.length === 0) {
    return h('section', { class: 'card', 'aria-labelledby': 'meter-history' }, heading,
      h('p', { class: 'empty', 'data-test': 'reading-list-empty' }, t('meters.history.empty')));
  }
  return h('section', { class: 'card', 'aria-labelledby': 'meter-history' }, heading,
    h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-test': 'reading-list' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('meters.field.read_on')),
        h('th', { scope: 'col', class: 'num' }, t('meters.history.value', { unit: meter.unit })),
        h('th', { scope: 'col', class: 'num' }, t('meters.history.consumption', { unit: meter.unit })),
        h('th', { scope: 'col' }, t('meters.history.submitted_by')),
        h('th', { scope: 'col' }, t('meters.history.window')))),
      h('tbody', {}, readings.map((r, i) => {
        const previous = readings[i + 1];
        return h('tr', { 'data-test': 'reading-row' },
          h('td', { class: 'area-nowrap' }, calendarTime(r.readOn)),
          h('td', { class: 'num' }, decimal(r.value)),
          h('td', { class: 'num' }, previous ? decimal(r.value - previous.value) : h('span', { class: 'muted' }, '—')),
          h('td', {}, personName(ctx, people, r.submittedBy)),
          h('td', {}, r.windowID ? (windowTitles.get(r.windowID) ?? t('meters.history.in_window')) : h('span', { class: 'muted' }, '—')));
      })))));
}
