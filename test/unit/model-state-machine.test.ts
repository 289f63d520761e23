// The socket state machine, driven by the transition rows of the function entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  argsByPosition,
  errorName,
  errorValue,
  functionsWithRole,
  predictCall,
  socketArgIndex,
  type CallArgs,
  type CallEnv,
  type CallPrediction,
} from '../../core/model/stateMachine';
import { allEntries, lookupFunction } from '../../core/model/registry';
import type { FunctionEntry, SocketState } from '../../core/model/types';

const TCP: CallEnv = { initialized: true, socketType: 'stream', providerHasDisconnectData: false };
const UDP: CallEnv = { ...TCP, socketType: 'dgram' };
const NO_DATA = { lpOutboundDisconnectData: 'NULL' };

function predict(fn: string, state: SocketState | undefined, args: CallArgs, env: CallEnv = TCP): CallPrediction {
  const p = predictCall(fn, state, args, env);
  assert.ok(p, `the model has nothing to say about ${fn}`);
  for (const lang of ['en', 'ru'] as const) assert.ok(p.reason[lang].includes(fn), `${fn}: the ${lang} reason does not name the call: ${p.reason[lang]}`);
  assert.match(p.reason.ru, /[а-яё]/i);
  return p;
}

function expectOk(p: CallPrediction, next: SocketState | undefined): void {
  assert.equal(p.uncertain, undefined, `uncertain: ${p.reason.en}`);
  assert.equal(p.ok, true, p.reason.en);
  assert.equal(p.error, undefined);
  assert.equal(p.next, next);
}

function expectError(p: CallPrediction, error: string): void {
  assert.equal(p.uncertain, undefined, `uncertain: ${p.reason.en}`);
  assert.equal(p.ok, false, `expected ${error}, the model says ok: ${p.reason.en}`);
  assert.equal(p.error, error, p.reason.en);
  assert.ok(p.reason.en.includes(error) && p.reason.ru.includes(error), 'the reason names the error');
}

const socketFunctions = (): FunctionEntry[] =>
  allEntries().filter((e): e is FunctionEntry => e.kind === 'function' && e.socketParam !== undefined);

test('WSASendDisconnect: connected → send-shut, receive-shut → both-shut, a second call still succeeds', () => {
  expectOk(predict('WSASendDisconnect', 'connected', NO_DATA), 'send-shut');
  expectOk(predict('WSASendDisconnect', 'receive-shut', NO_DATA), 'both-shut');
  expectOk(predict('WSASendDisconnect', 'send-shut', NO_DATA), 'send-shut');
  expectOk(predict('WSASendDisconnect', 'both-shut', { lpOutboundDisconnectData: null }), 'both-shut');
});

test('WSASendDisconnect on a stream socket without a connection → WSAENOTCONN', () => {
  for (const state of ['created', 'bound', 'listening', 'reusable'] as const) {
    const p = predict('WSASendDisconnect', state, NO_DATA);
    expectError(p, 'WSAENOTCONN');
    assert.equal(p.next, state, 'a failed call leaves the state alone');
  }
});

test('non-NULL disconnect data on a provider without XP1_DISCONNECT_DATA (TCP) → WSAENOPROTOOPT; with the flag it succeeds', () => {
  for (const data of ['&buf', '&wsabuf', 1234]) {
    expectError(predict('WSASendDisconnect', 'connected', { lpOutboundDisconnectData: data }), 'WSAENOPROTOOPT');
  }
  expectOk(predict('WSASendDisconnect', 'connected', { lpOutboundDisconnectData: '&buf' }, { ...TCP, providerHasDisconnectData: true }), 'send-shut');
});

test('an argument the caller cannot know makes the prediction uncertain, not wrong', () => {
  const p = predict('WSASendDisconnect', 'connected', { lpOutboundDisconnectData: 'pData' });
  assert.equal(p.uncertain, true);
  assert.equal(p.error, undefined);
  assert.match(p.reason.en, /lpOutboundDisconnectData/);
  assert.equal(predict('shutdown', 'connected', { how: 'how' }).uncertain, true);
  assert.equal(predict('shutdown', 'connected', {}).uncertain, true, 'a missing argument is unknown');
  // The socket type matters for an unconnected socket, so unknown → uncertain; for a connected one it does not.
  assert.equal(predict('WSASendDisconnect', 'created', NO_DATA, { ...TCP, socketType: 'unknown' }).uncertain, true);
  expectOk(predict('WSASendDisconnect', 'connected', NO_DATA, { ...TCP, socketType: 'unknown' }), 'send-shut');
});

