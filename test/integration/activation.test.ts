// Activation in a real VS Code: the extension wakes up for C and C++ files (and not for others),
// and every command its manifest contributes is registered once it is active.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'winsock-lens.winsock-lens';

function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace (test/fixtures/workspace) is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function pollUntil(check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
}

suite('activation', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the extension under test is the one in this repository', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    assert.equal(path.basename(ext.extensionPath), path.basename(path.resolve(__dirname, '../..')));
  });

  test('a plain-text file does not activate it, a .c file does', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    if (ext.isActive) {
      // Another test file opened a C file first; the order of files is alphabetical.
      this.skip();
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture('notes.txt')));
    // Give a wrong activation the time it would need to show.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(ext.isActive, false, 'opening a .txt file must not activate Winsock Lens');

    const opened = Date.now();
    const doc = await vscode.workspace.openTextDocument(fixture('graceful-close.c'));
    assert.equal(doc.languageId, 'c');
    await vscode.window.showTextDocument(doc);
    await pollUntil(() => ext.isActive, 20_000, 'the extension to activate after opening a .c file');
    const ms = Date.now() - opened;
    console.log(`    activation: ${ms} ms from opening graceful-close.c to isActive`);
  });

  test('a .cpp file opens as C++ with the extension active', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('send-after-shutdown.cpp'));
    assert.equal(doc.languageId, 'cpp');
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await pollUntil(() => ext.isActive, 20_000, 'the extension to be active with a .cpp file open');
  });

  test('every command in the manifest is registered', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    const contributed: { command: string }[] = ext.packageJSON?.contributes?.commands ?? [];
    assert.ok(contributed.length > 0, 'the manifest contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});
