// Per-function analysis: a walk over each function's syntax tree that follows its control flow
// (if/else, switch with fallthrough, loops with break/continue, goto and labels, return,
// __try/__finally and __except, C++ try/catch, ?:, && and ||) and carries, for every socket
// expression, the set of states it may be in (one "fact" per distinct path history). Joins merge
// the sets, so a rule can tell "on every path" (every fact bad) from "on some path" (one fact bad;
// that fact names the earlier call, which becomes the finding's related information).
//
// Facts also remember the branch conditions and flag assignments seen since their event, so a
// path that contradicts itself (`done = 1; shutdown(s,…); … if (!done) send(s,…)`) is pruned, and
// a branch testing a variable that was given an unknown value after the event makes the fact
// "unsure": unsure facts never produce an error or warning.
import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import type { FunctionEntry } from '../model/types';
import type { Localized } from '../model/types';
import type { FileSummaries, FunctionSummary, LintOptions, QuickFix, RuleId, Severity, ShutdownDirection, TextEdit } from './types';
import { predictCall, type CallArgs } from '../model/stateMachine';
import { constantValue, describeError, hasRole, paramIndex, paramsOfType, predictedError, winsockFunction } from './facts';
import { lingerHasNoEffect, missingClosesocket } from './rules';
import { checkUncheckedResult } from './rules/unchecked-result';
import { checkWrongSentinel } from './rules/wrong-sentinel';
import { swapTitles, type Earlier } from './rules/rule';
import { modelState, SHUT, type ApcRegistration, type CallSite, type LintState, type ResultUse, type Site, type SocketCall, type Stops } from './rules/solved-state';
import { checkBlockingCallInApc } from './rules/blocking-call-in-apc';
import { checkDisconnectDataOnTcp } from './rules/disconnect-data-on-tcp';
import { checkUseAfterClosesocket } from './rules/use-after-closesocket';
import { checkSendAfterDisconnect } from './rules/send-after-disconnect';
import { checkReuseAfterDisconnect } from './rules/reuse-after-disconnect';
import { checkRepeatedDisconnect } from './rules/repeated-disconnect';
import { checkDisconnectOnConnectionless } from './rules/disconnect-on-connectionless';
import { checkNotInitialized } from './rules/not-initialized';
import { escapeRegExp, LineIndex } from './text';
import { Budget, BudgetExceeded, MAX_NESTING } from '../parse/budget';
import { closeMacros, expandObjects, noreturnMacros, readMacros, type FileMacros } from './file-macros';
import { allFunctionDefinitions, declaredNoreturn, nameOf, summarizeFunctions } from './function-summaries';

// ---------------------------------------------------------------------------------------------
// Findings before suppression and severity overrides.

export interface RawFinding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly start: number;
  readonly end: number;
  readonly message: Localized;
  readonly related: readonly { readonly start: number; readonly end: number; readonly message: Localized }[];
  readonly fixes: readonly QuickFix[];
}

// ---------------------------------------------------------------------------------------------
// Abstract socket states.

type St = LintState;
type Kind = 'stream' | 'datagram' | undefined;
type CondVal = boolean | '?';

interface Linger {
  readonly node: Node;
  readonly opt: 'SO_LINGER' | 'SO_DONTLINGER';
}

interface Fact {
  readonly st: St;
  /** The call that put the socket in this state (the finding's related information). */
  readonly at: Node | null;
  /** Which socket object this is; aliases share it. */
  readonly obj: number;
  /** The socket left the function's hands (returned, stored outside, passed to unknown code). */
  /** 0: ours to close; 1: handed to unknown code (a later disconnect makes it ours again); 2: returned, stored outside, or the caller's. */
  readonly esc: 0 | 1 | 2;
  readonly kind: Kind;
  /** Branch conditions and flag values known on this path since (and around) the event. */
  readonly conds: ReadonlyMap<string, CondVal> | null;
  readonly unsure: boolean;
  /** The direction the last disconnect event turned off (for repeated-disconnect). */
  readonly sendShutBy?: Node | null;
  readonly linger?: Linger | null;
  /** SO_LINGER was set on this path (a later SO_DONTLINGER undoes it: legitimate). */
  readonly lingerSet?: boolean;
  /** For an event fact: the fact before the event, its call's text, and the truth value of that call's result that means failure. */
  readonly prev?: Fact;
  /** The socket()/accept() call of this function that made this socket (its close is owed from there). */
  readonly createdBy?: Node | null;
  /** This fact is the failure branch of that disconnect/close call (the call took no effect). */
  readonly revertedFrom?: Node | null;
  readonly atText?: string;
  readonly failTruthy?: boolean;
  /** Compared with another tracked handle (`a != b`): which socket a later close releases is not known. */
  readonly paired?: boolean;
}

type State = ReadonlyMap<string, readonly Fact[]> | null;

const WSA = '$wsa';
const FLAGS = '$flags';
const MAX_FACTS = 24;
/** Branch conditions a fact remembers (the innermost); more made every step cost as much as the nesting. */
const MAX_CONDS = 32;
const NORETURN = new Set(['exit', '_exit', 'abort', 'ExitProcess', 'ExitThread', 'TerminateProcess', 'longjmp', 'quick_exit', '_Exit', 'FatalAppExitA', 'FatalAppExitW']);
const HARMLESS = /^(?:atoi|atol|atoll|atof|strtol|strtoul|strtoll|strtoull|strtod|strncmp|strcasecmp|_stricmp|stricmp|memcmp|strchr|strrchr|strstr|strdup|_strdup|strncat|sprintf_s|snprintf_s|strcpy_s|strncpy_s|strcat_s|memcpy_s|vsnprintf|vsprintf|isdigit|isalpha|isspace|toupper|tolower|fopen|fopen_s|fclose|fgets|fread|fwrite|fseek|ftell|time|clock|rand|srand|abs|labs|GetTickCount|GetTickCount64|QueryPerformanceCounter|QueryPerformanceFrequency|GetCurrentThreadId|GetCurrentProcessId|CloseHandle|CreateEventA|CreateEventW|CreateEvent|SetEvent|ResetEvent|WaitForSingleObject|EnterCriticalSection|LeaveCriticalSection|InitializeCriticalSection|DeleteCriticalSection|InterlockedIncrement|InterlockedDecrement|InterlockedExchange|HeapAlloc|HeapFree|GetProcessHeap|lstrlenA|lstrlenW|lstrcpyA|lstrcpyW|wcscpy|wcsncpy|wcscmp|_wtoi|printf|fprintf|sprintf|snprintf|_snprintf|wprintf|fwprintf|_tprintf|puts|fputs|putchar|perror|memset|memcpy|memmove|strlen|strcpy|strncpy|strcmp|strcat|wcslen|ZeroMemory|RtlZeroMemory|CopyMemory|malloc|calloc|realloc|free|Sleep|sizeof|htons|htonl|ntohs|ntohl|inet_addr|inet_pton|inet_ntop|WSAGetLastError|GetLastError|OutputDebugStringA|OutputDebugStringW|OutputDebugString|assert|_ASSERT|_ASSERTE|MessageBoxA|MessageBoxW|MessageBox|std::cout|fflush|getchar)$/;
const MAIN_NAMES = new Set(['main', 'wmain', '_tmain', 'WinMain', 'wWinMain', '_tWinMain']);
const NULLISH = /^(?:NULL|nullptr|0|\(\s*LPWSABUF\s*\)\s*(?:NULL|0)|\(\s*WSABUF\s*\*\s*\)\s*(?:NULL|0))$/;
const NO_SOCKET = /^(?:INVALID_SOCKET|NULL|nullptr|0|-1|~0|\(SOCKET\)\s*-1|\(SOCKET\)\s*\(?~0\)?|SOCKET_ERROR)$/;

// ---------------------------------------------------------------------------------------------
// Syntax helpers.

function stripParens(n: Node): Node {
  let cur = n;
  while (cur.type === 'parenthesized_expression' || cur.type === 'condition_clause') {
    const inner = cur.type === 'condition_clause' ? cur.childForFieldName('value') : cur.namedChild(0);
    if (!inner) break;
    cur = inner;
  }
  return cur;
}

/** A socket expression normalized to a key (`this->m_sock` → `m_sock`), or null if not trackable. */
export function keyOf(n: Node | null, src: string, depth = 0): string | null {
  if (!n || depth > 64) return null;
  switch (n.type) {
    case 'identifier':
      return src.slice(n.startIndex, n.endIndex);
    case 'parenthesized_expression': {
      const c = n.namedChild(0);
      return c ? keyOf(c, src, depth + 1) : null;
    }
    case 'cast_expression':
      return keyOf(n.childForFieldName('value'), src, depth + 1);
    case 'qualified_identifier': {
      const t = src.slice(n.startIndex, n.endIndex).replace(/\s+/g, '');
      return t.startsWith('::') ? t.slice(2) : t;
    }
    case 'field_expression': {
      const arg = n.childForFieldName('argument');
      const field = n.childForFieldName('field');
      if (!arg || !field) return null;
      const f = src.slice(field.startIndex, field.endIndex);
      if (arg.type === 'this') return f;
      const base = keyOf(arg, src, depth + 1);
      if (!base) return null;
      const op = src.slice(arg.endIndex, field.startIndex).includes('->') ? '->' : '.';
      return base + op + f;
    }
    case 'pointer_expression': {
      const arg = n.childForFieldName('argument');
      const op = src.slice(n.startIndex, arg?.startIndex ?? n.startIndex).trim();
      if (op !== '*') return null;
      const base = keyOf(arg, src, depth + 1);
      return base ? '*' + base : null;
    }
    default:
      return null;
  }
}

function rootOf(key: string): string {
  const m = /^\*?([A-Za-z_][\w:]*)/.exec(key);
  return m?.[1] ?? key;
}

function textOf(n: Site, src: string): string {
  return src.slice(n.startIndex, n.endIndex);
}

function args(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  return list ? list.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') : [];
}

interface Callee {
  readonly name: string;
  /** Called as a member (obj.f, p->f, this->f) or with a non-global scope (Cls::f). */
  readonly member: boolean;
  readonly objectKey: string | null;
}

function calleeOf(call: Node, src: string): Callee | null {
  const fn = call.childForFieldName('function');
  if (!fn) return null;
  if (fn.type === 'identifier') return { name: textOf(fn, src), member: false, objectKey: null };
  if (fn.type === 'qualified_identifier') {
    const t = textOf(fn, src).replace(/\s+/g, '');
    if (t.startsWith('::') && !t.slice(2).includes('::')) return { name: t.slice(2), member: false, objectKey: null };
    const name = t.slice(t.lastIndexOf('::') + 2);
    return { name, member: true, objectKey: null };
  }
  if (fn.type === 'field_expression') {
    const field = fn.childForFieldName('field');
    const arg = fn.childForFieldName('argument');
    if (!field) return null;
    return { name: textOf(field, src), member: true, objectKey: arg && arg.type !== 'this' ? keyOf(arg, src) : arg?.type === 'this' ? 'this' : null };
  }
  if (fn.type === 'parenthesized_expression') {
    const inner = stripParens(fn);
    if (inner.type === 'identifier') return { name: textOf(inner, src), member: false, objectKey: null };
    if (inner.type === 'pointer_expression') {
      const a = inner.childForFieldName('argument');
      if (a?.type === 'identifier') return { name: textOf(a, src), member: false, objectKey: null };
    }
  }
  return null;
}

/** Names under which code usually keeps a pointer to an extension function (lpfnDisconnectEx …). */
function extensionAlias(name: string): string {
  return name.replace(/^(?:m_|g_|s_|_+)?(?:lpfn|pfn|fn|lp|p)?_?/, '');
}

function isCallTo(n: Node, src: string, names: RegExp): boolean {
  if (n.type !== 'call_expression') return false;
  const c = calleeOf(n, src);
  return !!c && !c.member && names.test(c.name);
}

function line1(n: Site, lines: LineIndex): number {
  return lines.pos(n.startIndex).line + 1;
}

/** Identifiers in an expression text. */
function identifiers(t: string): string[] {
  return t.match(/[A-Za-z_]\w*/g) ?? [];
}

function condKey(t: string): { base: string; positive: boolean } {
  let s = t.replace(/\s+/g, '');
  let positive = true;
  for (;;) {
    if (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1))) s = s.slice(1, -1);
    else if (s.startsWith('!') && !s.startsWith('!=')) {
      s = s.slice(1);
      positive = !positive;
    } else break;
  }
  const se = /^(.*?)(==|!=)SOCKET_ERROR$/.exec(s);
  if (se && se[1] && balanced(se[1])) return { base: se[1], positive: se[2] === '==' ? positive : !positive };
  const m = /^(.*?)(==|!=)(0|NULL|FALSE|false|nullptr|TRUE|true)$/.exec(s);
  if (m && m[1] && balanced(m[1])) {
    const truthy = m[3] === 'TRUE' || m[3] === 'true';
    const eq = m[2] === '==';
    return { base: m[1].replace(/^\((.*)\)$/, '$1').replace(/^this->/, ''), positive: eq === truthy ? positive : !positive };
  }
  return { base: s.replace(/^this->/, ''), positive };
}

function balanced(s: string): boolean {
  let d = 0;
  for (const ch of s) {
    if (ch === '(') d++;
    else if (ch === ')' && --d < 0) return false;
  }
  return d === 0;
}

function constTruth(t: string): CondVal {
  const s = t.replace(/\s+/g, '');
  if (/^(?:true|TRUE|1|1L|1U)$/.test(s)) return true;
  if (/^(?:false|FALSE|0|NULL|nullptr)$/.test(s)) return false;
  if (/^[1-9]\d*$/.test(s)) return true;
  return '?';
}

// ---------------------------------------------------------------------------------------------
// File-level context, built once per file before the functions are walked.

interface FileContext {
  readonly src: string;
  readonly lines: LineIndex;
  readonly options: LintOptions;
  readonly closeNames: ReadonlySet<string>;
  /** Functions (of this file or others) that shut their first parameter down: a call to one is read as that shutdown. */
  readonly shutdowns: ReadonlyMap<string, FunctionSummary>;
  /** Macros seen for this file (given defines, headers', the file's own). */
  readonly macros: FileMacros;
  /** Calls that never return: the standard ones, and this file's functions and macros that end in one. */
  readonly noreturn: ReadonlySet<string>;
  /** A call to one of `noreturn` (so the walk does not skip it as irrelevant). */
  readonly noreturnRe: RegExp;
  /** Socket kind by key, from every creation site in the file (conflicts give undefined). */
  readonly kinds: Map<string, Kind | 'mixed'>;
  /** Keys each function (by simple name) touches through Winsock calls or assignments. */
  readonly touched: Map<string, Set<string>>;
  /** Functions used as APC / completion routines → the call that registers them. */
  readonly apcRoutines: Map<string, Registration>;
  findings: Map<string, RawFinding>;
  readonly mentionsDisconnectData: boolean;
  readonly relevant: RegExp;
  /** Names of this file's functions that change a socket's state or the library's. */
  touchedRe: RegExp | null;
  /** Names this file makes a typedef of a handle type (`typedef SOCKET net_fd;`). */
  readonly handleTypedefs: ReadonlySet<string>;
}

