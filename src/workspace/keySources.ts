import * as vscode from 'vscode';
import { decodeToken, describeKey, JwtWorkbenchError, parseEnv, readKeyFile, type KeyCandidate, type SecretEncoding } from '../core';
import { forToken, JwksStore, jwksLabel, type KeptJwks } from './jwksStore';
import type { KeySourceOption } from '../protocol';
import { getConfig } from './config';
import { readWorkspaceFile } from './files';
import { envUriFor, readEnvOnce, type EnvDialect, type EnvReads } from './envFile';
import { WorkspaceError } from './errors';
import { KeyStore } from './keyStore';
import { anchorsLabel, EnvDialects, envLabel, fileLabel, loadAnchors, loadEnv, loadFile, loadStored, noKey, readAs, storedLabel, type LoadedKey } from './keyLoaders';
import { formatSourceId, isEnvVariableName, NO_KEY, parseSourceId, ROOT_ENV_FILE, sourceKind } from './sourceIds';

export type { LoadedKey } from './keyLoaders';
export { NO_KEY } from './sourceIds';

/** PEM keys kept in .env next to the secret (multi-line, quoted). */
const ENV_KEY_VARIABLES = ['JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEY'];
/** Variables of those files that may hold a key: JWT_SECRET, SECRET_KEY (Django's), JWT_PUBLIC_KEY, API_KEY_STAGING, … */
const KEY_VARIABLE = /SECRET|KEY/i;

const notListed = () => vscode.l10n.t('That key source is not one JWT Workbench lists; choose one from the list.');

