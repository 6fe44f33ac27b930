import * as vscode from 'vscode';

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

/** A file's bytes: from Node for a local file, else through workspace.fs. A missing file is FileNotFound either way. */
export async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  const fs = await localFs(uri);
  if (!fs) return vscode.workspace.fs.readFile(uri);
  try {
    return await fs.readFile(uri.fsPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw vscode.FileSystemError.FileNotFound(uri);
    if (code === 'EISDIR') throw vscode.FileSystemError.FileIsADirectory(uri);
    if (code === 'EACCES' || code === 'EPERM') throw vscode.FileSystemError.NoPermissions(uri);
    throw e;
  }
}

/** Whether something exists at `uri` (Node's stat for a local file, else workspace.fs). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  const fs = await localFs(uri);
  if (!fs) return vscode.workspace.fs.stat(uri).then(() => true, () => false);
  return fs.stat(uri.fsPath).then(() => true, () => false);
}
