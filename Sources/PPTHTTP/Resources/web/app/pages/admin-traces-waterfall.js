// A trace's spans as a waterfall: one row per span, nested under its parent, with a bar placed by
// start offset and duration on the trace's shared time axis. Each row is a button that shows the
// span's attributes and events below it.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { badge } from '../core/ui.js';
import { PALETTE } from '../core/charts.js';
import { duration } from './admin-format.js';

const KIND_COLORS = { server: PALETTE[0], client: PALETTE[5], internal: PALETTE[3], producer: PALETTE[1], consumer: PALETTE[1] };
const ERROR_COLOR = '#b42318';
const GRID = 'display: grid; grid-template-columns: minmax(8rem, 38%) 1fr; gap: .5rem; align-items: center';
// Light vertical lines at every quarter of the trace, behind the bars.
const QUARTERS = 'repeating-linear-gradient(to right, transparent 0 calc(25% - 1px), #e3e8ee calc(25% - 1px) 25%)';

let panelCounter = 0;

function value(v) { return typeof v === 'object' ? JSON.stringify(v) : String(v); }

function attributesTable(attributes) {
  const entries = Object.entries(attributes ?? {});
  if (entries.length === 0) return h('p', { class: 'small muted' }, t('admin-traces.no_attributes'));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('admin-traces.attribute')), h('th', { scope: 'col' }, t('admin-traces.value')))),
    h('tbody', {}, entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => h('tr', {}, h('td', { class: 'mono' }, k), h('td', { class: 'mono' }, value(v)))))));
}

function spanDetails(span, id) {
  const facts = [
    [t('admin-traces.span'), h('span', { style: 'overflow-wrap: anywhere' }, span.name)],
    [t('admin-traces.kind'), t(`admin-traces.kind_${span.kind}`)],
    [t('admin-traces.starts'), duration(span.startOffsetMs)],
    [t('admin-traces.duration'), duration(span.durationMs)],
    [t('admin-traces.span_status'), [t(`admin-traces.status_${span.status}`), span.statusMessage ? ` – ${span.statusMessage}` : '']],
    [t('admin-traces.span_id'), h('span', { class: 'mono' }, span.spanId)],
    span.parentSpanId ? [t('admin-traces.parent_id'), h('span', { class: 'mono' }, span.parentSpanId)] : null,
  ].filter(Boolean);
  return h('div', { id, hidden: true, class: 'stack', style: 'padding: .5rem .75rem 1rem; border-left: 3px solid var(--primary); background: var(--bg); margin: .25rem 0 .5rem' },
    h('dl', { class: 'grid', style: 'margin: 0; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr))' },
      facts.map(([term, v]) => h('div', {}, h('dt', { class: 'small muted' }, term), h('dd', { style: 'margin: 0' }, v)))),
    h('h3', { style: 'margin: 0' }, t('admin-traces.attributes')), attributesTable(span.attributes),
    span.events.length ? [h('h3', { style: 'margin: 0' }, t('admin-traces.events')),
      h('ol', { class: 'timeline' }, span.events.map((e) => h('li', {},
        h('strong', {}, e.name), ' ', h('span', { class: 'small muted' }, t('admin-traces.event_at', { at: duration(e.offsetMs) })),
        Object.keys(e.attributes ?? {}).length ? attributesTable(e.attributes) : null)))] : null);
}

