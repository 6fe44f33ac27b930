/**
 * The one typed message protocol between the extension and the inspector webview. Imported by both sides; imports
 * neither. Every message crossing the boundary is checked at run time with the guards below — a token is
 * attacker-controlled input, and the webview is a separate trust domain. No message carries a secret, except the
 * one answer to the user's own "Reveal" click ({@link ToWebview} 'revealed'), which the webview shows for a moment
 * and never stores in its state.
 */
import type { Inspection, SecretEncoding, SigningAlg } from './core';
import { isSigningAlg } from './core/base/algorithms';
import { SECRET_ENCODINGS } from './core/keys/types';

export type { SecretEncoding } from './core';

/** Where the key for verification or signing comes from; `id` is opaque to the webview. */
export interface KeySourceOption {
  id: string;
  /** Shown to the user: ".env JWT_SECRET", "key file keys/public.pem", "SecretStorage: staging". */
  label: string;
}

/** Verification options the user sets in the inspector. */
export interface VerifyOptionsView {
  issuer: string;
  audience: string;
  /** Seconds. */
  leeway: number;
  /** ISO time to verify at, or '' for now. */
  at: string;
  /** The nonce the client (or verifier) sent: checked in ID tokens and KB-JWTs. */
  nonce?: string;
  /** The OAuth client: an ID token's aud, an access token's client_id. */
  clientId?: string;
}

/** How the token on display came to be there: an editor's selection, a paste, a signature made here, a restored panel, the debugger, the terminal, a redirect URI, the clipboard. */
export type Origin = 'selection' | 'pasted' | 'signed' | 'restored' | 'empty' | 'debugger' | 'terminal' | 'uri' | 'clipboard';

/** Everything the webview renders. */
export interface InspectorView {
  inspection?: Inspection;
  origin: Origin;
  /** Label of the key source used, never the key. */
  keySource?: string;
  /** What the verification key is, without its secret parts (e.g. "HMAC secret (32 bytes)"). */
  keyDescription?: string;
  /** Whether that key holds secret material: shown masked, revealed only on request. */
  keyIsSecret?: boolean;
  /** Something to know about the key (never its value), e.g. that the project's other .env reader reads it differently. */
  keyNote?: string;
  /** True when the token was signed in the inspector: the banner says so instead of "verified". */
  signedHere?: boolean;
  /** Which key signed it, with the algorithm ("key file keys/es256-private.pem (ES256)"); never the key. */
  signedWith?: string;
  /** Why this key source was chosen for the token (it fits its alg and kid), when it is not the document's default. */
  keyChosen?: string;
  /** The chosen .env source has no secret yet: the banner offers Generate Secret. */
  canGenerateSecret?: boolean;
  /** The box was cleared for a paste; the token shown before can be brought back. */
  hasPrevious?: boolean;
  /** The key in use is the secret typed in the panel (the view never carries it back). */
  panelSecret?: boolean;
  /**
   * The token's `iss` (an https URL) when no key at hand verified it: the banner offers "Fetch keys for <iss>…". The
   * extension fetches only after the user's click and a confirmation that lists the URLs.
   */
  issuerOffer?: string;
  /** The selected source holds secret text, read this way (utf8 = as text); the panel offers to change it. */
  secretEncoding?: SecretEncoding;
  /** The answer to "Which of my keys signed this?" for the token on display. */
  keySearch?: KeySearchView;
  keySources: KeySourceOption[];
  /** The id of the key source in use. */
  selectedKeySource: string;
  options: VerifyOptionsView;
  /** Whether "Replace selection" can act (the token came from an editor that is still open). */
  canReplace: boolean;
  /** The status line said about the token on display ("Signed with …", "Copied the token."): gone with that token. */
  status?: { level: 'info' | 'error'; text: string };
  /** Where the token on display came from ("… this one is from the clipboard."): shown by the banner, gone with it. */
  originNote?: string;
}

