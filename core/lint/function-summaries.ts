// Tiny per-function summaries of the functions defined in one file, read before the rules run:
//   - close wrappers: a function whose body closes its first parameter on every path
//     (`static int net_close(SOCKET s) { return closesocket(s); }`, or the close under a validity
//     test of that parameter) is itself a close function;
//   - shutdown wrappers: a function whose body shuts down its first parameter on every path, in a
//     known direction, and does nothing else with it (`void finish(SOCKET s) { shutdown(s, SD_SEND); }`);
//     a call to it is read as that shutdown;
//   - functions that never return: no `return` anywhere in the body and the last statement a call
//     that never returns (`exit`, `abort`, another such function or macro), or a declaration marked
//     `[[noreturn]]`, `_Noreturn`, `__declspec(noreturn)` or `__attribute__((noreturn))`.
// Conservative on purpose: anything else (an early return before the close, a close under some
// other condition, a body we cannot read) is not a summary, and the call stays unknown.
//
// The summaries are plain data (`FunctionSummary`): the command line collects those of every file
// of a run and lints again the files that call a wrapper defined in another file.
import type { Node } from 'web-tree-sitter';
import { constantValue, hasRole, paramIndex, winsockFunction } from './facts';
import type { FunctionSummary, ShutdownDirection } from './types';
import type { FunctionEntry } from '../model/types';
import { allEntries } from '../model/registry';
import { escapeRegExp } from './text';

const MAX_BODY = 6000;

function text(n: Node, src: string): string {
  return src.slice(n.startIndex, n.endIndex);
}

function strip(n: Node): Node {
  let cur = n;
  for (;;) {
    if (cur.type === 'parenthesized_expression' && cur.namedChild(0)) cur = cur.namedChild(0)!;
    else if (cur.type === 'cast_expression' && cur.childForFieldName('value')) cur = cur.childForFieldName('value')!;
    else return cur;
  }
}

