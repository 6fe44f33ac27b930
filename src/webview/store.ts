import type { CopyWhat, InspectorView } from '../protocol';

/** Everything the panel's script remembers between messages; the one place it is kept. */
export interface PanelState {
  /** The view on display (undefined until the first one arrives). */
  view?: InspectorView;
  /** Renders so far, so a reader (a test, a screen reader's live region) can tell a new verdict from the old one. */
  renders: number;
  /** The key source whose key is revealed, and the timer that hides it again. */
  revealedFor?: string;
  revealTimer?: ReturnType<typeof setTimeout>;
  /** "Save to SecretStorage…" was clicked: the box is emptied once the stored key is the source. */
  savingSecret: boolean;
  /** The copy button clicked last, which says "Copied" when the extension confirms it. */
  lastCopy?: CopyWhat;
  /** The token signed here that the banner was last scrolled to. */
  lastSigned?: string;
}

/** The panel's state: read with `get`, changed with `update` (a patch), never assigned field by field elsewhere. */
export class Store {
  private state: PanelState = { renders: 0, savingSecret: false };

  get(): Readonly<PanelState> {
    return this.state;
  }

  update(patch: Partial<PanelState>): void {
    this.state = { ...this.state, ...patch };
  }
}
