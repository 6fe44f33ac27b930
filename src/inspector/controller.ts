import * as vscode from 'vscode';
import type { Inspection, KeyCache } from '../core';
import { isFromWebview, isPersistedState, type FromWebview, type InspectorView, type Origin, type ToWebview } from '../protocol';
import type { Inspector, ShowOptions } from '../services';
import type { KeySources } from '../workspace/keySources';
import { InspectorPanel, type PanelEvents } from './panel';
import { originNote } from './tokenPlace';
import { keyAction, searchKeys } from './keyActions';
import { inspectChange } from './rules';
import type { ActionContext, Change } from './tokenActions';
import type { State } from './state';
import { buildView, initialState } from './view';

type Handler<T extends FromWebview['type']> = (m: Extract<FromWebview, { type: T }>, ctx: ActionContext) => Promise<Change>;

/** Typing in the panel: handled here, as every keystroke is. */
async function inspect(m: Extract<FromWebview, { type: 'inspect' }>, { state, listedOr }: ActionContext): Promise<Change> {
  return { state: inspectChange(m, state, listedOr(m.keySource, state.keySource)) };
}

/** An action on the token (tokenActions.ts), read on first use: opening the panel and verifying need none of them. */
function tokenAction<T extends Exclude<FromWebview['type'], 'ready' | 'inspect' | KeyMessage>>(type: T): Handler<T> {
  return async (m, ctx) => ((await import('./tokenActions'))[type] as Handler<T>)(m, ctx);
}

type KeyMessage = 'fetchIssuerKeys' | 'setSecretEncoding' | 'useKey' | 'findKey';

/** The key actions (keyActions.ts, which the view also reads): their change is one of the state. */
async function keyHandler(m: Extract<FromWebview, { type: KeyMessage }>, ctx: ActionContext): Promise<Change> {
  return { state: await keyAction(m, ctx.state, ctx.view, ctx.keys, ctx.keyCache, ctx.log) };
}

/** Every message the webview may send but 'ready' (the panel's own), and what handles it: each returns a change. */
const HANDLERS: { [T in Exclude<FromWebview['type'], 'ready'>]: Handler<T> } = {
  inspect,
  saveSecret: tokenAction('saveSecret'),
  restorePrevious: tokenAction('restorePrevious'),
  generateSecret: tokenAction('generateSecret'),
  pasteClipboard: tokenAction('pasteClipboard'),
  sign: tokenAction('sign'),
  encrypt: tokenAction('encrypt'),
  copy: tokenAction('copy'),
  insert: tokenAction('insert'),
  reveal: tokenAction('reveal'),
  addKeySource: tokenAction('addKeySource'),
  fetchIssuerKeys: keyHandler,
  setSecretEncoding: keyHandler,
  useKey: keyHandler,
  findKey: keyHandler,
};

/**
 * The one JWT Inspector panel: created on demand, reused by every command, revived after a reload. It owns the
 * panel's state on the extension side; keys are loaded here and never leave the extension host. A message from the
 * webview is checked, handled by one handler that returns a change, and the panel renders once.
 */
