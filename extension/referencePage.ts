// The full reference page of a Winsock symbol: command winsockLens.openReference opens a read-only
// Markdown document (scheme winsock-lens-ref, path /<Symbol>.md, ?lang=en|ru) in the Markdown preview.
import * as vscode from 'vscode';
import type { Lang } from '../core/model/types';
import { allEntries, lookupSymbol } from '../core/model/registry';
import { LABELS } from '../core/hover/labels';
import { OPEN_REFERENCE_COMMAND, renderReferencePage } from '../core/hover/render';
import { docsLanguage } from './docsLanguage';

export const REFERENCE_SCHEME = 'winsock-lens-ref';

/** The URI of the reference page of `symbol` in `lang`. */
export function referenceUri(symbol: string, lang: Lang): vscode.Uri {
  return vscode.Uri.from({ scheme: REFERENCE_SCHEME, path: `/${symbol}.md`, query: `lang=${lang}` });
}

class ReferencePages implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): string {
    const symbol = decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.md$/, ''));
    const lang: Lang = new URLSearchParams(uri.query).get('lang') === 'ru' ? 'ru' : 'en';
    const entry = lookupSymbol(symbol);
    if (!entry) return `# ${symbol}\n\n${vscode.l10n.t('Winsock Lens has no reference page for {0}.', symbol)}\n`;
    return renderReferencePage(entry, lang);
  }
}

/** Asks for a symbol with a QuickPick of every entry in the model. */
async function pickSymbol(lang: Lang): Promise<string | undefined> {
  const items = [...allEntries()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => ({ label: e.name, description: LABELS[lang].kind[e.kind], detail: e.summary[lang].replace(/`/g, '') }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Winsock Reference'),
    placeHolder: vscode.l10n.t('Type a Winsock function, constant, type or error name'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.label;
}

/** Opens the page; returns its URI (undefined when nothing was opened). */
async function openReference(symbol?: unknown): Promise<vscode.Uri | undefined> {
  const lang = docsLanguage();
  const name = typeof symbol === 'string' && symbol.length > 0 ? symbol : await pickSymbol(lang);
  if (!name) return undefined;
  if (!lookupSymbol(name)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Winsock Lens has no reference page for {0}.', name));
    return undefined;
  }
  const uri = referenceUri(name, lang);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // No Markdown preview (the built-in extension disabled): show the Markdown text itself.
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
  }
  return uri;
}

export function register(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(REFERENCE_SCHEME, new ReferencePages()),
    vscode.commands.registerCommand(OPEN_REFERENCE_COMMAND, openReference),
  );
}
