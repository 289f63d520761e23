// Each rule on small inline programs: cases it must find and look-alikes it must leave alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { found, lint } from './lint-support';

// ---- send-after-disconnect ------------------------------------------------------------------

test('send-after-disconnect: send after WSASendDisconnect on every path is an error', async () => {
  const code = `void f(SOCKET s) {
    WSASendDisconnect(s, NULL);
    send(s, "x", 1, 0);
}`;
  assert.deepEqual(await found(code, 'send-after-disconnect'), ['3:error']);
  const f = (await lint(code)).find((x) => x.rule === 'send-after-disconnect')!;
  assert.match(f.message.en, /send on 's' after WSASendDisconnect\(s, NULL\) on line 2.*WSAESHUTDOWN \(10058\)/);
  assert.match(f.message.ru, /WSAESHUTDOWN \(10058\)/);
  assert.equal(f.related[0]?.span.start.line, 1);
});

test('send-after-disconnect: WSASend after shutdown(SD_BOTH) through a member socket', async () => {
  const code = `void Conn::finish() {
    if (shutdown(m_sock, SD_BOTH) == SOCKET_ERROR) log();
    WSASend(this->m_sock, &buf, 1, &sent, 0, NULL, NULL);
}`;
  assert.deepEqual(await found(code, 'send-after-disconnect'), ['3:error']);
});

test('send-after-disconnect: on one path only it is a warning naming that path', async () => {
  const code = `void f(SOCKET s, int graceful) {
    if (graceful)
        shutdown(s, SD_SEND);
    sendto(s, buf, n, 0, (struct sockaddr*)&to, sizeof to);
}`;
  assert.deepEqual(await found(code, 'send-after-disconnect'), ['4:warning']);
  const f = (await lint(code)).find((x) => x.rule === 'send-after-disconnect')!;
  assert.match(f.message.en, /only on the path through line 3/);
});

test('send-after-disconnect: an alias made by assignment shares the state', async () => {
  const code = `void f(SOCKET s) {
    SOCKET t = s;
    WSASendDisconnect(t, NULL);
    ::send(s, "x", 1, 0);
}`;
  assert.deepEqual(await found(code, 'send-after-disconnect'), ['4:error']);
});

test('send-after-disconnect: look-alikes are not reported', async () => {
  // A send guarded by a flag set at disconnect time.
  assert.deepEqual(
    await found(
      `void C::pump(bool done) {
    if (done) { m_closing = true; WSASendDisconnect(m_sock, NULL); }
    if (!m_closing) send(m_sock, "x", 1, 0);
}`,
      'send-after-disconnect',
    ),
    [],
  );
  // shutdown(SD_RECEIVE) does not stop sending.
  assert.deepEqual(await found(`void f(SOCKET s) { shutdown(s, SD_RECEIVE); send(s, "x", 1, 0); }`, 'send-after-disconnect'), []);
  // A member function that shares the name is not Winsock's send.
  assert.deepEqual(await found(`void C::f() { shutdown(m_sock, SD_SEND); this->send(msg); conn.send(msg); }`, 'send-after-disconnect'), []);
  // A new socket per loop iteration.
  assert.deepEqual(
    await found(
      `void serve(SOCKET l) {
    for (;;) {
        SOCKET c = accept(l, NULL, NULL);
        send(c, "hi", 2, 0);
        shutdown(c, SD_SEND);
        closesocket(c);
    }
}`,
      'send-after-disconnect',
    ),
    [],
  );
  // Different branches.
  assert.deepEqual(await found(`void f(SOCKET s, int e) { if (e) shutdown(s, SD_SEND); else send(s, "x", 1, 0); }`, 'send-after-disconnect'), []);
});

// ---- use-after-closesocket ------------------------------------------------------------------

test('use-after-closesocket: a call after closesocket and a second closesocket', async () => {
  assert.deepEqual(await found(`void f(SOCKET s) {\n  closesocket(s);\n  WSASendDisconnect(s, NULL);\n}`, 'use-after-closesocket'), ['3:error']);
  assert.deepEqual(await found(`void f(SOCKET s) {\n  closesocket(s);\n  closesocket(s);\n}`, 'use-after-closesocket'), ['3:error']);
  assert.deepEqual(await found(`void f(SOCKET s, int e) {\n  if (e) closesocket(s);\n  recv(s, b, 1, 0);\n}`, 'use-after-closesocket'), ['3:warning']);
  const f = (await lint(`void f(SOCKET s) {\n  closesocket(s);\n  shutdown(s, SD_BOTH);\n}`)).find((x) => x.rule === 'use-after-closesocket')!;
  assert.match(f.message.en, /WSAENOTSOCK \(10038\)/);
});

