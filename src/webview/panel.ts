/** What every part of the panel's script works with: its controls, the extension, the one store, and the requests. */
import type { PersistedState } from '../protocol';
import { PANEL_SECRET_OPTION, typedOptions, typedSecret, type Ui } from './controls';
import type { Host } from './host';
import type { Store } from './store';

export interface Panel {
  ui: Ui;
  host: Host;
  store: Store;
  /** Inspect what is typed: at once, or when the answer in flight has arrived. */
  inspectSoon(): void;
  /** Sign the header and payload in the edit boxes. */
  requestSign(): void;
}

/** Ask the extension to inspect what is typed (with the key source, options and secret typed beside it). */
export function requestInspect(ui: Ui, host: Host, store: Store): boolean {
  const current = store.get().view;
  // The saved state has the token and options only: never the secret typed in the panel.
  const state: PersistedState = { token: ui.tokenInput.value, options: typedOptions(ui), keySource: current?.selectedKeySource ?? ui.keySelect.value };
  host.setState(state);
  const secret = typedSecret(ui);
  const keySource = ui.keySelect.value === PANEL_SECRET_OPTION ? (current?.selectedKeySource ?? '') : ui.keySelect.value;
  host.post({ type: 'inspect', token: ui.tokenInput.value, keySource, options: typedOptions(ui), ...(secret ? { secret } : {}) });
  return true;
}
