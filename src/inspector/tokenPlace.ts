// Where a token sits: in the text it replaces (keeping a literal's quotes), and the note on where it came from.
import * as vscode from 'vscode';
import { findTokens } from '../core';

/** Where the token is in the text of a selection: the one token found in it, else inside its quotes, else all of it. */
export function tokenSpan(text: string): { start: number; end: number } {
  const found = findTokens(text);
  if (found.length === 1) return found[0];
  const quoted = /^(["'`])[^"'`]*\1$/.exec(text);
  return quoted ? { start: 1, end: text.length - 1 } : { start: 0, end: text.length };
}

/** What the panel says by the banner about where a token came from, tied to that token. */
export function originNote(token: string, opts: { notice?: string; widened?: boolean }): { token: string; text: string } | undefined {
  const widened = opts.widened ? vscode.l10n.t('The selection lay inside a token: the whole token was taken.') : undefined;
  const text = [opts.notice, widened].filter(Boolean).join(' ');
  return text ? { token, text } : undefined;
}
