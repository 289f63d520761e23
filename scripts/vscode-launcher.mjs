#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() starts:
//   vscode-launcher.mjs [folder] --extensionDevelopmentPath=D --extensionTestsPath=T
//                       [--user-data-dir=U] [--extensions-dir=E] [--locale=ru] …
// It starts the offline VS Code server (scripts/vscode-runtime.mjs) on a free 127.0.0.1 port,
// opens the workbench in headless Chromium with the extension under development and the test
// module, and exits with the code the workbench reports through window.codeAutomationExit.
// The server's environment (and so the extension host's) is this process's environment:
// runTests' `extensionTestsEnv` arrives here and flows on.
// Deadline: WINSOCK_LENS_TEST_TIMEOUT_MS (default 900000, 15 min: a busy 2-core machine
// needed over 4 min for the English run). Server and browser are stopped on every
// exit path.
import { closeSync, existsSync, mkdtempSync, mkdirSync, openSync, readSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureVSCodeServer, cacheRoot } from './vscode-runtime.mjs';
import {
  launchChromium, processesWithEnv, remoteUri, RUN_MARKER_VAR, startVSCodeServer, UNTRUSTED_SETTINGS, workbenchUrl, writeProfileSettings,
} from './vscode-server.mjs';

const VALUE_FLAGS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'locale', 'folder-uri']);

