import * as vscode from 'vscode';
import { decodeToken, describeKey, JwtWorkbenchError, parseEnv, readKeyFile, secretText, type KeyCandidate, type KeyInput, type SecretEncoding } from '../core';
import { forToken, JwksStore, jwksLabel, type KeptJwks } from './jwksStore';
import type { KeySourceOption } from '../protocol';
import { getConfig } from './config';
import { readWorkspaceFile } from './files';
import { describeDisagreement, detectEnvDialect, envUriFor, readEnvOnce, readEnvVariable, type EnvDialect, type EnvReads } from './envFile';

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

export const NO_KEY = 'none';
/** PEM keys kept in .env next to the secret (multi-line, quoted). */
const ENV_KEY_VARIABLES = ['JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEY'];
const FILES_STATE = 'jwtWorkbench.keyFiles';
/** Files the user added explicitly as HMAC secrets (their text is the secret, as PyJWT uses a str key). */
const SECRET_FILES_STATE = 'jwtWorkbench.secretFiles';
const SECRETS_STATE = 'jwtWorkbench.storedKeyNames';
const SECRET_PREFIX = 'jwtWorkbench.key.';
const SIGNING_STATE = 'jwtWorkbench.signingKey';
const ANCHORS_STATE = 'jwtWorkbench.trustAnchors';
/** How each secret source's text is read (issue 13.3), by source id: absent means UTF-8 text, as PyJWT reads a str. */
const ENCODINGS_STATE = 'jwtWorkbench.secretEncodings';
/** .env files at a folder's root that "which key" also reads: .env, .env.local, .env.staging, .env.production, … */
const ENV_FILES = /^\.env(?:\.[\w.-]+)?$/;
/** Variables of those files that may hold a key: JWT_SECRET, SECRET_KEY (Django's), JWT_PUBLIC_KEY, API_KEY_STAGING, … */
const KEY_VARIABLE = /SECRET|KEY/i;
const DIALECT_TTL_MS = 5_000;

/**
 * Where keys live: the `.env` secret variable and PEM variables of each folder, key files the user chose (remembered
 * per workspace), and keys kept in VS Code's SecretStorage (only their names are stored elsewhere). Reading `.env`
 * and key files waits for workspace trust.
 */
