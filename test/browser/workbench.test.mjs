// The workbench loads with Winsock Lens, a C file opens in the editor, and VS Code lists the
// extension among the running ones; a lint finding's quick-fix menu is in one language (English,
// then Russian with winsockLens.docs.language "ru": never a mix). Screenshots:
// docs/images/workbench-c-file.png, docs/images/lint-quickfix.png.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CYRILLIC = /[А-Яа-яЁё]/;

/** Opens the quick-fix menu on the `occurrence`-th `word` and returns the titles it lists. */
async function quickFixTitles(workbench, page, word, occurrence) {
  const box = await workbench.wordBox(word, { occurrence });
  await page.mouse.click(box.x + 2, box.y + box.height / 2);
  const menu = page.locator('.action-widget');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+Period');
    try {
      await menu.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt >= 8) throw err; // the diagnostics may not be there yet: ask again
      await page.keyboard.press('Escape');
    }
  }
  return (await menu.locator('.monaco-list-row.action').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

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

  // The quick-fix menu of a send after WSASendDisconnect: only what is right, in one language.
  const folder = mkdtempSync(path.join(os.tmpdir(), 'winsock-lens-menu-'));
  try {
    cpSync(path.join(workbench.ctx.repoRoot, 'test/fixtures/workspace/lint-disconnect.c'), path.join(folder, 'lint-disconnect.c'));
    await workbench.open({ folder });
    await workbench.openFile('lint-disconnect.c');
    const en = await quickFixTitles(workbench, page, 'trailer', 2);
    console.log(`    quick fixes (en): ${en.join(' | ')}`);
    assert.ok(en.some((t) => t.startsWith('Show documentation for send-after-disconnect')), en.join(' | '));
    assert.deepEqual(en.filter((t) => CYRILLIC.test(t)), [], 'Russian titles in the English menu');
    assert.ok(!en.some((t) => t.startsWith('Replace with')), `a fix that keeps the finding: ${en.join(' | ')}`);
    await workbench.screenshot('lint-quickfix');
    await page.keyboard.press('Escape');

    // The rule link in the Problems panel opens the rendered, read-only rule page (a Markdown
    // preview), the same as "Show documentation", never the raw .md in a text editor.
    await workbench.runCommand('Problems: Focus on Problems View');
    const link = page.locator('.markers-panel .monaco-list-row a.monaco-link', { hasText: 'send-after-disconnect' }).first();
    await link.waitFor({ state: 'visible', timeout: 30_000 });
    await link.click();
    await page.locator('.tab', { hasText: 'send-after-disconnect.md' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const tabs = await page.locator('.tab').allInnerTexts();
    const ruleTab = tabs.find((t) => t.includes('send-after-disconnect.md')) ?? '';
    assert.match(ruleTab, /Preview/, `the rule page opened as ${JSON.stringify(ruleTab)}, not as a preview (tabs: ${tabs.join(' | ')})`);
    const body = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('body');
    await body.filter({ hasText: 'send-after-disconnect' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await workbench.openFile('lint-disconnect.c');

    mkdirSync(path.join(folder, '.vscode'));
    writeFileSync(path.join(folder, '.vscode/settings.json'), JSON.stringify({ 'winsockLens.docs.language': 'ru' }, null, 2));
    let ru = [];
    const deadline = Date.now() + 30_000;
    do {
      await page.waitForTimeout(500);
      ru = await quickFixTitles(workbench, page, 'trailer', 2);
      await page.keyboard.press('Escape');
    } while (!ru.some((t) => CYRILLIC.test(t)) && Date.now() < deadline);
    console.log(`    quick fixes (ru): ${ru.join(' | ')}`);
    assert.ok(ru.length >= 2, ru.join(' | '));
    assert.deepEqual(ru.filter((t) => !CYRILLIC.test(t)), [], 'English titles in the Russian menu');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
