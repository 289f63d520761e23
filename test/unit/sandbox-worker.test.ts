// The sandbox worker, for real: a forked worker process, the posix backend over libc through
// koffi, real sockets on 127.0.0.1 and the loopback peer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SandboxClient } from '../../sandbox/client';
import { SandboxClientError } from '../../sandbox/client';
import { newSocket, recordEvents, startClient, TEST_WORKER, waitFor, buildWorker } from './sandbox-harness';

const linux = process.platform === 'linux';
let client: SandboxClient;
let rec: ReturnType<typeof recordEvents>;

before(async () => {
  client = await startClient();
  rec = recordEvents(client);
});
after(async () => {
  await client.dispose();
});

let mark = 0;
/** Journal entries since the last connected() (handles are reused across sessions). */
const recent = () => rec.journal().filter((e) => e.seq > mark);

async function connected(behaviour: 'echo' | 'sink' | 'silent' | 'send-then-close' | 'abortive-reset'): Promise<number> {
  await client.reset();
  mark = rec.journal().at(-1)?.seq ?? 0;
  await client.call({ fn: 'WSAStartup' });
  await client.startPeer(behaviour);
  const s = await newSocket(client);
  const e = await client.call({ fn: 'connect', socket: s, address: 'peer', port: 0 });
  assert.equal(e.wsaError, 0, e.text);
  return s;
}

test('the worker reports the posix backend and the kernel state source', async () => {
  assert.equal(client.backend, 'posix');
  const snap = await client.snapshot();
  assert.equal(snap.backend, 'posix');
  assert.equal(snap.kernelStateSource, linux ? 'procfs' : 'unavailable');
});

test('graceful close: WSASendDisconnect(s, NULL) succeeds, the peer sees FIN, send gives WSAESHUTDOWN, recv still works', async () => {
  const s = await connected('echo');
  const sent = await client.call({ fn: 'send', socket: s, text: 'ping' });
  assert.equal(sent.bytesOut, 4);
  const echoed = await client.call({ fn: 'recv', socket: s, maxBytes: 64 });
  assert.equal(echoed.data, 'ping');
  const d = await client.call({ fn: 'WSASendDisconnect', socket: s, data: null });
  assert.equal(d.returnValue, '0');
  assert.equal(d.wsaErrorName, 'NO_ERROR');
  assert.equal(d.stateBefore, 'connected');
  assert.equal(d.stateAfter, 'send-shut');
  assert.equal(d.text, `WSASendDisconnect(${d.socketName}, NULL)`);
  await waitFor('the peer to see FIN', () => recent().find((e) => e.side === 'peer' && e.peerEvent === 'fin' && e.socket === s));
  const again = await client.call({ fn: 'send', socket: s, text: 'late' });
  assert.equal(again.returnValue, 'SOCKET_ERROR');
  assert.equal(again.wsaErrorName, 'WSAESHUTDOWN');
  assert.equal(again.wsaError, 10058);
  // The echo peer answers the FIN by closing its side: recv then returns 0.
  const end = await client.call({ fn: 'recv', socket: s, maxBytes: 64 });
  assert.equal(end.returnValue, '0');
  const reconnect = await client.call({ fn: 'connect', socket: s, address: 'peer', port: 0 });
  assert.equal(reconnect.wsaErrorName, 'WSAEISCONN');
  // The model predicted each of these outcomes.
  const app = recent().filter((e) => e.side === 'app');
  assert.ok(app.every((e) => e.prediction !== undefined), 'every call has a prediction');
  assert.deepEqual(app.filter((e) => e.divergence).map((e) => `${e.text}: ${e.divergence}`), []);
  assert.equal(again.prediction?.error, 'WSAESHUTDOWN');
});

