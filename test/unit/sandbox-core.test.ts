import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateCall, validateHostToWorker, validateLimits, ValidationError } from '../../core/sandbox/validate';
import { validateWorkerToHost } from '../../core/sandbox/validateWorker';
import { SANDBOX_PROTOCOL_VERSION, type WorkerMethod } from '../../core/protocol/sandbox';
import { callText, cString } from '../../core/sandbox/callText';
import { SANDBOX_WSA_ERROR_NAMES, wsaErrorName, wsaErrorValue } from '../../core/sandbox/wsaErrors';
import { EMULATED_PROVIDERS, XP1 } from '../../core/sandbox/providers';
import { lookupSymbol } from '../../core/model/registry';
import { parseProcNetTcp } from '../../sandbox/kernelTcp';
import { isLoopback, parseAddress } from '../../sandbox/address';

test('malformed worker messages are refused with what and where', () => {
  assert.throws(() => validateHostToWorker('hello'), /message: expected an object/);
  assert.throws(() => validateHostToWorker({ kind: 'request', id: 1, method: 'explode', params: {} }), /message\.method: unknown method "explode"/);
  assert.throws(() => validateHostToWorker({ kind: 'request', id: 1, method: 'call', params: { fn: 'send', socket: 3 } }), /message\.params\.text: expected a string/);
  assert.throws(() => validateHostToWorker({ kind: 'request', id: 1, method: 'call', params: { fn: 'shutdown', socket: 3, how: 7 } }), /how: expected one of SD_RECEIVE, SD_SEND, SD_BOTH/);
  assert.throws(() => validateHostToWorker({ kind: 'request', id: -1, method: 'snapshot', params: {} }), ValidationError);
  assert.throws(() => validateCall({ fn: 'WSAStartup', extra: 1 }), /unexpected field "extra"/);
  assert.throws(() => validateCall({ fn: 'recv', socket: 3, maxBytes: 0 }), /maxBytes: expected an integer from 1/);
  assert.deepEqual(validateCall({ fn: 'WSASendDisconnect', socket: 4, data: null }), { fn: 'WSASendDisconnect', socket: 4, data: null });
  assert.deepEqual(validateHostToWorker({ kind: 'cancel', id: 9 }), { kind: 'cancel', id: 9 });
});

test('the C text of calls names sockets and escapes strings', () => {
  const name = (s: number) => `s${s}`;
  assert.equal(callText({ fn: 'WSASendDisconnect', socket: 1, data: null }, name), 'WSASendDisconnect(s1, NULL)');
  assert.equal(callText({ fn: 'send', socket: 2, text: 'héllo' }, name), 'send(s2, "héllo", 6, 0)');
  assert.equal(callText({ fn: 'shutdown', socket: 1, how: 'SD_BOTH' }, name), 'shutdown(s1, SD_BOTH)');
  assert.equal(callText({ fn: 'socket', af: 'AF_INET', type: 'SOCK_STREAM' }, name, 's3'), 's3 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)');
  assert.equal(cString('a"b\\c\n'), '"a\\"b\\\\c\\n"');
});

test('every WSA error the sandbox produces is in the model, and names come back from numbers', () => {
  for (const name of SANDBOX_WSA_ERROR_NAMES) {
    assert.equal(lookupSymbol(name)?.kind, 'error', `${name} is not an error of the model`);
    assert.equal(wsaErrorName(wsaErrorValue(name)), name);
  }
  assert.equal(wsaErrorValue('WSAESHUTDOWN'), 10058);
  assert.equal(wsaErrorName(10058), 'WSAESHUTDOWN');
  assert.equal(wsaErrorName(0), 'NO_ERROR');
  assert.equal(wsaErrorName(4), 'error 4');
});

test('the emulated providers are Windows-like and none offers disconnect data', () => {
  assert.ok(EMULATED_PROVIDERS.some((p) => p.protocol === 6));
  assert.ok(EMULATED_PROVIDERS.some((p) => p.protocol === 17));
  for (const p of EMULATED_PROVIDERS) {
    assert.equal(p.serviceFlags1 & XP1.DISCONNECT_DATA, 0, p.name);
    assert.equal(p.disconnectData, false);
  }
});

test('/proc/net/tcp rows are read by port and state', () => {
  const text = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:9C40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0',
    '   1: 0100007F:B1A2 0100007F:9C40 05 00000000:00000000 00:00000000 00000000     0        0 2 1 0000000000000000 20 4 30 10 -1',
  ].join('\n');
  const rows = parseProcNetTcp(text);
  assert.deepEqual(rows, [
    { localPort: 0x9c40, remotePort: 0, state: 'LISTEN', localIp: '127.0.0.1' },
    { localPort: 0xb1a2, remotePort: 0x9c40, state: 'FIN_WAIT2', localIp: '127.0.0.1' },
  ]);
});

