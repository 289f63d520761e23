import { quotedEnd } from './preprocessor';
// The C / C++ parser shared by hover and lint: web-tree-sitter running as WASM, with the .wasm
// files read through an injected loader (no Node built-ins, no DOM), so the same code serves the
// desktop extension, VS Code for the Web, the CLI and the unit tests.
import * as bundledTreeSitter from 'web-tree-sitter';
import type { Language, Parser, Point, Tree } from 'web-tree-sitter';
import { blocksNestDeeperThan, MAX_BLOCK_NESTING, type Budget } from './budget';

export type { Tree, Node, Point } from 'web-tree-sitter';

/** The two grammars. */
export type Grammar = 'c' | 'cpp';

/** The WASM files the parser needs; a loader maps each name to its bytes. */
export type WasmFile = 'web-tree-sitter.wasm' | 'tree-sitter-c.wasm' | 'tree-sitter-cpp.wasm';
export type WasmLoader = (file: WasmFile) => Promise<Uint8Array>;

/** One contiguous replacement in a text, in UTF-16 offsets (the unit of JS strings and VS Code). */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** web-tree-sitter's classes; its module state (one wasm instance, made once) lives with them. */
export type TreeSitterLibrary = typeof bundledTreeSitter;

/**
 * The copy of web-tree-sitter in use. web-tree-sitter keeps a single wasm instance per copy of
 * its code (`Parser.init` a second time reuses it), and a trap (a stack overflow in the parser
 * overwrites the runtime's static data) leaves that instance unusable. A host that can load the
 * library again ({@link provideTreeSitterCopies}) gets a fresh copy, with a new instance and new
 * memory, after every trap; a host that cannot keeps the parser off until it is restarted.
 */
let treeSitter: TreeSitterLibrary = bundledTreeSitter;
let makeTreeSitterCopy: (() => TreeSitterLibrary) | undefined;
/** Set when a trap retired the runtime and no fresh copy could be made: the parser stays off. */
let runtimeLost: string | undefined;

/**
 * Lets the parser renew web-tree-sitter after a trap: `makeCopy` returns a new, never initialised
 * copy of the library each time it is called (in Node: its CJS file required again after removing
 * it from the require cache). Hosts call it once at start-up.
 */
export function provideTreeSitterCopies(makeCopy: () => TreeSitterLibrary): void {
  makeTreeSitterCopy = makeCopy;
}

let runtimeReady: Promise<void> | undefined;
/** Bumped whenever the runtime is thrown away after a trap: parsers of an older generation are stale. */
let runtimeGeneration = 0;
/**
 * Objects of a runtime that was thrown away. They are kept referenced, never deleted: their
 * finalizers would call into the new runtime with addresses of the old one.
 */
const retired: unknown[] = [];

/** web-tree-sitter's runtime is process-wide; it is made once, and again after a trap. */
function initRuntime(load: WasmLoader): Promise<void> {
  if (runtimeLost) return Promise.reject(new Error(runtimeLost));
  runtimeReady ??= (async () => {
    const wasmBinary = await load('web-tree-sitter.wasm');
    // With `wasmBinary` set the runtime instantiates those bytes; it still asks locateFile for a
    // name, which it only compares with itself, so the name is returned unchanged.
    await treeSitter.Parser.init({ wasmBinary, locateFile: (name: string) => name });
  })().catch((err: unknown) => {
    runtimeReady = undefined; // let a later call try again
    throw new Error(`Winsock Lens could not start the C/C++ parser (web-tree-sitter.wasm): ${describe(err)}`);
  });
  return runtimeReady;
}

