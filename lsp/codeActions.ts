// Quick fixes for the server's diagnostics: each finding's own fixes (the rule's preferred one
// marked) and "Disable <rule> for this line", all from the findings of the same document version
// that the diagnostics came from, never from a second lint.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Finding } from '../core/lint/types';
import type { Lang } from '../core/model/types';
import { DIAGNOSTIC_SOURCE, diagnosticKey, toRange } from './diagnostics';

export interface LintedVersion {
  readonly version: number;
  readonly items: readonly { readonly finding: Finding; readonly diagnostic: Diagnostic }[];
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * The code actions for `range`: for the diagnostics the client names in the request, or (for a
 * client that sends none) for every finding whose range touches `range`.
 */
export function codeActionsFor(uri: string, version: number, lint: LintedVersion | undefined, range: Range, asked: readonly Diagnostic[], lang: Lang): CodeAction[] {
  if (!lint || lint.version !== version) return []; // edits for another version would land in the wrong places
  const ours = asked.filter((d) => d.source === DIAGNOSTIC_SOURCE);
  const wanted = new Set(ours.map(diagnosticKey));
  const items = ours.length > 0
    ? lint.items.filter((i) => wanted.has(diagnosticKey(i.diagnostic)))
    : lint.items.filter((i) => overlaps(i.diagnostic.range, range));
  const fixes: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const { finding, diagnostic } of items) {
    for (const fix of finding.fixes) {
      const dedupe = `${fix.title.en}|${JSON.stringify(fix.edits)}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      const action: CodeAction = {
        title: fix.title[lang],
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: fix.edits.map((e) => ({ range: toRange(e.span), newText: e.text })) } },
      };
      if (fix.preferred) action.isPreferred = true;
      (fix.edits.some((e) => e.text.includes('winsock-lens-disable')) ? suppressions : fixes).push(action);
    }
  }
  fixes.sort((a, b) => Number(b.isPreferred ?? false) - Number(a.isPreferred ?? false));
  return [...fixes, ...suppressions];
}
