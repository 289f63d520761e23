// Writes the C/C++ sources of each project in projects.json, at its recorded commit, from a local
// bare git directory into a scratch folder outside the repository. Fetches nothing: the git
// directories must already be on this machine (see README.md, "Local copies").
//
//   node test/real-world/extract.mjs [--mirror DIR] [--out DIR] [name...]
//
// --mirror  folder holding <owner>+<name>/repo bare git directories (default $WINSOCK_LENS_RW_MIRROR
//           or /work/.mirror); --out  where the trees go (default $WINSOCK_LENS_RW_SRC or /work/rw-src).
// Only files with a C/C++ extension (and .ipp/.inl, included implementation files) are written; a blob the git directory does not hold (a partial
// copy) is skipped and counted.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (flag, fallback) => {
  const i = args.indexOf(flag);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const mirror = opt('--mirror', process.env.WINSOCK_LENS_RW_MIRROR || '/work/.mirror');
const out = opt('--out', process.env.WINSOCK_LENS_RW_SRC || '/work/rw-src');
const only = new Set(args);
const projects = JSON.parse(readFileSync(path.join(here, 'projects.json'), 'utf8')).projects;
const SOURCE = /\.(c|cc|cpp|cxx|h|hh|hpp|hxx|ipp|inl)$/i;

function git(gitDir, argv, input) {
  const r = spawnSync('git', ['--git-dir', gitDir, ...argv], { input, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git ${argv.join(' ')} in ${gitDir}: ${r.stderr}`);
  return r.stdout;
}

for (const p of projects) {
  if (only.size && !only.has(p.name)) continue;
  const gitDir = path.join(mirror, p.repo.replace('/', '+'), 'repo');
  const entries = git(gitDir, ['ls-tree', '-r', '-z', p.commit])
    .toString('utf8').split('\0').filter(Boolean)
    .map((line) => { const [meta, file] = line.split('\t'); const [, type, oid] = meta.split(' '); return { type, oid, file }; })
    .filter((e) => e.type === 'blob' && SOURCE.test(e.file));
  // One `cat-file --batch` for the whole tree: header line, then exactly <size> bytes, then LF.
  const batch = git(gitDir, ['cat-file', '--batch'], entries.map((e) => e.oid).join('\n') + '\n');
  let pos = 0, written = 0, missing = 0;
  for (const e of entries) {
    const nl = batch.indexOf(10, pos);
    const header = batch.subarray(pos, nl).toString();
    pos = nl + 1;
    if (header.endsWith(' missing')) { missing++; continue; }
    const size = Number(header.split(' ')[2]);
    const target = path.join(out, p.name, e.file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, batch.subarray(pos, pos + size));
    pos += size + 1;
    written++;
  }
  writeFileSync(path.join(out, p.name, '.winsock-lens-commit'), `${p.repo} ${p.commit}\n`);
  console.log(`${p.name}: ${written} files at ${p.commit.slice(0, 12)} -> ${path.join(out, p.name)}${missing ? ` (${missing} blobs not in the local git copy)` : ''}`);
}
