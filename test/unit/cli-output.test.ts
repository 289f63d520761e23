// The CLI's three output formats, through the real process (node dist/cli.js).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { REPO, ensureCliBuilt, runCli } from './cli-helpers';

const TRAILER = path.join('test', 'fixtures', 'lint', 'send-after-disconnect', 'trailer-after-shutdown.c');
const CLEAN = path.join('test', 'fixtures', 'lint', 'missing-closesocket', 'graceful-close-documented.c');
const DEFAULT_SEVERITY_FIXTURES = path.join('test', 'fixtures', 'lint', 'send-after-disconnect');

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
}

before(ensureCliBuilt);

test('text: one compiler-style line per finding, 1-based, with a note for the earlier call; exit 1 on an error', () => {
  const r = runCli(['lint', TRAILER]);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  const finding = lines.find((l) => l.includes('[send-after-disconnect]'));
  assert.ok(finding, r.stdout);
  const m = /^(.+):(\d+):(\d+): (error|warning|info|hint): (.+) \[([a-z-]+)\]$/.exec(finding);
  assert.ok(m, `not in file:line:col: severity: message [rule] form: ${finding}`);
  assert.equal(m[1], TRAILER);
  assert.equal(Number(m[2]), 26); // the send of the trailer, on line 26 of the fixture
  assert.equal(Number(m[3]), 5); // `send` starts in column 5 (after four spaces)
  assert.equal(m[4], 'error');
  assert.match(m[5]!, /WSAESHUTDOWN/);
  assert.ok(lines.some((l) => l.startsWith(`${TRAILER}:24:`) && l.includes(': note: ')), `no note pointing at the shutdown on line 24:\n${r.stdout}`);
  assert.match(r.stderr, /1 file\(s\) checked, 0 skipped: 1 error\(s\)/);
});

