// The 'parse-errors' notice: how much of a file tree-sitter could not parse (ERROR nodes, and
// MISSING nodes it invented to recover), so that a file with syntax errors is not passed silently.
// Findings inside the unparsed parts may be missing; the notice says so once per file.
import type { Node, Tree } from '../parse/parser';
import { LineIndex } from './text';
import type { LintNotice } from './types';

export interface ParseErrorExtent {
  /** ERROR nodes (outermost only) plus MISSING nodes. */
  readonly errors: number;
  /** Lines touched by an ERROR node or holding a MISSING one. */
  readonly lines: number;
  /** The first error, as offsets in the text. */
  readonly first: { readonly start: number; readonly end: number };
}

/** Walks only the subtrees that contain an error (iteratively: no stack to overflow). */
export function parseErrorExtent(tree: Tree, lines: LineIndex): ParseErrorExtent | undefined {
  const root = tree.rootNode;
  if (!root.hasError) return undefined;
  let errors = 0;
  const touched = new Set<number>();
  let first: { start: number; end: number } | undefined;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ((node.isError || node.isMissing) && isUnknownMacroWord(node)) continue;
    if (node.isError || node.isMissing) {
      errors++;
      const a = lines.pos(node.startIndex).line;
      const b = lines.pos(Math.max(node.startIndex, node.endIndex - 1)).line;
      for (let l = a; l <= b && touched.size < 1_000_000; l++) touched.add(l);
      if (!first || node.startIndex < first.start) first = { start: node.startIndex, end: node.endIndex };
      if (node.isError) continue; // its inside is part of the same unparsed region
    }
    // Children in reverse so that the walk visits them in order.
    for (let i = node.childCount - 1; i >= 0; i--) {
      const c = node.child(i);
      if (c && (c.hasError || c.isMissing)) stack.push(c);
    }
  }
  if (!first) return undefined;
  return { errors, lines: touched.size, first };
}

/**
 * `void CALLBACK f(…)`, `DWORD WINAPI worker(…)`: tree-sitter cannot expand the calling-convention
 * macros of the Windows headers and wraps the word in an ERROR node, while the rest of the
 * declaration parses. Such a lone upper-case word is not counted: the analysis sees the function.
 */
function isUnknownMacroWord(node: Node): boolean {
  // The C++ grammar reads `DWORD WINAPI Worker(` as a qualified name with its `::` missing.
  if (node.isMissing) return node.type === '::';
  if (node.childCount !== 1) return false;
  const only = node.child(0);
  return only !== null && only.type === 'identifier' && /^[A-Z_][A-Z0-9_]*$/.test(only.text);
}

/** The notice for a tree with errors, or none. `text` is the text the tree was parsed from. */
export function parseErrorNotices(tree: Tree, text: string): LintNotice[] {
  if (!tree.rootNode.hasError) return [];
  const lines = new LineIndex(text);
  const extent = parseErrorExtent(tree, lines);
  if (!extent) return [];
  const total = Math.max(1, lines.pos(text.length).line + 1);
  const span = lines.span(extent.first.start, Math.max(extent.first.start, extent.first.end));
  const at = span.start.line + 1;
  const n = extent.lines;
  return [
    {
      kind: 'parse-errors',
      span,
      message: {
        en: `${n} of ${total} line(s) could not be parsed as C/C++ (${extent.errors} syntax error(s), the first on line ${at}); findings there may be missing.`,
        ru: `Не удалось разобрать как C/C++ строк: ${n} из ${total} (синтаксических ошибок: ${extent.errors}, первая — в строке ${at}); находки там могут быть пропущены.`,
      },
    },
  ];
}
