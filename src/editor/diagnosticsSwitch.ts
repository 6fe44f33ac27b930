import * as vscode from 'vscode';
import { getConfig } from '../workspace/config';

/**
 * Expired tokens as Problems are off by default (`jwtWorkbench.diagnostics.enabled`), so their code (diagnostics.ts)
 * is read on first use: the first time the setting is on for the window or a workspace folder. From then on it runs
 * and follows the setting itself (turned off, it clears its Problems).
 */
export function expiredTokenProblems(): vscode.Disposable {
  let running: vscode.Disposable | undefined;
  let loading = false;
  let disposed = false;
  const wanted = () => getConfig().diagnostics || (vscode.workspace.workspaceFolders ?? []).some((f) => getConfig(f.uri).diagnostics);
  const start = () => {
    if (running || loading || disposed || !wanted()) return;
    loading = true;
    import('./diagnostics').then(
      ({ ExpiredTokenDiagnostics }) => {
        if (!disposed) running = new ExpiredTokenDiagnostics();
      },
      () => (loading = false),
    );
  };
  const subscriptions = [
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('jwtWorkbench.diagnostics')) start();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(start),
  ];
  start();
  return {
    dispose() {
      disposed = true;
      for (const s of subscriptions) s.dispose();
      running?.dispose();
    },
  };
}
