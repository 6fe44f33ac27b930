import * as vscode from 'vscode';
import { upsertEnvVar, upsertPythonEnvVar } from '../core';
import { dialectOfProject, envDisagreement, PYTHON_MARKERS, readBoth, type EnvDialect, type EnvReading } from '../core/project/dotenvReadings';
import { getConfig } from './config';
import { WorkspaceError } from './errors';
import { exists, localFs, readWorkspaceFile } from './files';

export type { EnvDialect } from '../core/project/dotenvReadings';

/** A workspace's `.env`, as text — from the open editor when it is open (unsaved changes included). */
export interface EnvText {
  uri: vscode.Uri;
  folder: vscode.WorkspaceFolder;
  exists: boolean;
  text: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The workspace folder a command works in: the active file's, else the only one, else the user picks. */
export async function pickFolder(hint?: vscode.Uri): Promise<vscode.WorkspaceFolder | undefined> {
  const fromHint = hint && vscode.workspace.getWorkspaceFolder(hint);
  if (fromHint) return fromHint;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which workspace folder’s .env?') });
}

/**
 * The folder a command writes into, or undefined after telling the user why not: no folder open, or a workspace
 * that is not trusted (writing `.env` and key files waits for trust). `noFolder` and `untrusted` are the messages.
 */
export async function folderToWrite(noFolder: string, untrusted: string, hint: vscode.Uri | undefined = vscode.window.activeTextEditor?.document.uri): Promise<vscode.WorkspaceFolder | undefined> {
  const folder = await pickFolder(hint);
  if (!folder) void vscode.window.showErrorMessage(noFolder);
  else if (!vscode.workspace.isTrusted) void vscode.window.showErrorMessage(untrusted);
  else return folder;
  return undefined;
}

/** Ask before replacing a key in a modal; true when the user chose Replace. */
export async function confirmReplace(question: string, consequence: string): Promise<boolean> {
  const replace = vscode.l10n.t('Replace');
  return (await vscode.window.showWarningMessage(question, { modal: true, detail: consequence }, replace)) === replace;
}

export function envUri(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, getConfig(folder.uri).envFile);
}

/**
 * The `.env` that belongs to a file: the nearest one from its directory up to its workspace folder's root; the
 * folder-root one when there is none (or when `jwtWorkbench.envFile` names a file explicitly).
 */
