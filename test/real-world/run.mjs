// Real-code evaluation of the lint: re-runs the CLI over local copies of public Windows networking
// projects and holds the findings to the triage kept beside this file. Fetches nothing.
//
//   node test/real-world/run.mjs [options] [project...]
//
//   --src DIR        where the checked-out trees are (default $WINSOCK_LENS_RW_SRC or /work/rw-src);
//                    project <name> is read from DIR/<name> (make them with extract.mjs, see README.md)
//   --cli FILE       the CLI to run (default dist/cli.js of this repository; build it first)
//   --pending FILE   write the findings that have no triage entry to FILE (JSON lines in
//                    triage.json's shape with verdict "untriaged"; error/warning first, then
//                    info/hint for sampling), to be read and triaged
//   --check          exit 1 when a finding triaged true is no longer reported, or when
//                    --min-precision P (0..1) is given and the total precision is below it
//   --verbose        list every appeared / disappeared triaged finding (default: the first 20)
//   --record         write each linted project's file count and bytes back into projects.json
//   --triage FILE    read the triage from FILE instead of triage.json beside this script
//   --trees-present  only say whether any project tree is present (exit 0) or none (exit 3)
//
// Precision counts error and warning findings only: true / (true + false) among the findings reported
// now that have a verdict; "unsure" and untriaged ones are shown apart and counted in neither.
// With no tree present it prints why and exits 0: it is no test then.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const argv = process.argv.slice(2);
const flag = (name) => { const i = argv.indexOf(name); if (i < 0) return false; argv.splice(i, 1); return true; };
const value = (name, fallback) => {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const v = argv[i + 1];
  if (v === undefined) { console.error(`run.mjs: ${name} needs a value`); process.exit(2); }
  argv.splice(i, 2);
  return v;
};
const src = path.resolve(value('--src', process.env.WINSOCK_LENS_RW_SRC || '/work/rw-src'));
const cli = path.resolve(value('--cli', path.join(repoRoot, 'dist', 'cli.js')));
const pendingFile = value('--pending', '');
const minPrecision = Number(value('--min-precision', '0'));
const check = flag('--check');
const treesOnly = flag('--trees-present');
const verbose = flag('--verbose');
const record = flag('--record');
const triageFile = path.resolve(value('--triage', path.join(here, 'triage.json')));
const only = new Set(argv);

const projectsJson = JSON.parse(readFileSync(path.join(here, 'projects.json'), 'utf8'));
const { projects } = projectsJson;
const triage = JSON.parse(readFileSync(triageFile, 'utf8'));
for (const name of only) {
  if (!projects.some((p) => p.name === name)) { console.error(`run.mjs: no project named '${name}' in projects.json`); process.exit(2); }
}

const SOURCE = /\.(c|cc|cpp|cxx|h|hh|hpp|hxx)$/i;
const SERIOUS = new Set(['error', 'warning']);

/** The files of one project: its `paths` (files, folders walked like the CLI does, or `*.ext` globs in one folder). */
function projectFiles(root, paths) {
  const out = new Set();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile() && SOURCE.test(e.name)) out.add(abs);
    }
  };
  for (const p of paths) {
    const base = path.basename(p);
    if (base.includes('*')) {
      const dir = path.join(root, path.dirname(p));
      const re = new RegExp('^' + base.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$');
      if (existsSync(dir)) for (const n of readdirSync(dir).sort()) if (re.test(n) && statSync(path.join(dir, n)).isFile()) out.add(path.join(dir, n));
      continue;
    }
    const abs = path.join(root, p);
    if (!existsSync(abs)) throw new Error(`${abs} is listed in projects.json but not in the local tree`);
    if (statSync(abs).isDirectory()) walk(abs); else out.add(abs);
  }
  return [...out].map((abs) => path.relative(root, abs).split(path.sep).join('/'));
}

/** Runs the CLI over the files in one process (so a run sees the whole project), cwd = the tree. */
function lint(root, files) {
  const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', ...files], { cwd: root, maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`the CLI failed in ${root} (exit ${r.status ?? r.signal}): ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout);
}

const key = (f) => `${f.path}:${f.line}:${f.rule}`;
/** The socket a finding is about: the first quoted name in its message ('' when there is none). */
const symbolOf = (f) => /'([^']+)'/.exec(f.message)?.[1] ?? '';
const pendingEntry = (p, f) => ({ repository: p.repo, commit: p.commit, path: f.path, line: f.line, rule: f.rule, severity: f.severity, symbol: symbolOf(f), verdict: 'untriaged', reason: '', message: f.message });

