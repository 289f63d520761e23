// `npm test`: every suite, in order; the first failure makes the whole run fail.
import { spawnSync } from 'node:child_process';

const steps = [
  ['type check', 'npm', ['run', 'typecheck']],
  ['build', 'node', ['esbuild.mjs', '--tests']],
  ['unit tests', 'npm', ['run', 'test:unit']],
  ['sandbox conformance (posix + ws2_32 under Wine)', 'node', ['scripts/conformance.mjs']],
  ['integration tests in VS Code', 'node', ['scripts/test-integration.mjs', '--no-build']],
  // From here on dist/ is the production build inside the packed .vsix, which the browser checks run.
  ['package (.vsix)', 'node', ['scripts/package.mjs', '--quiet']],
  ['browser checks on the .vsix', 'node', ['scripts/test-browser.mjs', '--vsix', 'dist-vsix/winsock-lens.vsix']],
  ['npm start', 'node', ['scripts/test-start.mjs']],
];

let failed = 0;
for (const [label, cmd, args] of steps) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✘ ${label} failed (exit ${r.status ?? r.signal})`);
    failed++;
    break;
  }
}
process.exit(failed ? 1 : 0);
