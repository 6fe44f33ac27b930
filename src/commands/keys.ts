import * as vscode from 'vscode';
import { isCoreError } from '../core';
import type { Services } from '../services';

/** JWT: Add Key File… — choose a PEM, JWK or JWKS file; it is remembered for this workspace. Returns the source id. */
export async function addKeyFileCommand(services: Services): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Trust this workspace to let JWT Workbench read key files.'));
    return undefined;
  }
  const [uri] =
    (await vscode.window.showOpenDialog({
      canSelectMany: false,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      openLabel: vscode.l10n.t('Use as key'),
      filters: { [vscode.l10n.t('Keys')]: ['pem', 'key', 'crt', 'cer', 'pub', 'json', 'jwk', 'jwks'], [vscode.l10n.t('All files')]: ['*'] },
    })) ?? [];
  if (!uri) return undefined;
  try {
    const id = await services.keys.addKeyFile(uri);
    services.log.info(`Key file added: ${uri.toString(true)}`);
    return id;
  } catch (e) {
    void vscode.window.showErrorMessage(isCoreError(e) ? vscode.l10n.t('{0} is not a key: {1}', vscode.workspace.asRelativePath(uri), e.message) : String(e));
    return undefined;
  }
}

/** JWT: Store a Key in SecretStorage… — a secret, PEM or JWK kept by VS Code, never in settings. Returns the source id. */
export async function storeKeyCommand(services: Services): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Store a key (1/2)'),
    prompt: vscode.l10n.t('A name for the key, e.g. "staging"'),
    validateInput: (v) => (/^[\w .-]{1,64}$/.test(v) ? undefined : vscode.l10n.t('Letters, digits, space, dot, dash and underscore; at most 64.')),
  });
  if (!name) return undefined;
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('Store a key (2/2)'),
    prompt: vscode.l10n.t('The secret, or a PEM / JWK on one line. It is kept in VS Code\'s SecretStorage.'),
    password: true,
    ignoreFocusOut: true,
  });
  if (!key) return undefined;
  try {
    // A PEM pasted on one line keeps its line breaks as \n; nothing else is rewritten.
    const id = await services.keys.storeKey(name, key.includes('-----BEGIN ') ? key.replace(/\\n/g, '\n') : key);
    services.log.info(`Stored a key named "${name}" in SecretStorage.`);
    return id;
  } catch (e) {
    void vscode.window.showErrorMessage(isCoreError(e) ? vscode.l10n.t('Not stored: {0}', e.message) : String(e));
    return undefined;
  }
}
