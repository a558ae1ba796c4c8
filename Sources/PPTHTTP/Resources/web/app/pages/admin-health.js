// Health (platform administrators): the live readiness checks of this instance (`/health/ready`,
// outside /api/v1 and without a token) and the recorded probe history as a status timeline,
// a latency chart and a list of the moments something was not passing.
import { h, replace } from '../core/dom.js';
import { t, dateTime, relative } from '../core/i18n.js';
import { pageHeader, field, select, problemAlert, loading } from '../core/ui.js';
import { api, Problem } from '../core/api.js';
import { lineChart, statusTimeline } from '../core/charts.js';
import { duration, clock, statusBadge, intlLocale } from './admin-format.js';

const PERIODS = { '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000, '7d': 604_800_000 };
const HISTORY_LIMIT = 1000;
const PROBE_INTERVAL = 60_000;

/** `/health/ready` answers 503 with the same body when a check fails, so both are read as JSON. */
async function readiness(signal) {
  let response;
  try {
    response = await fetch('/health/ready', { signal, headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new Problem(0, { detail: error.message });
  }
  const body = await response.json().catch(() => null);
  if (!body?.checks) throw new Problem(response.status, { detail: `HTTP ${response.status}` });
  return body;
}

const statusText = (status) => t(`admin-health.status_${status}`);

function checkName(name) {
  const known = ['startup', 'database', 'job_queue', 'outbox', 'blob_store'];
  if (known.includes(name)) return t(`admin-health.check_${name}`);
  if (name.startsWith('circuit:')) return t('admin-health.check_circuit', { service: name.slice(8) });
  return name;
}

function liveChecks(report) {
  return h('div', { class: 'stack' },
    h('p', { class: 'row' }, statusBadge(report.status, t('admin-health.overall', { status: statusText(report.status) })),
      h('span', { class: 'small muted' }, t('admin-health.checked_at', { when: dateTime(report.checkedAt) }))),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, t('admin-health.live_title')),
      h('thead', {}, h('tr', {}, [t('admin-health.check'), t('common.status'), t('admin-health.latency'), t('admin-health.detail')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, report.checks.map((c) => h('tr', { 'data-check': c.name },
        h('td', {}, checkName(c.name), h('div', { class: 'mono small muted' }, c.name)),
        h('td', {}, statusBadge(c.status, statusText(c.status))),
        h('td', {}, duration(c.latencyMs)),
        h('td', {}, c.message ?? '–')))))));
}

function historyView(items, since, until) {
  if (items.length === 0) return h('p', { class: 'empty' }, t('admin-health.history_none'));
  const checks = [...new Set(items.map((i) => i.check))].sort();
  const short = until - since <= PERIODS['24h'];
  const format = (at) => (short ? clock(at) : new Intl.DateTimeFormat(intlLocale(), { day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(at)));
  const problems = items.filter((i) => i.status !== 'pass');
  return h('div', { class: 'stack' },
    items.length >= HISTORY_LIMIT ? h('p', { class: 'alert info' }, t('admin-health.history_truncated', { count: HISTORY_LIMIT })) : null,
    h('section', { 'data-test': 'health-timeline' }, h('h3', {}, t('admin-health.timeline_title')),
      statusTimeline({
        title: t('admin-health.timeline_title'), description: t('admin-health.timeline_desc', { from: dateTime(since), to: dateTime(until) }),
        rows: checks.map((check) => ({
          name: checkName(check),
          items: items.filter((i) => i.check === check).map((i) => ({
            at: Date.parse(i.checkedAt), status: i.status,
            label: `${checkName(check)} · ${dateTime(i.checkedAt)}: ${statusText(i.status)}${i.message ? ` – ${i.message}` : ''} (${duration(i.latencyMs)})`,
          })),
        })),
        from: since, to: until, slotMs: PROBE_INTERVAL, xFormat: format,
        statusNames: { pass: statusText('pass'), warn: statusText('warn'), fail: statusText('fail') },
      })),
    h('section', { 'data-test': 'health-latency' }, h('h3', {}, t('admin-health.latency_title')),
      lineChart({
        title: t('admin-health.latency_title'), description: t('admin-health.latency_desc'), xLabel: t('admin-health.time'),
        series: checks.map((check) => ({ name: checkName(check), points: items.filter((i) => i.check === check).map((i) => ({ x: Date.parse(i.checkedAt), y: i.latencyMs })) })),
        xFormat: format, yFormat: (v) => duration(v), yAtLeast: 1,
      })),
    h('section', {}, h('h3', {}, t('admin-health.problems_title')),
      problems.length === 0 ? h('p', { class: 'muted' }, t('admin-health.problems_none'))
        : h('ol', { class: 'timeline', 'data-test': 'health-problems' }, problems.map((i) => h('li', {},
          h('div', { class: 'row' }, statusBadge(i.status, statusText(i.status)), h('strong', {}, checkName(i.check)),
            h('span', { class: 'small muted' }, dateTime(i.checkedAt), ' · ', relative(i.checkedAt))),
          i.message ? h('div', { class: 'small' }, i.message) : null)))));
}

async function render(ctx) {
  const liveSlot = h('div', { 'data-test': 'health-checks', 'aria-live': 'polite' }, loading());
  const historySlot = h('div', {}, loading());
  const period = select('period', Object.keys(PERIODS).map((p) => [p, t(`admin-health.period_${p}`)]), PERIODS[ctx.query.period] ? ctx.query.period : '6h');
  const checkFilter = h('input', { type: 'text', name: 'check', value: ctx.query.check ?? '', maxlength: 100, list: 'health-check-names', autocomplete: 'off' });
  const checkNames = h('datalist', { id: 'health-check-names' });

  async function loadLive() {
    replace(liveSlot, loading());
    try {
      const report = await readiness(ctx.signal);
      replace(liveSlot, liveChecks(report));
      replace(checkNames, report.checks.map((c) => h('option', { value: c.name }, checkName(c.name))));
    } catch (error) {
      if (error.name !== 'AbortError') replace(liveSlot, problemAlert(error));
    }
  }
  async function loadHistory() {
    replace(historySlot, loading());
    const until = Date.now();
    const since = until - PERIODS[period.value];
    try {
      const page = await api.get('/admin/health/history', { since: new Date(since).toISOString(), check: checkFilter.value.trim() || undefined, limit: HISTORY_LIMIT }, { signal: ctx.signal });
      replace(historySlot, historyView(page.items, since, until));
    } catch (error) {
      if (error.name !== 'AbortError') replace(historySlot, problemAlert(error));
    }
  }
  const filters = h('form', {
    class: 'filters', 'aria-label': t('admin-health.filters'),
    onsubmit: (e) => { e.preventDefault(); loadHistory(); },
  }, field(t('admin-health.period'), period), field(t('admin-health.check_filter'), checkFilter, t('admin-health.check_filter_hint')), checkNames,
  h('button', { class: 'btn btn-primary', type: 'submit' }, t('admin-health.show')));
  loadLive();
  loadHistory();
  return h('div', {},
    pageHeader(t('admin-health.title'), h('button', { class: 'btn', type: 'button', onclick: () => { loadLive(); loadHistory(); } }, t('common.refresh'))),
    h('section', { class: 'card', 'aria-labelledby': 'health-live-title' }, h('h2', { id: 'health-live-title' }, t('admin-health.live_title')),
      h('p', { class: 'small muted' }, t('admin-health.live_hint')), liveSlot),
    h('section', { class: 'card', 'aria-labelledby': 'health-history-title' }, h('h2', { id: 'health-history-title' }, t('admin-health.history_title')),
      h('p', { class: 'small muted' }, t('admin-health.history_hint')), filters, historySlot));
}

export const routes = [
  { path: 'admin/health', render, superadmin: true, orgless: true, nav: { group: 'admin', label: 'admin-health.nav', order: 50 } },
];

export const messages = {
  en: {
    'admin-health.nav': 'Health', 'admin-health.title': 'Health',
    'admin-health.live_title': 'Checks now', 'admin-health.live_hint': 'The readiness checks of the instance serving this page, run now.',
    'admin-health.overall': 'Overall: {status}', 'admin-health.checked_at': 'Checked {when}',
    'admin-health.status_pass': 'Passing', 'admin-health.status_warn': 'Degraded', 'admin-health.status_fail': 'Failing',
    'admin-health.check': 'Check', 'admin-health.latency': 'Duration', 'admin-health.detail': 'Detail',
    'admin-health.check_startup': 'Start-up', 'admin-health.check_database': 'Database', 'admin-health.check_job_queue': 'Job queue',
    'admin-health.check_outbox': 'Outbox', 'admin-health.check_blob_store': 'File storage', 'admin-health.check_circuit': 'Circuit breaker: {service}',
    'admin-health.history_title': 'History', 'admin-health.history_hint': 'Recorded by the periodic health probe every minute.',
    'admin-health.filters': 'History filters', 'admin-health.period': 'Period', 'admin-health.show': 'Show',
    'admin-health.period_1h': 'Last hour', 'admin-health.period_6h': 'Last 6 hours', 'admin-health.period_24h': 'Last 24 hours', 'admin-health.period_7d': 'Last 7 days',
    'admin-health.check_filter': 'Check', 'admin-health.check_filter_hint': 'Empty shows every check, e.g. database or circuit:smtp.',
    'admin-health.history_none': 'No probe results in this period.',
    'admin-health.history_truncated': 'Only the newest {count} results are shown; choose a shorter period or one check to see all.',
    'admin-health.timeline_title': 'Status over time', 'admin-health.timeline_desc': 'Each check’s recorded status from {from} to {to}.',
    'admin-health.latency_title': 'Check duration', 'admin-health.latency_desc': 'How long each check took, over time.', 'admin-health.time': 'Time',
    'admin-health.problems_title': 'Problems', 'admin-health.problems_none': 'Every check passed in this period.',
  },
  sk: {
    'admin-health.nav': 'Stav systému', 'admin-health.title': 'Stav systému',
    'admin-health.live_title': 'Kontroly teraz', 'admin-health.live_hint': 'Kontroly pripravenosti inštancie, ktorá obsluhuje túto stránku, spustené práve teraz.',
    'admin-health.overall': 'Celkovo: {status}', 'admin-health.checked_at': 'Skontrolované {when}',
    'admin-health.status_pass': 'V poriadku', 'admin-health.status_warn': 'Obmedzené', 'admin-health.status_fail': 'Zlyháva',
    'admin-health.check': 'Kontrola', 'admin-health.latency': 'Trvanie', 'admin-health.detail': 'Podrobnosti',
    'admin-health.check_startup': 'Spustenie', 'admin-health.check_database': 'Databáza', 'admin-health.check_job_queue': 'Fronta úloh',
    'admin-health.check_outbox': 'Odchádzajúce udalosti', 'admin-health.check_blob_store': 'Úložisko súborov', 'admin-health.check_circuit': 'Istič: {service}',
    'admin-health.history_title': 'História', 'admin-health.history_hint': 'Zaznamenáva ju pravidelná kontrola každú minútu.',
    'admin-health.filters': 'Filtre histórie', 'admin-health.period': 'Obdobie', 'admin-health.show': 'Zobraziť',
    'admin-health.period_1h': 'Posledná hodina', 'admin-health.period_6h': 'Posledných 6 hodín', 'admin-health.period_24h': 'Posledných 24 hodín', 'admin-health.period_7d': 'Posledných 7 dní',
    'admin-health.check_filter': 'Kontrola', 'admin-health.check_filter_hint': 'Prázdne zobrazí všetky kontroly, napr. database alebo circuit:smtp.',
    'admin-health.history_none': 'V tomto období nie sú žiadne výsledky kontrol.',
    'admin-health.history_truncated': 'Zobrazuje sa iba {count} najnovších výsledkov; ak chcete vidieť všetky, zvoľte kratšie obdobie alebo jednu kontrolu.',
    'admin-health.timeline_title': 'Stav v čase', 'admin-health.timeline_desc': 'Zaznamenaný stav každej kontroly od {from} do {to}.',
    'admin-health.latency_title': 'Trvanie kontrol', 'admin-health.latency_desc': 'Ako dlho trvala každá kontrola, v čase.', 'admin-health.time': 'Čas',
    'admin-health.problems_title': 'Problémy', 'admin-health.problems_none': 'V tomto období boli všetky kontroly v poriadku.',
  },
  cs: {
    'admin-health.nav': 'Stav systému', 'admin-health.title': 'Stav systému',
    'admin-health.live_title': 'Kontroly teď', 'admin-health.live_hint': 'Kontroly připravenosti instance, která obsluhuje tuto stránku, spuštěné právě teď.',
    'admin-health.overall': 'Celkově: {status}', 'admin-health.checked_at': 'Zkontrolováno {when}',
    'admin-health.status_pass': 'V pořádku', 'admin-health.status_warn': 'Omezeno', 'admin-health.status_fail': 'Selhává',
    'admin-health.check': 'Kontrola', 'admin-health.latency': 'Trvání', 'admin-health.detail': 'Podrobnosti',
    'admin-health.check_startup': 'Spuštění', 'admin-health.check_database': 'Databáze', 'admin-health.check_job_queue': 'Fronta úloh',
    'admin-health.check_outbox': 'Odchozí události', 'admin-health.check_blob_store': 'Úložiště souborů', 'admin-health.check_circuit': 'Jistič: {service}',
    'admin-health.history_title': 'Historie', 'admin-health.history_hint': 'Zaznamenává ji pravidelná kontrola každou minutu.',
    'admin-health.filters': 'Filtry historie', 'admin-health.period': 'Období', 'admin-health.show': 'Zobrazit',
    'admin-health.period_1h': 'Poslední hodina', 'admin-health.period_6h': 'Posledních 6 hodin', 'admin-health.period_24h': 'Posledních 24 hodin', 'admin-health.period_7d': 'Posledních 7 dní',
    'admin-health.check_filter': 'Kontrola', 'admin-health.check_filter_hint': 'Prázdné zobrazí všechny kontroly, např. database nebo circuit:smtp.',
    'admin-health.history_none': 'V tomto období nejsou žádné výsledky kontrol.',
    'admin-health.history_truncated': 'Zobrazuje se jen {count} nejnovějších výsledků; chcete-li vidět všechny, zvolte kratší období nebo jednu kontrolu.',
    'admin-health.timeline_title': 'Stav v čase', 'admin-health.timeline_desc': 'Zaznamenaný stav každé kontroly od {from} do {to}.',
    'admin-health.latency_title': 'Trvání kontrol', 'admin-health.latency_desc': 'Jak dlouho trvala každá kontrola, v čase.', 'admin-health.time': 'Čas',
    'admin-health.problems_title': 'Problémy', 'admin-health.problems_none': 'V tomto období byly všechny kontroly v pořádku.',
  },
  de: {
    'admin-health.nav': 'Systemzustand', 'admin-health.title': 'Systemzustand',
    'admin-health.live_title': 'Prüfungen jetzt', 'admin-health.live_hint': 'Die Bereitschaftsprüfungen der Instanz, die diese Seite ausliefert, jetzt ausgeführt.',
    'admin-health.overall': 'Gesamt: {status}', 'admin-health.checked_at': 'Geprüft {when}',
    'admin-health.status_pass': 'In Ordnung', 'admin-health.status_warn': 'Eingeschränkt', 'admin-health.status_fail': 'Fehlerhaft',
    'admin-health.check': 'Prüfung', 'admin-health.latency': 'Dauer', 'admin-health.detail': 'Details',
    'admin-health.check_startup': 'Start', 'admin-health.check_database': 'Datenbank', 'admin-health.check_job_queue': 'Auftragswarteschlange',
    'admin-health.check_outbox': 'Ausgangsereignisse', 'admin-health.check_blob_store': 'Dateispeicher', 'admin-health.check_circuit': 'Schutzschalter: {service}',
    'admin-health.history_title': 'Verlauf', 'admin-health.history_hint': 'Aufgezeichnet von der regelmäßigen Prüfung jede Minute.',
    'admin-health.filters': 'Verlaufsfilter', 'admin-health.period': 'Zeitraum', 'admin-health.show': 'Anzeigen',
    'admin-health.period_1h': 'Letzte Stunde', 'admin-health.period_6h': 'Letzte 6 Stunden', 'admin-health.period_24h': 'Letzte 24 Stunden', 'admin-health.period_7d': 'Letzte 7 Tage',
    'admin-health.check_filter': 'Prüfung', 'admin-health.check_filter_hint': 'Leer zeigt alle Prüfungen, z. B. database oder circuit:smtp.',
    'admin-health.history_none': 'In diesem Zeitraum gibt es keine Prüfergebnisse.',
    'admin-health.history_truncated': 'Nur die {count} neuesten Ergebnisse werden angezeigt; für alle einen kürzeren Zeitraum oder eine einzelne Prüfung wählen.',
    'admin-health.timeline_title': 'Status im Zeitverlauf', 'admin-health.timeline_desc': 'Aufgezeichneter Status jeder Prüfung vom {from} bis {to}.',
    'admin-health.latency_title': 'Dauer der Prüfungen', 'admin-health.latency_desc': 'Wie lange jede Prüfung gedauert hat, im Zeitverlauf.', 'admin-health.time': 'Zeit',
    'admin-health.problems_title': 'Probleme', 'admin-health.problems_none': 'In diesem Zeitraum waren alle Prüfungen in Ordnung.',
  },
};
