// The debugger's call recorder (debug-adapter/winsock/recorder.ts) for real: the fixture program
// built as the adapter builds it, run under Wine with the record file named, and the records read
// back as the journal reads them. No gdb: the recorder needs none, which is the point of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileProgram } from '../../debug-adapter/program/compile';
import { SourceLineLookup, addr2lineFor, peImageBase } from '../../debug-adapter/program/sourceLines';
import { CALL_LOG_VARIABLE, CallLogReader, RECORD_BYTES, decodeRecords, recordedFunctions, recorderLinkArgs, recorderSource, tracedCallOf } from '../../debug-adapter/winsock/recorder';
import { tracedFunctionTable } from '../../debug-adapter/winsock/table';

const root = path.resolve(__dirname, '../..');
const fixture = path.join(root, 'test/debug/fixtures/recorded_calls.c');
const fns = recordedFunctions(tracedFunctionTable());

test('the recorder wraps the functions the DLLs export, not the extension functions reached through WSAIoctl', () => {
  const names = fns.map((f) => f.name);
  for (const n of ['send', 'recv', 'connect', 'WSASendDisconnect', 'closesocket', 'AcceptEx', 'TransmitFile']) assert.ok(names.includes(n), n);
  for (const n of ['DisconnectEx', 'ConnectEx', 'TransmitPackets']) assert.ok(!names.includes(n), n);
  assert.deepEqual(recorderLinkArgs(fns.filter((f) => f.name === 'send')), ['-Wl,--wrap=__imp_send']);
});

test('a cut record at the end of the file is left for the next read', () => {
  const whole = Buffer.alloc(RECORD_BYTES);
  whole.writeBigUInt64LE(1n, 0);
  whole.writeBigUInt64LE(BigInt(fns.findIndex((f) => f.name === 'send')), 8);
  assert.equal(decodeRecords(Buffer.concat([whole, whole.subarray(0, 40)]), fns).length, 1);
});

test('under Wine: each call of the program is recorded with its arguments, result, error, addresses and line, and the program still sees its own last error', async () => {
  const { wineEnv } = (await import(pathToFileURL(path.join(root, 'scripts/wine-node.mjs')).href)) as { wineEnv(): NodeJS.ProcessEnv };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wsl-recorder-'));
  try {
    const exe = await compileProgram({ source: fixture, outDir: dir, recorder: { source: recorderSource(fns), linkArgs: recorderLinkArgs(fns) } });
    const log = path.join(dir, 'calls.bin');
    writeFileSync(log, '');
    const run = spawnSync('wine', [exe], { env: { ...wineEnv(), [CALL_LOG_VARIABLE]: `Z:${log.replace(/\//g, '\\')}` }, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr);
    const [refused, refusedError, sent, sendError, port] = run.stdout.trim().split(/\s+/).map(Number);
    assert.deepEqual([refused, refusedError, sent, sendError], [-1, 10061, -1, 10058], 'WSAECONNREFUSED and WSAESHUTDOWN, as the program itself reads them');

    const reader = new CallLogReader(log, fns);
    const records = reader.readNew();
    reader.close();
    const lines = await new SourceLineLookup(exe, addr2lineFor('x86_64-w64-mingw32-gcc'), path.dirname(fixture)).linesOf(records.map((r) => r.rva));
    const calls = records.map((r) => tracedCallOf(r, fns, lines.get(r.rva) ?? undefined));
    // Wine's WSASendDisconnect calls shutdown itself: that call is not the program's and is not here.
    assert.deepEqual(calls.map((c) => c.fn), ['WSAStartup', 'socket', 'bind', 'getsockname', 'socket', 'connect', 'listen', 'socket', 'connect', 'WSASendDisconnect', 'send', 'closesocket', 'closesocket', 'closesocket', 'WSACleanup']);
    assert.deepEqual(calls.map((c) => c.seq), calls.map((_, i) => i + 1));
    const send = calls[10]!;
    assert.deepEqual([send.failed, send.err, send.ret, send.args[2], send.line, send.file], [true, 10058, -1, 1, 25, fixture]);
    const [refusedConnect, connect] = [calls[5]!, calls[8]!];
    assert.deepEqual([refusedConnect.failed, refusedConnect.err, refusedConnect.line], [true, 10061, 19]);
    assert.deepEqual([connect.failed, connect.err, connect.ret, connect.addrIn], [false, 0, 0, { family: 2, ip: '127.0.0.1', port }]);
    assert.deepEqual(calls[3]!.addrOut, { family: 2, ip: '127.0.0.1', port }, 'getsockname: the address it wrote');
    // After a connect the recorder asks the socket for both its ends (the kernel row is matched by them).
    assert.deepEqual(connect.ends?.peer, { family: 2, ip: '127.0.0.1', port });
    assert.equal(connect.ends?.local?.ip, '127.0.0.1');
    assert.ok((connect.ends?.local?.port ?? 0) > 0 && connect.ends?.local?.port !== port);
    assert.deepEqual(calls[2]!.ends?.local, { family: 2, ip: '127.0.0.1', port }, 'bind to port 0: the port the system chose');
    assert.equal(send.ends, undefined, 'a send does not ask');
    assert.equal(calls[7]!.ret, calls[8]!.args[0], 'the socket the third socket() made is the one connect got');
    assert.deepEqual([calls[0]!.failed, calls[0]!.err, calls[0]!.line], [false, 0, 10]);
    assert.ok(peImageBase(exe) > 0n);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
