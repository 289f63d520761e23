// The program under gdb: starts gdbserver.exe under Wine and gdb against it, feeds the Winsock
// tracer's lines to the tracker, turns gdb's *stopped records into plain stop events, and ends
// everything it started. The DAP session drives it; it knows nothing of DAP.
import { EventEmitter } from 'node:events';
import { createServer } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GdbBackend, MIError, spawnProcess, type ProcessFactory } from './gdb/backend';
import { startGdbServer, type GdbServer } from './gdb/gdbserver';
import { miQuote, miString, miTuple, type MIAsyncRecord, type MITuple } from './gdb/miParser';
import { tracedFunctionTable } from './winsock/table';
import { CALL_LOG_VARIABLE, CallLogReader, FAILURE_HOOK, tracedCallOf, type RecordedFunction } from './winsock/recorder';
import type { SourceLineLookup } from './program/sourceLines';
import { WinsockTracker, type JournalEntry, type TracedCall } from './winsock/tracker';
import { killPrefix, type WinePrefix } from './wine/prefix';

export type StopKind = 'breakpoint' | 'step' | 'pause' | 'entry' | 'exception' | 'signal' | 'internal';

export interface StopEvent {
  readonly kind: StopKind;
  readonly threadId: number;
  readonly breakpointNumber?: string;
  /** A Winsock call that failed and stopped the program (the "Winsock call failed" filter). */
  readonly failedCall?: JournalEntry;
  readonly signal?: string;
  readonly frame?: MITuple;
}

export interface DebuggeeEvents {
  stopped: [StopEvent];
  continued: [];
  call: [JournalEntry];
  output: [string, 'stdout' | 'stderr' | 'console'];
  exited: [number];
  /** gdb ended by itself (crash, killed from outside). */
  gdbDied: [string];
  traced: [string[]];
}

export interface DebuggeeStartOptions {
  readonly exe: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly gdbPath: string;
  readonly winePath: string;
  readonly gdbserverPath: string;
  /** Under Wine (Linux, macOS): the adapter's own prefix. Absent: native Windows (`native`). */
  readonly prefix?: WinePrefix;
  /** On Windows gdb runs the program itself: no Wine, no gdbserver. */
  readonly native?: boolean;
  readonly tracerScript: string;
  readonly workDir: string;
  readonly traceWinsock: boolean;
  /**
   * The program carries the call recorder (it was built by the adapter): calls come from this
   * record file, read at every stop and while it runs, and gdb's breakpoint tracer stays off.
   */
  readonly callLog?: { readonly file: string; readonly functions: readonly RecordedFunction[]; readonly lines: SourceLineLookup };
  readonly trace?: (line: string) => void;
  /**
   * Under Wine: runs gdbserver.exe (and so the program) in a terminal the client opens instead of
   * as the adapter's child; the program's output and input are then that terminal's.
   */
  readonly runInTerminal?: (launch: TerminalLaunch) => Promise<void>;
}

/** A command for the client's terminal: `env` holds only what differs from the adapter's own. */
export interface TerminalLaunch {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

/** gdbserver's own lines, which are not the program's output. */
const SERVER_NOISE = /^(Remote debugging from host .*|Process .* created; pid = .*|Detaching from process .*|Killing process.*|Child exited with status .*|Listening on port \d+|Remote side has terminated connection\..*|client connection closed)\r?$/;

export class Debuggee extends EventEmitter<DebuggeeEvents> {
  readonly gdb: GdbBackend;
  readonly tracker = new WinsockTracker();
  private server: GdbServer | undefined;
  /** The port gdbserver.exe listens on in the client's terminal (`runInTerminal`). */
  private terminalPort: number | undefined;
  private opts: DebuggeeStartOptions | undefined;
  running = false;
  private ended = false;
  private pendingFailure: number | undefined;
  /** Stops the adapter asked for itself (pause to insert a breakpoint), not shown to the user. */
  private internalStops = 0;
  private stopWaiters: ((e: StopEvent) => void)[] = [];
  /** Threads that pause injected into the process (DebugBreakProcess): hidden from the user. */
  readonly hiddenThreads = new Set<number>();
  private lastUserThread = 1;
  /** Threads gdb reported created and not yet exited. */
  private readonly liveThreads = new Set<number>();
  private serverLineBuffer = '';
  private startedUp = false;
  /** gdb's exec records, handled one after the other (a stop first reads the call log). */
  private execQueue: Promise<void> = Promise.resolve();
  private callLog: CallLogReader | undefined;
  private callLogTimer: NodeJS.Timeout | undefined;

