// In a workbench whose display language is Russian, with `winsockLens.docs.language: auto` (the
// default): lint messages and the quick fixes' titles are Russian, the engine's from the findings
// and the editor's own from l10n/bundle.l10n.ru.json; with `en`, all of them are English (one
// language per menu: the docs language governs every string the extension writes).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';

const CYRILLIC = /[А-Яа-яЁё]/;

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

suite('lint (Russian workbench)', function () {
  // The shared test machine is often heavily loaded: the first lint of a fresh workbench can be slow.
  this.timeout(120_000);
  suiteSetup(async () => {
    await vscode.extensions.getExtension('winsock-lens.winsock-lens')?.activate();
  });

  test('messages, related information and every quick-fix title are Russian', async () => {
    assert.ok(vscode.env.language.startsWith('ru'), `display language is ${vscode.env.language}`);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const text = fs.readFileSync(vscode.Uri.joinPath(folder.uri, 'lint-disconnect.c').fsPath, 'utf8');
    const doc = await vscode.workspace.openTextDocument({ language: 'c', content: text });
    await vscode.window.showTextDocument(doc);
    try {
      const leak = await until('a missing-closesocket diagnostic', () =>
        vscode.languages
          .getDiagnostics(doc.uri)
          .find((d) => d.source === 'winsock-lens' && typeof d.code === 'object' && d.code.value === 'missing-closesocket' && doc.lineAt(d.range.start.line).text.includes('return 0;')),
      );
      assert.match(leak.message, /'probe' утекает/);
      assert.match(leak.relatedInformation?.[0]?.message ?? '', CYRILLIC);

      const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, leak.range))
        .filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Показать описание правила missing-closesocket'), titles.join(' | '));
      assert.ok(titles.includes('Отключить missing-closesocket для этой строки'), titles.join(' | '));
      const preferred = actions.find((a) => a.isPreferred);
      assert.ok(preferred && CYRILLIC.test(preferred.title) && preferred.title.includes('closesocket(probe)'), titles.join(' | '));
      // One language per menu: every title is Russian here …
      assert.deepEqual(titles.filter((x) => !CYRILLIC.test(x)), [], 'English titles in a Russian menu');

      // … and with winsockLens.docs.language "en" in this Russian workbench, every title is
      // English: the engine's fixes, "Disable …" and "Show documentation …" alike.
      await vscode.workspace.getConfiguration('winsockLens.docs').update('language', 'en', vscode.ConfigurationTarget.Global);
      const english = await until('English diagnostics', () => {
        const d = vscode.languages.getDiagnostics(doc.uri).find((x) => x.source === 'winsock-lens' && typeof x.code === 'object' && x.code.value === 'missing-closesocket' && doc.lineAt(x.range.start.line).text.includes('return 0;'));
        return d && !CYRILLIC.test(d.message) ? d : undefined;
      });
      const enTitles = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, english.range))
        .filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string')
        .map((a) => a.title);
      assert.ok(enTitles.includes('Show documentation for missing-closesocket'), enTitles.join(' | '));
      assert.deepEqual(enTitles.filter((x) => CYRILLIC.test(x)), [], `Russian titles in an English menu: ${enTitles.join(' | ')}`);
    } finally {
      await vscode.workspace.getConfiguration('winsockLens.docs').update('language', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
