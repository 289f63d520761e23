// The debugger's Winsock runtime on literal tracer records: states through core/model's state
// machine, bytes, addresses, mismatches with the model; and the Sockets scope's kernel TCP lookup on
// literal /proc/net/tcp text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { procNetTcpLookup } from '../../debug-adapter/winsock/kernelTcp';
import { journalLine, socketsTree, type TreeNode } from '../../debug-adapter/winsock/scope';
import { WinsockTracker, type TracedCall } from '../../debug-adapter/winsock/tracker';

let seq = 0;
function call(fn: string, args: number[], ret: number, more: Partial<TracedCall> = {}): TracedCall {
  return { seq: ++seq, fn, args, ret, failed: false, err: 0, thread: 1, ...more };
}

describe('Winsock tracker', () => {
  it('follows a client through connect, WSASendDisconnect and a refused send', () => {
    const t = new WinsockTracker();
    t.record(call('WSAStartup', [514, 0x1000], 0));
    t.record(call('socket', [2, 1, 6], 56));
    t.record(call('connect', [56, 0x2000, 16], 0, { addrIn: { family: 2, ip: '127.0.0.1', port: 4000 }, line: 30 }));
    t.record(call('send', [56, 0x3000, 5, 0], 5, { line: 32 }));
    const d = t.record(call('WSASendDisconnect', [56, 0], 0, { line: 34 }));
    assert.equal(d.before, 'connected');
    assert.equal(d.after, 'send-shut');
    const f = t.record(call('send', [56, 0x140004005, 5, 0], -1, { failed: true, err: 10058, line: 35 }));
    assert.equal(f.errorName, 'WSAESHUTDOWN');
    assert.equal(f.mismatch, undefined, 'the model predicted WSAESHUTDOWN too');
    const s = t.sockets.get(56);
    assert.equal(s?.state, 'send-shut');
    assert.deepEqual(s?.since, { fn: 'WSASendDisconnect', line: 34 });
    assert.equal(s?.sent, 5);
    assert.equal(s?.lastError, 10058);
    assert.deepEqual(s?.peer, { family: 2, ip: '127.0.0.1', port: 4000 });
    assert.match(journalLine(f, 'en'), /^send\(56, 0x140004005, 5, 0\) = -1 WSAESHUTDOWN · send-shut → send-shut · line 35$/);
    const elsewhere = { ...f, call: { ...f.call, file: '/src/prog/io_server.c' } };
    assert.match(journalLine(elsewhere, 'en', '/src/prog/main.c'), / · line 35 \(io_server\.c\)$/, 'a call in another file of the program names it');
    assert.match(journalLine(elsewhere, 'en', '/src/prog/io_server.c'), / · line 35$/, 'not the program\'s own file');
  });

  it('shows 32-bit arguments at their width: the upper half of the register is not part of them', () => {
    const t = new WinsockTracker();
    t.record(call('WSAStartup', [514, 0x1000], 0));
    const w = t.record(call('WSASocketW', [2, 0x700000001, 6, 0, 0, 0x100000001], 60));
    assert.deepEqual(w.call.args, [2, 1, 6, 0, 0, 1], 'int type and DWORD flags cut; pointers and SOCKETs kept');
    const s = t.record(call('send', [60, 0x140004005, 0x3ffffffff, 0], -1, { failed: true, err: 10057 }));
    assert.deepEqual(s.call.args, [60, 0x140004005, -1, 0], 'an int length is signed');
  });

  it('WSAEWOULDBLOCK on a socket the program made non-blocking is not a disagreement with the model', () => {
    const t = new WinsockTracker();
    t.record(call('WSAStartup', [514, 0x1000], 0));
    t.record(call('socket', [2, 1, 6], 60));
    t.record(call('socket', [2, 1, 6], 64));
    const blockingRecv = t.record(call('recv', [64, 0x3000, 512, 0], -1, { failed: true, err: 10035 }));
    assert.ok(blockingRecv.mismatch, 'a blocking socket: WSAEWOULDBLOCK is not expected');
    t.record(call('ioctlsocket', [60, 0x8004667e, 0x2000], 0));
    const r = t.record(call('recv', [60, 0x3000, 512, 0], -1, { failed: true, err: 10035 }));
    assert.equal(r.errorName, 'WSAEWOULDBLOCK');
    assert.equal(r.mismatch, undefined);
    assert.equal(t.sockets.get(60)?.nonBlocking, true);
  });

  it('says where the real call disagrees with the model', () => {
    const t = new WinsockTracker();
    t.record(call('WSAStartup', [514, 0x1000], 0));
    t.record(call('socket', [2, 1, 6], 60));
    t.record(call('connect', [60, 0x2000, 16], 0));
    t.record(call('WSASendDisconnect', [60, 0], 0));
    const e = t.record(call('send', [60, 0x3000, 1, 0], 1));
    assert.match(e.mismatch?.en ?? '', /expected WSAESHUTDOWN, the call succeeded/);
  });

  it('takes the addresses the call recorder read from the socket itself after accept and connect', () => {
    const t = new WinsockTracker();
    t.record(call('WSAStartup', [514, 0x1000], 0));
    t.record(call('socket', [2, 1, 6], 60));
    t.record(call('bind', [60, 0x2000, 16], 0, { addrIn: { family: 2, ip: '0.0.0.0', port: 9876 } }));
    t.record(call('listen', [60, 5], 0));
    t.record(call('accept', [60, 0, 0], 76, { ends: { local: { family: 2, ip: '127.0.0.1', port: 9876 }, peer: { family: 2, ip: '127.0.0.1', port: 50000 } } }));
    assert.deepEqual([t.sockets.get(76)?.local, t.sockets.get(76)?.peer], [{ family: 2, ip: '127.0.0.1', port: 9876 }, { family: 2, ip: '127.0.0.1', port: 50000 }]);
    assert.deepEqual(t.sockets.get(60)?.local, { family: 2, ip: '0.0.0.0', port: 9876 }, 'the listener keeps its own');
  });

  it('gives accepted sockets the listener\'s local address and the peer from accept', () => {
    const t = new WinsockTracker();
    t.record(call('WSAStartup', [514, 0x1000], 0));
    t.record(call('socket', [2, 1, 6], 10));
    t.record(call('bind', [10, 0x10, 16], 0, { addrIn: { family: 2, ip: '127.0.0.1', port: 5000 } }));
    t.record(call('listen', [10, 5], 0));
    t.record(call('accept', [10, 0x20, 0x30], 11, { addrOut: { family: 2, ip: '127.0.0.1', port: 40000 } }));
    assert.equal(t.sockets.get(10)?.state, 'listening');
    assert.equal(t.sockets.get(11)?.state, 'connected');
    assert.equal(t.sockets.get(11)?.local?.port, 5000);
    assert.equal(t.sockets.get(11)?.peer?.port, 40000);
  });

  it('marks closesocket and shows the state in the Sockets tree, in Russian too', () => {
    const t = new WinsockTracker();
    t.record(call('WSAStartup', [514, 0x1000], 0));
    t.record(call('socket', [2, 1, 6], 12));
    t.record(call('closesocket', [12], 0, { line: 9 }));
    const tree = socketsTree(t, () => undefined, 'ru');
    assert.match(tree[0]?.value ?? '', /^закрыт \(после closesocket в строке 9\)/);
  });
});

