// The lint core's entry: text in, findings out. No Node built-ins, no vscode: the .wasm files come
// through an injected loader.
import type { Tree } from 'web-tree-sitter';
import { CParser, ParserFailure, chooseGrammar, isWasmTrap, type WasmFile } from '../parse/parser';
import { Budget, BudgetExceeded, FILE_BUDGET_MS, MAX_STEPS } from '../parse/budget';
import { MAX_EXPANSIONS, preprocess } from '../parse/preprocessor';
import { analyzeTree, type AnalysisCache, type RawFinding } from './analysis';
import { RULES, isRuleId, ruleMeta, type RuleMeta } from './rules';
import { parseErrorNotices } from './parse-errors';
import { isNonWindowsSource } from './platform';
import { LineIndex } from './text';
import { DEFAULT_CLOSE_FUNCTIONS, DEFAULT_DEFINES, type Finding, type LintNotice, type LintOptions, type LintReport, type QuickFix, type RuleId } from './types';

export { RULES, ruleMeta, isRuleId };
export type { RuleMeta };
export * from './types';

export interface Linter {
  /** Chooses C or C++ from `fileName` (and `options.language` for files without a telling extension), blanks inactive #if branches, parses, analyses, applies suppressions. */
  lintText(text: string, fileName: string, options: LintOptions): Finding[];
  /** Lints an existing tree (the editor's incremental parse). `text` is the document text. */
  lintTree(tree: Tree, text: string, options: LintOptions): Finding[];
  /** As lintText, with the notices (unparsed parts, budgets exceeded, parser failures). */
  checkText(text: string, fileName: string, options: LintOptions): LintReport;
  /** As lintTree, with the notices. */
  checkTree(tree: Tree, text: string, options: LintOptions): LintReport;
  /** The text the parser should see for `text`: inactive preprocessor branches blanked, offsets kept. */
  prepare(text: string, options: LintOptions): string;
  /**
   * Resolves when the parser can take the next file: at once normally; after a WebAssembly trap
   * (reported on the file that caused it as a 'parser-failure' notice) once a new runtime and
   * parser are made. Await it before each file.
   */
  ready(): Promise<void>;
  dispose(): void;
}

/** Fills the defaults in a partial set of options. */
export function resolveOptions(partial: Partial<LintOptions> = {}): LintOptions {
  return {
    language: partial.language ?? 'c',
    defines: partial.defines ?? DEFAULT_DEFINES,
    closeFunctions: partial.closeFunctions && partial.closeFunctions.length > 0 ? partial.closeFunctions : DEFAULT_CLOSE_FUNCTIONS,
    rules: partial.rules ?? {},
    ...(partial.summaries ? { summaries: partial.summaries } : {}),
    ...(partial.budgetMs !== undefined ? { budgetMs: partial.budgetMs } : {}),
    ...(partial.budgetSteps !== undefined ? { budgetSteps: partial.budgetSteps } : {}),
  };
}

/**
 * Creates a linter. Given a loader it makes (and later disposes) its own parser; given a parser
 * already made (the editor's shared parse cache has one), it uses that one and leaves it alone.
 */
