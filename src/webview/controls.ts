/** The panel's static controls, built once so that typing is never interrupted by a re-render, and their layout. */
import { SIGNING_ALGS } from '../core/base/algorithms';
import type { KeySourceKind, PanelSecret, SecretEncoding, VerifyOptionsView } from '../protocol';
import { el } from './dom';
import type { Post } from './keyOffers';
import { findKeyButton, READING_NAMES } from './keyOffers';
import { t } from './l10n';

/** The picker's entry for the secret typed in the panel: not a key source, so the extension ignores it as one. */
export const PANEL_SECRET_OPTION = 'panel-secret';

/** The ways to add a key source, as buttons (in the options, and in the banner when there is no key). */
const KEY_SOURCE_BUTTONS: { kind: KeySourceKind; id: string; label: string; title: string }[] = [
  { kind: 'file', id: 'KeyFile', label: t('Key file…'), title: t('Use a PEM, JWK or JWKS file from the workspace') },
  { kind: 'secret', id: 'StoredKey', label: t('Stored key…'), title: t('Keep a key in VS Code’s SecretStorage') },
  { kind: 'jwks', id: 'JwksUrl', label: t('JWKS URL…'), title: t('Fetch the issuer’s public keys from a URL you give (nothing else is ever fetched)') },
  { kind: 'issuer', id: 'Issuer', label: t('Issuer…'), title: t('Find an issuer’s keys from its discovery document (the URLs are shown before anything is fetched)') },
  { kind: 'anchors', id: 'TrustAnchors', label: t('Trust anchors…'), title: t('A CA certificate that tokens’ x5c certificate chains must lead to') },
];

/** Those buttons, with ids `${idPrefix}KeyFile` etc. */
export function keySourceButtons(idPrefix: string, post: Post, only?: (kind: KeySourceKind) => boolean): HTMLButtonElement[] {
  return KEY_SOURCE_BUTTONS.filter(({ kind }) => !only || only(kind)).map(({ kind, id, label, title }) => {
    const b = el('button', { id: idPrefix + id, type: 'button', class: 'secondary', title }, label);
    b.addEventListener('click', () => post({ type: 'addKeySource', kind }));
    return b;
  });
}

/** The verification options as typed: a leeway that is not a number is 0, a clock that is not a time is "now". */
export function readOptions(typed: { issuer: string; audience: string; leeway: string; clock: string; nonce: string; clientId: string }): VerifyOptionsView {
  const leeway = Number(typed.leeway);
  const at = typed.clock ? new Date(typed.clock) : undefined;
  return {
    issuer: typed.issuer,
    audience: typed.audience,
    leeway: Number.isFinite(leeway) && leeway >= 0 ? leeway : 0,
    at: at && !Number.isNaN(at.getTime()) ? at.toISOString() : '',
    ...(typed.nonce ? { nonce: typed.nonce } : {}),
    ...(typed.clientId ? { clientId: typed.clientId } : {}),
  };
}

function tokenControls() {
  const tokenInput = el('textarea', { id: 'token', rows: '4', spellcheck: 'false', 'aria-label': t('Token'), placeholder: t('Paste a JWT (eyJ…) — Bearer prefixes, quotes and line breaks are ignored') });
  // The token is shown once: the coloured parts are drawn under the (transparent) text of the box you type in.
  const partsView = el('pre', { id: 'parts', class: 'parts', 'aria-hidden': 'true' });
  return {
    tokenInput,
    partsView,
    tokenEditor: el('div', { class: 'token-editor' }, partsView, tokenInput),
    clearButton: el('button', { id: 'clear', type: 'button', class: 'secondary', title: t('Empty the box for a new token') }, t('Clear')),
    pasteButton: el('button', { id: 'pasteClipboard', type: 'button', class: 'secondary', title: t('Inspect the token on the clipboard') }, t('Paste from Clipboard')),
    previousButton: el('button', { id: 'previous', type: 'button', class: 'secondary', hidden: '' }, t('Show the previous token')),
    banner: el('div', { id: 'banner', class: 'banner', role: 'status' }),
  };
}

