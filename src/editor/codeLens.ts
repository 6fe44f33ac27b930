import * as vscode from 'vscode';
import { findTokens, guessProfile, profileTitle } from '../core';
import { CommandIds } from '../commandIds';
import { getConfig } from '../workspace/config';
import { scanLimitMessage, scannedText } from '../workspace/scanLimit';

/** At most this many lenses per document: a 10 MB log with a token per line stays readable and cheap. */
const MAX_LENSES = 2000;

/**
 * "Inspect JWT" above lines that hold tokens (off by default: `jwtWorkbench.codeLens.enabled`). One linear scan per
 * document version, of at most the scan limit's first MiB (a lens on the first line says when the file is longer).
 */
export class TokenCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('jwtWorkbench.codeLens')) this.changed.fire();
  });

  provideCodeLenses(doc: vscode.TextDocument, cancel: vscode.CancellationToken): vscode.CodeLens[] {
    if (!getConfig(doc.uri).codeLens) return [];
    const lenses: vscode.CodeLens[] = [];
    const scanned = scannedText(doc);
    const { text, stoppedAtLine } = scanned;
    // A file past the scan limit says so above its first line, where it is seen when the file opens.
    if (stoppedAtLine !== undefined) lenses.push(new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: scanLimitMessage(scanned), command: '' }));
    let lastLine = -1;
    let inspectLenses = 0;
    for (const t of findTokens(text)) {
      // The cap counts token lenses: the scan-limit notice above is not one of them.
      if (cancel.isCancellationRequested || inspectLenses >= MAX_LENSES) break;
      const start = doc.positionAt(t.start);
      if (start.line === lastLine) continue;
      lastLine = start.line;
      // Named for what it is ("Inspect SD-JWT", "Inspect DPoP proof"), from its header and claims alone.
      const kind = t.kind === 'jwe' ? 'JWE' : profileTitle(guessProfile(t.token));
      lenses.push(new vscode.CodeLens(new vscode.Range(start, doc.positionAt(t.end)), { title: vscode.l10n.t('Inspect {0}', kind), command: CommandIds.inspectToken, arguments: [t.token, doc.uri.toString()] }));
      inspectLenses++;
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
    this.subscription.dispose();
  }
}
