import { relativeTime } from '../core/claims';
import type { Inspection, SigningAlg } from '../core';
import { isToWebview, type FromWebview, type InspectorView, type KeySourceKind, type PanelSecret, type PersistedState, type SecretEncoding, type VerifyOptionsView } from '../protocol';
import { Coalescer } from './coalesce';
import { renderClaims, renderWarnings } from './claims';
import { el, jsonView } from './dom';
import { jsonProblem } from './editCheck';
import { t } from './l10n';
import { initialView } from './initial';
import { findKeyButton, keyOffers, READING_NAMES, readAsSelect, verifiedTitle } from './keyOffers';
import { profileName, renderProfile } from './profile';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void; getState(): unknown; setState(s: PersistedState): void };
const vscode = acquireVsCodeApi();

const ALGS: SigningAlg[] = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519', 'ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'];

const BANNER: Record<string, { cls: string; icon: string; title: string }> = {
  verified: { cls: 'ok', icon: '✔', title: t('Verified') },
  // Never green: a DPoP proof's own header key shows possession, and no key of the user's verified it.
  possession: { cls: 'info', icon: '◇', title: t('Proof of possession') },
  'invalid-signature': { cls: 'bad', icon: '✖', title: t('Invalid signature') },
  expired: { cls: 'bad', icon: '◷', title: t('Expired') },
  'not-yet-valid': { cls: 'bad', icon: '◶', title: t('Not yet valid') },
  'claim-mismatch': { cls: 'bad', icon: '✖', title: t('Claim mismatch') },
  unsigned: { cls: 'bad', icon: '⚠', title: t('Unsigned (alg: none)') },
  unverified: { cls: 'warn', icon: '⚠', title: t('Not verified') },
  unsupported: { cls: 'bad', icon: '✖', title: t('Cannot verify') },
  malformed: { cls: 'bad', icon: '✖', title: t('Malformed') },
};

let current: InspectorView | undefined;
/** Counts renders, so a reader (a test, a screen reader's live region) can tell a new verdict from the old one. */
let renders = 0;
const app = document.getElementById('app')!;

