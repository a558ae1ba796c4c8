// The conversation's heading with Rename (inline form) and Delete (after a confirmation).
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { form, field, problemAlert, confirmDialog, toast } from '../core/ui.js';
import { sessionTitle } from './chat-sessions.js';

/**
 * The header of the conversation in `state.session` (null: a new conversation not yet saved).
 * `sessions` is the sessions column, kept in step. Returns `{ el, refresh }`.
 */
export function conversationHeader(ctx, state, sessions) {
  const el = h('div', { class: 'chat-head' });
  const problem = h('div', { tabindex: '-1' });
  const wrapper = h('div', { class: 'stack' }, el, problem);

  function path() { return `/ai/chat/sessions/${encodeURIComponent(state.session.id)}`; }

  function showForm() {
    const input = h('input', { name: 'title', maxlength: 200, required: true, value: state.session.title ?? '', 'data-test': 'chat-rename-input' });
    const cancel = h('button', { type: 'button', class: 'btn', onclick: () => refresh(true) }, t('common.cancel'));
    replace(el, form([field(t('chat.rename_label'), input)], async (data) => {
      const updated = await ctx.org.patch(path(), { title: String(data.title ?? '').trim() });
      state.session = updated;
      sessions.upsert(updated);
      toast(t('chat.renamed'));
      refresh(true);
    }, { submitLabel: t('common.save'), extra: [cancel] }));
    input.addEventListener('keydown', (event) => { if (event.key === 'Escape') refresh(true); });
    input.focus();
    input.select();
  }

  async function remove() {
    const title = sessionTitle(state.session);
    if (!await confirmDialog(t('chat.delete_confirm', { title }), { confirmLabel: t('common.delete'), danger: true })) return;
    replace(problem);
    try {
      await ctx.org.delete(path());
    } catch (error) {
      replace(problem, problemAlert(error));
      return;
    }
    sessions.remove(state.session.id);
    toast(t('chat.deleted'));
    ctx.navigate('chat');
  }

  /** Redraws the heading (after a rename or once a new conversation is saved); `focusRename` returns focus there. */
  function refresh(focusRename = false) {
    const title = state.session ? sessionTitle(state.session) : t('chat.new');
    document.title = `${title} · ${t('chat.title')} · PPT`;
    const rename = state.session
      ? h('button', { type: 'button', class: 'btn', 'data-test': 'chat-rename', onclick: showForm }, t('chat.rename'))
      : null;
    replace(el, h('h2', { id: 'chat-title-heading', 'data-test': 'chat-title' }, title), rename,
      state.session ? h('button', { type: 'button', class: 'btn btn-danger', 'data-test': 'chat-delete', onclick: remove }, t('common.delete')) : null);
    if (focusRename) rename?.focus();
  }

  refresh();
  return { el: wrapper, refresh };
}
