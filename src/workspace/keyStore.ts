import type * as vscode from 'vscode';
import type { SecretEncoding } from '../core';

/**
 * Where the sources the user added are remembered, in the form VS Code keeps them (which must not change: a workspace
 * opened again reads what an older version stored). Key files, secret files and trust anchors are lists of URIs per
 * workspace; stored keys are names in the global state with their values in SecretStorage; the signing source and
 * the secret encodings are source ids (sourceIds.ts) per workspace.
 */
const FILES_STATE = 'jwtWorkbench.keyFiles';
/** Files the user added explicitly as HMAC secrets (their text is the secret, as PyJWT uses a str key). */
const SECRET_FILES_STATE = 'jwtWorkbench.secretFiles';
const ANCHORS_STATE = 'jwtWorkbench.trustAnchors';
const SECRETS_STATE = 'jwtWorkbench.storedKeyNames';
const SECRET_PREFIX = 'jwtWorkbench.key.';
const SIGNING_STATE = 'jwtWorkbench.signingKey';
/** How each secret source's text is read, by source id: absent means UTF-8 text, as PyJWT reads a str. */
const ENCODINGS_STATE = 'jwtWorkbench.secretEncodings';

/** The kinds of source that are a file the user chose. */
export type FileKind = 'file' | 'secretfile' | 'anchors';

const FILE_LISTS: Record<FileKind, string> = { file: FILES_STATE, secretfile: SECRET_FILES_STATE, anchors: ANCHORS_STATE };

export class KeyStore {
  constructor(private readonly context: vscode.ExtensionContext) {}

  /** The URIs of the files of one kind the user added to this workspace, oldest first. */
  files(kind: FileKind): string[] {
    return this.context.workspaceState.get<string[]>(FILE_LISTS[kind], []);
  }

  /** Add a file (moved to the end when it was there already). */
  async addFile(kind: FileKind, uri: string): Promise<void> {
    await this.context.workspaceState.update(FILE_LISTS[kind], [...this.files(kind).filter((u) => u !== uri), uri]);
  }

  async removeFile(kind: FileKind, uri: string): Promise<void> {
    await this.context.workspaceState.update(FILE_LISTS[kind], this.files(kind).filter((u) => u !== uri));
  }

  /** The names of the keys kept in SecretStorage (for every workspace). */
  storedNames(): string[] {
    return this.context.globalState.get<string[]>(SECRETS_STATE, []);
  }

  async storedKey(name: string): Promise<string | undefined> {
    return this.context.secrets.get(SECRET_PREFIX + name);
  }

  async storeKey(name: string, key: string): Promise<void> {
    await this.context.secrets.store(SECRET_PREFIX + name, key);
    await this.context.globalState.update(SECRETS_STATE, [...this.storedNames().filter((n) => n !== name), name]);
  }

  async deleteKey(name: string): Promise<void> {
    await this.context.secrets.delete(SECRET_PREFIX + name);
    await this.context.globalState.update(SECRETS_STATE, this.storedNames().filter((n) => n !== name));
  }

  /** The source id Sign Selection falls back to when the `.env` has no secret. */
  signingSource(): string | undefined {
    return this.context.workspaceState.get<string>(SIGNING_STATE);
  }

  async setSigningSource(id: string | undefined): Promise<void> {
    await this.context.workspaceState.update(SIGNING_STATE, id);
  }

  /** How a source's secret text is read: 'utf8' (text) unless the user chose otherwise. */
  encodingOf(id: string): SecretEncoding {
    return this.context.workspaceState.get<Record<string, SecretEncoding>>(ENCODINGS_STATE, {})[id] ?? 'utf8';
  }

  async setEncoding(id: string, encoding: SecretEncoding): Promise<void> {
    const all = { ...this.context.workspaceState.get<Record<string, SecretEncoding>>(ENCODINGS_STATE, {}) };
    if (encoding === 'utf8') delete all[id];
    else all[id] = encoding;
    await this.context.workspaceState.update(ENCODINGS_STATE, all);
  }
}