/**
 * Which of the user's keys signed the token on display: labels of the keys that matched, never a key or a source id.
 * Each match carries an opaque handle, good for that token only: "Use this key" sends it back, and only then does
 * the extension make that one key selectable.
 */
export interface KeySearchView {
  matches: KeyMatchView[];
  /** Keys tried (those that fit the token's algorithm), and keys skipped (another type, unreadable). */
  tried: number;
  skipped: number;
  /** How long the search took, in milliseconds (reading the keys not counted). */
  ms: number;
  /** Why no key could be tried (an unsigned token, a JWE). */
  why?: string;
}

/** One key that signed the token on display. */
export interface KeyMatchView {
  /** Random, made by the extension for this token's search; means nothing elsewhere. */
  handle: string;
  label: string;
  /** The key matched only with this reading of its secret text. */
  reading?: SecretEncoding;
  /** The key is the one in use, read as it matched. */
  inUse: boolean;
}

export type ToWebview =
  | { type: 'view'; view: InspectorView }
  /** A status line; `copied` when it answers a copy (the webview confirms on the button, whatever the text's language). */
  | { type: 'notice'; level: 'info' | 'error'; text: string; copied?: boolean }
  /** The key of `keySource`, sent only because the user clicked "Reveal"; shown briefly, never persisted. */
  | { type: 'revealed'; keySource: string; text: string };

export type CopyWhat = 'token' | 'header' | 'payload' | 'bearer';

/** How a secret typed in the panel is to be read (jwt.io's "secret base64 encoded" is 'base64url' or 'base64'). */

/** A secret the user typed into the panel: used for this panel only, never stored unless they save it. */
export interface PanelSecret {
  text: string;
  encoding: SecretEncoding;
}

export type FromWebview =
  | { type: 'ready' }
  | { type: 'inspect'; token: string; keySource: string; options: VerifyOptionsView; secret?: PanelSecret }
  | { type: 'saveSecret'; secret: PanelSecret }
  | { type: 'sign'; header: string; payload: string; alg: SigningAlg; keySource: string }
  | { type: 'copy'; what: CopyWhat }
  | { type: 'insert'; mode: 'insert' | 'replace' }
  | { type: 'addKeySource'; kind: KeySourceKind }
  | { type: 'reveal'; keySource: string }
  | { type: 'restorePrevious' }
  | { type: 'generateSecret' }
  /** "Paste from Clipboard": the extension reads the clipboard (the webview cannot) and inspects what it holds. */
  | { type: 'pasteClipboard' }
  /** Fetch the keys of the token's issuer (the one the view offered; the webview names no URL). */
  | { type: 'fetchIssuerKeys' }
  /** Read the selected source's secret text this way from now on. */
  | { type: 'setSecretEncoding'; encoding: SecretEncoding }
  /** Try every key the user has on the token on display. */
  | { type: 'findKey' }
  /** Encrypt the token on display (sign-then-encrypt): the extension asks for the recipient; the webview names nothing. */
  | { type: 'encrypt' }
  /** Verify with a key the search found, named by the handle the view carried, read as it was found to be. */
  | { type: 'useKey'; handle: string };

export type KeySourceKind = 'file' | 'secret' | 'jwks' | 'issuer' | 'anchors';

const MAX_TEXT = 4 * 1024 * 1024;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isText(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_TEXT;
}

export function isVerifyOptions(v: unknown): v is VerifyOptionsView {
  return (
    isRecord(v) &&
    isText(v.issuer) &&
    isText(v.audience) &&
    typeof v.leeway === 'number' &&
    Number.isFinite(v.leeway) &&
    v.leeway >= 0 &&
    isText(v.at) &&
    (v.at === '' || !Number.isNaN(Date.parse(v.at))) &&
    (v.nonce === undefined || isText(v.nonce)) &&
    (v.clientId === undefined || isText(v.clientId))
  );
}


const ENCODINGS: ReadonlySet<string> = new Set(SECRET_ENCODINGS);

