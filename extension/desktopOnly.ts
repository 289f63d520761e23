// In VS Code for the Web (the browser entry, extension/browser.ts) the sandbox and anything else
// that runs native code cannot work: each such command the manifest contributes answers with a
// message that it needs the desktop app, instead of "command not found".
import * as vscode from 'vscode';
import * as ui from './uiText';

/** The commands the browser entry implements itself; every other contributed command is desktop-only. */
export function register(context: vscode.ExtensionContext, webCommands: ReadonlySet<string>): string[] {
  const contributed = (context.extension.packageJSON as { contributes?: { commands?: { command?: unknown; title?: unknown }[] } })
    .contributes?.commands ?? [];
  const desktopOnly = contributed.map((c) => c.command).filter((c): c is string => typeof c === 'string' && !webCommands.has(c));
  for (const command of desktopOnly) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command, () => {
        void vscode.window.showInformationMessage(
          ui.t('This Winsock Lens command runs native code (real sockets, a debugger), which a browser cannot do. Open the folder in the desktop VS Code app to use it; hover, the reference pages and lint work here.'),
        );
      }),
    );
  }
  return desktopOnly;
}
