// A listing's title and description in further languages. Its own text is in the organization's
// language (the API refuses a translation into it); each of the other languages may have one,
// which the portal shows to visitors reading that language.
import { h, replace } from '../core/dom.js';
import { t, dateTime } from '../core/i18n.js';
import { field, loading, problemAlert, showProblem, confirmDialog, toast, badge } from '../core/ui.js';
import { requireFilled } from './faults-common.js';
import { LANGUAGES, languageName } from './generate-common.js';
import { ownLanguage, listingForm } from './listings-common.js';

const FIELD_MESSAGES = { title: 'listings.error.title', description: 'listings.error.description' };

export function textSection({ ctx, listing }) {
  const own = ownLanguage(ctx);
  const others = LANGUAGES.filter((language) => language !== own);
  const mayChange = ctx.can('listingsManage') && listing.status !== 'closed';
  const grid = h('div', { class: 'lst-texts', 'data-test': 'listing-texts' }, loading());

  async function load() {
    replace(grid, loading());
    try {
      const texts = await ctx.org.get(`/listings/${listing.id}/texts`, undefined, { signal: ctx.signal });
      const byLanguage = new Map(texts.map((text) => [text.language, text]));
      replace(grid, others.map((language) => {
        const block = h('div', { class: 'lst-text', 'data-language': language, 'data-test': 'text-language' });
        renderBlock(block, language, byLanguage.get(language) ?? null);
        return block;
      }));
    } catch (error) {
      if (error.name === 'AbortError') return;
      replace(grid, problemAlert(error), h('button', { class: 'btn', type: 'button', onclick: load }, t('common.retry')));
    }
  }

  function renderBlock(block, language, text) {
    const name = languageName(language);
    const headingID = `text-${language}-h`;
    const heading = h('h3', { id: headingID, tabindex: '-1' }, name);
    const state = h('p', { class: 'small', 'data-test': 'text-state' }, text
      ? [badge(t('listings.text_present'), 'ok'), ' ', h('span', { class: 'muted' }, t('listings.text_updated', { time: dateTime(text.updatedAt) }))]
      : badge(t('listings.text_missing')));
    if (!mayChange) {
      replace(block, heading, state, text
        ? [h('p', { lang: language }, h('strong', {}, text.title)), h('p', { class: 'prop-text', lang: language }, text.description)]
        : null);
      return;
    }

    const title = h('input', { name: 'title', maxlength: 200, required: true, autocomplete: 'off', lang: language, value: text?.title ?? '' });
    const description = h('textarea', { name: 'description', maxlength: 20000, required: true, rows: 6, lang: language });
    description.value = text?.description ?? '';
    const problems = h('div', {});
    const remove = text ? h('button', {
      class: 'btn btn-danger', type: 'button', 'data-test': 'text-delete', 'data-language': language,
      onclick: async () => {
        if (!await confirmDialog(t('listings.text_delete_confirm', { language: name }), { confirmLabel: t('common.delete'), danger: true })) return;
        remove.disabled = true;
        showProblem(problems, null);
        try {
          await ctx.org.delete(`/listings/${listing.id}/texts/${language}`);
          renderBlock(block, language, null);
          toast(t('listings.text_deleted', { language: name }));
          block.querySelector('h3').focus();
        } catch (error) {
          remove.disabled = false;
          if (error.name !== 'AbortError') showProblem(problems, error);
        }
      },
    }, t('listings.text_delete')) : null;

    const el = listingForm([
      field(t('listings.field.title'), title),
      field(t('listings.field.description'), description),
    ], async (data) => {
      requireFilled(data, ['title', 'description']);
      const saved = await ctx.org.put(`/listings/${listing.id}/texts/${language}`, {
        title: data.title.trim(), description: data.description.trim(),
      });
      renderBlock(block, language, saved);
      toast(t('listings.text_saved', { language: name }));
      block.querySelector('h3').focus();
    }, {
      submitLabel: t('listings.text_save'), fieldMessages: FIELD_MESSAGES, extra: remove ? [remove] : [],
      submitAttrs: { 'data-test': 'text-save', 'data-language': language },
    });
    el.setAttribute('data-test', 'text-edit');
    el.setAttribute('data-language', language);
    el.setAttribute('aria-labelledby', headingID);
    replace(block, heading, state, problems, el);
  }

  load();
  return h('section', { class: 'card', 'aria-labelledby': 'listing-texts-h' },
    h('h2', { id: 'listing-texts-h' }, t('listings.texts')),
    h('p', { class: 'small muted' }, t('listings.texts_help', { language: languageName(own) }),
      mayChange ? [' ', h('a', { href: `#/listings/${listing.id}/edit` }, t('listings.texts_edit_own'))] : null),
    ctx.can('listingsManage') && listing.status !== 'closed'
      ? h('p', { class: 'small muted' }, t('listings.texts_generator'), ' ',
        h('a', { href: `#/generate/listing?listing=${listing.id}` }, t('listings.generator_open')))
      : null,
    listing.status === 'closed' && ctx.can('listingsManage') ? h('p', { class: 'muted' }, t('listings.texts_closed')) : null,
    grid);
}
