// The npm package `winsock-lens`: the command-line linter (`winsock-lens lint`) and the language
// server (`winsock-lens-lsp --stdio`) without the extension, runnable with only Node:
//   node scripts/package-cli.mjs [--no-build] [--out-dir dir]   → dir/winsock-lens-<version>.tgz
// Both bins are self-contained bundles (no npm dependencies); beside them the three .wasm parser
// files, the rule pages (the diagnostics and --help link to them) and the README. Staged in
// out/package/npm/, packed with `npm pack`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staging = path.join(repoRoot, 'out', 'package', 'npm');

const BINS = { 'winsock-lens': 'dist/cli.js', 'winsock-lens-lsp': 'dist/winsock-lens-lsp.js' };
// web-tree-sitter.cjs: the second copy of the parser's runtime, loaded after a wasm trap (cli/treeSitterCopies.ts).
const WASM = ['web-tree-sitter.wasm', 'tree-sitter-c.wasm', 'tree-sitter-cpp.wasm', 'web-tree-sitter.cjs'];

/** The manifest of the npm package, from the extension's (same name, version, licence). */
function manifest() {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return {
    name: pkg.name,
    version: pkg.version,
    description: 'Winsock Lens without VS Code: lint C/C++ Winsock code from the command line (winsock-lens lint) and a language server for other editors (winsock-lens-lsp --stdio).',
    license: pkg.license,
    keywords: ['winsock', 'lint', 'c', 'cpp', 'language-server', 'lsp'],
    bin: BINS,
    files: ['dist/', 'docs/rules/', 'README.md', 'LICENSE'],
    engines: { node: pkg.engines?.node ?? '>=20' },
    ...(pkg.repository ? { repository: pkg.repository } : {}),
  };
}

/** Stages and packs; returns { tarball, bytes, files }. */
export function packageCli({ build = true, outDir = path.join(repoRoot, 'dist-npm'), log = console.log } = {}) {
  if (build) {
    const b = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    if (b.status !== 0) throw new Error('production build failed (node esbuild.mjs --production)');
  }
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.join(staging, 'dist'), { recursive: true });
  for (const file of [...Object.values(BINS), ...WASM.map((w) => `dist/${w}`)]) {
    const from = path.join(repoRoot, file);
    if (!existsSync(from)) throw new Error(`${file} is missing: build first (drop --no-build)`);
    cpSync(from, path.join(staging, file));
  }
  cpSync(path.join(repoRoot, 'docs/rules'), path.join(staging, 'docs/rules'), { recursive: true });
  cpSync(path.join(repoRoot, 'LICENSE'), path.join(staging, 'LICENSE'));
  cpSync(path.join(repoRoot, 'README.md'), path.join(staging, 'README.md'));
  writeFileSync(path.join(staging, 'package.json'), JSON.stringify(manifest(), null, 2) + '\n');
  mkdirSync(outDir, { recursive: true });
  const r = spawnSync('npm', ['pack', '--json', '--pack-destination', outDir], { cwd: staging, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack failed (exit ${r.status}):\n${r.stderr}`);
  const [info] = JSON.parse(r.stdout);
  const tarball = path.join(outDir, info.filename);
  const bytes = statSync(tarball).size;
  log(`${path.relative(process.cwd(), tarball)}: ${(bytes / 1024).toFixed(0)} KiB, ${info.files.length} files (${(info.unpackedSize / 1024).toFixed(0)} KiB unpacked)`);
  return { tarball, bytes, files: info.files.map((f) => f.path) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--out-dir');
  try {
    packageCli({ build: !argv.includes('--no-build'), ...(i >= 0 ? { outDir: path.resolve(argv[i + 1]) } : {}) });
  } catch (err) {
    console.error(`✘ packaging the npm package failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