export async function envUriFor(folder: vscode.WorkspaceFolder, from?: vscode.Uri): Promise<vscode.Uri> {
  const setting = vscode.workspace.getConfiguration('jwtWorkbench', folder.uri).inspect<string>('envFile');
  const explicit = setting?.workspaceFolderValue ?? setting?.workspaceValue ?? setting?.globalValue;
  if (explicit || !from || vscode.workspace.getWorkspaceFolder(from)?.index !== folder.index) return envUri(folder);
  const root = folder.uri.path.replace(/\/$/, '');
  for (let dir = vscode.Uri.joinPath(from, '..'); dir.path.startsWith(root) && dir.path.length > root.length; dir = vscode.Uri.joinPath(dir, '..')) {
    const candidate = vscode.Uri.joinPath(dir, '.env');
    if (openDocument(candidate) || (await exists(candidate))) return candidate;
  }
  return envUri(folder);
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/** Read a `.env` of the folder (an editor's unsaved text wins over the disk). A missing file reads as empty. */
export async function readEnv(folder: vscode.WorkspaceFolder, uri: vscode.Uri = envUri(folder)): Promise<EnvText> {
  const doc = openDocument(uri);
  if (doc?.isDirty) return { uri, folder, exists: true, text: doc.getText() };
  let bytes: Uint8Array;
  try {
    bytes = await readWorkspaceFile(uri, folder);
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return { uri, folder, exists: false, text: '' };
    throw new WorkspaceError('ERR_ENV_READ', vscode.l10n.t('Cannot read {0}: {1}', vscode.workspace.asRelativePath(uri), (e as Error).message));
  }
  try {
    return { uri, folder, exists: true, text: strictUtf8.decode(bytes) };
  } catch {
    throw new WorkspaceError('ERR_ENV_NOT_UTF8', vscode.l10n.t('{0} is not UTF-8 text; it was left unchanged.', vscode.workspace.asRelativePath(uri)));
  }
}

/** Whether `uri` lies inside `folder` (same scheme and authority, its path below the folder's). */
function inside(folder: vscode.WorkspaceFolder, uri: vscode.Uri): boolean {
  const root = folder.uri.path.replace(/\/$/, '');
  return uri.scheme === folder.uri.scheme && uri.authority === folder.uri.authority && uri.path.startsWith(`${root}/`);
}

/** The real path of a local file (symbolic links resolved), or undefined where there is no local file system. */
async function realPath(uri: vscode.Uri): Promise<string | undefined> {
  const fs = await localFs(uri);
  if (!fs) return undefined;
  try {
    return await fs.realpath(uri.fsPath);
  } catch {
    return undefined; // not there yet: it will be created where it is named
  }
}

/**
 * Make a local file readable by its owner only (mode 0600), as a private key file should be. Where the file system
 * has no modes (the web, a virtual workspace) there is nothing to do; returns whether it was done.
 */
export async function restrictToOwner(uri: vscode.Uri): Promise<boolean> {
  const fs = process.platform === 'win32' ? undefined : await localFs(uri);
  if (!fs) return false;
  await fs.chmod(uri.fsPath, 0o600);
  return true;
}

/**
 * Where writing `.env` at `uri` really writes: `uri` itself, or the target of the symbolic link it is (`via` is then
 * the link). Refuses — naming the path — a file outside the workspace folder, whether a setting such as
 * `jwtWorkbench.envFile = "../outside/x"` points there or a committed `.env` link does: a write never leaves it.
 */
export async function writeTarget(folder: vscode.WorkspaceFolder, uri: vscode.Uri): Promise<{ uri: vscode.Uri; via?: vscode.Uri }> {
  const shown = (u: vscode.Uri) => (u.scheme === 'file' ? u.fsPath : u.toString(true));
  if (!inside(folder, uri)) {
    throw new WorkspaceError('ERR_ENV_OUTSIDE', vscode.l10n.t('{0} is outside the workspace folder {1}; JWT Workbench writes only inside it. Check the jwtWorkbench.envFile setting.', shown(uri), folder.name));
  }
  const real = await realPath(uri);
  const folderReal = await realPath(folder.uri);
  if (real === undefined || folderReal === undefined || real === uri.fsPath) return { uri };
  const target = vscode.Uri.file(real);
  const rootReal = folderReal.replace(/[\\/]$/, '');
  if (!(real.startsWith(`${rootReal}/`) || real.startsWith(`${rootReal}\\`))) {
    throw new WorkspaceError('ERR_ENV_OUTSIDE', vscode.l10n.t('{0} is a symbolic link to {1}, outside the workspace folder {2}; nothing was written.', vscode.workspace.asRelativePath(uri), real, folder.name));
  }
  return { uri: target, via: uri };
}

/**
 * `.env` texts read during one piece of work, by URI: the inspector lists the key sources and loads the chosen one
 * in the same render, and should read each file once for both.
 */
export type EnvReads = Map<string, Promise<EnvText>>;

/** readEnv, through `reads` when given (a file already read during this work is not read again). */
export function readEnvOnce(folder: vscode.WorkspaceFolder, uri: vscode.Uri = envUri(folder), reads?: EnvReads): Promise<EnvText> {
  if (!reads) return readEnv(folder, uri);
  let text = reads.get(uri.toString());
  if (!text) reads.set(uri.toString(), (text = readEnv(folder, uri)));
  return text;
}

/** The reader that loads this `.env`: the setting, or (auto) python-dotenv in a Python project, else dotenv. */
export async function detectEnvDialect(folder: vscode.WorkspaceFolder, envUri: vscode.Uri): Promise<EnvDialect> {
  const setting = getConfig(folder.uri).envDialect;
  if (setting !== 'auto') return setting;
  const envDir = vscode.Uri.joinPath(envUri, '..');
  for (const dir of envDir.toString() === folder.uri.toString() ? [folder.uri] : [envDir, folder.uri]) {
    const files = [...PYTHON_MARKERS, 'package.json'];
    const found = await Promise.all(files.map((m) => exists(vscode.Uri.joinPath(dir, m))));
    const dialect = dialectOfProject((f) => found[files.indexOf(f)]);
    if (dialect) return dialect;
  }
  return 'dotenv';
}

/**
 * One variable of a `.env`, read as `dialect` reads it; `other` is the other reader's reading when it differs
 * (Django's python-dotenv and Node's dotenv disagree on backticks, `KEY: value`, a BOM, escapes).
 */
export async function readEnvVariable(
  folder: vscode.WorkspaceFolder,
  name: string,
  uri?: vscode.Uri,
  reads?: EnvReads,
  dialect: EnvDialect = 'dotenv',
): Promise<EnvReading & { env: EnvText }> {
  const env = await readEnvOnce(folder, uri, reads);
  return { env, ...readBoth(env.text, name, dialect) };
}

/** How the other reader's value differs, in words that never show either value. */
export function describeDisagreement(name: string, dialect: EnvDialect, value: string | undefined, other: { dialect: EnvDialect; value?: string }): string {
  const d = envDisagreement(value, other.value);
  const how =
    d.kind === 'unread' ? vscode.l10n.t('does not read {0} at all', name)
    : d.kind === 'withBackticks' ? vscode.l10n.t('reads {0} with its backticks', name)
    : d.kind === 'withoutBackticks' ? vscode.l10n.t('reads {0} without the backticks', name)
    : vscode.l10n.t('reads {0} differently ({1} characters, not {2})', name, d.otherLength, d.length);
  return vscode.l10n.t('{0} {1}. This project loads .env with {2}, so that reading is the one used.', other.dialect, how, dialect);
}

/** What to do about a `.env` that cannot be written, in a shell's words. */
function whatToDo(uri: vscode.Uri): string {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return vscode.l10n.t('Make it writable (chmod u+w {0}, or chattr -i {0} if it is immutable) and run the command again.', name);
}

/**
 * Set one variable in `.env`, changing nothing else. When the file is open in an editor the change goes through a
 * WorkspaceEdit (unsaved changes are kept, Undo works; a file that was clean is saved again); otherwise the bytes
 * on disk are rewritten through `workspace.fs` with only that value changed. In a python-dotenv project a line that
 * python-dotenv would not read (`NAME: value`, backticks, a BOM) is rewritten as `NAME=value`: `rewritten` says so.
 */
export async function writeEnvVariable(env: EnvText, name: string, value: string, dialect: EnvDialect = 'dotenv'): Promise<{ previous?: string; rewritten: boolean }> {
  const upsert = (text: string) => (dialect === 'python-dotenv' ? upsertPythonEnvVar(text, name, value) : { ...upsertEnvVar(text, name, value), rewritten: false });
  const doc = openDocument(env.uri);
  const fresh = await readEnv(env.folder, env.uri);
  // A clean document whose text differs from the disk has not caught up with an outside change yet: the disk wins.
  if (doc && (doc.isDirty || doc.getText() === fresh.text)) {
    const wasDirty = doc.isDirty;
    const edit = upsert(doc.getText());
    const we = new vscode.WorkspaceEdit();
    we.replace(doc.uri, new vscode.Range(doc.positionAt(edit.edit.start), doc.positionAt(edit.edit.end)), edit.edit.insert);
    if (!(await vscode.workspace.applyEdit(we))) throw new WorkspaceError('ERR_ENV_WRITE', vscode.l10n.t('The editor refused the change to {0}.', vscode.workspace.asRelativePath(env.uri)));
    if (!wasDirty && !(await doc.save().then((ok) => ok, () => false))) {
      // The file cannot be written (read-only, immutable, gone): put the editor back to what the disk holds.
      await vscode.commands.executeCommand('workbench.action.files.revert', doc.uri);
      throw new WorkspaceError('ERR_ENV_WRITE', vscode.l10n.t('Cannot write {0}; nothing was changed. {1}', vscode.workspace.asRelativePath(env.uri), whatToDo(env.uri)));
    }
    return { previous: edit.previous, rewritten: edit.rewritten };
  }
  const edit = upsert(fresh.text);
  try {
    const stat = fresh.exists ? await vscode.workspace.fs.stat(env.uri) : undefined;
    if (stat && stat.permissions !== undefined && stat.permissions & vscode.FilePermission.Readonly) {
      throw new WorkspaceError('ERR_ENV_READONLY', vscode.l10n.t('{0} is read-only; nothing was written. {1}', vscode.workspace.asRelativePath(env.uri), whatToDo(env.uri)));
    }
    await vscode.workspace.fs.writeFile(env.uri, new TextEncoder().encode(edit.text));
  } catch (e) {
    if (e instanceof WorkspaceError) throw e;
    const rel = vscode.workspace.asRelativePath(env.uri);
    const denied = (e instanceof vscode.FileSystemError && e.code === 'NoPermissions') || /\b(EPERM|EACCES|EROFS)\b/.test((e as Error).message);
    if (denied) throw new WorkspaceError('ERR_ENV_READONLY', vscode.l10n.t('{0} cannot be written: the system refused permission (the file is read-only, immutable or not yours); nothing was changed. {1}', rel, whatToDo(env.uri)));
    throw new WorkspaceError('ERR_ENV_WRITE', vscode.l10n.t('Cannot write {0}: {1}', rel, (e as Error).message));
  }
  return { previous: edit.previous, rewritten: edit.rewritten };
}
