// The workbench loads with Winsock Lens, a C file opens in the editor, and VS Code lists the
// extension among the running ones. Screenshot: docs/images/workbench-c-file.png.
import assert from 'node:assert/strict';

export const name = 'the workbench opens a C file with Winsock Lens running';

export default async function check({ workbench, page }) {
  await workbench.open();
  await workbench.openFile('graceful-close.c');
  const editor = workbench.activeEditor();
  assert.equal(await editor.getAttribute('data-mode-id') ?? 'c', 'c');
  await editor.locator('.view-lines', { hasText: 'WSASendDisconnect' }).waitFor({ state: 'visible' });
  // The language mode in the status bar says C.
  await page.locator('.statusbar-item[id="status.editor.mode"]', { hasText: /^C$/ }).waitFor({ state: 'visible', timeout: 15_000 });
  await workbench.screenshot('workbench-c-file');

  // VS Code's own list of running extensions (the C file activated ours).
  await workbench.runCommand('Developer: Show Running Extensions');
  // (A development extension is listed by its id, an installed one by its display name.)
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: /Winsock Lens|winsock-lens\.winsock-lens/ });
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  const text = await row.innerText();
  assert.match(text, /Activation: \d+ms/, `VS Code reports an activation time for Winsock Lens: ${text}`);
  console.log(`    VS Code's own figure: ${text.match(/Activation: \d+ms/)[0]}`);
}