test('json: an array of {file, line, column, endLine, endColumn, rule, severity, message} matching the text output', () => {
  const text = runCli(['lint', DEFAULT_SEVERITY_FIXTURES]);
  const r = runCli(['lint', '--format', 'json', DEFAULT_SEVERITY_FIXTURES]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, '');
  const findings = JSON.parse(r.stdout) as JsonFinding[];
  assert.ok(Array.isArray(findings) && findings.length > 0);
  for (const f of findings) {
    assert.deepEqual(Object.keys(f).sort(), ['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'rule', 'severity']);
    assert.ok(f.line >= 1 && f.column >= 1 && (f.endLine > f.line || (f.endLine === f.line && f.endColumn > f.column)), JSON.stringify(f));
    const source = readFileSync(path.join(REPO, f.file), 'utf8').split('\n');
    assert.ok(f.line <= source.length && f.column <= source[f.line - 1]!.length + 1, `position outside the file: ${JSON.stringify(f)}`);
  }
  const asText = findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.rule}]`);
  const textFindings = text.stdout.split('\n').filter((l) => / \[[a-z-]+\]$/.test(l));
  assert.deepEqual(asText, textFindings);
  const trailer = findings.find((f) => f.file === TRAILER);
  assert.deepEqual(trailer && { line: trailer.line, column: trailer.column, rule: trailer.rule, severity: trailer.severity }, {
    line: 26,
    column: 5,
    rule: 'send-after-disconnect',
    severity: 'error',
  });
});

test('a clean file gives no finding and exit 0 in every format', () => {
  const text = runCli(['lint', CLEAN]);
  assert.equal(text.status, 0, text.stdout + text.stderr);
  assert.equal(text.stdout, '');
  const json = runCli(['lint', '--format=json', CLEAN]);
  assert.equal(json.status, 0);
  assert.deepEqual(JSON.parse(json.stdout), []);
  const sarif = runCli(['lint', '--format', 'sarif', CLEAN]);
  assert.equal(sarif.status, 0);
  assert.deepEqual((JSON.parse(sarif.stdout) as Sarif.Log).runs[0]!.results, []);
});

test('sarif: validates against the SARIF 2.1.0 schema and carries rules, levels, locations and related locations', () => {
  const r = runCli(['lint', '--format', 'sarif', DEFAULT_SEVERITY_FIXTURES, path.join('test', 'fixtures', 'lint', 'unchecked-result')]);
  assert.equal(r.status, 1, r.stderr);
  const log = JSON.parse(r.stdout) as Sarif.Log;

  // The schema shipped in @microsoft/sarif-multitool-linux 5.7.0 (sarif-2.1.0.json), vendored
  // unchanged; it is written for JSON Schema 2020-12. strictRequired is off because the schema
  // itself lists required properties inside anyOf branches that declare no properties.
  const schema = JSON.parse(readFileSync(path.join(REPO, 'test', 'fixtures', 'sarif-2.1.0.schema.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  // The validator is not a rubber stamp: a broken log fails.
  assert.equal(validate({ ...log, runs: [{ ...log.runs[0], results: [{ level: 'fatal', message: {} }] }] }), false);

  const run = log.runs[0]!;
  assert.equal(log.version, '2.1.0');
  assert.equal(run.tool.driver.name, 'Winsock Lens');
  const rules = run.tool.driver.rules!;
  assert.equal(rules.length, 12);
  for (const rule of rules) {
    assert.ok(rule.shortDescription?.text, rule.id);
    assert.ok(rule.defaultConfiguration?.level, rule.id);
    // Code scanning wants https links (never file:), built from package.json's repository, to a
    // page that exists in the repository.
    assert.match(rule.helpUri!, new RegExp(`^https://github\\.com/winsock-lens/winsock-lens/blob/main/docs/rules/${rule.id}\\.md$`));
    assert.ok(existsSync(path.join(REPO, 'docs', 'rules', `${rule.id}.md`)), `${rule.id}.md does not exist`);
    // The full description is the page's "What it finds" paragraph; the help is the page as markdown.
    assert.ok((rule.fullDescription?.text.length ?? 0) > 60, `${rule.id}: ${rule.fullDescription?.text}`);
    assert.ok(!rule.fullDescription!.text.includes('\n'), rule.id);
    assert.match(rule.help?.markdown ?? '', /## What it finds/, rule.id);
    assert.ok(rule.help?.text, rule.id);
  }
  assert.match(run.tool.driver.informationUri!, /^https:\/\//);
  const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { repository: { url: string } };
  assert.equal(run.tool.driver.informationUri, pkg.repository.url.replace(/\.git$/, ''));
  assert.ok(!JSON.stringify(log).includes('file:///') || JSON.stringify(run.originalUriBaseIds).includes('file:///'), 'no file: link but the source root');
  // Every result has a fingerprint for baselines and alert tracking.
  for (const x of run.results!) assert.match(x.partialFingerprints?.['winsockLens/v1'] ?? '', /^[0-9a-f]{32}$/);
  assert.equal(run.invocations?.[0]?.executionSuccessful, true);
  assert.equal(rules.find((x) => x.id === 'unchecked-result')!.defaultConfiguration!.level, 'note');
  assert.equal(rules.find((x) => x.id === 'send-after-disconnect')!.defaultConfiguration!.level, 'error');

  const results = run.results!;
  const trailer = results.find((x) => x.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'test/fixtures/lint/send-after-disconnect/trailer-after-shutdown.c');
  assert.ok(trailer, 'no result for trailer-after-shutdown.c');
  assert.equal(trailer.ruleId, 'send-after-disconnect');
  assert.equal(trailer.level, 'error');
  assert.equal(rules[trailer.ruleIndex!]!.id, 'send-after-disconnect');
  // The same 1-based region as the JSON output gives for this finding.
  const asJson = (JSON.parse(runCli(['lint', '--format', 'json', TRAILER]).stdout) as JsonFinding[])[0]!;
  assert.deepEqual(trailer.locations![0]!.physicalLocation!.region, { startLine: 26, startColumn: 5, endLine: asJson.endLine, endColumn: asJson.endColumn });
  assert.equal(trailer.relatedLocations?.[0]?.physicalLocation?.region?.startLine, 24);
  assert.ok(trailer.relatedLocations?.[0]?.message?.text);
  assert.ok(results.some((x) => x.ruleId === 'unchecked-result' && x.level === 'note'), 'info findings map to level note');
  assert.equal(run.originalUriBaseIds!['SRCROOT']!.uri, new URL(`file://${REPO}/`).href);
});

test('--lang ru gives Russian messages, the rule ids and severities stay as they are', () => {
  const r = runCli(['lint', '--lang', 'ru', TRAILER]);
  assert.equal(r.status, 1);
  const line = r.stdout.split('\n').find((l) => l.includes('[send-after-disconnect]'))!;
  assert.match(line, /: error: .*[а-яА-Я].* \[send-after-disconnect\]$/);
  assert.match(r.stderr, /Проверено файлов: 1/);
});

test('--help lists the options, the rules and the exit codes', () => {
  const r = runCli(['--help']);
  assert.equal(r.status, 0);
  for (const s of ['--format', '--define', '--rule', '--lang', 'send-after-disconnect (error)', 'unchecked-result (info)', 'Exit codes']) assert.ok(r.stdout.includes(s), s);
  assert.match(runCli(['lint', '--help', '--lang', 'ru']).stdout, /Коды выхода/);
});
