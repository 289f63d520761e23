// "console": "integratedTerminal": the adapter asks the client (runInTerminal) to run gdbserver.exe
// and so the program in a terminal; the program's output is that terminal's, the Winsock journal
// stays in the debug console. DebugClient does not answer reverse requests, so here the test is
// the client: it runs the command it is given as a child process (the terminal stood in by the test).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, describe, it } from 'node:test';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launchArgs, leftovers, newClient, waitFor } from './helpers';

interface StandInTerminal {
  request?: DebugProtocol.RunInTerminalRequestArguments;
  process?: ChildProcess;
  output: string;
}

/** Answers the adapter's runInTerminal requests by running the command as a child process. */
function answerRunInTerminal(dc: DebugClient): StandInTerminal {
  const term: StandInTerminal = { output: '' };
  const raw = dc as unknown as { dispatch(body: string): void; outputStream: NodeJS.WritableStream };
  const dispatch = raw.dispatch.bind(dc);
  raw.dispatch = (body: string) => {
    const m = JSON.parse(body) as DebugProtocol.ProtocolMessage & Partial<DebugProtocol.RunInTerminalRequest>;
    if (m.type !== 'request' || m.command !== 'runInTerminal' || !m.arguments) return dispatch(body);
    const a = m.arguments;
    term.request = a;
    const child = spawn(a.args[0]!, a.args.slice(1), { cwd: a.cwd, env: { ...process.env, ...(a.env as Record<string, string>) }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (t: string) => (term.output += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (term.output += t));
    term.process = child;
    const json = JSON.stringify({ type: 'response', seq: 0, request_seq: m.seq, command: 'runInTerminal', success: true, body: { processId: child.pid } });
    raw.outputStream.write(`Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`, 'utf8');
  };
  return term;
}

async function runToEnd(dc: DebugClient, extra: Record<string, unknown>, runsInTerminal: boolean): Promise<string[]> {
  const output: string[] = [];
  dc.on('output', (e: DebugProtocol.OutputEvent) => output.push(e.body.output));
  await dc.start();
  await dc.initializeRequest({ adapterID: 'winsock-lens', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path', supportsRunInTerminalRequest: runsInTerminal });
  const terminated = dc.waitForEvent('terminated', 120_000);
  const init = dc.waitForEvent('initialized', 120_000);
  const launched = dc.launchRequest(launchArgs('disconnect_client.c', extra) as DebugProtocol.LaunchRequestArguments);
  await init;
  await dc.configurationDoneRequest();
  await launched;
  await terminated;
  return output;
}

describe('the program in a terminal under Wine', { timeout: 300_000 }, () => {
  const clients: DebugClient[] = [];
  after(async () => {
    for (const dc of clients) await dc.stop().catch(() => {});
  });

  it('"integratedTerminal": gdbserver.exe runs in the terminal (stood in by the test), the program\'s output is there, the journal in the debug console', async () => {
    const dc = newClient();
    clients.push(dc);
    const term = answerRunInTerminal(dc);
    const output = (await runToEnd(dc, { console: 'integratedTerminal', peer: { behaviour: 'sink', env: 'PEER_PORT' } }, true)).join('');
    assert.equal(term.request?.kind, 'integrated');
    assert.match(term.request?.title ?? '', /^Winsock Lens: disconnect_client\.c$/);
    assert.match(term.request?.args.join(' ') ?? '', /gdbserver\.exe 127\.0\.0\.1:\d+ .*disconnect_client-[0-9a-f]+\.exe$/);
    assert.ok(term.request?.env?.WINEPREFIX, 'the adapter\'s own prefix is passed');
    assert.match(String(term.request?.env?.PEER_PORT), /^\d+$/);
    await waitFor('the terminal\'s process to end', () => (term.process?.exitCode !== null ? true : undefined), 20_000);
    assert.match(term.output, /connect: 0/);
    assert.match(term.output, /done: sent 5 received 0/);
    assert.doesNotMatch(output, /connect: 0|done: sent/, 'the program\'s lines are not in the debug console');
    assert.match(output, /\[winsock\] WSASendDisconnect\(/);
    assert.match(output, /The program exited with code 0\./);
    await waitFor('no process left', () => (leftovers().length === 0 ? true : undefined), 20_000).catch(() => assert.deepEqual(leftovers(), []));
  });

  it('a client that cannot run a terminal gets the program\'s output in the debug console, with a message saying why', async () => {
    const dc = newClient();
    clients.push(dc);
    const output = (await runToEnd(dc, { console: 'integratedTerminal', peer: { behaviour: 'sink', env: 'PEER_PORT' } }, false)).join('');
    assert.match(output, /This client cannot open a terminal for the program \("console": "integratedTerminal"\)/);
    assert.match(output, /done: sent 5 received 0/);
    await waitFor('no process left', () => (leftovers().length === 0 ? true : undefined), 20_000).catch(() => assert.deepEqual(leftovers(), []));
  });
});
