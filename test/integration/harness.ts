// The suite's way into the inspector: a message handed to the same handler the panel's webview posts to (the webview
// is another trust domain, so tests forge what a compromised one could send), and what the extension posted in answer.
// The extension hands its inspector to the suite only when it runs under test (ExtensionMode.Test).
import * as vscode from 'vscode';
import type { InspectorController } from '../../src/inspector/controller';
import type { ToWebview } from '../../src/protocol';

async function inspector(): Promise<InspectorController> {
  const api = await vscode.extensions.getExtension<{ inspector: InspectorController } | undefined>('jwt-workbench.jwt-workbench')!.activate();
  if (!api) throw new Error('the extension does not run under test (ExtensionMode.Test)');
  return api.inspector;
}

/** Handle `message` as if the inspector's webview sent it; returns every message the extension posted meanwhile. */
export async function fromWebview(message: unknown): Promise<ToWebview[]> {
  const controller = await inspector();
  const posted: ToWebview[] = [];
  const listening = controller.onDidPost((m) => posted.push(m));
  try {
    await controller.receive(message);
  } finally {
    listening.dispose();
  }
  return posted;
}
