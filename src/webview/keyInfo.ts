/** The chosen key, under the verification options: what it is, and its secret masked unless the user reveals it. */
import type { InspectorView } from '../protocol';
import { readAsSelect } from './keyOffers';
import { t } from './l10n';
import type { Panel } from './panel';

/** How long a revealed key stays shown. */
export const REVEAL_MS = 30_000;

/**
 * Whether the key in use is a secret that can be revealed (a secret typed in the panel is in its own box, shown as
 * dots there: nothing to reveal), and whether the one revealed must be hidden (another key, or none, is in use).
 */
export function revealState(view: InspectorView, revealedFor: string | undefined): { secret: boolean; hide: boolean } {
  const secret = !!view.keyDescription && !!view.keyIsSecret && !view.panelSecret;
  return { secret, hide: revealedFor !== undefined && (!secret || revealedFor !== view.selectedKeySource) };
}

export function hideKey(p: Panel): void {
  const { ui, store } = p;
  const timer = store.get().revealTimer;
  if (timer) clearTimeout(timer);
  store.update({ revealTimer: undefined, revealedFor: undefined });
  ui.keyRevealed.textContent = '';
  ui.keyRevealed.hidden = true;
  ui.keyMask.hidden = false;
  ui.revealButton.textContent = t('Reveal');
}

/** The extension's answer to Reveal: shown for a while, if that key is still the one chosen. */
export function showKey(p: Panel, keySource: string, text: string): void {
  const { ui, store } = p;
  if (keySource !== ui.keySelect.value) return; // an answer for a key no longer chosen
  ui.keyRevealed.textContent = text;
  ui.keyRevealed.hidden = false;
  ui.keyMask.hidden = true;
  ui.revealButton.textContent = t('Hide');
  const timer = store.get().revealTimer;
  if (timer) clearTimeout(timer);
  store.update({ revealedFor: keySource, revealTimer: setTimeout(() => hideKey(p), REVEAL_MS) });
}

export function renderKeyInfo(p: Panel, view: InspectorView): void {
  const { ui, store } = p;
  const { secret, hide } = revealState(view, store.get().revealedFor);
  if (hide) hideKey(p);
  ui.keyDescription.textContent = view.keyDescription ?? '';
  ui.keyNote.textContent = view.keyNote ?? '';
  ui.keyNote.hidden = !view.keyNote;
  ui.keyMask.hidden = !secret || store.get().revealedFor !== undefined;
  ui.revealButton.hidden = !secret;
  ui.readAsSlot.replaceChildren(...[readAsSelect(view, p.host.post)].filter((n): n is HTMLElement => !!n));
}

/** Reveal asks the extension for the key; clicked again, it hides it. */
export function wireKeyInfo(p: Panel): void {
  p.ui.revealButton.addEventListener('click', () => {
    if (p.store.get().revealedFor !== undefined) hideKey(p);
    else p.host.post({ type: 'reveal', keySource: p.ui.keySelect.value });
  });
}
