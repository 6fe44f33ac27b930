import { INITIAL_VIEW_ID, type InspectorView } from '../protocol';

/** A CSP nonce from the CSPRNG (never Math.random: a predictable nonce lets injected scripts run). */
export function makeNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** What the shell is made of: the webview's URIs and CSP source, our localized strings, and the first view. */
export interface ShellParts {
  cspSource: string;
  script: string;
  style: string;
  /** Our own strings (never token data), English → localized. */
  strings: Record<string, string>;
  /**
   * The view to paint with the first frame (the same object the 'view' message would carry: no key material). It is
   * state the script reads at start, never markup: the script renders it with DOM nodes and textContent.
   */
  view?: InspectorView;
  nonce?: string;
}

/**
 * `value` as JSON that may stand inside a `<script type="application/json">` block: every `<`, `>` and `&` (and the
 * two JavaScript line separators) is a \u escape, so no text from a token can close the block (`</script>`), open an
 * HTML comment that swallows its end (`<!--`), or be read as markup. JSON.parse reads the escapes back unchanged.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `text` for a double-quoted attribute value. */
function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The inspector's HTML: a static shell, plus the first view as JSON data the script reads at start (so the verdict
 * paints with the first frame instead of after a 'ready' → 'view' round trip). Everything is rendered by the script
 * with DOM nodes and textContent. The CSP allows only our nonce'd script and our own stylesheet; the JSON block is
 * data (type application/json), which the browser never runs.
 */
export function inspectorHtml(p: ShellParts): string {
  const nonce = p.nonce ?? makeNonce();
  const csp = [`default-src 'none'`, `style-src ${p.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${p.cspSource}`].join('; ');
  const initial = p.view ? `<script type="application/json" id="${INITIAL_VIEW_ID}">${embedJson(p.view)}</script>\n` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="jwt-workbench-l10n" content="${attr(JSON.stringify(p.strings))}">
<link rel="stylesheet" href="${attr(p.style)}">
<title>JWT Inspector</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
${initial}<script nonce="${nonce}" src="${attr(p.script)}"></script>
</body>
</html>`;
}
