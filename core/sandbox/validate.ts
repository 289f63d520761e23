// Validation of messages that cross into the sandbox worker (and of calls the panel forwards):
// anything that is not exactly a known shape is refused with a message saying what and where.
import {
  PEER_BEHAVIOURS,
  type HostToWorker,
  type PeerBehaviour,
  type SandboxCall,
  type SandboxLimits,
  type SocketOptionValue,
} from '../protocol/sandbox';

export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

type Obj = Record<string, unknown>;

/**
 * A plain data object: what JSON.parse or structured JSON gives. A Date, RegExp, Map, class
 * instance or array is not one, even though `typeof` says "object".
 */
export function isPlainObject(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
const isObj = isPlainObject;

/** A short, safe description of any value for a message (never throws: BigInt, cycles, getters). */
export function describeValue(v: unknown): string {
  try {
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'symbol' || typeof v === 'function') return typeof v;
    if (v === undefined) return 'undefined';
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && !isPlainObject(v)) {
      return `a ${Object.prototype.toString.call(v).slice(8, -1)} object`;
    }
    const text = JSON.stringify(v);
    if (text === undefined) return String(v);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return `a value that is not plain JSON data (${Array.isArray(v) ? 'array' : typeof v})`;
  }
}

/**
 * Runs a validator so that it is total: a ValidationError passes through, anything else it throws
 * (a RangeError from a value nested too deep, a TypeError from a getter or a Proxy) becomes a
 * ValidationError saying where.
 */
export function totally<T>(where: string, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    const what = e instanceof Error ? `${e.name}: ${e.message}` : describeValue(e);
    throw new ValidationError(`${where}: could not be read as plain data (${what})`);
  }
}

function fail(where: string, what: string): never {
  throw new ValidationError(`${where}: ${what}`);
}
function int(o: Obj, key: string, where: string, min: number, max: number): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(`${where}.${key}`, `expected an integer from ${min} to ${max}, got ${describeValue(v)}`);
  return v;
}
function str(o: Obj, key: string, where: string, maxLen: number): string {
  const v = o[key];
  if (typeof v !== 'string') fail(`${where}.${key}`, `expected a string, got ${describeValue(v)}`);
  if (v.length > maxLen) fail(`${where}.${key}`, `text is ${v.length} characters long; at most ${maxLen} are allowed`);
  return v;
}
function oneOf<T extends string>(o: Obj, key: string, where: string, allowed: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) fail(`${where}.${key}`, `expected one of ${allowed.join(', ')}, got ${describeValue(v)}`);
  return v as T;
}
function bool(o: Obj, key: string, where: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') fail(`${where}.${key}`, `expected true or false, got ${describeValue(v)}`);
  return v;
}
function onlyKeys(o: Obj, keys: readonly string[], where: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) fail(where, `unexpected field "${k}" (allowed: ${keys.join(', ')})`);
}

/** Largest text a send/WSASend/disconnect buffer may carry, and largest recv size. */
export const MAX_TEXT = 65536;
const HANDLE_MAX = Number.MAX_SAFE_INTEGER;

function socketOption(v: unknown, where: string): SocketOptionValue {
  if (!isObj(v)) fail(where, 'expected an object');
  const name = oneOf(v, 'name', where, ['SO_LINGER', 'SO_DONTLINGER', 'SO_RCVTIMEO'] as const);
  if (name === 'SO_LINGER') {
    onlyKeys(v, ['name', 'onoff', 'linger'], where);
    return { name, onoff: int(v, 'onoff', where, 0, 65535), linger: int(v, 'linger', where, 0, 65535) };
  }
  if (name === 'SO_DONTLINGER') {
    onlyKeys(v, ['name', 'value'], where);
    return { name, value: bool(v, 'value', where) };
  }
  onlyKeys(v, ['name', 'ms'], where);
  return { name, ms: int(v, 'ms', where, 0, 2147483647) };
}

