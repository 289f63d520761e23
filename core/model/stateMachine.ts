// The socket state machine: what a Winsock call does to a socket, predicted from the transition
// rows of the function entries (the facts live there, not here). Plain data in, plain data out;
// the lint typestate, the sandbox's "expected" column and the debugger all ask this module.
import type {
  ArgCondition,
  FunctionEntry,
  FunctionRole,
  Localized,
  SocketState,
  Transition,
} from './types';
import { allEntries, lookupErrorByValue, lookupFunction, lookupSymbol } from './registry';

/** What the caller knows beyond the socket's state. */
export interface CallEnv {
  /** A successful WSAStartup is in effect (not undone by the last WSACleanup). */
  readonly initialized: boolean;
  /** The socket's type: `stream` for SOCK_STREAM/SEQPACKET/RDM, `dgram` for SOCK_DGRAM/RAW. */
  readonly socketType: 'stream' | 'dgram' | 'unknown';
  /** The socket's provider sets XP1_DISCONNECT_DATA (the Windows TCP/IP providers do not). */
  readonly providerHasDisconnectData: boolean;
}

/**
 * Arguments by parameter name. A number is a value; a string is C text: `NULL`/`nullptr`, a
 * number literal, a constant of the table, `A | B` of those, `&x` or a string literal (a pointer
 * that is not NULL); anything else (a variable) is unknown. null means a NULL pointer. A
 * parameter left out is unknown.
 */
export type CallArgs = Readonly<Record<string, string | number | null>>;

export interface CallPrediction {
  /** The call succeeds. When `uncertain` is set this makes no claim. */
  readonly ok: boolean;
  /** The WSA error the call fails with (a name of the error table). */
  readonly error?: string;
  /** The socket's state after the call (unchanged on failure); absent when no socket is involved or it cannot be told. */
  readonly next?: SocketState;
  /** Why, in both languages. */
  readonly reason: Localized;
  /** The outcome depends on something unknown (an argument, the socket type) or the documentation leaves it open. */
  readonly uncertain?: boolean;
  /** The state of the new SOCKET the call returns, on success (socket: created, accept: connected). */
  readonly newSocket?: SocketState;
  /** For calls on two sockets (AcceptEx): the states after the call of the other SOCKET parameters, by index. */
  readonly others?: Readonly<Record<number, SocketState>>;
  /** Which rule decided. */
  readonly rule: 'not-initialised' | 'closed-socket' | 'transition' | 'undetermined' | 'unknown-input' | 'no-transition';
}

/** Names of the states for messages. */
export const stateLabels: Readonly<Record<SocketState, Localized>> = {
  created: { en: 'created', ru: 'создан' },
  bound: { en: 'bound', ru: 'привязан' },
  listening: { en: 'listening', ru: 'слушает' },
  connecting: { en: 'connecting', ru: 'подключается' },
  connected: { en: 'connected', ru: 'подключён' },
  'send-shut': { en: 'sending shut down', ru: 'отправка отключена' },
  'receive-shut': { en: 'receiving shut down', ru: 'приём отключён' },
  'both-shut': { en: 'both directions shut down', ru: 'оба направления отключены' },
  reusable: { en: 'reusable (TF_REUSE_SOCKET)', ru: 'готов к повторному использованию (TF_REUSE_SOCKET)' },
  closed: { en: 'closed', ru: 'закрыт' },
};

// ---------------------------------------------------------------------------------------------
// Argument values and the `is` pattern language (see ArgCondition in types.ts).

type Value =
  | { readonly kind: 'number'; readonly value: number } // NULL is the number 0
  | { readonly kind: 'pointer' } // certainly not NULL, value unknown
  | { readonly kind: 'unknown' };

const UNKNOWN: Value = { kind: 'unknown' };

function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(/[uUlL]+$/, '');
  if (/^-?0[xX][0-9a-fA-F]+$/.test(t)) return t.startsWith('-') ? -parseInt(t.slice(1), 16) : parseInt(t, 16);
  if (/^-?\d+$/.test(t)) return parseInt(t, 10);
  return undefined;
}

