import type * as vscode from 'vscode';
import type { Origin, PanelSecret, VerifyOptionsView } from '../protocol';
import type { KeySearchState } from './keyActions';

/** A line the panel says, for the token it was said about: it goes with that token. */
export interface Said {
  token?: string;
  level: 'info' | 'error';
  text: string;
}

/** The inspector's state on the extension side (keys never in it, except a secret typed in the panel, never sent back). */
export interface State {
  token?: string;
  origin: Origin;
  keySource: string;
  options: VerifyOptionsView;
  signedHere: boolean;
  /** The key that signed the token on display ("key file keys/es256-private.pem (ES256)"), when it was signed here. */
  signedWith?: string;
  keyChosen?: string;
  /** The token shown before "Open Inspector" cleared the box for a paste: one click brings it back. */
  previous?: string;
  /** A secret typed in the panel: in memory while the panel is open, never persisted, never sent back. */
  panelSecret?: PanelSecret;
  document?: vscode.Uri;
  range?: vscode.Range;
  /** The answer of "Which of my keys signed this?", for the token it was asked about (shown while that is on display). */
  keySearch?: KeySearchState;
  /** The panel's status line ("Signed with …", "Copied the token."), for the token it was said about: it goes with it. */
  status?: Said;
  /** Where the token on display came from ("No token was selected: this one is from the clipboard."), shown by the banner. */
  note?: { token: string; text: string };
}