test('a result that differs from the prediction is marked as a divergence (in-process session, real posix backend, a deliberately wrong predictor)', async () => {
  const { SandboxSession } = await import('../../sandbox/session');
  const { PosixBackend } = await import('../../sandbox/backends/posix');
  const entries: import('../../core/protocol/sandbox').JournalEntry[] = [];
  const session = new SandboxSession(new PosixBackend(), (e) => entries.push(e), () => ({ ok: false, error: 'WSAENETDOWN' }));
  try {
    const e = await session.call({ fn: 'WSAStartup' });
    assert.match(e.divergence ?? '', /expected WSAENETDOWN, the backend gave success/);
  } finally {
    await session.reset();
  }
});

test('the kernel shows FIN_WAIT2 after WSASendDisconnect while the peer stays silent', { skip: !linux && 'procfs is Linux only' }, async () => {
  const s = await connected('silent');
  await client.call({ fn: 'WSASendDisconnect', socket: s, data: null });
  const state = await waitFor('FIN_WAIT2', async () => {
    const snap = await client.snapshot();
    const k = snap.sockets.find((x) => x.handle === s)?.kernelState;
    return k === 'FIN_WAIT2' ? k : undefined;
  });
  assert.equal(state, 'FIN_WAIT2');
});

test('SO_LINGER does not make WSASendDisconnect wait for a peer that never reads', async () => {
  const s = await connected('silent');
  await client.call({ fn: 'setsockopt', socket: s, option: { name: 'SO_LINGER', onoff: 1, linger: 30 } });
  await client.call({ fn: 'send', socket: s, text: 'x'.repeat(1000) });
  const d = await client.call({ fn: 'WSASendDisconnect', socket: s, data: null });
  assert.equal(d.returnValue, '0');
  assert.ok(!recent().some((e) => e.side === 'peer' && e.peerEvent === 'received' && e.socket === s), 'the silent peer read nothing');
});

test('errors: disconnect data on TCP, before connect, after closesocket, before WSAStartup', async () => {
  const s = await connected('sink');
  const data = await client.call({ fn: 'WSASendDisconnect', socket: s, data: 'bye' });
  assert.equal(data.wsaErrorName, 'WSAENOPROTOOPT');
  assert.equal(data.emulated, true);
  const fresh = await newSocket(client);
  assert.equal((await client.call({ fn: 'WSASendDisconnect', socket: fresh, data: null })).wsaErrorName, 'WSAENOTCONN');
  assert.equal((await client.call({ fn: 'shutdown', socket: fresh, how: 'SD_SEND' })).wsaErrorName, 'WSAENOTCONN');
  await client.call({ fn: 'closesocket', socket: s });
  const closed = await client.call({ fn: 'WSASendDisconnect', socket: s, data: null });
  assert.equal(closed.wsaErrorName, 'WSAENOTSOCK');
  assert.equal(closed.stateBefore, 'closed');
  const last = await client.call({ fn: 'WSAGetLastError' });
  assert.equal(last.returnValue, '10038');
  await client.reset();
  const early = await client.call({ fn: 'socket', af: 'AF_INET', type: 'SOCK_STREAM' });
  assert.equal(early.returnValue, 'INVALID_SOCKET');
  assert.equal(early.wsaErrorName, 'WSANOTINITIALISED');
});

test('WSAEnumProtocolsW lists TCP providers and none has XP1_DISCONNECT_DATA', async () => {
  await client.reset();
  await client.call({ fn: 'WSAStartup' });
  const e = await client.call({ fn: 'WSAEnumProtocolsW' });
  assert.ok(e.providers && e.providers.some((p) => p.protocol === 6));
  assert.ok(e.providers.every((p) => !p.disconnectData));
});

test('the peer sees an RST and the app sees WSAECONNRESET after an abortive reset', async () => {
  const s = await connected('abortive-reset');
  await waitFor('the peer to reset', () => recent().find((e) => e.side === 'peer' && e.peerEvent === 'closed' && e.socket === s));
  const r = await client.call({ fn: 'recv', socket: s, maxBytes: 16 });
  assert.equal(r.wsaErrorName, 'WSAECONNRESET');
});

