import * as vscode from 'vscode';
import type { KeyInput } from '../core';
import type { KeySourceOption } from '../protocol';
import { getConfig } from './config';
import { readEnvVariable } from './envFile';

/** A key found in the workspace. `key` stays in the extension host; only `label` is ever shown or posted. */
export interface LoadedKey {
  key?: KeyInput;
  label: string;
  /** Why no key, for the banner / message. */
  missing?: string;
}

export const NO_KEY = 'none';

/** The key sources the inspector offers: the secret variable of each folder's `.env`, and none. */
export function listKeySources(): KeySourceOption[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const options = folders.map((f, i) => {
    const cfg = getConfig(f.uri);
    const where = folders.length > 1 ? `${f.name}/${cfg.envFile}` : cfg.envFile;
    return { id: `env:${i}`, label: `${where} ${cfg.secretVariable}` };
  });
  return [...options, { id: NO_KEY, label: vscode.l10n.t('No key (decode only)') }];
}

/** The default key source for a document: its folder's `.env` variable. */
export function defaultKeySource(uri?: vscode.Uri): string {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : folders[0];
  return folder ? `env:${folder.index}` : NO_KEY;
}

/** Load the key of a source id. Reading `.env` waits for workspace trust. */
export async function loadKey(id: string): Promise<LoadedKey> {
  const m = /^env:(\d+)$/.exec(id);
  if (!m) return { label: vscode.l10n.t('no key'), missing: vscode.l10n.t('No key source is chosen.') };
  const folder = vscode.workspace.workspaceFolders?.[Number(m[1])];
  if (!folder) return { label: vscode.l10n.t('no key'), missing: vscode.l10n.t('That workspace folder is gone.') };
  const cfg = getConfig(folder.uri);
  const label = `${cfg.envFile} ${cfg.secretVariable}`;
  if (!vscode.workspace.isTrusted) return { label, missing: vscode.l10n.t('The workspace is not trusted, so {0} was not read.', cfg.envFile) };
  const { env, value } = await readEnvVariable(folder, cfg.secretVariable);
  if (!env.exists) return { label, missing: vscode.l10n.t('There is no {0} in {1}.', cfg.envFile, folder.name) };
  if (value === undefined || value === '') return { label, missing: vscode.l10n.t('{0} has no {1}.', cfg.envFile, cfg.secretVariable) };
  return { key: value, label };
}
