// The DAP session of the `winsock-lens` debug type: launch and end here; the request handlers live
// by concern in handlers/ (breakpoints, execution, variables), the gdb process in gdb/, the Winsock
// view in winsock/. Each request method below only delegates.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ContinuedEvent, ExitedEvent, InitializedEvent, LoggingDebugSession, OutputEvent, Source, StoppedEvent, TerminatedEvent,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { createLinter, resolveOptions, type Linter } from '../core/lint/index';
import { Debuggee, type StopEvent, type TerminalLaunch } from './debuggee';
import { Breakpoints, FAILED_CALL_FILTER, LINT_FILTER } from './handlers/breakpoints';
import { Execution, type StepKind } from './handlers/execution';
import { Variables } from './handlers/variables';
import { launchArgumentProblem, type PeerConfig, type WinsockLaunchArguments } from './launchArgs';
import { CompileError, compileProgram, defaultCompiler, isSourceProgram } from './program/compile';
import { msg, pickLanguage, type AdapterLang } from './strings';
import { kernelTcpLookupFor } from './winsock/kernelTcp';
import type { KernelTcpLookup } from './winsock/scope';
import { describeError } from './winsock/tracker';
import { journalLine } from './winsock/scope';
import { acquirePrefix } from './wine/prefix';
import { startPeer, type RunningPeer } from './peer';
// The gdb-side tracer, bundled as text by esbuild (loader .py: text).
import tracerScript from './winsock/tracer.py';
import { recordedFunctions, recorderLinkArgs, recorderSource } from './winsock/recorder';
import { tracedFunctionTable } from './winsock/table';
import { SourceLineLookup, addr2lineFor } from './program/sourceLines';

/** Call logs made by this adapter process (one per session). */
let callLogCount = 0;

export function defaultStorageDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'winsock-lens', 'debug');
}

export class WinsockDebugSession extends LoggingDebugSession {
  private lang: AdapterLang = pickLanguage(undefined);
  /** The client answers `runInTerminal` (VS Code does; many other clients do not). */
  private clientRunsInTerminal = false;
  private debuggee: Debuggee | undefined;
  private args: WinsockLaunchArguments | undefined;
  private peer: RunningPeer | undefined;
  private configurationDone!: Promise<void>;
  private markConfigurationDone!: () => void;
  private readonly breakpoints = new Breakpoints(() => this.debuggee, () => this.lang, () => this.lintFindings());
  /** The kernel's TCP rows for the Sockets scope: /proc/net/tcp, or GetTcpTable on Windows (set at launch). */
  private kernelTcp: KernelTcpLookup = () => undefined;
  private readonly variables = new Variables(() => this.debuggee, () => this.lang, (local, peer) => this.kernelTcp(local, peer));
  private readonly execution = new Execution(() => this.debuggee, () => this.variables.invalidate());
  private sources: string[] = [];
  private ending = false;

