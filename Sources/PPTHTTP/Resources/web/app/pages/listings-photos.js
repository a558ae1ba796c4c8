// A listing's photos: thumbnails in portal order (the first is the cover), the full image in a
// dialog, deleting with confirmation, and uploading several at once, each with its alt text. The
// API takes one raw image per request (its Content-Type, `alt` in the query).
import { h, replace } from '../core/dom.js';
import { t, number } from '../core/i18n.js';
import { fetchRaw } from '../core/api.js';
import { field, modal, loading, problemAlert, problemText, showProblem, confirmDialog, toast } from '../core/ui.js';
import { MAX_PHOTOS, fillPhoto } from './listings-common.js';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export function photoSection({ ctx, listing, store }) {
  const mayChange = ctx.can('listingsManage');
  const heading = h('h2', { id: 'listing-photos', tabindex: '-1' }, t('listings.photos'));
  const count = h('p', { class: 'small muted', 'data-test': 'photo-count' });
  const problems = h('div', {});
  const list = h('div', {}, loading());
  let photos = [];
  const uploader = mayChange && listing.status !== 'closed'
    ? uploadForm(ctx, listing, () => MAX_PHOTOS - photos.length, reload)
    : null;

  async function reload() {
    try {
      photos = await ctx.org.get(`/listings/${listing.id}/photos`, undefined, { signal: ctx.signal });
    } catch (error) {
      if (error.name === 'AbortError') return;
      replace(list, problemAlert(error), h('button', { class: 'btn', type: 'button', onclick: reload }, t('common.retry')));
      return;
    }
    count.textContent = t('listings.photo_count', { n: number(photos.length), max: number(MAX_PHOTOS) });
    replace(list, photos.length === 0
      ? h('p', { class: 'empty', 'data-test': 'photo-empty' }, t('listings.photos_none'))
      : h('ul', { class: 'lst-photos', 'data-test': 'photo-list' }, photos.map((photo, i) => photoItem(photo, i))));
    uploader?.update();
  }

  function photoItem(photo, index) {
    const cover = index === 0;
    const alt = photo.alt || t('listings.photo_n', { n: index + 1 });
    const holder = h('span', { class: 'lst-photo-img' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }));
    fillPhoto(holder, store, listing.id, photo, photo.alt);
    const view = h('button', {
      type: 'button', class: 'lst-photo-view',
      'aria-label': t('listings.photo_open', { name: alt }),
      onclick: () => store.url(listing.id, photo.id).then((src) => modal(alt, h('img', { class: 'lst-photo-full', src, alt: photo.alt }))),
    }, holder, cover ? h('span', { class: 'badge ok', 'data-test': 'photo-cover' }, t('listings.cover')) : null);
    return h('li', { class: cover ? 'lst-photo cover' : 'lst-photo', 'data-test': 'photo-item', 'data-id': photo.id, 'data-position': photo.position },
      view,
      h('div', { class: 'lst-photo-body' },
        photo.alt ? h('p', {}, photo.alt) : h('p', { class: 'muted' }, t('listings.photo_no_alt')),
        h('p', { class: 'small muted' }, t('listings.photo_facts', {
          width: number(photo.width), height: number(photo.height), size: fileSize(photo.byteSize),
        })),
        mayChange ? h('div', { class: 'row' }, h('button', {
          class: 'btn btn-danger', type: 'button', 'data-test': 'photo-delete',
          'aria-label': t('listings.photo_delete_named', { name: alt }),
          onclick: (event) => remove(event.currentTarget, photo, alt, cover),
        }, t('common.delete'))) : null));
  }

  async function remove(button, photo, alt, cover) {
    const question = t(cover ? 'listings.photo_delete_cover_confirm' : 'listings.photo_delete_confirm', { name: alt });
    if (!await confirmDialog(question, { confirmLabel: t('common.delete'), danger: true })) return;
    button.disabled = true;
    showProblem(problems, null);
    try {
      await ctx.org.delete(`/listings/${listing.id}/photos/${photo.id}`);
      store.forget(photo.id);
      await reload();
      toast(t('listings.photo_deleted'));
      heading.focus();
    } catch (error) {
      button.disabled = false;
      if (error.name !== 'AbortError') showProblem(problems, error);
    }
  }

  reload();
  return h('section', { class: 'card', 'aria-labelledby': 'listing-photos', 'data-test': 'listing-photos' },
    heading, count,
    h('p', { class: 'small muted' }, t('listings.photos_help')),
    problems, list,
    uploader?.element
      ?? (mayChange ? h('p', { class: 'muted', 'data-test': 'photo-closed' }, t('listings.photos_closed')) : null));
}

/**
 * The upload form: chosen files gather in a list (choosing again adds more), each with a preview
 * and its alt text; uploading sends them one by one and keeps the ones that failed, with the reason.
 */
