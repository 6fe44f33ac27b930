import * as vscode from 'vscode';
import { dpopPairAround, findTokens, MAX_TOKEN_CHARS, type Inspection } from '../core';
import { tokenAt } from '../workspace/tokenAt';
import type { Services } from '../services';

/**
 * The selected text, or the token under the cursor (found in its line) when nothing is selected. A selection that
 * lies inside a token (a double-click selects one base64url segment) is widened to the whole token (`widened`).
 */
export function tokenAtCursor(editor: vscode.TextEditor): { text: string; range: vscode.Range; widened?: boolean } | undefined {
  const sel = editor.selection;
  if (!sel.isEmpty) {
    const around = sel.isSingleLine ? tokenAt(editor.document, sel.start) : undefined;
    if (around && around.range.contains(sel) && !around.range.isEqual(sel)) return { text: around.token, range: around.range, widened: true };
    return { text: editor.document.getText(sel), range: sel };
  }
  const hit = tokenAt(editor.document, sel.active);
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
    // No token selected or under the cursor (or no editor at all): a token on the clipboard, saying so; else the
    // inspector's paste box.
    const clip = await vscode.env.clipboard.readText().then((t) => t, () => '');
    const token = clip.length <= MAX_TOKEN_CHARS * 4 ? findTokens(clip)[0]?.token : undefined;
    if (token) return services.inspector.showFound(token, 'clipboard', editor?.document.uri, vscode.l10n.t('No token was selected: this one is from the clipboard.'));
    await services.inspector.open();
    void vscode.window.showInformationMessage(vscode.l10n.t('No token selected or on the clipboard: paste one into the JWT Inspector.'));
    return undefined;
  }
  if (found.text.length > MAX_TOKEN_CHARS) {
    // Refused before anything is sent to the panel: a 1.5 MB selection took seconds to load, then read "Malformed".
    void vscode.window.showErrorMessage(vscode.l10n.t('The selection is {0} KiB; a token is at most {1} KiB here. Select just the token.', Math.ceil(found.text.length / 1024), MAX_TOKEN_CHARS / 1024));
    return undefined;
  }
  if (found.widened) editor.selection = new vscode.Selection(found.range.start, found.range.end);
  // An access token and its DPoP proof in one request (an .http file): either line inspects the pair.
  const pair = dpopPairAround(editor.document.getText(), editor.document.offsetAt(found.range.start));
  if (pair && (found.text === pair.accessToken || found.text === pair.proof)) {
    const forAt = await services.keys.chooseFor(editor.document.uri, pair.accessToken);
    return services.inspector.showToken(pair.text, { origin: 'selection', keySource: forAt.id, keyChosen: forAt.why, notice: vscode.l10n.t('The access token and its DPoP proof of this request, inspected together.') });
  }
  const choice = await services.keys.chooseFor(editor.document.uri, found.text);
  return services.inspector.showToken(found.text, {
    origin: 'selection',
    keySource: choice.id,
    keyChosen: choice.why,
    widened: found.widened,
    document: editor.document.uri,
    range: found.range,
  });
}