test('use-after-closesocket: look-alikes are not reported', async () => {
  // The documented retry after WSAEWOULDBLOCK.
  assert.deepEqual(
    await found(
      `void f(SOCKET s) {
    while (closesocket(s) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK)
        Sleep(10);
    if (closesocket(s) == SOCKET_ERROR) { if (WSAGetLastError() == WSAEWOULDBLOCK) closesocket(s); }
}`,
      'use-after-closesocket',
    ),
    [],
  );
  // Reassigned with a new socket.
  assert.deepEqual(await found(`void f() { SOCKET s = socket(AF_INET, SOCK_STREAM, 0); closesocket(s); s = socket(AF_INET, SOCK_STREAM, 0); send(s, "x", 1, 0); closesocket(s); }`, 'use-after-closesocket'), []);
  // Closed in a branch that returns.
  assert.deepEqual(await found(`int f(SOCKET s) { if (send(s, "x", 1, 0) < 0) { closesocket(s); return -1; } shutdown(s, SD_SEND); return 0; }`, 'use-after-closesocket'), []);
  // A different socket.
  assert.deepEqual(await found(`void f(SOCKET a, SOCKET b) { closesocket(a); closesocket(b); }`, 'use-after-closesocket'), []);
});

// ---- reuse-after-disconnect -----------------------------------------------------------------

test('reuse-after-disconnect: connect after WSASendDisconnect, shutdown, DisconnectEx', async () => {
  assert.deepEqual(await found(`void f(SOCKET s) {\n  WSASendDisconnect(s, NULL);\n  connect(s, (SOCKADDR*)&a, sizeof a);\n}`, 'reuse-after-disconnect'), ['3:warning']);
  assert.deepEqual(await found(`void f(SOCKET s) {\n  shutdown(s, SD_BOTH);\n  WSAConnect(s, (SOCKADDR*)&a, sizeof a, NULL, NULL, NULL, NULL);\n}`, 'reuse-after-disconnect'), ['3:warning']);
  assert.deepEqual(await found(`void f(SOCKET s) {\n  lpfnDisconnectEx(s, NULL, 0, 0);\n  connect(s, (SOCKADDR*)&a, sizeof a);\n}`, 'reuse-after-disconnect'), ['3:warning']);
  assert.deepEqual(await found(`void f(SOCKET s) {\n  DisconnectEx(s, NULL, TF_REUSE_SOCKET, 0);\n  connect(s, (SOCKADDR*)&a, sizeof a);\n}`, 'reuse-after-disconnect'), ['3:warning']);
});

// The state after each shutdown and disconnect comes from the model's transition table.
const TABLE_CASES: readonly { readonly name: string; readonly code: string; readonly rule: string; readonly want: readonly string[] }[] = [
  { name: 'TransmitFile with TF_DISCONNECT | TF_REUSE_SOCKET leaves a socket for AcceptEx/ConnectEx, not connect', code: 'void f(SOCKET s, HANDLE h) {\n  TransmitFile(s, h, 0, 0, NULL, NULL, TF_DISCONNECT | TF_REUSE_SOCKET);\n  connect(s, (SOCKADDR*)&a, sizeof a);\n}', rule: 'reuse-after-disconnect', want: ['3:warning'] },
  { name: 'TransmitFile with TF_DISCONNECT ends the connection: connect may not reuse the socket', code: 'void f(SOCKET s, HANDLE h) {\n  TransmitFile(s, h, 0, 0, NULL, NULL, TF_DISCONNECT);\n  connect(s, (SOCKADDR*)&a, sizeof a);\n}', rule: 'reuse-after-disconnect', want: ['3:warning'] },
  { name: 'TransmitFile without TF_DISCONNECT is a send like any other', code: 'void f(SOCKET s, HANDLE h) {\n  TransmitFile(s, h, 0, 0, NULL, NULL, 0);\n  send(s, "x", 1, 0);\n}', rule: 'send-after-disconnect', want: [] },
  { name: 'SD_RECEIVE, then WSASendDisconnect: both directions are off', code: 'void f(SOCKET s) {\n  shutdown(s, SD_RECEIVE);\n  WSASendDisconnect(s, NULL);\n  send(s, "x", 1, 0);\n}', rule: 'send-after-disconnect', want: ['4:error'] },
  { name: 'a send after the second shutdown names the first, which turned sending off', code: 'void f(SOCKET s) {\n  shutdown(s, SD_SEND);\n  shutdown(s, SD_BOTH);\n  send(s, "x", 1, 0);\n}', rule: 'send-after-disconnect', want: ['4:error'] },
  { name: 'DisconnectEx with flags not known: nothing is claimed about the connect after it', code: 'void f(SOCKET s, DWORD flags) {\n  DisconnectEx(s, NULL, flags, 0);\n  connect(s, (SOCKADDR*)&a, sizeof a);\n}', rule: 'reuse-after-disconnect', want: [] },
];
for (const c of TABLE_CASES) {
  test(`transitions from the model: ${c.name}`, async () => {
    assert.deepEqual(await found(c.code, c.rule as never), c.want);
  });
}

