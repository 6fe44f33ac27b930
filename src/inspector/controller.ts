import * as vscode from 'vscode';
import { cleanTokenText, decodeToken, findTokens, MAX_TOKEN_CHARS, inspectToken, isCoreError, keyUsed, secretAsJwk, tokenSpan, type Inspection, type InspectOptions, type KeyCache, type SigningAlg } from '../core';
import {
  DEFAULT_VERIFY_OPTIONS,
  isFromWebview,
  isPersistedState,
  type CopyWhat,
  type FromWebview,
  type InspectorView,
  type Origin,
  type PanelSecret,
  type ToWebview,
  type VerifyOptionsView,
  WEBVIEW_STRINGS,
} from '../protocol';
import { CommandIds } from '../commands';
import type { EnvReads } from '../workspace/envFile';
import { getConfig } from '../workspace/config';
import type { KeySources, LoadedKey } from '../workspace/keySources';
import { forToken } from '../workspace/jwksStore';
import type { KeySearchState } from './keyActions';
import { inspectorHtml } from './html';
import { originNote } from './tokenPlace';
import { describeForView, issuerOffer, keyAction, keySearchView, searchKeys, secretEncodingOf } from './keyActions';

export const INSPECTOR_VIEW_TYPE = 'jwtWorkbench.inspector';

export interface ShowOptions {
  origin: Origin;
  keySource?: string;
  /** Why that key source was chosen for this token, when it is not the document's default (shown by the key). */
  keyChosen?: string;
  /** The selection lay inside the token and was widened to all of it (said in the panel). */
  widened?: boolean;
  /** Said in the panel once the token is shown: where it came from ("From the clipboard", "From a URI …"); from its view when it depends on the verdict. */
  notice?: string | ((view: InspectorView) => string);
  /** For a token just signed: the key that signed it, with the algorithm. */
  signedWith?: string;
  /** The document (and range) the token came from, for "Replace selection". */
  document?: vscode.Uri;
  range?: vscode.Range;
}

interface State {
  token?: string;
  origin: Origin;
  keySource: string;
  options: VerifyOptionsView;
  signedHere: boolean;
  /** The key that signed the token on display ("key file keys/es256-private.pem (ES256)"), when it was signed here. */
  signedWith?: string;
  keyChosen?: string;
  /** The token shown before "Open Inspector" cleared the box for a paste: one click brings it back. */
  previous?: string;
  /** A secret typed in the panel: in memory while the panel is open, never persisted, never sent back. */
  panelSecret?: PanelSecret;
  document?: vscode.Uri;
  range?: vscode.Range;
  /** The answer of "Which of my keys signed this?", for the token it was asked about (shown while that is on display). */
  keySearch?: KeySearchState;
  /** The panel's status line ("Signed with …", "Copied the token."), for the token it was said about: it goes with it. */
  status?: { token?: string; level: 'info' | 'error'; text: string };
  /** Where the token on display came from ("No token was selected: this one is from the clipboard."), shown by the banner. */
  note?: { token: string; text: string };
}

/**
 * The one JWT Inspector panel: created on demand, reused by every command, revived after a reload. It owns the
 * panel's state on the extension side; keys are loaded here and never leave the extension host.
 */
