// winsock-lens-lsp (the bundle, started with --stdio) over JSON-RPC, driven by the protocol
// library's own client-side connection, for what the Neovim test does not reach: per-file settings
// through workspace/configuration (lint off for one file, Russian for another, hover off), a
// project's ignore glob, a bad setting reported as a warning, and diagnostics cleared on close.
// Needs dist/winsock-lens-lsp.js (`node esbuild.mjs`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest, createProtocolConnection, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, HoverRequest,
  InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShowMessageNotification, StreamMessageReader,
  StreamMessageWriter, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const root = path.resolve(__dirname, '../..');
const example = readFileSync(path.join(root, 'examples/tcp_reconnect.c'), 'utf8');

let dir = '';
let child: ChildProcess;
let conn: ProtocolConnection;
const published = new Map<string, PublishDiagnosticsParams[]>();
const messages: string[] = [];
/** The `winsockLens` settings the client answers for each file name. */
const settingsByFile: Record<string, unknown> = {
  'off.c': { lint: { enabled: false } },
  'ru.c': { docs: { language: 'ru' } },
  'nohover.c': { hover: { enabled: false } },
  'bad.c': { lint: { rules: { 'no-such-rule': 'off' } } },
};

function uriOf(name: string): string {
  return pathToFileURL(path.join(dir, name)).href;
}

/** Polls until `uri` has a publication that satisfies `ok` (deadline 30 s). */
async function diagnosticsFor(uri: string, ok: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const hit = (published.get(uri) ?? []).find(ok);
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri} within 30 s; got ${JSON.stringify(published.get(uri))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function open(name: string, text = example): string {
  const uri = uriOf(name);
  void conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'c', version: 1, text } });
  return uri;
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'winsock-lens-lsp-'));
  mkdirSync(path.join(dir, 'third_party'));
  copyFileSync(path.join(root, 'examples/tcp_reconnect.c'), path.join(dir, 'third_party', 'vendored.c'));
  writeFileSync(path.join(dir, '.winsock-lens.json'), JSON.stringify({ ignore: ['third_party/**'] }));
  child = spawn(process.execPath, [path.join(root, 'dist/winsock-lens-lsp.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.set(p.uri, [...(published.get(p.uri) ?? []), p]);
  });
  conn.onNotification(ShowMessageNotification.type, (m) => {
    messages.push(m.message);
  });
  conn.onRequest(ConfigurationRequest.type, (params) =>
    params.items.map((item) => settingsByFile[path.basename(new URL(item.scopeUri ?? 'file:///x').pathname)] ?? {}));
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: { workspace: { configuration: true } }, locale: 'en',
  });
  await conn.sendNotification(InitializedNotification.type, {});
});

after(() => {
  conn?.dispose();
  child?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('per-file settings: findings with the defaults, none where lint is off, Russian where asked', async () => {
  const plain = await diagnosticsFor(open('plain.c'), (p) => p.diagnostics.length > 0);
  assert.ok(plain.diagnostics.some((d) => d.code === 'reuse-after-disconnect'));
  const off = await diagnosticsFor(open('off.c'));
  assert.deepEqual(off.diagnostics, [], 'lint.enabled false for this file');
  const ru = await diagnosticsFor(open('ru.c'), (p) => p.diagnostics.length > 0);
  const reuse = ru.diagnostics.find((d) => d.code === 'reuse-after-disconnect');
  const message = typeof reuse?.message === 'string' ? reuse.message : (reuse?.message.value ?? '');
  assert.match(message, /[а-яё]/i, `a Russian message: ${message}`);
});

test('hover: answered by default, null where hover.enabled is false', async () => {
  const line = example.split('\n').findIndex((l) => l.includes('WSASendDisconnect('));
  const character = example.split('\n')[line]!.indexOf('WSASendDisconnect') + 2;
  const on = await conn.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf('plain.c') }, position: { line, character } });
  const value = on && typeof on.contents === 'object' && 'value' in on.contents ? String(on.contents.value) : '';
  assert.match(value, /WSASendDisconnect/);
  const nohover = open('nohover.c');
  await diagnosticsFor(nohover);
  assert.equal(await conn.sendRequest(HoverRequest.type, { textDocument: { uri: nohover }, position: { line, character } }), null);
});

test('a file the project\'s .winsock-lens.json ignores gets no diagnostics', async () => {
  const p = await diagnosticsFor(open('third_party/vendored.c'));
  assert.deepEqual(p.diagnostics, []);
});

test('a bad setting is reported to the user, naming the setting and the entry', async () => {
  await diagnosticsFor(open('bad.c'));
  const deadline = Date.now() + 10_000;
  while (!messages.some((m) => m.includes('no-such-rule')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const m = messages.find((x) => x.includes('no-such-rule'));
  assert.ok(m, `a window/showMessage about it; got ${JSON.stringify(messages)}`);
  assert.match(m, /winsockLens\.lint\.rules/);
});

test('closing a document clears its diagnostics', async () => {
  const uri = uriOf('plain.c');
  const before = published.get(uri)?.length ?? 0;
  await conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  const cleared = await diagnosticsFor(uri, (p) => (published.get(uri)?.indexOf(p) ?? -1) >= before);
  assert.deepEqual(cleared.diagnostics, []);
});

test('a shutdown wrapper in one open document is seen through in another, until the wrapper\'s document closes', async () => {
  const caller = open('talk.c', ['#include <winsock2.h>', 'void wrap_finish(SOCKET s);', 'int talk(SOCKET s)', '{', '    wrap_finish(s);', '    return send(s, "x", 1, 0);', '}', ''].join('\n'));
  await diagnosticsFor(caller);
  assert.deepEqual((published.get(caller) ?? []).at(-1)!.diagnostics.map((d) => d.code), [], 'alone it knows nothing of the wrapper');
  const wrapper = open('wrap.c', ['#include <winsock2.h>', 'void wrap_finish(SOCKET s)', '{', '    shutdown(s, SD_SEND);', '}', ''].join('\n'));
  const seen = await diagnosticsFor(caller, (p) => p.diagnostics.some((d) => d.code === 'send-after-disconnect'));
  const d = seen.diagnostics.find((x) => x.code === 'send-after-disconnect')!;
  assert.equal(d.range.start.line, 5);
  assert.match(String(d.message), /after wrap_finish\(s\) on line 5/);
  const count = published.get(caller)!.length;
  await conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: wrapper } });
  const gone = await diagnosticsFor(caller, (p) => published.get(caller)!.indexOf(p) >= count);
  assert.deepEqual(gone.diagnostics.map((x) => x.code), []);
});
