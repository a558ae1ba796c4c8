// Performance (platform administrators): this instance's last hour from /admin/performance —
// latency percentiles, request rate and error rate per minute as charts, the slowest routes and
// database operations, and today's LLM spend. Refreshes every 10 s while the page is open (and
// not paused); stops when the person leaves (ctx.signal).
import { h, replace } from '../core/dom.js';
import { t, number } from '../core/i18n.js';
import { api } from '../core/api.js';
import { pageHeader, problemAlert, loading } from '../core/ui.js';
import { lineChart } from '../core/charts.js';
import { duration, share, clock, compact, currencyUnits } from './admin-format.js';

const REFRESH_MS = 10_000;

function stat(label, value, hint) {
  return h('div', { class: 'card', style: 'margin: 0' }, h('div', { class: 'small muted' }, label), h('div', { class: 'stat' }, value),
    hint ? h('div', { class: 'small muted' }, hint) : null);
}

function chartCard(title, description, series, yFormat, { yAtLeast = 1, yInteger = false } = {}) {
  return h('section', { class: 'card', 'data-test': 'perf-chart' }, h('h2', {}, title),
    lineChart({
      title, description, series, xLabel: t('admin-performance.minute'), xFormat: (x) => clock(x), yFormat, yAtLeast, yInteger,
      height: 200, empty: t('admin-performance.none_yet'),
    }));
}

function table(caption, headings, rows, attrs = {}) {
  if (rows.length === 0) return h('p', { class: 'empty' }, t('admin-performance.none_yet'));
  return h('div', { class: 'table-wrap', ...attrs }, h('table', { class: 'data' }, h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, headings.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c)))))));
}

function report(data) {
  const r = data.requests;
  const minutes = data.perMinute.map((m) => ({ ...m, x: Date.parse(m.minute) }));
  const latency = (key) => minutes.map((m) => ({ x: m.x, y: m.latencyMs ? m.latencyMs[key] : null }));
  const percentiles = (l) => (l ? [duration(l.p50), duration(l.p95), duration(l.p99)] : ['–', '–', '–']);
  return [
    h('div', { class: 'grid', style: 'margin-bottom: 1rem' },
      stat(t('admin-performance.requests'), number(r.count), t('admin-performance.covered', { minutes: number(data.coveredSeconds / 60, 0) })),
      stat(t('admin-performance.rate'), t('admin-performance.per_minute', { value: number(r.requestsPerMinute, 1) }), t('admin-performance.per_second', { value: number(r.requestsPerSecond, 2) })),
      stat(t('admin-performance.error_rate'), share(r.errorRate, 2), t('admin-performance.errors', { count: number(r.errors) })),
      stat(t('admin-performance.latency'), r.latencyMs ? duration(r.latencyMs.p95) : '–',
        r.latencyMs ? t('admin-performance.latency_hint', { p50: duration(r.latencyMs.p50), p99: duration(r.latencyMs.p99) }) : null)),
    chartCard(t('admin-performance.chart_latency'), t('admin-performance.chart_latency_desc'), [
      { name: 'p50', points: latency('p50') }, { name: 'p95', points: latency('p95') }, { name: 'p99', points: latency('p99') },
    ], duration),
    h('div', { class: 'grid', style: 'grid-template-columns: repeat(auto-fit, minmax(320px, 1fr))' },
      chartCard(t('admin-performance.chart_rate'), t('admin-performance.chart_rate_desc'),
        [{ name: t('admin-performance.requests'), points: minutes.map((m) => ({ x: m.x, y: m.requests })) }], compact, { yAtLeast: 4, yInteger: true }),
      chartCard(t('admin-performance.chart_errors'), t('admin-performance.chart_errors_desc'),
        [{ name: t('admin-performance.error_rate'), points: minutes.map((m) => ({ x: m.x, y: m.requests ? m.errorRate : null })), color: '#b42318' }],
        (v) => share(v, 1), { yAtLeast: 0.01 })),
    h('section', { class: 'card', 'aria-labelledby': 'perf-routes' }, h('h2', { id: 'perf-routes' }, t('admin-performance.routes_title')),
      h('p', { class: 'small muted' }, t('admin-performance.routes_hint')),
      table(t('admin-performance.routes_title'),
        [t('admin-performance.route'), t('admin-performance.requests'), t('admin-performance.error_rate'), 'p50', 'p95', 'p99'],
        data.slowEndpoints.map((e) => [h('span', { class: 'mono' }, `${e.method} ${e.route}`), number(e.requests),
          [share(e.errorRate, 1), e.errors ? h('div', { class: 'small muted' }, t('admin-performance.errors', { count: number(e.errors) })) : null],
          ...percentiles(e.latencyMs)]), { 'data-test': 'perf-routes' })),
    h('section', { class: 'card', 'aria-labelledby': 'perf-db' }, h('h2', { id: 'perf-db' }, t('admin-performance.db_title')),
      table(t('admin-performance.db_title'),
        [t('admin-performance.operation'), t('admin-performance.count'), t('admin-performance.total'), 'p50', 'p95', 'p99'],
        data.slowDatabaseOperations.map((d) => [h('span', { class: 'mono' }, `${d.operation} ${d.table}`), number(d.count), duration(d.totalMs), ...percentiles(d.latencyMs)]))),
    h('section', { class: 'card', 'aria-labelledby': 'perf-llm' }, h('h2', { id: 'perf-llm' }, t('admin-performance.llm_title')),
      data.llmSpendToday.totals.length === 0 ? h('p', { class: 'muted' }, t('admin-performance.llm_none'))
        : h('div', { class: 'stack' },
          h('p', { class: 'row' }, data.llmSpendToday.totals.map((x) => h('span', { class: 'stat' }, currencyUnits(x.amount, x.currency, 4)))),
          table(t('admin-performance.llm_title'), [t('admin-performance.model'), t('admin-performance.amount')],
            data.llmSpendToday.byModel.map((m) => [h('span', { class: 'mono' }, `${m.provider}/${m.model}`), currencyUnits(m.amount, m.currency, 4)])))),
  ];
}

