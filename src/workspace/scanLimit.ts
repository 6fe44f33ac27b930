import * as vscode from 'vscode';

/**
 * CodeLens, Problems and the .http Re-sign lens scan at most this much of a document. Every scanner is linear, but a
 * file of hostile text (a candidate token every few characters) still costs time per character, and a lens provider
 * runs on the extension host's one thread: past this, the rest of the file is not scanned — and the user is told.
 */
export const MAX_SCAN_CHARS = 4 * 1024 * 1024;

/** What a provider scans: the whole text, or its first {@link MAX_SCAN_CHARS} cut at a line end, and where the scan stopped. */
export interface ScannedText {
  text: string;
  /** Where the scan stopped (0-based line), when the document is longer than the limit. */
  stoppedAtLine?: number;
  /** How many lines were scanned (the last one perhaps in part), when the document is longer than the limit. */
  scannedLines?: number;
}

export function scannedText(doc: vscode.TextDocument): ScannedText {
  const end = doc.positionAt(MAX_SCAN_CHARS);
  if (end.line === doc.lineCount - 1 && end.character === doc.lineAt(end.line).text.length) return { text: doc.getText() };
  // Cut at the last line end inside the limit, so that no token is read half (one huge line is cut where it is).
  const head = doc.getText(new vscode.Range(new vscode.Position(0, 0), end));
  const nl = head.lastIndexOf('\n');
  if (nl < 0) return { text: head, stoppedAtLine: end.line, scannedLines: end.line + 1 };
  const line = doc.positionAt(nl + 1).line;
  return { text: head.slice(0, nl + 1), stoppedAtLine: line, scannedLines: line };
}

/** The sentence a provider shows when it stopped: what was scanned, and that the rest was not. */
export function scanLimitMessage(scanned: ScannedText): string {
  return vscode.l10n.t('JWT Workbench scanned the first {0} MiB of this file for tokens (to line {1}); the rest is not scanned.', MAX_SCAN_CHARS / 1024 / 1024, scanned.scannedLines ?? 0);
}
