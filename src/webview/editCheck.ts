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

type Failure = { at: number; what: string };

/** A cursor over the text being checked, with the readers of strict JSON's pieces. */
class Scan {
  i = 0;
  constructor(private readonly s: string) {}

  ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i])) this.i++;
  }

  fail(what: string): Failure {
    return { at: this.i, what: this.i >= this.s.length ? t('{0} expected, but the text ends', what) : t('{0} expected, not “{1}”', what, this.s[this.i]) };
  }

  /** A string from its opening quote (no line break in it); whether it was closed. */
  str(): boolean {
    const s = this.s;
    this.i++;
    while (this.i < s.length && s[this.i] !== '"' && s[this.i] !== '\n') this.i += s[this.i] === '\\' ? 2 : 1;
    if (s[this.i] !== '"') return false;
    this.i++;
    return true;
  }

  /** An object's `"name":`; a failure, or undefined when it was read. */
  key(): Failure | undefined {
    this.ws();
    if (this.s[this.i] !== '"') return this.fail(t('A "quoted" name'));
    if (!this.str()) return this.fail(t('A closing "'));
    this.ws();
    if (this.s[this.i] !== ':') return this.fail(t('A : after the name'));
    this.i++;
    return undefined;
  }

  /** A scalar value (a string, a number, true, false, null); a failure, or undefined when it was read. */
  scalar(): Failure | undefined {
    if (this.s[this.i] === '"') return this.str() ? undefined : this.fail(t('A closing "'));
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) return this.fail(t('A value (a "string", a number, true, false, null, {…} or […])'));
    this.i += m[0].length;
    return undefined;
  }

  /** After a value: a comma (and the next name in an object), a closer, or the end. 'value' when a value is next. */
  afterValue(stack: string[]): Failure | 'value' {
    const s = this.s;
    for (;;) {
      this.ws();
      const top = stack[stack.length - 1];
      if (top === undefined) return this.i < s.length ? this.fail(t('The end after the value')) : { at: this.i, what: t('Something else') };
      if (s[this.i] === ',') {
        this.i++;
        return (top === '{' ? this.key() : undefined) ?? 'value';
      }
      if (s[this.i] !== (top === '{' ? '}' : ']')) return this.fail(top === '{' ? t('A , or }') : t('A , or ]'));
      stack.pop();
      this.i++;
    }
  }
}

/** Where strict JSON first goes wrong, and what was expected there: one linear pass (an explicit stack, no recursion). */
function firstError(s: string): Failure {
  const scan = new Scan(s);
  const stack: string[] = [];
  for (;;) {
    scan.ws();
    const c = s[scan.i];
    if (c === '{' || c === '[') {
      scan.i++;
      scan.ws();
      if (s[scan.i] !== (c === '{' ? '}' : ']')) {
        stack.push(c);
        const e = c === '{' ? scan.key() : undefined;
        if (e) return e;
        continue;
      }
      scan.i++;
    } else {
      const e = scan.scalar();
      if (e) return e;
    }
    const next = scan.afterValue(stack);
    if (next !== 'value') return next;
  }
}
