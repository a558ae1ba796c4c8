// Reading YAML for the workflow editor (see workflow-yaml.js): block mappings and sequences, plain
// and quoted scalars, literal and folded block scalars, flow collections and comments, with YAML 1.2
// core scalars like the API, remembering the 1-based line of every JSON pointer. Anchors, aliases
// and tags are refused: a definition is plain data.
import { SyntaxProblem, pointerSegment } from './workflow-json.js';

/** YAML 1.2 core schema scalars (the API's resolver). */
export const NULL = /^(?:~|null|Null|NULL|)$/;
export const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
export const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
export const FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

function resolvePlain(text, fail) {
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text.toLowerCase() === 'true';
  if (INT.test(text)) {
    const n = text.startsWith('0x') ? parseInt(text.slice(2), 16) : text.startsWith('0o') ? parseInt(text.slice(2), 8) : Number(text);
    if (Math.abs(n) > 2 ** 53) fail('yaml_number_too_large', { found: text });
    return n;
  }
  if (FLOAT.test(text)) {
    const n = Number(text);
    if (!Number.isFinite(n)) fail('yaml_not_finite', { found: text });
    return n;
  }
  return text;
}

const ESCAPES = { 0: '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029' };

/**
 * Parses a YAML document; returns `{ value, lines }` (`lines`: JSON pointer → 1-based line).
 * Throws `SyntaxProblem`.
 */
