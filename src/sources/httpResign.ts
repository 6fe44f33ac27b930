import * as vscode from 'vscode';
import { authorizationTokens, decodeToken, describeKey, inspectToken, isSigningAlg, parseLifetime, refreshedClaims, relativeTime, signToken, type HeaderToken, type KeyInput } from '../core';
import { CommandIds } from '../commands';
import type { Services } from '../services';
import { getConfig } from '../workspace/config';
import { NO_KEY } from '../workspace/keySources';
import { scanLimitMessage, scannedText } from '../editor/scanLimit';

/** Files of REST Client and VS Code's HTTP files. */
export const HTTP_FILES: vscode.DocumentSelector = [{ pattern: '**/*.{http,rest}' }, { language: 'http' }];
/** A token this close to its expiry gets a lens too. */
const SOON_SECONDS = 3600;

interface ResignLens extends vscode.CodeLens {
  uri: vscode.Uri;
  hit: HeaderToken;
  exp: number;
}

/** A key that verifies the token and can sign: a secret, or a private key. */
interface Signer {
  key: KeyInput;
  label: string;
}

/**
 * Above an `Authorization: Bearer <token>` line whose token has expired (or expires within the hour): **Re-sign
 * (expired 2 hours ago)** puts a fresh token in its place — the same header and claims, new `iat`/`exp` with the
 * original lifetime — signed with the key of yours that verifies the old one. When none does, the lens says so and
 * offers the key sources. Undo restores the old token.
 */
export class ExpiringTokenLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  // Time passes: "expires in 5 minutes" becomes "expired", once a minute is often enough.
  private readonly timer = setInterval(() => this.changed.fire(), 60_000);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly services: Services) {
    this.subscription = services.keys.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const now = Math.floor(Date.now() / 1000);
    const out: vscode.CodeLens[] = [];
    // Past the scan limit the rest is not read, and a lens on the first line says so.
    const scanned = scannedText(doc);
    if (scanned.stoppedAtLine !== undefined) out.push(new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: scanLimitMessage(scanned), command: '' }));
    for (const hit of authorizationTokens(scanned.text)) {
      const exp = decodeToken(hit.token).payload?.exp;
      if (typeof exp !== 'number' || exp > now + SOON_SECONDS) continue;
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
    const found = await findSigner(this.services, lens.uri, lens.hit.token);
    lens.command = found.signer
      ? { title: vscode.l10n.t('Re-sign ({0})', when), tooltip: vscode.l10n.t('A fresh token with the same claims, signed with {0}', found.signer.label), command: CommandIds.resignHttpToken, arguments: [lens.uri.toString(), lens.hit.line, lens.hit.token] }
      : { title: found.publicOnly ? vscode.l10n.t('Cannot re-sign ({0}): {1} verifies it but cannot sign — add its private key', when, found.publicOnly) : vscode.l10n.t('Cannot re-sign ({0}): no key of yours verifies it — add one…', when), command: CommandIds.resignHttpToken, arguments: [lens.uri.toString(), lens.hit.line, lens.hit.token] };
    return lens;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The first key source (the file's own first) whose key verifies `token` and can sign; or the public key that verifies. */
async function findSigner(services: Services, uri: vscode.Uri, token: string): Promise<{ signer?: Signer; publicOnly?: string }> {
  const first = (await services.keys.chooseFor(uri, token)).id;
  const ids = [first, ...(await services.keys.list()).map((o) => o.id).filter((id) => id !== first && id !== NO_KEY)];
  const kid = decodeToken(token).header?.kid;
  let publicOnly: string | undefined;
  for (const id of ids) {
    const loaded = await services.keys.load(id, kid);
    if (!loaded.key) continue;
    const ins = await inspectToken(token, { key: loaded.key, cache: services.keyCache });
    // The signature is good whatever the times say: expired is why we are here.
    if (!['verified', 'expired', 'not-yet-valid', 'claim-mismatch'].includes(ins.verdict)) continue;
    let infos;
    try {
      infos = describeKey(loaded.key, services.keyCache);
    } catch {
      continue;
    }
    if (infos.some((k) => k.isPrivate || k.family === 'oct')) return { signer: { key: loaded.key, label: loaded.label } };
    publicOnly ??= loaded.label;
  }
  return { publicOnly };
}

/** The lens's command: re-sign the token on `line` (still `token`), or say why not and offer the key sources. */
export async function resignHttpTokenCommand(services: Services, uriText?: string, line?: number, token?: string): Promise<string | undefined> {
  if (typeof uriText !== 'string' || typeof line !== 'number' || typeof token !== 'string') return undefined;
  const uri = vscode.Uri.parse(uriText);
  const doc = await vscode.workspace.openTextDocument(uri);
  const hit = line < doc.lineCount ? authorizationTokens(doc.lineAt(line).text).find((h) => h.token === token) : undefined;
  if (!hit) {
    void vscode.window.showWarningMessage(vscode.l10n.t('That line changed since the lens was drawn; nothing was replaced.'));
    return undefined;
  }
  const found = await findSigner(services, uri, token);
  if (!found.signer) {
    const addFile = vscode.l10n.t('Add Key File…');
    const store = vscode.l10n.t('Store a Key…');
    const jwks = vscode.l10n.t('Add JWKS URL…');
    const why = found.publicOnly ? vscode.l10n.t('{0} verifies this token but is a public key: add its private key (a key file, or JWT_PRIVATE_KEY in .env) to re-sign it.', found.publicOnly) : vscode.l10n.t('No key of yours verifies this token, so it cannot be re-signed with the key that signed it. Add that key:');
    const pick = await vscode.window.showWarningMessage(why, addFile, store, ...(found.publicOnly ? [] : [jwks]));
    const command = pick === addFile ? CommandIds.addKeyFile : pick === store ? CommandIds.storeKey : pick === jwks ? CommandIds.addJwksUrl : undefined;
    if (command) await vscode.commands.executeCommand(command);
    return undefined;
  }
  const { header, payload } = decodeToken(token);
  const alg = header?.alg;
  const claims = payload && refreshedClaims(payload, Math.floor(Date.now() / 1000), parseLifetime(getConfig(uri).lifetime));
  if (!claims || typeof alg !== 'string' || !isSigningAlg(alg)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This token has no exp to renew, or an algorithm JWT Workbench does not sign with.'));
    return undefined;
  }
  const { alg: _alg, ...rest } = header!;
  const fresh = await signToken(claims, found.signer.key, { alg, header: rest, addDefaults: false, cache: services.keyCache });
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(line, hit.start, line, hit.end), fresh);
  await vscode.workspace.applyEdit(edit);
  services.log.info(`Re-signed an expired ${alg} token in ${vscode.workspace.asRelativePath(uri)} with ${found.signer.label}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Re-signed with {0}: the same claims, valid until {1}. Undo restores the old token.', found.signer.label, new Date((claims.exp as number) * 1000).toLocaleString()));
  return fresh;
}