export class KeySources implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a source is added or forgotten: open pickers and the inspector update at once. */
  readonly onDidChange = this.changed.event;

  /**
   * The `.env` source ids this extension has handed out (pickers, defaults for a document). The webview and the
   * restored panel state may only name one of these, or a source in the stored lists — never a variable, file or
   * stored key of their own choosing.
   */
  private readonly issuedEnvIds = new Set<string>();
  /** `.env` variables the user chose from "which key"'s answer: listed in the pickers for the rest of the session. */
  private readonly found = new Set<string>();
  /** Which reader loads each .env (by URI), decided at most every few seconds: the inspector renders per keystroke. */
  private readonly dialects = new Map<string, { at: number; dialect: Promise<EnvDialect> }>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    /** Fetches a URL the user added; nothing else is ever fetched. Injected so the web build uses the browser's. */
    fetchUrl: typeof fetch = (...a) => fetch(...a),
  ) {
    this.jwks = new JwksStore(context, fetchUrl, () => this.changed.fire());
  }

  /** The JWKS URLs added (by URL or through an issuer): fetched, kept, refreshed. */
  readonly jwks: JwksStore;

  /** Fetch a JWKS URL the user gave and keep it (see {@link JwksStore.fetch}). */
  fetchJwks(url: string): Promise<KeptJwks> {
    return this.jwks.fetch(url);
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** Every source there is now, for the inspector's pickers. Never reads a key's value into the list. */
  async list(reads?: EnvReads): Promise<KeySourceOption[]> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const options: KeySourceOption[] = [];
    for (const [i, f] of folders.entries()) {
      const cfg = getConfig(f.uri);
      options.push({ id: this.issue(`env:${i}:${cfg.secretVariable}`), label: envLabel(f, cfg.envFile, cfg.secretVariable) });
      if (!vscode.workspace.isTrusted) continue;
      try {
        const vars = parseEnv((await readEnvOnce(f, undefined, reads)).text);
        for (const name of ENV_KEY_VARIABLES) if (vars[name]) options.push({ id: this.issue(`env:${i}:${name}`), label: envLabel(f, cfg.envFile, name) });
      } catch {
        // an unreadable .env shows up as a missing key when chosen
      }
    }
    for (const id of this.found) {
      const m = /^env:(\d+):([\w.-]+)(?:@(.+))?$/.exec(id)!;
      const f = folders[Number(m[1])];
      if (f && !options.some((o) => o.id === id)) options.push({ id, label: envLabel(f, m[3] ?? getConfig(f.uri).envFile, m[2]) });
    }
    options.push(...this.added(), { id: NO_KEY, label: vscode.l10n.t('No key (decode only)') });
    return options;
  }

  /** The default source before any file is involved: the first folder's root `.env` secret variable. */
  rootDefault(): string {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? this.issue(`env:${folder.index}:${getConfig(folder.uri).secretVariable}`) : NO_KEY;
  }

  private issue(id: string): string {
    this.issuedEnvIds.add(id);
    return id;
  }

  /**
   * Whether `id` names a source this extension listed: a `.env` id it handed out, or a key file, secret file, stored
   * key or JWKS URL in the stored lists (looked up there, never parsed as a path). Everything from the webview, the
   * restored panel state and internal commands goes through this.
   */
  isListed(id: string): boolean {
    if (id === NO_KEY) return true;
    if (id.startsWith('env:')) return this.issuedEnvIds.has(id) && Number(id.split(':')[1]) < (vscode.workspace.workspaceFolders?.length ?? 0);
    if (id.startsWith('file:')) return this.keyFiles().includes(id.slice(5));
    if (id.startsWith('secretfile:')) return this.secretFiles().includes(id.slice(11));
    if (id.startsWith('secret:')) return this.storedNames().includes(id.slice(7));
    if (id.startsWith('jwks:')) return this.jwks.all().some((j) => j.url === id.slice(5));
    if (id.startsWith('anchors:')) return this.anchorFiles().includes(id.slice(8));
    return false;
  }

  /** The default source for a document: the secret variable of the `.env` that belongs to it (the nearest one). */
  async defaultFor(uri?: vscode.Uri): Promise<string> {
    const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return this.rootDefault();
    const env = await envUriFor(folder, uri);
    const rel = env.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
    const variable = getConfig(uri).secretVariable;
    return this.issue(rel === getConfig(folder.uri).envFile ? `env:${folder.index}:${variable}` : `env:${folder.index}:${variable}@${rel}`);
  }

  /**
   * The key source for a token from a document: one whose key fits the token's `alg` (and has its `kid`, when it
   * names one), the `.env` of the document's folder first — an ES256 token is not judged with the HMAC secret when a
   * fitting public key is at hand. `why` says why another source than the document's default was chosen.
   */
  async chooseFor(uri: vscode.Uri | undefined, token: string): Promise<{ id: string; why?: string }> {
    const base = await this.defaultFor(uri);
    const header = decodeToken(token.trim().replace(/^bearer\s+/i, '')).header;
    const alg = header?.alg;
    if (typeof alg !== 'string' || /^HS/.test(alg) || alg.toLowerCase() === 'none') return { id: base };
    const kid = typeof header?.kid === 'string' ? header.kid : undefined;
    const folderIndex = (uri && vscode.workspace.getWorkspaceFolder(uri)?.index) ?? 0;
    const options = (await this.list()).filter((o) => o.id !== NO_KEY);
    // A certificate chain is only ever checked against the trust anchors the user added: never trusted by itself.
    const anchors = header?.x5c !== undefined ? options.find((o) => o.id.startsWith('anchors:')) : undefined;
    if (anchors) return { id: anchors.id, why: vscode.l10n.t('{0}: the token carries an x5c certificate chain', anchors.label) };
    // The document's own folder first, then the other folders' .env keys, then the sources the user added.
    const rank = (id: string) => (id.startsWith(`env:${folderIndex}:`) ? 0 : id.startsWith('env:') ? 1 : 2);
    let fallback: { id: string; why: string } | undefined;
    let privateMatch: { id: string; why?: string } | undefined;
    for (const o of options.sort((a, b) => rank(a.id) - rank(b.id))) {
      // An issuer's keys are a candidate only for a token that claims that issuer.
      const loaded = forToken(await this.load(o.id), token);
      if (!loaded.key) continue;
      let infos;
      try {
        infos = describeKey(loaded.key);
      } catch {
        continue;
      }
      const fitting = infos.filter((k) => k.algorithms.includes(alg as never));
      if (!fitting.length) continue;
      const chosen = o.id === base ? { id: base } : { id: o.id, why: vscode.l10n.t('{0}: its key fits {1}{2}', o.label, alg, kid ? vscode.l10n.t(' and has kid {0}', kid) : '') };
      // A private key verifies too, but the public half is what verifies (Generate Key Pair adds both): it goes first.
      if (kid === undefined || fitting.some((k) => k.kid === kid)) {
        if (!fitting.every((k) => k.isPrivate)) return chosen;
        privateMatch ??= chosen;
        continue;
      }
      fallback ??= { id: o.id, why: vscode.l10n.t('{0}: its key fits {1}', o.label, alg) };
    }
    return privateMatch ?? fallback ?? { id: base };
  }

  /**
   * Load the key of a source. `kid` is the key id of the token it is for: a JWKS that lacks it is fetched again
   * (the issuer may have rotated its keys), at most once a minute. `reads` shares `.env` reads with list().
   */
  async load(id: string, kid?: unknown, reads?: EnvReads): Promise<LoadedKey> {
    if (!this.isListed(id)) return { label: vscode.l10n.t('no key'), missing: vscode.l10n.t('That key source is not one JWT Workbench lists; choose one from the list.') };
    return this.loadKnown(id, kid, reads);
  }

  /** Load a source this class listed or found itself (never one named from outside: see {@link load}). */
  private async loadKnown(id: string, kid?: unknown, reads?: EnvReads): Promise<LoadedKey> {
    // In an untrusted workspace no key is used at all: not .env (loadEnv says so), nor a stored key or a kept JWKS.
    if (!vscode.workspace.isTrusted && !id.startsWith('env:') && id !== NO_KEY) {
      const label = this.added().find((o) => o.id === id)?.label ?? vscode.l10n.t('no key');
      return { label, missing: vscode.l10n.t('The workspace is not trusted, so no key is used; trust it to verify with {0}.', label) };
    }
    if (id.startsWith('jwks:')) return this.jwks.load(id.slice(5), kid);
    if (id.startsWith('anchors:')) return this.loadAnchors(id.slice(8));
    return this.readAs(id, await this.loadSecretSource(id, reads));
  }

  private async loadSecretSource(id: string, reads?: EnvReads): Promise<LoadedKey> {
    const env = /^env:(\d+):([\w.-]+)(?:@(.+))?$/.exec(id);
    if (env) return this.loadEnv(Number(env[1]), env[2], env[3], reads);
    if (id.startsWith('file:')) return this.loadFile(id.slice(5), false);
    if (id.startsWith('secretfile:')) return this.loadFile(id.slice(11), true);
    if (id.startsWith('secret:')) {
      const name = id.slice(7);
      const value = await this.context.secrets.get(SECRET_PREFIX + name);
      return value ? { key: value, label: `SecretStorage: ${name}` } : { label: `SecretStorage: ${name}`, missing: vscode.l10n.t('No key named {0} is stored.', name) };
    }
    return { label: vscode.l10n.t('no key'), missing: vscode.l10n.t('No key source is chosen.') };
  }

  /** A secret source the user said is encoded: its text is read that way, and the label says so. */
  private readAs(id: string, loaded: LoadedKey): LoadedKey {
    const encoding = this.encodingOf(id);
    if (encoding === 'utf8' || !loaded.key) return loaded;
    // Only secret text is read another way (core's secretText): a PEM or a JWK is never re-read.
    const text = secretText(loaded.key)?.text;
    if (text === undefined) return loaded;
    return { ...loaded, key: { secret: text, encoding }, label: vscode.l10n.t('{0}, read as {1}', loaded.label, encoding) };
  }

  /** How a source's secret text is read: 'utf8' (text) unless the user chose otherwise. */
  encodingOf(id: string): SecretEncoding {
    return this.context.workspaceState.get<Record<string, SecretEncoding>>(ENCODINGS_STATE, {})[id] ?? 'utf8';
  }

  /** Read a listed source's secret text as `encoding` from now on (remembered for this workspace). */
  async setEncoding(id: string, encoding: SecretEncoding): Promise<void> {
    if (!this.isListed(id) || id === NO_KEY) throw new Error(vscode.l10n.t('That key source is not one JWT Workbench lists; choose one from the list.'));
    const all = { ...this.context.workspaceState.get<Record<string, SecretEncoding>>(ENCODINGS_STATE, {}) };
    if (encoding === 'utf8') delete all[id];
    else all[id] = encoding;
    await this.context.workspaceState.update(ENCODINGS_STATE, all);
    this.changed.fire();
  }

  private async loadEnv(index: number, variable: string, relativeEnv: string | undefined, reads?: EnvReads): Promise<LoadedKey> {
    const folder = vscode.workspace.workspaceFolders?.[index];
    if (!folder) return { label: vscode.l10n.t('no key'), missing: vscode.l10n.t('That workspace folder is gone.') };
    const cfg = getConfig(folder.uri);
    // Only ids this extension handed out get here (isListed), so the nested .env path is one it found itself.
    const envPath = relativeEnv ?? cfg.envFile;
    const label = envLabel(folder, envPath, variable);
    if (!vscode.workspace.isTrusted) return { label, missing: vscode.l10n.t('The workspace is not trusted, so {0} was not read.', cfg.envFile) };
    let found;
    const envUri = vscode.Uri.joinPath(folder.uri, envPath);
    try {
      // The file and the project's reader at once: each is a round trip to the workbench.
      const shared: EnvReads = reads ?? new Map();
      const [dialect] = await Promise.all([this.dialectFor(folder, envUri), readEnvOnce(folder, envUri, shared)]);
      found = await readEnvVariable(folder, variable, envUri, shared, dialect);
    } catch (e) {
      return { label, missing: (e as Error).message };
    }
    const { env, value } = found;
    const note = found.other && env.exists ? describeDisagreement(variable, found.dialect, value, found.other) : undefined;
    if (!env.exists) return { label, missing: vscode.l10n.t('There is no {0} in {1}.', vscode.workspace.asRelativePath(env.uri), folder.name), noEnv: true };
    if (value === '') return { label, missing: vscode.l10n.t('{0} in {1} is empty.', variable, vscode.workspace.asRelativePath(env.uri)), note, noEnv: true };
    if (!value) return { label, missing: vscode.l10n.t('{0} has no {1}.', vscode.workspace.asRelativePath(env.uri), variable), note, noEnv: true };
    return { key: value, label, note };
  }

  /** The reader that loads this .env (setting, or detected from the project), remembered for a few seconds. */
  dialectFor(folder: vscode.WorkspaceFolder, envUri: vscode.Uri): Promise<EnvDialect> {
    const key = envUri.toString();
    const hit = this.dialects.get(key);
    if (hit && Date.now() - hit.at < DIALECT_TTL_MS) return hit.dialect;
    const dialect = detectEnvDialect(folder, envUri);
    this.dialects.set(key, { at: Date.now(), dialect });
    return dialect;
  }

  private async loadAnchors(uri: string): Promise<LoadedKey> {
    const parsed = vscode.Uri.parse(uri);
    const label = anchorsLabel(uri);
    if (!vscode.workspace.isTrusted) return { label, missing: vscode.l10n.t('The workspace is not trusted, so key files are not read.') };
    try {
      return { key: { anchors: new TextDecoder().decode(await readWorkspaceFile(parsed)) }, label };
    } catch (e) {
      return { label, missing: vscode.l10n.t('Cannot read {0}: {1}', vscode.workspace.asRelativePath(parsed), (e as Error).message) };
    }
  }

  private async loadFile(uri: string, asSecret: boolean): Promise<LoadedKey> {
    const parsed = vscode.Uri.parse(uri);
    const label = fileLabel(uri, asSecret);
    if (!vscode.workspace.isTrusted) return { label, missing: vscode.l10n.t('The workspace is not trusted, so key files are not read.') };
    let text: string;
    try {
      text = new TextDecoder().decode(await readWorkspaceFile(parsed));
    } catch (e) {
      return { label, missing: vscode.l10n.t('Cannot read {0}: {1}', vscode.workspace.asRelativePath(parsed), (e as Error).message) };
    }
    if (asSecret) return { key: { secret: text.replace(/\r?\n$/, ''), encoding: 'utf8' }, label };
    try {
      return { key: await readKeyFile(text), label };
    } catch (e) {
      return { label, missing: vscode.l10n.t('{0} is not a key: {1}', vscode.workspace.asRelativePath(parsed), (e as Error).message) };
    }
  }

  /** The key source Sign Selection falls back to when the `.env` has no secret (chosen by the user, per workspace). */
  signingSource(): string | undefined {
    return this.context.workspaceState.get<string>(SIGNING_STATE);
  }

  async setSigningSource(id: string | undefined): Promise<void> {
    await this.context.workspaceState.update(SIGNING_STATE, id);
  }

  private keyFiles(): string[] {
    return this.context.workspaceState.get<string[]>(FILES_STATE, []);
  }

  private storedNames(): string[] {
    return this.context.globalState.get<string[]>(SECRETS_STATE, []);
  }

  private secretFiles(): string[] {
    return this.context.workspaceState.get<string[]>(SECRET_FILES_STATE, []);
  }

  private anchorFiles(): string[] {
    return this.context.workspaceState.get<string[]>(ANCHORS_STATE, []);
  }

  /** Remember a trust anchor file (CA certificates, PEM) for this workspace after reading it. Returns its id. */
  async addTrustAnchors(uri: vscode.Uri): Promise<{ id: string; subjects: string[] }> {
    const { readTrustAnchors } = await import('../core/keys/x5c');
    const { subjects } = await readTrustAnchors(new TextDecoder().decode(await readWorkspaceFile(uri)));
    const id = uri.toString();
    await this.context.workspaceState.update(ANCHORS_STATE, [...this.anchorFiles().filter((u) => u !== id), id]);
    this.changed.fire();
    return { id: `anchors:${id}`, subjects };
  }

  /**
   * Every key the user already has, for "which of my keys signed this?": the key variables (…SECRET…, …KEY…) of every
   * .env file at each folder's root (.env, .env.staging, …), key files, secret files, stored keys, trust anchors and
   * the JWKS already fetched — read from disk and SecretStorage, nothing fetched. Their ids are not listed by this:
   * they stay in the extension until the user chooses one that matched ({@link adopt}).
   */
  async candidates(): Promise<KeyCandidate[]> {
    const ids: string[] = [];
    const reads: EnvReads = new Map();
    if (vscode.workspace.isTrusted) {
      for (const [i, f] of (vscode.workspace.workspaceFolders ?? []).entries()) {
        const cfg = getConfig(f.uri);
        let names: string[];
        try {
          names = (await vscode.workspace.fs.readDirectory(f.uri)).filter(([n, t]) => t !== vscode.FileType.Directory && ENV_FILES.test(n)).map(([n]) => n);
        } catch {
          continue;
        }
        for (const name of names.sort()) {
          try {
            const vars = parseEnv((await readEnvOnce(f, vscode.Uri.joinPath(f.uri, name), reads)).text);
            for (const v of Object.keys(vars).filter((k) => KEY_VARIABLE.test(k) && /^[\w.-]+$/.test(k) && vars[k])) ids.push(name === cfg.envFile ? `env:${i}:${v}` : `env:${i}:${v}@${name}`);
          } catch {
            // unreadable: not a candidate
          }
        }
      }
    }
    ids.push(...this.added().map((o) => o.id));
    const out: KeyCandidate[] = [];
    for (const id of [...new Set(ids)]) {
      const loaded = await this.loadKnown(id, undefined, reads);
      if (loaded.key) out.push({ id, label: loaded.label, key: loaded.key });
    }
    return out;
  }

  /** The user chose a key "which key" found (Use this key): list it, in the pickers too, for the rest of the session. */
  adopt(id: string): void {
    if (!id.startsWith('env:') || !/^env:\d+:[\w.-]+(?:@\.env(?:\.[\w.-]+)?)?$/.test(id)) return;
    this.issue(id);
    this.found.add(id);
    this.changed.fire();
  }

  /**
   * Remember a key file (PEM, JWK or JWKS) for this workspace after checking that it holds a key — or, only when the
   * user said so (`asSecret`), a file whose text is an HMAC secret. Returns its source id.
   */
  async addKeyFile(uri: vscode.Uri, forSigning = false, asSecret = false): Promise<string> {
    const text = new TextDecoder().decode(await readWorkspaceFile(uri));
    const id = uri.toString();
    if (asSecret) {
      describeKey({ secret: text.replace(/\r?\n$/, ''), encoding: 'utf8' }); // throws when empty
      await this.context.workspaceState.update(SECRET_FILES_STATE, [...this.secretFiles().filter((u) => u !== id), id]);
      this.changed.fire();
      return `secretfile:${id}`;
    }
    const infos = describeKey(await readKeyFile(text)); // throws ERR_KEY_FORMAT with what the file holds when it is not a key
    if (forSigning && !infos.some((k) => k.isPrivate)) {
      throw new JwtWorkbenchError('ERR_KEY_NOT_PRIVATE', vscode.l10n.t('it holds a {0}, which can verify but not sign; choose the private key.', infos[0].description));
    }
    await this.context.workspaceState.update(FILES_STATE, [...this.keyFiles().filter((u) => u !== id), id]);
    this.changed.fire();
    return `file:${id}`;
  }

  /** Keep a key in SecretStorage under a name. Returns its source id. */
  async storeKey(name: string, key: string): Promise<string> {
    describeKey(key);
    await this.context.secrets.store(SECRET_PREFIX + name, key);
    await this.context.globalState.update(SECRETS_STATE, [...this.storedNames().filter((n) => n !== name), name]);
    this.changed.fire();
    return `secret:${name}`;
  }

  /** Sources the user added and can forget: key files, JWKS URLs, stored keys. */
  added(): KeySourceOption[] {
    return [
      ...this.keyFiles().map((uri) => ({ id: `file:${uri}`, label: fileLabel(uri, false) })),
      ...this.secretFiles().map((uri) => ({ id: `secretfile:${uri}`, label: fileLabel(uri, true) })),
      ...this.storedNames().map((name) => ({ id: `secret:${name}`, label: `SecretStorage: ${name}` })),
      ...this.jwks.all().map((j) => ({ id: `jwks:${j.url}`, label: jwksLabel(j) })),
      ...this.anchorFiles().map((uri) => ({ id: `anchors:${uri}`, label: anchorsLabel(uri) })),
    ];
  }

  /** Forget a key file, a JWKS URL or a stored key (deleting it from SecretStorage); never touches a file. */
  async forget(id: string): Promise<void> {
    if (id.startsWith('file:')) await this.context.workspaceState.update(FILES_STATE, this.keyFiles().filter((u) => u !== id.slice(5)));
    else if (id.startsWith('secretfile:')) await this.context.workspaceState.update(SECRET_FILES_STATE, this.secretFiles().filter((u) => u !== id.slice(11)));
    else if (id.startsWith('jwks:')) await this.jwks.forget(id.slice(5));
    else if (id.startsWith('secret:')) await this.forgetKey(id.slice(7));
    else if (id.startsWith('anchors:')) await this.context.workspaceState.update(ANCHORS_STATE, this.anchorFiles().filter((u) => u !== id.slice(8)));
    if (this.signingSource() === id) await this.setSigningSource(undefined);
    this.changed.fire();
  }

  async forgetKey(name: string): Promise<void> {
    await this.context.secrets.delete(SECRET_PREFIX + name);
    await this.context.globalState.update(SECRETS_STATE, this.storedNames().filter((n) => n !== name));
  }
}

/** "web/.env JWT_SECRET" in a multi-root workspace, ".env JWT_SECRET" in a single folder. */
function envLabel(folder: vscode.WorkspaceFolder, envPath: string, variable: string): string {
  return `${vscode.workspace.asRelativePath(vscode.Uri.joinPath(folder.uri, envPath))} ${variable}`;
}

function fileLabel(uri: string, asSecret: boolean): string {
  const rel = vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
  return asSecret ? `secret file ${rel}` : `key file ${rel}`;
}

function anchorsLabel(uri: string): string {
  return vscode.l10n.t('trust anchors {0}', vscode.workspace.asRelativePath(vscode.Uri.parse(uri)));
}