/** The names of `typedef SOCKET x;` (or `UINT_PTR`, `int`…) in `src`, found in one scan. */
function handleTypedefs(src: string): Set<string> {
  const names = new Set<string>();
  for (const m of src.matchAll(/\btypedef\s+(?:SOCKET|UINT_PTR|uintptr_t|int|unsigned(?:\s+int)?)\s+(\w+)\s*;/g)) names.add(m[1]!);
  return names;
}

/** The call that registers a routine as an APC / completion routine. */
type Registration = ApcRegistration;

const APC_PARAM_TYPE = /COMPLETION_ROUTINE|PAPCFUNC|APCROUTINE/;
/** Win32 (not Winsock) functions that take a completion routine or APC, by argument index. */
const WIN32_APC_ARG: Readonly<Record<string, number>> = { QueueUserAPC: 0, ReadFileEx: 4, WriteFileEx: 4, SetWaitableTimer: 3, ReadDirectoryChangesW: 7 };

// ---------------------------------------------------------------------------------------------
// The linter's entry: every function of a tree.

/**
 * Results kept between runs on the same document (the editor lints after every edit): per function,
 * keyed by its text and where it starts, its prepass contribution and its findings. A function whose
 * text, start line and column, and the file-level facts are unchanged is not walked again.
 */
export type AnalysisCache = Map<string, CachedFunction>;

interface CachedFunction {
  /** The run that last used it (the cache is shared by documents and trimmed by age). */
  gen: number;
  readonly start: number;
  readonly pre: PrepassResult;
  fin?: { readonly sig: string; readonly findings: readonly RawFinding[] };
}

let generation = 0;
const CACHE_LIMIT = 20000;

/**
 * The findings of every function of `tree`. A function that runs past `budget` (too deep, or the
 * file's time is up) is given up: its findings are left out and the reason is added to `givenUp`;
 * the other functions are still analysed (after the deadline, none more are).
 */
export function analyzeTree(tree: Tree, src: string, options: LintOptions, cache?: AnalysisCache, budget: Budget = new Budget(), givenUp: BudgetExceeded[] = []): { findings: RawFinding[]; summaries: FileSummaries } {
  const gen = ++generation;
  const lines = new LineIndex(src);
  // Close functions: the configured ones, the file's macros that expand to one, the file's
  // functions that close their parameter on every path, and those of other files; the same for
  // calls that never return. Shutdown wrappers are read as the shutdown they make.
  const macros = readMacros(src, options.defines);
  const closeNames = new Set(options.closeFunctions);
  for (const m of closeMacros(macros, closeNames)) closeNames.add(m);
  const noreturn = new Set(NORETURN);
  for (const m of noreturnMacros(macros, noreturn)) noreturn.add(m);
  for (const m of declaredNoreturn(src)) noreturn.add(m);
  const definitions = allFunctionDefinitions(tree.rootNode);
  const defined = [...new Set(definitions.map((f) => nameOf(f, src)).filter(Boolean))];
  const shutdowns = new Map<string, FunctionSummary>();
  const ownNames = new Set(defined);
  for (const f of options.summaries ?? []) {
    if (ownNames.has(f.name)) continue;
    if (f.closes) closeNames.add(f.name);
    if (f.noreturn) noreturn.add(f.name);
    if (f.shutsDown) shutdowns.set(f.name, f);
  }
  const resolve = (t: string) => numericText(t) ?? numericText(expandObjects(t, macros));
  const functions = summarizeFunctions(definitions, src, closeNames, noreturn, resolve);
  for (const f of functions) if (f.shutsDown) shutdowns.set(f.name, f);
  const closeKey = `${[...closeNames].join(',')}|${shutdownsKey(shutdowns)}`;
  const relevant = relevanceTest(shutdowns.size > 0 ? new Set([...closeNames, ...shutdowns.keys()]) : closeNames);
  const fns: Node[] = [];
  collectFunctions(tree.rootNode, fns, src, relevant);
  const ctx: FileContext = {
    src,
    lines,
    options,
    closeNames,
    shutdowns,
    macros,
    noreturn,
    noreturnRe: new RegExp(`\\b(?:${[...noreturn].map(escapeRegExp).join('|')})\\s*\\(`),
    kinds: new Map(),
    touched: new Map(),
    apcRoutines: new Map(),
    findings: new Map(),
    mentionsDisconnectData: src.includes('XP1_DISCONNECT_DATA'),
    relevant,
    touchedRe: null,
    handleTypedefs: handleTypedefs(src),
  };
  const keys: string[] = [];
  const entries: CachedFunction[] = [];
  const next: AnalysisCache = new Map();
  for (let i = 0; i < fns.length; i++) {
    const f = fns[i]!;
    const p = lines.pos(f.startIndex);
    const key = `${p.line}:${p.column}:${closeKey}:${src.slice(f.startIndex, f.endIndex)}`;
    // Same text at the same line and column: offsets may have shifted (an edit further up that
    // kept the line count); everything cached is rebased by that shift.
    let entry = cache?.get(key) ?? next.get(key);
    if (!entry) {
      try {
        entry = { gen, start: f.startIndex, pre: prepass(f, ctx, budget) };
      } catch (err) {
        if (!(err instanceof BudgetExceeded)) throw err;
        givenUp.push(new BudgetExceeded(err.stage, err.what, { start: f.startIndex, end: f.endIndex }));
        fns.splice(i--, 1);
        continue;
      }
    }
    entry.gen = gen;
    applyPrepass(ctx, entry.pre, f.startIndex - entry.start);
    keys.push(key);
    entries.push(entry);
    next.set(key, entry);
  }
  resolveAccepts(ctx, entries.map((e) => e.pre));
  // Only a plain identifier can be called by name; a garbled declarator's text (broken input)
  // is no helper name, and would only make the pattern huge.
  const helpers = [...ctx.touched.entries()]
    .filter(([k, v]) => v.size > 0 && /^[A-Za-z_]\w*$/.test(k))
    .map(([k]) => escapeRegExp(k));
  ctx.touchedRe = helpers.length > 0 ? new RegExp(`\\b(?:${helpers.join('|')})\\b`) : null;
  const sig = contextSignature(ctx);
  const out: RawFinding[] = [];
  fns.forEach((f, i) => {
    const entry = entries[i]!;
    const delta = f.startIndex - entry.start;
    if (entry.fin?.sig === sig) {
      for (const r of entry.fin.findings) out.push(delta === 0 ? r : shiftFinding(r, delta));
      return;
    }
    ctx.findings = new Map();
    const lambdas: Node[] = [];
    try {
      if (budget.spent()) throw budget.tooMuch('analysis');
      new FunctionWalk(ctx, f, lambdas, budget).run();
      for (let j = 0; j < lambdas.length; j++) new FunctionWalk(ctx, lambdas[j]!, lambdas, budget).run();
    } catch (err) {
      if (!(err instanceof BudgetExceeded)) throw err;
      givenUp.push(err.at ? err : new BudgetExceeded(err.stage, err.what, { start: f.startIndex, end: f.endIndex }));
      return;
    }
    const found = [...ctx.findings.values()];
    out.push(...found);
    // APC routines point at a registration elsewhere in the file: never reuse their findings.
    const name = functionName(f, src);
    const apcRelated = (name && ctx.apcRoutines.has(name)) || lambdas.some((l) => ctx.apcRoutines.has(`#lambda@${l.startIndex}`));
    entry.fin = apcRelated ? undefined : { sig, findings: delta === 0 ? found : found.map((r) => shiftFinding(r, -delta)) };
  });
  if (cache) {
    for (const [k, v] of next) cache.set(k, v);
    if (cache.size > CACHE_LIMIT) {
      // Drop what the oldest runs used; what this run used stays.
      const entriesByAge = [...cache.entries()].sort((a, b) => a[1].gen - b[1].gen);
      for (const [k, v] of entriesByAge) {
        if (cache.size <= CACHE_LIMIT / 2 || v.gen === gen) break;
        cache.delete(k);
      }
    }
  }
  return { findings: out.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule)), summaries: { defined, functions } };
}

/** The shutdown wrappers in effect, as text for the cache keys. */
function shutdownsKey(shutdowns: ReadonlyMap<string, FunctionSummary>): string {
  return [...shutdowns.values()].map((f) => `${f.name}/${f.params}/${f.shutsDown}`).sort().join(',');
}

function shiftFinding(r: RawFinding, delta: number): RawFinding {
  return { ...r, start: r.start + delta, end: r.end + delta, related: r.related.map((x) => ({ ...x, start: x.start + delta, end: x.end + delta })) };
}

/** Everything outside a function that its findings depend on. */
function contextSignature(ctx: FileContext): string {
  const kinds = [...ctx.kinds.entries()].map(([k, v]) => `${k}=${v ?? ''}`).sort().join(';');
  const touched = [...ctx.touched.entries()].map(([k, v]) => `${k}:${[...v].sort().join(',')}`).sort().join(';');
  const apc = [...ctx.apcRoutines.keys()].filter((k) => !k.startsWith('#lambda@')).sort().join(';');
  const names = `${[...ctx.closeNames].sort().join(',')}|${[...ctx.noreturn].sort().join(',')}|${shutdownsKey(ctx.shutdowns)}`;
  return `${ctx.mentionsDisconnectData ? 1 : 0}|${kinds}|${touched}|${apc}|${names}|${macroSignature(ctx.macros)}`;
}

const macroSigs = new WeakMap<FileMacros, string>();
/** The object-like macros a function's findings may depend on (sentinels, directions). */
function macroSignature(m: FileMacros): string {
  let sig = macroSigs.get(m);
  if (sig === undefined) {
    let h = 7;
    for (const [k, v] of m.objects) h = (h * 31 + hashKey(k + '=' + v)) | 0;
    sig = `${m.objects.size}:${h}`;
    macroSigs.set(m, sig);
  }
  return sig;
}

let relevanceCache: { key: string; re: RegExp } | undefined;

/** A quick text test: does a function mention any name the rules care about (`wrappers`: the close and shutdown functions besides the model's)? */
function relevanceTest(wrappers: ReadonlySet<string>): RegExp {
  const key = [...wrappers].join(',');
  if (relevanceCache?.key === key) return relevanceCache.re;
  const names = new Set<string>(['WSAStartup', 'WSACleanup', 'QueueUserAPC', 'ReadFileEx', 'WriteFileEx', 'SetWaitableTimer', 'DisconnectEx', 'ConnectEx', 'AcceptEx', 'TransmitFile', 'TransmitPackets']);
  for (const n of wrappers) names.add(n);
  // Every function of the model that touches a socket or the library's lifetime.
  for (const n of MODEL_NAMES()) names.add(n);
  // Extension functions are usually called through pointers (lpfnDisconnectEx): no word start there.
  const ext = MODEL_EXTENSIONS();
  // A call (`name(`) or a function pointer passed along (`, name)`), not a word in a comment.
  const re = new RegExp(`(?:\\b(?:${[...names].map((n) => n.replace(/[^\w]/g, '')).filter(Boolean).join('|')})|(?:${ext.map((n) => `[${n[0]!.toUpperCase()}${n[0]!.toLowerCase()}]${n.slice(1)}`).join('|')}))\\s*\\(`);
  relevanceCache = { key, re };
  return re;
}

let modelNames: string[] | undefined;
let modelExtensions: string[] | undefined;
function MODEL_EXTENSIONS(): string[] {
  modelExtensions ??= allEntries()
    .filter((e): e is FunctionEntry => e.kind === 'function' && e.extension !== undefined)
    .map((e) => e.name);
  return modelExtensions.length > 0 ? modelExtensions : ['DisconnectEx'];
}
let extensionsByLower: Map<string, FunctionEntry> | undefined;
function extensionByLowerName(lower: string): FunctionEntry | undefined {
  extensionsByLower ??= new Map(
    allEntries()
      .filter((e): e is FunctionEntry => e.kind === 'function' && e.extension !== undefined)
      .map((e) => [e.name.toLowerCase(), e]),
  );
  return extensionsByLower.get(lower);
}
import { allEntries } from '../model/registry';
function MODEL_NAMES(): string[] {
  modelNames ??= allEntries()
    .filter((e): e is FunctionEntry => e.kind === 'function' && (e.socketParam !== undefined || e.roles.some((r) => r === 'create' || r === 'startup' || r === 'cleanup' || r === 'apc')))
    .map((e) => e.name);
  return modelNames;
}