export async function createLinter(source: ((file: string) => Promise<Uint8Array>) | CParser): Promise<Linter> {
  const ownsParser = !(source instanceof CParser);
  const parser = source instanceof CParser ? source : await CParser.create((f: WasmFile) => source(f));
  // Per-function results of earlier runs: after an edit only the changed functions are walked again.
  const cache: AnalysisCache = new Map();
  const linter: Linter = {
    lintText(text, fileName, options) {
      return linter.checkText(text, fileName, options).findings;
    },
    lintTree(tree, text, options) {
      return linter.checkTree(tree, text, options).findings;
    },
    checkText(text, fileName, options) {
      const budget = new Budget(options.budgetMs ?? FILE_BUDGET_MS, options.budgetSteps ?? MAX_STEPS);
      const grammar = chooseGrammar(fileName, text, options.language);
      const pre = preprocess(text, options.defines);
      const prepared = pre.text;
      let tree;
      try {
        tree = parser.parse(prepared, grammar, undefined, budget);
      } catch (err) {
        if (err instanceof BudgetExceeded) return { findings: [], notices: [tooLarge([err], text)] };
        if (err instanceof ParserFailure) return { findings: [], notices: [parserFailure(err)] };
        throw err;
      }
      try {
        return withPreprocessNotice(analyse(tree, text, prepared, options, budget), pre.overExpansionCap);
      } catch (err) {
        if (isWasmTrap(err)) return { findings: [], notices: [parserFailure(parser.failed(err))] };
        throw err;
      } finally {
        parser.release(tree);
      }
    },
    checkTree(tree, text, options) {
      // The tree was parsed from the prepared text; analyse that text (same offsets).
      const budget = new Budget(options.budgetMs ?? FILE_BUDGET_MS, options.budgetSteps ?? MAX_STEPS);
      const pre = preprocess(text, options.defines);
      const prepared = pre.text;
      try {
        return withPreprocessNotice(analyse(tree, text, prepared, options, budget, cache), pre.overExpansionCap);
      } catch (err) {
        if (isWasmTrap(err)) return { findings: [], notices: [parserFailure(parser.failed(err))] };
        throw err;
      }
    },
    ready() {
      return parser.ready();
    },
    prepare(text, options) {
      return preprocess(text, options.defines).text;
    },
    dispose() {
      cache.clear();
      if (ownsParser) parser.dispose();
    },
  };
  return linter;
}

function analyse(tree: Tree, text: string, prepared: string, options: LintOptions, budget: Budget, cache?: AnalysisCache): LintReport {
  const givenUp: BudgetExceeded[] = [];
  const { findings: raw, summaries } = analyzeTree(tree, prepared, options, cache, budget, givenUp);
  const notices = parseErrorNotices(tree, prepared);
  if (givenUp.length > 0) notices.push(tooLarge(givenUp, text));
  return { findings: finish(raw, text, options), notices, summaries };
}

/** Conditions over the macro-expansion cap are said once per file: their branches were analysed as undecidable. */
function withPreprocessNotice(report: LintReport, overCap: number): LintReport {
  if (overCap === 0) return report;
  const notice: LintNotice = {
    kind: 'too-large',
    message: {
      en: `too large to evaluate: ${overCap} #if condition(s) needed more than ${MAX_EXPANSIONS} macro expansions; each was taken as undecidable (its branch analysed), so findings there may be wrong or missing`,
      ru: `слишком сложно для вычисления: условиям #if (${overCap}) понадобилось больше ${MAX_EXPANSIONS} раскрытий макросов; каждое сочтено неразрешимым (его ветвь проанализирована), поэтому находки там могут быть неверны или отсутствовать`,
    },
  };
  return { findings: report.findings, notices: [...report.notices, notice] };
}

/** One notice for all the parts of a file given up over its budget (the first one is named). */
function tooLarge(parts: readonly BudgetExceeded[], text: string): LintNotice {
  const first = parts[0]!;
  const more = parts.length - 1;
  const en = more > 0 ? ` (and ${more} more function(s))` : '';
  const ru = more > 0 ? ` (и ещё функций: ${more})` : '';
  const lines = new LineIndex(text);
  return {
    kind: 'too-large',
    message: {
      en: `too large or too deep to analyse: ${first.what.en}${en}; findings there may be missing`,
      ru: `слишком большой или слишком глубоко вложенный код для анализа: ${first.what.ru}${ru}; часть находок там может отсутствовать`,
    },
    ...(first.at ? { span: lines.span(first.at.start, Math.min(first.at.start, first.at.end)) } : {}),
  };
}

function parserFailure(err: ParserFailure): LintNotice {
  return {
    kind: 'parser-failure',
    message: {
      en: `the C/C++ parser failed on this file (WebAssembly: ${err.reason}); no findings for it; the parser was made anew, so the other files are checked as usual`,
      ru: `разборщик C/C++ дал сбой на этом файле (WebAssembly: ${err.reason}); находок для него нет; разборщик создан заново, остальные файлы проверяются как обычно`,
    },
  };
}

