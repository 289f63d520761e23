// Shared by the sandbox unit tests: builds the worker from source (so a test never runs a stale
// bundle) and starts real workers through the host-side client.
import { build } from 'esbuild';
import path from 'node:path';
import { SandboxClient, type SandboxClientOptions } from '../../sandbox/client';
import type { ClientEvent, JournalEntry, SandboxCall } from '../../core/protocol/sandbox';

const root = path.resolve(__dirname, '../..');
export const TEST_WORKER = path.join(root, 'out', 'test', 'sandbox-worker.js');
let built: Promise<void> | undefined;

export function buildWorker(): Promise<void> {
  built ??= build({
    entryPoints: [path.join(root, 'sandbox', 'worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['koffi'],
    outfile: TEST_WORKER,
    logLevel: 'warning',
  }).then(() => undefined);
  return built;
}

export async function startClient(options: Partial<SandboxClientOptions> = {}): Promise<SandboxClient> {
  await buildWorker();
  return SandboxClient.start({
    workerPath: TEST_WORKER,
    limits: { allowRemoteHosts: false, callTimeoutMs: 5000, maxSockets: 64 },
    env: { WINSOCK_LENS_SANDBOX_TEST_HOOKS: '1' },
    ...options,
  });
}

/** Polls until check() returns a value (not undefined), or fails after the deadline. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, deadlineMs = 5000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Collects journal entries (and other events) a client reports. */
export function recordEvents(client: SandboxClient): { events: ClientEvent[]; journal: () => JournalEntry[] } {
  const events: ClientEvent[] = [];
  client.onEvent((e) => events.push(e));
  return { events, journal: () => events.flatMap((e) => (e.event === 'journal' ? [e.entry] : [])) };
}

/** Makes a call and returns its entry's socket (for socket/accept). */
export async function newSocket(client: SandboxClient, call: SandboxCall = { fn: 'socket', af: 'AF_INET', type: 'SOCK_STREAM' }): Promise<number> {
  const e = await client.call(call);
  if (e.newSocket === undefined) throw new Error(`${e.text} gave no socket: ${e.wsaErrorName}`);
  return e.newSocket;
}