test('transitions from the model: the second shutdown is not the call that turned sending off', async () => {
  const f = (await lint(TABLE_CASES[4]!.code)).find((x) => x.rule === 'send-after-disconnect')!;
  assert.match(f.message.en, /after shutdown\(s, SD_SEND\) on line 2/);
});

test('reuse-after-disconnect: look-alikes are not reported', async () => {
  assert.deepEqual(await found(`void f(SOCKET s) { DisconnectEx(s, NULL, TF_REUSE_SOCKET, 0); ConnectEx(s, (SOCKADDR*)&a, sizeof a, NULL, 0, NULL, &ov); }`, 'reuse-after-disconnect'), []);
  assert.deepEqual(await found(`void C::reconnect() { shutdown(m_sock, SD_BOTH); closesocket(m_sock); m_sock = socket(AF_INET, SOCK_STREAM, 0); connect(m_sock, (SOCKADDR*)&a, sizeof a); }`, 'reuse-after-disconnect'), []);
  assert.deepEqual(await found(`void C::f() { shutdown(m_sock, SD_BOTH); conn.connect(false); m_client->connect(host); }`, 'reuse-after-disconnect'), []);
});

// ---- missing-closesocket --------------------------------------------------------------------

test('missing-closesocket: an early return after shutdown leaks the local socket', async () => {
  const code = `int f(void) {
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    shutdown(s, SD_SEND);
    if (recv(s, buf, sizeof buf, 0) == SOCKET_ERROR)
        return -1;
    closesocket(s);
    return 0;
}`;
  assert.deepEqual(await found(code, 'missing-closesocket', 'x.c'), ['5:warning']);
});

test('missing-closesocket: end of function and overwritten handles', async () => {
  assert.deepEqual(await found(`void f(SOCKET l) {\n  SOCKET c = accept(l, NULL, NULL);\n  WSASendDisconnect(c, NULL);\n}`, 'missing-closesocket'), ['4:warning']);
  assert.deepEqual(await found(`void Conn::close() {\n  shutdown(m_sock, SD_BOTH);\n  m_sock = INVALID_SOCKET;\n}`, 'missing-closesocket'), ['3:warning']);
  assert.deepEqual(await found(`void reset(struct conn *p) {\n  WSASendDisconnect(p->s, NULL);\n  p->s = NULL;\n}`, 'missing-closesocket', 'x.c'), ['3:warning']);
});

test('missing-closesocket: look-alikes are not reported', async () => {
  // Closed by the caller (a parameter), by a macro, in __finally, after goto cleanup.
  assert.deepEqual(await found(`void f(SOCKET s) { WSASendDisconnect(s, NULL); }`, 'missing-closesocket'), []);
  assert.deepEqual(await found(`#define CLOSE_SOCK(x) closesocket(x)\nvoid f() { SOCKET s = socket(AF_INET, SOCK_STREAM, 0); shutdown(s, SD_SEND); CLOSE_SOCK(s); }`, 'missing-closesocket'), []);
  assert.deepEqual(await found(`void f() { SOCKET s = socket(AF_INET, SOCK_STREAM, 0); __try { WSASendDisconnect(s, NULL); if (x) return; } __finally { closesocket(s); } }`, 'missing-closesocket'), []);
  assert.deepEqual(
    await found(
      `int f() {
    int rc = -1;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    if (shutdown(s, SD_SEND) == SOCKET_ERROR) goto cleanup;
    rc = 0;
cleanup:
    closesocket(s);
    return rc;
}`,
      'missing-closesocket',
      'x.c',
    ),
    [],
  );
  // Returned or stored: the obligation goes with it.
  assert.deepEqual(await found(`SOCKET f() { SOCKET s = socket(AF_INET, SOCK_STREAM, 0); shutdown(s, SD_RECEIVE); return s; }`, 'missing-closesocket'), []);
  assert.deepEqual(await found(`void f(struct conn *c) { SOCKET s = socket(AF_INET, SOCK_STREAM, 0); shutdown(s, SD_SEND); c->sock = s; }`, 'missing-closesocket'), []);
  // A configured close function.
  assert.deepEqual(await found(`void f() { SOCKET s = socket(AF_INET, SOCK_STREAM, 0); shutdown(s, SD_SEND); SafeClose(s); }`, 'missing-closesocket', 'x.cpp', { closeFunctions: ['closesocket', 'SafeClose'] }), []);
  // Closed, then the handle variable reset: fine.
  assert.deepEqual(await found(`void C::close() { shutdown(m_sock, SD_BOTH); closesocket(m_sock); m_sock = INVALID_SOCKET; }`, 'missing-closesocket'), []);
});

