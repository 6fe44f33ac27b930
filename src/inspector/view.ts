import * as vscode from 'vscode';
import { cleanTokenText, decodeToken, inspectToken, keyUsed, type Inspection, type KeyCache } from '../core';
import { DEFAULT_VERIFY_OPTIONS, type InspectorView, type VerifyOptionsView } from '../protocol';
import type { EnvReads } from '../workspace/envFile';
import { getConfig } from '../workspace/config';
import { forToken } from '../workspace/jwksStore';
import type { KeySources, LoadedKey } from '../workspace/keySources';
import { describeForView, issuerOffer, secretEncodingOf } from './keyActions';
import { inspectOptions, keySearchView } from './rules';
import type { State } from './state';

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
