// Breakpoint requests: source lines (moved to the line gdb chose, verified), conditions, hit counts,
// logpoints, function breakpoints, and the two exception filters. Breakpoints set while the program
// runs go in through a silent pause.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { errorValue } from '../../core/model/stateMachine';
import type { Debuggee } from '../debuggee';
import { MIError } from '../gdb/backend';
import { miQuote, miString, miTuple, type MITuple } from '../gdb/miParser';
import { msg, type AdapterLang } from '../strings';
import { afterHit, initialIgnoreCount, parseHitCondition, type HitCondition } from './hitCondition';

export const FAILED_CALL_FILTER = 'winsock-call-failed';
export const LINT_FILTER = 'lint-finding';

interface GdbBreakpoint {
  readonly number: string;
  readonly logMessage?: string;
}

export interface LintStopInfo {
  readonly rule: string;
  readonly message: string;
}

export class Breakpoints {
  private readonly bySource = new Map<string, GdbBreakpoint[]>();
  private functionBps: GdbBreakpoint[] = [];
  private lintBps = new Map<string, LintStopInfo>();
  private nextId = 1;
  /** gdb's breakpoint number → the id the client was given. */
  private readonly dapIds = new Map<string, number>();
  private readonly logpoints = new Map<string, string>();
  private readonly hitConditions = new Map<string, HitCondition>();

  constructor(
    private readonly debuggee: () => Debuggee | undefined,
    private readonly lang: () => AdapterLang,
    /** The findings of the lint core for the program's sources: file → [{line (1-based), rule, message}]. */
    private readonly lintFindings: () => Promise<{ file: string; line: number; rule: string; message: string }[]>,
  ) {}

  logMessageOf(bkptno: string): string | undefined {
    return this.logpoints.get(bkptno);
  }

  /**
   * After a stop at breakpoint `bkptno` (the program is stopped): a `== N` breakpoint is disabled,
   * a `% N` one ignores the next N-1 hits again.
   */
  async hit(bkptno: string): Promise<void> {
    const c = this.hitConditions.get(bkptno);
    const next = c ? afterHit(c) : undefined;
    const d = this.debuggee();
    if (!next || !d) return;
    await d.gdb.send('disable' in next ? `-break-disable ${bkptno}` : `-break-after ${bkptno} ${next.ignore}`);
  }

  lintStopOf(bkptno: string): LintStopInfo | undefined {
    return this.lintBps.get(bkptno);
  }

  /** The DAP id of the breakpoint gdb numbers `gdbNumber` (for a stop's hitBreakpointIds). */
  dapIdOf(gdbNumber: string): number | undefined {
    return this.dapIds.get(gdbNumber);
  }

  private toDap(bkpt: MITuple | undefined, fallbackLine?: number, source?: DebugProtocol.Source): DebugProtocol.Breakpoint {
    const line = Number(miString(bkpt?.line) ?? fallbackLine);
    const pending = miString(bkpt?.pending) !== undefined || miString(bkpt?.addr) === '<PENDING>';
    const id = this.nextId++;
    const gdbNumber = miString(bkpt?.number);
    if (gdbNumber) this.dapIds.set(gdbNumber, id);
    return { id, verified: !pending && bkpt !== undefined, ...(Number.isFinite(line) ? { line } : {}), ...(source ? { source } : {}) };
  }

  private async insert(location: string, opts: { condition?: string; hitCondition?: string; logMessage?: string; temporary?: boolean }): Promise<MITuple> {
    const d = this.debuggee();
    if (!d) throw new Error('no debuggee');
    const flags: string[] = [];
    if (opts.temporary) flags.push('-t');
    if (opts.condition) flags.push('-c', miQuote(opts.condition));
    const hitText = opts.hitCondition?.trim() ? opts.hitCondition : undefined;
    const hits = hitText !== undefined ? parseHitCondition(hitText) : undefined;
    if (hitText !== undefined && !hits) throw new BadHitCondition(hitText);
    if (hits && initialIgnoreCount(hits) > 0) flags.push('-i', String(initialIgnoreCount(hits)));
    const r = await d.gdb.send(`-break-insert -f ${flags.join(' ')} ${miQuote(location)}`);
    const bkpt = miTuple(r.bkpt);
    if (opts.logMessage !== undefined && bkpt) this.logpoints.set(miString(bkpt.number) ?? '', opts.logMessage);
    if (hits && bkpt) this.hitConditions.set(miString(bkpt.number) ?? '', hits);
    return bkpt ?? {};
  }

  private refusal(e: unknown): string {
    if (e instanceof BadHitCondition) return msg(this.lang(), 'badHitCondition', e.text);
    return msg(this.lang(), 'breakpointRefused', e instanceof MIError ? e.message : String(e));
  }

