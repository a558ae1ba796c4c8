// AI chat: the member's conversations with the assistant. Answers stream in token by token with
// numbered citations linking to the documents, tool activity, proposed actions to confirm, and
// feedback. Routes `chat` (a new conversation) and `chat/:sessionID`.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pageHeader } from '../core/ui.js';
import { addChatStyle } from './chat-style.js';
import { loadSessions, sessionsColumn } from './chat-sessions.js';
import { conversationPane, conversationProblem } from './chat-conversation.js';

export { messages } from './chat-messages.js';

const CHAT_FLAG = 'llm.chat_enabled';

/** Whether the assistant is on; when the flags cannot be read, asking will tell (`llm.feature_disabled`). */
async function chatEnabled(ctx) {
  if (!ctx.can('featureFlagsRead')) return true;
  try {
    const flags = await ctx.org.get('/feature-flags', null, { signal: ctx.signal });
    return flags.find((f) => f.flag === CHAT_FLAG)?.enabled !== false;
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    return true;
  }
}

async function loadConversation(ctx, sessionID) {
  if (!sessionID) return { session: null, messages: [] };
  const path = `/ai/chat/sessions/${encodeURIComponent(sessionID)}`;
  try {
    const [session, messages] = await Promise.all([
      ctx.org.get(path, null, { signal: ctx.signal }),
      ctx.org.get(path + '/messages', null, { signal: ctx.signal }),
    ]);
    return { session, messages };
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    return { error };
  }
}

async function render(ctx) {
  addChatStyle();
  const sessionID = ctx.params.sessionID ?? null;
  const [loaded, enabled, conversation] = await Promise.all([
    loadSessions(ctx.org, ctx.signal), chatEnabled(ctx), loadConversation(ctx, sessionID),
  ]);
  const header = pageHeader(t('chat.title'),
    h('a', { class: 'btn btn-primary', href: '#/chat', 'data-test': 'chat-new-session' }, t('chat.new')));
  const sessions = sessionsColumn(ctx.org, loaded, { currentID: sessionID, signal: ctx.signal });
  const pane = conversation.error
    ? conversationProblem(conversation.error)
    : conversationPane(ctx, { session: conversation.session, messages: conversation.messages, sessions, disabled: !enabled });
  return h('div', {}, header, h('div', { class: 'chat' }, sessions.el, pane));
}

export const routes = [
  { path: 'chat', render, permission: 'assistantUse', nav: { group: 'ai', label: 'chat.nav', order: 10 } },
  { path: 'chat/:sessionID', render, permission: 'assistantUse' },
];
