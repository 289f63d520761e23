// The extension's page in the Extensions view, as a user who installed the .vsix sees it: the
// README renders with every image loaded (VS Code's README webview allows only https: and data:
// images and resolves no relative path, so the package carries them as data: URIs), and the icon
// shows. Needs the packaged extension: `npm test` runs the browser checks with --vsix; without it
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
  await workbench.runCommand('Extensions: Show Installed Extensions');
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
  await workbench.screenshot('extension-page');
}

async function pollUntil(probe, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
