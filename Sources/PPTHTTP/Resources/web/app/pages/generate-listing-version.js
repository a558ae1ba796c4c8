// One version of a listing's descriptions: each language's title and description in editable fields
// with live counters against the portal's limits, a revision with feedback, and publishing one
// language to the listing.
import { h, replace } from '../core/dom.js';
import { t, dateTime } from '../core/i18n.js';
import { field, confirmDialog, toast } from '../core/ui.js';
import { languageName, charCounter, characterCount, reportProblem, statusBadge, usageText, failureText } from './generate-common.js';

/**
 * The editor of `version` of `listing`. `regenerate(button, progress, problem, root, feedback)`
 * asks for a revision; `onPublished(publication)` gets the publish answer (listing and version).
 */
export function versionEditor(ctx, { listing, version, regenerate, onPublished }) {
  const result = version.result;
  const heading = h('h2', { id: 'listing-version-h', tabindex: '-1' }, t('generate-listing.version_heading', { date: dateTime(version.createdAt) }));
  const published = result?.publishedLanguage;
  const meta = h('div', { class: 'row small muted' },
    published ? statusBadge('finalized', t('generate-listing.published_in', { language: languageName(published) })) : statusBadge(version.status),
    result ? h('span', {}, t('generate-listing.version_meta', {
      portal: result.portal.name, tone: t('generate-listing.tone.' + result.tone),
    })) : null,
    h('span', {}, usageText(version.usage, version.latencyMs)));
  const card = h('section', { class: 'card', 'aria-labelledby': 'listing-version-h', 'data-status': version.status }, heading, meta);
  if (!result) {
    card.append(h('div', { class: 'alert error', role: 'alert' }, h('strong', {}, failureText(version))));
    return card;
  }
  if (version.request?.feedback) {
    card.append(h('p', { class: 'small' }, h('strong', {}, t('generate-listing.asked_feedback')), ' ', version.request.feedback));
    if ((version.usage?.calls ?? 0) === 0) card.append(h('p', { class: 'small muted' }, t('generate-listing.feedback_builtin')));
  }
  const problem = h('div');
  const items = result.items.map((item) => languageEditor(item, result.portal, { published, closed: listing.status === 'closed' }));
  const editors = h('div', { class: 'gen-two' }, items.map((i) => i.el));
  card.append(problem, editors, revision(regenerate));

  editors.addEventListener('click', async (event) => {
    const button = event.target.closest('[data-test="listing-publish"]');
    if (!button) return;
    const editor = items.find((i) => i.language === button.dataset.language);
    reportProblem(problem, editors, null);
    if (editor.overLimit()) {
      replace(problem, h('div', { class: 'alert error', role: 'alert' }, t('generate-listing.over_limit', { language: languageName(editor.language) })));
      editor.focusOver();
      return;
    }
    const ok = await confirmDialog(t('generate-listing.publish_confirm', { language: languageName(editor.language), title: listing.title }),
      { confirmLabel: t('generate-listing.publish') });
    if (!ok) return;
    button.disabled = true;
    try {
      const publication = await ctx.org.post(`/listings/${listing.id}/descriptions/${version.id}/publish`, { language: editor.language }, { signal: ctx.signal });
      // Publishing copies the generated text; edits made here are then written to the listing itself.
      const edited = editor.value();
      if (edited.title !== publication.listing.title || edited.description !== publication.listing.description) {
        publication.listing = await ctx.org.put(`/listings/${listing.id}`, listingInput(publication.listing, edited), { signal: ctx.signal });
      }
      toast(t('generate-listing.published', { language: languageName(editor.language) }));
      onPublished(publication);
    } catch (error) {
      reportProblem(problem, editors, error);
      button.disabled = false;
    }
  });
  return card;
}

function languageEditor(item, portal, { published, closed }) {
  const id = `listing-${item.language}`;
  const title = h('input', { type: 'text', id: `${id}-title`, name: `title-${item.language}`, value: item.title, lang: item.language, 'data-test': 'listing-title', 'data-language': item.language });
  const description = h('textarea', {
    id: `${id}-description`, name: `description-${item.language}`, rows: 12, lang: item.language,
    'data-test': 'listing-description', 'data-language': item.language,
  });
  description.value = item.description;
  const titleCounter = charCounter(title, portal.titleMaxLength);
  const descriptionCounter = charCounter(description, portal.descriptionMaxLength);
  const publish = h('button', {
    class: 'btn btn-primary', type: 'button', 'data-test': 'listing-publish', 'data-language': item.language,
    disabled: Boolean(published) || closed,
  }, t('generate-listing.publish_language', { language: languageName(item.language) }));
  const el = h('article', { class: 'gen-choice', 'aria-labelledby': `${id}-h`, 'data-language': item.language },
    h('h3', { id: `${id}-h` }, languageName(item.language),
      item.shortened ? h('span', { class: 'badge warn' }, t('generate-listing.shortened')) : null,
      published === item.language ? h('span', { class: 'badge ok' }, t('generate-listing.published_here')) : null),
    h('div', { class: 'field' }, h('label', { for: title.id }, t('generate-listing.title_field')), title, h('div', {}, titleCounter)),
    h('div', { class: 'field' }, h('label', { for: description.id }, t('generate-listing.description_field')), description, h('div', {}, descriptionCounter)),
    item.keywords?.length ? h('p', { class: 'row small' }, h('span', { class: 'muted' }, t('generate-listing.keywords')),
      item.keywords.map((k) => h('span', { class: 'badge', lang: item.language }, k))) : null,
    h('div', { class: 'gen-actions' }, publish,
      closed ? h('span', { class: 'small muted' }, t('generate-listing.closed_short')) : null));
  return {
    el,
    language: item.language,
    value: () => ({ title: title.value.trim(), description: description.value.trim() }),
    overLimit: () => characterCount(title.value) > portal.titleMaxLength || characterCount(description.value) > portal.descriptionMaxLength,
    focusOver: () => (characterCount(title.value) > portal.titleMaxLength ? title : description).focus(),
  };
}

function revision(regenerate) {
  const feedback = h('textarea', { name: 'feedback', rows: 3, maxlength: 1000, 'data-pointer': '/feedback', 'data-test': 'listing-feedback' });
  const button = h('button', { class: 'btn', type: 'submit', 'data-test': 'listing-regenerate' }, t('generate-listing.regenerate'));
  const problem = h('div');
  const progress = h('div');
  const formEl = h('form', { class: 'gen-options', novalidate: true },
    h('h3', {}, t('generate-listing.revise')),
    problem,
    field(t('generate-listing.feedback'), feedback, t('generate-listing.feedback_hint')),
    h('div', { class: 'row' }, button), progress);
  formEl.addEventListener('submit', (event) => {
    event.preventDefault();
    regenerate(button, progress, problem, formEl, feedback.value.trim() || undefined);
  });
  return h('div', { class: 'stack', style: { marginTop: '1rem' } }, formEl);
}

/** The listing as `PUT listings/{id}` takes it, with the edited title and description. */
function listingInput(listing, { title, description }) {
  return {
    unitID: listing.unitID ?? null, type: listing.type, title, description, price: listing.price,
    sizeSqm: listing.sizeSqm, rooms: listing.rooms, street: listing.street, city: listing.city,
    postalCode: listing.postalCode, country: listing.country, features: listing.features,
  };
}