function isPanelSecret(v: unknown): v is PanelSecret {
  return isRecord(v) && typeof v.text === 'string' && v.text.length > 0 && v.text.length <= 64 * 1024 && typeof v.encoding === 'string' && ENCODINGS.has(v.encoding);
}

/** Run-time check of a message from the webview. */
export function isFromWebview(m: unknown): m is FromWebview {
  if (!isRecord(m)) return false;
  switch (m.type) {
    case 'ready':
    case 'restorePrevious':
    case 'generateSecret':
    case 'pasteClipboard':
    case 'fetchIssuerKeys':
    case 'findKey':
    case 'encrypt':
      return true;
    case 'setSecretEncoding':
      return typeof m.encoding === 'string' && ENCODINGS.has(m.encoding);
    case 'useKey':
      return typeof m.handle === 'string' && m.handle.length > 0 && m.handle.length <= 64;
    case 'inspect':
      return isText(m.token) && isText(m.keySource) && isVerifyOptions(m.options) && (m.secret === undefined || isPanelSecret(m.secret));
    case 'saveSecret':
      return isPanelSecret(m.secret);
    case 'sign':
      return isText(m.header) && isText(m.payload) && isSigningAlg(m.alg) && isText(m.keySource);
    case 'copy':
      return m.what === 'token' || m.what === 'header' || m.what === 'payload' || m.what === 'bearer';
    case 'insert':
      return m.mode === 'insert' || m.mode === 'replace';
    case 'addKeySource':
      return m.kind === 'file' || m.kind === 'secret' || m.kind === 'jwks' || m.kind === 'issuer' || m.kind === 'anchors';
    case 'reveal':
      return isText(m.keySource);
    default:
      return false;
  }
}

/** Run-time check of a message from the extension (the webview trusts nothing it did not check). */
export function isToWebview(m: unknown): m is ToWebview {
  if (!isRecord(m)) return false;
  if (m.type === 'notice') return (m.level === 'info' || m.level === 'error') && isText(m.text) && (m.copied === undefined || typeof m.copied === 'boolean');
  if (m.type === 'revealed') return isText(m.keySource) && isText(m.text);
  if (m.type !== 'view' || !isRecord(m.view)) return false;
  const v = m.view;
  return (
    typeof v.origin === 'string' &&
    Array.isArray(v.keySources) &&
    v.keySources.every((s) => isRecord(s) && isText(s.id) && isText(s.label)) &&
    isVerifyOptions(v.options) &&
    typeof v.canReplace === 'boolean' &&
    isText(v.selectedKeySource) &&
    (v.keyDescription === undefined || isText(v.keyDescription)) &&
    (v.keyIsSecret === undefined || typeof v.keyIsSecret === 'boolean') &&
    (v.keyNote === undefined || isText(v.keyNote)) &&
    (v.signedWith === undefined || isText(v.signedWith)) &&
    (v.keyChosen === undefined || isText(v.keyChosen)) &&
    (v.inspection === undefined || (isRecord(v.inspection) && typeof v.inspection.verdict === 'string' && typeof v.inspection.message === 'string'))
  );
}

/**
 * The id of the `<script type="application/json">` block in which the extension hands the webview its first view
 * with the HTML (checked with {@link isToWebview} like a message), so the verdict paints without a round trip.
 */
export const INITIAL_VIEW_ID = 'initial-view';

/** What the panel persists across reloads (`WebviewPanelSerializer`): the token and options, never a key. */
export interface PersistedState {
  token?: string;
  options?: VerifyOptionsView;
  keySource?: string;
}

export function isPersistedState(v: unknown): v is PersistedState {
  return isRecord(v) && (v.token === undefined || isText(v.token)) && (v.options === undefined || isVerifyOptions(v.options)) && (v.keySource === undefined || isText(v.keySource));
}

export const DEFAULT_VERIFY_OPTIONS: VerifyOptionsView = { issuer: '', audience: '', leeway: 0, at: '' };
