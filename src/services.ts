import type * as vscode from 'vscode';
import type { InspectorController } from './inspector/controller';
import type { KeySources } from './workspace/keySources';

/** What commands share, built once in activate() and passed in — no module-level mutable state. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly inspector: InspectorController;
  readonly keys: KeySources;
}