/** A constant name or number literal as a number, or undefined. */
function constantValue(name: string): number | undefined {
  const n = parseNumber(name);
  if (n !== undefined) return n;
  const entry = lookupSymbol(name.trim());
  return entry?.kind === 'constant' ? entry.numeric : undefined;
}

function stripCasts(text: string): string {
  let t = text.trim();
  for (;;) {
    const m = /^\(\s*[A-Za-z_][\w\s*]*\)\s*(.+)$/.exec(t);
    if (!m || !m[1]) return t;
    t = m[1].trim();
  }
}

function valueOf(raw: string | number | null | undefined): Value {
  if (raw === undefined) return UNKNOWN;
  if (raw === null) return { kind: 'number', value: 0 };
  if (typeof raw === 'number') return { kind: 'number', value: raw };
  let t = stripCasts(raw);
  while (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1).trim();
  if (t === 'NULL' || t === 'nullptr') return { kind: 'number', value: 0 };
  if (t.startsWith('&') || t.startsWith('"') || t.startsWith('L"')) return { kind: 'pointer' };
  const parts = t.split('|').map((s) => constantValue(stripCasts(s)));
  if (parts.every((n): n is number => n !== undefined)) return { kind: 'number', value: parts.reduce((a, b) => a | b, 0) };
  return UNKNOWN;
}

type Tri = boolean | undefined;

function not(x: Tri): Tri {
  return x === undefined ? undefined : !x;
}

function and(xs: readonly Tri[]): Tri {
  if (xs.some((x) => x === false)) return false;
  return xs.some((x) => x === undefined) ? undefined : true;
}

const patternCache = new Map<string, readonly number[]>();

/** The numbers a pattern's alternatives name; throws on a name the table does not know. */
function patternNumbers(body: string): readonly number[] {
  const cached = patternCache.get(body);
  if (cached) return cached;
  const numbers = body.split('|').map((part) => {
    const n = constantValue(part);
    if (n === undefined) throw new Error(`Winsock model: pattern value "${part}" is neither a number nor a numeric constant`);
    return n;
  });
  patternCache.set(body, numbers);
  return numbers;
}

function matchPattern(pattern: string, value: Value): Tri {
  const p = pattern.trim();
  if (p.startsWith('!')) return not(matchPattern(p.slice(1), value));
  if (p === 'NULL') return value.kind === 'number' ? value.value === 0 : value.kind === 'pointer' ? false : undefined;
  if (p === 'non-NULL') return not(matchPattern('NULL', value));
  if (value.kind !== 'number') {
    // Evaluate the pattern anyway so that a bad pattern fails loudly whatever the argument is.
    patternNumbers(p.startsWith('&') ? p.slice(1) : p);
    return undefined;
  }
  if (p.startsWith('&')) {
    const bits = patternNumbers(p.slice(1)).reduce((a, b) => a | b, 0);
    return (value.value & bits) === bits;
  }
  return patternNumbers(p).includes(value.value);
}

/** The arguments of one call, each parsed once however many rows look at it. */
class ArgValues {
  private readonly parsed = new Map<string, Value>();
  constructor(private readonly args: CallArgs) {}
  get(param: string): Value {
    let v = this.parsed.get(param);
    if (!v) {
      v = valueOf(this.args[param]);
      this.parsed.set(param, v);
    }
    return v;
  }
}

function matchArg(cond: ArgCondition, args: ArgValues): Tri {
  return matchPattern(cond.is, args.get(cond.param));
}

// ---------------------------------------------------------------------------------------------
// Rows.

function rowMatches(row: Transition, state: SocketState | undefined, args: ArgValues, env: CallEnv): Tri {
  const parts: Tri[] = [];
  if (row.from !== '*') parts.push(state === undefined ? undefined : row.from.includes(state));
  if (row.socketType) {
    parts.push(env.socketType === 'unknown' ? undefined : (env.socketType === 'dgram' ? 'datagram' : 'stream') === row.socketType);
  }
  if (row.providerHasDisconnectData !== undefined) parts.push(row.providerHasDisconnectData === env.providerHasDisconnectData);
  if (row.when) parts.push(matchArg(row.when, args));
  for (const c of row.also ?? []) parts.push(matchArg(c, args));
  return and(parts);
}

