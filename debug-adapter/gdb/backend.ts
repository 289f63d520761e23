// The gdb process behind the adapter: spawns gdb with --interpreter=mi2, sends every command with a
// token, resolves each command's promise on its result record, and emits the async and stream
// records. It knows nothing of DAP. The process comes from an injected factory, so a test or another
// platform (native gdb.exe on Windows) can supply its own.
import { EventEmitter } from 'node:events';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { spawn } from 'node:child_process';
import { parseMILine, type MIAsyncRecord, type MIRecord, type MITuple } from './miParser';

export type ProcessFactory = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;
export const spawnProcess: ProcessFactory = (command, args, options) => spawn(command, [...args], options);

/** A command gdb refused (`^error,msg=…`). */
export class MIError extends Error {
  constructor(readonly command: string, message: string) {
    super(message);
    this.name = 'MIError';
  }
}

export interface GdbBackendEvents {
  exec: [MIAsyncRecord];
  notify: [MIAsyncRecord];
  console: [string];
  target: [string];
  log: [string];
  /** A line that is not MI (what the program prints when it shares gdb's output). */
  output: [string];
  exit: [number | null, NodeJS.Signals | null];
}

interface Pending {
  readonly command: string;
  resolve(r: MITuple): void;
  reject(e: Error): void;
}

export interface GdbStartOptions {
  readonly gdbPath: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export class GdbBackend extends EventEmitter<GdbBackendEvents> {
  private proc: ChildProcess | undefined;
  private token = 0;
  private readonly pending = new Map<number, Pending>();
  private buffer = '';
  private exited = false;
  /** Every MI line in and out, for the adapter's trace (launch attribute `trace`). */
  onTrace: ((line: string) => void) | undefined;

  constructor(private readonly factory: ProcessFactory = spawnProcess) {
    super();
  }

  get running(): boolean {
    return this.proc !== undefined && !this.exited;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  start(opts: GdbStartOptions): Promise<void> {
    return new Promise((resolve, reject) => {
      const proc = this.factory(opts.gdbPath, ['--interpreter=mi2', '-q', '-nx', ...opts.args], {
        cwd: opts.cwd,
        env: opts.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      this.proc = proc;
      proc.once('error', (e) => {
        this.exited = true;
        reject(e);
      });
      proc.once('spawn', () => resolve());
      proc.stdout?.setEncoding('utf8');
      proc.stdout?.on('data', (chunk: string) => this.onData(chunk));
      proc.stderr?.setEncoding('utf8');
      proc.stderr?.on('data', (chunk: string) => this.emit('log', chunk));
      proc.once('exit', (code, signal) => {
        this.exited = true;
        for (const p of this.pending.values()) p.reject(new MIError(p.command, `gdb exited (${code ?? signal}) before answering`));
        this.pending.clear();
        this.emit('exit', code, signal);
      });
      proc.stdin?.on('error', () => {});
    });
  }

  /** Sends an MI command (without token) and resolves with its `^done`/`^running` results. */
  send(command: string): Promise<MITuple> {
    if (!this.proc || this.exited) return Promise.reject(new MIError(command, 'gdb is not running'));
    const token = ++this.token;
    return new Promise((resolve, reject) => {
      this.pending.set(token, { command, resolve, reject });
      this.onTrace?.(`-> ${token}${command}`);
      this.proc?.stdin?.write(`${token}${command}\n`);
    });
  }

  /** A CLI command through `-interpreter-exec console`. */
  console(command: string): Promise<MITuple> {
    return this.send(`-interpreter-exec console ${JSON.stringify(command)}`);
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      if (line.length > 0) this.onLine(line);
    }
  }

  private onLine(line: string): void {
    this.onTrace?.(`<- ${line}`);
    const rec: MIRecord = parseMILine(line);
    switch (rec.kind) {
      case 'result': {
        const p = rec.token === undefined ? undefined : this.pending.get(rec.token);
        if (!p || rec.token === undefined) return;
        this.pending.delete(rec.token);
        if (rec.cls === 'error') p.reject(new MIError(p.command, typeof rec.results.msg === 'string' ? rec.results.msg : 'error'));
        else p.resolve(rec.results);
        return;
      }
      case 'exec':
        this.emit('exec', rec);
        return;
      case 'notify':
      case 'status':
        this.emit('notify', rec);
        return;
      case 'console':
      case 'target':
      case 'log':
        this.emit(rec.kind, rec.text);
        return;
      case 'unknown':
        this.emit('output', rec.text);
        return;
      case 'prompt':
        return;
    }
  }

  /** Asks gdb to exit, and kills it when it does not within `graceMs`. */
  async stop(graceMs = 1500): Promise<void> {
    const proc = this.proc;
    if (!proc || this.exited) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    this.send('-gdb-exit').catch(() => {});
    proc.stdin?.end();
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
