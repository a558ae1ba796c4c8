// A vote's results (per question: a bar chart of the weighted shares, units and weights in a
// table, and the turnout) and, for managers, every unit's answers.
import { h } from '../core/dom.js';
import { t, dateTime, number } from '../core/i18n.js';
import { barChart } from '../core/charts.js';
import { plural } from './faults-common.js';
import { unitLabel } from './votes-common.js';

const percent = (fraction) => t('votes.percent', { n: number(fraction * 100, 1) });

/**
 * The ownership the vote's audience holds, and how many units that is, when we can know it:
 * managers see every unit; for anyone else a building's shares add up to the whole building (1),
 * and an organization-wide total is unknown.
 */
function audienceWeight({ vote, manages, places }) {
  if (manages && places.units.size) {
    const units = [...places.units.values()].filter((u) => !vote.buildingID || u.buildingID === vote.buildingID);
    const weight = units.reduce((sum, u) => sum + (u.ownershipShareDenominator ? u.ownershipShareNumerator / u.ownershipShareDenominator : 0), 0);
    return { weight: weight || null, units: units.length };
  }
  return { weight: vote.buildingID ? 1 : null, units: null };
}

export function resultsSection(page, results) {
  const { vote } = page;
  const audience = audienceWeight(page);
  const byQuestion = new Map(results.map((r) => [r.questionID, r]));
  return h('div', {},
    h('p', { class: 'small muted', style: { marginTop: 0 } }, t('votes.results_weighted_note')),
    vote.questions.map((q, i) => questionResult(q, i, byQuestion.get(q.id), audience, vote.status === 'closed')));
}

function questionResult(question, index, result, audience, closed) {
  const counts = result?.counts ?? {};
  const weights = result?.weights ?? {};
  const cast = result?.participatingWeight ?? 0;
  const answered = question.options.reduce((sum, o) => sum + (counts[o] ?? 0), 0);
  const turnout = [
    audience.units !== null
      ? t('votes.turnout_units_of', { n: number(answered), total: number(audience.units) })
      : plural('votes.turnout_units', answered),
    audience.weight ? t('votes.turnout_weight', { share: percent(cast / audience.weight) }) : null,
  ].filter(Boolean).join(' · ');
  const title = `${index + 1}. ${question.text}`;
  return h('div', { class: 'vote-result', 'data-test': 'vote-result', 'data-question': question.id },
    h('h3', {}, title),
    h('p', { class: 'small', style: { margin: '0 0 .5rem' } }, turnout),
    cast > 0
      // The chart's screen-reader table is absolutely positioned; this box keeps it from widening the page.
      ? h('div', { class: 'vote-chart' }, barChart({
        title: t('votes.chart_title', { n: index + 1 }),
        description: t('votes.chart_description'),
        bars: question.options.map((o) => ({ label: o, value: ((weights[o] ?? 0) / cast) * 100 })),
        labelHeading: t('votes.option'),
        valueLabel: t('votes.share_cast'),
        format: (v) => t('votes.percent', { n: number(v, v % 1 ? 1 : 0) }),
      }))
      : h('p', { class: 'muted' }, t(closed ? 'votes.no_answers_closed' : 'votes.no_answers')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data vote-table' },
      h('caption', { class: 'visually-hidden' }, t('votes.results_table', { question: question.text })),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('votes.option')),
        h('th', { scope: 'col', class: 'num' }, t('votes.units')),
        h('th', { scope: 'col', class: 'num' }, t(audience.weight ? 'votes.share_all' : 'votes.weight')),
        h('th', { scope: 'col', class: 'num' }, t('votes.share_cast')))),
      h('tbody', {}, question.options.map((o) => h('tr', {},
        h('th', { scope: 'row' }, o),
        h('td', { class: 'num' }, number(counts[o] ?? 0)),
        h('td', { class: 'num' }, audience.weight ? percent((weights[o] ?? 0) / audience.weight) : number(weights[o] ?? 0, 4)),
        h('td', { class: 'num' }, cast > 0 ? percent((weights[o] ?? 0) / cast) : '—')))))));
}

/** Every unit's answers (one row per unit), who gave them and when. */
export function responsesCard({ vote, places, people }, responses) {
  if (responses.length === 0) return h('p', { class: 'empty' }, t('votes.responses_empty'));
  const byUnit = new Map();
  for (const r of responses) {
    const entry = byUnit.get(r.unitID) ?? { unitID: r.unitID, answers: new Map(), voters: new Set(), weight: r.weight, latest: r.createdAt };
    entry.answers.set(r.questionID, r.option);
    entry.voters.add(r.userID);
    if (r.createdAt > entry.latest) entry.latest = r.createdAt;
    byUnit.set(r.unitID, entry);
  }
  const number_ = (entry) => places.units.get(entry.unitID)?.number ?? '';
  const rows = [...byUnit.values()].sort((a, b) => number_(a).localeCompare(number_(b), undefined, { numeric: true }));
  const name = (id) => people.get(id)?.name ?? t('votes.someone');
  return h('div', {},
    h('p', { class: 'small muted', role: 'status', style: { marginTop: 0 } }, plural('votes.responses_count', rows.length)),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data vote-table', 'data-test': 'vote-response-list' },
      h('caption', { class: 'visually-hidden' }, t('votes.responses')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('votes.unit')),
        vote.questions.map((q, i) => h('th', { scope: 'col', title: q.text },
          t('votes.question_short', { n: i + 1 }), h('span', { class: 'visually-hidden' }, `: ${q.text}`))),
        h('th', { scope: 'col', class: 'num' }, t('votes.unit_share')),
        h('th', { scope: 'col' }, t('votes.voted_by')),
        h('th', { scope: 'col' }, t('votes.voted_at')))),
      h('tbody', {}, rows.map((entry) => {
        const unit = places.units.get(entry.unitID);
        return h('tr', { 'data-test': 'vote-response-row' },
          h('th', { scope: 'row' }, unit ? unitLabel(unit) : t('votes.unknown_unit'),
            unit ? h('div', { class: 'small muted', style: { fontWeight: 400 } }, places.buildings.get(unit.buildingID)?.name ?? '') : null),
          vote.questions.map((q) => h('td', {}, entry.answers.get(q.id) ?? h('span', { class: 'muted' }, '—'))),
          h('td', { class: 'num' }, percent(entry.weight)),
          h('td', {}, [...entry.voters].map(name).join(', ')),
          h('td', { style: { whiteSpace: 'nowrap' } }, h('time', { datetime: entry.latest }, dateTime(entry.latest))));
      })))));
}
