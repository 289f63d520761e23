// The sandbox in an untrusted workspace, in a real VS Code: this file runs in a workbench of its own
// with workspace trust on and the test folder untrusted (Restricted Mode; scripts/test-integration.mjs'
// third run). The sandbox makes real socket calls in a separate process, so it must refuse there.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WinsockLensApi } from '../../extension/main';
import type { SandboxTestApi } from '../../extension/sandboxPanel';

const EXTENSION_ID = 'winsock-lens.winsock-lens';
const REFUSAL = /makes real socket calls in a separate process, so it is off in untrusted workspaces\. Trust this workspace to use it\./;

suite('sandbox in an untrusted workspace', () => {
  let api: SandboxTestApi;

  suiteSetup(async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension<WinsockLensApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    // The extension supports untrusted workspaces in a limited way: it activates (hover, lint) there.
    const exports = await ext.activate();
    assert.ok(exports.sandbox);
    api = exports.sandbox;
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the workspace is untrusted (the run is what it claims to be)', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.ok(vscode.workspace.workspaceFolders?.length, 'a folder is open');
  });

  test('the sandbox command refuses with its message and starts nothing', async () => {
    const before = api.refusals().length;
    await vscode.commands.executeCommand('winsockLens.openSandbox');
    const said = api.refusals().slice(before);
    assert.equal(said.length, 1, 'one refusal');
    assert.match(said[0] ?? '', REFUSAL);
    assert.equal(api.isOpen(), false, 'no panel');
    assert.equal(api.workerPid(), undefined, 'no worker process');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(!tabs.some((t) => t.input instanceof vscode.TabInputWebview), 'no webview tab was opened');
    // The test API's open() takes the same path and fails with the same words.
    await assert.rejects(api.open(), REFUSAL);
  });

  test('a restored sandbox panel runs no script: scripts off, no resources, a CSP that allows nothing, no worker', async () => {
    // A real webview panel of the sandbox's type, handed to the serializer the extension registered
    // with VS Code, as VS Code does when it brings the panel back after a reload.
    const panel = vscode.window.createWebviewPanel('winsockLens.sandbox', 'Winsock Sandbox', vscode.ViewColumn.Active, { enableScripts: true });
    try {
      await api.restore(panel);
      assert.equal(panel.webview.options.enableScripts, false, 'scripts are off');
      assert.deepEqual(panel.webview.options.localResourceRoots, [], 'no local resource may load');
      const html = panel.webview.html;
      assert.doesNotMatch(html, /<script/i, 'the page has no script element');
      assert.match(html, /Content-Security-Policy" content="default-src 'none'"/);
      assert.match(html, REFUSAL, 'the page says why');
      assert.equal(api.isOpen(), false, 'no sandbox session behind it');
      assert.equal(api.workerPid(), undefined, 'no worker process');
    } finally {
      panel.dispose();
    }
  });
});

// The debugger (debug type `winsock-lens`) builds and runs native code too: in the same untrusted
// workbench no debug session of it may start. VS Code itself holds a launch in Restricted Mode behind
// its own workspace-trust request (startDebugging does not answer while that request is open), so
// this asserts the outcome (no session, no success); it does not reach the extension's own refusal
// (extension/debug.ts), which VS Code's gate comes before.
suite('debugger in an untrusted workspace', () => {
  test('a winsock-lens launch does not start: no success from startDebugging, no debug session', async function () {
    this.timeout(30_000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const started: string[] = [];
    const sub = vscode.debug.onDidStartDebugSession((s) => started.push(s.type));
    try {
      const program = path.join(folder.uri.fsPath, 'graceful-close.c');
      const result = await Promise.race([
        vscode.debug.startDebugging(folder, { type: 'winsock-lens', request: 'launch', name: 'untrusted', program }),
        new Promise<string>((r) => setTimeout(() => r('no answer within 10 s'), 10_000)),
      ]);
      console.log(`    startDebugging in an untrusted workspace: ${String(result)}`);
      assert.notEqual(result, true, 'the launch did not succeed');
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(started, [], 'no debug session started');
      assert.equal(vscode.debug.activeDebugSession, undefined);
    } finally {
      sub.dispose();
    }
  });
});
