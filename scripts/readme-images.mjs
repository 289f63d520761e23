// Converts the README's screenshots (docs/images/*.png) to WebP for the package: its README
// carries them as data: URIs (the Extensions view shows no relative image) and the walkthrough
// shows them, and as PNG they would take the platform packages over their 2 MB budget (so they are
// also scaled to the 900 px the Extensions view shows at most). Uses the
// headless Chromium of the browser checks (canvas → image/webp). Called by scripts/package.mjs:
//   node scripts/readme-images.mjs <out-dir> docs/images/a.png docs/images/b.png …
// Writes <out-dir>/<name>.webp for each; a picture already converted from the same PNG is kept.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './vscode-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [outDir, ...images] = process.argv.slice(2);
if (!outDir || images.length === 0) {
  console.error('usage: node scripts/readme-images.mjs <out-dir> <image.png>…');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const todo = images.filter((rel) => {
  const out = path.join(outDir, `${path.basename(rel, '.png')}.webp`);
  return !existsSync(out) || statSync(out).mtimeMs < statSync(path.join(root, rel)).mtimeMs;
});
if (todo.length > 0) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    for (const rel of todo) {
      const data = `data:image/png;base64,${readFileSync(path.join(root, rel)).toString('base64')}`;
      const url = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        // The Extensions view shows the README at most 882 px wide: wider pictures are scaled down.
        const scale = Math.min(1, 900 / img.naturalWidth);
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(img.naturalWidth * scale);
        canvas.height = Math.round(img.naturalHeight * scale);
        const g = canvas.getContext('2d');
        g.imageSmoothingQuality = 'high';
        g.drawImage(img, 0, 0, canvas.width, canvas.height);
        return canvas.toDataURL('image/webp', 0.7);
      }, data);
      if (!url.startsWith('data:image/webp;base64,')) throw new Error(`Chromium did not encode ${rel} as WebP`);
      writeFileSync(path.join(outDir, `${path.basename(rel, '.png')}.webp`), Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
    }
  } finally {
    await browser.close();
  }
}