describe('Sockets scope with the kernel\'s rows', () => {
  const accepted = (): WinsockTracker => {
    const t = new WinsockTracker();
    t.record(call('WSAStartup', [514, 0x1000], 0));
    t.record(call('socket', [2, 1, 6], 10));
    t.record(call('bind', [10, 0x10, 16], 0, { addrIn: { family: 2, ip: '0.0.0.0', port: 5050 } }));
    t.record(call('listen', [10, 5], 0));
    t.record(call('accept', [10, 0x20, 0x30], 11, { addrOut: { family: 2, ip: '127.0.0.1', port: 40000 } }));
    return t;
  };
  const child = (node: TreeNode | undefined, name: string) => node?.children?.find((c) => c.name === name)?.value;

  it('an accepted socket of a 0.0.0.0 listener shows the address its connection uses (the kernel row), the listener keeps 0.0.0.0', () => {
    const tree = socketsTree(accepted(), (_local, peer) => (peer?.port === 40000 ? { state: 'ESTABLISHED', local: { family: 2, ip: '127.0.0.1', port: 5050 } } : { state: 'LISTEN', local: { family: 2, ip: '0.0.0.0', port: 5050 } }), 'en');
    assert.equal(child(tree[1], 'local address'), '127.0.0.1:5050');
    assert.equal(child(tree[0], 'local address'), '0.0.0.0:5050');
    assert.equal(child(tree[1], 'state'), 'connected (since accept)', 'no "connected: connected"');
  });

  it('a closed socket still shows its connection\'s TIME_WAIT', () => {
    const t = accepted();
    t.record(call('closesocket', [11], 0, { line: 40 }));
    const asked: (number | undefined)[] = [];
    const tree = socketsTree(t, (_local, peer) => {
      asked.push(peer?.port);
      return peer?.port === 40000 ? { state: 'TIME_WAIT' } : undefined;
    }, 'en');
    assert.ok(asked.includes(40000));
    assert.equal(child(tree[1], 'kernel TCP state'), 'TIME_WAIT');
    assert.match(tree[1]?.value ?? '', /^closed \(since closesocket on line 40\), TIME_WAIT$/);
  });
});

describe('kernel TCP lookup over /proc/net/tcp', () => {
  const table = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:0FA0 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0',
    '   1: 0100007F:9C40 0100007F:0FA0 05 00000000:00000000 00:00000000 00000000     0        0 2 1 0000000000000000 100 0 0 10 0',
    '   2: 0100007F:0FA0 0100007F:9C40 08 00000000:00000000 00:00000000 00000000     0        0 3 1 0000000000000000 100 0 0 10 0',
  ].join('\n');
  const lookup = procNetTcpLookup((f) => {
    if (f.endsWith('tcp')) return table;
    throw new Error('absent');
  });

  it('finds the program\'s side of a connection by the peer\'s port', () => {
    assert.deepEqual(lookup(undefined, { family: 2, ip: '127.0.0.1', port: 4000 }), { state: 'FIN_WAIT2', local: { family: 2, ip: '127.0.0.1', port: 40000 } });
  });
  it('finds a listener by its local port and an accepted socket by both ports', () => {
    assert.equal(lookup({ family: 2, port: 4000 }, undefined, true)?.state, 'LISTEN');
    assert.equal(lookup({ family: 2, port: 4000 }, { family: 2, port: 40000 })?.state, 'CLOSE_WAIT');
  });
  it('an accepted socket whose peer is not known is not given its listener\'s LISTEN row', () => {
    assert.deepEqual(lookup({ family: 2, ip: '0.0.0.0', port: 4000 }, undefined), { state: 'CLOSE_WAIT', local: { family: 2, ip: '127.0.0.1', port: 4000 } });
  });
  it('both ports known and no such row: nothing, not a row of another connection on one of the ports', () => {
    assert.equal(lookup({ family: 2, port: 40001 }, { family: 2, port: 4000 }), undefined);
  });
  it('says null when there is no table at all', () => {
    assert.equal(procNetTcpLookup(() => { throw new Error('no procfs'); })(undefined, { family: 2, port: 1 }), null);
  });
});
