/**
 * The `{…}` object literal around a cursor — what "Sign Selection" signs when nothing is selected: the innermost
 * braces around the offset whose text reads as a payload (JSON, JSON5, a Python dict), else the next ones out. One
 * linear pass pairs the braces outside strings and comments; at most `MAX_TEXT` characters are looked at.
 */
export const MAX_OBJECT_TEXT = 1_048_576; // 1 MiB, as a literal: the bundler keeps an unused product at activation

export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
}

/** The brace pairs that contain `offset` (`start` ≤ offset ≤ `end`), innermost first. */
export function bracesAround(text: string, offset: number): Span[] {
  if (text.length > MAX_OBJECT_TEXT) return [];
  const open: number[] = [];
  const around: Span[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      // A string: to its closing quote (a backslash escapes), or to the end of the line for an unclosed one.
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (c === '{') open.push(i);
    else if (c === '}' && open.length) {
      const start = open.pop()!;
      if (start <= offset && offset <= i + 1) around.push({ start, end: i + 1 });
    }
  }
  // Pairs close inner before outer, so `around` is innermost first already.
  return around;
}
