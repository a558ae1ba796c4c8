// LLM usage and budget (llmUsageRead): the usage report over a period as charts (tokens, cost and
// calls per day; by feature, model and person), this month's budget status, the budget events and
// the usage ledger (paginated).
import { h, svg } from '../core/dom.js';
import { t, number, dateTime } from '../core/i18n.js';
import { pageHeader, field, badge, tabs, into, markInvalid } from '../core/ui.js';
import { lineChart, barChart } from '../core/charts.js';
import { micros, compact, day, fullDay, month, duration, utcDay, statusBadge } from './admin-format.js';
import { pagedTable, pagerMessages, mergeMessages } from './admin-pager.js';
import { usageMessages } from './admin-usage-messages.js';

const DAY = 86_400_000;
const isDay = (text) => /^\d{4}-\d{2}-\d{2}$/.test(text ?? '');

/** Every day of the period with its figures (days without calls count zero). */
function dailySeries(report) {
  const byKey = new Map(report.groups.map((g) => [g.key, g]));
  const days = [];
  for (let at = Date.parse(`${report.from}T00:00:00Z`); at <= Date.parse(`${report.to}T00:00:00Z`); at += DAY) {
    const key = new Date(at).toISOString().slice(0, 10);
    days.push({ x: at, key, ...(byKey.get(key) ?? { requests: 0, failures: 0, inputTokens: 0, outputTokens: 0, costMicros: 0 }) });
  }
  return days;
}

function budgetCard(ctx, status) {
  const spent = micros(status.spentMicros, status.currency);
  const body = [];
  if (!status.budget) {
    body.push(h('p', {}, t('admin-usage.budget_none', { spent, month: month(status.month) })));
    if (ctx.can('llmManage')) body.push(h('p', {}, h('a', { href: '#/admin/llm' }, t('admin-usage.budget_set'))));
  } else {
    const limit = micros(status.budget.monthlyLimit.amountMinor * 10_000, status.budget.monthlyLimit.currency);
    const percent = status.percentUsed ?? 0;
    const soft = status.budget.softAlertPercent ?? 80;
    const tone = status.hardStopReached || percent >= 100 ? '#b42318' : status.softAlertReached || percent >= soft ? '#b45309' : '#1e7a3c';
    const label = t('admin-usage.budget_bar', { spent, limit, percent: number(percent, 1) });
    // The bar is drawn in percent of the limit; the dashed line marks the soft alert. Its height is set
    // through the style object (the page's CSP refuses style attributes).
    const bar = svg('svg', { class: 'chart', viewBox: '0 0 100 8', preserveAspectRatio: 'none', role: 'img', 'aria-label': label },
      svg('rect', { x: 0, y: 0, width: 100, height: 8, rx: 1, fill: '#e3e8ee' }),
      svg('rect', { x: 0, y: 0, width: Math.min(100, percent), height: 8, rx: 1, fill: tone }),
      svg('line', { x1: soft, x2: soft, y1: 0, y2: 8, stroke: '#1d2733', 'stroke-width': 2, 'vector-effect': 'non-scaling-stroke' }));
    bar.style.height = '1.25rem';
    body.push(
      h('p', { class: 'row' }, h('span', { class: 'stat' }, spent), h('span', { class: 'muted' }, t('admin-usage.budget_of', { limit }))),
      bar,
      h('p', { class: 'small' }, label, ' · ', t('admin-usage.budget_remaining', { remaining: micros(status.remainingMicros ?? 0, status.currency) })),
      h('p', { class: 'row small' },
        status.softAlertReached ? badge(t('admin-usage.soft_reached', { percent: soft }), 'warn') : badge(t('admin-usage.soft_not_reached', { percent: soft })),
        status.hardStopReached ? badge(t('admin-usage.hard_reached'), 'danger')
          : status.budget.hardStop ? badge(t('admin-usage.hard_on')) : badge(t('admin-usage.hard_off'))));
  }
  return h('section', { class: 'card', 'aria-labelledby': 'budget-title', 'data-test': 'budget-status' },
    h('h2', { id: 'budget-title' }, t('admin-usage.budget_title', { month: month(status.month) })), body);
}

function totals(report) {
  const cur = report.currency;
  const item = (label, value) => h('div', { class: 'card', style: 'margin: 0' }, h('div', { class: 'small muted' }, label), h('div', { class: 'stat' }, value));
  return h('div', { class: 'grid', style: 'margin-bottom: 1rem' },
    item(t('admin-usage.requests'), number(report.total.requests)),
    item(t('admin-usage.failures'), number(report.total.failures)),
    item(t('admin-usage.input_tokens'), number(report.total.inputTokens)),
    item(t('admin-usage.output_tokens'), number(report.total.outputTokens)),
    item(t('admin-usage.cost'), micros(report.total.costMicros, cur)));
}

