import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIntegerLiteral, symbolAt } from '../../core/hover/symbolAt';
import type { Grammar } from '../../core/parse/parser';
import { testParser } from './parse-helpers';

/** The symbol at the first occurrence of `marker` (plus `within` characters) in `text`. */
async function at(text: string, grammar: Grammar, marker: string, within = 1, nth = 0) {
  const parser = await testParser();
  const tree = parser.parse(text, grammar);
  let idx = -1;
  for (let i = 0; i <= nth; i++) idx = text.indexOf(marker, idx + 1);
  assert.notEqual(idx, -1, `marker ${marker} not in text`);
  try {
    const s = symbolAt(tree, idx + within);
    // Copy while the tree lives: `definedInFile` is computed when read.
    return s && { ...s };
  } finally {
    tree.delete();
  }
}

const C_FILE = `#include <winsock2.h>
/* WSASendDisconnect turns off sending */
int close_gracefully(SOCKET s) {
  // call WSASendDisconnect first
  const char *msg = "WSASendDisconnect failed";
  char c = 'W';
  if (WSASendDisconnect(s, NULL) == SOCKET_ERROR) {
    int err = WSAGetLastError();
    if (err == 10058 || err == 0x274A || err == 10058L || err == 1.5) return -1;
  }
  conn.send = 0;
  return 0;
}
`;

for (const grammar of ['c', 'cpp'] as const) {
  test(`${grammar}: a function name in code is an identifier, in any of its characters`, async () => {
    for (const within of [0, 5, 16]) {
      const s = await at(C_FILE, grammar, 'WSASendDisconnect(s', within);
      assert.equal(s?.kind, 'identifier');
      assert.equal(s.kind === 'identifier' && s.name, 'WSASendDisconnect');
      assert.equal(s.kind === 'identifier' && s.definedInFile, false);
      assert.equal(s.end - s.start, 'WSASendDisconnect'.length);
    }
  });

  test(`${grammar}: nothing inside comments, strings and character literals`, async () => {
    assert.equal(await at(C_FILE, grammar, 'WSASendDisconnect turns'), undefined); // block comment
    assert.equal(await at(C_FILE, grammar, 'WSASendDisconnect first'), undefined); // line comment
    assert.equal(await at(C_FILE, grammar, 'WSASendDisconnect failed'), undefined); // string
    assert.equal(await at(C_FILE, grammar, "'W'", 1), undefined); // char literal
    assert.equal(await at(C_FILE, grammar, 'winsock2.h'), undefined); // #include path
  });

  test(`${grammar}: types and constants are identifiers; member names are not`, async () => {
    const sock = await at(C_FILE, grammar, 'SOCKET s', 2);
    assert.equal(sock?.kind === 'identifier' && sock.name, 'SOCKET');
    const err = await at(C_FILE, grammar, 'SOCKET_ERROR', 3);
    assert.equal(err?.kind === 'identifier' && err.name, 'SOCKET_ERROR');
    assert.equal(await at(C_FILE, grammar, 'send = 0', 1), undefined);
  });

  test(`${grammar}: decimal, hex and suffixed integer literals give their value; floats do not`, async () => {
    const dec = await at(C_FILE, grammar, '10058', 2);
    assert.deepEqual(dec && { kind: dec.kind, value: dec.kind === 'number' && dec.value }, { kind: 'number', value: 10058 });
    const hex = await at(C_FILE, grammar, '0x274A', 3);
    assert.equal(hex?.kind === 'number' && hex.value, 10058);
    assert.equal(hex?.kind === 'number' && hex.text, '0x274A');
    const long = await at(C_FILE, grammar, '10058L', 0);
    assert.equal(long?.kind === 'number' && long.value, 10058);
    assert.equal(await at(C_FILE, grammar, '1.5', 0), undefined);
  });

  test(`${grammar}: a function the file defines itself is marked, a prototype is not`, async () => {
    const text = `int send(SOCKET s, const char *b, int n, int f);\nint WSAAPI shutdown(SOCKET s, int how);\nstatic int send(SOCKET s, const char *b, int n, int f) { return 0; }\nvoid g(SOCKET s) { send(s, "x", 1, 0); shutdown(s, SD_SEND); }\n`;
    const own = await at(text, grammar, 'send(s, "x"');
    assert.equal(own?.kind === 'identifier' && own.definedInFile, true);
    const theirs = await at(text, grammar, 'shutdown(s, SD');
    assert.equal(theirs?.kind === 'identifier' && theirs.definedInFile, false);
  });

  test(`${grammar}: a macro of the same name counts as the file's own; a name inside a macro body is found`, async () => {
    const text = `#define closesocket(s) close(s)\n#define BYE(s) WSASendDisconnect(s, NULL)\nvoid g(int s) { closesocket(s); }\n`;
    const own = await at(text, grammar, 'closesocket(s); }');
    assert.equal(own?.kind === 'identifier' && own.definedInFile, true);
    const inBody = await at(text, grammar, 'WSASendDisconnect(s, NULL)', 4);
    assert.equal(inBody?.kind === 'identifier' && inBody.name, 'WSASendDisconnect');
    assert.equal(inBody?.start, text.indexOf('WSASendDisconnect'));
  });
}

test('cpp: ::WSASendDisconnect is the global function, on its name and on the ::', async () => {
  const text = 'namespace net {\nint bye(SOCKET s) { return ::WSASendDisconnect(s, nullptr); }\nint send(int x) { return mylib::send(x); }\n}\n';
  for (const within of [0, 2, 10]) {
    const s = await at(text, 'cpp', '::WSASendDisconnect', within);
    assert.equal(s?.kind === 'identifier' && s.name, 'WSASendDisconnect', `within ${within}`);
    assert.equal(s?.start, text.indexOf('WSASendDisconnect'));
  }
  // A name qualified by some other namespace is not Winsock's.
  assert.equal(await at(text, 'cpp', 'send(x)', 1), undefined);
});

test('cpp: a free function defined inside a namespace counts as the file\'s own', async () => {
  const text = 'namespace net { int recv(SOCKET s) { return 0; } }\nvoid f(SOCKET s) { net::recv(s); recv(s, 0, 0, 0); }\n';
  const s = await at(text, 'cpp', 'recv(s, 0');
  assert.equal(s?.kind === 'identifier' && s.definedInFile, true);
});

test('integer literals: every C spelling of 10058', () => {
  for (const t of ['10058', '0x274A', '0X274a', '10058u', '10058UL', '10058ll', "10'058", '023512', '0b10011101001010']) {
    assert.equal(parseIntegerLiteral(t), 10058, t);
  }
  for (const t of ['1.5', '1e3', '0x', '09', 'abc', '']) assert.equal(parseIntegerLiteral(t), undefined, t);
});

test('offsets outside the text give nothing', async () => {
  const parser = await testParser();
  const tree = parser.parse('int x;', 'c');
  assert.equal(symbolAt(tree, -1), undefined);
  assert.equal(symbolAt(tree, 100), undefined);
  tree.delete();
});
