// `npm test`: every suite, in order; the first failure makes the whole run fail.
import { spawn, spawnSync } from 'node:child_process';

const steps = [
  ['type check', 'npm', ['run', 'typecheck']],
  ['build', 'node', ['esbuild.mjs', '--tests']],
  ['unit tests', 'npm', ['run', 'test:unit']],
  // A short, repeatable fuzz run (fixed seed); `npm run fuzz -- --count 100000` is the long one.
  ['lint fuzz (1,000 inputs, seed 1)', 'node', ['scripts/fuzz.mjs', '--count', '1000', '--seed', '1', '--max-ms', '4000']],
  // Checks results against Windows and the committed docs/conformance.md against this run (never writes it).
  ['sandbox conformance (posix + ws2_32 under Wine; docs/conformance.md as committed)', 'node', ['scripts/conformance.mjs']],
  ['debug adapter (DebugClient, real gdb under Wine)', 'node', ['scripts/test-debug.mjs', '--no-build']],
  ['integration tests in VS Code', 'node', ['scripts/test-integration.mjs', '--no-build']],
  // From here on dist/ is the production build inside the packed .vsix, which the browser checks run.
  ['package (.vsix)', 'node', ['scripts/package.mjs', '--quiet']],
  ['browser checks on the .vsix', 'node', ['scripts/test-browser.mjs', '--vsix', 'dist-vsix/winsock-lens.vsix', 'extension-page', 'hover', 'sandbox', 'web-extension', 'workbench']],
  ['debugger browser check on the .vsix', 'node', ['scripts/test-browser.mjs', '--vsix', 'dist-vsix/winsock-lens.vsix', 'debug']],
  ['npm start', 'node', ['scripts/test-start.mjs']],
];

// The real-code evaluation needs local copies of public projects (test/real-world/README.md): it runs
// only when they are present, and fails only when a finding triaged true is no longer reported.
// Without them it is skipped here with a message and counted in neither column.
const realWorld = spawnSync('node', ['test/real-world/run.mjs', '--trees-present'], { encoding: 'utf8' });
if (realWorld.status === 0) steps.push(['real-code evaluation (test/real-world: no lost true finding, precision at least 95%)', 'node', ['test/real-world/run.mjs', '--check', '--min-precision', '0.95']]);
else console.log(`real-code evaluation skipped, not counted: ${(realWorld.stdout || realWorld.stderr).trim()} (see test/real-world/README.md)`);

// Every suite runs even when an earlier one failed (a red build stops the rest: nothing to test),
// so one run shows everything that is broken. The closing line is the plain `N passed, N failed`.
const fatal = new Set(['type check', 'build']);
// Checks of an issue still open: they run and print their result in every run, but do not decide
// it. Move a step out of this set when its issue is resolved.
const advisory = new Map([]);
const results = [];
for (const [label, cmd, args] of steps) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = await runShowingOutput(cmd, args);
  const ok = r.status === 0;
  results.push({ label, ok, seconds: (Date.now() - started) / 1000, status: r.status ?? r.signal, failures: r.failures });
  if (!ok && advisory.has(label)) console.error(`\n✘ ${label} failed (exit ${r.status ?? r.signal}); advisory, not counted: ${advisory.get(label)}`);
  else if (!ok) console.error(`\n✘ ${label} failed (exit ${r.status ?? r.signal})`);
  if (!ok && fatal.has(label)) break;
}
console.log('\n=== summary');
for (const r of results) {
  console.log(`${r.ok ? '✔' : '✘'} ${r.label} (${r.seconds.toFixed(1)} s)${r.ok ? '' : ` exit ${r.status}`}${!r.ok && advisory.has(r.label) ? ' (advisory, not counted)' : ''}`);
  // A failed step repeats its first failure lines here, so that the end of the log says what broke.
  if (!r.ok) for (const line of r.failures) console.log(`    ${line}`);
}
const failed = results.filter((r) => !r.ok && !advisory.has(r.label)).length;
const notRun = steps.length - results.length;
if (notRun > 0) console.log(`(${notRun} suite(s) not run after a fatal failure)`);
console.log(`suites: ${results.length - failed} passed, ${failed + notRun} failed`);
process.exit(failed + notRun ? 1 : 0);

/**
 * Runs one step with its output passed through as it comes, and keeps the first lines that mark a
 * failure (✘, ✖, "not ok", "Error", "AssertionError") with the line after each, for the summary.
 */
function runShowingOutput(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['inherit', 'pipe', 'pipe'] });
    const failures = [];
    // One line buffer per stream: chunks of stdout and stderr interleave.
    const scanner = () => {
      let pending = '';
      let takeNext = false;
      return (chunk) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const raw of lines) {
          const line = raw.replace(/\x1b\[[0-9;]*m/g, '').trimEnd();
          if (failures.length >= 12) return;
          if (takeNext && line.trim()) {
            failures.push(`  ${line.trim().slice(0, 300)}`);
            takeNext = false;
          } else if (/^\s*(✘|✖|not ok\b)|AssertionError|^\s*Error:/.test(line)) {
            failures.push(line.trim().slice(0, 300));
            takeNext = true;
          }
        }
      };
    };
    const scanOut = scanner();
    const scanErr = scanner();
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d) => { process.stdout.write(d); scanOut(d); });
    child.stderr.on('data', (d) => { process.stderr.write(d); scanErr(d); });
    child.on('error', (err) => resolve({ status: 1, signal: null, failures: [`could not start ${cmd}: ${err.message}`] }));
    child.on('close', (status, signal) => { scanOut('\n'); scanErr('\n'); resolve({ status, signal, failures }); });
  });
}
