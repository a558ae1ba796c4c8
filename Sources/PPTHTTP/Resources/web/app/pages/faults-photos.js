// Fault photos: choosing images, uploading them as documents with progress, and showing stored
// photos as thumbnails (downloaded with the bearer token, shown through object URLs).
import { h, replace } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { blob, upload } from '../core/api.js';
import { field, modal, problemText } from '../core/ui.js';

export const MAX_PHOTOS = 20;
const MAX_BYTES = 25 * 1024 * 1024;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

// A file already stored keeps its document id, so submitting again after a failed report does not
// upload it twice.
const uploaded = new WeakMap();

/** A labelled multi-file image input; `files()` lists the chosen files. */
export function photoPicker(label = t('faults.field.photos')) {
  const input = h('input', { type: 'file', name: 'photos', accept: IMAGE_TYPES.join(','), multiple: true });
  const progress = h('ul', { class: 'prop-uploads', 'aria-live': 'polite' });
  const wrapper = field(label, input, t('faults.field.photos_hint'));
  wrapper.append(progress);
  input.addEventListener('change', () => replace(progress));
  return { element: wrapper, input, progress, files: () => [...input.files] };
}

/** A problem with the chosen files (type, size, count) as text, or null when they may be uploaded. */
export function checkPhotos(files, alreadyAttached = 0) {
  if (files.length + alreadyAttached > MAX_PHOTOS) return t('faults.photos.too_many');
  for (const file of files) {
    if (!IMAGE_TYPES.includes(file.type)) return t('faults.photos.wrong_type', { name: file.name });
    if (file.size > MAX_BYTES) return t('faults.photos.too_large', { name: file.name });
  }
  return null;
}

/**
 * Uploads `files` one after another as documents and resolves to their ids, showing each file's
 * progress in `picker.progress`. Photos are readable by staff and technicians (who work faults)
 * and by the uploader; `title` names the documents.
 */
export async function uploadPhotos(ctx, picker, files, title) {
  replace(picker.progress);
  const ids = [];
  for (const file of files) {
    const known = uploaded.get(file);
    const bar = h('progress', { max: 1, value: known ? 1 : 0, 'aria-label': t('faults.uploading', { name: file.name }) });
    const state = h('span', { class: 'small' }, known ? t('faults.uploaded', { name: file.name }) : t('faults.uploading', { name: file.name }));
    picker.progress.append(h('li', {}, state, bar));
    if (known) { ids.push(known); continue; }
    const body = new FormData();
    body.append('file', file, file.name);
    body.append('metadata', JSON.stringify({
      title: t('faults.photo_doc_title', { title }).slice(0, 200),
      category: 'fault-photo',
      folder: 'faults',
      access: { level: 'roles', roles: ['technician'], buildingIDs: [], unitIDs: [], userIDs: [] },
    }));
    try {
      const document = await upload(ctx.org.path('/documents'), body, { onProgress: (fraction) => { bar.value = fraction; } });
      uploaded.set(file, document.id);
      ids.push(document.id);
      bar.value = 1;
      state.textContent = t('faults.uploaded', { name: file.name });
    } catch (error) {
      state.textContent = `${file.name}: ${problemText(error)}`;
      state.classList.add('error');
      picker.input.setAttribute('aria-invalid', 'true');
      throw error;
    }
  }
  return ids;
}

/** Thumbnails of stored photos; each opens the full image in a dialog. Object URLs live as long as the page. */
export function photoGallery(ctx, documentIDs, cache) {
  if (documentIDs.length === 0) return h('p', { class: 'muted' }, t('faults.photos.none'));
  return h('ul', { class: 'prop-photos' }, documentIDs.map((id, i) => {
    const alt = t('faults.photo_alt', { n: i + 1 });
    const item = h('li', {}, h('span', { class: 'spinner', role: 'status', 'aria-label': t('common.loading') }));
    objectURL(ctx, id, cache).then((src) => {
      const img = h('img', { src, alt });
      replace(item, h('button', {
        type: 'button', onclick: () => modal(alt, h('img', { class: 'prop-photo-full', src, alt })),
      }, img));
    }, (error) => {
      if (error.name === 'AbortError') return;
      // Photos are documents with their own access scope; a 404 means this member may not see it.
      replace(item, h('p', { class: 'small muted' }, t(error.status === 404 ? 'faults.photo_hidden' : 'faults.photo_failed', { n: i + 1 })));
    });
    return item;
  }));
}

/** A per-page cache of photo object URLs, revoked when the person leaves the page. */
export function photoCache(ctx) {
  const cache = new Map();
  ctx.signal.addEventListener('abort', async () => {
    for (const pending of cache.values()) {
      try { URL.revokeObjectURL(await pending); } catch { /* never loaded */ }
    }
  });
  return cache;
}

function objectURL(ctx, id, cache) {
  if (!cache.has(id)) {
    const pending = blob(ctx.org.path(`/documents/${id}/content`), { signal: ctx.signal }).then((b) => URL.createObjectURL(b));
    pending.catch(() => cache.delete(id));
    cache.set(id, pending);
  }
  return cache.get(id);
}