  constructor(private readonly factory: ProcessFactory = spawnProcess) {
    super();
    this.gdb = new GdbBackend(factory);
  }

  async start(opts: DebuggeeStartOptions): Promise<void> {
    this.opts = opts;
    const native = opts.native === true || !opts.prefix;
    if (opts.callLog) {
      writeFileSync(opts.callLog.file, '');
      this.callLog = new CallLogReader(opts.callLog.file, opts.callLog.functions);
      const logName = native ? opts.callLog.file : `Z:${opts.callLog.file.replace(/\//g, '\\')}`;
      opts = { ...opts, env: { ...opts.env, [CALL_LOG_VARIABLE]: logName } };
      // While the program runs, its calls reach the journal within a quarter of a second.
      this.callLogTimer = setInterval(() => {
        if (this.running) this.execQueue = this.execQueue.then(() => this.readCallLog());
      }, 250);
      this.callLogTimer.unref(); // never what keeps the adapter alive
    }
    if (!native && opts.prefix) {
      const env = { ...opts.prefix.env, ...opts.env };
      if (opts.runInTerminal) {
        this.terminalPort = await freeLoopbackPort();
        await opts.runInTerminal({ args: [opts.winePath, opts.gdbserverPath, `127.0.0.1:${this.terminalPort}`, opts.exe, ...opts.args], cwd: opts.cwd, env: changedEnv(env) });
      } else {
        this.server = await startGdbServer(
          { winePath: opts.winePath, gdbserverPath: opts.gdbserverPath, program: opts.exe, args: opts.args, cwd: opts.cwd, env },
          (text, stream) => this.programOutput(text, stream),
          this.factory,
        );
      }
    }
    this.gdb.onTrace = opts.trace;
    this.gdb.on('exec', (r) => {
      this.execQueue = this.execQueue.then(() => this.onExec(r)).catch((e: unknown) => {
        this.emit('output', `Winsock Lens: ${e instanceof Error ? e.message : String(e)}\n`, 'console');
      });
    });
    this.gdb.on('console', (t) => this.onConsole(t));
    this.gdb.on('target', (t) => this.emit('output', t, 'stdout'));
    // Natively the program shares gdb's output: its lines are the ones that are not MI.
    if (native) this.gdb.on('output', (t) => this.emit('output', `${t}\n`, 'stdout'));
    this.gdb.on('exit', (code, signal) => {
      if (!this.ended) this.emit('gdbDied', String(code ?? signal));
    });
    this.gdb.on('notify', (r) => {
      const id = Number(miString(r.results.id));
      if (r.cls === 'thread-created') this.liveThreads.add(id);
      if (r.cls === 'thread-exited') {
        this.hiddenThreads.delete(id);
        this.liveThreads.delete(id);
        // A pause is shown on the last thread the user saw: not on one that has ended since.
        if (id === this.lastUserThread) {
          const others = [...this.liveThreads].filter((t) => !this.hiddenThreads.has(t));
          this.lastUserThread = others.length > 0 ? Math.min(...others) : 1;
        }
      }
    });
    await this.gdb.start({ gdbPath: opts.gdbPath, args: [opts.exe], cwd: opts.cwd, env: native ? { ...process.env, ...opts.env } : opts.prefix?.env });
    await this.gdb.send('-gdb-set mi-async on');
    await this.gdb.send('-gdb-set pagination off');
    await this.gdb.send('-gdb-set confirm off');
    // Breakpoints stay in the target between stops: otherwise every stop of the tracer's hidden
    // breakpoints takes all of them out and puts them back over the remote link.
    await this.gdb.send('-gdb-set breakpoint always-inserted on');
    if (native) {
      // Windows: gdb starts the program and stops at main, where the import table is filled.
      if (opts.args.length > 0) await this.gdb.send(`-exec-arguments ${opts.args.map(miQuote).join(' ')}`);
      await this.gdb.send(`-environment-cd ${miQuote(opts.cwd)}`);
      const stopped = this.nextStop(120_000);
      await this.gdb.send('-exec-run --start');
      await stopped;
    } else if (opts.prefix && (this.server || this.terminalPort)) {
      // The DLLs are read from the prefix, not pulled over the remote link (CLI form: the path is taken literally).
      await this.gdb.console(`set sysroot ${path.join(opts.prefix.dir, 'dosdevices', 'c:')}`);
      // In a terminal gdbserver.exe starts when the client gets to it: gdb retries the connection
      // (tcp auto-retry) until it listens, up to a cold Wine start.
      if (this.terminalPort) await this.gdb.console('set tcp connect-timeout 120');
      await this.gdb.send(`-target-select remote 127.0.0.1:${this.server?.port ?? this.terminalPort}`);
      // Wine's DLLs carry DWARF: step over them as over a system DLL.
      await this.gdb.console('skip -gfi dlls/*/*');
    }
    if (opts.traceWinsock) {
      const script = path.join(opts.workDir, 'winsock-lens-tracer.py');
      const table = path.join(opts.workDir, 'winsock-lens-functions.json');
      writeFileSync(script, opts.tracerScript);
      writeFileSync(table, JSON.stringify(tracedFunctionTable()));
      await this.gdb.console(`source ${script}`);
      await this.gdb.console(opts.callLog ? `python wsl_setup(${JSON.stringify(table)}, ${JSON.stringify(FAILURE_HOOK)})` : `python wsl_setup(${JSON.stringify(table)})`);
    }
    this.startedUp = true;
  }

