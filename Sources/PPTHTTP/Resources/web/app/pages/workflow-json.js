// A JSON reader for the workflow editor that also remembers where things are: the line of every
// JSON pointer (a member's key line, an element's first line), so the API's problems — which carry
// pointers — can be shown at their line. JSON.parse cannot say where a value is, hence our own.

/** A syntax error at a 1-based line and column; `code` and `vars` name a `wf.syntax.*` message. */
export class SyntaxProblem extends Error {
  constructor(code, line, column, vars = {}) {
    super(code);
    this.code = code;
    this.line = line;
    this.column = column;
    this.vars = vars;
  }
}

/** Escapes one pointer segment (RFC 6901). */
export function pointerSegment(key) { return String(key).replace(/~/g, '~0').replace(/\//g, '~1'); }

/**
 * Parses `text`; resolves to `{ value, lines }` where `lines` maps each JSON pointer ('' for the
 * root) to its 1-based line. Throws `SyntaxProblem`.
 */
export function parseJSONWithLines(text) {
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  const lines = new Map();

  const fail = (code, vars) => { throw new SyntaxProblem(code, line, pos - lineStart + 1, vars); };
  const skipSpace = () => {
    while (pos < text.length) {
      const c = text[pos];
      if (c === '\n') { pos += 1; line += 1; lineStart = pos; } else if (c === ' ' || c === '\t' || c === '\r') pos += 1;
      else break;
    }
  };
  const expect = (char) => {
    skipSpace();
    if (text[pos] !== char) {
      if (pos >= text.length) fail('unexpected_end');
      fail('expected', { expected: char, found: text[pos] });
    }
    pos += 1;
  };

  function string() {
    pos += 1; // opening quote
    let out = '';
    for (;;) {
      if (pos >= text.length) fail('unclosed_string');
      const c = text[pos];
      if (c === '"') { pos += 1; return out; }
      if (c === '\n') fail('unclosed_string');
      if (c < ' ') fail('control_character');
      if (c === '\\') {
        const next = text[pos + 1];
        const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (next in simple) { out += simple[next]; pos += 2; continue; }
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
          continue;
        }
        fail('bad_escape');
      }
      out += c;
      pos += 1;
    }
  }

  function value(pointer) {
    skipSpace();
    if (!lines.has(pointer)) lines.set(pointer, line);
    const c = text[pos];
    if (c === undefined) fail('unexpected_end');
    if (c === '{') return object(pointer);
    if (c === '[') return array(pointer);
    if (c === '"') return string();
    const literal = /^(true|false|null)\b/.exec(text.slice(pos, pos + 6));
    if (literal) { pos += literal[1].length; return { true: true, false: false, null: null }[literal[1]]; }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (number && number[0] !== '-') { pos += number[0].length; return Number(number[0]); }
    fail('unexpected_character', { found: c });
  }

  function object(pointer) {
    pos += 1;
    const result = {};
    skipSpace();
    if (text[pos] === '}') { pos += 1; return result; }
    for (;;) {
      skipSpace();
      if (text[pos] !== '"') {
        if (pos >= text.length) fail('unexpected_end');
        fail('expected_key', { found: text[pos] });
      }
      const keyLine = line;
      const keyColumn = pos - lineStart + 1;
      const key = string();
      if (Object.prototype.hasOwnProperty.call(result, key)) throw new SyntaxProblem('duplicate_key', keyLine, keyColumn, { key });
      const child = `${pointer}/${pointerSegment(key)}`;
      lines.set(child, keyLine);
      expect(':');
      result[key] = value(child);
      skipSpace();
      if (text[pos] === ',') { pos += 1; continue; }
      if (text[pos] === '}') { pos += 1; return result; }
      if (pos >= text.length) fail('unexpected_end');
      fail('expected', { expected: ', }', found: text[pos] });
    }
  }

  function array(pointer) {
    pos += 1;
    const result = [];
    skipSpace();
    if (text[pos] === ']') { pos += 1; return result; }
    for (;;) {
      result.push(value(`${pointer}/${result.length}`));
      skipSpace();
      if (text[pos] === ',') { pos += 1; continue; }
      if (text[pos] === ']') { pos += 1; return result; }
      if (pos >= text.length) fail('unexpected_end');
      fail('expected', { expected: ', ]', found: text[pos] });
    }
  }

  skipSpace();
  if (pos >= text.length) fail('empty');
  const result = value('');
  skipSpace();
  if (pos < text.length) fail('trailing', { found: text[pos] });
  return { value: result, lines };
}

/**
 * The line of `pointer` in a `lines` map; a pointer to something that is not there (a missing
 * required field) takes its nearest parent's line.
 */
export function lineOfPointer(lines, pointer) {
  let candidate = pointer ?? '';
  for (;;) {
    if (lines.has(candidate)) return lines.get(candidate);
    if (candidate === '') return 1;
    candidate = candidate.slice(0, candidate.lastIndexOf('/'));
  }
}
