// Running the offline VS Code: the server on 127.0.0.1, the workbench URL, headless Chromium, and
// the process bookkeeping that makes sure nothing outlives a run. Shared by the test launcher
// (scripts/vscode-launcher.mjs), the browser checks (scripts/test-browser.mjs) and `npm start`.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { serverMainPath } from './vscode-runtime.mjs';

export const HOST = '127.0.0.1';

/** Environment variable set on every process of a run, so leftovers can be found afterwards. */
export const RUN_MARKER_VAR = 'WINSOCK_LENS_VSCODE_RUN';

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves with the HTTP status of GET url, or rejects on a connection error. */
export function httpStatus(url, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** Polls `check` until it returns a truthy value or the deadline passes. */
export async function pollUntil(check, { timeoutMs, intervalMs = 100, what }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
}

/**
 * Settings for a fresh test profile: nothing pops up in front of the editor, nothing phones home.
 * code-server's build of the web workbench keeps the user's settings on the server, in
 * <user-data-dir>/User/settings.json; the same values also go to the "machine" settings
 * (<user-data-dir>/Machine/settings.json), which stock VS Code servers read.
 */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.disableAIFeatures': true,
};

/** With workspace trust on: no prompt, so the test folder simply stays untrusted (Restricted Mode). */
export const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
};

export function writeProfileSettings(userDataDir, extra = {}) {
  for (const sub of ['User', 'Machine']) {
    const dir = path.join(userDataDir, sub);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...extra }, null, 2));
  }
}

/** Stops a process started with `detached: true` (its own process group) and everything in that group. */
export async function stopProcessGroup(child, { graceMs = 3000 } = {}) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    // The leader is gone, but its group may not be.
    if (child?.pid) signalGroup(child.pid, 'SIGKILL');
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  signalGroup(child.pid, 'SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), new Promise((r) => setTimeout(() => r(true), graceMs))]);
  // Children of the leader (extension host, watchers) are killed with the group either way.
  signalGroup(child.pid, 'SIGKILL');
  if (timedOut) await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* the group is already gone */
  }
}

/**
 * Processes (other than this one) whose environment holds `VAR=value`: what a run left behind.
 * Reads /proc, so it sees every descendant however it was re-parented.
 */
export function processesWithEnv(variable, value) {
  const needle = `${variable}=${value}`;
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${name}/environ`, 'latin1').split('\0');
      if (!env.includes(needle)) continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      if (/\) Z /.test(stat)) continue; // a zombie holds nothing; its parent reaps it
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'latin1').replace(/\0/g, ' ').trim();
      found.push({ pid: Number(name), cmd });
    } catch {
      /* it exited while we looked */
    }
  }
  return found;
}

/**
 * Starts the VS Code server on 127.0.0.1. Resolves once it answers HTTP, with
 * { url, port, child, logFile, stop() }. The server runs in its own process group; `stop()` ends
 * the group (server and extension hosts).
 */
export async function startVSCodeServer({
  port, userDataDir, extensionsDir, env = {}, logFile, extraArgs = [], startTimeoutMs = 60_000, quiet = true,
  smokeTestDriver = true,
  // false (tests' default): every workspace is trusted. true: VS Code's workspace trust is on, and a
  // folder no one trusted opens in Restricted Mode (the untrusted-workspace tests).
  workspaceTrust = false,
}) {
  port ??= await freePort();
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  logFile ??= path.join(userDataDir, 'server.log');
  const args = [
    serverMainPath,
    '--host', HOST, '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms',
    ...(smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
    '--telemetry-level', 'off', ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    ...extraArgs,
  ];
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', ...env },
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  if (!quiet) {
    child.stdout.on('data', (d) => process.stderr.write(d));
    child.stderr.on('data', (d) => process.stderr.write(d));
  }
  let exitInfo = null;
  child.on('exit', (code, signal) => { exitInfo = { code, signal }; });
  const url = `http://${HOST}:${port}/`;
  const stop = async () => {
    await stopProcessGroup(child);
    log.end();
  };
  try {
    await pollUntil(async () => {
      if (exitInfo) throw Object.assign(new Error('exited'), { fatal: true });
      return (await httpStatus(url)) === 200;
    }, { timeoutMs: startTimeoutMs, intervalMs: 150, what: `the VS Code server at ${url}` }).catch((err) => {
      if (exitInfo) {
        throw new Error(`the VS Code server exited early (${exitInfo.code ?? exitInfo.signal}); its log: ${logFile}`);
      }
      throw new Error(`${err.message}; server log: ${logFile}`);
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, child, logFile, stop, exited: () => exitInfo };
}

/** `vscode-remote://127.0.0.1:P/abs/path`: how the web workbench names a folder on the server. */
export function remoteUri(port, absPath) {
  return `vscode-remote://${HOST}:${port}${path.resolve(absPath).split(path.sep).map(encodeURIComponent).join('/')}`;
}

/**
 * The workbench URL for a folder, with an optional payload (extension development / tests).
 * `payload` is a list of [key, value] pairs, as the web workbench reads it.
 */
export function workbenchUrl(port, { folder, payload } = {}) {
  const params = new URLSearchParams();
  if (folder) params.set('folder', path.resolve(folder));
  if (payload && payload.length > 0) params.set('payload', JSON.stringify(payload));
  const q = params.toString();
  return `http://${HOST}:${port}/${q ? `?${q}` : ''}`;
}

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Headless Debian Chromium through playwright-core. `env` reaches the browser's processes. */
export async function launchChromium({ env = {}, locale } = {}) {
  const { chromium } = await import('playwright-core');
  const args = [...CHROMIUM_ARGS];
  if (locale) args.push(`--lang=${locale}`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args,
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}
