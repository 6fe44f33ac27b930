import * as vscode from 'vscode';
import { findTokens, type FoundToken } from '../core';

/** Lines longer than this are not scanned (minified bundles); tokens are far shorter. */
const MAX_LINE = 1_000_000;

/** The token at a position, found in its line only: one line's scan, whatever the file's size. */
export function tokenAt(doc: vscode.TextDocument, pos: vscode.Position): (FoundToken & { range: vscode.Range }) | undefined {
  const line = doc.lineAt(pos.line).text;
  if (line.length > MAX_LINE) return undefined;
  const hit = findTokens(line).find((t) => t.start <= pos.character && pos.character <= t.end);
  return hit && { ...hit, range: new vscode.Range(pos.line, hit.start, pos.line, hit.end) };
}
