// The host-side client does not trust the worker: every message from it is validated with the
// protocol's own validators, a malformed one is refused, logged and its request settled with a
// clear error; a worker of another protocol version is not used; and a worker that stops
// answering (SIGSTOP) is given up after the host's own deadline and restarted, so later requests
// are not queued behind it forever.
//
// A real worker never sends a malformed message, so those tests fork a stand-in worker (a few lines
// of JavaScript written below) that answers as told; the SIGSTOP test stops the real worker.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SandboxClient, SandboxClientError } from '../../sandbox/client';
import { SANDBOX_PROTOCOL_VERSION, type ClientEvent } from '../../core/protocol/sandbox';
import { recordEvents, startClient, waitFor } from './sandbox-harness';

const STAND_IN = path.resolve(__dirname, '../../out/test/stand-in-worker.js');
mkdirSync(path.dirname(STAND_IN), { recursive: true });
// STAND_IN_MODE says how it misbehaves; the snapshot it gives when asked is a valid one.
writeFileSync(
  STAND_IN,
  `const mode = process.env.STAND_IN_MODE;
const snapshot = { backend: 'posix', platform: 'linux', initialized: false, sockets: [] };
process.on('message', (m) => {
  if (m.kind !== 'request') return;
  if (m.method !== 'call') return process.send({ kind: 'response', id: m.id, ok: true, result: snapshot });
  if (mode === 'error-without-error') return process.send({ kind: 'response', id: m.id, ok: false });
  if (mode === 'snapshot-for-a-call') return process.send({ kind: 'response', id: m.id, ok: true, result: snapshot });
  if (mode === 'bad-journal') {
    process.send({ kind: 'event', event: 'journal', entry: { seq: 'one', time: 0, side: 'app', text: 'x' } });
    return process.send({ kind: 'response', id: m.id, ok: true, result: { seq: 1, time: 0, side: 'app', text: 'WSAStartup()' } });
  }
  if (mode === 'silent') return;
});
process.on('disconnect', () => process.exit(0));
process.send({ kind: 'event', event: 'ready', backend: 'posix', platform: 'linux', version: Number(process.env.STAND_IN_VERSION) });
`,
);

const clients: SandboxClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
});

async function standIn(mode: string, version = SANDBOX_PROTOCOL_VERSION, extra: { requestDeadlineMs?: number } = {}) {
  const c = await SandboxClient.start({ workerPath: STAND_IN, env: { STAND_IN_MODE: mode, STAND_IN_VERSION: String(version) }, restartOnCrash: false, ...extra });
  clients.push(c);
  const events: ClientEvent[] = [];
  c.onEvent((e) => events.push(e));
  return { c, events };
}

/** Fails the test (instead of hanging it) when the promise does not settle in time. */
function settlesWithin<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`${what} did not settle within ${ms} ms`)), ms))]);
}

test('stand-in worker: a response {ok:false} without an error is refused and logged, and the call settles with a clear error', async () => {
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown) => uncaught.push(e);
  process.on('uncaughtException', onUncaught);
  try {
    const { c, events } = await standIn('error-without-error');
    const err = await settlesWithin(c.call({ fn: 'WSAStartup' }).then(() => undefined, (e: unknown) => e), 3000, 'the call');
    assert.ok(err instanceof SandboxClientError, String(err));
    assert.equal(err.code, 'internal');
    assert.match(err.message, /^call: the sandbox worker's answer was refused \(message\.error: missing\)/);
    const logged = events.find((e) => e.event === 'log' && e.level === 'error');
    assert.ok(logged && logged.event === 'log');
    assert.match(logged.message, /Refused a malformed message from the sandbox worker: message\.error: missing/);
    assert.deepEqual(uncaught, []);
  } finally {
    process.off('uncaughtException', onUncaught);
  }
});

