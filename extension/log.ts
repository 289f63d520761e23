// The "Winsock Lens" log output channel, one per extension host: features that log take it from
// here so that VS Code lists a single channel.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function sharedLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  if (!channel) {
    const created = vscode.window.createOutputChannel('Winsock Lens', { log: true });
    channel = created;
    context.subscriptions.push(created, { dispose: () => (channel = channel === created ? undefined : channel) });
  }
  return channel;
}
