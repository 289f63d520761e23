// Every package `npm run package` makes holds what the installed extension runs on, and nothing of
// the workshop: no TypeScript sources, tests, fixtures, source maps or development dependencies.
// The platform packages carry only their own koffi prebuild; the web package no Node code at all.
// Packs the current dist/ (built by `node esbuild.mjs`, as `npm test` does before the unit tests)
// with the real vsce and .vscodeignore, all targets, into a temporary folder, then opens each zip.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
/**
 * The size of every platform and web package: the budget is 2 MiB for a production build (issue 11;
 * `scripts/package.mjs` warns over it); this test fails only over a hard ceiling of 2.5 MiB, which
 * a development dist/ (not minified, as `npm test` builds before the unit tests) also fits, and
 * prints where each package stands against the budget.
 */
const production = !existsSync(path.join(repoRoot, 'dist/extension.js.map'));
const MAX_BYTES = 2.5 * 1024 * 1024;
const BUDGET_BYTES = 2 * 1024 * 1024;

const PLATFORMS: Record<string, { koffi: string; binaryDir: string }> = {
  'win32-x64': { koffi: 'win32-x64', binaryDir: 'win32_x64' },
  'win32-arm64': { koffi: 'win32-arm64', binaryDir: 'win32_arm64' },
  'linux-x64': { koffi: 'linux-x64', binaryDir: 'linux_x64' },
  'linux-arm64': { koffi: 'linux-arm64', binaryDir: 'linux_arm64' },
  'darwin-x64': { koffi: 'darwin-x64', binaryDir: 'darwin_x64' },
  'darwin-arm64': { koffi: 'darwin-arm64', binaryDir: 'darwin_arm64' },
  'alpine-x64': { koffi: 'linux-x64', binaryDir: 'musl_x64' },
  'alpine-arm64': { koffi: 'linux-arm64', binaryDir: 'musl_arm64' },
};

interface Packed {
  readonly files: string[];
  readonly bytes: number;
  read(file: string): string;
}

let dir = '';
const packed = new Map<string, Packed>();

