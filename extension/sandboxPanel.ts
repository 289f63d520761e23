// The sandbox panel: command winsockLens.openSandbox opens (or reveals) one webview panel whose
// session (SandboxHost: the worker process, the journal) lives exactly as long as the panel. The
// serializer brings the panel back after a reload. Off in untrusted workspaces.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { HostToWebview, PanelState } from '../core/protocol/sandbox';
import { sharedLog } from './log';
import { SandboxHost } from './sandboxHost';
import { readSandboxLimits, SANDBOX_SECTION } from './sandboxSettings';
import { panelStrings, uiLanguage } from './sandboxStrings';
import * as ui from './uiText';

export const SANDBOX_VIEW_TYPE = 'winsockLens.sandbox';
export const OPEN_SANDBOX_COMMAND = 'winsockLens.openSandbox';

/** What tests reach through the extension's exports (the same paths the webview uses). */
export interface SandboxTestApi {
  /** Opens the panel (as the command does) and resolves when the worker is ready. */
  open(): Promise<void>;
  /** Delivers a message exactly as if the webview had posted it (validation included). */
  post(message: unknown): Promise<void>;
  /** The last state sent to the webview. */
  state(): PanelState | undefined;
  workerPid(): number | undefined;
  lastExport(): string | undefined;
  /** Errors shown in the panel, oldest first. */
  errors(): readonly string[];
  isOpen(): boolean;
  /** What the command said each time it refused to open (untrusted workspace), oldest first. */
  refusals(): readonly string[];
  /** Hands a panel to the panel serializer registered with VS Code, as VS Code does when it restores one. */
  restore(panel: vscode.WebviewPanel): Promise<void>;
}

class SandboxPanel implements vscode.Disposable {
  static current: SandboxPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  readonly host: SandboxHost;
  lastState: PanelState | undefined;
  readonly shownErrors: string[] = [];

  static createOrShow(context: vscode.ExtensionContext): SandboxPanel {
    const existing = SandboxPanel.current;
    if (existing) {
      existing.panel.reveal(undefined);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(SANDBOX_VIEW_TYPE, ui.t('Winsock Sandbox'), vscode.ViewColumn.Active, webviewOptions(context));
    return new SandboxPanel(panel, context);
  }

  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext): SandboxPanel {
    SandboxPanel.current?.dispose();
    panel.webview.options = webviewOptions(context);
    return new SandboxPanel(panel, context);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
  ) {
    SandboxPanel.current = this;
    const log = sharedLog(context);
    this.host = new SandboxHost({
      workerPath: vscode.Uri.joinPath(context.extensionUri, 'dist', 'sandbox-worker.js').fsPath,
      log,
      limits: readSandboxLimits,
      openExport: async (text) => {
        const doc = await vscode.workspace.openTextDocument({ language: 'c', content: text });
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      },
      showError: (message) => {
        this.shownErrors.push(message);
        this.post({ type: 'error', message });
      },
    });
    this.disposables.push(
      this.host,
      this.host.onState((s) => {
        this.lastState = s;
        this.post({ type: 'state', state: s });
      }),
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.host.receive(m)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SANDBOX_SECTION)) void this.host.applyLimits();
      }),
    );
    panel.webview.html = this.html();
    void this.host.start().catch(() => undefined);
  }

  private post(message: HostToWebview): void {
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  private html(): string {
    const webview = this.panel.webview;
    const root = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'sandbox.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(root, 'sandbox.css'));
    const nonce = randomBytes(18).toString('base64');
    const csp = [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
    ].join('; ');
    const title = escapeHtml(panelStrings()['title'] ?? 'Winsock Sandbox');
    return `<!DOCTYPE html>
<html lang="${uiLanguage()}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${title}</title>
</head>
<body>
<div id="announce" class="visually-hidden" role="log" aria-live="polite"></div>
<main id="app" aria-busy="true"><p class="status">${escapeHtml(ui.t('Starting the sandbox worker…'))}</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (SandboxPanel.current === this) SandboxPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

function webviewOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const untrustedMessage = () =>
  ui.t('The Winsock sandbox makes real socket calls in a separate process, so it is off in untrusted workspaces. Trust this workspace to use it.');

export function register(context: vscode.ExtensionContext): SandboxTestApi {
  const refusals: string[] = [];
  const open = (): SandboxPanel | undefined => {
    if (!vscode.workspace.isTrusted) {
      const message = untrustedMessage();
      refusals.push(message);
      void vscode.window.showWarningMessage(message);
      return undefined;
    }
    return SandboxPanel.createOrShow(context);
  };
  const serializer: vscode.WebviewPanelSerializer = {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
      if (!vscode.workspace.isTrusted) {
        // A panel restored in an untrusted workspace: no script, no worker, only why.
        panel.webview.options = { enableScripts: false, localResourceRoots: [] };
        panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>${escapeHtml(untrustedMessage())}</p></body></html>`;
        return;
      }
      SandboxPanel.revive(panel, context);
    },
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_SANDBOX_COMMAND, () => void open()),
    vscode.window.registerWebviewPanelSerializer(SANDBOX_VIEW_TYPE, serializer),
    // Deactivation (or an extension host shutdown) ends the worker with the panel.
    { dispose: () => SandboxPanel.current?.dispose() },
  );
  return {
    async open() {
      const p = open();
      if (!p) throw new Error(untrustedMessage());
      await p.host.start();
    },
    post: (message) => SandboxPanel.current?.host.receive(message) ?? Promise.reject(new Error('the sandbox panel is not open')),
    state: () => SandboxPanel.current?.lastState,
    workerPid: () => SandboxPanel.current?.host.workerPid,
    lastExport: () => SandboxPanel.current?.host.lastExport,
    errors: () => SandboxPanel.current?.shownErrors ?? [],
    isOpen: () => SandboxPanel.current !== undefined,
    refusals: () => refusals,
    restore: async (panel) => {
      await serializer.deserializeWebviewPanel(panel, undefined);
    },
  };
}

/** Ends the session's worker when the extension deactivates (awaitable, unlike dispose). */
export async function deactivate(): Promise<void> {
  const p = SandboxPanel.current;
  if (!p) return;
  await p.host.shutdown();
  p.dispose();
}
