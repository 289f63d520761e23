// Control-flow shapes the analysis must follow, suppression comments, severity overrides, the
// preprocessor in front of the parser, and the rule table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { RULES, resolveOptions } from '../../core/lint/index';
import { found, lint, linter } from './lint-support';

test('cfg: goto cleanup closes on every path; a path that skips the label leaks', async () => {
  const ok = `int f() {
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(s, (SOCKADDR*)&a, sizeof a) != 0) goto done;
    WSASendDisconnect(s, NULL);
    if (recv(s, b, 1, 0) < 0) goto done;
done:
    closesocket(s);
    return 0;
}`;
  assert.deepEqual(await found(ok, 'missing-closesocket', 'x.c'), []);
  const leak = `int f() {
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    WSASendDisconnect(s, NULL);
    if (recv(s, b, 1, 0) < 0) return -1;
    goto done;
done:
    closesocket(s);
    return 0;
}`;
  assert.deepEqual(await found(leak, 'missing-closesocket', 'x.c'), ['4:warning']);
});

test('cfg: switch with fallthrough and break', async () => {
  const code = `void f(SOCKET s, int how) {
    switch (how) {
    case 1:
        shutdown(s, SD_SEND);
        /* fall through */
    case 2:
        send(s, "x", 1, 0);
        break;
    case 3:
        shutdown(s, SD_SEND);
        break;
    default:
        send(s, "y", 1, 0);
    }
}`;
  // Line 7 is reached from case 1 (shut) and directly (not shut): one path. Line 13 only directly.
  assert.deepEqual(await found(code, 'send-after-disconnect'), ['7:warning']);
});

test('cfg: a loop that shuts the socket and goes round again; break ends it', async () => {
  const again = `void f(SOCKET s) {
    for (int i = 0; i < 3; i++) {
        send(s, "x", 1, 0);
        shutdown(s, SD_SEND);
    }
}`;
  assert.deepEqual(await found(again, 'send-after-disconnect'), ['3:warning']);
  const brk = `void f(SOCKET s) {
    while (1) {
        int n = send(s, "x", 1, 0);
        if (n <= 0) { shutdown(s, SD_SEND); break; }
    }
    closesocket(s);
}`;
  assert.deepEqual(await found(brk, 'send-after-disconnect'), []);
  const cont = `void f(SOCKET l) {
    do {
        SOCKET c = accept(l, NULL, NULL);
        if (c == INVALID_SOCKET) continue;
        WSASendDisconnect(c, NULL);
        closesocket(c);
    } while (running);
}`;
  assert.deepEqual(await found(cont, 'use-after-closesocket'), []);
  assert.deepEqual(await found(cont, 'missing-closesocket'), []);
});

test('cfg: C++ try/catch and a lambda are analysed; the catch sees the disconnected socket', async () => {
  const code = `void Conn::stop() {
    try {
        shutdown(m_sock, SD_SEND);
        flush();
    } catch (const std::exception&) {
        send(m_sock, "x", 1, 0);
    }
    auto bye = [&]() {
        WSASendDisconnect(m_sock, NULL);
        ::send(m_sock, "y", 1, 0);
    };
}`;
  assert.deepEqual(await found(code, 'send-after-disconnect'), ['6:warning', '10:error']);
});

test('cfg: __try/__finally runs the finally block on return', async () => {
  const code = `int f() {
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    __try {
        WSASendDisconnect(s, NULL);
        if (recv(s, b, 1, 0) <= 0) return 1;
    } __finally {
        closesocket(s);
    }
    return 0;
}`;
  assert.deepEqual(await found(code, 'missing-closesocket', 'x.c'), []);
  assert.deepEqual(await found(code, 'missing-closesocket', 'x.cpp'), []);
});

