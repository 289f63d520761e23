// --baseline and the SARIF fingerprints and notifications, through the real process; every log is
// checked against the SARIF 2.1.0 schema.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { CORPUS, REPO, ensureCliBuilt, runCli, tempDir } from './cli-helpers';

const SEND_AFTER = path.join(CORPUS, 'send-after-disconnect', 'trailer-after-shutdown.c');

before(ensureCliBuilt);

const schema = JSON.parse(readFileSync(path.join(REPO, 'test', 'fixtures', 'sarif-2.1.0.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function sarif(args: string[], cwd: string): { status: number | null; log: Sarif.Log; stderr: string } {
  const r = runCli(['lint', '--format', 'sarif', ...args], { cwd });
  const log = JSON.parse(r.stdout) as Sarif.Log;
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  return { status: r.status, log, stderr: r.stderr };
}

const BUG = ['int more(SOCKET t)', '{', '    if (shutdown(t, SD_SEND) == SOCKET_ERROR) return -1;', '    send(t, "new", 3, 0);', '    return 0;', '}', ''].join('\n');

test('fingerprints stay the same when unrelated lines are added above; --baseline reports only new findings', () => {
  const dir = tempDir('baseline');
  const file = path.join(dir, 'old.c');
  copyFileSync(SEND_AFTER, file);
  const before = sarif(['old.c'], dir);
  assert.equal(before.status, 1);
  const baseline = path.join(dir, 'baseline.sarif');
  writeFileSync(baseline, JSON.stringify(before.log));
  const oldPrint = before.log.runs[0]!.results![0]!.partialFingerprints!['winsockLens/v1'];

  // Unrelated edits: a comment block at the top, the finding moves down five lines.
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, `/* a\n * new\n * header\n * comment\n */\n${text}\n${BUG}`);
  const after = sarif(['old.c'], dir);
  const results = after.log.runs[0]!.results!;
  assert.equal(results.length, 2);
  const moved = results.find((r) => r.locations![0]!.physicalLocation!.region!.startLine === 31)!;
  assert.equal(moved.partialFingerprints!['winsockLens/v1'], oldPrint);

  // With the baseline only the new send is reported, and it alone decides the exit code.
  const onlyNew = sarif(['--baseline', 'baseline.sarif', 'old.c'], dir);
  assert.deepEqual(onlyNew.log.runs[0]!.results!.map((r) => (r.message.text ?? '').slice(0, 12)), ['send on \'t\' ']);
  assert.equal(onlyNew.status, 1);
  const notes = onlyNew.log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
  assert.ok(notes.some((n) => n.descriptor?.id === 'baseline' && /1 finding\(s\) already in the baseline/.test(n.message.text!)));

  // Once the new one is in the baseline too, the run is clean.
  writeFileSync(baseline, JSON.stringify(after.log));
  const clean = runCli(['lint', '--baseline', 'baseline.sarif', 'old.c'], { cwd: dir });
  assert.equal(clean.status, 0, clean.stderr);
  assert.equal(clean.stdout, '');
  assert.match(clean.stderr, /2 finding\(s\) already in the baseline not shown/);
});

test('a baseline that is missing or not SARIF is a usage error', () => {
  const dir = tempDir('badbase');
  writeFileSync(path.join(dir, 'x.sarif'), '{"version": 1}');
  const missing = runCli(['lint', '--baseline', 'nope.sarif', SEND_AFTER], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /the baseline nope\.sarif cannot be read \(ENOENT\)/);
  const bad = runCli(['lint', '--baseline', 'x.sarif', SEND_AFTER], { cwd: dir });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /is not a SARIF log/);
});

test('SARIF notifications: a file with syntax errors, an unreadable path and a config mistake, in the invocation', () => {
  const dir = tempDir('notes');
  writeFileSync(path.join(dir, 'broken.c'), ['#include <winsock2.h>', 'int f(SOCKET s) {', '    if (shutdown(s, SD_SEND) == SOCKET_ERROR) return -1;', '    send(s, "x", 1, 0);', '    int = = ;', '    return 0;', '}', 'struct { int', ''].join('\n'));
  writeFileSync(path.join(dir, '.winsock-lens.json'), '{ "rules": { "no-such-rule": "off" } }');
  const r = sarif(['broken.c', 'missing.c'], dir);
  assert.equal(r.status, 2);
  const inv = r.log.runs[0]!.invocations![0]!;
  assert.equal(inv.executionSuccessful, false);
  const ids = inv.toolExecutionNotifications!.map((n) => n.descriptor?.id);
  assert.ok(ids.includes('parse-errors'), JSON.stringify(inv.toolExecutionNotifications));
  assert.ok(ids.includes('skipped-file'));
  assert.ok(ids.includes('config'));
  const parse = inv.toolExecutionNotifications!.find((n) => n.descriptor?.id === 'parse-errors')!;
  assert.match(parse.message.text!, /line\(s\) could not be parsed as C\/C\+\+ .*findings there may be missing/);
  assert.equal(parse.locations![0]!.physicalLocation!.artifactLocation!.uri, 'broken.c');
  // The text format says it as well, as a notice line; the finding before the error still shows.
  const text = runCli(['lint', 'broken.c'], { cwd: dir });
  assert.match(text.stdout, /^broken\.c:\d+:\d+: notice: .*could not be parsed.* \[parse-errors\]$/m);
  assert.match(text.stdout, /\[send-after-disconnect\]/);
  // JSON: the array of findings stays as it was; the notice goes to stderr.
  const json = runCli(['lint', '--format', 'json', 'broken.c'], { cwd: dir });
  assert.ok(Array.isArray(JSON.parse(json.stdout)));
  assert.match(json.stderr, /broken\.c:\d+:\d+: notice: .*\[parse-errors\]/);
});
