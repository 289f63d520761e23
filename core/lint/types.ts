// The lint core's public shapes: plain data shared by the editor edge, the CLI and the tests.
import type { Localized } from '../model/types';

export type RuleId =
  | 'send-after-disconnect'
  | 'reuse-after-disconnect'
  | 'missing-closesocket'
  | 'disconnect-data-on-tcp'
  | 'unchecked-result'
  | 'wrong-sentinel'
  | 'use-after-closesocket'
  | 'not-initialized'
  | 'linger-has-no-effect'
  | 'blocking-call-in-apc'
  | 'disconnect-on-connectionless'
  | 'repeated-disconnect';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Zero-based line and UTF-16 column, like VS Code's Position. */
export interface Pos {
  readonly line: number;
  readonly column: number;
}
export interface Span {
  readonly start: Pos;
  readonly end: Pos;
}

/** One text edit of a quick fix: replace `span` with `text` (an empty span inserts). */
export interface TextEdit {
  readonly span: Span;
  readonly text: string;
}

export interface QuickFix {
  readonly title: Localized;
  readonly edits: readonly TextEdit[];
  /** The fix the rule recommends (code action `isPreferred`). */
  readonly preferred: boolean;
}

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: Localized;
  /** Earlier calls that lead to the finding (`relatedInformation`). */
  readonly related: readonly { readonly span: Span; readonly message: Localized }[];
  readonly fixes: readonly QuickFix[];
}

export interface LintOptions {
  readonly language: 'c' | 'cpp';
  /** Preprocessor defines: NAME → value ('' for a plain `#define NAME`). */
  readonly defines: Readonly<Record<string, string>>;
  /** Functions that close a socket (default `closesocket`). */
  readonly closeFunctions: readonly string[];
  /** Per-rule severity overrides; absent rules keep their default. */
  readonly rules: Readonly<Partial<Record<RuleId, SeveritySetting>>>;
  /** Milliseconds the parse of one file may take (default 1500) and steps its analysis may take (default 400,000; a 1.7 s clock backstop for the whole file). */
  readonly budgetMs?: number;
  readonly budgetSteps?: number;
  /**
   * What the functions of other files of the run do (`LintReport.summaries` of those files,
   * merged by `mergeSummaries`): a call to one of them is read as its close or shutdown. A
   * function this file defines itself is summarised from its own body instead.
   */
  readonly summaries?: readonly FunctionSummary[];
}

/** A shutdown direction, as the model's constants name it. */
export type ShutdownDirection = 'SD_SEND' | 'SD_RECEIVE' | 'SD_BOTH';

/** What a function does that the rules can see through at its calls in other files. Plain data. */
export interface FunctionSummary {
  readonly name: string;
  /** How many parameters it takes (a call with another count is another function). */
  readonly params: number;
  /** It closes its first parameter on every path. */
  readonly closes?: true;
  /** It shuts down its first parameter on every path, in this direction, and does nothing else with it. */
  readonly shutsDown?: ShutdownDirection;
  /** It never returns. */
  readonly noreturn?: true;
}

/** The summaries of one file, and every function name it defines (a name two files define differently is no summary). */
export interface FileSummaries {
  readonly defined: readonly string[];
  readonly functions: readonly FunctionSummary[];
}

/**
 * Something the lint could not do on a file, said once per file: parts that did not parse, a file
 * over a budget, a parser that trapped. Findings in the affected part may be missing.
 */
export type LintNoticeKind = 'parse-errors' | 'too-large' | 'parser-failure';
export interface LintNotice {
  readonly kind: LintNoticeKind;
  readonly message: Localized;
  /** Where it applies, when it is one place (the first unparsed region, the function too deep). */
  readonly span?: Span;
}

/** Findings plus the notices of one file. */
export interface LintReport {
  readonly findings: Finding[];
  readonly notices: LintNotice[];
  /** What the file's own functions do, for the lint of the files that call them. */
  readonly summaries?: FileSummaries;
}

export const DEFAULT_DEFINES: Readonly<Record<string, string>> = { _WIN32: '1', WIN32: '1', _WINDOWS: '1', _MSC_VER: '1940' };
export const DEFAULT_CLOSE_FUNCTIONS: readonly string[] = ['closesocket'];
