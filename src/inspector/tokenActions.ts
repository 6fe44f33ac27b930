import * as vscode from 'vscode';
import { findTokens, isCoreError, MAX_TOKEN_CHARS, secretAsJwk, tokenSpan, type KeyCache, type SigningAlg } from '../core';
import { CommandIds } from '../commandIds';
import type { FromWebview, InspectorView, ToWebview } from '../protocol';
import { getConfig } from '../workspace/config';
import type { KeySources } from '../workspace/keySources';
import { copyText, tokenOnDisplay } from './rules';
import type { State } from './state';
import { askModal } from '../workspace/modal';

/**
 * What a message changes, for the controller to carry out: `state` is merged into the state and the panel renders
 * once (unless `render` is false: remembered only); then `say` becomes the status line of the token on display, and
 * `post` goes to the webview.
 */
export interface Change {
  state?: Partial<State>;
  render?: false;
  /** `copied`: the line confirms a copy (the webview flashes the button that asked for it). */
  say?: { level: 'info' | 'error'; text: string; copied?: true };
  post?: ToWebview;
}

/** What a handler reads: the state and view at the time of the message, and the services it acts with. */
export interface ActionContext {
  readonly state: Readonly<State>;
  readonly view: InspectorView | undefined;
  readonly keys: KeySources;
  readonly keyCache: KeyCache;
  readonly log: vscode.LogOutputChannel;
  /** `id` when it names a key source this extension listed, else `fallback`: ids from elsewhere are hostile input. */
  listedOr(id: string | undefined, fallback: string): string;
}

type Message<T extends FromWebview['type']> = Extract<FromWebview, { type: T }>;

const error = (text: string): Change => ({ say: { level: 'error', text } });

/** Keep the secret typed in the panel in SecretStorage, under a name the user gives; it becomes the key source. */
export async function saveSecret(m: Message<'saveSecret'>, { keys, log }: ActionContext): Promise<Change> {
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Save the secret to SecretStorage'),
    prompt: vscode.l10n.t('A name for it, e.g. "staging"'),
    validateInput: (v) => (/^[\w .-]{1,64}$/.test(v) ? undefined : vscode.l10n.t('Letters, digits, space, dot, dash and underscore; at most 64.')),
  });
  if (!name) return {};
  // A text secret is kept as text (as PyJWT uses a str key); an encoded one as the oct JWK of its bytes.
  const id = await keys.storeKey(name, m.secret.encoding === 'utf8' ? m.secret.text : JSON.stringify(secretAsJwk(m.secret.text, m.secret.encoding)));
  log.info(`Saved the secret typed in the inspector to SecretStorage as "${name}".`);
  return { state: { keySource: id, panelSecret: undefined }, say: { level: 'info', text: vscode.l10n.t('Saved to SecretStorage as {0}.', name) } };
}

/** Bring back the token shown before the box was cleared for a paste. */
export async function restorePrevious(_m: Message<'restorePrevious'>, { state }: ActionContext): Promise<Change> {
  return { state: state.previous ? { token: state.previous, previous: undefined, origin: 'restored' } : {} };
}

/** Generate Secret, for the document the token came from; the panel then verifies with it. */
export async function generateSecret(_m: Message<'generateSecret'>, { state }: ActionContext): Promise<Change> {
  await vscode.commands.executeCommand(CommandIds.generateSecret, { for: state.document });
  return { state: {} };
}

/** Paste from Clipboard: the clipboard may hold anything (a password, a whole file): only a token found in it is shown. */
/** Encrypt the token on display, never one the message names; the recipient is asked in the extension's own pickers. */
export async function encrypt(_m: Message<'encrypt'>, { state }: ActionContext): Promise<Change> {
  if (state.token) await vscode.commands.executeCommand(CommandIds.encryptSelection, { token: state.token });
  return {};
}

export async function pasteClipboard(_m: Message<'pasteClipboard'>, { state }: ActionContext): Promise<Change> {
  const clip = (await vscode.env.clipboard.readText()).slice(0, MAX_TOKEN_CHARS + 1);
  const found = clip.trim() ? findTokens(clip)[0] : undefined;
  if (!found) return error(clip.trim() ? vscode.l10n.t('The clipboard holds no token (a JWT starts with "eyJ" and has two or four dots); nothing was pasted.') : vscode.l10n.t('The clipboard is empty.'));
  return { state: { ...(state.token ? { previous: state.token } : {}), token: found.token, origin: 'clipboard', signedHere: false, signedWith: undefined, keyChosen: undefined, panelSecret: undefined } };
}

