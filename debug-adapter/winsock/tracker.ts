// The Winsock runtime of the debugger: takes the calls the gdb-side tracer reports and keeps every
// socket of the program with its state, run through core/model's state machine (the same one the
// lint and the sandbox use). Knows nothing of DAP or gdb: plain records in, plain data out.
import { argsByPosition, errorName, predictCall, socketArgIndex, stateLabels, type CallPrediction } from '../../core/model/stateMachine';
import { lookupErrorByValue, lookupFunction, lookupSymbol } from '../../core/model/registry';
import type { Localized, SocketState } from '../../core/model/types';

export interface SockAddr {
  readonly family: number;
  readonly ip?: string;
  readonly port?: number;
}

/** One call as the tracer reports it (the `@@WSL {"ev":"call",…}` line). */
export interface TracedCall {
  readonly seq: number;
  readonly fn: string;
  readonly args: readonly number[];
  /** The return value as C sees it (sign-extended int; a SOCKET, or -1 for INVALID_SOCKET). */
  readonly ret: number;
  readonly failed: boolean;
  /** The thread's last error after a failed call (or WSAStartup's own return value). */
  readonly err: number;
  readonly thread: number;
  readonly file?: string;
  readonly line?: number;
  readonly addrIn?: SockAddr;
  readonly addrOut?: SockAddr;
  /** The socket's own addresses after the call, read by the call recorder (getsockname, getpeername). */
  readonly ends?: { readonly local?: SockAddr; readonly peer?: SockAddr };
}

export interface JournalEntry {
  readonly call: TracedCall;
  readonly socket?: number;
  readonly before?: SocketState;
  readonly after?: SocketState;
  readonly errorName?: string;
  readonly prediction?: CallPrediction;
  /** Where the model predicted another outcome (as the sandbox says it). */
  readonly mismatch?: Localized;
}

export interface SocketRecord {
  readonly handle: number;
  state: SocketState;
  /** The call (and line) that led to the state. */
  since: { fn: string; line?: number; file?: string };
  type: 'stream' | 'dgram' | 'unknown';
  local?: SockAddr;
  peer?: SockAddr;
  sent: number;
  received: number;
  lastCall?: string;
  lastResult?: number;
  lastError?: number;
  /**
   * The program may have made it non-blocking: ioctlsocket(FIONBIO) (whose value the journal does
   * not read), WSAEventSelect or WSAAsyncSelect, or a listener that was (accept inherits it).
   */
  nonBlocking?: boolean;
}

const INVALID_SOCKET = -1;
const fionbio = lookupSymbol('FIONBIO');
const FIONBIO = fionbio?.kind === 'constant' ? fionbio.numeric : undefined;
const SIGNED_32 = /^(?:int|long|LONG|BOOL|INT)$/;
const UNSIGNED_32 = /^(?:DWORD|GROUP|u_int|u_long|ULONG|UINT|unsigned(?: int)?)$/;
const UNSIGNED_16 = /^(?:WORD|u_short|USHORT)$/;

/**
 * An argument as its parameter's type holds it: both tracers read whole 64-bit registers, and a
 * 32-bit `int` or `DWORD` leaves the upper half to whatever was there before.
 */
function atWidth(value: number, type: string | undefined): number {
  if (!type || !Number.isSafeInteger(value)) return value;
  const t = type.trim();
  const low = Number(BigInt(value) & 0xffffffffn);
  if (SIGNED_32.test(t)) return low | 0;
  if (UNSIGNED_32.test(t)) return low;
  if (UNSIGNED_16.test(t)) return low & 0xffff;
  return value;
}

export class WinsockTracker {
  readonly sockets = new Map<number, SocketRecord>();
  readonly journal: JournalEntry[] = [];
  private startups = 0;
  /** How many journal entries are kept (oldest dropped first). */
  constructor(private readonly limit = 2000) {}

  get initialized(): boolean {
    return this.startups > 0;
  }

