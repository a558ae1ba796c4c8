// One vote: what it asks and when, the owner's ballot, the results (managers any time, everyone
// else once it closes), the manager's lifecycle actions and every unit's answers.
import { h, replace } from '../core/dom.js';
import { t, dateTime } from '../core/i18n.js';
import { pageHeader, toast, problemAlert } from '../core/ui.js';
import { failedPage, loadPlaces, loadPeople, loadInto, useStyles } from './faults-common.js';
import {
  voteStatusBadge, audienceText, loadBuildings, loadVoterUnits, eligibleUnits, timeOrDash, useVoteStyles,
} from './votes-common.js';
import { ballotCard } from './votes-ballot.js';
import { resultsSection, responsesCard } from './votes-results.js';
import { manageCard } from './votes-manage.js';

export async function renderVoteDetail(ctx) {
  useStyles();
  useVoteStyles();
  const id = encodeURIComponent(ctx.params.id);
  const manages = ctx.can('votesManage');
  const root = h('div', {});
  const quiet = (promise, fallback) => promise.catch((error) => { if (error.name === 'AbortError') throw error; return fallback; });
  let context;
  try {
    // Managers need every unit (names, shares for the turnout) and every member's name; owners only
    // the building names and their own units.
    const [vote, places, buildings, voterUnits, people] = await Promise.all([
      ctx.org.get(`/votes/${id}`, undefined, { signal: ctx.signal }),
      manages ? quiet(loadPlaces(ctx), { buildings: new Map(), units: new Map() }) : null,
      manages ? null : quiet(loadBuildings(ctx), new Map()),
      quiet(loadVoterUnits(ctx), []),
      manages ? loadPeople(ctx) : new Map(),
    ]);
    context = { ctx, manages, places: places ?? { buildings, units: new Map() }, voterUnits, people, vote };
  } catch (error) {
    return failedPage(t('votes.title'), error, '#/votes', t('votes.back'));
  }

  async function show(vote) {
    const page = { ...context, vote, refresh };
    const units = eligibleUnits(vote, context.voterUnits);
    // An owner's own answers matter once the vote has opened; before that there are none.
    const ownResponses = units.length && (vote.status === 'active' || vote.status === 'closed')
      ? await ctx.org.get(`/votes/${id}/responses`, undefined, { signal: ctx.signal })
      : [];
    replace(root,
      pageHeader(vote.title, voteStatusBadge(vote.status), h('a', { href: '#/votes' }, t('votes.back'))),
      h('div', { class: 'prop-two' },
        h('div', {}, factsCard(page), manages ? manageCard(page) : null),
        h('div', {}, units.length
          ? ballotCard({ ...page, units, responses: ownResponses })
          : questionsCard(page))),
      resultsCard(page),
      manages && (vote.status === 'active' || vote.status === 'closed') ? responsesSlot(page) : null);
  }

  /** Reloads the vote after a change (or takes the changed vote the API answered), then says so. */
  async function refresh(message, changed) {
    try {
      const vote = changed ?? await ctx.org.get(`/votes/${id}`, undefined, { signal: ctx.signal });
      await show(vote);
      if (message) toast(message);
    } catch (error) {
      if (error.name !== 'AbortError') root.prepend(problemAlert(error));
    }
  }

  try {
    await show(context.vote);
  } catch (error) {
    return failedPage(context.vote.title, error, '#/votes', t('votes.back'));
  }
  return root;
}

function factsCard({ vote, places }) {
  const rows = [
    [t('votes.field.status'), voteStatusBadge(vote.status)],
    [t('votes.field.audience'), audienceText(vote, places.buildings)],
    [t(vote.status === 'active' || vote.status === 'closed' ? 'votes.field.started' : 'votes.field.starts'),
      timeOrDash(vote.startsAt, t(vote.status === 'draft' ? 'votes.not_scheduled' : 'votes.no_time'))],
    [t(vote.status === 'closed' ? 'votes.field.ended' : 'votes.field.ends'),
      timeOrDash(vote.endsAt, t(vote.status === 'active' ? 'votes.until_closed' : 'votes.no_time'))],
    [t('votes.field.created'), h('time', { datetime: vote.createdAt }, dateTime(vote.createdAt))],
  ];
  return h('section', { class: 'card', 'aria-labelledby': 'vote-facts' },
    h('h2', { id: 'vote-facts' }, t('votes.about')),
    vote.description
      ? h('p', { class: 'prop-text', 'data-test': 'vote-description' }, vote.description)
      : h('p', { class: 'muted' }, t('votes.no_description')),
    h('dl', { class: 'prop-facts' }, rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])));
}

/** The questions read-only, with why this member cannot answer them. */
function questionsCard({ ctx, vote }) {
  let note = null;
  if (ctx.can('votesRespond') && !ctx.can('votesManage') && vote.status !== 'closed') note = t('votes.ballot.not_owner');
  else if (!ctx.can('votesRespond')) note = t('votes.ballot.read_only');
  return h('section', { class: 'card', 'aria-labelledby': 'vote-questions', 'data-test': 'vote-questions' },
    h('h2', { id: 'vote-questions' }, t('votes.questions')),
    note ? h('p', { class: 'small muted', style: { marginTop: 0 } }, note) : null,
    h('ol', { class: 'vote-questions' }, vote.questions.map((q, i) => h('li', {},
      h('p', { class: 'vote-question-text' }, `${i + 1}. ${q.text}`),
      h('ul', { class: 'vote-options' }, q.options.map((o) => h('li', {}, o)))))));
}

/** Results where this member may see them; otherwise when they will be published. */
function resultsCard(page) {
  const { ctx, vote, manages } = page;
  const heading = h('h2', { id: 'vote-results-title' }, t(manages && vote.status === 'active' ? 'votes.results_interim' : 'votes.results'));
  const section = h('section', { class: 'card', 'aria-labelledby': 'vote-results-title', 'data-test': 'vote-results' }, heading);
  if (vote.status === 'draft' || vote.status === 'scheduled') {
    section.append(h('p', { class: 'muted', style: { margin: 0 } }, t('votes.results_after_open')));
    return section;
  }
  if (!manages && vote.status !== 'closed') {
    section.append(h('p', { class: 'muted', style: { margin: 0 } }, t('votes.results_after_close')));
    return section;
  }
  const slot = h('div', {});
  if (manages && vote.status === 'active') section.append(h('p', { class: 'small muted', style: { marginTop: 0 } }, t('votes.results_interim_note')));
  section.append(slot);
  loadInto(slot, async () => resultsSection(page,
    await ctx.org.get(`/votes/${vote.id}/results`, undefined, { signal: ctx.signal })));
  return section;
}

function responsesSlot(page) {
  const { ctx, vote } = page;
  const slot = h('div', {});
  loadInto(slot, async () => responsesCard(page,
    await ctx.org.get(`/votes/${vote.id}/responses`, undefined, { signal: ctx.signal })));
  return h('section', { class: 'card', 'aria-labelledby': 'vote-responses-title', 'data-test': 'vote-responses' },
    h('h2', { id: 'vote-responses-title' }, t('votes.responses')), slot);
}
