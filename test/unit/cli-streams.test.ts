// The CLI's streams and awkward files, through the real process: a closed pipe, a full disk, a
// huge file, a file that blocks on read, stat errors, runs that check nothing, names that could
// forge output lines, a missing path among good ones.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, openSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, CORPUS, ensureCliBuilt, runCli, tempDir } from './cli-helpers';

const SEND_AFTER = path.join(CORPUS, 'send-after-disconnect', 'trailer-after-shutdown.c');
const CLEAN = path.join(CORPUS, 'missing-closesocket', 'graceful-close-documented.c');
const linux = process.platform === 'linux';

before(ensureCliBuilt);

function manyFindings(): string {
  const dir = tempDir('many');
  for (let i = 0; i < 300; i++) copyFileSync(SEND_AFTER, path.join(dir, `bug${String(i).padStart(3, '0')}.c`));
  return dir;
}

test('a reader that goes away (… | head) ends the run quietly: no stack trace, no I/O error', async () => {
  const dir = manyFindings();
  const child = spawn(process.execPath, [CLI, 'lint', '--jobs', '1', '--format', 'json', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // Read the first chunk, then close the pipe as head does.
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.doesNotMatch(stderr, /EPIPE|internal error|\n\s+at /, stderr);
  assert.notEqual(code, 2, stderr);
});

test('a full disk (ENOSPC) on stdout or --output is a clear I/O error with exit 2', { skip: !existsSync('/dev/full') }, async () => {
  const fd = openSync('/dev/full', 'w');
  try {
    const child = spawn(process.execPath, [CLI, 'lint', SEND_AFTER], { stdio: ['ignore', fd, 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 2, stderr);
    assert.match(stderr, /cannot write the report to standard output: no space left on the device \(ENOSPC\)/);
    assert.doesNotMatch(stderr, /internal error|\n\s+at /);
  } finally {
    closeSync(fd);
  }
  const r = runCli(['lint', '--output', '/dev/full', SEND_AFTER]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot write the report to \/dev\/full: no space left on the device \(ENOSPC\)/);
});

test('--output FILE gets the report; stdout stays empty and the exit code still follows the findings', () => {
  const out = path.join(tempDir('out'), 'report.sarif');
  const r = runCli(['lint', '--format', 'sarif', '--output', out, SEND_AFTER]);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stdout, '');
  const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results: unknown[] }[] };
  assert.equal(log.runs[0]!.results.length, 1);
});

test('a file over the size limit is reported and skipped; the run goes on', () => {
  const dir = tempDir('huge');
  const huge = path.join(dir, 'huge.c');
  writeFileSync(huge, '');
  truncateSync(huge, 600 * 1024 * 1024); // sparse: no disk used
  const r = runCli(['lint', huge, SEND_AFTER]);
  assert.match(r.stderr, /huge\.c is 600\.0 MB, over the 16 MB limit for a source file\. Skipped/);
  assert.match(r.stdout, /\[send-after-disconnect\]/);
  assert.doesNotMatch(r.stderr, /internal error|permissions/);
  assert.equal(r.status, 2);
  rmSync(dir, { recursive: true, force: true });
});

test('files on /proc are not read (some block for ever, as /proc/kmsg does)', { skip: !linux }, () => {
  const target = existsSync('/proc/kmsg') ? '/proc/kmsg' : '/proc/self/status';
  const r = runCli(['lint', target, CLEAN], { timeout: 20_000 });
  assert.match(r.stderr, /is on the special filesystem \/proc, whose files can block or never end\. Skipped/);
  assert.match(r.stderr, /1 file\(s\) checked, 1 skipped/);
});

test('a stat error says what happened (ELOOP, EACCES), not "does not exist"; the other paths are checked', { skip: !linux }, () => {
  const dir = tempDir('stat');
  symlinkSync(path.join(dir, 'b.c'), path.join(dir, 'a.c'));
  symlinkSync(path.join(dir, 'a.c'), path.join(dir, 'b.c'));
  const r = runCli(['lint', path.join(dir, 'a.c'), SEND_AFTER]);
  assert.match(r.stderr, /cannot access '.*a\.c': too many levels of symbolic links \(ELOOP\)/);
  assert.doesNotMatch(r.stderr, /does not exist/);
  assert.match(r.stdout, /\[send-after-disconnect\]/);
  assert.equal(r.status, 2);
});

test('a missing path among good ones is reported, the others are checked and printed, exit 2', () => {
  const r = runCli(['lint', 'no/such/file.c', SEND_AFTER]);
  assert.match(r.stderr, /'no\/such\/file\.c' does not exist\. .*the other paths are still checked/);
  assert.match(r.stdout, /trailer-after-shutdown\.c:26:5: error: .*\[send-after-disconnect\]\n/);
  assert.equal(r.status, 2);
});

test('a run that checks no file at all (only binaries, /dev/zero, an empty folder) exits 2 with a message', () => {
  const dir = tempDir('nothing');
  writeFileSync(path.join(dir, 'blob.c'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
  const only = runCli(['lint', path.join(dir, 'blob.c')]);
  assert.equal(only.status, 2);
  assert.match(only.stderr, /no file could be checked/);
  if (existsSync('/dev/zero')) {
    const zero = runCli(['lint', '/dev/zero'], { timeout: 20_000 });
    assert.equal(zero.status, 2);
    assert.match(zero.stderr, /no file could be checked/);
  }
  const empty = runCli(['lint', tempDir('empty')]);
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /no C or C\+\+ files found/);
});

test('--define __proto__=1 is kept like any other define', () => {
  const dir = tempDir('proto');
  const file = path.join(dir, 'proto.c');
  writeFileSync(
    file,
    ['#include <winsock2.h>', 'int f(SOCKET s)', '{', '    if (shutdown(s, SD_SEND) == SOCKET_ERROR) return -1;', '#ifdef __proto__', '    send(s, "x", 1, 0);', '#endif', '    return 0;', '}', ''].join('\n'),
  );
  const rules = (args: string[]) => (JSON.parse(runCli(['lint', '--format', 'json', ...args, file]).stdout) as { line: number }[]).map((f) => f.line);
  assert.deepEqual(rules([]), []);
  assert.deepEqual(rules(['--define', '__proto__=1']), [6]);
  assert.deepEqual(rules(['-D__proto__']), [6]);
});

test('file names with a newline or a terminal escape are escaped in the text output and messages', { skip: process.platform === 'win32' }, () => {
  const dir = tempDir('names');
  const forged = 'x.c:1:1: error: forged [send-after-disconnect]\nreal';
  const evil = path.join(dir, `${forged}.c`);
  copyFileSync(SEND_AFTER, evil);
  const esc = path.join(dir, 'red\u001b[31m.c');
  writeFileSync(esc, Buffer.from([0, 1, 2]));
  const r = runCli(['lint', '.'], { cwd: dir });
  // Every finding line starts with the escaped name; no line begins with the forged text.
  for (const line of r.stdout.trimEnd().split('\n')) assert.ok(line.startsWith('x.c:1:1: error: forged [send-after-disconnect]\\nreal.c:'), line);
  assert.ok(!r.stdout.split('\n').some((l) => l.startsWith('real')));
  assert.match(r.stderr, /red\\x1b\[31m\.c looks binary/);
  assert.ok(!r.stderr.includes('\u001b'));
});

test('the text summary is a line of its own, after the findings', () => {
  const r = runCli(['lint', SEND_AFTER]);
  assert.ok(r.stdout.endsWith('\n'));
  const last = r.stderr.trimEnd().split('\n').pop()!;
  assert.match(last, /^1 file\(s\) checked, 0 skipped: 1 error\(s\)/);
});

test('UTF-8 with a BOM and UTF-16 BE with a BOM are read; columns stay where an editor shows them', () => {
  const dir = tempDir('enc');
  const src = readFileSync(SEND_AFTER, 'utf8');
  writeFileSync(path.join(dir, 'bom8.c'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(src, 'utf8')]));
  const le = Buffer.from(src, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  writeFileSync(path.join(dir, 'be16.c'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  const r = runCli(['lint', '--format', 'json', '.'], { cwd: dir });
  const got = (JSON.parse(r.stdout) as { file: string; line: number; column: number }[]).map((f) => `${f.file}:${f.line}:${f.column}`);
  assert.deepEqual(got, ['be16.c:26:5', 'bom8.c:26:5']);
});
