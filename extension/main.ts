// Activation: wiring only. Each feature lives in its own file and registers itself here.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  try {
    void context;
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Winsock Lens failed to start: {0}', String(err)));
  }
}

export function deactivate(): void {}