test('stand-in worker: a result that does not fit the request (a snapshot for a call) is refused', async () => {
  const { c } = await standIn('snapshot-for-a-call');
  await assert.rejects(c.call({ fn: 'WSAStartup' }), (e: unknown) => e instanceof SandboxClientError && /message\.result \(answer to call\): unexpected field \"platform\"/.test(e.message));
  // The channel still works for requests whose answers fit.
  assert.equal((await c.snapshot()).backend, 'posix');
});

test('stand-in worker: a malformed journal event is refused and not passed on; the well-formed answer is', async () => {
  const { c, events } = await standIn('bad-journal');
  const entry = await c.call({ fn: 'WSAStartup' });
  assert.equal(entry.text, 'WSAStartup()');
  assert.equal(events.filter((e) => e.event === 'journal').length, 0);
  assert.ok(events.some((e) => e.event === 'log' && /message\.entry\.seq: expected an integer/.test(e.message)));
});

test('stand-in worker: a worker of another protocol version is not used', async () => {
  await assert.rejects(
    SandboxClient.start({ workerPath: STAND_IN, env: { STAND_IN_MODE: 'silent', STAND_IN_VERSION: String(SANDBOX_PROTOCOL_VERSION + 1) }, startTimeoutMs: 5000 }),
    (e: unknown) => e instanceof SandboxClientError && new RegExp(`protocol version ${SANDBOX_PROTOCOL_VERSION + 1}, this extension speaks version ${SANDBOX_PROTOCOL_VERSION}`).test(e.message),
  );
});

test('stand-in worker: a request the worker never answers is rejected at the host deadline, not left pending', async () => {
  const { c } = await standIn('silent', SANDBOX_PROTOCOL_VERSION, { requestDeadlineMs: 400 });
  const t0 = Date.now();
  await assert.rejects(settlesWithin(c.call({ fn: 'WSAStartup' }), 5000, 'the call'), (e: unknown) => e instanceof SandboxClientError && e.code === 'timeout' && /did not answer within 400 ms/.test(e.message));
  assert.ok(Date.now() - t0 >= 380, `rejected after ${Date.now() - t0} ms, before the deadline`);
});

test('the default host deadline is above the call time-out', async () => {
  const { c } = await standIn('silent');
  await c.configure({ allowRemoteHosts: false, callTimeoutMs: 300, maxSockets: 8 }).catch(() => undefined);
  assert.ok(c.requestDeadlineMs > 300, String(c.requestDeadlineMs));
  await c.configure({ allowRemoteHosts: false, callTimeoutMs: 20000, maxSockets: 8 }).catch(() => undefined);
  assert.equal(c.requestDeadlineMs, 40000);
});

test('a SIGSTOPped real worker: the pending call and the ones queued behind it settle, the worker is restarted, later calls work', { skip: process.platform === 'win32' ? 'SIGSTOP is POSIX' : false }, async () => {
  const c = await startClient({ requestDeadlineMs: 1500 });
  clients.push(c);
  const rec = recordEvents(c);
  await c.call({ fn: 'WSAStartup' });
  const stopped = c.pid!;
  process.kill(stopped, 'SIGSTOP');
  const t0 = Date.now();
  const results = await settlesWithin(Promise.allSettled([c.call({ fn: 'WSAGetLastError' }), c.snapshot(), c.call({ fn: 'WSACleanup' })]), 10000, 'the requests to a stopped worker');
  for (const r of results) {
    assert.equal(r.status, 'rejected');
    assert.ok(r.reason instanceof SandboxClientError && (r.reason.code === 'timeout' || r.reason.code === 'crashed'), String(r.reason));
  }
  assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
  const crashed = await waitFor('the crashed event', () => rec.events.find((e) => e.event === 'crashed'));
  assert.ok(crashed.event === 'crashed' && crashed.unresponsive === true && crashed.willRestart, JSON.stringify(crashed));
  assert.match(crashed.message, /stopped answering for 1500 ms/);
  await waitFor('the restart', () => rec.events.find((e) => e.event === 'restarted'));
  assert.notEqual(c.pid, stopped);
  assert.throws(() => process.kill(stopped, 0), /ESRCH/, 'the stopped worker is gone');
  const e = await c.call({ fn: 'WSAStartup' });
  assert.equal(e.wsaError, 0);
});