function dailyCharts(report) {
  const days = dailySeries(report);
  const cur = report.currency;
  // A cost chart's axis reaches at least one cent, so a period without cost does not show fractions of a micro-unit.
  const chart = (title, description, series, yFormat, yAtLeast = 1) => h('section', { class: 'card', 'data-test': 'usage-chart' },
    h('h3', {}, title),
    lineChart({
      title, description, series, xLabel: t('admin-usage.day'), xFormat: (x) => day(new Date(x).toISOString().slice(0, 10)),
      yFormat, yAtLeast, yInteger: yAtLeast === 1,
    }));
  if (report.total.requests === 0) return h('p', { class: 'empty' }, t('admin-usage.no_usage'));
  return h('div', {},
    chart(t('admin-usage.chart_tokens'), t('admin-usage.chart_tokens_desc', { from: fullDay(report.from), to: fullDay(report.to) }), [
      { name: t('admin-usage.input_tokens'), points: days.map((d) => ({ x: d.x, y: d.inputTokens })) },
      { name: t('admin-usage.output_tokens'), points: days.map((d) => ({ x: d.x, y: d.outputTokens })) },
    ], compact),
    h('div', { class: 'grid', style: 'grid-template-columns: repeat(auto-fit, minmax(320px, 1fr))' },
      chart(t('admin-usage.chart_cost'), t('admin-usage.chart_cost_desc', { currency: cur }),
        [{ name: t('admin-usage.cost'), points: days.map((d) => ({ x: d.x, y: d.costMicros })) }], (v) => micros(v, cur), 10_000),
      chart(t('admin-usage.chart_requests'), t('admin-usage.chart_requests_desc'), [
        { name: t('admin-usage.requests'), points: days.map((d) => ({ x: d.x, y: d.requests })) },
        { name: t('admin-usage.failures'), points: days.map((d) => ({ x: d.x, y: d.failures })), color: '#b42318' },
      ], compact)));
}

/** One grouping (feature, model or person): a bar chart of tokens and a table of every figure. */
function groupPanel(report, label, name, group) {
  const cur = report.currency;
  const hasCost = report.groups.some((g) => g.costMicros > 0);
  const bars = report.groups.map((g) => ({ label: label(g.key), value: hasCost ? g.costMicros : g.inputTokens + g.outputTokens }));
  const title = t(`admin-usage.${hasCost ? 'cost' : 'tokens'}_by_${group}`);
  return h('div', { class: 'stack' },
    h('div', { 'data-test': 'usage-chart' }, barChart({
      title, description: t('admin-usage.period', { from: fullDay(report.from), to: fullDay(report.to) }), bars, labelHeading: name,
      valueLabel: hasCost ? t('admin-usage.cost') : t('admin-usage.tokens'), format: hasCost ? (v) => micros(v, cur) : compact,
      empty: t('admin-usage.no_usage'),
    })),
    report.groups.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, name),
      h('thead', {}, h('tr', {}, [name, t('admin-usage.requests'), t('admin-usage.failures'), t('admin-usage.input_tokens'), t('admin-usage.output_tokens'), t('admin-usage.cost')]
        .map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, report.groups.map((g) => h('tr', {},
        h('td', {}, label(g.key)), h('td', {}, number(g.requests)), h('td', {}, number(g.failures)),
        h('td', {}, number(g.inputTokens)), h('td', {}, number(g.outputTokens)), h('td', {}, micros(g.costMicros, cur))))))) : null);
}

function ledger(ctx, names) {
  return pagedTable({
    attrs: { 'data-test': 'usage-ledger' }, caption: t('admin-usage.ledger_title'), emptyText: t('admin-usage.no_usage'),
    load: (cursor) => ctx.org.get('/llm/usage/entries', { limit: 25, cursor }, { signal: ctx.signal }),
    columns: [
      [t('admin-usage.when'), (e) => dateTime(e.createdAt)],
      [t('admin-usage.feature'), (e) => t(`admin-usage.feature_${e.feature}`)],
      [t('admin-usage.model'), (e) => h('span', { class: 'mono' }, `${e.provider}/${e.model}`)],
      [t('admin-usage.person'), (e) => (e.userID ? names.get(e.userID) ?? h('span', { class: 'mono small' }, e.userID.slice(0, 8)) : t('admin-usage.system'))],
      [t('admin-usage.tokens_in_out'), (e) => [`${number(e.inputTokens)} / ${number(e.outputTokens)}`,
        e.usageEstimated ? h('div', { class: 'small muted' }, t('admin-usage.estimated')) : null]],
      [t('admin-usage.cost'), (e) => micros(e.costMicros, e.currency)],
      [t('admin-usage.latency'), (e) => [duration(e.latencyMilliseconds),
        e.timeToFirstTokenMilliseconds !== undefined ? h('div', { class: 'small muted' }, t('admin-usage.ttft', { ms: duration(e.timeToFirstTokenMilliseconds) })) : null]],
      [t('admin-usage.outcome'), (e) => [statusBadge(e.outcome, t(`admin-usage.outcome_${e.outcome}`)),
        e.errorCode ? h('div', { class: 'mono small' }, e.errorCode) : null,
        e.attempts > 1 ? h('div', { class: 'small muted' }, t('admin-usage.attempts', { count: e.attempts })) : null]],
    ],
  });
}

