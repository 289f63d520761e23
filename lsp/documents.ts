// One incremental tree-sitter parse per open document, for hover and lint (the server's
// counterpart of extension/documentParses.ts). Inactive `#if` branches are blanked with the
// document's defines before parsing, as the lint core does, so hover and lint read the same tree.
import { CParser, DocumentParse, chooseGrammar, type Tree } from '../core/parse/parser';
import { preprocess } from '../core/parse/preprocessor';

interface Entry {
  readonly parse: DocumentParse;
  readonly definesKey: string;
  version: number;
  tree: Tree;
}

export class DocumentTrees {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly parser: CParser) {}

  /** Runs `use` on the tree of this version of the document; do not keep the tree. */
  withTree<T>(uri: string, version: number, text: string, languageId: string, defines: Readonly<Record<string, string>>, use: (tree: Tree) => T): T {
    const key = JSON.stringify(Object.entries(defines).sort());
    let entry = this.entries.get(uri);
    if (entry && entry.definesKey !== key) {
      entry.parse.dispose();
      this.entries.delete(uri);
      entry = undefined;
    }
    const grammar = chooseGrammar(new URL(uri).pathname, text, languageId);
    if (!entry) {
      const parse = new DocumentParse(this.parser, (t) => preprocess(t, defines).text);
      entry = { parse, definesKey: key, version, tree: parse.update(text, grammar) };
      this.entries.set(uri, entry);
    } else if (entry.version !== version) {
      entry.tree = entry.parse.update(text, grammar);
      entry.version = version;
    }
    return use(entry.tree);
  }

  forget(uri: string): void {
    this.entries.get(uri)?.parse.dispose();
    this.entries.delete(uri);
  }

  dispose(): void {
    for (const e of this.entries.values()) e.parse.dispose();
    this.entries.clear();
  }
}
