// Lint findings as VS Code diagnostics: C and C++ documents are linted when they open, shortly
// after each change (debounced), and again when a lint setting or the docs language changes; their
// diagnostics go away when they close. The findings behind the diagnostics of each document version
// are kept for the quick fixes (extension/lintCodeActions.ts).
import * as vscode from 'vscode';
import type { Linter } from '../core/lint/index';
import type { Finding, LintNotice, LintReport, Severity } from '../core/lint/types';
import type { FileSetup } from '../core/project/project';
import type { Lang } from '../core/model/types';
import { chooseGrammar } from '../core/parse/parser';
import { preprocess } from '../core/parse/preprocessor';
import { docsLanguage } from './docsLanguage';
import type { DocumentParses } from './documentParses';
import type { LintProjects } from './lintProject';
import { callsAny, type SummaryIndex } from '../core/lint/project-summaries';
import { ruleDocUri } from './lintRuleDocs';
import { affectsDefines, affectsLint, readLintSettings, LINT_SECTION } from './lintSettings';
import * as ui from './uiText';

/** The `source` of every diagnostic of Winsock Lens (clangd or cpptools may add their own). */
export const DIAGNOSTIC_SOURCE = 'winsock-lens';

/** Quiet time after the last keystroke before a document is linted again. */
export const LINT_DELAY_MS = 150;
/**
 * A document whose lint takes long waits as long as its last run took (up to this much), so that
 * typing in a huge file does not keep the extension host busy with runs whose result is outdated.
 */
const MAX_LINT_DELAY_MS = 1000;

const LANGUAGES = new Set(['c', 'cpp']);
/** Real documents: files, unsaved buffers and virtual workspaces, not diff views or output. */
export const LINT_SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote']);

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export interface LintedDiagnostic {
  readonly diagnostic: vscode.Diagnostic;
  readonly finding: Finding;
}

/** The result of linting one version of one document. */
export interface DocumentLint {
  readonly version: number;
  readonly items: readonly LintedDiagnostic[];
}

export function isLintable(document: vscode.TextDocument): boolean {
  return LANGUAGES.has(document.languageId) && LINT_SCHEMES.has(document.uri.scheme);
}

function toRange(span: Finding['span']): vscode.Range {
  return new vscode.Range(span.start.line, span.start.column, span.end.line, span.end.column);
}

/** Identifies a diagnostic that came back from VS Code (a copy, not the object handed out). */
export function diagnosticKey(d: vscode.Diagnostic): string {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  const r = d.range;
  return `${String(code)}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${d.message}`;
}