const present = projects.filter((p) => (only.size === 0 || only.has(p.name)) && existsSync(path.join(src, p.name)));
if (treesOnly) {
  console.log(present.length ? `real-world: ${present.length} project tree(s) under ${src}` : `real-world: no project tree under ${src}`);
  process.exit(present.length ? 0 : 3);
}
if (!existsSync(cli)) { console.error(`run.mjs: ${cli} not found; build it first (node esbuild.mjs) or pass --cli`); process.exit(2); }
if (present.length === 0) {
  console.log(`real-world: skipped, no project tree under ${src} (set WINSOCK_LENS_RW_SRC or see test/real-world/README.md to make them). Nothing was tested.`);
  process.exit(0);
}

const rows = [];
const appeared = [];
const disappeared = [];
const moved = [];
const gone = new Set();
const lostTrue = [];
const pending = [];
const pendingInfo = [];
for (const p of projects) {
  if (!present.includes(p)) {
    if (only.size === 0 || only.has(p.name)) console.log(`${p.name}: no tree at ${path.join(src, p.name)}, skipped`);
    continue;
  }
  const root = path.join(src, p.name);
  const marker = path.join(root, '.winsock-lens-commit');
  const treeCommit = existsSync(marker) ? readFileSync(marker, 'utf8').trim().split(' ')[1] : '';
  if (treeCommit !== p.commit) console.log(`${p.name}: the tree at ${root} is ${treeCommit ? `at ${treeCommit.slice(0, 12)}` : 'of unknown commit (no .winsock-lens-commit)'}, projects.json says ${p.commit.slice(0, 12)}: line numbers may not match the triage`);
  const files = projectFiles(root, p.paths);
  const bytes = files.reduce((n, f) => n + statSync(path.join(root, f)).size, 0);
  const started = process.hrtime.bigint();
  const findings = lint(root, files).map((f) => ({ ...f, path: f.file }));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;

  const triaged = new Map();
  for (const t of triage.filter((t) => t.repository === p.repo)) {
    const list = triaged.get(key(t)) ?? [];
    list.push(t);
    triaged.set(key(t), list);
  }
  const row = { name: p.name, files: files.length, bytes, ms, errors: 0, warnings: 0, infos: 0, t: 0, f: 0, u: 0, untriaged: 0, commitNote: '' };
  if (p.commit && triage.some((t) => t.repository === p.repo && t.commit !== p.commit)) row.commitNote = ' (triage made at another commit)';
  const seen = new Map();
  const unmatched = [];
  const count = (verdict) => {
    if (verdict === 'true') row.t++;
    else if (verdict === 'false') row.f++;
    else row.u++;
  };
  for (const f of findings) {
    if (f.severity === 'error') row.errors++;
    else if (f.severity === 'warning') row.warnings++;
    else row.infos++;
    const k = key(f);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    const entry = (triaged.get(k) ?? [])[n];
    if (!SERIOUS.has(f.severity)) {
      if (!entry) pendingInfo.push(pendingEntry(p, f));
      continue;
    }
    if (entry) count(entry.verdict);
    else unmatched.push(f);
  }
  // Triaged error/warning entries not reported at their line (info samples are kept apart).
  const missing = [];
  for (const [k, list] of triaged) {
    for (const t of list.slice(seen.get(k) ?? 0)) if (SERIOUS.has(t.severity)) missing.push(t);
  }
  // A finding of the same rule on the same named socket in the same file, now on another line, is
  // the triaged one moved (for example a leak now reported at the exit that drops the socket): its
  // verdict is carried over and the pair is listed so that someone checks it.
  for (const t of missing) {
    const i = t.symbol ? unmatched.findIndex((f) => f.path === t.path && f.rule === t.rule && symbolOf(f) === t.symbol) : -1;
    if (i >= 0) {
      const [f] = unmatched.splice(i, 1);
      moved.push({ project: p.name, ...t, to: f.line, toSeverity: f.severity });
      count(t.verdict);
      continue;
    }
    disappeared.push({ project: p.name, ...t });
    gone.add(t);
    if (t.verdict === 'true') lostTrue.push({ project: p.name, ...t });
  }
  for (const f of unmatched) {
    row.untriaged++;
    appeared.push({ project: p.name, ...f });
    pending.push(pendingEntry(p, f));
  }
  rows.push(row);
  if (record) Object.assign(p, { files: files.length, bytes });
}
if (record) writeFileSync(path.join(here, 'projects.json'), JSON.stringify(projectsJson, null, 2) + '\n');

