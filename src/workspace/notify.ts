import * as vscode from 'vscode';
import { errorCode } from './errors';

/** An error message as shown to the user, with the code of the typed error it reports: what the integration suite reads. */
export interface ShownError {
  message: string;
  code?: string;
}

/**
 * The errors shown since the test harness last asked (only through a command registered under ExtensionMode.Test):
 * a notification cannot be read back from the extension host. Undefined outside tests: nothing is recorded.
 */
let recorded: ShownError[] | undefined;

/** Show an error message; `cause` is the error it reports, whose code the test harness reads (never its text). */
export function showError(message: string, cause?: unknown, ...items: string[]): Thenable<string | undefined> {
  const code = errorCode(cause);
  recorded?.push({ message, ...(code ? { code } : {}) });
  return vscode.window.showErrorMessage(message, ...items);
}

/** Under test: the errors shown since the last call; the first call starts recording. */
export function takeShownErrors(): ShownError[] {
  const shown = recorded ?? [];
  recorded = [];
  return shown;
}
