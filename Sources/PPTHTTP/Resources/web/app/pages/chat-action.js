// A proposed action (e.g. `report_fault`): what confirming will do, Confirm and Cancel, and the
// outcome (the created fault with a link). Nothing is done until the member confirms.
import { h, replace } from '../core/dom.js';
import { t, has, dateTime } from '../core/i18n.js';
import { problemAlert, problemText } from '../core/ui.js';

const STATUS_TONE = { proposed: 'warn', confirmed: 'ok', cancelled: '', expired: '', failed: 'danger' };

let cardCounter = 0;

function idempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function label(prefix, value) {
  return has(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : value;
}

/** The proposal's fields worth reading before confirming (a fault's title, category, priority, details). */
function fields(action) {
  const args = action.arguments ?? {};
  if (action.tool !== 'report_fault') return null;
  const rows = [
    ['title', args.title],
    ['category', args.category && label('chat.category', args.category)],
    ['priority', args.priority && label('chat.priority', args.priority)],
    ['description', args.description && args.description !== args.title ? args.description : null],
  ].filter(([, value]) => value);
  return h('dl', {}, rows.map(([key, value]) => [h('dt', {}, t('chat.action.field.' + key)), h('dd', {}, value)]));
}

function outcome(action) {
  const result = action.result ?? {};
  switch (action.status) {
    case 'confirmed': {
      const faultID = result.data?.fault_id;
      return h('div', { class: 'alert ok', 'data-test': 'chat-action-result', tabindex: '-1' },
        h('p', { style: { margin: 0 } }, result.summary || t('chat.action.confirmed')),
        faultID ? h('a', { href: `#/faults/${encodeURIComponent(faultID)}`, 'data-test': 'chat-action-fault' }, t('chat.action.open_fault')) : null);
    }
    case 'cancelled':
      return h('p', { class: 'muted', 'data-test': 'chat-action-result', tabindex: '-1' }, t('chat.action.cancelled'));
    case 'expired':
      return h('p', { class: 'muted', 'data-test': 'chat-action-result', tabindex: '-1' }, t('chat.action.expired'));
    case 'failed': {
      const reason = result.code ? problemText({ code: result.code, detail: result.message }) : (result.message ?? '');
      return h('div', { class: 'alert error', 'data-test': 'chat-action-result', tabindex: '-1' }, t('chat.action.failed', { reason }));
    }
    default:
      return null;
  }
}

/**
 * The card for the tool activity `activity` (with `actionID`). It shows the activity's summary at
 * once and reads the action for its fields and current status (it may have been decided earlier).
 */
export function actionCard(org, activity) {
  const id = `chat-action-${++cardCounter}`;
  const key = idempotencyKey();
  const card = h('section', { class: 'chat-action', 'data-test': 'chat-action', 'data-status': 'proposed', 'aria-labelledby': id + '-h' });
  let action = { id: activity.actionID, tool: activity.name, description: activity.summary, status: 'proposed', arguments: null };
  let problem = null;
  let busy = false;

  async function decide(verb) {
    busy = true;
    problem = null;
    render();
    try {
      action = await org.post(`/ai/chat/actions/${encodeURIComponent(action.id)}/${verb}`, undefined, { headers: { 'Idempotency-Key': `${key}-${verb}` } });
    } catch (error) {
      problem = error;
      // The action may have been decided elsewhere or failed while being carried out: show where it is now.
      try { action = await org.get(`/ai/chat/actions/${encodeURIComponent(action.id)}`); } catch { /* keep what we know */ }
    }
    busy = false;
    render();
    (card.querySelector('[data-test="chat-action-result"]') ?? card.querySelector('[role=alert]') ?? card.querySelector('button'))?.focus();
  }

  function render() {
    card.dataset.status = action.status;
    const heading = action.tool === 'report_fault' ? t('chat.action.report_fault') : t('chat.action.title');
    replace(card,
      h('h3', { id: id + '-h' }, heading,
        h('span', { class: `badge ${STATUS_TONE[action.status] ?? ''}` }, label('chat.action.status', action.status))),
      h('p', { id: id + '-d', style: { margin: 0 } }, action.description),
      action.arguments ? fields(action) : null,
      problem && action.status === 'proposed' ? problemAlert(problem) : null,
      action.status === 'proposed'
        ? [
          h('p', { class: 'small muted' }, t('chat.action.hint'),
            action.expiresAt ? ' ' + t('chat.action.expires', { time: dateTime(action.expiresAt) }) : ''),
          h('div', { class: 'row' },
            h('button', {
              type: 'button', class: 'btn btn-primary', 'data-test': 'chat-action-confirm', disabled: busy,
              'aria-describedby': id + '-d', onclick: () => decide('confirm'),
            }, t('common.confirm')),
            h('button', {
              type: 'button', class: 'btn', 'data-test': 'chat-action-cancel', disabled: busy,
              'aria-describedby': id + '-d', onclick: () => decide('cancel'),
            }, t('common.cancel'))),
        ]
        : outcome(action));
  }

  render();
  org.get(`/ai/chat/actions/${encodeURIComponent(action.id)}`).then((loaded) => {
    if (busy) return;
    action = loaded;
    render();
  }).catch((error) => {
    if (error.name === 'AbortError') return;
    problem = error;
    render();
  });
  return card;
}
