// The full reference page of a Winsock symbol: command winsockLens.openReference opens a read-only
// Markdown page (scheme winsock-lens-ref, path /<en|ru>/<Symbol>.md) in a locked Markdown preview.
import * as vscode from 'vscode';
import type { Lang } from '../core/model/types';
import { allEntries, lookupSymbol } from '../core/model/registry';
import { LABELS } from '../core/hover/labels';
import { OPEN_REFERENCE_COMMAND, referencePageFileName, renderReferencePage } from '../core/hover/render';
import { docsLanguage } from './docsLanguage';
import * as ui from './uiText';

export const REFERENCE_SCHEME = 'winsock-lens-ref';

/**
 * The URI of the reference page of `symbol` in `lang`: /<lang>/<Symbol>.md, so that the pages of
 * one language sit side by side and a page's relative "See also" links reach the others.
 */
export function referenceUri(symbol: string, lang: Lang): vscode.Uri {
  return vscode.Uri.from({ scheme: REFERENCE_SCHEME, path: `/${lang}/${referencePageFileName(symbol)}` });
}

/** The symbol and language of a page URI; undefined for anything else. */
function parsePageUri(uri: vscode.Uri): { symbol: string; lang: Lang } | undefined {
  const m = /^\/(en|ru)\/([^/]+)\.md$/.exec(uri.path);
  return m ? { lang: m[1] as Lang, symbol: decodeURIComponent(m[2]!) } : undefined;
}

function pageText(uri: vscode.Uri): string {
  const page = parsePageUri(uri);
  const entry = page ? lookupSymbol(page.symbol) : undefined;
  if (!page || !entry) throw vscode.FileSystemError.FileNotFound(uri);
  return renderReferencePage(entry, page.lang);
}

/**
 * The pages as a read-only file system: an editor opened on one cannot be edited, and the Markdown
 * preview can follow the relative links between pages (it looks them up with `stat`).
 */
class ReferencePages implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  private readonly encoder = new TextEncoder();

  stat(uri: vscode.Uri): vscode.FileStat {
    if (uri.path === '/' || /^\/(en|ru)\/?$/.test(uri.path)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const size = this.encoder.encode(pageText(uri)).byteLength;
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size, permissions: vscode.FilePermission.Readonly };
  }
  readFile(uri: vscode.Uri): Uint8Array {
    return this.encoder.encode(pageText(uri));
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

/**
 * Shows a Markdown page rendered and read-only, in a locked preview: previewing another Markdown
 * file later opens its own preview instead of replacing this page. Without the built-in Markdown
 * extension, the page opens as read-only text.
 */
export async function showMarkdownPage(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri, undefined, { locked: true });
  } catch {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}

/** Asks for a symbol with a QuickPick of every entry in the model. */
async function pickSymbol(lang: Lang): Promise<string | undefined> {
  const items = [...allEntries()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => ({ label: e.name, description: LABELS[lang].kind[e.kind], detail: e.summary[lang].replace(/`/g, '') }));
  const picked = await vscode.window.showQuickPick(items, {
    title: ui.t('Winsock Reference'),
    placeHolder: ui.t('Type a Winsock function, constant, type or error name'),
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
    void vscode.window.showErrorMessage(ui.t('Winsock Lens has no reference page for {0}.', name));
    return undefined;
  }
  const uri = referenceUri(name, lang);
  await showMarkdownPage(uri);
  return uri;
}

export function register(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerFileSystemProvider(REFERENCE_SCHEME, new ReferencePages(), { isReadonly: true, isCaseSensitive: true }),
    vscode.commands.registerCommand(OPEN_REFERENCE_COMMAND, openReference),
  );
}
