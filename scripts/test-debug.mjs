// The debug adapter's tests: DebugClient driving the real adapter (dist/debugAdapter.js, built
// first unless --no-build), real MinGW-w64 gdb and the fixture programs under Wine. Arguments
// narrow the run to matching test files. Ends by checking that nothing the tests started is left.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const filters = args.filter((a) => !a.startsWith('--'));
const missing = ['x86_64-w64-mingw32-gdb', 'x86_64-w64-mingw32-gcc', 'wine'].filter((c) => spawnSync('which', [c]).status !== 0);
if (!existsSync('/usr/share/win64/gdbserver.exe')) missing.push('/usr/share/win64/gdbserver.exe');
if (missing.length > 0) {
  console.error(`test-debug: missing ${missing.join(', ')}: run \`bash scripts/install-system-deps.sh\` (gdb-mingw-w64, gdb-mingw-w64-target, wine, gcc-mingw-w64-x86-64)`);
  process.exit(1);
}
if (!noBuild) {
  const b = spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const files = readdirSync('test/debug').filter((f) => f.endsWith('.test.ts')).map((f) => path.join('test/debug', f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
// One file at a time: each drives its own Wine prefix slot and gdb; two cores are shared.
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
