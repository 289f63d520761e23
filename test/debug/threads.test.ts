// The Winsock journal of a program with two threads: while one thread stops at a breakpoint, the
// other is inside a Winsock call; the call's return must still be journalled (with
// gdb.FinishBreakpoint it was dropped as "out of scope" and silently lost). The stopping thread
// makes no Winsock call of its own: two threads that hit the tracer's breakpoints at the same
// instant can still lose one, a limit the README states.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { fixtures, launchArgs, leftovers, newClient, waitFor } from './helpers';

describe('the journal of a program with two threads, under Wine', { timeout: 300_000 }, () => {
  const dc = newClient();
  after(async () => {
    await dc.stop().catch(() => {});
  });

  it('journals the recvfrom that main is inside while the other thread stops at a breakpoint three times', async () => {
    const output: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => output.push(e.body.output));
    await dc.start();
    const init = dc.waitForEvent('initialized', 120_000);
    const terminated = dc.waitForEvent('terminated', 180_000);
    const launched = dc.launch(launchArgs('two_threads.c'));
    await init;
    await dc.setBreakpointsRequest({ source: { path: path.join(fixtures, 'two_threads.c') }, breakpoints: [{ line: 16 }] });
    await dc.configurationDoneRequest();
    await launched;
    for (let i = 0; i < 3; i++) {
      const ev = (await dc.waitForEvent('stopped', 60_000)) as DebugProtocol.StoppedEvent;
      assert.equal(ev.body.reason, 'breakpoint');
      await dc.continueRequest({ threadId: ev.body.threadId ?? 1 });
    }
    await terminated;
    const text = output.join('');
    assert.match(text, /\[winsock\] recvfrom\(\d+, 0x[0-9a-f]+, 64, 0, 0, 0\) = -1 WSAETIMEDOUT/, text);
    assert.match(text, /recvfrom: -1 10060/);
    assert.match(text, /ticks 3/);
    await waitFor('no process left', () => (leftovers().length === 0 ? true : undefined), 20_000).catch(() => assert.deepEqual(leftovers(), []));
  });

  it('a pause after the thread of the last stop has ended stops on a thread that exists, with its stack', async () => {
    const dc2 = newClient();
    const output: string[] = [];
    dc2.on('output', (e: DebugProtocol.OutputEvent) => output.push(e.body.output));
    try {
      await dc2.start();
      const init = dc2.waitForEvent('initialized', 120_000);
      const launched = dc2.launch(launchArgs('two_threads.c', { args: ['block'] }));
      await init;
      await dc2.setBreakpointsRequest({ source: { path: path.join(fixtures, 'two_threads.c') }, breakpoints: [{ line: 16 }] });
      await dc2.configurationDoneRequest();
      await launched;
      let ticker = 0;
      for (let i = 0; i < 3; i++) {
        const ev = (await dc2.waitForEvent('stopped', 60_000)) as DebugProtocol.StoppedEvent;
        ticker = ev.body.threadId ?? 0;
        await dc2.continueRequest({ threadId: ticker });
      }
      // The ticker has ended once main is in its last recvfrom (after the second setsockopt).
      await waitFor('main in its last recvfrom', () => ((output.join('').match(/\[winsock\] setsockopt\(/g) ?? []).length === 2 ? true : undefined), 30_000);
      await new Promise((r) => setTimeout(r, 300));
      const stopped = dc2.waitForEvent('stopped', 30_000);
      await dc2.pauseRequest({ threadId: ticker });
      const ev = (await stopped) as DebugProtocol.StoppedEvent;
      assert.equal(ev.body.reason, 'pause');
      const threads = (await dc2.threadsRequest()).body.threads.map((t) => t.id);
      assert.ok(threads.includes(ev.body.threadId ?? -1), `stopped on ${ev.body.threadId}, threads are ${threads.join(', ')}`);
      const st = await dc2.stackTraceRequest({ threadId: ev.body.threadId ?? 1 });
      assert.ok(st.body.stackFrames.length > 0);
      await dc2.terminateRequest();
    } finally {
      await dc2.stop().catch(() => {});
    }
    await waitFor('no process left', () => (leftovers().length === 0 ? true : undefined), 20_000).catch(() => assert.deepEqual(leftovers(), []));
  });
});
