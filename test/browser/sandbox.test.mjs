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
  // Polled with a deadline: the recipe's last entries may still be redrawing when the error shows.
  const focusDeadline = Date.now() + 5000;
  let focused = false;
  while (!focused && Date.now() < focusDeadline) {
    focused = await view.locator('button[data-recipe="send-after-disconnect"]').evaluate((el) => el === document.activeElement);
    if (!focused) await page.waitForTimeout(100);
  }
  assert.ok(focused, 'focus stays on the recipe button');
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

  // The diagram of s1 after the recipe, in the light, dark and high-contrast themes: its text at the
  // editor's font size, the call names on every arrow, s1's path numbered in call order, a legend,
  // and lines and text that stand out from the background.
  for (const [theme, kind, image] of [['Light Modern', 'vscode-light', 'sandbox-diagram-light'], ['Dark Modern', 'vscode-dark', 'sandbox-diagram-dark'], ['Dark High Contrast', 'vscode-high-contrast', 'sandbox-diagram-high-contrast']]) {
    await setColorTheme(workbench, page, theme);
    await view.locator(`body.${kind}`).waitFor({ state: 'attached', timeout: 15_000 });
    const facts = await view.locator('svg.diagram').evaluate(diagramFacts);
    console.log(`    ${theme}: editor font ${facts.editorFont}px; ${facts.edges} arrows, ${facts.labelled} labelled; path ${facts.path.join(' ')}; contrast text ${facts.textContrast.toFixed(1)}, arrows ${facts.edgeContrast.toFixed(1)}, path ${facts.pathContrast.toFixed(1)}`);
    assert.ok(facts.editorFont >= 10, `the editor font size is read: ${facts.editorFont}`);
    assert.deepEqual(facts.fontSizes, [facts.editorFont], `every text of the diagram is at the editor font size (${facts.fontSizes.join(', ')})`);
    assert.equal(facts.labelled, facts.edges, 'every arrow carries its call names');
    assert.ok(facts.edges >= 13, `the model's arrows are drawn (${facts.edges})`);
    assert.deepEqual(facts.path, ['1:created>connected:connect', '2:connected>send-shut:WSASendDisconnect', '3:send-shut>closed:closesocket'], 'the path of s1, numbered in call order');
    assert.deepEqual(facts.badges, ['1', '2', '3'], 'the numbers on the arrows of the path');
    assert.equal(facts.legendItems, 4, 'a legend: current state, path, arrow, the closesocket note');
    assert.ok(facts.textContrast >= 4.5, `${theme}: diagram text contrast ${facts.textContrast}`);
    assert.ok(facts.edgeContrast >= 3, `${theme}: arrow contrast ${facts.edgeContrast}`);
    assert.ok(facts.pathContrast >= 3, `${theme}: path contrast ${facts.pathContrast}`);
    // The README's pictures show the whole diagram: a wide window for the moment of the picture.
    await page.setViewportSize({ width: 2100, height: 900 });
    await view.locator('#diagram-box').evaluate((box) => new Promise((r) => requestAnimationFrame(() => r(box.scrollWidth <= box.clientWidth))));
    await workbench.screenshot(image, { locator: view.locator('section[aria-labelledby="diagram-h"]') });
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  await setColorTheme(workbench, page, 'Dark Modern');
  // While a socket shows in the diagram (s1, closed) the sockets list does not say "No sockets yet".
  assert.doesNotMatch(await view.locator('#no-sockets').innerText(), /No sockets yet/);
  assert.match(await view.locator('#no-sockets').innerText(), /No open sockets/);

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

  // Clear journal: the next call is #1 again.
  await again.locator('#clear').click();
  await again.locator('#journal').waitFor({ state: 'detached', timeout: 15_000 });
  await again.locator('#f-form').selectOption('WSAGetLastError');
  await again.locator('#call-submit').click();
  const first = again.locator('#journal li.entry').first();
  await first.waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(await first.locator('.seq').innerText(), '#1', 'the journal numbers from #1 after Clear journal');

  // Export as C opens beside the panel; the panel, now half as wide, keeps its journal in view.
  await again.locator('#export-c').click();
  await page.locator('.tab', { hasText: 'Untitled' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  const panelFrame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const last = panelFrame.locator('#journal li.entry').last();
  await last.waitFor({ state: 'visible', timeout: 15_000 });
  const inView = await last.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: window.innerHeight, width: window.innerWidth };
  });
  console.log(`    after Export as C: panel ${inView.width}×${inView.height}px, last journal entry at ${Math.round(inView.top)}–${Math.round(inView.bottom)}px`);
  assert.ok(inView.width < 760, `the panel is narrow beside the export (${inView.width}px)`);
  assert.ok(inView.top >= 0 && inView.bottom <= inView.height, 'the newest journal entry is in view');
  await workbench.screenshot('sandbox-beside-export');
}

/** Picks a color theme through "Preferences: Color Theme", as a person would. */
async function setColorTheme(workbench, page, theme) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await workbench.findCommand('Preferences: Color Theme');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: /^Preferences: Color Theme/ }).first().click({ timeout: 5_000 });
      // The theme picker replaces the palette in the same quick input.
      const input = page.locator('.quick-input-widget input[placeholder*="Color Theme"]');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(theme, { timeout: 5_000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().waitFor({ state: 'visible', timeout: 5_000 });
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget input').waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`could not pick the color theme "${theme}": ${err.message}`);
      await page.keyboard.press('Escape');
    }
  }
}

/** Runs in the webview: what the diagram shows, its font sizes and its contrasts (WCAG ratios). */
function diagramFacts(svg) {
  const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const bg = rgb(getComputedStyle(document.body).backgroundColor);
  const over = (color, opacity) => rgb(color).slice(0, 3).map((v, i) => v * opacity + bg[i] * (1 - opacity));
  const strokeOf = (el) => { const cs = getComputedStyle(el); return over(cs.stroke, Number(cs.strokeOpacity || 1) * Number(cs.opacity || 1)); };
  const editorFont = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-font-size'));
  const texts = [...svg.querySelectorAll('text')];
  const plainEdge = svg.querySelector('line.edge:not(.edge-path)');
  const pathEdge = svg.querySelector('line.edge.edge-path');
  const labelText = svg.querySelector('.edge-label text');
  const pathItems = [...document.querySelectorAll('#diagram-path li')].map((li) => li.textContent);
  const pathLines = [...svg.querySelectorAll('line.edge-path')];
  const steps = [...document.querySelectorAll('#diagram-path li')].map((li) => {
    const [fn, rest] = li.textContent.split(': ');
    const [from, to] = rest.split(' → ');
    return `${li.value}:${from}>${to}:${fn}`;
  });
  return {
    editorFont,
    fontSizes: [...new Set(texts.map((t) => parseFloat(getComputedStyle(t).fontSize)))],
    edges: svg.querySelectorAll('line.edge').length,
    labelled: [...svg.querySelectorAll('line.edge')].filter((l) => svg.querySelector(`.edge-label[data-edge="${l.dataset.from}>${l.dataset.to}"] text`)?.textContent).length,
    path: steps.filter((x) => pathLines.some((l) => x.includes(`:${l.dataset.from}>${l.dataset.to}:`))),
    pathItems,
    badges: [...svg.querySelectorAll('.step text')].map((t) => t.textContent).sort(),
    legendItems: document.querySelectorAll('#diagram-legend li').length,
    textContrast: ratio(rgb(getComputedStyle(labelText).fill), bg),
    edgeContrast: ratio(strokeOf(plainEdge), bg),
    pathContrast: ratio(strokeOf(pathEdge), bg),
  };
}
