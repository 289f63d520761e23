// The fixture corpus (test/fixtures/lint, see its README) through the real lint core, checked both
// ways: every `expect:` mark must be reported (rule and line, and severity when written as
// rule@severity), and nothing else may be reported. Error and warning findings are compared in
// every file; info and hint findings only for the rules a file names in a mark, or for every rule
// when the file sets "compareInfo". KNOWN-MISSES.json lists differences the lead accepted for now:
// they are reported as known (with the per-rule counts), and entries that no longer happen are
// listed there too, to be removed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createLinter, resolveOptions, RULES, type Linter } from '../../core/lint/index';
import type { Finding, LintOptions, RuleId, Severity } from '../../core/lint/types';
import { chooseGrammar } from '../../core/parse/parser';
import { nodeWasmLoader } from './parse-helpers';

const ROOT = path.resolve('test/fixtures/lint');
const SOURCE = /\.(c|cc|cpp|cxx|h|hh|hpp|hxx)$/i;
const RULE_IDS = new Set<string>(RULES.map((r) => r.id));
const SEVERITIES = new Set<string>(['error', 'warning', 'info', 'hint']);

interface Mark {
  readonly line: number; // 1-based
  readonly rule: RuleId;
  readonly severity?: Severity;
}

interface Fixture {
  readonly rel: string;
  readonly text: string;
  readonly expects: Mark[];
  readonly oks: Mark[];
  readonly options: { defines?: Record<string, string>; closeFunctions?: string[]; rules?: LintOptions['rules']; compareInfo?: boolean };
}

interface KnownMiss {
  readonly file: string;
  readonly line: number;
  readonly rule: RuleId;
  readonly kind: 'missed' | 'extra';
  readonly note?: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = path.join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : SOURCE.test(name) ? [p] : [];
    });
}

const MARK = /\/\/\s*(expect|expect-next-line|ok|ok-next-line):\s*([A-Za-z@ ,-]+?)\s*$/;

/** Reads the marks of one fixture; a malformed mark is an error of the fixture, not skipped. */
function readFixture(file: string): Fixture {
  const text = readFileSync(file, 'utf8');
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  const lines = text.split(/\r?\n/);
  const expects: Mark[] = [];
  const oks: Mark[] = [];
  let options: Fixture['options'] = {};
  lines.forEach((line, i) => {
    const opt = /\/\/\s*fixture-options:\s*(\{.*\})\s*$/.exec(line);
    if (opt) {
      if (i >= 5) throw new Error(`${rel}:${i + 1}: fixture-options must stand in the first five lines`);
      options = JSON.parse(opt[1]!) as Fixture['options'];
      return;
    }
    const m = MARK.exec(line);
    if (!m) {
      if (/\/\/\s*(expect|ok)[\w-]*\s*:/.test(line)) throw new Error(`${rel}:${i + 1}: unreadable mark: ${line.trim()}`);
      return;
    }
    const target = m[1]!.endsWith('next-line') ? i + 2 : i + 1;
    for (const item of m[2]!.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [rule, severity] = item.split('@');
      if (!RULE_IDS.has(rule!)) throw new Error(`${rel}:${i + 1}: unknown rule '${rule}' in a mark`);
      if (severity !== undefined && !SEVERITIES.has(severity)) throw new Error(`${rel}:${i + 1}: unknown severity '${severity}'`);
      const mark: Mark = { line: target, rule: rule as RuleId, ...(severity ? { severity: severity as Severity } : {}) };
      (m[1]!.startsWith('expect') ? expects : oks).push(mark);
    }
  });
  return { rel, text, expects, oks, options };
}

const files = walk(ROOT);
const fixtures = files.map(readFixture);
const knownPath = path.join(ROOT, 'KNOWN-MISSES.json');
const known: KnownMiss[] = existsSync(knownPath) ? (JSON.parse(readFileSync(knownPath, 'utf8')) as KnownMiss[]) : [];
const knownUsed = new Set<KnownMiss>();

// Entries name files from the repository root; this test owns those under test/fixtures/lint/.
const PREFIX = 'test/fixtures/lint/';
function isKnown(file: string, line: number, rule: RuleId, kind: KnownMiss['kind']): KnownMiss | undefined {
  return known.find((k) => k.file === PREFIX + file && k.line === line && k.rule === rule && k.kind === kind);
}

/** Per rule: marks, and how the engine did on them. */
const tally = new Map<RuleId, { positive: number; found: number; negative: number; quiet: number }>(
  RULES.map((r) => [r.id, { positive: 0, found: 0, negative: 0, quiet: 0 }]),
);
const knownReported: string[] = [];

function describeFinding(f: Finding): string {
  return `${f.rule} (${f.severity}) "${f.message.en}"`;
}

