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

export type Stage = 'preprocess' | 'parse' | 'analysis';

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
