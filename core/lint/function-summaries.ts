// Tiny per-function summaries of the functions defined in one file, read before the rules run:
//   - close wrappers: a function whose body closes its first parameter on every path
//     (`static int net_close(SOCKET s) { return closesocket(s); }`, or the close under a validity
//     test of that parameter) is itself a close function;
//   - functions that never return: no `return` anywhere in the body and the last statement a call
//     that never returns (`exit`, `abort`, another such function or macro), or a declaration marked
//     `[[noreturn]]`, `_Noreturn`, `__declspec(noreturn)` or `__attribute__((noreturn))`.
// Conservative on purpose: anything else (an early return before the close, a close under some
// other condition, a body we cannot read) is not a summary, and the call stays unknown.
import type { Node } from 'web-tree-sitter';

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

function nameOf(fn: Node, src: string): string {
  let name = declaratorOf(fn)?.childForFieldName('declarator') ?? null;
  while (name && name.type === 'qualified_identifier') name = name.childForFieldName('name');
  return name && name.type === 'identifier' ? text(name, src).trim() : '';
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

/** `closer(param)` (its result used or not) as the expression of a statement. */
function closesParam(st: Node, src: string, param: string, closers: ReadonlySet<string>): boolean {
  if (st.type !== 'expression_statement' && st.type !== 'return_statement') return false;
  const e0 = st.namedChild(0);
  if (!e0) return false;
  let e = strip(e0);
  // `rc = closesocket(s);`
  if (e.type === 'assignment_expression' && e.childForFieldName('right')) e = strip(e.childForFieldName('right')!);
  const name = callName(e, src);
  if (!name || !closers.has(name)) return false;
  const a = e.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
  return a.length >= 1 && !!a[0] && text(strip(a[0]), src).trim() === param;
}

function exits(st: Node, src: string): boolean {
  return /\b(?:return|goto|longjmp|throw|break|continue)\b/.test(text(st, src));
}

/** Whether the body closes `param` on every path that holds a socket. */
function closesOnEveryPath(body: Node, src: string, param: string, closers: ReadonlySet<string>): boolean {
  for (const st of body.namedChildren) {
    if (!st || st.type === 'comment') continue;
    if (closesParam(st, src, param, closers)) return true;
    if (st.type === 'if_statement' && !st.childForFieldName('alternative')) {
      // `if (s != INVALID_SOCKET) closesocket(s);`: the test of the parameter itself.
      const cond = st.childForFieldName('condition');
      const cons = st.childForFieldName('consequence');
      const ct = cond ? text(cond, src).replace(/\s+/g, '') : '';
      const testsParam = new RegExp(`^\\(*${param}(?:!=|>=|>|\\)|$)`).test(ct.replace(/^\(/, '')) && !/&&|\|\|/.test(ct);
      if (testsParam && cons) {
        const inner = cons.type === 'compound_statement' ? cons.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [cons];
        for (const x of inner) {
          if (closesParam(x, src, param, closers)) return true;
          if (exits(x, src)) return false;
        }
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

export interface FileSummaries {
  /** Functions of the file that close their first parameter. */
  readonly closers: string[];
  /** Functions of the file that never return. */
  readonly noreturn: string[];
}

/** Close wrappers and functions that never return, to a fixed point (a wrapper of a wrapper). */
export function summarizeFunctions(fns: readonly Node[], src: string, closers: Set<string>, noreturn: Set<string>): FileSummaries {
  const out: FileSummaries = { closers: [], noreturn: [] };
  const pending = fns
    .map((fn) => ({ fn, name: nameOf(fn, src), body: fn.childForFieldName('body') }))
    .filter((x): x is { fn: Node; name: string; body: Node } => !!x.name && !!x.body && x.body.type === 'compound_statement' && x.body.endIndex - x.body.startIndex <= MAX_BODY);
  for (let round = 0; round < 4; round++) {
    let added = false;
    for (const x of pending) {
      if (!closers.has(x.name)) {
        const p = firstParam(x.fn, src);
        if (p && closesOnEveryPath(x.body, src, p, closers)) {
          closers.add(x.name);
          out.closers.push(x.name);
          added = true;
        }
      }
      if (!noreturn.has(x.name) && neverReturns(x.body, src, noreturn)) {
        noreturn.add(x.name);
        out.noreturn.push(x.name);
        added = true;
      }
    }
    if (!added) break;
  }
  return out;
}