/** Every function definition of the file (at file scope, in namespaces, extern "C" blocks and classes). */
export function allFunctionDefinitions(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (n: Node, depth: number): void => {
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'function_definition') out.push(c);
      else if (depth < 6 && /^(?:namespace_definition|linkage_specification|declaration_list|class_specifier|struct_specifier|field_declaration_list|template_declaration|preproc_\w+|ERROR)$/.test(c.type)) visit(c, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

function declaratorOf(fn: Node): Node | null {
  let d = fn.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator');
  return d;
}

export function nameOf(fn: Node, src: string): string {
  let name = declaratorOf(fn)?.childForFieldName('declarator') ?? null;
  while (name && name.type === 'qualified_identifier') name = name.childForFieldName('name');
  return name && name.type === 'identifier' ? text(name, src).trim() : '';
}

function paramCount(fn: Node, src: string): number {
  const params = declaratorOf(fn)?.childForFieldName('parameters');
  const ps = params?.namedChildren.filter((c): c is Node => c?.type === 'parameter_declaration') ?? [];
  // `f(void)` takes none.
  return ps.length === 1 && text(ps[0]!, src).trim() === 'void' ? 0 : ps.length;
}

/** The name of the first parameter when it is passed by value (`SOCKET s`, not `SOCKET *s`). */
function firstParam(fn: Node, src: string): string | null {
  const params = declaratorOf(fn)?.childForFieldName('parameters');
  const p = params?.namedChildren.find((c) => c?.type === 'parameter_declaration') ?? null;
  const d = p?.childForFieldName('declarator');
  return d && d.type === 'identifier' ? text(d, src) : null;
}

function callName(n: Node, src: string): string | null {
  const e = strip(n);
  if (e.type !== 'call_expression') return null;
  const f = e.childForFieldName('function');
  if (!f) return null;
  if (f.type === 'identifier') return text(f, src);
  if (f.type === 'qualified_identifier') {
    const t = text(f, src).replace(/\s+/g, '');
    return t.startsWith('::') && !t.slice(2).includes('::') ? t.slice(2) : null;
  }
  return null;
}

/** The expression a statement evaluates: `f(s);`, `return f(s);`, or the right side of `rc = f(s);`. */
function statementCall(st: Node): Node | null {
  if (st.type !== 'expression_statement' && st.type !== 'return_statement') return null;
  const e0 = st.namedChild(0);
  if (!e0) return null;
  const e = strip(e0);
  const right = e.type === 'assignment_expression' ? e.childForFieldName('right') : null;
  return right ? strip(right) : e;
}

/** `closer(param)` (its result used or not) as the expression of a statement. */
function closesParam(st: Node, src: string, param: string, closers: ReadonlySet<string>): boolean {
  const e = statementCall(st);
  if (!e) return false;
  const name = callName(e, src);
  if (!name || !closers.has(name)) return false;
  const a = e.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
  return a.length >= 1 && !!a[0] && text(strip(a[0]), src).trim() === param;
}

/** The statements of a block, or the one statement that stands for it. */
function statementsOf(n: Node | null): Node[] {
  if (!n) return [];
  return n.type === 'compound_statement' ? n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [n];
}

function exits(st: Node, src: string): boolean {
  return /\b(?:return|goto|longjmp|throw|break|continue)\b/.test(text(st, src));
}

/** Whether the body closes `param` on every path that holds a socket. */
function closesOnEveryPath(body: Node, src: string, param: string, closers: ReadonlySet<string>): boolean {
  for (const st of body.namedChildren) {
    if (!st || st.type === 'comment') continue;
    if (closesParam(st, src, param, closers)) return true;
    // `if (s != INVALID_SOCKET) closesocket(s);`: the test of the parameter itself.
    if (st.type === 'if_statement' && !st.childForFieldName('alternative') && testsValidity(st, src, param)) {
      const inner = statementsOf(st.childForFieldName('consequence'));
      for (const x of inner) {
        if (closesParam(x, src, param, closers)) return true;
        if (exits(x, src)) return false;
      }
    }
    if (exits(st, src)) return false;
  }
  return false;
}

const NORETURN_ATTR =
  /(?:\[\[\s*(?:gnu::|std::)?noreturn\s*\]\]|\b_Noreturn\b|__declspec\s*\(\s*noreturn\s*\)|\bnoreturn\b)[^;{}()]*?\b([A-Za-z_]\w*)\s*\(|\b([A-Za-z_]\w*)\s*\([^;{}]*\)\s*(?:__attribute__\s*\(\s*\(\s*(?:__)?noreturn(?:__)?\s*\)\s*\))/g;

/** Names declared noreturn anywhere in the text. */
export function declaredNoreturn(src: string): string[] {
  if (!/noreturn|_Noreturn/.test(src)) return [];
  const out: string[] = [];
  NORETURN_ATTR.lastIndex = 0;
  for (let m = NORETURN_ATTR.exec(src); m; m = NORETURN_ATTR.exec(src)) {
    const name = m[1] ?? m[2];
    if (name && !/^(?:__attribute__|__declspec|void|int|static|inline|extern)$/.test(name)) out.push(name);
  }
  return out;
}

/** The last statement calls a function that never returns, and nothing in the body returns. */
function neverReturns(body: Node, src: string, noreturn: ReadonlySet<string>): boolean {
  const t = text(body, src);
  if (/\breturn\b/.test(t) || t.length > MAX_BODY) return false;
  const stmts = body.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  const last = stmts[stmts.length - 1];
  if (!last || last.type !== 'expression_statement' || !last.namedChild(0)) return false;
  const name = callName(last.namedChild(0)!, src);
  return !!name && noreturn.has(name);
}

/** `shutdown(param, how)` or `WSASendDisconnect(param, …)` as a statement: the direction it shuts. */
function shutsDownParam(st: Node, src: string, param: string, resolve: (text: string) => number | undefined): ShutdownDirection | null {
  const e = statementCall(st);
  if (!e) return null;
  const name = callName(e, src);
  const entry = name ? winsockFunction(name) : undefined;
  if (!entry || entry.socketParam !== 0) return null;
  const a = e.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
  if (a.length !== entry.params.length || text(strip(a[0]!), src).trim() !== param) return null;
  const howIdx = paramIndex(entry, /^how$/);
  if (howIdx < 0) return hasRole(entry, 'disconnect-send') ? 'SD_SEND' : null;
  if (!a[howIdx]) return null;
  const how = resolve(text(a[howIdx]!, src));
  for (const d of ['SD_SEND', 'SD_RECEIVE', 'SD_BOTH'] as const) if (how !== undefined && how === constantValue(d)) return d;
  return null;
}

/** Whether the statements mention `param` at all. */
function mentions(stmts: readonly Node[], src: string, param: string): boolean {
  const re = new RegExp(`\\b${param}\\b`);
  return stmts.some((x) => re.test(text(x, src)));
}

/** The direction the body shuts `param` down in on every path, when that is all it does with it. */
function shutsDownOnEveryPath(body: Node, src: string, param: string, resolve: (text: string) => number | undefined): ShutdownDirection | null {
  const stmts = statementsOf(body);
  for (let i = 0; i < stmts.length; i++) {
    const st = stmts[i]!;
    const rest = stmts.slice(i + 1);
    const direct = shutsDownParam(st, src, param, resolve);
    if (direct) return mentions(rest, src, param) ? null : direct;
    if (st.type === 'if_statement' && !st.childForFieldName('alternative') && testsValidity(st, src, param)) {
      const inner = statementsOf(st.childForFieldName('consequence'));
      const j = inner.findIndex((x) => shutsDownParam(x, src, param, resolve) !== null);
      if (j < 0 || mentions(inner.slice(0, j), src, param) || mentions(inner.slice(j + 1), src, param) || mentions(rest, src, param)) return null;
      return inner.slice(0, j).some((x) => exits(x, src)) ? null : shutsDownParam(inner[j]!, src, param, resolve);
    }
    if (exits(st, src) || mentions([st], src, param)) return null;
  }
  return null;
}

/** `if (s != INVALID_SOCKET)`, `if (s >= 0)`, `if (s)`: a test of the parameter alone. */
function testsValidity(ifStmt: Node, src: string, param: string): boolean {
  const cond = ifStmt.childForFieldName('condition');
  const ct = cond ? text(cond, src).replace(/\s+/g, '') : '';
  return new RegExp(`^\\(*${param}(?:!=|>=|>|\\)|$)`).test(ct.replace(/^\(/, '')) && !/&&|\|\|/.test(ct);
}

/**
 * The summaries of the file's functions: close and shutdown wrappers and functions that never
 * return, to a fixed point (a wrapper of a wrapper). `closers` and `noreturn` hold what is known
 * before (configured names, macros, other files); the file's own close and noreturn functions are
 * added to them. `resolve` gives a direction argument's value (`SD_SEND`, a project macro for it).
 */
export function summarizeFunctions(fns: readonly Node[], src: string, closers: Set<string>, noreturn: Set<string>, resolve: (text: string) => number | undefined): FunctionSummary[] {
  const found = new Map<string, { params: number; closes?: true; shutsDown?: ShutdownDirection; noreturn?: true }>();
  // What each function is, remembered by its text; the body's text lets a body that calls none
  // of the names that matter be passed over without walking its tree (most bodies, on every edit).
  const pending: { fn: Node; name: string; params: number; param: string | null; bodyText: string; body: () => Node }[] = [];
  for (const fn of fns) {
    const h = headOf(fn, src);
    if (!h) continue;
    let body: Node | null = null;
    pending.push({ fn, name: h.name, params: h.params, param: h.param, bodyText: h.bodyText, body: () => (body ??= fn.childForFieldName('body')!) });
  }
  const entry = (x: { name: string; params: number }) => {
    let e = found.get(x.name);
    if (!e) found.set(x.name, (e = { params: x.params }));
    return e;
  };
  for (let round = 0; round < 4; round++) {
    let added = false;
    const callsCloser = callsOneOf(closers);
    const callsNoreturn = callsOneOf(noreturn);
    for (const x of pending) {
      if (!closers.has(x.name) && x.param && callsCloser(x.bodyText) && closesOnEveryPath(x.body(), src, x.param, closers)) {
        closers.add(x.name);
        entry(x).closes = true;
        added = true;
      }
      if (!noreturn.has(x.name) && callsNoreturn(x.bodyText) && neverReturns(x.body(), src, noreturn)) {
        noreturn.add(x.name);
        entry(x).noreturn = true;
        added = true;
      }
    }
    if (!added) break;
  }
  const callsShutdown = callsOneOf(SHUTDOWN_NAMES());
  for (const x of pending) {
    if (!x.param || closers.has(x.name) || found.get(x.name)?.closes || !callsShutdown(x.bodyText)) continue;
    const how = shutsDownOnEveryPath(x.body(), src, x.param, resolve);
    if (how) entry(x).shutsDown = how;
  }
  return [...found].map(([name, e]) => ({ name, ...e }));
}

interface FunctionHead {
  readonly name: string;
  readonly params: number;
  readonly param: string | null;
  readonly bodyText: string;
}

/** Heads of function definitions by grammar and text (bounded; an edit changes one of them). */
const heads = new Map<string, FunctionHead | null>();
const MAX_HEADS = 50_000;

/** A definition's name, parameters and body text; null when it has no summary to give. */
function headOf(fn: Node, src: string): FunctionHead | null {
  const t = text(fn, src);
  const key = `${fn.tree.language.name ?? ''}\u0000${t}`;
  const known = heads.get(key);
  if (known !== undefined) return known;
  const name = nameOf(fn, src);
  const body = fn.childForFieldName('body');
  const head = name && body && body.type === 'compound_statement' && body.endIndex - body.startIndex <= MAX_BODY ? { name, params: paramCount(fn, src), param: firstParam(fn, src), bodyText: text(body, src) } : null;
  if (heads.size >= MAX_HEADS) heads.clear();
  heads.set(key, head);
  return head;
}

/** A test of a text for a call to one of `names` (a cheap filter before a walk of the tree). */
function callsOneOf(names: ReadonlySet<string>): (text: string) => boolean {
  if (names.size === 0) return () => false;
  const re = new RegExp(`\\b(?:${[...names].map(escapeRegExp).join('|')})\\s*\\(`);
  return (t) => re.test(t);
}

let shutdownNames: ReadonlySet<string> | undefined;
/** The model's functions `shutsDownParam` reads as a shutdown of their first parameter. */
function SHUTDOWN_NAMES(): ReadonlySet<string> {
  shutdownNames ??= new Set(
    allEntries()
      .filter((e): e is FunctionEntry => e.kind === 'function' && e.socketParam === 0 && (paramIndex(e, /^how$/) >= 0 || hasRole(e, 'disconnect-send')))
      .map((e) => e.name),
  );
  return shutdownNames;
}