function uploadForm(ctx, listing, room, reload) {
  const pending = [];
  const previews = new Set();
  ctx.signal.addEventListener('abort', () => { for (const url of previews) URL.revokeObjectURL(url); });

  const input = h('input', { type: 'file', name: 'photos', accept: IMAGE_TYPES.join(','), multiple: true, 'data-test': 'photo-input' });
  const rows = h('ul', { class: 'lst-pending', 'aria-label': t('listings.upload_chosen') });
  const errors = h('div', { tabindex: '-1' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', disabled: true, 'data-test': 'photo-upload-submit' }, t('listings.upload'));
  const roomNote = h('p', { class: 'small muted' });
  const title = h('h3', { id: 'photo-upload-title' }, t('listings.upload_title'));
  const el = h('form', { class: 'form', novalidate: true, 'data-test': 'photo-upload', 'aria-labelledby': 'photo-upload-title' },
    errors, field(t('listings.upload_choose'), input, t('listings.upload_hint', { max: number(MAX_PHOTOS) })),
    rows, h('div', { class: 'row' }, submit), roomNote);

  input.addEventListener('change', () => {
    for (const file of input.files) addFile(file);
    // Cleared so the same file can be chosen again after removing it from the list.
    input.value = '';
    update();
  });

  function addFile(file) {
    const supported = IMAGE_TYPES.includes(file.type);
    const entry = { file, previewURL: supported ? URL.createObjectURL(file) : null };
    if (entry.previewURL) previews.add(entry.previewURL);
    entry.alt = h('input', { name: 'alt', maxlength: 300, autocomplete: 'off', 'data-test': 'photo-alt' });
    entry.state = h('p', { class: 'small state', role: 'status' });
    const removeButton = h('button', {
      class: 'btn btn-link', type: 'button', 'aria-label': t('listings.upload_remove_named', { name: file.name }),
      onclick: () => { drop(entry); update(); input.focus(); },
    }, t('listings.upload_remove'));
    entry.row = h('li', { 'data-test': 'photo-pending' },
      h('span', { class: 'lst-thumb', 'aria-hidden': 'true' }, entry.previewURL ? h('img', {
        src: entry.previewURL, alt: '',
        // A file named .png that is no image: the API will say so; the preview just stays empty.
        onerror: (e) => e.currentTarget.remove(),
      }) : null),
      h('div', { class: 'stack' },
        h('div', { class: 'row' }, h('strong', {}, file.name), h('span', { class: 'small muted' }, fileSize(file.size)), removeButton),
        field(t('listings.photo_alt', { name: file.name }), entry.alt, t('listings.photo_alt_hint')),
        entry.state));
    if (!supported) markFailed(entry, t('problem.listing.photo_unsupported'));
    pending.push(entry);
    rows.append(entry.row);
  }

  function drop(entry) {
    pending.splice(pending.indexOf(entry), 1);
    entry.row.remove();
    if (entry.previewURL) { URL.revokeObjectURL(entry.previewURL); previews.delete(entry.previewURL); }
  }

  /** Shows why `entry` was not stored; the alt input is marked only when the API names it. */
  function markFailed(entry, message, error) {
    entry.state.textContent = message;
    entry.state.className = 'small state error';
    if ((error?.errors ?? []).some((e) => e.pointer === '/alt')) entry.alt.setAttribute('aria-invalid', 'true');
  }

  function update() {
    const left = room();
    submit.disabled = pending.length === 0;
    roomNote.textContent = left > 0 ? t('listings.upload_room', { n: number(left) }) : t('listings.upload_full');
    input.disabled = left <= 0;
  }

  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    showProblem(errors, null);
    if (pending.length === 0) return;
    if (pending.length > room()) {
      showProblem(errors, { code: 'listing.too_many_photos', detail: t('problem.listing.too_many_photos') });
      errors.append(h('p', { class: 'small' }, t('listings.upload_room', { n: number(Math.max(0, room())) })));
      return;
    }
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    let added = 0;
    for (const entry of [...pending]) {
      if (!IMAGE_TYPES.includes(entry.file.type)) continue;
      entry.state.className = 'small state';
      entry.alt.removeAttribute('aria-invalid');
      entry.state.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' ', t('listings.uploading', { name: entry.file.name }));
      try {
        // The query is written here rather than passed as `query`: URLSearchParams writes spaces as
        // "+", which the API keeps as a literal plus sign.
        const alt = entry.alt.value.trim();
        await fetchRaw(ctx.org.path(`/listings/${listing.id}/photos`) + (alt ? `?alt=${encodeURIComponent(alt)}` : ''), {
          method: 'POST', body: entry.file, headers: { 'Content-Type': entry.file.type }, signal: ctx.signal,
        });
        added++;
        drop(entry);
      } catch (error) {
        if (error.name === 'AbortError') return;
        markFailed(entry, problemText(error) + fieldDetails(error), error);
        // A full or closed listing refuses every further photo: stop instead of failing each one.
        if (error.code === 'listing.too_many_photos' || error.code === 'listing.closed') break;
      }
    }
    submit.removeAttribute('aria-busy');
    if (added > 0) {
      toast(t('listings.uploaded', { n: number(added) }));
      await reload();
    }
    update();
    if (pending.length > 0) showProblem(errors, { detail: t('listings.upload_some_failed') });
  });

  update();
  return { element: h('div', { class: 'stack lst-upload' }, title, el), update };
}

function fieldDetails(error) {
  const details = (error.errors ?? []).map((e) => e.detail).filter(Boolean);
  return details.length ? ` (${details.join('; ')})` : '';
}

/** Bytes as kB or MB in the reader's locale. */
function fileSize(bytes) {
  if (bytes >= 1024 * 1024) return t('listings.size_mb', { n: number(bytes / 1024 / 1024, 1) });
  return t('listings.size_kb', { n: number(Math.max(1, Math.round(bytes / 1024))) });
}