// ---- static controls (built once so typing is never interrupted by a re-render) ----
const tokenInput = el('textarea', { id: 'token', rows: '4', spellcheck: 'false', 'aria-label': t('Token'), placeholder: t('Paste a JWT (eyJ…) — Bearer prefixes, quotes and line breaks are ignored') });
// The token is shown once: the coloured parts are drawn under the (transparent) text of the box you type in.
const partsView = el('pre', { id: 'parts', class: 'parts', 'aria-hidden': 'true' });
const tokenEditor = el('div', { class: 'token-editor' }, partsView, tokenInput);
const clearButton = el('button', { id: 'clear', type: 'button', class: 'secondary', title: t('Empty the box for a new token') }, t('Clear'));
const pasteButton = el('button', { id: 'pasteClipboard', type: 'button', class: 'secondary', title: t('Inspect the token on the clipboard') }, t('Paste from Clipboard'));
const previousButton = el('button', { id: 'previous', type: 'button', class: 'secondary', hidden: '' }, t('Show the previous token'));
const banner = el('div', { id: 'banner', class: 'banner', role: 'status' });
const keySelect = el('select', { id: 'keySource', 'aria-label': t('Key source for verification') });
const issuerInput = el('input', { id: 'issuer', type: 'text', placeholder: t('any'), 'aria-label': t('Expected issuer') });
const audienceInput = el('input', { id: 'audience', type: 'text', placeholder: t('any (comma-separated)'), 'aria-label': t('Expected audience') });
const nonceInput = el('input', { id: 'nonce', type: 'text', placeholder: t('the nonce sent (ID tokens, SD-JWT presentations)'), 'aria-label': t('Nonce') });
const clientInput = el('input', { id: 'clientId', type: 'text', placeholder: t('the client id (ID tokens, access tokens)'), 'aria-label': t('Client') });
const leewayInput = el('input', { id: 'leeway', type: 'number', min: '0', max: '300', step: '1', value: '0', 'aria-label': t('Leeway in seconds') });
const clockInput = el('input', { id: 'clock', type: 'datetime-local', step: '1', 'aria-label': t('Verify at this time (empty: now)') });
const clockNow = el('button', { id: 'clockNow', type: 'button', class: 'secondary' }, t('Now'));
// jwt.io's habit: a secret typed right here. Sent with each inspection, never put in the panel's saved state.
const secretInput = el('input', { id: 'panelSecret', type: 'password', autocomplete: 'off', spellcheck: 'false', placeholder: t('Secret (this panel only, not saved)'), title: t('A secret to verify with, used in this panel only: not saved, gone when the panel closes'), 'aria-label': t('Secret') });
const secretEncoding = el(
  'select',
  { id: 'secretEncoding', 'aria-label': t('How the secret is written') },
  ...Object.entries(READING_NAMES).map(([v, label]) => el('option', { value: v }, label)),
);
const saveSecretButton = el('button', { id: 'saveSecret', type: 'button', class: 'secondary', title: t('Keep this secret in VS Code’s SecretStorage, under a name you choose') }, t('Save to SecretStorage…'));
const secretRow = el('div', { id: 'secretRow', class: 'row secret-row', hidden: '' }, el('label', { for: 'panelSecret' }, t('Secret')), secretInput, secretEncoding, saveSecretButton);
/** What is wrong with the header or payload being typed (the token is not re-signed until it parses). */
const editError = el('p', { id: 'editError', class: 'edit-error', role: 'alert', hidden: '' });
/** The ways to add a key source, as buttons (in the options, and in the banner when there is no key). */
const KEY_SOURCE_BUTTONS: { kind: KeySourceKind; id: string; label: string; title: string }[] = [
  { kind: 'file', id: 'KeyFile', label: t('Key file…'), title: t('Use a PEM, JWK or JWKS file from the workspace') },
  { kind: 'secret', id: 'StoredKey', label: t('Stored key…'), title: t('Keep a key in VS Code’s SecretStorage') },
  { kind: 'jwks', id: 'JwksUrl', label: t('JWKS URL…'), title: t('Fetch the issuer’s public keys from a URL you give (nothing else is ever fetched)') },
  { kind: 'issuer', id: 'Issuer', label: t('Issuer…'), title: t('Find an issuer’s keys from its discovery document (the URLs are shown before anything is fetched)') },
  { kind: 'anchors', id: 'TrustAnchors', label: t('Trust anchors…'), title: t('A CA certificate that tokens’ x5c certificate chains must lead to') },
];
/** Those buttons, with ids `${idPrefix}KeyFile` etc. */
function keySourceButtons(idPrefix: string, only?: (kind: KeySourceKind) => boolean): HTMLButtonElement[] {
  return KEY_SOURCE_BUTTONS.filter(({ kind }) => !only || only(kind)).map(({ kind, id, label, title }) => {
    const b = el('button', { id: idPrefix + id, type: 'button', class: 'secondary', title }, label);
    b.addEventListener('click', () => vscode.postMessage({ type: 'addKeySource', kind }));
    return b;
  });
}
// What the chosen key is; its secret shown masked, and revealed only when asked for (never kept in the state).
const keyDescription = el('span', { id: 'keyDescription', class: 'muted' });
const keyNote = el('div', { id: 'keyNote', class: 'key-note', role: 'note', hidden: '' });
const keyMask = el('code', { id: 'keyMask', class: 'mask', 'aria-hidden': 'true' }, '••••••••••••••••');
const keyRevealed = el('pre', { id: 'keyRevealed', class: 'revealed', hidden: '' });
const readAsSlot = el('span', { class: 'read-as-slot' });
const post = (m: FromWebview) => vscode.postMessage(m);
const revealButton = el('button', { id: 'revealKey', type: 'button', class: 'secondary', title: t('Show the key here for 30 seconds (it is not saved with the panel)') }, t('Reveal'));
const REVEAL_MS = 30_000;
let revealTimer: ReturnType<typeof setTimeout> | undefined;
let revealedFor: string | undefined;
const warningsView = el('section', { id: 'warnings', 'aria-label': 'Warnings' });
const claimsView = el('section', { id: 'claims', 'aria-label': t('Claims') });
const profileView = el('section', { id: 'profile', class: 'profile', 'aria-label': t('Token profile') });
const headerView = el('section', { id: 'header', class: 'panel' });
const payloadView = el('section', { id: 'payload', class: 'panel' });
const editHeader = el('textarea', { id: 'editHeader', rows: '4', spellcheck: 'false', 'aria-label': t('Header to sign (JSON)') });
const editPayload = el('textarea', { id: 'editPayload', rows: '8', spellcheck: 'false', 'aria-label': t('Payload to sign (JSON)') });
const algSelect = el('select', { id: 'alg', 'aria-label': t('Signing algorithm') }, ...ALGS.map((a) => el('option', { value: a }, a)));
const signKeySelect = el('select', { id: 'signKeySource', 'aria-label': t('Key source for signing') });
const signButton = el('button', { id: 'sign', type: 'button' }, t('Sign'));
const notice = el('div', { id: 'notice', role: 'alert', class: 'notice' });
const actionButtons = {
  copyToken: el('button', { id: 'copyToken', type: 'button', class: 'secondary' }, t('Copy token')),
  copyHeader: el('button', { id: 'copyHeader', type: 'button', class: 'secondary' }, t('Copy header')),
  copyPayload: el('button', { id: 'copyPayload', type: 'button', class: 'secondary' }, t('Copy payload')),
  copyBearer: el('button', { id: 'copyBearer', type: 'button', class: 'secondary' }, t('Copy Authorization header')),
  insert: el('button', { id: 'insert', type: 'button', class: 'secondary' }, t('Insert into editor')),
  replace: el('button', { id: 'replace', type: 'button', class: 'secondary' }, t('Replace selection')),
  encrypt: el('button', { id: 'encrypt', type: 'button', class: 'secondary', title: t('Encrypt this signed token to a recipient\'s key (a nested JWT)') }, t('Encrypt…')),
};