test('a blocking recv does not block the worker, times out after callTimeoutMs, and can be cancelled', async () => {
  const s = await connected('silent');
  await client.configure({ allowRemoteHosts: false, callTimeoutMs: 300, maxSockets: 64 });
  try {
    const pending = client.call({ fn: 'recv', socket: s, maxBytes: 16 });
    // While the recv waits, the worker still answers.
    const snap = await client.snapshot();
    assert.equal(snap.sockets.length, 1);
    await assert.rejects(pending, (e: unknown) => e instanceof SandboxClientError && e.code === 'timeout');
    await client.configure({ allowRemoteHosts: false, callTimeoutMs: 5000, maxSockets: 64 });
    const ac = new AbortController();
    const cancelled = client.call({ fn: 'recv', socket: s, maxBytes: 16 }, { signal: ac.signal });
    setTimeout(() => ac.abort(), 30);
    await assert.rejects(cancelled, (e: unknown) => e instanceof SandboxClientError && e.code === 'cancelled');
    assert.ok(rec.journal().some((e) => e.outcome === 'cancelled'));
    // SO_RCVTIMEO gives WSAETIMEDOUT.
    await client.call({ fn: 'setsockopt', socket: s, option: { name: 'SO_RCVTIMEO', ms: 50 } });
    assert.equal((await client.call({ fn: 'recv', socket: s, maxBytes: 16 })).wsaErrorName, 'WSAETIMEDOUT');
    // FIONBIO: WSAEWOULDBLOCK at once.
    await client.call({ fn: 'ioctlsocket', socket: s, command: 'FIONBIO', value: 1 });
    assert.equal((await client.call({ fn: 'recv', socket: s, maxBytes: 16 })).wsaErrorName, 'WSAEWOULDBLOCK');
  } finally {
    await client.configure({ allowRemoteHosts: false, callTimeoutMs: 5000, maxSockets: 64 });
  }
});

test('a lingering closesocket waits off the event loop and gives up after callTimeoutMs', async () => {
  const s = await connected('silent');
  // Fill the silent peer's receive window and our send buffer, so that data stays unacknowledged.
  await client.call({ fn: 'ioctlsocket', socket: s, command: 'FIONBIO', value: 1 });
  const chunk = 'x'.repeat(65536);
  let blocked = false;
  for (let i = 0; i < 2000 && !blocked; i++) blocked = (await client.call({ fn: 'send', socket: s, text: chunk })).wsaErrorName === 'WSAEWOULDBLOCK';
  assert.ok(blocked, 'the send buffer filled up');
  await client.call({ fn: 'ioctlsocket', socket: s, command: 'FIONBIO', value: 0 });
  await client.call({ fn: 'setsockopt', socket: s, option: { name: 'SO_LINGER', onoff: 1, linger: 3 } });
  await client.configure({ allowRemoteHosts: false, callTimeoutMs: 400, maxSockets: 64 });
  try {
    const closing = client.call({ fn: 'closesocket', socket: s });
    const snap = await client.snapshot(); // answered while the close lingers
    assert.equal(snap.backend, 'posix');
    await assert.rejects(closing, (e: unknown) => e instanceof SandboxClientError && e.code === 'timeout');
    assert.equal((await client.snapshot()).sockets.some((x) => x.handle === s), false, 'the closing socket left the session');
  } finally {
    await client.configure({ allowRemoteHosts: false, callTimeoutMs: 5000, maxSockets: 64 });
  }
});

