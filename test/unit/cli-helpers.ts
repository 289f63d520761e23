// Test helpers for the CLI: build dist/cli.js when it is missing or older than its sources, and run
// it as a real process (`node dist/cli.js …`) with a deadline.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';

export const REPO = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO, 'dist', 'cli.js');
export const CORPUS = path.join(REPO, 'test', 'fixtures', 'lint');

const WASM: readonly [string, string][] = [
  ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/web-tree-sitter.wasm'],
  ['node_modules/tree-sitter-c/tree-sitter-c.wasm', 'dist/tree-sitter-c.wasm'],
  ['node_modules/tree-sitter-cpp/tree-sitter-cpp.wasm', 'dist/tree-sitter-cpp.wasm'],
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the CLI bundle the way esbuild.mjs does (same entry, alias and banner) when it is stale. */
export async function ensureCliBuilt(): Promise<void> {
  const sources = Math.max(newestMtime(path.join(REPO, 'cli')), newestMtime(path.join(REPO, 'core')), newestMtime(path.join(REPO, 'docs', 'rules')), statSync(path.join(REPO, 'package.json')).mtimeMs);
  if (!existsSync(CLI) || statSync(CLI).mtimeMs < sources) {
    await esbuild.build({
      absWorkingDir: REPO,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcemap: true,
      sourcesContent: false,
      logLevel: 'silent',
      external: ['vscode', 'koffi'],
      alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs', 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
      loader: { '.md': 'text' },
      entryPoints: { cli: 'cli/main.ts' },
      outdir: 'dist',
      banner: { js: '#!/usr/bin/env node' },
    });
  }
  mkdirSync(path.join(REPO, 'dist'), { recursive: true });
  for (const [from, to] of WASM) {
    if (!existsSync(path.join(REPO, to))) copyFileSync(path.join(REPO, from), path.join(REPO, to));
  }
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js ...args`; a run that outlives the deadline fails the test with its output. */
export function runCli(args: readonly string[], options: SpawnSyncOptions = {}, cli: string = CLI): CliRun {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, cwd: REPO, ...options });
  if (r.error) throw new Error(`winsock-lens ${args.join(' ')} did not finish: ${r.error.message}\n${String(r.stderr)}`);
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** A fresh temporary folder, readable by everyone (tests may run the CLI as another user). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `wl-${prefix}-`));
  spawnSync('chmod', ['755', dir]);
  return dir;
}
