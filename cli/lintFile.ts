// Linting one file of the command line: read it, ask the project model for its options, run the
// core, fingerprint the findings. The same code runs in the main thread and in --jobs workers; what
// it returns is plain data (it crosses postMessage).
import { renewTreeSitterFrom } from './treeSitterCopies';
import { createLinter, resolveOptions, type Linter } from '../core/lint/index';
import type { FileSummaries, Finding, FunctionSummary, LintNotice, RuleId, SeveritySetting } from '../core/lint/types';
import { DEFAULT_DEFINES } from '../core/lint/types';
import { chooseGrammar } from '../core/parse/parser';
import { Project } from '../core/project/project';
import type { ProjectProblem } from '../core/project/problems';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readSource, type SourceFile } from './files';
import { fingerprints } from './fingerprint';
import { nodeFileAccess } from './nodeFileAccess';

/** What every file's lint needs, the same in each thread (plain data). */
export interface LintSetup {
  readonly defines: readonly (readonly [string, string])[];
  readonly undefines: readonly string[];
  readonly rules: Readonly<Partial<Record<RuleId, SeveritySetting>>>;
  readonly closeFunctions: readonly string[];
  readonly compileCommands?: string;
  /** The merged summaries of the run's files (the second round). */
  readonly summaries?: readonly FunctionSummary[];
  /** The folder of the bundle, where the .wasm files are. */
  readonly wasmDir: string;
}

export type SkipReason =
  | { readonly kind: 'binary' }
  | { readonly kind: 'not-a-file' }
  | { readonly kind: 'special'; readonly where: string }
  | { readonly kind: 'too-large'; readonly bytes: number }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'engine'; readonly reason: string };

export type FileOutcome =
  | {
      readonly kind: 'checked';
      readonly findings: Finding[];
      readonly notices: LintNotice[];
      readonly fingerprints: string[];
      readonly problems: ProjectProblem[];
      readonly summaries?: FileSummaries;
    }
  | { readonly kind: 'skipped'; readonly why: SkipReason; readonly problems: ProjectProblem[] }
  | { readonly kind: 'ignored'; readonly config: string; readonly problems: ProjectProblem[] };

/** The URI a file has in SARIF and in the fingerprints: relative (encoded) or an absolute file: URI. */
export function artifactUri(display: string, absolute: string): string {
  if (path.isAbsolute(display)) return new URL(`file://${absolute.split(path.sep).join('/').replace(/^([A-Za-z]):/, '/$1:')}`).href;
  return display.split(path.sep).map(encodeURIComponent).join('/');
}

export class FileLinter {
  private constructor(
    private readonly linter: Linter,
    private readonly project: Project,
    private readonly setup: LintSetup,
  ) {}

  static async create(setup: LintSetup): Promise<FileLinter> {
    renewTreeSitterFrom(path.join(setup.wasmDir, 'web-tree-sitter.cjs'));
    const linter = await createLinter((file) => readFile(path.join(setup.wasmDir, file)).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)));
    const project = new Project({ access: nodeFileAccess, ...(setup.compileCommands !== undefined ? { compileCommands: toCorePath(path.resolve(setup.compileCommands)) } : {}) });
    return new FileLinter(linter, project, setup);
  }

  async lint(f: SourceFile): Promise<FileOutcome> {
    const read = readSource(f.absolute);
    if (read.kind !== 'text') return { kind: 'skipped', why: read, problems: this.project.takeProblems() };
    const setup = await this.project.setupFor(
      toCorePath(f.absolute),
      read.text,
      { defines: new Map(Object.entries(DEFAULT_DEFINES)) },
      { defines: new Map(this.setup.defines), undefines: this.setup.undefines, rules: this.setup.rules, closeFunctions: this.setup.closeFunctions },
    );
    if (setup.ignored) return { kind: 'ignored', config: setup.config?.path ?? '', problems: this.project.takeProblems() };
    try {
      const options = { ...resolveOptions(setup.options), language: chooseGrammar(f.absolute, read.text), ...(this.setup.summaries ? { summaries: this.setup.summaries } : {}) };
      const report = this.linter.checkText(read.text, f.absolute, options);
      const findings = [...report.findings].sort(
        (a, b) => a.span.start.line - b.span.start.line || a.span.start.column - b.span.start.column || a.rule.localeCompare(b.rule),
      );
      // Quick fixes are for the editor; leaving them out keeps the messages between threads small.
      const plain = findings.map((x) => ({ ...x, fixes: [] }));
      return {
        kind: 'checked',
        findings: plain,
        notices: report.notices,
        fingerprints: fingerprints(plain, read.text, artifactUri(f.display, f.absolute)),
        problems: this.project.takeProblems(),
        ...(report.summaries && report.summaries.functions.length + report.summaries.defined.length > 0 ? { summaries: report.summaries } : {}),
      };
    } catch (err) {
      return { kind: 'skipped', why: { kind: 'engine', reason: err instanceof Error ? err.message : String(err) }, problems: this.project.takeProblems() };
    }
  }

  dispose(): void {
    this.linter.dispose();
  }
}

/** A Node path as the project model writes paths (forward slashes). */
export function toCorePath(p: string): string {
  return p.split(path.sep).join('/');
}
