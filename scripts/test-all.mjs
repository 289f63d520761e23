// `npm test`: every suite, in order; the first failure makes the whole run fail.
import { spawnSync } from 'node:child_process';

const steps = [
  ['type check', 'npm', ['run', 'typecheck']],
  ['build', 'node', ['esbuild.mjs', '--tests']],
  ['unit tests', 'npm', ['run', 'test:unit']],
  ['integration tests in VS Code', 'node', ['scripts/test-integration.mjs', '--no-build']],
  ['browser checks', 'node', ['scripts/test-browser.mjs', '--no-build']],
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
