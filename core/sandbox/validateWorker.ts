// Validation of messages the sandbox worker sends to the extension host. The worker runs native
// code and may be broken, stopped or (in a test) replaced: the host-side client acts only on a
// message that is exactly a known WorkerToHost shape, of the protocol version it speaks, and whose
// result fits the request it answers. Everything else is a ValidationError saying what and where.
import {
  PEER_BEHAVIOURS,
  SANDBOX_PROTOCOL_VERSION,
  type WorkerMethod,
  type WorkerToHost,
} from '../protocol/sandbox';
import { describeValue, isPlainObject, totally, validateCall, validateLimits, ValidationError } from './validate';

type Obj = Record<string, unknown>;
type Check = (v: unknown, where: string) => void;

function fail(where: string, what: string): never {
  throw new ValidationError(`${where}: ${what}`);
}

/** Longest text field accepted from the worker (a 64 KiB send shows as text, with room to spare). */
const MAX_TEXT = 1_000_000;

const text: Check = (v, where) => {
  if (typeof v !== 'string') fail(where, `expected a string, got ${describeValue(v)}`);
  if (v.length > MAX_TEXT) fail(where, `text is ${v.length} characters long; at most ${MAX_TEXT} are allowed`);
};
const flag: Check = (v, where) => {
  if (typeof v !== 'boolean') fail(where, `expected true or false, got ${describeValue(v)}`);
};
const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (v, where) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(where, `expected an integer from ${min} to ${max}, got ${describeValue(v)}`);
  };
const finite: Check = (v, where) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(where, `expected a finite number, got ${describeValue(v)}`);
};
const oneOf =
  (allowed: readonly string[]): Check =>
  (v, where) => {
    if (typeof v !== 'string' || !allowed.includes(v)) fail(where, `expected one of ${allowed.join(', ')}, got ${describeValue(v)}`);
  };
const list =
  (item: Check, max = 10_000): Check =>
  (v, where) => {
    if (!Array.isArray(v)) fail(where, `expected a list, got ${describeValue(v)}`);
    if (v.length > max) fail(where, `${v.length} items; at most ${max} are allowed`);
    v.forEach((x, i) => item(x, `${where}[${i}]`));
  };

/** Fields of an object: [check, required]. Unknown fields are refused. */
type Shape = Readonly<Record<string, readonly [Check, boolean]>>;
const shape =
  (fields: Shape): Check =>
  (v, where) => {
    if (!isPlainObject(v)) fail(where, `expected a plain object, got ${describeValue(v)}`);
    for (const k of Object.keys(v)) if (!(k in fields)) fail(where, `unexpected field "${k}" (allowed: ${Object.keys(fields).join(', ')})`);
    for (const [k, [check, required]] of Object.entries(fields)) {
      if (!(k in v) || v[k] === undefined) {
        if (required) fail(`${where}.${k}`, 'missing');
        continue;
      }
      check(v[k], `${where}.${k}`);
    }
  };
const req = (c: Check) => [c, true] as const;
const opt = (c: Check) => [c, false] as const;

const SOCKET_STATES = ['created', 'bound', 'listening', 'connecting', 'connected', 'send-shut', 'receive-shut', 'both-shut', 'reusable', 'closed'];
const BACKENDS = ['ws2_32', 'posix'];
const KERNEL_STATE_SOURCES = ['procfs', 'GetTcpTable', 'GetTcpTable2', 'unavailable'];
/** The codes a worker may answer with ('crashed' and 'disposed' are the host-side client's own). */
const WORKER_ERROR_CODES = ['timeout', 'cancelled', 'limit', 'refused-address', 'bad-request', 'internal'];
const handle = integer(0);
const port = integer(0, 65535);
const state = oneOf(SOCKET_STATES);

const call: Check = (v, where) => void validateCall(v, where);
const limits: Check = (v, where) => void validateLimits(v, where);
const localized = shape({ en: req(text), ru: req(text) });
const prediction = shape({ ok: req(flag), error: opt(text), next: opt(state), uncertain: opt(flag), reason: opt(localized) });
const provider = shape({
  name: req(text),
  addressFamily: req(integer(0)),
  socketType: req(integer(0)),
  protocol: req(integer(0)),
  serviceFlags1: req(integer(0)),
  disconnectData: req(flag),
});
const optionReadback: Check = (v, where) => {
  if (!isPlainObject(v)) fail(where, `expected a plain object, got ${describeValue(v)}`);
  switch (v['name']) {
    case 'SO_LINGER':
      return shape({ name: req(text), onoff: req(integer(0, 65535)), linger: req(integer(0, 65535)) })(v, where);
    case 'SO_DONTLINGER':
      return shape({ name: req(text), value: req(flag) })(v, where);
    case 'SO_RCVTIMEO':
      return shape({ name: req(text), ms: req(integer(0)) })(v, where);
    case 'SO_PROTOCOL_INFOW':
      return shape({ name: req(text), provider: req(provider) })(v, where);
    default:
      return fail(`${where}.name`, `expected one of SO_LINGER, SO_DONTLINGER, SO_RCVTIMEO, SO_PROTOCOL_INFOW, got ${describeValue(v['name'])}`);
  }
};

