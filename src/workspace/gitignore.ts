import * as vscode from 'vscode';
import { isIgnored } from '../core';
import { readWorkspaceFile } from './files';

const ASKED = 'jwtWorkbench.gitignoreAsked';

/**
 * Once per workspace: if the folder is a git repository whose root `.gitignore` does not ignore the `.env` (or the
 * private key, `o.entry` being what to add, e.g. `keys/`) just written, say so and offer to add it. Returns whether it
 * was (already or now) ignored.
 */
export async function offerToIgnore(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder, env: vscode.Uri, o: { asked?: string; entry?: string; what?: string } = {}): Promise<boolean | undefined> {
  const exists = (uri: vscode.Uri) => vscode.workspace.fs.stat(uri).then(() => true, () => false);
  if (!(await exists(vscode.Uri.joinPath(folder.uri, '.git')))) return undefined;
  const gitignoreUri = vscode.Uri.joinPath(folder.uri, '.gitignore');
  let text = '';
  try {
    if (await exists(gitignoreUri)) text = new TextDecoder().decode(await readWorkspaceFile(gitignoreUri, folder));
  } catch {
    return undefined; // a .gitignore that is a link out of the folder, or huge: neither read nor written
  }
  const rel = env.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
  if (isIgnored(text, rel)) return true;
  const asked = o.asked ?? ASKED;
  if (context.workspaceState.get<boolean>(asked)) return false;
  await context.workspaceState.update(asked, true);
  const add = vscode.l10n.t('Add to .gitignore');
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} is not ignored by git: {1} could be committed.', o.entry ?? rel, o.what ?? vscode.l10n.t('the secret')), add);
  if (answer !== add) return false;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sep = text.length === 0 || text.endsWith('\n') ? '' : eol;
  await vscode.workspace.fs.writeFile(gitignoreUri, new TextEncoder().encode(`${text}${sep}/${o.entry ?? rel}${eol}`));
  return true;
}
