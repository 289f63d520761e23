// --jobs N: the files spread over N threads (this one and N - 1 node:worker_threads), each with its
// own parser and project model. Files are handed out a few at a time to whichever thread is free,
// so a few large files do not hold back the rest; the outcomes come back in the order of the file list whatever
// order they finish in, so the report is the same for every N.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { SourceFile } from './files';
import { FileLinter, type FileOutcome, type LintSetup } from './lintFile';

type ToWorker = { readonly index: number; readonly file: SourceFile } | { readonly stop: true };
type FromWorker = { readonly ready: true } | { readonly index: number; readonly outcome: FileOutcome } | { readonly fatal: string };

/** How many files a worker holds at once: the next one is there when it finishes one. */
const IN_FLIGHT = 2;

/**
 * Lints `files` with `jobs` threads (1: in this thread). This thread is one of them: it lints
 * files too, between handing them out, so N jobs start N - 1 workers (each compiles the grammars
 * once, which is worth it only for more than a few files). `script` is the bundle to start them from.
 */
export async function lintAll(files: readonly SourceFile[], setup: LintSetup, jobs: number, script: string): Promise<FileOutcome[]> {
  const outcomes = new Array<FileOutcome>(files.length);
  const threads = Math.min(jobs, Math.ceil(files.length / 4));
  let next = 0;
  const mainLinter = FileLinter.create(setup);
  const workers = Array.from({ length: Math.max(0, threads - 1) }, () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(script, { workerData: { winsockLensLintWorker: setup } });
      let held = 0;
      let stopped = false;
      const feed = () => {
        while (held < IN_FLIGHT && next < files.length) {
          const index = next++;
          held++;
          worker.postMessage({ index, file: files[index]! } satisfies ToWorker);
        }
        if (held === 0 && next >= files.length && !stopped) {
          stopped = true;
          worker.postMessage({ stop: true } satisfies ToWorker);
        }
      };
      worker.on('message', (m: FromWorker) => {
        if ('fatal' in m) {
          reject(new Error(m.fatal));
          void worker.terminate();
          return;
        }
        if ('index' in m) {
          outcomes[m.index] = m.outcome;
          held--;
        }
        feed();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a lint worker stopped with exit code ${code}`))));
    }),
  );
  const linter = await mainLinter;
  try {
    while (next < files.length) {
      const index = next++;
      outcomes[index] = await linter.lint(files[index]!);
      // Let the workers' messages in (their next files) before this thread takes another one.
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(workers);
  } finally {
    linter.dispose();
  }
  return outcomes;
}

/** True in a thread started by lintAll: the bundle then serves files instead of running the CLI. */
export function isLintWorker(): boolean {
  return !isMainThread && typeof workerData === 'object' && workerData !== null && 'winsockLensLintWorker' in workerData;
}

export async function runLintWorker(): Promise<void> {
  const port = parentPort!;
  const setup = (workerData as { winsockLensLintWorker: LintSetup }).winsockLensLintWorker;
  let linter: FileLinter;
  try {
    linter = await FileLinter.create(setup);
  } catch (err) {
    port.postMessage({ fatal: err instanceof Error ? err.message : String(err) } satisfies FromWorker);
    return;
  }
  port.on('message', (m: ToWorker) => {
    if ('stop' in m) {
      linter.dispose();
      port.close();
      return;
    }
    void linter.lint(m.file).then((outcome) => port.postMessage({ index: m.index, outcome } satisfies FromWorker));
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}