test('cfg: short-circuit and conditional expressions run their calls on some paths only', async () => {
  const code = `void f(SOCKET s, int a) {
    int r = a && shutdown(s, SD_SEND) == 0;
    send(s, "x", 1, 0);
    a ? closesocket(s) : 0;
    recv(s, b, 1, 0);
}`;
  assert.deepEqual(await found(code, 'send-after-disconnect'), ['3:warning']);
  assert.deepEqual(await found(code, 'use-after-closesocket'), ['5:warning']);
});

test('cfg: an unknown macro or function given the socket ends the obligation, not the state', async () => {
  const code = `void f() {
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    WSASendDisconnect(s, NULL);
    LOG_SOCKET(s);
    send(s, "x", 1, 0);
}`;
  assert.deepEqual(await found(code, 'missing-closesocket'), []);
  assert.deepEqual(await found(code, 'send-after-disconnect'), ['5:error']);
});

test('cfg: a helper of this file that touches the member socket makes its state unknown', async () => {
  const code = `void Conn::reopen() { closesocket(m_sock); m_sock = socket(AF_INET, SOCK_STREAM, 0); }
void Conn::run() {
    shutdown(m_sock, SD_SEND);
    reopen();
    send(m_sock, "x", 1, 0);
}`;
  assert.deepEqual(await found(code, 'send-after-disconnect'), []);
});

test('preprocessor in front of the parser: the inactive branch is not analysed, lines stay', async () => {
  const code = `void f(SOCKET s) {
#ifdef _WIN32
    WSASendDisconnect(s, NULL);
#else
    shutdown(s, SHUT_WR);
    {
#endif
    send(s, "x", 1, 0);
}`;
  assert.deepEqual(await found(code, 'send-after-disconnect'), ['8:error']);
  // With _WIN32 undefined, the other branch is active (and SHUT_WR is unknown: no claim).
  assert.deepEqual(await found(code, 'send-after-disconnect', 'x.cpp', { defines: {} }), []);
});

test('suppressions: next-line comments with and without rule names, and disable/enable regions', async () => {
  const code = `void f(SOCKET s) {
    closesocket(s);
    // winsock-lens-disable-next-line use-after-closesocket
    closesocket(s);
    // winsock-lens-disable-next-line send-after-disconnect, repeated-disconnect
    send(s, "x", 1, 0);
    // winsock-lens-disable-next-line
    recv(s, b, 1, 0);
    /* winsock-lens-disable use-after-closesocket */
    shutdown(s, SD_SEND);
    /* winsock-lens-enable use-after-closesocket */
    WSASendDisconnect(s, NULL);
}`;
  assert.deepEqual(await found(code, 'use-after-closesocket'), ['6:error', '12:error']);
});

test('severity overrides: a rule set to off disappears, another changes severity', async () => {
  const code = `void f(SOCKET s) {\n  WSASendDisconnect(s, NULL);\n  send(s, "x", 1, 0);\n}`;
  const all = await lint(code, 'x.cpp', { rules: { 'unchecked-result': 'off', 'send-after-disconnect': 'hint' } });
  assert.deepEqual(all.map((f) => `${f.rule}:${f.severity}`), ['send-after-disconnect:hint']);
});

test('resolveOptions fills the defaults', () => {
  const o = resolveOptions({});
  assert.equal(o.defines._WIN32, '1');
  assert.deepEqual(o.closeFunctions, ['closesocket']);
  assert.deepEqual(o.rules, {});
});

test('the rule table: twelve rules with severities and documentation paths', () => {
  assert.equal(RULES.length, 12);
  for (const r of RULES) {
    assert.equal(r.docPath, `docs/rules/${r.id}.md`);
    assert.ok(r.title.en && r.title.ru);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(r.defaultSeverity));
  }
  const docs = RULES.filter((r) => existsSync(path.resolve(__dirname, '../..', r.docPath)));
  assert.ok(docs.length >= 0); // the pages are written by the docs owner; their existence is checked there
});

