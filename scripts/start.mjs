// `npm start`: Winsock Lens in a real VS Code in your browser, from a fresh clone.
// Installs the Debian packages and npm modules that are missing, makes a production build, packs
// the .vsix, installs the VS Code server (first time only, into .vscode-test/), installs the .vsix
// into a fresh extensions folder and serves VS Code on 127.0.0.1 with examples/ open.
// PORT=<n> picks the port (default: a free one). Ctrl+C stops the server and exits.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheRoot, ensureVSCodeServer, missingSystemPackages, repoRoot, serverMainPath } from './vscode-runtime.mjs';

const started = Date.now();
const say = (m) => console.log(`[start] ${m}`);
function fail(what, advice) {
  console.error(`[start] ✘ ${what}${advice ? `\n[start]   what to do: ${advice}` : ''}`);
  process.exit(1);
}

// 1. Debian packages (Chromium is not needed to serve, but the rest is for the VS Code server).
if (missingSystemPackages().length > 0) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) fail(`missing Debian packages: ${missingSystemPackages().join(' ')}`, 'sudo bash scripts/install-system-deps.sh');
  say('installing missing Debian packages (scripts/install-system-deps.sh)');
  const r = spawnSync('bash', ['scripts/install-system-deps.sh'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) fail('scripts/install-system-deps.sh failed', 'read apt-get\'s message above');
}

// 2. npm modules, only when there are none.
if (!existsSync(path.join(repoRoot, 'node_modules'))) {
  say('node_modules is missing: npm ci');
  const r = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) fail('npm ci failed', 'check that the npm registry is reachable, then run npm start again');
}

// 3. Production build and the .vsix (imported only now: it needs nothing from node_modules, but the
//    build it runs does).
const { packageVsix } = await import('./package.mjs');
let vsixPath;
try {
  say('building (production) and packing the .vsix');
  ({ vsixPath } = packageVsix({ log: (m) => say(m) }));
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

// 4. The VS Code server.
try {
  const r = await ensureVSCodeServer({ log: (m) => say(m) });
  if (r.installedNow) say(`VS Code server installed in ${r.seconds.toFixed(1)} s`);
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

// 5. A fresh profile with the .vsix installed.
const { startVSCodeServer, writeProfileSettings, workbenchUrl, HOST } = await import('./vscode-server.mjs');
const profile = path.join(cacheRoot, 'start');
rmSync(profile, { recursive: true, force: true });
const userDataDir = path.join(profile, 'user-data');
const extensionsDir = path.join(profile, 'extensions');
mkdirSync(extensionsDir, { recursive: true });
writeProfileSettings(userDataDir);
{
  const r = spawnSync(process.execPath, [serverMainPath, '--install-extension', vsixPath, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--accept-server-license-terms'], { encoding: 'utf8' });
  const installed = existsSync(extensionsDir) && readdirSync(extensionsDir).some((d) => d.startsWith('winsock-lens.winsock-lens-'));
  if (r.status !== 0 || !installed) {
    fail(`installing ${path.relative(repoRoot, vsixPath)} into the VS Code server failed (exit ${r.status}):\n${r.stdout}${r.stderr}`, 'run `npm run package` and read vsce\'s messages');
  }
  say(`installed ${path.relative(repoRoot, vsixPath)} into ${path.relative(repoRoot, extensionsDir)}`);
}

// 6. The folder to open: examples/ (another part of the project fills it; never overwritten here).
const examples = path.join(repoRoot, 'examples');
if (!existsSync(examples) || readdirSync(examples).length === 0) {
  mkdirSync(examples, { recursive: true });
  writeFileSync(path.join(examples, 'hello_disconnect.c'), [
    '/* Placeholder example: hover WSASendDisconnect to read its documentation. */',
    '#include <winsock2.h>',
    '',
    'int finish_sending(SOCKET s)',
    '{',
    '    return WSASendDisconnect(s, NULL);',
    '}',
    '',
  ].join('\n'));
}

// 7. Serve on 127.0.0.1 only.
const port = process.env.PORT ? Number(process.env.PORT) : undefined;
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) fail(`PORT=${process.env.PORT} is not a port number`, 'use PORT=8080 or leave PORT unset for a free port');
let server;
try {
  server = await startVSCodeServer({
    port, userDataDir, extensionsDir, logFile: path.join(profile, 'server.log'), smokeTestDriver: false,
  });
} catch (err) {
  fail(err instanceof Error ? err.message : String(err), port ? `is port ${port} already in use? try another PORT` : 'read the server log');
}
const url = workbenchUrl(server.port, { folder: examples });
say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`\n  Winsock Lens in VS Code: ${url}\n  (listening on ${HOST}:${server.port} only; server log: ${path.relative(repoRoot, server.logFile)}; Ctrl+C stops it)\n`);

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping the VS Code server`);
  await server.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
// If the server dies by itself, say so and leave.
server.child.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`[start] ✘ the VS Code server exited (${code ?? signal}); its log: ${server.logFile}`);
  process.exit(1);
});
