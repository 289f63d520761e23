// partialFingerprints for SARIF results: stable across edits elsewhere in the file (no line
// numbers in it), so that a baseline and code scanning's alert tracking follow a finding when lines
// are added above it. The key: the rule, the file, the finding's source line with its spacing
// folded, and which occurrence of that same (rule, line text) in the file it is.
import { createHash } from 'node:crypto';
import type { Finding } from '../core/lint/types';

/** The name under which the fingerprint is stored in partialFingerprints. */
export const FINGERPRINT_KEY = 'winsockLens/v1';

export function fingerprints(findings: readonly Finding[], text: string, fileUri: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const line = (lines[f.span.start.line] ?? '').replace(/\s+/g, ' ').trim();
    const base = `${f.rule}\u0000${fileUri}\u0000${line}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return createHash('sha256').update(`${base}\u0000${n}`).digest('hex').slice(0, 32);
  });
}
