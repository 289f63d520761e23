// What is under the cursor in a parsed C or C++ file, as far as Winsock documentation cares.
import type { Node, Tree } from '../parse/parser';

/** A name under the cursor. */
export interface IdentifierAtCursor {
  readonly kind: 'identifier';
  readonly name: string;
  /** UTF-16 offsets of the name in the text. */
  readonly start: number;
  readonly end: number;
  /**
   * The file defines a function (or a macro) of this name itself, so it is not Winsock's.
   * Computed when read (one scan of the file's top level per tree, then cached): read it while
   * the tree is alive, or copy the object (`{ ...symbol }`) first.
   */
  readonly definedInFile: boolean;
}

/** An integer literal under the cursor. */
export interface NumberAtCursor {
  readonly kind: 'number';
  readonly value: number;
  /** The literal as written (`0x274A`, `10058L`). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export type SymbolAtCursor = IdentifierAtCursor | NumberAtCursor;

/** Nodes whose inside is text, not code: nothing in them is documented. */
const TEXT_NODES = new Set([
  'comment',
  'string_literal',
  'raw_string_literal',
  'concatenated_string',
  'char_literal',
  'string_content',
  'escape_sequence',
  'character',
  'system_lib_string',
]);

/** Node types that name something a Winsock entry could describe. */
const NAME_NODES = new Set(['identifier', 'type_identifier']);

/**
 * The identifier or integer literal at `offset` (a UTF-16 offset into the parsed text), or
 * undefined when there is none or when the cursor is inside a comment, a string or a character
 * literal. Member names (`conn.send`, `p->recv`) and names qualified by a namespace or class
 * (`mylib::send`) are not Winsock's and give undefined; C++'s global `::WSASendDisconnect` is.
 * Inside a macro body (`#define CLOSE(s) WSASendDisconnect(s, NULL)`) the word under the cursor counts.
 */
export function symbolAt(tree: Tree, offset: number): SymbolAtCursor | undefined {
  const root = tree.rootNode;
  if (offset < 0 || offset >= root.endIndex) return undefined;
  const node = root.descendantForIndex(offset, offset + 1);
  if (!node) return undefined;
  for (let n: Node | null = node; n; n = n.parent) if (TEXT_NODES.has(n.type)) return undefined;

  if (node.type === 'number_literal') {
    const value = parseIntegerLiteral(node.text);
    return value === undefined ? undefined : { kind: 'number', value, text: node.text, start: node.startIndex, end: node.endIndex };
  }
  if (node.type === 'preproc_arg') return wordInMacroBody(tree, node, offset);

  let nameNode: Node | null = node;
  // On the `::` of `::WSASendDisconnect`, or on the whole qualified name.
  if (node.type === '::' && node.parent?.type === 'qualified_identifier') nameNode = node.parent;
  if (nameNode.type === 'qualified_identifier') nameNode = nameNode.childForFieldName('name');
  if (!nameNode || !NAME_NODES.has(nameNode.type)) return undefined;
  const parent = nameNode.parent;
  if (parent?.type === 'qualified_identifier' && parent.childForFieldName('scope')) return undefined;

  return identifier(tree, nameNode.text, nameNode.startIndex);
}

function identifier(tree: Tree, name: string, start: number): IdentifierAtCursor {
  return {
    kind: 'identifier',
    name,
    start,
    end: start + name.length,
    get definedInFile() {
      return definesName(tree, name);
    },
  };
}

function wordInMacroBody(tree: Tree, node: Node, offset: number): SymbolAtCursor | undefined {
  const text = node.text;
  const at = offset - node.startIndex;
  const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
  if (!isWordChar(text[at])) return undefined;
  let s = at;
  let e = at;
  while (isWordChar(text[s - 1])) s--;
  while (isWordChar(text[e])) e++;
  // Inside a quoted part of the body: text, not code.
  const before = text.slice(0, s);
  if ((before.match(/"/g)?.length ?? 0) % 2 === 1 || /\/\/|\/\*/.test(before)) return undefined;
  const word = text.slice(s, e);
  const start = node.startIndex + s;
  if (/^[0-9]/.test(word)) {
    const value = parseIntegerLiteral(word);
    return value === undefined ? undefined : { kind: 'number', value, text: word, start, end: start + word.length };
  }
  return identifier(tree, word, start);
}

/**
 * True when the file defines a function (`int send(SOCKET s, …) { … }`, also inside a namespace,
 * an `extern "C"` block or a preprocessor branch) or a macro of this name: then the name is the
 * user's, not Winsock's. Declarations without a body (prototypes, as headers have) do not count.
 */
export function definesName(tree: Tree, name: string): boolean {
  let known = answersByTree.get(tree);
  if (!known) answersByTree.set(tree, (known = new Map()));
  let answer = known.get(name);
  if (answer === undefined) known.set(name, (answer = findDefinition(tree, name)));
  return answer;
}

/** Answers per tree (the cache holds one tree per document version, and hovers repeat on it). */
const answersByTree = new WeakMap<Tree, Map<string, boolean>>();

/** Declarator wrappers between a function definition and its function declarator. */
const DECLARATOR_WRAPPERS = new Set(['pointer_declarator', 'reference_declarator', 'parenthesized_declarator', 'attributed_declarator']);

/**
 * Looks only at the places where the name occurs in the text (a handful, usually), not at every
 * definition in the file: an occurrence defines it when it is the name of a `#define`, or the
 * declarator name of a function declarator that belongs to a function definition (not a prototype).
 */
function findDefinition(tree: Tree, name: string): boolean {
  const root = tree.rootNode;
  const text = root.text;
  const word = new RegExp(`(?<![A-Za-z0-9_])${name.replace(/[^A-Za-z0-9_]/g, '')}(?![A-Za-z0-9_])`, 'g');
  for (const m of text.matchAll(word)) {
    const node = root.descendantForIndex(m.index, m.index + name.length);
    if (node?.type !== 'identifier') continue;
    const parent = node.parent;
    if (!parent) continue;
    if ((parent.type === 'preproc_def' || parent.type === 'preproc_function_def') && sameNode(parent.childForFieldName('name'), node)) return true;
    if (parent.type === 'function_declarator' && sameNode(parent.childForFieldName('declarator'), node) && isDefinitionDeclarator(parent)) return true;
  }
  return false;
}

function isDefinitionDeclarator(functionDeclarator: Node): boolean {
  let n: Node = functionDeclarator;
  while (n.parent && DECLARATOR_WRAPPERS.has(n.parent.type)) n = n.parent;
  const owner = n.parent;
  return owner?.type === 'function_definition' && sameNode(owner.childForFieldName('declarator'), n);
}

function sameNode(a: Node | null | undefined, b: Node): boolean {
  return !!a && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

/**
 * The value of a C/C++ integer literal: decimal, hex (`0x`), octal (leading `0`), binary (`0b`),
 * with digit separators (`10'058`) and suffixes (`u`, `l`, `ll`, `z`) allowed. Undefined for
 * floating-point literals and anything unreadable.
 */
export function parseIntegerLiteral(text: string): number | undefined {
  const t = text.replace(/'/g, '').replace(/(?:[uU](?:ll|LL|[lLzZ])?|(?:ll|LL|[lLzZ])[uU]?)$/, '');
  let m: RegExpMatchArray | null;
  if ((m = /^0[xX]([0-9a-fA-F]+)$/.exec(t))) return parseInt(m[1]!, 16);
  if ((m = /^0[bB]([01]+)$/.exec(t))) return parseInt(m[1]!, 2);
  if (/^0[0-7]*$/.test(t)) return parseInt(t, 8);
  if (/^[1-9][0-9]*$/.test(t)) return parseInt(t, 10);
  return undefined;
}
