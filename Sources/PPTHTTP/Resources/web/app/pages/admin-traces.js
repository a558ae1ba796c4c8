// Traces (platform administrators): recent traces kept in this instance's memory, lookup by trace
// id (also from a pasted `traceparent`), and one trace as a span waterfall.
import { h, replace } from '../core/dom.js';
import { t, number, date, dateTime } from '../core/i18n.js';
import { api } from '../core/api.js';
import { pageHeader, field, select, badge, problemAlert, loading } from '../core/ui.js';
import { duration, clock } from './admin-format.js';
import { waterfall, waterfallMessages } from './admin-traces-waterfall.js';
import { mergeMessages } from './admin-pager.js';

/** The 32-hex trace id in `text` (a bare id, a `traceparent` header or a log line's `trace_id=`). */
function traceIDIn(text) {
  const match = String(text).toLowerCase().match(/(?:^|[^0-9a-f])([0-9a-f]{32})(?:[^0-9a-f]|$)/);
  return match ? match[1] : null;
}

function lookupForm(ctx) {
  const input = h('input', { type: 'text', name: 'traceId', autocomplete: 'off', spellcheck: false, class: 'mono', required: true, 'data-test': 'trace-lookup-input' });
  const error = h('div', { class: 'error', id: 'trace-lookup-error', role: 'alert' });
  const form = h('form', {
    class: 'filters', 'data-test': 'trace-lookup', 'aria-labelledby': 'trace-lookup-title',
    onsubmit: (e) => {
      e.preventDefault();
      const id = traceIDIn(input.value.trim());
      if (!id) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', `${input.id}-hint trace-lookup-error`);
        error.textContent = t('admin-traces.lookup_invalid');
        input.focus();
        return;
      }
      ctx.navigate(`admin/traces/${id}`);
    },
  }, h('div', { class: 'stack', style: 'flex: 1; min-width: 16rem; gap: .25rem' },
    field(t('admin-traces.lookup_label'), input, t('admin-traces.lookup_hint')), error),
  h('button', { class: 'btn btn-primary', type: 'submit' }, t('admin-traces.lookup_submit')));
  return h('section', { class: 'card' }, h('h2', { id: 'trace-lookup-title' }, t('admin-traces.lookup_title')), form);
}

function traceRows(items) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-test': 'trace-list' },
    h('caption', { class: 'visually-hidden' }, t('admin-traces.recent_title')),
    h('thead', {}, h('tr', {}, [t('admin-traces.started'), t('admin-traces.root'), t('admin-traces.duration'), t('admin-traces.spans'), t('common.status')]
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, items.map((trace) => h('tr', {},
      h('td', {}, clock(trace.start, true), h('div', { class: 'small muted' }, date(trace.start))),
      h('td', {}, h('a', { href: `#/admin/traces/${trace.traceId}` }, trace.rootName), h('div', { class: 'mono small muted' }, trace.traceId)),
      h('td', {}, duration(trace.durationMs)),
      h('td', {}, number(trace.spanCount)),
      h('td', {}, trace.hasError ? badge(t('admin-traces.error'), 'danger') : badge(t('admin-traces.ok'), 'ok')))))));
}

async function list(ctx) {
  const slot = h('div', {}, loading());
  const limit = select('limit', [['50', '50'], ['100', '100'], ['200', '200']], ['50', '100', '200'].includes(ctx.query.limit) ? ctx.query.limit : '50');
  const onlyErrors = h('input', { type: 'checkbox', id: 'trace-errors-only', checked: ctx.query.errors === '1' });
  const query = h('input', { type: 'search', id: 'trace-filter', autocomplete: 'off', value: ctx.query.q ?? '' });
  let items = [];
  const draw = () => {
    const q = query.value.trim().toLowerCase();
    const shown = items.filter((i) => (!onlyErrors.checked || i.hasError) && (!q || i.rootName.toLowerCase().includes(q)));
    replace(slot, h('p', { class: 'small muted', role: 'status' }, t('admin-traces.count', { shown: shown.length, total: items.length })),
      shown.length ? traceRows(shown) : h('p', { class: 'empty' }, items.length ? t('admin-traces.none_match') : t('admin-traces.none')));
  };
  async function load() {
    replace(slot, loading());
    try {
      items = (await api.get('/admin/traces', { limit: limit.value }, { signal: ctx.signal })).items;
      draw();
    } catch (error) {
      if (error.name !== 'AbortError') replace(slot, problemAlert(error));
    }
  }
  limit.addEventListener('change', load);
  onlyErrors.addEventListener('change', draw);
  query.addEventListener('input', draw);
  load();
  return h('div', {},
    pageHeader(t('admin-traces.title'), h('button', { class: 'btn', type: 'button', onclick: load }, t('common.refresh'))),
    lookupForm(ctx),
    h('section', { class: 'card', 'aria-labelledby': 'trace-recent-title' },
      h('h2', { id: 'trace-recent-title' }, t('admin-traces.recent_title')),
      h('p', { class: 'small muted' }, t('admin-traces.recent_hint')),
      h('div', { class: 'filters' }, field(t('admin-traces.filter_name'), query), field(t('admin-traces.limit'), limit),
        h('label', { class: 'checkbox', for: onlyErrors.id, style: 'align-self: center' }, onlyErrors, t('admin-traces.only_errors'))),
      slot));
}