function optionControls() {
  return {
    keySelect: el('select', { id: 'keySource', 'aria-label': t('Key source for verification') }),
    issuerInput: el('input', { id: 'issuer', type: 'text', placeholder: t('any'), 'aria-label': t('Expected issuer') }),
    audienceInput: el('input', { id: 'audience', type: 'text', placeholder: t('any (comma-separated)'), 'aria-label': t('Expected audience') }),
    nonceInput: el('input', { id: 'nonce', type: 'text', placeholder: t('the nonce sent (ID tokens, SD-JWT presentations)'), 'aria-label': t('Nonce') }),
    clientInput: el('input', { id: 'clientId', type: 'text', placeholder: t('the client id (ID tokens, access tokens)'), 'aria-label': t('Client') }),
    leewayInput: el('input', { id: 'leeway', type: 'number', min: '0', max: '300', step: '1', value: '0', 'aria-label': t('Leeway in seconds') }),
    clockInput: el('input', { id: 'clock', type: 'datetime-local', step: '1', 'aria-label': t('Verify at this time (empty: now)') }),
    clockNow: el('button', { id: 'clockNow', type: 'button', class: 'secondary' }, t('Now')),
  };
}

function secretControls() {
  // jwt.io's habit: a secret typed right here. Sent with each inspection, never put in the panel's saved state.
  const secretInput = el('input', { id: 'panelSecret', type: 'password', autocomplete: 'off', spellcheck: 'false', placeholder: t('Secret (this panel only, not saved)'), title: t('A secret to verify with, used in this panel only: not saved, gone when the panel closes'), 'aria-label': t('Secret') });
  const secretEncoding = el('select', { id: 'secretEncoding', 'aria-label': t('How the secret is written') }, ...Object.entries(READING_NAMES).map(([v, label]) => el('option', { value: v }, label)));
  const saveSecretButton = el('button', { id: 'saveSecret', type: 'button', class: 'secondary', title: t('Keep this secret in VS Code’s SecretStorage, under a name you choose') }, t('Save to SecretStorage…'));
  const secretRow = el('div', { id: 'secretRow', class: 'row secret-row', hidden: '' }, el('label', { for: 'panelSecret' }, t('Secret')), secretInput, secretEncoding, saveSecretButton);
  return { secretInput, secretEncoding, saveSecretButton, secretRow };
}

/** What the chosen key is; its secret shown masked, and revealed only when asked for (never kept in the state). */
function keyInfoControls() {
  return {
    keyDescription: el('span', { id: 'keyDescription', class: 'muted' }),
    keyNote: el('div', { id: 'keyNote', class: 'key-note', role: 'note', hidden: '' }),
    keyMask: el('code', { id: 'keyMask', class: 'mask', 'aria-hidden': 'true' }, '••••••••••••••••'),
    keyRevealed: el('pre', { id: 'keyRevealed', class: 'revealed', hidden: '' }),
    readAsSlot: el('span', { class: 'read-as-slot' }),
    revealButton: el('button', { id: 'revealKey', type: 'button', class: 'secondary', title: t('Show the key here for 30 seconds (it is not saved with the panel)') }, t('Reveal')),
  };
}

function tokenViews() {
  return {
    warningsView: el('section', { id: 'warnings', 'aria-label': 'Warnings' }),
    claimsView: el('section', { id: 'claims', 'aria-label': t('Claims') }),
    profileView: el('section', { id: 'profile', class: 'profile', 'aria-label': t('Token profile') }),
    headerView: el('section', { id: 'header', class: 'panel' }),
    payloadView: el('section', { id: 'payload', class: 'panel' }),
    notice: el('div', { id: 'notice', role: 'alert', class: 'notice' }),
  };
}

function signControls() {
  const algSelect = el('select', { id: 'alg', 'aria-label': t('Signing algorithm') }, ...SIGNING_ALGS.map((a) => el('option', { value: a }, a)));
  const signKeySelect = el('select', { id: 'signKeySource', 'aria-label': t('Key source for signing') });
  const signButton = el('button', { id: 'sign', type: 'button' }, t('Sign'));
  return {
    editHeader: el('textarea', { id: 'editHeader', rows: '4', spellcheck: 'false', 'aria-label': t('Header to sign (JSON)') }),
    editPayload: el('textarea', { id: 'editPayload', rows: '8', spellcheck: 'false', 'aria-label': t('Payload to sign (JSON)') }),
    algSelect,
    signKeySelect,
    signButton,
    // Editing the header or payload above re-signs the token at once, with this key and algorithm ("signed here").
    signRow: el('div', { id: 'signRow', class: 'row sign-row' }, el('label', { for: 'signKeySource' }, t('Edit the header or payload above to re-sign with')), signKeySelect, el('label', { for: 'alg', class: 'visually-hidden' }, t('Algorithm')), algSelect, signButton),
    /** What is wrong with the header or payload being typed (the token is not re-signed until it parses). */
    editError: el('p', { id: 'editError', class: 'edit-error', role: 'alert', hidden: '' }),
  };
}

