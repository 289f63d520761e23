// Packs the extension with vsce (no npm dependencies: everything the extension needs at run time is
// bundled into dist/, koffi's runtime included; .vscodeignore lets only that in).
//   node scripts/package.mjs [--no-build] [--out file.vsix] [--targets win32-x64,web|all|none] [--no-universal] [--quiet]
// (the target packages are written beside --out)
// Without --no-build it first makes a clean production build (dist/ removed, then
// `node esbuild.mjs --production`). Then it packs:
// - the universal package dist-vsix/winsock-lens.vsix (or --out): this machine's build as it is,
//   which `npm start` and the browser checks install;
// - one platform package per target, dist-vsix/winsock-lens-<target>.vsix (`vsce package --target`):
//   win32-x64, win32-arm64, linux-x64, linux-arm64, darwin-x64, darwin-arm64, alpine-x64,
//   alpine-arm64, each with only the koffi prebuild its platform loads, and `web` (the browser build only, for VS Code for the Web).
//   Each target is staged in out/package/<target>/ (never in the project's node_modules); the
//   prebuilds are fetched once with npm into .cache/koffi-prebuilds/.
// Prints each package's size (and, without --quiet, its file list).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const vsixDir = path.join(repoRoot, 'dist-vsix');
export const defaultVsixPath = path.join(vsixDir, 'winsock-lens.vsix');
export const stagingRoot = path.join(repoRoot, 'out', 'package');
export const prebuildCache = path.join(repoRoot, '.cache', 'koffi-prebuilds');

/** The platform targets, as vsce names them, with the koffi prebuild each one loads. */
export const PLATFORM_TARGETS = [
  { target: 'win32-x64', koffi: 'win32-x64', binaryDir: 'win32_x64' },
  { target: 'win32-arm64', koffi: 'win32-arm64', binaryDir: 'win32_arm64' },
  { target: 'linux-x64', koffi: 'linux-x64', binaryDir: 'linux_x64' },
  { target: 'linux-arm64', koffi: 'linux-arm64', binaryDir: 'linux_arm64' },
  { target: 'darwin-x64', koffi: 'darwin-x64', binaryDir: 'darwin_x64' },
  { target: 'darwin-arm64', koffi: 'darwin-arm64', binaryDir: 'darwin_arm64' },
  // Alpine Linux (musl): the same koffi packages as Linux, their musl build instead of glibc's.
  { target: 'alpine-x64', koffi: 'linux-x64', binaryDir: 'musl_x64' },
  { target: 'alpine-arm64', koffi: 'linux-arm64', binaryDir: 'musl_arm64' },
];
export const ALL_TARGETS = [...PLATFORM_TARGETS.map((t) => t.target), 'web'];

/** The size budget of every platform and web package (issue 11), for a production build. */
export const MAX_TARGET_BYTES = 2 * 1024 * 1024;

/** A production build has no source maps beside its bundles (esbuild.mjs --production). */
export function isProductionDist() {
  const dist = path.join(repoRoot, 'dist');
  return existsSync(path.join(dist, 'extension.js')) && !existsSync(path.join(dist, 'extension.js.map'));
}

/** Where the package of `target` is written (beside the universal one). */
export function targetVsixPath(target, dir = vsixDir) {
  return path.join(dir, `winsock-lens-${target}.vsix`);
}

/** Lists the files inside a .vsix (a zip), using Debian's unzip. */
export function listVsix(vsixPath) {
  const r = spawnSync('unzip', ['-Z1', vsixPath], { encoding: 'utf8' });
  if (r.error) throw new Error(`cannot list ${vsixPath}: ${r.error.message} (install unzip: bash scripts/install-system-deps.sh)`);
  if (r.status !== 0) throw new Error(`unzip -Z1 ${vsixPath} failed: ${r.stderr.trim()}`);
  return r.stdout.split('\n').filter(Boolean);
}

function build() {
  rmSync(path.join(repoRoot, 'dist'), { recursive: true, force: true });
  const b = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (b.status !== 0) throw new Error('production build failed (node esbuild.mjs --production): see the errors above');
}

/** Where the package's README is written, inside the folder vsce packs (dist/ is let in by .vscodeignore). */
export const VSIX_README = 'dist/README.vsix.md';

