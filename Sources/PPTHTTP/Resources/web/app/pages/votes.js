// Owners' votes: the paged list with each vote's status, audience and times, and for owners how far
// they have answered. The detail page is in votes-detail.js, the draft form in votes-form.js,
// messages in votes-messages.js.
import { h, replace } from '../core/dom.js';
import { t, number } from '../core/i18n.js';
import { pageHeader, field, select, badge, loading, problemAlert } from '../core/ui.js';
import { plural, useStyles } from './faults-common.js';
import {
  VOTE_STATUSES, voteStatusBadge, audienceText, loadBuildings, loadVoterUnits, eligibleUnits, answerState, timeOrDash,
  useVoteStyles,
} from './votes-common.js';
import { renderVoteDetail } from './votes-detail.js';
import { renderVoteForm } from './votes-form.js';
import { messages } from './votes-messages.js';

export { messages };

const PAGE_SIZE = 25;

async function renderVoteList(ctx) {
  useStyles();
  useVoteStyles();
  const manages = ctx.can('votesManage');
  const statuses = manages ? VOTE_STATUSES : VOTE_STATUSES.filter((s) => s !== 'draft');
  let status = statuses.includes(ctx.query.status) ? ctx.query.status : '';
  // Names of buildings and the member's own units only decorate the list, so their failure is not fatal.
  const [buildings, voterUnits] = await Promise.all([
    loadBuildings(ctx).catch((error) => { if (error.name === 'AbortError') throw error; return new Map(); }),
    loadVoterUnits(ctx).catch((error) => { if (error.name === 'AbortError') throw error; return []; }),
  ]);
  const showsMine = voterUnits.length > 0;
  const items = [];
  let cursor = null;
  const tbody = h('tbody', {});
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'data vote-list', 'data-test': 'vote-list' },
    h('caption', { class: 'visually-hidden' }, t('votes.title')),
    h('thead', {}, h('tr', {},
      [t('votes.field.vote'), t('votes.field.status'), t('votes.field.starts'), t('votes.field.ends'), showsMine ? t('votes.field.mine') : null]
        .filter(Boolean).map((label) => h('th', { scope: 'col' }, label)))),
    tbody));
  const empty = h('p', { class: 'empty', hidden: true, 'data-test': 'vote-list-empty' });
  const count = h('p', { class: 'small muted', role: 'status' });
  const more = h('button', { class: 'btn', type: 'button', hidden: true }, t('common.more'));
  const moreError = h('div', {});
  const results = h('div', { 'aria-live': 'polite' }, loading());

  function draw() {
    const shown = items.filter((entry) => !status || entry.vote.status === status);
    replace(tbody, shown.map((entry) => entry.row));
    table.hidden = shown.length === 0;
    empty.hidden = shown.length > 0;
    empty.textContent = t(status ? 'votes.empty_filtered' : (manages ? 'votes.empty_manager' : 'votes.empty'));
    count.textContent = t('votes.shown', { n: number(shown.length) });
    more.hidden = !cursor;
  }

  async function loadPage() {
    const page = await ctx.org.get('/votes', { limit: PAGE_SIZE, cursor: cursor ?? undefined }, { signal: ctx.signal });
    items.push(...page.items.map((vote) => ({ vote, row: voteRow(ctx, vote, buildings, showsMine ? eligibleUnits(vote, voterUnits) : null) })));
    cursor = page.nextCursor ?? null;
    draw();
  }

  more.addEventListener('click', async () => {
    more.disabled = true;
    replace(moreError);
    try { await loadPage(); } catch (error) {
      if (error.name !== 'AbortError') replace(moreError, problemAlert(error));
    } finally { more.disabled = false; }
  });

  async function first() {
    replace(results, loading());
    try {
      await loadPage();
      replace(results, table, empty, h('div', { class: 'row' }, count, more), moreError);
    } catch (error) {
      if (error.name === 'AbortError') return;
      replace(results, problemAlert(error), h('button', { class: 'btn', type: 'button', onclick: first }, t('common.retry')));
    }
  }

  // The API lists every status together, so the filter narrows the pages loaded so far.
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': t('votes.filters'), onsubmit: (e) => e.preventDefault() },
    field(t('votes.field.status'), select('status',
      [['', t('votes.filter.all')], ...statuses.map((s) => [s, t('votes.status.' + s)])], status, {
        onchange: (e) => {
          status = e.target.value;
          history.replaceState(null, '', '#/votes' + (status ? `?status=${status}` : ''));
          draw();
        },
      }), t('votes.filter.note')));

  first();
  return h('div', {},
    pageHeader(t('votes.title'),
      manages ? h('a', { class: 'btn btn-primary', href: '#/votes/new', 'data-test': 'vote-create' }, t('votes.new')) : null),
    filters, results);
}

/** One vote as a table row; `units` are the member's units that may answer it (null: not a voter). */
function voteRow(ctx, vote, buildings, units) {
  const mine = units ? h('td', { 'data-test': 'vote-mine', 'data-label': t('votes.field.mine') }) : null;
  if (mine) fillAnswerState(ctx, vote, units, mine);
  return h('tr', { 'data-test': 'vote-row', 'data-id': vote.id, 'data-status': vote.status },
    h('td', {},
      h('a', { href: `#/votes/${vote.id}` }, vote.title),
      h('div', { class: 'small muted' }, audienceText(vote, buildings), ' · ', plural('votes.questions_n', vote.questions.length))),
    h('td', { 'data-label': t('votes.field.status') }, voteStatusBadge(vote.status)),
    h('td', { 'data-label': t('votes.field.starts'), style: { whiteSpace: 'nowrap' } },
      timeOrDash(vote.startsAt, t(vote.status === 'draft' ? 'votes.not_scheduled' : 'votes.no_time'))),
    h('td', { 'data-label': t('votes.field.ends'), style: { whiteSpace: 'nowrap' } },
      timeOrDash(vote.endsAt, t(vote.status === 'active' ? 'votes.until_closed' : 'votes.no_time'))),
    mine);
}

/** Fills the "my answer" cell from the member's own units' responses (asked only where there can be some). */
async function fillAnswerState(ctx, vote, units, cell) {
  const draw = (state) => replace(cell, state ? badge(t('votes.mine.' + state.key), state.tone) : h('span', { class: 'muted' }, '—'));
  if (units.length === 0 || (vote.status !== 'active' && vote.status !== 'closed')) {
    draw(answerState(vote, units, []));
    return;
  }
  replace(cell, h('span', { class: 'muted small' }, t('common.loading')));
  try {
    draw(answerState(vote, units, await ctx.org.get(`/votes/${vote.id}/responses`, undefined, { signal: ctx.signal })));
  } catch (error) {
    if (error.name !== 'AbortError') replace(cell, h('span', { class: 'muted small', title: error.message }, t('votes.mine.unknown')));
  }
}

export const routes = [
  { path: 'votes', render: renderVoteList, permission: 'votesRead', nav: { group: 'property', label: 'votes.nav', order: 40 } },
  { path: 'votes/new', render: renderVoteForm, permission: 'votesManage' },
  { path: 'votes/:id/edit', render: renderVoteForm, permission: 'votesManage' },
  { path: 'votes/:id', render: renderVoteDetail, permission: 'votesRead' },
];