async function render(ctx) {
  const slot = h('div', {}, loading());
  const problems = h('div', {});
  const updated = h('span', { class: 'small muted', 'aria-live': 'off' });
  let paused = false;
  let timer = null;
  const pause = h('button', {
    class: 'btn', type: 'button', 'aria-pressed': 'false', 'data-test': 'perf-pause',
    onclick: () => {
      paused = !paused;
      pause.setAttribute('aria-pressed', String(paused));
      pause.textContent = t(paused ? 'admin-performance.resume' : 'admin-performance.pause');
      if (paused) clearTimeout(timer); else load();
    },
  }, t('admin-performance.pause'));

  async function load() {
    clearTimeout(timer);
    try {
      const data = await api.get('/admin/performance', undefined, { signal: ctx.signal });
      // Keep the reader's scroll position: replacing the charts must not jump the page.
      const y = window.scrollY;
      replace(slot, report(data));
      window.scrollTo(0, y);
      replace(problems);
      updated.textContent = t('admin-performance.updated', { time: clock(data.generatedAt, true) });
    } catch (error) {
      if (error.name === 'AbortError') return;
      replace(problems, problemAlert(error));
      if (!slot.querySelector('.grid')) replace(slot);
    }
    if (!paused && !ctx.signal.aborted) timer = setTimeout(load, REFRESH_MS);
  }
  ctx.signal.addEventListener('abort', () => clearTimeout(timer));
  load();
  return h('div', {},
    pageHeader(t('admin-performance.title'), updated, pause),
    h('p', { class: 'muted' }, t('admin-performance.intro')),
    problems, slot);
}

export const routes = [
  { path: 'admin/performance', render, superadmin: true, orgless: true, nav: { group: 'admin', label: 'admin-performance.nav', order: 60 } },
];

