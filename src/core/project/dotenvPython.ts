/**
 * `.env` text read as python-dotenv 0.21 reads it (what a Django project's `load_dotenv()` sees) — a port of its
 * `parser.py` and `variables.py`, held to the real package by test/unit/core/dotenvPython.test.ts. It disagrees with
 * Node's `dotenv` on lines people do write: a backtick-quoted value keeps its backticks, `KEY: value` is no binding,
 * a BOM before the first key becomes part of its name, `\t` and friends are expanded in double quotes, `${VAR}` is
 * interpolated. Linear time: each binding is read once, by sticky expressions that cannot backtrack far.
 */

import { parseEnv, upsertEnvVar, type EnvEdit } from './dotenv';
// Python's `\s` under re.UNICODE — not JavaScript's, which adds U+FEFF and lacks U+001C–U+001F and U+0085.
const WS = '\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const INLINE_WS = '\\t\\v\\f \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const re = (source: string) => new RegExp(source, 'uy');

const MULTILINE_WHITESPACE = re(`[${WS}]*`);
const WHITESPACE = re(`[${INLINE_WS}]*`);
const EXPORT = re(`(?:export[${INLINE_WS}]+)?`);
const SINGLE_QUOTED_KEY = re(`'([^']+)'`);
const UNQUOTED_KEY = re(`([^=#${WS}]+)`);
const EQUAL_SIGN = re(`(=[${INLINE_WS}]*)`);
const SINGLE_QUOTED_VALUE = re(`'((?:\\\\'|[^'])*)'`);
const DOUBLE_QUOTED_VALUE = re(`"((?:\\\\"|[^"])*)"`);
const UNQUOTED_VALUE = re(`([^\\r\\n]*)`);
const COMMENT = re(`(?:[${INLINE_WS}]*#[^\\r\\n]*)?`);
const END_OF_LINE = re(`[${INLINE_WS}]*(?:\\r\\n|\\n|\\r|$)`);
const REST_OF_LINE = re(`[^\\r\\n]*(?:\\r|\\n|\\r\\n)?`);
const TRAILING_COMMENT = new RegExp(`[${WS}]+#[^\\n]*`, 'u');
const TRAILING_WS = new RegExp(`[${WS}]+$`, 'u');
const DOUBLE_QUOTE_ESCAPES = /\\[\\'"abfnrtv]/g;
const SINGLE_QUOTE_ESCAPES = /\\[\\']/g;
const ESCAPED: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

class Miss extends Error {}

class Reader {
  pos = 0;
  constructor(readonly text: string) {}
  read(regex: RegExp): string[] {
    regex.lastIndex = this.pos;
    const m = regex.exec(this.text);
    if (!m) throw new Miss();
    this.pos += m[0].length;
    return m.slice(1);
  }
  peek(): string {
    return this.text.slice(this.pos, this.pos + 1);
  }
}

function parseValue(r: Reader): string {
  const c = r.peek();
  if (c === "'") return r.read(SINGLE_QUOTED_VALUE)[0].replace(SINGLE_QUOTE_ESCAPES, (e) => ESCAPED[e[1]]);
  if (c === '"') return r.read(DOUBLE_QUOTED_VALUE)[0].replace(DOUBLE_QUOTE_ESCAPES, (e) => ESCAPED[e[1]]);
  if (c === '' || c === '\n' || c === '\r') return '';
  return r.read(UNQUOTED_VALUE)[0].replace(TRAILING_COMMENT, '').replace(TRAILING_WS, '');
}

/** One binding (or none, for a comment, a blank tail or a line it cannot read: that line is skipped). */
function parseBinding(r: Reader): [string, string | null] | undefined {
  try {
    r.read(MULTILINE_WHITESPACE);
    if (r.pos >= r.text.length) return undefined;
    r.read(EXPORT);
    const c = r.peek();
    const key = c === '#' ? undefined : (c === "'" ? r.read(SINGLE_QUOTED_KEY) : r.read(UNQUOTED_KEY))[0];
    r.read(WHITESPACE);
    let value: string | null = null;
    if (r.peek() === '=') {
      r.read(EQUAL_SIGN);
      value = parseValue(r);
    }
    r.read(COMMENT);
    r.read(END_OF_LINE);
    return key === undefined ? undefined : [key, value];
  } catch (e) {
    if (!(e instanceof Miss)) throw e;
    r.read(REST_OF_LINE); // from where the failed read stopped, as python-dotenv does
    return undefined;
  }
}

/**
 * python-dotenv's `${NAME}` and `${NAME:-default}` (its POSIX_VARIABLE, `\$\{([^}:]*)(?::-([^}]*))?\}`), replaced in one
 * pass. Run by a backtracking engine that expression is quadratic — worse, on "${" repeated without a "}": 40,000
 * characters took 16 s — because each "${" rescans to the end. Here the end of a name (the next "}" or ":") and of
 * a default (the next "}") are pointers that only move forward; the matches are the expression's.
 */
function expandVariables(value: string, lookup: (name: string, fallback?: string) => string): string {
  let out = '';
  let last = 0;
  let nameEnd = 0;
  let close = 0;
  for (let p = value.indexOf('${'); p >= 0; p = value.indexOf('${', p)) {
    const nameStart = p + 2;
    if (nameEnd < nameStart) {
      nameEnd = nameStart;
      while (nameEnd < value.length && value[nameEnd] !== '}' && value[nameEnd] !== ':') nameEnd++;
    }
    let end = -1;
    let fallback: string | undefined;
    if (value[nameEnd] === '}') end = nameEnd;
    else if (value[nameEnd] === ':' && value[nameEnd + 1] === '-') {
      const defaultStart = nameEnd + 2;
      if (close < defaultStart) {
        close = value.indexOf('}', defaultStart);
        if (close < 0) close = value.length;
      }
      if (close < value.length) {
        end = close;
        fallback = value.slice(defaultStart, close);
      }
    }
    if (end < 0) {
      p++;
      continue;
    }
    out += value.slice(last, p) + lookup(value.slice(nameStart, nameEnd), fallback);
    last = p = end + 1;
  }
  return out + value.slice(last);
}

/**
 * Parse `.env` text as python-dotenv 0.21's `dotenv_values(path)` does: later duplicates win, a key without `=` is
 * `null`, `${NAME}` and `${NAME:-default}` are expanded from the keys above it. The process environment, which
 * python-dotenv also consults, is not: this reads the file alone. Line endings are translated first, as Python's
 * text mode does when reading a file.
 */
export function parsePythonEnv(text: string): Record<string, string | null> {
  const reader = new Reader(text.replace(/\r\n?/g, '\n'));
  const values = new Map<string, string | null>();
  while (reader.pos < reader.text.length) {
    const before = reader.pos;
    const binding = parseBinding(reader);
    if (binding) {
      const [key, value] = binding;
      // A name bound above wins (even when it has no value: then it is ""); otherwise the default.
      values.set(key, value === null ? null : expandVariables(value, (name, fallback) => (values.has(name) ? (values.get(name) ?? '') : (fallback ?? ''))));
    }
    if (reader.pos === before) reader.pos++; // never stall (a zero-width read at the end)
  }
  const out: Record<string, string | null> = Object.create(null);
  for (const [k, v] of values) out[k] = v;
  return { ...out };
}

/** A value written bare where python-dotenv reads it unchanged, else in double quotes (`\n`, `\r` escaped). */
function pythonLiteral(value: string): string | undefined {
  if (/^[^\s'"`#\\$]*$/u.test(value)) return value;
  if (!/["\\$]/.test(value)) return `"${value.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
  return undefined;
}

/** An {@link EnvEdit} for python-dotenv; `rewritten` when the whole line had to be replaced so that it reads it. */
export interface PythonEnvEdit extends EnvEdit {
  rewritten: boolean;
}

/**
 * Set `name` to `value` in the `.env` of a project that loads it with python-dotenv. The value is changed in place
 * when both python-dotenv and Node's dotenv then read it; where python-dotenv would not (a `NAME: value` line, a
 * backtick-quoted value, a BOM before the first key), the variable's whole line becomes `NAME=value` — the BOM, the
 * colon and the backticks go, and so does a comment on that line. Throws a RangeError saying why when even that
 * line would not read back (a value python-dotenv cannot hold, or a later line that undoes it).
 */
export function upsertPythonEnvVar(text: string, name: string, value: string): PythonEnvEdit {
  const inPlace = upsertEnvVar(text, name, value);
  if (parsePythonEnv(inPlace.text)[name] === value) return { ...inPlace, rewritten: false };
  const literal = pythonLiteral(value);
  if (literal === undefined) throw new RangeError(`python-dotenv would not read this value of ${name} back unchanged`);
  // The variable's line in the text written in place: replaced whole (a BOM before it included, when it is the first).
  const { start, insert } = inPlace.edit;
  const at = start + (/^[\r\n]/.test(insert) ? /^\r?\n?/.exec(insert)![0].length : 0);
  const before = inPlace.text;
  const lineStart = Math.max(before.lastIndexOf('\n', at - 1), before.lastIndexOf('\r', at - 1)) + 1;
  const eol = /[\r\n]/.exec(before.slice(at));
  const lineEnd = eol ? at + eol.index : before.length;
  const out = before.slice(0, lineStart) + `${name}=${literal}` + before.slice(lineEnd);
  if (parsePythonEnv(out)[name] !== value || parseEnv(out)[name] !== value) {
    throw new RangeError(`a later line of .env sets ${name} again in a form python-dotenv reads differently; nothing was written`);
  }
  return { text: out, previous: inPlace.previous, edit: spanBetween(text, out), rewritten: true };
}

/** The one span of `text` that `out` replaces (common prefix and suffix kept). */
function spanBetween(text: string, out: string): EnvEdit['edit'] {
  let a = 0;
  while (a < text.length && a < out.length && text[a] === out[a]) a++;
  let b = 0;
  while (b < text.length - a && b < out.length - a && text[text.length - 1 - b] === out[out.length - 1 - b]) b++;
  return { start: a, end: text.length - b, insert: out.slice(a, out.length - b) };
}
