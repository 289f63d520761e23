// `--format sarif`: SARIF 2.1.0 as GitHub code scanning and other SARIF viewers take it. Rule
// metadata with a full description and markdown help (the rule pages, bundled), https help links
// built from package.json's repository, partialFingerprints for baselines and alert tracking, and
// one run-level invocation whose notifications carry what the lint could not do (unreadable or
// skipped files, parts that did not parse, config files with mistakes).
import type * as Sarif from 'sarif';
import type { Lang } from '../core/model/types';
import type { RuleMeta } from '../core/lint/rules';
import type { RuleId, Severity, Span } from '../core/lint/types';
import { FINGERPRINT_KEY } from './fingerprint';
import type { FileReport } from './format';
import { RULE_PAGES, fullDescription, markdownHelp } from './ruleDocs';

export interface SarifNotification {
  readonly level: 'warning' | 'note' | 'error';
  readonly message: string;
  /** The file it is about, as an artifact URI (see SarifContext.srcRoot), when there is one. */
  readonly uri?: string;
  readonly span?: Span;
  /** A short id: 'skipped-file', 'parse-errors', 'config' … */
  readonly id: string;
}

export interface SarifContext {
  readonly version: string;
  readonly lang: Lang;
  readonly rules: readonly RuleMeta[];
  /** The https page of a rule. */
  readonly helpUri: (id: RuleId) => string;
  /** The https home of the tool. */
  readonly informationUri: string;
  /** The folder relative URIs are resolved against (file: URI ending in '/'). */
  readonly srcRoot: string;
  readonly commandLine: string;
  readonly notifications: readonly SarifNotification[];
  /** Whether every file asked for could be read. */
  readonly complete: boolean;
}

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function region(span: Span): Sarif.Region {
  return { startLine: span.start.line + 1, startColumn: span.start.column + 1, endLine: span.end.line + 1, endColumn: span.end.column + 1 };
}

function artifact(uri: string): Sarif.ArtifactLocation {
  return uri.startsWith('file:') ? { uri } : { uri, uriBaseId: 'SRCROOT' };
}

/** `send-after-disconnect` → `SendAfterDisconnect` (SARIF's rule `name` is an identifier-like word). */
function camelName(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase());
}

export function formatSarif(reports: readonly FileReport[], ctx: SarifContext): string {
  const index = new Map<RuleId, number>(ctx.rules.map((r, i) => [r.id, i]));
  const location = (uri: string, span: Span): Sarif.PhysicalLocation => ({ artifactLocation: artifact(uri), region: region(span) });

  const results: Sarif.Result[] = reports.flatMap((r) =>
    r.findings.map((f, i): Sarif.Result => {
      const result: Sarif.Result = {
        ruleId: f.rule,
        level: LEVEL[f.severity],
        message: { text: f.message[ctx.lang] },
        locations: [{ physicalLocation: location(r.uri, f.span) }],
      };
      const fp = r.fingerprints[i];
      if (fp !== undefined) result.partialFingerprints = { [FINGERPRINT_KEY]: fp };
      const ruleIndex = index.get(f.rule);
      if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
      if (f.related.length > 0) {
        result.relatedLocations = f.related.map((rel, k) => ({
          id: k + 1,
          physicalLocation: location(r.uri, rel.span),
          message: { text: rel.message[ctx.lang] },
        }));
      }
      return result;
    }),
  );

  const rules: Sarif.ReportingDescriptor[] = ctx.rules.map((r) => {
    const page = RULE_PAGES[r.id];
    return {
      id: r.id,
      name: camelName(r.id),
      shortDescription: { text: r.title[ctx.lang] },
      fullDescription: { text: fullDescription(page) || r.title[ctx.lang] },
      help: { text: fullDescription(page) || r.title[ctx.lang], markdown: markdownHelp(page) },
      helpUri: ctx.helpUri(r.id),
      defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
      properties: { tags: ['winsock', 'reliability'] },
    };
  });

  const notifications: Sarif.Notification[] = ctx.notifications.map((n) => ({
    level: n.level,
    message: { text: n.message },
    descriptor: { id: n.id },
    ...(n.uri !== undefined ? { locations: [{ physicalLocation: n.span ? location(n.uri, n.span) : { artifactLocation: artifact(n.uri) } }] } : {}),
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
            informationUri: ctx.informationUri,
            language: ctx.lang,
            rules,
            notifications: [...new Set(ctx.notifications.map((n) => n.id))].map((id) => ({ id, shortDescription: { text: NOTIFICATION_TITLES[id] ?? id } })),
          },
        },
        invocations: [
          {
            executionSuccessful: ctx.complete,
            commandLine: ctx.commandLine,
            toolExecutionNotifications: notifications,
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

const NOTIFICATION_TITLES: Record<string, string> = {
  'skipped-file': 'A file was not linted',
  'parse-errors': 'Part of a file did not parse; findings there may be missing',
  'too-large': 'A file or function was over a budget of the analysis',
  'parser-failure': 'The parser failed on a file',
  config: 'A project file (compile_commands.json, .winsock-lens.json) has a mistake',
  baseline: 'Findings left out because they are in the baseline',
};
