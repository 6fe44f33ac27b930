import * as vscode from 'vscode';
import { readKeyFile, secretText, type KeyInput, type SecretEncoding } from '../core';
import { getConfig } from './config';
import { describeDisagreement, detectEnvDialect, readEnvOnce, readEnvVariable, type EnvDialect, type EnvReads } from './envFile';
import { readWorkspaceFile } from './files';
import type { KeyStore } from './keyStore';

/** A key found in the workspace. `key` stays in the extension host; only `label` is ever shown or posted. */
export interface LoadedKey {
  key?: KeyInput;
  label: string;
  /** Why there is no key, for the banner or a message. */
  missing?: string;
  /** Something to know about the key, shown beside it (never its value): e.g. the other .env reader reads it differently. */
  note?: string;
  /** The .env file itself is missing: Generate Secret is the fix. */
  noEnv?: boolean;
  /** The issuer these keys belong to (a JWKS added through its discovery document): they verify its tokens only. */
  issuer?: string;
}

const DIALECT_TTL_MS = 5_000;

/** No key, and why. */
export function noKey(missing: string): LoadedKey {
  return { label: vscode.l10n.t('no key'), missing };
}

/** "web/.env JWT_SECRET" in a multi-root workspace, ".env JWT_SECRET" in a single folder. */
export function envLabel(folder: vscode.WorkspaceFolder, envPath: string, variable: string): string {
  return `${vscode.workspace.asRelativePath(vscode.Uri.joinPath(folder.uri, envPath))} ${variable}`;
}

export function fileLabel(uri: string, asSecret: boolean): string {
  const rel = vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
  return asSecret ? `secret file ${rel}` : `key file ${rel}`;
}

export function anchorsLabel(uri: string): string {
  return vscode.l10n.t('trust anchors {0}', vscode.workspace.asRelativePath(vscode.Uri.parse(uri)));
}

export function storedLabel(name: string): string {
  return `SecretStorage: ${name}`;
}

/** Which reader loads each .env (by URI), decided at most every few seconds: the inspector renders per keystroke. */
export class EnvDialects {
  private readonly known = new Map<string, { at: number; dialect: Promise<EnvDialect> }>();

  /** The reader that loads this .env (setting, or detected from the project), remembered for a few seconds. */
  of(folder: vscode.WorkspaceFolder, envUri: vscode.Uri): Promise<EnvDialect> {
    const key = envUri.toString();
    const hit = this.known.get(key);
    if (hit && Date.now() - hit.at < DIALECT_TTL_MS) return hit.dialect;
    const dialect = detectEnvDialect(folder, envUri);
    this.known.set(key, { at: Date.now(), dialect });
    return dialect;
  }
}

/**
 * A variable of a folder's `.env` (`envPath` relative to the folder, else the setting's), read as the project's
 * reader reads it, with a note when the other reader reads it differently. Only in a trusted workspace.
 */
export async function loadEnv(index: number, variable: string, envPath: string | undefined, dialects: EnvDialects, reads?: EnvReads): Promise<LoadedKey> {
  const folder = vscode.workspace.workspaceFolders?.[index];
  if (!folder) return noKey(vscode.l10n.t('That workspace folder is gone.'));
  const cfg = getConfig(folder.uri);
  const path = envPath ?? cfg.envFile;
  const label = envLabel(folder, path, variable);
  if (!vscode.workspace.isTrusted) return { label, missing: vscode.l10n.t('The workspace is not trusted, so {0} was not read.', cfg.envFile) };
  let found;
  const envUri = vscode.Uri.joinPath(folder.uri, path);
  try {
    // The file and the project's reader at once: each is a round trip to the workbench.
    const shared: EnvReads = reads ?? new Map();
    const [dialect] = await Promise.all([dialects.of(folder, envUri), readEnvOnce(folder, envUri, shared)]);
    found = await readEnvVariable(folder, variable, envUri, shared, dialect);
  } catch (e) {
    return { label, missing: (e as Error).message };
  }
  const { env, value } = found;
  const note = found.other && env.exists ? describeDisagreement(variable, found.dialect, value, found.other) : undefined;
  const where = vscode.workspace.asRelativePath(env.uri);
  if (!env.exists) return { label, missing: vscode.l10n.t('There is no {0} in {1}.', where, folder.name), noEnv: true };
  if (value === '') return { label, missing: vscode.l10n.t('{0} in {1} is empty.', variable, where), note, noEnv: true };
  if (!value) return { label, missing: vscode.l10n.t('{0} has no {1}.', where, variable), note, noEnv: true };
  return { key: value, label, note };
}

/** A key file (PEM, JWK, JWKS), or with `asSecret` a file whose text is an HMAC secret. Only in a trusted workspace. */
export async function loadFile(uri: string, asSecret: boolean): Promise<LoadedKey> {
  const parsed = vscode.Uri.parse(uri);
  const label = fileLabel(uri, asSecret);
  const text = await readText(parsed, label);
  if (typeof text !== 'string') return text;
  if (asSecret) return { key: { secret: text.replace(/\r?\n$/, ''), encoding: 'utf8' }, label };
  try {
    return { key: await readKeyFile(text), label };
  } catch (e) {
    return { label, missing: vscode.l10n.t('{0} is not a key: {1}', vscode.workspace.asRelativePath(parsed), (e as Error).message) };
  }
}

/** A trust anchor file (CA certificates, PEM). Only in a trusted workspace. */
export async function loadAnchors(uri: string): Promise<LoadedKey> {
  const label = anchorsLabel(uri);
  const text = await readText(vscode.Uri.parse(uri), label);
  return typeof text === 'string' ? { key: { anchors: text }, label } : text;
}

/** A file's text, or the LoadedKey that says why there is none. */
async function readText(uri: vscode.Uri, label: string): Promise<string | LoadedKey> {
  if (!vscode.workspace.isTrusted) return { label, missing: vscode.l10n.t('The workspace is not trusted, so key files are not read.') };
  try {
    return new TextDecoder().decode(await readWorkspaceFile(uri));
  } catch (e) {
    return { label, missing: vscode.l10n.t('Cannot read {0}: {1}', vscode.workspace.asRelativePath(uri), (e as Error).message) };
  }
}

/** A key kept in SecretStorage under `name`. */
export async function loadStored(store: KeyStore, name: string): Promise<LoadedKey> {
  const value = await store.storedKey(name);
  const label = storedLabel(name);
  return value ? { key: value, label } : { label, missing: vscode.l10n.t('No key named {0} is stored.', name) };
}

/** A secret source the user said is encoded: its text is read that way, and the label says so. */
export function readAs(loaded: LoadedKey, encoding: SecretEncoding): LoadedKey {
  if (encoding === 'utf8' || !loaded.key) return loaded;
  // Only secret text is read another way (core's secretText): a PEM or a JWK is never re-read.
  const text = secretText(loaded.key)?.text;
  if (text === undefined) return loaded;
  return { ...loaded, key: { secret: text, encoding }, label: vscode.l10n.t('{0}, read as {1}', loaded.label, encoding) };
}
