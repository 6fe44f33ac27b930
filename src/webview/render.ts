/** One render of a view the extension sent: every part of the panel, from the same view. */
import type { Inspection } from '../core';
import type { InspectorView } from '../protocol';
import { renderBanner } from './banner';
import { renderClaims, renderWarnings } from './claims';
import { PANEL_SECRET_OPTION } from './controls';
import { el } from './dom';
import { renderKeyInfo } from './keyInfo';
import { t } from './l10n';
import type { Panel } from './panel';
import { renderProfile } from './profile';
import { renderJson } from './signEditor';
import { renderParts } from './tokenBox';

/** Which token actions can act: only a token-shaped text can be copied or inserted (the extension refuses the rest). */
export function actionStates(view: Pick<InspectorView, 'inspection' | 'canReplace'>): { token: boolean; header: boolean; payload: boolean; replace: boolean; encrypt: boolean } {
  const ins = view.inspection;
  const token = !!ins?.token && !!ins.parts && !(ins.kind === 'malformed' && ins.parts.length !== 3 && ins.parts.length !== 5);
  // Only a signed JWS is nested in a JWE (an unsigned one never is).
  return { token, header: !!ins?.header, payload: ins?.payloadText !== undefined, replace: token && view.canReplace, encrypt: token && ins?.kind === 'jws' && ins.verdict !== 'unsigned' };
}

function fillSelect(select: HTMLSelectElement, view: InspectorView, selected: string): void {
  select.replaceChildren(...view.keySources.map((s) => el('option', { value: s.id }, s.label)));
  if (view.keySources.some((s) => s.id === selected)) select.value = selected;
}

/** The pickers and the options' boxes, as the extension set them (a box being typed in is left alone). */
function renderControls(p: Panel, view: InspectorView, ins: Inspection | undefined): void {
  const { ui } = p;
  fillSelect(ui.keySelect, view, view.selectedKeySource);
  if (view.panelSecret) {
    // The key shown is the key used: while a typed secret is in use, the picker says so (choosing a source drops it).
    ui.keySelect.prepend(el('option', { value: PANEL_SECRET_OPTION }, t('The secret typed below')));
    ui.keySelect.value = PANEL_SECRET_OPTION;
  }
  const focused = document.activeElement;
  if (focused !== ui.signKeySelect) fillSelect(ui.signKeySelect, view, view.selectedKeySource);
  // Show the cleaned token unless the user is typing into the field; a DPoP pair is shown as the request it is (the
  // access token alone would drop the proof).
  const shown = ins?.pair ?? ins?.token ?? '';
  if (focused !== ui.tokenInput && ui.tokenInput.value !== shown && view.origin !== 'pasted') ui.tokenInput.value = shown;
  if (focused !== ui.issuerInput) ui.issuerInput.value = view.options.issuer;
  if (focused !== ui.audienceInput) ui.audienceInput.value = view.options.audience;
  if (focused !== ui.leewayInput) ui.leewayInput.value = String(view.options.leeway);
  if (focused !== ui.nonceInput) ui.nonceInput.value = view.options.nonce ?? '';
  if (focused !== ui.clientInput) ui.clientInput.value = view.options.clientId ?? '';
}

function renderActions(p: Panel, view: InspectorView): void {
  const { ui } = p;
  const can = actionStates(view);
  for (const b of [ui.actions.copyToken, ui.actions.copyBearer, ui.actions.insert]) b.disabled = !can.token;
  ui.actions.copyHeader.disabled = !can.header;
  ui.actions.copyPayload.disabled = !can.payload;
  ui.actions.replace.disabled = !can.replace;
  ui.actions.encrypt.disabled = !can.encrypt;
  ui.previousButton.hidden = !view.hasPrevious;
}

export function render(p: Panel, view: InspectorView): void {
  const { ui, store } = p;
  const before = store.get();
  // A secret typed for one token is not kept for a token from elsewhere: the extension dropped it, so does the box.
  if (!view.panelSecret && ui.secretInput.value && document.activeElement !== ui.secretInput && view.inspection?.token !== before.view?.inspection?.token && view.origin !== 'pasted') ui.secretInput.value = '';
  store.update({ view, renders: before.renders + 1 });
  document.getElementById('app')!.dataset.renders = String(before.renders + 1);
  const ins = view.inspection;
  renderControls(p, view, ins);
  renderKeyInfo(p, view);
  ui.secretRow.hidden = !(view.panelSecret || (typeof ins?.header?.alg === 'string' && ins.header.alg.startsWith('HS')));
  renderParts(ui);
  renderBanner(p, view, ins);
  // The status line is the token's: shown with it, emptied with it.
  ui.notice.className = view.status ? `notice ${view.status.level}` : 'notice';
  ui.notice.textContent = view.status?.text ?? '';
  renderWarnings(ui.warningsView, ins);
  renderClaims(ui.claimsView, ins);
  renderProfile(ui.profileView, ins);
  renderJson(p, view);
  renderActions(p, view);
  // Saved: the stored key is the source now, and the box is emptied (the secret lives in SecretStorage, not here).
  if (store.get().savingSecret && !view.panelSecret && view.selectedKeySource.startsWith('secret:')) {
    store.update({ savingSecret: false });
    ui.secretInput.value = '';
  }
  ui.saveSecretButton.disabled = !ui.secretInput.value;
  ui.clearButton.disabled = !ui.tokenInput.value;
  // After Sign, the new token and its banner are where the user looks.
  if (view.origin === 'signed' && ins?.token !== store.get().lastSigned) {
    store.update({ lastSigned: ins?.token });
    ui.banner.scrollIntoView({ block: 'nearest' });
  }
  p.host.setState({ token: ins?.token, options: view.options, keySource: view.selectedKeySource });
}