/**
 * Where keys live: the `.env` secret variable and PEM variables of each folder, key files the user chose (remembered
 * per workspace), and keys kept in VS Code's SecretStorage (only their names are stored elsewhere). Reading `.env`
 * and key files waits for workspace trust. Sources are named by their id (sourceIds.ts).
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
  private readonly dialects = new EnvDialects();
  private readonly store: KeyStore;

  constructor(
    context: vscode.ExtensionContext,
    /** Fetches a URL the user added; nothing else is ever fetched. Injected so the web build uses the browser's. */
    fetchUrl: typeof fetch = (...a) => fetch(...a),
  ) {
    this.store = new KeyStore(context);
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
    const envOption = (f: vscode.WorkspaceFolder, variable: string) => ({ id: this.issue(formatSourceId({ kind: 'env', folder: f.index, variable })), label: envLabel(f, getConfig(f.uri).envFile, variable) });
    for (const f of folders) {
      options.push(envOption(f, getConfig(f.uri).secretVariable));
      if (!vscode.workspace.isTrusted) continue;
      try {
        const vars = parseEnv((await readEnvOnce(f, undefined, reads)).text);
        for (const name of ENV_KEY_VARIABLES) if (vars[name]) options.push(envOption(f, name));
      } catch {
        // an unreadable .env shows up as a missing key when chosen
      }
    }
    for (const id of this.found) {
      const s = parseSourceId(id);
      const f = s?.kind === 'env' ? folders[s.folder] : undefined;
      if (s?.kind === 'env' && f && !options.some((o) => o.id === id)) options.push({ id, label: envLabel(f, s.envFile ?? getConfig(f.uri).envFile, s.variable) });
    }
    options.push(...this.added(), { id: NO_KEY, label: vscode.l10n.t('No key (decode only)') });
    return options;
  }

  /** The default source before any file is involved: the first folder's root `.env` secret variable. */
  rootDefault(): string {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? this.issue(formatSourceId({ kind: 'env', folder: folder.index, variable: getConfig(folder.uri).secretVariable })) : NO_KEY;
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
    const s = parseSourceId(id);
    switch (s?.kind) {
      case 'none':
        return true;
      case 'env':
        return this.issuedEnvIds.has(id) && s.folder < (vscode.workspace.workspaceFolders?.length ?? 0);
      case 'file':
      case 'secretfile':
      case 'anchors':
        return this.store.files(s.kind).includes(s.uri);
      case 'secret':
        return this.store.storedNames().includes(s.name);
      case 'jwks':
        return this.jwks.all().some((j) => j.url === s.url);
      default:
        return false;
    }
  }

  /** The default source for a document: the secret variable of the `.env` that belongs to it (the nearest one). */
  async defaultFor(uri?: vscode.Uri): Promise<string> {
    const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return this.rootDefault();
    const env = await envUriFor(folder, uri);
    const rel = env.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
    const variable = getConfig(uri).secretVariable;
    return this.issue(formatSourceId({ kind: 'env', folder: folder.index, variable, ...(rel === getConfig(folder.uri).envFile ? {} : { envFile: rel }) }));
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
    const anchors = header?.x5c !== undefined ? options.find((o) => sourceKind(o.id) === 'anchors') : undefined;
    if (anchors) return { id: anchors.id, why: vscode.l10n.t('{0}: the token carries an x5c certificate chain', anchors.label) };
    // The document's own folder first, then the other folders' .env keys, then the sources the user added.
    const rank = (id: string) => {
      const s = parseSourceId(id);
      return s?.kind !== 'env' ? 2 : s.folder === folderIndex ? 0 : 1;
    };
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
    if (!this.isListed(id)) return noKey(notListed());
    return this.loadKnown(id, kid, reads);
  }

  /** Load a source this class listed or found itself (never one named from outside: see {@link load}). */
  private async loadKnown(id: string, kid?: unknown, reads?: EnvReads): Promise<LoadedKey> {
    const s = parseSourceId(id);
    // In an untrusted workspace no key is used at all: not .env (loadEnv says so), nor a stored key or a kept JWKS.
    if (!vscode.workspace.isTrusted && s?.kind !== 'env' && s?.kind !== 'none') {
      const label = this.added().find((o) => o.id === id)?.label ?? vscode.l10n.t('no key');
      return { label, missing: vscode.l10n.t('The workspace is not trusted, so no key is used; trust it to verify with {0}.', label) };
    }
    switch (s?.kind) {
      case 'jwks':
        return this.jwks.load(s.url, kid);
      case 'anchors':
        return loadAnchors(s.uri);
      case 'env':
        return readAs(await loadEnv(s.folder, s.variable, s.envFile, this.dialects, reads), this.encodingOf(id));
      case 'file':
      case 'secretfile':
        return readAs(await loadFile(s.uri, s.kind === 'secretfile'), this.encodingOf(id));
      case 'secret':
        return readAs(await loadStored(this.store, s.name), this.encodingOf(id));
      default:
        return noKey(vscode.l10n.t('No key source is chosen.'));
    }
  }

  /** How a source's secret text is read: 'utf8' (text) unless the user chose otherwise. */
  encodingOf(id: string): SecretEncoding {
    return this.store.encodingOf(id);
  }

  /** Read a listed source's secret text as `encoding` from now on (remembered for this workspace). */
  async setEncoding(id: string, encoding: SecretEncoding): Promise<void> {
    if (!this.isListed(id) || id === NO_KEY) throw new WorkspaceError('ERR_SOURCE_NOT_LISTED', notListed());
    await this.store.setEncoding(id, encoding);
    this.changed.fire();
  }

  /** The reader that loads this .env (setting, or detected from the project), remembered for a few seconds. */
  dialectFor(folder: vscode.WorkspaceFolder, envUri: vscode.Uri): Promise<EnvDialect> {
    return this.dialects.of(folder, envUri);
  }

  /** The key source Sign Selection falls back to when the `.env` has no secret (chosen by the user, per workspace). */
  signingSource(): string | undefined {
    return this.store.signingSource();
  }

  async setSigningSource(id: string | undefined): Promise<void> {
    await this.store.setSigningSource(id);
  }

  /** Remember a trust anchor file (CA certificates, PEM) for this workspace after reading it. Returns its id. */
  async addTrustAnchors(uri: vscode.Uri): Promise<{ id: string; subjects: string[] }> {
    const { readTrustAnchors } = await import('../core/keys/x5c');
    const { subjects } = await readTrustAnchors(new TextDecoder().decode(await readWorkspaceFile(uri)));
    await this.store.addFile('anchors', uri.toString());
    this.changed.fire();
    return { id: formatSourceId({ kind: 'anchors', uri: uri.toString() }), subjects };
  }

  /**
   * Every key the user already has, for "which of my keys signed this?": the key variables (…SECRET…, …KEY…) of every
   * .env file at each folder's root (.env, .env.staging, …), key files, secret files, stored keys, trust anchors and
   * the JWKS already fetched — read from disk and SecretStorage, nothing fetched. Their ids are not listed by this:
   * they stay in the extension until the user chooses one that matched ({@link adopt}).
   */
  async candidates(): Promise<KeyCandidate[]> {
    const reads: EnvReads = new Map();
    const ids = vscode.workspace.isTrusted ? await this.envCandidates(reads) : [];
    ids.push(...this.added().map((o) => o.id));
    const out: KeyCandidate[] = [];
    for (const id of [...new Set(ids)]) {
      const loaded = await this.loadKnown(id, undefined, reads);
      if (loaded.key) out.push({ id, label: loaded.label, key: loaded.key });
    }
    return out;
  }

  /** The ids of the key variables of every `.env` file at each folder's root. */
  private async envCandidates(reads: EnvReads): Promise<string[]> {
    const ids: string[] = [];
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      const cfg = getConfig(f.uri);
      let names: string[];
      try {
        names = (await vscode.workspace.fs.readDirectory(f.uri)).filter(([n, t]) => t !== vscode.FileType.Directory && ROOT_ENV_FILE.test(n)).map(([n]) => n);
      } catch {
        continue;
      }
      for (const name of names.sort()) {
        try {
          const vars = parseEnv((await readEnvOnce(f, vscode.Uri.joinPath(f.uri, name), reads)).text);
          for (const v of Object.keys(vars).filter((k) => KEY_VARIABLE.test(k) && isEnvVariableName(k) && vars[k])) {
            ids.push(formatSourceId({ kind: 'env', folder: f.index, variable: v, ...(name === cfg.envFile ? {} : { envFile: name }) }));
          }
        } catch {
          // unreadable: not a candidate
        }
      }
    }
    return ids;
  }

  /** The user chose a key "which key" found (Use this key): list it, in the pickers too, for the rest of the session. */
  adopt(id: string): void {
    const s = parseSourceId(id);
    if (s?.kind !== 'env' || (s.envFile !== undefined && !ROOT_ENV_FILE.test(s.envFile))) return;
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
    if (asSecret) {
      describeKey({ secret: text.replace(/\r?\n$/, ''), encoding: 'utf8' }); // throws when empty
    } else {
      const infos = describeKey(await readKeyFile(text)); // throws ERR_KEY_FORMAT with what the file holds when it is not a key
      if (forSigning && !infos.some((k) => k.isPrivate)) {
        throw new JwtWorkbenchError('ERR_KEY_NOT_PRIVATE', vscode.l10n.t('it holds a {0}, which can verify but not sign; choose the private key.', infos[0].description));
      }
    }
    const kind = asSecret ? 'secretfile' : 'file';
    await this.store.addFile(kind, uri.toString());
    this.changed.fire();
    return formatSourceId({ kind, uri: uri.toString() });
  }

  /** Keep a key in SecretStorage under a name. Returns its source id. */
  async storeKey(name: string, key: string): Promise<string> {
    describeKey(key);
    await this.store.storeKey(name, key);
    this.changed.fire();
    return formatSourceId({ kind: 'secret', name });
  }

  /** Sources the user added and can forget: key files, JWKS URLs, stored keys. */
  added(): KeySourceOption[] {
    return [
      ...this.store.files('file').map((uri) => ({ id: formatSourceId({ kind: 'file', uri }), label: fileLabel(uri, false) })),
      ...this.store.files('secretfile').map((uri) => ({ id: formatSourceId({ kind: 'secretfile', uri }), label: fileLabel(uri, true) })),
      ...this.store.storedNames().map((name) => ({ id: formatSourceId({ kind: 'secret', name }), label: storedLabel(name) })),
      ...this.jwks.all().map((j) => ({ id: formatSourceId({ kind: 'jwks', url: j.url }), label: jwksLabel(j) })),
      ...this.store.files('anchors').map((uri) => ({ id: formatSourceId({ kind: 'anchors', uri }), label: anchorsLabel(uri) })),
    ];
  }

  /** Forget a key file, a JWKS URL or a stored key (deleting it from SecretStorage); never touches a file. */
  async forget(id: string): Promise<void> {
    const s = parseSourceId(id);
    if (s?.kind === 'file' || s?.kind === 'secretfile' || s?.kind === 'anchors') await this.store.removeFile(s.kind, s.uri);
    else if (s?.kind === 'jwks') await this.jwks.forget(s.url);
    else if (s?.kind === 'secret') await this.forgetKey(s.name);
    if (this.signingSource() === id) await this.setSigningSource(undefined);
    this.changed.fire();
  }

  async forgetKey(name: string): Promise<void> {
    await this.store.deleteKey(name);
  }
}
