// The socket-I/O family of the Winsock model: completeness of every entry, agreement between each
// C prototype and its parameter docs, and the state-machine rows the lint and the sandbox rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { socketIoFunctions } from '../../core/model/api/functions/socket-io';
import { allEntries, lookupFunction } from '../../core/model/registry';
import type { FunctionEntry, FunctionRole, Localized, ReturnConvention, SocketState, Transition } from '../../core/model/types';

const REQUIRED = [
  'socket', 'WSASocketA', 'WSASocketW', 'bind', 'listen', 'accept', 'AcceptEx', 'connect', 'WSAConnect',
  'ConnectEx', 'WSAConnectByNameW', 'WSAConnectByNameA', 'WSAConnectByList', 'send', 'WSASend', 'sendto',
  'WSASendTo', 'WSASendMsg', 'TransmitPackets', 'recv', 'WSARecv', 'setsockopt', 'getsockopt', 'ioctlsocket',
  'WSAIoctl',
] as const;

/** Names that the disconnect family (another file) defines; defining them here would make the registry throw. */
const OWNED_ELSEWHERE = [
  'WSASendDisconnect', 'WSARecvDisconnect', 'shutdown', 'closesocket', 'DisconnectEx', 'TransmitFile', 'WSAStartup',
  'WSACleanup', 'WSAGetLastError', 'WSASetLastError', 'WSAEnumProtocolsA', 'WSAEnumProtocolsW', 'QueueUserAPC',
];

/** The standard Winsock error names and numbers (winerror.h / winsock2.h). */
const STANDARD_ERRORS: Readonly<Record<string, number>> = {
  WSA_INVALID_HANDLE: 6, WSA_NOT_ENOUGH_MEMORY: 8, WSA_INVALID_PARAMETER: 87, WSA_OPERATION_ABORTED: 995,
  WSA_IO_INCOMPLETE: 996, WSA_IO_PENDING: 997,
  WSAEINTR: 10004, WSAEBADF: 10009, WSAEACCES: 10013, WSAEFAULT: 10014, WSAEINVAL: 10022, WSAEMFILE: 10024,
  WSAEWOULDBLOCK: 10035, WSAEINPROGRESS: 10036, WSAEALREADY: 10037, WSAENOTSOCK: 10038, WSAEDESTADDRREQ: 10039,
  WSAEMSGSIZE: 10040, WSAEPROTOTYPE: 10041, WSAENOPROTOOPT: 10042, WSAEPROTONOSUPPORT: 10043,
  WSAESOCKTNOSUPPORT: 10044, WSAEOPNOTSUPP: 10045, WSAEPFNOSUPPORT: 10046, WSAEAFNOSUPPORT: 10047,
  WSAEADDRINUSE: 10048, WSAEADDRNOTAVAIL: 10049, WSAENETDOWN: 10050, WSAENETUNREACH: 10051, WSAENETRESET: 10052,
  WSAECONNABORTED: 10053, WSAECONNRESET: 10054, WSAENOBUFS: 10055, WSAEISCONN: 10056, WSAENOTCONN: 10057,
  WSAESHUTDOWN: 10058, WSAETOOMANYREFS: 10059, WSAETIMEDOUT: 10060, WSAECONNREFUSED: 10061, WSAELOOP: 10062,
  WSAENAMETOOLONG: 10063, WSAEHOSTDOWN: 10064, WSAEHOSTUNREACH: 10065, WSAENOTEMPTY: 10066, WSAEPROCLIM: 10067,
  WSAEUSERS: 10068, WSAEDQUOT: 10069, WSAESTALE: 10070, WSAEREMOTE: 10071, WSASYSNOTREADY: 10091,
  WSAVERNOTSUPPORTED: 10092, WSANOTINITIALISED: 10093, WSAEDISCON: 10101, WSAENOMORE: 10102, WSAECANCELLED: 10103,
  WSAEINVALIDPROCTABLE: 10104, WSAEINVALIDPROVIDER: 10105, WSAEPROVIDERFAILEDINIT: 10106, WSASYSCALLFAILURE: 10107,
  WSASERVICE_NOT_FOUND: 10108, WSATYPE_NOT_FOUND: 10109, WSA_E_NO_MORE: 10110, WSA_E_CANCELLED: 10111,
  WSAEREFUSED: 10112, WSAHOST_NOT_FOUND: 11001, WSATRY_AGAIN: 11002, WSANO_RECOVERY: 11003, WSANO_DATA: 11004,
};

