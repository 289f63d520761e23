// What the lint rules ask of the Winsock model: roles, the socket parameter, named parameters,
// constant values and the WSA error a call gives in a state. Everything is read from core/model;
// nothing here restates a Winsock fact.
import { lookupFunction, lookupSymbol } from '../model/registry';
import { argsByPosition, predictCall } from '../model/stateMachine';
import type { FunctionEntry, FunctionRole, SocketState } from '../model/types';

const entryCache = new Map<string, FunctionEntry>();

/**
 * The model's entry for a function name. Only names the model knows are cached (a bounded set);
 * unknown callees, which a large code base has without end, are not kept.
 */
export function winsockFunction(name: string): FunctionEntry | undefined {
  let e = entryCache.get(name);
  if (e === undefined) {
    e = lookupFunction(name);
    if (e) entryCache.set(name, e);
  }
  return e;
}

/** How many names the lookup cache holds (for the test that it stays bounded). */
export function cachedFunctionNames(): number {
  return entryCache.size;
}

export function hasRole(e: FunctionEntry, role: FunctionRole): boolean {
  return e.roles.includes(role);
}

/** Index of the parameter whose name matches, or -1. */
export function paramIndex(e: FunctionEntry, re: RegExp): number {
  return e.params.findIndex((p) => re.test(p.name));
}

/** Indexes of parameters of the given C type (e.g. `SOCKET`). */
export function paramsOfType(e: FunctionEntry, re: RegExp): number[] {
  const out: number[] = [];
  e.params.forEach((p, i) => {
    if (re.test(p.type)) out.push(i);
  });
  return out;
}

/** The numeric value of a constant the model knows, or undefined. */
export function constantValue(name: string): number | undefined {
  const e = lookupSymbol(name);
  if (e?.kind === 'constant') return e.numeric;
  return undefined;
}

/** The number of a WSA error name, e.g. WSAESHUTDOWN → 10058. */
export function errorNumber(name: string): number | undefined {
  const e = lookupSymbol(name);
  if (e?.kind === 'error') return e.value;
  if (e?.kind === 'constant') return e.numeric;
  return undefined;
}

/**
 * The WSA error the model gives for a call of `e` on a socket in `state`, ignoring rows that
 * depend on arguments or on the socket's kind unless `kind` says which kind it is.
 */
export function modelError(e: FunctionEntry, state: SocketState, kind?: 'stream' | 'datagram'): string | undefined {
  for (const row of e.transitions ?? []) {
    if (row.socketParam !== undefined && row.socketParam !== e.socketParam) continue;
    if (row.when) continue;
    if (row.socketType && row.socketType !== kind) continue;
    if (row.from !== '*' && !row.from.includes(state)) continue;
    return row.error;
  }
  return undefined;
}

/** Whether the model says this function refuses datagram sockets (a row for datagram sockets giving an error from any live state). */
export function refusesDatagram(e: FunctionEntry): boolean | undefined {
  const rows = (e.transitions ?? []).filter((r) => r.socketType === 'datagram' && (r.socketParam === undefined || r.socketParam === e.socketParam));
  if (rows.length === 0) return undefined;
  return rows.some((r) => (r.error !== undefined || r.undetermined !== undefined) && (r.from === '*' || r.from.includes('connected') || r.from.includes('bound') || r.from.includes('created')));
}

/** "WSAESHUTDOWN (10058)" */
export function describeError(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const n = errorNumber(name);
  return n === undefined ? name : `${name} (${n})`;
}

/**
 * The WSA error the model's state machine predicts for a call of `e` with these argument texts on
 * a socket in `state` (Winsock initialised, provider without disconnect data); undefined when it
 * predicts success or cannot tell.
 */
export function predictedError(e: FunctionEntry, state: SocketState, argTexts: readonly string[], kind?: 'stream' | 'datagram'): string | undefined {
  const p = predictCall(e.name, state, argsByPosition(e.name, argTexts), {
    initialized: true,
    socketType: kind === 'datagram' ? 'dgram' : kind === 'stream' ? 'stream' : 'unknown',
    providerHasDisconnectData: false,
  });
  if (!p || p.ok || p.uncertain) return modelError(e, state, kind);
  return p.error;
}

const startupCache = new Map<string, boolean>();

/** Whether the model's state machine refuses this call before WSAStartup (WSANOTINITIALISED). */
export function needsStartup(e: FunctionEntry): boolean {
  let v = startupCache.get(e.name);
  if (v === undefined) {
    const p = predictCall(e.name, undefined, {}, { initialized: false, socketType: 'unknown', providerHasDisconnectData: false });
    v = !!p && !p.ok && p.error === 'WSANOTINITIALISED';
    startupCache.set(e.name, v);
  }
  return v;
}