/** After a trap the runtime's memory cannot be trusted: the next parser gets a new one. */
function retireRuntime(): void {
  runtimeReady = undefined;
  runtimeGeneration++;
  retired.push(treeSitter);
  try {
    if (!makeTreeSitterCopy) throw new Error('this host cannot load a second copy of web-tree-sitter');
    treeSitter = makeTreeSitterCopy();
  } catch (err) {
    runtimeLost = `Winsock Lens: the C/C++ parser is off after a WebAssembly failure and could not be restarted (${describe(err)}); reload the window (or restart the program) to turn it on again`;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A WebAssembly trap (out-of-bounds access, unreachable, stack overflow inside the runtime). */
export function isWasmTrap(err: unknown): boolean {
  const RuntimeError = (globalThis as { WebAssembly?: { RuntimeError?: new () => Error } }).WebAssembly?.RuntimeError;
  return !!RuntimeError && err instanceof RuntimeError;
}

/**
 * The parser trapped (WebAssembly) on a text, or was made by a runtime since thrown away. The
 * parser renews itself on {@link CParser.ready}; the text that trapped gets this message.
 */
export class ParserFailure extends Error {
  constructor(readonly reason: string) {
    super(`the C/C++ parser failed on this file (WebAssembly: ${reason}); it was restarted, so other files are not affected`);
    this.name = 'ParserFailure';
  }
}

/** Parses C and C++ text into tree-sitter trees. Create with {@link CParser.create}. */
export class CParser {
  private parser: Parser;
  private languages: Readonly<Record<Grammar, Language>>;
  private generation: number;
  /** Trees made by the current runtime; a tree not in it belongs to a retired runtime. */
  private trees = new WeakSet<Tree>();
  private renewing: Promise<void> | undefined;
  private broken = false;
  private disposed = false;

  private constructor(
    private readonly load: WasmLoader,
    languages: Readonly<Record<Grammar, Language>>,
  ) {
    this.languages = languages;
    this.parser = new treeSitter.Parser();
    this.generation = runtimeGeneration;
  }

  /** Loads the runtime and both grammars through `load`. */
  static async create(load: WasmLoader): Promise<CParser> {
    const gen = runtimeGeneration;
    await initRuntime(load);
    const languages = await loadGrammars(load);
    if (gen !== runtimeGeneration) return CParser.create(load); // the runtime was renewed meanwhile
    return new CParser(load, languages);
  }

  /** False after a trap (here or in another parser of the process) until {@link ready} renews it. */
  get healthy(): boolean {
    return !this.disposed && !this.broken && this.generation === runtimeGeneration;
  }

  /** Resolves when the parser can parse: at once when healthy, after a new runtime otherwise. */
  ready(): Promise<void> {
    if (this.healthy) return Promise.resolve();
    if (this.disposed) return Promise.reject(new Error('Winsock Lens: the C/C++ parser was used after it was disposed'));
    this.renewing ??= (async () => {
      retired.push(this.parser, this.languages);
      if (this.broken && this.generation === runtimeGeneration) retireRuntime();
      for (;;) {
        const gen = runtimeGeneration;
        await initRuntime(this.load);
        const languages = await loadGrammars(this.load);
        if (gen !== runtimeGeneration) continue;
        this.languages = languages;
        this.parser = new treeSitter.Parser();
        this.generation = gen;
        this.trees = new WeakSet();
        this.broken = false;
        return;
      }
    })().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  /**
   * Parses `text` with `grammar`. With `old` (a tree of the previous text of the same document,
   * already told of the change by {@link editTree}), unchanged parts are reused. The caller owns
   * the returned tree and must give it back with {@link release}; `old` stays the caller's too.
   * With `budget`, a parse that runs past its deadline is given up (BudgetExceeded). A WebAssembly
   * trap retires the runtime and throws {@link ParserFailure}; so does a parser not yet renewed.
   */
  parse(text: string, grammar: Grammar, old?: Tree, budget?: Budget): Tree {
    if (this.disposed) throw new Error('Winsock Lens: the C/C++ parser was used after it was disposed');
    if (!this.healthy) throw new ParserFailure('the parser is being restarted after an earlier failure');
    if (old && !this.trees.has(old)) old = undefined; // a tree of a retired runtime: parse afresh
    if (budget && blocksNestDeeperThan(text, MAX_BLOCK_NESTING)) throw budget.tooDeep('parse');
    let tree: Tree | null;
    try {
      this.parser.setLanguage(this.languages[grammar]);
      tree = this.parser.parse(text, old ?? null, budget ? { progressCallback: () => budget.expired() } : undefined);
    } catch (err) {
      if (!isWasmTrap(err)) throw err;
      throw this.failed(err);
    }
    if (!tree) {
      if (budget?.expired()) {
        this.parser.reset(); // otherwise the next parse would resume this one
        throw budget.timeUp('parse');
      }
      throw new Error(`Winsock Lens: tree-sitter gave no tree for a ${text.length}-character ${grammar} text`);
    }
    this.trees.add(tree);
    return tree;
  }

  /**
   * Marks the parser and the runtime broken after a WebAssembly trap (in the parse, or in a walk
   * over one of its trees) and gives the error to report. {@link ready} then makes both anew.
   */
  failed(trap: unknown): ParserFailure {
    if (!this.broken && this.generation === runtimeGeneration) retireRuntime();
    this.broken = true;
    return trap instanceof ParserFailure ? trap : new ParserFailure(describe(trap));
  }

  /** Whether `tree` was made by this parser's current runtime (only such a tree may be edited or reused). */
  owns(tree: Tree): boolean {
    return this.healthy && this.trees.has(tree);
  }

  /** Frees a tree this parser made; one of a retired runtime is only dropped. */
  release(tree: Tree | undefined): void {
    if (!tree) return;
    if (this.trees.has(tree) && this.healthy) {
      this.trees.delete(tree);
      tree.delete();
    } else retired.push(tree);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.generation === runtimeGeneration && !this.broken) this.parser.delete();
    else retired.push(this.parser);
  }
}

async function loadGrammars(load: WasmLoader): Promise<Record<Grammar, Language>> {
  const [c, cpp] = await Promise.all([loadGrammar(load, 'tree-sitter-c.wasm'), loadGrammar(load, 'tree-sitter-cpp.wasm')]);
  return { c, cpp };
}

async function loadGrammar(load: WasmLoader, file: WasmFile): Promise<Language> {
  try {
    return await treeSitter.Language.load(await load(file));
  } catch (err) {
    throw new Error(`Winsock Lens could not load the grammar ${file}: ${describe(err)}`);
  }
}

/**
 * The smallest single change that turns `before` into `after`: the common prefix and suffix are
 * left out. Comparing the texts (rather than trusting editor change events) stays right when a
 * caller rewrites the text before parsing (e.g. blanks inactive `#if` branches), which can change
 * characters far from the user's edit. Undefined when the texts are equal.
 */
export function diffTexts(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let start = commonPrefix(before, after, max);
  let suffix = commonSuffix(before, after, max - start);
  // Never split a surrogate pair: tree-sitter reads UTF-16 code units in pairs for such characters.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

const CHUNK = 256;

function commonPrefix(a: string, b: string, max: number): number {
  let i = 0;
  // Compare in chunks first: string equality is native and far faster than a char loop.
  while (i + CHUNK <= max && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + CHUNK <= max && a.slice(a.length - n - CHUNK, a.length - n) === b.slice(b.length - n - CHUNK, b.length - n)) n += CHUNK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Row and column (UTF-16 units) of `offset` in `text`. */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    row++;
    lineStart = nl + 1;
  }
  return { row, column: offset - lineStart };
}

/** Tells `tree` (a parse of `before`) that its text became `after` through `change`. */
export function editTree(tree: Tree, before: string, after: string, change: TextChange): void {
  tree.edit(
    new treeSitter.Edit({
      startIndex: change.start,
      oldEndIndex: change.oldEnd,
      newEndIndex: change.newEnd,
      startPosition: pointAt(before, change.start),
      oldEndPosition: pointAt(before, change.oldEnd),
      newEndPosition: pointAt(after, change.newEnd),
    }),
  );
}

const C_EXTENSIONS = new Set(['c']);
const CPP_EXTENSIONS = new Set(['cpp', 'cc', 'cxx', 'c++', 'hpp', 'hh', 'hxx', 'h++', 'ipp', 'inl', 'tpp']);

/**
 * Which grammar reads a file: `.c` → C; the C++ extensions → C++; a `.h` file (or one with no
 * telling extension) → C++ when its text looks like C++ (see {@link looksLikeCpp}), otherwise the
 * editor's language id decides for files without an extension, and C for `.h`.
 */
export function chooseGrammar(fileName: string, text: string, languageId?: string): Grammar {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  if (C_EXTENSIONS.has(ext)) return 'c';
  if (CPP_EXTENSIONS.has(ext)) return 'cpp';
  if (ext === 'h') return looksLikeCpp(text) ? 'cpp' : 'c';
  if (languageId === 'c') return 'c';
  if (languageId === 'cpp') return 'cpp';
  return looksLikeCpp(text) ? 'cpp' : 'c';
}

const CPP_SIGNS: readonly RegExp[] = [
  /\bclass\s+[A-Za-z_]\w*\s*(?:final\s*)?[:{]/, // class definition
  /\bnamespace\s+[A-Za-z_][\w:]*\s*\{/, // namespace block
  /\bnamespace\s*\{/, // anonymous namespace
  /\busing\s+namespace\b/,
  /\btemplate\s*</,
  /::/, // scope resolution: no C construct spells it
  // `[ \t]*`, not `\s*`, after `^`: \s crosses line ends, and a run of blank lines made these two
  // quadratic (15,000 comment lines in a .h file, blanked, took 4 s).
  /^[ \t]*(?:public|private|protected)\s*:/m, // access specifiers
  /^[ \t]*#[ \t]*include[ \t]*<(?:iostream|string|vector|memory|map|thread|mutex|cstdio|cstdint|cstring|cstdlib|array|functional|algorithm)>/m,
];

/** True when `text`, outside comments and string literals, contains a construct only C++ has. */
export function looksLikeCpp(text: string): boolean {
  const code = codeOnly(text);
  return CPP_SIGNS.some((re) => re.test(code));
}

/**
 * The text with comments replaced by a space and string literals by `""`, in one pass (a regex
 * with a lazy `/*` … `*\/` took quadratic time on many unterminated comments).
 */
function codeOnly(text: string): string {
  const out: string[] = [];
  const n = text.length;
  let from = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      out.push(text.slice(from, i), ' ');
      i = from = close === -1 ? n : close + 2;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i + 2);
      out.push(text.slice(from, i), ' ');
      i = from = nl === -1 ? n : nl;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      const j = quotedEnd(text, i);
      out.push(text.slice(from, i), '""');
      i = from = Math.min(n, j + 1);
    } else i++;
  }
  out.push(text.slice(from));
  return out.join('');
}

/** Rewrites a text before parsing without changing its length (e.g. blanks inactive `#if` branches). */
export type TextTransform = (text: string) => string;

/**
 * The latest parse of one document. Each {@link update} re-parses incrementally from the previous
 * tree. The tree it returns stays valid until the next update or dispose: use it synchronously.
 */
export class DocumentParse {
  private tree: Tree | undefined;
  private parsedText = '';
  private grammar: Grammar | undefined;

  constructor(
    private readonly parser: CParser,
    private readonly transform?: TextTransform,
  ) {}

  /** The tree of `text` read with `grammar` (a parse over `budget` throws BudgetExceeded). */
  update(text: string, grammar: Grammar, budget?: Budget): Tree {
    let next = text;
    if (this.transform) {
      next = this.transform(text);
      if (next.length !== text.length) {
        throw new Error(`Winsock Lens: the text transform changed the length (${text.length} → ${next.length}); it must keep offsets`);
      }
    }
    const old = this.tree;
    try {
      // A tree of a runtime retired after a trap is never touched again: parse afresh.
      if (old && this.grammar === grammar && this.parser.owns(old)) {
        const change = diffTexts(this.parsedText, next);
        if (!change) return old;
        editTree(old, this.parsedText, next, change);
        this.tree = this.parser.parse(next, grammar, old, budget);
      } else {
        this.tree = this.parser.parse(next, grammar, undefined, budget);
      }
    } catch (err) {
      // The old tree was already told of the edit (or belongs to a retired runtime): start afresh.
      this.tree = undefined;
      this.parsedText = '';
      this.grammar = undefined;
      this.parser.release(old);
      throw err;
    }
    this.parser.release(old);
    this.parsedText = next;
    this.grammar = grammar;
    return this.tree;
  }

  /** The text the current tree was parsed from (after the transform). */
  get text(): string {
    return this.parsedText;
  }

  dispose(): void {
    this.parser.release(this.tree);
    this.tree = undefined;
  }
}
