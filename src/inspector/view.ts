import * as vscode from 'vscode';
import { cleanTokenText, decodeToken, inspectToken, keyUsed, type Inspection, type InspectOptions, type KeyCache } from '../core';
import { DEFAULT_VERIFY_OPTIONS, type InspectorView, type Origin, type PanelSecret, type VerifyOptionsView } from '../protocol';
import type { EnvReads } from '../workspace/envFile';
import { getConfig } from '../workspace/config';
import { forToken } from '../workspace/jwksStore';
import type { KeySources, LoadedKey } from '../workspace/keySources';
import { describeForView, issuerOffer, keySearchView, secretEncodingOf, type KeySearchState } from './keyActions';

/** A line the panel says, for the token it was said about: it goes with that token. */
export interface Said {
  token?: string;
  level: 'info' | 'error';
  text: string;
}

/** The inspector's state on the extension side (keys never in it, except a secret typed in the panel, never sent back). */
export interface State {
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
  status?: Said;
  /** Where the token on display came from ("No token was selected: this one is from the clipboard."), shown by the banner. */
  note?: { token: string; text: string };
}

/** The state of a panel that shows nothing yet. */
export function initialState(keySource: string): State {
  return { origin: 'empty', keySource, options: initialOptions(), signedHere: false };
}

/** Verification options to start with: the `jwtWorkbench.leeway` setting; issuer and audience stay open. */
function initialOptions(): VerifyOptionsView {
  return { ...DEFAULT_VERIFY_OPTIONS, leeway: getConfig().leeway };
}

/** `{ [name]: value }` when there is a value, else nothing: the view carries no undefined members. */
function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: V };
}

/** The options of an inspection; `keyIssuer`: the issuer the key belongs to, expected unless the user set another. */
export function inspectOptions(options: VerifyOptionsView, key: InspectOptions['key'], cache: KeyCache, keyIssuer?: string): InspectOptions {
  const audience = options.audience.split(',').map((a) => a.trim()).filter(Boolean);
  return {
    key,
    issuer: options.issuer.trim() || keyIssuer,
    audience: audience.length ? audience : undefined,
    leeway: options.leeway,
    now: options.at ? new Date(options.at) : undefined,
    nonce: options.nonce?.trim() || undefined,
    clientId: options.clientId?.trim() || undefined,
    cache,
  };
}

/** The key the token on display is verified with: the secret typed in the panel, else the source's (fit to the token). */
async function keyFor(state: State, keys: KeySources, reads: EnvReads): Promise<LoadedKey | undefined> {
  if (!state.token) return undefined;
  if (state.panelSecret) {
    const { text, encoding } = state.panelSecret;
    return { key: { secret: text, encoding }, label: vscode.l10n.t('the secret typed in the panel ({0})', encoding === 'utf8' ? 'text' : encoding) };
  }
  const kid = decodeToken(cleanTokenText(state.token).token).header?.kid;
  return forToken(await keys.load(state.keySource, kid, reads), state.token);
}

/** Inspect the token of `state` with its key: the verdict, with why no key could check it and how the key is read. */
async function inspect(state: State, loaded: LoadedKey | undefined, cache: KeyCache): Promise<Inspection | undefined> {
  if (!state.token) return undefined;
  const inspection = await inspectToken(state.token, inspectOptions(state.options, loaded?.key, cache, loaded?.issuer));
  if (loaded?.missing && inspection.verdict === 'unverified' && inspection.kind === 'jws') inspection.detail = loaded.missing;
  // The project's .env reader reads the key differently from the other one: worth a warning where it is seen.
  if (loaded?.note) inspection.warnings = [...inspection.warnings, { code: 'env-dialect', message: loaded.note }];
  return inspection;
}

/** The view of `state` the webview renders: no key material in it. */
export async function buildView(state: State, keys: KeySources, cache: KeyCache): Promise<InspectorView> {
  // One read of each .env for both the key and the pickers' list.
  const reads: EnvReads = new Map();
  const loaded = await keyFor(state, keys, reads);
  const inspection = await inspect(state, loaded, cache);
  const encoding = secretEncodingOf(loaded?.key);
  return {
    inspection,
    origin: state.origin,
    // The key the verdict rests on: a DPoP proof's own header key is named as that, never as the source chosen.
    keySource: keyUsed(inspection, loaded?.key ? loaded.label : undefined),
    ...describeForView(loaded?.key, cache),
    ...(loaded?.note ? { keyNote: loaded.note } : {}),
    signedHere: state.signedHere,
    ...(state.signedHere && state.signedWith ? { signedWith: state.signedWith } : {}),
    ...(state.keyChosen ? { keyChosen: state.keyChosen } : {}),
    ...(loaded?.noEnv && state.keySource.startsWith('env:') ? { canGenerateSecret: true } : {}),
    ...(state.previous && !state.token ? { hasPrevious: true } : {}),
    ...(state.panelSecret ? { panelSecret: true } : {}),
    ...optional('issuerOffer', await issuerOffer(inspection, state.keySource, keys)),
    ...optional('secretEncoding', state.panelSecret ? undefined : encoding),
    ...optional('keySearch', keySearchView(state.keySearch, state.token, state.keySource, encoding)),
    keySources: await keys.list(reads),
    selectedKeySource: state.keySource,
    options: state.options,
    canReplace: !!state.range && !!state.document && vscode.workspace.textDocuments.some((d) => d.uri.toString() === state.document!.toString()),
    ...optional('status', state.status && state.status.token === state.token ? { level: state.status.level, text: state.status.text } : undefined),
    ...optional('originNote', state.note && state.note.token === state.token ? state.note.text : undefined),
  };
}

/**
 * The token on display, when it is token-shaped (only base64url characters and dots: what passed the character
 * check). Copy and Insert act on this alone, so the webview cannot put arbitrary text on the clipboard or into an
 * editor by "pasting" it first.
 */
export function tokenOnDisplay(view: InspectorView | undefined): { inspection: Inspection; token: string } | undefined {
  const inspection = view?.inspection;
  const token = inspection?.token;
  if (!inspection || !token || !inspection.parts || !/^[A-Za-z0-9_.~-]+$/.test(token)) return undefined;
  return { inspection, token };
}
