// The hover for a cursor position in a parsed file: symbolAt + the model + rendering.
import type { Lang } from '../model/types';
import { lookupErrorByValue, lookupSymbol } from '../model/registry';
import type { Tree } from '../parse/parser';
import { renderErrorCodeHover, renderHover } from './render';
import { symbolAt } from './symbolAt';

export interface HoverText {
  readonly markdown: string;
  /** UTF-16 offsets of the hovered word. */
  readonly start: number;
  readonly end: number;
}

/**
 * The documentation to show at `offset`, or undefined. A function name that the file defines
 * itself (its own `send()` wrapper, or a macro of that name) gets no hover: it is not Winsock's.
 * Constants, types and errors keep theirs even when the file defines them (portable code often
 * `#define`s Winsock error names on POSIX).
 */
export function hoverAt(tree: Tree, offset: number, lang: Lang): HoverText | undefined {
  const symbol = symbolAt(tree, offset);
  if (!symbol) return undefined;
  if (symbol.kind === 'number') {
    const error = lookupErrorByValue(symbol.value);
    return error ? { markdown: renderErrorCodeHover(symbol.text, error, lang), start: symbol.start, end: symbol.end } : undefined;
  }
  const entry = lookupSymbol(symbol.name);
  if (!entry || (entry.kind === 'function' && symbol.definedInFile)) return undefined;
  return { markdown: renderHover(entry, lang), start: symbol.start, end: symbol.end };
}
