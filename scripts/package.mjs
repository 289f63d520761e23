// Packs the extension into a .vsix with vsce (no npm dependencies: everything the extension needs at
// run time is bundled into dist/, koffi's runtime included; .vscodeignore lets only that in).
//   node scripts/package.mjs [--no-build] [--out file.vsix]
// Without --no-build it first makes a clean production build (dist/ removed, then
// `node esbuild.mjs --production`). Prints the size and the file list.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const defaultVsixPath = path.join(repoRoot, 'dist-vsix', 'winsock-lens.vsix');

/** Lists the files inside a .vsix (a zip), using Debian's unzip. */
export function listVsix(vsixPath) {
  const r = spawnSync('unzip', ['-Z1', vsixPath], { encoding: 'utf8' });
  if (r.error) throw new Error(`cannot list ${vsixPath}: ${r.error.message} (install unzip: bash scripts/install-system-deps.sh)`);
  if (r.status !== 0) throw new Error(`unzip -Z1 ${vsixPath} failed: ${r.stderr.trim()}`);
  return r.stdout.split('\n').filter(Boolean);
}

/** Builds (unless `build` is false) and packs; returns { vsixPath, bytes, files, seconds }. */
export function packageVsix({ build = true, out = defaultVsixPath, log = console.log } = {}) {
  const started = Date.now();
  if (build) {
    rmSync(path.join(repoRoot, 'dist'), { recursive: true, force: true });
    const b = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    if (b.status !== 0) throw new Error('production build failed (node esbuild.mjs --production): see the errors above');
  }
  mkdirSync(path.dirname(out), { recursive: true });
  rmSync(out, { force: true });
  const vsce = path.join(repoRoot, 'node_modules/@vscode/vsce/vsce');
  // stdin closed: a question vsce would ask (missing LICENSE, repository…) fails instead of waiting.
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
    cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) {
    throw new Error(`vsce package failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}\nwhat to do: fix what vsce names above; a missing dist/ means the build did not run (drop --no-build)`);
  }
  const files = listVsix(out);
  const bytes = statSync(out).size;
  const seconds = (Date.now() - started) / 1000;
  log(`${path.relative(process.cwd(), out)}: ${(bytes / 1024).toFixed(0)} KiB, ${files.length} files, packed in ${seconds.toFixed(1)} s`);
  return { vsixPath: out, bytes, files, seconds };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const outIndex = argv.indexOf('--out');
  try {
    const { files } = packageVsix({
      build: !argv.includes('--no-build'),
      out: outIndex >= 0 ? path.resolve(argv[outIndex + 1]) : defaultVsixPath,
    });
    if (!argv.includes('--quiet')) for (const f of files) console.log(`  ${f}`);
  } catch (err) {
    console.error(`✘ packaging failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