export class InspectorController implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private panelDisposables: vscode.Disposable[] = [];
  private state: State;
  private lastView?: InspectorView;
  /** The view written into the panel's HTML (its script paints it at start; 'ready' then sends only a newer one). */
  private embeddedView?: InspectorView;
  /** Whether the webview's script has said 'ready': messages sent earlier would be lost. */
  private webviewReady = false;
  /** Notices posted before a new panel's script runs: said once it is ready (a view is re-sent then anyway). */
  private pendingNotices: ToWebview[] = [];
  /** Counts renders: only the newest posts its view. */
  private renderGeneration = 0;
  /** The newest render, which an older one that finishes first waits for. */
  private newestRender?: Promise<InspectorView>;
  /** While a test forges a webview message: what the extension posted in answer (see {@link receiveForTest}). */
  private recording?: ToWebview[];
  /** The last notices said in the panel (texts for the user, never a key): what a test reads of them. */
  readonly notices: string[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly keys: KeySources,
    private readonly keyCache: KeyCache,
  ) {
    this.state = { origin: 'empty', keySource: keys.rootDefault(), options: initialOptions(), signedHere: false };
    // A source added or forgotten elsewhere (palette, another panel) shows here at once; a forgotten one is dropped.
    keys.onDidChange(() => {
      if (this.panel) void this.keysChanged();
    });
  }

  /** The view last sent to the webview (no key material in it). */
  get view(): InspectorView | undefined {
    return this.lastView;
  }

  /**
   * The key source the open panel verifies `token` with, when it shows that token with one (not with a secret typed
   * in it): the hover then judges the token with the same key, and says the same thing.
   */
  keySourceShowing(token: string): string | undefined {
    const shown = this.lastView?.inspection?.token;
    if (!this.panel || !shown || shown !== token || this.state.panelSecret) return undefined;
    return this.state.keySource;
  }

  /** Open the inspector ready for a paste: the box is empty, and the token it showed is one click away. */
  async open(): Promise<InspectorView> {
    if (this.state.token) this.state = { ...this.state, previous: this.state.token, token: undefined, origin: 'empty', signedHere: false, signedWith: undefined, keyChosen: undefined };
    // The keys are read before the panel is made: its creation keeps the workbench busy, and reads issued after it
    // waited behind it (~350 ms in code-server, measured by npm run bench:editor).
    const view = this.render();
    this.createOrShow(view);
    return view;
  }

  /**
   * Show a token found somewhere — the debugger, a terminal, a redirect URI, the clipboard — verified with the key
   * chosen for where it was found (`from`: a file, or a folder for its root `.env`; undefined: the first folder's).
   */
  async showFound(token: string, origin: Origin, from: vscode.Uri | undefined, notice?: ShowOptions['notice']): Promise<Inspection> {
    const choice = await this.keys.chooseFor(from, token);
    return this.showToken(token, { origin, keySource: choice.id, keyChosen: choice.why, notice });
  }

  /** Inspect a token and show it. Returns the inspection. */
  async showToken(text: string, opts: ShowOptions): Promise<Inspection> {
    this.state = {
      ...this.state,
      token: text,
      origin: opts.origin,
      keySource: this.listedOr(opts.keySource, this.state.keySource),
      keyChosen: opts.keyChosen,
      signedHere: opts.origin === 'signed',
      signedWith: opts.signedWith,
      document: opts.document,
      range: opts.range,
      // A secret typed in the panel was for the token it was typed for: a token from elsewhere gets its own key.
      panelSecret: undefined,
      note: originNote(text, { notice: typeof opts.notice === 'string' ? opts.notice : undefined, widened: opts.widened }),
    };
    const rendering = this.render();
    this.createOrShow(rendering);
    let view = await rendering;
    // A notice that says what the verdict rests on (the URI handler's) is written by the banner once the verdict is known.
    if (typeof opts.notice === 'function' && this.state.token === text) {
      this.state = { ...this.state, note: originNote(text, { notice: opts.notice(view), widened: opts.widened }) };
      view = await this.render();
    }
    if (this.state.note) this.notices.splice(0, this.notices.push(this.state.note.text) - 10);
    return view.inspection!;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    if (isPersistedState(saved)) {
      this.state = {
        ...this.state,
        token: saved.token,
        origin: saved.token ? 'restored' : 'empty',
        options: saved.options ?? this.state.options,
        // Saved state is the webview's: a key source it names is used only if this extension lists it.
        keySource: this.listedOr(saved.keySource, this.state.keySource),
      };
    }
    const rendering = this.render();
    await Promise.all([rendering, this.attach(panel, rendering)]);
  }

  dispose(): void {
    this.panel?.dispose();
  }

  /** `id` when it names a key source this extension listed, else `fallback`: ids from elsewhere are hostile input. */
  private listedOr(id: string | undefined, fallback: string): string {
    if (id === undefined || id === fallback) return fallback;
    if (this.keys.isListed(id)) return id;
    this.log.warn('Ignored a key source the extension did not list.');
    return fallback;
  }

  /**
   * Handle `message` as if the webview had sent it, and return what the extension posted in answer. Registered
   * only when the extension runs under test (ExtensionMode.Test): integration tests forge hostile messages with it.
   */
  async receiveForTest(message: unknown): Promise<ToWebview[]> {
    const posted: ToWebview[] = [];
    this.recording = posted;
    try {
      await this.onMessage(message);
    } finally {
      this.recording = undefined;
    }
    return posted;
  }

  /** Reveal the panel, or make it: its HTML is written once `rendering` is done, with that view in it. */
  private createOrShow(rendering: Promise<unknown>): void {
    if (this.panel) {
      this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(INSPECTOR_VIEW_TYPE, vscode.l10n.t('JWT Inspector'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions());
    void this.attach(panel, rendering);
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  /**
   * Take `panel` as the inspector's. Its HTML is written when `rendering` settles, with the newest view in it: the
   * frame is being built meanwhile, and the script paints the verdict at start instead of after a round trip.
   */
  private attach(panel: vscode.WebviewPanel, rendering: Promise<unknown>): Promise<void> {
    this.panel = panel;
    this.webviewReady = false;
    this.pendingNotices = [];
    this.embeddedView = undefined;
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((m) => this.onMessage(m)),
      panel.onDidChangeViewState((e) => void vscode.commands.executeCommand('setContext', 'jwtWorkbench:inspectorFocused', e.webviewPanel.active)),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.lastView = undefined;
        void vscode.commands.executeCommand('setContext', 'jwtWorkbench:inspectorFocused', false);
        for (const d of this.panelDisposables.splice(0)) d.dispose();
      }),
    );
    return rendering.then(
      () => this.writeHtml(panel),
      () => this.writeHtml(panel),
    );
  }

  private writeHtml(panel: vscode.WebviewPanel): void {
    if (this.panel !== panel) return;
    this.embeddedView = this.lastView;
    const asUri = (...path: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    panel.webview.html = inspectorHtml({
      cspSource: panel.webview.cspSource,
      script: asUri('dist', 'webview.js'),
      style: asUri('media', 'inspector.css'),
      strings: Object.fromEntries(WEBVIEW_STRINGS.map((s) => [s, vscode.l10n.t(s)])),
      view: this.lastView,
    });
  }

  /** The options of an inspection; `keyIssuer`: the issuer the key belongs to, expected unless the user set another. */
  private inspectOptions(state: State, key: InspectOptions['key'], keyIssuer?: string): InspectOptions {
    const o = state.options;
    const audience = o.audience.split(',').map((a) => a.trim()).filter(Boolean);
    return {
      key,
      issuer: o.issuer.trim() || keyIssuer,
      audience: audience.length ? audience : undefined,
      leeway: o.leeway,
      now: o.at ? new Date(o.at) : undefined,
      nonce: o.nonce?.trim() || undefined,
      clientId: o.clientId?.trim() || undefined,
      cache: this.keyCache,
    };
  }

  /**
   * Inspect the current token with the current key source and options, and send the view. The state is read once, at
   * the start: a render that awaits keys and files while the state changes (a source added, a key chosen) must not
   * mix the old key with the new list. Only the newest render posts its view; an older one that finishes later is
   * dropped, so the panel never shows one key and uses another.
   */
  private render(): Promise<InspectorView> {
    const rendering = this.renderView(++this.renderGeneration);
    this.newestRender = rendering;
    return rendering;
  }

  private async renderView(generation: number): Promise<InspectorView> {
    // The key shown is the key used: a source forgotten meanwhile falls back, visibly, to the default.
    if (!this.keys.isListed(this.state.keySource)) this.state = { ...this.state, keySource: this.keys.rootDefault(), keyChosen: undefined, signedHere: false };
    const state = this.state;
    const kid = state.token ? decodeToken(cleanTokenText(state.token).token).header?.kid : undefined;
    // One read of each .env for both the key and the pickers' list.
    const reads: EnvReads = new Map();
    const loaded: LoadedKey | undefined = !state.token
      ? undefined
      : state.panelSecret
        ? { key: { secret: state.panelSecret.text, encoding: state.panelSecret.encoding }, label: vscode.l10n.t('the secret typed in the panel ({0})', state.panelSecret.encoding === 'utf8' ? 'text' : state.panelSecret.encoding) }
        : forToken(await this.keys.load(state.keySource, kid, reads), state.token);
    const inspection = state.token ? await inspectToken(state.token, this.inspectOptions(state, loaded?.key, loaded?.issuer)) : undefined;
    if (inspection && loaded?.missing && inspection.verdict === 'unverified' && inspection.kind === 'jws') {
      inspection.detail = loaded.missing;
    }
    // The project's .env reader reads the key differently from the other one: worth a warning where it is seen.
    if (inspection && loaded?.note) inspection.warnings = [...inspection.warnings, { code: 'env-dialect', message: loaded.note }];
    const view: InspectorView = {
      inspection,
      origin: state.origin,
      // The key the verdict rests on: a DPoP proof's own header key is named as that, never as the source chosen.
      keySource: keyUsed(inspection, loaded?.key ? loaded.label : undefined),
      ...describeForView(loaded?.key, this.keyCache),
      ...(loaded?.note ? { keyNote: loaded.note } : {}),
      signedHere: state.signedHere,
      ...(state.signedHere && state.signedWith ? { signedWith: state.signedWith } : {}),
      ...(state.keyChosen ? { keyChosen: state.keyChosen } : {}),
      ...(loaded?.noEnv && state.keySource.startsWith('env:') ? { canGenerateSecret: true } : {}),
      ...(state.previous && !state.token ? { hasPrevious: true } : {}),
      ...(state.panelSecret ? { panelSecret: true } : {}),
      ...optional('issuerOffer', await issuerOffer(inspection, state.keySource, this.keys)),
      ...optional('secretEncoding', state.panelSecret ? undefined : secretEncodingOf(loaded?.key)),
      ...optional('keySearch', keySearchView(state.keySearch, state.token, state.keySource, secretEncodingOf(loaded?.key))),
      keySources: await this.keys.list(reads),
      selectedKeySource: state.keySource,
      options: state.options,
      canReplace: !!state.range && !!state.document && vscode.workspace.textDocuments.some((d) => d.uri.toString() === state.document!.toString()),
      ...optional('status', state.status && state.status.token === state.token ? { level: state.status.level, text: state.status.text } : undefined),
      ...optional('originNote', state.note && state.note.token === state.token ? state.note.text : undefined),
    };
    // A newer render is on its way and will post: its caller gets that view, so that what it reads next (the panel's
    // view) is what the panel shows — a key source added meanwhile re-renders, and a token shown meanwhile wins.
    if (generation !== this.renderGeneration) return this.newestRender ?? view;
    this.lastView = view;
    await this.post({ type: 'view', view });
    return view;
  }

  private async post(message: ToWebview): Promise<void> {
    this.recording?.push(message);
    if (message.type === 'notice') this.notices.splice(0, this.notices.push(message.text) - 10);
    // Before its script runs the webview drops messages; its 'ready' then fetches the latest view. Never wait for
    // it here: VS Code loads a restored webview only after deserializeWebviewPanel returns.
    if (this.panel && !this.webviewReady && message.type === 'notice') this.pendingNotices = [...this.pendingNotices.slice(-4), message];
    if (!this.panel || !this.webviewReady) return;
    await this.panel.webview.postMessage(message);
  }

  /**
   * A status line for the token on display ("Signed with …", an error): kept with that token, so that it is shown with
   * it and goes when another token (or none) is shown.
   */
  private async say(level: 'info' | 'error', text: string): Promise<void> {
    this.state = { ...this.state, status: { token: this.state.token, level, text } };
    if (this.lastView) this.lastView = { ...this.lastView, status: { level, text } };
    await this.post({ type: 'notice', level, text });
  }

  /**
   * Key sources were added or forgotten: the Which-key answer on display is asked again (a forgotten key is no longer
   * offered), and a token that no key at hand could check is checked with a key that fits it now.
   */
  private async keysChanged(): Promise<void> {
    const { token, keySearch, panelSecret, document, keySource } = this.state;
    if (token && keySearch?.token === token) {
      const search = await searchKeys(this.keys, token, this.keyCache, this.log);
      if (this.state.token === token) this.state = { ...this.state, keySearch: search };
    }
    const shown = this.lastView?.inspection;
    if (token && !panelSecret && shown?.verdict === 'unverified' && shown.kind === 'jws') {
      const choice = await this.keys.chooseFor(document, token);
      // Only while nothing changed meanwhile: a key the user picked while this was looking is never overridden.
      const unchanged = this.state.token === token && this.state.keySource === keySource && !this.state.panelSecret;
      if (unchanged && choice.id !== keySource) this.state = { ...this.state, keySource: choice.id, keyChosen: choice.why, signedHere: false };
    }
    await this.render();
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isFromWebview(raw)) {
      this.log.warn('Ignored a malformed message from the inspector webview.');
      return;
    }
    const m: FromWebview = raw;
    try {
      switch (m.type) {
        case 'ready':
          this.webviewReady = true;
          // The HTML carried the view it was written with; only a newer one is sent.
          if (this.lastView && this.lastView !== this.embeddedView) await this.post({ type: 'view', view: this.lastView });
          for (const n of this.pendingNotices.splice(0)) await this.post(n);
          return;
        case 'inspect': {
          const keySource = this.listedOr(m.keySource, this.state.keySource);
          const same = m.token === this.state.token;
          // A token signed here stays "signed here" only while nothing changes; choosing a verification key verifies it.
          const signedHere = same && keySource === this.state.keySource && this.state.signedHere;
          const panelSecret = m.secret;
          this.state = { ...this.state, token: m.token, keySource, options: m.options, origin: same ? this.state.origin : 'pasted', signedHere: signedHere && !panelSecret, panelSecret, keyChosen: same && keySource === this.state.keySource ? this.state.keyChosen : undefined };
          await this.render();
          return;
        }
        case 'saveSecret': {
          const name = await vscode.window.showInputBox({
            title: vscode.l10n.t('Save the secret to SecretStorage'),
            prompt: vscode.l10n.t('A name for it, e.g. "staging"'),
            validateInput: (v) => (/^[\w .-]{1,64}$/.test(v) ? undefined : vscode.l10n.t('Letters, digits, space, dot, dash and underscore; at most 64.')),
          });
          if (!name) return;
          // A text secret is kept as text (as PyJWT uses a str key); an encoded one as the oct JWK of its bytes.
          const id = await this.keys.storeKey(name, m.secret.encoding === 'utf8' ? m.secret.text : JSON.stringify(secretAsJwk(m.secret.text, m.secret.encoding)));
          this.state = { ...this.state, keySource: id, panelSecret: undefined };
          this.log.info(`Saved the secret typed in the inspector to SecretStorage as "${name}".`);
          await this.render();
          await this.say('info', vscode.l10n.t('Saved to SecretStorage as {0}.', name));
          return;
        }
        case 'restorePrevious':
          if (this.state.previous) this.state = { ...this.state, token: this.state.previous, previous: undefined, origin: 'restored' };
          await this.render();
          return;
        case 'generateSecret':
          await vscode.commands.executeCommand(CommandIds.generateSecret, { for: this.state.document });
          await this.render();
          return;
        case 'pasteClipboard': {
          // The clipboard may hold anything (a password, a whole file): only a token found in it goes to the webview.
          const clip = (await vscode.env.clipboard.readText()).slice(0, MAX_TOKEN_CHARS + 1);
          const found = clip.trim() ? findTokens(clip)[0] : undefined;
          if (!found) {
            await this.say('error', clip.trim() ? vscode.l10n.t('The clipboard holds no token (a JWT starts with "eyJ" and has two or four dots); nothing was pasted.') : vscode.l10n.t('The clipboard is empty.'));
            return;
          }
          if (this.state.token) this.state = { ...this.state, previous: this.state.token };
          this.state = { ...this.state, token: found.token, origin: 'clipboard', signedHere: false, signedWith: undefined, keyChosen: undefined, panelSecret: undefined };
          await this.render();
          return;
        }
        case 'sign':
          await this.sign(m.header, m.payload, m.alg, m.keySource);
          return;
        case 'encrypt':
          // The token on display, never one the message names; the recipient is asked in the extension's own pickers.
          if (this.state.token) await vscode.commands.executeCommand(CommandIds.encryptSelection, { token: this.state.token });
          return;
        case 'copy':
          await this.copy(m.what);
          return;
        case 'insert':
          await this.insert(m.mode);
          return;
        case 'reveal':
          await this.reveal(m.keySource);
          return;
        case 'fetchIssuerKeys':
        case 'setSecretEncoding':
        case 'useKey':
        case 'findKey':
          this.state = { ...this.state, ...(await keyAction(m, this.state, this.lastView, this.keys, this.keyCache, this.log)) };
          await this.render();
          return;
        case 'addKeySource': {
          const command = ({ file: CommandIds.addKeyFile, jwks: CommandIds.addJwksUrl, secret: CommandIds.storeKey, issuer: CommandIds.addIssuer, anchors: CommandIds.addTrustAnchors } as const)[m.kind];
          const id = await vscode.commands.executeCommand<string | undefined>(command);
          if (id) this.state = { ...this.state, keySource: id };
          await this.render();
          return;
        }
      }
    } catch (e) {
      this.log.error(`Inspector action "${m.type}" failed: ${(e as Error).message}`);
      await this.say('error', (e as Error).message);
    }
  }

  private async sign(headerText: string, payloadText: string, alg: SigningAlg, keySource: string): Promise<void> {
    // Only with a source the extension listed (load refuses others): never a key file the webview names itself.
    const loaded = await this.keys.load(keySource);
    if (!loaded.key) {
      await this.say('error', vscode.l10n.t('Cannot sign: {0}', loaded.missing ?? vscode.l10n.t('no key')));
      return;
    }
    let header: Record<string, unknown>;
    let payload: Record<string, unknown>;
    // Signing is read on first use: opening the inspector and verifying do not need it.
    const { parsePayload } = await import('../core/payload');
    const { parseLifetime, signToken } = await import('../core/sign');
    try {
      header = headerText.trim() ? await parsePayload(headerText) : {};
      payload = await parsePayload(payloadText);
    } catch (e) {
      await this.say('error', isCoreError(e) ? e.message : String(e));
      return;
    }
    const { alg: _ignored, ...extraHeader } = header;
    try {
      // Re-signing keeps the claims as edited, except that a payload without "exp" gets one, as Sign Selection gives
      // it (jwtWorkbench.lifetime): a token that never expires is never made here by accident.
      const withExp = payload.exp === undefined ? { ...payload, exp: Math.floor(Date.now() / 1000) + parseLifetime(getConfig(this.state.document).lifetime) } : payload;
      const token = await signToken(withExp, loaded.key, { alg, header: extraHeader, addDefaults: false, cache: this.keyCache });
      this.state = { ...this.state, token, keySource, origin: 'signed', signedHere: true, signedWith: `${loaded.label} (${alg})` };
      this.log.info(`Re-signed a token in the inspector with ${loaded.label} (${alg}).`);
      await this.render();
      // Replaces an earlier failure's message under Sign.
      await this.say('info', vscode.l10n.t('Signed with {0} ({1}).', loaded.label, alg));
    } catch (e) {
      await this.say('error', isCoreError(e) ? vscode.l10n.t('Cannot sign: {0}', e.message) : String(e));
    }
  }

  /** The user clicked "Reveal": send the key of that source to the webview once, to show for a moment. */
  private async reveal(keySource: string): Promise<void> {
    // Only the key the panel shows, which the user chose from the extension's list: the webview is another trust
    // domain and may not name some other stored key, file or variable.
    if (keySource !== this.state.keySource || !this.keys.isListed(keySource)) {
      this.log.warn('Ignored a request to reveal a key the inspector is not using.');
      return;
    }
    const loaded = await this.keys.load(keySource);
    if (!loaded.key) {
      await this.say('error', loaded.missing ?? vscode.l10n.t('no key'));
      return;
    }
    this.log.info(`Revealed the key of ${loaded.label} in the inspector, as asked.`);
    await this.post({ type: 'revealed', keySource, text: typeof loaded.key === 'string' ? loaded.key : JSON.stringify(loaded.key, null, 2) });
  }

  /**
   * The token on display, when it is token-shaped (only base64url characters and dots: what passed the character
   * check). Copy and Insert act on this alone, so the webview cannot put arbitrary text on the clipboard or into an
   * editor by "pasting" it first.
   */
  private tokenOnDisplay(): { inspection: Inspection; token: string } | undefined {
    const inspection = this.lastView?.inspection;
    const token = inspection?.token;
    if (!inspection || !token || !inspection.parts || !/^[A-Za-z0-9_.~-]+$/.test(token)) return undefined;
    return { inspection, token };
  }

  private async copy(what: CopyWhat): Promise<void> {
    const shown = this.tokenOnDisplay();
    if (!shown) {
      await this.say('error', vscode.l10n.t('Nothing to copy: the text is not a token.'));
      return;
    }
    const { inspection, token } = shown;
    const text =
      what === 'token' ? token
      : what === 'bearer' ? `Authorization: Bearer ${token}`
      : what === 'header' ? JSON.stringify(inspection.header ?? {}, null, 2)
      : inspection.payload !== undefined ? JSON.stringify(inspection.payload, null, 2)
      : inspection.payloadText ?? '';
    await vscode.env.clipboard.writeText(text);
    await this.say('info', vscode.l10n.t('Copied {0}.', what === 'bearer' ? 'the Authorization header' : `the ${what}`));
  }

  private async insert(mode: 'insert' | 'replace'): Promise<void> {
    const token = this.tokenOnDisplay()?.token;
    if (!token) {
      await this.say('error', vscode.l10n.t('Nothing to insert: the text is not a token.'));
      return;
    }
    if (mode === 'replace' && this.state.document && this.state.range) {
      const uri = this.state.document;
      // The editor it came from, where it is; opened beside the inspector (never over it) when it was closed.
      const editor =
        vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) ??
        (await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: vscode.ViewColumn.One, preserveFocus: true }));
      const doc = editor.document;
      const range = this.state.range;
      // Only the token is replaced: the quotes of a string literal (Sign Selection's "eyJ…" in code), a "Bearer "
      // before it, stay as they are, so the file still parses.
      const start = doc.offsetAt(range.start);
      const old = doc.getText(range);
      const inner = tokenSpan(old);
      await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(start + inner.start), doc.positionAt(start + inner.end)), token));
      this.state.range = new vscode.Range(range.start, doc.positionAt(start + old.length - (inner.end - inner.start) + token.length));
      return;
    }
    const editor = vscode.window.visibleTextEditors[0];
    if (!editor) {
      await this.say('error', vscode.l10n.t('Open an editor to insert the token into.'));
      return;
    }
    await editor.edit((b) => b.replace(editor.selection, token));
  }
}

/** `{ [name]: value }` when there is a value, else nothing: the view carries no undefined members. */
function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: V };
}

/** Verification options to start with: the `jwtWorkbench.leeway` setting; issuer and audience stay open. */
function initialOptions(): VerifyOptionsView {
  return { ...DEFAULT_VERIFY_OPTIONS, leeway: getConfig().leeway };
}