export function parseYAML(text) {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop(); // the last line's own line break
  const lines = new Map();
  let i = 0;

  const fail = (code, vars = {}, at = i, column = 1) => { throw new SyntaxProblem(code, at + 1, column, vars); };
  const indentOf = (s) => /^ */.exec(s)[0].length;

  // The line without its comment (a `#` at the start or after white space, outside quotes).
  function stripComment(s) {
    let quote = null;
    for (let k = 0; k < s.length; k++) {
      const c = s[k];
      if (quote) {
        if (quote === '"' && c === '\\') k += 1;
        else if (quote === "'" && c === "'" && s[k + 1] === "'") k += 1;
        else if (c === quote) quote = null;
      } else if (c === '"' || c === "'") {
        if (k === 0 || /[\s[{,:]/.test(s[k - 1])) quote = c;
      } else if (c === '#' && (k === 0 || /\s/.test(s[k - 1]))) return s.slice(0, k).trimEnd();
    }
    return s.trimEnd();
  }

  const isBlank = (k) => stripComment(raw[k]).trim() === '';
  function skipBlank() {
    while (i < raw.length && isBlank(i)) i += 1;
    if (i < raw.length && /^\t/.test(raw[i].replace(/^ */, '')) && raw[i].trim() !== '') {
      fail('yaml_tab', {}, i, indentOf(raw[i]) + 1);
    }
    if (i < raw.length && /^(---|\.\.\.)(\s|$)/.test(raw[i])) {
      if (raw[i].startsWith('...') || lines.size > 0) fail('yaml_multiple_documents');
      raw[i] = raw[i].slice(3); // `--- value` starts the document on its marker line
      if (stripComment(raw[i]).trim() === '') { i += 1; skipBlank(); }
    }
  }

  // Quoted scalar starting at s[k]; returns [value, end index].
  function quoted(s, k, at, base = 1) {
    const q = s[k];
    let out = '';
    let p = k + 1;
    while (p < s.length) {
      const c = s[p];
      if (q === "'" && c === "'") {
        if (s[p + 1] === "'") { out += "'"; p += 2; continue; }
        return [out, p + 1];
      }
      if (q === '"' && c === '"') return [out, p + 1];
      if (q === '"' && c === '\\') {
        const e = s[p + 1];
        if (e in ESCAPES) { out += ESCAPES[e]; p += 2; continue; }
        const len = { x: 2, u: 4, U: 8 }[e];
        const hex = len && s.slice(p + 2, p + 2 + len);
        if (hex && hex.length === len && /^[0-9a-fA-F]+$/.test(hex)) { out += String.fromCodePoint(parseInt(hex, 16)); p += 2 + len; continue; }
        fail('bad_escape', {}, at, base + p);
      }
      out += c;
      p += 1;
    }
    fail('unclosed_string', {}, at, base + k);
  }

  function refuseSpecial(s, at, column) {
    if (/^[&*!]/.test(s)) fail('yaml_unsupported', { found: s[0] }, at, column);
    if (/^[%@`]/.test(s)) fail('unexpected_character', { found: s[0] }, at, column);
    if (s.startsWith('? ') || s === '?') fail('yaml_unsupported', { found: '?' }, at, column);
  }

  // A scalar or flow collection on one (logical) line.
  function inlineValue(s, at, column, pointer) {
    refuseSpecial(s, at, column);
    if (s[0] === '[' || s[0] === '{') return flow(s, at, column, pointer);
    if (s[0] === '"' || s[0] === "'") {
      const [value, end] = quoted(s, 0, at, column);
      if (s.slice(end).trim() !== '') fail('trailing', { found: s.slice(end).trim()[0] }, at, column + end);
      return value;
    }
    if (/: /.test(s)) fail('yaml_nested_mapping', {}, at, column + s.indexOf(': ') + 1);
    return resolvePlain(s, (code, vars) => fail(code, vars, at, column));
  }

  // Flow collections may span lines: the text up to the closing bracket is joined first.
  function flow(first, at, column, pointer) {
    let s = first;
    const start = at;
    const balanced = (t) => {
      let depth = 0; let quote = null;
      for (let k = 0; k < t.length; k++) {
        const c = t[k];
        if (quote) { if (quote === '"' && c === '\\') k += 1; else if (c === quote) quote = null; continue; }
        if (c === '"' || c === "'") quote = c;
        else if (c === '[' || c === '{') depth += 1;
        else if (c === ']' || c === '}') depth -= 1;
      }
      return depth <= 0;
    };
    while (!balanced(s)) {
      if (i + 1 >= raw.length) fail('unexpected_end', {}, start, column);
      i += 1;
      s += ' ' + stripComment(raw[i]).trim();
    }
    let p = 0;
    const space = () => { while (s[p] === ' ' || s[p] === '\t') p += 1; };
    function node(ptr, inKey) {
      space();
      if (!lines.has(ptr)) lines.set(ptr, start + 1);
      const c = s[p];
      if (c === '[') {
        p += 1; const out = []; space();
        if (s[p] === ']') { p += 1; return out; }
        for (;;) {
          out.push(node(`${ptr}/${out.length}`, false)); space();
          if (s[p] === ',') { p += 1; space(); if (s[p] === ']') { p += 1; return out; } continue; }
          if (s[p] === ']') { p += 1; return out; }
          fail('expected', { expected: ', ]', found: s[p] ?? '' }, start, column + p);
        }
      }
      if (c === '{') {
        p += 1; const out = {}; space();
        if (s[p] === '}') { p += 1; return out; }
        for (;;) {
          const key = String(node(ptr + '/?', true) ?? '');
          lines.delete(ptr + '/?');
          space();
          if (s[p] !== ':') fail('expected', { expected: ':', found: s[p] ?? '' }, start, column + p);
          p += 1;
          if (Object.prototype.hasOwnProperty.call(out, key)) fail('duplicate_key', { key }, start, column + p);
          const child = `${ptr}/${pointerSegment(key)}`;
          lines.set(child, start + 1);
          out[key] = node(child, false); space();
          if (s[p] === ',') { p += 1; space(); if (s[p] === '}') { p += 1; return out; } continue; }
          if (s[p] === '}') { p += 1; return out; }
          fail('expected', { expected: ', }', found: s[p] ?? '' }, start, column + p);
        }
      }
      if (c === '"' || c === "'") { const [value, end] = quoted(s, p, start, column); p = end; return value; }
      refuseSpecial(s.slice(p), start, column + p);
      const stop = inKey ? /[,[\]{}]|:(?=[\s,[\]{}]|$)/ : /[,[\]{}]/;
      const rest = s.slice(p);
      const m = stop.exec(rest);
      const plain = (m ? rest.slice(0, m.index) : rest).trim();
      p += m ? m.index : rest.length;
      return resolvePlain(plain, (code, vars) => fail(code, vars, start, column + p));
    }
    const value = node(pointer, false);
    space();
    if (p < s.length) fail('trailing', { found: s[p] }, start, column + p);
    return value;
  }

  // `|` or `>` block scalar whose content is indented more than `parentIndent`.
  function blockScalar(header, parentIndent, at, column) {
    const m = /^([|>])([1-9])?([+-])?([1-9])?$/.exec(header);
    if (!m) fail('yaml_block_header', {}, at, column);
    const folded = m[1] === '>';
    const explicit = Number(m[2] || m[4] || 0);
    const chomp = m[3] || '';
    i += 1;
    let contentIndent = explicit ? parentIndent + explicit : 0;
    const body = [];
    while (i < raw.length) {
      const l = raw[i];
      if (l.trim() === '') { body.push(''); i += 1; continue; }
      const n = indentOf(l);
      if (!contentIndent) {
        if (n <= parentIndent) break;
        contentIndent = n;
      }
      if (n < contentIndent) break;
      body.push(l.slice(contentIndent));
      i += 1;
    }
    // Trailing blank lines belong to the scalar only for chomping; give the rest back.
    let trailing = 0;
    while (body.length && body[body.length - 1] === '') { body.pop(); trailing += 1; }
    let text;
    if (folded) {
      // Folding: a break between two ordinary lines becomes a space; each empty line is a newline;
      // breaks around more-indented lines stay.
      text = '';
      body.forEach((l, k) => {
        const prev = body[k - 1];
        if (k === 0) text = l;
        else if (l === '') text += '\n';
        else if (prev === '') text += l;
        else if (/^\s/.test(l) || /^\s/.test(prev)) text += '\n' + l;
        else text += ' ' + l;
      });
    } else text = body.join('\n');
    if (body.length === 0) return chomp === '+' ? '\n'.repeat(trailing) : '';
    if (chomp === '-') return text;
    if (chomp === '+') return text + '\n' + '\n'.repeat(trailing);
    return text + '\n';
  }

  // Splits `key: rest` at the first `:` followed by a space or the end, outside quotes/brackets.
  function entry(s, at, column) {
    let key;
    let k;
    if (s[0] === '"' || s[0] === "'") {
      [key, k] = quoted(s, 0, at, column);
      while (s[k] === ' ') k += 1;
      if (s[k] !== ':' || !(k + 1 === s.length || s[k + 1] === ' ')) return null;
    } else {
      if (/^[[{]/.test(s)) return null;
      const m = /:(?= |$)/.exec(s);
      if (!m) return null;
      k = m.index;
      key = s.slice(0, k).trim();
      if (key === '' || /^- /.test(s)) return null;
      refuseSpecial(key, at, column);
      if (/^[#]/.test(key)) return null;
    }
    const after = s.slice(k + 1);
    return { key: String(key), rest: after.trim(), restColumn: column + k + 1 + (after.length - after.trimStart().length) };
  }

  function current() {
    const l = stripComment(raw[i]);
    const n = indentOf(l);
    return { indent: n, text: l.slice(n) };
  }

  // The value after `key:` or `- ` on line `at` (empty: the block on the next lines).
  function valueAfter(rest, restColumn, parentIndent, pointer, at, allowSequenceAtSameIndent) {
    if (rest === '') {
      i += 1;
      skipBlank();
      if (i >= raw.length) return null;
      const next = current();
      if (next.indent > parentIndent) return node(next.indent, pointer);
      if (allowSequenceAtSameIndent && next.indent === parentIndent && /^-( |$)/.test(next.text)) return sequence(parentIndent, pointer);
      return null;
    }
    if (/^[|>]/.test(rest)) return blockScalar(rest, parentIndent, at, restColumn);
    const value = inlineValue(rest, at, restColumn, pointer);
    i += 1;
    return value;
  }

  function sequence(indent, pointer) {
    const out = [];
    for (;;) {
      skipBlank();
      if (i >= raw.length) return out;
      const { indent: n, text: s } = current();
      if (n < indent) return out;
      if (n > indent) fail('yaml_indentation', {}, i, n + 1);
      if (!/^-( |$)/.test(s)) return out;
      const child = `${pointer}/${out.length}`;
      lines.set(child, i + 1);
      const rest = s.slice(1).trimStart();
      const restIndent = n + 1 + (s.length - 1 - rest.length);
      if (rest !== '' && (/^-( |$)/.test(rest) || entry(rest, i, restIndent + 1))) {
        // `- key: value` and `- - item`: the rest of the line opens a block at its own column.
        raw[i] = ' '.repeat(restIndent) + rest;
        out.push(node(restIndent, child));
      } else {
        out.push(valueAfter(rest, restIndent + 1, n, child, i, false));
      }
    }
  }

  function mapping(indent, pointer) {
    const out = {};
    for (;;) {
      skipBlank();
      if (i >= raw.length) return out;
      const { indent: n, text: s } = current();
      if (n < indent) return out;
      if (n > indent) fail('yaml_indentation', {}, i, n + 1);
      if (/^-( |$)/.test(s)) return out;
      const e = entry(s, i, n + 1);
      if (!e) fail('yaml_expected_key', {}, i, n + 1);
      if (Object.prototype.hasOwnProperty.call(out, e.key)) fail('duplicate_key', { key: e.key }, i, n + 1);
      const child = `${pointer}/${pointerSegment(e.key)}`;
      lines.set(child, i + 1);
      out[e.key] = valueAfter(e.rest, e.restColumn, n, child, i, true);
    }
  }

  function node(indent, pointer) {
    skipBlank();
    if (i >= raw.length) return null;
    const { indent: n, text: s } = current();
    if (!lines.has(pointer)) lines.set(pointer, i + 1);
    if (/^-( |$)/.test(s)) return sequence(n, pointer);
    if (entry(s, i, n + 1)) return mapping(n, pointer);
    if (/^[|>]/.test(s)) return blockScalar(s, indent - 1, i, n + 1);
    const value = inlineValue(s, i, n + 1, pointer);
    i += 1;
    return value;
  }

  skipBlank();
  if (i >= raw.length) fail('empty', {}, 0);
  const value = node(0, '');
  skipBlank();
  if (i < raw.length) {
    const { indent: n } = current();
    fail(n > 0 ? 'yaml_indentation' : 'trailing', { found: current().text[0] }, i, n + 1);
  }
  return { value, lines };
}
