// Hover as a person sees it: the mouse rests on WSASendDisconnect in a C file, VS Code's hover
// widget shows the Winsock Lens documentation (English, then Russian once the workspace setting
// winsockLens.docs.language is "ru"), short enough for a screen, with the full page one click away.
// Screenshots: docs/images/hover-en.png, reference-en.png, hover-ru.png.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const name = 'hover on WSASendDisconnect shows its documentation, in English and in Russian';

const DEMO = `#include <winsock2.h>

/* Stop sending, let the peer finish, then close. */
int close_gracefully(SOCKET s)
{
    if (WSASendDisconnect(s, NULL) == SOCKET_ERROR) {
        int err = WSAGetLastError();
        closesocket(s);
        return err;
    }
    char buf[512];
    while (recv(s, buf, sizeof buf, 0) > 0) {
    }
    return closesocket(s);
}
`;

export default async function check({ workbench, page }) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'winsock-lens-hover-browser-'));
  try {
    writeFileSync(path.join(folder, 'close_gracefully.c'), DEMO);
    await workbench.open({ folder });
    await workbench.openFile('close_gracefully.c');

    // The extension starts with the C file; until its provider answers, VS Code shows no hover or
    // only its own. Retry the mouse hover until ours appears (bounded by the deadline).
    const hover = await hoverUntil(workbench, page, 'WSASendDisconnect', 'WSAENOPROTOOPT', 60_000);
    const text = await hover.innerText();
    assert.ok(text.includes('WSAENOPROTOOPT'), `hover text: ${text.slice(0, 300)}`);
    assert.ok(text.includes('Parameters'), 'English headings');
    await workbench.screenshot('hover-en');

    // Within a screenful: the rendered content of the hover (all of it, scrolled or not) is no
    // taller than the editor's visible area, and the link to the full page is at its top, in view
    // without scrolling.
    const size = await hover.evaluate((el) => {
      const content = el.querySelector('.monaco-hover-content') ?? el;
      const link = [...el.querySelectorAll('a')].find((a) => a.textContent?.includes('Open the full reference page'));
      const top = content.getBoundingClientRect().top;
      return { content: content.scrollHeight, link: link ? link.getBoundingClientRect().top - top : -1, visible: el.getBoundingClientRect().height };
    });
    const editorHeight = await workbench.activeEditor().locator('.monaco-scrollable-element.editor-scrollable').first().evaluate((el) => el.getBoundingClientRect().height);
    console.log(`    hover of WSASendDisconnect: ${size.content} px of content (${size.visible} px shown), editor ${editorHeight} px; page link ${size.link} px from the top`);
    assert.ok(size.content <= editorHeight, `the hover is ${size.content} px, taller than the editor's ${editorHeight} px`);
    assert.ok(size.link >= 0 && size.link < 40, `the full page link is ${size.link} px down the hover`);
    // Each documented error is a link to its own page.
    assert.ok(await hover.locator('a', { hasText: 'WSAENOTCONN' }).count() >= 1, 'WSAENOTCONN is a link');

    // The hover's first line links to the full reference page (a trusted command link).
    await hover.locator('a', { hasText: 'Open the full reference page' }).click();
    await openedPage(page, 'WSASendDisconnect', 'Facts from Microsoft');
    await workbench.screenshot('reference-en');
    // On the page, "See also" entries are links that open the related page.
    const body = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('body');
    await body.locator('a', { hasText: 'WSARecvDisconnect' }).first().click();
    await openedPage(page, 'WSARecvDisconnect', 'Facts from Microsoft');

    // The command from the palette asks for the symbol with a QuickPick of the whole model.
    const input = await workbench.findCommand('Open Winsock Reference Page');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[placeholder="Type a Winsock function, constant, type or error name"]').waitFor({ state: 'visible' });
    await input.fill('WSAESHUTDOWN');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'WSAESHUTDOWN' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await openedPage(page, 'WSAESHUTDOWN', '10058');
    await page.keyboard.press('Control+KeyK');
    await page.keyboard.press('Control+KeyW'); // close all editors
    await workbench.openFile('close_gracefully.c');

    // Russian through the workspace setting (scope "window" allows it); VS Code picks the file up.
    mkdirSync(path.join(folder, '.vscode'));
    writeFileSync(path.join(folder, '.vscode/settings.json'), JSON.stringify({ 'winsockLens.docs.language': 'ru' }, null, 2));
    const ru = await hoverUntil(workbench, page, 'WSASendDisconnect', 'Параметры', 30_000);
    const ruText = await ru.innerText();
    assert.ok(ruText.includes('WSAENOPROTOOPT') && ruText.includes('Ошибки'), `hover text: ${ruText.slice(0, 300)}`);
    await workbench.screenshot('hover-ru');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Waits for the Markdown preview tab of a reference page and for `text` inside its webview. */
async function openedPage(page, symbol, text) {
  await page.locator('.tab.active', { hasText: symbol }).waitFor({ state: 'visible', timeout: 30_000 });
  // The preview is a webview: an iframe holding another iframe with the rendered page.
  const body = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('body');
  await body.filter({ hasText: text }).waitFor({ state: 'visible', timeout: 30_000 });
}

async function hoverUntil(workbench, page, word, contains, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      return await workbench.hoverWord(word, { contains, timeoutMs: 5_000 });
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
      if (Date.now() > deadline) throw new Error(`no hover containing "${contains}" over ${word} within ${timeoutMs} ms (last: ${last})`);
      await page.mouse.move(1, 1);
    }
  }
}
