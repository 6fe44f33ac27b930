import * as vscode from 'vscode';

/** A question asked (a modal, a notification with choices, an open dialog), as asked: what the integration suite reads back. */
export interface AskedModal {
  message: string;
  detail?: string;
  /** The choices in the order shown: the first is the primary (blue) button. */
  buttons: string[];
}

/**
 * Answers the integration suite gives ahead (only through a command registered under ExtensionMode.Test): a dialog
 * cannot be clicked from the extension host, so the next question takes the next answer, and what was asked is
 * recorded. Undefined outside tests: every question is really asked.
 */
let scripted: { answers: (string | undefined)[]; asked: AskedModal[] } | undefined;

/** The scripted answer to `asked` when one is queued (`{ answer }`), else undefined: ask the user. */
function scriptedAnswer(asked: AskedModal): { answer: string | undefined } | undefined {
  scripted?.asked.push(asked);
  if (!scripted?.answers.length) return undefined;
  return { answer: scripted.answers.shift() };
}

/** A modal warning with `buttons`; the button chosen, or undefined when dismissed. */
export async function askModal(message: string, detail: string, ...buttons: string[]): Promise<string | undefined> {
  const given = scriptedAnswer({ message, detail, buttons });
  if (given) return given.answer !== undefined && buttons.includes(given.answer) ? given.answer : undefined;
  return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
}

/** An error notification offering `buttons` (the first is the primary one); the button chosen, or undefined. */
export async function askError(message: string, ...buttons: string[]): Promise<string | undefined> {
  const given = scriptedAnswer({ message, buttons });
  if (given) return given.answer !== undefined && buttons.includes(given.answer) ? given.answer : undefined;
  return vscode.window.showErrorMessage(message, ...buttons);
}

/** The open dialog for one file; under test the scripted answer is the file's URI. */
export async function askOpenFile(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
  const given = scriptedAnswer({ message: options.title ?? options.openLabel ?? '', buttons: [] });
  if (given) return given.answer ? vscode.Uri.parse(given.answer) : undefined;
  const [uri] = (await vscode.window.showOpenDialog({ ...options, canSelectMany: false })) ?? [];
  return uri;
}

/** Under test: queue `answers` for the next questions; returns the questions asked since the last call. */
export function scriptModals(answers: unknown): AskedModal[] {
  const asked = scripted?.asked ?? [];
  scripted = { answers: Array.isArray(answers) ? answers.map((a) => (typeof a === 'string' ? a : undefined)) : [], asked: [] };
  return asked;
}
