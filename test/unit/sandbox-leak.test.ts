// No descriptor leak: 10,000 real calls over many sessions (reset between them, some sockets left
// open for reset to close), then the worker's open descriptors are counted again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SandboxClient } from '../../sandbox/client';
import { newSocket, startClient, waitFor } from './sandbox-harness';

const TOTAL_CALLS = 10_000;

async function session(client: SandboxClient, round: number): Promise<number> {
  let calls = 0;
  const call = async (c: Parameters<SandboxClient['call']>[0]) => {
    calls++;
    return client.call(c);
  };
  await call({ fn: 'WSAStartup' });
  calls++;
  const s = await newSocket(client);
  await call({ fn: 'connect', socket: s, address: 'peer', port: 0 });
  await call({ fn: 'send', socket: s, text: `round ${round}` });
  await call({ fn: 'recv', socket: s, maxBytes: 64 });
  await call({ fn: 'WSASendDisconnect', socket: s, data: null });
  await call({ fn: 'send', socket: s, text: 'late' });
  await call({ fn: 'WSASendDisconnect', socket: s, data: 'data' });
  await call({ fn: 'getsockopt', socket: s, option: 'SO_LINGER' });
  await call({ fn: 'closesocket', socket: s });
  await call({ fn: 'closesocket', socket: s });
  calls++;
  const l = await newSocket(client);
  await call({ fn: 'bind', socket: l, address: '127.0.0.1', port: 0 });
  await call({ fn: 'listen', socket: l, backlog: 2 });
  calls++;
  const u = await newSocket(client, { fn: 'socket', af: 'AF_INET', type: 'SOCK_DGRAM' });
  await call({ fn: 'shutdown', socket: u, how: 'SD_BOTH' });
  // Calls that touch no connection state fill up the rest of the session's 100.
  while (calls < 100) {
    await call({ fn: 'WSAGetLastError' });
    await call({ fn: 'getsockopt', socket: l, option: 'SO_RCVTIMEO' });
    await call({ fn: 'setsockopt', socket: l, option: { name: 'SO_LINGER', onoff: 1, linger: 0 } });
    await call({ fn: 'ioctlsocket', socket: u, command: 'FIONBIO', value: 1 });
  }
  // l and u stay open: reset must close them.
  return calls;
}

test('10,000 calls over many sessions leave the worker with the descriptors it started with', { timeout: 180_000 }, async () => {
  const client = await startClient();
  try {
    await client.startPeer('echo');
    await session(client, 0);
    await client.reset();
    await client.startPeer('echo');
    const before = (await client.raw('fdCountForTest', {})) as number;
    await client.reset();
    let calls = 0;
    let round = 1;
    while (calls < TOTAL_CALLS) {
      await client.startPeer('echo');
      calls += await session(client, round++);
      await client.reset();
    }
    await client.startPeer('echo');
    const after = await waitFor('the descriptor count to settle', async () => {
      const n = (await client.raw('fdCountForTest', {})) as number;
      return n === before ? n : undefined;
    }, 5000).catch(async () => (await client.raw('fdCountForTest', {})) as number);
    assert.ok(calls >= TOTAL_CALLS);
    assert.equal(after, before, `open descriptors before ${before}, after ${after} (${calls} calls in ${round - 1} sessions)`);
  } finally {
    await client.dispose();
  }
});
