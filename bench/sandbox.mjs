// `npm run bench:sandbox`: the round-trip time of a trivial sandbox call (WSAGetLastError) from
// the host side through the IPC channel, the worker and its backend and back, p50/p95 over 10,000
// calls; and, in the same run, a trivial native call made through koffi in this process.
// On posix the sandbox's WSAGetLastError is emulated (JavaScript in the worker, no native call), so
// the in-process comparison calls libc's getpid() through koffi; on Windows both sides call
// ws2_32's WSAGetLastError.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'out', 'bench');
mkdirSync(outDir, { recursive: true });
const N = Number(process.env.BENCH_CALLS ?? 10_000);
const WARMUP = 1000;

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['koffi'], logLevel: 'warning', minify: true };
await Promise.all([
  esbuild.build({ ...common, entryPoints: [path.join(root, 'sandbox/worker.ts')], outfile: path.join(outDir, 'sandbox-worker.js') }),
  esbuild.build({ ...common, entryPoints: [path.join(root, 'sandbox/client.ts')], outfile: path.join(outDir, 'sandbox-client.js') }),
]);
const require = createRequire(import.meta.url);
const { SandboxClient } = require(path.join(outDir, 'sandbox-client.js'));

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}
const ms = (x) => x.toFixed(x < 0.01 ? 5 : 3);

// ---- through the worker --------------------------------------------------------------------
const client = await SandboxClient.start({ workerPath: path.join(outDir, 'sandbox-worker.js'), limits: { allowRemoteHosts: false, callTimeoutMs: 5000, maxSockets: 64 } });
let journalEvents = 0;
client.onEvent((e) => { if (e.event === 'journal') journalEvents++; });
const call = { fn: 'WSAGetLastError' };
for (let i = 0; i < WARMUP; i++) await client.call(call);
const worker = new Array(N);
for (let i = 0; i < N; i++) {
  const t0 = performance.now();
  await client.call(call);
  worker[i] = performance.now() - t0;
}
const backend = client.backend;
await client.dispose();

// ---- in-process koffi ----------------------------------------------------------------------
const koffi = require('koffi');
let native;
let nativeName;
if (process.platform === 'win32') {
  native = koffi.load('ws2_32.dll').func('int __stdcall WSAGetLastError()');
  nativeName = 'ws2_32 WSAGetLastError()';
} else {
  native = koffi.load(process.platform === 'darwin' ? 'libc.dylib' : 'libc.so.6').func('int getpid()');
  nativeName = 'libc getpid()';
}
for (let i = 0; i < WARMUP * 10; i++) native();
const inproc = new Array(N);
for (let i = 0; i < N; i++) {
  const t0 = performance.now();
  native();
  inproc[i] = performance.now() - t0;
}

const w = stats(worker);
const k = stats(inproc);
console.log(`backend: ${backend}; ${N} calls after ${WARMUP} warm-up calls; ${journalEvents} journal events received`);
console.log(`through the worker (WSAGetLastError${backend === 'posix' ? ', emulated in the worker' : ''}): p50 ${ms(w.p50)} ms, p95 ${ms(w.p95)} ms, p99 ${ms(w.p99)} ms, mean ${ms(w.mean)} ms`);
console.log(`in-process koffi (${nativeName}): p50 ${ms(k.p50)} ms, p95 ${ms(k.p95)} ms (performance.now() resolution included)`);
console.log(`sandbox round-trip: p50 ${ms(w.p50)} ms p95 ${ms(w.p95)} ms (in-process koffi p50 ${ms(k.p50)} ms)`);
