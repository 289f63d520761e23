// Function summaries: which functions of a file are close and shutdown wrappers, how the summaries
// of several files are put together, and what the rules see through them, in one file (the core)
// and across files (the real CLI on a folder). One test per named case.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveOptions, type FileSummaries, type FunctionSummary } from '../../core/lint/index';
import { SummaryIndex, callsAny, callsSummarized, mergeSummaries } from '../../core/lint/project-summaries';
import { ensureCliBuilt, runCli, tempDir } from './cli-helpers';
import { found, linter } from './lint-support';

async function summariesOf(code: string): Promise<FileSummaries> {
  const report = (await linter()).checkText(code, 'helpers.c', resolveOptions({ language: 'c' }));
  return report.summaries ?? { defined: [], functions: [] };
}

const WRAPPERS: readonly { name: string; code: string; expect: Omit<FunctionSummary, 'name'> | null }[] = [
  { name: 'shutdown as the only statement', code: 'void fin(SOCKET s) { shutdown(s, SD_SEND); }', expect: { params: 1, shutsDown: 'SD_SEND' } },
  { name: 'shutdown under a validity test of the parameter', code: 'void fin(SOCKET s) { if (s != INVALID_SOCKET) shutdown(s, SD_BOTH); }', expect: { params: 1, shutsDown: 'SD_BOTH' } },
  { name: 'its result returned', code: 'int fin(SOCKET s, int why) { log_it(why); return shutdown(s, SD_RECEIVE); }', expect: { params: 2, shutsDown: 'SD_RECEIVE' } },
  { name: 'WSASendDisconnect shuts the send direction', code: 'void fin(SOCKET s) { WSASendDisconnect(s, NULL); }', expect: { params: 1, shutsDown: 'SD_SEND' } },
  { name: 'a project macro for the direction', code: '#define NET_SHUT_WR SD_SEND\nvoid fin(SOCKET s) { shutdown(s, NET_SHUT_WR); }', expect: { params: 1, shutsDown: 'SD_SEND' } },
  { name: 'a direction from a parameter is no summary', code: 'void fin(SOCKET s, int how) { shutdown(s, how); }', expect: null },
  { name: 'an early return before the shutdown is no summary', code: 'void fin(SOCKET s, int f) { if (f) return; shutdown(s, SD_SEND); }', expect: null },
  { name: 'the socket used again after the shutdown is no summary', code: 'void fin(SOCKET s) { shutdown(s, SD_SEND); drain(s); }', expect: null },
  { name: 'the socket used before the shutdown is no summary', code: 'void fin(SOCKET s) { send(s, "q", 1, 0); shutdown(s, SD_SEND); }', expect: null },
  { name: 'shutdown of another variable is no summary', code: 'SOCKET g;\nvoid fin(SOCKET s) { shutdown(g, SD_SEND); }', expect: null },
  { name: 'shutdown then close is a close wrapper', code: 'void fin(SOCKET s) { shutdown(s, SD_BOTH); closesocket(s); }', expect: { params: 1, closes: true } },
];

for (const c of WRAPPERS) {
  test(`summary: ${c.name}`, async () => {
    const s = await summariesOf(`#include <winsock2.h>\n${c.code}\n`);
    assert.deepEqual(s.defined.includes('fin'), true);
    assert.deepEqual(s.functions.find((f) => f.name === 'fin') ?? null, c.expect && { name: 'fin', ...c.expect });
  });
}