/** Suppressions, severity overrides, offsets → positions, and the "disable for this line" fix. */
function finish(raw: readonly RawFinding[], text: string, options: LintOptions): Finding[] {
  if (raw.length === 0) return [];
  // Not Windows code (POSIX-only calls and headers, nothing of Winsock): nothing to report.
  if (isNonWindowsSource(text)) return [];
  const lines = new LineIndex(text);
  const suppress = suppressions(text, lines);
  const out: Finding[] = [];
  for (const r of raw) {
    const setting = options.rules[r.rule];
    if (setting === 'off') continue;
    const span = lines.span(r.start, r.end);
    if (suppress.isSuppressed(r.rule, span.start.line)) continue;
    const disable = disableLineFix(r.rule, span.start.line, text, lines);
    out.push({
      rule: r.rule,
      severity: setting ?? r.severity,
      span,
      message: r.message,
      related: r.related.map((x) => ({ span: lines.span(x.start, x.end), message: x.message })),
      fixes: [...r.fixes, disable],
    });
  }
  return out;
}

/**
 * "Disable <rule> for this line": a comment at the end of the finding's line, which changes no
 * line and no statement (a comment line put between a label and its statement would). Where the
 * line cannot take a trailing comment (a macro continuation, an open block comment), the comment
 * goes on a line of its own above.
 */
function disableLineFix(rule: RuleId, line: number, text: string, lines: LineIndex): QuickFix {
  const title = { en: `Disable ${rule} for this line`, ru: `Отключить ${rule} для этой строки` };
  const ls = lines.lineStart(line);
  const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
  const content = text.slice(ls, next).replace(/(?:\r\n|\r|\n)$/, '');
  const lastOpen = content.lastIndexOf('/*');
  const trailingOk = !/\\\s*$/.test(content) && (lastOpen < 0 || content.indexOf('*/', lastOpen) >= 0);
  if (trailingOk) {
    const end = ls + content.length;
    const sep = content.length === 0 || /\s$/.test(content) ? '' : ' ';
    return { title, edits: [{ span: lines.span(end, end), text: `${sep}// winsock-lens-disable-line ${rule}` }], preferred: false };
  }
  const indent = content.slice(0, content.length - content.trimStart().length);
  return { title, edits: [{ span: lines.span(ls, ls), text: `${indent}// winsock-lens-disable-next-line ${rule}${lines.eol}` }], preferred: false };
}

interface Suppressions {
  isSuppressed(rule: RuleId, line: number): boolean;
}

const ALL = '*';

/**
 * `// winsock-lens-disable-next-line [rule[, rule]]` silences the next line;
 * `/* winsock-lens-disable [rules] *\/` … `/* winsock-lens-enable [rules] *\/` silences a region.
 * No rule named means every rule.
 */
export function suppressions(text: string, lines: LineIndex): Suppressions {
  const nextLine = new Map<number, Set<string>>();
  const regions: { rule: string; from: number; to: number }[] = [];
  if (text.indexOf('winsock-lens-') === -1) return { isSuppressed: () => false };
  const open = new Map<string, number>();
  const re = /winsock-lens-(disable-next-line|disable-line|disable|enable)\b([^\r\n*]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const kind = m[1]!;
    const names = (m[2] ?? '')
      .replace(/--.*$/, '')
      .split(/[\s,]+/)
      .map((x) => x.trim())
      .filter((x) => x.length > 0 && isRuleId(x));
    const rules = names.length > 0 ? names : [ALL];
    const line = lines.pos(m.index).line;
    if (kind === 'disable-next-line' || kind === 'disable-line') {
      const target = kind === 'disable-line' ? line : line + 1;
      const set = nextLine.get(target) ?? new Set<string>();
      for (const r of rules) set.add(r);
      nextLine.set(target, set);
    } else if (kind === 'disable') {
      for (const r of rules) if (!open.has(r)) open.set(r, line);
    } else {
      for (const r of rules) {
        if (r === ALL) {
          for (const [k, from] of open) regions.push({ rule: k, from, to: line });
          open.clear();
        } else {
          const from = open.get(r);
          if (from !== undefined) {
            regions.push({ rule: r, from, to: line });
            open.delete(r);
          }
        }
      }
    }
  }
  for (const [k, from] of open) regions.push({ rule: k, from, to: Number.MAX_SAFE_INTEGER });
  return {
    isSuppressed(rule, line) {
      const s = nextLine.get(line);
      if (s && (s.has(ALL) || s.has(rule))) return true;
      return regions.some((r) => (r.rule === ALL || r.rule === rule) && line >= r.from && line <= r.to);
    },
  };
}

export { ruleMeta as rule };
