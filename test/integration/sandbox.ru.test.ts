// The sandbox panel in a Russian workbench: the host sends the UI strings, the recipes' texts and
// the model's error explanations in Russian.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WinsockLensApi } from '../../extension/main';

suite('sandbox panel (Russian)', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('strings, recipes and WSAESHUTDOWN\'s explanation come in Russian', async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension<WinsockLensApi>('winsock-lens.winsock-lens');
    assert.ok(ext);
    const api = (await ext.activate()).sandbox;
    assert.ok(api);
    await vscode.commands.executeCommand('winsockLens.openSandbox');
    await api.post({ type: 'recipe', recipe: 'send-after-disconnect' });
    const end = Date.now() + 20_000;
    while (!api.state()?.errorHelp['WSAESHUTDOWN']) {
      if (Date.now() > end) throw new Error('no explanation of WSAESHUTDOWN in the panel state');
      await new Promise((r) => setTimeout(r, 20));
    }
    const s = api.state();
    assert.ok(s);
    assert.equal(s.strings['exportC'], 'Экспорт в C');
    assert.equal(s.strings['recipe.send-after-disconnect'], 'Отправка после разъединения');
    assert.match(s.errorHelp['WSAESHUTDOWN'] ?? '', /[а-яё]/i);
    assert.equal(s.diagram?.states.find((x) => x.id === 'connected')?.label, 'подключён');
  });
});
