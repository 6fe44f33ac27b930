import * as vscode from 'vscode';

/** A modal question, as asked: what the integration suite reads back. */
export interface AskedModal {
  message: string;
  detail?: string;
}

/**
 * Answers the integration suite gives ahead (only through a command registered under ExtensionMode.Test): a modal
 * dialog cannot be clicked from the extension host, so the next modal takes the next answer, and what was asked is
 * recorded. Undefined outside tests: every question is a real modal.
 */
let scripted: { answers: (string | undefined)[]; asked: AskedModal[] } | undefined;

/** A modal warning with `buttons`; the button chosen, or undefined when dismissed. */
export async function askModal(message: string, detail: string, ...buttons: string[]): Promise<string | undefined> {
  if (scripted?.answers.length) {
    scripted.asked.push({ message, detail });
    const answer = scripted.answers.shift();
    return answer !== undefined && buttons.includes(answer) ? answer : undefined;
  }
  scripted?.asked.push({ message, detail });
  return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
}

/** Under test: queue `answers` for the next modals; returns the modals asked since the last call. */
export function scriptModals(answers: unknown): AskedModal[] {
  const asked = scripted?.asked ?? [];
  scripted = { answers: Array.isArray(answers) ? answers.map((a) => (typeof a === 'string' ? a : undefined)) : [], asked: [] };
  return asked;
}
