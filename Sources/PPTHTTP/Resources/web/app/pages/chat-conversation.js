// The selected conversation: its messages, the composer, asking (the answer streams in token by
// token), stopping, and resuming an answer whose connection broke or that was still being written
// when the page was opened.
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { problemAlert } from '../core/ui.js';
import { messageView, applyEvent, pendingAnswer } from './chat-message.js';
import { followAnswer, answerStreamPath } from './chat-stream.js';
import { conversationHeader } from './chat-header.js';
import { composer } from './chat-composer.js';

/** How close to the bottom (px) the log counts as following the newest message. */
const PINNED_SLACK = 48;

/**
 * The conversation pane. `session` is null for a new conversation (saved with its first question);
 * `messages` its history; `disabled` whether the assistant is switched off for the organization.
 */
export function conversationPane(ctx, { session, messages = [], sessions, disabled = false }) {
  const state = { session, busy: false, active: null, disabled };
  const header = conversationHeader(ctx, state, sessions);
  const disabledNote = h('div', { class: 'alert info', 'data-test': 'chat-disabled', hidden: !disabled }, t('chat.disabled'));
  const log = h('div', {
    class: 'chat-log', role: 'log', 'aria-live': 'polite', 'aria-busy': 'false', 'aria-label': t('chat.log'),
    tabindex: '0', 'data-test': 'chat-log',
  });
  const intro = h('div', { class: 'chat-intro muted' }, h('p', { style: { marginTop: 0 } }, t('chat.intro')),
    h('p', { class: 'small', style: { marginBottom: 0 } }, t('chat.suggestions')),
    h('ul', {}, [1, 2, 3].map((n) => h('li', {}, h('button', {
      type: 'button', class: 'btn', 'data-test': 'chat-suggestion', onclick: () => input.suggest(t(`chat.suggestion${n}`)),
    }, t(`chat.suggestion${n}`))))));
  const input = composer({ onSend: ask, onStop: stop, disabled });
  const views = [];
  let pinned = true;

  log.addEventListener('scroll', () => { pinned = log.scrollHeight - log.scrollTop - log.clientHeight < PINNED_SLACK; });
  function keepPinned() { if (pinned) log.scrollTop = log.scrollHeight; }

  function addView(message) {
    const view = messageView(ctx.org, message, { onRender: keepPinned });
    intro.remove();
    log.append(view.el);
    views.push(view);
    keepPinned();
    return view;
  }

  function setBusy(busy) {
    state.busy = busy;
    log.setAttribute('aria-busy', String(busy));
    input.setBusy(busy);
  }

  function setDisabled(off) {
    state.disabled = off;
    disabledNote.hidden = !off;
    input.setDisabled(off);
  }

  /** The question a failed or stopped answer replied to, so it can be asked again. */
  function offerRetry(view) {
    const index = views.indexOf(view);
    const question = views.slice(0, index).reverse().find((v) => v.message.role === 'user');
    if (!question || index !== views.length - 1) return;
    view.retry = () => { view.retry = null; view.render(); ask(question.message.content); };
    view.render();
  }

  function clearRetries() {
    for (const view of views) if (view.retry) { view.retry = null; view.render(); }
  }

  async function refreshSession() {
    try {
      state.session = await ctx.org.get(`/ai/chat/sessions/${encodeURIComponent(state.session.id)}`);
      sessions.upsert(state.session);
      header.refresh();
    } catch { /* the list keeps the old title; nothing the member must act on */ }
  }

  /** Follows `view`'s answer through `open` (and reconnections) until it ends. */
  async function follow(view, open, asked = null) {
    const message = view.message;
    view.cursor ??= {};
    view.connection = null;
    state.active = view;
    setBusy(true);
    input.setStoppable(Boolean(message.id));
    try {
      await followAnswer({
        org: ctx.org, sessionID: message.sessionID, messageID: message.id, open, cursor: view.cursor, signal: ctx.signal,
        onEvent: (event) => {
          applyEvent(message, event);
          if (event.event === 'start') { input.setStoppable(true); if (asked) refreshSession(); }
          view.update();
        },
        onConnection: (status) => { view.connection = status === 'reconnecting' ? 'reconnecting' : null; view.update(); },
      });
      view.connection = null;
    } catch (error) {
      if (error.name === 'AbortError') return; // the page was left: the answer goes on on the server
      if (!message.id) { await notStarted(view, asked, error); return; }
      if (error.code === 'chat.connection_lost') {
        view.connection = 'lost';
        view.reconnect = () => { view.reconnect = null; resume(view); };
      } else {
        view.connection = null;
        message.status = 'failed';
        message.problem = error;
      }
    } finally {
      if (state.active === view && !ctx.signal.aborted) { state.active = null; setBusy(false); }
    }
    view.render();
    if (message.status === 'failed' || message.status === 'cancelled') offerRetry(view);
  }

  /** The question got no answer id: the server refused it, or the connection broke before it said anything. */
  async function notStarted(view, asked, error) {
    const question = views[views.length - 2];
    for (const v of [view, question]) { v.el.remove(); views.splice(views.indexOf(v), 1); }
    if (views.length === 0) log.append(intro);
    if (error.status > 0 && error.code !== 'chat.generation_in_progress') {
      input.restore(asked.content);
      if (asked.fresh) await discardSession();
      if (error.code === 'llm.feature_disabled') setDisabled(true); // the note above says it
      else input.showProblem(error);
      return;
    }
    // The question may have arrived (or another answer is being written): the stored conversation says.
    const before = views.length;
    await reload();
    const arrived = views.length > before && views.some((v) => v.message.role === 'user' && v.message.content === asked.content);
    if (!arrived) {
      input.restore(asked.content);
      input.showProblem(error);
    }
  }

  /** Removes the conversation just created for a question the server refused: it would stay empty. */
  async function discardSession() {
    try {
      await ctx.org.delete(`/ai/chat/sessions/${encodeURIComponent(state.session.id)}`);
    } catch {
      return; // it stays listed; the member can delete it
    }
    sessions.remove(state.session.id);
    state.session = null;
    history.replaceState(history.state, '', '#/chat');
    header.refresh();
  }

  async function ask(content) {
    if (state.busy || state.disabled) return;
    input.showProblem(null);
    setBusy(true);
    const fresh = !state.session;
    try {
      if (fresh) {
        state.session = await ctx.org.post('/ai/chat/sessions', {});
        sessions.upsert(state.session);
        sessions.select(state.session.id);
        // The address names the new conversation without reloading the page (that would end the stream).
        history.replaceState(history.state, '', `#/chat/${encodeURIComponent(state.session.id)}`);
        header.refresh();
      }
    } catch (error) {
      setBusy(false);
      input.restore(content);
      input.showProblem(error);
      return;
    }
    clearRetries();
    pinned = true;
    addView({ id: null, sessionID: state.session.id, role: 'user', content, status: 'complete', createdAt: new Date().toISOString() });
    const view = addView(pendingAnswer(state.session.id));
    const path = `/ai/chat/sessions/${encodeURIComponent(state.session.id)}/messages`;
    await follow(view, (onEvent) => ctx.org.stream(path, { method: 'POST', body: { content }, signal: ctx.signal, onEvent }), { content, fresh });
  }

  /** Follows an answer already being written (opened mid-answer, or after "Reconnect"). */
  function resume(view) {
    const { sessionID, id } = view.message;
    return follow(view, (onEvent) => ctx.org.stream(answerStreamPath(sessionID, id), {
      signal: ctx.signal, lastEventId: view.cursor?.lastEventId, onEvent,
    }));
  }

  async function stop() {
    const message = state.active?.message;
    if (!message?.id) return;
    try {
      await ctx.org.post(`/ai/chat/sessions/${encodeURIComponent(message.sessionID)}/messages/${encodeURIComponent(message.id)}/cancel`);
    } catch (error) {
      if (error.code !== 'chat.not_generating') input.showProblem(error); // not_generating: it just finished
    }
  }

  /** Shows `list` (the stored conversation) and follows an answer still being written. */
  function show(list) {
    replace(log);
    views.length = 0;
    if (list.length === 0) log.append(intro);
    list.forEach((message) => addView(message));
    const last = views[views.length - 1];
    if (last?.message.role === 'assistant') {
      if (last.message.status === 'streaming') resume(last);
      else if (last.message.status === 'failed' || last.message.status === 'cancelled') offerRetry(last);
    }
  }

  async function reload() {
    try {
      show(await ctx.org.get(`/ai/chat/sessions/${encodeURIComponent(state.session.id)}/messages`, null, { signal: ctx.signal }));
    } catch (error) {
      if (error.name !== 'AbortError') input.showProblem(error);
    }
  }

  show(messages);
  setDisabled(disabled);
  return h('section', { class: 'chat-pane', 'aria-labelledby': 'chat-title-heading' }, header.el, disabledNote, log, input.el);
}

/** The pane for a conversation that could not be opened. */
export function conversationProblem(error) {
  return h('section', { class: 'chat-pane' }, problemAlert(error),
    h('p', {}, h('a', { href: '#/chat' }, t('chat.new'))));
}