test('before WSAStartup → WSANOTINITIALISED, except WSAStartup, WSAGetLastError and WSASetLastError', () => {
  const off: CallEnv = { ...TCP, initialized: false };
  for (const fn of ['WSASendDisconnect', 'WSARecvDisconnect', 'shutdown', 'closesocket', 'WSACleanup', 'WSAEnumProtocolsW', 'socket', 'send', 'connect']) {
    assert.ok(lookupFunction(fn), `${fn} is in the model`);
    expectError(predict(fn, lookupFunction(fn)?.socketParam === undefined ? undefined : 'connected', {}, off), 'WSANOTINITIALISED');
  }
  expectOk(predict('WSAStartup', undefined, { wVersionRequested: '0x0202', lpWSAData: '&wsaData' }, off), undefined);
  expectOk(predict('WSAGetLastError', undefined, {}, off), undefined);
  expectOk(predict('WSASetLastError', undefined, { iError: 0 }, off), undefined);
});

test('anything on a closed socket → WSAENOTSOCK (every function of the model that takes a socket)', () => {
  const fns = socketFunctions();
  assert.ok(fns.length >= 10, `only ${fns.length} socket functions in the model`);
  for (const fn of fns) {
    const p = predict(fn.name, 'closed', {});
    expectError(p, 'WSAENOTSOCK');
    assert.equal(p.next, 'closed');
  }
});

test('closesocket closes from every open state', () => {
  for (const state of ['created', 'bound', 'listening', 'connecting', 'connected', 'send-shut', 'receive-shut', 'both-shut', 'reusable'] as const) {
    expectOk(predict('closesocket', state, {}), 'closed');
  }
});

test('shutdown follows `how`; a bad `how` → WSAEINVAL', () => {
  const table: [SocketState, string | number, SocketState][] = [
    ['connected', 'SD_SEND', 'send-shut'],
    ['connected', 1, 'send-shut'],
    ['connected', 'SD_RECEIVE', 'receive-shut'],
    ['connected', 'SD_BOTH', 'both-shut'],
    ['send-shut', 'SD_SEND', 'send-shut'],
    ['send-shut', 'SD_RECEIVE', 'both-shut'],
    ['receive-shut', 'SD_SEND', 'both-shut'],
    ['receive-shut', '0', 'receive-shut'],
    ['both-shut', 'SD_BOTH', 'both-shut'],
  ];
  for (const [from, how, to] of table) expectOk(predict('shutdown', from, { how }), to);
  expectError(predict('shutdown', 'connected', { how: 3 }), 'WSAEINVAL');
  expectError(predict('shutdown', 'connected', { how: -1 }), 'WSAEINVAL');
  expectError(predict('shutdown', 'created', { how: 'SD_SEND' }), 'WSAENOTCONN');
  expectOk(predict('shutdown', 'created', { how: 'SD_SEND' }, UDP), 'created');
});

test('WSARecvDisconnect: connected → receive-shut, send-shut → both-shut; data on TCP is left open by the docs', () => {
  expectOk(predict('WSARecvDisconnect', 'connected', { lpInboundDisconnectData: null }), 'receive-shut');
  expectOk(predict('WSARecvDisconnect', 'send-shut', { lpInboundDisconnectData: null }), 'both-shut');
  expectError(predict('WSARecvDisconnect', 'bound', { lpInboundDisconnectData: null }), 'WSAENOTCONN');
  const p = predict('WSARecvDisconnect', 'connected', { lpInboundDisconnectData: '&buf' });
  assert.equal(p.uncertain, true);
  assert.equal(p.rule, 'undetermined');
  assert.match(p.reason.en, /WSAENOPROTOOPT/);
});

test('DisconnectEx: TF_REUSE_SOCKET → reusable, 0 → both-shut, bad flags or dwReserved → WSAEINVAL, unconnected → WSAENOTCONN', () => {
  const args = (dwFlags: string | number, dwReserved: string | number = 0): CallArgs => ({ s: 's', lpOverlapped: 'NULL', dwFlags, dwReserved });
  expectOk(predict('DisconnectEx', 'connected', args('TF_REUSE_SOCKET')), 'reusable');
  expectOk(predict('DisconnectEx', 'send-shut', args(2)), 'reusable');
  expectOk(predict('DisconnectEx', 'connected', args(0)), 'both-shut');
  expectError(predict('DisconnectEx', 'connected', args('TF_DISCONNECT')), 'WSAEINVAL');
  expectError(predict('DisconnectEx', 'connected', args('TF_REUSE_SOCKET', 1)), 'WSAEINVAL');
  expectError(predict('DisconnectEx', 'created', args(0)), 'WSAENOTCONN');
  assert.equal(predict('DisconnectEx', 'connected', args(0), UDP).uncertain, true, 'datagram sockets: unsupported, error undocumented');
});

