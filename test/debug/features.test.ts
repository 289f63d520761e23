// The usual debugger on features.c, through the real adapter, gdb and Wine: stop on entry,
// conditional and hit-count breakpoints, logpoints, function breakpoints, step in and out,
// evaluate, set variable, socket/WSA-error annotations, the "line with a lint finding" stop, and
// a breakpoint added while the program runs.
import assert from 'node:assert/strict';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { fixtures, launchArgs, leftovers, newClient, topFrame, variablesOf, waitFor } from './helpers';

const client = path.join(fixtures, 'disconnect_client.c');

interface Setup {
  breakpoints?: DebugProtocol.SourceBreakpoint[];
  functions?: DebugProtocol.FunctionBreakpoint[];
  filters?: DebugProtocol.ExceptionFilterOptions[];
  extra?: Record<string, unknown>;
  program?: string;
}

async function launch(dc: DebugClient, s: Setup): Promise<string[]> {
  const output: string[] = [];
  dc.on('output', (e: DebugProtocol.OutputEvent) => output.push(e.body.output));
  await dc.start();
  const init = dc.waitForEvent('initialized', 120_000);
  const program = s.program ?? 'features.c';
  const launched = dc.launch(launchArgs(program, s.extra ?? {}));
  await init;
  await dc.setBreakpointsRequest({ source: { path: path.join(fixtures, program) }, breakpoints: s.breakpoints ?? [] });
  if (s.functions) await dc.setFunctionBreakpointsRequest({ breakpoints: s.functions });
  await dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: s.filters ?? [] });
  await dc.configurationDoneRequest();
  await launched;
  return output;
}

async function stopped(dc: DebugClient): Promise<DebugProtocol.StoppedEvent> {
  return (await dc.waitForEvent('stopped', 60_000)) as DebugProtocol.StoppedEvent;
}

async function evaluate(dc: DebugClient, expression: string, frameId?: number): Promise<string> {
  return (await dc.evaluateRequest({ expression, context: 'watch', ...(frameId !== undefined ? { frameId } : {}) })).body.result;
}

