// Browser checks: the real VS Code workbench (offline VS Code server) in headless Chromium, driven
// by Playwright like a person would, with screenshots for the README.
//   node scripts/test-browser.mjs [--vsix path.vsix] [--no-build] [--headed-log] [name filters…]
// Every test/browser/*.test.mjs exports `default async function ({ workbench, page, url })` (and
// optionally `name`); `workbench` is a test/browser/helpers.mjs Workbench on a fresh page.
// The extension is the development build (dist/, loaded as extensionDevelopmentPath) unless
// --vsix is given, which installs the packaged extension into the server instead.
// Screenshots go to docs/images/; a failing check also leaves test-results/browser/<check>.png.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheRoot, ensureVSCodeServer, repoRoot, serverMainPath } from './vscode-runtime.mjs';
import {
  launchChromium, pollUntil, processesWithEnv, remoteUri, RUN_MARKER_VAR, startVSCodeServer, workbenchUrl, writeProfileSettings,
} from './vscode-server.mjs';

const argv = process.argv.slice(2);
const noBuild = argv.includes('--no-build');
const vsixIndex = argv.indexOf('--vsix');
const vsix = vsixIndex >= 0 ? path.resolve(argv[vsixIndex + 1] ?? '') : undefined;
const filters = argv.filter((a, i) => !a.startsWith("--") && (vsixIndex < 0 || i !== vsixIndex + 1));
const CHECK_TIMEOUT_MS = Number(process.env.WINSOCK_LENS_BROWSER_CHECK_TIMEOUT_MS ?? 180_000);

const checksDir = path.join(repoRoot, 'test/browser');
const checks = readdirSync(checksDir)
  .filter((f) => /\.test\.m?[jt]s$/.test(f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (checks.length === 0) {
  console.error(`✘ no browser checks in ${checksDir} match ${filters.join(' ') || '*'}`);
  process.exit(1);
}

if (!noBuild && !vsix) {
  const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (b.status !== 0) {
    console.error('✘ build failed (node esbuild.mjs); the browser checks did not run');
    process.exit(1);
  }
}
if (vsix && !existsSync(vsix)) {
  console.error(`✘ --vsix ${vsix}: no such file (make one with npm run package)`);
  process.exit(1);
}

try {
  const r = await ensureVSCodeServer();
  if (r.installedNow) console.log(`VS Code server installed in ${r.seconds.toFixed(1)} s`);
} catch (err) {
  console.error(`✘ ${err.message}`);
  process.exit(1);
}

mkdirSync(cacheRoot, { recursive: true });
const profile = mkdtempSync(path.join(cacheRoot, 'browser-'));
const userDataDir = path.join(profile, 'user-data');
const extensionsDir = path.join(profile, 'extensions');
writeProfileSettings(userDataDir);
const marker = randomUUID();
const env = { [RUN_MARKER_VAR]: marker };

if (vsix) {
  const r = spawnSync(process.execPath, [serverMainPath, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--accept-server-license-terms'], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`✘ installing ${vsix} into the VS Code server failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    process.exit(1);
  }
}

let server;
let browser;
const results = [];
let exitCode = 0;
try {
  server = await startVSCodeServer({ userDataDir, extensionsDir, env, logFile: path.join(profile, 'server.log') });
  const payload = vsix ? [] : [['extensionDevelopmentPath', remoteUri(server.port, repoRoot)]];
  payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);
  const urlFor = (folder) => workbenchUrl(server.port, { folder, payload });
  console.log(`VS Code server at ${server.url}; extension: ${vsix ? path.relative(repoRoot, vsix) : 'development build'}`);
  browser = await launchChromium({ env });
  const { Workbench } = await import(pathToFileURL(path.join(checksDir, 'helpers.mjs')).href);

  for (const file of checks) {
    const mod = await import(pathToFileURL(path.join(checksDir, file)).href);
    const name = mod.name ?? file;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const workbench = new Workbench(page, {
      port: server.port, repoRoot, defaultFolder: 'test/fixtures/workspace',
      imagesDir: path.join(repoRoot, 'docs/images'), workbenchUrl: urlFor,
    });
    const started = Date.now();
    let timer;
    try {
      if (typeof mod.default !== 'function') throw new Error(`${file} has no default export function`);
      await Promise.race([
        mod.default({ workbench, page, url: urlFor(path.join(repoRoot, 'test/fixtures/workspace')), server, vsix }),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS); }),
      ]);
      console.log(`  ✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      results.push({ name, ok: true });
    } catch (err) {
      const shot = path.join(repoRoot, 'test-results/browser', `${path.basename(file).replace(/\.test\.m?[jt]s$/, '')}.png`);
      mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).catch(() => {});
      console.error(`  ✘ ${name}: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n    screenshot: ${path.relative(repoRoot, shot)}`);
      if (errors.length) console.error(`    page errors: ${errors.slice(0, 3).join(' | ')}`);
      results.push({ name, ok: false });
    } finally {
      clearTimeout(timer);
      await context.close().catch(() => {});
    }
  }
} catch (err) {
  console.error(`✘ browser checks could not run: ${err instanceof Error ? err.message : String(err)}`);
  exitCode = 1;
} finally {
  if (browser) await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  if (server) await server.stop();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`browser: ${passed} passed, ${failed} failed`);
try {
  await pollUntil(() => processesWithEnv(RUN_MARKER_VAR, marker).length === 0, { timeoutMs: 5000, what: 'the browser checks\' processes to exit' });
} catch {
  const left = processesWithEnv(RUN_MARKER_VAR, marker);
  console.error(`✘ ${left.length} process(es) were left running:\n${left.map((p) => `  ${p.pid} ${p.cmd.slice(0, 160)}`).join('\n')}`);
  for (const p of left) { try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ } }
  exitCode = 1;
}
if (failed > 0 || exitCode !== 0) {
  console.error(`(server log and profile kept in ${profile})`);
  process.exit(1);
}
rmSync(profile, { recursive: true, force: true });