/**
 * The README as the Extensions view shows it. VS Code renders an installed extension's README in a
 * webview whose CSP allows images only from https: and data: and resolves no relative path, so
 * `![…](docs/images/x.png)` shows as a broken image there (vsce would rewrite such links to a
 * repository URL, and this project has none yet). The packaged copy carries each image of
 * docs/images/ as a data: URI instead (WebP, to stay inside the package budget); README.md itself keeps the relative links (right on a
 * repository page). Written to <cwd>/dist/README.vsix.md; vsce packs it as extension/readme.md.
 */
export function writeVsixReadme(cwd) {
  const text = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  // The pictures as WebP (scripts/readme-images.mjs): for the README's data: URIs and the
  // walkthrough (package.json points its steps at dist/images/*.webp).
  const shown = [...new Set([...text.matchAll(/!\[[^\]]*\]\((docs\/images\/[^)\s]+\.png)\)/g)].map((m) => m[1]))];
  const walkthrough = ['docs/images/hover-en.png', 'docs/images/lint-quickfix.png', 'docs/images/sandbox.png'];
  const all = [...new Set([...shown, ...walkthrough])];
  for (const rel of all) if (!existsSync(path.join(repoRoot, rel))) throw new Error(`${rel} does not exist: take the screenshots (npm run test:browser) or fix the link in README.md`);
  // Converted once into out/readme-images/ (kept while the PNG is unchanged); only the
  // walkthrough's pictures go into the package as files, the README's travel inside it.
  const imagesDir = path.join(repoRoot, 'out', 'readme-images');
  const conv = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/readme-images.mjs'), imagesDir, ...all], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (conv.status !== 0) throw new Error(`converting the README's pictures to WebP failed (exit ${conv.status}):\n${conv.stdout}${conv.stderr}\nwhat to do: install Chromium (bash scripts/install-system-deps.sh)`);
  const packedImages = path.join(cwd, 'dist', 'images');
  rmSync(packedImages, { recursive: true, force: true });
  mkdirSync(packedImages, { recursive: true });
  for (const rel of walkthrough) cpSync(path.join(imagesDir, `${path.basename(rel, '.png')}.webp`), path.join(packedImages, `${path.basename(rel, '.png')}.webp`));
  // Each image once, as a reference definition at the end (an image shown twice costs nothing more).
  const labels = new Map();
  const body = text.replace(/!\[([^\]]*)\]\((docs\/images\/[^)\s]+\.png)\)/g, (all, alt, rel) => {
    if (!existsSync(path.join(repoRoot, rel))) throw new Error(`README.md shows ${rel}, which does not exist: take the screenshots (npm run test:browser) or fix the link`);
    if (!labels.has(rel)) labels.set(rel, `image-${labels.size + 1}`);
    return `![${alt}][${labels.get(rel)}]`;
  });
  const definitions = [...labels].map(([rel, label]) => `[${label}]: data:image/webp;base64,${readFileSync(path.join(imagesDir, `${path.basename(rel, '.png')}.webp`)).toString('base64')}`);
  mkdirSync(path.join(cwd, 'dist'), { recursive: true });
  writeFileSync(path.join(cwd, VSIX_README), `${body.trimEnd()}\n\n${definitions.join('\n')}\n`);
}

/** Runs `vsce package` in `cwd`; throws with vsce's words when it fails. */
function vscePackage(cwd, out, extraArgs = []) {
  mkdirSync(path.dirname(out), { recursive: true });
  rmSync(out, { force: true });
  writeVsixReadme(cwd);
  const vsce = path.join(repoRoot, 'node_modules/@vscode/vsce/vsce');
  // stdin closed: a question vsce would ask (missing LICENSE, repository…) fails instead of waiting.
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--readme-path', VSIX_README, ...extraArgs, '--out', out], {
    cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) {
    throw new Error(`vsce package ${extraArgs.join(' ')} failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}\nwhat to do: fix what vsce names above; a missing dist/ means the build did not run (drop --no-build)`);
  }
}

function summary(out, started, log) {
  const files = listVsix(out);
  const bytes = statSync(out).size;
  const seconds = (Date.now() - started) / 1000;
  log(`${path.relative(process.cwd(), out)}: ${(bytes / 1024).toFixed(0)} KiB, ${files.length} files, packed in ${seconds.toFixed(1)} s`);
  return { vsixPath: out, bytes, files, seconds };
}

/** Builds (unless `build` is false) and packs the universal package; returns { vsixPath, bytes, files, seconds }. */
export function packageVsix({ build: doBuild = true, out = defaultVsixPath, log = console.log } = {}) {
  const started = Date.now();
  if (doBuild) build();
  vscePackage(repoRoot, out);
  return summary(out, started, log);
}

function koffiVersion() {
  return JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/koffi/package.json'), 'utf8')).version;
}

/**
 * Makes sure every platform's koffi prebuild package is in .cache/koffi-prebuilds/ (one npm install
 * of all of them, --force since their os/cpu are not this machine's); returns the folder holding
 * @koromix/koffi-<os>-<arch>/.
 */
export function ensurePrebuilds({ log = console.log } = {}) {
  const version = koffiVersion();
  const modules = path.join(prebuildCache, 'node_modules');
  const want = [...new Set(PLATFORM_TARGETS.map((t) => `@koromix/koffi-${t.koffi}`))];
  const missing = want.filter((p) => {
    const pj = path.join(modules, p, 'package.json');
    return !existsSync(pj) || JSON.parse(readFileSync(pj, 'utf8')).version !== version;
  });
  if (missing.length > 0) {
    mkdirSync(prebuildCache, { recursive: true });
    log(`fetching koffi ${version} prebuilds into ${path.relative(repoRoot, prebuildCache)}: ${missing.join(' ')}`);
    const r = spawnSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', '--force',
      '--prefix', prebuildCache, ...missing.map((p) => `${p}@${version}`)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) throw new Error(`npm install of the koffi prebuilds failed (exit ${r.status}):\n${r.stderr}\nwhat to do: check that the npm registry is reachable`);
  }
  for (const p of want) {
    if (!existsSync(path.join(modules, p, 'package.json'))) throw new Error(`${p} is missing from ${modules} after npm install`);
  }
  return modules;
}

/** The package.json of a staged target: `web` runs only the browser entry, the others only the Node one. */
function targetManifest(target) {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  delete pkg.devDependencies;
  delete pkg.dependencies;
  delete pkg.scripts;
  delete pkg.bin;
  if (target === 'web') {
    delete pkg.main;
    // No debug adapter can run in a browser: do not offer its debug type there.
    if (pkg.contributes) delete pkg.contributes.debuggers;
    // … nor its walkthrough step.
    for (const w of pkg.contributes?.walkthroughs ?? []) w.steps = w.steps.filter((step) => !step.id.endsWith('.debugger'));
  } else {
    delete pkg.browser;
  }
  return pkg;
}

/** The top-level files and folders a package is made from (.vscodeignore still has the last word). */
const STAGED = ['package.nls.json', 'README.md', 'LICENSE', '.vscodeignore', 'l10n', 'snippets', 'docs/rules', 'media'];

/** Copies what the package of `target` is made from into out/package/<target>/; returns that folder. */
export function stageTarget(target, { prebuilds } = {}) {
  const dir = path.join(stagingRoot, target);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(targetManifest(target), null, 2) + '\n');
  for (const name of readdirSync(repoRoot)) if (/^package\.nls\.[a-z-]+\.json$/.test(name)) cpSync(path.join(repoRoot, name), path.join(dir, name));
  for (const rel of STAGED) {
    const from = path.join(repoRoot, rel);
    if (existsSync(from)) cpSync(from, path.join(dir, rel), { recursive: true });
  }
  const dist = path.join(repoRoot, 'dist');
  if (!existsSync(path.join(dist, 'extension.js'))) throw new Error(`${dist}/extension.js is missing: build first (drop --no-build)`);
  const web = target === 'web';
  if (web && !existsSync(path.join(dist, 'web', 'extension.js'))) throw new Error(`${dist}/web/extension.js is missing: the browser build did not run`);
  cpSync(dist, path.join(dir, 'dist'), {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(dist, src).split(path.sep).join('/');
      if (rel === '') return true;
      if (rel.endsWith('.map')) return false;
      if (rel === 'node_modules' || rel.startsWith('node_modules/')) return false; // koffi: added below, one prebuild only
      if (web) return rel.endsWith('.wasm') || rel === 'web' || rel.startsWith('web/');
      // The desktop packages: the Node bundles, the wasm, the sandbox webview; not the browser build
      // nor the CLI and language server (they ship as the npm package, scripts/package-cli.mjs).
      if (rel === 'web' || rel.startsWith('web/')) return false;
      return !/^(cli|winsock-lens-lsp)\.js$/.test(rel);
    },
  });
  if (!web) {
    const spec = PLATFORM_TARGETS.find((t) => t.target === target);
    if (!spec) throw new Error(`unknown target ${target}; the targets are ${ALL_TARGETS.join(', ')}`);
    const koffiLoader = path.join(dist, 'node_modules', 'koffi');
    if (!existsSync(koffiLoader)) throw new Error(`${koffiLoader} is missing: esbuild.mjs copies koffi's loader there`);
    cpSync(koffiLoader, path.join(dir, 'dist/node_modules/koffi'), { recursive: true });
    const from = path.join(prebuilds, '@koromix', `koffi-${spec.koffi}`);
    cpSync(from, path.join(dir, 'dist/node_modules/@koromix', `koffi-${spec.koffi}`), {
      recursive: true,
      // Only the binary this platform's Node loads: no README, no musl build next to glibc's (and
      // the other way round on Alpine).
      filter: (src) => {
        const rel = path.relative(from, src).split(path.sep).join('/');
        if (rel === '' || rel === 'index.js' || rel === 'package.json') return true;
        return rel === spec.binaryDir || rel === `${spec.binaryDir}/koffi.node`;
      },
    });
  }
  return dir;
}

