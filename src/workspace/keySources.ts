import * as vscode from 'vscode';
import { describeKey, parseEnv, type KeyInput } from '../core';
import type { KeySourceOption } from '../protocol';
import { getConfig } from './config';
import { envUriFor, readEnv, readEnvVariable } from './envFile';

/** A key found in the workspace. `key` stays in the extension host; only `label` is ever shown or posted. */
export interface LoadedKey {
  key?: KeyInput;
  label: string;
  /** Why there is no key, for the banner or a message. */
  missing?: string;
}

export const NO_KEY = 'none';
/** PEM keys kept in .env next to the secret (multi-line, quoted). */
const ENV_KEY_VARIABLES = ['JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEY'];
const FILES_STATE = 'jwtWorkbench.keyFiles';
const SECRETS_STATE = 'jwtWorkbench.storedKeyNames';
const SECRET_PREFIX = 'jwtWorkbench.key.';

/**
 * Where keys live: the `.env` secret variable and PEM variables of each folder, key files the user chose (remembered
 * per workspace), and keys kept in VS Code's SecretStorage (only their names are stored elsewhere). Reading `.env`
 * and key files waits for workspace trust.
 */
export class KeySources {
  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Every source there is now, for the inspector's pickers. Never reads a key's value into the list. */
  async list(): Promise<KeySourceOption[]> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const options: KeySourceOption[] = [];
    for (const [i, f] of folders.entries()) {
      const cfg = getConfig(f.uri);
      const where = folders.length > 1 ? `${f.name}/${cfg.envFile}` : cfg.envFile;
      options.push({ id: `env:${i}:${cfg.secretVariable}`, label: `${where} ${cfg.secretVariable}` });
      if (!vscode.workspace.isTrusted) continue;
      try {
        const vars = parseEnv((await readEnv(f)).text);
        for (const name of ENV_KEY_VARIABLES) if (vars[name]) options.push({ id: `env:${i}:${name}`, label: `${where} ${name}` });
      } catch {
        // an unreadable .env shows up as a missing key when chosen
      }
    }
    for (const uri of this.keyFiles()) options.push({ id: `file:${uri}`, label: `key file ${vscode.workspace.asRelativePath(vscode.Uri.parse(uri))}` });
    for (const name of this.storedNames()) options.push({ id: `secret:${name}`, label: `SecretStorage: ${name}` });
    options.push({ id: NO_KEY, label: vscode.l10n.t('No key (decode only)') });
    return options;
  }

  /** The default source before any file is involved: the first folder's root `.env` secret variable. */
  rootDefault(): string {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? `env:${folder.index}:${getConfig(folder.uri).secretVariable}` : NO_KEY;
  }

  /** The default source for a document: the secret variable of the `.env` that belongs to it (the nearest one). */
  async defaultFor(uri?: vscode.Uri): Promise<string> {
    const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return this.rootDefault();
    const env = await envUriFor(folder, uri);
    const rel = env.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
    const variable = getConfig(uri).secretVariable;
    return rel === getConfig(folder.uri).envFile ? `env:${folder.index}:${variable}` : `env:${folder.index}:${variable}@${rel}`;
  }

  /** Load the key of a source. */
  async load(id: string): Promise<LoadedKey> {
    const env = /^env:(\d+):([\w.-]+)(?:@(.+))?$/.exec(id);
    if (env) return this.loadEnv(Number(env[1]), env[2], env[3]);
    if (id.startsWith('file:')) return this.loadFile(id.slice(5));
    if (id.startsWith('secret:')) {
      const name = id.slice(7);
      const value = await this.context.secrets.get(SECRET_PREFIX + name);
      return value ? { key: value, label: `SecretStorage: ${name}` } : { label: `SecretStorage: ${name}`, missing: vscode.l10n.t('No key named {0} is stored.', name) };
    }
    return { label: vscode.l10n.t('no key'), missing: vscode.l10n.t('No key source is chosen.') };
  }

  private async loadEnv(index: number, variable: string, relativeEnv?: string): Promise<LoadedKey> {
    const folder = vscode.workspace.workspaceFolders?.[index];
    if (!folder) return { label: vscode.l10n.t('no key'), missing: vscode.l10n.t('That workspace folder is gone.') };
    const cfg = getConfig(folder.uri);
    const envPath = relativeEnv && !relativeEnv.split('/').includes('..') ? relativeEnv : cfg.envFile;
    const label = `${envPath} ${variable}`;
    if (!vscode.workspace.isTrusted) return { label, missing: vscode.l10n.t('The workspace is not trusted, so {0} was not read.', cfg.envFile) };
    let found;
    try {
      found = await readEnvVariable(folder, variable, vscode.Uri.joinPath(folder.uri, envPath));
    } catch (e) {
      return { label, missing: (e as Error).message };
    }
    const { env, value } = found;
    if (!env.exists) return { label, missing: vscode.l10n.t('There is no {0} in {1} (looked at {2}).', envPath, folder.name, env.uri.toString(true)) };
    if (!value) return { label, missing: vscode.l10n.t('{0} has no {1}.', vscode.workspace.asRelativePath(env.uri), variable) };
    return { key: value, label };
  }

  private async loadFile(uri: string): Promise<LoadedKey> {
    const parsed = vscode.Uri.parse(uri);
    const label = `key file ${vscode.workspace.asRelativePath(parsed)}`;
    if (!vscode.workspace.isTrusted) return { label, missing: vscode.l10n.t('The workspace is not trusted, so key files are not read.') };
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(parsed));
      return { key: text, label };
    } catch (e) {
      return { label, missing: vscode.l10n.t('Cannot read {0}: {1}', vscode.workspace.asRelativePath(parsed), (e as Error).message) };
    }
  }

  private keyFiles(): string[] {
    return this.context.workspaceState.get<string[]>(FILES_STATE, []);
  }

  private storedNames(): string[] {
    return this.context.globalState.get<string[]>(SECRETS_STATE, []);
  }

  /** Remember a key file (PEM, JWK or JWKS) for this workspace after checking that it holds a key. Returns its source id. */
  async addKeyFile(uri: vscode.Uri): Promise<string> {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    describeKey(text); // throws ERR_KEY_FORMAT with the reason when the file is not a key
    const id = uri.toString();
    await this.context.workspaceState.update(FILES_STATE, [...this.keyFiles().filter((u) => u !== id), id]);
    return `file:${id}`;
  }

  /** Keep a key in SecretStorage under a name. Returns its source id. */
  async storeKey(name: string, key: string): Promise<string> {
    describeKey(key);
    await this.context.secrets.store(SECRET_PREFIX + name, key);
    await this.context.globalState.update(SECRETS_STATE, [...this.storedNames().filter((n) => n !== name), name]);
    return `secret:${name}`;
  }

  async forgetKey(name: string): Promise<void> {
    await this.context.secrets.delete(SECRET_PREFIX + name);
    await this.context.globalState.update(SECRETS_STATE, this.storedNames().filter((n) => n !== name));
  }
}
