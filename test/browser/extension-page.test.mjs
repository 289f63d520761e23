// The extension's page in the Extensions view and its walkthrough, as a user who installed the
// .vsix sees them: the
// README renders with every image loaded (VS Code's README webview allows only https: and data:
// images and resolves no relative path, so the package carries them as data: URIs), the icon
// shows, and the walkthrough lists its steps with their pictures. Needs the packaged extension: `npm test` runs the browser checks with --vsix; without it
// the Extensions view would show the development folder's README.md, whose relative image links
// are meant for the repository page.
import assert from 'node:assert/strict';

export const name = 'the Extensions view shows the README with its images, and the icon';

export default async function check({ workbench, page, vsix }) {
  if (!vsix) {
    console.log('    skipped: the Extensions view shows the packaged README only for an installed .vsix (run with --vsix, as npm test does)');
    return;
  }
  await workbench.open();
  await workbench.runCommand('Extensions: Show Enabled Extensions');
  const item = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Winsock Lens' }).first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  // The icon in the list: our PNG, loaded.
  const icon = item.locator('img.icon');
  await icon.waitFor({ state: 'visible', timeout: 15_000 });
  await pollUntil(async () => (await icon.evaluate((img) => img.complete && img.naturalWidth)) === 128, 'the list icon to load at 128 px', 15_000);
  await item.click();

  // The extension editor renders the README in a webview (an iframe holding the page's frame).
  const readme = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await readme.locator('h1', { hasText: 'Winsock Lens' }).waitFor({ state: 'visible', timeout: 30_000 });
  const images = readme.locator('img');
  const count = await images.count();
  assert.ok(count >= 3, `the README shows ${count} images`);
  const states = [];
  for (let i = 0; i < count; i++) {
    const img = images.nth(i);
    await img.scrollIntoViewIfNeeded();
    states.push(await img.evaluate((el) => new Promise((resolve) => {
      const done = () => resolve({ alt: el.alt, width: el.naturalWidth, scheme: el.src.slice(0, el.src.indexOf(':')) });
      if (el.complete) done();
      else el.addEventListener('load', done, { once: true }), el.addEventListener('error', done, { once: true });
    })));
  }
  const broken = states.filter((s) => !(s.width > 0));
  console.log(`    README images: ${states.map((s) => `${s.alt.slice(0, 30)}… ${s.width}px (${s.scheme})`).join('; ')}`);
  assert.deepEqual(broken, [], 'broken images in the Extensions view');

  // The walkthrough: its steps (hover, lint, sandbox, debugger) with their pictures loaded.
  await workbench.findCommand('Welcome: Open Walkthrough...');
  await page.keyboard.press('Enter');
  const picker = page.locator('.quick-input-widget input[placeholder="Select a walkthrough to open"]');
  await picker.waitFor({ state: 'visible', timeout: 15_000 });
  await picker.fill('Winsock Lens');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Winsock Lens' }).first().click();
  const steps = page.locator('.getting-started-step');
  await steps.first().waitFor({ state: 'visible', timeout: 30_000 });
  const titles = (await steps.locator('.step-title').allInnerTexts()).map((t) => t.trim());
  console.log(`    walkthrough steps: ${titles.join(' | ')}`);
  for (const want of ['Read the documentation where you write the call', 'Catch disconnect mistakes as you type', 'Try the calls in the sandbox', 'Debug with the Winsock view']) {
    assert.ok(titles.includes(want), `walkthrough step "${want}" (steps: ${titles.join(' | ')})`);
  }
  // The first step is open and shows its picture.
  const media = page.locator('.getting-started-media img').first();
  await media.waitFor({ state: 'visible', timeout: 15_000 });
  await pollUntil(async () => (await media.evaluate((img) => img.complete && img.naturalWidth)) > 0, 'the walkthrough picture to load', 15_000);
}

async function pollUntil(probe, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