/** Parses VS Code's command line: `--flag=value`, `--flag value` (for flags that take one), bare paths. */
export function parseArgs(argv) {
  const out = { extensionDevelopmentPath: [], positional: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { out.positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    let value = eq >= 0 ? a.slice(eq + 1) : undefined;
    if (value === undefined && VALUE_FLAGS.has(name)) {
      value = argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
    }
    if (name === 'extensionDevelopmentPath') out.extensionDevelopmentPath.push(value);
    else out.flags[name] = value ?? true;
  }
  return out;
}

/** Copies what is appended to `file` to stdout, every 100 ms, until stop() (which copies the rest). */
function tailFile(file) {
  let offset = 0;
  const buf = Buffer.alloc(64 * 1024);
  const pump = () => {
    if (!existsSync(file)) return;
    const fd = openSync(file, 'r');
    try {
      for (let n; (n = readSync(fd, buf, 0, buf.length, offset)) > 0; offset += n) process.stdout.write(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
  };
  const timer = setInterval(pump, 100);
  return { stop: () => { clearInterval(timer); pump(); } };
}

function log(msg) {
  process.stderr.write(`[vscode-launcher] ${msg}\n`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const testsPath = args.flags.extensionTestsPath;
  if (args.extensionDevelopmentPath.length === 0 || typeof testsPath !== 'string') {
    throw new Error('usage: vscode-launcher.mjs [folder] --extensionDevelopmentPath=DIR --extensionTestsPath=FILE '
      + '(this script stands in for the VS Code executable in runTests())');
  }
  const folder = args.positional[0];
  const timeoutMs = Number(process.env.WINSOCK_LENS_TEST_TIMEOUT_MS ?? 900_000);
  const locale = typeof args.flags.locale === 'string' ? args.flags.locale : undefined;

  await ensureVSCodeServer({ log });

  // Profile folders: the ones given, or fresh ones removed afterwards.
  mkdirSync(cacheRoot, { recursive: true });
  const scratch = mkdtempSync(path.join(cacheRoot, 'run-'));
  const userDataDir = typeof args.flags['user-data-dir'] === 'string' ? path.resolve(args.flags['user-data-dir']) : path.join(scratch, 'user-data');
  const extensionsDir = typeof args.flags['extensions-dir'] === 'string' ? path.resolve(args.flags['extensions-dir']) : path.join(scratch, 'extensions');
  // WINSOCK_LENS_WORKSPACE_TRUST=untrusted (test-integration.mjs' untrusted run): workspace trust on,
  // the folder untrusted. Otherwise trust is off, which makes every folder trusted.
  const untrusted = process.env.WINSOCK_LENS_WORKSPACE_TRUST === 'untrusted';
  writeProfileSettings(userDataDir, untrusted ? UNTRUSTED_SETTINGS : {});

  const marker = process.env[RUN_MARKER_VAR] ?? path.basename(scratch);
  // The test module writes its report here (test/integration/index.ts); we copy it to stdout.
  const testLog = path.join(scratch, 'tests.out');
  // A fresh id for this launcher's own processes (the final sweep below), beside the caller's marker.
  const ownId = `${path.basename(scratch)}-${process.pid}`;
  const env = { [RUN_MARKER_VAR]: marker, WINSOCK_LENS_LAUNCHER_RUN: ownId, WINSOCK_LENS_TEST_LOG: testLog };
  const tail = tailFile(testLog);
  let server;
  let browser;
  // One cleanup for every exit path (normal end, error, signal); later callers wait for the same one.
  let cleaning;
  const cleanup = ({ keepLogs = false } = {}) => {
    cleaning ??= (async () => {
      tail.stop();
      const b = browser;
      const s = server;
      await Promise.all([
        b && Promise.race([b.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]),
        s && s.stop(),
      ]);
      // Whatever still carries this run's marker (a browser that did not close, an orphaned
      // extension host) is killed.
      const leftovers = processesWithEnv('WINSOCK_LENS_LAUNCHER_RUN', ownId);
      if (leftovers.length > 0) log(`killing ${leftovers.length} process(es) that outlived the stop: ${leftovers.map((p) => p.cmd.slice(0, 60)).join(' | ')}`);
      for (const p of leftovers) {
        try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ }
      }
      if (!keepLogs) rmSync(scratch, { recursive: true, force: true });
    })();
    return cleaning;
  };
  let interrupted = false;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      if (interrupted) return;
      interrupted = true;
      log(`${sig}: stopping the VS Code server and the browser`);
      void cleanup({ keepLogs: true }).finally(() => process.exit(130));
    });
  }

  try {
    const started = Date.now();
    server = await startVSCodeServer({
      userDataDir, extensionsDir, env, logFile: path.join(scratch, 'server.log'),
      extraArgs: locale ? ['--locale', locale] : [], workspaceTrust: untrusted,
    });
    const { port } = server;
    const payload = [
      ...args.extensionDevelopmentPath.map((p) => ['extensionDevelopmentPath', remoteUri(port, p)]),
      ['extensionTestsPath', remoteUri(port, testsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = workbenchUrl(port, { folder, payload });
    browser = await launchChromium({ env, locale });
    const context = await browser.newContext({ locale });
    if (locale) {
      // The server passes a locale to the workbench only through an installed language pack, and
      // packs come from the Marketplace, which is out of reach here. Without one the workbench
      // runs in English; setting the language global before its scripts run makes VS Code report
      // `locale` as its display language (vscode.env.language, the extensions' l10n bundles),
      // while its own UI text stays English. A real pack, when installed, sets it after us and wins.
      await context.addInitScript((lang) => {
        const g = /** @type {any} */ (globalThis);
        if (!g._VSCODE_NLS_LANGUAGE) g._VSCODE_NLS_LANGUAGE = lang;
      }, locale);
    }
    const page = await context.newPage();
    let resolveExit;
    const exitCode = new Promise((r) => { resolveExit = r; });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    // The extension host's console (mocha's reporter) is mirrored into the page's console.
    page.on('console', (m) => {
      const text = m.text();
      if (process.env.WINSOCK_LENS_VERBOSE) log(`browser console [${m.type()}]: ${text}`);
    });
    page.on('pageerror', (e) => { if (process.env.WINSOCK_LENS_VERBOSE) log(`page error: ${e.message}`); });
    log(`VS Code server at ${server.url} (log ${server.logFile}); opening the workbench`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    let timer;
    const code = await Promise.race([
      exitCode,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(
          `the tests did not finish within ${timeoutMs / 1000} s (set WINSOCK_LENS_TEST_TIMEOUT_MS to change it); `
          + `the extension host may have failed to start: see the server log ${server?.logFile}`)), timeoutMs);
      }),
      new Promise((_, reject) => {
        const iv = setInterval(() => {
          const e = server?.exited();
          if (e) { clearInterval(iv); reject(new Error(`the VS Code server exited during the tests (${e.code ?? e.signal})`)); }
        }, 500);
        iv.unref();
      }),
    ]).finally(() => clearTimeout(timer));
    log(`tests finished with exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (code !== 0) log(`server log kept: ${server.logFile}`);
    await cleanup({ keepLogs: code !== 0 });
    return code;
  } catch (err) {
    const logPath = server?.logFile;
    await cleanup({ keepLogs: true });
    if (interrupted) process.exit(130);
    throw new Error(`${err instanceof Error ? err.message : String(err)}${logPath ? `\n  server log kept: ${logPath}` : ''}`);
  }
}

main().then((code) => process.exit(code), (err) => {
  log(`✘ ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
