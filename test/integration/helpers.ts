import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InspectorView } from '../../src/protocol';

export function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the fixture workspace is open');
  return f;
}

export function fsPath(...parts: string[]): string {
  return path.join(folder().uri.fsPath, ...parts);
}

/** Revert every unsaved document (so no test sees another's edits), then close all editors. */
export async function closeAllEditors(): Promise<void> {
  const root = folder().uri.fsPath;
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file' && d.uri.fsPath.startsWith(root + path.sep))) {
    try {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } catch (e) {
      console.warn(`could not revert ${doc.uri.toString()}: ${(e as Error).message}`);
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

let fileCounter = 0;

/**
 * Open a new file in the workspace with `text`, and select `select` (the whole text by default). Each call makes a
 * file of its own: VS Code keeps closed documents cached, so reusing a name could show another test's text.
 */
export async function editorWith(baseName: string, text: string, select?: string): Promise<vscode.TextEditor> {
  const name = baseName.replace(/(\.[^.]+)?$/, `-${++fileCounter}$1`);
  fs.writeFileSync(fsPath(name), text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(fsPath(name)));
  const editor = await vscode.window.showTextDocument(doc);
  const target = select ?? text;
  const start = text.indexOf(target);
  assert.ok(start >= 0, 'selection text present');
  editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(start + target.length));
  return editor;
}

export function inspectorView(): Promise<InspectorView | undefined> {
  return vscode.commands.executeCommand<InspectorView | undefined>('jwtWorkbench.inspectorState') as Promise<InspectorView | undefined>;
}

export function envText(): string {
  return fs.readFileSync(fsPath('.env'), 'utf8');
}

export function secretFromEnv(): string {
  const m = /^JWT_SECRET=([0-9a-f]{64})\r?$/m.exec(envText());
  assert.ok(m, 'JWT_SECRET in .env');
  return m[1];
}

/**
 * Run `body` with `settings` written into the workspace's .vscode/settings.json, as a repository would commit them;
 * waits until VS Code reads them, and until it has forgotten them again afterwards.
 */
export async function withWorkspaceSettings(settings: Record<string, unknown>, body: () => Promise<void>): Promise<void> {
  const file = fsPath('.vscode', 'settings.json');
  const read = (name: string) => vscode.workspace.getConfiguration().inspect(name)?.workspaceValue;
  const settle = async (want: (name: string) => unknown) => {
    const pending = () => Object.keys(settings).filter((n) => JSON.stringify(read(n)) !== JSON.stringify(want(n)));
    for (let i = 0; i < 300 && pending().length; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(pending(), [], 'VS Code read .vscode/settings.json');
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  await settle((n) => settings[n]);
  try {
    await body();
  } finally {
    // Emptied rather than deleted: VS Code notices a change at once, a deletion only after seconds.
    fs.writeFileSync(file, '{}');
    await settle(() => undefined);
  }
}

/** An error message the extension showed, with the code of the typed error it reports (recorded under test only). */
export interface ShownError {
  message: string;
  code?: string;
}

/** The error messages shown since the last call (the first call starts the recording). */
export async function shownErrors(): Promise<ShownError[]> {
  // The test commands are registered on activation, which running them does not trigger.
  await vscode.extensions.getExtension('jwt-workbench.jwt-workbench')!.activate();
  return vscode.commands.executeCommand<ShownError[]>('jwtWorkbench.test.errors');
}

/**
 * Run a command the user runs, as they would, and return the one error it shows them: it must show exactly one, and
 * return nothing (no source added, nothing written).
 */
export async function commandError(command: string, ...args: unknown[]): Promise<ShownError> {
  await shownErrors();
  const result = await vscode.commands.executeCommand(command, ...args);
  const shown = await shownErrors();
  assert.equal(result, undefined, `${command} returned ${JSON.stringify(result)}`);
  assert.equal(shown.length, 1, `${command} showed ${JSON.stringify(shown)}`);
  return shown[0];
}

/** Run a command that must succeed: it shows no error, and its result is returned. */
export async function commandResult<T>(command: string, ...args: unknown[]): Promise<T> {
  await shownErrors();
  const result = await vscode.commands.executeCommand<T>(command, ...args);
  assert.deepEqual(await shownErrors(), [], `${command} showed an error`);
  return result;
}
