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
  const defined = new Set(own?.defined ?? []);
  const names = summaries.filter((s) => !defined.has(s.name)).map((s) => s.name);
  if (names.length === 0) return false;
  // Chunks keep each pattern small on a project with thousands of summaries.
  for (let i = 0; i < names.length; i += 200) {
    if (new RegExp(`\\b(?:${names.slice(i, i + 200).join('|')})\\s*\\(`).test(text)) return true;
  }
  return false;
}
