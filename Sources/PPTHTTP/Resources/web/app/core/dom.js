// Small DOM helpers: every page builds its elements with `h`, never with innerHTML, so text from
// the API is always text.

/** Creates an element: h('button', { class: 'btn', onclick: fn, 'aria-label': '…' }, 'Text', child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else if (key in el && !key.includes('-') && key !== 'list' && key !== 'form') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children (nodes, strings, numbers, arrays of them; null and false are skipped). */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Removes every child of `el` and appends `children`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** An SVG element (charts). */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    // A style attribute in markup breaks the page's CSP (style-src 'self'); the CSSOM does not.
    if (key === 'style') el.style.cssText = String(value);
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** Text with every case-insensitive occurrence of the query's words wrapped in <mark>. */
export function highlight(text, query) {
  const words = String(query ?? '').split(/\s+/).filter((w) => w.length > 1)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return document.createTextNode(text);
  const pattern = new RegExp(`(${words.join('|')})`, 'giu');
  const frag = document.createDocumentFragment();
  String(text).split(pattern).forEach((part, i) => frag.append(i % 2 ? h('mark', {}, part) : part));
  return frag;
}