const EXPECTED_CONVENTION: Readonly<Record<string, ReturnConvention>> = {
  send: 'count-or-socket-error',
  sendto: 'count-or-socket-error',
  recv: 'count-or-socket-error',
  socket: 'socket-or-invalid-socket',
  WSASocketA: 'socket-or-invalid-socket',
  WSASocketW: 'socket-or-invalid-socket',
  accept: 'socket-or-invalid-socket',
  AcceptEx: 'bool',
  ConnectEx: 'bool',
  TransmitPackets: 'bool',
  // The SDK declares these three BOOL, unlike connect/WSAConnect.
  WSAConnectByNameW: 'bool',
  WSAConnectByNameA: 'bool',
  WSAConnectByList: 'bool',
};

const EXPECTED_ROLE: Readonly<Record<string, FunctionRole>> = {
  socket: 'create', WSASocketA: 'create', WSASocketW: 'create', bind: 'bind', listen: 'listen', accept: 'accept',
  AcceptEx: 'accept', connect: 'connect', WSAConnect: 'connect', ConnectEx: 'connect', WSAConnectByNameW: 'connect',
  WSAConnectByNameA: 'connect', WSAConnectByList: 'connect', send: 'send', WSASend: 'send', sendto: 'send',
  WSASendTo: 'send', WSASendMsg: 'send', TransmitPackets: 'send', recv: 'receive', WSARecv: 'receive',
  setsockopt: 'option', getsockopt: 'option', ioctlsocket: 'option', WSAIoctl: 'option',
};

const CYRILLIC = /[\u0400-\u04FF]/;

function entry(name: string): FunctionEntry {
  const e = socketIoFunctions.find((f) => f.name === name);
  assert.ok(e, `${name} is missing from the socket-I/O table`);
  return e;
}

