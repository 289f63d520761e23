// Drives the sandbox worker of an unpacked .vsix the way the extension does (the host-side client
// forks it over IPC) and writes what the calls returned to a JSON file. Run by
// test/unit/vsix-win32-wine.test.ts inside the Windows node.exe under Wine, where the worker is the
// packed extension/dist/sandbox-worker.js with its packed koffi and the real ws2_32.dll.
//   node packed-sandbox-driver.js <worker.js> <results.json>
// Under Wine, Node dies (EBADF) when it touches a stdout that is a pipe: nothing is printed.
import { writeFileSync } from 'node:fs';
import type { JournalEntry, SandboxCall } from '../../core/protocol/sandbox';
import { SandboxClient } from '../../sandbox/client';

const [workerPath, out] = process.argv.slice(2);
if (!workerPath || !out) process.exit(2);

interface Step {
  readonly fn: string;
  readonly returnValue?: string;
  readonly wsaErrorName?: string;
  readonly stateAfter?: string;
}

async function main(): Promise<void> {
  const client = await SandboxClient.start({
    workerPath: workerPath!,
    limits: { allowRemoteHosts: false, callTimeoutMs: 10000, maxSockets: 8 },
    stdio: process.platform === 'win32' ? 'ignore' : 'inherit',
  });
  const steps: Step[] = [];
  const call = async (c: SandboxCall): Promise<JournalEntry> => {
    const e = await client.call(c);
    steps.push({ fn: c.fn, returnValue: e.returnValue, wsaErrorName: e.wsaErrorName, stateAfter: e.stateAfter });
    return e;
  };
  try {
    await call({ fn: 'WSAStartup' });
    await client.startPeer('sink');
    const s = (await call({ fn: 'socket', af: 'AF_INET', type: 'SOCK_STREAM' })).newSocket;
    if (s === undefined) throw new Error('socket() gave no socket');
    await call({ fn: 'connect', socket: s, address: 'peer', port: 0 });
    await call({ fn: 'WSASendDisconnect', socket: s, data: null });
    await call({ fn: 'send', socket: s, text: 'after the disconnect' });
    writeFileSync(out!, JSON.stringify({ backend: client.backend, platform: client.platform, arch: process.arch, steps }, null, 1));
  } finally {
    await client.dispose();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    writeFileSync(out!, JSON.stringify({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
    process.exit(1);
  },
);