/** A SandboxCall from untrusted data, or a ValidationError. */
export function validateCall(v: unknown, where = 'call'): SandboxCall {
  return totally(where, () => callOf(v, where));
}
function callOf(v: unknown, where: string): SandboxCall {
  if (!isObj(v)) fail(where, 'expected an object with a "fn" field');
  const fn = v['fn'];
  const s = () => int(v, 'socket', where, 0, HANDLE_MAX);
  const keys = (...k: string[]) => onlyKeys(v, ['fn', ...k], where);
  switch (fn) {
    case 'WSAStartup':
    case 'WSACleanup':
    case 'WSAGetLastError':
    case 'WSAEnumProtocolsW':
      keys();
      return { fn };
    case 'socket':
    case 'WSASocketW':
      keys('af', 'type');
      return { fn, af: oneOf(v, 'af', where, ['AF_INET', 'AF_INET6'] as const), type: oneOf(v, 'type', where, ['SOCK_STREAM', 'SOCK_DGRAM'] as const) };
    case 'bind':
      keys('socket', 'address', 'port');
      return { fn, socket: s(), address: str(v, 'address', where, 100), port: int(v, 'port', where, 0, 65535) };
    case 'listen':
      keys('socket', 'backlog');
      return { fn, socket: s(), backlog: int(v, 'backlog', where, 0, 65535) };
    case 'accept':
    case 'closesocket':
      keys('socket');
      return { fn, socket: s() };
    case 'connect':
    case 'WSAConnect':
      keys('socket', 'address', 'port');
      return { fn, socket: s(), address: str(v, 'address', where, 100), port: int(v, 'port', where, 0, 65535) };
    case 'send':
    case 'WSASend':
      keys('socket', 'text');
      return { fn, socket: s(), text: str(v, 'text', where, MAX_TEXT) };
    case 'recv':
    case 'WSARecv':
      keys('socket', 'maxBytes');
      return { fn, socket: s(), maxBytes: int(v, 'maxBytes', where, 1, MAX_TEXT) };
    case 'shutdown':
      keys('socket', 'how');
      return { fn, socket: s(), how: oneOf(v, 'how', where, ['SD_RECEIVE', 'SD_SEND', 'SD_BOTH'] as const) };
    case 'WSASendDisconnect': {
      keys('socket', 'data');
      const data = v['data'];
      if (data !== null && typeof data !== 'string') fail(`${where}.data`, `expected null (NULL) or a string, got ${describeValue(data)}`);
      if (typeof data === 'string' && data.length > MAX_TEXT) fail(`${where}.data`, `at most ${MAX_TEXT} characters`);
      return { fn, socket: s(), data };
    }
    case 'WSARecvDisconnect':
      keys('socket', 'wantData');
      return { fn, socket: s(), wantData: bool(v, 'wantData', where) };
    case 'DisconnectEx':
      keys('socket', 'reuse');
      return { fn, socket: s(), reuse: bool(v, 'reuse', where) };
    case 'setsockopt':
      keys('socket', 'option');
      return { fn, socket: s(), option: socketOption(v['option'], `${where}.option`) };
    case 'getsockopt':
      keys('socket', 'option');
      return { fn, socket: s(), option: oneOf(v, 'option', where, ['SO_LINGER', 'SO_DONTLINGER', 'SO_RCVTIMEO', 'SO_PROTOCOL_INFOW'] as const) };
    case 'ioctlsocket':
      keys('socket', 'command', 'value');
      oneOf(v, 'command', where, ['FIONBIO'] as const);
      return { fn, socket: s(), command: 'FIONBIO', value: int(v, 'value', where, 0, 1) };
    default:
      return fail(`${where}.fn`, `unknown function ${describeValue(fn)}`);
  }
}

export function validateLimits(v: unknown, where = 'limits'): SandboxLimits {
  return totally(where, () => limitsOf(v, where));
}
function limitsOf(v: unknown, where: string): SandboxLimits {
  if (!isObj(v)) fail(where, 'expected an object');
  onlyKeys(v, ['allowRemoteHosts', 'callTimeoutMs', 'maxSockets'], where);
  return {
    allowRemoteHosts: bool(v, 'allowRemoteHosts', where),
    callTimeoutMs: int(v, 'callTimeoutMs', where, 1, 600000),
    maxSockets: int(v, 'maxSockets', where, 1, 4096),
  };
}

/** A message the worker received on its IPC channel, or a ValidationError. */
export function validateHostToWorker(v: unknown): HostToWorker {
  return totally('message', () => hostToWorkerOf(v));
}
function hostToWorkerOf(v: unknown): HostToWorker {
  if (!isObj(v)) fail('message', 'expected an object');
  const id = int(v, 'id', 'message', 0, Number.MAX_SAFE_INTEGER);
  if (v['kind'] === 'cancel') {
    onlyKeys(v, ['kind', 'id'], 'message');
    return { kind: 'cancel', id };
  }
  if (v['kind'] !== 'request') fail('message.kind', `expected "request" or "cancel", got ${describeValue(v['kind'])}`);
  onlyKeys(v, ['kind', 'id', 'method', 'params'], 'message');
  const params = v['params'];
  const empty = () => {
    if (!isObj(params) || Object.keys(params).length > 0) fail('message.params', 'expected {}');
    return {} as Record<string, never>;
  };
  switch (v['method']) {
    case 'configure':
      return { kind: 'request', id, method: 'configure', params: validateLimits(params, 'message.params') };
    case 'call':
      return { kind: 'request', id, method: 'call', params: validateCall(params, 'message.params') };
    case 'startPeer': {
      if (!isObj(params)) fail('message.params', 'expected an object');
      onlyKeys(params, ['behaviour'], 'message.params');
      const behaviour: PeerBehaviour = oneOf(params, 'behaviour', 'message.params', PEER_BEHAVIOURS);
      return { kind: 'request', id, method: 'startPeer', params: { behaviour } };
    }
    case 'reset':
    case 'snapshot':
    case 'stopPeer':
    case 'crashForTest':
    case 'fdCountForTest':
      return { kind: 'request', id, method: v['method'], params: empty() };
    default:
      return fail('message.method', `unknown method ${describeValue(v['method'])}`);
  }
}
