import { t } from './l10n';

/**
 * What is wrong with the JSON being typed into the header or payload box, in words shown under it while typing (the
 * token is re-signed only once it parses), or undefined when it parses (or is empty).
 */
export function jsonProblem(text: string): string | undefined {
  if (!text.trim()) return undefined;
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    const { at, what } = firstError(text);
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    return t('Not valid JSON yet: {0} (line {1}, column {2}). The token was not re-signed.', what, String(line), String(column));
  }
}

/** Where strict JSON first goes wrong, and what was expected there: one linear pass (an explicit stack, no recursion). */
function firstError(s: string): { at: number; what: string } {
  let i = 0;
  const ws = () => {
    while (i < s.length && ' \t\r\n'.includes(s[i])) i++;
  };
  const fail = (what: string) => ({ at: i, what: i >= s.length ? t('{0} expected, but the text ends', what) : t('{0} expected, not “{1}”', what, s[i]) });
  const str = (): boolean => {
    i++;
    while (i < s.length && s[i] !== '"' && s[i] !== '\n') i += s[i] === '\\' ? 2 : 1;
    if (s[i] !== '"') return false;
    i++;
    return true;
  };
  /** An object's `"name":`; a failure, or undefined when it was read. */
  const key = () => {
    ws();
    if (s[i] !== '"') return fail(t('A "quoted" name'));
    if (!str()) return fail(t('A closing "'));
    ws();
    if (s[i] !== ':') return fail(t('A : after the name'));
    i++;
    return undefined;
  };
  const stack: string[] = [];
  for (;;) {
    ws();
    const c = s[i];
    if (c === '{' || c === '[') {
      i++;
      ws();
      if (s[i] === (c === '{' ? '}' : ']')) i++;
      else {
        stack.push(c);
        const e = c === '{' ? key() : undefined;
        if (e) return e;
        continue;
      }
    } else if (c === '"') {
      if (!str()) return fail(t('A closing "'));
    } else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(s.slice(i, i + 400));
      if (!m) return fail(t('A value (a "string", a number, true, false, null, {…} or […])'));
      i += m[0].length;
    }
    // After a value: a comma, a closer, or the end.
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < s.length ? fail(t('The end after the value')) : { at: i, what: t('Something else') };
      if (s[i] === ',') {
        i++;
        const e = top === '{' ? key() : undefined;
        if (e) return e;
        break;
      }
      if (s[i] === (top === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        continue;
      }
      return fail(top === '{' ? t('A , or }') : t('A , or ]'));
    }
  }
}
