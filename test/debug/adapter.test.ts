// The real adapter (node dist/debugAdapter.js, spoken to over stdio by DebugClient, as nvim-dap or
// VS Code would), real MinGW-w64 gdb, gdbserver.exe and the fixture program under Wine.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { fixtures, launchArgs, leftovers, newClient, topFrame, variablesOf, waitFor } from './helpers';

const client = path.join(fixtures, 'disconnect_client.c');

async function startAt(dc: DebugClient, line: number, extra: Record<string, unknown> = {}, exceptions: DebugProtocol.ExceptionFilterOptions[] = []) {
  await dc.start();
  const init = dc.waitForEvent('initialized', 120_000);
  const launched = dc.launch(launchArgs('disconnect_client.c', { peer: 'silent', ...extra }));
  await init;
  const bps = await dc.setBreakpointsRequest({ source: { path: client }, breakpoints: [{ line }] });
  await dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: exceptions });
  await dc.configurationDoneRequest();
  await launched;
  const stopped = (await dc.waitForEvent('stopped', 60_000)) as DebugProtocol.StoppedEvent;
  return { bps, stopped };
}

describe('debug adapter under Wine (real gdb, real program)', { timeout: 300_000 }, () => {
  let dc: DebugClient;
  before(() => {
    dc = newClient();
  });
  after(async () => {
    await dc.stop().catch(() => {});
  });

  it('stops at a line breakpoint, steps over WSASendDisconnect, shows send-shut and FIN_WAIT2 in the Sockets scope', async () => {
    const { bps, stopped } = await startAt(dc, 34);
    assert.equal(bps.body.breakpoints[0]?.verified, true);
    assert.equal(bps.body.breakpoints[0]?.line, 34);
    assert.equal(stopped.body.reason, 'breakpoint');
    assert.deepEqual(stopped.body.hitBreakpointIds, [bps.body.breakpoints[0]?.id], 'the stop names the breakpoint it hit');
    const threadId = stopped.body.threadId ?? 1;
    let frame = await topFrame(dc, threadId);
    assert.equal(frame.line, 34);
    assert.equal(frame.source?.path, client);

    await dc.nextRequest({ threadId });
    await dc.waitForEvent('stopped');
    frame = await topFrame(dc, threadId);
    assert.equal(frame.line, 35);

    const scopes = (await dc.scopesRequest({ frameId: frame.id })).body.scopes;
    assert.deepEqual(scopes.map((s) => s.name), ['Locals', 'Sockets', 'Winsock calls']);
    const locals = await variablesOf(dc, scopes[0]?.variablesReference ?? 0);
    const addr = locals.find((v) => v.name === 'addr');
    assert.ok(addr && addr.variablesReference > 0, 'sockaddr_in opens as a tree');
    const fields = await variablesOf(dc, addr.variablesReference);
    assert.deepEqual(fields.map((f) => f.name), ['sin_family', 'sin_port', 'sin_addr', 'sin_zero']);
    assert.equal(fields[0]?.value, '2');

    const sockets = await variablesOf(dc, scopes[1]?.variablesReference ?? 0);
    assert.equal(sockets.length, 1);
    const sock = sockets[0];
    assert.ok(sock);
    assert.match(sock.value, /sending shut down \(since WSASendDisconnect on line 34\)/);
    const detail = await variablesOf(dc, sock.variablesReference);
    const field = (name: string) => detail.find((d) => d.name === name)?.value ?? '';
    assert.match(field('state'), /^send-shut/);
    // The kernel ACKs the FIN at once; allow a starved machine a moment.
    let kernel = field('kernel TCP state');
    for (let i = 0; i < 20 && kernel !== 'FIN_WAIT2'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const again = await variablesOf(dc, (await dc.scopesRequest({ frameId: frame.id })).body.scopes[1]?.variablesReference ?? 0);
      kernel = (await variablesOf(dc, again[0]?.variablesReference ?? 0)).find((d) => d.name === 'kernel TCP state')?.value ?? '';
    }
    assert.equal(kernel, 'FIN_WAIT2');
    assert.equal(field('bytes sent'), '5');
    assert.match(field('peer address'), /^127\.0\.0\.1:\d+$/);

    const calls = await variablesOf(dc, scopes[2]?.variablesReference ?? 0);
    assert.deepEqual(calls.map((c) => c.name.replace(/^#\d+ /, '')), ['WSAStartup', 'socket', 'connect', 'send', 'WSASendDisconnect']);
    assert.ok(!calls.some((c) => c.name.endsWith('shutdown')), "Wine's inner shutdown is left out");
  });

  it('terminates with nothing left running', async () => {
    await dc.terminateRequest();
    await waitFor('the adapter\'s processes to end', () => (leftovers().length === 0 ? true : undefined), 20_000).catch(() => {
      assert.deepEqual(leftovers(), []);
    });
  });
});
