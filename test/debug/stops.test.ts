// Stops the Winsock view adds, and pause: the "Winsock call failed" exception filter (with an error
// name condition) on the send after WSASendDisconnect; pause while the program is blocked in recv
// (the thread that pause injects stays hidden); a compile error as a clear launch failure; the same
// journal and failure stop for a user-built .exe, which gdb's breakpoint tracer follows.
import assert from 'node:assert/strict';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { compileProgram } from '../../debug-adapter/program/compile';
import { fixtures, launchArgs, leftovers, newClient, storageDir, topFrame, variablesOf, waitFor } from './helpers';

const client = path.join(fixtures, 'disconnect_client.c');

async function launch(dc: DebugClient, program: string, breakpoints: number[], filterOptions: DebugProtocol.ExceptionFilterOptions[], extra: Record<string, unknown> = {}) {
  await dc.start();
  const init = dc.waitForEvent('initialized', 120_000);
  const launched = dc.launch(launchArgs(program, { peer: 'silent', ...extra }));
  await init;
  await dc.setBreakpointsRequest({ source: { path: path.join(fixtures, program) }, breakpoints: breakpoints.map((line) => ({ line })) });
  const ex = await dc.setExceptionBreakpointsRequest({ filters: [], filterOptions });
  await dc.configurationDoneRequest();
  await launched;
  return ex;
}

describe('Winsock stops and pause under Wine', { timeout: 300_000 }, () => {
  let dc: DebugClient | undefined;
  afterEach(async () => {
    await dc?.terminateRequest().catch(() => {});
    await dc?.stop().catch(() => {});
    dc = undefined;
    await waitFor('no process left', () => (leftovers().length === 0 ? true : undefined), 20_000).catch(() => assert.deepEqual(leftovers(), []));
  });

  it('"Winsock call failed" (condition WSAESHUTDOWN) stops on the send after WSASendDisconnect, with the error explained', async () => {
    dc = newClient();
    const ex = await launch(dc, 'disconnect_client.c', [], [{ filterId: 'winsock-call-failed', condition: 'WSAESHUTDOWN' }]);
    assert.deepEqual(ex.body?.breakpoints?.map((b) => b.verified), [true]);
    const stopped = (await dc.waitForEvent('stopped', 60_000)) as DebugProtocol.StoppedEvent;
    assert.equal(stopped.body.reason, 'exception');
    assert.match(stopped.body.text ?? '', /^send failed: WSAESHUTDOWN \(10058\): /);
    const frame = await topFrame(dc, stopped.body.threadId ?? 1);
    assert.equal(frame.line, 35, 'stopped on the line of the failed send');
    assert.equal(frame.source?.path, client);
    const scopes = (await dc.scopesRequest({ frameId: frame.id })).body.scopes;
    const sockets = await variablesOf(dc, scopes[1]?.variablesReference ?? 0);
    const detail = await variablesOf(dc, sockets[0]?.variablesReference ?? 0);
    assert.match(detail.find((d) => d.name === 'last WSA error')?.value ?? '', /^WSAESHUTDOWN \(10058\): /);
    assert.match(detail.find((d) => d.name === 'last call')?.value ?? '', /^send → -1$/);
  });

  it('a user-built .exe (no call recorder) is followed by gdb\'s breakpoint tracer: the same journal and the same stop on the failed send', async () => {
    const exe = await compileProgram({ source: client, outDir: path.join(storageDir, 'user-built') });
    dc = newClient();
    const output: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => output.push(e.body.output));
    await launch(dc, path.relative(fixtures, exe), [], [{ filterId: 'winsock-call-failed', condition: 'WSAESHUTDOWN' }]);
    const stopped = (await dc.waitForEvent('stopped', 60_000)) as DebugProtocol.StoppedEvent;
    assert.equal(stopped.body.reason, 'exception');
    assert.match(stopped.body.text ?? '', /^send failed: WSAESHUTDOWN \(10058\): /);
    const frame = await topFrame(dc, stopped.body.threadId ?? 1);
    assert.deepEqual([frame.line, frame.source?.path], [35, client]);
    const journal = output.filter((o) => o.startsWith('[winsock] ')).map((o) => /^\[winsock\] (\w+)\(/.exec(o)?.[1]);
    assert.deepEqual(journal, ['WSAStartup', 'socket', 'connect', 'send', 'WSASendDisconnect', 'send']);
  });

  it('an unknown error name in the condition is reported, not silently ignored', async () => {
    dc = newClient();
    const ex = await launch(dc, 'disconnect_client.c', [38], [{ filterId: 'winsock-call-failed', condition: 'WSAENOSUCHTHING' }]);
    assert.equal(ex.body?.breakpoints?.[0]?.verified, false);
    assert.match(ex.body?.breakpoints?.[0]?.message ?? '', /WSAENOSUCHTHING/);
    await dc.waitForEvent('stopped', 60_000);
  });

  it('pauses while the program is blocked in recv, on the program\'s thread, the injected one hidden', async () => {
    dc = newClient();
    await launch(dc, 'disconnect_client.c', [], []);
    // The silent peer never answers: the program ends up blocked in recv (line 38).
    const output: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => output.push(e.body.output));
    await waitFor('the recv call to be reached', () => (output.some((o) => o.includes('send after disconnect')) ? true : undefined), 60_000);
    // Let it block in recv (see features.test.ts on interrupting while gdb handles the tracer's breakpoint).
    await new Promise((r) => setTimeout(r, 1500));
    const started = Date.now();
    await dc.pauseRequest({ threadId: 1 });
    const stopped = (await dc.waitForEvent('stopped', 10_000)) as DebugProtocol.StoppedEvent;
    const ms = Date.now() - started;
    assert.equal(stopped.body.reason, 'pause');
    assert.ok(ms < 5000, `pause took ${ms} ms`);
    const threads = (await dc.threadsRequest()).body.threads;
    assert.deepEqual(threads.map((t) => t.id), [stopped.body.threadId], 'only the program\'s own thread is listed');
    const st = await dc.stackTraceRequest({ threadId: stopped.body.threadId ?? 1 });
    const main = st.body.stackFrames.find((f) => f.name === 'main');
    assert.ok(main, 'main is on the stack of the paused thread');
    assert.equal(main.line, 38);
    assert.equal(st.body.stackFrames[0]?.presentationHint, 'subtle', 'the Wine frames on top are dimmed');
  });

  it('a compile error fails the launch with the compiler\'s own lines', async () => {
    dc = newClient();
    await dc.start();
    const outputs: DebugProtocol.OutputEvent[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => outputs.push(e));
    await assert.rejects(dc.launch(launchArgs('broken.c')), (e: Error) => {
      assert.match(e.message, /Building broken\.c failed \(x86_64-w64-mingw32-gcc\)/);
      assert.match(e.message, /broken\.c:5:\d+: error: /);
      return true;
    });
    const linked = outputs.find((o) => o.body.source?.path?.endsWith('broken.c'));
    assert.equal(linked?.body.line, 5);
  });
});
