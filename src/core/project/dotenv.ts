/**
 * `.env` text: reading it exactly as the `dotenv` package does, and changing one variable without touching a byte
 * of anything else. The line grammar is dotenv's own (its `LINE` expression, dotenv 16–18), kept here rather than
 * imported because the core must also run in the browser (dotenv's entry needs `fs`) and because an edit needs the
 * positions of each match, which dotenv's `parse` does not expose. `test/unit/core/dotenv.test.ts` holds the
 * two to the same results with property tests.
 */

// dotenv's LINE expression, with the `d` flag for match indices — and one change that keeps its results and drops its
// quadratic time: dotenv starts with `\s*`, which spans line breaks, so a run of N blank lines is rescanned from each
// of its N line starts (80,000 newlines took ~9 s). Here the leading whitespace stops at a line break; a match that
// dotenv starts on a blank line starts on the key's own line instead, with the same captures.
const LINE = /(?:^|^)[^\S\n]*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

interface EnvEntry {
  key: string;
  value: string;
  /** Span of the raw value in the original text (start === end for an empty value). */
  valueStart: number;
  valueEnd: number;
  /** The quote around the raw value, or '' when unquoted. */
  quote: '' | "'" | '"' | '`';
}

/** dotenv normalises CR LF and lone CR to LF before matching; keep a map back to the original offsets. */
function normalise(text: string): { text: string; origin: (i: number) => number } {
  if (!text.includes('\r')) return { text, origin: (i) => i };
  const removed: number[] = []; // normalised offsets after which one original character was dropped
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 13) {
      out += text.slice(last, i) + '\n';
      if (text.charCodeAt(i + 1) === 10) {
        removed.push(out.length);
        i++;
      }
      last = i + 1;
    }
  }
  out += text.slice(last);
  const origin = (n: number) => {
    let lo = 0;
    let hi = removed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (removed[mid] <= n) lo = mid + 1;
      else hi = mid;
    }
    return n + lo;
  };
  return { text: out, origin };
}

function scan(text: string): EnvEntry[] {
  const norm = normalise(text);
  const entries: EnvEntry[] = [];
  LINE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LINE.exec(norm.text)) !== null) {
    const key = m[1];
    let raw = m[2] ?? '';
    const span = m.indices?.[2];
    // The trimmed span of the raw value: what an edit replaces, leaving surrounding spaces alone.
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    let vs: number;
    if (span) vs = span[0] + lead;
    else {
      // An empty value: the insertion point is right after the `=` (or dotenv's `: ` form).
      const afterKey = m.indices![1]![1];
      const sep = /^\s*=|^:\s/.exec(norm.text.slice(afterKey, m.index + m[0].length));
      vs = afterKey + (sep ? sep[0].length : 0);
    }
    const ve = span ? span[1] - trail : vs;
    raw = raw.trim();
    const first = raw[0];
    const quoted = /^(['"`])[\s\S]*\1$/.test(raw) && raw.length >= 2;
    let value = raw.replace(/^(['"`])([\s\S]*)\1$/gm, '$2');
    if (first === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    entries.push({
      key,
      value,
      valueStart: norm.origin(vs),
      valueEnd: norm.origin(ve),
      quote: quoted ? (first as EnvEntry['quote']) : '',
    });
    if (m[0].length === 0) LINE.lastIndex++;
  }
  return entries;
}

/**
 * Parse `.env` text into variables, with the same result as `dotenv.parse` (later duplicates win, `export ` is
 * ignored, quotes are removed, `\n` and `\r` are expanded only inside double quotes). Does not expand `${VAR}`.
 */
export function parseEnv(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const e of scan(text)) out[e.key] = e.value;
  return { ...out };
}

/** Result of {@link upsertEnvVar}. */
export interface EnvEdit {
  /** The whole new text. */
  text: string;
  /** The value the variable had before, when it had one. */
  previous?: string;
  /** Offsets in the ORIGINAL text of the replaced span (start === end for an insertion), and the text put there. */
  edit: { start: number; end: number; insert: string };
}

const VAR_NAME = /^[\w.-]+$/;

/**
 * Set `name` to `value` in `.env` text, changing nothing else: comments, order, blank lines, CRLF or LF, a BOM, a
 * missing final newline, `export ` prefixes and other keys stay byte-for-byte. When the variable is defined more
 * than once, the LAST definition is changed — the one dotenv uses. The existing quoting style is kept; a value that
 * needs quotes gets double quotes. A new variable is appended on its own line with the file's line ending.
 */
export function upsertEnvVar(text: string, name: string, value: string): EnvEdit {
  if (!VAR_NAME.test(name)) throw new TypeError(`"${name}" is not a valid .env variable name`);
  const entries = scan(text).filter((e) => e.key === name);
  const target = entries[entries.length - 1];
  if (target) {
    const insert = quoteFor(value, target.quote);
    return {
      text: text.slice(0, target.valueStart) + insert + text.slice(target.valueEnd),
      previous: target.value,
      edit: { start: target.valueStart, end: target.valueEnd, insert },
    };
  }
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const line = `${name}=${quoteFor(value, '')}`;
  const body = text.replace(/^\uFEFF/, '');
  const endsClean = body.length === 0 || /[\r\n]$/.test(text);
  // A file without a final newline keeps that shape: the separator goes before the new line, none after it.
  const insert = endsClean ? line + eol : eol + line;
  return { text: text + insert, edit: { start: text.length, end: text.length, insert } };
}

/** Write `value` so that dotenv reads it back exactly, in the given quoting style when that can hold it. */
function quoteFor(value: string, style: EnvEntry['quote']): string {
  const multiline = /[\r\n]/.test(value);
  const fits: Record<'"' | "'" | '`', boolean> = {
    // Inside double quotes dotenv expands \n and \r, so a literal backslash-n cannot be written there.
    '"': !value.includes('"') && !/\\[nr]/.test(value),
    "'": !value.includes("'") && !multiline,
    '`': !value.includes('`') && !multiline,
  };
  const plainFits = !multiline && !value.includes('#') && value === value.trim() && !/^['"`]/.test(value);
  const wrap = (q: '"' | "'" | '`') => (q === '"' ? `"${value.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"` : `${q}${value}${q}`);
  if (style === '' && plainFits) return value;
  if (style !== '' && fits[style]) return wrap(style);
  for (const q of ['"', "'", '`'] as const) if (fits[q]) return wrap(q);
  throw new RangeError('this value cannot be written to a .env file so that dotenv reads it back unchanged');
}
