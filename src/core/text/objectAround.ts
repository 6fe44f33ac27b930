/**
 * The `{…}` object literal around a cursor — what "Sign Selection" signs when nothing is selected: the innermost
 * braces around the offset whose text reads as a payload (JSON, JSON5, a Python dict), else the next ones out. One
 * linear pass pairs the braces outside strings and comments; at most `MAX_TEXT` characters are looked at.
 */
import { eachBracket } from './brackets';

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
  eachBracket(text, text.length, (c, i) => {
    if (c === '{') open.push(i);
    else if (c === '}' && open.length) {
      const start = open.pop()!;
      if (start <= offset && offset <= i + 1) around.push({ start, end: i + 1 });
    }
  });
  // Pairs close inner before outer, so `around` is innermost first already.
  return around;
}