app.append(
  el('h1', {}, t('JWT Inspector')),
  el('div', { class: 'row token-head' }, el('label', { for: 'token', class: 'label' }, t('Token')), pasteButton, clearButton, previousButton),
  tokenEditor,
  banner,
  // jwt.io's place for it: under the verdict, shown while an HMAC token is being looked at (no need to expand anything).
  secretRow,
  el(
    'details',
    { id: 'verifyOptions', class: 'options' },
    el('summary', {}, t('Verification: key, issuer, audience, leeway, clock')),
    el(
      'div',
      { class: 'grid' },
      el('label', { for: 'keySource' }, t('Key')), el('div', { class: 'row' }, keySelect, ...keySourceButtons('add')),
      el('span'), el('div', { id: 'keyInfo', class: 'row key-info' }, keyDescription, readAsSlot, keyMask, revealButton, keyRevealed, findKeyButton('findKeyOptions', post), keyNote),
      el('label', { for: 'issuer' }, t('Issuer')), issuerInput,
      el('label', { for: 'audience' }, t('Audience')), audienceInput,
      el('label', { for: 'nonce' }, t('Nonce')), nonceInput,
      el('label', { for: 'clientId' }, t('Client')), clientInput,
      el('label', { for: 'leeway' }, t('Leeway (s)')), leewayInput,
      el('label', { for: 'clock' }, t('Clock')), el('div', { class: 'row' }, clockInput, clockNow),
    ),
  ),
  warningsView,
  profileView,
  el('div', { class: 'columns' }, headerView, payloadView),
  // Editing the header or payload above re-signs the token at once, with this key and algorithm ("signed here").
  el('div', { id: 'signRow', class: 'row sign-row' }, el('label', { for: 'signKeySource' }, t('Edit the header or payload above to re-sign with')), signKeySelect, el('label', { for: 'alg', class: 'visually-hidden' }, t('Algorithm')), algSelect, signButton),
  editError,
  notice,
  claimsView,
  el('div', { class: 'actions', role: 'toolbar', 'aria-label': t('Token actions') }, ...Object.values(actionButtons)),
);

