// The packaged .vsix holds what the installed extension runs on, and nothing of the workshop:
// no TypeScript sources, tests, fixtures, source maps or development dependencies.
// Packs the current dist/ (built by `node esbuild.mjs`, as `npm test` does before the unit tests)
// with the real vsce and .vscodeignore, into a temporary file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');

function packCurrentDist(): { files: string[]; bytes: number } {
  assert.ok(existsSync(path.join(repoRoot, 'dist/extension.js')), 'dist/extension.js is missing: run `node esbuild.mjs` first');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'winsock-lens-vsix-'));
  try {
    const out = path.join(dir, 'winsock-lens.vsix');
    const r = spawnSync(process.execPath, ['scripts/package.mjs', '--no-build', '--quiet', '--out', out], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(r.status, 0, `packaging failed:\n${r.stdout}\n${r.stderr}`);
    const list = spawnSync('unzip', ['-Z1', out], { encoding: 'utf8' });
    assert.equal(list.status, 0, `unzip -Z1 failed: ${list.stderr}`);
    return { files: list.stdout.split('\n').filter(Boolean), bytes: statSync(out).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Where a file inside the package may live (paths inside the zip).
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[a-z-]+)?\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/LICENSE(\.txt)?$/,
  /^extension\/l10n\/bundle\.l10n\.[a-z-]+\.json$/,
  /^extension\/snippets\/[^/]+\.code-snippets$/,
  /^extension\/docs\/rules\/[^/]+\.md$/,
  /^extension\/docs\/images\/[^/]+\.(png|svg|gif|jpe?g)$/,
  /^extension\/media\//,
  /^extension\/dist\//,
];

test('the .vsix holds the runtime files and nothing of the sources, tests or dev tools', () => {
  const { files, bytes } = packCurrentDist();
  console.log(`winsock-lens.vsix: ${(bytes / 1024).toFixed(0)} KiB, ${files.length} files\n${files.map((f) => `  ${f}`).join('\n')}`);

  const outside = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
  assert.deepEqual(outside, [], 'files outside the allowed places');

  const sources = files.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.endsWith('.d.ts'));
  assert.deepEqual(sources, [], 'TypeScript sources');
  assert.deepEqual(files.filter((f) => f.endsWith('.map')), [], 'source maps');
  assert.deepEqual(files.filter((f) => /(^|\/)(test|tests|fixtures|out|\.vscode-test)\//.test(f)), [], 'tests and fixtures');
  // C/C++ sources (examples, fixtures) have no business in the package.
  assert.deepEqual(files.filter((f) => /\.(c|cc|cpp|h|hpp)$/.test(f)), [], 'C/C++ files');

  // Development dependencies never ship; the only node_modules are koffi's runtime under dist/.
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const shippedModules = new Set(files.flatMap((f) => {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f);
    return m ? [m[1]] : [];
  }));
  const dev = Object.keys(pkg.devDependencies ?? {}).filter((d) => shippedModules.has(d));
  assert.deepEqual(dev, [], 'development dependencies');
  for (const name of shippedModules) {
    assert.match(name, /^(koffi|@koromix\/koffi-[a-z0-9]+-[a-z0-9]+)$/, `unexpected module in the package: ${name}`);
  }
  assert.deepEqual(files.filter((f) => /node_modules\//.test(f) && !f.startsWith('extension/dist/node_modules/')), [], 'node_modules outside dist/');
  // koffi's C sources and vendored headers stay out.
  assert.deepEqual(files.filter((f) => /node_modules\/koffi\/.*\.(cc|hh|inc|txt)$/.test(f) && !f.endsWith('LICENSE.txt')), [], 'koffi sources');

  // What the installed extension cannot run without.
  for (const required of ['extension/package.json', 'extension/dist/extension.js', 'extension/package.nls.json', 'extension/LICENSE.txt']) {
    assert.ok(files.includes(required), `${required} is in the package`);
  }
  if (existsSync(path.join(repoRoot, 'node_modules/koffi'))) {
    assert.ok(files.includes('extension/dist/node_modules/koffi/index.cjs'), 'koffi loader beside the bundles');
    assert.ok(files.some((f) => /^extension\/dist\/node_modules\/@koromix\/koffi-linux-x64\/linux_x64\/koffi\.node$/.test(f)), 'koffi prebuild for linux-x64');
  }
});
