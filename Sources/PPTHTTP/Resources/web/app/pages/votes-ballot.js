// An owner's ballot: one set of radio buttons per question for one of their units (or all of them),
// showing the answers already given; while the vote is open answering again replaces them. Before
// and after the voting time the questions are shown with the owner's answers marked.
import { h, replace } from '../core/dom.js';
import { t, dateTime, number } from '../core/i18n.js';
import { field, select, form, toast, problemText } from '../core/ui.js';
import { checkbox, withFieldErrors } from './faults-common.js';
import { acceptsAnswers, unitLabel } from './votes-common.js';

export function ballotCard(page) {
  const { vote } = page;
  const open = acceptsAnswers(vote);
  return h('section', { class: 'card', 'aria-labelledby': 'vote-ballot-title', 'data-test': 'vote-ballot' },
    h('h2', { id: 'vote-ballot-title' }, t(open || vote.status === 'scheduled' ? 'votes.ballot.title' : 'votes.ballot.yours')),
    open ? ballotForm(page) : answeredQuestions(page));
}

/** "Unit A101 (share 7 430/38 760)" — the share weighs the unit's answers. */
function unitOption(unit) {
  return t('votes.ballot.unit_share', {
    unit: unitLabel(unit),
    share: `${number(unit.ownershipShareNumerator)}/${number(unit.ownershipShareDenominator)}`,
  });
}

/** The unit's answers by question id. */
function answersOf(responses, unitID) {
  return new Map(responses.filter((r) => r.unitID === unitID).map((r) => [r.questionID, r]));
}

function ballotForm({ ctx, vote, units, responses, refresh }) {
  const complete = (unit) => vote.questions.every((q) => answersOf(responses, unit.id).has(q.id));
  // Start with the first unit still missing answers: that is what the owner most likely came for.
  const start = units.find((u) => !complete(u)) ?? units[0];
  const unitControl = units.length > 1
    ? select('unitID', units.map((u) => [u.id, unitOption(u)]), start.id, { 'data-test': 'vote-unit' })
    : h('input', { type: 'hidden', name: 'unitID', value: start.id });
  const unitState = h('p', { class: 'small', role: 'status', style: { margin: 0 } });
  let submit = null;
  const fieldsets = vote.questions.map((q, i) => h('fieldset', { class: 'vote-fieldset', 'data-pointer': `/question/${i}` },
    h('legend', {}, `${i + 1}. ${q.text}`),
    h('div', { class: 'vote-choice' }, q.options.map((option, j) => {
      const id = `vote-q${i}-o${j}`;
      return h('div', { class: 'checkbox' },
        h('input', { type: 'radio', id, name: `answer-${i}`, value: option }),
        h('label', { for: id }, option));
    }))));

  /** Shows the chosen unit's earlier answers and says whether it has answered. */
  function prefill(unitID) {
    const given = answersOf(responses, unitID);
    vote.questions.forEach((q, i) => {
      for (const radio of fieldsets[i].querySelectorAll('input[type=radio]')) radio.checked = given.get(q.id)?.option === radio.value;
    });
    const latest = [...given.values()].map((r) => r.createdAt).sort().at(-1);
    const until = vote.endsAt ? t('votes.ballot.change_until', { date: dateTime(vote.endsAt) }) : t('votes.ballot.change_until_closed');
    // Answering again replaces the unit's answers, so the button says which of the two it does.
    if (submit) submit.textContent = t(given.size ? 'votes.ballot.change' : 'votes.ballot.submit');
    replace(unitState, given.size === 0
      ? h('span', {}, t('votes.ballot.not_answered'))
      : [h('strong', {}, t(given.size < vote.questions.length ? 'votes.ballot.answered_part' : 'votes.ballot.answered', {
        date: dateTime(latest), n: number(given.size), total: number(vote.questions.length),
      })), ' ', until]);
  }
  unitControl.addEventListener('change', () => prefill(unitControl.value));

  const controls = [
    units.length > 1
      ? field(t('votes.ballot.unit'), unitControl, t('votes.ballot.unit_hint'))
      : h('p', { style: { margin: 0 } }, t('votes.ballot.single_unit', { unit: unitOption(start) }), unitControl),
    unitState,
    ...fieldsets,
    h('p', { class: 'small muted', style: { margin: 0 } }, t('votes.ballot.keep_hint')),
    units.length > 1 ? checkbox('allUnits', t('votes.ballot.all_units', { n: number(units.length) })) : null,
  ];
  const el = form(controls, withFieldErrors(async (data) => {
    const answers = vote.questions
      .map((q, i) => (data[`answer-${i}`] === undefined ? null : { questionID: q.id, option: data[`answer-${i}`], index: i }))
      .filter(Boolean);
    if (answers.length === 0) throw new Error(t('votes.ballot.choose'));
    const targets = data.allUnits === 'on' ? units : units.filter((u) => u.id === data.unitID);
    const saved = [];
    for (const unit of targets) {
      try {
        await ctx.org.post(`/votes/${vote.id}/responses`, {
          unitID: unit.id, answers: answers.map(({ questionID, option }) => ({ questionID, option })),
        });
        saved.push(unit);
      } catch (error) {
        if (saved.length) toast(t('votes.ballot.saved_for', { units: saved.map(unitLabel).join(', ') }));
        throw pointAtQuestions(error, answers, unit, targets.length > 1);
      }
    }
    await refresh(t(saved.length > 1 ? 'votes.ballot.saved_all' : 'votes.ballot.saved', { n: number(saved.length) }));
  }), { submitLabel: t('votes.ballot.submit') });
  el.setAttribute('data-test', 'vote-answer');
  el.setAttribute('aria-label', t('votes.ballot.title'));
  submit = el.querySelector('button[type=submit]');
  submit.setAttribute('data-test', 'vote-submit');
  prefill(start.id);
  return el;
}