function options(): VerifyOptionsView {
  const leeway = Number(leewayInput.value);
  const at = clockInput.value ? new Date(clockInput.value) : undefined;
  return {
    issuer: issuerInput.value,
    audience: audienceInput.value,
    leeway: Number.isFinite(leeway) && leeway >= 0 ? leeway : 0,
    at: at && !Number.isNaN(at.getTime()) ? at.toISOString() : '',
    ...(nonceInput.value ? { nonce: nonceInput.value } : {}),
    ...(clientInput.value ? { clientId: clientInput.value } : {}),
  };
}

function panelSecret(): PanelSecret | undefined {
  return secretInput.value ? { text: secretInput.value, encoding: secretEncoding.value as SecretEncoding } : undefined;
}

function requestInspect(): boolean {
  // The saved state has the token and options only: never the secret typed in the panel.
  const state: PersistedState = { token: tokenInput.value, options: options(), keySource: current?.selectedKeySource ?? keySelect.value };
  vscode.setState(state);
  const secret = panelSecret();
  const keySource = keySelect.value === PANEL_SECRET_OPTION ? (current?.selectedKeySource ?? '') : keySelect.value;
  vscode.postMessage({ type: 'inspect', token: tokenInput.value, keySource, options: options(), ...(secret ? { secret } : {}) });
  return true;
}

/** Typing re-inspects at once; keys that arrive while an inspection is on its way are coalesced into the next one. */
const inspectQueue = new Coalescer(requestInspect);
const inspectSoon = () => inspectQueue.request();

tokenInput.addEventListener('input', inspectSoon);
tokenInput.addEventListener('input', renderParts);
tokenInput.addEventListener('scroll', () => {
  partsView.scrollTop = tokenInput.scrollTop;
});
clearButton.addEventListener('click', () => {
  tokenInput.value = '';
  renderParts();
  tokenInput.focus();
  inspectSoon();
});
previousButton.addEventListener('click', () => vscode.postMessage({ type: 'restorePrevious' }));
pasteButton.addEventListener('click', () => vscode.postMessage({ type: 'pasteClipboard' }));
for (const input of [issuerInput, audienceInput, nonceInput, clientInput, leewayInput, clockInput]) input.addEventListener('input', inspectSoon);
keySelect.addEventListener('change', () => {
  // Choosing a key source means that key: the typed secret steps aside.
  secretInput.value = '';
  inspectSoon();
});
secretInput.addEventListener('input', inspectSoon);
secretEncoding.addEventListener('change', inspectSoon);
/** The picker's entry for the secret typed in the panel: not a key source, so the extension ignores it as one. */
const PANEL_SECRET_OPTION = 'panel-secret';
let savingSecret = false;
saveSecretButton.addEventListener('click', () => {
  const secret = panelSecret();
  if (!secret) return;
  savingSecret = true;
  vscode.postMessage({ type: 'saveSecret', secret });
});
revealButton.addEventListener('click', () => {
  if (revealedFor !== undefined) hideKey();
  else vscode.postMessage({ type: 'reveal', keySource: keySelect.value });
});

function hideKey(): void {
  if (revealTimer) clearTimeout(revealTimer);
  revealTimer = undefined;
  revealedFor = undefined;
  keyRevealed.textContent = '';
  keyRevealed.hidden = true;
  keyMask.hidden = false;
  revealButton.textContent = t('Reveal');
}

function showKey(keySource: string, text: string): void {
  if (keySource !== keySelect.value) return; // an answer for a key no longer chosen
  revealedFor = keySource;
  keyRevealed.textContent = text;
  keyRevealed.hidden = false;
  keyMask.hidden = true;
  revealButton.textContent = t('Hide');
  if (revealTimer) clearTimeout(revealTimer);
  revealTimer = setTimeout(hideKey, REVEAL_MS);
}