function open(vsix: string): Packed {
  const list = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
  assert.equal(list.status, 0, `unzip -Z1 ${vsix} failed: ${list.stderr}`);
  return {
    files: list.stdout.split('\n').filter(Boolean),
    bytes: statSync(vsix).size,
    read(file) {
      const r = spawnSync('unzip', ['-p', vsix, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.equal(r.status, 0, `unzip -p ${vsix} ${file} failed: ${r.stderr}`);
      return r.stdout;
    },
  };
}

before(() => {
  assert.ok(existsSync(path.join(repoRoot, 'dist/extension.js')), 'dist/extension.js is missing: run `node esbuild.mjs` first');
  dir = mkdtempSync(path.join(os.tmpdir(), 'winsock-lens-vsix-'));
  const out = path.join(dir, 'winsock-lens.vsix');
  const r = spawnSync(process.execPath, ['scripts/package.mjs', '--no-build', '--quiet', '--targets', 'all', '--out', out], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, `packaging failed:\n${r.stdout}\n${r.stderr}`);
  console.log(r.stdout.trim());
  console.log(`dist/ is a ${production ? 'production' : 'development'} build; budget 2 MiB (production), ceiling 2.5 MiB (this test)`);
  packed.set('universal', open(out));
  for (const target of [...Object.keys(PLATFORMS), 'web']) packed.set(target, open(path.join(dir, `winsock-lens-${target}.vsix`)));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Where a file inside a package may live (paths inside the zip).
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

function shippedModules(files: readonly string[]): Set<string> {
  return new Set(files.flatMap((f) => {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f);
    return m ? [m[1]!] : [];
  }));
}

/** What every package must (not) hold, whatever its target. */
function checkCommon(name: string, p: Packed): void {
  const vs = p.bytes > BUDGET_BYTES ? `over the 2 MiB budget by ${((p.bytes - BUDGET_BYTES) / 1024).toFixed(0)} KiB` : 'within the 2 MiB budget';
  console.log(`${name}: ${(p.bytes / 1024).toFixed(0)} KiB, ${p.files.length} files (${production ? 'production' : 'development'} build, ${vs})`);
  assert.deepEqual(p.files.filter((f) => !ALLOWED.some((re) => re.test(f))), [], `${name}: files outside the allowed places`);
  assert.deepEqual(p.files.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.endsWith('.d.ts')), [], `${name}: TypeScript sources`);
  assert.deepEqual(p.files.filter((f) => f.endsWith('.map')), [], `${name}: source maps`);
  assert.deepEqual(p.files.filter((f) => /(^|\/)(test|tests|fixtures|out|\.vscode-test)\//.test(f)), [], `${name}: tests and fixtures`);
  assert.deepEqual(p.files.filter((f) => /\.(c|cc|cpp|h|hpp)$/.test(f)), [], `${name}: C/C++ files`);
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const modules = shippedModules(p.files);
  assert.deepEqual(Object.keys(pkg.devDependencies ?? {}).filter((d) => modules.has(d)), [], `${name}: development dependencies`);
  for (const m of modules) assert.match(m, /^(koffi|@koromix\/koffi-[a-z0-9]+-[a-z0-9]+)$/, `${name}: unexpected module ${m}`);
  assert.deepEqual(p.files.filter((f) => /node_modules\//.test(f) && !f.startsWith('extension/dist/node_modules/')), [], `${name}: node_modules outside dist/`);
  assert.deepEqual(p.files.filter((f) => /node_modules\/koffi\/.*\.(cc|hh|inc|txt)$/.test(f) && !f.endsWith('LICENSE.txt')), [], `${name}: koffi sources`);
  for (const required of ['extension/package.json', 'extension/package.nls.json', 'extension/package.nls.ru.json', 'extension/l10n/bundle.l10n.ru.json',
    'extension/LICENSE.txt', 'extension/snippets/winsock.code-snippets', 'extension/docs/rules/send-after-disconnect.md',
    'extension/dist/web-tree-sitter.wasm', 'extension/dist/tree-sitter-c.wasm', 'extension/dist/tree-sitter-cpp.wasm',
    // The second copy of the parser's runtime, loaded after a wasm trap (cli/treeSitterCopies.ts): Node packages only.
    ...(name.includes('web') ? [] : ['extension/dist/web-tree-sitter.cjs'])]) {
    assert.ok(p.files.includes(required), `${name}: ${required} is in the package`);
  }
}

function manifestTarget(p: Packed): string | undefined {
  return /TargetPlatform="([^"]+)"/.exec(p.read('extension.vsixmanifest'))?.[1];
}

test('the universal package (npm start, the browser checks) holds the runtime files and this machine\'s koffi', () => {
  const p = packed.get('universal')!;
  checkCommon('winsock-lens.vsix', p);
  assert.equal(manifestTarget(p), undefined, 'no target platform');
  for (const required of ['extension/dist/extension.js', 'extension/dist/sandbox-worker.js', 'extension/dist/web/extension.js']) {
    assert.ok(p.files.includes(required), `${required} is in the package`);
  }
  if (existsSync(path.join(repoRoot, 'node_modules/koffi'))) {
    assert.ok(p.files.includes('extension/dist/node_modules/koffi/index.cjs'), 'koffi loader beside the bundles');
    const host = `${process.platform}-${process.arch}`;
    assert.ok(p.files.some((f) => f.startsWith(`extension/dist/node_modules/@koromix/koffi-${host}/`) && f.endsWith('/koffi.node')), `koffi prebuild for ${host}`);
  }
});

describe('platform packages', () => {
  for (const [target, spec] of Object.entries(PLATFORMS)) {
    test(`${target}: the Node entry, the sandbox worker and only the ${spec.koffi} koffi prebuild, under the 2.5 MiB ceiling`, () => {
      const p = packed.get(target)!;
      checkCommon(`winsock-lens-${target}.vsix`, p);
      assert.equal(manifestTarget(p), target, 'vsce --target wrote the target platform into the manifest');
      const manifest = JSON.parse(p.read('extension/package.json')) as Record<string, unknown>;
      assert.equal(manifest['main'], './dist/extension.js');
      assert.equal(manifest['browser'], undefined, 'no browser entry in a desktop package');
      assert.equal(manifest['devDependencies'], undefined, 'no devDependencies in the packed manifest');
      for (const required of ['extension/dist/extension.js', 'extension/dist/sandbox-worker.js', 'extension/dist/webview/sandbox.js',
        'extension/dist/node_modules/koffi/index.cjs', 'extension/dist/node_modules/koffi/src/koffi/index.cjs',
        `extension/dist/node_modules/@koromix/koffi-${spec.koffi}/package.json`]) {
        assert.ok(p.files.includes(required), `${required} is in the package`);
      }
      const natives = p.files.filter((f) => f.endsWith('.node'));
      assert.deepEqual(natives, [`extension/dist/node_modules/@koromix/koffi-${spec.koffi}/${spec.binaryDir}/koffi.node`], 'exactly one native module, the platform\'s');
      assert.deepEqual([...shippedModules(p.files)].sort(), [`@koromix/koffi-${spec.koffi}`, 'koffi'].sort(), 'koffi and its one prebuild package');
      assert.deepEqual(p.files.filter((f) => f.startsWith('extension/dist/web/') || /dist\/(cli|winsock-lens-lsp)\.js$/.test(f)), [], 'no browser build, CLI or language server');
      assert.ok(p.bytes < MAX_BYTES, `${target}: ${p.bytes} bytes, over ${MAX_BYTES} bytes`);
    });
  }
});

test('web: the browser entry only (no Node code, no native module), under the 2.5 MiB ceiling', () => {
  const p = packed.get('web')!;
  checkCommon('winsock-lens-web.vsix', p);
  assert.equal(manifestTarget(p), 'web');
  const manifest = JSON.parse(p.read('extension/package.json')) as Record<string, unknown>;
  assert.equal(manifest['browser'], './dist/web/extension.js');
  assert.equal(manifest['main'], undefined, 'no Node entry: VS Code runs it in the web worker extension host');
  assert.ok(p.files.includes('extension/dist/web/extension.js'));
  assert.deepEqual(p.files.filter((f) => /node_modules\/|\.node$|dist\/(extension|sandbox-worker|cli|winsock-lens-lsp)\.js$|dist\/webview\//.test(f)), [], 'no Node bundles, koffi or sandbox webview');
  // The only module the browser bundle asks its host for is vscode.
  const bundle = p.read('extension/dist/web/extension.js');
  const required = new Set([...bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]));
  assert.deepEqual([...required], ['vscode'], 'modules the web bundle requires');
  assert.ok(p.bytes < MAX_BYTES, `web: ${p.bytes} bytes, over ${MAX_BYTES} bytes`);
});

test('every package: the README shows its pictures as data: URIs (no relative image link), the walkthrough\'s pictures and the icon are inside', () => {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    icon?: string;
    contributes?: { walkthroughs?: { steps: { media: { image?: string } }[] }[] };
  };
  const wanted = [manifest.icon, ...(manifest.contributes?.walkthroughs ?? []).flatMap((w) => w.steps.map((s) => s.media.image))].filter((x): x is string => !!x);
  assert.ok(wanted.length >= 4, `icon and walkthrough pictures: ${wanted.join(', ')}`);
  for (const [name, p] of packed) {
    for (const rel of wanted) assert.ok(p.files.includes(`extension/${rel}`), `${name}: ${rel} is not packed`);
    const readme = p.files.find((f) => /^extension\/readme\.md$/i.test(f));
    assert.ok(readme, `${name}: no README`);
    const text = p.read(readme);
    const images = [...text.matchAll(/!\[[^\]]*\]\[([^\]]+)\]/g)].map((m) => m[1]!);
    assert.ok(images.length >= 3, `${name}: ${images.length} pictures in the README`);
    for (const label of new Set(images)) assert.match(text, new RegExp(`^\\[${label}\\]: data:image/webp;base64,`, 'm'), `${name}: picture ${label}`);
    assert.deepEqual([...text.matchAll(/!\[[^\]]*\]\((?!data:)([^)]+)\)/g)].map((m) => m[1]), [], `${name}: relative image links`);
  }
});
