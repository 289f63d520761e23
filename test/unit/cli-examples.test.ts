// `winsock-lens lint examples/` through the real process, held to examples/EXPECTED-FINDINGS.md:
// every row of its "Findings" table must be reported (file, line, rule) and nothing else of
// severity error or warning may be; info findings are compared for the rules the table names.
// Differences the lead accepted for now are listed in test/fixtures/lint/KNOWN-MISSES.json
// (entries under examples/) and reported as known; entries that no longer happen are reported too.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS, REPO, ensureCliBuilt, runCli } from './cli-helpers';

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
}
interface KnownMiss {
  file: string;
  line: number;
  rule: string;
  kind: 'missed' | 'extra';
}

before(ensureCliBuilt);

/** The rows of the "## Findings" table: `| file:line | rule | call | why |`. */
function expectedFindings(): { file: string; line: number; rule: string }[] {
  const md = readFileSync(path.join(REPO, 'examples', 'EXPECTED-FINDINGS.md'), 'utf8');
  const section = md.slice(md.indexOf('## Findings'), md.indexOf('\n## ', md.indexOf('## Findings') + 1));
  const rows = [...section.matchAll(/^\|\s*([\w.-]+):(\d+)\s*\|\s*([a-z-]+)\s*\|/gm)];
  return rows.map((m) => ({ file: `examples/${m[1]}`, line: Number(m[2]), rule: m[3]! }));
}

test('winsock-lens lint examples/ reports what EXPECTED-FINDINGS.md lists, and nothing else', () => {
  const expected = expectedFindings();
  assert.ok(expected.length >= 10, `only ${expected.length} rows read from EXPECTED-FINDINGS.md`);
  const r = runCli(['lint', '--format', 'json', 'examples']);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const findings = (JSON.parse(r.stdout) as JsonFinding[]).map((f) => ({ ...f, file: f.file.split(path.sep).join('/') }));
  const named = new Set(expected.map((e) => e.rule));
  const compared = findings.filter((f) => f.severity === 'error' || f.severity === 'warning' || named.has(f.rule));

  const knownPath = path.join(CORPUS, 'KNOWN-MISSES.json');
  const known = (existsSync(knownPath) ? (JSON.parse(readFileSync(knownPath, 'utf8')) as KnownMiss[]) : []).filter((k) => k.file.startsWith('examples/'));
  const used = new Set<KnownMiss>();
  const isKnown = (file: string, line: number, rule: string, kind: KnownMiss['kind']) => {
    const k = known.find((x) => x.file === file && x.line === line && x.rule === rule && x.kind === kind);
    if (k) used.add(k);
    return k !== undefined;
  };

  const problems: string[] = [];
  const notes: string[] = [];
  for (const e of expected) {
    if (compared.some((f) => f.file === e.file && f.line === e.line && f.rule === e.rule)) continue;
    (isKnown(e.file, e.line, e.rule, 'missed') ? notes : problems).push(`${e.file}:${e.line}: ${e.rule} expected, not reported`);
  }
  for (const f of compared) {
    if (expected.some((e) => e.file === f.file && e.line === f.line && e.rule === f.rule)) continue;
    (isKnown(f.file, f.line, f.rule, 'extra') ? notes : problems).push(`${f.file}:${f.line}: unexpected ${f.rule} (${f.severity}): ${f.message}`);
  }
  for (const k of known) if (!used.has(k)) notes.push(`no longer happens, remove from KNOWN-MISSES.json: ${k.file}:${k.line} ${k.rule} (${k.kind})`);
  if (notes.length) console.log(`known differences on examples/:\n  ${notes.join('\n  ')}`);
  assert.deepEqual(problems, [], `\n${problems.join('\n')}\n`);
});