function renderKeyInfo(view: InspectorView): void {
  // A secret typed in the panel is in its own box (shown as dots there): nothing to reveal.
  const secret = !!view.keyDescription && !!view.keyIsSecret && !view.panelSecret;
  if (revealedFor !== undefined && (!secret || revealedFor !== view.selectedKeySource)) hideKey();
  keyDescription.textContent = view.keyDescription ?? '';
  keyNote.textContent = view.keyNote ?? '';
  keyNote.hidden = !view.keyNote;
  keyMask.hidden = !secret || revealedFor !== undefined;
  revealButton.hidden = !secret;
  readAsSlot.replaceChildren(...[readAsSelect(view, post)].filter((n): n is HTMLElement => !!n));
}
clockNow.addEventListener('click', () => {
  clockInput.value = '';
  inspectSoon();
});
function requestSign(): void {
  vscode.postMessage({ type: 'sign', header: editHeader.value, payload: editPayload.value, alg: algSelect.value as SigningAlg, keySource: signKeySelect.value });
}
signButton.addEventListener('click', requestSign);
// Live: each edit re-signs at once (coalesced like typing in the token box); text that is not JSON yet waits (the
// extension says what is wrong once it is sent).
const signQueue = new Coalescer(() => {
  const problem = jsonProblem(editHeader.value) ?? jsonProblem(editPayload.value);
  editError.textContent = problem ?? '';
  editError.hidden = !problem;
  if (problem) return false;
  requestSign();
  return true;
});
for (const box of [editHeader, editPayload]) {
  box.addEventListener('input', () => signQueue.request());
  // Leaving the box shows the coloured view again.
  box.addEventListener('blur', () => setTimeout(() => current && renderJson(current), 0));
}
for (const control of [algSelect, signKeySelect]) control.addEventListener('change', () => current?.signedHere && requestSign());

let lastCopy: HTMLButtonElement | undefined;
for (const [button, what] of [[actionButtons.copyToken, 'token'], [actionButtons.copyHeader, 'header'], [actionButtons.copyPayload, 'payload'], [actionButtons.copyBearer, 'bearer']] as const) {
  button.addEventListener('click', () => {
    lastCopy = button;
    vscode.postMessage({ type: 'copy', what });
  });
}
actionButtons.insert.addEventListener('click', () => vscode.postMessage({ type: 'insert', mode: 'insert' }));
actionButtons.replace.addEventListener('click', () => vscode.postMessage({ type: 'insert', mode: 'replace' }));
actionButtons.encrypt.addEventListener('click', () => vscode.postMessage({ type: 'encrypt' }));

function fillSelect(select: HTMLSelectElement, view: InspectorView, selected: string): void {
  select.replaceChildren(...view.keySources.map((s) => el('option', { value: s.id }, s.label)));
  if (view.keySources.some((s) => s.id === selected)) select.value = selected;
}

function clockSeconds(): number {
  const at = current?.options.at;
  return Math.floor((at ? Date.parse(at) : Date.now()) / 1000);
}

/**
 * Colour what is in the box, as it is typed: each dot-separated part in its colour (header, payload, signature; a
 * JWE's five). Drawn under the box's transparent text, so it lines up character for character.
 */
function renderParts(): void {
  const text = tokenInput.value;
  partsView.replaceChildren();
  // An SD-JWT: the issuer JWT's parts, then each disclosure, then the Key Binding JWT, "~" between them.
  const pieces = text.split('~');
  pieces.forEach((piece, n) => {
    if (n > 0) partsView.append(el('span', { class: 'dot' }, '~'));
    if (n > 0 && n === pieces.length - 1 && piece.includes('.')) partsView.append(el('span', { class: 'part part-4', title: t('Key Binding JWT') }, piece));
    else if (n > 0) partsView.append(el('span', { class: 'part part-3', title: t('disclosure') }, piece));
    else {
      const parts = piece.split('.');
      const labels = parts.length === 5 ? ['header', 'key', 'iv', 'ciphertext', 'tag'] : ['header', 'payload', 'signature', 'iv', 'tag'];
      parts.forEach((p, i) => {
        if (i > 0) partsView.append(el('span', { class: 'dot' }, '.'));
        partsView.append(el('span', { class: `part part-${Math.min(i, 4)}`, title: labels[i] ?? '' }, p));
      });
    }
  });
  // A final newline in a textarea takes a line of its own; the drawing must too, or the two drift apart.
  if (text.endsWith('\n')) partsView.append('\n');
  partsView.scrollTop = tokenInput.scrollTop;
}