/** Every {en, ru} object reachable from a value, with a path for messages. */
function localizedTexts(value: unknown, path: string): { path: string; text: Localized }[] {
  if (value === null || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  if (typeof o.en === 'string' && typeof o.ru === 'string' && Object.keys(o).length === 2) {
    return [{ path, text: o as unknown as Localized }];
  }
  return Object.entries(o).flatMap(([k, v]) => localizedTexts(v, `${path}.${k}`));
}

interface ParsedParam {
  readonly name: string;
  readonly sal: string;
  /** The declaration without SAL annotations and without the name, spaces removed. */
  readonly bareType: string;
}

/** Splits `text` at commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Drops SAL annotations such as `_In_`, `_Out_writes_bytes_opt_(n)` and `__out_data_source(NETWORK)`. */
function stripSal(decl: string): { sal: string; rest: string } {
  let rest = decl;
  const sal: string[] = [];
  for (;;) {
    const m = /^\s*(_{1,2}[A-Za-z][A-Za-z_]*_?)(\s*\((?:[^()]|\([^()]*\))*\))?/.exec(rest);
    if (!m || !m[1].endsWith('_') && !m[1].startsWith('__')) break;
    sal.push(m[0].trim());
    rest = rest.slice(m[0].length);
  }
  return { sal: sal.join(' '), rest: rest.trim() };
}

/** The return type and parameters of a prototype, read from its text. */
function parseSignature(fn: FunctionEntry): { returnType: string; params: ParsedParam[] } {
  const sig = fn.signature;
  const open = sig.indexOf(`${fn.name}(`);
  assert.ok(open >= 0, `${fn.name}: the signature does not contain "${fn.name}("`);
  const head = sig.slice(0, open).trim().split(/\s+/);
  const returnType = head.find((w) => w === 'int' || w === 'SOCKET' || w === 'BOOL') ?? '';
  const bodyStart = open + fn.name.length + 1;
  let depth = 1;
  let end = bodyStart;
  for (; end < sig.length && depth > 0; end++) {
    if (sig[end] === '(') depth++;
    else if (sig[end] === ')') depth--;
  }
  assert.equal(depth, 0, `${fn.name}: unbalanced parentheses in the signature`);
  const body = sig.slice(bodyStart, end - 1);
  const params = splitTopLevel(body).map((decl) => {
    const { sal, rest } = stripSal(decl);
    const m = /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(rest);
    assert.ok(m, `${fn.name}: cannot read a parameter name from "${decl}"`);
    return { name: m[1], sal, bareType: rest.slice(0, m.index).replace(/\s+/g, '') };
  });
  return { returnType, params };
}

/** First-match evaluation of one row list, as the state machine reads it. */
function outcome(
  fn: FunctionEntry,
  state: SocketState,
  opts: { socketType?: 'stream' | 'datagram'; socketParam?: number; args?: Record<string, string> } = {},
): Transition | undefined {
  const rows = (fn.transitions ?? []).filter((r) => (r.socketParam ?? fn.socketParam) === (opts.socketParam ?? fn.socketParam));
  return rows.find(
    (r) =>
      (r.from === '*' || r.from.includes(state)) &&
      (r.socketType === undefined || r.socketType === opts.socketType) &&
      (r.when === undefined || opts.args?.[r.when.param] === r.when.is),
  );
}

test('every required function is in the table once, and none of the disconnect family is', () => {
  const names = socketIoFunctions.map((f) => f.name);
  for (const name of REQUIRED) assert.equal(names.filter((n) => n === name).length, 1, `${name} must appear exactly once`);
  for (const name of OWNED_ELSEWHERE) assert.ok(!names.includes(name), `${name} belongs to the disconnect family`);
  assert.deepEqual([...names].sort(), [...REQUIRED].sort(), 'the table holds exactly the functions of this family');
});

test('the registry finds every socket-I/O function by name', () => {
  for (const name of REQUIRED) assert.equal(lookupFunction(name), entry(name), `${name} through lookupFunction`);
});

test('every text exists in English and in Russian, and the Russian is Cyrillic', () => {
  for (const fn of socketIoFunctions) {
    const texts = localizedTexts(fn, fn.name);
    // summary, returns, every parameter, every error, every remark (deprecated notes come on top).
    const expectedAtLeast = 2 + fn.params.length + fn.errors.length + fn.remarks.length;
    assert.ok(texts.length >= expectedAtLeast, `${fn.name}: ${texts.length} texts found, expected at least ${expectedAtLeast}`);
    for (const { path, text } of texts) {
      assert.ok(text.en.trim().length > 0, `${path}: English text is empty`);
      assert.ok(text.ru.trim().length > 0, `${path}: Russian text is empty`);
      assert.match(text.ru, CYRILLIC, `${path}: the Russian text has no Cyrillic`);
      assert.notEqual(text.en, text.ru, `${path}: the Russian text repeats the English one`);
    }
  }
});

test('parameters are documented in the order and with the names and types of the prototype', () => {
  for (const fn of socketIoFunctions) {
    const { params } = parseSignature(fn);
    assert.deepEqual(
      fn.params.map((p) => p.name),
      params.map((p) => p.name),
      `${fn.name}: documented parameters differ from the prototype`,
    );
    fn.params.forEach((doc, i) => {
      const parsed = params[i];
      const type = doc.type.replace(/\s+/g, '');
      assert.ok(parsed.bareType.endsWith(type), `${fn.name}.${doc.name}: prototype says "${parsed.bareType}", doc says "${doc.type}"`);
      const sal = parsed.sal;
      if (sal.startsWith('_When_')) return; // conditional annotation (ioctlsocket argp): direction depends on cmd
      const direction = sal.startsWith('_Inout_') ? 'in-out' : sal.startsWith('_Out_') ? 'out' : 'in';
      assert.equal(doc.direction, direction, `${fn.name}.${doc.name}: direction does not match "${sal}"`);
      const optional = /_opt_/.test(sal);
      assert.equal(doc.optional, optional, `${fn.name}.${doc.name}: optional does not match "${sal}"`);
    });
  }
});

test('socketParam and per-row socket parameters point at SOCKET parameters', () => {
  for (const fn of socketIoFunctions) {
    const socketIndexes = fn.params.flatMap((p, i) => (p.type === 'SOCKET' ? [i] : []));
    if (socketIndexes.length === 0) {
      assert.equal(fn.socketParam, undefined, `${fn.name} has no SOCKET parameter`);
      continue;
    }
    assert.equal(fn.socketParam, socketIndexes[0], `${fn.name}: socketParam must name its (first) SOCKET parameter`);
    for (const row of fn.transitions ?? []) {
      if (row.socketParam !== undefined) {
        assert.equal(fn.params[row.socketParam]?.type, 'SOCKET', `${fn.name}: a row names parameter ${row.socketParam}, which is not a SOCKET`);
      }
    }
  }
});

test('roles: each function has its family role, and blocking ones carry the APC remark', () => {
  for (const fn of socketIoFunctions) {
    assert.ok(fn.roles.length > 0, `${fn.name}: no roles`);
    assert.ok(fn.roles.includes(EXPECTED_ROLE[fn.name]), `${fn.name}: expected role ${EXPECTED_ROLE[fn.name]}, got ${fn.roles.join(', ')}`);
    if (fn.roles.includes('blocking')) {
      assert.ok(fn.remarks.some((r) => r.id === 'apc-blocking' && r.key), `${fn.name}: blocking, but no key APC remark`);
    }
  }
  for (const name of ['send', 'WSASend', 'sendto', 'WSASendTo', 'recv', 'WSARecv', 'accept', 'connect', 'WSAConnect']) {
    assert.ok(entry(name).roles.includes('blocking'), `${name} can block`);
  }
  assert.ok(entry('TransmitPackets').roles.includes('disconnect'), 'TransmitPackets can disconnect (TF_DISCONNECT)');
});

test('return conventions agree with the brief and with the prototype’s return type', () => {
  for (const fn of socketIoFunctions) {
    const expected = EXPECTED_CONVENTION[fn.name] ?? 'zero-or-socket-error';
    assert.equal(fn.returns.convention, expected, `${fn.name}: return convention`);
    const { returnType } = parseSignature(fn);
    const byType: Record<string, readonly ReturnConvention[]> = {
      SOCKET: ['socket-or-invalid-socket'],
      BOOL: ['bool'],
      int: ['zero-or-socket-error', 'count-or-socket-error'],
    };
    assert.ok(byType[returnType]?.includes(fn.returns.convention), `${fn.name}: ${fn.returns.convention} does not fit return type "${returnType}"`);
  }
});

test('documented errors use standard Winsock names, and every row error is documented', () => {
  for (const fn of socketIoFunctions) {
    assert.ok(fn.errors.length > 0, `${fn.name}: no documented errors`);
    const codes = fn.errors.map((e) => e.code);
    for (const code of codes) assert.ok(code in STANDARD_ERRORS, `${fn.name}: "${code}" is not a standard Winsock error name`);
    assert.ok(codes.includes('WSANOTINITIALISED'), `${fn.name}: WSANOTINITIALISED must be documented`);
    for (const row of fn.transitions ?? []) {
      if (row.error) assert.ok(codes.includes(row.error), `${fn.name}: a row gives ${row.error}, which the entry does not document`);
    }
  }
});

test('error names resolve in the shared error table with the standard numbers', (t) => {
  const table = allEntries().filter((e) => e.kind === 'error');
  if (table.length === 0) {
    t.skip('the shared error table (core/model/api/errors.ts) is still empty');
    return;
  }
  for (const fn of socketIoFunctions) {
    for (const { code } of fn.errors) {
      const e = table.find((x) => x.kind === 'error' && (x.name === code || x.aliases.includes(code)));
      assert.ok(e && e.kind === 'error', `${fn.name}: ${code} is not in the error table`);
      assert.equal(e.value, STANDARD_ERRORS[code], `${code}: number in the error table`);
    }
  }
});

test('remarks have unique ids and the hover-worthy facts are marked key', () => {
  for (const fn of socketIoFunctions) {
    const ids = fn.remarks.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, `${fn.name}: duplicate remark ids ${ids.join(', ')}`);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${fn.name}: remark id "${id}" is not kebab-case`);
  }
  const key = (name: string, id: string) =>
    assert.ok(entry(name).remarks.some((r) => r.id === id && r.key), `${name}: key remark ${id}`);
  for (const name of ['send', 'WSASend', 'sendto', 'WSASendTo', 'WSASendMsg', 'TransmitPackets']) key(name, 'send-after-shutdown');
  for (const name of ['connect', 'WSAConnect']) key(name, 'connect-after-shutdown');
  for (const name of ['setsockopt']) {
    key(name, 'so-dontlinger-graceful');
    key(name, 'abortive-close-linger-zero');
    key(name, 'linger-not-shutdown');
    key(name, 'so-rcvtimeo-dword');
  }
  key('getsockopt', 'so-protocol-info');
  for (const name of ['socket', 'WSASocketA', 'WSASocketW', 'accept']) key(name, 'socket-unsigned');
  for (const name of ['WSASend', 'WSARecv', 'WSASendTo', 'WSASendMsg']) key(name, 'wsabuf-len-first');
  key('recv', 'recv-zero-graceful');
  key('WSAIoctl', 'extension-function-pointer');
  // The DONTLINGER remark must say graceful, not abortive, in both languages.
  const dontLinger = entry('setsockopt').remarks.find((r) => r.id === 'so-dontlinger-graceful');
  assert.match(dontLinger?.text.en ?? '', /graceful/);
  assert.match(dontLinger?.text.ru ?? '', /корректное закрытие/);
  assert.match(entry('setsockopt').remarks.find((r) => r.id === 'abortive-close-linger-zero')?.text.en ?? '', /l_onoff = 1.*l_linger = 0/);
});

test('requirements name the right header and library; extensions carry their GUID', () => {
  for (const fn of socketIoFunctions) {
    const r = fn.requirements;
    for (const [k, v] of Object.entries(r)) assert.ok(v.trim().length > 0, `${fn.name}: requirements.${k} is empty`);
    const fromMswsock = ['AcceptEx', 'ConnectEx', 'TransmitPackets'].includes(fn.name);
    assert.equal(r.header, fromMswsock ? 'mswsock.h' : 'winsock2.h', `${fn.name}: header`);
    if (!fromMswsock) assert.equal(r.library, 'Ws2_32.lib', `${fn.name}: library`);
    for (const rel of fn.related) assert.notEqual(rel, fn.name, `${fn.name} lists itself as related`);
  }
  assert.equal(entry('AcceptEx').requirements.library, 'Mswsock.lib');
  assert.match(entry('AcceptEx').extension?.guid ?? '', /^\{0xb5367df1,/);
  assert.match(entry('ConnectEx').extension?.guid ?? '', /^\{0x25a207b9,/);
  assert.match(entry('TransmitPackets').extension?.guid ?? '', /^\{0xd9689da0,/);
  assert.equal(entry('WSASocketA').deprecated?.replacement, 'WSASocketW');
  assert.equal(entry('WSAConnectByNameA').deprecated?.replacement, 'WSAConnectByNameW');
  assert.equal(entry('WSASocketW').deprecated, undefined);
});

test('state rows: sending after a send shutdown gives WSAESHUTDOWN, before a connection WSAENOTCONN', () => {
  for (const name of ['send', 'WSASend', 'sendto', 'WSASendTo', 'WSASendMsg', 'TransmitPackets']) {
    const fn = entry(name);
    for (const state of ['send-shut', 'both-shut'] as const) {
      assert.equal(outcome(fn, state, { socketType: 'stream' })?.error, 'WSAESHUTDOWN', `${name} in ${state}`);
      assert.equal(outcome(fn, state, { socketType: 'datagram' })?.error, 'WSAESHUTDOWN', `${name} (datagram) in ${state}`);
    }
    for (const state of ['created', 'bound'] as const) {
      assert.equal(outcome(fn, state, { socketType: 'stream' })?.error, 'WSAENOTCONN', `${name} (stream) in ${state}`);
    }
    const ok = outcome(fn, 'connected', { socketType: 'stream' });
    assert.ok(ok && ok.error === undefined, `${name} succeeds on a connected socket`);
    const halfOpen = outcome(fn, 'receive-shut', { socketType: 'stream' });
    assert.ok(halfOpen && halfOpen.error === undefined, `${name} still sends after SD_RECEIVE`);
  }
  assert.equal(outcome(entry('sendto'), 'created', { socketType: 'datagram' })?.to, 'bound', 'sendto binds implicitly');
});

test('state rows: receiving after a receive shutdown gives WSAESHUTDOWN', () => {
  for (const name of ['recv', 'WSARecv']) {
    const fn = entry(name);
    for (const state of ['receive-shut', 'both-shut'] as const) {
      assert.equal(outcome(fn, state, { socketType: 'stream' })?.error, 'WSAESHUTDOWN', `${name} in ${state}`);
    }
    assert.equal(outcome(fn, 'created', { socketType: 'stream' })?.error, 'WSAENOTCONN', `${name} before connect`);
    const ok = outcome(fn, 'send-shut', { socketType: 'stream' });
    assert.ok(ok && ok.error === undefined, `${name} still receives after SD_SEND (graceful close pattern)`);
  }
});

test('state rows: connecting a connected or shut-down stream socket gives WSAEISCONN', () => {
  for (const name of ['connect', 'WSAConnect', 'ConnectEx', 'WSAConnectByNameW', 'WSAConnectByNameA', 'WSAConnectByList']) {
    const fn = entry(name);
    for (const state of ['connected', 'send-shut', 'receive-shut', 'both-shut'] as const) {
      assert.equal(outcome(fn, state, { socketType: 'stream' })?.error, 'WSAEISCONN', `${name} in ${state}`);
    }
    assert.equal(outcome(fn, 'listening', { socketType: 'stream' })?.error, 'WSAEINVAL', `${name} on a listening socket`);
  }
  for (const name of ['connect', 'WSAConnect']) {
    for (const state of ['created', 'bound'] as const) {
      assert.equal(outcome(entry(name), state, { socketType: 'stream' })?.to, 'connected', `${name} from ${state}`);
    }
    assert.equal(outcome(entry(name), 'reusable', { socketType: 'stream' }), undefined, `${name} on a recycled handle is left undecided`);
  }
  const connectEx = entry('ConnectEx');
  assert.equal(outcome(connectEx, 'created', { socketType: 'stream' })?.error, 'WSAEINVAL', 'ConnectEx needs a bound socket');
  assert.equal(outcome(connectEx, 'bound', { socketType: 'stream' })?.to, 'connected');
  assert.equal(outcome(connectEx, 'reusable', { socketType: 'stream' })?.to, 'connected');
});

test('state rows: bind, listen, accept, AcceptEx and TransmitPackets move the socket as documented', () => {
  assert.equal(outcome(entry('bind'), 'created')?.to, 'bound');
  assert.equal(outcome(entry('bind'), 'bound')?.error, 'WSAEINVAL');
  assert.equal(outcome(entry('listen'), 'bound', { socketType: 'stream' })?.to, 'listening');
  assert.equal(outcome(entry('listen'), 'created', { socketType: 'stream' })?.error, 'WSAEINVAL');
  assert.equal(outcome(entry('listen'), 'bound', { socketType: 'datagram' })?.error, 'WSAEOPNOTSUPP');
  assert.equal(outcome(entry('accept'), 'listening', { socketType: 'stream' })?.newSocket, 'connected');
  assert.equal(outcome(entry('accept'), 'bound', { socketType: 'stream' })?.error, 'WSAEINVAL');
  for (const name of ['socket', 'WSASocketA', 'WSASocketW']) {
    assert.equal(outcome(entry(name), 'created')?.newSocket, 'created', `${name} returns a created socket`);
  }
  const acceptEx = entry('AcceptEx');
  const listenOk = outcome(acceptEx, 'listening', { socketType: 'stream' });
  assert.ok(listenOk && listenOk.error === undefined, 'AcceptEx on a listening socket');
  assert.equal(outcome(acceptEx, 'bound', { socketType: 'stream' })?.error, 'WSAEINVAL', 'AcceptEx before listen');
  assert.equal(outcome(acceptEx, 'reusable', { socketType: 'stream', socketParam: 1 })?.to, 'connected', 'AcceptEx takes a recycled accept socket');
  assert.equal(outcome(acceptEx, 'created', { socketType: 'stream', socketParam: 1 })?.to, 'connected');
  assert.equal(outcome(acceptEx, 'bound', { socketType: 'stream', socketParam: 1 })?.error, 'WSAEINVAL', 'accept socket must be unbound');
  const tp = entry('TransmitPackets');
  assert.equal(outcome(tp, 'connected', { socketType: 'stream', args: { dwFlags: 'TF_REUSE_SOCKET' } })?.to, 'reusable');
  assert.equal(outcome(tp, 'connected', { socketType: 'stream', args: { dwFlags: 'TF_DISCONNECT' } })?.to, 'both-shut');
  for (const name of ['setsockopt', 'getsockopt', 'ioctlsocket', 'WSAIoctl']) {
    const row = outcome(entry(name), 'both-shut');
    assert.ok(row && row.error === undefined && row.to === undefined, `${name} leaves the state alone`);
  }
});

test('the signature parser reads SAL-heavy prototypes correctly (self-check)', () => {
  const parsed = parseSignature(entry('ioctlsocket'));
  assert.deepEqual(parsed.params.map((p) => p.name), ['s', 'cmd', 'argp']);
  assert.equal(parsed.params[2].bareType, 'u_longFAR*');
  const recv = parseSignature(entry('recv'));
  assert.equal(recv.params[1].sal, '_Out_writes_bytes_to_(len, return) __out_data_source(NETWORK)');
  assert.equal(recv.returnType, 'int');
  assert.equal(parseSignature(entry('AcceptEx')).returnType, 'BOOL');
});
