// The note on where a token came from, tied to that token.
import * as vscode from 'vscode';

/** What the panel says by the banner about where a token came from, tied to that token. */
export function originNote(token: string, opts: { notice?: string; widened?: boolean }): { token: string; text: string } | undefined {
  const widened = opts.widened ? vscode.l10n.t('The selection lay inside a token: the whole token was taken.') : undefined;
  const text = [opts.notice, widened].filter(Boolean).join(' ');
  return text ? { token, text } : undefined;
}