// ---- disconnect-data-on-tcp -----------------------------------------------------------------

test('disconnect-data-on-tcp: data on a TCP socket (local, accepted from a TCP listener, class member)', async () => {
  assert.deepEqual(await found(`void f() {\n  SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);\n  WSABUF bye;\n  WSASendDisconnect(s, &bye);\n  closesocket(s);\n}`, 'disconnect-data-on-tcp'), ['4:warning']);
  assert.deepEqual(
    await found(
      `void serve() {
  SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
  SOCKET c = accept(l, NULL, NULL);
  WSABUF in[1];
  WSARecvDisconnect(c, in);
  closesocket(c);
}`,
      'disconnect-data-on-tcp',
    ),
    ['5:warning'],
  );
  assert.deepEqual(
    await found(
      `void Conn::open() { m_sock = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP); }
void Conn::bye() {
  WSABUF data;
  WSASendDisconnect(m_sock, &data);
}`,
      'disconnect-data-on-tcp',
    ),
    ['4:warning'],
  );
});

test('disconnect-data-on-tcp: look-alikes are not reported', async () => {
  assert.deepEqual(await found(`void f() { SOCKET s = socket(AF_INET, SOCK_STREAM, 0); WSASendDisconnect(s, NULL); closesocket(s); }`, 'disconnect-data-on-tcp'), []);
  // Forwarded from a parameter.
  assert.deepEqual(await found(`void f(LPWSABUF data) { SOCKET s = socket(AF_INET, SOCK_STREAM, 0); WSASendDisconnect(s, data); closesocket(s); }`, 'disconnect-data-on-tcp'), []);
  // The provider is checked.
  assert.deepEqual(
    await found(`void f(SOCKET s, WSAPROTOCOL_INFOW *pi) { SOCKET t = socket(AF_INET, SOCK_STREAM, 0); WSABUF b; if (pi->dwServiceFlags1 & XP1_DISCONNECT_DATA) WSASendDisconnect(t, &b); closesocket(t); }`, 'disconnect-data-on-tcp'),
    [],
  );
  // Socket kind unknown (a parameter).
  assert.deepEqual(await found(`void f(SOCKET s) { WSABUF b; WSASendDisconnect(s, &b); }`, 'disconnect-data-on-tcp'), []);
});

// ---- unchecked-result -----------------------------------------------------------------------

test('unchecked-result: ignored results are info, warning when later code relies on success', async () => {
  assert.deepEqual(await found(`void f(SOCKET s) {\n  WSASendDisconnect(s, NULL);\n  closesocket(s);\n}`, 'unchecked-result'), ['2:info']);
  assert.deepEqual(await found(`void f(SOCKET s) {\n  shutdown(s, SD_SEND);\n  WSAEventSelect(s, ev, FD_CLOSE);\n}`, 'unchecked-result'), ['2:warning']);
  assert.deepEqual(await found(`void f(SOCKET s) {\n  pfnDisconnectEx(s, &ov, TF_REUSE_SOCKET, 0);\n  pool_push(s);\n}`, 'unchecked-result'), ['2:warning']);
  assert.deepEqual(await found(`void f(SOCKET s) {\n  WSARecvDisconnect(s, NULL);\n}`, 'unchecked-result'), ['2:info']);
});

test('unchecked-result: checked, cast to void, or not a disconnect call', async () => {
  assert.deepEqual(await found(`void f(SOCKET s) { if (WSASendDisconnect(s, NULL) == SOCKET_ERROR) fail(); }`, 'unchecked-result'), []);
  assert.deepEqual(await found(`void f(SOCKET s) { int rc = shutdown(s, SD_SEND); use(rc); }`, 'unchecked-result'), []);
  assert.deepEqual(await found(`void f(SOCKET s) { (void)shutdown(s, SD_BOTH); }`, 'unchecked-result'), []);
  assert.deepEqual(await found(`void f(SOCKET s) { send(s, "x", 1, 0); obj.shutdown(); }`, 'unchecked-result'), []);
});

// ---- wrong-sentinel -------------------------------------------------------------------------

