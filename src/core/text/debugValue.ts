/**
 * A debugger's rendering of a string value back to the string: JavaScript (js-debug shows `'…'`, and `"…"` from an
 * `evaluate` in the clipboard context), Python's repr (`'…'` or `"…"`, with `\x..`, `\u....` escapes; `b'…'` bytes) and
 * C# (`"…"`, verbatim `@"…"`). A value shown cut short (js-debug puts "…" in the middle of a long string) is
 * `truncated`: the caller asks the debugger for the whole value.
 */
export interface DebugString {
  text: string;
  truncated: boolean;
}

const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0', '\\': '\\', "'": "'", '"': '"', '`': '`' };

function unescape(body: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    if (n === undefined) return undefined;
    if (n in SIMPLE) out += SIMPLE[n];
    else if (n === 'x' || n === 'u' || n === 'U') {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const braced = n === 'u' && body[i + 1] === '{';
      const hex = braced ? body.slice(i + 2, body.indexOf('}', i)) : body.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || (!braced && hex.length !== len) || parseInt(hex, 16) > 0x10ffff) return undefined;
      out += String.fromCodePoint(parseInt(hex, 16));
      i += braced ? hex.length + 2 : len;
    } else if (n === '\n') {
      // a line continuation
    } else out += n;
  }
  return out;
}

/** The string a debugger showed, unquoted, or undefined when the value is not a quoted string. */
export function unquoteDebugValue(shown: string): DebugString | undefined {
  let v = shown.trim();
  if (v.length > 8 * 1024 * 1024) return undefined;
  // C#'s verbatim strings: "" is a quote, nothing else is an escape.
  if (v.startsWith('@"') && v.endsWith('"') && v.length >= 3) return finish(v.slice(2, -1).replace(/""/g, '"'));
  // Python bytes, JavaScript/Python/C# strings.
  if (/^[bB]['"]/.test(v)) v = v.slice(1);
  const q = v[0];
  if ((q === "'" || q === '"' || q === '`') && v.length >= 2 && v.endsWith(q)) {
    const text = unescape(v.slice(1, -1));
    return text === undefined ? undefined : finish(text);
  }
  return undefined;
}

function finish(text: string): DebugString {
  // js-debug cuts long strings in the middle with "…"; nothing a token holds is "…".
  return { text, truncated: text.includes('…') };
}
