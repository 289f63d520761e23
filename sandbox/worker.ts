// The sandbox worker: a Node process forked by the extension host (or by tests and the benchmark)
// that alone loads koffi. JSON messages over the IPC channel (core/protocol/sandbox.ts): requests
// with ids get one response each; journal entries and logs come as events. A crash here (even a
// SIGSEGV in native code) ends only this process; the host-side client starts a new one.
import { readdirSync } from 'node:fs';
import { SANDBOX_PROTOCOL_VERSION, type WorkerRequest, type WorkerToHost } from '../core/protocol/sandbox';
import { ValidationError, validateHostToWorker } from '../core/sandbox/validate';
import type { Backend } from './backend';
import { createBackend } from './backends/choose';
import { SandboxFailure, SandboxSession, type CancelToken } from './session';
import { modelPredictor } from './predict';

const testHooks = process.env['WINSOCK_LENS_SANDBOX_TEST_HOOKS'] === '1';

function send(msg: WorkerToHost): void {
  // A closed channel (the host is gone) is not an error here: the 'disconnect' handler ends the worker.
  if (process.connected && process.send) process.send(msg, undefined, {}, () => undefined);
}
function log(level: 'info' | 'warn' | 'error', message: string): void {
  send({ kind: 'event', event: 'log', level, message });
}

if (!process.send) {
  console.error('The sandbox worker talks over an IPC channel: start it with child_process.fork (sandbox/client.ts does).');
  process.exit(2);
}

let backend: Backend;
try {
  backend = createBackend();
} catch (e) {
  log('error', `The sandbox backend could not load: ${e instanceof Error ? e.message : String(e)}`);
  setTimeout(() => process.exit(3), 50);
  throw e;
}
const session = new SandboxSession(backend, (entry) => send({ kind: 'event', event: 'journal', entry }), modelPredictor());
const tokens = new Map<number, CancelToken>();

async function handle(req: WorkerRequest): Promise<void> {
  const token: CancelToken = { cancelled: false };
  tokens.set(req.id, token);
  try {
    let result;
    switch (req.method) {
      case 'configure':
        session.configure(req.params);
        result = session.snapshot();
        break;
      case 'call':
        result = await session.call(req.params, token);
        break;
      case 'startPeer':
        await session.startPeer(req.params.behaviour);
        result = session.snapshot();
        break;
      case 'stopPeer':
        await session.stopPeer();
        result = session.snapshot();
        break;
      case 'reset':
        await session.reset();
        result = session.snapshot();
        break;
      case 'snapshot':
        result = session.snapshot();
        break;
      case 'crashForTest':
        if (!testHooks) throw new SandboxFailure('bad-request', 'crashForTest is a test hook; the worker was not started with WINSOCK_LENS_SANDBOX_TEST_HOOKS=1.');
        log('warn', 'crashForTest: passing a bad pointer to native code on purpose');
        setImmediate(() => backend.crash());
        result = null;
        break;
      case 'fdCountForTest':
        if (!testHooks) throw new SandboxFailure('bad-request', 'fdCountForTest is a test hook; the worker was not started with WINSOCK_LENS_SANDBOX_TEST_HOOKS=1.');
        result = readdirSync('/proc/self/fd').length;
        break;
    }
    send({ kind: 'response', id: req.id, ok: true, result });
  } catch (e) {
    const code = e instanceof SandboxFailure ? e.code : 'internal';
    const message = e instanceof Error ? e.message : String(e);
    if (code === 'internal') log('error', `${req.method} failed: ${e instanceof Error ? (e.stack ?? message) : message}`);
    send({ kind: 'response', id: req.id, ok: false, error: { code, message } });
  } finally {
    tokens.delete(req.id);
  }
}

process.on('message', (raw: unknown) => {
  let msg;
  try {
    msg = validateHostToWorker(raw);
  } catch (e) {
    const message = e instanceof ValidationError ? e.message : String(e);
    const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'number' ? (raw as { id: number }).id : undefined;
    if (id !== undefined) send({ kind: 'response', id, ok: false, error: { code: 'bad-request', message: `Refused a malformed request: ${message}` } });
    else log('warn', `Refused a malformed message: ${message}`);
    return;
  }
  if (msg.kind === 'cancel') {
    const t = tokens.get(msg.id);
    if (t) t.cancelled = true;
    return;
  }
  void handle(msg);
});

let ending = false;
async function end(): Promise<void> {
  if (ending) return;
  ending = true;
  try {
    await session.reset();
  } finally {
    process.exit(0);
  }
}
// The parent went away (disposed, or the extension host ended): close everything and leave.
process.on('disconnect', () => void end());
process.on('SIGTERM', () => void end());

send({ kind: 'event', event: 'ready', backend: backend.name, platform: process.platform, version: SANDBOX_PROTOCOL_VERSION, kernelStateSource: backend.kernelStateSource });
