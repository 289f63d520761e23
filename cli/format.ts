// Two of the output formats of `winsock-lens lint`: compiler-style text and JSON (SARIF: sarif.ts).
// Lines and columns are 1-based in every format (the core's are 0-based); columns count UTF-16
// code units, as SARIF's default columnKind and VS Code do.
import type { Lang } from '../core/model/types';
import type { Finding, LintNotice, RuleId, Severity } from '../core/lint/types';
import { escapeName } from './escape';

export interface FileReport {
  /** The path shown to the user. */
  readonly file: string;
  /** The same path as a relative URI (forward slashes, percent-encoded) or an absolute file: URI. */
  readonly uri: string;
  readonly findings: readonly Finding[];
  /** What the lint could not do on the file (parts that did not parse …). */
  readonly notices: readonly LintNotice[];
  /** One per finding (cli/fingerprint.ts). */
  readonly fingerprints: readonly string[];
}

/** A file that was not linted, with the message already printed on stderr. */
export interface SkippedFile {
  readonly file: string;
  readonly uri: string;
  readonly message: string;
}

export interface JsonFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly message: string;
}

export function toJsonFindings(reports: readonly FileReport[], lang: Lang): JsonFinding[] {
  return reports.flatMap((r) =>
    r.findings.map((f) => ({
      file: r.file,
      line: f.span.start.line + 1,
      column: f.span.start.column + 1,
      endLine: f.span.end.line + 1,
      endColumn: f.span.end.column + 1,
      rule: f.rule,
      severity: f.severity,
      message: f.message[lang],
    })),
  );
}

export interface JsonNotice {
  readonly file: string;
  readonly kind: LintNotice['kind'];
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export function toJsonNotices(reports: readonly FileReport[], lang: Lang): JsonNotice[] {
  return reports.flatMap((r) =>
    r.notices.map((n) => ({
      file: r.file,
      kind: n.kind,
      ...(n.span ? { line: n.span.start.line + 1, column: n.span.start.column + 1 } : {}),
      message: n.message[lang],
    })),
  );
}

/**
 * `--format json`: the array of findings (the shape every earlier version printed). The notices
 * and skipped files go to stderr as text, as in the text format, so a consumer of the array is not
 * broken by them.
 */
export function formatJson(reports: readonly FileReport[], lang: Lang): string {
  return JSON.stringify(toJsonFindings(reports, lang), null, 2) + '\n';
}

/**
 * `file:line:col: severity: message [rule]`, then one `note:` line per related location; a file's
 * notices as `file:line:col: notice: message [kind]`. File names are escaped (cli/escape.ts).
 */
export function formatText(reports: readonly FileReport[], lang: Lang): string {
  const out: string[] = [];
  for (const r of reports) {
    const file = escapeName(r.file);
    for (const n of r.notices) out.push(noticeLine(file, n, lang));
    for (const f of r.findings) {
      out.push(`${file}:${f.span.start.line + 1}:${f.span.start.column + 1}: ${f.severity}: ${oneLine(f.message[lang])} [${f.rule}]`);
      for (const rel of f.related) {
        out.push(`${file}:${rel.span.start.line + 1}:${rel.span.start.column + 1}: note: ${oneLine(rel.message[lang])}`);
      }
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ');
}

/** One notice as a compiler-style line (the file name already escaped). */
export function noticeLine(file: string, n: LintNotice, lang: Lang): string {
  const at = n.span ? `:${n.span.start.line + 1}:${n.span.start.column + 1}` : '';
  return `${file}${at}: notice: ${oneLine(n.message[lang])} [${n.kind}]`;
}