type GroupOutcome =
  | { readonly kind: 'row'; readonly row: Transition }
  | { readonly kind: 'unknown'; readonly row: Transition }
  | { readonly kind: 'none' };

function firstMatch(rows: readonly Transition[], state: SocketState | undefined, args: ArgValues, env: CallEnv): GroupOutcome {
  for (const row of rows) {
    const m = rowMatches(row, state, args, env);
    if (m === true) return { kind: 'row', row };
    if (m === undefined) return { kind: 'unknown', row };
  }
  return { kind: 'none' };
}

// ---------------------------------------------------------------------------------------------
// Texts.

function code(s: string): string {
  return '`' + s + '`';
}

function errorCondition(fn: FunctionEntry, error: string): Localized {
  const own = fn.errors.find((e) => e.code === error);
  if (own) return own.when;
  const entry = lookupSymbol(error);
  if (entry?.kind === 'error') return entry.summary;
  return { en: '', ru: '' };
}

function failReason(fn: FunctionEntry, error: string, extra?: Localized): Localized {
  const why = extra ?? errorCondition(fn, error);
  return {
    en: `${code(fn.name)} fails with ${error}${why.en ? ': ' + why.en : '.'}`,
    ru: `${code(fn.name)} завершается с ошибкой ${error}${why.ru ? ': ' + why.ru : '.'}`,
  };
}

function okReason(fn: FunctionEntry, from: SocketState | undefined, to: SocketState | undefined, extra?: Localized): Localized {
  let en: string;
  let ru: string;
  if (from !== undefined && to !== undefined && to !== from) {
    en = `${code(fn.name)} succeeds: the socket goes from ${stateLabels[from].en} to ${stateLabels[to].en}.`;
    ru = `${code(fn.name)} выполняется успешно: сокет переходит из состояния «${stateLabels[from].ru}» в «${stateLabels[to].ru}».`;
  } else if (from !== undefined) {
    en = `${code(fn.name)} succeeds; the socket stays ${stateLabels[from].en}.`;
    ru = `${code(fn.name)} выполняется успешно; состояние сокета не меняется («${stateLabels[from].ru}»).`;
  } else if (to !== undefined) {
    en = `${code(fn.name)} succeeds; the socket is then ${stateLabels[to].en}.`;
    ru = `${code(fn.name)} выполняется успешно; после этого сокет в состоянии «${stateLabels[to].ru}».`;
  } else {
    en = `${code(fn.name)} succeeds.`;
    ru = `${code(fn.name)} выполняется успешно.`;
  }
  return extra ? { en: `${en} ${extra.en}`, ru: `${ru} ${extra.ru}` } : { en, ru };
}

function unknownReason(fn: FunctionEntry, row: Transition): Localized {
  const params = [row.when, ...(row.also ?? [])].filter((c): c is ArgCondition => c !== undefined).map((c) => code(c.param));
  const what: Localized =
    params.length > 0
      ? { en: `the value of ${params.join(', ')}`, ru: `значения ${params.join(', ')}` }
      : { en: 'the socket\'s state or type', ru: 'состояния или типа сокета' };
  return {
    en: `The outcome of ${code(fn.name)} depends on ${what.en}, which is not known here.`,
    ru: `Результат ${code(fn.name)} зависит от ${what.ru}, а здесь оно неизвестно.`,
  };
}

function openReason(fn: FunctionEntry, why: Localized): Localized {
  return {
    en: `The outcome of ${code(fn.name)} is left open by the documentation: ${why.en}`,
    ru: `Документация оставляет результат ${code(fn.name)} открытым: ${why.ru}`,
  };
}

function noRowReason(fn: FunctionEntry, state: SocketState | undefined): Localized {
  const s = state ? stateLabels[state] : { en: 'unknown', ru: 'неизвестно' };
  return {
    en: `The model has no rule for ${code(fn.name)} on a socket in this state (${s.en}).`,
    ru: `В модели нет правила для ${code(fn.name)} на сокете в этом состоянии («${s.ru}»).`,
  };
}

