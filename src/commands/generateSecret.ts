import * as vscode from 'vscode';
import { generateSecret, parseEnv } from '../core';
import { getConfig } from '../workspace/config';
import { confirmReplace, detectEnvDialect, envUriFor, folderToWrite, readEnv, writeEnvVariable, writeTarget } from '../workspace/envFile';
import type { Services } from '../services';
import { offerToIgnore } from '../workspace/gitignore';
import { isWorkspaceError } from '../workspace/errors';
import { showError } from '../workspace/notify';

export interface GenerateSecretArgs {
  /** Replace an existing secret without asking (for scripted use and tests). */
  replace?: boolean;
  /** The file (or .env) whose nearest .env to write, instead of the active editor's. */
  for?: vscode.Uri;
}

export interface GenerateSecretResult {
  uri: string;
  variable: string;
  replaced: boolean;
  /** The variable's line was rewritten as NAME=value, the form python-dotenv reads. */
  rewritten: boolean;
}

/**
 * JWT: Generate Secret into .env — 32 CSPRNG bytes as 64 hex characters (Python's `secrets.token_hex(32)`), written
 * as `JWT_SECRET=…` into the folder's `.env`. The secret is never shown or logged.
 */
export async function generateSecretCommand(services: Services, args: GenerateSecretArgs = {}): Promise<GenerateSecretResult | undefined> {
  const hint = args.for ?? vscode.window.activeTextEditor?.document.uri;
  const folder = await folderToWrite(
    vscode.l10n.t('Open a folder first: the secret goes into the .env file at its root.'),
    vscode.l10n.t('Trust this workspace to let JWT Workbench write its .env file.'),
    hint,
  );
  if (!folder) return undefined;
  const cfg = getConfig(folder.uri);
  try {
    // The .env that belongs to the active file (the nearest one up to the folder root), else the folder's.
    // A .env named explicitly is that file; otherwise the one that belongs to the file (the nearest, up to the root).
    const named = args.for && /(^|\/)\.env$/.test(args.for.path) ? args.for : undefined;
    const target = await writeTarget(folder, named ?? (await envUriFor(folder, hint)));
    const env = await readEnv(folder, target.uri);
    const vars = parseEnv(env.text);
    // `JWT_SECRET=` with no value holds no secret: it is filled in place, without the replace warning.
    const exists = Object.prototype.hasOwnProperty.call(vars, cfg.secretVariable) && vars[cfg.secretVariable] !== '';
    if (
      exists &&
      !args.replace &&
      !(await confirmReplace(
        vscode.l10n.t('Replace {0} in {1}?', cfg.secretVariable, vscode.workspace.asRelativePath(env.uri)),
        vscode.l10n.t('Tokens signed with the current secret will stop verifying. This cannot be undone unless the file is open in an editor.'),
      ))
    )
      return undefined;
    const { rewritten } = await writeEnvVariable(env, cfg.secretVariable, generateSecret(), await detectEnvDialect(folder, env.uri));
    services.log.info(`Wrote a new ${cfg.secretVariable} (64 hex characters) to ${env.uri.toString()}${exists ? ', replacing the old one' : ''}.`);
    const open = vscode.l10n.t('Open {0}', cfg.envFile);
    const where = target.via ? vscode.l10n.t('{0} (through the link {1})', vscode.workspace.asRelativePath(env.uri), vscode.workspace.asRelativePath(target.via)) : vscode.workspace.asRelativePath(env.uri);
    const written = `${vscode.l10n.t('{0} written to {1} (32 random bytes as hex).', cfg.secretVariable, where)} ${vscode.l10n.t('The 64 hex characters themselves are the key, as PyJWT uses them, so the inspector calls it an HMAC secret of 64 bytes.')}`;
    const why = vscode.l10n.t('Its line was rewritten as {0}=… because python-dotenv, which this project loads .env with, would not have read it as it was (a “{0}: value” line, backticks or a byte-order mark).', cfg.secretVariable);
    void vscode.window
      .showInformationMessage(rewritten ? `${written} ${why}` : written, open)
      .then((a) => (a === open ? vscode.window.showTextDocument(env.uri) : undefined));
    void offerToIgnore(services.context, folder, env.uri);
    return { uri: env.uri.toString(), variable: cfg.secretVariable, replaced: exists, rewritten };
  } catch (e) {
    const message = isWorkspaceError(e) ? e.message : vscode.l10n.t('Could not write the secret: {0}', (e as Error).message);
    services.log.error(message);
    void showError(message, e);
    return undefined;
  }
}
