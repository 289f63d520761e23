// The CLI on folders and awkward files, and its options, through the real process.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, CORPUS, ensureCliBuilt, runCli, tempDir } from './cli-helpers';

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  severity: string;
}

const json = (stdout: string) => JSON.parse(stdout) as JsonFinding[];

const SEND_AFTER = path.join(CORPUS, 'send-after-disconnect', 'trailer-after-shutdown.c');
const CLEAN = path.join(CORPUS, 'missing-closesocket', 'graceful-close-documented.c');

before(ensureCliBuilt);

test('a folder is walked for C and C++ sources; node_modules, .git and other extensions are skipped', () => {
  const dir = tempDir('walk');
  const put = (rel: string, from: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    copyFileSync(from, path.join(dir, rel));
  };
  for (const ext of ['c', 'cc', 'cpp', 'cxx', 'h', 'hh', 'hpp', 'hxx']) put(`src/deep/er/bug.${ext}`, SEND_AFTER);
  put('src/BUG.C', SEND_AFTER);
  put('node_modules/pkg/bug.c', SEND_AFTER);
  put('.git/objects/bug.c', SEND_AFTER);
  put('src/notes.txt', SEND_AFTER);
  put('src/bug.c.orig', SEND_AFTER);
  put('src/clean.c', CLEAN);

  const r = runCli(['lint', '--format', 'json', '.'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  const files = [...new Set(json(r.stdout).map((f) => f.file))].sort();
  const expected = ['src/BUG.C', ...['c', 'cc', 'cpp', 'cxx', 'h', 'hh', 'hpp', 'hxx'].map((e) => `src/deep/er/bug.${e}`)].map((p) => p.split('/').join(path.sep)).sort();
  assert.deepEqual(files, expected);
  // The same send-after-disconnect is found whether the file is read as C or as C++.
  for (const f of json(r.stdout)) assert.equal(f.rule, 'send-after-disconnect');
  const text = runCli(['lint', 'src'], { cwd: dir });
  assert.match(text.stderr, /10 file\(s\) checked, 0 skipped/);
});

test('a binary file (NUL byte) and an unreadable file are reported on stderr and skipped; the rest is linted', () => {
  const dir = tempDir('skip');
  copyFileSync(SEND_AFTER, path.join(dir, 'a-bug.c'));
  writeFileSync(path.join(dir, 'b-binary.c'), Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04]));
  const locked = path.join(dir, 'c-locked.c');
  copyFileSync(SEND_AFTER, locked);
  chmodSync(locked, 0o000);
  chmodSync(path.join(dir, 'a-bug.c'), 0o644);
  chmodSync(path.join(dir, 'b-binary.c'), 0o644);

  // root reads any file whatever its mode: run the CLI as nobody then, so that EACCES is real. The
  // bundle and its .wasm files are copied to a folder nobody can reach, wherever the clone lives.
  let cli = CLI;
  let asUser = {};
  if (process.getuid?.() === 0) {
    const copy = path.join(tempDir('cli-copy'), 'dist');
    mkdirSync(copy, { mode: 0o755 });
    for (const f of readdirSync(path.dirname(CLI))) if (f === 'cli.js' || f.endsWith('.wasm')) copyFileSync(path.join(path.dirname(CLI), f), path.join(copy, f));
    cli = path.join(copy, 'cli.js');
    asUser = { uid: 65534, gid: 65534 };
  }
  const r = runCli(['lint', '--format', 'json', dir], { ...asUser, cwd: dir }, cli);
  assert.match(r.stderr, /b-binary\.c looks binary \(it contains a NUL byte\)\. Skipped/);
  assert.match(r.stderr, /cannot read c-locked\.c: permission denied \(EACCES\)\. Skipped; check its permissions/);
  const findings = json(r.stdout);
  assert.deepEqual([...new Set(findings.map((f) => f.file))], ['a-bug.c']);
  // A file that could not be read makes the run incomplete: exit 2, even though findings were printed.
  assert.equal(r.status, 2);

  // A binary file alone is not an I/O error: the exit code follows the findings.
  const bin = runCli(['lint', path.join(dir, 'b-binary.c'), CLEAN]);
  assert.equal(bin.status, 0, bin.stderr);
  assert.match(bin.stderr, /looks binary/);
  assert.match(bin.stderr, /1 file\(s\) checked, 1 skipped/);
});

test('a named pipe or other non-file is skipped with a message instead of blocking the run', { skip: process.platform === 'win32' }, () => {
  const dir = tempDir('fifo');
  const fifo = path.join(dir, 'pipe.c');
  const made = spawnSync('mkfifo', [fifo]);
  assert.equal(made.status, 0, `mkfifo failed: ${String(made.stderr)}`);
  const r = runCli(['lint', fifo, CLEAN]);
  assert.match(r.stderr, /pipe\.c is not a regular file \(a pipe, socket or device\)\. Skipped/);
  assert.match(r.stderr, /1 file\(s\) checked, 1 skipped/);
  assert.equal(r.status, 0);
  // Walking the folder ignores it as well.
  assert.equal(runCli(['lint', dir, CLEAN]).status, 0);
});