const CLOSED_REASON = (fn: FunctionEntry): Localized => ({
  en: `${code(fn.name)} fails with WSAENOTSOCK: the socket was already closed with \`closesocket\`. (The system may have handed the same handle value to a new socket since, in which case the call would act on that one instead.)`,
  ru: `${code(fn.name)} завершается с ошибкой WSAENOTSOCK: сокет уже закрыт вызовом \`closesocket\`. (Система могла уже выдать то же значение дескриптора новому сокету — тогда вызов подействует на него.)`,
});

// ---------------------------------------------------------------------------------------------
// The prediction.

const groupCache = new WeakMap<FunctionEntry, ReadonlyMap<number, readonly Transition[]>>();

/** The rows of a function as one first-match list per SOCKET parameter (computed once per entry). */
function rowGroups(fn: FunctionEntry, mainIndex: number): ReadonlyMap<number, readonly Transition[]> {
  const cached = groupCache.get(fn);
  if (cached) return cached;
  const groups = new Map<number, Transition[]>();
  for (const row of fn.transitions ?? []) {
    const index = row.socketParam ?? mainIndex;
    const list = groups.get(index);
    if (list) list.push(row);
    else groups.set(index, [row]);
  }
  groupCache.set(fn, groups);
  return groups;
}

/** Whether the "no WSAStartup yet" rule applies: the function documents WSANOTINITIALISED and can report an error. */
function needsStartup(fn: FunctionEntry): boolean {
  if (fn.returns.convention === 'void' || fn.returns.convention === 'last-error') return false;
  return fn.errors.some((e) => e.code === 'WSANOTINITIALISED');
}

/**
 * What the model expects a call to do. `state` is the state of the socket the call acts on (the
 * entry's `socketParam`), undefined when no socket is involved or its state is not known;
 * `otherStates` gives the states of further SOCKET parameters by index (AcceptEx's accept
 * socket). Returns undefined when the model has nothing to say about the function.
 */
export function predictCall(
  fnName: string,
  state: SocketState | undefined,
  args: CallArgs,
  env: CallEnv,
  otherStates: Readonly<Record<number, SocketState | undefined>> = {},
): CallPrediction | undefined {
  const fn = lookupFunction(fnName);
  if (!fn) return undefined;
  const next = fn.socketParam === undefined ? undefined : state;

  if (!env.initialized && needsStartup(fn)) {
    return { ok: false, error: 'WSANOTINITIALISED', next, reason: failReason(fn, 'WSANOTINITIALISED'), rule: 'not-initialised' };
  }
  const touchesClosed =
    (fn.socketParam !== undefined && state === 'closed') ||
    Object.entries(otherStates).some(([i, s]) => s === 'closed' && Number(i) !== fn.socketParam);
  if (touchesClosed) {
    return { ok: false, error: 'WSAENOTSOCK', next, reason: CLOSED_REASON(fn), rule: 'closed-socket' };
  }
  if (!fn.transitions || fn.transitions.length === 0) return undefined;

  const mainIndex = fn.socketParam ?? -1;
  const groups = rowGroups(fn, mainIndex);
  const values = new ArgValues(args);

  let main: GroupOutcome = { kind: 'none' };
  const others: Record<number, SocketState> = {};
  const failures: { row: Transition }[] = [];
  const unknowns: { row: Transition; undetermined: boolean }[] = [];
  let mainSeen = false;
  for (const [index, rows] of groups) {
    const isMain = index === mainIndex;
    const s = isMain ? state : otherStates[index];
    if (!isMain && !(index in otherStates)) continue; // nothing known about that socket
    const outcome = firstMatch(rows, s, values, env);
    if (isMain) {
      main = outcome;
      mainSeen = true;
    }
    if (outcome.kind === 'row' && outcome.row.error) failures.push({ row: outcome.row });
    else if (outcome.kind === 'unknown') unknowns.push({ row: outcome.row, undetermined: false });
    else if (outcome.kind === 'row' && outcome.row.undetermined) unknowns.push({ row: outcome.row, undetermined: true });
    else if (!isMain && outcome.kind === 'row' && s !== undefined) others[index] = outcome.row.to ?? s;
  }

  const firstFailure = failures[0];
  if (firstFailure) {
    const error = firstFailure.row.error as string;
    return { ok: false, error, next, reason: failReason(fn, error, firstFailure.row.reason), rule: 'transition' };
  }
  const firstUnknown = unknowns[0];
  if (firstUnknown) {
    const { row, undetermined } = firstUnknown;
    return {
      ok: true,
      uncertain: true,
      reason: undetermined && row.undetermined ? openReason(fn, row.undetermined) : unknownReason(fn, row),
      rule: undetermined ? 'undetermined' : 'unknown-input',
    };
  }
  if (!mainSeen || main.kind !== 'row') {
    return { ok: true, uncertain: true, reason: noRowReason(fn, state), rule: 'no-transition' };
  }
  const row = main.row;
  const after = fn.socketParam === undefined ? undefined : (row.to ?? state);
  const result: CallPrediction = {
    ok: true,
    reason: okReason(fn, fn.socketParam === undefined ? undefined : state, after, row.reason),
    rule: 'transition',
    ...(after !== undefined ? { next: after } : {}),
    ...(row.newSocket ? { newSocket: row.newSocket } : {}),
    ...(Object.keys(others).length > 0 ? { others } : {}),
  };
  return result;
}

