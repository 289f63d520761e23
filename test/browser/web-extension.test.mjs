// VS Code for the Web: the `web` package (dist-vsix/winsock-lens-web.vsix, packed here from the
// current dist/ and unzipped as it is) runs in the workbench's web worker extension host: it is
// loaded as the extension under development with extensionDevelopmentKind "web", and its manifest
// has no Node entry ("main"), so no other host could run it. On examples/echo_server.c the
// wrong-sentinel diagnostic shows in the Problems panel, the hover on WSASendDisconnect shows the
// documentation (the parser's .wasm files read through the extension's URI), and the sandbox
// command says that it needs the desktop app. Screenshot: docs/images/web-hover.png.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const name = 'web package in the web worker extension host: lint diagnostic and hover on an example, sandbox says desktop only';

export default async function check({ workbench, page, server }) {
  const { repoRoot } = workbench.ctx;
  const { packageTarget } = await import(pathToFileURL(path.join(repoRoot, 'scripts/package.mjs')).href);
  const { remoteUri, workbenchUrl } = await import(pathToFileURL(path.join(repoRoot, 'scripts/vscode-server.mjs')).href);
  const { Workbench } = await import(pathToFileURL(path.join(repoRoot, 'test/browser/helpers.mjs')).href);

  const work = mkdtempSync(path.join(os.tmpdir(), 'winsock-lens-web-'));
  try {
    const { vsixPath } = packageTarget('web', { outDir: work, log: () => undefined });
    const unzip = spawnSync('unzip', ['-q', vsixPath, '-d', path.join(work, 'unpacked')], { encoding: 'utf8' });
    assert.equal(unzip.status, 0, `unzip failed: ${unzip.stderr}`);
    const extensionDir = path.join(work, 'unpacked', 'extension');
    const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
    assert.equal(manifest.main, undefined, 'the web package has no Node entry');
    assert.equal(manifest.browser, './dist/web/extension.js');

    const folder = path.join(work, 'folder');
    spawnSync('mkdir', ['-p', folder]);
    copyFileSync(path.join(repoRoot, 'examples/echo_server.c'), path.join(folder, 'echo_server.c'));

    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.port, extensionDir)],
      ['extensionDevelopmentKind', 'web'],
      ['skipWelcome', 'true'], ['skipReleaseNotes', 'true'],
    ];
    const web = new Workbench(page, { ...workbench.ctx, workbenchUrl: (f) => workbenchUrl(server.port, { folder: f, payload }) });
    await web.open({ folder });
    await web.openFile('echo_server.c');
    await web.goToLine(49);

    // The diagnostic, from the lint core in the web worker (examples/EXPECTED-FINDINGS.md: echo_server.c:49).
    await page.keyboard.press('Control+Shift+KeyM');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'wrong-sentinel' }).first();
    await problem.waitFor({ state: 'visible', timeout: 90_000 });
    const problemText = await problem.innerText();
    assert.match(problemText, /WSASendDisconnect/, `the Problems row: ${problemText}`);
    // The squiggle under the flagged call in the editor.
    await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: 30_000 });

    // The hover, retried until the provider answers. A click on the problem reveals its line.
    await problem.click();
    await page.locator('.monaco-editor .view-line', { hasText: 'if (!WSASendDisconnect(client, NULL))' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    const deadline = Date.now() + 60_000;
    let hover;
    for (;;) {
      try {
        hover = await web.hoverWord('WSASendDisconnect', { contains: 'WSAENOPROTOOPT', timeoutMs: 5_000 });
        break;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`no Winsock Lens hover over WSASendDisconnect in the web worker host within 60 s: ${err.message}`);
        await page.mouse.move(1, 1);
      }
    }
    const text = await hover.innerText();
    assert.ok(text.includes('WSASendDisconnect') && text.includes('WSAENOPROTOOPT'), `hover text: ${text.slice(0, 300)}`);
    await web.screenshot('web-hover');

    // The web worker extension host lives in its own iframe, which the workbench made for it.
    assert.ok(page.frames().some((f) => /webWorkerExtensionHostIframe/.test(f.url())), `a web worker extension host frame; frames: ${page.frames().map((f) => f.url()).join(' ')}`);

    // The sandbox needs native code: in the browser its command says so instead of opening a panel.
    await page.mouse.move(1, 1);
    await page.keyboard.press('Escape');
    await web.runCommand('Winsock Lens: Open Sandbox');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'desktop VS Code app' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await page.locator('.tab', { hasText: 'Winsock Sandbox' }).count(), 0, 'no sandbox panel in the browser');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