  /** Records one call; returns its journal entry. */
  record(traced: TracedCall): JournalEntry {
    const fn = lookupFunction(traced.fn);
    const call = fn ? { ...traced, args: traced.args.map((a, i) => atWidth(a, fn.params[i]?.type)) } : traced;
    const roles = fn?.roles ?? [];
    const idx = socketArgIndex(call.fn);
    const handle = idx === undefined ? undefined : call.args[idx];
    const sock = handle === undefined ? undefined : this.sockets.get(handle);
    const before = sock?.state;
    const prediction = predictCall(call.fn, before, argsByPosition(call.fn, call.args), {
      initialized: this.initialized,
      socketType: sock?.type ?? 'unknown',
      providerHasDisconnectData: false,
    });
    const errName = call.failed ? (errorName(call.err) ?? String(call.err)) : undefined;
    let after = before;
    if (!call.failed) {
      if (roles.includes('startup')) this.startups++;
      if (roles.includes('cleanup')) this.startups = Math.max(0, this.startups - 1);
      if (sock && prediction && prediction.ok && prediction.next) after = prediction.next;
      if (sock && roles.includes('close')) after = 'closed';
      if (sock && after !== before && after) {
        sock.state = after;
        sock.since = { fn: call.fn, ...(call.line !== undefined ? { line: call.line } : {}), ...(call.file ? { file: call.file } : {}) };
      }
      if (sock && ((call.fn === 'ioctlsocket' && FIONBIO !== undefined && (call.args[1]! >>> 0) === FIONBIO >>> 0) || call.fn === 'WSAEventSelect' || call.fn === 'WSAAsyncSelect')) sock.nonBlocking = true;
      if (sock && roles.includes('send') && call.ret > 0) sock.sent += call.ret;
      if (sock && roles.includes('receive') && call.ret > 0) sock.received += call.ret;
      if (sock && call.addrIn && call.addrIn.family === 2) {
        if (roles.includes('bind')) sock.local = call.addrIn;
        else sock.peer = call.addrIn;
      }
      if (sock && call.addrOut && call.addrOut.family === 2) {
        if (call.fn === 'getsockname') sock.local = call.addrOut;
        else if (!roles.includes('accept')) sock.peer = call.addrOut;
      }
      if ((roles.includes('create') || roles.includes('accept')) && call.ret !== INVALID_SOCKET && call.ret > 0) {
        const created: SocketRecord = {
          handle: call.ret,
          state: prediction?.newSocket ?? (roles.includes('accept') ? 'connected' : 'created'),
          since: { fn: call.fn, ...(call.line !== undefined ? { line: call.line } : {}), ...(call.file ? { file: call.file } : {}) },
          type: roles.includes('accept') ? (sock?.type ?? 'stream') : socketTypeOf(call),
          sent: 0,
          received: 0,
          lastCall: call.fn,
          lastResult: call.ret,
        };
        if (roles.includes('accept')) {
          if (call.addrOut && call.addrOut.family === 2) created.peer = call.addrOut;
          if (sock?.local) created.local = sock.local;
          if (sock?.nonBlocking) created.nonBlocking = true;
        }
        this.sockets.set(call.ret, created);
      }
      // The recorder asked the socket itself: these addresses are the ones the kernel row has.
      const own = roles.includes('accept') || roles.includes('create') ? this.sockets.get(call.ret) : sock;
      if (own && call.ends?.local?.family === 2) own.local = call.ends.local;
      if (own && call.ends?.peer?.family === 2) own.peer = call.ends.peer;
    }
    if (sock) {
      sock.lastCall = call.fn;
      sock.lastResult = call.ret;
      if (call.failed) sock.lastError = call.err;
    }
    // On a socket that may be non-blocking, WSAEWOULDBLOCK is the answer "not now", not a surprise.
    const wouldBlock = !!sock?.nonBlocking && errName === 'WSAEWOULDBLOCK';
    const mismatch = wouldBlock ? undefined : mismatchOf(prediction, call, errName);
    const entry: JournalEntry = {
      call,
      ...(handle !== undefined ? { socket: handle } : {}),
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
      ...(errName ? { errorName: errName } : {}),
      ...(prediction ? { prediction } : {}),
      ...(mismatch ? { mismatch } : {}),
    };
    this.journal.push(entry);
    if (this.journal.length > this.limit) this.journal.splice(0, this.journal.length - this.limit);
    return entry;
  }
}

function socketTypeOf(call: TracedCall): SocketRecord['type'] {
  const t = call.args[1];
  if (t === 1 || t === 5 || t === 4) return 'stream'; // SOCK_STREAM, SOCK_SEQPACKET, SOCK_RDM
  if (t === 2 || t === 3) return 'dgram'; // SOCK_DGRAM, SOCK_RAW
  return 'unknown';
}

function mismatchOf(p: CallPrediction | undefined, call: TracedCall, errName: string | undefined): Localized | undefined {
  if (!p || p.uncertain) return undefined;
  if (p.ok && call.failed) {
    return { en: `the model expected success, the call failed with ${errName}`, ru: `модель ожидала успех, вызов завершился ошибкой ${errName}` };
  }
  if (!p.ok && !call.failed) {
    return { en: `the model expected ${p.error ?? 'a failure'}, the call succeeded`, ru: `модель ожидала ${p.error ?? 'ошибку'}, вызов завершился успешно` };
  }
  if (!p.ok && call.failed && p.error && errName && p.error !== errName) {
    return { en: `the model expected ${p.error}, the call failed with ${errName}`, ru: `модель ожидала ${p.error}, вызов завершился ошибкой ${errName}` };
  }
  return undefined;
}

/** `WSAESHUTDOWN (10058): <meaning>` in the language asked for. */
export function describeError(value: number, lang: 'en' | 'ru'): string {
  const e = lookupErrorByValue(value);
  if (!e) return String(value);
  return `${e.name} (${value}): ${e.summary[lang]}`;
}

export function stateLabel(state: SocketState, lang: 'en' | 'ru'): string {
  return (stateLabels as Partial<Record<SocketState, Localized>>)[state]?.[lang] ?? state;
}
