// The project model and the workspace lint in a real VS Code, on the sample project
// test/fixtures/workspace/netproj (compile_commands.json, include/net.h with the platform macro and
// the close wrapper, a UTF-16 source, a .winsock-lens.json ignoring third_party/): findings of files
// that were never opened appear in the Problems panel, they change when the config file changes,
// a file that does not parse gets one information diagnostic, the language status item tells the
// progress, and the cost of the background lint on typing is measured.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { WinsockLensApi } from '../../extension/main';

const EXTENSION_ID = 'winsock-lens.winsock-lens';
const SOURCE = 'winsock-lens';
const DEADLINE_MS = 60_000;

function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace (test/fixtures/workspace) is open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** `rule:line(1-based):severity` of our diagnostics of `uri`, sorted. */
function picture(uri: vscode.Uri): string[] {
  const sev = ['error', 'warning', 'info', 'hint'];
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE)
    .map((d) => `${codeOf(d)}:${d.range.start.line + 1}:${sev[d.severity]}`)
    .sort();
}

async function until<T>(what: string, check: () => T | undefined, timeoutMs = DEADLINE_MS, describe: () => string = () => ''): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} ${describe()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function api(): Promise<NonNullable<WinsockLensApi['lint']>> {
  const ext = vscode.extensions.getExtension<WinsockLensApi>(EXTENSION_ID);
  assert.ok(ext);
  const exports = await ext.activate();
  assert.ok(exports.lint, 'the lint test hooks (Test mode)');
  return exports.lint;
}

const SERVER = ['send-after-disconnect:11:error', 'send-after-disconnect:30:error', 'use-after-closesocket:21:error'];
const LEGACY = ['send-after-disconnect:8:error'];

suite('lint: project model and workspace scope', () => {
  const configUri = workspaceUri('netproj', '.winsock-lens.json');
  let originalConfig = '';

  suiteSetup(() => {
    originalConfig = fs.readFileSync(configUri.fsPath, 'utf8');
  });

  suiteTeardown(async () => {
    fs.writeFileSync(configUri.fsPath, originalConfig);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('findings of files that were never opened are in the Problems panel, from their project setup', async () => {
    const lint = await api();
    const server = workspaceUri('netproj', 'src', 'server.c');
    const legacy = workspaceUri('netproj', 'src', 'legacy.c');
    const vendor = workspaceUri('netproj', 'third_party', 'vendor.c');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === server.toString()), 'server.c is not open');
    await until('server.c findings', () => (picture(server).join() === SERVER.join() ? true : undefined), DEADLINE_MS, () => picture(server).join());
    await until('legacy.c (UTF-16) findings', () => (picture(legacy).join() === LEGACY.join() ? true : undefined), DEADLINE_MS, () => picture(legacy).join());
    await lint.workspace.whenIdle();
    assert.deepEqual(picture(vendor), [], 'third_party/ is ignored by the config file');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === server.toString()), 'still not open');
    // The language status item has the count of files.
    assert.match(lint.status.state.text, /Winsock Lens: \d+ files/);
    assert.equal(lint.status.state.busy, false);
  });

  test('an opened project file keeps the same findings (the editor lint uses the same setup)', async () => {
    const server = workspaceUri('netproj', 'src', 'server.c');
    const doc = await vscode.workspace.openTextDocument(server);
    await vscode.window.showTextDocument(doc);
    await new Promise((r) => setTimeout(r, 500));
    await until('server.c findings while open', () => (picture(server).join() === SERVER.join() ? true : undefined), DEADLINE_MS, () => picture(server).join());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Closed again, the background lint shows the saved file's findings.
    await until('server.c findings after closing', () => (picture(server).join() === SERVER.join() ? true : undefined), DEADLINE_MS, () => picture(server).join());
  });

  test('the findings change when the config file changes', async () => {
    const server = workspaceUri('netproj', 'src', 'server.c');
    const vendor = workspaceUri('netproj', 'third_party', 'vendor.c');
    fs.writeFileSync(configUri.fsPath, JSON.stringify({ rules: { 'send-after-disconnect': 'warning' }, ignore: [] }));
    const expected = ['send-after-disconnect:11:warning', 'send-after-disconnect:30:warning', 'use-after-closesocket:21:error'];
    await until('warnings after the config change', () => (picture(server).join() === expected.join() ? true : undefined), DEADLINE_MS, () => picture(server).join());
    await until('third_party/ linted once no longer ignored', () => (picture(vendor).join() === 'send-after-disconnect:7:warning' ? true : undefined), DEADLINE_MS, () => picture(vendor).join());
    fs.writeFileSync(configUri.fsPath, originalConfig);
    await until('errors again', () => (picture(server).join() === SERVER.join() ? true : undefined), DEADLINE_MS, () => picture(server).join());
    await until('third_party/ ignored again', () => (picture(vendor).length === 0 ? true : undefined), DEADLINE_MS, () => picture(vendor).join());
  });

  test('a file that does not parse shows one information diagnostic saying findings may be missing', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'c',
      content: ['#include <winsock2.h>', 'int f(SOCKET s) {', '    int = = ;', '    return 0;', '}', 'struct {', ''].join('\n'),
    });
    await vscode.window.showTextDocument(doc);
    const notices = await until('the parse notice', () => {
      const n = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE && codeOf(d) === 'parse-errors');
      return n.length > 0 ? n : undefined;
    });
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.severity, vscode.DiagnosticSeverity.Information);
    assert.match(notices[0]!.message, /could not be parsed as C\/C\+\+.*findings there may be missing/);
    // No quick fix claims to fix a syntax error.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, notices[0]!.range);
    assert.ok(!actions.some((a) => /parse-errors/.test(a.title)), actions.map((a) => a.title).join(', '));
    // Reverted, so that no backup of it comes back in a later untitled buffer of the same name.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a shutdown wrapper in one file is seen through in another, opened or not, and not once it is deleted', async () => {
    const lint = await api();
    const dir = workspaceUri('wrappers-tmp');
    const wrapper = vscode.Uri.joinPath(dir, 'net_wrap.c');
    const caller = vscode.Uri.joinPath(dir, 'talk.c');
    fs.rmSync(dir.fsPath, { recursive: true, force: true });
    await lint.workspace.whenIdle();
    const before = lint.workspace.state.files;
    try {
      // A new folder with the caller written into it at once: the watcher may report the folder
      // alone (it did, here, three runs in four), and the background must still find the file.
      fs.mkdirSync(dir.fsPath);
      fs.writeFileSync(caller.fsPath, ['#include <winsock2.h>', 'void wrap_finish(SOCKET s);', 'int talk(SOCKET s)', '{', '    wrap_finish(s);', '    return send(s, "x", 1, 0);', '}', ''].join('\n'));
      // The caller is linted first, before the wrapper exists; then once more when it does.
      await until('the new folder\'s file in the background lint', () => (lint.workspace.state.files === before + 1 ? true : undefined), DEADLINE_MS, () => JSON.stringify(lint.workspace.state));
      await lint.workspace.whenIdle();
      fs.writeFileSync(wrapper.fsPath, ['#include <winsock2.h>', 'void wrap_finish(SOCKET s)', '{', '    if (s != INVALID_SOCKET)', '        shutdown(s, SD_SEND);', '}', ''].join('\n'));
      const expected = 'send-after-disconnect:6:error';
      await until('the send after the other file\'s wrapper, never opened', () => (picture(caller).join() === expected ? true : undefined), 20_000, () => `${picture(caller).join()} ${JSON.stringify(lint.workspace.state)}`);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(caller));
      const message = () => vscode.languages.getDiagnostics(caller).find((d) => codeOf(d) === 'send-after-disconnect')?.message;
      await until('the same finding while open', () => (picture(caller).join() === expected && message() ? true : undefined), 20_000, () => picture(caller).join());
      assert.match(message() ?? '', /after wrap_finish\(s\) on line 5/);
      fs.rmSync(wrapper.fsPath);
      await until('no finding once the wrapper is deleted', () => (picture(caller).length === 0 ? true : undefined), 20_000, () => picture(caller).join());
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await lint.workspace.whenIdle();
      assert.deepEqual(picture(caller), []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(dir.fsPath, { recursive: true, force: true });
    }
  });

  test('timing: edit-to-diagnostics latency with and without a background workspace lint (printed; bounded loosely)', async function () {
    this.timeout(300_000);
    const lint = await api();
    await lint.workspace.whenIdle();
    const fixture = fs.readFileSync(workspaceUri('lint-disconnect.c').fsPath, 'utf8');
    const doc = await vscode.workspace.openTextDocument({ language: 'c', content: fixture });
    const editor = await vscode.window.showTextDocument(doc);
    const sends = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'send-after-disconnect').length;
    // A name an earlier untitled buffer had may come back with that buffer's text (VS Code's backup).
    assert.equal(doc.getText(), fixture, `the new buffer ${doc.uri.toString()} holds the fixture`);
    await until('the copy linted', () => (sends() > 0 ? true : undefined));
    // The send of the trailer after WSASendDisconnect: a finding while it is `send`, none as `Send`.
    const line = doc.getText().split('\n').findIndex((l) => l.includes('send(s, trailer'));
    assert.ok(line >= 0, 'the trailer send in the fixture');
    const col = doc.lineAt(line).text.indexOf('send(s, trailer');
    const range = new vscode.Range(line, col, line, col + 1);

    // One sample: toggle `send(` ↔ `Send(` and wait for the count of findings to change.
    const sample = async (): Promise<number> => {
      const before = sends();
      const current = doc.getText(range);
      const started = performance.now();
      await editor.edit((e) => e.replace(range, current === 's' ? 'S' : 's'));
      await until('the diagnostics of the edit', () => (sends() !== before ? true : undefined));
      return performance.now() - started;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const SAMPLES = 9;
    const idle: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      idle.push(await sample());
      await new Promise((r) => setTimeout(r, 600));
    }

    // A large tree for the background: 600 copies of the fixture in a folder of the workspace.
    const bench = workspaceUri('.wl-bench');
    fs.mkdirSync(bench.fsPath, { recursive: true });
    try {
      for (let i = 0; i < 600; i++) fs.writeFileSync(`${bench.fsPath}/copy${i}.c`, fixture);
      await lint.workspace.start();
      await until('the background lint to run', () => (lint.workspace.state.queued > 0 || lint.workspace.state.running ? true : undefined), 30_000);
      const busy: number[] = [];
      let during = 0;
      for (let i = 0; i < SAMPLES; i++) {
        if (lint.workspace.state.queued > 0) during++;
        busy.push(await sample());
        // The pause lets the background lint work between edits, as it would between bursts of typing.
        await new Promise((r) => setTimeout(r, 600));
      }
      const a = median(idle);
      const b = median(busy);
      console.log(
        `    edit-to-diagnostics, median of ${SAMPLES}: ${a.toFixed(0)} ms idle, ${b.toFixed(0)} ms with the background lint of ${lint.workspace.state.files} files running ` +
          `(${during}/${SAMPLES} samples taken while files were queued): ratio ${(b / a).toFixed(2)}`,
      );
      assert.ok(during >= Math.ceil(SAMPLES / 2), `the background lint was running during most samples (${during}/${SAMPLES})`);
      // Loose: typing must not wait for the background (a file at most).
      assert.ok(b < a + 1000, `typing latency ${b.toFixed(0)} ms with the background lint vs ${a.toFixed(0)} ms without`);
    } finally {
      fs.rmSync(bench.fsPath, { recursive: true, force: true });
      await lint.workspace.start();
      await lint.workspace.whenIdle();
    }
  });
});
