/**
 * Brackets in code as people write it (JSON, JSON5, JavaScript, Python): every `{ } [ ] ( )` outside strings and
 * comments, in order. A string runs to its closing quote (a backslash escapes) or, unclosed, to the end of its line;
 * `#` and `//` comments to the end of the line; `/* … *\/` to its close. One linear pass.
 */
export function eachBracket(text: string, end: number, visit: (bracket: string, at: number) => void): void {
  const stop = Math.min(end, text.length);
  for (let i = 0; i < stop; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (c === '{' || c === '}' || c === '[' || c === ']' || c === '(' || c === ')') visit(c, i);
  }
}
