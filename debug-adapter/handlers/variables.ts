// Stack, scopes, variables, evaluation and set variable. Locals and arguments are gdb variable
// objects (-var-create / -var-list-children), so structs (sockaddr_in, WSADATA), arrays and pointers
// open as trees; the Sockets and Winsock calls scopes come from the Winsock runtime. Values that hold
// a socket or a WSA error number get its state or its name beside them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Handles, Scope, Source, StackFrame } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { errorName } from '../../core/model/stateMachine';
import type { Debuggee } from '../debuggee';
import { MIError } from '../gdb/backend';
import { miList, miQuote, miString, miTuple, type MITuple } from '../gdb/miParser';
import { callsTree, socketsTree, type KernelTcpLookup, type TreeNode } from '../winsock/scope';
import { stateLabel } from '../winsock/tracker';
import { msg, type AdapterLang } from '../strings';

type Ref =
  | { kind: 'locals'; thread: number; level: number }
  | { kind: 'var'; name: string }
  | { kind: 'tree'; nodes: readonly TreeNode[] };

interface FrameRef {
  readonly thread: number;
  readonly level: number;
}

export class Variables {
  private readonly frames = new Handles<FrameRef>();
  private readonly refs = new Handles<Ref>();
  private varObjects: string[] = [];
  /** Variable objects of the locals of a frame, made once per stop. */
  private readonly localsCache = new Map<string, DebugProtocol.Variable[]>();

  constructor(
    private readonly debuggee: () => Debuggee | undefined,
    private readonly lang: () => AdapterLang,
    private readonly kernelTcp: KernelTcpLookup,
  ) {}

  /** Everything of the last stop is dropped when the program runs again. */
  async invalidate(): Promise<void> {
    const d = this.debuggee();
    const names = this.varObjects;
    this.varObjects = [];
    this.frames.reset();
    this.refs.reset();
    this.localsCache.clear();
    if (d && names.length > 0) {
      await Promise.all(names.map((n) => d.gdb.send(`-var-delete ${n}`).catch(() => {})));
    }
  }

  async threads(): Promise<DebugProtocol.Thread[]> {
    const d = this.debuggee();
    if (!d) return [];
    if (d.running) return [{ id: d.userThread, name: `Thread ${d.userThread}` }];
    const r = await d.gdb.send('-thread-info');
    return miList(r.threads)
      .map((t) => miTuple(t) ?? {})
      .map((t) => ({ id: Number(miString(t.id)), name: `${miString(t['target-id']) ?? 'Thread'}${miString(t.name) ? ` ${miString(t.name)}` : ''}` }))
      .filter((t) => !d.hiddenThreads.has(t.id));
  }

  async stackTrace(args: DebugProtocol.StackTraceArguments): Promise<{ frames: DebugProtocol.StackFrame[]; total: number }> {
    const d = this.debuggee();
    if (!d) return { frames: [], total: 0 };
    const start = args.startFrame ?? 0;
    const count = args.levels && args.levels > 0 ? args.levels : 100;
    const depth = await d.gdb.send(`-stack-info-depth --thread ${args.threadId} 200`).catch(() => ({ depth: '0' }) as MITuple);
    const total = Number(miString(depth.depth) ?? 0);
    const r = await d.gdb.send(`-stack-list-frames --thread ${args.threadId} ${start} ${start + count - 1}`);
    const frames = miList(r.stack).map((f) => {
      const t = miTuple(f) ?? {};
      const level = Number(miString(t.level) ?? 0);
      const id = this.frames.create({ thread: args.threadId, level });
      const file = miString(t.fullname) ?? miString(t.file);
      const name = miString(t.func) ?? miString(t.addr) ?? '??';
      const line = Number(miString(t.line) ?? 0);
      const hasSource = file !== undefined && existsSync(file);
      const sf = new StackFrame(id, name, hasSource ? new Source(path.basename(file), file) : undefined, hasSource ? line : 0, 0);
      // Frames in Wine's DLLs (or without a source here) are shown, dimmed, as a system DLL's would be.
      if (!hasSource) (sf as DebugProtocol.StackFrame).presentationHint = 'subtle';
      return sf;
    });
    return { frames, total: Math.max(total, start + frames.length) };
  }

  scopes(frameId: number, withWinsock: boolean): DebugProtocol.Scope[] {
    const f = this.frames.get(frameId);
    const lang = this.lang();
    const scopes: DebugProtocol.Scope[] = [];
    if (f) scopes.push(new Scope(msg(lang, 'scopeLocals'), this.refs.create({ kind: 'locals', thread: f.thread, level: f.level }), false));
    const d = this.debuggee();
    if (withWinsock && d) {
      const sockets = socketsTree(d.tracker, this.kernelTcp, lang);
      const s = new Scope(msg(lang, 'scopeSockets'), this.refs.create({ kind: 'tree', nodes: sockets.length > 0 ? sockets : [{ name: msg(lang, 'noSockets'), value: '' }] }), false);
      (s as DebugProtocol.Scope).namedVariables = sockets.length;
      scopes.push(s);
      scopes.push(new Scope(msg(lang, 'scopeCalls'), this.refs.create({ kind: 'tree', nodes: callsTree(d.tracker, lang) }), false));
    }
    return scopes;
  }