test('only loopback addresses count as loopback', () => {
  const lb = (a: string) => {
    const p = parseAddress(a);
    return p !== undefined && isLoopback(p);
  };
  assert.equal(lb('127.0.0.1'), true);
  assert.equal(lb('127.5.6.7'), true);
  assert.equal(lb('::1'), true);
  assert.equal(lb('[::1]'), true);
  assert.equal(lb('::ffff:127.0.0.1'), true);
  assert.equal(lb('10.0.0.1'), false);
  assert.equal(lb('0.0.0.0'), false);
  assert.equal(lb('::'), false);
  assert.equal(parseAddress('example.com'), undefined);
});

test('the validators are total: odd values are a ValidationError, never a TypeError or RangeError', () => {
  const refused = (f: () => unknown, pattern: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof ValidationError && pattern.test(e.message), `expected a ValidationError matching ${pattern}`);
  // A BigInt where a number goes (JSON.stringify throws a TypeError on one).
  refused(() => validateCall({ fn: 'send', socket: 3n, text: 'x' }), /call\.socket: expected an integer from 0 to \d+, got 3n/);
  refused(() => validateHostToWorker({ kind: 'request', id: 1n, method: 'snapshot', params: {} }), /message\.id: expected an integer/);
  // A cycle and a very deep value in the message text.
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  refused(() => validateCall({ fn: cyclic }), /call\.fn: unknown function a value that is not plain JSON data/);
  let deep: unknown = [];
  for (let i = 0; i < 200_000; i++) deep = [deep];
  refused(() => validateCall({ fn: deep }), /call\.fn: unknown function/);
  // A getter that throws, and a Proxy whose traps throw.
  refused(() => validateCall({ get fn(): string { throw new TypeError('boom'); } }), /call: could not be read as plain data \(TypeError: boom\)/);
  const trap = new Proxy({}, { ownKeys: () => { throw new RangeError('no keys'); }, getPrototypeOf: () => Object.prototype });
  refused(() => validateHostToWorker({ kind: 'request', id: 1, method: 'snapshot', params: trap }), /could not be read as plain data \(RangeError: no keys\)/);
  // A Date, a RegExp or a class instance where a plain object is expected.
  refused(() => validateHostToWorker({ kind: 'request', id: 1, method: 'snapshot', params: new Date(0) }), /message\.params: expected \{\}/);
  refused(() => validateHostToWorker({ kind: 'request', id: 1, method: 'reset', params: /x/ }), /message\.params: expected \{\}/);
  refused(() => validateCall(Object.assign(new Date(0), { fn: 'WSAStartup' })), /call: expected an object/);
  refused(() => validateCall({ fn: 'setsockopt', socket: 3, option: Object.assign(/x/, { name: 'SO_RCVTIMEO', ms: 5 }) }), /call\.option: expected an object/);
  refused(() => validateLimits(Object.assign(new Map(), { allowRemoteHosts: false, callTimeoutMs: 5, maxSockets: 1 })), /limits: expected an object/);
  refused(() => validateWorkerToHost(new Date(0)), /message: expected a plain object, got a Date object/);
});

test('worker messages are checked with the protocol: shapes, the result per method, the protocol version', () => {
  const refused = (v: unknown, pattern: RegExp, method?: WorkerMethod) =>
    assert.throws(() => validateWorkerToHost(v, () => method), (e: unknown) => e instanceof ValidationError && pattern.test(e.message), `expected ${pattern}`);
  refused({ kind: 'response', id: 1, ok: false }, /message\.error: missing/);
  refused({ kind: 'response', id: 1, ok: false, error: { code: 'crashed', message: 'x' } }, /message\.error\.code: expected one of/);
  refused({ kind: 'response', id: 1, ok: 'yes' }, /message\.ok: expected true or false/);
  refused({ kind: 'response', id: 1, ok: true }, /message\.result: missing/);
  refused({ kind: 'response', id: 1, ok: true, result: 5 }, /message\.result \(answer to snapshot\): expected a plain object/, 'snapshot');
  refused({ kind: 'response', id: 1, ok: true, result: { seq: 1, time: 0, side: 'app', text: 'x', stateAfter: 'flying' } }, /stateAfter: expected one of created/, 'call');
  refused({ kind: 'event', event: 'ready', backend: 'posix', platform: 'linux', version: SANDBOX_PROTOCOL_VERSION + 1 }, /speaks sandbox protocol version 2, this extension speaks version 1/);
  refused({ kind: 'event', event: 'ready', backend: 'posix', platform: 'linux' }, /message\.version: missing/);
  refused({ kind: 'event', event: 'journal', entry: { seq: 1, time: 0, side: 'app', text: 'x', call: { fn: 'system' } } }, /message\.entry\.call\.fn: unknown function "system"/);
  refused({ kind: 'event', event: 'shout' }, /message\.event: expected ready, journal or log/);
  refused({ kind: 'gossip' }, /message\.kind: expected "response" or "event"/);
  const ok = { kind: 'response', id: 3, ok: true, result: { backend: 'posix', platform: 'linux', initialized: true, sockets: [{ handle: 5, type: 'SOCK_STREAM', state: 'connected', localPort: 4000 }] } };
  assert.equal(validateWorkerToHost(ok, () => 'snapshot'), ok);
  // An answer to no pending request is left for the client to drop.
  assert.equal(validateWorkerToHost({ kind: 'response', id: 99, ok: true, result: 'anything' }).kind, 'response');
});
