// `npm run bench:lint`: how fast the lint core is, measured in one run so the ratios compare like
// with like. (a) throughput of lintText on a generated 100,000-line Winsock file and on sqlite3.c
// (from the better-sqlite3 npm package, fetched into .cache/ on first use) against a raw
// tree-sitter parse of the same text; (b) p50/p95 from a one-character edit in a 5,000-line file to
// updated findings (incremental reparse through the core's DocumentParse + lintTree); (c) the
// same inputs through cppcheck --library=windows as a peer, process against process. Peak RSS is
// measured in a child process on a 10 MB file. Times are CPU time of the measuring process (the
// machine may be shared; wall clock is printed alongside). (d) a generated 200-file project through
// the CLI, both rounds of its summaries. Ends with four fixed lines for tools.
//
// Flags: --quick (smaller inputs, fewer repetitions; for trying the script), --no-cppcheck,
// --no-sqlite (no npm download). Run with tsx (the script imports the TypeScript core).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateWinsockC, generateWinsockProject } from './lint-generate.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(REPO, '.cache', 'bench-lint');
const SQLITE_PACKAGE = 'better-sqlite3@12.4.1'; // pinned: deps/sqlite3/sqlite3.c, SQLite amalgamation, 9.3 MB
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const withCppcheck = !argv.includes('--no-cppcheck');
const withSqlite = !argv.includes('--no-sqlite');

const { createLinter, resolveOptions } = await import('../core/lint/index.ts');
const { CParser, DocumentParse } = await import('../core/parse/parser.ts');

const WASM = {
  'web-tree-sitter.wasm': 'node_modules/web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-c.wasm': 'node_modules/tree-sitter-c/tree-sitter-c.wasm',
  'tree-sitter-cpp.wasm': 'node_modules/tree-sitter-cpp/tree-sitter-cpp.wasm',
};
const loadWasm = async (file) => new Uint8Array(await readFile(path.join(REPO, WASM[file])));