/**
 * The API names answers by their place in the ballot (`/answers/1/option`); the form names them by
 * question, so field errors are moved onto the question's fieldset. With several units the failing
 * unit is named too.
 */
function pointAtQuestions(error, answers, unit, several) {
  if (!error || typeof error !== 'object' || error.name === 'AbortError') return error;
  const errors = (error.errors ?? []).map((e) => {
    const match = /^\/answers\/(\d+)/.exec(e.pointer ?? '');
    const answer = match ? answers[Number(match[1])] : null;
    return answer ? { ...e, pointer: `/question/${answer.index}` } : e;
  });
  if (!several) return Object.assign(error, { errors });
  return Object.assign(new Error(t('votes.ballot.failed_for', { unit: unitLabel(unit), problem: problemText(error) })),
    { errors, requestId: error.requestId });
}

/** The questions with the owner's answers marked (before the vote opens, after it ends). */
function answeredQuestions({ vote, units, responses }) {
  const note = vote.status === 'scheduled'
    ? t('votes.ballot.opens', { date: dateTime(vote.startsAt) })
    : vote.status === 'active' ? t('votes.ballot.ended_pending')
      : responses.length ? t('votes.ballot.closed_voted') : t('votes.ballot.closed_not_voted');
  const byUnit = new Map(units.map((u) => [u.id, u]));
  return [
    h('p', { class: 'small muted', style: { marginTop: 0 } }, note),
    h('ol', { class: 'vote-questions' }, vote.questions.map((q, i) => h('li', {},
      h('p', { class: 'vote-question-text' }, `${i + 1}. ${q.text}`),
      h('ul', { class: 'vote-options' }, q.options.map((option) => {
        const chosenBy = responses.filter((r) => r.questionID === q.id && r.option === option).map((r) => byUnit.get(r.unitID))
          .filter(Boolean).map(unitLabel);
        return h('li', {}, option, chosenBy.length
          ? h('span', { class: 'vote-mine' }, h('span', { 'aria-hidden': 'true' }, ' ✓ '),
            t(units.length > 1 ? 'votes.ballot.your_answer_units' : 'votes.ballot.your_answer', { units: chosenBy.join(', ') }))
          : null);
      }))))),
  ];
}
