import * as vscode from 'vscode';
import { authorizationTokens, decodeToken, describeKey, inspectToken, isSigningAlg, parseLifetime, refreshedClaims, signToken } from '../core';
import { CommandIds } from '../commands';
import type { Services } from '../services';
import { getConfig } from '../workspace/config';
import type { Signer } from './httpResign';
import { NO_KEY } from '../workspace/keySources';

// Apart from the lenses (src/sources/httpResign.ts), which activation registers: this loads on first use.
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

/** The first key source (the file's own first) whose key verifies `token` and can sign; or the public key that verifies. */
export async function findSigner(services: Services, uri: vscode.Uri, token: string): Promise<{ signer?: Signer; publicOnly?: string }> {
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
