// The win32-x64 package as a Windows user gets it: the .vsix is packed from the current dist/, then
// unzipped, and its sandbox worker (extension/dist/sandbox-worker.js with the packed koffi and its
// one prebuild, @koromix/koffi-win32-x64) runs in the Windows node.exe under Wine, forked by the
// extension's own host-side client, against the real ws2_32.dll and a loopback peer. Nothing of the
// project's node_modules is on that path: the driver bundle has koffi external, and the worker finds
// it only beside itself in the unpacked package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(__dirname, '../..');

interface Step { fn: string; returnValue?: string; wsaErrorName?: string; stateAfter?: string }
interface DriverResult { backend?: string; platform?: string; arch?: string; steps?: Step[]; error?: string }

test('the win32-x64 .vsix: its packed sandbox worker answers through the real ws2_32.dll under Wine', async () => {
  if (spawnSync('wine', ['--version'], { stdio: 'ignore' }).status !== 0) {
    assert.fail('wine is not installed: run `bash scripts/install-system-deps.sh` (Debian packages wine wine64)');
  }
  const { ensureWineNode, wineEnv } = (await import(pathToFileURL(path.join(root, 'scripts/wine-node.mjs')).href)) as {
    ensureWineNode(o?: { quiet?: boolean }): { nodeExe: string };
    wineEnv(): NodeJS.ProcessEnv;
  };
  const wine = ensureWineNode({ quiet: true });
  // A prefix of its own (Wine makes it on first use): `wineserver -k` below then ends only what
  // this test started, never another suite's programs in the shared prefix.
  const env = { ...wineEnv(), WINEPREFIX: path.join(root, '.cache', 'wine-prefix-vsix') };
  assert.ok(existsSync(path.join(root, 'dist/sandbox-worker.js')), 'dist/sandbox-worker.js is missing: run `node esbuild.mjs` first');

  // Inside the repository (paths relative to it): node.exe sees them through Wine's Z: drive.
  const work = path.join(root, 'out', 'vsix-win32-wine');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const pack = spawnSync(process.execPath, ['scripts/package.mjs', '--no-build', '--quiet', '--no-universal', '--targets', 'win32-x64', '--out', path.join(work, 'winsock-lens.vsix')], { cwd: root, encoding: 'utf8' });
    assert.equal(pack.status, 0, `packaging failed:\n${pack.stdout}\n${pack.stderr}`);
    const vsix = path.join(work, 'winsock-lens-win32-x64.vsix');
    const unpacked = path.join(work, 'unpacked');
    const unzip = spawnSync('unzip', ['-q', vsix, '-d', unpacked], { encoding: 'utf8' });
    assert.equal(unzip.status, 0, `unzip failed: ${unzip.stderr}`);
    const worker = path.join(unpacked, 'extension/dist/sandbox-worker.js');
    assert.ok(existsSync(worker), 'the package holds dist/sandbox-worker.js');

    // The driver is test code (the extension's host-side client, as the extension bundles it).
    const driver = path.join(work, 'driver.js');
    await esbuild.build({
      entryPoints: [path.join(root, 'test/packaging/packed-sandbox-driver.ts')], outfile: driver,
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['koffi'], logLevel: 'warning',
    });

    const resultFile = path.join(work, 'result.json');
    const logFile = path.join(work, 'wine-output.txt');
    const fd = openSync(logFile, 'w');
    const rel = (p: string) => path.relative(root, p);
    const started = Date.now();
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const child = spawn('wine', [wine.nodeExe, rel(driver), rel(worker), rel(resultFile)], { cwd: root, env, stdio: ['ignore', fd, fd] });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        spawnSync('wineserver', ['-k'], { env, stdio: 'ignore', timeout: 10_000 });
      }, 180_000);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal });
      });
    });
    closeSync(fd);
    const seconds = (Date.now() - started) / 1000;
    assert.ok(existsSync(resultFile), `no result from the driver (exit ${exit.code ?? exit.signal} after ${seconds.toFixed(1)} s):\n${readFileSync(logFile, 'utf8')}`);
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as DriverResult;
    assert.equal(result.error, undefined, `the driver failed: ${result.error}\n${readFileSync(logFile, 'utf8')}`);
    console.log(`under Wine in ${seconds.toFixed(1)} s: ${JSON.stringify(result)}`);

    assert.equal(result.platform, 'win32', 'the worker ran as a Windows process');
    assert.equal(result.backend, 'ws2_32', 'the worker used the ws2_32 backend (the real DLL through the packed koffi)');
    const steps = result.steps ?? [];
    const byFn = (fn: string) => steps.find((s) => s.fn === fn);
    assert.deepEqual(steps.map((s) => s.fn), ['WSAStartup', 'socket', 'connect', 'WSASendDisconnect', 'send']);
    assert.equal(byFn('WSAStartup')?.returnValue, '0');
    assert.notEqual(byFn('socket')?.returnValue, 'INVALID_SOCKET');
    assert.equal(byFn('connect')?.returnValue, '0', `connect to the loopback peer: ${JSON.stringify(byFn('connect'))}`);
    assert.equal(byFn('WSASendDisconnect')?.returnValue, '0');
    assert.equal(byFn('send')?.returnValue, 'SOCKET_ERROR');
    assert.equal(byFn('send')?.wsaErrorName, 'WSAESHUTDOWN');
  } finally {
    spawnSync('wineserver', ['-k'], { env, stdio: 'ignore', timeout: 10_000 });
    rmSync(work, { recursive: true, force: true });
  }
});
