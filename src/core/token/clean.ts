/**
 * Pasted text to token: what people paste around a token is stripped, in time linear in the text's length (the
 * inspector runs this on every keystroke, and the protocol allows megabytes). Nothing here decides a verdict.
 */

/** The most text that is read as one token; real tokens are a few KB. Longer text is refused, not scanned. */
export const MAX_TOKEN_CHARS = 1024 * 1024;

const AUTHORIZATION = /authorization[ \t]*:[ \t]*/iy;
const BEARER = /bearer[ \t]+/iy;

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000 || c === 0x1680 || c === 0x202f || c === 0x205f;
const isLineBreak = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * Strip what people paste around a token: a BOM, surrounding quotes, `Authorization:` and `Bearer `, trailing commas
 * and semicolons, URL encoding, and the line breaks of a wrapped token (with the indentation around them). Spaces
 * inside a one-line token are NOT removed: they are not base64url, and a verifier would refuse them. `cleaned` says
 * what was stripped. Linear time: every step moves an index, nothing is re-scanned.
 */
export function cleanTokenText(text: string): { token: string; cleaned: string[] } {
  const cleaned = new Set<string>();
  let start = 0;
  let end = text.length;
  if (text.charCodeAt(0) === 0xfeff) start = 1;
  for (let changed = true; changed; ) {
    changed = false;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    for (const [re, what] of [[AUTHORIZATION, 'Authorization header name'], [BEARER, 'Bearer prefix']] as const) {
      re.lastIndex = start;
      const m = re.exec(text);
      if (m && m.index === start && start + m[0].length <= end) {
        start += m[0].length;
        cleaned.add(what);
        changed = true;
      }
    }
    const endBefore = end;
    while (end > start && (text.charCodeAt(end - 1) === 44 || text.charCodeAt(end - 1) === 59)) end--;
    if (end !== endBefore) {
      cleaned.add('trailing punctuation');
      changed = true;
    }
    // Every layer of matching quotes at once, so that deep nesting costs one pass of the outer loop.
    for (let q = text.charCodeAt(start); end - start >= 2 && (q === 34 || q === 39 || q === 96) && text.charCodeAt(end - 1) === q; q = text.charCodeAt(start)) {
      start++;
      end--;
      cleaned.add('quotes');
      changed = true;
    }
  }
  let t = text.slice(start, end);
  if (/%[0-9A-Fa-f]{2}/.test(t)) {
    try {
      t = decodeURIComponent(t);
      cleaned.add('URL encoding');
    } catch {
      // not URL-encoded after all: leave it for the character check to report
    }
  }
  const unwrapped = removeLineBreaks(t);
  if (unwrapped !== t) {
    t = unwrapped;
    cleaned.add('line breaks');
  }
  return { token: t, cleaned: [...cleaned] };
}

/** Remove every run of whitespace that holds a line break (a wrapped token); keep other whitespace. One pass. */
function removeLineBreaks(t: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < t.length; ) {
    if (!isSpace(t.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    let hasBreak = false;
    while (j < t.length && isSpace(t.charCodeAt(j))) hasBreak = isLineBreak(t.charCodeAt(j++)) || hasBreak;
    if (hasBreak) {
      out += t.slice(last, i);
      last = j;
    }
    i = j;
  }
  return last === 0 ? t : out + t.slice(last);
}