const pct = (t, f) => (t + f === 0 ? '—' : `${((100 * t) / (t + f)).toFixed(1)}%`);
const total = rows.reduce((a, r) => {
  for (const k of ['files', 'bytes', 'ms', 'errors', 'warnings', 'infos', 't', 'f', 'u', 'untriaged']) a[k] += r[k];
  return a;
}, { name: 'total', files: 0, bytes: 0, ms: 0, errors: 0, warnings: 0, infos: 0, t: 0, f: 0, u: 0, untriaged: 0, commitNote: '' });

const header = ['project', 'files', 'MB', 'error', 'warning', 'info+hint', 'true', 'false', 'unsure', 'untriaged', 'precision', 'seconds'];
const line = (r) => [r.name + r.commitNote, r.files, (r.bytes / 1e6).toFixed(1), r.errors, r.warnings, r.infos, r.t, r.f, r.u, r.untriaged, pct(r.t, r.f), (r.ms / 1000).toFixed(1)];
const table = [header, ...rows.map(line), line(total)].map((cells) => cells.map(String));
const widths = header.map((_, i) => Math.max(...table.map((c) => c[i].length)));
for (const [i, cells] of table.entries()) {
  console.log(cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
  if (i === 0 || i === table.length - 2) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(`\nprecision of error+warning findings: ${pct(total.t, total.f)} (${total.t} true, ${total.f} false, ${total.u} unsure, ${total.untriaged} not triaged)`);

// False findings reported now, by the pattern their triage names (see README.md).
const patterns = new Map();
for (const t of triage) {
  if (t.verdict !== 'false' || !SERIOUS.has(t.severity) || !present.some((p) => p.repo === t.repository)) continue;
  if (gone.has(t)) continue;
  const k = `${t.pattern ?? '(none)'} [${t.rule}]`;
  patterns.set(k, (patterns.get(k) ?? 0) + 1);
}
const show = (label, list) => {
  console.log(`\n${label}: ${list.length}`);
  for (const f of verbose ? list : list.slice(0, 20)) console.log(`  ${f.project} ${f.path}:${f.line} ${f.rule} (${f.severity})${f.verdict ? ` was ${f.verdict}: ${f.reason}` : ''}`);
  if (!verbose && list.length > 20) console.log(`  … ${list.length - 20} more (--verbose lists all)`);
};
if (patterns.size) {
  console.log('\nfalse findings by pattern (triaged false, not yet disappeared):');
  for (const [k, n] of [...patterns].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${k}`);
}
show('appeared since the triage (error/warning findings with no triage entry)', appeared);
if (moved.length) {
  console.log(`\nmoved since the triage (same file, rule and socket, another line; verdict carried over, check it): ${moved.length}`);
  for (const f of verbose ? moved : moved.slice(0, 20)) console.log(`  ${f.project} ${f.path}:${f.line} -> ${f.to} ${f.rule} '${f.symbol}' (${f.verdict})`);
  if (!verbose && moved.length > 20) console.log(`  … ${moved.length - 20} more (--verbose lists all)`);
}
show('disappeared since the triage (triaged error/warning findings no longer reported)', disappeared);
if (lostTrue.length) show('of which triaged TRUE (a real bug no longer found)', lostTrue);
// A loss someone has looked at and accepted (the entry's `lostSince` names the commit and why) is
// still listed above but does not fail --check; any other loss does.
const unacceptedLosses = lostTrue.filter((t) => !t.lostSince);
if (lostTrue.length > unacceptedLosses.length) console.log(`  (${lostTrue.length - unacceptedLosses.length} of them accepted as a known regression: see "lostSince" in the triage)`);

if (pendingFile) {
  const all = [...pending, ...pendingInfo];
  writeFileSync(pendingFile, all.map((e) => JSON.stringify(e)).join('\n') + (all.length ? '\n' : ''));
  console.log(`\n${pending.length} untriaged error/warning and ${pendingInfo.length} untriaged info/hint finding(s) written to ${pendingFile}`);
}
if (check) {
  const precision = total.t + total.f === 0 ? 1 : total.t / (total.t + total.f);
  const failures = [];
  if (unacceptedLosses.length) failures.push(`${unacceptedLosses.length} finding(s) triaged true are no longer reported (and not accepted with "lostSince")`);
  if (precision < minPrecision) failures.push(`precision ${(100 * precision).toFixed(1)}% is below ${(100 * minPrecision).toFixed(1)}%`);
  if (failures.length) { console.error(`\nreal-world check failed: ${failures.join('; ')}`); process.exit(1); }
  console.log('\nreal-world check passed');
}
