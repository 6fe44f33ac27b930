import * as vscode from 'vscode';
import { WEBVIEW_STRINGS } from '../protocol';

/** A CSP nonce from the CSPRNG (never Math.random: a predictable nonce lets injected scripts run). */
export function makeNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The static shell of the inspector. It holds no data at all: everything arrives by postMessage and is rendered
 * with DOM nodes and textContent. The CSP allows only our nonce'd script and our own stylesheet.
 */
export function inspectorHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = makeNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'inspector.css'));
  // Our own strings (never token data), localized; escaped for an attribute value.
  const l10n = JSON.stringify(Object.fromEntries(WEBVIEW_STRINGS.map((s) => [s, vscode.l10n.t(s)])))
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="jwt-workbench-l10n" content="${l10n}">
<link rel="stylesheet" href="${style.toString()}">
<title>JWT Inspector</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