  private programOutput(text: string, stream: 'stdout' | 'stderr'): void {
    this.serverLineBuffer += text;
    const lines = this.serverLineBuffer.split('\n');
    this.serverLineBuffer = lines.pop() ?? '';
    const kept = lines.filter((l) => !SERVER_NOISE.test(l));
    if (kept.length > 0) this.emit('output', `${kept.join('\n')}\n`, stream);
    // A partial line (a prompt without newline) is shown as it is.
    if (this.serverLineBuffer && !/^(Remote|Process|Detaching|Killing|Child|Listening|client connection)/.test(this.serverLineBuffer)) {
      this.emit('output', this.serverLineBuffer, stream);
      this.serverLineBuffer = '';
    }
  }

  private onConsole(text: string): void {
    if (!text.startsWith('@@WSL ')) {
      return;
    }
    let ev: { ev: string } & Record<string, unknown>;
    try {
      ev = JSON.parse(text.slice(6));
    } catch {
      return;
    }
    if (ev.ev === 'call') this.emit('call', this.tracker.record(ev as unknown as TracedCall));
    else if (ev.ev === 'failure-stop') this.pendingFailure = Number(ev.seq);
    else if (ev.ev === 'traced') this.emit('traced', (ev.functions as string[]) ?? []);
  }

  /** Takes the calls the recorder wrote since the last read into the journal, each with its line. */
  private async readCallLog(): Promise<void> {
    const log = this.opts?.callLog;
    if (!this.callLog || !log) return;
    const records = this.callLog.readNew();
    if (records.length === 0) return;
    const lines = await log.lines.linesOf(records.map((r) => r.rva));
    for (const r of records) {
      const where = lines.get(r.rva);
      const call = tracedCallOf(r, log.functions, where ?? undefined);
      this.emit('call', this.tracker.record(call));
    }
  }

