// One budget per file, shared by every stage (preprocess, parse, analysis): a deadline on the
// clock and a limit on how deep a walk may nest. A stage that runs past it throws BudgetExceeded;
// the lint turns that into one 'too-large' notice for the file and goes on with the next file.

/** Milliseconds the parse of one file may take (tree-sitter is asked to stop after that). */
export const FILE_BUDGET_MS = 1500;
/**
 * The file's clock backstop (from the start of its parse to the end of its analysis), for steps
 * that cost more than they should: a 1 MB function of 20,000 else-if arms stays under the step
 * limit yet takes seconds. With it no file takes much more than 2 s (issue 12's target); an
 * ordinary file takes a few tens of milliseconds, so on a busy machine it is still never given up.
 */
export const ANALYSIS_BACKSTOP_MS = 1500;
/**
 * Steps (statements, expressions, conditions, calls visited) the analysis of one file may take:
 * about a second on a 2-core machine. A count, not a clock, so that findings never depend on how
 * busy the machine is.
 */
export const MAX_STEPS = 400_000;
/** How deep the statement and expression walks may nest (real code stays far below). */
export const MAX_NESTING = 400;

/**
 * How deep `{` blocks may nest before the parse is not tried at all. tree-sitter's error recovery
 * at a deeply unclosed block costs time in proportion to the depth, in one step that its progress
 * callback cannot interrupt (fuzz input #27236: 858,000 open braces, 2.2 s in one step); at this
 * depth that step takes about 80 ms. Real code nests a few dozen levels; deep but closed blocks
 * (thousands of levels) parse quickly and are given up by the analysis, one function at a time.
 */
export const MAX_BLOCK_NESTING = 20_000;

export type Stage = 'preprocess' | 'parse' | 'analysis';

/**
 * Whether `{` blocks of `text` nest deeper than `limit`, outside comments and string and
 * character literals. One pass over the text; texts with fewer braces than the limit are not read.
 */
export function blocksNestDeeperThan(text: string, limit: number): boolean {
  let count = 0;
  for (let i = text.indexOf('{'); i >= 0 && count <= limit; i = text.indexOf('{', i + 1)) count++;
  if (count <= limit) return false;
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */) {
      if (depth > 0) depth--;
    } else if (c === 47 /* / */ && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d === 47) {
        const end = text.indexOf('\n', i + 2);
        i = end < 0 ? n : end;
      } else if (d === 42) {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 1;
      }
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      // A literal ends at its quote or at the end of the line (an unterminated one).
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \\ */) i++;
        else if (d === c || d === 10) break;
      }
    }
  }
  return false;
}

export class BudgetExceeded extends Error {
  constructor(
    readonly stage: Stage,
    /** What was too large or too deep, in English and Russian (e.g. "nesting deeper than 400 levels"). */
    readonly what: { readonly en: string; readonly ru: string },
    /** The offsets of the part that was given up (a function), when it is one part. */
    readonly at?: { readonly start: number; readonly end: number },
  ) {
    super(`too large or too deep to analyse (${stage}): ${what.en}`);
    this.name = 'BudgetExceeded';
  }
}

export class Budget {
  private readonly deadline: number;
  private readonly backstop: number;
  private steps = 0;

  constructor(
    readonly ms: number = FILE_BUDGET_MS,
    readonly maxSteps: number = MAX_STEPS,
  ) {
    this.deadline = Date.now() + ms;
    this.backstop = Date.now() + Math.max(ms, ANALYSIS_BACKSTOP_MS);
  }

  /** Whether the parse deadline has passed (reads the clock). */
  expired(): boolean {
    return Date.now() > this.deadline;
  }

  /** Whether the analysis has used all its steps. */
  spent(): boolean {
    return this.steps >= this.maxSteps || Date.now() > this.backstop;
  }

  /** One step of a walk; throws once the file's steps are used up (or, checked every 64 steps, its backstop time). */
  tick(stage: Stage): void {
    if (++this.steps > this.maxSteps) throw this.tooMuch(stage);
    if ((this.steps & 63) === 0 && Date.now() > this.backstop) throw new BudgetExceeded(stage, { en: `more than ${Math.max(this.ms, ANALYSIS_BACKSTOP_MS)} ms in the ${stage}`, ru: `больше ${Math.max(this.ms, ANALYSIS_BACKSTOP_MS)} мс на этапе «${STAGE_RU[stage]}»` });
  }

  /** The text nests blocks deeper than {@link MAX_BLOCK_NESTING}: the parse is not tried. */
  tooDeep(stage: Stage): BudgetExceeded {
    return new BudgetExceeded(stage, { en: `blocks nested deeper than ${MAX_BLOCK_NESTING} levels`, ru: `блоки вложены глубже ${MAX_BLOCK_NESTING} уровней` });
  }

  /** The parse ran past its deadline. */
  timeUp(stage: Stage, at?: { start: number; end: number }): BudgetExceeded {
    return new BudgetExceeded(stage, { en: `more than ${this.ms} ms in the ${stage}`, ru: `больше ${this.ms} мс на этапе «${STAGE_RU[stage]}»` }, at);
  }

  /** The analysis used up its steps. */
  tooMuch(stage: Stage, at?: { start: number; end: number }): BudgetExceeded {
    return new BudgetExceeded(stage, { en: `more than ${this.maxSteps} steps in the ${stage}`, ru: `больше ${this.maxSteps} шагов на этапе «${STAGE_RU[stage]}»` }, at);
  }
}

const STAGE_RU: Record<Stage, string> = { preprocess: 'препроцессор', parse: 'разбор', analysis: 'анализ' };

/** A budget that never runs out (for callers that want none). */
export const UNLIMITED: Budget = new Budget(Number.MAX_SAFE_INTEGER / 2);