async function detail(ctx) {
  const id = ctx.params.id;
  const back = h('a', { class: 'btn', href: '#/admin/traces' }, t('admin-traces.back'));
  let trace;
  try {
    trace = await api.get(`/admin/traces/${encodeURIComponent(id)}`, undefined, { signal: ctx.signal });
  } catch (error) {
    if (error.name === 'AbortError' || error.status !== 404) throw error;
    return h('div', {}, pageHeader(t('admin-traces.detail_title'), back), problemAlert(error), lookupForm(ctx));
  }
  const root = trace.roots[0];
  return h('div', {},
    pageHeader(root ? root.name : t('admin-traces.detail_title'), back),
    h('section', { class: 'card', 'aria-label': t('admin-traces.summary') },
      h('dl', { class: 'grid', style: 'margin: 0' },
        [[t('admin-traces.trace_id'), h('span', { class: 'mono' }, trace.traceId)],
          [t('admin-traces.started'), dateTime(trace.start)],
          [t('admin-traces.duration'), duration(trace.durationMs)],
          [t('admin-traces.spans'), number(trace.spanCount)],
          [t('common.status'), trace.hasError ? badge(t('admin-traces.error'), 'danger') : badge(t('admin-traces.ok'), 'ok')]]
          .map(([term, value]) => h('div', {}, h('dt', { class: 'small muted' }, term), h('dd', { style: 'margin: 0' }, value))))),
    h('section', { class: 'card', 'aria-labelledby': 'waterfall-title' },
      h('h2', { id: 'waterfall-title' }, t('admin-traces.waterfall_title')),
      h('p', { class: 'small muted' }, t('admin-traces.waterfall_hint')),
      waterfall(trace)));
}

export const routes = [
  { path: 'admin/traces', render: list, superadmin: true, orgless: true, nav: { group: 'admin', label: 'admin-traces.nav', order: 70 } },
  { path: 'admin/traces/:id', render: detail, superadmin: true, orgless: true },
];

