// A breakpoint's hit count, as the DAP `hitCondition` text: `N` or `== N` (the Nth hit only),
// `>= N` (the Nth and every later one), `> N`, `% N` (every Nth). gdb does the counting with its
// ignore count (`-i`, `-break-after`); the adapter only re-arms or disables after a stop.

export type HitCondition = { readonly op: '==' | '>=' | '>' | '%'; readonly n: number };

/** Parses a hit condition; undefined when the text is none of the forms above (or N is below 1). */
export function parseHitCondition(text: string): HitCondition | undefined {
  const m = /^\s*(==?|>=|>|%)?\s*(\d+)\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[2]);
  const op = m[1] === undefined || m[1] === '=' ? '==' : (m[1] as HitCondition['op']);
  if (!Number.isSafeInteger(n) || (op !== '>' && n < 1)) return undefined;
  return { op, n };
}

/** How many hits gdb is to ignore before the first stop. */
export function initialIgnoreCount(c: HitCondition): number {
  return c.op === '>' ? c.n : c.n - 1;
}

/** What to do once the breakpoint has stopped: nothing, disable it (`== N`) or ignore the next N-1 hits (`% N`). */
export function afterHit(c: HitCondition): { readonly disable: true } | { readonly ignore: number } | undefined {
  if (c.op === '==') return { disable: true };
  if (c.op === '%' && c.n > 1) return { ignore: c.n - 1 };
  return undefined;
}
