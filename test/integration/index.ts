// The test module VS Code's extension host loads (extensionTestsPath → out/test/integration.js).
// It runs every test/integration/*.test.ts with mocha's TDD interface (`suite`, `test`, `setup`…).
//
// Which files run: in an English workbench every `*.test.ts` except `*.ru.test.ts`; in a Russian
// one (the launcher's `--locale ru` run) only the `*.ru.test.ts` files; in the untrusted-workspace
// run (WINSOCK_LENS_WORKSPACE_TRUST=untrusted) only the `*.untrusted.test.ts` files. WINSOCK_LENS_TEST_FILES
// (comma-separated substrings of file names) and WINSOCK_LENS_TEST_GREP (a mocha grep) narrow the
// run further.
//
// The files are bundled by esbuild: the template-literal require below makes esbuild include every
// `test/integration/*.test.ts` in the bundle (a glob import), and the folder listing at run time
// picks them in a stable order, so a new test file needs no registration anywhere.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** The source folder of the integration tests (the bundle lives in out/test/). */
const testsFolder = path.resolve(__dirname, '../../test/integration');

function selectTestFiles(): string[] {
  const russian = vscode.env.language.toLowerCase().startsWith('ru');
  // The untrusted run (WINSOCK_LENS_WORKSPACE_TRUST=untrusted) runs only *.untrusted.test.ts.
  const untrusted = process.env.WINSOCK_LENS_WORKSPACE_TRUST === 'untrusted';
  const only = (process.env.WINSOCK_LENS_TEST_FILES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return fs.readdirSync(testsFolder)
    .filter((name) => name.endsWith('.test.ts'))
    .filter((name) => name.endsWith('.untrusted.test.ts') === untrusted)
    .filter((name) => untrusted || name.endsWith('.ru.test.ts') === russian)
    .filter((name) => only.length === 0 || only.some((o) => name.includes(o)))
    .sort();
}

function loadTestFile(mocha: Mocha, name: string): void {
  const file = path.join(testsFolder, name);
  // Installs suite/test/setup… as globals for this file, as mocha does for the files it loads itself.
  mocha.suite.emit('pre-require', globalThis, file, mocha);
  const base = name.slice(0, -'.test.ts'.length);
  mocha.suite.emit('require', require(`./${base}.test.ts`), file, mocha);
  mocha.suite.emit('post-require', globalThis, file, mocha);
}

/**
 * Where the run's report goes. Under the offline launcher the extension host's console only reaches
 * the browser, so the launcher names a file (WINSOCK_LENS_TEST_LOG) that it copies to its own
 * stdout as it grows; in a desktop VS Code the console is the place.
 */
function redirectConsole(): () => void {
  const file = process.env.WINSOCK_LENS_TEST_LOG;
  if (!file) return () => {};
  const write = (...args: unknown[]) => fs.appendFileSync(file, `${format(...args)}\n`);
  // The extension host pins console.log & co. (it forwards them to the workbench's log), so the
  // global `console` itself is swapped for one whose printing methods write to the file.
  const original = globalThis.console;
  // (defineProperty, not assignment: the inherited accessors would swallow a plain assignment)
  const redirected = Object.create(original) as Console;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    Object.defineProperty(redirected, method, { value: write, configurable: true, writable: true });
  }
  Object.defineProperty(globalThis, 'console', { value: redirected, configurable: true, writable: true });
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...a: unknown[]) => void };
  const originalReporterLog = base.consoleLog;
  base.consoleLog = write;
  return () => {
    Object.defineProperty(globalThis, 'console', { value: original, configurable: true, writable: true });
    base.consoleLog = originalReporterLog;
  };
}

export function run(): Promise<void> {
  const restoreConsole = redirectConsole();
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: Number(process.env.WINSOCK_LENS_TEST_CASE_TIMEOUT_MS ?? 30_000),
    ...(process.env.WINSOCK_LENS_TEST_GREP ? { grep: process.env.WINSOCK_LENS_TEST_GREP } : {}),
  });
  return new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      restoreConsole();
      if (err) reject(err);
      else resolve();
    };
    let files: string[];
    try {
      files = selectTestFiles();
      console.log(`integration tests (${vscode.env.language}): ${files.join(', ') || 'none'}`);
      if (files.length === 0) {
        done(new Error(`no integration test files selected in ${testsFolder}`));
        return;
      }
      for (const f of files) loadTestFile(mocha, f);
    } catch (err) {
      // A test file that throws while loading fails the run instead of vanishing.
      console.error(`a test file failed to load: ${err instanceof Error ? err.stack : String(err)}`);
      done(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    try {
      const runner = mocha.run((failures) => {
        // Settle the promise here; throwing inside this callback would be swallowed and the run
        // would look green.
        const { passes = 0, pending = 0 } = runner.stats ?? {};
        console.log(`integration: ${passes} passed, ${failures} failed, ${pending} skipped`);
        if (failures > 0) done(new Error(`${failures} integration test(s) failed`));
        else if (passes === 0) done(new Error('no integration test ran'));
        else done();
      });
    } catch (err) {
      done(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
