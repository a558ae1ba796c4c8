// Thumbs up / down on a finished answer, with an optional comment after a thumbs down. The API
// does not return a member's earlier verdict with the messages, so the verdict this browser sent
// is remembered locally to show the chosen state again.
import { h, replace, svg } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { problemAlert } from '../core/ui.js';

const STORE_PREFIX = 'ppt.chat.feedback.';

function remembered(messageID) {
  try { return localStorage.getItem(STORE_PREFIX + messageID); } catch { return null; }
}

function remember(messageID, rating) {
  try { localStorage.setItem(STORE_PREFIX + messageID, rating); } catch { /* private mode: state shown until reload */ }
}

function thumb(down) {
  return svg('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    svg('path', {
      d: 'M7 11v9H3v-9zM7 11l4-8a2.5 2.5 0 0 1 2.5 2.5V9h5.2a2 2 0 0 1 2 2.3l-1.3 7A2 2 0 0 1 17.4 20H7',
      transform: down ? 'rotate(180 12 12)' : undefined,
    }));
}

/** The rating controls of the finished answer `message` (an element). */
export function feedbackControls(org, message) {
  const path = `/ai/chat/sessions/${encodeURIComponent(message.sessionID)}/messages/${encodeURIComponent(message.id)}/feedback`;
  let chosen = remembered(message.id);
  let note = null;      // thanks, a problem, or the comment form
  let busy = false;
  const el = h('div', { class: 'chat-feedback', role: 'group', 'aria-label': t('chat.feedback_group') });

  async function send(body) {
    busy = true;
    render();
    try {
      await org.put(path, body);
      chosen = body.rating;
      remember(message.id, chosen);
      note = chosen === 'down' && body.comment === undefined ? 'comment' : 'thanks';
    } catch (error) {
      note = error;
    }
    busy = false;
    render();
    if (note === 'comment') el.querySelector('textarea')?.focus();
  }

  function commentForm() {
    const id = `fb-${message.id}`;
    const input = h('textarea', { id, name: 'comment', maxlength: 2000, rows: 2, 'data-test': 'chat-feedback-comment' });
    return h('form', {
      onsubmit: (event) => {
        event.preventDefault();
        const comment = input.value.trim();
        send(comment ? { rating: 'down', comment } : { rating: 'down', comment: null });
      },
    },
    h('label', { for: id, class: 'small' }, t('chat.feedback_comment')), input,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'btn', disabled: busy }, t('chat.feedback_send'))));
  }

  function button(rating) {
    return h('button', {
      type: 'button', class: 'btn', 'data-test': `chat-feedback-${rating}`, disabled: busy,
      'aria-pressed': String(chosen === rating), 'aria-label': t(`chat.feedback_${rating}`), title: t(`chat.feedback_${rating}`),
      onclick: () => { if (chosen !== rating) send({ rating }); },
    }, thumb(rating === 'down'));
  }

  function render() {
    replace(el, button('up'), button('down'),
      note === 'thanks' ? h('span', { class: 'small muted' }, t('chat.feedback_thanks')) : null,
      note === 'comment' ? commentForm() : null,
      note instanceof Error ? problemAlert(note) : null);
  }

  render();
  return el;
}
