// `npm run bench:debug`: the debugger through the real adapter (dist/debugAdapter.js, driven by
// DebugClient as a DAP client would), real gdb and bench/debug-loop.c under Wine, in one run:
// - start: launch request to the first stop at a breakpoint in main, cold (a new storage folder:
//   a new Wine prefix and a fresh build) and warm (prefix and build there; median of 3);
// - step: `next` request to its stopped event, p50/p95 over BENCH_STEPS (default 200) steps;
// - traced call: BENCH_CALLS (default 300) sendto calls run with traceWinsock on and off, between
//   two breakpoints; the difference per call is the call recorder's cost, against the untraced
//   call under the same debugger (the peer figure); then the same calls in a user-built .exe,
//   which gdb's breakpoint tracer follows (the other route, one more line).
// Ends with: `debug: start warm A s cold B s, step p50 C ms p95 D ms, traced call E ms`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { compileProgram } from '../debug-adapter/program/compile';

const root = path.resolve(__dirname, '..');
const program = path.join(root, 'bench', 'debug-loop.c');
const STEPS = Number(process.env.BENCH_STEPS ?? 200);
const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const warmStorage = path.join(root, '.cache', 'debug-bench');

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

async function session(storageDir: string, args: string[], lines: number[], traceWinsock = true, target = program) {
  const dc = new DebugClient('node', path.join(root, 'dist', 'debugAdapter.js'), 'winsock-lens', { env: { ...process.env, LANG: 'C' } });
  dc.defaultTimeout = 120_000;
  await dc.start();
  const t0 = performance.now();
  const init = dc.waitForEvent('initialized', 300_000);
  const launched = dc.launch({ program: target, args, storageDir, traceWinsock, language: 'en' } as DebugProtocol.LaunchRequestArguments);
  await init;
  await dc.setBreakpointsRequest({ source: { path: program }, breakpoints: lines.map((line) => ({ line })) });
  await dc.configurationDoneRequest();
  await launched;
  const first = (await dc.waitForEvent('stopped', 300_000)) as DebugProtocol.StoppedEvent;
  const startMs = performance.now() - t0;
  return { dc, startMs, threadId: first.body.threadId ?? 1 };
}

async function end(dc: DebugClient) {
  await dc.terminateRequest().catch(() => {});
  await dc.stop().catch(() => {});
}

async function main() {
  const b = spawnSync('node', ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
  mkdirSync(path.join(root, '.cache'), { recursive: true });

  // Cold: nothing in the storage folder.
  const coldDir = mkdtempSync(path.join(root, '.cache', 'debug-bench-cold-'));
  let cold: number;
  try {
    const s = await session(coldDir, ['0', '0'], [17]);
    cold = s.startMs;
    await end(s.dc);
  } finally {
    rmSync(coldDir, { recursive: true, force: true });
  }
  console.log(`start cold: ${(cold / 1000).toFixed(2)} s (new Wine prefix and build)`);

  // Warm: one priming session, then three measured.
  await end((await session(warmStorage, ['0', '0'], [17])).dc);
  const warms: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await session(warmStorage, ['0', '0'], [17]);
    warms.push(s.startMs);
    await end(s.dc);
  }
  const warm = percentile(warms, 50);
  console.log(`start warm: ${(warm / 1000).toFixed(2)} s (median of ${warms.map((w) => (w / 1000).toFixed(2)).join(', ')})`);

  // Steps inside the loop on line 18/19.
  const st = await session(warmStorage, ['0', String(STEPS * 2 + 10)], [18]);
  const steps: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    const t = performance.now();
    const stopped = st.dc.waitForEvent('stopped', 30_000);
    await st.dc.nextRequest({ threadId: st.threadId });
    await stopped;
    steps.push(performance.now() - t);
  }
  await end(st.dc);
  const p50 = percentile(steps, 50);
  const p95 = percentile(steps, 95);
  console.log(`step: p50 ${p50.toFixed(1)} ms p95 ${p95.toFixed(1)} ms over ${STEPS} steps`);

  // Traced against untraced: from the stop on line 20 (socket) to the stop on line 27 (closesocket).
  const run = async (traced: boolean, target = program) => {
    const s = await session(warmStorage, [String(CALLS), '0'], [20, 27], traced, target);
    let journal = 0;
    s.dc.on('output', (e: DebugProtocol.OutputEvent) => {
      if (e.body.output.startsWith('[winsock] sendto(')) journal++;
    });
    const t = performance.now();
    const stopped = s.dc.waitForEvent('stopped', 300_000);
    await s.dc.continueRequest({ threadId: s.threadId });
    await stopped;
    const ms = performance.now() - t;
    await new Promise((r) => setTimeout(r, 200));
    await end(s.dc);
    if (traced && journal !== CALLS) throw new Error(`the traced run journaled ${journal} sendto calls, not ${CALLS}`);
    return ms;
  };
  const untraced = await run(false);
  const traced = await run(true);
  const perCall = Math.max(0, traced - untraced) / CALLS;
  console.log(`${CALLS} sendto calls: traced ${traced.toFixed(0)} ms, untraced ${untraced.toFixed(0)} ms under the same debugger (${(untraced / CALLS).toFixed(3)} ms a call); recorder cost ${perCall.toFixed(3)} ms a call, ${(traced / Math.max(untraced, 1)).toFixed(2)}x the untraced run`);
  // The other route: the same program built by the user (an .exe, no recorder), followed by gdb's breakpoint tracer.
  const exe = await compileProgram({ source: program, outDir: path.join(warmStorage, 'user-built') });
  const byBreakpoints = await run(true, exe);
  console.log(`the same calls in a user-built .exe (gdb's breakpoint tracer): ${byBreakpoints.toFixed(0)} ms, ${(Math.max(0, byBreakpoints - untraced) / CALLS).toFixed(2)} ms a call`);
  console.log(`debug: start warm ${(warm / 1000).toFixed(2)} s cold ${(cold / 1000).toFixed(2)} s, step p50 ${p50.toFixed(1)} ms p95 ${p95.toFixed(1)} ms, traced call ${perCall.toFixed(2)} ms`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