test('wrong-sentinel: BOOL tests of int results and SOCKET_ERROR tests of BOOL results', async () => {
  assert.deepEqual(await found(`void f(SOCKET s) {\n  if (!WSASendDisconnect(s, NULL)) {\n    printf("failed: %d", WSAGetLastError());\n  }\n}`, 'wrong-sentinel'), ['2:error']);
  assert.deepEqual(await found(`void f(SOCKET s) {\n  if (shutdown(s, SD_SEND) == FALSE) return;\n}`, 'wrong-sentinel'), ['2:error']);
  assert.deepEqual(await found(`void f(SOCKET s) {\n  if (lpfnDisconnectEx(s, NULL, 0, 0) == SOCKET_ERROR) return;\n}`, 'wrong-sentinel'), ['2:error']);
  assert.deepEqual(await found(`void f(SOCKET s) {\n  if (WSARecvDisconnect(s, NULL) == INVALID_SOCKET) return;\n}`, 'wrong-sentinel'), ['2:warning']);
});

test('wrong-sentinel: the right comparisons are not reported', async () => {
  assert.deepEqual(await found(`void f(SOCKET s) { if (WSASendDisconnect(s, NULL) == SOCKET_ERROR) fail(); if (shutdown(s, SD_SEND) != 0) fail(); }`, 'wrong-sentinel'), []);
  assert.deepEqual(await found(`void f(SOCKET s) { if (!DisconnectEx(s, &ov, 0, 0) && WSAGetLastError() != WSA_IO_PENDING) fail(); }`, 'wrong-sentinel'), []);
  // `!call` as a success test with no error handling in the branch.
  assert.deepEqual(await found(`void f(SOCKET s) { if (!shutdown(s, SD_SEND)) { state = CLOSING; } }`, 'wrong-sentinel'), []);
  assert.deepEqual(await found(`bool f(SOCKET s) { return !shutdown(s, SD_BOTH); }`, 'wrong-sentinel'), []);
});

// ---- not-initialized ------------------------------------------------------------------------

test('not-initialized: before WSAStartup in main, after WSACleanup', async () => {
  assert.deepEqual(await found(`int main(void) {\n  SOCKET s = socket(AF_INET, SOCK_STREAM, 0);\n  WSADATA w;\n  WSAStartup(MAKEWORD(2, 2), &w);\n  closesocket(s);\n}`, 'not-initialized', 'x.c'), ['2:warning']);
  assert.deepEqual(await found(`void stop(SOCKET s) {\n  WSACleanup();\n  closesocket(s);\n}`, 'not-initialized'), ['3:warning']);
  assert.deepEqual(await found(`int main() {\n  WSADATA w;\n  WSAStartup(MAKEWORD(2, 2), &w);\n  SOCKET s = socket(AF_INET, SOCK_STREAM, 0);\n  WSACleanup();\n  WSASendDisconnect(s, NULL);\n}`, 'not-initialized'), ['6:warning']);
});

test('not-initialized: look-alikes are not reported', async () => {
  assert.deepEqual(await found(`int main() { WSADATA w; if (WSAStartup(MAKEWORD(2,2), &w) != 0) return 1; SOCKET s = socket(AF_INET, SOCK_STREAM, 0); closesocket(s); WSACleanup(); }`, 'not-initialized'), []);
  // Initialised by a helper the analysis cannot see.
  assert.deepEqual(await found(`int main() { init_network(); SOCKET s = socket(AF_INET, SOCK_STREAM, 0); closesocket(s); }`, 'not-initialized'), []);
  // Not main: the caller may have initialised.
  assert.deepEqual(await found(`void f() { SOCKET s = socket(AF_INET, SOCK_STREAM, 0); closesocket(s); }`, 'not-initialized'), []);
  // Cleanup on an error path that returns.
  assert.deepEqual(await found(`int main() { WSADATA w; WSAStartup(MAKEWORD(2,2), &w); SOCKET s = socket(AF_INET, SOCK_STREAM, 0); if (s == INVALID_SOCKET) { WSACleanup(); return 1; } closesocket(s); WSACleanup(); }`, 'not-initialized'), []);
});

// ---- linger-has-no-effect -------------------------------------------------------------------

test('linger-has-no-effect: SO_LINGER before a disconnect, SO_DONTLINGER before closesocket', async () => {
  assert.deepEqual(await found(`void f(SOCKET s) {\n  struct linger l = {1, 0};\n  setsockopt(s, SOL_SOCKET, SO_LINGER, (char*)&l, sizeof l);\n  WSASendDisconnect(s, NULL);\n}`, 'linger-has-no-effect'), ['3:warning']);
  assert.deepEqual(await found(`void f(SOCKET s) {\n  BOOL t = TRUE;\n  setsockopt(s, SOL_SOCKET, SO_DONTLINGER, (char*)&t, sizeof t);\n  shutdown(s, SD_BOTH);\n}`, 'linger-has-no-effect'), ['3:warning']);
  assert.deepEqual(await found(`void hard_close(SOCKET s) {\n  BOOL t = TRUE;\n  setsockopt(s, SOL_SOCKET, SO_DONTLINGER, (char*)&t, sizeof t);\n  closesocket(s);\n}`, 'linger-has-no-effect'), ['3:warning']);
});

