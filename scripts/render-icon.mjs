// Renders the extension icon, media/icon.svg (drawn by hand for Winsock Lens), to media/icon.png
// (128 × 128, what the manifest's "icon" needs: VS Code and the Marketplace take PNG, not SVG) with
// the same headless Chromium the browser checks use.
//   node scripts/render-icon.mjs
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './vscode-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(path.join(root, 'media/icon.svg'), 'utf8');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(root, 'media/icon.png'), omitBackground: true });
  console.log('media/icon.png written (128 x 128)');
} finally {
  await browser.close();
}
