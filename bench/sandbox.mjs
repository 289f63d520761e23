// `npm run bench:sandbox`: the round-trip time of a trivial sandbox call (WSAGetLastError) from
// the host side through the IPC channel, the worker and its backend and back, p50/p95 over 10,000
// calls; and, in the same run, a trivial native call made through koffi in the measuring process.
// On posix the sandbox's WSAGetLastError is emulated (JavaScript in the worker, no native call), so
// the in-process comparison calls libc's getpid() through koffi; on Windows (and with --wine, in
// the Windows node.exe under Wine) both sides call ws2_32's real WSAGetLastError.
// Flags: --wine (also measure the ws2_32 backend under Wine). BENCH_CALLS overrides 10,000.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_CALLS ?? 10_000);
const withWine = process.argv.includes('--wine');
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['koffi'], logLevel: 'warning', minify: true };
const build = (dir) => Promise.all([
  esbuild.build({ ...common, entryPoints: [path.join(root, 'sandbox/worker.ts')], outfile: path.join(dir, 'sandbox-worker.js') }),
  esbuild.build({ ...common, entryPoints: [path.join(root, 'bench/sandbox-measure.ts')], outfile: path.join(dir, 'sandbox-measure.js') }),
]);
const ms = (x) => x.toFixed(x < 0.01 ? 5 : 3);

function report(label, r) {
  if (r.error) {
    console.error(`✘ ${label}: ${r.error}`);
    process.exitCode = 1;
    return;
  }
  const emulated = r.backend === 'posix' ? ', emulated in the worker' : '';
  console.log(`${label}: backend ${r.backend} on ${r.platform}; ${r.calls} calls after ${r.warmup} warm-up calls`);
  console.log(`  through the worker (WSAGetLastError${emulated}): p50 ${ms(r.worker.p50)} ms, p95 ${ms(r.worker.p95)} ms, p99 ${ms(r.worker.p99)} ms, mean ${ms(r.worker.mean)} ms`);
  console.log(`  in-process koffi (${r.inProcessCall}): p50 ${ms(r.inProcess.p50)} ms, p95 ${ms(r.inProcess.p95)} ms (performance.now() resolution included)`);
}

const outDir = path.join(root, 'out', 'bench');
mkdirSync(outDir, { recursive: true });
await build(outDir);
const nativeJson = path.join(outDir, 'sandbox-native.json');
rmSync(nativeJson, { force: true });
spawnSync(process.execPath, [path.join(outDir, 'sandbox-measure.js'), path.join(outDir, 'sandbox-worker.js'), String(N), nativeJson], { stdio: 'inherit' });
const native = JSON.parse(readFileSync(nativeJson, 'utf8'));
report('native', native);

if (withWine) {
  const { ensureWineNode, wineEnv } = await import('../scripts/wine-node.mjs');
  const wine = ensureWineNode();
  await build(wine.cacheDir);
  const wineJson = path.join(outDir, 'sandbox-wine.json');
  rmSync(wineJson, { force: true });
  spawnSync('wine', [wine.nodeExe, path.join(wine.cacheDir, 'sandbox-measure.js'), path.relative(root, path.join(wine.cacheDir, 'sandbox-worker.js')), String(N), path.relative(root, wineJson)],
    { cwd: root, env: wineEnv(), stdio: 'ignore', timeout: 600_000 });
  spawnSync('wineserver', ['-k'], { env: wineEnv(), stdio: 'ignore' });
  try {
    report(`under Wine (${wine.wineVersion})`, JSON.parse(readFileSync(wineJson, 'utf8')));
  } catch {
    console.error('✘ under Wine: no results');
    process.exitCode = 1;
  }
}

if (native.worker) console.log(`sandbox round-trip: p50 ${ms(native.worker.p50)} ms p95 ${ms(native.worker.p95)} ms (in-process koffi p50 ${ms(native.inProcess.p50)} ms)`);
