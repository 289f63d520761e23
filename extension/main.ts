// Activation: wiring only. Each feature lives in its own file and exports `register(context, …)`;
// add one line per feature below.
import * as vscode from 'vscode';
import * as debug from './debug';
import * as documentParses from './documentParses';
import * as hover from './hover';
import * as lint from './lint';
import * as referencePage from './referencePage';
import * as sandboxPanel from './sandboxPanel';
import * as ui from './uiText';
import { renewTreeSitterFrom } from '../cli/treeSitterCopies';

/** What activate() returns: test hooks that go through the same paths as the UI. */
export interface WinsockLensApi {
  readonly sandbox?: sandboxPanel.SandboxTestApi;
  readonly lint?: lint.LintParts;
}

export function activate(context: vscode.ExtensionContext): WinsockLensApi {
  const api: { sandbox?: sandboxPanel.SandboxTestApi; lint?: lint.LintParts } = {};
  try {
    // After a wasm trap the parser loads web-tree-sitter afresh from dist/ (desktop only: the web
    // build cannot, and keeps the parser off until the window is reloaded).
    renewTreeSitterFrom(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web-tree-sitter.cjs').fsPath);
    // The shared C/C++ parse cache: hover reads it, lint can too.
    const parses = documentParses.register(context);
    hover.register(context, parses);
    const lintParts = lint.register(context, parses);
    if (context.extensionMode === vscode.ExtensionMode.Test) api.lint = lintParts;
    referencePage.register(context);
    debug.register(context);
    const sandboxApi = sandboxPanel.register(context);
    // The hooks drive the panel without its webview: handed out only to the extension's own tests.
    if (context.extensionMode === vscode.ExtensionMode.Test) api.sandbox = sandboxApi;
  } catch (err) {
    void vscode.window.showErrorMessage(ui.t('Winsock Lens failed to start: {0}', String(err)));
  }
  return api;
}

export async function deactivate(): Promise<void> {
  await Promise.all([sandboxPanel.deactivate(), debug.deactivate()]);
}