describe('lint fixture corpus', () => {
  let linter: Linter;
  before(async () => {
    linter = await createLinter((file) => nodeWasmLoader(file as Parameters<typeof nodeWasmLoader>[0]));
  });
  after(() => linter?.dispose());

  test('the corpus has at least 80 files and, per rule, at least 3 cases to find and 3 look-alikes', () => {
    assert.ok(fixtures.length >= 80, `only ${fixtures.length} fixture files`);
    for (const r of RULES) {
      const pos = fixtures.reduce((n, f) => n + f.expects.filter((m) => m.rule === r.id).length, 0);
      const neg = fixtures.reduce((n, f) => n + f.oks.filter((m) => m.rule === r.id).length, 0);
      assert.ok(pos >= 3, `${r.id}: ${pos} positive cases`);
      assert.ok(neg >= 3, `${r.id}: ${neg} look-alikes`);
    }
  });

  for (const fx of fixtures) {
    test(fx.rel, () => {
      const ext = path.extname(fx.rel);
      const options = resolveOptions({
        language: chooseGrammar(fx.rel, fx.text, /\.c$/i.test(ext) ? 'c' : 'cpp'),
        ...(fx.options.defines ? { defines: fx.options.defines } : {}),
        ...(fx.options.closeFunctions ? { closeFunctions: fx.options.closeFunctions } : {}),
        ...(fx.options.rules ? { rules: fx.options.rules } : {}),
      });
      const findings = linter.lintText(fx.text, path.join(ROOT, fx.rel), options);
      const named = new Set<RuleId>([...fx.expects, ...fx.oks].map((m) => m.rule));
      const compared = findings.filter((f) => f.severity === 'error' || f.severity === 'warning' || fx.options.compareInfo || named.has(f.rule));

      const problems: string[] = [];
      const matched = new Set<Finding>();
      for (const e of fx.expects) {
        const t = tally.get(e.rule)!;
        t.positive++;
        const hit = compared.find((f) => !matched.has(f) && f.rule === e.rule && f.span.start.line + 1 === e.line);
        if (hit) matched.add(hit);
        if (hit && (!e.severity || hit.severity === e.severity)) {
          t.found++;
          continue;
        }
        const what = hit ? `reported as ${hit.severity}, expected ${e.severity}` : 'not reported';
        const k = isKnown(fx.rel, e.line, e.rule, 'missed');
        if (k) {
          knownUsed.add(k);
          knownReported.push(`known miss  ${fx.rel}:${e.line} ${e.rule}: ${what}${k.note ? ` (${k.note})` : ''}`);
        } else {
          problems.push(`${fx.rel}:${e.line}: expected ${e.rule}${e.severity ? '@' + e.severity : ''}: ${what}`);
        }
      }
      for (const f of compared) {
        if (matched.has(f)) continue;
        const line = f.span.start.line + 1;
        const k = isKnown(fx.rel, line, f.rule, 'extra');
        if (k) {
          knownUsed.add(k);
          knownReported.push(`known extra ${fx.rel}:${line} ${describeFinding(f)}`);
        } else {
          problems.push(`${fx.rel}:${line}:${f.span.start.column + 1}: unexpected ${describeFinding(f)}`);
        }
      }
      // A look-alike counts as quiet when its rule reported nothing unexpected anywhere in the file
      // (some rules, e.g. missing-closesocket, report at the exit rather than at the marked call).
      const noisy = new Set<RuleId>(compared.filter((f) => !matched.has(f)).map((f) => f.rule));
      for (const o of fx.oks) {
        const t = tally.get(o.rule)!;
        t.negative++;
        if (!noisy.has(o.rule)) t.quiet++;
      }
      assert.deepEqual(problems, [], `\n${problems.join('\n')}\n`);
    });
  }

  test('per-rule counts', () => {
    const rows = RULES.map((r) => {
      const t = tally.get(r.id)!;
      return `  ${r.id.padEnd(30)} positive ${String(t.positive).padStart(3)} (found ${String(t.found).padStart(3)})   look-alike ${String(t.negative).padStart(3)} (quiet ${String(t.negative === 0 ? 0 : t.quiet).padStart(3)})`;
    });
    const pos = [...tally.values()].reduce((n, t) => n + t.positive, 0);
    const found = [...tally.values()].reduce((n, t) => n + t.found, 0);
    const neg = [...tally.values()].reduce((n, t) => n + t.negative, 0);
    const quiet = [...tally.values()].reduce((n, t) => n + t.quiet, 0);
    // An entry the engine now gets right is reported, not failed: the engine may improve after
    // the list was written, and the list is pruned by hand.
    const stale = known.filter((k) => k.file.startsWith(PREFIX) && !knownUsed.has(k)).map((k) => `  no longer happens, remove from KNOWN-MISSES.json: ${k.file}:${k.line} ${k.rule} (${k.kind})`);
    console.log(
      [`lint corpus: ${fixtures.length} files`, ...rows, `  total: ${pos} positive (${found} found), ${neg} look-alikes (${quiet} quiet)`, ...knownReported.map((s) => '  ' + s), ...stale].join('\n'),
    );
  });
});