const IN_FILE: readonly { name: string; code: string; rule: 'send-after-disconnect' | 'missing-closesocket'; expect: string[] }[] = [
  {
    name: 'a send after a shutdown wrapper of the same file',
    code: 'void fin(SOCKET s) { shutdown(s, SD_SEND); }\nvoid f(SOCKET s) {\n  fin(s);\n  send(s, "x", 1, 0);\n}',
    rule: 'send-after-disconnect',
    expect: ['4:error'],
  },
  {
    name: 'a send after a receive-side wrapper is fine',
    code: 'void fin(SOCKET s) { shutdown(s, SD_RECEIVE); }\nvoid f(SOCKET s) {\n  fin(s);\n  send(s, "x", 1, 0);\n}',
    rule: 'send-after-disconnect',
    expect: [],
  },
  {
    name: 'a wrapper called with another argument count is another function',
    code: 'void fin(SOCKET s) { shutdown(s, SD_SEND); }\nvoid f(SOCKET s) {\n  fin(s, 1);\n  send(s, "x", 1, 0);\n}',
    rule: 'send-after-disconnect',
    expect: [],
  },
  {
    name: 'a socket only shut down by a wrapper is still owed its close',
    code: 'void fin(SOCKET s) { shutdown(s, SD_BOTH); }\nint f(void) {\n  SOCKET s = socket(AF_INET, SOCK_STREAM, 0);\n  if (s == INVALID_SOCKET) return 1;\n  fin(s);\n  return 0;\n}',
    rule: 'missing-closesocket',
    expect: ['6:warning'],
  },
];

for (const c of IN_FILE) {
  test(`in one file: ${c.name}`, async () => {
    assert.deepEqual(await found(`#include <winsock2.h>\n${c.code}\n`, c.rule, 'one.c'), c.expect.map((x) => `${Number(x.split(':')[0]) + 1}:${x.split(':')[1]}`));
  });
}

const sum = (name: string, extra: Partial<FunctionSummary>): FunctionSummary => ({ name, params: 1, ...extra });

test('merge: summaries that agree are kept once', () => {
  const a: FileSummaries = { defined: ['fin'], functions: [sum('fin', { shutsDown: 'SD_SEND' })] };
  const b: FileSummaries = { defined: ['fin'], functions: [sum('fin', { shutsDown: 'SD_SEND' })] };
  assert.deepEqual(mergeSummaries([a, b]), [sum('fin', { shutsDown: 'SD_SEND' })]);
});

test('merge: a name two files summarise differently has no summary', () => {
  const a: FileSummaries = { defined: ['fin'], functions: [sum('fin', { shutsDown: 'SD_SEND' })] };
  const b: FileSummaries = { defined: ['fin'], functions: [sum('fin', { closes: true })] };
  assert.deepEqual(mergeSummaries([a, b]), []);
});

test('merge: a name another file defines without the effect has no summary', () => {
  const a: FileSummaries = { defined: ['fin', 'other'], functions: [sum('fin', { closes: true }), sum('other', { noreturn: true })] };
  const b: FileSummaries = { defined: ['fin'], functions: [] };
  assert.deepEqual(mergeSummaries([a, b]), [sum('other', { noreturn: true })]);
});

test('callsSummarized: a call to a wrapper the file does not define', () => {
  const s = [sum('net_finish', { shutsDown: 'SD_SEND' })];
  assert.equal(callsSummarized('void f(SOCKET s) { net_finish (s); }', s, { defined: ['f'], functions: [] }), true);
  assert.equal(callsSummarized('void f(SOCKET s) { net_finish_all(s); }', s, { defined: ['f'], functions: [] }), false);
  assert.equal(callsSummarized('void net_finish(SOCKET s) { } void f(SOCKET s) { net_finish(s); }', s, { defined: ['net_finish', 'f'], functions: [] }), false);
  assert.equal(callsAny('x = fin(s);', new Set(['fin', 'drop']), undefined), true);
  assert.equal(callsAny('x = fin(s);', new Set(['drop']), undefined), false);
});