test('linger-has-no-effect: the documented abortive close and a close that follows', async () => {
  assert.deepEqual(await found(`void f(SOCKET s) { struct linger l = {1, 0}; setsockopt(s, SOL_SOCKET, SO_LINGER, (char*)&l, sizeof l); closesocket(s); }`, 'linger-has-no-effect'), []);
  assert.deepEqual(await found(`void f(SOCKET s) { struct linger l = {1, 5}; setsockopt(s, SOL_SOCKET, SO_LINGER, (char*)&l, sizeof l); shutdown(s, SD_SEND); closesocket(s); }`, 'linger-has-no-effect'), []);
  assert.deepEqual(await found(`void f(SOCKET s) { BOOL t = TRUE; setsockopt(s, SOL_SOCKET, SO_LINGER, (char*)&l, sizeof l); setsockopt(s, SOL_SOCKET, SO_DONTLINGER, (char*)&t, sizeof t); closesocket(s); }`, 'linger-has-no-effect'), []);
  assert.deepEqual(await found(`void f(SOCKET s) { setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char*)&t, sizeof t); shutdown(s, SD_SEND); }`, 'linger-has-no-effect'), []);
});

// ---- blocking-call-in-apc -------------------------------------------------------------------

test('blocking-call-in-apc: disconnect calls inside APCs and completion routines', async () => {
  assert.deepEqual(await found(`VOID CALLBACK OnApc(ULONG_PTR p) {\n  WSASendDisconnect((SOCKET)p, NULL);\n}\nvoid arm(HANDLE t, SOCKET s) { QueueUserAPC(OnApc, t, (ULONG_PTR)s); }`, 'blocking-call-in-apc'), ['2:warning']);
  assert.deepEqual(
    await found(
      `void CALLBACK OnSent(DWORD err, DWORD n, LPWSAOVERLAPPED ov, DWORD flags) {
  CONN *c = (CONN*)ov->hEvent;
  shutdown(c->s, SD_SEND);
}
void go(CONN *c) { WSASend(c->s, &c->buf, 1, NULL, 0, &c->ov, OnSent); }`,
      'blocking-call-in-apc',
      'x.c',
    ),
    ['3:warning'],
  );
  assert.deepEqual(await found(`VOID CALLBACK OnRead(DWORD e, DWORD n, LPOVERLAPPED o) {\n  connect(g_sock, (SOCKADDR*)&a, sizeof a);\n}\nvoid go(HANDLE f) { ReadFileEx(f, buf, 10, &ov, OnRead); }`, 'blocking-call-in-apc'), ['2:warning']);
});

test('blocking-call-in-apc: look-alikes are not reported', async () => {
  // The same call in a function that is not registered as an APC.
  assert.deepEqual(await found(`void OnDone(SOCKET s) { WSASendDisconnect(s, NULL); }`, 'blocking-call-in-apc'), []);
  // Chaining overlapped I/O from a completion routine is the normal pattern.
  assert.deepEqual(await found(`void CALLBACK OnRecv(DWORD e, DWORD n, LPWSAOVERLAPPED ov, DWORD f) { WSARecv(g_s, &b, 1, NULL, &fl, ov, OnRecv); }\nvoid go() { WSARecv(g_s, &b, 1, NULL, &fl, &ov, OnRecv); }`, 'blocking-call-in-apc'), []);
  // The APC only posts a message.
  assert.deepEqual(await found(`VOID CALLBACK OnApc(ULONG_PTR p) { PostMessage(hwnd, WM_CLOSE_SOCKET, p, 0); }\nvoid arm(HANDLE t, SOCKET s) { QueueUserAPC(OnApc, t, (ULONG_PTR)s); }`, 'blocking-call-in-apc'), []);
});

// ---- disconnect-on-connectionless -----------------------------------------------------------

test('disconnect-on-connectionless: WSASendDisconnect and DisconnectEx on UDP', async () => {
  assert.deepEqual(await found(`void f() {\n  SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);\n  WSASendDisconnect(u, NULL);\n  closesocket(u);\n}`, 'disconnect-on-connectionless'), ['3:warning']);
  assert.deepEqual(await found(`void f() {\n  SOCKET u = WSASocketW(AF_INET, SOCK_DGRAM, 0, NULL, 0, WSA_FLAG_OVERLAPPED);\n  pfnDisconnectEx(u, &ov, 0, 0);\n  closesocket(u);\n}`, 'disconnect-on-connectionless'), ['3:warning']);
  assert.deepEqual(await found(`void Udp::open() { m_sock = socket(AF_INET, SOCK_DGRAM, 0); }\nvoid Udp::close() {\n  WSASendDisconnect(m_sock, NULL);\n  closesocket(m_sock);\n}`, 'disconnect-on-connectionless'), ['3:warning']);
});