test('usage errors exit 2 with a message that says what is wrong and what to do', () => {
  const cases: [string[], RegExp][] = [
    [[], /no command given\. Run: winsock-lens lint/],
    [['check', 'src'], /unknown command 'check'\. The only command is 'lint'/],
    [['lint'], /no files or folders given\. Name at least one/],
    [['lint', '--frobnicate', 'x.c'], /unknown option '--frobnicate'\. See winsock-lens lint --help/],
    [['lint', '--format', 'xml', 'x.c'], /unknown format 'xml'\. Use --format text, --format json or --format sarif/],
    [['lint', '--rule', 'no-such-rule=error', 'x.c'], /unknown rule 'no-such-rule'\. Known rules: send-after-disconnect, /],
    [['lint', '--rule', 'send-after-disconnect=fatal', 'x.c'], /unknown severity 'fatal' for rule send-after-disconnect\. Use error, warning, info, hint or off/],
    [['lint', '--rule', 'send-after-disconnect', 'x.c'], /is not a rule setting\. Write --rule ID=SEVERITY/],
    [['lint', '--define', '1BAD', 'x.c'], /'1BAD' is not a valid define\. Write NAME or NAME=VALUE/],
    [['lint', '--define'], /option '--define' needs a value, e\.g\. --define USE_IOCP=1/],
    [['lint', '--lang', 'de', 'x.c'], /unknown language 'de'\. Use --lang en or --lang ru/],
    [['lint', 'no/such/folder'], /'no\/such\/folder' does not exist\. Check the path \(it is resolved from /],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
  assert.match(runCli(['lint', '--lang', 'ru', 'no/such/folder']).stderr, /не существует/);
});

test('--define and --undefine change which preprocessor branches are linted', () => {
  const dir = tempDir('define');
  const file = path.join(dir, 'quit.c');
  writeFileSync(
    file,
    [
      '#include <winsock2.h>',
      'int quit(SOCKET s)',
      '{',
      '    if (WSASendDisconnect(s, NULL) == SOCKET_ERROR)',
      '        return -1;',
      '#ifdef SEND_GOODBYE',
      '    send(s, "BYE", 3, 0);',
      '#endif',
      '#if PROTOCOL_VERSION >= 3',
      '    send(s, "V3", 2, 0);',
      '#endif',
      '#ifndef _WIN32',
      '    send(s, "POSIX", 5, 0);',
      '#endif',
      '    return 0;',
      '}',
      '',
    ].join('\n'),
  );
  const lines = (args: string[]) => {
    const r = runCli(['lint', '--format', 'json', ...args, file]);
    return json(r.stdout).map((f) => `${f.line}:${f.rule}`);
  };
  // (A condition on a name that is not defined at all cannot be decided and takes its first
  // branch, as the rule pages explain; PROTOCOL_VERSION is therefore always given here.)
  assert.deepEqual(lines(['-D', 'PROTOCOL_VERSION=2']), []);
  assert.deepEqual(lines(['--define', 'SEND_GOODBYE', '-D', 'PROTOCOL_VERSION=2']), ['7:send-after-disconnect']);
  assert.deepEqual(lines(['-DSEND_GOODBYE', '--define', 'PROTOCOL_VERSION=3']), ['7:send-after-disconnect', '10:send-after-disconnect']);
  assert.deepEqual(lines(['--define=PROTOCOL_VERSION=2', '--undefine', '_WIN32']), ['13:send-after-disconnect']);
});

test('--rule changes a severity or turns a rule off, and the exit code follows', () => {
  const base = runCli(['lint', '--format', 'json', SEND_AFTER]);
  assert.equal(base.status, 1);
  assert.deepEqual(json(base.stdout).map((f) => f.severity), ['error']);

  const warn = runCli(['lint', '--format', 'json', '--rule', 'send-after-disconnect=warning', SEND_AFTER]);
  assert.equal(warn.status, 0);
  assert.deepEqual(json(warn.stdout).map((f) => f.severity), ['warning']);

  const off = runCli(['lint', '--format', 'json', '--rule=send-after-disconnect=off', SEND_AFTER]);
  assert.equal(off.status, 0);
  assert.deepEqual(json(off.stdout), []);

  // unchecked-result is info by default (exit 0); raised to error it fails the run.
  const info = path.join(CORPUS, 'unchecked-result', 'info-before-close.c');
  const quiet = runCli(['lint', '--format', 'json', info]);
  assert.equal(quiet.status, 0);
  assert.ok(json(quiet.stdout).every((f) => f.rule === 'unchecked-result' && f.severity === 'info'));
  const strict = runCli(['lint', '--format', 'json', '--rule', 'unchecked-result=error', info]);
  assert.equal(strict.status, 1);
  assert.ok(json(strict.stdout).length >= 2 && json(strict.stdout).every((f) => f.severity === 'error'));
});

test('--close-function makes a project wrapper count as closing the socket', () => {
  const dir = tempDir('close');
  const file = path.join(dir, 'wrapper.c');
  writeFileSync(
    file,
    [
      '#include <winsock2.h>',
      'extern void net_release(SOCKET s);',
      'void drop(SOCKET listener)',
      '{',
      '    DWORD timeout = 1000;',
      '    SOCKET c = accept(listener, NULL, NULL);',
      '    if (c == INVALID_SOCKET)',
      '        return;',
      '    if (shutdown(c, SD_SEND) == SOCKET_ERROR) { /* ignored */ }',
      '    net_release(c);',
      '    setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout);',
      '}',
      '',
    ].join('\n'),
  );
  const rules = (args: string[]) => json(runCli(['lint', '--format', 'json', ...args, file]).stdout).map((f) => `${f.line}:${f.rule}`);
  // Unknown to the analysis, net_release may keep the socket: nothing is said about the later call.
  assert.deepEqual(rules([]), []);
  // Declared as a close function, the setsockopt after it is a use after close.
  assert.deepEqual(rules(['--close-function', 'net_release']), ['11:use-after-closesocket']);
});
