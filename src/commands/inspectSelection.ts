import * as vscode from 'vscode';
import type { Inspection } from '../core';
import { tokenAt } from '../editor/hover';
import type { Services } from '../services';

/** The selected text, or the token under the cursor (found in its line) when nothing is selected. */
export function tokenAtCursor(editor: vscode.TextEditor): { text: string; range: vscode.Range } | undefined {
  if (!editor.selection.isEmpty) return { text: editor.document.getText(editor.selection), range: editor.selection };
  const hit = tokenAt(editor.document, editor.selection.active);
  return hit && { text: hit.token, range: hit.range };
}

/**
 * JWT: Verify and Decode Selection — opens the inspector on the selected token (or the one under the cursor),
 * verified with the `.env` secret of the file's folder when there is one. A token that fails is shown, not thrown.
 * Returns the inspection (for tests and scripted use).
 */
export async function inspectSelectionCommand(services: Services): Promise<Inspection | undefined> {
  const editor = vscode.window.activeTextEditor;
  const found = editor && tokenAtCursor(editor);
  if (!editor || !found) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Select a token (or put the cursor on one) to verify and decode it.'));
    return undefined;
  }
  return services.inspector.showToken(found.text, {
    origin: 'selection',
    keySource: await services.keys.defaultFor(editor.document.uri),
    document: editor.document.uri,
    range: found.range,
  });
}
