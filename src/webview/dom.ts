/** DOM helpers that build nodes and set text only — never HTML from strings. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === undefined || c === false) continue;
    node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

const JSON_TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/** Pretty JSON with syntax colouring, as spans whose text is set with textContent. */
export function jsonView(value: unknown, fallbackText?: string): HTMLElement {
  const pre = el('pre', { class: 'json', tabindex: '0' });
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    // Too deep (RangeError) or otherwise unprintable: show what we got, raw.
    pre.append(fallbackText ?? '');
    return pre;
  }
  let last = 0;
  for (const m of text.matchAll(JSON_TOKEN)) {
    if (m.index! > last) pre.append(text.slice(last, m.index));
    const cls = m[1] ? (m[2] ? 'j-key' : 'j-str') : m[3] ? 'j-lit' : 'j-num';
    pre.append(el('span', { class: cls }, m[1] ?? m[3] ?? m[4]));
    if (m[2]) pre.append(m[2]);
    last = m.index! + m[0].length;
  }
  pre.append(text.slice(last));
  return pre;
}
