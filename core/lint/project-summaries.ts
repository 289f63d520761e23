// The summaries of several files, put together for the lint of each of them: what the command line
// (and the language server) pass as `LintOptions.summaries`. Plain data in, plain data out.
import type { FileSummaries, FunctionSummary } from './types';

/**
 * One summary per function name. A name that two files define (two `static` helpers, or a
 * platform's twin) counts only when every definition says the same; otherwise which one a call
 * reaches is not known, and the name has no summary.
 */
export function mergeSummaries(files: readonly FileSummaries[]): FunctionSummary[] {
  const definedBy = new Map<string, number>();
  for (const f of files) for (const name of new Set(f.defined)) definedBy.set(name, (definedBy.get(name) ?? 0) + 1);
  const seen = new Map<string, { summary: FunctionSummary; sig: string; count: number }>();
  const conflicting = new Set<string>();
  for (const f of files) {
    for (const s of f.functions) {
      const sig = signature(s);
      const had = seen.get(s.name);
      if (!had) seen.set(s.name, { summary: s, sig, count: 1 });
      else if (had.sig !== sig) conflicting.add(s.name);
      else had.count++;
    }
  }
  const out: FunctionSummary[] = [];
  for (const [name, { summary, count }] of seen) {
    if (conflicting.has(name) || count !== definedBy.get(name)) continue;
    out.push(summary);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function signature(s: FunctionSummary): string {
  return `${s.params}|${s.closes ? 1 : 0}|${s.shutsDown ?? ''}|${s.noreturn ? 1 : 0}`;
}

/**
 * Whether a file's text calls a function summarised in another file (it does not define it): its
 * findings may change with the summaries, so it is linted again with them.
 */
export function callsSummarized(text: string, summaries: readonly FunctionSummary[], own: FileSummaries | undefined): boolean {
  return callsAny(text, summaries.map((s) => s.name), own);
}

/** Whether a file's text calls one of `names` that it does not define itself. */
export function callsAny(text: string, names: Iterable<string>, own: FileSummaries | undefined): boolean {
  const defined = new Set(own?.defined ?? []);
  const called = [...names].filter((n) => !defined.has(n));
  // Chunks keep each pattern small on a project with thousands of summaries.
  for (let i = 0; i < called.length; i += 200) {
    if (new RegExp(`\\b(?:${called.slice(i, i + 200).join('|')})\\s*\\(`).test(text)) return true;
  }
  return false;
}

/**
 * The summaries of the files a server has linted (the language server's open documents), kept
 * current as files are linted again or closed. `merged()` is what the next lint
 * of any file passes as `LintOptions.summaries`; `update` says when it changed, so that the files
 * linted with the old one can be linted again.
 */
export class SummaryIndex {
  private readonly byFile = new Map<string, FileSummaries>();
  private merged_: FunctionSummary[] = [];
  /** Each merged name's signature. */
  private signatures = new Map<string, string>();
  private readonly listeners = new Set<(changed: ReadonlySet<string>) => void>();

  /**
   * Calls `listener` after each change of the merged summaries, with the names whose summary
   * came, went or changed; returns the unsubscribe.
   */
  subscribe(listener: (changed: ReadonlySet<string>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What `file` summarised when it was last linted. */
  of(file: string): FileSummaries | undefined {
    return this.byFile.get(file);
  }

  /** Records what `file` defines and summarises now; true when the merged summaries changed. */
  update(file: string, summaries: FileSummaries | undefined): boolean {
    if (summaries && (summaries.defined.length > 0 || summaries.functions.length > 0)) this.byFile.set(file, summaries);
    else if (!this.byFile.delete(file)) return false;
    return this.remerge();
  }

  /** The file is gone (deleted, or out of the workspace); true when the merged summaries changed. */
  forget(file: string): boolean {
    return this.byFile.delete(file) ? this.remerge() : false;
  }

  merged(): readonly FunctionSummary[] {
    return this.merged_;
  }

  private remerge(): boolean {
    const merged = mergeSummaries([...this.byFile.values()]);
    const signatures = new Map(merged.map((s) => [s.name, signature(s)]));
    const changed = new Set<string>();
    for (const [name, sig] of signatures) if (this.signatures.get(name) !== sig) changed.add(name);
    for (const name of this.signatures.keys()) if (!signatures.has(name)) changed.add(name);
    if (changed.size === 0) return false;
    this.merged_ = merged;
    this.signatures = signatures;
    for (const l of [...this.listeners]) l(changed);
    return true;
  }
}
