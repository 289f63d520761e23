// Hover for Winsock functions, constants, types and error codes: the same Markdown as the VS Code
// extension's, without the links that run a VS Code command (other editors cannot follow them).
import type { Hover } from 'vscode-languageserver';
import { hoverAt } from '../core/hover/hoverAt';
import type { Tree } from '../core/parse/parser';
import type { Lang } from '../core/model/types';

/** Turns `[text](command:…)` into `text`, and drops a line that was only such a link. */
export function withoutCommandLinks(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => !/^\s*\[[^\]]*\]\(command:[^)]*\)\s*$/.test(line))
    .map((line) => line.replace(/\[([^\]]*)\]\(command:[^)]*\)/g, '$1'))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd();
}

/** The hover at `offset`; `positionAt` maps offsets of the document to LSP positions. */
export function hoverFor(tree: Tree, offset: number, lang: Lang, positionAt: (offset: number) => { line: number; character: number }): Hover | null {
  const found = hoverAt(tree, offset, lang);
  if (!found) return null;
  return {
    contents: { kind: 'markdown', value: withoutCommandLinks(found.markdown) },
    range: { start: positionAt(found.start), end: positionAt(found.end) },
  };
}
