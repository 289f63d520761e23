// Builds the program the user points `program` at when it is a C or C++ source: MinGW-w64 gcc/g++
// with -g -O0 and the Winsock libraries, into the adapter's storage folder. A failed build is a
// CompileError carrying the compiler's own lines (with file and line, so the client can link them).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface CompilerDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly severity: string;
  readonly text: string;
}

export class CompileError extends Error {
  constructor(
    readonly compiler: string,
    readonly output: string,
    readonly diagnostics: readonly CompilerDiagnostic[],
  ) {
    super(`${path.basename(compiler)} failed`);
    this.name = 'CompileError';
  }
}

export function isSourceProgram(program: string): boolean {
  return /\.(c|cc|cpp|cxx|c\+\+)$/i.test(program);
}

export function defaultCompiler(program: string): string {
  return /\.c$/i.test(program) ? 'x86_64-w64-mingw32-gcc' : 'x86_64-w64-mingw32-g++';
}

/** gcc's `file:line:col: error: text` lines. */
export function parseCompilerOutput(output: string): CompilerDiagnostic[] {
  const out: CompilerDiagnostic[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = /^(.+?):(\d+):(?:(\d+):)?\s*(fatal error|error|warning|note):\s*(.*)$/.exec(line);
    if (!m) continue;
    out.push({ file: m[1] as string, line: Number(m[2]), ...(m[3] ? { column: Number(m[3]) } : {}), severity: m[4] as string, text: m[5] as string });
  }
  return out;
}

export interface CompileOptions {
  readonly source: string;
  readonly outDir: string;
  readonly compilerPath?: string;
  readonly compilerArgs?: readonly string[];
  readonly cwd?: string;
  /**
   * The call recorder to link in (debug-adapter/winsock/recorder.ts): its C source, built on its
   * own without -g, and the linker options that route the program's Winsock imports through it.
   */
  readonly recorder?: { readonly source: string; readonly linkArgs: readonly string[] };
}

/** Compiles; resolves with the .exe's path. */
export function compileProgram(opts: CompileOptions): Promise<string> {
  const compiler = opts.compilerPath || defaultCompiler(opts.source);
  mkdirSync(opts.outDir, { recursive: true });
  const tag = createHash('sha1').update(path.resolve(opts.source)).digest('hex').slice(0, 8);
  const exe = path.join(opts.outDir, `${path.basename(opts.source).replace(/\.[^.]+$/, '')}-${tag}.exe`);
  const recorderObject = `${exe.replace(/\.exe$/, '')}-recorder.o`;
  // -static: MinGW-w64's own runtime DLLs (libstdc++-6, libgcc_s_seh-1, libwinpthread-1) are not on
  // Wine's or a Windows user's path; linked in, the program needs only system DLLs (ws2_32 stays one).
  const args = ['-g', '-O0', ...(opts.compilerArgs ?? []), opts.source, ...(opts.recorder ? [recorderObject, ...opts.recorder.linkArgs] : []), '-o', exe, '-lws2_32', '-lmswsock', '-static'];
  // A build of the same source text, the same other sources named in compilerArgs, the same
  // compiler and arguments is reused. (Headers the sources include are not part of the key: a
  // change there needs a change here or a new session with other compilerArgs.)
  const stampFile = `${exe}.stamp`;
  const hash = createHash('sha1').update(JSON.stringify([compiler, args, opts.recorder?.source ?? ''])).update(readFileSync(opts.source));
  const cwd = opts.cwd ?? path.dirname(opts.source);
  for (const a of opts.compilerArgs ?? []) {
    const f = path.resolve(cwd, a);
    if (isSourceProgram(a) && existsSync(f)) hash.update(f).update(readFileSync(f));
  }
  const stamp = hash.digest('hex');
  if (existsSync(exe) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return Promise.resolve(exe);
  return (async () => {
    if (opts.recorder) {
      const recorderSource = `${exe.replace(/\.exe$/, '')}-recorder.c`;
      writeFileSync(recorderSource, opts.recorder.source);
      // Read as C whichever driver this is (g++ too), optimised and without debug information.
      await run(compiler, ['-x', 'c', '-O1', '-c', recorderSource, '-o', recorderObject], cwd);
    }
    await run(compiler, args, cwd);
    writeFileSync(stampFile, stamp);
    return exe;
  })();
}

function run(compiler: string, args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(compiler, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    p.once('error', (e: NodeJS.ErrnoException) => {
      reject(new CompileError(compiler, e.code === 'ENOENT' ? `${compiler}: not found` : e.message, []));
    });
    p.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new CompileError(compiler, output.trim(), parseCompilerOutput(output)));
    });
  });
}
