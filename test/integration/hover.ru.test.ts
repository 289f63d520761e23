// In a workbench whose display language is Russian, `winsockLens.docs.language: auto` (the default)
// shows the Russian documentation.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LABELS } from '../../core/hover/labels';

suite('hover (Russian workbench)', () => {
  test('auto follows the Russian display language', async () => {
    assert.ok(vscode.env.language.startsWith('ru'), `display language is ${vscode.env.language}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winsock-lens-hover-ru-'));
    try {
      const file = path.join(dir, 'err.c');
      fs.writeFileSync(file, 'int f(int e) { return e == 10058; }\n');
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      await vscode.window.showTextDocument(doc);
      await vscode.extensions.getExtension('winsock-lens.winsock-lens')?.activate();
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(doc.getText().indexOf('10058') + 1));
      const md = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.ok(md.includes('**WSAESHUTDOWN**'), `hover text: ${JSON.stringify(md)}`);
      assert.ok(md.includes(LABELS.ru.openFullPage), 'Russian link text');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
