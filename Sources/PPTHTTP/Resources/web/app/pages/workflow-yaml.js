// YAML for the workflow editor: writing here, reading in workflow-yaml-read.js. Our own because the
// API converts YAML only while creating a workflow (POST workflows/import), and the editor must also
// validate, dry-run and update YAML text. Written like the API's export (same key order, quoting
// and block style), so a saved definition looks the same either way.
import { NULL, BOOL, INT, FLOAT } from './workflow-yaml-read.js';

export { parseYAML } from './workflow-yaml-read.js';

// The API's export order: these keys first, the rest alphabetically (WorkflowYAML.keyOrder).
const KEY_ORDER = ['id', 'name', 'type', 'event', 'cron', 'timezone', 'inputs', 'required', 'default',
  'description', 'options', 'condition', 'duration', 'until', 'values', 'status', 'reason',
  'input', 'retry', 'attempts', 'backoff', 'multiplier', 'nonRetryable', 'onFailure', 'then',
  'else', 'trigger', 'filters', 'mode', 'concurrency', 'variables', 'steps'];

// Text that YAML 1.1 readers would take for something else; quoted on export so any reader agrees.
const YAML11 = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|=|<<|[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?)$/;

function looksTyped(text) {
  return NULL.test(text) || BOOL.test(text) || INT.test(text) || FLOAT.test(text) || YAML11.test(text);
}

function needsQuotes(text) {
  if (text === '' || /^\s|\s$/.test(text) || looksTyped(text)) return true;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) return true;
  if (/: |:$| #|[\u0000-\u001f\u007f]/.test(text)) return true;
  return false;
}

function scalar(value) {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  const text = String(value);
  if (!needsQuotes(text)) return text;
  // Text that reads as another type is double-quoted like the API does; JSON's escapes are valid
  // in YAML double quotes (needed for control characters). Other text needs only single quotes.
  if (looksTyped(text) || /[\u0000-\u001f\u007f]/.test(text)) return JSON.stringify(text);
  return `'${text.replace(/'/g, "''")}'`;
}

function orderedKeys(object) {
  const rank = (key) => { const i = KEY_ORDER.indexOf(key); return i < 0 ? KEY_ORDER.length : i; };
  return Object.keys(object).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

// Multi-line text is written as a literal block unless a line holds only white space (which
// block scalars cannot keep apart from indentation) or there are control characters.
const isMultiline = (v) => typeof v === 'string' && v.includes('\n') && /[^\n]/.test(v)
  && !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(v) && !/(^|\n)[ \t]+(\n|$)/.test(v);
const isEmptyCollection = (v) => v !== null && typeof v === 'object' && Object.keys(v).length === 0;

// A literal block scalar: its header (`|`, `|-`, `|+`, with an indentation digit when the text
// starts with a space) and its lines.
function literal(text, indent) {
  const trailing = /\n*$/.exec(text)[0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing === 0 ? text : text.slice(0, text.length - (chomp === '+' ? 1 : trailing));
  const header = '|' + (/^[ \n]/.test(text) ? '2' : '') + chomp;
  const pad = ' '.repeat(indent);
  return [header, body.split('\n').map((l) => (l === '' ? '' : pad + l))];
}

function emit(value, indent, out) {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === 'object' && !isEmptyCollection(item)) {
        const inner = [];
        emit(item, indent + 2, inner);
        out.push(pad + '- ' + inner[0].slice(indent + 2), ...inner.slice(1));
      } else if (isMultiline(item)) {
        const [header, lines] = literal(item, indent + 2);
        out.push(`${pad}- ${header}`, ...lines);
      } else {
        out.push(`${pad}- ${Array.isArray(item) ? '[]' : isEmptyCollection(item) ? '{}' : scalar(item)}`);
      }
    }
    return;
  }
  for (const key of orderedKeys(value)) {
    const item = value[key];
    const name = scalar(key);
    if (Array.isArray(item) && item.length > 0) {
      // Like the API's export: a list under a key starts at the key's own column.
      out.push(`${pad}${name}:`);
      emit(item, indent, out);
    } else if (item !== null && typeof item === 'object' && !isEmptyCollection(item)) {
      out.push(`${pad}${name}:`);
      emit(item, indent + 2, out);
    } else if (isMultiline(item)) {
      const [header, lines] = literal(item, indent + 2);
      out.push(`${pad}${name}: ${header}`, ...lines);
    } else {
      out.push(`${pad}${name}: ${Array.isArray(item) ? '[]' : isEmptyCollection(item) ? '{}' : scalar(item)}`);
    }
  }
}

/** A JSON value as a YAML document, keys in the API's export order. */
export function toYAML(value) {
  if (value === null || typeof value !== 'object') return scalar(value) + '\n';
  if (isEmptyCollection(value)) return (Array.isArray(value) ? '[]' : '{}') + '\n';
  const out = [];
  emit(value, 0, out);
  return out.join('\n') + '\n';
}
