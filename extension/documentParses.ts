// One tree-sitter parse per open C/C++ document version, shared by hover and lint. Re-parses are
// incremental: the new text is compared with the last parsed text and the old tree is edited
// before parsing. The cache entry goes away when the document closes.
import * as vscode from 'vscode';
import { CParser, DocumentParse, chooseGrammar, isWasmTrap, type TextTransform, type Tree, type WasmFile } from '../core/parse/parser';
import { Budget } from '../core/parse/budget';
import * as ui from './uiText';

/** Picks the transform for one document, e.g. from its resource-scoped settings (undefined: none). */
export type DocumentTextTransform = (document: vscode.TextDocument) => TextTransform | undefined;

interface Entry {
  version: number;
  readonly parse: DocumentParse;
  tree: Tree;
}

export class DocumentParses implements vscode.Disposable {
  private parser: Promise<CParser> | undefined;
  private readonly entries = new Map<string, Entry>();
  private transform: TextTransform | undefined;
  private pickTransform: DocumentTextTransform | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri) {
    // A language change (c ↔ cpp in the status bar) closes and reopens the document, so it is
    // dropped here too and re-parsed with the new grammar.
    this.subscriptions.push(vscode.workspace.onDidCloseTextDocument((doc) => this.evict(doc.uri)));
  }

  /**
   * Sets the rewrite applied to every text before parsing (it must keep the length, e.g. blanking
   * inactive preprocessor branches). Existing parses are dropped so that all trees agree.
   */
  setTextTransform(transform: TextTransform | undefined): void {
    this.transform = transform;
    for (const uri of [...this.entries.keys()]) this.evict(vscode.Uri.parse(uri));
  }

  /**
   * Like {@link setTextTransform}, but the transform may differ per document (lint blanks inactive
   * `#if` branches with the defines of the document's folder). It is asked once per document when
   * its parse is created; call this again (it drops all parses) when its answers change. It takes
   * precedence over a transform set with {@link setTextTransform}.
   */
  setDocumentTextTransform(pick: DocumentTextTransform | undefined): void {
    this.pickTransform = pick;
    for (const uri of [...this.entries.keys()]) this.evict(vscode.Uri.parse(uri));
  }

  /**
   * Runs `use` on the tree of the document's current version. `use` runs synchronously: the tree
   * may be replaced (and freed) by the next edit, so do not keep it.
   */
  async withTree<T>(document: vscode.TextDocument, use: (tree: Tree) => T): Promise<T> {
    const parser = await this.loadParser();
    // After a WebAssembly trap the runtime and parser are made anew before the next parse; the
    // trees of the old runtime are dropped (DocumentParse re-parses from scratch).
    await parser.ready();
    try {
      return this.useTree(parser, document, use);
    } catch (err) {
      if (!isWasmTrap(err)) throw err;
      throw parser.failed(err);
    }
  }

  private useTree<T>(parser: CParser, document: vscode.TextDocument, use: (tree: Tree) => T): T {
    const key = document.uri.toString();
    let entry = this.entries.get(key);
    if (!entry || entry.version !== document.version) {
      const text = document.getText();
      const grammar = chooseGrammar(document.uri.path, text, document.languageId);
      // Typing is never blocked for long: a parse over the budget gives up (BudgetExceeded).
      if (!entry) {
        const parse = new DocumentParse(parser, this.pickTransform ? this.pickTransform(document) : this.transform);
        entry = { version: document.version, parse, tree: parse.update(text, grammar, new Budget()) };
        this.entries.set(key, entry);
      } else {
        entry.tree = entry.parse.update(text, grammar, new Budget());
        entry.version = document.version;
      }
    } else if (!parser.owns(entry.tree)) {
      entry.tree = entry.parse.update(document.getText(), chooseGrammar(document.uri.path, document.getText(), document.languageId), new Budget());
    }
    return use(entry.tree);
  }

  private evict(uri: vscode.Uri): void {
    const key = uri.toString();
    this.entries.get(key)?.parse.dispose();
    this.entries.delete(key);
  }

  /** The one C/C++ parser of the extension (its .wasm files read once); lint shares it. */
  loadParser(): Promise<CParser> {
    this.parser ??= CParser.create((file) => this.readWasm(file)).catch((err: unknown) => {
      this.parser = undefined; // try again on the next request
      throw err;
    });
    return this.parser;
  }

  /** Reads a .wasm shipped in dist/ through the workspace file system (works in VS Code for the Web too). */
  private async readWasm(file: WasmFile): Promise<Uint8Array> {
    const uri = vscode.Uri.joinPath(this.extensionUri, 'dist', file);
    try {
      return await vscode.workspace.fs.readFile(uri);
    } catch (err) {
      throw new Error(ui.t('Cannot read {0}: {1}. Rebuild the extension (npm run build) so that dist/ holds the parser files.', uri.toString(), String(err)));
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const e of this.entries.values()) e.parse.dispose();
    this.entries.clear();
    void this.parser?.then((p) => p.dispose(), () => undefined);
    this.parser = undefined;
  }
}

/** Creates the shared parse cache; hover and lint receive it from extension/main.ts. */
export function register(context: vscode.ExtensionContext): DocumentParses {
  const parses = new DocumentParses(context.extensionUri);
  context.subscriptions.push(parses);
  return parses;
}
