// Snippets in a real VS Code: typing a prefix in a C or C++ editor offers our snippets, and
// accepting one inserts the body from snippets/*.code-snippets.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { expandSnippet } from '../unit/snippets-expander';

const EXTENSION_ID = 'winsock-lens.winsock-lens';

interface SnippetEntry {
  prefix: string;
  body: string[];
  description: string;
}

/** The snippets the extension's manifest contributes for `language`, read from its files. */
function contributedSnippets(language: string): SnippetEntry[] {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is loaded`);
  const contributions: { language: string; path: string }[] = ext.packageJSON?.contributes?.snippets ?? [];
  const files = contributions.filter((c) => c.language === language).map((c) => path.join(ext.extensionPath, c.path));
  assert.ok(files.length > 0, `the manifest contributes snippets for ${language}`);
  return files.flatMap((f) => Object.values(JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, SnippetEntry>));
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Asks the completion providers at `position` until every wanted prefix is offered, or the deadline passes. */
async function snippetItems(doc: vscode.TextDocument, position: vscode.Position, wanted: string[], timeoutMs = 20_000): Promise<Map<string, vscode.CompletionItem>> {
  const started = Date.now();
  for (;;) {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
    const found = new Map<string, vscode.CompletionItem>();
    for (const item of list?.items ?? []) {
      if (item.kind === vscode.CompletionItemKind.Snippet && wanted.includes(labelOf(item))) found.set(labelOf(item), item);
    }
    if (found.size === wanted.length) return found;
    if (Date.now() - started > timeoutMs) {
      const missing = wanted.filter((w) => !found.has(w));
      const offered = (list?.items ?? []).filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
      throw new Error(`after ${timeoutMs} ms these snippets were still not offered: ${missing.join(', ')}; snippets offered: ${offered.join(', ') || 'none'}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function assertBody(item: vscode.CompletionItem, snippet: SnippetEntry): void {
  assert.ok(item.insertText instanceof vscode.SnippetString, `${snippet.prefix} is inserted as a snippet`);
  assert.equal(item.insertText.value, snippet.body.join('\n'), `${snippet.prefix} inserts the body from the snippet file`);
}

/** An untitled editor of `language` with `lines`, the cursor at the end of line `line`. */
async function editorWith(language: string, lines: string[], line: number): Promise<{ doc: vscode.TextDocument; position: vscode.Position }> {
  const doc = await vscode.workspace.openTextDocument({ language, content: lines.join('\n') });
  assert.equal(doc.languageId, language);
  await vscode.window.showTextDocument(doc);
  return { doc, position: new vscode.Position(line, lines[line].length) };
}

/** Closes every editor, discarding the untitled documents' text so that no "save?" prompt is left behind. */
async function closeAllWithoutSaving(): Promise<void> {
  const openTabs = () => vscode.window.tabGroups.all.reduce((n, g) => n + g.tabs.length, 0);
  for (let i = 0; i < 50 && openTabs() > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  assert.equal(openTabs(), 0, 'all editors closed');
}

suite('snippets', function () {
  // The first completion request waits for the snippet files to load; on the shared test machine a
  // single request has taken over 15 s.
  this.timeout(120_000);

  teardown(async () => {
    await closeAllWithoutSaving();
  });

  test('in a C file, typing "wsa-send" offers wsa-senddisconnect-checked with its checked WSASendDisconnect body', async () => {
    const snippet = contributedSnippets('c').find((s) => s.prefix === 'wsa-senddisconnect-checked');
    assert.ok(snippet, 'the snippet file has wsa-senddisconnect-checked');
    const { doc, position } = await editorWith('c', ['#include <winsock2.h>', 'void bye(SOCKET s)', '{', '    wsa-send', '}'], 3);
    const items = await snippetItems(doc, position, [snippet.prefix]);
    const item = items.get(snippet.prefix);
    assert.ok(item);
    assertBody(item, snippet);
    const value = (item.insertText as vscode.SnippetString).value;
    assert.match(value, /WSASendDisconnect\(\$\{1:s\}, NULL\) == SOCKET_ERROR/);
    for (const code of ['WSANOTINITIALISED', 'WSAENETDOWN', 'WSAENOPROTOOPT', 'WSAEINPROGRESS', 'WSAENOTCONN', 'WSAENOTSOCK', 'WSAEFAULT']) {
      assert.ok(value.includes(`case ${code}:`), `the body has a case for ${code}`);
    }
  });

  test('in a C++ file, typing "wsa-dis" offers the disconnect-data and DisconnectEx snippets', async () => {
    const snippets = contributedSnippets('cpp').filter((s) => s.prefix.startsWith('wsa-dis'));
    assert.ok(snippets.length >= 2, 'the snippet file has at least two wsa-dis… snippets');
    const { doc, position } = await editorWith('cpp', ['#include <winsock2.h>', '#include <mswsock.h>', '', 'wsa-dis'], 3);
    const items = await snippetItems(doc, position, snippets.map((s) => s.prefix));
    for (const s of snippets) assertBody(items.get(s.prefix)!, s);
    const reuse = items.get('wsa-disconnectex-reuse');
    assert.ok(reuse, 'wsa-disconnectex-reuse is offered');
    assert.match((reuse.insertText as vscode.SnippetString).value, /WSAID_DISCONNECTEX[\s\S]*TF_REUSE_SOCKET[\s\S]*WSA_IO_PENDING/);
  });

  test('on an empty line of a C and of a C++ file, every contributed snippet is offered with its body and description', async () => {
    for (const language of ['c', 'cpp']) {
      const snippets = contributedSnippets(language);
      const { doc, position } = await editorWith(language, ['#include <winsock2.h>', '', ''], 2);
      const items = await snippetItems(doc, position, snippets.map((s) => s.prefix));
      for (const s of snippets) {
        const item = items.get(s.prefix)!;
        assertBody(item, s);
        // VS Code shows the description followed by the contributing extension's name.
        assert.ok(item.detail?.startsWith(s.description), `${s.prefix} shows its description, got: ${item.detail}`);
      }
      await closeAllWithoutSaving();
    }
  });

  test('accepting each snippet in a real editor gives exactly the text the unit tests compile', async () => {
    // The unit tests compile the expander's output; this checks that output against VS Code's own
    // snippet engine, so the compile test is testing what users really get.
    for (const s of contributedSnippets('c')) {
      const doc = await vscode.workspace.openTextDocument({ language: 'c', content: '' });
      const editor = await vscode.window.showTextDocument(doc);
      editor.options = { insertSpaces: false, tabSize: 4 };
      const inserted = await editor.insertSnippet(new vscode.SnippetString(s.body.join('\n')), new vscode.Position(0, 0));
      assert.ok(inserted, `${s.prefix} was inserted`);
      assert.equal(doc.getText(), expandSnippet(s.body), `${s.prefix}: VS Code's expansion differs from the expander's`);
      await closeAllWithoutSaving();
    }
  });
});
