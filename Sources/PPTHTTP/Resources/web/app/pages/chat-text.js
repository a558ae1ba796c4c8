// An answer's text with its numbered citations ("[2]", "[1, 3]") turned into links to the cited
// document at its page, and the list of the sources the answer cited.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';

const CITATION = /\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]/g;
const SNIPPET_LENGTH = 160;

/** Where a source opens: the document, at the cited page when the passage has one. */
export function documentHref(source) {
  const page = source.page ? `?page=${encodeURIComponent(source.page)}` : '';
  return `#/documents/${encodeURIComponent(source.documentID)}${page}`;
}

/** "House rules, Art. 4 Common areas, p. 1": headings arrive as "Document › Section", the last part is enough. */
export function sourceLabel(source) {
  const parts = [source.documentTitle];
  const section = String(source.heading ?? '').split('›').pop().trim();
  if (section && section !== source.documentTitle) parts.push(section);
  if (source.page) parts.push(t('chat.page', { page: source.page }));
  return parts.join(', ');
}

function snippet(text) {
  const flat = String(text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_LENGTH ? flat.slice(0, SNIPPET_LENGTH).replace(/\s\S*$/, '') + '…' : flat;
}

function citationLink(source) {
  const label = sourceLabel(source);
  return h('a', {
    class: 'citation', href: documentHref(source), 'data-test': 'chat-citation', 'data-source': source.number,
    'aria-label': t('chat.citation', { number: source.number, source: label }), title: label,
  }, `[${source.number}]`);
}

/**
 * The text as nodes, with citations of known sources as links; returns `{ nodes, cited }` where
 * `cited` lists the cited source numbers in order of first mention. A citation naming an unknown
 * number (or still arriving, like "[1") stays text.
 */
export function textWithCitations(text, sources) {
  const byNumber = new Map((sources ?? []).map((s) => [s.number, s]));
  const nodes = [];
  const cited = [];
  let last = 0;
  for (const match of String(text).matchAll(CITATION)) {
    const numbers = match[1].split(/[,;]/).map((n) => Number(n.trim()));
    if (!numbers.every((n) => byNumber.has(n))) continue;
    nodes.push(text.slice(last, match.index));
    for (const n of numbers) {
      nodes.push(citationLink(byNumber.get(n)));
      if (!cited.includes(n)) cited.push(n);
    }
    last = match.index + match[0].length;
  }
  nodes.push(text.slice(last));
  return { nodes, cited };
}

/** The cited sources, numbered as the answer cites them; null when none was cited. */
export function sourcesList(sources, cited) {
  const used = cited.map((n) => sources.find((s) => s.number === n)).filter(Boolean).sort((a, b) => a.number - b.number);
  if (used.length === 0) return null;
  const headingID = 'src-' + Math.random().toString(36).slice(2, 9);
  return h('div', { class: 'chat-sources', 'data-test': 'chat-sources' },
    h('strong', { id: headingID }, t('chat.sources')),
    h('ol', { 'aria-labelledby': headingID }, used.map((source) => h('li', { value: source.number },
      h('a', { href: documentHref(source), 'data-test': 'chat-source', 'data-source': source.number }, sourceLabel(source)),
      h('span', { class: 'snippet' }, snippet(source.text))))));
}
