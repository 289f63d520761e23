// Shared pieces of the adapter tests: a DebugClient on the real adapter (dist/debugAdapter.js), a
// storage folder of the tests' own (builds and the adapter's Wine prefix, under .cache/), and the
// check that nothing the adapter started is left running.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

export const root = path.resolve(__dirname, '..', '..');
export const fixtures = path.join(__dirname, 'fixtures');
export const storageDir = path.join(root, '.cache', 'debug-adapter-tests');
mkdirSync(storageDir, { recursive: true });

export function newClient(): DebugClient {
  const dc = new DebugClient('node', path.join(root, 'dist', 'debugAdapter.js'), 'winsock-lens', { env: { ...process.env, LANG: 'C' } });
  dc.defaultTimeout = 30_000;
  return dc;
}

export function launchArgs(program: string, extra: Record<string, unknown> = {}): DebugProtocol.LaunchRequestArguments & Record<string, unknown> {
  return { program: path.join(fixtures, program), storageDir, language: 'en', ...extra };
}

/** Processes of this test's storage (gdbserver, the program, the prefix's wine processes) and its gdb. */
export function leftovers(): string[] {
  let out = '';
  try {
    out = execFileSync('pgrep', ['-af', 'gdbserver|mingw32-gdb|wine'], { encoding: 'utf8' });
  } catch {
    return [];
  }
  // Other helpers' and other prefixes' processes are not ours: only those that name our storage or
  // are gdb/gdbserver started on our fixtures count.
  return out.split('\n').filter((l) => l.includes(storageDir) || l.includes(fixtures));
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function variablesOf(dc: DebugClient, ref: number): Promise<DebugProtocol.Variable[]> {
  return (await dc.variablesRequest({ variablesReference: ref })).body.variables;
}

export async function topFrame(dc: DebugClient, threadId: number): Promise<DebugProtocol.StackFrame> {
  const st = await dc.stackTraceRequest({ threadId });
  const f = st.body.stackFrames[0];
  if (!f) throw new Error('no frame');
  return f;
}
