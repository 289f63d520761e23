// Hover documentation for Winsock functions, constants, types and error codes in C and C++ files.
import * as vscode from 'vscode';
import { hoverAt } from '../core/hover/hoverAt';
import { OPEN_REFERENCE_COMMAND } from '../core/hover/render';
import { docsLanguage } from './docsLanguage';
import type { DocumentParses } from './documentParses';

// vscode-vfs: github.dev / vscode.dev; vscode-remote: a server's files seen from the web worker host.
const SELECTOR: vscode.DocumentSelector = ['c', 'cpp'].flatMap((language) =>
  ['file', 'untitled', 'vscode-vfs', 'vscode-remote'].map((scheme) => ({ language, scheme })),
);

class WinsockHoverProvider implements vscode.HoverProvider {
  constructor(private readonly parses: DocumentParses) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    // Read per request: turning the setting off takes effect at once.
    if (!vscode.workspace.getConfiguration('winsockLens.hover', document).get<boolean>('enabled', true)) return undefined;
    const lang = docsLanguage();
    const offset = document.offsetAt(position);
    const found = await this.parses.withTree(document, (tree) => hoverAt(tree, offset, lang));
    if (!found) return undefined;
    const markdown = new vscode.MarkdownString(found.markdown);
    markdown.isTrusted = { enabledCommands: [OPEN_REFERENCE_COMMAND] };
    const range = new vscode.Range(document.positionAt(found.start), document.positionAt(found.end));
    return new vscode.Hover(markdown, range);
  }
}

export function register(context: vscode.ExtensionContext, parses: DocumentParses): void {
  context.subscriptions.push(vscode.languages.registerHoverProvider(SELECTOR, new WinsockHoverProvider(parses)));
}