function renderBanner(view: InspectorView, ins: Inspection | undefined): void {
  banner.replaceChildren();
  if (!ins) {
    banner.className = 'banner empty';
    banner.append(el('strong', {}, t('No token yet.')), ' ', t('Paste one above, or select one in an editor and run “JWT: Verify and Decode Selection”.'));
    return;
  }
  const alg = typeof ins.header?.alg === 'string' ? ins.header.alg : '?';
  if (view.signedHere && ins.verdict !== 'malformed') {
    // The key that signed it, never the verification key picked later: "signed here" is not "verified".
    banner.className = 'banner info';
    banner.dataset.verdict = 'signed-here';
    const title = view.signedWith ? t('Signed here with {0}', view.signedWith) : t('Signed here with {0} ({1})', t('your key'), alg);
    banner.append(el('span', { class: 'icon', 'aria-hidden': 'true' }, '✎'), el('strong', { class: 'title' }, title), el('span', { class: 'message' }, t('This is the token you just made — not an independent verification of anyone else’s.')));
    return;
  }
  const b = ins.kind === 'jwe' && ins.verdict !== 'malformed' ? { cls: ins.verdict === 'verified' ? 'ok' : ins.verdict === 'unverified' ? 'warn' : 'bad', icon: '▣', title: t('Encrypted (JWE)') } : BANNER[ins.verdict];
  banner.className = `banner ${b.cls}`;
  banner.dataset.verdict = ins.verdict;
  banner.append(el('span', { class: 'icon', 'aria-hidden': 'true' }, b.icon), el('strong', { class: 'title' }, verifiedTitle(ins, b.title)), el('span', { class: 'message' }, ins.message));
  const kind = profileName(ins);
  if (kind) banner.append(el('span', { class: 'source kind' }, t('Kind: {0}', kind)));
  // Where this token came from, by its verdict (and gone with it).
  if (view.originNote) banner.append(el('span', { id: 'originNote', class: 'source origin' }, view.originNote));
  if (ins.detail) banner.append(el('span', { class: 'detail' }, ins.detail));
  // The worst decided the verdict; the rest is listed, so that nothing wrong hides behind it.
  if (ins.also?.length) banner.append(el('ul', { class: 'also', 'aria-label': t('Also') }, ...ins.also.map((a) => el('li', {}, t('Also: {0}', a)))));
  if (ins.verdict === 'unverified' && ins.kind === 'jws') {
    // No key at hand: the fixes, where the user is looking.
    const generate = el('button', { id: 'fixGenerateSecret', type: 'button', class: 'secondary', title: t('Write a new JWT_SECRET into .env') }, t('Generate Secret'));
    generate.addEventListener('click', () => vscode.postMessage({ type: 'generateSecret' }));
    const typeSecret = el('button', { id: 'fixPasteSecret', type: 'button', class: 'secondary' }, t('Paste a secret…'));
    typeSecret.addEventListener('click', () => secretInput.focus());
    // A secret verifies only HS tokens: for the others, the keys that could (a file, a JWKS, the issuer's).
    const hmac = typeof ins.header?.alg === 'string' && /^HS/.test(ins.header.alg);
    const secretFixes = hmac ? [...(view.canGenerateSecret ? [generate] : []), typeSecret] : [];
    banner.append(el('span', { class: 'fixes row' }, ...secretFixes, ...keySourceButtons('fix', (kind) => (kind === 'anchors' ? ins.header?.x5c !== undefined : kind === 'issuer' ? !hmac : kind !== 'secret' || hmac))));
  }
  banner.append(...keyOffers(view, ins, post, (encoding) => {
    // The secret typed in the panel: its own "written as" choice is what changes.
    secretEncoding.value = encoding;
    requestInspect();
  }));
  if (view.keySource && ins.verdict !== 'unverified') banner.append(el('span', { class: 'source' }, t('Key: {0}', view.keySource)));
  if (view.keyChosen) banner.append(el('span', { class: 'source chosen' }, t('Chosen for this token — {0}', view.keyChosen)));
}

