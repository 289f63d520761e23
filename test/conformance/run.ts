// Runs the conformance scenarios through a real worker process and the host-side client, on
// whatever backend this platform gives: posix natively, ws2_32 when this is the Windows node.exe
// under Wine. Writes the results (with the scenario list and Wine's known differences) to a file.
// Under Wine, Node dies (EBADF) when it touches a stdout that is a pipe: everything it would print
// goes to `<results>.log` instead.
import { appendFileSync, writeFileSync } from 'node:fs';
import type { ClientEvent, JournalEntry } from '../../core/protocol/sandbox';
import { SandboxClient } from '../../sandbox/client';
import { SCENARIOS, runScenarios, type ConformanceDriver } from './scenarios';
import { WINE_DIFFERENCES, WINE_DIFFERENCES_NOT_OBSERVABLE } from './wine-differences';

const [workerPath, out] = process.argv.slice(2);
if (!workerPath || !out) process.exit(2);

if (process.platform === 'win32') {
  const logFile = `${out}.log`;
  writeFileSync(logFile, '');
  const toLog = (text: string) => {
    try {
      appendFileSync(logFile, text);
    } catch {
      /* nowhere left to write */
    }
  };
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) console[m] = (...a: unknown[]) => toLog(a.map(String).join(' ') + '\n');
  process.on('warning', (w) => toLog(`warning: ${w.name}: ${w.message}\n`));
}

async function main(): Promise<void> {
  const client = await SandboxClient.start({
    workerPath: workerPath!,
    limits: { allowRemoteHosts: false, callTimeoutMs: 5000, maxSockets: 64 },
    env: { WINSOCK_LENS_SANDBOX_TEST_HOOKS: '1' },
    stdio: process.platform === 'win32' ? 'ignore' : 'inherit',
  });
  const journal: JournalEntry[] = [];
  const events: ClientEvent[] = [];
  client.onEvent((e) => {
    events.push(e);
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
      crashWorker: async () => {
        const before = events.length;
        const pid = client.pid;
        await client.raw('crashForTest', {});
        const end = Date.now() + 30000;
        while (Date.now() < end && !events.slice(before).some((e) => e.event === 'restarted')) await new Promise((r) => setTimeout(r, 20));
        const crashed = events.slice(before).find((e) => e.event === 'crashed');
        const restarted = events.slice(before).some((e) => e.event === 'restarted');
        if (!crashed || crashed.event !== 'crashed') return 'no crash reported';
        const how = crashed.signal ?? `exit code 0x${(crashed.code ?? 0).toString(16)}`;
        return restarted && client.pid !== pid ? `reported (${how}), new worker` : `reported (${how}), no new worker`;
      },
      backend: client.backend ?? 'posix',
      kernelStateSource: client.kernelStateSource ?? 'unavailable',
    };
    const only = process.env['CONFORMANCE_ONLY']?.split(',').filter(Boolean);
    const results = await runScenarios(driver, only?.length ? only : undefined, (line) => console.log(line));
    writeFileSync(out!, JSON.stringify({
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

main().then(
  () => process.exit(0),
  (e) => {
    writeFileSync(out!, JSON.stringify({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
    process.exit(1);
  },
);
