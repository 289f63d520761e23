// The gdb/MI parser on literal lines, as gdb 13 (x86_64-w64-mingw32-gdb) printed them under Wine.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { miList, miQuote, miTuple, parseMILine } from '../../debug-adapter/gdb/miParser';

describe('MI parser', () => {
  it('reads a result record with its token and a nested tuple', () => {
    const r = parseMILine('10^done,bkpt={number="1",type="breakpoint",disp="keep",enabled="y",addr="0x00000001400016cf",func="main",file="t.c",fullname="/tmp/t.c",line="34",thread-groups=["i1"],times="0",original-location="t.c:34"}');
    assert.equal(r.kind, 'result');
    if (r.kind !== 'result') return;
    assert.equal(r.token, 10);
    assert.equal(r.cls, 'done');
    const bkpt = miTuple(r.results.bkpt);
    assert.equal(bkpt?.line, '34');
    assert.deepEqual(bkpt?.['thread-groups'], ['i1']);
  });

  it('reads an error with escapes in its message', () => {
    const r = parseMILine('7^error,msg="No symbol \\"nope\\" in current context."');
    assert.deepEqual(r, { kind: 'result', token: 7, cls: 'error', results: { msg: 'No symbol "nope" in current context.' } });
  });

  it('reads *stopped with a frame and args list of tuples', () => {
    const r = parseMILine('*stopped,reason="breakpoint-hit",disp="keep",bkptno="2",frame={addr="0x0000000370f81604",func="WSASendDisconnect",args=[{name="s",value="56"},{name="lpBuffers",value="0x0"}],file="dlls/ws2_32/socket.c",line="3079"},thread-id="1",stopped-threads="all"');
    assert.equal(r.kind, 'exec');
    if (r.kind !== 'exec') return;
    assert.equal(r.cls, 'stopped');
    assert.equal(r.token, undefined);
    const frame = miTuple(r.results.frame);
    assert.deepEqual(miList(frame?.args).map((a) => miTuple(a)?.name), ['s', 'lpBuffers']);
  });

  it('keeps a list of results (stack=[frame={…},frame={…}]) in order', () => {
    const r = parseMILine('5^done,stack=[frame={level="0",func="WSASendDisconnect"},frame={level="1",func="main",line="19"}]');
    assert.equal(r.kind, 'result');
    if (r.kind !== 'result') return;
    assert.deepEqual(miList(r.results.stack).map((f) => miTuple(f)?.func), ['WSASendDisconnect', 'main']);
  });

  it('reads stream records and decodes octal escapes as UTF-8', () => {
    assert.deepEqual(parseMILine('~"18\\t    rc = send(s, \\"hi\\", 2, 0);\\n"'), { kind: 'console', text: '18\t    rc = send(s, "hi", 2, 0);\n' });
    assert.deepEqual(parseMILine('&"\\320\\277\\321\\200\\320\\270\\n"'), { kind: 'log', text: 'при\n' });
    assert.deepEqual(parseMILine('@"program output"'), { kind: 'target', text: 'program output' });
  });

  it('reads notify records, empty tuples and lists, and the prompt', () => {
    assert.deepEqual(parseMILine('=thread-created,id="2",group-id="i1"'), { kind: 'notify', cls: 'thread-created', results: { id: '2', 'group-id': 'i1' } });
    const r = parseMILine('3^done,frame={},list=[]');
    assert.ok(r.kind === 'result' && Array.isArray(r.results.list) && miTuple(r.results.frame) !== undefined);
    assert.deepEqual(parseMILine('(gdb) '), { kind: 'prompt' });
  });

  it('collects the extra locations of a multi-location breakpoint', () => {
    const r = parseMILine('2^done,bkpt={number="1",addr="<MULTIPLE>"},{number="1.1",line="5"},{number="1.2",line="9"}');
    assert.ok(r.kind === 'result');
    if (r.kind !== 'result') return;
    assert.deepEqual(miList(r.results.locations).map((l) => miTuple(l)?.number), ['1.1', '1.2']);
  });

  it('gives unknown for lines that are not MI (the program\'s own output) and for broken records', () => {
    assert.deepEqual(parseMILine('hello from the program'), { kind: 'unknown', text: 'hello from the program' });
    assert.equal(parseMILine('^done,x="unterminated').kind, 'unknown');
    assert.equal(parseMILine('^bogus').kind, 'unknown');
  });

  it('quotes command arguments', () => {
    assert.equal(miQuote('a "b" \\c'), '"a \\"b\\" \\\\c"');
  });
});