export const messages = {
  en: {
    'admin-performance.nav': 'Performance', 'admin-performance.title': 'Performance',
    'admin-performance.intro': 'This instance’s last hour (health probes and metric scrapes not counted). Updates every 10 seconds.',
    'admin-performance.updated': 'Updated {time}', 'admin-performance.pause': 'Pause updates', 'admin-performance.resume': 'Resume updates',
    'admin-performance.requests': 'Requests', 'admin-performance.covered': 'over the last {minutes} min',
    'admin-performance.rate': 'Request rate', 'admin-performance.per_minute': '{value}/min', 'admin-performance.per_second': '{value} per second',
    'admin-performance.error_rate': 'Error rate', 'admin-performance.errors': '{count} server errors (5xx)',
    'admin-performance.latency': 'Latency p95', 'admin-performance.latency_hint': 'p50 {p50} · p99 {p99}',
    'admin-performance.minute': 'Minute',
    'admin-performance.chart_latency': 'Latency per minute', 'admin-performance.chart_latency_desc': 'Median (p50), p95 and p99 response time per minute; gaps are minutes without requests.',
    'admin-performance.chart_rate': 'Requests per minute', 'admin-performance.chart_rate_desc': 'Requests answered in each minute.',
    'admin-performance.chart_errors': 'Error rate per minute', 'admin-performance.chart_errors_desc': 'Share of requests answered with a server error (5xx) in each minute.',
    'admin-performance.routes_title': 'Slowest routes', 'admin-performance.routes_hint': 'The ten routes with the highest p95 latency.',
    'admin-performance.route': 'Route', 'admin-performance.none_yet': 'Nothing recorded yet.',
    'admin-performance.db_title': 'Slowest database operations', 'admin-performance.operation': 'Operation', 'admin-performance.count': 'Count', 'admin-performance.total': 'Total time',
    'admin-performance.llm_title': 'LLM spend today (UTC)', 'admin-performance.llm_none': 'No LLM spend recorded today.',
    'admin-performance.model': 'Model', 'admin-performance.amount': 'Amount',
  },
  sk: {
    'admin-performance.nav': 'Výkon', 'admin-performance.title': 'Výkon',
    'admin-performance.intro': 'Posledná hodina tejto inštancie (bez kontrol stavu a zberu metrík). Obnovuje sa každých 10 sekúnd.',
    'admin-performance.updated': 'Aktualizované {time}', 'admin-performance.pause': 'Pozastaviť obnovovanie', 'admin-performance.resume': 'Pokračovať v obnovovaní',
    'admin-performance.requests': 'Požiadavky', 'admin-performance.covered': 'za posledných {minutes} min',
    'admin-performance.rate': 'Počet požiadaviek', 'admin-performance.per_minute': '{value}/min', 'admin-performance.per_second': '{value} za sekundu',
    'admin-performance.error_rate': 'Miera chýb', 'admin-performance.errors': 'Chyby servera (5xx): {count}',
    'admin-performance.latency': 'Odozva p95', 'admin-performance.latency_hint': 'p50 {p50} · p99 {p99}',
    'admin-performance.minute': 'Minúta',
    'admin-performance.chart_latency': 'Odozva po minútach', 'admin-performance.chart_latency_desc': 'Medián (p50), p95 a p99 času odpovede za minútu; medzery sú minúty bez požiadaviek.',
    'admin-performance.chart_rate': 'Požiadavky za minútu', 'admin-performance.chart_rate_desc': 'Zodpovedané požiadavky v každej minúte.',
    'admin-performance.chart_errors': 'Miera chýb po minútach', 'admin-performance.chart_errors_desc': 'Podiel požiadaviek s chybou servera (5xx) v každej minúte.',
    'admin-performance.routes_title': 'Najpomalšie cesty', 'admin-performance.routes_hint': 'Desať ciest s najvyššou odozvou p95.',
    'admin-performance.route': 'Cesta', 'admin-performance.none_yet': 'Zatiaľ nič nezaznamenané.',
    'admin-performance.db_title': 'Najpomalšie databázové operácie', 'admin-performance.operation': 'Operácia', 'admin-performance.count': 'Počet', 'admin-performance.total': 'Celkový čas',
    'admin-performance.llm_title': 'Výdavky na LLM dnes (UTC)', 'admin-performance.llm_none': 'Dnes nie sú zaznamenané žiadne výdavky na LLM.',
    'admin-performance.model': 'Model', 'admin-performance.amount': 'Suma',
  },
  cs: {
    'admin-performance.nav': 'Výkon', 'admin-performance.title': 'Výkon',
    'admin-performance.intro': 'Poslední hodina této instance (bez kontrol stavu a sběru metrik). Obnovuje se každých 10 sekund.',
    'admin-performance.updated': 'Aktualizováno {time}', 'admin-performance.pause': 'Pozastavit obnovování', 'admin-performance.resume': 'Pokračovat v obnovování',
    'admin-performance.requests': 'Požadavky', 'admin-performance.covered': 'za posledních {minutes} min',
    'admin-performance.rate': 'Počet požadavků', 'admin-performance.per_minute': '{value}/min', 'admin-performance.per_second': '{value} za sekundu',
    'admin-performance.error_rate': 'Míra chyb', 'admin-performance.errors': 'Chyby serveru (5xx): {count}',
    'admin-performance.latency': 'Odezva p95', 'admin-performance.latency_hint': 'p50 {p50} · p99 {p99}',
    'admin-performance.minute': 'Minuta',
    'admin-performance.chart_latency': 'Odezva po minutách', 'admin-performance.chart_latency_desc': 'Medián (p50), p95 a p99 doby odpovědi za minutu; mezery jsou minuty bez požadavků.',
    'admin-performance.chart_rate': 'Požadavky za minutu', 'admin-performance.chart_rate_desc': 'Zodpovězené požadavky v každé minutě.',
    'admin-performance.chart_errors': 'Míra chyb po minutách', 'admin-performance.chart_errors_desc': 'Podíl požadavků s chybou serveru (5xx) v každé minutě.',
    'admin-performance.routes_title': 'Nejpomalejší cesty', 'admin-performance.routes_hint': 'Deset cest s nejvyšší odezvou p95.',
    'admin-performance.route': 'Cesta', 'admin-performance.none_yet': 'Zatím nic nezaznamenáno.',
    'admin-performance.db_title': 'Nejpomalejší databázové operace', 'admin-performance.operation': 'Operace', 'admin-performance.count': 'Počet', 'admin-performance.total': 'Celkový čas',
    'admin-performance.llm_title': 'Výdaje za LLM dnes (UTC)', 'admin-performance.llm_none': 'Dnes nejsou zaznamenány žádné výdaje za LLM.',
    'admin-performance.model': 'Model', 'admin-performance.amount': 'Částka',
  },
  de: {
    'admin-performance.nav': 'Leistung', 'admin-performance.title': 'Leistung',
    'admin-performance.intro': 'Die letzte Stunde dieser Instanz (ohne Zustandsprüfungen und Metrikabfragen). Aktualisiert sich alle 10 Sekunden.',
    'admin-performance.updated': 'Aktualisiert {time}', 'admin-performance.pause': 'Aktualisierung anhalten', 'admin-performance.resume': 'Aktualisierung fortsetzen',
    'admin-performance.requests': 'Anfragen', 'admin-performance.covered': 'in den letzten {minutes} min',
    'admin-performance.rate': 'Anfragerate', 'admin-performance.per_minute': '{value}/min', 'admin-performance.per_second': '{value} pro Sekunde',
    'admin-performance.error_rate': 'Fehlerquote', 'admin-performance.errors': '{count} Serverfehler (5xx)',
    'admin-performance.latency': 'Antwortzeit p95', 'admin-performance.latency_hint': 'p50 {p50} · p99 {p99}',
    'admin-performance.minute': 'Minute',
    'admin-performance.chart_latency': 'Antwortzeit pro Minute', 'admin-performance.chart_latency_desc': 'Median (p50), p95 und p99 der Antwortzeit pro Minute; Lücken sind Minuten ohne Anfragen.',
    'admin-performance.chart_rate': 'Anfragen pro Minute', 'admin-performance.chart_rate_desc': 'Beantwortete Anfragen in jeder Minute.',
    'admin-performance.chart_errors': 'Fehlerquote pro Minute', 'admin-performance.chart_errors_desc': 'Anteil der Anfragen mit Serverfehler (5xx) in jeder Minute.',
    'admin-performance.routes_title': 'Langsamste Routen', 'admin-performance.routes_hint': 'Die zehn Routen mit der höchsten p95-Antwortzeit.',
    'admin-performance.route': 'Route', 'admin-performance.none_yet': 'Noch nichts aufgezeichnet.',
    'admin-performance.db_title': 'Langsamste Datenbankoperationen', 'admin-performance.operation': 'Operation', 'admin-performance.count': 'Anzahl', 'admin-performance.total': 'Gesamtzeit',
    'admin-performance.llm_title': 'LLM-Ausgaben heute (UTC)', 'admin-performance.llm_none': 'Heute sind keine LLM-Ausgaben verzeichnet.',
    'admin-performance.model': 'Modell', 'admin-performance.amount': 'Betrag',
  },
};