function spanRow(span, depth, total) {
  const left = Math.min(100, (span.startOffsetMs / total) * 100);
  const width = Math.max(0.4, Math.min(100 - left, (span.durationMs / total) * 100));
  const color = span.status === 'error' ? ERROR_COLOR : KIND_COLORS[span.kind] ?? PALETTE[6];
  const id = `span-details-${++panelCounter}`;
  const details = spanDetails(span, id);
  // The duration sits inside a wide bar, else right of it, or left of it near the end of the axis.
  const labelStyle = width >= 20 ? `left: calc(${left}% + .3rem); color: #fff`
    : left + width < 75 ? `left: calc(${left + width}% + .3rem)` : `right: calc(${100 - left}% + .3rem)`;
  const button = h('button', {
    type: 'button', 'aria-expanded': 'false', 'aria-controls': id, 'data-span': span.spanId,
    style: `${GRID}; width: 100%; background: none; border: 0; border-bottom: 1px solid var(--border); padding: .3rem 0; font: inherit; color: inherit; text-align: left; cursor: pointer`,
    onclick: () => {
      const open = details.hidden;
      details.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      button.style.background = open ? 'var(--primary-soft)' : 'none';
    },
  },
  h('span', { style: `display: flex; gap: .35rem; align-items: center; min-width: 0; padding-left: ${depth * 0.9}rem` },
    h('span', { 'aria-hidden': 'true', class: 'muted' }, depth > 0 ? '└' : '•'),
    h('span', { title: span.name, style: 'overflow: hidden; text-overflow: ellipsis; white-space: nowrap' }, span.name),
    span.status === 'error' ? badge(t('admin-traces.status_error'), 'danger') : null),
  h('span', { style: `position: relative; display: block; height: 1.4rem; background: ${QUARTERS}` },
    h('span', { 'aria-hidden': 'true', style: `position: absolute; top: .25rem; bottom: .25rem; left: ${left}%; width: ${width}%; background: ${color}; border-radius: 2px` }),
    h('span', { class: 'small', style: `position: absolute; top: 0; ${labelStyle}; white-space: nowrap` }, duration(span.durationMs)),
    h('span', { class: 'visually-hidden' }, t('admin-traces.span_timing', { start: duration(span.startOffsetMs), kind: t(`admin-traces.kind_${span.kind}`) }))));
  return h('li', {}, button, details);
}

function axis(total) {
  // Three labels fit a phone's track; the quarter lines behind the bars still show finer steps.
  const ticks = [0, 0.5, 1];
  return h('div', { style: `${GRID}; padding-bottom: .25rem; border-bottom: 1px solid var(--border)`, 'aria-hidden': 'true' },
    h('span', { class: 'small muted' }, t('admin-traces.span')),
    h('span', { style: 'position: relative; display: block; height: 1.2rem' }, ticks.map((f) => h('span', {
      class: 'small muted',
      style: `position: absolute; top: 0; white-space: nowrap; ${f === 1 ? 'right: 0' : `left: ${f * 100}%`}; transform: translateX(${f === 0 || f === 1 ? '0' : '-50%'})`,
    }, duration(total * f)))));
}

function legend() {
  const items = [['server', KIND_COLORS.server], ['client', KIND_COLORS.client], ['internal', KIND_COLORS.internal], ['consumer', KIND_COLORS.consumer]];
  return h('div', { class: 'legend', 'aria-hidden': 'true' },
    items.map(([kind, color]) => h('span', { style: `--swatch: ${color}` }, t(`admin-traces.kind_${kind}`))),
    h('span', { style: `--swatch: ${ERROR_COLOR}` }, t('admin-traces.status_error')));
}

/** The waterfall of a `TraceDetail` (GET /admin/traces/{id}). */
export function waterfall(trace) {
  const total = trace.durationMs > 0 ? trace.durationMs : 1;
  const rows = [];
  const walk = (span, depth) => { rows.push(spanRow(span, depth, total)); for (const child of span.children) walk(child, depth + 1); };
  for (const root of trace.roots) walk(root, 0);
  return h('div', { class: 'stack', 'data-test': 'trace-waterfall' }, legend(), axis(total),
    h('ul', { style: 'list-style: none; padding: 0; margin: 0', 'aria-label': t('admin-traces.waterfall_title') }, rows));
}

