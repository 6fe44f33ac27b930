import * as vscode from 'vscode';

/** A question asked (a modal, a notification with choices, an open dialog), as asked: what the integration suite reads back. */
export interface AskedModal {
  message: string;
  detail?: string;
  /** The choices in the order shown: the first is the primary (blue) button. */
  buttons: string[];
}

/** An answer given ahead: the choice (undefined: dismissed), and how long the user takes to give it. */
interface ScriptedAnswer {
  answer?: string;
  afterMs: number;
}

/** The longest a scripted user may take to answer. */
const MAX_SCRIPTED_MS = 60_000;

/**
 * Answers the integration suite gives ahead (only through a command registered under ExtensionMode.Test): a dialog
 * cannot be clicked from the extension host, so the next question takes the next answer, and what was asked is
 * recorded. Undefined outside tests: every question is really asked.
 */
let scripted: { answers: ScriptedAnswer[]; asked: AskedModal[] } | undefined;

/** The scripted answer to `asked` when one is queued, after the time the scripted user takes; else undefined: ask the user. */
async function scriptedAnswer(asked: AskedModal): Promise<{ answer: string | undefined } | undefined> {
  scripted?.asked.push(asked);
  const next = scripted?.answers.shift();
  if (!next) return undefined;
  if (next.afterMs > 0) await new Promise((r) => setTimeout(r, next.afterMs));
  return { answer: next.answer };
}

/** A modal warning with `buttons`; the button chosen, or undefined when dismissed. */
export async function askModal(message: string, detail: string, ...buttons: string[]): Promise<string | undefined> {
  const given = await scriptedAnswer({ message, detail, buttons });
  if (given) return given.answer !== undefined && buttons.includes(given.answer) ? given.answer : undefined;
  return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
}

/** An error notification offering `buttons` (the first is the primary one); the button chosen, or undefined. */
export async function askError(message: string, ...buttons: string[]): Promise<string | undefined> {
  const given = await scriptedAnswer({ message, buttons });
  if (given) return given.answer !== undefined && buttons.includes(given.answer) ? given.answer : undefined;
  return vscode.window.showErrorMessage(message, ...buttons);
}

/** The open dialog for one file; under test the scripted answer is the file's URI. */
export async function askOpenFile(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
  const given = await scriptedAnswer({ message: options.title ?? options.openLabel ?? '', buttons: [] });
  if (given) return given.answer ? vscode.Uri.parse(given.answer) : undefined;
  const [uri] = (await vscode.window.showOpenDialog({ ...options, canSelectMany: false })) ?? [];
  return uri;
}

/**
 * Under test: queue `answers` for the next questions — a choice's label, anything else to dismiss, or
 * `{ answer, afterMs }` for a user who takes that long — and return the questions asked since the last call.
 */
export function scriptModals(answers: unknown): AskedModal[] {
  const asked = scripted?.asked ?? [];
  scripted = { answers: Array.isArray(answers) ? answers.map(toAnswer) : [], asked: [] };
  return asked;
}

function toAnswer(a: unknown): ScriptedAnswer {
  if (typeof a === 'string') return { answer: a, afterMs: 0 };
  const o = typeof a === 'object' && a !== null ? (a as { answer?: unknown; afterMs?: unknown }) : {};
  const afterMs = typeof o.afterMs === 'number' && o.afterMs > 0 ? Math.min(o.afterMs, MAX_SCRIPTED_MS) : 0;
  return { answer: typeof o.answer === 'string' ? o.answer : undefined, afterMs };
}