function budgetEvents(ctx) {
  return pagedTable({
    attrs: { 'data-test': 'budget-events' }, caption: t('admin-usage.events_title'), emptyText: t('admin-usage.events_none'),
    load: (cursor) => ctx.org.get('/llm/budget/events', { limit: 20, cursor }, { signal: ctx.signal }),
    columns: [
      [t('admin-usage.when'), (e) => dateTime(e.createdAt)],
      [t('admin-usage.event'), (e) => (e.kind === 'hard_stop' ? badge(t('admin-usage.event_hard_stop'), 'danger') : badge(t('admin-usage.event_soft_alert'), 'warn'))],
      [t('admin-usage.month'), (e) => month(e.month)],
      [t('admin-usage.spent_then'), (e) => micros(e.spentMicros, e.limit.currency)],
      [t('admin-usage.limit'), (e) => micros(e.limit.amountMinor * 10_000, e.limit.currency)],
    ],
  });
}

async function report(ctx, from, to, period) {
  const get = (groupBy) => ctx.org.get('/llm/usage', { from, to, groupBy }, { signal: ctx.signal });
  let byDay, byFeature, byModel, byUser, members;
  try {
    [byDay, byFeature, byModel, byUser, members] = await Promise.all([
      get('day'), get('feature'), get('model'), get('user'),
      ctx.can('membersRead') ? ctx.org.get('/members', undefined, { signal: ctx.signal }).catch(() => []) : [],
    ]);
  } catch (error) {
    markInvalid(period, error);
    throw error;
  }
  const names = new Map(members.map((m) => [m.user.id, m.user.name]));
  const personLabel = (key) => (key === 'system' ? t('admin-usage.system') : names.get(key) ?? key);
  return [
    h('p', { class: 'muted' }, t('admin-usage.period', { from: fullDay(byDay.from), to: fullDay(byDay.to) })),
    totals(byDay), dailyCharts(byDay),
    h('section', { class: 'card' }, h('h3', {}, t('admin-usage.breakdown')), tabs([
      [t('admin-usage.by_feature'), (panel) => panel.append(groupPanel(byFeature, (k) => t(`admin-usage.feature_${k}`), t('admin-usage.feature'), 'feature'))],
      [t('admin-usage.by_model'), (panel) => panel.append(groupPanel(byModel, (k) => k, t('admin-usage.model'), 'model'))],
      [t('admin-usage.by_person'), (panel) => panel.append(groupPanel(byUser, personLabel, t('admin-usage.person'), 'user'))],
    ])),
    h('section', { class: 'card', 'aria-labelledby': 'ledger-title' }, h('h2', { id: 'ledger-title' }, t('admin-usage.ledger_title')),
      h('p', { class: 'small muted' }, t('admin-usage.ledger_hint')), ledger(ctx, names)),
  ];
}

async function render(ctx) {
  const from = isDay(ctx.query.from) ? ctx.query.from : utcDay(29);
  const to = isDay(ctx.query.to) ? ctx.query.to : utcDay(0);
  const fromInput = h('input', { type: 'date', name: 'from', value: from, max: utcDay(0), required: true });
  const toInput = h('input', { type: 'date', name: 'to', value: to, max: utcDay(0), required: true });
  const period = h('form', {
    class: 'filters', 'aria-label': t('admin-usage.period_label'),
    onsubmit: (e) => { e.preventDefault(); ctx.navigate(`admin/usage?from=${fromInput.value}&to=${toInput.value}`); },
  }, field(t('admin-usage.from'), fromInput), field(t('admin-usage.to'), toInput),
  h('button', { class: 'btn btn-primary', type: 'submit' }, t('admin-usage.show')),
  h('a', { class: 'btn', href: '#/admin/usage' }, t('admin-usage.last_30')));
  const budgetSlot = h('div', {});
  const reportSlot = h('div', {});
  into(budgetSlot, async () => budgetCard(ctx, await ctx.org.get('/llm/budget', undefined, { signal: ctx.signal })));
  into(reportSlot, () => report(ctx, from, to, period));
  return h('div', {},
    pageHeader(t('admin-usage.title')),
    budgetSlot,
    h('section', { class: 'card', 'aria-labelledby': 'events-title' }, h('h2', { id: 'events-title' }, t('admin-usage.events_title')), budgetEvents(ctx)),
    h('section', { 'aria-labelledby': 'usage-title' }, h('h2', { id: 'usage-title' }, t('admin-usage.report_title')), period, reportSlot));
}

export const routes = [
  { path: 'admin/usage', render, permission: 'llmUsageRead', nav: { group: 'admin', label: 'admin-usage.nav', order: 40 } },
];

export const messages = mergeMessages(pagerMessages, usageMessages);
