// `npm run bench:lint-jobs`: the CLI's --jobs speed-up on a large generated tree (bench/lint-generate.mjs):
// 400 files of 1,500 lines (600,000 lines), linted by the real process (node dist/cli.js) with
// --jobs 1 and with --jobs N (N = the cores), three runs each, the best wall time of each compared.
// The peer ratio is --jobs N against --jobs 1 (the goal: at least 1.8x on 2 cores).
// Flags: --quick (60 files, best of 2), --jobs N (the parallel run's N). Build first: node esbuild.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateWinsockC } from './lint-generate.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const at = argv.indexOf('--jobs');
const jobs = at !== -1 ? Number(argv[at + 1]) : availableParallelism();
const FILES = quick ? 60 : 400;
const LINES = 1500;
const RUNS = quick ? 2 : 3;

if (!existsSync(CLI)) {
  console.error(`✘ ${CLI} is missing: run node esbuild.mjs first`);
  process.exit(1);
}

const tree = path.join(tmpdir(), `wl-bench-jobs-${process.pid}`);
mkdirSync(tree, { recursive: true });
try {
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(tree, `module${i % 20}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `file${i}.c`), generateWinsockC(LINES, i + 1));
  }
  const run = (n) => {
    const started = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--jobs', String(n), tree], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = performance.now() - started;
    if (r.status !== 0 && r.status !== 1) throw new Error(`lint --jobs ${n} exited ${r.status}: ${r.stderr}`);
    return { ms, findings: JSON.parse(r.stdout).length };
  };
  const best = (n) => {
    let b;
    for (let k = 0; k < RUNS; k++) {
      const r = run(n);
      if (!b || r.ms < b.ms) b = r;
    }
    return b;
  };
  const one = best(1);
  const many = best(jobs);
  if (one.findings !== many.findings) throw new Error(`--jobs ${jobs} found ${many.findings}, --jobs 1 found ${one.findings}`);
  const lines = FILES * LINES;
  console.log(`tree: ${FILES} files, ${lines.toLocaleString('en')} lines, ${one.findings} findings; ${availableParallelism()} core(s); best of ${RUNS}`);
  console.log(`--jobs 1: ${(one.ms / 1000).toFixed(2)} s (${Math.round(lines / (one.ms / 1000)).toLocaleString('en')} lines/s)`);
  console.log(`--jobs ${jobs}: ${(many.ms / 1000).toFixed(2)} s (${Math.round(lines / (many.ms / 1000)).toLocaleString('en')} lines/s)`);
  console.log(`speed-up --jobs ${jobs} vs --jobs 1: ${(one.ms / many.ms).toFixed(2)}x`);
} finally {
  rmSync(tree, { recursive: true, force: true });
}