/** Function definitions (and lambdas at file scope are ignored), skipping bodies of functions that mention nothing relevant. */
function collectFunctions(root: Node, out: Node[], src: string, relevant: RegExp): void {
  const cursor = root.walk();
  try {
    let descend = true;
    for (;;) {
      const t = cursor.nodeType;
      if (descend && t === 'function_definition') {
        const n = cursor.currentNode;
        const body = n.childForFieldName('body');
        if (body && relevant.test(src.slice(body.startIndex, body.endIndex))) out.push(n);
        descend = false; // nested class bodies inside functions are rare; lambdas are found by the walk
      }
      if (descend && t !== 'compound_statement' && t !== 'comment' && t !== 'string_literal' && cursor.gotoFirstChild()) continue;
      descend = true;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}

function functionName(fn: Node, src: string): string {
  let d = fn.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator');
  let name = d?.childForFieldName('declarator') ?? null;
  // `Cls::method`, and `CALLBACK fn` that the C++ grammar reads as a scope with a missing `::`.
  while (name && name.type === 'qualified_identifier') name = name.childForFieldName('name');
  return name ? textOf(name, src).trim() : '';
}

interface WinsockCall {
  readonly entry: FunctionEntry | null; // null: a configured close function the model does not list
  readonly close: boolean;
  /** A call to a shutdown wrapper (its first argument is the socket): read as a shutdown in this direction, and reported on by nothing. */
  readonly shutsDown?: ShutdownDirection;
}

function winsockCall(call: Node, ctx: FileContext): WinsockCall | null {
  const c = calleeOf(call, ctx.src);
  if (!c) return null;
  const argCount = args(call).length;
  if (!c.member && ctx.closeNames.has(c.name)) {
    const e = winsockFunction(c.name) ?? null;
    return argCount >= 1 ? { entry: e, close: true } : null;
  }
  const wrapper = c.member ? undefined : ctx.shutdowns.get(c.name);
  if (wrapper) return argCount === wrapper.params && argCount >= 1 ? { entry: null, close: false, shutsDown: wrapper.shutsDown! } : null;
  let e = winsockFunction(c.name);
  if (!e) {
    // Extension functions live behind pointers: lpfnDisconnectEx(…), ext.DisconnectEx(…).
    const alias = extensionByLowerName(extensionAlias(c.name).toLowerCase());
    if (alias) e = alias;
  }
  if (!e) return null;
  if (c.member && !e.extension) return null; // conn.connect(false), this->send(msg)
  if (argCount !== e.params.length) return null; // a different function that shares the name
  return { entry: e, close: hasRole(e, 'close') || ctx.closeNames.has(e.name) };
}

function socketKindFromArgs(e: FunctionEntry, a: Node[], src: string): Kind {
  const ti = paramIndex(e, /^type$/);
  const pi = paramIndex(e, /^protocol$/);
  const t = ti >= 0 && a[ti] ? textOf(a[ti], src) : '';
  const p = pi >= 0 && a[pi] ? textOf(a[pi], src) : '';
  if (/\bSOCK_STREAM\b|\bSOCK_SEQPACKET\b|\bSOCK_RDM\b/.test(t) || /\bIPPROTO_TCP\b/.test(p)) return 'stream';
  if (/\bSOCK_DGRAM\b|\bSOCK_RAW\b/.test(t) || /\bIPPROTO_UDP\b/.test(p)) return 'datagram';
  return undefined;
}

/**
 * Parents within one function. tree-sitter's `node.parent` searches down from the root of the
 * whole tree, which costs time in proportion to the file's top-level size; this searches down
 * from the function instead, with one cursor, and caches.
 */
class ParentFinder {
  private cursor: TreeCursor | null = null;
  private readonly cache = new Map<number, Node | null>();
  /** The ancestors met by the last search, outermost first. */
  private readonly path: Node[] = [];
  /**
   * `hint` gives nodes known to be ancestors of the nodes asked about (the walk's stack): the
   * search starts at the deepest one that contains the node, not at the function's root, which
   * made deep nesting and long case lists quadratic.
   */
  constructor(
    private readonly root: Node,
    private readonly hint?: readonly Node[],
  ) {}

  parentOf(n: Node): Node | null {
    const hit = this.cache.get(n.id);
    if (hit !== undefined) return hit;
    if (n.id === this.root.id) return null;
    let result: Node | null | undefined;
    if (this.hint) {
      for (let i = this.hint.length - 1; i >= 0 && result === undefined; i--) {
        const h = this.hint[i]!;
        if (strictlyContains(h, n)) {
          this.path.length = 0;
          result = this.search(h, n);
        }
      }
    }
    // The last search's path: nodes asked about in document order (the prepass's calls) share
    // most of it, so the search starts at the deepest node on it that contains this one.
    for (let i = this.path.length - 1; i >= 0 && result === undefined; i--) {
      const h = this.path[i]!;
      if (strictlyContains(h, n)) {
        this.path.length = i;
        result = this.search(h, n);
      }
    }
    if (result === undefined) {
      this.path.length = 0;
      result = this.search(this.root, n);
    }
    if (result === undefined) result = n.parent; // fall back to the slow path if the search got lost
    this.cache.set(n.id, result);
    return result;
  }

  /** Searches down from `from` for `n`; records the parents on the way. Undefined: not found. */
  private search(from: Node, n: Node): Node | null | undefined {
    const c = (this.cursor ??= this.root.walk());
    c.reset(from);
    let parent: Node | null = null;
    for (let guard = 0; guard < 4096; guard++) {
      const cur = c.currentNode;
      if (cur.id === n.id) return parent ?? (from.id === this.root.id ? null : undefined);
      if (parent) this.cache.set(cur.id, parent);
      this.path.push(cur);
      if (!c.gotoFirstChildForIndex(n.startIndex)) return undefined;
      // Several children may start at the same offset: take the one that contains n.
      let child = c.currentNode;
      while (child.endIndex < n.endIndex || child.startIndex > n.startIndex || (child.id !== n.id && child.endIndex === n.endIndex && child.startIndex === n.startIndex && !contains(child, n))) {
        if (child.startIndex > n.startIndex || !c.gotoNextSibling()) break;
        child = c.currentNode;
      }
      if (child.startIndex > n.startIndex || child.endIndex < n.endIndex) return undefined;
      parent = cur;
    }
    return undefined;
  }

  dispose(): void {
    this.cursor?.delete();
    this.cursor = null;
  }
}

/** `outer` covers `n` and more of the text (so it is an ancestor of `n`, never `n` itself). */
function strictlyContains(outer: Node, n: Node): boolean {
  return outer.id !== n.id && outer.startIndex <= n.startIndex && outer.endIndex >= n.endIndex && (outer.startIndex < n.startIndex || outer.endIndex > n.endIndex);
}

/** Same range and n is one of its descendants along the first children (`a` in `a;`). */
function contains(outer: Node, n: Node): boolean {
  let cur: Node | null = outer;
  for (let i = 0; cur && i < 8; i++) {
    if (cur.id === n.id) return true;
    let next: Node | null = null;
    for (const ch of cur.children) if (ch && ch.startIndex <= n.startIndex && ch.endIndex >= n.endIndex) next = ch;
    cur = next;
  }
  return false;
}

/** The expression a call's result is stored into (`x = call`, `T x = call`), if any. */
/**
 * The first ancestor of `n` that is not a wrapper (`wraps`: parentheses, casts …), and the
 * outermost wrapper below it. Past MAX_NESTING wrappers the function is given up: each step up is
 * a parent lookup, and 18,000 nested parentheses took seconds (fuzz input #9284).
 */
function climbWrappers(n: Node, pf: ParentFinder, wraps: (p: Node) => boolean): { parent: Node | null; inner: Node } {
  let inner = n;
  let p = pf.parentOf(n);
  for (let depth = 0; p && wraps(p); depth++) {
    if (depth >= MAX_NESTING) throw new BudgetExceeded('analysis', { en: `expressions nested deeper than ${MAX_NESTING} levels`, ru: `выражения вложены глубже ${MAX_NESTING} уровней` });
    inner = p;
    p = pf.parentOf(p);
  }
  return { parent: p, inner };
}

const isParenOrCast = (p: Node): boolean => p.type === 'parenthesized_expression' || p.type === 'cast_expression';
const isParen = (p: Node): boolean => p.type === 'parenthesized_expression';

function assignedTo(call: Node, pf: ParentFinder): Node | null {
  const p = climbWrappers(call, pf, isParenOrCast).parent;
  if (!p) return null;
  if (p.type === 'assignment_expression') return p.childForFieldName('left');
  if (p.type === 'init_declarator') {
    let d = p.childForFieldName('declarator');
    while (d && d.type !== 'identifier' && d.childForFieldName('declarator')) d = d.childForFieldName('declarator');
    return d;
  }
  return null;
}

interface PrepassResult {
  readonly name: string;
  readonly touched: readonly string[];
  readonly kinds: readonly (readonly [string, Kind])[];
  readonly accepts: readonly (readonly [string, string])[];
  /** Routine name (or `#lambda@offset`) → registration, offsets as of this run. */
  readonly apc: readonly (readonly [string, Registration])[];
}

/** What a function tells about the file: sockets it changes, socket kinds, APC registrations. */
function prepass(fn: Node, ctx: FileContext, budget: Budget): PrepassResult {
  const src = ctx.src;
  const name = functionName(fn, src);
  const touched = new Set<string>();
  const kinds: [string, Kind][] = [];
  const accepts: [string, string][] = [];
  const apc = new Map<string, Registration>();
  const local: FileContext = { ...ctx, apcRoutines: apc };
  const pf = new ParentFinder(fn);
  try {
    for (const call of fn.descendantsOfType('call_expression')) {
      if (!call) continue;
      budget.tick('analysis');
      const c = calleeOf(call, src);
      if (!c) continue;
      const a = args(call);
      const win32Apc = WIN32_APC_ARG[c.name];
      const wc = winsockCall(call, ctx);
      if (wc?.entry) {
        const e = wc.entry;
        if (hasRole(e, 'startup') || hasRole(e, 'cleanup')) touched.add(WSA);
        // Only calls that change a socket's state count (sending through a helper changes nothing).
        const changes = ['close', 'disconnect', 'disconnect-send', 'disconnect-receive', 'connect', 'accept'].some((r) => hasRole(e, r as never));
        if (e.socketParam !== undefined && changes) {
          const k = keyOf(a[e.socketParam] ?? null, src);
          if (k) touched.add(k);
        }
        if (hasRole(e, 'create') || hasRole(e, 'accept')) {
          const target = keyOf(assignedTo(call, pf), src);
          if (target) {
            touched.add(target);
            if (hasRole(e, 'create')) kinds.push([target, socketKindFromArgs(e, a, src)]);
            else if (e.socketParam !== undefined) {
              const l = keyOf(a[e.socketParam] ?? null, src);
              if (l) accepts.push([target, l]);
            }
          }
        }
        for (const i of paramsOfType(e, APC_PARAM_TYPE)) noteApc(local, a[i], call);
        if (hasRole(e, 'apc')) noteApc(local, a[0], call);
      } else if (wc?.close || wc?.shutsDown) {
        const k = keyOf(a[0] ?? null, src);
        if (k) touched.add(k);
      } else if (win32Apc !== undefined && !c.member) noteApc(local, a[win32Apc], call);
    }
  } finally {
    pf.dispose();
  }
  return { name, touched: [...touched], kinds, accepts, apc: [...apc.entries()] };
}

function applyPrepass(ctx: FileContext, p: PrepassResult, delta: number): void {
  for (const [k, kind] of p.kinds) noteKind(ctx, k, kind);
  if (p.name) {
    const prev = ctx.touched.get(p.name);
    if (prev) for (const k of p.touched) prev.add(k);
    else ctx.touched.set(p.name, new Set(p.touched));
  }
  for (const [name, r] of p.apc) {
    const key = name.startsWith('#lambda@') ? `#lambda@${Number(name.slice(8)) + delta}` : name;
    if (!ctx.apcRoutines.has(key)) ctx.apcRoutines.set(key, delta === 0 ? r : { ...r, startIndex: r.startIndex + delta, endIndex: r.endIndex + delta });
  }
}

function resolveAccepts(ctx: FileContext, all: readonly PrepassResult[]): void {
  for (const p of all) {
    for (const [target, listener] of p.accepts) {
      const k = ctx.kinds.get(listener);
      if (k && k !== 'mixed') noteKind(ctx, target, k);
    }
  }
}

function noteKind(ctx: FileContext, key: string, kind: Kind): void {
  const prev = ctx.kinds.get(key);
  if (prev === undefined && !ctx.kinds.has(key)) ctx.kinds.set(key, kind);
  else if (prev !== kind) ctx.kinds.set(key, 'mixed');
  const field = /(?:\.|->)(\w+)$/.exec(key)?.[1];
  if (field && field !== key) {
    const fk = '#field:' + field;
    const p2 = ctx.kinds.get(fk);
    if (p2 === undefined && !ctx.kinds.has(fk)) ctx.kinds.set(fk, kind);
    else if (p2 !== kind) ctx.kinds.set(fk, 'mixed');
  }
}

function registration(ctx: FileContext, call: Node): Registration {
  return { startIndex: call.startIndex, endIndex: call.endIndex, callee: calleeOf(call, ctx.src)?.name ?? 'a registration', line: line1(call, ctx.lines) };
}

function noteApc(ctx: FileContext, arg: Node | undefined, call: Node, depth = 0): void {
  if (!arg || depth > 64) return;
  let n = stripParens(arg);
  if (n.type === 'conditional_expression') {
    noteApc(ctx, n.childForFieldName('consequence') ?? undefined, call, depth + 1);
    noteApc(ctx, n.childForFieldName('alternative') ?? undefined, call, depth + 1);
    return;
  }
  while (n.type === 'cast_expression') n = n.childForFieldName('value') ?? n;
  if (n.type === 'pointer_expression') n = n.childForFieldName('argument') ?? n;
  if (n.type === 'identifier' || n.type === 'qualified_identifier') {
    const t = textOf(n, ctx.src).replace(/\s+/g, '');
    const name = t.slice(t.includes('::') ? t.lastIndexOf('::') + 2 : 0);
    if (!ctx.apcRoutines.has(name)) ctx.apcRoutines.set(name, registration(ctx, call));
  } else if (n.type === 'lambda_expression') {
    ctx.apcRoutines.set(`#lambda@${n.startIndex}`, registration(ctx, call));
  }
}

// ---------------------------------------------------------------------------------------------
// Messages (their words are in the rule files, core/lint/rules/).

function callLabel(n: Site, src: string): string {
  const t = textOf(n, src).replace(/\s+/g, ' ');
  return t.length > 60 ? t.slice(0, 57) + '…' : t;
}

// ---------------------------------------------------------------------------------------------
// The walk over one function.

interface LoopCtx {
  breaks: State[];
  continues: State[];
  readonly isSwitch: boolean;
}

class FunctionWalk {
  private readonly src: string;
  private readonly locals = new Set<string>();
  private readonly params = new Set<string>();
  private readonly guards: { base: string; value: boolean }[] = [];
  private readonly loops: LoopCtx[] = [];
  private readonly finallies: Node[] = [];
  private readonly gotoStates = new Map<string, State>();
  private readonly isMain: boolean;
  private readonly isApc: Registration | undefined;
  private readonly retriesClose: boolean;
  private readonly body: Node | null;
  private readonly fnText: string;
  private objCounter = 1;
  private readonly pf: ParentFinder;
  private readonly lingerCandidates: { key: string; set: Node; disc: Node; opt: string; label: string }[] = [];

  /** The statements and expressions being walked, outermost first (ancestors for the parent search). */
  private readonly stack: Node[] = [];
  /** How deep the walk's recursion is. */
  private depth = 0;

  constructor(
    private readonly ctx: FileContext,
    private readonly fn: Node,
    private readonly lambdas: Node[],
    private readonly budget: Budget = new Budget(),
  ) {
    this.src = ctx.src;
    this.pf = new ParentFinder(fn, this.stack);
    this.body = fn.childForFieldName('body');
    this.fnText = this.body ? this.src.slice(this.body.startIndex, this.body.endIndex) : '';
    const name = fn.type === 'function_definition' ? functionName(fn, this.src) : '';
    this.isMain = MAIN_NAMES.has(name);
    this.isApc = fn.type === 'lambda_expression' ? ctx.apcRoutines.get(`#lambda@${fn.startIndex}`) : name ? ctx.apcRoutines.get(name) : undefined;
    this.retriesClose = this.fnText.includes('WSAEWOULDBLOCK');
  }

  run(): void {
    if (!this.body || this.body.type !== 'compound_statement') return;
    try {
      this.collectDeclarations();
      const init = new Map<string, readonly Fact[]>();
      init.set(WSA, [this.fact(this.isMain ? 'wsa-none' : 'unknown', null, 0)]);
      // The function's own flags (`ok = true`) and tests, path by path: a socket made later starts
      // with what its path knows, so a test that contradicts it (`if (!ok && s != BAD)`) prunes.
      init.set(FLAGS, [this.fact('unknown', this.body, -1)]);
      const end = this.stmt(this.body, init);
      if (end) this.checkExit(end, null);
      for (const c of this.lingerCandidates) this.reportLinger(c);
    } finally {
      this.pf.dispose();
    }
  }

  private collectDeclarations(): void {
    const decl = this.fn.type === 'lambda_expression' ? this.fn.childForFieldName('declarator') : this.fn.childForFieldName('declarator');
    if (decl) {
      for (const p of decl.descendantsOfType('parameter_declaration')) {
        const id = p ? this.declName(p.childForFieldName('declarator')) : null;
        if (id) this.params.add(id);
      }
    }
    if (!this.body) return;
    for (const d of this.body.descendantsOfType(['declaration', 'condition_clause', 'for_range_loop'])) {
      if (!d || d.type !== 'declaration') continue;
      if (/^\s*static\b/.test(textOf(d, this.src))) continue;
      for (const c of d.childrenForFieldName('declarator')) {
        const id = this.declName(c);
        if (id) this.locals.add(id);
      }
    }
  }

  private declName(d: Node | null): string | null {
    let cur = d;
    while (cur && cur.type !== 'identifier') {
      if (cur.type === 'function_declarator') return null;
      cur = cur.childForFieldName('declarator') ?? (cur.namedChildCount > 0 ? cur.namedChild(0) : null);
    }
    return cur ? textOf(cur, this.src) : null;
  }

  private fact(st: St, at: Node | null, obj: number, extra?: Partial<Fact>): Fact {
    return { st, at, obj, esc: 0, kind: undefined, conds: null, unsure: false, ...extra };
  }

  private initialFacts(key: string): readonly Fact[] {
    if (key === WSA) return [this.fact(this.isMain ? 'wsa-none' : 'unknown', null, 0)];
    const obj = hashKey(key);
    return [this.fact('unknown', null, obj, { esc: this.params.has(key) || key === 'this' ? 2 : 0 })];
  }

  private get(state: ReadonlyMap<string, readonly Fact[]>, key: string): readonly Fact[] {
    return state.get(key) ?? this.initialFacts(key);
  }

  // ---- joins ------------------------------------------------------------------------------

  private join(a: State, b: State): State {
    if (!a) return b;
    if (!b) return a;
    if (a === b) return a;
    const out = new Map<string, readonly Fact[]>();
    for (const [k, fa] of a) {
      const fb = b.get(k) ?? this.initialFacts(k);
      out.set(k, fa === fb ? fa : mergeFacts(fa, fb));
    }
    for (const [k, fb] of b) if (!a.has(k)) out.set(k, mergeFacts(this.initialFacts(k), fb));
    return out;
  }

  private joinAll(states: State[]): State {
    let s: State = null;
    // A join is work too: the breaks of a switch of 18,000 cases are joined here, each one a step.
    for (const x of states) {
      this.budget.tick('analysis');
      s = this.join(s, x);
    }
    return s;
  }

  // ---- statements --------------------------------------------------------------------------

  /** Every step of the walk goes through here: the nesting limit and the file's clock. */
  private enter(n: Node): void {
    this.budget.tick('analysis');
    if (this.depth >= MAX_NESTING) {
      const name = this.fn.type === 'function_definition' ? functionName(this.fn, this.src) : '';
      const where = name ? ` in ${name}` : '';
      const whereRu = name ? ` в ${name}` : '';
      throw new BudgetExceeded('analysis', { en: `nesting deeper than ${MAX_NESTING} levels${where}`, ru: `вложенность глубже ${MAX_NESTING} уровней${whereRu}` }, { start: this.fn.startIndex, end: this.fn.endIndex });
    }
    this.stack.push(n);
    this.depth++;
  }

  private leave(): void {
    this.stack.pop();
    this.depth--;
  }

  private stmt(n: Node, s: State): State {
    this.enter(n);
    try {
      return this.statement(n, s);
    } finally {
      this.leave();
    }
  }

  private expr(n: Node, s: State): State {
    this.enter(n);
    try {
      return this.expression(n, s);
    } finally {
      this.leave();
    }
  }

  private statement(n: Node, s: State): State {
    if (!s) {
      // Unreachable code still matters if a label inside it is a goto target.
      if (n.type === 'labeled_statement' || n.type === 'compound_statement' || n.type === 'case_statement') {
        /* fall through: labels below may revive the state */
      } else return null;
    }
    switch (n.type) {
      case 'compound_statement':
      case 'translation_unit':
      case 'ERROR': {
        let cur = s;
        for (const c of n.namedChildren) {
          if (!c) continue;
          cur = this.stmt(c, cur);
        }
        return cur;
      }
      case 'expression_statement': {
        const e = n.namedChild(0);
        return e ? this.expr(e, s) : s;
      }
      case 'declaration':
        return this.declaration(n, s);
      case 'if_statement': {
        // An else-if chain is walked as a loop (chains of thousands of arms nest that deep).
        const ends: State[] = [];
        const pushed = this.guards.length;
        const stacked = this.stack.length;
        let arm: Node | null = n;
        let cur: State = s;
        while (arm) {
          this.budget.tick('analysis');
          const cond = arm.childForFieldName('condition');
          const [t, f] = cond ? this.branch(cond, cur) : [cur, cur];
          const c = cond ? condKey(textOf(cond, this.src)) : null;
          const cons = arm.childForFieldName('consequence');
          let alt = arm.childForFieldName('alternative');
          if (alt?.type === 'else_clause') alt = alt.namedChild(0);
          if (c) this.guards.push({ base: c.base, value: c.positive });
          ends.push(cons ? this.stmt(cons, t) : t);
          if (c) this.guards[this.guards.length - 1] = { base: c.base, value: !c.positive };
          if (alt?.type === 'if_statement' && f) {
            arm = alt;
            cur = f;
            this.stack.push(arm); // an ancestor of what follows (for the parent search), not a level of recursion
          } else if (alt?.type === 'if_statement') {
            arm = null; // unreachable arms: as a nested if with no state, nothing to walk
          } else {
            ends.push(alt ? this.stmt(alt, f) : f);
            arm = null;
          }
        }
        this.guards.length = pushed;
        this.stack.length = stacked;
        return this.joinAll(ends);
      }
      case 'while_statement':
        return this.loop(n.childForFieldName('condition'), n.childForFieldName('body'), null, s, false);
      case 'for_statement': {
        let cur = s;
        const init = n.childForFieldName('initializer');
        if (init) cur = init.type === 'declaration' ? this.declaration(init, cur) : this.expr(init, cur);
        return this.loop(n.childForFieldName('condition'), n.childForFieldName('body'), n.childForFieldName('update'), cur, false);
      }
      case 'for_range_loop': {
        const right = n.childForFieldName('right');
        const cur = right ? this.expr(right, s) : s;
        // The loop variable names a new element on every iteration.
        const v = this.declName(n.childForFieldName('declarator'));
        return this.loop(null, n.childForFieldName('body'), null, cur, false, true, v);
      }
      case 'do_statement':
        return this.loop(n.childForFieldName('condition'), n.childForFieldName('body'), null, s, true);
      case 'switch_statement':
        return this.switchStmt(n, s);
      case 'return_statement': {
        const v = n.namedChild(0);
        let cur = v ? this.expr(v, s) : s;
        if (v && cur) {
          const k = keyOf(stripParens(v), this.src);
          if (k) cur = this.escape(cur, k);
        }
        if (cur) this.exitThroughFinally(cur, n);
        return null;
      }
      case 'throw_statement': {
        const v = n.namedChild(0);
        if (v) this.expr(v, s);
        return null;
      }
      case 'break_statement': {
        const l = this.loops[this.loops.length - 1];
        if (l) l.breaks.push(s);
        return null;
      }
      case 'continue_statement': {
        for (let i = this.loops.length - 1; i >= 0; i--) {
          const l = this.loops[i]!;
          if (!l.isSwitch) {
            l.continues.push(s);
            break;
          }
        }
        return null;
      }
      case 'goto_statement': {
        const label = n.childForFieldName('label');
        if (label) {
          const name = textOf(label, this.src);
          this.gotoStates.set(name, this.join(this.gotoStates.get(name) ?? null, s));
        }
        return null;
      }
      case 'labeled_statement': {
        const label = n.childForFieldName('label');
        const name = label ? textOf(label, this.src) : '';
        const cur = this.join(s, this.gotoStates.get(name) ?? null);
        // `cleanup: /* free */ closesocket(s);`: the comment is not the labelled statement.
        const inner = n.namedChildren.find((c) => c !== null && c.type !== 'statement_identifier' && c.type !== 'comment') ?? null;
        return inner ? this.stmt(inner, cur) : cur;
      }
      case 'try_statement': {
        const body = n.childForFieldName('body');
        const after = body ? this.stmt(body, s) : s;
        const handlerIn = this.join(s, after);
        let out = after;
        for (const c of n.namedChildren) {
          if (c?.type !== 'catch_clause') continue;
          const cb = c.childForFieldName('body');
          out = this.join(out, cb ? this.stmt(cb, handlerIn) : handlerIn);
        }
        return out;
      }
      case 'seh_try_statement': {
        const body = n.childForFieldName('body');
        const fin = n.namedChildren.find((c) => c?.type === 'seh_finally_clause') ?? null;
        const exc = n.namedChildren.find((c) => c?.type === 'seh_except_clause') ?? null;
        const finBody = fin?.childForFieldName('body') ?? null;
        if (finBody) this.finallies.push(finBody);
        const after = body ? this.stmt(body, s) : s;
        if (finBody) this.finallies.pop();
        let out = after;
        if (exc) {
          const eb = exc.childForFieldName('body');
          const filter = exc.childForFieldName('filter');
          let hin = this.join(s, after);
          if (filter) hin = this.expr(filter, hin);
          out = this.join(out, eb ? this.stmt(eb, hin) : hin);
        }
        if (finBody) out = out ? this.stmt(finBody, out) : null;
        return out;
      }
      case 'case_statement':
        return this.caseBody(n, s);
      case 'function_definition':
      case 'class_specifier':
      case 'struct_specifier':
      case 'comment':
        return s;
      default: {
        // Anything else (attributed statements, unknown constructs): its expressions in order.
        let cur = s;
        for (const c of n.namedChildren) if (c) cur = c.type.endsWith('statement') ? this.stmt(c, cur) : this.expr(c, cur);
        return cur;
      }
    }
  }

  private declaration(n: Node, s: State): State {
    let cur = s;
    // C++: a variable of a class type runs its constructor; one of this file that calls
    // WSAStartup/WSACleanup (an RAII guard) makes the library state unknown.
    const type = n.childForFieldName('type');
    if (cur && type && (type.type === 'type_identifier' || type.type === 'qualified_identifier' || type.type === 'template_type')) {
      const t = textOf(type, this.src).replace(/<.*$/s, '');
      const name = t.slice(t.lastIndexOf(':') + 1).trim();
      if (this.ctx.touched.get(name)?.has(WSA)) {
        const m = new Map(cur);
        m.set(WSA, [this.fact('unknown', null, 0)]);
        cur = m;
      }
    }
    for (const d of n.childrenForFieldName('declarator')) {
      if (!d || !cur) continue;
      if (d.type === 'function_declarator') {
        // `Guard g(s);` parses as a function declaration; inside a body it is an object built from s.
        for (const pd of d.childForFieldName('parameters')?.namedChildren ?? []) {
          if (pd?.type !== 'parameter_declaration' || pd.childForFieldName('declarator')) continue;
          const t = pd.childForFieldName('type');
          const k = t ? textOf(t, this.src).trim() : '';
          if (k && cur && (cur.has(k) || this.locals.has(k) || this.params.has(k))) cur = this.escape(cur, k, 2);
        }
        // `Server server(adopt(fd));` reads as a declaration too (a parameter `adopt` named `(fd)`):
        // a socket named anywhere in it goes to the object being built.
        const params = d.childForFieldName('parameters');
        const t = params ? textOf(params, this.src) : '';
        const named = t.length < 2000 ? new Set(identifiers(t)) : null;
        if (named && named.size > 0) for (const k of [...(cur?.keys() ?? [])]) if (k !== WSA && cur && named.has(rootOf(k))) cur = this.escape(cur, k, 2);
        continue;
      }
      if (d.type === 'init_declarator') {
        const value = d.childForFieldName('value');
        const name = this.declName(d.childForFieldName('declarator'));
        if (value) cur = this.expr(value, cur);
        if (cur && value && (value.type === 'argument_list' || value.type === 'initializer_list')) {
          // `Guard g(s);` / `Conn c{s};`: the object keeps the socket (and may close it).
          for (const x of value.namedChildren) {
            const k = x ? keyOf(stripParens(x), this.src) : null;
            if (k && cur) cur = this.escape(cur, k, 2);
          }
        }
        if (name && cur) cur = this.assign(cur, name, value && value.type !== 'initializer_list' && value.type !== 'argument_list' ? value : null, d);
        if (name && cur && type && this.isObjectType(type, value)) cur = this.escape(cur, name, 2);
      } else {
        const name = this.declName(d);
        if (name && cur) cur = this.assign(cur, name, null, d);
        if (name && cur && type && this.isObjectType(type, null)) cur = this.escape(cur, name, 2);
      }
    }
    return cur;
  }

  /**
   * A variable that is not a plain socket handle (a class such as `Socket`, or `auto` holding what an
   * unknown function returned) may close the socket in its destructor: it is not ours to close.
   */
  private isObjectType(type: Node, value: Node | null): boolean {
    const t = textOf(type, this.src).replace(/\s+/g, ' ').trim();
    if (/^(?:const )?(?:SOCKET|UINT_PTR|uintptr_t|ULONG_PTR|INT_PTR|intptr_t|int|unsigned|unsigned int|long|unsigned long|DWORD|HANDLE|\w*socket_t|\w*SOCKET\w*)$/i.test(t)) return false;
    // A C typedef of a handle type in this file (`typedef SOCKET net_fd;`) is a handle too.
    if (this.ctx.handleTypedefs.has(t)) return false;
    if (t === 'auto' || t === 'const auto') {
      const v = value ? stripParens(value) : null;
      if (v?.type === 'call_expression') {
        const e = winsockCall(v, this.ctx)?.entry;
        if (e && (hasRole(e, 'create') || hasRole(e, 'accept'))) return false;
      }
      return true;
    }
    return type.type !== 'primitive_type' && type.type !== 'sized_type_specifier';
  }

  private loop(cond: Node | null, body: Node | null, update: Node | null, s: State, doWhile: boolean, maybeZero = false, perIteration: string | null = null): State {
    let head = s;
    let exits: State = null;
    const iterations = this.loops.length > 3 ? 1 : 2;
    for (let it = 0; it < iterations && head; it++) {
      const l: LoopCtx = { breaks: [], continues: [], isSwitch: false };
      let entry: State = head;
      let exitHere: State = null;
      if (!doWhile && cond) {
        const [t, f] = this.branch(cond, head);
        entry = t;
        exitHere = isAlwaysTrue(cond, this.src) ? null : f;
      } else if (!doWhile && !cond) exitHere = maybeZero ? head : null;
      this.loops.push(l);
      if (perIteration && entry) {
        const m = new Map(entry);
        m.set(perIteration, [this.fact('unknown', null, this.newObj(), { esc: 2 })]);
        entry = m;
      }
      let end = body && entry ? this.stmt(body, entry) : entry;
      this.loops.pop();
      end = this.joinAll([end, ...l.continues]);
      if (doWhile && cond && end) {
        const [t, f] = this.branch(cond, end);
        exitHere = isAlwaysTrue(cond, this.src) ? null : f;
        // `do { … } while (0)`: a block to break out of, never a loop.
        end = isAlwaysFalse(cond, this.src) ? null : t;
        if (!end) {
          exits = this.joinAll([exitHere, ...l.breaks]);
          break;
        }
      } else if (update && end) end = this.expr(update, end);
      exits = this.joinAll([exitHere, ...l.breaks]);
      const next = this.join(s, end);
      if (sameState(next, head)) break;
      head = next;
    }
    return exits;
  }

  private switchStmt(n: Node, s: State): State {
    const cond = n.childForFieldName('condition');
    const entry = cond ? this.expr(cond, s) : s;
    const body = n.childForFieldName('body');
    if (!body) return entry;
    const l: LoopCtx = { breaks: [], continues: [], isSwitch: true };
    this.loops.push(l);
    let fall: State = null;
    let hasDefault = false;
    const base = this.stack.length;
    this.stack.push(body); // ancestors for the parent search (a switch of thousands of cases)
    try {
      for (const c of body.namedChildren) {
        if (!c) continue;
        this.budget.tick('analysis');
        if (c.type === 'case_statement') {
          if (!c.childForFieldName('value')) hasDefault = true;
          this.stack.push(c);
          fall = this.caseBody(c, this.join(fall, entry));
          this.stack.length = base + 1;
        } else fall = this.stmt(c, fall);
      }
    } finally {
      this.stack.length = base;
    }
    this.loops.pop();
    return this.joinAll([fall, ...l.breaks, hasDefault ? null : entry]);
  }

  private caseBody(c: Node, s: State): State {
    let cur = s;
    const value = c.childForFieldName('value');
    for (const st of c.namedChildren) {
      if (!st || st === value || (value && st.startIndex === value.startIndex && st.type === value.type)) continue;
      cur = this.stmt(st, cur);
    }
    return cur;
  }

  /** A condition: its calls run, then the state splits into the true and the false branch. */
  private branch(cond: Node, s: State): [State, State] {
    const after = this.expr(cond, s);
    if (!after) return [null, null];
    return [this.assumeNode(cond, after, true), this.assumeNode(cond, after, false)];
  }

  /** The state on the path where `cond` has the truth value `value`. */
  private assumeNode(cond: Node, s: State, value: boolean): State {
    this.enter(cond);
    try {
      return this.assumeInner(cond, s, value);
    } finally {
      this.leave();
    }
  }

  private assumeInner(cond: Node, s: State, value: boolean): State {
    if (!s) return null;
    let n = stripParens(cond);
    // `!!!…x`: a loop, not one call per `!` (chains can be thousands long).
    while (n.type === 'unary_expression' && this.src.charCodeAt(n.startIndex) === 33 /* ! */) {
      const arg = n.childForFieldName('argument');
      if (!arg) break;
      this.budget.tick('analysis');
      n = stripParens(arg);
      value = !value;
    }
    if (n.type === 'binary_expression') {
      const op = n.childForFieldName('operator');
      const opText = op ? textOf(op, this.src) : '';
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left && right && (opText === '&&' || opText === '||')) {
        // a && b true: both true; a || b false: both false.
        if ((opText === '&&') === value) return this.assumeNode(right, this.assumeNode(left, s, value), value);
        // a && b false: a false, or a true and b false (and the mirror for ||).
        return this.join(this.assumeNode(left, s, value), this.assumeNode(right, this.assumeNode(left, s, !value), value));
      }
    }
    const pair = this.handlePair(n, s);
    if (pair) {
      // `a != b` between two handles we track: whether they are one socket decides what the
      // cleanup closes, and facts are kept per name, not per pair. Neither is judged afterwards.
      let m: ReadonlyMap<string, readonly Fact[]> = s;
      for (const k of pair) m = this.mapObjs(m, k, new Set(this.get(m, k).map((f) => f.obj)), (f) => (f.unsure && f.paired ? f : { ...f, unsure: true, paired: true }));
      return m;
    }
    const inv = this.invalidTest(n);
    const c = condKey(textOf(n, this.src));
    if (inv && s.has(inv.key)) {
      // `s == INVALID_SOCKET` true: there is no socket on this path, so nothing to close or misuse.
      // The path also remembers the test, so that a second test of the same value (`if (rc ==
      // SOCKET_ERROR) closesocket(s); … if (rc == SOCKET_ERROR) return …;`) takes the same branch.
      let m: ReadonlyMap<string, readonly Fact[]> = s;
      if (inv.equal === value) {
        const invalid = new Map(s);
        invalid.set(inv.key, [this.fact('invalid', null, this.newObj())]);
        m = invalid;
      }
      return this.assume(m, c, value);
    }
    return this.assume(s, c, value);
  }

  /** `a == b` / `a != b` where both are handles this walk tracks (neither a "no socket" value). */
  private handlePair(n: Node, s: ReadonlyMap<string, readonly Fact[]>): [string, string] | null {
    if (n.type !== 'binary_expression') return null;
    const op = n.childForFieldName('operator');
    const opText = op ? textOf(op, this.src) : '';
    if (opText !== '==' && opText !== '!=') return null;
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    const a = left ? keyOf(stripParens(left), this.src) : null;
    const b = right ? keyOf(stripParens(right), this.src) : null;
    if (!a || !b || a === b) return null;
    if (isNoSocketText(a, this.ctx.macros, true) || isNoSocketText(b, this.ctx.macros, true)) return null;
    const fa = s.get(a);
    const fb = s.get(b);
    if (!fa || !fb) return null;
    const socketish = (fs: readonly Fact[]): boolean => fs.some((f) => !!f.createdBy || (f.st !== 'unknown' && f.st !== 'invalid'));
    return socketish(fa) || socketish(fb) ? [a, b] : null;
  }

  /** `k == INVALID_SOCKET`, `k != INVALID_SOCKET`, `k < 0` (and the reverse operand order). */
  private invalidTest(n: Node): { key: string; equal: boolean } | null {
    if (n.type !== 'binary_expression') return null;
    const op = n.childForFieldName('operator');
    const opText = op ? textOf(op, this.src) : '';
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right) return null;
    const lt = textOf(stripParens(left), this.src).replace(/\s+/g, '');
    const rt = textOf(stripParens(right), this.src).replace(/\s+/g, '');
    // INVALID_SOCKET and the project spellings of it (SOCK_INVALID, a macro for it, a cast of -1).
    const bad = { test: (t: string): boolean => isNoSocketText(t, this.ctx.macros, false) };
    // `(s = socket(…)) == INVALID_SOCKET` tests what was just assigned.
    const target = (x: Node): string | null => {
      const y = stripParens(x);
      return y.type === 'assignment_expression' ? keyOf(y.childForFieldName('left'), this.src) : keyOf(y, this.src);
    };
    if (opText === '==' || opText === '!=') {
      const [k, other] = bad.test(rt) ? [target(left), rt] : bad.test(lt) ? [target(right), lt] : [null, ''];
      if (!k || !other) return null;
      return { key: k, equal: opText === '==' };
    }
    if (opText === '<' || opText === '<=' || opText === '>' || opText === '>=') {
      // `s < 0` / `0 > s` / `s <= -1`: no socket; `s >= 0` / `0 <= s` / `s > -1`: a socket.
      const num = /^-?\d+$/;
      const flip: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };
      const [kn, c, o] = num.test(rt) ? [left, Number(rt), opText] : num.test(lt) ? [right, Number(lt), flip[opText]!] : [null, 0, ''];
      const k = kn ? target(kn) : null;
      if (!k) return null;
      if ((o === '<' && c === 0) || (o === '<=' && c === -1)) return { key: k, equal: true };
      if ((o === '>=' && c === 0) || (o === '>' && c === -1)) return { key: k, equal: false };
    }
    return null;
  }

  private assume(s: ReadonlyMap<string, readonly Fact[]>, c: { base: string; positive: boolean }, branch: boolean): State {
    const want = branch ? c.positive : !c.positive; // the value `base` has on this branch
    let ids: string[] | undefined;
    const out = new Map<string, readonly Fact[]>();
    for (const [k, facts] of s) {
      let changed = false;
      const kept: Fact[] = [];
      for (const f of facts) {
        if (!f.at && !f.createdBy) {
          kept.push(f);
          continue;
        }
        const known = f.conds?.get(c.base);
        if (known === true || known === false) {
          if (known !== want) {
            changed = true;
            continue; // this path contradicts itself
          }
          kept.push(f);
          continue;
        }
        if (f.prev !== undefined && f.atText === c.base) {
          // The branch tests the result of the very call that made this fact: on its failure
          // branch the call changed nothing. The path remembers the test, so that a second test
          // of the same result (`if (rc == SOCKET_ERROR) closesocket(s); if (rc == SOCKET_ERROR)
          // return …;`) follows the same branch.
          const failed = f.failTruthy === want;
          if (failed) {
            const conds = new Map(f.conds ?? []);
            conds.set(c.base, want);
            kept.push({ ...f.prev, revertedFrom: f.at, conds });
            changed = true;
            continue;
          }
        }
        ids ??= identifiers(c.base);
        const unsure = f.unsure || (f.conds !== null && ids.some((id) => f.conds!.get(id) === '?'));
        if (f.conds && f.conds.size >= MAX_CONDS) {
          // Enough is known on this path; a long else-if chain must not make every fact longer.
          if (unsure !== f.unsure) {
            kept.push({ ...f, unsure });
            changed = true;
          } else kept.push(f);
          continue;
        }
        const conds = new Map(f.conds ?? []);
        conds.set(c.base, want);
        kept.push({ ...f, conds, unsure });
        changed = true;
      }
      if (kept.length === 0) return null;
      out.set(k, changed ? kept : facts);
    }
    return out;
  }

  private exitThroughFinally(s: State, at: Node): void {
    let cur = s;
    for (let i = this.finallies.length - 1; i >= 0 && cur; i--) {
      const fin = this.finallies[i]!;
      const saved = this.finallies.splice(i);
      cur = this.stmt(fin, cur);
      this.finallies.push(...saved);
    }
    if (cur) this.checkExit(cur, at);
  }

  // ---- expressions -------------------------------------------------------------------------

  private expression(n: Node, s: State): State {
    if (!s) return null;
    if (this.canSkip(n, s)) return s;
    switch (n.type) {
      case 'call_expression':
        return this.call(n, s);
      case 'assignment_expression': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        let cur = right ? this.expr(right, s) : s;
        if (left && left.type !== 'identifier' && left.type !== 'field_expression') cur = this.expr(left, cur);
        if (!cur || !left) return cur;
        const op = this.src.slice(left.endIndex, right?.startIndex ?? left.endIndex).trim();
        const k = keyOf(left, this.src);
        if (op !== '=') return k ? this.noteFlag(cur, k, '?') : cur;
        if (k) return this.assign(cur, k, right, n);
        // Stored into something we do not track (an array element, a call result): it escapes.
        const rk = right ? keyOf(stripParens(right), this.src) : null;
        return rk ? this.escape(cur, rk) : cur;
      }
      case 'update_expression': {
        const a = n.childForFieldName('argument');
        const k = a ? keyOf(a, this.src) : null;
        return k ? this.noteFlag(s, k, '?') : s;
      }
      case 'binary_expression': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        const op = n.childForFieldName('operator');
        const opText = op ? textOf(op, this.src) : '';
        const afterLeft = left ? this.expr(left, s) : s;
        if (opText === '&&' || opText === '||') {
          if (!right || !afterLeft) return afterLeft;
          // The right side runs on some paths only.
          return this.join(afterLeft, this.expr(right, afterLeft));
        }
        return right ? this.expr(right, afterLeft) : afterLeft;
      }
      case 'conditional_expression': {
        const cond = n.childForFieldName('condition');
        const cons = n.childForFieldName('consequence');
        const alt = n.childForFieldName('alternative');
        const [t, f] = cond ? this.branch(cond, s) : [s, s];
        return this.join(cons ? this.expr(cons, t) : t, alt ? this.expr(alt, f) : f);
      }
      case 'new_expression': {
        // `new Conn(s)` / `new Conn{s}`: the object made keeps the socket (and its owner closes it).
        const made = n.childForFieldName('arguments');
        let cur: State = s;
        for (const c of made?.namedChildren ?? []) {
          if (!c || !cur) continue;
          cur = this.expr(c, cur);
          const k = cur ? keyOf(stripParens(c), this.src) : null;
          if (k && cur) cur = this.escape(cur, k, 2);
        }
        return cur;
      }
      case 'lambda_expression': {
        this.lambdas.push(n);
        // Sockets the lambda mentions may be used or closed whenever it runs: they escape.
        const body = n.childForFieldName('body');
        if (!body) return s;
        const t = textOf(body, this.src);
        let cur: State = s;
        for (const k of s.keys()) if (k !== WSA && new RegExp(`\\b${escapeRegExp(rootOf(k))}\\b`).test(t)) cur = cur ? this.escape(cur, k) : cur;
        return cur;
      }
      case 'unary_expression':
      case 'parenthesized_expression': {
        // `!!!…(((x)))`: the operators change nothing tracked; walk what is inside, in a loop.
        const base = this.stack.length;
        let inner: Node | null = n.type === 'unary_expression' ? n.childForFieldName('argument') : n.namedChild(0);
        while (inner && (inner.type === 'unary_expression' || inner.type === 'parenthesized_expression')) {
          this.budget.tick('analysis');
          this.stack.push(inner); // ancestors for the parent search, not levels of recursion
          inner = inner.type === 'unary_expression' ? inner.childForFieldName('argument') : inner.namedChild(0);
        }
        try {
          return inner ? this.expr(inner, s) : s;
        } finally {
          this.stack.length = base;
        }
      }
      case 'identifier':
      case 'number_literal':
      case 'string_literal':
      case 'char_literal':
      case 'field_expression':
      case 'null':
      case 'true':
      case 'false':
      case 'comment':
      case 'sizeof_expression':
        return s;
      default: {
        let cur: State = s;
        for (const c of n.namedChildren) if (c && cur) cur = this.expr(c, cur);
        return cur;
      }
    }
  }

  /**
   * An expression that cannot change anything the rules track: no assignment, no increment, no
   * Winsock name, no tracked socket, no helper of this file that touches sockets, and (unless the
   * library state is already unknown) no call at all. Skipping it saves walking its nodes.
   */
  private canSkip(n: Node, s: ReadonlyMap<string, readonly Fact[]>): boolean {
    const t = this.src.slice(n.startIndex, n.endIndex);
    if (t.length > 2000) return false;
    if (/[=?]|\+\+|--|\[\]/.test(t.replace(/[=!<>]=/g, ''))) return false;
    if (this.ctx.relevant.test(t)) return false;
    if (t.includes('(') && this.ctx.noreturnRe.test(t)) return false;
    if (t.includes('(')) {
      const wsa = s.get(WSA);
      if (!wsa || wsa.some((f) => f.st !== 'unknown')) return false;
      if (this.ctx.touchedRe && this.ctx.touchedRe.test(t)) return false;
    }
    for (const k of s.keys()) {
      if (k === WSA) continue;
      const r = rootOf(k);
      const i = t.indexOf(r);
      if (i !== -1 && !/\w/.test(t[i - 1] ?? ' ') && !/\w/.test(t[i + r.length] ?? ' ')) return false;
      if (i !== -1 && new RegExp(`\\b${escapeRegExp(r)}\\b`).test(t)) return false;
    }
    return true;
  }

  /** `key = value` (value null: declared without a value, or a value we cannot read). */
  private assign(s: ReadonlyMap<string, readonly Fact[]>, key: string, value: Node | null, at: Node): State {
    let cur: ReadonlyMap<string, readonly Fact[]> = s;
    const v = value ? stripParens(value) : null;
    const vText = v ? textOf(v, this.src).replace(/\s+/g, '') : '';
    // Overwriting the only copy of a disconnected, unclosed handle leaks it.
    const old = cur.get(key);
    if (old && !this.params.has(key)) this.checkOverwrite(cur, key, old, at);
    let facts: Fact[];
    if (v && v.type === 'call_expression') {
      const wc = winsockCall(v, this.ctx);
      const e = wc?.entry;
      if (e && (hasRole(e, 'create') || hasRole(e, 'accept')) && e.returns.convention === 'socket-or-invalid-socket') {
        let kind: Kind;
        const a = args(v);
        if (hasRole(e, 'create')) kind = socketKindFromArgs(e, a, this.src);
        else if (e.socketParam !== undefined) kind = this.kindOf(cur, keyOf(a[e.socketParam] ?? null, this.src));
        const obj = this.newObj();
        const paths = cur.get(FLAGS) ?? [];
        facts = dedupe((paths.length > 0 ? paths : [null]).map((p) => this.fact('live', null, obj, { kind, createdBy: v, conds: p?.conds ? new Map(p.conds) : null })));
      } else facts = [this.fact('unknown', null, this.newObj())];
    } else if (v && (NO_SOCKET.test(vText) || isNoSocketText(vText, this.ctx.macros, true))) {
      facts = [this.fact('invalid', null, this.newObj())];
    } else {
      const rk0 = v ? keyOf(v, this.src) : null;
      // A macro constant (`a = NET_UNSET; b = NET_UNSET;`) is a value, not a variable both alias.
      const rk = rk0 && /^[A-Z_][A-Z0-9_]*$/.test(rk0) && !cur.has(rk0) && !this.locals.has(rk0) && !this.params.has(rk0) ? null : rk0;
      if (rk0 && !rk) {
        facts = [this.fact('unknown', null, this.newObj())];
      } else if (rk && rk !== key) {
        facts = [...this.get(cur, rk)];
        if (!cur.has(rk)) {
          // Make the source a tracked key too, so both names follow the same socket.
          const m = new Map(cur);
          m.set(rk, facts);
          cur = m;
        }
        // Stored outside the function: the obligation to close goes with it.
        if (!this.isLocalKey(key)) {
          const m = new Map(cur);
          m.set(rk, facts);
          cur = this.escape(m, rk) ?? m;
          facts = [...this.get(cur, rk)];
        }
      } else {
        // A value read from somewhere else (`g_clients[i]`, `*pp`): that place still holds the socket.
        facts = [this.fact(v ? 'unknown' : 'invalid', null, this.newObj(), { esc: v ? 2 : 0 })];
      }
    }
    const out = new Map(cur);
    out.set(key, facts);
    // Keys that hang off this one (`key.s`, `key->s`) now name something else.
    for (const k of cur.keys()) if (k.startsWith(key + '.') || k.startsWith(key + '->')) out.delete(k);
    return this.noteFlag(out, key, value ? constTruth(textOf(value, this.src)) : '?');
  }

  private newObj(): number {
    return 0x40000000 + this.objCounter++;
  }

  private isLocalKey(key: string): boolean {
    return this.locals.has(key) && !this.params.has(key);
  }

  /** Records a flag's value on every event fact (for pruning contradictory paths later). */
  private noteFlag(s: ReadonlyMap<string, readonly Fact[]>, key: string, val: CondVal): ReadonlyMap<string, readonly Fact[]> {
    let out: Map<string, readonly Fact[]> | null = null;
    const base = key.replace(/^this->/, '');
    for (const [k, facts] of s) {
      if (k === key) continue;
      let changed = false;
      const next = facts.map((f) => {
        if (!f.at && !f.createdBy) return f;
        const conds = new Map(f.conds ?? []);
        // A constant is remembered; any other value just forgets what was known of the variable.
        if (val === '?') {
          if (!conds.has(base)) return f;
          conds.delete(base);
        } else conds.set(base, val);
        for (const c of [...conds.keys()]) if (c !== base && identifiers(c).includes(base)) conds.delete(c);
        changed = true;
        return { ...f, conds };
      });
      if (changed) (out ??= new Map(s)).set(k, next);
    }
    return out ?? s;
  }

  private escape(s: ReadonlyMap<string, readonly Fact[]>, key: string, how: 1 | 2 = 2): State {
    const objs = new Set(this.get(s, key).map((f) => f.obj));
    return this.mapObjs(s, key, objs, (f) => (f.esc >= how ? f : { ...f, esc: how }));
  }

  /** Applies `tx` to every fact of `key` and to the facts of its aliases (same object). */
  private mapObjs(s: ReadonlyMap<string, readonly Fact[]>, key: string, objs: ReadonlySet<number>, tx: (f: Fact) => Fact): Map<string, readonly Fact[]> {
    const out = new Map(s);
    out.set(key, dedupe(this.get(s, key).map(tx)));
    for (const [k, facts] of s) {
      if (k === key || k === WSA) continue;
      if (!facts.some((f) => objs.has(f.obj))) continue;
      out.set(k, dedupe(facts.map((f) => (objs.has(f.obj) ? tx(f) : f))));
    }
    return out;
  }

  private kindOf(s: ReadonlyMap<string, readonly Fact[]>, key: string | null): Kind {
    if (!key) return undefined;
    const facts = this.get(s, key);
    let kind: Kind | 'mixed' | null = null;
    for (const f of facts) {
      let k: Kind | 'mixed' = f.kind;
      if (k === undefined) k = this.fileKind(key);
      if (kind === null) kind = k;
      else if (kind !== k) return undefined;
    }
    return kind === 'mixed' || kind === null ? undefined : kind;
  }

  private fileKind(key: string): Kind | 'mixed' {
    const k = this.ctx.kinds.get(key);
    if (k !== undefined) return k;
    const field = /(?:\.|->)(\w+)$/.exec(key)?.[1] ?? (this.locals.has(key) || this.params.has(key) ? undefined : key);
    return field ? this.ctx.kinds.get('#field:' + field) ?? this.ctx.kinds.get(field) : undefined;
  }

  // ---- calls -------------------------------------------------------------------------------

  private call(n: Node, s0: ReadonlyMap<string, readonly Fact[]>): State {
    // Arguments first (nested calls run before this one).
    let s: State = s0;
    const fnNode = n.childForFieldName('function');
    if (fnNode && fnNode.type === 'field_expression') {
      const obj = fnNode.childForFieldName('argument');
      if (obj && obj.type !== 'identifier' && obj.type !== 'this' && obj.type !== 'field_expression') s = this.expr(obj, s);
    }
    const a = args(n);
    for (const x of a) if (s) s = this.expr(x, s);
    if (!s) return null;
    const callee = calleeOf(n, this.src);
    if (!callee) return this.unknownCall(n, s, null, a);
    if (!callee.member && this.ctx.noreturn.has(callee.name)) return null;
    const wc = winsockCall(n, this.ctx);
    if (!wc) return this.unknownCall(n, s, callee, a);
    return this.winsock(n, s, wc, a);
  }

  private unknownCall(n: Node, s: ReadonlyMap<string, readonly Fact[]>, callee: Callee | null, a: Node[]): State {
    let cur: ReadonlyMap<string, readonly Fact[]> = s;
    // Sockets passed by value may be kept or closed by the callee; by address, replaced too.
    for (const x of a) {
      const inner = stripParens(x);
      if (inner.type === 'pointer_expression' && textOf(inner, this.src).trimStart().startsWith('&')) {
        const k = keyOf(inner.childForFieldName('argument'), this.src);
        if (k && cur.has(k)) {
          const m = new Map(cur);
          m.set(k, [this.fact('unknown', null, this.newObj(), { esc: 2 })]);
          cur = m;
        }
        continue;
      }
      const k = keyOf(inner, this.src);
      if (k) {
        for (const key of [...cur.keys()]) if (key === k || key.startsWith(k + '.') || key.startsWith(k + '->')) cur = this.escape(cur, key, 1) ?? cur;
      }
    }
    if (callee) {
      // A member call on an object may change the sockets it holds.
      if (callee.member && callee.objectKey && callee.objectKey !== 'this') {
        for (const key of [...cur.keys()]) if (key.startsWith(callee.objectKey + '.') || key.startsWith(callee.objectKey + '->')) cur = this.reset(cur, key);
      }
      // A function of this file that touches our sockets or WSAStartup/WSACleanup: its effect is unknown.
      const touched = this.ctx.touched.get(callee.name);
      if (touched) for (const k of touched) if (cur.has(k) && !this.isLocalKey(k)) cur = this.reset(cur, k);
      if (!HARMLESS.test(callee.name) && (!touched || touched.has(WSA)) && !(this.ctx.touched.has(callee.name) && !touched?.has(WSA))) {
        const m = new Map(cur);
        m.set(WSA, [this.fact('unknown', null, 0)]);
        cur = m;
      }
    } else {
      const m = new Map(cur);
      m.set(WSA, [this.fact('unknown', null, 0)]);
      cur = m;
    }
    void n;
    return cur;
  }

  private reset(s: ReadonlyMap<string, readonly Fact[]>, key: string): ReadonlyMap<string, readonly Fact[]> {
    const m = new Map(s);
    m.set(key, [this.fact('unknown', null, this.newObj(), { esc: 2 })]);
    return m;
  }

  private winsock(n: Node, s: ReadonlyMap<string, readonly Fact[]>, wc: WinsockCall, a: Node[]): State {
    const e = wc.entry;
    let cur: ReadonlyMap<string, readonly Fact[]> = s;
    if (wc.shutsDown) {
      // A shutdown wrapper: the state changes as the shutdown inside it changes it; the rules
      // speak at the calls after it (a send after `finish(s)`), not at the wrapper's call.
      const k = keyOf(a[0] ?? null, this.src);
      const update = k ? this.transition(n, null, wc, a) : null;
      return k && update ? this.mapObjs(cur, k, new Set(this.get(cur, k).map((f) => f.obj)), update) : cur;
    }
    if (e && hasRole(e, 'startup')) return this.setWsa(cur, 'wsa-on', n);
    if (e && hasRole(e, 'cleanup')) return this.setWsa(cur, 'wsa-off', n);
    // not-initialized: the call needs WSAStartup (the model's state machine says so) and no path
    // here has it in effect, or one names the WSAStartup it skips.
    checkNotInitialized(n, calleeOf(n, this.src)?.name ?? 'call', e, this.get(cur, WSA), (x) => this.earlier(x), this);
    if (e && e.socketParam === undefined && !hasRole(e, 'create')) {
      this.resultChecks(this.callSite(n, e, a, null));
      return cur;
    }
    const sockIndex = wc.close ? (e?.socketParam ?? 0) : e?.socketParam;
    if (sockIndex === undefined) return cur;
    const sockArg = a[sockIndex];
    const key = sockArg ? keyOf(sockArg, this.src) : null;
    if (e) this.resultChecks(this.callSite(n, e, a, key));
    if (this.isApc && e) checkBlockingCallInApc(this.callSite(n, e, a, key), this.isApc, this);
    if (!key || !sockArg) return cur;
    const facts = this.get(cur, key);
    const label = textOf(sockArg, this.src);

    const view = this.socketCall(n, e, wc, a, label, facts, cur, key);
    let callFails = false;
    if (!checkUseAfterClosesocket(view, this) && e) {
      checkSendAfterDisconnect(view, this);
      checkReuseAfterDisconnect(view, this);
      callFails = this.checkDisconnect(view, n, facts, label, e, key);
    }
    if (wc.close) this.checkLingerAtClose(n, facts, key, label);

    // State update.
    const objs = new Set(facts.map((f) => f.obj));
    // A call that is sure to fail (disconnect data on TCP: WSAENOPROTOOPT) changes nothing.
    const update = callFails ? null : this.transition(n, e, wc, a);
    if (update) {
      cur = this.mapObjs(cur, key, objs, update);
    } else {
      // Any other call on the socket ends a pending linger observation.
      if (facts.some((f) => f.linger)) cur = this.mapObjs(cur, key, objs, (f) => (f.linger ? { ...f, linger: null } : f));
    }
    // Other SOCKET parameters that the call readies (AcceptEx's accept socket).
    if (e && hasRole(e, 'accept')) {
      for (const i of paramsOfType(e, /^SOCKET$/)) {
        if (i === e.socketParam) continue;
        const k2 = keyOf(a[i] ?? null, this.src);
        if (!k2) continue;
        const o2 = new Set(this.get(cur, k2).map((f) => f.obj));
        cur = this.mapObjs(cur, k2, o2, (f) => (f.st === 'closed' ? f : { ...f, st: 'live', at: n, linger: null, sendShutBy: null }));
      }
    }
    return cur;
  }

  private setWsa(s: ReadonlyMap<string, readonly Fact[]>, st: St, at: Node): State {
    const m = new Map(s);
    m.set(WSA, [this.fact(st, at, 0, { conds: this.guardConds(at) })]);
    return m;
  }

  /** What is known at an event: the enclosing branch conditions and the flags its block sets. */
  private guardConds(at?: Node): Map<string, CondVal> | null {
    const flags = at ? this.blockFlags(at) : null;
    if (this.guards.length === 0 && !flags) return null;
    const m = new Map<string, CondVal>();
    for (let i = Math.max(0, this.guards.length - MAX_CONDS); i < this.guards.length; i++) m.set(this.guards[i]!.base, this.guards[i]!.value);
    if (flags) for (const [k, v] of flags) m.set(k, v);
    return m;
  }

  private readonly flagCache = new Map<number, Map<string, CondVal> | null>();

  /** Flags given a constant value anywhere in the block around `at` (`m_closing = true; shutdown(…)`). */
  private blockFlags(at: Node): Map<string, CondVal> | null {
    // Up to the block holding the statement of `at`; a call in the body of an unbraced `if`/loop
    // has no block of its own (walking on made every call of an else-if chain climb the whole chain).
    let prev: Node = at;
    let block: Node | null = this.pf.parentOf(at);
    while (block && block.type !== 'compound_statement') {
      this.budget.tick('analysis');
      if (block.type !== 'expression_statement' && (block.type.endsWith('_statement') || block.type === 'else_clause') && (prev.type.endsWith('statement') || prev.type === 'else_clause')) return null;
      prev = block;
      block = this.pf.parentOf(block);
    }
    if (!block) return null;
    if (this.flagCache.has(block.id)) return this.flagCache.get(block.id)!;
    let m: Map<string, CondVal> | null = null;
    for (const st of block.namedChildren) {
      if (st?.type !== 'expression_statement') continue;
      const e = st.namedChild(0);
      if (e?.type !== 'assignment_expression') continue;
      const left = e.childForFieldName('left');
      const right = e.childForFieldName('right');
      const k = left ? keyOf(left, this.src) : null;
      if (!k || !right || this.src.slice(left!.endIndex, right.startIndex).trim() !== '=') continue;
      // A constant is a known value; a state name (`m_state = CLOSING`) makes tests of the variable
      // uncertain; a computed value (`n = recv(…)`) is data, not a flag.
      const rt = textOf(right, this.src);
      if (rt.includes('(') && constTruth(rt) === '?') continue;
      (m ??= new Map()).set(k.replace(/^this->/, ''), constTruth(rt));
    }
    this.flagCache.set(block.id, m);
    return m;
  }

  /** How a Winsock call changes its socket's facts, or null for no change. */
  private transition(n: Node, e: FunctionEntry | null, wc: WinsockCall, a: Node[]): ((f: Fact) => Fact) | null {
    // What a later test of this call's result names: the call itself, or the variable that holds
    // its result (`r = closesocket(s); if (r != 0) …` tests the close).
    const atText = keyOf(assignedTo(n, this.pf), this.src) ?? textOf(n, this.src).replace(/\s+/g, '');
    const failTruthy = e?.returns.convention === 'bool' ? false : true;
    const event = (st: St, extra?: Partial<Fact>) => (f: Fact): Fact =>
      f.st === 'closed' ? f : { ...f, st, at: n, conds: this.guardConds(n), unsure: false, linger: null, prev: stripPrev(f), atText, failTruthy, revertedFrom: null, esc: f.esc === 1 ? 0 : f.esc, ...extra };
    if (wc.close) {
      const resultUsed = this.pf.parentOf(n)?.type !== 'expression_statement';
      const st: St = resultUsed && this.retriesClose ? 'closed-maybe' : 'closed';
      return (f) => ({ ...f, st, at: n, conds: this.guardConds(n), unsure: !!f.paired, linger: null, prev: stripPrev(f), atText, failTruthy, revertedFrom: null });
    }
    // Shutdowns and disconnects: where the model's transition table leads on success.
    const shutting = wc.shutsDown ? SHUTDOWN() : e && isDisconnect(e) ? e : null;
    if (shutting) {
      const callArgs = wc.shutsDown ? { how: wc.shutsDown } : this.modelArgs(shutting, a);
      return (f) => {
        const next = nextOnSuccess(shutting, f, callArgs);
        if (next === 'unsure') return { ...f, unsure: true };
        if (next === null) return f;
        const sendOff = SEND_OFF.has(next) && !SEND_OFF.has(f.st);
        return event(next, { sendShutBy: next === 'disconnected' || next === 'reusable' ? null : sendOff ? n : (f.sendShutBy ?? null) })(f);
      };
    }
    if (!e) return null;
    if (hasRole(e, 'connect')) return (f) => (f.st === 'closed' || SHUT.has(f.st) ? f : { ...f, st: 'live', linger: null });
    if (hasRole(e, 'option')) {
      const optIdx = paramIndex(e, /^optname$/);
      const opt = optIdx >= 0 && a[optIdx] ? textOf(a[optIdx], this.src).trim() : '';
      if ((opt === 'SO_LINGER' || opt === 'SO_DONTLINGER') && /setsockopt/i.test(e.name))
        return (f) => ({ ...f, linger: { node: n, opt }, lingerSet: f.lingerSet || opt === 'SO_LINGER' });
      return (f) => (f.linger ? { ...f, linger: null } : f);
    }
    return (f) => (f.linger ? { ...f, linger: null } : f);
  }

  /** A call's arguments as the model reads them: constants by value, the rest as their text. */
  private modelArgs(e: FunctionEntry, a: readonly Node[]): CallArgs {
    const out: Record<string, string | number> = {};
    e.params.forEach((p, i) => {
      const arg = a[i];
      if (arg) out[p.name] = this.numeric(arg) ?? textOf(arg, this.src);
    });
    return out;
  }

  /** The value of a constant argument: a number, a model constant, or an OR of them. */
  private numeric(n: Node | undefined): number | undefined {
    if (!n) return undefined;
    const raw = textOf(n, this.src);
    // A project's own name for a direction or a flag (`#define NET_SHUT_WR SD_SEND`).
    return numericText(raw) ?? numericText(expandObjects(raw, this.ctx.macros));
  }

  // ---- rules at a call ---------------------------------------------------------------------

  private argTexts(call: Node): string[] {
    return args(call).map((x) => textOf(x, this.src));
  }

  /** What a shutdown or disconnect call turns off: the direction its `how` names, or its roles. */
  private stops(e: FunctionEntry | null, a: readonly Node[]): Stops {
    if (!e) return null;
    const howIdx = paramIndex(e, /^how$/);
    if (howIdx >= 0) {
      const how = this.numeric(a[howIdx]);
      if (how !== undefined && (how === constantValue('SD_SEND') || how === constantValue('SD_BOTH'))) return 'send';
    } else if (hasRole(e, 'disconnect') && !hasRole(e, 'send')) return 'disconnect';
    else if (hasRole(e, 'disconnect-send')) return 'send';
    return hasRole(e, 'disconnect-receive') ? 'receive' : null;
  }

  private resultChecks(c: CallSite): void {
    checkUncheckedResult(c, this);
    checkWrongSentinel(c, this);
  }

  /** A call as the rules read it: plain spans and texts. */
  private callSite(n: Node, e: FunctionEntry | null, a: readonly Node[], key: string | null): CallSite {
    let use: ResultUse | undefined;
    return {
      at: n,
      fn: e,
      name: e?.name ?? calleeOf(n, this.src)?.name ?? 'call',
      text: callLabel(n, this.src),
      source: textOf(n, this.src),
      key,
      arg: (i) => a[i] ?? null,
      argText: (i) => (a[i] ? textOf(a[i]!, this.src) : ''),
      argIsNull: (i) => !a[i] || NULLISH.test(textOf(a[i]!, this.src).replace(/\s+/g, '')),
      earlier: (x) => this.earlier(x),
      edit: (x, text) => this.edit(x.startIndex, x.endIndex, text),
      resultUse: () => (use ??= this.resultUse(n)),
    };
  }

  /** The call as the call-site rules read it: its socket's solved states and a few lazy facts. */
  private socketCall(n: Node, e: FunctionEntry | null, wc: WinsockCall, a: Node[], label: string, facts: readonly Fact[], s: ReadonlyMap<string, readonly Fact[]>, key: string): SocketCall {
    const walk = this;
    let kind: Kind | null | undefined;
    return {
      ...this.callSite(n, e, a, key),
      label,
      closes: wc.close,
      facts,
      get kind() {
        if (kind === undefined) kind = walk.kindOf(s, key) ?? null;
        return kind ?? undefined;
      },
      stops: this.stops(e, a),
      takesDirection: !!e && paramIndex(e, /^how$/) >= 0,
      fileChecksDisconnectData: this.ctx.mentionsDisconnectData,
      argIsOwnBuffer: (i) => !!a[i] && this.definitelyBuffer(a[i]!),
      shutsSendingLater: () => this.laterSendDisconnect(label, n.endIndex),
      predicted: (state, k) => (e ? describeError(predictedError(e, state, this.argTexts(n), k)) : undefined),
      swapFixes: () => this.swapFixes(n),
    };
  }

  /** Returns true when the call is sure to fail. */
  private checkDisconnect(c: SocketCall, n: Node, facts: readonly Fact[], label: string, e: FunctionEntry, key: string): boolean {
    if (c.stops === null) return false;
    checkRepeatedDisconnect(c, this);
    checkDisconnectOnConnectionless(c, this);
    const fails = checkDisconnectDataOnTcp(c, this);

    // linger-has-no-effect (the setsockopt right before a disconnect on the same socket)
    if (c.stops !== 'disconnect' || hasRole(e, 'disconnect-receive')) {
      const j = facts.length > 0 && facts.every((f) => f.linger && !f.unsure) ? facts[0] : undefined;
      if (j?.linger) this.lingerCandidates.push({ key, set: j.linger.node, disc: n, opt: j.linger.opt, label });
    }
    return fails;
  }

  private definitelyBuffer(buf: Node): boolean {
    const b = stripParens(buf);
    const t = textOf(b, this.src).replace(/\s+/g, '');
    if (NULLISH.test(t)) return false;
    if (b.type === 'pointer_expression' && t.startsWith('&')) {
      const k = keyOf(b.childForFieldName('argument'), this.src);
      // &param->buf forwards the caller's data: not ours to judge.
      return !(k && this.params.has(rootOf(k)));
    }
    if (b.type === 'identifier') {
      const name = t;
      if (this.params.has(name)) return false; // forwarded from the caller
      // A local WSABUF (or array of them) decays to a non-NULL pointer.
      const re = new RegExp(`\\bWSABUF\\s+(?:[\\w\\s,*\\[\\]=]*?,\\s*)?${escapeRegExp(name)}\\s*[\\[;=,{]`);
      return re.test(this.fnText);
    }
    return false;
  }

  private checkLingerAtClose(n: Node, facts: readonly Fact[], key: string, label: string): void {
    // SO_DONTLINGER right before the close on some path, not undoing an SO_LINGER of that path.
    const w = facts.find((f) => f.linger && f.linger.opt === 'SO_DONTLINGER' && !f.unsure && !f.lingerSet);
    if (!w?.linger) return;
    const set = w.linger.node;
    // Undoing an SO_LINGER set before this function ran (a parameter's socket) cannot be seen: only
    // report when the option is set in this function with a constant TRUE-like value.
    const m = lingerHasNoEffect.messages;
    this.report('linger-has-no-effect', 'warning', set, m.dontLingerAtClose(label, line1(n, this.ctx.lines)), n, m.closeMeant, []);
    void key;
  }

  private reportLinger(c: { key: string; set: Node; disc: Node; opt: string; label: string }): void {
    // If the socket is closed later in this function, the option does act (on closesocket).
    const after = this.src.slice(c.disc.endIndex, this.body?.endIndex ?? c.disc.endIndex);
    for (const name of this.ctx.closeNames) {
      if (new RegExp(`\\b${escapeRegExp(name)}\\s*\\(\\s*${escapeRegExp(c.label)}\\s*\\)`).test(after)) return;
    }
    const fname = calleeOf(c.disc, this.src)?.name ?? 'the disconnect';
    const m = lingerHasNoEffect.messages;
    this.report('linger-has-no-effect', 'warning', c.set, m.beforeDisconnect(c.opt, c.label, fname, line1(c.disc, this.ctx.lines)), c.disc, m.callMeant, []);
  }


  // ---- checks that look at how a call's result is used ------------------------------------

  /** What the code does with the result of call `n`, for the rules that read it. */
  private resultUse(n: Node): ResultUse {
    const { parent: p, inner } = climbWrappers(n, this.pf, isParen);
    if (!p) return { kind: 'other' };
    if (p.type === 'expression_statement') {
      return { kind: 'ignored', statement: p, after: this.src.slice(p.endIndex, this.body?.endIndex ?? p.endIndex), indent: this.ctx.lines.indentAt(p.startIndex), eol: this.ctx.lines.eol };
    }
    if (p.type === 'binary_expression') {
      const op = p.childForFieldName('operator');
      const opText = op ? textOf(op, this.src) : '';
      const left = p.childForFieldName('left');
      const other = left === null ? null : left.startIndex === inner.startIndex ? p.childForFieldName('right') : left;
      if ((opText !== '==' && opText !== '!=') || !other) return { kind: 'other' };
      return { kind: 'compared', expr: p, op: opText, other: textOf(stripParens(other), this.src).replace(/\s+/g, '') };
    }
    if (p.type === 'unary_expression' && textOf(p, this.src).trimStart().startsWith('!')) {
      const logical = (q: Node): boolean => q.type === 'parenthesized_expression' || (q.type === 'binary_expression' && /^\s*(?:&&|\|\|)\s*$/.test(textOf(q.childForFieldName('operator') ?? q, this.src)));
      let q = climbWrappers(p, this.pf, logical).parent;
      if (q?.type === 'condition_clause') q = this.pf.parentOf(q);
      const cons = q?.type === 'if_statement' ? q.childForFieldName('consequence') : null;
      if (cons) return { kind: 'negated-test', expr: p, branch: textOf(cons, this.src) };
    }
    return { kind: 'other' };
  }

  /** Whether the text between `from` and `to` calls a close function on `key` (fix building only). */
  private closesIn(key: string, from: number, to: number): boolean {
    const names = this.ctx.options.closeFunctions.map(escapeRegExp).join('|') || 'closesocket';
    return new RegExp(`\\b(?:${names})\\s*\\(\\s*${escapeRegExp(key)}\\s*\\)`).test(this.src.slice(from, to));
  }

  /** Whether the function goes on to shut down sending on `label` after `from` (fix building only). */
  private laterSendDisconnect(label: string, from: number): boolean {
    const end = this.body ? this.body.endIndex : this.src.length;
    const s = escapeRegExp(label);
    return new RegExp(`\\b(?:shutdown\\s*\\(\\s*${s}\\s*,\\s*(?:SD_SEND|SD_BOTH|1|2)\\s*\\)|WSASendDisconnect\\s*\\(\\s*${s}\\s*,|DisconnectEx\\s*\\(\\s*${s}\\s*,)`).test(this.src.slice(from, end));
  }

  /** WSASendDisconnect(s, NULL) ⇄ shutdown(s, SD_SEND), offered where such a call is involved. */
  private swapFixes(call: Node): QuickFix[] {
    const c = calleeOf(call, this.src);
    if (!c || c.member) return [];
    const a = args(call);
    const e = winsockFunction(c.name);
    if (!e) return [];
    const s = a[0] ? textOf(a[0], this.src) : '';
    if (hasRole(e, 'disconnect-send') && paramIndex(e, /^how$/) < 0 && a.length === 2 && a[1] && NULLISH.test(textOf(a[1], this.src).replace(/\s+/g, ''))) {
      return [{ title: swapTitles.toShutdown(s), edits: [this.edit(call.startIndex, call.endIndex, `shutdown(${s}, SD_SEND)`)], preferred: false }];
    }
    const howIdx = paramIndex(e, /^how$/);
    if (howIdx >= 0 && a[howIdx] && this.numeric(a[howIdx]) === constantValue('SD_SEND')) {
      return [{ title: swapTitles.toSendDisconnect(s), edits: [this.edit(call.startIndex, call.endIndex, `WSASendDisconnect(${s}, NULL)`)], preferred: false }];
    }
    return [];
  }

  // ---- exits and overwrites ----------------------------------------------------------------

  private checkExit(s: ReadonlyMap<string, readonly Fact[]>, ret: Node | null): void {
    for (const [key, facts] of s) {
      if (key === WSA || !this.isLocalKey(key)) continue;
      const leak = facts.find((f) => this.owesClose(f));
      if (!leak) continue;
      // Another key (a member, a global) holding the same socket keeps it alive.
      if (this.heldElsewhere(s, key, leak.obj)) continue;
      this.reportLeak(key, leak, ret, null);
    }
  }

  private checkOverwrite(s: ReadonlyMap<string, readonly Fact[]>, key: string, facts: readonly Fact[], at: Node): void {
    const leak = facts.find((f) => this.owesClose(f));
    if (!leak) return;
    if (this.heldElsewhere(s, key, leak.obj)) return;
    this.reportLeak(key, leak, null, at);
  }

  /** A disconnect (successful or failed) happened on this path and nothing closed or took the socket since. */
  private owesClose(f: Fact): boolean {
    if (f.esc || f.unsure) return false;
    if (SHUT.has(f.st) && f.at) return true;
    // A socket this function made with socket()/accept() and never closed (not in main: the
    // process ends there and Windows frees it).
    if (f.createdBy && f.st === 'live' && !this.isMain) return true;
    const r = f.revertedFrom;
    return !!r && f.st !== 'closed' && f.st !== 'closed-maybe' && !this.ctx.closeNames.has(calleeOf(r, this.src)?.name ?? '');
  }

  private heldElsewhere(s: ReadonlyMap<string, readonly Fact[]>, key: string, obj: number): boolean {
    for (const [k, facts] of s) if (k !== key && k !== WSA && facts.some((f) => f.obj === obj && f.st !== 'closed')) return true;
    return false;
  }

  private reportLeak(key: string, leak: Fact, ret: Node | null, overwrite: Node | null): void {
    if (!SHUT.has(leak.st) && !leak.revertedFrom && leak.createdBy) {
      this.reportCreatedLeak(key, leak.createdBy, ret, overwrite);
      return;
    }
    const prev = (SHUT.has(leak.st) ? leak.at : leak.revertedFrom) ?? leak.at!;
    const closeName = this.ctx.options.closeFunctions[0] ?? 'closesocket';
    const disc = this.earlier(prev);
    const m = missingClosesocket.messages;
    const closeCall = `${closeName}(${key})`;
    let target: Node;
    let msg: Localized;
    const fixes: QuickFix[] = [];
    const eol = this.ctx.lines.eol;
    if (overwrite) {
      target = overwrite;
      msg = m.disconnectedOverwritten(key, disc, closeName);
      const stmt = enclosingStatement(overwrite, this.pf);
      if (stmt && this.pf.parentOf(stmt)?.type === 'compound_statement') {
        const indent = this.ctx.lines.indentAt(stmt.startIndex);
        const ls = this.ctx.lines.lineStart(this.ctx.lines.pos(stmt.startIndex).line);
        fixes.push({ title: m.insertBefore(closeCall), edits: [this.edit(ls, ls, `${indent}${closeCall};${eol}`)], preferred: true });
      }
    } else if (ret) {
      target = ret;
      msg = m.disconnectedLeaksOnReturn(key, disc, closeName);
      if (this.pf.parentOf(ret)?.type === 'compound_statement') {
        const indent = this.ctx.lines.indentAt(ret.startIndex);
        const ls = this.ctx.lines.lineStart(this.ctx.lines.pos(ret.startIndex).line);
        if (this.src.slice(ls, ret.startIndex).trim() === '') fixes.push({ title: m.insertBeforeReturn(closeCall), edits: [this.edit(ls, ls, `${indent}${closeCall};${eol}`)], preferred: true });
      }
    } else {
      const body = this.body!;
      const close = body.lastChild;
      target = close && close.type === '}' ? close : body;
      msg = m.disconnectedNeverClosed(key, disc, closeName);
      // A close at the end would close twice on the paths that already close it: offer it only
      // when nothing in the function closes this socket.
      if (close && close.type === '}' && !this.closesIn(key, body.startIndex, close.startIndex)) {
        const ls = this.ctx.lines.lineStart(this.ctx.lines.pos(close.startIndex).line);
        if (this.src.slice(ls, close.startIndex).trim() === '') {
          const firstStmt = body.namedChildren.find((c) => c !== null && c.type !== 'comment');
          const indent = firstStmt ? this.ctx.lines.indentAt(firstStmt.startIndex) : this.ctx.lines.indentAt(close.startIndex) + '    ';
          fixes.push({ title: m.insertAtEnd(closeCall), edits: [this.edit(ls, ls, `${indent}${closeCall};${eol}`)], preferred: true });
        }
      }
    }
    this.report('missing-closesocket', 'warning', target, msg, prev, m.disconnectedHere, fixes, `:${key}`);
  }

  private reportCreatedLeak(key: string, made: Node, ret: Node | null, overwrite: Node | null): void {
    const closeName = this.ctx.options.closeFunctions[0] ?? 'closesocket';
    const closeCall = `${closeName}(${key})`;
    const origin = this.earlier(made);
    const m = missingClosesocket.messages;
    const eol = this.ctx.lines.eol;
    const fixes: QuickFix[] = [];
    let target: Node;
    let msg: Localized;
    const insertBefore = (stmt: Node, title: Localized): void => {
      if (this.pf.parentOf(stmt)?.type !== 'compound_statement') return;
      const ls = this.ctx.lines.lineStart(this.ctx.lines.pos(stmt.startIndex).line);
      if (this.src.slice(ls, stmt.startIndex).trim() !== '') return;
      fixes.push({ title, edits: [this.edit(ls, ls, `${this.ctx.lines.indentAt(stmt.startIndex)}${closeCall};${eol}`)], preferred: true });
    };
    if (overwrite) {
      target = overwrite;
      msg = m.madeOverwritten(key, origin, closeName);
      const stmt = enclosingStatement(overwrite, this.pf);
      if (stmt) insertBefore(stmt, m.insertBefore(closeCall));
    } else if (ret) {
      target = ret;
      msg = m.madeLeaksOnReturn(key, origin, closeName);
      insertBefore(ret, m.insertBeforeReturn(closeCall));
    } else {
      const body = this.body!;
      const close = body.lastChild;
      target = close && close.type === '}' ? close : body;
      msg = m.madeNeverClosed(key, origin, closeName);
    }
    this.report('missing-closesocket', 'warning', target, msg, made, m.madeHere, fixes, `:${key}`);
  }

  // ---- output ------------------------------------------------------------------------------

  /** A call as the messages point back to it: its shortened text and its line. */
  private earlier(n: Site): Earlier {
    return { call: callLabel(n, this.src), line: line1(n, this.ctx.lines) };
  }

  private edit(start: number, end: number, text: string): TextEdit {
    return { span: this.ctx.lines.span(start, end), text };
  }

  report(rule: RuleId, severity: Severity, n: Site, message: Localized, relatedNode: Site | null, relatedMsg: Localized | null, fixes: QuickFix[], extra = ''): void {
    const related = relatedNode && relatedMsg ? [{ start: relatedNode.startIndex, end: relatedNode.endIndex, message: relatedMsg }] : [];
    const id = `${rule}@${n.startIndex}-${n.endIndex}${extra}`;
    const prev = this.ctx.findings.get(id);
    // In loops a call is visited more than once; keep the finding with the most certain severity.
    if (prev && rank(prev.severity) > rank(severity)) return;
    this.ctx.findings.set(id, { rule, severity, start: n.startIndex, end: n.endIndex, message, related, fixes });
  }
}