export class InspectorController implements Inspector, vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel?: InspectorPanel;
  private state: State;
  private lastView?: InspectorView;
  /** Counts renders: only the newest posts its view. */
  private renderGeneration = 0;
  /** The newest render, which an older one that finishes first waits for. */
  private newestRender?: Promise<InspectorView>;
  private readonly posted = new vscode.EventEmitter<ToWebview>();
  /** Every message sent to the webview (views, notices, a revealed key), whether or not its script runs yet. */
  readonly onDidPost = this.posted.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly keys: KeySources,
    private readonly keyCache: KeyCache,
  ) {
    this.state = initialState(keys.rootDefault());
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

  async showFound(token: string, origin: Origin, from: vscode.Uri | undefined, notice?: ShowOptions['notice']): Promise<Inspection> {
    const choice = await this.keys.chooseFor(from, token);
    return this.showToken(token, { origin, keySource: choice.id, keyChosen: choice.why, notice });
  }

  async showToken(text: string, opts: ShowOptions): Promise<Inspection> {
    const { origin, signedWith, document, range, widened } = opts;
    const keySource = this.listedOr(opts.keySource, this.state.keySource);
    // A secret typed in the panel was for the token it was typed for: a token from elsewhere gets its own key.
    const note = originNote(text, { notice: typeof opts.notice === 'string' ? opts.notice : undefined, widened });
    this.state = { ...this.state, token: text, origin, keySource, keyChosen: opts.keyChosen, signedHere: origin === 'signed', signedWith, document, range, panelSecret: undefined, note };
    const rendering = this.render();
    this.createOrShow(rendering);
    let view = await rendering;
    // A notice that says what the verdict rests on (the URI handler's) is written by the banner once the verdict is known.
    if (typeof opts.notice === 'function' && this.state.token === text) {
      this.state = { ...this.state, note: originNote(text, { notice: opts.notice(view), widened }) };
      view = await this.render();
    }
    return view.inspection!;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    if (isPersistedState(saved)) {
      // Saved state is the webview's: a key source it names is used only if this extension lists it.
      const keySource = this.listedOr(saved.keySource, this.state.keySource);
      this.state = { ...this.state, token: saved.token, origin: saved.token ? 'restored' : 'empty', options: saved.options ?? this.state.options, keySource };
    }
    const rendering = this.render();
    await Promise.all([rendering, this.attach((events) => new InspectorPanel(panel, this.extensionUri, events), rendering)]);
  }

  dispose(): void {
    this.panel?.dispose();
    this.posted.dispose();
  }

  /** A message from the webview: hostile input, checked before anything reads it. */
  async receive(raw: unknown): Promise<void> {
    if (!isFromWebview(raw)) {
      this.log.warn('Ignored a malformed message from the inspector webview.');
      return;
    }
    if (raw.type === 'ready') return this.panel?.scriptReady(this.lastView);
    try {
      const handler = HANDLERS[raw.type] as Handler<typeof raw.type>;
      await this.apply(await handler(raw, this.context()));
    } catch (e) {
      this.log.error(`Inspector action "${raw.type}" failed: ${(e as Error).message}`);
      await this.say('error', (e as Error).message);
    }
  }

  /** What a handler reads: the state as it is now, and the extension's services. */
  private context(): ActionContext {
    return { state: this.state, view: this.lastView, keys: this.keys, keyCache: this.keyCache, log: this.log, listedOr: (id, fallback) => this.listedOr(id, fallback) };
  }

  /** Carry out a handler's change: the state, one render, then what is said and posted. */
  private async apply(change: Change): Promise<void> {
    if (change.state) {
      this.state = { ...this.state, ...change.state };
      if (change.render !== false) await this.render();
    }
    if (change.say) await this.say(change.say.level, change.say.text, change.say.copied);
    if (change.post) await this.post(change.post);
  }

  /** `id` when it names a key source this extension listed, else `fallback`: ids from elsewhere are hostile input. */
  private listedOr(id: string | undefined, fallback: string): string {
    if (id === undefined || id === fallback) return fallback;
    if (this.keys.isListed(id)) return id;
    this.log.warn('Ignored a key source the extension did not list.');
    return fallback;
  }

  /** Reveal the panel, or make it: its HTML is written once `rendering` is done, with that view in it. */
  private createOrShow(rendering: Promise<unknown>): void {
    if (this.panel) return this.panel.reveal();
    void this.attach((events) => InspectorPanel.create(this.extensionUri, events), rendering);
  }

  /**
   * Take the panel `make` returns (a new one, or one VS Code restored) as the inspector's. Its HTML is written when
   * `rendering` settles, with the newest view in it: the frame is being built meanwhile, and the script paints the
   * verdict at start instead of after a round trip.
   */
  private attach(make: (events: PanelEvents) => InspectorPanel, rendering: Promise<unknown>): Promise<void> {
    const panel = make({
      onMessage: (m) => this.receive(m),
      onDispose: () => {
        this.panel = undefined;
        this.lastView = undefined;
      },
    });
    this.panel = panel;
    const write = () => {
      if (this.panel === panel) panel.writeHtml(this.lastView);
    };
    return rendering.then(write, write);
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
    const view = await buildView(this.state, this.keys, this.keyCache);
    // A newer render is on its way and will post: its caller gets that view, so that what it reads next (the panel's
    // view) is what the panel shows — a key source added meanwhile re-renders, and a token shown meanwhile wins.
    if (generation !== this.renderGeneration) return this.newestRender ?? view;
    this.lastView = view;
    await this.post({ type: 'view', view });
    return view;
  }

  private async post(message: ToWebview): Promise<void> {
    this.posted.fire(message);
    await this.panel?.post(message);
  }

  /**
   * A status line for the token on display ("Signed with …", an error): kept with that token, so that it is shown with
   * it and goes when another token (or none) is shown.
   */
  private async say(level: 'info' | 'error', text: string, copied?: boolean): Promise<void> {
    this.state = { ...this.state, status: { token: this.state.token, level, text } };
    if (this.lastView) this.lastView = { ...this.lastView, status: { level, text } };
    await this.post({ type: 'notice', level, text, ...(copied ? { copied } : {}) });
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
}