// ---- child mode: peak RSS of linting (or only parsing) one file in a fresh process -----------
if (argv[0] === '--child-rss-parse') {
  // The peer of the memory line: the tree of the same text, held as the lint holds it.
  const text = readFileSync(argv[1], 'utf8');
  const parser = await CParser.create(loadWasm);
  const t0 = performance.now();
  const tree = parser.parse(text, 'c');
  const ms = performance.now() - t0;
  const nodes = tree.rootNode.descendantCount;
  tree.delete();
  parser.dispose();
  process.stdout.write(JSON.stringify({ ms, nodes, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
  process.exit(0);
}
if (argv[0] === '--child-rss') {
  const file = argv[1];
  const text = readFileSync(file, 'utf8');
  const linter = await createLinter(loadWasm);
  const t0 = performance.now();
  // Without the budgets, as (a): the whole analysis's memory, not a given-up file's.
  const findings = linter.lintText(text, file, resolveOptions({ language: 'c', budgetMs: 3_600_000, budgetSteps: Number.MAX_SAFE_INTEGER }));
  const ms = performance.now() - t0;
  linter.dispose();
  process.stdout.write(JSON.stringify({ ms, findings: findings.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
  process.exit(0);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (x, d = 1) => x.toFixed(d);
/** Runs fn and returns [wall ms, CPU ms]: CPU time (user+system of this process) is what the code
 *  costs; wall time also holds whatever else the machine was doing. */
const measure = (fn) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [wall, (c.user + c.system) / 1000];
};
const log = (s) => process.stdout.write(s + '\n');

mkdirSync(CACHE, { recursive: true });

/** sqlite3.c from the pinned better-sqlite3 tarball, fetched with `npm pack` on first use. */
function sqliteSource() {
  const target = path.join(CACHE, 'sqlite3.c');
  if (existsSync(target)) return target;
  log(`fetching ${SQLITE_PACKAGE} with npm pack into ${path.relative(REPO, CACHE)}/ (once) ...`);
  const pack = spawnSync('npm', ['pack', SQLITE_PACKAGE, '--silent'], { cwd: CACHE, encoding: 'utf8', timeout: 300_000 });
  const tgz = pack.stdout.trim().split('\n').pop();
  if (pack.status !== 0 || !tgz || !existsSync(path.join(CACHE, tgz))) {
    throw new Error(`npm pack ${SQLITE_PACKAGE} failed (exit ${pack.status}): ${pack.stderr}. Run with --no-sqlite to skip the sqlite3.c input.`);
  }
  const untar = spawnSync('tar', ['xzf', tgz, '-O', 'package/deps/sqlite3/sqlite3.c'], { cwd: CACHE, maxBuffer: 64 << 20 });
  if (untar.status !== 0) throw new Error(`could not extract deps/sqlite3/sqlite3.c from ${tgz}: ${untar.stderr}`);
  writeFileSync(target, untar.stdout);
  return target;
}

/** Builds dist/ with esbuild.mjs when dist/cli.js is missing or older than its sources (and copies the .wasm files). */
async function ensureCli() {
  const cli = path.join(REPO, 'dist', 'cli.js');
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs), 0);
  if (!existsSync(cli) || statSync(cli).mtimeMs < Math.max(newest(path.join(REPO, 'cli')), newest(path.join(REPO, 'core')))) {
    // The project's own build (the same loaders and aliases as the shipped bundle).
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, encoding: 'utf8', timeout: 600_000 });
    if (build.status !== 0) throw new Error(`node esbuild.mjs failed (exit ${build.status}): ${build.stderr}`);
  }
  for (const [name, from] of Object.entries(WASM)) {
    const to = path.join(REPO, 'dist', name);
    if (!existsSync(to)) writeFileSync(to, readFileSync(path.join(REPO, from)));
  }
  return cli;
}

/** Runs a command under /usr/bin/time: wall and CPU (user+sys) seconds, peak RSS. */
function timed(cmd, args, timeoutMs) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', cmd, ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 << 20 });
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  if (!m) return { timedOut: r.error !== undefined, wall: NaN, cpu: NaN, rssMB: NaN, stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status };
  return { timedOut: false, wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMB: Number(m[4]) / 1024, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

// ---- inputs ----------------------------------------------------------------------------------
const genLines = quick ? 20_000 : 100_000;
const genFile = path.join(CACHE, `winsock-${genLines}.c`);
writeFileSync(genFile, generateWinsockC(genLines, 1));
const inputs = [{ name: `generated Winsock C, ${genLines} lines`, file: genFile }];
if (withSqlite) inputs.push({ name: 'sqlite3.c (better-sqlite3 12.4.1)', file: sqliteSource() });
for (const i of inputs) {
  i.text = readFileSync(i.file, 'utf8');
  i.mb = Buffer.byteLength(i.text) / 1e6;
  i.lines = i.text.split('\n').length;
}

const linter = await createLinter(loadWasm);
const parser = await CParser.create(loadWasm);
// The analysis is measured whole: the per-file budgets (1.5 s of parse, 400,000 analysis steps)
// would give up most of both inputs, and a partial analysis is cheap. (a) and (b) run without them.
const options = resolveOptions({ language: 'c', budgetMs: 3_600_000, budgetSteps: Number.MAX_SAFE_INTEGER });
log(`machine: ${process.version}, ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);

// ---- (a) throughput ---------------------------------------------------------------------------
log('\n(a) throughput: lintText (preprocess + parse + analysis) against a raw tree-sitter parse of the same text (medians; CPU time of this process, wall clock alongside)');
const reps = quick ? 2 : 3;
let totalMB = 0;
let totalLint = 0;
let totalParse = 0;
for (const i of inputs) {
  // Warm-up (JIT, WASM memory growth), then alternate the two measurements so load spikes hit both.
  parser.parse(i.text, 'c').delete();
  const report = linter.checkText(i.text, i.file, options);
  i.findings = report.findings;
  // A file over the lint's time budget is partly given up: its time then says less than it seems.
  i.notices = report.notices.filter((n) => n.kind === 'too-large').map((n) => n.message.en);
  const parseMs = [];
  const lintMs = [];
  const parseWall = [];
  const lintWall = [];
  for (let r = 0; r < reps; r++) {
    const [pw, pc] = measure(() => parser.parse(i.text, 'c').delete());
    const [lw, lc] = measure(() => linter.lintText(i.text, i.file, options));
    parseMs.push(pc);
    lintMs.push(lc);
    parseWall.push(pw);
    lintWall.push(lw);
  }
  i.parseMs = median(parseMs);
  i.lintMs = median(lintMs);
  totalMB += i.mb;
  totalLint += i.lintMs;
  totalParse += i.parseMs;
  const byRule = {};
  for (const f of i.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  log(`  ${i.name}: ${fmt(i.mb, 2)} MB, ${i.lines} lines: parse ${fmt(i.parseMs, 0)} ms CPU (${fmt(i.mb / (i.parseMs / 1000), 2)} MB/s), lint ${fmt(i.lintMs, 0)} ms CPU (${fmt(i.mb / (i.lintMs / 1000), 2)} MB/s), overhead ${fmt((i.lintMs / i.parseMs - 1) * 100, 0)}%; wall clock parse ${fmt(median(parseWall), 0)} ms, lint ${fmt(median(lintWall), 0)} ms`);
  log(`    findings: ${i.findings.length} ${JSON.stringify(byRule)}`);
  for (const n of i.notices) log(`    GIVEN UP (the time above is of a partial analysis): ${n}`);
}

// ---- (b) edit to findings ---------------------------------------------------------------------
log('\n(b) edit to findings on a 5,000-line file: one-character edit, incremental reparse (DocumentParse), lintTree');
const editText = generateWinsockC(5000, 7);
const doc = new DocumentParse(parser, (t) => linter.prepare(t, options));
let tree = doc.update(editText, 'c');
linter.lintTree(tree, editText, options);
const rand = (() => {
  let a = 12345;
  return () => ((a = (a * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
})();
// Edit points: inside function bodies (after an opening brace of a statement line), spread over the file.
const bodyOffsets = [];
for (let at = editText.indexOf('\n    '); at !== -1; at = editText.indexOf('\n    ', at + 1)) bodyOffsets.push(at + 5);
const samples = [];
const wallSamples = [];
const iterations = quick ? 60 : 300;
let current = editText;
for (let k = 0; k < iterations; k++) {
  // Alternate typing a character and deleting it again at a random place inside a function.
  const at = bodyOffsets[Math.floor(rand() * bodyOffsets.length)];
  const next = current.slice(0, at) + 'x' + current.slice(at);
  for (const text of [next, current]) {
    const [wall, cpu] = measure(() => {
      tree = doc.update(text, 'c');
      linter.lintTree(tree, text, options);
    });
    samples.push(cpu);
    wallSamples.push(wall);
  }
}
const p50 = percentile(samples, 50);
const p95 = percentile(samples, 95);
log(`  ${samples.length} edits, CPU time: p50 ${fmt(p50, 2)} ms, p95 ${fmt(p95, 2)} ms, max ${fmt(Math.max(...samples), 1)} ms; wall clock p50 ${fmt(percentile(wallSamples, 50), 2)} ms, p95 ${fmt(percentile(wallSamples, 95), 2)} ms`);
doc.dispose();

// ---- memory on a 10 MB file -------------------------------------------------------------------
log('\nmemory: lintText on a 10 MB generated Winsock file in a fresh process (without the budgets)');
const bigFile = path.join(CACHE, 'winsock-10MB.c');
if (!quick) {
  let lines = 400_000;
  let big = generateWinsockC(lines, 3);
  while (Buffer.byteLength(big) < 10e6) big = generateWinsockC((lines = Math.ceil(lines * 1.05)), 3);
  writeFileSync(bigFile, big);
  const runChild = (mode) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), mode, bigFile], { cwd: REPO, encoding: 'utf8', timeout: 600_000 });
    const res = JSON.parse((child.stdout || '{}').trim().split('\n').pop() || '{}');
    if (child.status !== 0 || res.maxRssMB === undefined) {
      log(`  ${mode} child failed (exit ${child.status}): ${child.stderr}`);
      return undefined;
    }
    return res;
  };
  const parsed = runChild('--child-rss-parse');
  const res = runChild('--child-rss');
  if (parsed) log(`  ${fmt(statSync(bigFile).size / 1e6, 1)} MB, ${lines} lines, parse alone: ${parsed.nodes} nodes in ${fmt(parsed.ms / 1000, 2)} s, peak RSS ${fmt(parsed.maxRssMB, 0)} MB`);
  if (res) log(`  lintText: ${res.findings} findings in ${fmt(res.ms / 1000, 2)} s, peak RSS ${fmt(res.maxRssMB, 0)} MB${parsed ? ` (${fmt(res.maxRssMB / parsed.maxRssMB, 2)}× the parse's)` : ''}`);
} else log('  skipped with --quick');

// ---- (c) cppcheck as a peer ---------------------------------------------------------------------
let cppcheckRatio = NaN;
log('\n(c) the same inputs through the CLI and through cppcheck --library=windows (process CPU time, user+sys)');
if (withCppcheck) {
  const cli = await ensureCli();
  const version = spawnSync('cppcheck', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) throw new Error('cppcheck is not installed (Debian package cppcheck; see scripts/install-system-deps.sh), or run with --no-cppcheck');
  let ours = 0;
  let theirs = 0;
  let lowerBound = false;
  for (const i of inputs) {
    const a = timed(process.execPath, [cli, 'lint', '--format', 'json', i.file], 600_000);
    // One configuration, as the lint core checks one set of defines; win64 type sizes.
    const c = timed('cppcheck', ['--library=windows', '--enable=warning', '--quiet', '--platform=win64', '-D_WIN32', '-DWIN32', '-D_WINDOWS', '-D_MSC_VER=1940', i.file], 1_800_000);
    const cppFindings = (c.stderr.match(/: (error|warning|style|performance|portability):/g) ?? []).length;
    const ourFindings = a.status === 0 || a.status === 1 ? JSON.parse(a.stdout).length : NaN;
    log(`  ${i.name}: winsock-lens ${fmt(a.cpu, 2)} s CPU (${fmt(a.wall, 2)} s wall, ${ourFindings} findings, peak RSS ${fmt(a.rssMB, 0)} MB); cppcheck ${c.timedOut ? '> 1800 s (stopped)' : `${fmt(c.cpu, 2)} s CPU (${fmt(c.wall, 2)} s wall, ${cppFindings} findings, peak RSS ${fmt(c.rssMB, 0)} MB)`}`);
    ours += a.cpu;
    theirs += c.timedOut ? 1800 : c.cpu;
    lowerBound ||= c.timedOut;
  }
  cppcheckRatio = theirs / ours;
  if (lowerBound) log('  (cppcheck was stopped on one input: the ratio is a lower bound)');
} else log('  skipped with --no-cppcheck');

// ---- (d) a whole project through the CLI ------------------------------------------------------
// One process, one thread (--jobs 1), so CPU time compares with the raw parse of (a): both rounds
// (every file, then every file again with the summaries: each calls a wrapper of net_helpers.c).
log('\n(d) a generated project through the CLI: two rounds with the summaries of every file (--jobs 1, process CPU time)');
const projectDir = path.join(CACHE, 'project');
rmSync(projectDir, { recursive: true, force: true });
mkdirSync(projectDir, { recursive: true });
const projectFiles = generateWinsockProject(quick ? 40 : 200, 1000);
for (const f of projectFiles) writeFileSync(path.join(projectDir, f.name), f.text);
const projectMB = projectFiles.reduce((n, f) => n + Buffer.byteLength(f.text), 0) / 1e6;
const projectRun = timed(process.execPath, [await ensureCli(), 'lint', '--format', 'json', '--jobs', '1', projectDir], 1_200_000);
const projectFindings = projectRun.status === 0 || projectRun.status === 1 ? JSON.parse(projectRun.stdout) : [];
const throughWrapper = projectFindings.filter((f) => f.rule === 'send-after-disconnect' && /proj_finish/.test(f.message)).length;
const projectRate = projectMB / projectRun.cpu;
log(`  ${projectFiles.length} files, ${fmt(projectMB, 2)} MB: ${fmt(projectRun.cpu, 2)} s CPU (${fmt(projectRun.wall, 2)} s wall), ${projectFindings.length} findings (${throughWrapper} through proj_finish), peak RSS ${fmt(projectRun.rssMB, 0)} MB; ${fmt(projectRate / (totalMB / (totalParse / 1000)), 2)}× the raw parse rate of (a)`);

linter.dispose();
parser.dispose();

log('');
log(`lint throughput: ${fmt(totalMB / (totalLint / 1000), 2)} MB/s (raw parse ${fmt(totalMB / (totalParse / 1000), 2)} MB/s, overhead ${fmt((totalLint / totalParse - 1) * 100, 0)}%)${inputs.some((i) => i.notices.length > 0) ? ' (partial: an input went over the budget)' : ''}`);
log(`lint edit-to-findings 5000 lines: p50 ${fmt(p50, 1)} ms p95 ${fmt(p95, 1)} ms`);
log(`lint project: ${projectFiles.length} files, ${fmt(projectRate, 2)} MB/s, peak RSS ${fmt(projectRun.rssMB, 0)} MB`);
log(`lint vs cppcheck: ${Number.isFinite(cppcheckRatio) ? fmt(cppcheckRatio, 1) : 'n/a'} times faster`);