/** The fact before an event, without its own history (one level is enough to undo a failed call). */
/**
 * The "no socket" value spelled the project's way: INVALID_SOCKET, SOCKET_ERROR, -1, ~0, a cast of
 * one of them to any type (`(proj_socket_t)-1`), a macro that stands for one (in the file or a
 * followed header), or, when the macro's definition is not visible, a constant named like one
 * (`PROJ_SOCKET_INVALID`, `CURL_SOCKET_BAD`). `withNull` also accepts NULL / nullptr / 0.
 */
function isNoSocketText(t0: string, macros: FileMacros, withNull: boolean, depth = 0): boolean {
  let t = t0.replace(/\s+/g, '');
  for (let i = 0; i < 8; i++) {
    if (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) {
      t = t.slice(1, -1);
      continue;
    }
    const cast = /^\((?:const)?[A-Za-z_][\w:]*\**\)([-~(A-Za-z_].*|\d.*)$/.exec(t);
    if (cast) {
      t = cast[1]!;
      continue;
    }
    break;
  }
  if (/^(?:INVALID_SOCKET|SOCKET_ERROR|-1[lLuU]*|~0[lLuU]*)$/.test(t)) return true;
  if (withNull && /^(?:NULL|nullptr|0)$/.test(t)) return true;
  if (!/^[A-Za-z_]\w*$/.test(t)) return false;
  if (/^[A-Z0-9_]*INVALID[A-Z0-9_]*$/.test(t)) return true;
  const v = macros.objects.get(t);
  if (v !== undefined && v !== '' && v !== t) return depth < 8 && isNoSocketText(v, macros, withNull, depth + 1);
  return v === undefined && /^[A-Z][A-Z0-9_]*$/.test(t) && /(?:^|_)BAD(?:_|$)/.test(t);
}

/** The value of a constant argument text: a number, a model constant, or an OR of them. */
function numericText(raw: string): number | undefined {
  const t = raw.replace(/[()\s]/g, '');
  let v = 0;
  for (const part of t.split('|')) {
    if (/^(?:0[xX][0-9a-fA-F]+|\d+)[uUlL]*$/.test(part)) v |= Number.parseInt(part, part.startsWith('0x') || part.startsWith('0X') ? 16 : 10);
    else {
      const c = constantValue(part);
      if (c === undefined) return undefined;
      v |= c;
    }
  }
  return v;
}

function stripPrev(f: Fact): Fact {
  if (f.prev === undefined) return f;
  const { prev: _p, atText: _a, failTruthy: _f, ...rest } = f;
  void _p;
  void _a;
  void _f;
  return rest;
}

function rank(s: Severity): number {
  return s === 'error' ? 3 : s === 'warning' ? 2 : s === 'info' ? 1 : 0;
}

/** States in which sending is off. */
const SEND_OFF: ReadonlySet<St> = new Set<St>(['send-shut', 'both-shut', 'disconnected', 'reusable']);
const SUCCESS_PATH = { initialized: true, providerHasDisconnectData: true } as const;
const SHUTDOWN = (): FunctionEntry => winsockFunction('shutdown')!;

/** The calls whose effect on a socket comes from the model's transitions: shutdowns and disconnects. */
function isDisconnect(e: FunctionEntry): boolean {
  return !!e.transitions?.length && (paramIndex(e, /^how$/) >= 0 || hasRole(e, 'disconnect') || hasRole(e, 'disconnect-send') || hasRole(e, 'disconnect-receive'));
}

/**
 * The state after a successful call, as the model's transition table says: null when the call
 * changes nothing on this path (it would fail, or the table leaves it open), 'unsure' when an
 * argument it depends on is not known. A socket of unknown state is taken as connected (a
 * shutdown that succeeds needs a connection); DisconnectEx's end of the connection without
 * TF_REUSE_SOCKET, which the model calls both-shut, is the lint's 'disconnected'.
 */
function nextOnSuccess(e: FunctionEntry, f: Fact, args: CallArgs): St | 'unsure' | null {
  const from = f.st === 'live' || f.st === 'unknown' ? 'connected' : modelState(f.st);
  if (!from || from === 'closed') return null;
  const p = predictCall(e.name, from, args, { ...SUCCESS_PATH, socketType: f.kind === 'datagram' ? 'dgram' : 'stream' });
  if (!p) return null;
  if (p.uncertain) return p.rule === 'unknown-input' ? 'unsure' : null;
  if (!p.ok || p.next === undefined) return null;
  const endsConnection = hasRole(e, 'disconnect'); // DisconnectEx, TransmitFile, TransmitPackets
  if (endsConnection && p.next === from) return null; // no TF_DISCONNECT: a plain send
  if (p.next === 'both-shut' && (endsConnection || f.st === 'disconnected')) return 'disconnected';
  return p.next === 'send-shut' || p.next === 'receive-shut' || p.next === 'both-shut' || p.next === 'reusable' ? p.next : f.st;
}

function enclosingStatement(n: Node, pf: ParentFinder): Node | null {
  let p: Node | null = n;
  while (p && !p.type.endsWith('statement') && p.type !== 'declaration') p = pf.parentOf(p);
  return p;
}

function isAlwaysFalse(cond: Node, src: string): boolean {
  return /^\(?\s*(?:0|false|FALSE)\s*\)?$/.test(src.slice(cond.startIndex, cond.endIndex).trim());
}

function isAlwaysTrue(cond: Node, src: string): boolean {
  return /^\(?\s*(?:1|true|TRUE)\s*\)?$/.test(src.slice(cond.startIndex, cond.endIndex).trim());
}

function hashKey(key: string): number {
  let h = 7;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return (h & 0x3fffffff) >>> 0;
}

/** Facts are never changed once made (a change is a new object): each one's signature is made once. */
const factSigs = new WeakMap<Fact, string>();

function factSig(f: Fact): string {
  let sig = factSigs.get(f);
  if (sig === undefined) factSigs.set(f, (sig = makeFactSig(f)));
  return sig;
}

function makeFactSig(f: Fact): string {
  let c = '';
  if (f.conds) for (const [k, v] of f.conds) c += `${k}=${String(v)};`;
  return `${f.st}|${f.at?.id ?? -1}|${f.obj}|${f.esc}|${f.kind ?? ''}|${f.unsure ? 1 : 0}|${f.sendShutBy?.id ?? -1}|${f.linger?.node.id ?? -1}|${f.createdBy ? 1 : 0}|${f.revertedFrom?.id ?? -1}|${c}`;
}

function dedupe(facts: readonly Fact[]): Fact[] {
  if (facts.length < 2) return [...facts];
  const seen = new Set<string>();
  const out: Fact[] = [];
  for (const f of facts) {
    const s = factSig(f);
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(f);
  }
  return out;
}

function mergeFacts(a: readonly Fact[], b: readonly Fact[]): readonly Fact[] {
  const out = dedupe([...a, ...b]);
  if (out.length <= MAX_FACTS) return out;
  // Too many distinct histories. First fold the facts that differ only in what their paths tested
  // into one each, keeping the conditions they agree on (less pruning, the same states).
  const folded = foldConditions(out);
  if (folded.length <= MAX_FACTS) return folded;
  // Still too many: keep the bad ones (they carry findings), mark them unsure.
  return out.slice(0, MAX_FACTS).map((f) => ({ ...f, unsure: true }));
}

function foldConditions(facts: readonly Fact[]): Fact[] {
  const groups = new Map<string, Fact>();
  for (const f of facts) {
    const sig = makeFactSig({ ...f, conds: null });
    const g = groups.get(sig);
    if (!g) {
      groups.set(sig, f);
      continue;
    }
    let conds: Map<string, CondVal> | null = null;
    if (g.conds && f.conds) {
      for (const [k, v] of g.conds) if (f.conds.get(k) === v) (conds ??= new Map()).set(k, v);
    }
    groups.set(sig, { ...g, conds });
  }
  return [...groups.values()];
}

function sameState(a: State, b: State): boolean {
  if (a === b) return true;
  if (!a || !b || a.size !== b.size) return false;
  for (const [k, fa] of a) {
    const fb = b.get(k);
    if (!fb) return false;
    if (fa === fb) continue;
    if (fa.length !== fb.length) return false;
    const sa = new Set(fa.map(factSig));
    for (const f of fb) if (!sa.has(factSig(f))) return false;
  }
  return true;
}

export { isCallTo as _isCallTo };
