// --jobs N: the files spread over N worker threads (node:worker_threads), each with its own parser
// and project model. Files are handed out one at a time to whichever worker is free, so a few large
// files do not hold back the rest; the outcomes come back in the order of the file list whatever
// order they finish in, so the report is the same for every N.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { SourceFile } from './files';
import { FileLinter, type FileOutcome, type LintSetup } from './lintFile';

type ToWorker = { readonly index: number; readonly file: SourceFile } | { readonly stop: true };
type FromWorker = { readonly ready: true } | { readonly index: number; readonly outcome: FileOutcome } | { readonly fatal: string };

/** Lints `files` with `jobs` threads (1: in this thread). `script` is the bundle to start workers from. */
export async function lintAll(files: readonly SourceFile[], setup: LintSetup, jobs: number, script: string): Promise<FileOutcome[]> {
  const outcomes = new Array<FileOutcome>(files.length);
  // A worker costs a parser start (some tens of ms): not worth it for a handful of files.
  const threads = Math.min(jobs, Math.ceil(files.length / 4));
  if (threads <= 1) {
    const linter = await FileLinter.create(setup);
    try {
      for (let i = 0; i < files.length; i++) outcomes[i] = await linter.lint(files[i]!);
    } finally {
      linter.dispose();
    }
    return outcomes;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: threads }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(script, { workerData: { winsockLensLintWorker: setup } });
        const feed = () => {
          if (next < files.length) {
            const index = next++;
            worker.postMessage({ index, file: files[index]! } satisfies ToWorker);
          } else worker.postMessage({ stop: true } satisfies ToWorker);
        };
        worker.on('message', (m: FromWorker) => {
          if ('fatal' in m) {
            reject(new Error(m.fatal));
            void worker.terminate();
            return;
          }
          if ('index' in m) outcomes[m.index] = m.outcome;
          feed();
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a lint worker stopped with exit code ${code}`))));
      }),
    ),
  );
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
