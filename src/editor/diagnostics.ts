import * as vscode from 'vscode';
import { decodeToken, findTokens, relativeTime } from '../core';
import { getConfig } from '../workspace/config';
import { scanLimitMessage, scannedText } from '../workspace/scanLimit';

/** Expired tokens listed per file; past this one Information diagnostic says the list stops. */
const MAX_PROBLEMS = 1000;

/**
 * Expired tokens in open files as Problems (off by default: `jwtWorkbench.diagnostics.enabled`). Only the payload's
 * `exp` is read — no signature check, no key — so it stays cheap on large files; updates are debounced per document.
 * At most the scan limit's first MiB are scanned; past it, an Information entry says where the scan stopped.
 */
export class ExpiredTokenDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('jwt');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('jwtWorkbench.diagnostics')) for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
      }),
    ];
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(doc: vscode.TextDocument, delay = 300): void {
    if (doc.uri.scheme === 'output' || doc.uri.scheme === 'vscode-userdata') return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.update(doc);
    }, delay));
  }

  /** Recompute one document's diagnostics now. */
  update(doc: vscode.TextDocument): vscode.Diagnostic[] {
    if (!getConfig(doc.uri).diagnostics || doc.isClosed) {
      this.collection.delete(doc.uri);
      return [];
    }
    const now = Math.floor(Date.now() / 1000);
    const leeway = getConfig(doc.uri).leeway;
    const out: vscode.Diagnostic[] = [];
    const scanned = scannedText(doc);
    const { text, stoppedAtLine } = scanned;
    for (const t of findTokens(text)) {
      if (t.kind !== 'jws') continue;
      const exp = decodeToken(t.token).payload?.exp;
      if (typeof exp !== 'number' || exp + leeway >= now) continue;
      const range = new vscode.Range(doc.positionAt(t.start), doc.positionAt(t.end));
      if (out.length >= MAX_PROBLEMS) {
        // One more expired token than are listed: say where the list stops, on it, rather than stop silently.
        const capped = new vscode.Diagnostic(range, vscode.l10n.t('Only the first {0} expired tokens of this file are listed as Problems; this one and any after it are not.', MAX_PROBLEMS.toLocaleString('en-US')), vscode.DiagnosticSeverity.Information);
        capped.source = 'JWT Workbench';
        capped.code = 'expired-capped';
        out.push(capped);
        break;
      }
      const d = new vscode.Diagnostic(range, vscode.l10n.t('JWT expired {0}.', relativeTime(exp, now)), vscode.DiagnosticSeverity.Warning);
      d.source = 'JWT Workbench';
      d.code = 'expired';
      out.push(d);
    }
    if (stoppedAtLine !== undefined) {
      // Where the scan stopped, in Problems: the tokens below it are not checked, and that is said, not hidden.
      const d = new vscode.Diagnostic(new vscode.Range(stoppedAtLine, 0, stoppedAtLine, 0), scanLimitMessage(scanned), vscode.DiagnosticSeverity.Information);
      d.source = 'JWT Workbench';
      d.code = 'scan-limit';
      out.push(d);
    }
    this.collection.set(doc.uri, out);
    return out;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
