// The offline VS Code: installs the VS Code server (from the code-server npm package) into the
// project's cache folder `.vscode-test/code-server-<version>/` on first use and reuses it after.
// A marker file is written only after a complete, verified install, so an interrupted install is
// redone. Run directly (`node scripts/vscode-runtime.mjs`) to install and print where it is.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const SYSTEM_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'pkg-config', 'build-essential', 'python3'];

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cacheRoot = path.join(repoRoot, '.vscode-test');
export const runtimeDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
const markerFile = path.join(runtimeDir, 'install-complete.json');
const logFile = path.join(runtimeDir, 'install.log');

/** Where the plain VS Code server lives inside the installed code-server package. */
export const serverMainPath = path.join(runtimeDir, 'node_modules/code-server/lib/vscode/out/server-main.js');

export class RuntimeInstallError extends Error {
  constructor(step, detail, advice) {
    super(`VS Code server install failed at "${step}": ${detail}\n  log: ${logFile}\n  what to do: ${advice}`);
    this.name = 'RuntimeInstallError';
  }
}

/** Debian packages the install and the browser need; returns the names that are missing. */
export function missingSystemPackages() {
  return SYSTEM_PACKAGES.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
}

function ensureSystemPackages(log) {
  const missing = missingSystemPackages();
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new RuntimeInstallError('system packages', `missing Debian packages: ${missing.join(' ')}`,
      `run as root: bash scripts/install-system-deps.sh (or apt-get install ${missing.join(' ')})`);
  }
  log(`installing missing Debian packages: ${missing.join(' ')}`);
  const r = spawnSync('bash', [path.join(repoRoot, 'scripts/install-system-deps.sh')], { stdio: 'inherit' });
  if (r.status !== 0 || missingSystemPackages().length > 0) {
    throw new RuntimeInstallError('system packages', `scripts/install-system-deps.sh exited ${r.status ?? r.signal}`,
      'run `bash scripts/install-system-deps.sh` by hand and read apt-get\'s message');
  }
}

/** @vscode/ripgrep's postinstall downloads rg from GitHub; give it Debian's rg in the cache it checks first. */
function seedRipgrepCache(tmpDir) {
  const dir = path.join(tmpDir, RIPGREP_CACHE);
  const tarball = path.join(dir, RIPGREP_TARBALL);
  if (existsSync(tarball)) return;
  mkdirSync(dir, { recursive: true });
  const rg = '/usr/bin/rg';
  if (!existsSync(rg)) {
    throw new RuntimeInstallError('ripgrep cache', `${rg} not found`, 'apt-get install ripgrep');
  }
  const r = spawnSync('tar', ['-czf', tarball, '-C', path.dirname(rg), 'rg'], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(tarball, { force: true });
    throw new RuntimeInstallError('ripgrep cache', `tar failed: ${r.stderr}`, `check that ${dir} is writable`);
  }
}

function runLogged(cmd, args, options, logStream) {
  return new Promise((resolve, reject) => {
    logStream.write(`\n$ ${cmd} ${args.join(' ')}\n`);
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(logStream, { end: false });
    child.stderr.pipe(logStream, { end: false });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
}

/** True when a complete install of the pinned version is present. */
export function runtimeInstalled() {
  if (!existsSync(markerFile) || !existsSync(serverMainPath)) return false;
  try {
    return JSON.parse(readFileSync(markerFile, 'utf8')).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

/**
 * Makes sure the VS Code server is installed; returns { serverMain, runtimeDir, installedNow, seconds }.
 * `log` receives progress lines (defaults to stderr).
 */
export async function ensureVSCodeServer({ log = (m) => console.error(`[vscode-runtime] ${m}`) } = {}) {
  if (runtimeInstalled()) return { serverMain: serverMainPath, runtimeDir, installedNow: false, seconds: 0 };
  const started = Date.now();
  ensureSystemPackages(log);
  // A half-finished earlier attempt is thrown away whole.
  rmSync(runtimeDir, { recursive: true, force: true });
  mkdirSync(runtimeDir, { recursive: true });
  const tmpDir = path.join(cacheRoot, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  seedRipgrepCache(tmpDir);
  writeFileSync(path.join(runtimeDir, 'package.json'),
    JSON.stringify({ name: 'vscode-test-runtime', private: true, description: 'cache: the offline VS Code server for tests' }, null, 2));
  log(`installing code-server@${CODE_SERVER_VERSION} (VS Code server) into ${path.relative(repoRoot, runtimeDir)}; log: ${logFile}`);
  const logStream = createWriteStream(logFile);
  const env = {
    ...process.env,
    TMPDIR: tmpDir,
    npm_config_yes: 'true',
    // node-gyp builds against the running Node's own headers (<prefix>/include/node).
    npm_config_nodedir: path.resolve(path.dirname(process.execPath), '..'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  const npmArgs = ['install', `code-server@${CODE_SERVER_VERSION}`, '--unsafe-perm', '--no-save', '--no-package-lock', '--loglevel', 'warn'];
  let result;
  try {
    result = await runLogged('npm', npmArgs, { cwd: runtimeDir, env }, logStream);
  } finally {
    await new Promise((r) => logStream.end(r));
  }
  if (result.code !== 0) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
    throw new RuntimeInstallError('npm install code-server', `npm exited ${result.code ?? result.signal}; last lines:\n${tail}`,
      'read the log; missing build tools → bash scripts/install-system-deps.sh; network errors → check that the npm registry is reachable; then run again (the half install is discarded)');
  }
  if (!existsSync(serverMainPath)) {
    throw new RuntimeInstallError('verify', `${serverMainPath} is missing after npm install`,
      `delete ${runtimeDir} and run again; if it persists, code-server's layout changed`);
  }
  const seconds = (Date.now() - started) / 1000;
  writeFileSync(markerFile, JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString(), seconds }, null, 2));
  log(`VS Code server installed in ${seconds.toFixed(1)} s`);
  return { serverMain: serverMainPath, runtimeDir, installedNow: true, seconds };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = await ensureVSCodeServer();
    console.log(r.installedNow ? `installed: ${r.serverMain} (${r.seconds.toFixed(1)} s)` : `already installed: ${r.serverMain}`);
  } catch (err) {
    console.error(String(err instanceof Error ? err.message : err));
    process.exit(1);
  }
}
