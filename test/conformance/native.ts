// Runs the conformance scenarios on this machine's backend through a real worker process
// (posix on Linux), and writes the results with the scenario list and Wine's known differences.
import { writeFileSync } from 'node:fs';
import type { JournalEntry } from '../../core/protocol/sandbox';
import { SandboxClient } from '../../sandbox/client';
import { SCENARIOS, runScenarios, type ConformanceDriver } from './scenarios';
import { WINE_DIFFERENCES, WINE_DIFFERENCES_NOT_OBSERVABLE } from './wine-differences';

async function main(): Promise<void> {
  const [workerPath, out] = process.argv.slice(2);
  if (!workerPath || !out) throw new Error('usage: native.js <sandbox-worker.js> <results.json>');
  const client = await SandboxClient.start({ workerPath, limits: { allowRemoteHosts: false, callTimeoutMs: 5000, maxSockets: 64 } });
  const journal: JournalEntry[] = [];
  client.onEvent((e) => {
    if (e.event === 'journal') journal.push(e.entry);
  });
  try {
    const driver: ConformanceDriver = {
      call: (c) => client.call(c),
      startPeer: async (b) => {
        await client.startPeer(b);
      },
      reset: async () => {
        await client.reset();
      },
      journal: () => journal,
      localPort: async (s) => (await client.snapshot()).sockets.find((x) => x.handle === s)?.localPort,
      kernelState: async (s) => (await client.snapshot()).sockets.find((x) => x.handle === s)?.kernelState,
      backend: client.backend ?? 'posix',
      kernelStateSource: client.kernelStateSource ?? 'unavailable',
    };
    const results = await runScenarios(driver);
    writeFileSync(out, JSON.stringify({
      backend: client.backend,
      platform: client.platform,
      kernelStateSource: client.kernelStateSource,
      scenarios: SCENARIOS.map(({ id, title, windows }) => ({ id, title, windows })),
      wineDifferences: WINE_DIFFERENCES,
      wineNotObservable: WINE_DIFFERENCES_NOT_OBSERVABLE,
      results,
      journal,
    }, null, 1));
  } finally {
    await client.dispose();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
