// One message of the conversation: how stream events change it (`applyEvent`) and how it is shown
// (`messageView`): tool activity, the text with citations, proposed actions, sources, its status
// and, for finished answers, the feedback buttons.
import { h, replace } from '../core/dom.js';
import { t, has, dateTime } from '../core/i18n.js';
import { problemText } from '../core/ui.js';
import { textWithCitations, sourcesList } from './chat-text.js';
import { actionCard } from './chat-action.js';
import { feedbackControls } from './chat-feedback.js';

/** The `data-status` hook of each message status. */
const DATA_STATUS = { streaming: 'streaming', complete: 'done', failed: 'failed', cancelled: 'cancelled' };
/** Text arrives token by token; the view redraws at most this often (ms). */
const REDRAW_DELAY = 40;

/** A new answer before the server has named it. */
export function pendingAnswer(sessionID) {
  return { id: null, sessionID, role: 'assistant', content: '', status: 'streaming', sources: [], toolCalls: [], createdAt: new Date().toISOString() };
}

/** Applies one stream event to the answer `message` (in place). */
export function applyEvent(message, { event, data }) {
  switch (event) {
    case 'start':
      // From the start of the stream everything is sent again: rebuild rather than append.
      Object.assign(message, { ...data, content: '', sources: [], toolCalls: [], status: 'streaming', problem: null });
      break;
    case 'sources': message.sources = data?.sources ?? []; break;
    case 'tool': message.toolCalls = [...message.toolCalls, data]; break;
    case 'delta': message.content += data?.text ?? ''; break;
    case 'done': Object.assign(message, data, { problem: null }); break;
    case 'error':
      message.status = data?.code === 'chat.cancelled' ? 'cancelled' : 'failed';
      message.errorCode = data?.code ?? null;
      message.errorMessage = data?.detail ?? null;
      message.problem = data;
      break;
    default: break; // usage and future events change nothing shown
  }
}

function toolItem(activity, streaming, text) {
  const name = has(`chat.tool.${activity.name}.done`) ? activity.name : 'other';
  const label = t(`chat.tool.${name}.${streaming ? 'active' : 'done'}`, { name: activity.name });
  const attrs = { class: 'tool-activity', 'data-test': 'chat-tool', 'data-tool': activity.name, 'data-status': activity.status };
  const failed = activity.status === 'error' ? [' ', h('span', { class: 'badge danger' }, t('chat.tool_failed'))] : [];
  // The tool's own words are worth showing only when the answer does not already say them.
  const said = !activity.summary || text.includes(activity.summary.trim());
  if (streaming || said || activity.actionID) return h('li', attrs, label, failed);
  if (failed.length) return h('li', attrs, label, failed, h('div', { class: 'tool-body' }, activity.summary));
  return h('li', attrs, h('details', {}, h('summary', {}, label), h('div', { class: 'tool-body' }, activity.summary)));
}

function failureText(message) {
  const problem = message.problem ?? { code: message.errorCode, detail: message.errorMessage };
  return problem.code || problem.detail ? problemText(problem) : t('chat.failed');
}

/**
 * The view of `message`. Assign `view.retry` / `view.reconnect` (functions) to offer those buttons,
 * `view.connection` ('reconnecting' | 'lost' | null) while its stream is interrupted, and call
 * `view.update()` after changing the message; `onRender` runs after each redraw.
 */
export function messageView(org, message, { onRender } = {}) {
  const assistant = message.role === 'assistant';
  const el = h('div', { class: `msg ${assistant ? 'assistant' : 'user'}`, 'data-test': 'chat-message', 'data-role': message.role });
  const parts = {
    tools: h('ul', { class: 'chat-tools' }),
    activity: h('p', { class: 'chat-activity tool-activity', 'data-test': 'chat-activity' }),
    text: h('div', { class: 'chat-text' }),
    actions: h('div', {}),
    sources: h('div', {}),
    meta: h('div', { class: 'meta' }),
    feedback: h('div', {}),
  };
  const cards = new Map();
  let feedback = null;
  let toolsKey = '';
  let sourcesKey = '';
  let timer = 0;
  const view = { el, message, retry: null, reconnect: null, connection: null, update, render };

  function renderTools(streaming) {
    const key = `${message.toolCalls.length}:${streaming}`;
    if (key === toolsKey) return;
    toolsKey = key;
    replace(parts.tools, message.toolCalls.map((activity) => toolItem(activity, streaming, message.content)));
    for (const activity of message.toolCalls) {
      if (activity.actionID && !cards.has(activity.actionID)) {
        cards.set(activity.actionID, actionCard(org, activity));
        parts.actions.append(cards.get(activity.actionID));
      }
    }
  }

  function renderActivity(streaming) {
    const show = streaming && message.content === '' && message.toolCalls.length === 0 && view.connection === null;
    parts.activity.hidden = !show;
    if (show) {
      replace(parts.activity, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' ',
        t(message.sources.length ? 'chat.writing' : 'chat.searching'));
    }
  }

  function renderMeta(streaming) {
    const time = h('time', { datetime: message.createdAt }, dateTime(message.createdAt));
    const retry = view.retry ? h('button', { type: 'button', class: 'btn-link', 'data-test': 'chat-retry', onclick: view.retry }, t('chat.ask_again')) : null;
    if (streaming && view.connection === 'reconnecting') replace(parts.meta, h('span', {}, t('chat.reconnecting')));
    else if (streaming && view.connection === 'lost') {
      replace(parts.meta, h('span', {}, t('chat.connection_lost')), ' ',
        view.reconnect ? h('button', { type: 'button', class: 'btn-link', 'data-test': 'chat-reconnect', onclick: view.reconnect }, t('chat.reconnect')) : null);
    } else if (message.status === 'cancelled') replace(parts.meta, t('chat.stopped'), ' ', retry);
    else if (message.status === 'failed') {
      replace(parts.meta, h('span', { class: 'badge danger' }, t('chat.failed_badge')), ' ', failureText(message), ' ', retry);
    } else replace(parts.meta, streaming ? null : time);
  }

  function render() {
    clearTimeout(timer);
    timer = 0;
    const streaming = message.status === 'streaming';
    el.dataset.status = DATA_STATUS[message.status] ?? message.status;
    if (!assistant) {
      replace(el, h('span', { class: 'visually-hidden' }, t('chat.you') + ': '), message.content, parts.meta);
      renderMeta(false);
      return;
    }
    if (!el.firstChild) el.append(h('span', { class: 'visually-hidden' }, t('chat.assistant') + ': '), ...Object.values(parts));
    renderTools(streaming);
    renderActivity(streaming);
    const { nodes, cited } = textWithCitations(message.content, message.sources);
    replace(parts.text, nodes);
    const key = `${message.sources.length}:${cited.join(',')}`;
    if (key !== sourcesKey) { sourcesKey = key; replace(parts.sources, sourcesList(message.sources, cited)); }
    renderMeta(streaming);
    if (message.status === 'complete' && message.id && !feedback) {
      feedback = feedbackControls(org, message);
      parts.feedback.append(feedback);
    }
    onRender?.();
  }

  /** Redraws soon (many deltas arrive together: they are drawn once). */
  function update() {
    if (!timer) timer = setTimeout(render, REDRAW_DELAY);
  }

  render();
  return view;
}
