// Quick fixes for Winsock Lens diagnostics: the fixes each finding carries (the rule's preferred fix
// marked), "Disable <rule> for this line" and "Show documentation for <rule>". The fixes come from
// the findings kept with the diagnostics of the same document version, never from a second lint.
import * as vscode from 'vscode';
import { isRuleId } from '../core/lint/rules';
import type { QuickFix, RuleId } from '../core/lint/types';
import { docsLanguage } from './docsLanguage';
import { DIAGNOSTIC_SOURCE, LINT_SCHEMES, diagnosticKey, type LintDiagnostics, type LintedDiagnostic } from './lintDiagnostics';
import { SHOW_RULE_DOCUMENTATION_COMMAND } from './lintRuleDocs';
import * as ui from './uiText';

const SELECTOR: vscode.DocumentSelector = ['c', 'cpp'].flatMap((language) => [...LINT_SCHEMES].map((scheme) => ({ language, scheme })));

/** The comment a suppression writes (docs/rules/README.md, "Suppressing a finding"). */
const SUPPRESSION_MARK = 'winsock-lens-disable';

function isSuppression(fix: QuickFix): boolean {
  return fix.edits.some((e) => e.text.includes(SUPPRESSION_MARK));
}

function toRange(span: QuickFix['edits'][number]['span']): vscode.Range {
  return new vscode.Range(span.start.line, span.start.column, span.end.line, span.end.column);
}

/** "Disable <rule> for this line", for a finding whose fixes do not already offer it. */
function suppressionFix(document: vscode.TextDocument, rule: RuleId, line: number): QuickFix {
  const text = document.lineAt(line).text;
  const indent = text.slice(0, text.length - text.trimStart().length);
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const title = ui.t('Disable {0} for this line', rule);
  return {
    title: { en: title, ru: title },
    edits: [{ span: { start: { line, column: 0 }, end: { line, column: 0 } }, text: `${indent}// ${SUPPRESSION_MARK}-next-line ${rule}${eol}` }],
    preferred: false,
  };
}

export class LintCodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly lint: LintDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    // Notices (a file that did not fully parse) share the source but are no rule: nothing to fix there.
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && isRuleId(String(typeof d.code === 'object' ? d.code.value : d.code)));
    if (ours.length === 0) return [];
    const result = this.lint.resultFor(document.uri);
    // Edits computed for another version would land in the wrong places; the diagnostics are
    // refreshed a moment after the edit and the fixes come back with them.
    const current = result && result.version === document.version ? result : undefined;
    const byKey = new Map<string, LintedDiagnostic>();
    for (const item of current?.items ?? []) byKey.set(diagnosticKey(item.diagnostic), item);

    const lang = docsLanguage();
    const fixes: vscode.CodeAction[] = [];
    const suppressions: vscode.CodeAction[] = [];
    const docs: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    const documented = new Set<string>();

    for (const diagnostic of ours) {
      const rule = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
      const item = byKey.get(diagnosticKey(diagnostic));
      if (item) {
        const all = [...item.finding.fixes];
        if (!all.some(isSuppression)) all.push(suppressionFix(document, item.finding.rule, item.finding.span.start.line));
        for (const fix of all) {
          // Two findings on one line may offer the same edit (e.g. the same suppression comment).
          const dedupe = `${fix.title.en}|${JSON.stringify(fix.edits)}`;
          if (seen.has(dedupe)) continue;
          seen.add(dedupe);
          const action = new vscode.CodeAction(fix.title[lang], vscode.CodeActionKind.QuickFix);
          const edit = new vscode.WorkspaceEdit();
          for (const e of fix.edits) edit.replace(document.uri, toRange(e.span), e.text);
          action.edit = edit;
          action.diagnostics = [diagnostic];
          if (fix.preferred) action.isPreferred = true;
          (isSuppression(fix) ? suppressions : fixes).push(action);
        }
      }
      if (!documented.has(rule)) {
        documented.add(rule);
        const action = new vscode.CodeAction(ui.t('Show documentation for {0}', rule), vscode.CodeActionKind.QuickFix);
        action.command = { command: SHOW_RULE_DOCUMENTATION_COMMAND, title: action.title, arguments: [rule] };
        action.diagnostics = [diagnostic];
        docs.push(action);
      }
    }
    // The rule's own fixes first (the preferred one leading), then suppressions, then the docs.
    fixes.sort((a, b) => Number(b.isPreferred ?? false) - Number(a.isPreferred ?? false));
    return [...fixes, ...suppressions, ...docs];
  }
}

export function register(context: vscode.ExtensionContext, lint: LintDiagnostics): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(SELECTOR, new LintCodeActionProvider(lint), {
      providedCodeActionKinds: LintCodeActionProvider.providedCodeActionKinds,
    }),
  );
}
