import * as vscode from 'vscode';

/** A modal question, as asked: what the integration suite reads back. */
export interface AskedModal {
  message: string;
  detail?: string;
}

/** An answer given ahead: the button chosen (undefined: dismissed), and how long the user takes to give it. */
interface ScriptedAnswer {
  answer?: string;
  afterMs: number;
}

/** The longest a scripted user may take to answer. */
const MAX_SCRIPTED_MS = 60_000;

/**
 * Answers the integration suite gives ahead (only through a command registered under ExtensionMode.Test): a modal
 * dialog cannot be clicked from the extension host, so the next modal takes the next answer, and what was asked is
 * recorded. Undefined outside tests: every question is a real modal.
 */
let scripted: { answers: ScriptedAnswer[]; asked: AskedModal[] } | undefined;

/** A modal warning with `buttons`; the button chosen, or undefined when dismissed. */
export async function askModal(message: string, detail: string, ...buttons: string[]): Promise<string | undefined> {
  const next = scripted?.answers.shift();
  scripted?.asked.push({ message, detail });
  if (!next) return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  if (next.afterMs > 0) await new Promise((r) => setTimeout(r, next.afterMs));
  return next.answer !== undefined && buttons.includes(next.answer) ? next.answer : undefined;
}

/**
 * Under test: queue `answers` for the next modals — a button's label, anything else to dismiss, or
 * `{ answer, afterMs }` for a user who takes that long — and return the modals asked since the last call.
 */
export function scriptModals(answers: unknown): AskedModal[] {
  const asked = scripted?.asked ?? [];
  scripted = { answers: Array.isArray(answers) ? answers.map(scriptedAnswer) : [], asked: [] };
  return asked;
}

function scriptedAnswer(a: unknown): ScriptedAnswer {
  if (typeof a === 'string') return { answer: a, afterMs: 0 };
  const o = typeof a === 'object' && a !== null ? (a as { answer?: unknown; afterMs?: unknown }) : {};
  const afterMs = typeof o.afterMs === 'number' && o.afterMs > 0 ? Math.min(o.afterMs, MAX_SCRIPTED_MS) : 0;
  return { answer: typeof o.answer === 'string' ? o.answer : undefined, afterMs };
}