  /** The platform decides native gdb (win32) or gdbserver.exe under Wine; tests may set it. */
  platform: NodeJS.Platform = process.platform;

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
    this.configurationDone = new Promise((r) => (this.markConfigurationDone = r));
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse, args: DebugProtocol.InitializeRequestArguments): void {
    this.lang = pickLanguage(args.locale);
    this.clientRunsInTerminal = args.supportsRunInTerminalRequest === true;
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsFunctionBreakpoints: true,
      supportsEvaluateForHovers: true,
      supportsSetVariable: true,
      supportsTerminateRequest: true,
      supportsRestartRequest: false,
      supportsExceptionFilterOptions: true,
      supportsSteppingGranularity: false,
      exceptionBreakpointFilters: this.exceptionFilters(),
    };
    this.sendResponse(response);
  }

  private exceptionFilters(): DebugProtocol.ExceptionBreakpointsFilter[] {
    return [
      {
        filter: FAILED_CALL_FILTER,
        label: msg(this.lang, 'failedFilter'),
        description: msg(this.lang, 'failedFilterDescription'),
        supportsCondition: true,
        conditionDescription: msg(this.lang, 'failedFilterCondition'),
        default: false,
      },
      { filter: LINT_FILTER, label: msg(this.lang, 'lintFilter'), description: msg(this.lang, 'lintFilterDescription'), default: false },
    ];
  }

  private console(text: string, category: 'console' | 'stdout' | 'stderr' | 'important' = 'console'): void {
    this.sendEvent(new OutputEvent(text.endsWith('\n') || category !== 'console' ? text : `${text}\n`, category));
  }

  private fail(response: DebugProtocol.Response, text: string): void {
    this.sendErrorResponse(response, { id: 1001, format: text.replace(/\{/g, '{{').replace(/\}/g, '}}'), showUser: true });
  }

  protected override async launchRequest(response: DebugProtocol.LaunchResponse, args: WinsockLaunchArguments): Promise<void> {
    if (args.language) this.lang = pickLanguage(args.language);
    const problem = launchArgumentProblem(args);
    if (problem) return this.fail(response, msg(this.lang, problem.key, problem.detail));
    this.args = args;
    const cwd = args.cwd || path.dirname(path.resolve(args.program));
    const program = path.resolve(cwd, args.program);
    if (!existsSync(program)) return this.fail(response, msg(this.lang, 'programMissing', program));
    const storage = args.storageDir || defaultStorageDir();
    mkdirSync(storage, { recursive: true });
    let exe = program;
    // A program built here carries the call recorder: its Winsock calls are journaled without stops.
    const compiler = args.compilerPath || defaultCompiler(program);
    const recorded = isSourceProgram(program) && args.traceWinsock !== false ? recordedFunctions(tracedFunctionTable()) : undefined;
    try {
      if (isSourceProgram(program)) {
        this.sources = [program];
        this.console(msg(this.lang, 'compiling', path.basename(program), compiler));
        const recorder = recorded ? { source: recorderSource(recorded), linkArgs: recorderLinkArgs(recorded) } : undefined;
        exe = await compileProgram({ source: program, outDir: path.join(storage, 'build'), compilerPath: args.compilerPath, compilerArgs: args.compilerArgs, cwd, ...(recorder ? { recorder } : {}) });
      }
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      for (const dgn of e.diagnostics) {
        const ev = new OutputEvent(`${dgn.file}:${dgn.line}${dgn.column ? `:${dgn.column}` : ''}: ${dgn.severity}: ${dgn.text}\n`, 'stderr') as DebugProtocol.OutputEvent;
        ev.body.source = new Source(path.basename(dgn.file), path.resolve(cwd, dgn.file));
        ev.body.line = dgn.line;
        if (dgn.column) ev.body.column = dgn.column;
        this.sendEvent(ev);
      }
      return this.fail(response, msg(this.lang, 'compileFailed', path.basename(program), path.basename(e.compiler), e.output));
    }
    const winePath = args.winePath || 'wine';
    const gdbPath = args.miDebuggerPath || (this.platform === 'win32' ? 'gdb.exe' : 'x86_64-w64-mingw32-gdb');
    const debuggee = new Debuggee();
    this.debuggee = debuggee;
    try {
      // On Windows gdb runs the program natively; elsewhere under Wine, in the adapter's own prefix.
      const native = this.platform === 'win32';
      this.kernelTcp = await kernelTcpLookupFor(this.platform);
      if (native && (args.console === 'integratedTerminal' || args.console === 'externalTerminal')) this.console(msg(this.lang, 'consoleNative', args.console));
      const prefix = native ? undefined : await acquirePrefix(path.join(storage, 'wine'), winePath, (t) => this.console(msg(this.lang, 'prefix', t)));
      const env: Record<string, string> = { ...(args.env ?? {}) };
      const progArgs = [...(args.args ?? [])];
      if (args.peer) {
        const p: PeerConfig = typeof args.peer === 'string' ? { behaviour: args.peer } : args.peer;
        try {
          this.peer = await startPeer(p, (t) => this.console(`[peer] ${t}`));
        } catch (e) {
          await this.endAll();
          return this.fail(response, msg(this.lang, 'peerPortBusy', p.port ?? 0, (e as NodeJS.ErrnoException).code ?? String(e)));
        }
        if (p.env) env[p.env] = String(this.peer.port);
        else if (p.arg) progArgs.push(p.arg.replace(/\$\{port\}/g, String(this.peer.port)));
        else progArgs.push(String(this.peer.port));
        this.console(msg(this.lang, 'peerStarted', this.peer.behaviour, this.peer.port));
      }
      this.wire(debuggee);
      await debuggee.start({
        exe, args: progArgs, cwd, env, gdbPath, winePath,
        gdbserverPath: args.gdbserverPath || '/usr/share/win64/gdbserver.exe',
        ...(prefix ? { prefix } : { native: true }),
        tracerScript,
        ...(native ? {} : this.terminalFor(args)),
        workDir: storage,
        traceWinsock: args.traceWinsock !== false,
        ...(recorded
          ? { callLog: { file: path.join(storage, `winsock-lens-calls-${process.pid}-${++callLogCount}.bin`), functions: recorded, lines: new SourceLineLookup(exe, addr2lineFor(compiler), cwd) } }
          : {}),
        ...(args.trace ? { trace: (l: string) => this.console(l) } : {}),
      });
      if (!isSourceProgram(program)) this.sources = await this.programSources(debuggee);
    } catch (e) {
      await this.endAll();
      const text = e instanceof Error ? e.message : String(e);
      const missing = /ENOENT|not found/.test(text) && text.includes(gdbPath);
      return this.fail(response, missing ? msg(this.lang, 'gdbMissing', gdbPath) : msg(this.lang, 'startFailed', text));
    }
    this.sendEvent(new InitializedEvent());
    await Promise.race([this.configurationDone, new Promise((r) => setTimeout(r, 10_000))]);
    this.sendResponse(response);
    try {
      if (args.stopOnEntry) {
        await debuggee.gdb.send('-break-insert -t main');
        this.entryPending = true;
      }
      await debuggee.resume();
    } catch (e) {
      this.console(msg(this.lang, 'startFailed', e instanceof Error ? e.message : String(e)), 'stderr');
    }
  }

  /** The `runInTerminal` option of the start, when the program is to run in the client's terminal (under Wine). */
  private terminalFor(args: WinsockLaunchArguments): { runInTerminal?: (l: TerminalLaunch) => Promise<void> } {
    const kind = args.console === 'integratedTerminal' ? 'integrated' : args.console === 'externalTerminal' ? 'external' : undefined;
    if (!kind) return {};
    if (!this.clientRunsInTerminal) {
      this.console(msg(this.lang, 'consoleUnsupported', String(args.console)));
      return {};
    }
    const title = msg(this.lang, 'terminalTitle', path.basename(args.program));
    return {
      runInTerminal: (l) =>
        new Promise((resolve, reject) =>
          this.runInTerminalRequest({ kind, title, cwd: l.cwd, args: [...l.args], env: l.env }, 30_000, (r) =>
            r.success ? resolve() : reject(new Error(msg(this.lang, 'terminalFailed', r.message ?? ''))),
          ),
        ),
    };
  }

  private entryPending = false;

  private async programSources(d: Debuggee): Promise<string[]> {
    const r = await d.gdb.send('-file-list-exec-source-files').catch(() => undefined);
    const files = ((r?.files as unknown[]) ?? []).map((f) => (f as Record<string, string>).fullname).filter((f): f is string => typeof f === 'string');
    return [...new Set(files)].filter((f) => /\.(c|cc|cpp|cxx)$/i.test(f) && !f.includes('/dlls/') && existsSync(f));
  }

  private linter: Promise<Linter> | undefined;

  private async lintFindings(): Promise<{ file: string; line: number; rule: string; message: string }[]> {
    this.linter ??= createLinter((file) => readFile(path.join(__dirname, file)).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)));
    const linter = await this.linter;
    const out: { file: string; line: number; rule: string; message: string }[] = [];
    for (const file of this.sources) {
      const text = readFileSync(file, 'utf8');
      const options = resolveOptions({ language: /\.c$/i.test(file) ? 'c' : 'cpp' });
      for (const f of linter.lintText(text, file, options)) out.push({ file, line: f.span.start.line + 1, rule: f.rule, message: f.message[this.lang] });
    }
    return out;
  }

  private wire(d: Debuggee): void {
    d.on('output', (text, stream) => this.console(text, stream));
    d.on('traced', (fns) => this.console(msg(this.lang, 'traced', fns.join(', '))));
    d.on('call', (j) => {
      if (this.args?.traceWinsock !== false) this.console(`[winsock] ${journalLine(j, this.lang, this.args && isSourceProgram(this.args.program) ? this.sources[0] : undefined)}`);
    });
    d.on('continued', () => this.sendEvent(new ContinuedEvent(d.userThread, true)));
    d.on('stopped', (ev) => void this.onStopped(ev));
    d.on('exited', (code) => {
      this.console(msg(this.lang, 'exited', code));
      this.sendEvent(new ExitedEvent(code));
      void this.endAll().then(() => this.sendEvent(new TerminatedEvent()));
    });
    d.on('gdbDied', (why) => {
      if (this.ending) return;
      this.console(msg(this.lang, 'gdbDied', why), 'stderr');
      void this.endAll().then(() => this.sendEvent(new TerminatedEvent()));
    });
  }

  private async onStopped(ev: StopEvent): Promise<void> {
    const d = this.debuggee;
    if (!d) return;
    await this.variables.invalidate();
    if (ev.kind === 'breakpoint' && ev.breakpointNumber) {
      await this.breakpoints.hit(ev.breakpointNumber).catch((e: unknown) => this.console(msg(this.lang, 'startFailed', e instanceof Error ? e.message : String(e)), 'stderr'));
      const log = this.breakpoints.logMessageOf(ev.breakpointNumber);
      if (log !== undefined) {
        this.console(await this.expandLogMessage(log, ev.threadId));
        await d.resume();
        return;
      }
      const lint = this.breakpoints.lintStopOf(ev.breakpointNumber);
      if (lint) {
        const text = msg(this.lang, 'lintStop', lint.rule, lint.message);
        const s = new StoppedEvent('exception', ev.threadId, text) as DebugProtocol.StoppedEvent;
        s.body.description = text;
        this.sendEvent(s);
        return;
      }
    }
    if (ev.kind === 'exception' && ev.failedCall) {
      const j = ev.failedCall;
      const text = msg(this.lang, 'failureStop', j.call.fn, describeError(j.call.err, this.lang));
      const s = new StoppedEvent('exception', ev.threadId, text) as DebugProtocol.StoppedEvent;
      s.body.description = text;
      this.sendEvent(s);
      return;
    }
    if (ev.kind === 'pause') {
      await d.gdb.send(`-thread-select ${ev.threadId}`).catch(() => {});
      this.sendEvent(new StoppedEvent('pause', ev.threadId));
      return;
    }
    if (this.entryPending && ev.kind === 'breakpoint') {
      this.entryPending = false;
      this.sendEvent(new StoppedEvent('entry', ev.threadId));
      return;
    }
    const reason = ev.kind === 'breakpoint' ? 'breakpoint' : ev.kind === 'step' ? 'step' : ev.kind === 'signal' ? 'exception' : ev.kind;
    const s = new StoppedEvent(reason, ev.threadId, ev.signal) as DebugProtocol.StoppedEvent;
    const hitId = ev.kind === 'breakpoint' && ev.breakpointNumber ? this.breakpoints.dapIdOf(ev.breakpointNumber) : undefined;
    if (hitId !== undefined) s.body.hitBreakpointIds = [hitId];
    this.sendEvent(s);
  }

  private async expandLogMessage(text: string, thread: number): Promise<string> {
    const d = this.debuggee;
    const parts = text.split(/(\{[^}]+\})/);
    const out: string[] = [];
    for (const p of parts) {
      if (!/^\{[^}]+\}$/.test(p) || !d) {
        out.push(p);
        continue;
      }
      try {
        const r = await d.gdb.send(`-data-evaluate-expression --thread ${thread} --frame 0 ${JSON.stringify(p.slice(1, -1))}`);
        out.push(String(r.value ?? ''));
      } catch (e) {
        out.push(msg(this.lang, 'logpointFailed', e instanceof Error ? e.message : String(e)));
      }
    }
    return out.join('');
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.markConfigurationDone();
    this.sendResponse(response);
  }

  private async respond<R extends DebugProtocol.Response>(response: R, work: () => Promise<R['body'] | void>): Promise<void> {
    try {
      const body = await work();
      if (body !== undefined) response.body = body;
      this.sendResponse(response);
    } catch (e) {
      this.sendErrorResponse(response, { id: 1002, format: (e instanceof Error ? e.message : String(e)).replace(/\{/g, '{{').replace(/\}/g, '}}'), showUser: false });
    }
  }

  // Breakpoints (handlers/breakpoints.ts).
  protected override setBreakPointsRequest(r: DebugProtocol.SetBreakpointsResponse, a: DebugProtocol.SetBreakpointsArguments): void {
    void this.respond(r, async () => ({ breakpoints: await this.breakpoints.setBreakpoints(a) }));
  }
  protected override setFunctionBreakPointsRequest(r: DebugProtocol.SetFunctionBreakpointsResponse, a: DebugProtocol.SetFunctionBreakpointsArguments): void {
    void this.respond(r, async () => ({ breakpoints: await this.breakpoints.setFunctionBreakpoints(a) }));
  }
  protected override setExceptionBreakPointsRequest(r: DebugProtocol.SetExceptionBreakpointsResponse, a: DebugProtocol.SetExceptionBreakpointsArguments): void {
    void this.respond(r, async () => ({ breakpoints: await this.breakpoints.setExceptionBreakpoints(a) }));
  }

  // Execution (handlers/execution.ts).
  private step(r: DebugProtocol.Response, kind: StepKind, threadId: number | undefined): void {
    void this.respond(r, async () => {
      await this.execution.run(kind, threadId);
      return kind === 'continue' ? { allThreadsContinued: true } : undefined;
    });
  }
  protected override continueRequest(r: DebugProtocol.ContinueResponse, a: DebugProtocol.ContinueArguments): void {
    this.step(r, 'continue', a.threadId);
  }
  protected override nextRequest(r: DebugProtocol.NextResponse, a: DebugProtocol.NextArguments): void {
    this.step(r, 'next', a.threadId);
  }
  protected override stepInRequest(r: DebugProtocol.StepInResponse, a: DebugProtocol.StepInArguments): void {
    this.step(r, 'stepIn', a.threadId);
  }
  protected override stepOutRequest(r: DebugProtocol.StepOutResponse, a: DebugProtocol.StepOutArguments): void {
    this.step(r, 'stepOut', a.threadId);
  }
  protected override pauseRequest(r: DebugProtocol.PauseResponse): void {
    void this.respond(r, () => this.execution.pause());
  }

  // Threads, stack and variables (handlers/variables.ts).
  protected override threadsRequest(r: DebugProtocol.ThreadsResponse): void {
    void this.respond(r, async () => ({ threads: await this.variables.threads() }));
  }
  protected override stackTraceRequest(r: DebugProtocol.StackTraceResponse, a: DebugProtocol.StackTraceArguments): void {
    void this.respond(r, async () => {
      const { frames, total } = await this.variables.stackTrace(a);
      return { stackFrames: frames, totalFrames: total };
    });
  }
  protected override scopesRequest(r: DebugProtocol.ScopesResponse, a: DebugProtocol.ScopesArguments): void {
    void this.respond(r, async () => ({ scopes: this.variables.scopes(a.frameId, this.args?.traceWinsock !== false) }));
  }
  protected override variablesRequest(r: DebugProtocol.VariablesResponse, a: DebugProtocol.VariablesArguments): void {
    void this.respond(r, async () => ({ variables: await this.variables.variables(a.variablesReference) }));
  }
  protected override evaluateRequest(r: DebugProtocol.EvaluateResponse, a: DebugProtocol.EvaluateArguments): void {
    void this.respond(r, () => this.variables.evaluate(a));
  }
  protected override setVariableRequest(r: DebugProtocol.SetVariableResponse, a: DebugProtocol.SetVariableArguments): void {
    void this.respond(r, () => this.variables.setVariable(a));
  }

  // Ending.
  private async endAll(): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    const d = this.debuggee;
    this.debuggee = undefined;
    await d?.end().catch(() => {});
    await this.peer?.stop().catch(() => {});
    this.peer = undefined;
  }
  protected override async terminateRequest(r: DebugProtocol.TerminateResponse): Promise<void> {
    await this.endAll();
    this.sendResponse(r);
    this.sendEvent(new TerminatedEvent());
  }
  protected override async disconnectRequest(r: DebugProtocol.DisconnectResponse): Promise<void> {
    await this.endAll();
    this.sendResponse(r);
  }
  /** The process entry calls this when the client goes away without a disconnect. */
  async shutdownNow(): Promise<void> {
    await this.endAll();
  }
}
