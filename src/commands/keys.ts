import * as vscode from 'vscode';
import { checkJwksUrl, isCoreError } from '../core';
import type { Services } from '../services';
import { showError } from '../workspace/notify';
import { formatSourceId, parseSourceId } from '../workspace/sourceIds';
import { askError, askOpenFile } from '../workspace/modal';

export interface AddKeyFileArgs {
  /** The file, instead of asking with the open dialog (scripted use, tests). */
  uri?: vscode.Uri | string;
  /** Also make it the key Sign Selection uses in this workspace when the `.env` has no secret. */
  forSigning?: boolean;
  /** Use the file's text as an HMAC secret (the user's explicit choice; a key file is never read as one otherwise). */
  asSecret?: boolean;
}

/**
 * The file a key command acts on: the one given (scripted use, tests), else the one chosen in the open dialog. Key
 * files are read only in a trusted workspace: otherwise it says so and returns undefined.
 */
export async function chooseKeyFile(given: vscode.Uri | string | undefined, dialog: { title?: string; openLabel: string; filters: Record<string, string[]> }): Promise<vscode.Uri | undefined> {
  if (!vscode.workspace.isTrusted) {
    void showError(vscode.l10n.t('Trust this workspace to let JWT Workbench read key files.'));
    return undefined;
  }
  if (given) return typeof given === 'string' ? vscode.Uri.parse(given) : given;
  return askOpenFile({ defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri, ...dialog });
}

/** JWT: Add Key File… — choose a PEM, JWK or JWKS file; it is remembered for this workspace. Returns the source id. */
export async function addKeyFileCommand(services: Services, args?: AddKeyFileArgs): Promise<string | undefined> {
  const uri = await chooseKeyFile(args?.uri, {
    title: args?.forSigning ? vscode.l10n.t('Choose the key to sign with') : undefined,
    openLabel: vscode.l10n.t('Use as key'),
    filters: { [vscode.l10n.t('Keys')]: ['pem', 'key', 'crt', 'cer', 'pub', 'json', 'jwk', 'jwks'], [vscode.l10n.t('All files')]: ['*'] },
  });
  if (!uri) return undefined;
  const rel = vscode.workspace.asRelativePath(uri);
  try {
    const id = await services.keys.addKeyFile(uri, args?.forSigning, args?.asSecret);
    services.log.info(`${args?.asSecret ? 'Secret file' : 'Key file'} added${args?.forSigning ? ' (for signing)' : ''}: ${rel}`);
    if (args?.forSigning) await services.keys.setSigningSource(id);
    void vscode.window.showInformationMessage(args?.asSecret ? vscode.l10n.t('{0} added as an HMAC secret.', rel) : vscode.l10n.t('{0} added as a key source.', rel));
    return id;
  } catch (e) {
    if (!isCoreError(e, 'ERR_KEY_FORMAT') || args?.asSecret || args?.uri) {
      void showError(isCoreError(e) ? vscode.l10n.t('{0} is not a key: {1}', rel, e.message) : (e as Error).message, e);
      return undefined;
    }
    // Never silently: a file that holds no key becomes a secret only when the user says so, here — and never as the
    // first (primary) button: choosing another file is.
    const another = vscode.l10n.t('Choose Another File…');
    const asSecret = vscode.l10n.t('Use Its Text as an HMAC Secret');
    const choice = await askError(vscode.l10n.t('{0} is not a key: {1}', rel, e.message), another, asSecret);
    if (choice === another) return addKeyFileCommand(services, { ...args, uri: undefined });
    return choice === asSecret ? addKeyFileCommand(services, { ...args, uri, asSecret: true }) : undefined;
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
    void vscode.window.showInformationMessage(vscode.l10n.t('Stored the key “{0}” in VS Code’s SecretStorage. The inspector lists it as a key source; JWT: Forget a Key Source… deletes it.', name));
    return id;
  } catch (e) {
    void showError(isCoreError(e) ? vscode.l10n.t('Not stored: {0}', e.message) : String(e), e);
    return undefined;
  }
}

/**
 * JWT: Add JWKS URL… — the only way anything is ever fetched: the user types the URL of an issuer's JSON Web Key
 * Set; it is fetched now (and again when a token names a key id it lacks), never from a token's `jku`/`x5u`.
 * Returns the source id. `args.url` skips the input box (scripted use, tests).
 */
export async function addJwksUrlCommand(services: Services, args?: { url?: string }): Promise<string | undefined> {
  const url =
    args?.url ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Add a JWKS URL'),
      prompt: vscode.l10n.t('The issuer’s JSON Web Key Set, fetched now and when a token names a key it lacks. Nothing else is ever fetched.'),
      placeHolder: 'https://issuer.example/.well-known/jwks.json',
      ignoreFocusOut: true,
      validateInput: (v) => {
        try {
          checkJwksUrl(v);
          return undefined;
        } catch (e) {
          return (e as Error).message;
        }
      },
    }));
  if (!url) return undefined;
  try {
    const kept = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Fetching {0}…', url) }, () => services.keys.fetchJwks(url));
    services.log.info(`JWKS added: ${kept.url} (${kept.kids.length} key ids: ${kept.kids.join(', ')}).`);
    return formatSourceId({ kind: 'jwks', url: kept.url });
  } catch (e) {
    services.log.warn(`JWKS not added: ${url}: ${(e as Error).message}`);
    void showError(vscode.l10n.t('Cannot use {0}: {1}', url, (e as Error).message), e);
    return undefined;
  }
}

/** JWT: Forget a Key Source… — remove a key file, JWKS URL or stored key from the lists (files are left alone). */
export async function forgetKeySourceCommand(services: Services, args?: { id?: string }): Promise<string | undefined> {
  const added = services.keys.added();
  const id =
    args?.id ??
    (
      await vscode.window.showQuickPick(
        added.map((o) => ({ label: o.label, id: o.id })),
        { title: vscode.l10n.t('Forget a key source'), placeHolder: added.length ? vscode.l10n.t('Key files and JWKS URLs are only forgotten; stored keys are deleted from SecretStorage.') : vscode.l10n.t('No key files, JWKS URLs or stored keys were added.') },
      )
    )?.id;
  if (!id) return undefined;
  const label = added.find((o) => o.id === id)?.label ?? id;
  const source = parseSourceId(id);
  const stored = source?.kind === 'secret' ? source.name : undefined;
  if (stored !== undefined) {
    // Deleting from SecretStorage cannot be undone: ask first, naming the key.
    const del = vscode.l10n.t('Delete');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete the stored key “{0}” from SecretStorage?', stored),
      { modal: true, detail: vscode.l10n.t('It cannot be restored: tokens signed with it will no longer verify here unless you store it again.') },
      del,
    );
    if (answer !== del) return undefined;
  }
  await services.keys.forget(id);
  services.log.info(`Forgot the key source ${label}.`);
  void vscode.window.showInformationMessage(
    stored !== undefined ? vscode.l10n.t('Deleted the stored key “{0}” from SecretStorage.', stored) : vscode.l10n.t('Forgot {0}: it is no longer a key source here (the file or URL itself is left as it is).', label),
  );
  return id;
}
