import * as vscode from 'vscode';
import { WorkspaceError } from './errors';

/**
 * Node's file system for a local file, or undefined where there is none (the web extension, a virtual workspace).
 * The one place the workspace layer reaches past workspace.fs: for what it cannot do (real paths, file modes) and
 * for the reads on the paths a user waits on. Each workspace.fs call is a round trip through the workbench's main
 * thread — about 4 ms in code-server when it is idle, and it waited ~350 ms behind a webview being created (measured
 * by npm run bench:editor) — where Node reads a local `.env` in a fraction of a millisecond.
 */
export async function localFs(uri: vscode.Uri): Promise<typeof import('node:fs/promises') | undefined> {
  if (uri.scheme !== 'file' || typeof process === 'undefined' || !process.versions?.node) return undefined;
  return import('node:fs/promises');
}

/** The most any workspace file (a `.env`, a key, trust anchors, a project file) is read: real ones are a few KiB. */
export const MAX_READ_BYTES = 1024 * 1024;

/** A file JWT Workbench will not read: outside the folder (a link that leaves it), not a regular file, or too large. */
const refused = (message: string) => new WorkspaceError('ERR_FILE_REFUSED', message);

const shown = (uri: vscode.Uri) => vscode.workspace.asRelativePath(uri);
const tooLarge = (uri: vscode.Uri, size: number) =>
  refused(vscode.l10n.t('{0} is {1} MiB; JWT Workbench reads at most 1 MiB of a file, so it was not read.', shown(uri), (size / 1024 / 1024).toFixed(1)));

/** Whether `path` is `root` or below it (either separator). */
function below(root: string, path: string): boolean {
  const r = root.replace(/[\\/]$/, '');
  return path.startsWith(`${r}/`) || path.startsWith(`${r}\\`);
}

/**
 * The bytes of a file of the workspace — a `.env`, a key file, trust anchors, a project file — read only when it is
 * a regular file inside its workspace folder (`folder`, else the one it is in) and at most {@link MAX_READ_BYTES}.
 * A symbolic link is followed only when its target is inside that folder too; `/dev/zero`, a FIFO or a directory is
 * refused before anything is read. Throws FileNotFound for a missing file, ERR_FILE_REFUSED naming the file otherwise.
 */
export async function readWorkspaceFile(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined = vscode.workspace.getWorkspaceFolder(uri)): Promise<Uint8Array> {
  if (!folder || uri.scheme !== folder.uri.scheme || uri.authority !== folder.uri.authority || !below(folder.uri.path, uri.path)) {
    throw refused(vscode.l10n.t('{0} is outside the workspace folder; JWT Workbench reads only the workspace\'s files.', uri.scheme === 'file' ? uri.fsPath : uri.toString(true)));
  }
  const fs = await localFs(uri);
  if (!fs) return readThroughWorkspaceFs(uri);
  const real = await fs.realpath(uri.fsPath).catch((e: NodeJS.ErrnoException) => {
    throw e.code === 'ENOENT' || e.code === 'ENOTDIR' ? vscode.FileSystemError.FileNotFound(uri) : e;
  });
  const root = await fs.realpath(folder.uri.fsPath);
  if (!below(root, real)) throw refused(vscode.l10n.t('{0} is a symbolic link to {1}, outside the workspace folder {2}; it was not read.', shown(uri), real, folder.name));
  // Stat before opening: opening a FIFO would wait for a writer.
  const stat = await fs.stat(real);
  if (!stat.isFile()) throw refused(vscode.l10n.t('{0} is not a regular file ({1}); it was not read.', shown(uri), stat.isDirectory() ? 'a directory' : stat.isCharacterDevice() ? 'a device' : stat.isFIFO() ? 'a pipe' : 'a special file'));
  if (stat.size > MAX_READ_BYTES) throw tooLarge(uri, stat.size);
  const handle = await fs.open(real, 'r');
  try {
    // One byte more than allowed tells a file that grew since the stat.
    const buffer = new Uint8Array(MAX_READ_BYTES + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = (await handle.read(buffer, length, buffer.length - length, length)).bytesRead;
    if (length > MAX_READ_BYTES) throw tooLarge(uri, length);
    return buffer.slice(0, length);
  } finally {
    await handle.close();
  }
}

/** Where there is no local file system (the web, a virtual workspace): VS Code's stat first, then the bounded read. */
async function readThroughWorkspaceFs(uri: vscode.Uri): Promise<Uint8Array> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.type & vscode.FileType.SymbolicLink || !(stat.type & vscode.FileType.File)) throw refused(vscode.l10n.t('{0} is not a regular file; it was not read.', shown(uri)));
  if (stat.size > MAX_READ_BYTES) throw tooLarge(uri, stat.size);
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (bytes.length > MAX_READ_BYTES) throw tooLarge(uri, bytes.length);
  return bytes;
}

/** Whether something exists at `uri` (Node's stat for a local file, else workspace.fs). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  const fs = await localFs(uri);
  if (!fs) return vscode.workspace.fs.stat(uri).then(() => true, () => false);
  return fs.stat(uri.fsPath).then(() => true, () => false);
}
