// The CLI on the sample project (test/fixtures/workspace/netproj): compile_commands.json with a
// gcc-style and an MSVC-style entry, a header with the platform macro and the close wrapper, a
// UTF-16 source, a config file that ignores third_party/. Through the real process.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, ensureCliBuilt, runCli, tempDir } from './cli-helpers';

const SAMPLE = path.join(REPO, 'test', 'fixtures', 'workspace', 'netproj');

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  severity: string;
}

before(ensureCliBuilt);

function copySample(): string {
  const dir = path.join(tempDir('netproj'), 'netproj');
  cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

const findings = (cwd: string, args: string[] = []) => {
  const r = runCli(['lint', '--format', 'json', ...args, '.'], { cwd });
  return { ...r, list: (JSON.parse(r.stdout || '[]') as JsonFinding[]).map((f) => `${f.file.split(path.sep).join('/')}:${f.line}:${f.rule}:${f.severity}`) };
};

const EXPECTED = [
  // UTF-16 LE source, read through its BOM; its include path comes from an MSVC /I.
  'src/legacy.c:8:send-after-disconnect:error',
  // NET_PLATFORM_WINDOWS is defined in include/net.h (found through -Iinclude).
  'src/server.c:11:send-after-disconnect:error',
  // NET_CLOSE is a close wrapper: net.h defines it as closesocket(s).
  'src/server.c:21:use-after-closesocket:error',
  // NET_SEND_TRAILER comes from the -D of server.c's compile command.
  'src/server.c:30:send-after-disconnect:error',
];

test('the sample project gives the findings its build, header and config imply (and none in third_party/)', () => {
  const dir = copySample();
  const r = findings(dir);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(r.list, EXPECTED);
  const text = runCli(['lint', '.'], { cwd: dir });
  assert.match(text.stderr, /3 file\(s\) checked, 0 skipped: 4 error\(s\).*1 file\(s\) ignored by \.winsock-lens\.json/);
});

test('without the compilation database the header is found where projects keep headers, the build define is missing', () => {
  const dir = copySample();
  writeFileSync(path.join(dir, 'compile_commands.json'), '[]');
  // No include path: net.h is not next to the sources but in include/ one folder up, where the
  // guessed folders look (core/project/includes.ts); NET_SEND_TRAILER came only from the -D.
  assert.deepEqual(findings(dir).list, EXPECTED.filter((l) => !l.startsWith('src/server.c:30:')));
  // With the guess off (an include path given that does not hold net.h) neither its macros nor the -D.
  writeFileSync(path.join(dir, '.winsock-lens.json'), JSON.stringify({ rules: { 'unchecked-result': 'off' }, ignore: ['third_party/**'], includePaths: ['third_party'] }));
  assert.deepEqual(findings(dir).list, ['src/legacy.c:8:send-after-disconnect:error']);
  writeFileSync(path.join(dir, '.winsock-lens.json'), readFileSync(path.join(SAMPLE, '.winsock-lens.json')));
  // -p names a database elsewhere (here: the original one, moved to build/).
  const other = path.join(dir, 'build');
  cpSync(path.join(SAMPLE, 'compile_commands.json'), path.join(other, 'compile_commands.json'));
  const moved = JSON.parse(readFileSync(path.join(other, 'compile_commands.json'), 'utf8')) as { directory: string }[];
  for (const e of moved) e.directory = '..';
  writeFileSync(path.join(other, 'compile_commands.json'), JSON.stringify(moved));
  assert.deepEqual(findings(dir, ['-p', 'build']).list, EXPECTED);
});

test('findings change with the config file: severities, ignore globs, close functions', () => {
  const dir = copySample();
  const config = path.join(dir, '.winsock-lens.json');
  writeFileSync(config, JSON.stringify({ rules: { 'send-after-disconnect': 'warning' }, ignore: ['src/legacy.c'] }));
  const r = findings(dir);
  assert.deepEqual(r.list, [
    'src/server.c:11:send-after-disconnect:warning',
    'src/server.c:21:use-after-closesocket:error',
    'src/server.c:30:send-after-disconnect:warning',
    'third_party/vendor.c:7:send-after-disconnect:warning',
  ]);
  // --rule on the command line wins over the config file.
  assert.ok(findings(dir, ['--rule', 'send-after-disconnect=off']).list.every((l) => !l.includes('send-after-disconnect')));
});

test('a broken config file is reported with its file, line and key; the run goes on with the defaults', () => {
  const dir = copySample();
  const config = path.join(dir, '.winsock-lens.json');
  writeFileSync(config, '{\n  "rules": {\n    "send-after-disconnect": "loud"\n  },\n  "ignore": 3\n}\n');
  const r = findings(dir);
  assert.match(r.stderr, /\.winsock-lens\.json:3:30: "rules\.send-after-disconnect": use one of error, warning, info, hint, off/);
  assert.match(r.stderr, /\.winsock-lens\.json:5:13: "ignore" must be a list of strings/);
  // Defaults: error severity, nothing ignored.
  assert.ok(r.list.includes('third_party/vendor.c:7:send-after-disconnect:error'), r.list.join('\n'));
  writeFileSync(config, '{ "rules": { ');
  const bad = findings(dir);
  assert.match(bad.stderr, /\.winsock-lens\.json:1:\d+: this config file is not a JSON object/);
  assert.equal(bad.status, 1);
  assert.equal(bad.list.length, 5);
});

test('-U on the command line reaches the headers: without _WIN32 net.h does not define the platform macro', () => {
  const dir = copySample();
  assert.deepEqual(
    findings(dir, ['--undefine', '_WIN32']).list,
    EXPECTED.filter((l) => !l.startsWith('src/server.c:11:')),
  );
});