test('disconnect-on-connectionless: shutdown on UDP, TCP sockets, unknown kinds', async () => {
  assert.deepEqual(await found(`void f() { SOCKET u = socket(AF_INET, SOCK_DGRAM, 0); shutdown(u, SD_SEND); closesocket(u); }`, 'disconnect-on-connectionless'), []);
  assert.deepEqual(await found(`void f() { SOCKET t = socket(AF_INET, SOCK_STREAM, 0); WSASendDisconnect(t, NULL); closesocket(t); }`, 'disconnect-on-connectionless'), []);
  assert.deepEqual(await found(`void f(SOCKET s) { WSASendDisconnect(s, NULL); }`, 'disconnect-on-connectionless'), []);
});

// ---- repeated-disconnect --------------------------------------------------------------------

test('repeated-disconnect: the send direction twice, DisconnectEx twice', async () => {
  assert.deepEqual(await found(`void f(SOCKET s) {\n  WSASendDisconnect(s, NULL);\n  shutdown(s, SD_SEND);\n}`, 'repeated-disconnect'), ['3:warning']);
  assert.deepEqual(await found(`void f(SOCKET s) {\n  shutdown(s, SD_SEND);\n  shutdown(s, SD_BOTH);\n}`, 'repeated-disconnect'), ['3:warning']);
  assert.deepEqual(await found(`void f(SOCKET s) {\n  DisconnectEx(s, &ov, TF_REUSE_SOCKET, 0);\n  DisconnectEx(s, &ov, TF_REUSE_SOCKET, 0);\n}`, 'repeated-disconnect'), ['3:warning']);
});

test('repeated-disconnect: other directions, other sockets, recycled sockets', async () => {
  assert.deepEqual(await found(`void f(SOCKET s) { shutdown(s, SD_SEND); shutdown(s, SD_RECEIVE); }`, 'repeated-disconnect'), []);
  assert.deepEqual(await found(`void f(SOCKET a, SOCKET b) { WSASendDisconnect(a, NULL); WSASendDisconnect(b, NULL); }`, 'repeated-disconnect'), []);
  assert.deepEqual(
    await found(`void f(SOCKET l, SOCKET s) { DisconnectEx(s, NULL, TF_REUSE_SOCKET, 0); AcceptEx(l, s, buf, 0, 32, 32, &n, &ov); DisconnectEx(s, NULL, TF_REUSE_SOCKET, 0); }`, 'repeated-disconnect'),
    [],
  );
  assert.deepEqual(await found(`void f(SOCKET s, int a) { if (a) shutdown(s, SD_SEND); else WSASendDisconnect(s, NULL); }`, 'repeated-disconnect'), []);
});

// ---- behaviours found on the fixture corpus -------------------------------------------------

test('a disconnect tested for failure takes no effect on its failure branch, but the leak obligation stays', async () => {
  // The send runs only when shutdown failed: nothing was shut down there.
  assert.deepEqual(await found(`void f(SOCKET s) {\n  if (shutdown(s, SD_SEND) == SOCKET_ERROR) {\n    send(s, "x", 1, 0);\n  }\n}`, 'send-after-disconnect'), []);
  // Success path: still an error on every path that got past the check.
  assert.deepEqual(await found(`void f(SOCKET s) {\n  if (shutdown(s, SD_SEND) == SOCKET_ERROR) log_it();\n  send(s, "x", 1, 0);\n}`, 'send-after-disconnect'), ['3:error']);
  assert.deepEqual(await found(`int f(SOCKET l) {\n  SOCKET c = accept(l, NULL, NULL);\n  if (shutdown(c, SD_SEND) == SOCKET_ERROR) { return -1; }\n  closesocket(c);\n  return 0;\n}`, 'missing-closesocket'), ['3:warning']);
});

test('blocking-call-in-apc: closesocket in an APC chosen with ?: is reported; overlapped WSASend is not', async () => {
  assert.deepEqual(
    await found(`static void CALLBACK a(ULONG_PTR p) {\n  closesocket(g_s);\n}\nstatic void CALLBACK b(ULONG_PTR p) { }\nvoid stop(HANDLE t, int hard) { QueueUserAPC(hard ? a : b, t, 0); }`, 'blocking-call-in-apc', 'x.c'),
    ['2:warning'],
  );
  assert.deepEqual(await found(`void CALLBACK done(DWORD e, DWORD n, LPWSAOVERLAPPED ov, DWORD f) { WSASend(g_s, &b, 1, NULL, 0, ov, done); }\nvoid go() { WSASend(g_s, &b, 1, NULL, 0, &ov, done); }`, 'blocking-call-in-apc'), []);
});

