// Runs the conformance scenarios inside a Windows node.exe under Wine, against the real ws2_32.dll,
// with an in-process session (the worker's engine without the IPC). Under Wine, console output to
// a pipe fails (EBADF), so the results go to the file named by the first argument.
import { appendFileSync, writeFileSync } from 'node:fs';
import type { JournalEntry, PeerBehaviour, SandboxCall } from '../../core/protocol/sandbox';
import { Ws2_32Backend } from '../../sandbox/backends/ws2_32';
import { modelPredictor } from '../../sandbox/predict';
import { SandboxSession } from '../../sandbox/session';
import { runScenarios, type ConformanceDriver } from './scenarios';

const out = process.argv[2];
if (!out) process.exit(2);

// Anything Node would print (warnings, a stray console.log) goes to a log file beside the results:
// under Wine even touching process.stdout when it is a pipe fails with EBADF and ends the process
// (the conformance script also gives Wine a file, not a pipe, for its output).
const logFile = `${out}.log`;
writeFileSync(logFile, '');
const toLog = (chunk: unknown): boolean => {
  try {
    appendFileSync(logFile, typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array));
  } catch {
    /* nowhere left to write */
  }
  return true;
};
for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) console[m] = (...a: unknown[]) => void toLog(a.map(String).join(' ') + '\n');
process.on('warning', (w) => void toLog(`warning: ${w.name}: ${w.message}\n`));

async function main(): Promise<void> {
  const journal: JournalEntry[] = [];
  const backend = new Ws2_32Backend();
  const session = new SandboxSession(backend, (e) => journal.push(e), modelPredictor());
  const driver: ConformanceDriver = {
    call: (c: SandboxCall) => session.call(c),
    startPeer: async (b: PeerBehaviour) => {
      await session.startPeer(b);
    },
    reset: () => session.reset(),
    journal: () => journal,
    localPort: async (s) => session.snapshot().sockets.find((x) => x.handle === s)?.localPort,
    kernelState: async (s) => session.snapshot().sockets.find((x) => x.handle === s)?.kernelState,
    backend: backend.name,
    kernelStateSource: backend.kernelStateSource,
  };
  const only = process.argv.slice(3);
  const results = await runScenarios(driver, only.length ? only : undefined);
  writeFileSync(out!, JSON.stringify({ backend: backend.name, platform: process.platform, kernelStateSource: backend.kernelStateSource, results, journal }, null, 1));
}

main().then(
  () => process.exit(0),
  (e) => {
    writeFileSync(out, JSON.stringify({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
    process.exit(1);
  },
);
