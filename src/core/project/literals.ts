/**
 * Text put into code as a literal goes through one function per language, never between quotes by hand: a setting
 * (the issuer), a token or a path then cannot end the literal and add code of its own.
 */

/** A JavaScript / TypeScript string literal (a JSON string: double quotes, every quote, backslash and line break escaped). */
export function jsString(text: string): string {
  return quoted(text);
}

/** A Python string literal (double quotes): JSON's escapes are Python's too, so any text round-trips. */
export function pyString(text: string): string {
  return quoted(text);
}

/** JSON's string, with U+2028 and U+2029 escaped too: older JavaScript and some editors end a line there. */
function quoted(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}
