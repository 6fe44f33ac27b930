import * as vscode from 'vscode';
import { findTokens } from '../core';
import type { Services } from '../services';

/** Terminal lines can be very long (a minified bundle echoed): a line is scanned only up to this many characters. */
const MAX_LINE = 256 * 1024;

interface TokenLink extends vscode.TerminalLink {
  token: string;
  cwd?: vscode.Uri;
}

/**
 * Tokens printed in an integrated terminal — a Django runserver log line, `curl -v` output — are links; a click opens
 * one in the inspector, verified with the `.env` of the terminal's folder. One linear scan per line.
 */
export class TokenTerminalLinks implements vscode.TerminalLinkProvider<TokenLink> {
  constructor(private readonly services: Services) {}

  provideTerminalLinks(context: vscode.TerminalLinkContext): TokenLink[] {
    if (context.line.length > MAX_LINE) return [];
    // Shell integration (VS Code 1.93+) knows the current directory; else the one the terminal was created in.
    const cwd = (context.terminal as { shellIntegration?: { cwd?: vscode.Uri } }).shellIntegration?.cwd ?? cwdOf(context.terminal);
    return findTokens(context.line).map((t) => ({ startIndex: t.start, length: t.end - t.start, tooltip: vscode.l10n.t('Open in JWT Inspector'), token: t.token, cwd }));
  }

  async handleTerminalLink(link: TokenLink): Promise<void> {
    // The terminal's folder decides the key (its .env), as the file's folder does for a selection.
    await this.services.inspector.showFound(link.token, 'terminal', link.cwd && vscode.workspace.getWorkspaceFolder(link.cwd)?.uri);
  }
}

function cwdOf(terminal: vscode.Terminal): vscode.Uri | undefined {
  const cwd = (terminal.creationOptions as vscode.TerminalOptions).cwd;
  return typeof cwd === 'string' ? vscode.Uri.file(cwd) : cwd;
}
