import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateCall, validateHostToWorker, ValidationError } from '../../core/sandbox/validate';
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
    { localPort: 0x9c40, remotePort: 0, state: 'LISTEN' },
    { localPort: 0xb1a2, remotePort: 0x9c40, state: 'FIN_WAIT2' },
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