test('SummaryIndex: says when the merged summaries change, tells its listeners which names moved, and forgets a deleted file', () => {
  const index = new SummaryIndex();
  let calls = 0;
  const moved: string[][] = [];
  index.subscribe((changed) => {
    calls++;
    moved.push([...changed].sort());
  });
  const wrap: FileSummaries = { defined: ['fin'], functions: [sum('fin', { shutsDown: 'SD_SEND' })] };
  assert.equal(index.update('file:///a.c', wrap), true);
  assert.deepEqual(index.merged(), [sum('fin', { shutsDown: 'SD_SEND' })]);
  // The same again, or a file without functions: nothing moved.
  assert.equal(index.update('file:///a.c', wrap), false);
  assert.equal(index.update('file:///b.c', { defined: [], functions: [] }), false);
  // Another file defining the same name without the effect: no summary.
  assert.equal(index.update('file:///b.c', { defined: ['fin'], functions: [] }), true);
  assert.deepEqual(index.merged(), []);
  assert.equal(index.forget('file:///b.c'), true);
  assert.deepEqual(index.merged(), [sum('fin', { shutsDown: 'SD_SEND' })]);
  assert.equal(index.forget('file:///b.c'), false);
  assert.equal(calls, 3);
  assert.deepEqual(moved, [['fin'], ['fin'], ['fin']]);
  assert.deepEqual(index.of('file:///a.c'), wrap);
  // A second wrapper: only its name moved.
  index.update('file:///c.c', { defined: ['drop'], functions: [sum('drop', { closes: true })] });
  assert.deepEqual(moved.at(-1), ['drop']);
});

// ---- across files, through the CLI -------------------------------------------------------------

before(ensureCliBuilt);

const NET_C = `#include <winsock2.h>
void net_finish(SOCKET s)
{
    if (s != INVALID_SOCKET)
        shutdown(s, SD_SEND);
}
int net_close(SOCKET s)
{
    return closesocket(s);
}
`;
const MAIN_C = `#include <winsock2.h>
void net_finish(SOCKET s);
int net_close(SOCKET s);
int talk(SOCKET s, const char *msg, int len)
{
    net_finish(s);
    if (send(s, msg, len, 0) == SOCKET_ERROR)
        return -1;
    return 0;
}
void twice(SOCKET s)
{
    net_close(s);
    if (send(s, "x", 1, 0) == SOCKET_ERROR)
        return;
}
`;

function lintFolder(files: Record<string, string>, args: string[] = []): string[] {
  const dir = tempDir('summaries');
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const r = runCli(['lint', '--format', 'json', '--rule', 'unchecked-result=off', ...args, '.'], { cwd: dir });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return (JSON.parse(r.stdout) as { file: string; line: number; rule: string; severity: string }[]).map((f) => `${path.basename(f.file)}:${f.line}:${f.rule}:${f.severity}`);
}

test('across files: a shutdown wrapper and a close wrapper of net.c are seen through in main.c', () => {
  assert.deepEqual(lintFolder({ 'net.c': NET_C, 'main.c': MAIN_C }), ['main.c:7:send-after-disconnect:error', 'main.c:14:use-after-closesocket:error']);
});

test('across files: the same with --jobs 2 (the second round runs in workers too)', () => {
  const extra: Record<string, string> = {};
  for (let i = 0; i < 8; i++) extra[`pad${i}.c`] = `int pad${i}(void) { return ${i}; }\n`;
  assert.deepEqual(lintFolder({ 'net.c': NET_C, 'main.c': MAIN_C, ...extra }, ['--jobs', '2']), ['main.c:7:send-after-disconnect:error', 'main.c:14:use-after-closesocket:error']);
});

test('across files: main.c alone knows nothing of the wrappers and reports nothing', () => {
  assert.deepEqual(lintFolder({ 'main.c': MAIN_C }), []);
});

test('across files: a wrapper name two files define differently is not seen through', () => {
  const other = '#include <winsock2.h>\nvoid net_finish(SOCKET s) { log_only(s); }\n';
  assert.deepEqual(lintFolder({ 'net.c': NET_C, 'net_posix.c': other, 'main.c': MAIN_C }), ['main.c:14:use-after-closesocket:error']);
});