/** Re-sign the edited header and payload with a key source the extension listed (never a key the webview names). */
export async function sign(m: Message<'sign'>, { state, keys, keyCache, log }: ActionContext): Promise<Change> {
  const loaded = await keys.load(m.keySource);
  if (!loaded.key) return error(vscode.l10n.t('Cannot sign: {0}', loaded.missing ?? vscode.l10n.t('no key')));
  // Signing is read on first use: opening the inspector and verifying do not need it.
  const { parsePayload } = await import('../core/text/payload');
  const { parseLifetime, signToken } = await import('../core/token/sign');
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = m.header.trim() ? await parsePayload(m.header) : {};
    payload = await parsePayload(m.payload);
  } catch (e) {
    return error(isCoreError(e) ? e.message : String(e));
  }
  const { alg: _ignored, ...extraHeader } = header;
  const alg: SigningAlg = m.alg;
  try {
    // Re-signing keeps the claims as edited, except that a payload without "exp" gets one, as Sign Selection gives
    // it (jwtWorkbench.lifetime): a token that never expires is never made here by accident.
    const withExp = payload.exp === undefined ? { ...payload, exp: Math.floor(Date.now() / 1000) + parseLifetime(getConfig(state.document).lifetime) } : payload;
    const token = await signToken(withExp, loaded.key, { alg, header: extraHeader, addDefaults: false, cache: keyCache });
    log.info(`Re-signed a token in the inspector with ${loaded.label} (${alg}).`);
    // The status line replaces an earlier failure's message under Sign.
    return { state: { token, keySource: m.keySource, origin: 'signed', signedHere: true, signedWith: `${loaded.label} (${alg})` }, say: { level: 'info', text: vscode.l10n.t('Signed with {0} ({1}).', loaded.label, alg) } };
  } catch (e) {
    return error(isCoreError(e) ? vscode.l10n.t('Cannot sign: {0}', e.message) : String(e));
  }
}

/** The user clicked "Reveal": the key of that source goes to the webview once, to show for a moment. */
export async function reveal(m: Message<'reveal'>, { state, keys, log }: ActionContext): Promise<Change> {
  // Only the key the panel shows, which the user chose from the extension's list: the webview is another trust
  // domain and may not name some other stored key, file or variable.
  if (m.keySource !== state.keySource || !keys.isListed(m.keySource)) {
    log.warn('Ignored a request to reveal a key the inspector is not using.');
    return {};
  }
  const loaded = await keys.load(m.keySource);
  if (!loaded.key) return error(loaded.missing ?? vscode.l10n.t('no key'));
  // The webview asks, but only the user answers: a dialog of the extension's own, which no message can click, so a
  // compromised webview cannot read a key by posting "reveal" on its own.
  const show = vscode.l10n.t('Show');
  const answer = await askModal(vscode.l10n.t('Show the key of {0} in the JWT Inspector?', loaded.label), vscode.l10n.t('It is shown in the panel for 30 seconds and is not saved with it.'), show);
  if (answer !== show) return {};
  log.info(`Revealed the key of ${loaded.label} in the inspector, as asked.`);
  return { post: { type: 'revealed', keySource: m.keySource, text: typeof loaded.key === 'string' ? loaded.key : JSON.stringify(loaded.key, null, 2) } };
}

/** Copy the token on display, as a header line, or its decoded header or payload. */
export async function copy(m: Message<'copy'>, { view }: ActionContext): Promise<Change> {
  const shown = tokenOnDisplay(view);
  if (!shown) return error(vscode.l10n.t('Nothing to copy: the text is not a token.'));
  const what = m.what;
  const text = copyText(what, shown);
  await vscode.env.clipboard.writeText(text);
  return { say: { level: 'info', text: vscode.l10n.t('Copied {0}.', what === 'bearer' ? 'the Authorization header' : `the ${what}`), copied: true } };
}

/** Insert the token on display at the cursor, or put it back where it came from ("Replace selection"). */
export async function insert(m: Message<'insert'>, { state, view }: ActionContext): Promise<Change> {
  const token = tokenOnDisplay(view)?.token;
  if (!token) return error(vscode.l10n.t('Nothing to insert: the text is not a token.'));
  if (m.mode === 'replace' && state.document && state.range) return { state: { range: await replaceAt(state.document, state.range, token) }, render: false };
  const editor = vscode.window.visibleTextEditors[0];
  if (!editor) return error(vscode.l10n.t('Open an editor to insert the token into.'));
  await editor.edit((b) => b.replace(editor.selection, token));
  return {};
}

/** Replace the token in `range` of `uri` with `token`; returns the range it then covers. */
async function replaceAt(uri: vscode.Uri, range: vscode.Range, token: string): Promise<vscode.Range> {
  // The editor it came from, where it is; opened beside the inspector (never over it) when it was closed.
  const editor =
    vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) ??
    (await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: vscode.ViewColumn.One, preserveFocus: true }));
  const doc = editor.document;
  // Only the token is replaced: the quotes of a string literal (Sign Selection's "eyJ…" in code), a "Bearer "
  // before it, stay as they are, so the file still parses.
  const start = doc.offsetAt(range.start);
  const old = doc.getText(range);
  const inner = tokenSpan(old);
  await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(start + inner.start), doc.positionAt(start + inner.end)), token));
  return new vscode.Range(range.start, doc.positionAt(start + old.length - (inner.end - inner.start) + token.length));
}

/** Add a key source of the kind asked (with its own command and dialogs); the panel then verifies with it. */
export async function addKeySource(m: Message<'addKeySource'>): Promise<Change> {
  const command = ({ file: CommandIds.addKeyFile, jwks: CommandIds.addJwksUrl, secret: CommandIds.storeKey, issuer: CommandIds.addIssuer, anchors: CommandIds.addTrustAnchors } as const)[m.kind];
  const id = await vscode.commands.executeCommand<string | undefined>(command);
  return { state: id ? { keySource: id } : {} };
}
