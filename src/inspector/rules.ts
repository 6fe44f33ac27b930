// The inspector's rules that need no editor: what an inspection is asked, what Copy and Insert may act on, how the
// Which-key answer is shown, and what an edit in the panel changes. Imports no vscode (unit-tested in plain Node).
import type { Inspection, InspectOptions, KeyCache, SecretEncoding } from '../core';
import type { CopyWhat, FromWebview, InspectorView, KeySearchView, VerifyOptionsView } from '../protocol';
import type { KeySearchState } from './keyActions';
import type { State } from './state';

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

/** What Copy puts on the clipboard: the token, an Authorization header line, or its decoded header or payload. */
export function copyText(what: CopyWhat, { inspection, token }: { inspection: Inspection; token: string }): string {
  if (what === 'token') return token;
  if (what === 'bearer') return `Authorization: Bearer ${token}`;
  if (what === 'header') return JSON.stringify(inspection.header ?? {}, null, 2);
  return inspection.payload !== undefined ? JSON.stringify(inspection.payload, null, 2) : (inspection.payloadText ?? '');
}

/** The Which-key answer as the webview sees it: labels and handles, and which match is the key in use. */
export function keySearchView(search: KeySearchState | undefined, token: string | undefined, keySource: string, encoding: SecretEncoding | undefined): KeySearchView | undefined {
  if (!search || search.token !== token) return undefined;
  const matches = search.found.map((f) => ({ handle: f.handle, label: f.label, ...(f.reading ? { reading: f.reading } : {}), inUse: f.id === keySource && (!f.reading || f.reading === encoding) }));
  return { matches, ...search.summary };
}

/**
 * What an edit in the panel (the token, the key source, the options, a typed secret) changes. `keySource` is the one
 * the message named once checked against the listed sources. A token signed here stays "signed here" only while
 * nothing changes; choosing a verification key (or typing a secret) verifies it.
 */
export function inspectChange(m: Extract<FromWebview, { type: 'inspect' }>, state: Readonly<State>, keySource: string): Partial<State> {
  const same = m.token === state.token;
  const sameKey = same && keySource === state.keySource;
  return {
    token: m.token,
    keySource,
    options: m.options,
    origin: same ? state.origin : 'pasted',
    signedHere: sameKey && state.signedHere && !m.secret,
    panelSecret: m.secret,
    keyChosen: sameKey ? state.keyChosen : undefined,
  };
}
