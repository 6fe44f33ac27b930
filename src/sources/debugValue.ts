import * as vscode from 'vscode';
import { findTokens, MAX_TOKEN_CHARS, unquoteDebugValue } from '../core';
import type { Services } from '../services';

/** What VS Code passes a command in `debug/variables/context` and `debug/watch/context`. */
export interface DebugVariableArg {
  sessionId?: string;
  variable?: { name?: string; value?: string; evaluateName?: string };
}

/**
 * JWT: Inspect Value, from the Variables and Watch views of a paused program: the string's token in the inspector,
 * verified with the `.env` of the debugged folder. A value the view shows cut short is asked for whole (an `evaluate`
 * in the clipboard context, which debuggers answer untruncated).
 */
export async function inspectDebugValueCommand(services: Services, arg?: DebugVariableArg): Promise<void> {
  const variable = arg?.variable;
  if (!variable || typeof variable.value !== 'string') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Right-click a variable in the Variables or Watch view of a paused program, then JWT: Inspect Value.'));
    return;
  }
  const session = [vscode.debug.activeDebugSession].find((s) => s && (!arg?.sessionId || s.id === arg.sessionId));
  let shown = unquoteDebugValue(variable.value) ?? { text: variable.value, truncated: false };
  if (shown.truncated && variable.evaluateName && session) {
    const whole = await evaluateWhole(session, variable.evaluateName);
    if (whole) shown = whole;
  }
  const token = findTokens(shown.text.length > MAX_TOKEN_CHARS * 2 ? shown.text.slice(0, MAX_TOKEN_CHARS * 2) : shown.text)[0]?.token;
  if (!token) {
    const name = variable.name ?? vscode.l10n.t('That value');
    void vscode.window.showInformationMessage(shown.truncated ? vscode.l10n.t('{0} is shown cut short and the debugger did not give the whole value; no token in what is shown.', name) : vscode.l10n.t('{0} holds no JWT (a token starts with "eyJ" and has two or four dots).', name));
    return;
  }
  await services.inspector.showFound(token, 'debugger', session?.workspaceFolder?.uri, vscode.l10n.t('From the debugger: {0}', variable.name ?? ''));
}

async function evaluateWhole(session: vscode.DebugSession, expression: string): Promise<{ text: string; truncated: boolean } | undefined> {
  const item = vscode.debug.activeStackItem;
  const frameId = item instanceof vscode.DebugStackFrame && item.session.id === session.id ? item.frameId : undefined;
  try {
    const r = (await session.customRequest('evaluate', { expression, context: 'clipboard', ...(frameId !== undefined ? { frameId } : {}) })) as { result?: unknown };
    return typeof r?.result === 'string' ? (unquoteDebugValue(r.result) ?? { text: r.result, truncated: false }) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * JWT: Verify Selection in the Debug Console (Ctrl+Shift+J there): extensions cannot read the Debug Console's selection
 * nor add to its menu, so this copies it (VS Code's own Copy), reads the token from the clipboard and puts back what the
 * clipboard held before.
 */
export async function inspectDebugConsoleSelectionCommand(services: Services): Promise<void> {
  const before = await vscode.env.clipboard.readText().then((t) => t, () => '');
  await vscode.env.clipboard.writeText('');
  await vscode.commands.executeCommand('editor.action.clipboardCopyAction');
  const copied = await vscode.env.clipboard.readText().then((t) => t, () => '');
  await vscode.env.clipboard.writeText(before);
  const token = copied.length <= MAX_TOKEN_CHARS * 4 ? findTokens(copied)[0]?.token : undefined;
  if (!token) {
    void vscode.window.showInformationMessage(copied ? vscode.l10n.t('The Debug Console selection holds no JWT.') : vscode.l10n.t('Select a token in the Debug Console first.'));
    return;
  }
  await services.inspector.showFound(token, 'debugger', vscode.debug.activeDebugSession?.workspaceFolder?.uri, vscode.l10n.t('From the Debug Console.'));
}
