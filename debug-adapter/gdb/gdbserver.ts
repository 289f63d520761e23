// gdbserver.exe under Wine, listening on 127.0.0.1 on a port it chooses: started in its own process
// group, resolved once it says "Listening on port N". The program's own output comes out of this
// process (forwarded by the caller).
import type { ChildProcess } from 'node:child_process';
import { spawnProcess, type ProcessFactory } from './backend';

export interface GdbServerOptions {
  readonly winePath: string;
  readonly gdbserverPath: string;
  readonly program: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

export interface GdbServer {
  readonly process: ChildProcess;
  readonly port: number;
}

export function startGdbServer(opts: GdbServerOptions, onOutput: (text: string, stream: 'stdout' | 'stderr') => void, factory: ProcessFactory = spawnProcess): Promise<GdbServer> {
  return new Promise((resolve, reject) => {
    const proc = factory(opts.winePath, [opts.gdbserverPath, '127.0.0.1:0', opts.program, ...opts.args], {
      cwd: opts.cwd,
      env: opts.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let settled = false;
    let early = '';
    const timer = setTimeout(() => fail(new Error(`gdbserver.exe did not start listening within ${(opts.timeoutMs ?? 60_000) / 1000} s${early ? `: ${early.trim()}` : ''}`)), opts.timeoutMs ?? 60_000);
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        if (proc.pid) process.kill(-proc.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      reject(e);
    };
    const watch = (stream: 'stdout' | 'stderr') => (chunk: string) => {
      if (settled) {
        onOutput(chunk, stream);
        return;
      }
      early += chunk;
      const m = /Listening on port (\d+)/.exec(early);
      if (m) {
        settled = true;
        clearTimeout(timer);
        // What came after the line is the program's.
        const rest = early.slice(early.indexOf(m[0]) + m[0].length).replace(/^\r?\n/, '');
        if (rest) onOutput(rest, stream);
        resolve({ process: proc, port: Number(m[1]) });
      }
    };
    proc.stdout?.setEncoding('utf8').on('data', watch('stdout'));
    proc.stderr?.setEncoding('utf8').on('data', watch('stderr'));
    proc.once('error', (e: NodeJS.ErrnoException) => fail(new Error(e.code === 'ENOENT' ? `${opts.winePath}: not found` : e.message)));
    proc.once('exit', (code) => fail(new Error(`gdbserver.exe exited (${code}) before listening${early ? `: ${early.trim()}` : ''}`)));
  });
}