export class LintDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly results = new Map<string, DocumentLint>();
  /** The number of the latest run started per document: an older run finishing late is dropped. */
  private readonly runs = new Map<string, number>();
  /** Documents whose last run failed: their error is logged once, not on every keystroke. */
  private readonly failing = new Set<string>();
  private readonly reportedProblems = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private runCounter = 0;
  /** How long the last run of each document took, in ms. */
  private readonly durations = new Map<string, number>();
  private disposed = false;
  /** Each open document's project setup, with the key of the inputs it was computed from. */
  private readonly setups = new Map<string, { key: string; setup: FileSetup | undefined }>();
  /** Files whose diagnostics come from the background lint (not open). */
  private readonly background = new Set<string>();

  constructor(
    private readonly linter: Promise<Linter>,
    private readonly parses: DocumentParses,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly projects: LintProjects,
    private readonly summaries: SummaryIndex,
  ) {
    // Inactive #if branches are blanked with the defines of each document's own settings before
    // the shared parse; hover reads the same tree.
    this.installTransform();
    // A wrapper came, went or changed somewhere: the open documents that call it read it anew. A
    // lint already pending is not put off (the background may change summaries file after file).
    const unsubscribe = summaries.subscribe((changed) => {
      for (const doc of vscode.workspace.textDocuments) {
        const key = doc.uri.toString();
        if (this.timers.has(key) || !isLintable(doc) || !callsAny(doc.getText(), changed, summaries.of(key))) continue;
        this.schedule(doc, LINT_DELAY_MS);
      }
    });
    this.subscriptions.push(
      { dispose: unsubscribe },
      this.collection,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document, this.typingDelay(e.document.uri));
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affectsLint(e)) return;
        if (affectsDefines(e) || e.affectsConfiguration(`${LINT_SECTION}.enabled`)) this.installTransform();
        this.lintAll();
      }),
    );
    this.lintAll();
  }

  /** The findings behind the current diagnostics of `uri`, with the version they were computed for. */
  resultFor(uri: vscode.Uri): DocumentLint | undefined {
    return this.results.get(uri.toString());
  }

  private installTransform(): void {
    this.parses.setDocumentTextTransform((document) => {
      if (!isLintable(document)) return undefined;
      const settings = readLintSettings(document);
      if (!settings.enabled) return undefined;
      const key = document.uri.toString();
      // The same blanking Linter.lintTree applies to the text it analyses, so offsets agree. The
      // project's defines (compile command, config, headers) are known once lintNow has read them.
      return (text) => preprocess(text, this.setups.get(key)?.setup?.options.defines ?? settings.options.defines).text;
    });
  }

  private typingDelay(uri: vscode.Uri): number {
    const last = this.durations.get(uri.toString()) ?? 0;
    return Math.min(MAX_LINT_DELAY_MS, Math.max(LINT_DELAY_MS, Math.round(last)));
  }

  private lintAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (this.disposed || !isLintable(document)) return;
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.lintNow(document);
      }, delayMs),
    );
  }

  /** Lints the current version of `document` and replaces its diagnostics. Never throws. */
  async lintNow(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const run = ++this.runCounter;
    this.runs.set(key, run);
    try {
      if (document.isClosed || !isLintable(document)) return;
      const settings = readLintSettings(document);
      this.reportProblems(settings.problems);
      if (!settings.enabled) {
        this.clear(document.uri);
        return;
      }
      const linter = await this.linter;
      const lang = docsLanguage();
      const started = performance.now();
      const setup = await this.setupOf(document, settings);
      if (this.runs.get(key) !== run) return; // a newer run started while the project was read
      if (setup?.ignored) {
        this.clear(document.uri);
        return;
      }
      const options = setup?.options ?? settings.options;
      const result = await this.parses.withTree(document, (tree) => {
        const text = document.getText();
        const language = chooseGrammar(document.uri.path, text, document.languageId);
        const report = linter.checkTree(tree, text, { ...options, language, summaries: this.summaries.merged() });
        return { version: document.version, findings: report.findings, notices: report.notices, summaries: report.summaries };
      });
      const ms = performance.now() - started;
      this.durations.set(key, ms);
      this.log.trace(`linted ${document.uri.toString(true)} v${result.version}: ${result.findings.length} finding(s) in ${ms.toFixed(1)} ms`);
      if (this.disposed || document.isClosed || this.runs.get(key) !== run) return;
      // Another document may call a wrapper this one defines (its findings then change).
      this.summaries.update(key, result.summaries);
      const items = result.findings.map((finding) => ({ finding, diagnostic: this.toDiagnostic(document.uri, finding, lang) }));
      this.results.set(key, { version: result.version, items });
      this.background.delete(key);
      this.collection.set(document.uri, [...items.map((i) => i.diagnostic), ...result.notices.map((n) => noticeDiagnostic(n, lang))]);
      if (this.failing.delete(key)) this.log.info(`lint works again for ${document.uri.toString(true)}`);
    } catch (err) {
      if (this.disposed || this.runs.get(key) !== run) return;
      // Stale diagnostics would point at the wrong places: show none for this document.
      this.clear(document.uri);
      if (!this.failing.has(key)) {
        this.failing.add(key);
        this.log.error(
          ui.t('Lint failed for {0}: {1}', document.uri.toString(true), err instanceof Error ? (err.stack ?? err.message) : String(err)),
        );
      }
    }
  }

  /**
   * The project setup of an open document, computed again only when its inputs change: the
   * settings or its quoted #include lines (typing elsewhere reuses it).
   */
  private async setupOf(document: vscode.TextDocument, settings: ReturnType<typeof readLintSettings>): Promise<FileSetup | undefined> {
    const key = document.uri.toString();
    const text = document.getText();
    const includes = text.match(/^[ \t]*#[ \t]*include[ \t]*"[^"\n]*"/gm)?.join('\n') ?? '';
    const inputs = `${JSON.stringify(settings.options)}\n${includes}`;
    const cached = this.setups.get(key);
    if (cached && cached.key === inputs) return cached.setup;
    const setup = await this.projects.setupFor(document.uri, text, settings);
    const before = cached?.setup?.options.defines;
    this.setups.set(key, { key: inputs, setup });
    // Other defines than the parse was blanked with: parse this document again.
    if (cached && JSON.stringify(before) !== JSON.stringify(setup?.options.defines)) this.installTransform();
    return setup;
  }

  /** Whether the editor lint owns `uri` (an open, lintable document). */
  isOpen(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.workspace.textDocuments.some((d) => !d.isClosed && d.uri.toString() === key && isLintable(d));
  }

  /** Diagnostics of a file that is not open, from the background lint. */
  setBackground(uri: vscode.Uri, report: LintReport): void {
    if (this.disposed || this.isOpen(uri)) return;
    const lang = docsLanguage();
    this.background.add(uri.toString());
    this.collection.set(uri, [...report.findings.map((f) => this.toDiagnostic(uri, f, lang)), ...report.notices.map((n) => noticeDiagnostic(n, lang))]);
  }

  clearBackground(uri: vscode.Uri): void {
    if (this.isOpen(uri)) return;
    this.background.delete(uri.toString());
    this.collection.delete(uri);
  }

  /** A project file changed (config, database, header): read the setups again and lint the open documents. */
  projectChanged(): void {
    this.setups.clear();
    this.installTransform();
    this.lintAll();
  }

  private toDiagnostic(uri: vscode.Uri, finding: Finding, lang: Lang): vscode.Diagnostic {
    const d = new vscode.Diagnostic(toRange(finding.span), finding.message[lang], SEVERITY[finding.severity]);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = { value: finding.rule, target: ruleDocUri(this.extensionUri, finding.rule) };
    if (finding.related.length > 0) {
      d.relatedInformation = finding.related.map(
        (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.span)), r.message[lang]),
      );
    }
    return d;
  }

  private reportProblems(problems: readonly { en: string; ru: string }[]): void {
    const lang = docsLanguage();
    for (const p of problems) {
      if (this.reportedProblems.has(p.en)) continue;
      this.reportedProblems.add(p.en);
      this.log.warn(p[lang]);
    }
  }

  private clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.results.delete(uri.toString());
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.delete(key);
    this.runs.delete(key);
    this.durations.delete(key);
    this.failing.delete(key);
    this.setups.delete(key);
    this.clear(uri);
    // Its wrappers go with it (a workspace file's come back with its background lint).
    this.summaries.forget(key);
  }

  dispose(): void {
    this.disposed = true;
    this.setups.clear();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.results.clear();
    this.parses.setDocumentTextTransform(undefined);
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The code of the one information diagnostic a file that did not fully parse gets. */
export const PARSE_NOTICE_CODE = 'parse-errors';

/** A notice (parts that did not parse …) as one information diagnostic. */
function noticeDiagnostic(notice: LintNotice, lang: Lang): vscode.Diagnostic {
  const range = notice.span ? toRange(notice.span) : new vscode.Range(0, 0, 0, 0);
  const d = new vscode.Diagnostic(range, notice.message[lang], vscode.DiagnosticSeverity.Information);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = notice.kind;
  return d;
}