  private async remove(list: readonly GdbBreakpoint[]): Promise<void> {
    const d = this.debuggee();
    if (!d || list.length === 0) return;
    for (const b of list) {
      this.logpoints.delete(b.number);
      this.hitConditions.delete(b.number);
    }
    await d.gdb.send(`-break-delete ${list.map((b) => b.number).join(' ')}`).catch(() => {});
  }

  async setBreakpoints(args: DebugProtocol.SetBreakpointsArguments): Promise<DebugProtocol.Breakpoint[]> {
    const d = this.debuggee();
    const file = args.source.path ?? '';
    const wanted = args.breakpoints ?? [];
    if (!d) return wanted.map((b) => ({ verified: false, line: b.line }));
    return d.whileStopped(async () => {
      await this.remove(this.bySource.get(file) ?? []);
      const kept: GdbBreakpoint[] = [];
      const out: DebugProtocol.Breakpoint[] = [];
      for (const b of wanted) {
        try {
          const bkpt = await this.insert(`${file}:${b.line}`, {
            ...(b.condition ? { condition: b.condition } : {}),
            ...(b.hitCondition ? { hitCondition: b.hitCondition } : {}),
            ...(b.logMessage !== undefined ? { logMessage: b.logMessage } : {}),
          });
          kept.push({ number: miString(bkpt.number) ?? '' });
          out.push(this.toDap(bkpt, b.line, args.source));
        } catch (e) {
          out.push({ verified: false, line: b.line, message: this.refusal(e) });
        }
      }
      this.bySource.set(file, kept);
      return out;
    });
  }

  async setFunctionBreakpoints(args: DebugProtocol.SetFunctionBreakpointsArguments): Promise<DebugProtocol.Breakpoint[]> {
    const d = this.debuggee();
    if (!d) return args.breakpoints.map(() => ({ verified: false }));
    return d.whileStopped(async () => {
      await this.remove(this.functionBps);
      this.functionBps = [];
      const out: DebugProtocol.Breakpoint[] = [];
      for (const b of args.breakpoints) {
        try {
          const bkpt = await this.insert(b.name, {
            ...(b.condition ? { condition: b.condition } : {}),
            ...(b.hitCondition ? { hitCondition: b.hitCondition } : {}),
          });
          this.functionBps.push({ number: miString(bkpt.number) ?? '' });
          const file = miString(bkpt.fullname);
          out.push(this.toDap(bkpt, undefined, file ? { path: file, name: file.split(/[\\/]/).pop() ?? file } : undefined));
        } catch (e) {
          out.push({ verified: false, message: this.refusal(e) });
        }
      }
      return out;
    });
  }

  async setExceptionBreakpoints(args: DebugProtocol.SetExceptionBreakpointsArguments): Promise<DebugProtocol.Breakpoint[]> {
    const d = this.debuggee();
    const options: DebugProtocol.ExceptionFilterOptions[] = args.filterOptions ?? args.filters.map((filterId) => ({ filterId }));
    const failed = options.find((o) => o.filterId === FAILED_CALL_FILTER);
    const lint = options.some((o) => o.filterId === LINT_FILTER);
    const result: DebugProtocol.Breakpoint[] = [];
    let errors: number[] | undefined;
    if (failed?.condition && failed.condition.trim() !== '') {
      const names = failed.condition.split(/[\s,;|]+/).filter(Boolean);
      const unknown = names.filter((n) => errorValue(n) === undefined && !/^\d+$/.test(n));
      errors = names.map((n) => errorValue(n) ?? Number(n)).filter((n) => Number.isFinite(n));
      result.push(unknown.length > 0 ? { verified: false, message: msg(this.lang(), 'unknownErrorName', unknown.join(', ')) } : { verified: true });
    } else if (failed) result.push({ verified: true });
    if (lint) result.push({ verified: true });
    if (!d) return result;
    await d.setStopOnFailure(failed !== undefined, errors);
    await d.whileStopped(async () => {
      await this.remove([...this.lintBps.keys()].map((number) => ({ number })));
      this.lintBps.clear();
      if (!lint) return;
      for (const f of await this.lintFindings()) {
        try {
          const bkpt = await this.insert(`${f.file}:${f.line}`, {});
          this.lintBps.set(miString(bkpt.number) ?? '', { rule: f.rule, message: f.message });
        } catch {
          /* a finding on a line without code (a declaration): nothing to stop at */
        }
      }
    });
    return result;
  }
}

/** A hit condition that is none of the forms the adapter knows. */
class BadHitCondition extends Error {
  constructor(readonly text: string) {
    super(`bad hit condition: ${text}`);
  }
}