export const messages = mergeMessages(waterfallMessages, {
  en: {
    'admin-traces.nav': 'Traces', 'admin-traces.title': 'Traces', 'admin-traces.detail_title': 'Trace', 'admin-traces.back': 'All traces',
    'admin-traces.lookup_title': 'Find a trace', 'admin-traces.lookup_label': 'Trace id',
    'admin-traces.lookup_hint': '32 hexadecimal digits, e.g. the trace_id of a log line; a pasted traceparent header works too.',
    'admin-traces.lookup_submit': 'Open trace', 'admin-traces.lookup_invalid': 'This is not a trace id: it needs 32 hexadecimal digits (0–9, a–f).',
    'admin-traces.recent_title': 'Recent traces', 'admin-traces.recent_hint': 'Kept in this instance’s memory, newest first; older traces are dropped.',
    'admin-traces.filter_name': 'Name contains', 'admin-traces.limit': 'How many', 'admin-traces.only_errors': 'Only traces with errors',
    'admin-traces.count': '{shown} of {total} traces shown.', 'admin-traces.none': 'No traces recorded yet.', 'admin-traces.none_match': 'No trace matches the filter.',
    'admin-traces.started': 'Started', 'admin-traces.root': 'Root span', 'admin-traces.duration': 'Duration', 'admin-traces.spans': 'Spans',
    'admin-traces.error': 'Error', 'admin-traces.ok': 'OK', 'admin-traces.summary': 'Summary', 'admin-traces.trace_id': 'Trace id',
    'admin-traces.waterfall_title': 'Spans', 'admin-traces.waterfall_hint': 'Each bar shows when a span ran within the trace. Choose a span to see its attributes and events.',
    'problem.trace.not_found': 'No trace with this id is kept: it is unknown or already dropped from memory.',
  },
  sk: {
    'admin-traces.nav': 'Trasovanie', 'admin-traces.title': 'Trasovanie požiadaviek', 'admin-traces.detail_title': 'Trasa', 'admin-traces.back': 'Všetky trasy',
    'admin-traces.lookup_title': 'Nájsť trasu', 'admin-traces.lookup_label': 'ID trasy',
    'admin-traces.lookup_hint': '32 šestnástkových číslic, napr. trace_id z riadku logu; funguje aj vložená hlavička traceparent.',
    'admin-traces.lookup_submit': 'Otvoriť trasu', 'admin-traces.lookup_invalid': 'Toto nie je ID trasy: potrebuje 32 šestnástkových číslic (0–9, a–f).',
    'admin-traces.recent_title': 'Posledné trasy', 'admin-traces.recent_hint': 'Uchovávajú sa v pamäti tejto inštancie, najnovšie prvé; staršie sa zahadzujú.',
    'admin-traces.filter_name': 'Názov obsahuje', 'admin-traces.limit': 'Počet', 'admin-traces.only_errors': 'Iba trasy s chybami',
    'admin-traces.count': 'Zobrazené trasy: {shown} z {total}.', 'admin-traces.none': 'Zatiaľ nie sú zaznamenané žiadne trasy.', 'admin-traces.none_match': 'Filtru nezodpovedá žiadna trasa.',
    'admin-traces.started': 'Začiatok', 'admin-traces.root': 'Koreňový úsek', 'admin-traces.duration': 'Trvanie', 'admin-traces.spans': 'Úseky',
    'admin-traces.error': 'Chyba', 'admin-traces.ok': 'OK', 'admin-traces.summary': 'Súhrn', 'admin-traces.trace_id': 'ID trasy',
    'admin-traces.waterfall_title': 'Úseky', 'admin-traces.waterfall_hint': 'Každý pruh ukazuje, kedy úsek v rámci trasy bežal. Vyberte úsek a uvidíte jeho atribúty a udalosti.',
    'problem.trace.not_found': 'Trasa s týmto ID sa neuchováva: je neznáma alebo už bola z pamäte vyradená.',
  },
  cs: {
    'admin-traces.nav': 'Trasování', 'admin-traces.title': 'Trasování požadavků', 'admin-traces.detail_title': 'Trasa', 'admin-traces.back': 'Všechny trasy',
    'admin-traces.lookup_title': 'Najít trasu', 'admin-traces.lookup_label': 'ID trasy',
    'admin-traces.lookup_hint': '32 šestnáctkových číslic, např. trace_id z řádku logu; funguje i vložená hlavička traceparent.',
    'admin-traces.lookup_submit': 'Otevřít trasu', 'admin-traces.lookup_invalid': 'Toto není ID trasy: potřebuje 32 šestnáctkových číslic (0–9, a–f).',
    'admin-traces.recent_title': 'Poslední trasy', 'admin-traces.recent_hint': 'Uchovávají se v paměti této instance, nejnovější první; starší se zahazují.',
    'admin-traces.filter_name': 'Název obsahuje', 'admin-traces.limit': 'Počet', 'admin-traces.only_errors': 'Jen trasy s chybami',
    'admin-traces.count': 'Zobrazené trasy: {shown} z {total}.', 'admin-traces.none': 'Zatím nejsou zaznamenány žádné trasy.', 'admin-traces.none_match': 'Filtru neodpovídá žádná trasa.',
    'admin-traces.started': 'Začátek', 'admin-traces.root': 'Kořenový úsek', 'admin-traces.duration': 'Trvání', 'admin-traces.spans': 'Úseky',
    'admin-traces.error': 'Chyba', 'admin-traces.ok': 'OK', 'admin-traces.summary': 'Souhrn', 'admin-traces.trace_id': 'ID trasy',
    'admin-traces.waterfall_title': 'Úseky', 'admin-traces.waterfall_hint': 'Každý pruh ukazuje, kdy úsek v rámci trasy běžel. Vyberte úsek a uvidíte jeho atributy a události.',
    'problem.trace.not_found': 'Trasa s tímto ID se neuchovává: je neznámá nebo už byla z paměti vyřazena.',
  },
  de: {
    'admin-traces.nav': 'Traces', 'admin-traces.title': 'Traces', 'admin-traces.detail_title': 'Trace', 'admin-traces.back': 'Alle Traces',
    'admin-traces.lookup_title': 'Trace suchen', 'admin-traces.lookup_label': 'Trace-ID',
    'admin-traces.lookup_hint': '32 Hexadezimalziffern, z. B. die trace_id einer Logzeile; ein eingefügter traceparent-Header geht auch.',
    'admin-traces.lookup_submit': 'Trace öffnen', 'admin-traces.lookup_invalid': 'Das ist keine Trace-ID: Sie braucht 32 Hexadezimalziffern (0–9, a–f).',
    'admin-traces.recent_title': 'Neueste Traces', 'admin-traces.recent_hint': 'Im Speicher dieser Instanz gehalten, neueste zuerst; ältere werden verworfen.',
    'admin-traces.filter_name': 'Name enthält', 'admin-traces.limit': 'Anzahl', 'admin-traces.only_errors': 'Nur Traces mit Fehlern',
    'admin-traces.count': '{shown} von {total} Traces angezeigt.', 'admin-traces.none': 'Noch keine Traces aufgezeichnet.', 'admin-traces.none_match': 'Kein Trace passt zum Filter.',
    'admin-traces.started': 'Beginn', 'admin-traces.root': 'Wurzel-Span', 'admin-traces.duration': 'Dauer', 'admin-traces.spans': 'Spans',
    'admin-traces.error': 'Fehler', 'admin-traces.ok': 'OK', 'admin-traces.summary': 'Übersicht', 'admin-traces.trace_id': 'Trace-ID',
    'admin-traces.waterfall_title': 'Spans', 'admin-traces.waterfall_hint': 'Jeder Balken zeigt, wann ein Span innerhalb des Traces lief. Wählen Sie einen Span, um seine Attribute und Ereignisse zu sehen.',
    'problem.trace.not_found': 'Zu dieser ID wird kein Trace gehalten: Sie ist unbekannt oder wurde schon aus dem Speicher verworfen.',
  },
});