  private annotate(value: string, type: string | undefined): string {
    const d = this.debuggee();
    const n = Number(value);
    if (!Number.isInteger(n)) return value;
    if (type && /\bSOCKET\b/.test(type) && d) {
      const s = d.tracker.sockets.get(n);
      if (s) return msg(this.lang(), 'socketValue', value, stateLabel(s.state, this.lang()));
    }
    if (n >= 10004 && n <= 11999) {
      const name = errorName(n);
      if (name) return `${value} (${name})`;
    }
    return value;
  }

  private varToDap(t: MITuple, displayName?: string): DebugProtocol.Variable {
    const name = miString(t.name) ?? '';
    const numchild = Number(miString(t.numchild) ?? 0);
    const dynamic = miString(t.dynamic) === '1' || miString(t.has_more) === '1';
    const type = miString(t.type);
    const value = miString(t.value) ?? '';
    return {
      name: displayName ?? miString(t.exp) ?? name,
      value: this.annotate(value, type),
      ...(type ? { type } : {}),
      evaluateName: miString(t.exp) ?? displayName,
      variablesReference: numchild > 0 || dynamic ? this.refs.create({ kind: 'var', name }) : 0,
    };
  }

  private async createVar(d: Debuggee, expr: string, thread: number, level: number): Promise<MITuple> {
    const r = await d.gdb.send(`-var-create --thread ${thread} --frame ${level} - * ${miQuote(expr)}`);
    const name = miString(r.name);
    if (name) this.varObjects.push(name);
    return r;
  }

  async variables(ref: number): Promise<DebugProtocol.Variable[]> {
    const d = this.debuggee();
    const r = this.refs.get(ref);
    if (!d || !r) return [];
    if (r.kind === 'tree') {
      return r.nodes.map((n) => ({ name: n.name, value: n.value, variablesReference: n.children ? this.refs.create({ kind: 'tree', nodes: n.children }) : 0 }));
    }
    if (r.kind === 'locals') {
      const key = `${r.thread}:${r.level}`;
      const cached = this.localsCache.get(key);
      if (cached) return cached;
      const list = await d.gdb.send(`-stack-list-variables --thread ${r.thread} --frame ${r.level} --no-values`);
      const out: DebugProtocol.Variable[] = [];
      for (const v of miList(list.variables)) {
        const name = miString(miTuple(v)?.name);
        if (!name) continue;
        try {
          out.push(this.varToDap(await this.createVar(d, name, r.thread, r.level), name));
        } catch (e) {
          out.push({ name, value: e instanceof MIError ? `<${e.message}>` : String(e), variablesReference: 0 });
        }
      }
      this.localsCache.set(key, out);
      return out;
    }
    const kids = await d.gdb.send(`-var-list-children --all-values ${miQuote(r.name)}`);
    const out: DebugProtocol.Variable[] = [];
    for (const c of miList(kids.children)) {
      const t = miTuple(c) ?? {};
      const exp = miString(t.exp) ?? '';
      // Access-specifier pseudo children of C++ classes (public/private) are flattened.
      if (['public', 'private', 'protected'].includes(exp) && miString(t.type) === undefined) {
        out.push(...(await this.variables(this.refs.create({ kind: 'var', name: miString(t.name) ?? '' }))));
        continue;
      }
      out.push(this.varToDap(t, exp));
    }
    return out;
  }

  async evaluate(args: DebugProtocol.EvaluateArguments): Promise<DebugProtocol.EvaluateResponse['body']> {
    const d = this.debuggee();
    if (!d) throw new Error('no program');
    if (d.running) throw new Error(msg(this.lang(), 'notStopped'));
    const f = args.frameId !== undefined ? this.frames.get(args.frameId) : undefined;
    const thread = f?.thread ?? d.userThread;
    const level = f?.level ?? 0;
    // A debug-console line that starts with '-' is an MI command, with '`' a gdb CLI command.
    if (args.context === 'repl' && args.expression.startsWith('`')) {
      const lines: string[] = [];
      const grab = (t: string) => lines.push(t);
      d.gdb.on('console', grab);
      try {
        await d.gdb.console(args.expression.slice(1));
      } finally {
        d.gdb.off('console', grab);
      }
      return { result: lines.join('').trimEnd(), variablesReference: 0 };
    }
    const v = await this.createVar(d, args.expression, thread, level);
    const dap = this.varToDap(v, args.expression);
    return { result: dap.value, ...(dap.type ? { type: dap.type } : {}), variablesReference: dap.variablesReference };
  }

  async setVariable(args: DebugProtocol.SetVariableArguments): Promise<DebugProtocol.SetVariableResponse['body']> {
    const d = this.debuggee();
    const parent = this.refs.get(args.variablesReference);
    if (!d || !parent) throw new Error('unknown variable');
    let varName: string | undefined;
    if (parent.kind === 'locals') {
      const v = await this.createVar(d, args.name, parent.thread, parent.level);
      varName = miString(v.name);
    } else if (parent.kind === 'var') {
      const kids = await d.gdb.send(`-var-list-children ${miQuote(parent.name)}`);
      varName = miList(kids.children).map((c) => miTuple(c) ?? {}).find((c) => miString(c.exp) === args.name)?.name as string | undefined;
    }
    if (!varName) throw new Error('unknown variable');
    const r = await d.gdb.send(`-var-assign ${miQuote(varName)} ${miQuote(args.value)}`);
    this.localsCache.clear();
    return { value: this.annotate(miString(r.value) ?? args.value, undefined) };
  }
}