test('only loopback addresses unless allowRemoteHosts; at most maxSockets sockets', async () => {
  await client.reset();
  await client.call({ fn: 'WSAStartup' });
  const s = await newSocket(client);
  await assert.rejects(client.call({ fn: 'connect', socket: s, address: '192.0.2.1', port: 80 }), (e: unknown) => e instanceof SandboxClientError && e.code === 'refused-address' && /allowRemoteHosts/.test(e.message));
  await assert.rejects(client.call({ fn: 'bind', socket: s, address: '0.0.0.0', port: 0 }), (e: unknown) => e instanceof SandboxClientError && e.code === 'refused-address');
  await client.configure({ allowRemoteHosts: false, callTimeoutMs: 5000, maxSockets: 3 });
  try {
    await newSocket(client);
    await newSocket(client);
    await assert.rejects(client.call({ fn: 'socket', af: 'AF_INET', type: 'SOCK_STREAM' }), (e: unknown) => e instanceof SandboxClientError && e.code === 'limit');
  } finally {
    await client.configure({ allowRemoteHosts: false, callTimeoutMs: 5000, maxSockets: 64 });
  }
});

test('bind, listen, accept and connect between two sandbox sockets', async () => {
  await client.reset();
  await client.call({ fn: 'WSAStartup' });
  const l = await newSocket(client);
  await client.call({ fn: 'bind', socket: l, address: '127.0.0.1', port: 0 });
  assert.equal((await client.call({ fn: 'listen', socket: l, backlog: 4 })).stateAfter, 'listening');
  const port = (await client.snapshot()).sockets.find((x) => x.handle === l)?.localPort;
  assert.ok(port);
  const c = await newSocket(client);
  const acc = client.call({ fn: 'accept', socket: l });
  await client.call({ fn: 'connect', socket: c, address: '127.0.0.1', port });
  const a = (await acc).newSocket;
  assert.ok(a !== undefined);
  await client.call({ fn: 'shutdown', socket: c, how: 'SD_SEND' });
  assert.equal((await client.call({ fn: 'recv', socket: a, maxBytes: 8 })).returnValue, '0');
  const info = await client.call({ fn: 'getsockopt', socket: c, option: 'SO_PROTOCOL_INFOW' });
  assert.equal(info.optionValue?.name, 'SO_PROTOCOL_INFOW');
});

test('a malformed request is refused, not acted on', async () => {
  await assert.rejects(client.raw('call', { fn: 'send', socket: 'three' }), (e: unknown) => e instanceof SandboxClientError && e.code === 'bad-request' && /socket/.test(e.message));
  assert.equal((await client.snapshot()).backend, 'posix');
});

test('a SIGSEGV in native code kills only the worker: the client reports it and starts a new one', async () => {
  const own = await startClient();
  try {
    const r = recordEvents(own);
    const firstPid = own.pid;
    await own.call({ fn: 'WSAStartup' });
    const pending = own.call({ fn: 'socket', af: 'AF_INET', type: 'SOCK_STREAM' });
    await own.raw('crashForTest', {});
    await pending.catch(() => undefined);
    const crashed = await waitFor('the crash event', () => r.events.find((e) => e.event === 'crashed'), 15000);
    assert.equal(crashed.event === 'crashed' && crashed.signal, 'SIGSEGV');
    await waitFor('the restart', () => r.events.find((e) => e.event === 'restarted'), 15000);
    assert.notEqual(own.pid, firstPid);
    // The new worker is a fresh session.
    assert.equal((await own.call({ fn: 'socket', af: 'AF_INET', type: 'SOCK_STREAM' })).wsaErrorName, 'WSANOTINITIALISED');
  } finally {
    await own.dispose();
  }
});

test('a worker that cannot start makes start() fail with the reason, and is not restarted', async () => {
  const { SandboxClient } = await import('../../sandbox/client');
  await assert.rejects(
    SandboxClient.start({ workerPath: path.join(path.dirname(TEST_WORKER), 'no-such-worker.js'), stdio: 'ignore', startTimeoutMs: 20000 }),
    (e: unknown) => e instanceof SandboxClientError && e.code === 'crashed' && /exited with code 1 before it was ready/.test(e.message),
  );
});

