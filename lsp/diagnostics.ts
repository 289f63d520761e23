// Lint findings as LSP diagnostics: the rule id as `code`, a `codeDescription` link to the rule's
// page, related information for the earlier calls that lead to the finding, `source` winsock-lens.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Finding, Severity, Span } from '../core/lint/types';
import type { Lang } from '../core/model/types';

export const DIAGNOSTIC_SOURCE = 'winsock-lens';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(span: Span): Range {
  return { start: { line: span.start.line, character: span.start.column }, end: { line: span.end.line, character: span.end.column } };
}

/** `ruleDoc` gives the address of a rule's page (a file: URI inside the installed package). */
export function toDiagnostic(uri: string, finding: Finding, lang: Lang, ruleDoc: (rule: string) => string): Diagnostic {
  const d: Diagnostic = {
    range: toRange(finding.span),
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDoc(finding.rule) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message[lang],
  };
  if (finding.related.length > 0) {
    d.relatedInformation = finding.related.map((r) => ({ location: { uri, range: toRange(r.span) }, message: r.message[lang] }));
  }
  return d;
}

/** Identifies a diagnostic a client sends back (code, range and message; clients may drop `data`). */
export function diagnosticKey(d: Pick<Diagnostic, 'code' | 'range' | 'message'>): string {
  const r = d.range;
  return `${String(d.code)}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${d.message}`;
}
