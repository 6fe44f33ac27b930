import * as vscode from 'vscode';
import { type KeyInput, authorizationTokens, decodeToken, parseLifetime, resignCheck, resignClaims, resignRefusal, resignToken } from '../core';
import { CommandIds } from '../commandIds';
import type { Services } from '../services';
import { getConfig } from '../workspace/config';
import { NO_KEY } from '../workspace/sourceIds';
import { askModal } from '../workspace/modal';

// Apart from the lenses (src/sources/httpResign.ts), which activation registers: this loads on first use.


/** A key of the user's that verifies the token under the plain JWS rules and can sign. */
export interface Signer {
  key: KeyInput;
  label: string;
}

/** How much of the header and of the claims the Re-sign question shows. */
const MAX_SHOWN = 2000;
/** The files in which the user already agreed to a Re-sign, this session: the first one in each file asks. */
const agreedFiles = new Set<string>();
/**
 * The first key source (the file's own first) whose key verifies `token` under the plain JWS rules and can sign; or
 * the label of a public key that verifies it. In an untrusted workspace no key is loaded at all.
 */
export async function findSigner(services: Services, uri: vscode.Uri, token: string): Promise<{ signer?: Signer; publicOnly?: string }> {
  if (!vscode.workspace.isTrusted || resignRefusal(decodeToken(token).header)) return {};
  const first = (await services.keys.chooseFor(uri, token)).id;
  const ids = [first, ...(await services.keys.list()).map((o) => o.id).filter((id) => id !== first && id !== NO_KEY)];
  let publicOnly: string | undefined;
  for (const id of ids) {
    // No kid is passed: a token's header never picks the key, nor makes a key set be fetched again.
    const loaded = await services.keys.load(id);
    if (!loaded.key) continue;
    const check = await resignCheck(token, loaded.key, services.keyCache);
    if (!check.verifies) continue;
    if (check.canSign) return { signer: { key: loaded.key, label: loaded.label } };
    publicOnly ??= loaded.label;
  }
  return { publicOnly };
}

/** The line's token, still `token`, or undefined after saying that it changed. */
function tokenOnLine(doc: vscode.TextDocument, line: number, token: string) {
  const hit = line < doc.lineCount ? authorizationTokens(doc.lineAt(line).text).find((h) => h.token === token) : undefined;
  if (!hit) void vscode.window.showWarningMessage(vscode.l10n.t('That line changed since the lens was drawn; nothing was replaced.'));
  return hit;
}

/** Offer the key sources after saying why no key of the user's can re-sign the token. */
async function offerKeySources(publicOnly: string | undefined): Promise<void> {
  const addFile = vscode.l10n.t('Add Key File…');
  const store = vscode.l10n.t('Store a Key…');
  const jwks = vscode.l10n.t('Add JWKS URL…');
  const why = publicOnly ? vscode.l10n.t('{0} verifies this token but is a public key: add its private key (a key file, or JWT_PRIVATE_KEY in .env) to re-sign it.', publicOnly) : vscode.l10n.t('No key of yours verifies this token, so it cannot be re-signed with the key that signed it. Add that key:');
  const pick = await vscode.window.showWarningMessage(why, addFile, store, ...(publicOnly ? [] : [jwks]));
  const command = pick === addFile ? CommandIds.addKeyFile : pick === store ? CommandIds.storeKey : pick === jwks ? CommandIds.addJwksUrl : undefined;
  if (command) await vscode.commands.executeCommand(command);
}

/** The first Re-sign in a file shows what will be signed, and with which key, and asks. */
async function agreed(uri: vscode.Uri, signer: Signer, header: unknown, claims: Record<string, unknown>): Promise<boolean> {
  if (agreedFiles.has(uri.toString())) return true;
  const resign = vscode.l10n.t('Re-sign');
  const shown = (v: unknown) => {
    const text = JSON.stringify(v, null, 2);
    return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  };
  const detail = vscode.l10n.t('{0} will sign this header and these claims, valid until {1}. Anyone holding the new token is trusted with them.\n\nHeader: {2}\n\nClaims: {3}', signer.label, new Date((claims.exp as number) * 1000).toLocaleString(), shown(header), shown(claims));
  if ((await askModal(vscode.l10n.t('Re-sign this token in {0}?', vscode.workspace.asRelativePath(uri)), detail, resign)) !== resign) return false;
  agreedFiles.add(uri.toString());
  return true;
}

/** The lens's command: re-sign the token on `line` (still `token`), or say why not and offer the key sources. */
export async function resignHttpTokenCommand(services: Services, uriText?: string, line?: number, token?: string): Promise<string | undefined> {
  if (typeof uriText !== 'string' || typeof line !== 'number' || typeof token !== 'string') return undefined;
  const uri = vscode.Uri.parse(uriText);
  const doc = await vscode.workspace.openTextDocument(uri);
  if (!tokenOnLine(doc, line, token)) return undefined;
  const { header } = decodeToken(token);
  const refusal = resignRefusal(header);
  if (refusal) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This token is not re-signed: {0}.', refusal));
    return undefined;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The workspace is not trusted, so no key of yours is used: nothing was re-signed.'));
    return undefined;
  }
  const found = await findSigner(services, uri, token);
  if (!found.signer) {
    await offerKeySources(found.publicOnly);
    return undefined;
  }
  let claims;
  try {
    claims = resignClaims(token, Math.floor(Date.now() / 1000), parseLifetime(getConfig(uri).lifetime));
  } catch (e) {
    void vscode.window.showWarningMessage((e as Error).message);
    return undefined;
  }
  if (!claims) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This token has no exp to renew.'));
    return undefined;
  }
  if (!(await agreed(uri, found.signer, header, claims))) return undefined;
  let fresh: string;
  try {
    fresh = await resignToken(token, found.signer.key, claims, services.keyCache);
  } catch (e) {
    void vscode.window.showWarningMessage((e as Error).message);
    return undefined;
  }
  // The modal took time: the line must still hold the token it was asked about.
  const hit = tokenOnLine(doc, line, token);
  if (!hit) return undefined;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(line, hit.start, line, hit.end), fresh);
  await vscode.workspace.applyEdit(edit);
  services.log.info(`Re-signed an expired ${String(header?.alg)} token in ${vscode.workspace.asRelativePath(uri)} with ${found.signer.label}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Re-signed with {0}: the same claims, valid until {1}. Undo restores the old token.', found.signer.label, new Date((claims.exp as number) * 1000).toLocaleString()));
  return fresh;
}
