// The three output formats of `winsock-lens lint`: compiler-style text, a JSON array, SARIF 2.1.0.
// Lines and columns are 1-based in every format (the core's are 0-based); columns count UTF-16
// code units, as SARIF's default columnKind and VS Code do.
import type * as Sarif from 'sarif';
import type { Lang } from '../core/model/types';
import type { Finding, RuleId, Severity, Span } from '../core/lint/types';
import type { RuleMeta } from '../core/lint/rules';

export interface FileReport {
  /** The path shown to the user. */
  readonly file: string;
  /** The same path as a relative URI (forward slashes, percent-encoded) or an absolute file: URI. */
  readonly uri: string;
  readonly findings: readonly Finding[];
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

export function formatJson(reports: readonly FileReport[], lang: Lang): string {
  return JSON.stringify(toJsonFindings(reports, lang), null, 2) + '\n';
}

/** `file:line:col: severity: message [rule]`, then one `note:` line per related location. */
export function formatText(reports: readonly FileReport[], lang: Lang): string {
  const out: string[] = [];
  for (const r of reports) {
    for (const f of r.findings) {
      out.push(`${r.file}:${f.span.start.line + 1}:${f.span.start.column + 1}: ${f.severity}: ${oneLine(f.message[lang])} [${f.rule}]`);
      for (const rel of f.related) {
        out.push(`${r.file}:${rel.span.start.line + 1}:${rel.span.start.column + 1}: note: ${oneLine(rel.message[lang])}`);
      }
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ');
}

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function region(span: Span): Sarif.Region {
  return { startLine: span.start.line + 1, startColumn: span.start.column + 1, endLine: span.end.line + 1, endColumn: span.end.column + 1 };
}

export interface SarifContext {
  readonly version: string;
  readonly lang: Lang;
  readonly rules: readonly RuleMeta[];
  /** The rule's documentation page as an absolute URI. */
  readonly helpUri: (id: RuleId) => string;
  /** The folder relative URIs are resolved against (file: URI ending in '/'). */
  readonly srcRoot: string;
  readonly commandLine: string;
  readonly skipped: readonly SkippedFile[];
  /** Whether every file asked for could be read. */
  readonly complete: boolean;
}

export function formatSarif(reports: readonly FileReport[], ctx: SarifContext): string {
  const index = new Map<RuleId, number>(ctx.rules.map((r, i) => [r.id, i]));
  const location = (uri: string, span: Span): Sarif.PhysicalLocation => ({
    artifactLocation: uri.startsWith('file:') ? { uri } : { uri, uriBaseId: 'SRCROOT' },
    region: region(span),
  });

  const results: Sarif.Result[] = reports.flatMap((r) =>
    r.findings.map((f): Sarif.Result => {
      const result: Sarif.Result = {
        ruleId: f.rule,
        level: LEVEL[f.severity],
        message: { text: f.message[ctx.lang] },
        locations: [{ physicalLocation: location(r.uri, f.span) }],
      };
      const ruleIndex = index.get(f.rule);
      if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
      if (f.related.length > 0) {
        result.relatedLocations = f.related.map((rel, i) => ({
          id: i + 1,
          physicalLocation: location(r.uri, rel.span),
          message: { text: rel.message[ctx.lang] },
        }));
      }
      return result;
    }),
  );

  const rules: Sarif.ReportingDescriptor[] = ctx.rules.map((r) => ({
    id: r.id,
    name: camelName(r.id),
    shortDescription: { text: r.title[ctx.lang] },
    helpUri: ctx.helpUri(r.id),
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));

  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Winsock Lens',
            semanticVersion: ctx.version,
            version: ctx.version,
            informationUri: ctx.helpUri('send-after-disconnect').replace(/[^/]*$/, 'README.md'),
            language: ctx.lang,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: ctx.complete,
            commandLine: ctx.commandLine,
            toolExecutionNotifications: ctx.skipped.map((s) => ({
              level: 'warning',
              message: { text: s.message },
              locations: [{ physicalLocation: { artifactLocation: s.uri.startsWith('file:') ? { uri: s.uri } : { uri: s.uri, uriBaseId: 'SRCROOT' } } }],
            })),
          },
        ],
        originalUriBaseIds: { SRCROOT: { uri: ctx.srcRoot } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** `send-after-disconnect` → `SendAfterDisconnect` (SARIF's rule `name` is an identifier-like word). */
function camelName(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase());
}
