import type * as vscode from 'vscode';
import type { Inspection, KeyCache } from './core';
import type { InspectorView, Origin } from './protocol';
import type { KeySources } from './workspace/keySources';

/** How a token is shown in the inspector. */
export interface ShowOptions {
  origin: Origin;
  keySource?: string;
  /** Why that key source was chosen for this token, when it is not the document's default (shown by the key). */
  keyChosen?: string;
  /** The selection lay inside the token and was widened to all of it (said in the panel). */
  widened?: boolean;
  /** Said in the panel once the token is shown: where it came from ("From the clipboard", "From a URI …"); from its view when it depends on the verdict. */
  notice?: string | ((view: InspectorView) => string);
  /** For a token just signed: the key that signed it, with the algorithm. */
  signedWith?: string;
  /** The document (and range) the token came from, for "Replace selection". */
  document?: vscode.Uri;
  range?: vscode.Range;
}

/** The JWT Inspector as commands and sources use it (implemented by inspector/controller.ts). */
export interface Inspector {
  /** Open the panel ready for a paste. */
  open(): Promise<InspectorView>;
  /** Inspect a token and show it; returns the inspection. */
  showToken(text: string, opts: ShowOptions): Promise<Inspection>;
  /** Show a token found somewhere, verified with the key chosen for where it was found (`from`: a file or folder). */
  showFound(token: string, origin: Origin, from: vscode.Uri | undefined, notice?: ShowOptions['notice']): Promise<Inspection>;
}

/** What commands share, built once in activate() and passed in — no module-level mutable state. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly inspector: Inspector;
  readonly keys: KeySources;
  /** Keys read and imported, shared by signing, verifying and hovering (never holds more than was passed in). */
  readonly keyCache: KeyCache;
}