/** Stages and packs the package of one target into dist-vsix/winsock-lens-<target>.vsix. */
export function packageTarget(target, { prebuilds, outDir = vsixDir, log = console.log } = {}) {
  const started = Date.now();
  const dir = stageTarget(target, { prebuilds });
  const out = targetVsixPath(target, outDir);
  vscePackage(dir, out, ['--target', target]);
  const result = { target, ...summary(out, started, log) };
  // The budget is for what ships (a production build; development builds are not minified). Over
  // it the package is still written, with a warning naming what to look at: the README's pictures
  // (data: URIs inside extension/readme.md) and the bundles are the usual suspects.
  if (isProductionDist() && result.bytes > MAX_TARGET_BYTES) {
    log(`⚠ ${path.basename(out)} is ${(result.bytes / 1024).toFixed(0)} KiB, over the 2 MiB budget of a package; see what grew with \`unzip -lv ${path.relative(process.cwd(), out)}\``);
  }
  return result;
}

/** Builds once, then packs the universal package and every asked target. */
export function packageAll({ build: doBuild = true, out = defaultVsixPath, targets = ALL_TARGETS, universal = true, log = console.log } = {}) {
  if (doBuild) build();
  const results = universal ? [packageVsix({ build: false, out, log })] : [];
  const prebuilds = targets.some((t) => t !== 'web') ? ensurePrebuilds({ log }) : undefined;
  for (const target of targets) results.push(packageTarget(target, { prebuilds, outDir: path.dirname(out), log }));
  return results;
}

function parseTargets(value) {
  if (value === undefined || value === 'all') return ALL_TARGETS;
  if (value === 'none') return [];
  const list = value.split(',').filter(Boolean);
  const unknown = list.filter((t) => !ALL_TARGETS.includes(t));
  if (unknown.length > 0) throw new Error(`unknown target(s) ${unknown.join(', ')}; the targets are ${ALL_TARGETS.join(', ')} (or all, none)`);
  return list;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const valueOf = (flag) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  try {
    const results = packageAll({
      build: !argv.includes('--no-build'),
      out: valueOf('--out') ? path.resolve(valueOf('--out')) : defaultVsixPath,
      targets: parseTargets(valueOf('--targets')),
      universal: !argv.includes('--no-universal'),
    });
    if (!argv.includes('--quiet')) {
      for (const r of results) {
        console.log(`${path.relative(process.cwd(), r.vsixPath)}:`);
        for (const f of r.files) console.log(`  ${f}`);
      }
    }
  } catch (err) {
    console.error(`✘ packaging failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