export const checkJournalEntry: Check = shape({
  seq: req(integer(0)),
  time: req(finite),
  side: req(oneOf(['app', 'peer'])),
  text: req(text),
  call: opt(call),
  socket: opt(handle),
  returnValue: opt(text),
  wsaError: opt(integer(0)),
  wsaErrorName: opt(text),
  stateBefore: opt(state),
  stateAfter: opt(state),
  kernelState: opt(text),
  bytesIn: opt(integer(0)),
  bytesOut: opt(integer(0)),
  data: opt(text),
  prediction: opt(prediction),
  divergence: opt(text),
  emulated: opt(flag),
  peerEvent: opt(oneOf(['accepted', 'received', 'fin', 'reset', 'sent', 'closed'])),
  durationMs: opt(finite),
  backend: opt(oneOf(BACKENDS)),
  socketName: opt(text),
  newSocket: opt(handle),
  newSocketName: opt(text),
  outcome: opt(oneOf(['timeout', 'cancelled'])),
  providers: opt(list(provider, 100)),
  optionValue: opt(optionReadback),
  emulationNote: opt(text),
});

const socketView = shape({
  handle: req(handle),
  type: req(oneOf(['SOCK_STREAM', 'SOCK_DGRAM'])),
  state: req(state),
  kernelState: opt(text),
  localPort: opt(port),
  name: opt(text),
  remotePort: opt(port),
  nonBlocking: opt(flag),
});

export const checkSnapshot: Check = shape({
  backend: req(oneOf(BACKENDS)),
  platform: req(text),
  initialized: req(flag),
  sockets: req(list(socketView)),
  peer: opt(shape({ port: req(port), behaviour: req(oneOf(PEER_BEHAVIOURS)) })),
  kernelStateSource: opt(oneOf(KERNEL_STATE_SOURCES)),
  limits: opt(limits),
});

/** What a successful response to each method carries. */
const RESULT: Readonly<Record<WorkerMethod, Check>> = {
  call: checkJournalEntry,
  configure: checkSnapshot,
  startPeer: checkSnapshot,
  stopPeer: checkSnapshot,
  reset: checkSnapshot,
  snapshot: checkSnapshot,
  crashForTest: (v, where) => {
    if (v !== null) fail(where, `expected null, got ${describeValue(v)}`);
  },
  fdCountForTest: integer(0),
};

const error = shape({ code: req(oneOf(WORKER_ERROR_CODES)), message: req(text) });

function checkMessage(v: unknown, methodOf: (id: number) => WorkerMethod | undefined): void {
  const where = 'message';
  if (!isPlainObject(v)) fail(where, `expected a plain object, got ${describeValue(v)}`);
  const o: Obj = v;
  if (o['kind'] === 'response') {
    integer(0)(o['id'], `${where}.id`);
    if (o['ok'] === true) {
      shape({ kind: req(text), id: req(handle), ok: req(flag), result: opt(() => undefined) })(o, where);
      if (!('result' in o)) fail(`${where}.result`, 'missing');
      const method = methodOf(o['id'] as number);
      // An answer to no pending request is dropped by the client; its result is not looked at.
      if (method) RESULT[method](o['result'], `${where}.result (answer to ${method})`);
      return;
    }
    if (o['ok'] === false) return shape({ kind: req(text), id: req(handle), ok: req(flag), error: req(error) })(o, where);
    return fail(`${where}.ok`, `expected true or false, got ${describeValue(o['ok'])}`);
  }
  if (o['kind'] === 'event') {
    switch (o['event']) {
      case 'ready': {
        shape({
          kind: req(text),
          event: req(text),
          backend: req(oneOf(BACKENDS)),
          platform: req(text),
          version: req(integer(0)),
          kernelStateSource: opt(oneOf(KERNEL_STATE_SOURCES)),
        })(o, where);
        if (o['version'] !== SANDBOX_PROTOCOL_VERSION) {
          fail(`${where}.version`, `the worker speaks sandbox protocol version ${describeValue(o['version'])}, this extension speaks version ${SANDBOX_PROTOCOL_VERSION}; the worker bundle does not belong to this build (rebuild or reinstall the extension)`);
        }
        return;
      }
      case 'journal':
        return shape({ kind: req(text), event: req(text), entry: req(checkJournalEntry) })(o, where);
      case 'log':
        return shape({ kind: req(text), event: req(text), level: req(oneOf(['info', 'warn', 'error'])), message: req(text) })(o, where);
      default:
        return fail(`${where}.event`, `expected ready, journal or log, got ${describeValue(o['event'])}`);
    }
  }
  fail(`${where}.kind`, `expected "response" or "event", got ${describeValue(o['kind'])}`);
}

/**
 * A message from the worker as a WorkerToHost, or a ValidationError. `methodOf` tells which
 * method a pending request id was for, so that a response's result is checked against it.
 */
export function validateWorkerToHost(v: unknown, methodOf: (id: number) => WorkerMethod | undefined = () => undefined): WorkerToHost {
  return totally('message', () => {
    checkMessage(v, methodOf);
    return v as WorkerToHost;
  });
}