export const waterfallMessages = {
  en: {
    'admin-traces.span': 'Span', 'admin-traces.attributes': 'Attributes', 'admin-traces.events': 'Events',
    'admin-traces.attribute': 'Attribute', 'admin-traces.value': 'Value', 'admin-traces.no_attributes': 'No attributes.',
    'admin-traces.kind': 'Kind', 'admin-traces.starts': 'Starts after', 'admin-traces.span_status': 'Status',
    'admin-traces.span_id': 'Span id', 'admin-traces.parent_id': 'Parent span id', 'admin-traces.event_at': 'after {at}',
    'admin-traces.span_timing': ', starts after {start}, {kind}',
    'admin-traces.kind_server': 'Server', 'admin-traces.kind_client': 'Client (database, HTTP)', 'admin-traces.kind_internal': 'Internal',
    'admin-traces.kind_producer': 'Producer', 'admin-traces.kind_consumer': 'Job',
    'admin-traces.status_unset': 'Not set', 'admin-traces.status_ok': 'OK', 'admin-traces.status_error': 'Error',
  },
  sk: {
    'admin-traces.span': 'Úsek', 'admin-traces.attributes': 'Atribúty', 'admin-traces.events': 'Udalosti',
    'admin-traces.attribute': 'Atribút', 'admin-traces.value': 'Hodnota', 'admin-traces.no_attributes': 'Žiadne atribúty.',
    'admin-traces.kind': 'Druh', 'admin-traces.starts': 'Začína po', 'admin-traces.span_status': 'Stav',
    'admin-traces.span_id': 'ID úseku', 'admin-traces.parent_id': 'ID nadradeného úseku', 'admin-traces.event_at': 'po {at}',
    'admin-traces.span_timing': ', začína po {start}, {kind}',
    'admin-traces.kind_server': 'Server', 'admin-traces.kind_client': 'Klient (databáza, HTTP)', 'admin-traces.kind_internal': 'Interný',
    'admin-traces.kind_producer': 'Producent', 'admin-traces.kind_consumer': 'Úloha',
    'admin-traces.status_unset': 'Nenastavený', 'admin-traces.status_ok': 'OK', 'admin-traces.status_error': 'Chyba',
  },
  cs: {
    'admin-traces.span': 'Úsek', 'admin-traces.attributes': 'Atributy', 'admin-traces.events': 'Události',
    'admin-traces.attribute': 'Atribut', 'admin-traces.value': 'Hodnota', 'admin-traces.no_attributes': 'Žádné atributy.',
    'admin-traces.kind': 'Druh', 'admin-traces.starts': 'Začíná po', 'admin-traces.span_status': 'Stav',
    'admin-traces.span_id': 'ID úseku', 'admin-traces.parent_id': 'ID nadřazeného úseku', 'admin-traces.event_at': 'po {at}',
    'admin-traces.span_timing': ', začíná po {start}, {kind}',
    'admin-traces.kind_server': 'Server', 'admin-traces.kind_client': 'Klient (databáze, HTTP)', 'admin-traces.kind_internal': 'Interní',
    'admin-traces.kind_producer': 'Producent', 'admin-traces.kind_consumer': 'Úloha',
    'admin-traces.status_unset': 'Nenastaveno', 'admin-traces.status_ok': 'OK', 'admin-traces.status_error': 'Chyba',
  },
  de: {
    'admin-traces.span': 'Span', 'admin-traces.attributes': 'Attribute', 'admin-traces.events': 'Ereignisse',
    'admin-traces.attribute': 'Attribut', 'admin-traces.value': 'Wert', 'admin-traces.no_attributes': 'Keine Attribute.',
    'admin-traces.kind': 'Art', 'admin-traces.starts': 'Beginnt nach', 'admin-traces.span_status': 'Status',
    'admin-traces.span_id': 'Span-ID', 'admin-traces.parent_id': 'ID des übergeordneten Spans', 'admin-traces.event_at': 'nach {at}',
    'admin-traces.span_timing': ', beginnt nach {start}, {kind}',
    'admin-traces.kind_server': 'Server', 'admin-traces.kind_client': 'Client (Datenbank, HTTP)', 'admin-traces.kind_internal': 'Intern',
    'admin-traces.kind_producer': 'Erzeuger', 'admin-traces.kind_consumer': 'Auftrag',
    'admin-traces.status_unset': 'Nicht gesetzt', 'admin-traces.status_ok': 'OK', 'admin-traces.status_error': 'Fehler',
  },
};
