import { parseJson5 } from '../base/json5';
import { JwtWorkbenchError, PayloadSyntaxError } from '../base/errors';
import { eachBracket } from './brackets';

const PY_LITERALS: ReadonlyMap<string, string> = new Map([['True', 'true'], ['False', 'false'], ['None', 'null']]);

/**
 * Replace Python's `True`, `False` and `None` outside strings with their JSON5 equivalents. Each replacement has
 * the same length, so line and column numbers of later errors still point into the user's text.
 */
function pythonToJson5(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === '"' || c === "'") {
      // Skip a string literal, honouring backslash escapes; an unterminated string is left for JSON5 to report.
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else if (c === '#') {
      // A Python comment: JSON5 has none, so blank it out keeping its length.
      let j = i;
      while (j < text.length && text[j] !== '\n') j++;
      out += text.slice(last, i) + ' '.repeat(j - i);
      last = i = j;
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[\w$]/.test(text[j])) j++;
      const word = text.slice(i, j);
      const literal = PY_LITERALS.get(word);
      if (literal !== undefined) {
        out += text.slice(last, i) + literal;
        last = j;
      }
      i = j;
    } else i++;
  }
  return out + text.slice(last);
}

/**
 * The code expression (a name, an attribute, a call) at a parse error's position, as a Django developer writes it in
 * a dict — `user.username`, `request.user.id`, `get_role(user)`, `now + timedelta(days=1)` — or undefined when the
 * error is something else. JSON5 stops at its first character; the expression runs to the next `,` or `}` at depth 0.
 */
function expressionAt(text: string, line: number, column: number): string | undefined {
  const lineText = text.split('\n')[line - 1] ?? '';
  // JSON5 may stop inside the name (at the "o" of "now", having tried "null"): back up to where it starts.
  let start = column - 1;
  while (start > 0 && /[\w$.]/.test(lineText[start - 1])) start--;
  const rest = lineText.slice(start);
  if (!/^[A-Za-z_]/.test(rest)) return undefined;
  let depth = 0;
  let end = 0;
  for (; end < rest.length; end++) {
    const c = rest[end];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth <= 0 && (c === ',' || c === '}')) break;
  }
  const code = rest.slice(0, end).trim();
  return /^(true|false|null|Infinity|NaN)$/.test(code) || code.length === 0 ? undefined : code.length > 60 ? `${code.slice(0, 57)}…` : code;
}

/** 1-based line and column of `offset` in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * When a parse error is a closer (or the end) met while another bracket is still open — `["a", "b"` followed by `}` —
 * where the missing closer belongs: right after the last character before the error, with the line the bracket
 * opened on. JSON5 reports the `}` (often a line later); the fix is where the list or object ends.
 */
function missingCloser(text: string, line: number, column: number): { message: string; line: number; column: number } | undefined {
  const lines = text.split('\n');
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  const open: number[] = [];
  eachBracket(text, offset, (c, i) => {
    if (c === '[' || c === '{') open.push(i);
    else if (c === ']' || c === '}') open.pop();
  });
  const at = text[offset];
  const top = open[open.length - 1];
  if (top === undefined || !(at === undefined || at === '}' || at === ']')) return undefined;
  const want = text[top] === '[' ? ']' : '}';
  if (at === want) return undefined;
  let end = Math.min(offset, text.length);
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const opened = lineColumn(text, top);
  const where = lineColumn(text, end);
  const what = text[top] === '[' ? 'the list' : 'the object';
  return { message: `\`${want}\` missing: ${what} opened at line ${opened.line}, column ${opened.column} is not closed`, ...where };
}

/**
 * Read a payload from what a user selected: strict JSON, JSON5 / JavaScript object literals (unquoted keys, single
 * quotes, trailing commas, comments) or a Python dict literal as written in Django code (`True`, `False`, `None`,
 * `#` comments). Throws {@link PayloadSyntaxError} (`ERR_PAYLOAD_SYNTAX`, 1-based line and column) when the text
 * is none of these, and `ERR_PAYLOAD_NOT_OBJECT` for arrays and scalars — a JWT's claims are an object.
 * A `__proto__` key is an ordinary own property of the result; no prototype is changed.
 * Asynchronous because the JSON5 reader is loaded on first use (the extension ships it as its own file).
 */
export async function parsePayload(text: string): Promise<Record<string, unknown>> {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new JwtWorkbenchError('ERR_PAYLOAD_EMPTY', 'The selection is empty; select a JSON object such as {"user": "alice"}.');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    try {
      value = await parseJson5(pythonToJson5(body));
    } catch (e) {
      const err = e as { message?: string; lineNumber?: number; columnNumber?: number };
      const line = err.lineNumber ?? 1;
      const column = err.columnNumber ?? 1;
      const code = expressionAt(body, line, column);
      if (code) throw new PayloadSyntaxError(`\`${code}\` is code, not a value: replace it with a literal (a string such as "alice", a number, True/False/None) to sign`, line, column, true);
      const missing = missingCloser(body, line, column);
      if (missing) throw new PayloadSyntaxError(`The payload is not valid JSON, JSON5 or a Python dict: ${missing.message}`, missing.line, missing.column);
      const message = (err.message ?? 'invalid payload').replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '');
      throw new PayloadSyntaxError(`The payload is not valid JSON, JSON5 or a Python dict: ${message}`, line, column);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    throw new JwtWorkbenchError('ERR_PAYLOAD_NOT_OBJECT', `The payload is ${kind}; a JWT payload must be a JSON object such as {"user": "alice"}.`);
  }
  return value as Record<string, unknown>;
}
