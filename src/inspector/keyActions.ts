// The inspector's key actions: which key signed this, the issuer offer, and how a secret source is read. Every
// id they act on is one the extension listed.
import * as vscode from 'vscode';
import { describeKey, isCoreError, secretText, type Inspection, type KeyCache, type KeyInput, type SecretEncoding } from '../core';
import { CommandIds } from '../commandIds';
import type { FromWebview, InspectorView, KeySearchView } from '../protocol';
import type { KeySources } from '../workspace/keySources';

/**
 * The issuer whose keys the banner may offer to fetch: the token's `iss`, when it is a URL discovery can use and no
 * key verified the token (unverified, or a signature that matches none of the keys). Undefined otherwise, and when
 * the source in use already is that issuer's JWKS.
 */
export async function issuerOffer(inspection: Inspection | undefined, keySource: string, keys: KeySources): Promise<string | undefined> {
  if (!inspection || inspection.kind !== 'jws' || inspection.verifiedWith) return undefined;
  if (inspection.verdict !== 'unverified' && inspection.verdict !== 'invalid-signature') return undefined;
  const iss = (inspection.payload as Record<string, unknown> | undefined)?.iss;
  if (typeof iss !== 'string') return undefined;
  try {
    // Discovery's code is read on first use: only a token with an issuer and no key that verifies it gets here.
    (await import('../core/keys/discovery')).discoveryPlan(iss);
  } catch {
    return undefined;
  }
  return keys.jwks.issuerSource(iss) === keySource ? undefined : iss;
}

/** How the key in use is read, when it is secret text (for the panel's "read as" choice). */
export function secretEncodingOf(key: KeyInput | undefined): SecretEncoding | undefined {
  return secretText(key)?.encoding;
}

/** A key the search found: its source id stays here; the webview gets the label and a random handle. */
interface FoundKey {
  handle: string;
  id: string;
  label: string;
  reading?: SecretEncoding;
}

/**
 * A search's answer, tied to the token it was asked about. The candidates never leave the extension, and the keys
 * that matched are not selectable until the user picks one with "Use this key" (its handle, for this token).
 */
export interface KeySearchState {
  token: string;
  found: FoundKey[];
  summary: Omit<KeySearchView, 'matches'>;
}

const newHandle = (): string => crypto.randomUUID();

/**
 * Try every key the user has (nothing fetched) on `token`. The time is the search's own, the keys' reading from disk
 * and SecretStorage not counted.
 */
export async function searchKeys(keys: KeySources, token: string, cache: KeyCache, log: vscode.LogOutputChannel): Promise<KeySearchState> {
  const candidates = await keys.candidates();
  const started = performance.now();
  const result = await (await import('../core/token/whichKey')).whichKeySigned(token, candidates, { cache });
  const ms = performance.now() - started;
  log.info(`Which key: ${result.matches.length} of ${candidates.length} keys signed the token (${result.tried} tried, ${result.skipped} skipped) in ${ms.toFixed(1)} ms.`);
  const found = result.matches.map((k) => ({ handle: newHandle(), id: k.id, label: k.label, ...(k.reading ? { reading: k.reading } : {}) }));
  return { token, found, summary: { tried: result.tried, skipped: result.skipped, ms, ...(result.why ? { why: result.why } : {}) } };
}

/** What of the inspector's state a key action changes. */
export interface KeyStatePatch {
  keySource?: string;
  keyChosen?: string;
  panelSecret?: undefined;
  signedHere?: boolean;
  keySearch?: KeySearchState;
  status?: { token?: string; level: 'info' | 'error'; text: string };
}

/** What the panel says when "Use this key" names an offer that is no longer good: the key sources changed since. */
function staleOffer(token: string | undefined): KeyStatePatch {
  return { status: { token, level: 'error', text: vscode.l10n.t('That key can no longer be used: your key sources changed since “Which of my keys signed this?” answered. Use the answer shown now.') } };
}

type KeyActionMessage = Extract<FromWebview, { type: 'fetchIssuerKeys' | 'setSecretEncoding' | 'useKey' | 'findKey' }>;

/** Carry out a key action the webview asked for; returns what changes in the inspector's state. */
export async function keyAction(
  m: KeyActionMessage,
  state: { token?: string; keySource: string; keySearch?: KeySearchState },
  lastView: InspectorView | undefined,
  keys: KeySources,
  cache: KeyCache,
  log: vscode.LogOutputChannel,
): Promise<KeyStatePatch> {
  switch (m.type) {
    case 'fetchIssuerKeys': {
      // The issuer the view offered, from the token on display: the webview names no URL of its own.
      const issuer = lastView?.issuerOffer;
      if (!issuer) return {};
      const id = await vscode.commands.executeCommand<string | undefined>(CommandIds.addIssuer, { issuer });
      return id ? { keySource: id, keyChosen: undefined, panelSecret: undefined } : {};
    }
    case 'setSecretEncoding':
      await keys.setEncoding(state.keySource, m.encoding);
      return {};
    case 'useKey': {
      // Only a key the search found for the token on display, named by the handle its answer carried.
      const search = state.keySearch?.token === state.token ? state.keySearch : undefined;
      const found = search?.found.find((k) => k.handle === m.handle);
      if (!search || !found) {
        log.warn('Ignored a key the search did not find for the token on display.');
        return staleOffer(state.token);
      }
      // The user chose this one key: it becomes a listed source (and so selectable, revealable) from now on.
      keys.adopt(found.id);
      // A source forgotten since the answer was given is gone: the click came before the answer was asked again.
      if (!keys.isListed(found.id)) {
        log.warn('Ignored a key the search found but that is no longer a key source.');
        return staleOffer(state.token);
      }
      if (found.reading) await keys.setEncoding(found.id, found.reading);
      // Spent: the next "Use this key" of that match needs the handle the next view carries.
      const keySearch = { ...search, found: search.found.map((k) => (k === found ? { ...k, handle: newHandle() } : k)) };
      return { keySource: found.id, keyChosen: vscode.l10n.t('{0}: it signed this token', found.label), panelSecret: undefined, signedHere: false, keySearch };
    }
    case 'findKey':
      return state.token ? { keySearch: await searchKeys(keys, state.token, cache, log) } : {};
  }
}

/** What a key is, for the view: its description without secret parts, and whether it holds any secret. */
export function describeForView(key: KeyInput | undefined, cache: KeyCache): { keyDescription?: string; keyIsSecret?: boolean } {
  if (key === undefined) return {};
  try {
    const infos = describeKey(key, cache);
    const kinds = [...new Set(infos.map((k) => k.description))];
    const kids = infos.flatMap((k) => (k.kid === undefined ? [] : [k.kid]));
    const what = infos.length === 1 ? kinds[0] : `${infos.length} keys: ${kinds.join(', ')}`;
    return { keyDescription: kids.length ? `${what} — kid ${kids.join(', ')}` : what, keyIsSecret: infos.some((k) => k.isPrivate || k.family === 'oct') };
  } catch (e) {
    return { keyDescription: isCoreError(e) ? e.message : String(e), keyIsSecret: true };
  }
}