  private async onExec(r: MIAsyncRecord): Promise<void> {
    if (r.cls === 'running') {
      this.running = true;
      return;
    }
    if (r.cls !== 'stopped') return;
    this.running = false;
    await this.readCallLog();
    const reason = miString(r.results.reason) ?? '';
    if (reason === 'exited' || reason === 'exited-normally' || reason === 'exited-signalled') {
      const code = reason === 'exited' ? parseInt(miString(r.results['exit-code']) ?? '0', 8) : 0;
      this.emit('exited', code);
      return;
    }
    const threadId = Number(miString(r.results['thread-id']) ?? this.lastUserThread);
    const frame = miTuple(r.results.frame);
    let ev: StopEvent;
    if (this.pendingFailure !== undefined) {
      const seq = this.pendingFailure;
      this.pendingFailure = undefined;
      const failedCall = [...this.tracker.journal].reverse().find((j) => j.call.seq === seq);
      ev = { kind: 'exception', threadId, ...(failedCall ? { failedCall } : {}), ...(frame ? { frame } : {}) };
    } else if (reason === 'breakpoint-hit') {
      ev = { kind: 'breakpoint', threadId, breakpointNumber: miString(r.results.bkptno) ?? '', ...(frame ? { frame } : {}) };
    } else if (reason === 'end-stepping-range' || reason === 'function-finished' || reason === 'location-reached') {
      ev = { kind: 'step', threadId, ...(frame ? { frame } : {}) };
    } else if (reason === 'signal-received' || reason === '') {
      const signal = miString(r.results['signal-name']) ?? '';
      // A pause (SIGINT/SIGTRAP) lands in a thread Windows injects into the process: hide it.
      const isPause = signal === 'SIGINT' || signal === 'SIGTRAP' || signal === '0' || reason === '';
      if (isPause && threadId !== this.lastUserThread) this.hiddenThreads.add(threadId);
      ev = isPause ? { kind: 'pause', threadId: this.lastUserThread, signal } : { kind: 'signal', threadId, signal, ...(frame ? { frame } : {}) };
    } else {
      ev = { kind: 'signal', threadId, signal: reason, ...(frame ? { frame } : {}) };
    }
    if (ev.kind !== 'pause') this.lastUserThread = ev.threadId;
    // The stop in ntdll when gdb connects is the adapter's business (breakpoints go in there).
    if (!this.startedUp) ev = { ...ev, kind: 'internal' };
    else if (this.internalStops > 0) {
      this.internalStops--;
      ev = { ...ev, kind: 'internal' };
    }
    const waiters = this.stopWaiters;
    this.stopWaiters = [];
    for (const w of waiters) w(ev);
    if (ev.kind !== 'internal') this.emit('stopped', ev);
  }

  get userThread(): number {
    return this.lastUserThread;
  }

  /** The next stop (any kind). */
  nextStop(timeoutMs = 10_000): Promise<StopEvent> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('the program did not stop in time')), timeoutMs);
      this.stopWaiters.push((e) => {
        clearTimeout(t);
        resolve(e);
      });
    });
  }

  async resume(command = '-exec-continue'): Promise<void> {
    this.running = true;
    this.emit('continued');
    try {
      await this.gdb.send(command);
    } catch (e) {
      this.running = false;
      throw e;
    }
  }

  async interrupt(): Promise<void> {
    await this.gdb.send('-exec-interrupt');
  }

  /**
   * Runs `fn` with the program stopped: when it runs, pauses it without telling the user, runs
   * `fn`, and lets it go on (gdb cannot insert breakpoints into a running target).
   */
  async whileStopped<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.running) return fn();
    this.internalStops++;
    const stopped = this.nextStop();
    await this.gdb.send('-exec-interrupt');
    const ev = await stopped;
    try {
      return await fn();
    } finally {
      if (ev.kind === 'internal') await this.gdb.send(`-exec-continue`).catch(() => {});
    }
  }

  /** gdb's answer, or the error text. */
  async tryConsole(command: string): Promise<string | undefined> {
    try {
      await this.gdb.console(command);
      return undefined;
    } catch (e) {
      return e instanceof MIError ? e.message : String(e);
    }
  }

  async setStopOnFailure(enabled: boolean, errors: readonly number[] | undefined): Promise<void> {
    if (!this.opts?.traceWinsock) return;
    const list = errors && errors.length > 0 ? `[${errors.join(',')}]` : 'None';
    await this.whileStopped(() => this.gdb.console(`python wsl_stop_on_failure(${enabled ? 'True' : 'False'}, ${list})`));
  }

  /** Ends the program, gdbserver, gdb and every process of the adapter's Wine prefix. */
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (this.callLogTimer) clearInterval(this.callLogTimer);
    this.callLog?.close();
    if (this.opts?.callLog) rmSync(this.opts.callLog.file, { force: true });
    if (this.gdb.running) {
      if (this.running) await Promise.race([this.gdb.send('-exec-interrupt').catch(() => {}), delay(300)]);
      await Promise.race([this.gdb.console('kill').catch(() => {}), delay(1000)]);
      await this.gdb.stop();
    }
    const pid = this.server?.process.pid;
    if (pid) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    if (this.opts?.prefix) {
      killPrefix(this.opts.prefix.dir, this.opts.winePath);
      this.opts.prefix.release();
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A port on 127.0.0.1 that was free a moment ago (listened on with 0, read, closed). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** The variables of `env` that the adapter's own environment does not already hold with the same value. */
function changedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && process.env[k] !== v) out[k] = v;
  return out;
}
