// `npm run test:integration`: the tests in test/integration/ inside a real VS Code (the offline VS
// Code server + headless Chromium, see scripts/vscode-launcher.mjs), through @vscode/test-electron's
// runTests(), the same API that would start a downloaded VS Code.
//   --no-build   reuse out/test/integration.js and dist/ as they are
//   --verbose    show the browser's console errors
//   arguments    narrow the run to test files whose names contain them (WINSOCK_LENS_TEST_FILES)
// A second run with the display language set to Russian covers the *.ru.test.ts files, if any, and a
// third, with workspace trust on and the folder untrusted, the *.untrusted.test.ts files.
// After each run it checks that no process of the run is left.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { cacheRoot, repoRoot, ensureVSCodeServer } from './vscode-runtime.mjs';
import { processesWithEnv, RUN_MARKER_VAR, pollUntil } from './vscode-server.mjs';

const argv = process.argv.slice(2);
const noBuild = argv.includes('--no-build');
const verbose = argv.includes('--verbose');
const filters = argv.filter((a) => !a.startsWith('--'));

const launcher = path.join(repoRoot, 'scripts/vscode-launcher.mjs');
const workspace = path.join(repoRoot, 'test/fixtures/workspace');
const testsBundle = path.join(repoRoot, 'out/test/integration.js');

if (!noBuild) {
  const b = spawnSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: repoRoot, stdio: 'inherit' });
  if (b.status !== 0) {
    console.error('✘ build failed (node esbuild.mjs --tests); the integration tests did not run');
    process.exit(1);
  }
}

const install = await ensureVSCodeServer().catch((err) => {
  console.error(`✘ ${err.message}`);
  process.exit(1);
});
if (install.installedNow) console.log(`VS Code server installed in ${install.seconds.toFixed(1)} s`);

const testFiles = readdirSync(path.join(repoRoot, 'test/integration')).filter((f) => f.endsWith('.test.ts'));
const isUntrustedFile = (f) => f.endsWith('.untrusted.test.ts');
const runs = [{ label: 'English', locale: undefined, files: testFiles.filter((f) => !f.endsWith('.ru.test.ts') && !isUntrustedFile(f)) }];
const ruFiles = testFiles.filter((f) => f.endsWith('.ru.test.ts'));
if (ruFiles.length > 0) runs.push({ label: 'Russian', locale: 'ru', files: ruFiles });
// A workbench with workspace trust on and the test folder untrusted (Restricted Mode).
const untrustedFiles = testFiles.filter(isUntrustedFile);
if (untrustedFiles.length > 0) runs.push({ label: 'untrusted workspace', locale: undefined, untrusted: true, files: untrustedFiles });

let failed = 0;
for (const run of runs) {
  const selected = run.files.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
  if (selected.length === 0) continue;
  const marker = randomUUID();
  console.log(`\n--- integration tests, ${run.label} workbench: ${selected.join(', ')}`);
  const started = Date.now();
  // A fresh profile per run (runTests would otherwise share .vscode-test/user-data between runs).
  const profile = mkdtempSync(path.join(cacheRoot, 'profile-'));
  try {
    await runTests({
      vscodeExecutablePath: launcher,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsBundle,
      launchArgs: [
        workspace,
        `--user-data-dir=${path.join(profile, 'user-data')}`,
        `--extensions-dir=${path.join(profile, 'extensions')}`,
        ...(run.locale ? [`--locale=${run.locale}`] : []),
      ],
      extensionTestsEnv: {
        [RUN_MARKER_VAR]: marker,
        ...(run.untrusted ? { WINSOCK_LENS_WORKSPACE_TRUST: 'untrusted' } : {}),
        ...(filters.length > 0 ? { WINSOCK_LENS_TEST_FILES: filters.join(',') } : {}),
        ...(verbose ? { WINSOCK_LENS_VERBOSE: '1' } : {}),
      },
    });
    console.log(`--- ${run.label} run passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    rmSync(profile, { recursive: true, force: true });
  } catch (err) {
    console.error(`✘ ${run.label} integration run failed: ${err instanceof Error ? err.message : String(err)} (profile kept: ${profile})`);
    failed++;
  }
  // Nothing of the run may outlive it: server, extension host, browser.
  try {
    await pollUntil(() => processesWithEnv(RUN_MARKER_VAR, marker).length === 0, { timeoutMs: 5000, what: 'the run\'s processes to exit' });
  } catch {
    const left = processesWithEnv(RUN_MARKER_VAR, marker);
    console.error(`✘ ${left.length} process(es) of the ${run.label} run were left running:\n${left.map((p) => `  ${p.pid} ${p.cmd.slice(0, 160)}`).join('\n')}`);
    for (const p of left) { try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ } }
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