function actionControls() {
  return {
    copyToken: el('button', { id: 'copyToken', type: 'button', class: 'secondary' }, t('Copy token')),
    copyHeader: el('button', { id: 'copyHeader', type: 'button', class: 'secondary' }, t('Copy header')),
    copyPayload: el('button', { id: 'copyPayload', type: 'button', class: 'secondary' }, t('Copy payload')),
    copyBearer: el('button', { id: 'copyBearer', type: 'button', class: 'secondary' }, t('Copy Authorization header')),
    insert: el('button', { id: 'insert', type: 'button', class: 'secondary' }, t('Insert into editor')),
    replace: el('button', { id: 'replace', type: 'button', class: 'secondary' }, t('Replace selection')),
    encrypt: el('button', { id: 'encrypt', type: 'button', class: 'secondary', title: t("Encrypt this signed token to a recipient's key (a nested JWT)") }, t('Encrypt…')),
  };
}

/** Build the controls (not yet in the page). */
export function createControls() {
  return { ...tokenControls(), ...optionControls(), ...secretControls(), ...keyInfoControls(), ...tokenViews(), ...signControls(), actions: actionControls() };
}

export type Ui = ReturnType<typeof createControls>;

/** The verification options, folded under the banner. */
function verifyOptions(ui: Ui, post: Post): HTMLElement {
  const keyInfo = el('div', { id: 'keyInfo', class: 'row key-info' }, ui.keyDescription, ui.readAsSlot, ui.keyMask, ui.revealButton, ui.keyRevealed, findKeyButton('findKeyOptions', post), ui.keyNote);
  return el(
    'details',
    { id: 'verifyOptions', class: 'options' },
    el('summary', {}, t('Verification: key, issuer, audience, leeway, clock')),
    el(
      'div',
      { class: 'grid' },
      el('label', { for: 'keySource' }, t('Key')), el('div', { class: 'row' }, ui.keySelect, ...keySourceButtons('add', post)),
      el('span'), keyInfo,
      el('label', { for: 'issuer' }, t('Issuer')), ui.issuerInput,
      el('label', { for: 'audience' }, t('Audience')), ui.audienceInput,
      el('label', { for: 'nonce' }, t('Nonce')), ui.nonceInput,
      el('label', { for: 'clientId' }, t('Client')), ui.clientInput,
      el('label', { for: 'leeway' }, t('Leeway (s)')), ui.leewayInput,
      el('label', { for: 'clock' }, t('Clock')), el('div', { class: 'row' }, ui.clockInput, ui.clockNow),
    ),
  );
}

/** Put the controls in the page, in reading order. */
export function layout(app: HTMLElement, ui: Ui, post: Post): void {
  app.append(
    el('h1', {}, t('JWT Inspector')),
    el('div', { class: 'row token-head' }, el('label', { for: 'token', class: 'label' }, t('Token')), ui.pasteButton, ui.clearButton, ui.previousButton),
    ui.tokenEditor,
    ui.banner,
    // jwt.io's place for it: under the verdict, shown while an HMAC token is being looked at (no need to expand anything).
    ui.secretRow,
    verifyOptions(ui, post),
    ui.warningsView,
    ui.profileView,
    el('div', { class: 'columns' }, ui.headerView, ui.payloadView),
    ui.signRow,
    ui.editError,
    ui.notice,
    ui.claimsView,
    el('div', { class: 'actions', role: 'toolbar', 'aria-label': t('Token actions') }, ...Object.values(ui.actions)),
  );
}

/** The verification options typed in the panel. */
export function typedOptions(ui: Ui): VerifyOptionsView {
  return readOptions({ issuer: ui.issuerInput.value, audience: ui.audienceInput.value, leeway: ui.leewayInput.value, clock: ui.clockInput.value, nonce: ui.nonceInput.value, clientId: ui.clientInput.value });
}

/** The secret typed in the panel, as it is to be read, or undefined when the box is empty. */
export function typedSecret(ui: Ui): PanelSecret | undefined {
  return ui.secretInput.value ? { text: ui.secretInput.value, encoding: ui.secretEncoding.value as SecretEncoding } : undefined;
}
