// The measurement behind `npm run bench:sandbox`, bundled and run as its own process (natively, and
// with --wine inside the Windows node.exe under Wine): WSAGetLastError through the worker, and a
// trivial native call through koffi in this process. Writes JSON to the file named by argv[4].
import { writeFileSync } from 'node:fs';
import koffi from 'koffi';
import { SandboxClient } from '../sandbox/client';

const [workerPath, nText, out] = process.argv.slice(2);
const N = Number(nText ?? 10000);
const WARMUP = 1000;

function stats(samples: number[]): { p50: number; p95: number; p99: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
  return { p50: at(50), p95: at(95), p99: at(99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

async function main(): Promise<void> {
  const client = await SandboxClient.start({ workerPath: workerPath!, stdio: 'ignore', limits: { allowRemoteHosts: false, callTimeoutMs: 5000, maxSockets: 64 } });
  const call = { fn: 'WSAGetLastError' } as const;
  for (let i = 0; i < WARMUP; i++) await client.call(call);
  const worker: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await client.call(call);
    worker.push(performance.now() - t0);
  }
  const backend = client.backend;
  await client.dispose();

  const win = process.platform === 'win32';
  const lib = koffi.load(win ? 'ws2_32.dll' : process.platform === 'darwin' ? 'libc.dylib' : 'libc.so.6');
  const native = win ? lib.func('int __stdcall WSAGetLastError()') : lib.func('int getpid()');
  for (let i = 0; i < WARMUP * 10; i++) native();
  const inproc: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    native();
    inproc.push(performance.now() - t0);
  }
  writeFileSync(out!, JSON.stringify({
    backend,
    platform: process.platform,
    calls: N,
    warmup: WARMUP,
    worker: stats(worker),
    inProcess: stats(inproc),
    inProcessCall: win ? 'ws2_32 WSAGetLastError()' : 'libc getpid()',
  }));
}

main().then(
  () => process.exit(0),
  (e) => {
    writeFileSync(out!, JSON.stringify({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
    process.exit(1);
  },
);
