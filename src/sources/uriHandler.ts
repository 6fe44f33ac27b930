import * as vscode from 'vscode';
import { decodeToken, tokensInRedirect } from '../core';
import type { InspectorView } from '../protocol';
import type { Services } from '../services';

/**
 * VS Code as the redirect target of a local OAuth flow: `<scheme>://jwt-workbench.jwt-workbench/inspect?token=…`, or
 * the fragment forms `#id_token=…&access_token=…` (several tokens in one URI are all offered). The URI is untrusted
 * input: its tokens are shown — checked with the workspace's own key, like a pasted token, and the notice says what
 * the verdict rests on — and nothing else in it is acted upon (no URL in it is fetched, no key taken from it).
 */
export class TokenUriHandler implements vscode.UriHandler {
  constructor(private readonly services: Services) {}

  async handleUri(uri: vscode.Uri): Promise<void> {
    if (uri.path !== '/inspect') {
      void vscode.window.showWarningMessage(vscode.l10n.t('JWT Workbench opens …/inspect?token=… URIs; this one asked for "{0}".', uri.path.slice(0, 80)));
      return;
    }
    const tokens = tokensInRedirect(uri.query, uri.fragment);
    if (!tokens.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The URI holds no token: JWT Workbench reads ?token=, #id_token= and #access_token=.'));
      return;
    }
    let chosen = tokens[0];
    if (tokens.length > 1) {
      const pick = await vscode.window.showQuickPick(
        tokens.map((t) => ({ label: t.name, description: summary(t.token), token: t })),
        { title: vscode.l10n.t('This URI holds {0} tokens: which one to inspect?', tokens.length) },
      );
      if (!pick) return;
      chosen = pick.token;
    }
    this.services.log.info(`Opened a token from a URI (${chosen.name}).`);
    await this.services.inspector.showFound(chosen.token, 'uri', undefined, (view) => uriNotice(chosen.name, view));
  }
}

/** What the notice says of the token from a URI: what its verdict rests on, by name — never "verified" unless it is. */
function uriNotice(name: string, view: InspectorView): string {
  const ins = view.inspection;
  if (ins?.ownKey) return vscode.l10n.t('From a URI ({0}): shown; its signature was checked only with the key in its own header — not verified with any key of yours. Nothing in the URI is acted upon.', name);
  if (ins?.verdict === 'verified' && view.keySource) return vscode.l10n.t('From a URI ({0}): shown and verified with {1}; nothing in the URI is acted upon.', name, view.keySource);
  if (view.keySource && ins?.verdict !== 'unverified') return vscode.l10n.t('From a URI ({0}): shown and checked with {1} — not verified ({2}). Nothing in the URI is acted upon.', name, view.keySource, ins?.message ?? '');
  return vscode.l10n.t('From a URI ({0}): shown, not verified — no key of yours could check it. Nothing in the URI is acted upon.', name);
}

function summary(token: string): string {
  const d = decodeToken(token);
  const alg = typeof d.header?.alg === 'string' ? d.header.alg : '?';
  const p = d.payload && typeof d.payload === 'object' ? (d.payload as Record<string, unknown>) : {};
  const who = typeof p.sub === 'string' ? ` · sub ${p.sub.slice(0, 40)}` : '';
  return `${alg}${who}`;
}