test('TransmitFile: TF_DISCONNECT → both-shut, with TF_REUSE_SOCKET → reusable, after a send shutdown → WSAESHUTDOWN', () => {
  expectOk(predict('TransmitFile', 'connected', { dwReserved: 'TF_DISCONNECT' }), 'both-shut');
  expectOk(predict('TransmitFile', 'connected', { dwReserved: 'TF_DISCONNECT | TF_REUSE_SOCKET' }), 'reusable');
  expectOk(predict('TransmitFile', 'connected', { dwReserved: '(DWORD)0' }), 'connected');
  expectError(predict('TransmitFile', 'send-shut', { dwReserved: 0 }), 'WSAESHUTDOWN');
  assert.equal(predict('TransmitFile', 'connected', { dwReserved: 'TF_REUSE_SOCKET' }).uncertain, true);
});

test('the architecture walk: send after WSASendDisconnect → WSAESHUTDOWN, connect on it → WSAEISCONN, recv still works, then closesocket → WSAENOTSOCK', () => {
  for (const fn of ['send', 'connect', 'recv']) assert.ok(lookupFunction(fn), `${fn} is in the model`);
  let state: SocketState = 'connected';
  const step = (fn: string, args: CallArgs): CallPrediction => {
    const p = predict(fn, state, args);
    if (p.next) state = p.next;
    return p;
  };
  expectOk(step('WSASendDisconnect', argsByPosition('WSASendDisconnect', ['s', 'NULL'])), 'send-shut');
  expectError(step('send', argsByPosition('send', ['s', '"x"', 1, 0])), 'WSAESHUTDOWN');
  expectError(step('WSASend', {}), 'WSAESHUTDOWN');
  expectError(step('connect', argsByPosition('connect', ['s', '(SOCKADDR*)&addr', 'sizeof addr'])), 'WSAEISCONN');
  assert.equal(step('recv', argsByPosition('recv', ['s', 'buf', 'sizeof buf', 0])).ok, true);
  assert.equal(state, 'send-shut');
  expectOk(step('closesocket', {}), 'closed');
  expectError(step('WSASendDisconnect', NO_DATA), 'WSAENOTSOCK');
  expectError(step('send', {}), 'WSAENOTSOCK');
  expectError(step('closesocket', {}), 'WSAENOTSOCK');
});

test('connect after DisconnectEx without TF_REUSE_SOCKET → WSAEISCONN (as Wine\'s tests observe)', () => {
  const after = predict('DisconnectEx', 'connected', { dwFlags: 0, dwReserved: 0 }).next;
  assert.equal(after, 'both-shut');
  expectError(predict('connect', after, {}), 'WSAEISCONN');
});

test('functions the model does not know, or says nothing about, give undefined', () => {
  assert.equal(predictCall('NoSuchFunction', 'connected', {}, TCP), undefined);
  assert.equal(predictCall('QueueUserAPC', undefined, {}, TCP), undefined);
});

test('helpers: errorName, errorValue, socketArgIndex, functionsWithRole, argsByPosition', () => {
  assert.equal(errorName(10058), 'WSAESHUTDOWN');
  assert.equal(errorName(10093), 'WSANOTINITIALISED');
  assert.equal(errorName(997), 'WSA_IO_PENDING');
  assert.equal(errorName(4242), undefined);
  assert.equal(errorValue('WSAENOPROTOOPT'), 10042);
  assert.equal(errorValue('ERROR_IO_PENDING'), 997);
  assert.equal(errorValue('ERROR_OPERATION_ABORTED'), 995);
  assert.equal(errorValue('SD_SEND'), undefined, 'a constant is not an error');
  assert.equal(socketArgIndex('WSASendDisconnect'), 0);
  assert.equal(socketArgIndex('WSAStartup'), undefined);
  assert.equal(socketArgIndex('nope'), undefined);
  const senders = functionsWithRole('disconnect-send').map((f) => f.name);
  assert.ok(senders.includes('WSASendDisconnect') && senders.includes('shutdown'), senders.join(','));
  assert.ok(!senders.includes('WSARecvDisconnect'));
  assert.deepEqual(functionsWithRole('apc').map((f) => f.name), ['QueueUserAPC']);
  assert.deepEqual(argsByPosition('shutdown', ['s', 'SD_SEND']), { s: 's', how: 'SD_SEND' });
});
