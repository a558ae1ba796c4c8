// A document's bytes in the browser: sizes and type names, download under the file's own name, and
// opening in a new tab (PDFs at a page). Both go through `blob()` because the content endpoint needs
// the Authorization header, which a plain link cannot send.
import { blob } from '../core/api.js';
import { h } from '../core/dom.js';
import { t, number } from '../core/i18n.js';

const TYPE_NAMES = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'text/plain': 'TXT',
  'text/markdown': 'Markdown',
  'text/html': 'HTML',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WEBP',
};

/** How long an opened or downloaded file's object URL lives: long enough for the tab to load it. */
const OBJECT_URL_LIFETIME_MS = 5 * 60 * 1000;

/** The short name of a stored media type ("PDF"). */
export function typeName(contentType) {
  return TYPE_NAMES[String(contentType).split(';')[0]] ?? contentType;
}

/** A byte count as the locale writes it ("12,4 kB"). */
export function fileSize(bytes) {
  if (bytes < 1000) return t('documents.size_bytes', { n: number(bytes) });
  if (bytes < 1000 * 1000) return t('documents.size_kb', { n: number(bytes / 1000, 1) });
  return t('documents.size_mb', { n: number(bytes / 1000 / 1000, 1) });
}

/** Whether the browser can show the type itself (DOCX it can only download). */
export function opensInBrowser(contentType) {
  return contentType !== 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
}

function contentPath(org, documentID) { return org.path(`/documents/${encodeURIComponent(documentID)}/content`); }

/** Downloads the current version, or `version`, as `fileName`. */
export async function downloadDocument(org, documentID, fileName, version) {
  const data = await blob(contentPath(org, documentID), { query: version ? { version } : undefined });
  const url = URL.createObjectURL(data);
  const link = h('a', { href: url, download: fileName || 'document', hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
}

/**
 * Opens the current version in a new tab, a PDF at `page` when given. Call it from the click itself:
 * the tab is opened before the download so pop-up blockers let it through. Uploaded HTML and
 * Markdown are shown as plain text, because an object URL runs in the app's own origin.
 * Resolves to the object URL when the browser refused the tab (the caller offers it as a link).
 */
export async function openDocument(org, doc, page) {
  const tab = window.open('', '_blank');
  if (tab) tab.document.title = doc.title;
  try {
    const data = await blob(contentPath(org, doc.id));
    const base = doc.contentType.split(';')[0];
    const type = base.startsWith('text/') ? 'text/plain;charset=utf-8' : base;
    const url = URL.createObjectURL(new Blob([data], { type }));
    setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
    const target = base === 'application/pdf' && page ? `${url}#page=${page}` : url;
    if (!tab) return target;
    tab.location.href = target;
    return null;
  } catch (error) {
    tab?.close();
    throw error;
  }
}
