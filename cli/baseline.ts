// --baseline FILE: a SARIF log of an earlier run. Findings whose fingerprint (cli/fingerprint.ts)
// is in it are known and left out of the report and the exit code, so a team can adopt the lint on
// old code and fail CI only on new mistakes. Matching counts: two known findings of the same key
// hide at most two.
import { readFileSync } from 'node:fs';
import { FINGERPRINT_KEY } from './fingerprint';

export type Baseline = { readonly ok: true; readonly take: (fingerprint: string) => boolean; readonly size: number } | { readonly ok: false; readonly reason: string };

export function loadBaseline(file: string): Baseline {
  let log: unknown;
  try {
    log = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const code = err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : undefined;
    return { ok: false, reason: code ? `cannot be read (${code})` : `is not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const runs = (log as { runs?: unknown })?.runs;
  if (!Array.isArray(runs)) return { ok: false, reason: 'is not a SARIF log (no "runs" array)' };
  const counts = new Map<string, number>();
  let size = 0;
  for (const run of runs) {
    const results = (run as { results?: unknown })?.results;
    if (!Array.isArray(results)) continue;
    for (const r of results) {
      const fp = (r as { partialFingerprints?: Record<string, unknown> })?.partialFingerprints?.[FINGERPRINT_KEY];
      if (typeof fp !== 'string') continue;
      counts.set(fp, (counts.get(fp) ?? 0) + 1);
      size++;
    }
  }
  return {
    ok: true,
    size,
    take(fingerprint) {
      const n = counts.get(fingerprint) ?? 0;
      if (n === 0) return false;
      counts.set(fingerprint, n - 1);
      return true;
    },
  };
}
