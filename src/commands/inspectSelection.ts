import * as vscode from 'vscode';
import { findTokens, type Inspection } from '../core';
import type { Services } from '../services';

/** The selected text, or the token under the cursor (found in its line) when nothing is selected. */
export function tokenAtCursor(editor: vscode.TextEditor): { text: string; range: vscode.Range } | undefined {
  const doc = editor.document;
  if (!editor.selection.isEmpty) return { text: doc.getText(editor.selection), range: editor.selection };
  const pos = editor.selection.active;
  const line = doc.lineAt(pos.line);
  const hit = findTokens(line.text).find((t) => t.start <= pos.character && pos.character <= t.end);
  if (!hit) return undefined;
  return { text: hit.token, range: new vscode.Range(pos.line, hit.start, pos.line, hit.end) };
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