describe('debugger features under Wine', { timeout: 300_000 }, () => {
  let dc: DebugClient | undefined;
  afterEach(async () => {
    await dc?.terminateRequest().catch(() => {});
    await dc?.stop().catch(() => {});
    dc = undefined;
    await waitFor('no process left', () => (leftovers().length === 0 ? true : undefined), 20_000).catch(() => assert.deepEqual(leftovers(), []));
  });

  it('stops on entry, then a conditional breakpoint, steps in and out, sets a variable', async () => {
    dc = newClient();
    await launch(dc, { breakpoints: [{ line: 23, condition: 'i == 3' }], extra: { stopOnEntry: true } });
    let ev = await stopped(dc);
    assert.equal(ev.body.reason, 'entry');
    const tid = ev.body.threadId ?? 1;
    assert.equal((await topFrame(dc, tid)).name, 'main');

    await dc.continueRequest({ threadId: tid });
    ev = await stopped(dc);
    assert.equal(ev.body.reason, 'breakpoint');
    let frame = await topFrame(dc, tid);
    assert.equal(frame.line, 23);
    assert.equal(await evaluate(dc, 'i', frame.id), '3');
    assert.equal(await evaluate(dc, 'total', frame.id), '3');

    await dc.stepInRequest({ threadId: tid });
    await stopped(dc);
    frame = await topFrame(dc, tid);
    assert.equal(frame.name, 'add');
    assert.equal(frame.line, 8);
    const locals = await variablesOf(dc, (await dc.scopesRequest({ frameId: frame.id })).body.scopes[0]?.variablesReference ?? 0);
    assert.deepEqual(locals.map((v) => v.name).sort(), ['a', 'b', 'sum']);

    await dc.stepOutRequest({ threadId: tid });
    await stopped(dc);
    frame = await topFrame(dc, tid);
    assert.equal(frame.name, 'main');
    assert.equal(frame.line, 23);

    const scope = (await dc.scopesRequest({ frameId: frame.id })).body.scopes[0]?.variablesReference ?? 0;
    const set = await dc.setVariableRequest({ variablesReference: scope, name: 'total', value: '100' });
    assert.equal(set.body.value, '100');
    assert.equal(await evaluate(dc, 'total', frame.id), '100');
    // The SOCKET local shows the socket's state beside its value.
    const s = (await variablesOf(dc, scope)).find((v) => v.name === 's');
    assert.match(s?.value ?? '', /^\d+ \(created\)$/);
  });

  it('hit count, function breakpoint and logpoint; a WSA error number shows its name', async () => {
    dc = newClient();
    const output = await launch(dc, {
      breakpoints: [{ line: 26, logMessage: 'logpoint total={total} err={err}' }, { line: 27 }],
      functions: [{ name: 'add', hitCondition: '3' }],
    });
    let ev = await stopped(dc);
    const tid = ev.body.threadId ?? 1;
    let frame = await topFrame(dc, tid);
    assert.equal(frame.name, 'add');
    assert.equal(await evaluate(dc, 'b', frame.id), '2', 'the third call of add');
    // "3" is the third hit only: the two later calls of add do not stop.
    await dc.continueRequest({ threadId: tid });
    ev = await stopped(dc);
    frame = await topFrame(dc, tid);
    assert.equal(frame.line, 27, 'the logpoint on line 26 did not stop');
    const log = output.find((o) => o.startsWith('logpoint '));
    assert.match(log ?? '', /^logpoint total=10 err=100\d\d/);
    const err = await evaluate(dc, 'err', frame.id);
    assert.match(err, /^100\d\d \(WSAE[A-Z]+\)$/);
  });

  it('hit count "% 2" stops on every second hit; one the adapter does not understand is refused with the forms it knows', async () => {
    dc = newClient();
    const output: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => output.push(e.body.output));
    await dc.start();
    const init = dc.waitForEvent('initialized', 120_000);
    const launched = dc.launch(launchArgs('features.c', {}));
    await init;
    const set = await dc.setBreakpointsRequest({ source: { path: path.join(fixtures, 'features.c') }, breakpoints: [{ line: 8, hitCondition: 'often' }, { line: 27 }] });
    assert.equal(set.body.breakpoints[0]?.verified, false);
    assert.match(set.body.breakpoints[0]?.message ?? '', /Hit count "often" is not understood: write N or == N/);
    assert.equal(set.body.breakpoints[1]?.verified, true);
    await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'add', hitCondition: '% 2' }] });
    await dc.setExceptionBreakpointsRequest({ filters: [] });
    await dc.configurationDoneRequest();
    await launched;
    const seen: string[] = [];
    for (;;) {
      const ev = await stopped(dc);
      const tid = ev.body.threadId ?? 1;
      const frame = await topFrame(dc, tid);
      if (frame.name !== 'add') {
        assert.equal(frame.line, 27);
        break;
      }
      seen.push(await evaluate(dc, 'b', frame.id));
      await dc.continueRequest({ threadId: tid });
    }
    assert.deepEqual(seen, ['1', '3'], 'the 2nd and 4th of the five calls of add (b = 0..4)');
  });

  it('"line with a lint finding" stops before the line, with the rule\'s message', async () => {
    dc = newClient();
    await launch(dc, { filters: [{ filterId: 'lint-finding' }] });
    const ev = await stopped(dc);
    assert.equal(ev.body.reason, 'exception');
    assert.match(ev.body.text ?? '', /^Lint \[(use-after-closesocket|unchecked-result)\]: /);
    assert.equal((await topFrame(dc, ev.body.threadId ?? 1)).line, 28);
  });

  it('a breakpoint added while the program runs goes in without a visible stop', async () => {
    dc = newClient();
    const output = await launch(dc, { program: 'disconnect_client.c', extra: { peer: 'silent' } });
    await waitFor('the program to reach recv', () => (output.some((o) => o.includes('send after disconnect')) ? true : undefined), 60_000);
    // Under Wine, an interrupt that lands while gdb is still handling the tracer's breakpoint on
    // recv's entry can make recv fail (the program then ends): give it time to block first.
    await new Promise((res) => setTimeout(res, 1500));
    let stops = 0;
    dc.on('stopped', () => stops++);
    // Line 42 is the loop's closing brace: gdb moves the breakpoint to closesocket on line 43.
    const r = await dc.setBreakpointsRequest({ source: { path: client }, breakpoints: [{ line: 42 }] });
    assert.equal(r.body.breakpoints[0]?.verified, true);
    assert.equal(r.body.breakpoints[0]?.line, 43);
    await new Promise((res) => setTimeout(res, 500));
    assert.equal(stops, 0, 'no stop was shown');
    // Still running: a pause now stops it.
    await dc.pauseRequest({ threadId: 1 });
    const ev = await stopped(dc);
    assert.equal(ev.body.reason, 'pause');
  });
});