function render(view: InspectorView): void {
  // A secret typed for one token is not kept for a token from elsewhere: the extension dropped it, so does the box.
  if (!view.panelSecret && secretInput.value && document.activeElement !== secretInput && view.inspection?.token !== current?.inspection?.token && view.origin !== 'pasted') secretInput.value = '';
  current = view;
  app.dataset.renders = String(++renders);
  const ins = view.inspection;
  fillSelect(keySelect, view, view.selectedKeySource);
  if (view.panelSecret) {
    // The key shown is the key used: while a typed secret is in use, the picker says so (choosing a source drops it).
    keySelect.prepend(el('option', { value: PANEL_SECRET_OPTION }, t('The secret typed below')));
    keySelect.value = PANEL_SECRET_OPTION;
  }
  if (document.activeElement !== signKeySelect) fillSelect(signKeySelect, view, view.selectedKeySource);
  if (document.activeElement !== tokenInput && tokenInput.value !== (ins?.pair ?? ins?.token ?? '')) {
    // Show the cleaned token unless the user is typing into the field.
    // A DPoP pair is shown as the request it is (the access token alone would drop the proof).
    if (view.origin !== 'pasted') tokenInput.value = ins?.pair ?? ins?.token ?? '';
  }
  issuerInput.value = document.activeElement === issuerInput ? issuerInput.value : view.options.issuer;
  audienceInput.value = document.activeElement === audienceInput ? audienceInput.value : view.options.audience;
  if (document.activeElement !== leewayInput) leewayInput.value = String(view.options.leeway);
  if (document.activeElement !== nonceInput) nonceInput.value = view.options.nonce ?? '';
  if (document.activeElement !== clientInput) clientInput.value = view.options.clientId ?? '';
  renderKeyInfo(view);
  secretRow.hidden = !(view.panelSecret || (typeof ins?.header?.alg === 'string' && ins.header.alg.startsWith('HS')));
  renderParts();
  renderBanner(view, ins);
  // The status line is the token's: shown with it, emptied with it.
  notice.className = view.status ? `notice ${view.status.level}` : 'notice';
  notice.textContent = view.status?.text ?? '';
  renderWarnings(warningsView, ins);
  renderClaims(claimsView, ins);
  renderProfile(profileView, ins);
  renderJson(view);
  // Only a token-shaped text can be copied or inserted (the extension refuses the rest): say so by disabling.
  const hasToken = !!ins?.token && !!ins.parts && !(ins.kind === 'malformed' && ins.parts.length !== 3 && ins.parts.length !== 5);
  for (const b of [actionButtons.copyToken, actionButtons.copyBearer, actionButtons.insert]) b.disabled = !hasToken;
  actionButtons.copyHeader.disabled = !ins?.header;
  actionButtons.copyPayload.disabled = ins?.payloadText === undefined;
  actionButtons.replace.disabled = !hasToken || !view.canReplace;
  actionButtons.encrypt.disabled = !hasToken || ins?.kind !== 'jws' || ins.verdict === 'unsigned';
  previousButton.hidden = !view.hasPrevious;
  // Saved: the stored key is the source now, and the box is emptied (the secret lives in SecretStorage, not here).
  if (savingSecret && !view.panelSecret && view.selectedKeySource.startsWith('secret:')) {
    savingSecret = false;
    secretInput.value = '';
  }
  saveSecretButton.disabled = !secretInput.value;
  clearButton.disabled = !tokenInput.value;
  // After Sign, the new token and its banner are where the user looks.
  if (view.origin === 'signed' && ins?.token !== lastSigned) {
    lastSigned = ins?.token;
    banner.scrollIntoView({ block: 'nearest' });
  }
  vscode.setState({ token: ins?.token, options: view.options, keySource: view.selectedKeySource });
}
let lastSigned: string | undefined;

