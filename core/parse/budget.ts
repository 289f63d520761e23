// One budget per file, shared by every stage (preprocess, parse, analysis): a deadline on the
// clock and a limit on how deep a walk may nest. A stage that runs past it throws BudgetExceeded;
// the lint turns that into one 'too-large' notice for the file and goes on with the next file.

/** Milliseconds one file may take in all stages together (well under the 2 s a file may cost). */
export const FILE_BUDGET_MS = 1000;
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
  private ticks = 0;

  constructor(readonly ms: number = FILE_BUDGET_MS) {
    this.deadline = Date.now() + ms;
  }

  /** Whether the deadline has passed (reads the clock). */
  expired(): boolean {
    return Date.now() > this.deadline;
  }

  /** Cheap enough for every step of a walk: reads the clock once per 64 calls. */
  tick(stage: Stage): void {
    if ((++this.ticks & 63) === 0 && Date.now() > this.deadline) throw this.timeUp(stage);
  }

  timeUp(stage: Stage, at?: { start: number; end: number }): BudgetExceeded {
    return new BudgetExceeded(stage, { en: `more than ${this.ms} ms in the ${stage}`, ru: `больше ${this.ms} мс на этапе «${STAGE_RU[stage]}»` }, at);
  }
}

const STAGE_RU: Record<Stage, string> = { preprocess: 'препроцессор', parse: 'разбор', analysis: 'анализ' };

/** A budget that never runs out (for callers that want none). */
export const UNLIMITED: Budget = new Budget(Number.MAX_SAFE_INTEGER / 2);
