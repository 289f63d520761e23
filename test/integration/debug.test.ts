// The debugger in a real VS Code: a session of the `winsock-lens` type started on a C program
// (built by the adapter with MinGW-w64, run under real gdb and gdbserver.exe under Wine, against the
// adapter's loopback peer), stopped at a breakpoint after WSASendDisconnect; the Sockets scope is
// read through the session as the Variables view reads it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const program = path.resolve(__dirname, '../../test/debug/fixtures/disconnect_client.c');
const storageDir = path.resolve(__dirname, '../../.cache/debug-adapter-tests');

async function pollUntil<T>(what: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

suite('debugger (winsock-lens debug type)', () => {
  const stops: { session: vscode.DebugSession; body: { threadId?: number; reason?: string } }[] = [];
  const outputs: { session: vscode.DebugSession; text: string }[] = [];
  let tracker: vscode.Disposable | undefined;

  suiteSetup(async () => {
    tracker = vscode.debug.registerDebugAdapterTrackerFactory('winsock-lens', {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (m: { type?: string; event?: string; body?: { threadId?: number; reason?: string; output?: string } }) => {
          if (m.type === 'event' && m.event === 'stopped') stops.push({ session, body: m.body ?? {} });
          if (m.type === 'event' && m.event === 'output') outputs.push({ session, text: m.body?.output ?? '' });
        },
      }),
    });
  });

  suiteTeardown(async () => {
    tracker?.dispose();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    await vscode.debug.stopDebugging();
  });

  test('the package contributes the debug type with its breakpoints and a first configuration', () => {
    const pkg = vscode.extensions.getExtension('winsock-lens.winsock-lens')?.packageJSON as {
      contributes: { debuggers: { type: string; initialConfigurations: { program: string }[] }[]; breakpoints: { language: string }[] };
    };
    const dbg = pkg.contributes.debuggers.find((d) => d.type === 'winsock-lens');
    assert.ok(dbg);
    assert.equal(dbg.initialConfigurations[0]?.program, '${file}');
    assert.deepEqual(pkg.contributes.breakpoints.map((b) => b.language).sort(), ['c', 'cpp']);
  });

  test('a session stops at a breakpoint and its Sockets scope shows send-shut and FIN_WAIT2', async function () {
    this.timeout(240_000);
    const uri = vscode.Uri.file(program);
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(uri, new vscode.Position(34, 0)))]);
    const started = await vscode.debug.startDebugging(undefined, {
      type: 'winsock-lens',
      request: 'launch',
      name: 'integration: disconnect_client.c',
      program,
      peer: 'silent',
      storageDir,
      language: 'en',
    });
    assert.equal(started, true, 'the session started');
    const stop = await pollUntil('the breakpoint stop', () => stops[0], 180_000);
    assert.equal(stop.body.reason, 'breakpoint');
    const session = stop.session;
    const st = await session.customRequest('stackTrace', { threadId: stop.body.threadId ?? 1 });
    const frame = st.stackFrames[0];
    assert.equal(frame.line, 35);
    const { scopes } = await session.customRequest('scopes', { frameId: frame.id });
    const socketsScope = scopes.find((s: { name: string }) => s.name === 'Sockets');
    assert.ok(socketsScope, `a Sockets scope among ${scopes.map((s: { name: string }) => s.name).join(', ')}`);
    const { variables } = await session.customRequest('variables', { variablesReference: socketsScope.variablesReference });
    assert.equal(variables.length, 1);
    assert.match(variables[0].value, /^sending shut down \(since WSASendDisconnect on line 34\)/);
    let kernel = '';
    for (let i = 0; i < 20 && kernel !== 'FIN_WAIT2'; i++) {
      const detail = (await session.customRequest('variables', { variablesReference: variables[0].variablesReference })).variables as { name: string; value: string }[];
      kernel = detail.find((d) => d.name === 'kernel TCP state')?.value ?? '';
      if (kernel !== 'FIN_WAIT2') await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(kernel, 'FIN_WAIT2');
    const ended = new Promise<void>((resolve) => {
      const d = vscode.debug.onDidTerminateDebugSession(() => {
        d.dispose();
        resolve();
      });
    });
    await vscode.debug.stopDebugging(session);
    await ended;
  });

  test('"console": "integratedTerminal" runs the program in a terminal of VS Code; the journal stays in the debug console', async function () {
    this.timeout(240_000);
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    const opened = new Promise<vscode.Terminal>((resolve) => {
      const d = vscode.window.onDidOpenTerminal((t) => {
        if (t.name === 'Winsock Lens: disconnect_client.c') {
          d.dispose();
          resolve(t);
        }
      });
    });
    let session: vscode.DebugSession | undefined;
    const ended = new Promise<void>((resolve) => {
      const d = vscode.debug.onDidTerminateDebugSession((s) => {
        if (s === session) {
          d.dispose();
          resolve();
        }
      });
    });
    const startedSession = new Promise<vscode.DebugSession>((resolve) => {
      const d = vscode.debug.onDidStartDebugSession((s) => {
        d.dispose();
        resolve(s);
      });
    });
    const started = await vscode.debug.startDebugging(undefined, {
      type: 'winsock-lens',
      request: 'launch',
      name: 'integration: in a terminal',
      program,
      peer: { behaviour: 'sink', env: 'PEER_PORT' },
      console: 'integratedTerminal',
      storageDir,
      language: 'en',
    });
    assert.equal(started, true, 'the session started');
    session = await startedSession;
    const terminal = await opened;
    assert.ok(((await terminal.processId) ?? 0) > 0, 'the terminal runs a process');
    await ended;
    const text = outputs.filter((o) => o.session === session).map((o) => o.text).join('');
    assert.match(text, /\[winsock\] WSASendDisconnect\(/);
    assert.match(text, /The program exited with code 0\./);
    assert.doesNotMatch(text, /done: sent/, "the program's own lines went to the terminal");
    terminal.dispose();
  });
});
