import type * as vscode from 'vscode';
import type { KeyCache } from './core';
import type { InspectorController } from './inspector/controller';
import type { KeySources } from './workspace/keySources';

/** What commands share, built once in activate() and passed in — no module-level mutable state. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly inspector: InspectorController;
  readonly keys: KeySources;
  /** Keys read and imported, shared by signing, verifying and hovering (never holds more than was passed in). */
  readonly keyCache: KeyCache;
}