/** A button says what it just did ("Copied") for a moment. */
function flash(button: HTMLButtonElement, text: string): void {
  const label = button.dataset.label ?? button.textContent ?? '';
  button.dataset.label = label;
  button.textContent = text;
  setTimeout(() => {
    button.textContent = label;
  }, 1500);
}

/**
 * Header and payload, editable where they are shown: the coloured JSON, and a click (or Enter) on it turns it into a
 * box with the same text; editing re-signs at once. While a box is being edited, renders leave it alone.
 */
function renderJson(view: InspectorView): void {
  const ins = view.inspection;
  const editing = document.activeElement === editHeader || document.activeElement === editPayload;
  if (!editing) editError.hidden = true; // the coloured view shows the token as signed: no edit is pending
  if (!editing && ins?.header) {
    try {
      editHeader.value = JSON.stringify(ins.header, null, 2);
      editPayload.value = ins.payload !== undefined ? JSON.stringify(ins.payload, null, 2) : (ins.payloadText ?? '');
    } catch {
      editPayload.value = ins.payloadText ?? '';
    }
    if (typeof ins.header.alg === 'string' && (ALGS as string[]).includes(ins.header.alg)) algSelect.value = ins.header.alg;
  }
  const editable = !!ins?.header && ins.kind === 'jws';
  for (const [section, title, box, shown] of [
    [headerView, t('Header'), editHeader, ins?.header ? jsonView(ins.header) : el('p', { class: 'muted' }, '—')],
    [payloadView, t('Payload'), editPayload, ins?.payload !== undefined ? jsonView(ins.payload, ins.payloadText) : ins?.payloadText !== undefined ? el('pre', { class: 'raw', tabindex: '0' }, ins.payloadText) : el('p', { class: 'muted' }, '—')],
  ] as const) {
    if (document.activeElement === box) continue;
    box.hidden = true;
    if (editable) {
      shown.classList.add('editable');
      shown.setAttribute('tabindex', '0');
      shown.setAttribute('title', t('Click to edit; the token is re-signed as you type'));
      const edit = () => {
        shown.hidden = true;
        box.hidden = false;
        box.focus();
      };
      shown.addEventListener('click', edit);
      shown.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Enter' && edit());
    }
    section.replaceChildren(el('h2', {}, title), shown, box);
  }
  signRow.hidden = !editable;
}
const signRow = document.getElementById('signRow')!;

// Relative times ("expires in 4 min") stay live.
setInterval(() => {
  const now = clockSeconds();
  for (const span of document.querySelectorAll<HTMLElement>('.relative[data-time]')) span.textContent = relativeTime(Number(span.dataset.time), now);
}, 1000);

window.addEventListener('message', (event: MessageEvent) => {
  const m: unknown = event.data;
  if (!isToWebview(m)) return;
  try {
    if (m.type === 'view') render(m.view);
    else if (m.type === 'revealed') showKey(m.keySource, m.text);
    else {
      notice.className = `notice ${m.level}`;
      notice.textContent = m.text;
      if (m.level === 'info' && lastCopy && /^Copied/.test(m.text)) flash(lastCopy, t('Copied'));
      lastCopy = undefined;
    }
  } finally {
    // A view or a notice is the extension's answer: what was typed meanwhile goes out now (after the render, so it
    // reads the pickers as the extension just set them).
    if (m.type !== 'revealed') {
      inspectQueue.answered();
      signQueue.answered();
    }
  }
});

// The first view comes with the HTML (a JSON block the extension wrote, checked like any message): the verdict paints
// with the first frame. 'ready' then asks only for what is newer than it.
const initial = initialView(vscode.getState());
if (initial) render(initial);
vscode.postMessage({ type: 'ready' });
