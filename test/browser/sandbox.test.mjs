// The sandbox panel as a person uses it: "Winsock Lens: Open Sandbox" from the command palette, a
// click on the graceful-close recipe (the peer's FIN and, on the posix backend, the kernel's
// FIN_WAIT state appear in the journal), then "Send after disconnect" by keyboard (WSAESHUTDOWN
// with the model's explanation, opened). Screenshot: docs/images/sandbox.png.
import assert from 'node:assert/strict';

export const name = 'the sandbox panel runs recipes against the real worker and explains WSAESHUTDOWN';

export default async function check({ workbench, page }) {
  await workbench.open();
  await workbench.runCommand('View: Close Primary Side Bar');
  await workbench.runCommand('Winsock Lens: Open Sandbox');
  await page.locator('.tab.active', { hasText: 'Winsock Sandbox' }).waitFor({ state: 'visible', timeout: 30_000 });
  // The panel is a webview: an iframe holding the page's own iframe.
  const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await view.locator('#status', { hasText: 'Ready' }).waitFor({ state: 'visible', timeout: 30_000 });
  const backend = (await view.locator('#backend strong').innerText()).trim();
  assert.ok(['posix', 'ws2_32'].includes(backend), `backend shown: ${backend}`);

  await view.locator('button[data-recipe="graceful-close"]').click();
  const fin = view.locator('li.entry.side-peer[data-fn="fin"]');
  await fin.first().waitFor({ state: 'visible', timeout: 30_000 });
  const disconnect = view.locator('li.entry.side-app[data-fn="WSASendDisconnect"]').first();
  await disconnect.waitFor({ state: 'visible' });
  assert.match(await disconnect.innerText(), /→ 0/);
  if (backend === 'posix') {
    // The entry shows the state once the peer's kernel ACKed the FIN (FIN_WAIT2), unless the ACK
    // came later than the journal's short bounded wait on a starved machine (FIN_WAIT1).
    const kernel = await disconnect.locator('.kernel-state').innerText();
    assert.match(kernel, /TCP FIN_WAIT[12]/);
    console.log(`    kernel state after WSASendDisconnect: ${kernel}`);
  }
  await view.locator('li.entry.side-app[data-fn="WSACleanup"]').first().waitFor({ state: 'visible', timeout: 30_000 });

  // The next recipe by keyboard: focus its button, press Enter.
  await view.locator('button[data-recipe="send-after-disconnect"]').focus();
  await page.keyboard.press('Enter');
  const error = view.locator('li.entry.side-app[data-fn="send"].failed .wsa-error', { hasText: 'WSAESHUTDOWN (10058)' });
  await error.first().waitFor({ state: 'visible', timeout: 30_000 });
  // Keyboard focus stays on the button across the redraws; new entries are announced.
  assert.ok(await view.locator('button[data-recipe="send-after-disconnect"]').evaluate((el) => el === document.activeElement), 'focus stays on the recipe button');
  assert.match(await view.locator('#announce').textContent(), /WSACleanup|closesocket|send/);
  const tooltip = await error.first().getAttribute('title');
  assert.ok(tooltip && tooltip.length > 20, `the error carries the model's explanation as its tooltip: ${tooltip}`);
  const details = view.locator('li.entry.side-app[data-fn="send"].failed details.explanation').last();
  await details.locator('summary').click();
  const explanation = await details.locator('p').innerText();
  assert.equal(explanation, tooltip);
  // The state diagram lights up a state of the model.
  await view.locator('svg.diagram g.node.current').first().waitFor({ state: 'visible' });
  await workbench.screenshot('sandbox');

  // A call by hand through the form: WSAStartup, then socket(); the new socket is listed as
  // created and the diagram lights that state.
  await view.locator('#f-form').selectOption('WSAStartup');
  await view.locator('#call-submit').click();
  await view.locator('#f-form').selectOption('socket');
  await view.locator('#call-submit').click();
  const row = view.locator('#sockets tbody tr').first();
  await row.locator('td.state', { hasText: 'created' }).waitFor({ state: 'visible', timeout: 30_000 });
  await view.locator('svg.diagram g.node.current[data-state="created"]').waitFor({ state: 'visible' });

  // Hidden and shown again (the webview is rebuilt): the chosen call form and the journal are back.
  await view.locator('#f-form').selectOption('shutdown');
  await view.locator('#f-how').waitFor({ state: 'visible' });
  await workbench.openFile('graceful-close.c');
  await page.locator('.tab', { hasText: 'Winsock Sandbox' }).click();
  const again = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await again.locator('li.entry[data-fn="send"] .wsa-error', { hasText: 'WSAESHUTDOWN' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  assert.equal(await again.locator('#f-form').inputValue(), 'shutdown', 'the call form kept its function across hide/show');

  // VS Code marks the theme kind on the webview's body (the stylesheet's high-contrast rules key on it).
  assert.match(await again.locator('body').getAttribute('class'), /\bvscode-(light|dark|high-contrast)\b/);
}
