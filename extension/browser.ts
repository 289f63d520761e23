// Activation in VS Code for the Web (vscode.dev, github.dev): the web worker extension host runs
// this entry (package.json "browser"), built without Node built-ins. Hover, the reference pages,
// lint with its quick fixes and rule pages work as on the desktop (the .wasm parser files are read
// through the extension's URI); the snippets come from the manifest. The sandbox needs a real
// socket stack and a native FFI, so its command only says that it needs the desktop app.
import * as vscode from 'vscode';
import * as desktopOnly from './desktopOnly';
import * as documentParses from './documentParses';
import * as hover from './hover';
import * as lint from './lint';
import { SHOW_RULE_DOCUMENTATION_COMMAND } from './lintRuleDocs';
import * as referencePage from './referencePage';
import { OPEN_REFERENCE_COMMAND } from '../core/hover/render';
import * as ui from './uiText';

export function activate(context: vscode.ExtensionContext): void {
  try {
    const parses = documentParses.register(context);
    hover.register(context, parses);
    lint.register(context, parses);
    referencePage.register(context);
    desktopOnly.register(context, new Set([OPEN_REFERENCE_COMMAND, SHOW_RULE_DOCUMENTATION_COMMAND]));
  } catch (err) {
    void vscode.window.showErrorMessage(ui.t('Winsock Lens failed to start: {0}', String(err)));
  }
}

export function deactivate(): void {
  // Everything registered above is disposed through context.subscriptions.
}
