// The adapter in Russian, its journal in the debug console, and the end of a session whose gdb
// dies: the adapter notices, ends the program, gdbserver and its Wine prefix's processes, and says
// the session is over.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { fixtures, launchArgs, leftovers, newClient, storageDir, topFrame, waitFor } from './helpers';

const client = path.join(fixtures, 'disconnect_client.c');

describe('adapter robustness under Wine', { timeout: 300_000 }, () => {
  const dc = newClient();
  after(async () => {
    await dc.stop().catch(() => {});
  });

  it('speaks Russian when asked, journals each call in the debug console, and ends everything when gdb dies', async () => {
    const output: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => output.push(e.body.output));
    await dc.start();
    const init = dc.waitForEvent('initialized', 120_000);
    const launched = dc.launch(launchArgs('disconnect_client.c', { peer: 'silent', language: 'ru' }));
    await init;
    await dc.setBreakpointsRequest({ source: { path: client }, breakpoints: [{ line: 35 }] });
    await dc.configurationDoneRequest();
    await launched;
    const stopped = (await dc.waitForEvent('stopped', 60_000)) as DebugProtocol.StoppedEvent;
    const frame = await topFrame(dc, stopped.body.threadId ?? 1);
    const scopes = (await dc.scopesRequest({ frameId: frame.id })).body.scopes;
    assert.deepEqual(scopes.map((s) => s.name), ['Локальные', 'Сокеты', 'Вызовы Winsock']);
    assert.ok(output.some((o) => /^\[winsock\] WSASendDisconnect\(\d+, 0\) = 0 · connected → send-shut · строка 34/.test(o)), output.join(''));
    assert.ok(output.some((o) => o.startsWith('Удалённая сторона на loopback (silent)')));

    // Kill gdb from outside.
    const gdbLine = leftovers().find((l) => /mingw32-gdb/.test(l) && l.includes(storageDir));
    assert.ok(gdbLine, 'gdb runs on the built program');
    const terminated = dc.waitForEvent('terminated', 30_000);
    execFileSync('kill', ['-KILL', gdbLine.split(' ')[0] as string]);
    await terminated;
    assert.ok(output.some((o) => o.startsWith('gdb неожиданно завершился')), 'the adapter says gdb ended');
    await waitFor('no process left', () => (leftovers().length === 0 ? true : undefined), 20_000).catch(() => assert.deepEqual(leftovers(), []));
  });

  it('passes the peer\'s port (the one given in "peer") through the environment variable named there, and the program runs to its end', async () => {
    const port = await freePort();
    const dc2 = newClient();
    const output: string[] = [];
    dc2.on('output', (e: DebugProtocol.OutputEvent) => output.push(e.body.output));
    try {
      await dc2.start();
      const terminated = dc2.waitForEvent('terminated', 120_000);
      const init = dc2.waitForEvent('initialized', 120_000);
      const launched = dc2.launch(launchArgs('disconnect_client.c', { peer: { behaviour: 'sink', env: 'PEER_PORT', port } }));
      await init;
      await dc2.configurationDoneRequest();
      await launched;
      await terminated;
    } finally {
      await dc2.stop().catch(() => {});
    }
    const text = output.join('');
    assert.ok(text.includes(`127.0.0.1:${port}`), text);
    assert.match(text, /connect: 0/);
    assert.match(text, /\[peer\] peer \(sink\) accepted a connection/);
    assert.match(text, /done: sent 5 received 0/);
    assert.match(text, /The program exited with code 0\./);
    await waitFor('no process left', () => (leftovers().length === 0 ? true : undefined), 20_000).catch(() => assert.deepEqual(leftovers(), []));
  });

  it('a "peer.port" already in use fails the launch with a message saying so, and leaves nothing running', async () => {
    const port = await freePort();
    const holder = createServer().listen(port, '127.0.0.1');
    await new Promise((r) => holder.once('listening', r));
    const dc3 = newClient();
    try {
      await dc3.start();
      await assert.rejects(dc3.launch(launchArgs('disconnect_client.c', { peer: { behaviour: 'echo', port } })), (e: Error) => {
        assert.match(e.message, new RegExp(`The peer could not listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\)`));
        return true;
      });
    } finally {
      await dc3.stop().catch(() => {});
      holder.close();
    }
    await waitFor('no process left', () => (leftovers().length === 0 ? true : undefined), 20_000).catch(() => assert.deepEqual(leftovers(), []));
  });
});

/** A port that was free a moment ago (listened on with 0, read, closed). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
