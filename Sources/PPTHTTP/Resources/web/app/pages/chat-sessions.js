// The member's conversations (left column): most recently active first, paged with "Load more".
// On a phone the list starts folded so the conversation comes first.
import { h, replace } from '../core/dom.js';
import { t, relative, dateTime } from '../core/i18n.js';
import { problemAlert } from '../core/ui.js';

const PAGE_SIZE = 30;

/** Loads the first page of sessions (resolves to `{ page }` or `{ error }`, never rejects but on abort). */
export async function loadSessions(org, signal) {
  try {
    return { page: await org.get('/ai/chat/sessions', { limit: PAGE_SIZE }, { signal }) };
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    return { error };
  }
}

/** A session's name as shown. */
export function sessionTitle(session) {
  return session?.title?.trim() || t('chat.untitled');
}

/**
 * The column for `loaded` (from `loadSessions`); `currentID` is highlighted. Returns `{ el, upsert,
 * remove, select }` so the conversation can keep the list in step (new, renamed, deleted sessions).
 */
export function sessionsColumn(org, loaded, { currentID = null, signal } = {}) {
  let sessions = loaded.page?.items ?? [];
  let cursor = loaded.page?.nextCursor ?? null;
  let current = currentID;
  const list = h('ul', { class: 'chat-sessions', 'data-test': 'chat-sessions' });
  const problem = h('div', { tabindex: '-1' });
  const more = h('button', { type: 'button', class: 'btn', 'data-test': 'chat-sessions-more', onclick: loadMore }, t('common.more'));
  const narrow = window.matchMedia?.('(max-width: 820px)').matches ?? false;
  const el = h('details', { class: 'chat-side card', open: !narrow },
    h('summary', {}, h('h2', {}, t('chat.sessions'))), problem, list, more);

  async function loadMore() {
    more.disabled = true;
    try {
      const page = await org.get('/ai/chat/sessions', { limit: PAGE_SIZE, cursor }, { signal });
      const known = new Set(sessions.map((s) => s.id));
      sessions = sessions.concat(page.items.filter((s) => !known.has(s.id)));
      cursor = page.nextCursor ?? null;
      replace(problem);
      render();
    } catch (error) {
      if (error.name === 'AbortError') return;
      replace(problem, problemAlert(error));
    } finally {
      more.disabled = false;
    }
  }

  function render() {
    more.hidden = !cursor;
    if (sessions.length === 0) {
      replace(list, h('li', { class: 'muted small' }, t('chat.sessions_empty')));
      return;
    }
    replace(list, sessions.map((session) => h('li', {},
      h('a', { href: `#/chat/${encodeURIComponent(session.id)}`, 'aria-current': session.id === current ? 'page' : false, 'data-test': 'chat-session' },
        sessionTitle(session),
        h('span', { class: 'small muted' }, h('time', { datetime: session.updatedAt, title: dateTime(session.updatedAt) }, relative(session.updatedAt)))))));
  }

  if (loaded.error) replace(problem, problemAlert(loaded.error));
  render();
  return {
    el,
    /** Adds or refreshes a session and moves it to the top (it was just used). */
    upsert(session) {
      sessions = [session, ...sessions.filter((s) => s.id !== session.id)];
      render();
    },
    remove(id) {
      sessions = sessions.filter((s) => s.id !== id);
      render();
    },
    select(id) {
      current = id;
      render();
    },
  };
}
