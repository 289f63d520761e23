// The sandbox panel in a real VS Code: the command opens the panel and its worker (a real process,
// posix backend over libc, real sockets on 127.0.0.1). Messages go through the extension's exported
// test API, which delivers them exactly as the webview's onDidReceiveMessage does (validation
// included); what the webview draws is checked by the browser check (test/browser/sandbox.test.mjs).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { JournalEntry, PanelState } from '../../core/protocol/sandbox';
import type { WinsockLensApi } from '../../extension/main';
import type { SandboxTestApi } from '../../extension/sandboxPanel';

const EXTENSION_ID = 'winsock-lens.winsock-lens';

async function pollUntil<T>(what: string, check: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

suite('sandbox panel', () => {
  let api: SandboxTestApi;

  suiteSetup(async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension<WinsockLensApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    const exports = await ext.activate();
    assert.ok(exports.sandbox, 'activate() returns the sandbox test API');
    api = exports.sandbox;
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the command opens the panel with a ready worker', async function () {
    this.timeout(30_000);
    // The command checks vscode.workspace.isTrusted itself (and says why it refuses); the test
    // server runs with workspace trust disabled, which makes every workspace trusted.
    assert.equal(vscode.workspace.isTrusted, true, 'the test workspace is trusted');
    await vscode.commands.executeCommand('winsockLens.openSandbox');
    const state = await pollUntil('the panel state to say ready', () => (api.state()?.status === 'ready' && api.state()?.backend ? api.state() : undefined));
    assert.ok(api.isOpen());
    assert.equal(state.backend, process.platform === 'win32' ? 'ws2_32' : 'posix');
    const pid = api.workerPid();
    assert.ok(pid && alive(pid), 'a worker process runs');
    assert.ok(state.strings['exportC'], 'the host sends the UI strings');
    assert.ok(state.diagram && state.diagram.states.length === 10, 'the diagram carries the model\'s ten states');
    // A second run of the command reveals the same panel: still one worker.
    await vscode.commands.executeCommand('winsockLens.openSandbox');
    assert.equal(api.workerPid(), pid);
  });

  test('the "send after disconnect" recipe shows WSAESHUTDOWN (10058) for the send, with its explanation', async function () {
    this.timeout(30_000);
    await api.post({ type: 'restart' });
    await api.post({ type: 'recipe', recipe: 'send-after-disconnect' });
    const state = await pollUntil('the journal to hold the recipe', () => {
      const s = api.state();
      return s?.journal.some((e) => e.side === 'app' && e.call?.fn === 'WSACleanup') ? s : undefined;
    });
    const app = state.journal.filter((e) => e.side === 'app');
    assert.deepEqual(app.map((e) => e.call?.fn), ['WSAStartup', 'socket', 'connect', 'send', 'WSASendDisconnect', 'send', 'recv', 'closesocket', 'WSACleanup']);
    const send = app.filter((e) => e.call?.fn === 'send')[1] as JournalEntry;
    assert.equal(send.wsaError, 10058);
    // The description promises that recv still works: the recipe shows it.
    const recv = app.find((e) => e.call?.fn === 'recv') as JournalEntry;
    assert.equal(recv.wsaError, 0);
    assert.equal(recv.data, 'ping');
    // The peer's "accepted" comes between the connect and the calls after it.
    const seqOf = (pred: (e: JournalEntry) => boolean) => state.journal.find(pred)?.seq ?? -1;
    const accepted = seqOf((e) => e.side === 'peer' && e.peerEvent === 'accepted');
    assert.ok(seqOf((e) => e.call?.fn === 'connect') < accepted && accepted < seqOf((e) => e.call?.fn === 'WSASendDisconnect'), 'connect, accepted, WSASendDisconnect in that order');
    // Restart session numbered the journal from #1 again.
    assert.deepEqual(state.journal.map((e) => e.seq), state.journal.map((_, i) => i + 1));
    assert.equal(send.wsaErrorName, 'WSAESHUTDOWN');
    assert.equal(send.returnValue, 'SOCKET_ERROR');
    assert.ok((state.errorHelp['WSAESHUTDOWN'] ?? '').length > 20, 'the model\'s explanation of WSAESHUTDOWN is in the state');
    const disconnect = app.find((e) => e.call?.fn === 'WSASendDisconnect') as JournalEntry;
    assert.equal(disconnect.returnValue, '0');
    assert.equal(disconnect.stateAfter, 'send-shut');
  });

  test('Export as C opens the same calls as a C program in an untitled editor', async function () {
    this.timeout(30_000);
    await api.post({ type: 'exportC' });
    const text = api.lastExport();
    assert.ok(text, 'an export was made');
    const editor = await pollUntil('the C editor', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.isUntitled && e.document.languageId === 'c' && e.document.getText() === text),
    );
    assert.match(editor.document.getText(), /WSASendDisconnect\(s1, NULL\)[\s\S]*send\(s1, "too late", 8, 0\)/);
    // Beside the panel, not over it: the panel (and its journal) stays visible.
    assert.ok(editor.viewColumn !== undefined && editor.viewColumn > vscode.ViewColumn.One, `the export opened in column ${editor.viewColumn}`);
    const tabOfPanel = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => ({ g, t }))).find(({ t }) => t.input instanceof vscode.TabInputWebview && t.label === 'Winsock Sandbox');
    assert.ok(tabOfPanel && tabOfPanel.t.isActive, 'the sandbox panel is still the active tab of its group');
    // Close it without a save prompt.
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('malformed messages are refused and logged, never acted on; the session still works', async function () {
    this.timeout(30_000);
    const before = api.state()?.journal.length ?? 0;
    const bad: unknown[] = [
      { type: 'call', call: { fn: 'system', command: 'id' } },
      { type: 'call', call: { fn: 'connect', socket: 3, address: '8.8.8.8', port: 53 } },
      { type: 'recipe', recipe: 'graceful-close', extra: 1 },
      { type: 'call', call: { fn: 'send', socket: 3, text: 'x'.repeat(100_000) } },
      'restart',
      null,
    ];
    const errorsBefore = api.errors().length;
    for (const m of bad) await api.post(m);
    assert.equal(api.errors().length - errorsBefore, bad.length, 'each refusal is shown in the panel');
    assert.match(api.errors().at(-5) ?? '', /not 'peer' or a loopback address/);
    assert.equal(api.state()?.journal.length, before, 'nothing reached the worker');
    // Still working: a valid call after the refusals.
    await api.post({ type: 'call', call: { fn: 'WSAGetLastError' } });
    await pollUntil('the WSAGetLastError entry', () => api.state()?.journal.find((e) => e.call?.fn === 'WSAGetLastError'));
  });

  test('a killed worker: the panel says it crashed, and a new worker is ready', async function () {
    this.timeout(30_000);
    const pid = api.workerPid();
    assert.ok(pid);
    const statuses: PanelState['status'][] = [];
    const timer = setInterval(() => {
      const s = api.state()?.status;
      if (s && statuses.at(-1) !== s) statuses.push(s);
    }, 5);
    try {
      process.kill(pid, 'SIGKILL');
      const crashed = await pollUntil('the crash to show', () => (api.state()?.status === 'crashed' ? api.state() : undefined));
      assert.match(crashed.statusMessage ?? '', /SIGKILL/);
      const next = await pollUntil('a new worker', () => {
        const p = api.workerPid();
        return p !== undefined && p !== pid && api.state()?.status === 'ready' ? p : undefined;
      });
      assert.ok(alive(next));
      assert.equal(alive(pid), false);
      assert.match(api.state()?.statusMessage ?? '', /crashed/);
    } finally {
      clearInterval(timer);
    }
    // The new worker answers.
    await api.post({ type: 'recipe', recipe: 'disconnect-data-on-tcp' });
    await pollUntil('WSAENOPROTOOPT from the new worker', () => api.state()?.journal.find((e) => e.wsaErrorName === 'WSAENOPROTOOPT'));
  });

  test('a stopped (SIGSTOP) worker: the call settles at the host\'s deadline, the worker is replaced, the next panel message runs', async function () {
    this.timeout(60_000);
    if (process.platform === 'win32') this.skip(); // SIGSTOP is POSIX
    const pid = api.workerPid();
    assert.ok(pid);
    const errorsBefore = api.errors().length;
    process.kill(pid, 'SIGSTOP');
    const t0 = Date.now();
    try {
      // Two messages: the second queues behind the first, as a person clicking on would.
      const first = api.post({ type: 'call', call: { fn: 'WSAGetLastError' } });
      const second = api.post({ type: 'call', call: { fn: 'WSAStartup' } });
      await first;
      const waited = Date.now() - t0;
      // The default deadline: twice callTimeoutMs (5 s), at least callTimeoutMs + 5 s.
      assert.ok(waited >= 9_000 && waited < 30_000, `the first call settled after ${waited} ms`);
      assert.match(api.errors().slice(errorsBefore).join('\n'), /did not answer within 10000 ms \(it is stopped or stuck\)/);
      await second;
      const next = await pollUntil('a new worker', () => {
        const p = api.workerPid();
        return p !== undefined && p !== pid && api.state()?.status === 'ready' ? p : undefined;
      });
      assert.ok(alive(next));
      assert.equal(alive(pid), false, 'the stopped worker was ended');
      await pollUntil('WSAStartup from the new worker', () => api.state()?.journal.find((e) => e.call?.fn === 'WSAStartup' && e.wsaError === 0 && (e.time ?? 0) >= t0));
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  test('a changed setting reaches the worker: with maxSockets 1 a second socket is refused', async function () {
    this.timeout(60_000);
    const config = vscode.workspace.getConfiguration('winsockLens.sandbox');
    await config.update('maxSockets', 1, vscode.ConfigurationTarget.Global);
    try {
      // The panel applies the setting when VS Code reports the change: try until it has.
      let refused: string | undefined;
      const end = Date.now() + 30_000;
      while (!refused) {
        if (Date.now() > end) throw new Error('timed out after 30000 ms waiting for the second socket to be refused');
        const before = api.errors().length;
        await api.post({ type: 'restart' });
        await api.post({ type: 'call', call: { fn: 'WSAStartup' } });
        await api.post({ type: 'call', call: { fn: 'socket', af: 'AF_INET', type: 'SOCK_STREAM' } });
        await api.post({ type: 'call', call: { fn: 'socket', af: 'AF_INET', type: 'SOCK_STREAM' } });
        refused = api.errors().slice(before).find((m) => m.includes('winsockLens.sandbox.maxSockets'));
        if (!refused) await new Promise((r) => setTimeout(r, 100));
      }
      assert.match(refused, /already holds 1 sockets/);
      assert.equal(api.state()?.sockets.length, 1);
    } finally {
      await config.update('maxSockets', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('closing the panel ends the worker', async function () {
    this.timeout(30_000);
    const pid = api.workerPid();
    assert.ok(pid && alive(pid));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await pollUntil('the panel to close', () => (api.isOpen() ? undefined : true));
    await pollUntil('the worker to exit', () => (alive(pid) ? undefined : true), 10_000);
  });
});