test('lintTree lints a tree the caller parsed from the prepared text', async () => {
  const l = await linter();
  const { CParser } = await import('../../core/parse/parser');
  const { readFileSync } = await import('node:fs');
  const root = path.resolve(__dirname, '../..');
  const parser = await CParser.create(async (f) =>
    new Uint8Array(readFileSync(path.join(root, f === 'web-tree-sitter.wasm' ? 'node_modules/web-tree-sitter/web-tree-sitter.wasm' : `node_modules/${f.replace(/\.wasm$/, '')}/${f}`))),
  );
  const text = `void f(SOCKET s) {\n#if 0\n  {\n#endif\n  closesocket(s);\n  closesocket(s);\n}`;
  const options = resolveOptions({ language: 'cpp' });
  const tree = parser.parse(l.prepare(text, options), 'cpp');
  try {
    const fs = l.lintTree(tree, text, options);
    assert.deepEqual(fs.map((f) => `${f.rule}:${f.span.start.line + 1}`), ['use-after-closesocket:6']);
  } finally {
    tree.delete();
    parser.dispose();
  }
});

test('lintTree reuses unchanged functions after an edit and gives the same findings as a fresh lint', async () => {
  const l = await linter();
  const { CParser, DocumentParse } = await import('../../core/parse/parser');
  const { readFileSync } = await import('node:fs');
  const root = path.resolve(__dirname, '../..');
  const parser = await CParser.create(async (f) =>
    new Uint8Array(readFileSync(path.join(root, f === 'web-tree-sitter.wasm' ? 'node_modules/web-tree-sitter/web-tree-sitter.wasm' : `node_modules/${f.replace(/\.wasm$/, '')}/${f}`))),
  );
  const options = resolveOptions({ language: 'c' });
  const doc = new DocumentParse(parser, (t) => l.prepare(t, options));
  const fn = (i: number) => `void f${i}(SOCKET s) {\n    WSASendDisconnect(s, NULL);\n    send(s, "x", 1, 0);\n}\n`;
  let text = Array.from({ length: 30 }, (_, i) => fn(i)).join('\n') + `VOID CALLBACK apc(ULONG_PTR p) { shutdown((SOCKET)p, SD_SEND); }\nvoid arm(HANDLE t) { QueueUserAPC(apc, t, 0); }\n`;
  const key = (fs: readonly { rule: string; span: { start: { line: number; column: number } }; related: readonly { span: { start: { line: number; column: number } } }[]; message: { en: string } }[]) =>
    fs.map((f) => `${f.rule}@${f.span.start.line}:${f.span.start.column}>${f.related.map((r) => `${r.span.start.line}:${r.span.start.column}`).join(',')} ${f.message.en}`);
  try {
    for (const edit of [
      (t: string) => t.replace('void f3(SOCKET s) {\n    WSASendDisconnect(s, NULL);', 'void f3(SOCKET s) {\n    shutdown(s, SD_RECEIVE);'), // one function changes
      (t: string) => 'int x;' + t, // every offset shifts, no line does
      (t: string) => '\n' + t, // every line shifts
      (t: string) => t.replace('QueueUserAPC(apc, t, 0);', 'QueueUserAPC(apc,  t, 0);'), // the registration moves
    ]) {
      const before = key(l.lintTree(doc.update(text, 'c'), text, options));
      text = edit(text);
      const cached = key(l.lintTree(doc.update(text, 'c'), text, options));
      const fresh = key(l.lintText(text, 'x.c', options));
      assert.deepEqual(cached, fresh);
      assert.ok(before.length > 0);
    }
  } finally {
    doc.dispose();
    parser.dispose();
  }
});

test('cfg: do { … } while (0) is a block, not a loop', async () => {
  const code = `int f(SOCKET s) {
    do {
        if (send(s, "x", 1, 0) < 0) break;
        shutdown(s, SD_SEND);
    } while (0);
    return 0;
}`;
  assert.deepEqual(await found(code, 'send-after-disconnect'), []);
  assert.deepEqual(await found(code, 'repeated-disconnect'), []);
});