// ---------------------------------------------------------------------------------------------
// Helpers for the lint rules, the sandbox and the debugger.

/** The functions that have this role. */
export function functionsWithRole(role: FunctionRole): readonly FunctionEntry[] {
  return allEntries().filter((e): e is FunctionEntry => e.kind === 'function' && e.roles.includes(role));
}

/** Index of the SOCKET argument the function acts on, or undefined (unknown function, or no socket). */
export function socketArgIndex(fnName: string): number | undefined {
  return lookupFunction(fnName)?.socketParam;
}

/** The canonical name of an error number (`10058` → `WSAESHUTDOWN`), or undefined. */
export function errorName(value: number): string | undefined {
  return lookupErrorByValue(value)?.name;
}

/** The number of an error name or alias (`WSAESHUTDOWN` → 10058, `ERROR_IO_PENDING` → 997), or undefined. */
export function errorValue(name: string): number | undefined {
  const e = lookupSymbol(name);
  return e?.kind === 'error' ? e.value : undefined;
}

/** Positional C arguments as the named arguments predictCall takes. */
export function argsByPosition(fnName: string, values: readonly (string | number | null)[]): CallArgs {
  const fn = lookupFunction(fnName);
  const out: Record<string, string | number | null> = {};
  fn?.params.forEach((p, i) => {
    const v = values[i];
    if (v !== undefined) out[p.name] = v;
  });
  return out;
}

/**
 * What is wrong with a function's transition rows: conditions on parameters the function does not
 * have, pattern values that are not numbers or numeric constants, errors the table does not know,
 * row socket indexes that are not parameters. Empty when all is well.
 */
export function transitionProblems(fn: FunctionEntry): string[] {
  const problems: string[] = [];
  const names = new Set(fn.params.map((p) => p.name));
  (fn.transitions ?? []).forEach((row, i) => {
    const where = `${fn.name} transitions[${i}]`;
    for (const c of [row.when, ...(row.also ?? [])]) {
      if (!c) continue;
      if (!names.has(c.param)) problems.push(`${where}: no parameter named ${c.param}`);
      try {
        matchPattern(c.is, { kind: 'number', value: 0 });
      } catch (err) {
        problems.push(`${where}: ${(err as Error).message}`);
      }
    }
    if (row.error && lookupSymbol(row.error)?.kind !== 'error') problems.push(`${where}: unknown error ${row.error}`);
    if (row.error && row.to) problems.push(`${where}: a row cannot both fail and change the state`);
    if (row.socketParam !== undefined && (row.socketParam < 0 || row.socketParam >= fn.params.length)) {
      problems.push(`${where}: socketParam ${row.socketParam} is not a parameter`);
    }
  });
  if (fn.socketParam !== undefined && fn.params[fn.socketParam]?.type !== 'SOCKET') {
    problems.push(`${fn.name}: socketParam ${fn.socketParam} is not a SOCKET parameter`);
  }
  return problems;
}
