import * as vscode from 'vscode';
import type { InspectorView, ToWebview } from '../protocol';
import { inspectorHtml } from './html';
import { localizedStrings } from './strings';

export const INSPECTOR_VIEW_TYPE = 'jwtWorkbench.inspector';

/** What the panel tells its owner: a message from its webview (hostile input, unchecked), and that it closed. */
export interface PanelEvents {
  onMessage(message: unknown): unknown;
  onDispose(): void;
}

/**
 * The inspector's webview panel: its HTML, its options, and the messages to its script — held back until the script
 * said 'ready' (messages sent earlier would be lost).
 */
export class InspectorPanel {
  /** Whether the webview's script has said 'ready'. */
  private ready = false;
  /** Notices posted before the script runs: said once it is ready (a view is re-sent then anyway). */
  private pendingNotices: ToWebview[] = [];
  /** The view written into the HTML (its script paints it at start; 'ready' then sends only a newer one). */
  private embeddedView?: InspectorView;
  private readonly disposables: vscode.Disposable[] = [];

  /** A new panel beside the editor, keeping the focus where it is. */
  static create(extensionUri: vscode.Uri, events: PanelEvents): InspectorPanel {
    const panel = vscode.window.createWebviewPanel(INSPECTOR_VIEW_TYPE, vscode.l10n.t('JWT Inspector'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(extensionUri));
    return new InspectorPanel(panel, extensionUri, events);
  }

  /** Take `panel` (a new one, or one VS Code restored) as the inspector's. */
  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    events: PanelEvents,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m) => events.onMessage(m)),
      panel.onDidChangeViewState((e) => void vscode.commands.executeCommand('setContext', 'jwtWorkbench:inspectorFocused', e.webviewPanel.active)),
      panel.onDidDispose(() => {
        void vscode.commands.executeCommand('setContext', 'jwtWorkbench:inspectorFocused', false);
        for (const d of this.disposables.splice(0)) d.dispose();
        events.onDispose();
      }),
    );
  }

  reveal(): void {
    this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
  }

  dispose(): void {
    this.panel.dispose();
  }

  /** Write the HTML with `view` in it: the frame is built meanwhile, and the script paints the verdict at start. */
  writeHtml(view: InspectorView | undefined): void {
    this.embeddedView = view;
    const webview = this.panel.webview;
    const asUri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    webview.html = inspectorHtml({
      cspSource: webview.cspSource,
      script: asUri('dist', 'webview.js'),
      style: asUri('media', 'inspector.css'),
      strings: localizedStrings((s) => vscode.l10n.t(s)),
      view,
    });
  }

  /** The script said 'ready': send `latest` unless the HTML carried it, then the notices held back. */
  async scriptReady(latest: InspectorView | undefined): Promise<void> {
    this.ready = true;
    if (latest && latest !== this.embeddedView) await this.post({ type: 'view', view: latest });
    for (const n of this.pendingNotices.splice(0)) await this.post(n);
  }

  /**
   * Send `message` to the script. Before it runs the webview drops messages; its 'ready' then fetches the latest view.
   * Never waits for it: VS Code loads a restored webview only after deserializeWebviewPanel returns.
   */
  async post(message: ToWebview): Promise<void> {
    if (!this.ready) {
      if (message.type === 'notice') this.pendingNotices = [...this.pendingNotices.slice(-4), message];
      return;
    }
    await this.panel.webview.postMessage(message);
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}
