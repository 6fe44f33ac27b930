import * as vscode from 'vscode';
import { authorizationTokens, decodeToken, relativeTime, resignRefusal, type HeaderToken } from '../core';
import { CommandIds } from '../commandIds';
import type { Services } from '../services';
import { scanLimitMessage, scannedText } from '../workspace/scanLimit';

/** Files of REST Client and VS Code's HTTP files. */
export const HTTP_FILES: vscode.DocumentSelector = [{ pattern: '**/*.{http,rest}' }, { language: 'http' }];
/** A token this close to its expiry gets a lens too. */
const SOON_SECONDS = 3600;

interface ResignLens extends vscode.CodeLens {
  uri: vscode.Uri;
  hit: HeaderToken;
  exp: number;
}

/**
 * Above an `Authorization: Bearer <token>` line whose token has expired (or expires within the hour): **Re-sign
 * (expired 2 hours ago)** puts a fresh token in its place — the same header and claims, new `iat`/`exp` with the
 * original lifetime up to the `jwtWorkbench.lifetime` setting — signed with the key of yours that verifies the old
 * one under the plain JWS rules. A token that brings its own key (jwk, jku, x5c, x5u) or is a DPoP proof gets no
 * lens; when no key verifies it, the lens says so and offers the key sources. Undo restores the old token.
 */
export class ExpiringTokenLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  // Time passes: "expires in 5 minutes" becomes "expired", once a minute is often enough.
  private readonly timer = setInterval(() => this.changed.fire(), 60_000);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly services: Services) {
    this.subscriptions = [services.keys.onDidChange(() => this.changed.fire()), vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire())];
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const now = Math.floor(Date.now() / 1000);
    const out: vscode.CodeLens[] = [];
    // Past the scan limit the rest is not read, and a lens on the first line says so.
    const scanned = scannedText(doc);
    if (scanned.stoppedAtLine !== undefined) out.push(new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: scanLimitMessage(scanned), command: '' }));
    for (const hit of authorizationTokens(scanned.text)) {
      const { header, payload } = decodeToken(hit.token);
      const exp = payload?.exp;
      if (typeof exp !== 'number' || exp > now + SOON_SECONDS || resignRefusal(header)) continue;
      const range = new vscode.Range(hit.line, hit.start, hit.line, hit.end);
      out.push(Object.assign(new vscode.CodeLens(range), { uri: doc.uri, hit, exp }));
    }
    return out;
  }

  /** The key search happens here, for the lenses on screen only. */
  async resolveCodeLens(lens: vscode.CodeLens): Promise<vscode.CodeLens> {
    if (!('hit' in lens)) return lens;
    return this.resolveResign(lens as ResignLens);
  }

  private async resolveResign(lens: ResignLens): Promise<ResignLens> {
    const now = Math.floor(Date.now() / 1000);
    const when = lens.exp <= now ? vscode.l10n.t('expired {0}', relativeTime(lens.exp, now)) : vscode.l10n.t('expires {0}', relativeTime(lens.exp, now));
    // Finding the key that signed it (and the re-sign command) is read on first use: only .http files need it.
    const found = await (await import('./httpResignCommand')).findSigner(this.services, lens.uri, lens.hit.token);
    const args = [lens.uri.toString(), lens.hit.line, lens.hit.token];
    lens.command =
      found.signer ? { title: vscode.l10n.t('Re-sign ({0})', when), tooltip: vscode.l10n.t('A fresh token with the same claims, signed with {0}', found.signer.label), command: CommandIds.resignHttpToken, arguments: args }
      : !vscode.workspace.isTrusted ? { title: vscode.l10n.t('Cannot re-sign ({0}): the workspace is not trusted, so no key is used', when), command: CommandIds.resignHttpToken, arguments: args }
      : { title: found.publicOnly ? vscode.l10n.t('Cannot re-sign ({0}): {1} verifies it but cannot sign — add its private key', when, found.publicOnly) : vscode.l10n.t('Cannot re-sign ({0}): no key of yours verifies it — add one…', when), command: CommandIds.resignHttpToken, arguments: args };
    return lens;
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