test('missing-closesocket: an object built from the socket (RAII guard) keeps it; a helper given it earlier does not', async () => {
  assert.deepEqual(await found(`int f() {\n  SOCKET s = socket(AF_INET, SOCK_STREAM, 0);\n  SocketGuard g(s);\n  if (shutdown(s, SD_SEND) != 0) return -1;\n  return 0;\n}`, 'missing-closesocket'), []);
  assert.deepEqual(await found(`void f(SOCKET l) {\n  SOCKET c = accept(l, NULL, NULL);\n  log_peer(c);\n  WSASendDisconnect(c, NULL);\n}`, 'missing-closesocket'), ['5:warning']);
});

test('not-initialized: a path that skips WSAStartup names it; an RAII guard of this file starts Winsock', async () => {
  assert.deepEqual(await found(`int main(int argc, char **argv) {\n  WSADATA w;\n  if (argc > 1) WSAStartup(MAKEWORD(2, 2), &w);\n  SOCKET s = socket(AF_INET, SOCK_DGRAM, 0);\n  return 0;\n}`, 'not-initialized'), ['4:warning']);
  assert.deepEqual(await found(`struct Net { Net() { WSADATA w; WSAStartup(MAKEWORD(2, 2), &w); } ~Net() { WSACleanup(); } };\nint main() {\n  Net net;\n  SOCKET s = socket(AF_INET, SOCK_STREAM, 0);\n  closesocket(s);\n}`, 'not-initialized'), []);
});

test('missing-closesocket: sockets held by objects or read from shared storage are not ours to close', async () => {
  // A socket class (RAII) returned by a helper.
  assert.deepEqual(await found(`void run() {\n  auto sock = connectSocket(host, port);\n  if (shutdown(sock, SD_SEND) == SOCKET_ERROR) throw network_error("shutdown");\n}`, 'missing-closesocket'), []);
  // A copy of a table entry that another function removes and closes.
  assert.deepEqual(await found(`static void CloseClient(int i) {\n  SOCKET sock = g_clients[i];\n  if (sock != INVALID_SOCKET) shutdown(sock, SD_SEND);\n  RemoveClient(i);\n}`, 'missing-closesocket', 'x.c'), []);
  // But a plain SOCKET made here still counts.
  assert.deepEqual(await found(`void f() {\n  auto s = socket(AF_INET, SOCK_STREAM, 0);\n  shutdown(s, SD_SEND);\n}`, 'missing-closesocket'), ['4:warning']);
});

test('missing-closesocket: a socket made here and dropped on an early return; the INVALID_SOCKET branch owes nothing', async () => {
  assert.deepEqual(
    await found(`int serve(SOCKET l) {\n  SOCKET c = accept(l, NULL, NULL);\n  if (c == INVALID_SOCKET) return -1;\n  if (send(c, "hi", 2, 0) == SOCKET_ERROR) {\n    return 0;\n  }\n  closesocket(c);\n  return 0;\n}`, 'missing-closesocket', 'x.c'),
    ['5:warning'],
  );
  assert.deepEqual(await found(`SOCKET open_one(void) {\n  SOCKET s;\n  if ((s = socket(AF_INET, SOCK_STREAM, 0)) == INVALID_SOCKET) return INVALID_SOCKET;\n  return s;\n}`, 'missing-closesocket', 'x.c'), []);
  // main: the process ends and Windows frees the handle.
  assert.deepEqual(await found(`int main(void) {\n  WSADATA w; WSAStartup(MAKEWORD(2,2), &w);\n  SOCKET s = socket(AF_INET, SOCK_STREAM, 0);\n  return 0;\n}`, 'missing-closesocket', 'x.c'), []);
});

test('a WSASendDisconnect that is sure to fail (data on TCP) shuts nothing: a later shutdown is not a repeat', async () => {
  const code = `void f() {\n  SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);\n  WSABUF why;\n  WSASendDisconnect(s, &why);\n  shutdown(s, SD_SEND);\n  closesocket(s);\n}`;
  assert.deepEqual(await found(code, 'disconnect-data-on-tcp'), ['4:warning']);
  assert.deepEqual(await found(code, 'repeated-disconnect'), []);
});

test('unchecked-result: an unchecked shutdown(SD_SEND) followed by a drain loop is a warning', async () => {
  assert.deepEqual(await found(`void f(SOCKET s) {\n  shutdown(s, SD_SEND);\n  while (recv(s, b, sizeof b, 0) > 0) {}\n  closesocket(s);\n}`, 'unchecked-result'), ['2:warning']);
});