test('the test hooks are refused unless the worker was started for tests', async () => {
  const plain = await startClient({ env: {} });
  try {
    await assert.rejects(plain.raw('crashForTest', {}), (e: unknown) => e instanceof SandboxClientError && e.code === 'bad-request');
  } finally {
    await plain.dispose();
  }
});

test('dispose ends the worker; so does the death of its parent', async () => {
  const own = await startClient();
  const pid = own.pid!;
  await own.dispose();
  assert.throws(() => process.kill(pid, 0));
  // A parent that dies without disposing: the worker notices the disconnect and exits.
  await buildWorker();
  const parentScript = path.join(path.dirname(TEST_WORKER), 'sandbox-orphan-parent.cjs');
  assert.ok(existsSync(TEST_WORKER));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(parentScript, `const { fork } = require('node:child_process');
const w = fork(${JSON.stringify(TEST_WORKER)}, [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
w.on('message', (m) => { if (m.event === 'ready') process.send({ worker: w.pid }); });`);
  const parent = fork(parentScript, [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], execArgv: [] });
  const workerPid = await new Promise<number>((res) => parent.on('message', (m: { worker: number }) => res(m.worker)));
  parent.kill('SIGKILL');
  await waitFor('the orphaned worker to exit', () => {
    try {
      process.kill(workerPid, 0);
      return undefined;
    } catch {
      return true;
    }
  });
});

test('a call on a closed descriptor is never made natively: WSAENOTSOCK (emulated) whether the number is free or reused by the peer', async () => {
  const a = await connected('echo');
  const b = await newSocket(client);
  await client.call({ fn: 'closesocket', socket: a });
  await client.call({ fn: 'closesocket', socket: b });
  // The number is free now: a native send would give EBADF; the answer must not depend on that.
  for (const call of [
    { fn: 'send', socket: b, text: 'x' },
    { fn: 'recv', socket: b, maxBytes: 1 },
    { fn: 'shutdown', socket: b, how: 'SD_SEND' },
    { fn: 'closesocket', socket: b },
  ] as const) {
    const e = await client.call(call);
    assert.equal(e.wsaErrorName, 'WSAENOTSOCK', e.text);
    assert.equal(e.emulated, true, `${e.text} was made natively on a closed descriptor`);
    assert.match(e.emulationNote ?? '', /not a socket of this session/);
  }
  // Now the lower free number goes to a new session socket and, on connect, the peer's accepted
  // socket in the worker takes the next one, which may be b's: a send on b must not reach it.
  const c = await newSocket(client);
  await client.call({ fn: 'connect', socket: c, address: 'peer', port: 0 });
  await waitFor('the peer to accept', () => recent().find((e) => e.side === 'peer' && e.peerEvent === 'accepted' && e.socket === c));
  const late = await client.call({ fn: 'send', socket: b, text: 'stray' });
  assert.equal(late.wsaErrorName, 'WSAENOTSOCK');
  assert.equal(late.emulated, true);
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(!recent().some((e) => e.side === 'peer' && e.peerEvent === 'received'), 'the peer received nothing');
});

test('the peer\'s "accepted" entry comes after the connect and before the call that follows it, every time', async () => {
  for (let i = 0; i < 25; i++) {
    const s = await connected('sink');
    // No wait here: the next request goes out as soon as connect answered (as a recipe's does).
    const d = await client.call({ fn: 'WSASendDisconnect', socket: s, data: null });
    const conn = recent().find((e) => e.side === 'app' && e.call?.fn === 'connect' && e.socket === s);
    const accepted = recent().find((e) => e.side === 'peer' && e.peerEvent === 'accepted' && e.socket === s);
    assert.ok(conn && accepted, `round ${i}: connect and the peer's accept are journalled`);
    assert.ok(conn.seq < accepted.seq && accepted.seq < d.seq, `round ${i}: connect #${conn.seq}, accepted #${accepted.seq}, WSASendDisconnect #${d.seq}`);
  }
});
