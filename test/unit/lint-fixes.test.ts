// Quick fixes: apply the edits to the text, check the result, and lint it again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, RuleId } from '../../core/lint/index';
import { applyEdits, lint } from './lint-support';

async function fixOnce(code: string, rule: RuleId, pick: (f: Finding) => Finding['fixes'][number] | undefined, file = 'fix.cpp'): Promise<string> {
  const finding = (await lint(code, file)).find((f) => f.rule === rule);
  assert.ok(finding, `expected a ${rule} finding`);
  const fix = pick(finding);
  assert.ok(fix, `expected a fix for ${rule}`);
  return applyEdits(code, fix.edits);
}

const preferred = (f: Finding) => f.fixes.find((x) => x.preferred);

test('fix missing-closesocket: closesocket inserted before the leaking return, indented like it', async () => {
  const code = `int f(void) {
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    shutdown(s, SD_SEND);
    if (recv(s, buf, sizeof buf, 0) == SOCKET_ERROR) {
        return -1;
    }
    closesocket(s);
    return 0;
}`;
  const fixed = await fixOnce(code, 'missing-closesocket', preferred, 'fix.c');
  assert.match(fixed, /\n {8}closesocket\(s\);\n {8}return -1;/);
  assert.deepEqual((await lint(fixed, 'fix.c')).filter((f) => f.rule === 'missing-closesocket'), []);
});

test('fix missing-closesocket: at the end of the function body; before an overwrite', async () => {
  const code = `void f(SOCKET l) {\n\tSOCKET c = accept(l, NULL, NULL);\n\tWSASendDisconnect(c, NULL);\n}\n`;
  const fixed = await fixOnce(code, 'missing-closesocket', preferred);
  assert.equal(fixed, `void f(SOCKET l) {\n\tSOCKET c = accept(l, NULL, NULL);\n\tWSASendDisconnect(c, NULL);\n\tclosesocket(c);\n}\n`);
  assert.deepEqual((await lint(fixed)).filter((f) => f.rule === 'missing-closesocket'), []);

  const member = `void Conn::close() {\r\n  shutdown(m_sock, SD_BOTH);\r\n  m_sock = INVALID_SOCKET;\r\n}\r\n`;
  const fixed2 = await fixOnce(member, 'missing-closesocket', preferred);
  assert.equal(fixed2, `void Conn::close() {\r\n  shutdown(m_sock, SD_BOTH);\r\n  closesocket(m_sock);\r\n  m_sock = INVALID_SOCKET;\r\n}\r\n`);
  assert.deepEqual((await lint(fixed2)).filter((f) => f.rule === 'missing-closesocket'), []);
});

test('fix disconnect-data-on-tcp: the buffer becomes NULL (preferred) or the call becomes shutdown(SD_SEND)', async () => {
  const code = `void f() {\n  SOCKET s = socket(AF_INET, SOCK_STREAM, 0);\n  WSABUF bye;\n  WSASendDisconnect(s, &bye);\n  closesocket(s);\n}`;
  const fixed = await fixOnce(code, 'disconnect-data-on-tcp', preferred);
  assert.match(fixed, /WSASendDisconnect\(s, NULL\);/);
  assert.deepEqual((await lint(fixed)).filter((f) => f.rule === 'disconnect-data-on-tcp'), []);
  const alt = await fixOnce(code, 'disconnect-data-on-tcp', (f) => f.fixes.find((x) => !x.preferred && x.title.en.startsWith('Replace with shutdown')));
  assert.match(alt, /\n  shutdown\(s, SD_SEND\);\n/);
  assert.deepEqual((await lint(alt)).filter((f) => f.rule === 'disconnect-data-on-tcp'), []);
});

test('fix unchecked-result: wrapped in a SOCKET_ERROR check; DisconnectEx in a FALSE / WSA_IO_PENDING check', async () => {
  const code = `void f(SOCKET s) {\n    WSASendDisconnect(s, NULL);\n    closesocket(s);\n}`;
  const fixed = await fixOnce(code, 'unchecked-result', preferred);
  assert.equal(fixed, `void f(SOCKET s) {\n    if (WSASendDisconnect(s, NULL) == SOCKET_ERROR) {\n        int err = WSAGetLastError();\n        /* handle err */\n    }\n    closesocket(s);\n}`);
  const after = await lint(fixed);
  assert.deepEqual(after.filter((f) => f.rule === 'unchecked-result' || f.rule === 'wrong-sentinel'), []);

  const dx = `void f(SOCKET s) {\n  lpfnDisconnectEx(s, &ov, TF_REUSE_SOCKET, 0);\n}`;
  const fixedDx = await fixOnce(dx, 'unchecked-result', preferred);
  assert.match(fixedDx, /if \(!lpfnDisconnectEx\(s, &ov, TF_REUSE_SOCKET, 0\) && WSAGetLastError\(\) != WSA_IO_PENDING\) \{/);
  assert.deepEqual((await lint(fixedDx)).filter((f) => f.rule === 'unchecked-result' || f.rule === 'wrong-sentinel'), []);
});

test('fix wrong-sentinel: each wrong comparison becomes the right one', async () => {
  const cases: [string, RegExp][] = [
    [`void f(SOCKET s) { if (!WSASendDisconnect(s, NULL)) { report_error(WSAGetLastError()); } }`, /if \(WSASendDisconnect\(s, NULL\) == SOCKET_ERROR\)/],
    [`void f(SOCKET s) { if (shutdown(s, SD_SEND) == FALSE) return; }`, /if \(shutdown\(s, SD_SEND\) == SOCKET_ERROR\)/],
    [`void f(SOCKET s) { if (DisconnectEx(s, NULL, 0, 0) == SOCKET_ERROR) return; }`, /if \(DisconnectEx\(s, NULL, 0, 0\) == FALSE\)/],
  ];
  for (const [code, want] of cases) {
    const fixed = await fixOnce(code, 'wrong-sentinel', preferred);
    assert.match(fixed, want);
    assert.deepEqual((await lint(fixed)).filter((f) => f.rule === 'wrong-sentinel'), [], fixed);
  }
});

test('fix: WSASendDisconnect(s, NULL) ⇄ shutdown(s, SD_SEND) offered as non-preferred alternatives', async () => {
  const a = `void f(SOCKET s) {\n  WSASendDisconnect(s, NULL);\n  send(s, "x", 1, 0);\n}`;
  const f1 = (await lint(a)).find((f) => f.rule === 'send-after-disconnect')!;
  const swap = f1.fixes.find((x) => x.title.en === 'Replace with shutdown(s, SD_SEND)');
  assert.ok(swap && !swap.preferred);
  assert.match(applyEdits(a, swap.edits), /\n  shutdown\(s, SD_SEND\);\n/);

  const b = `void f(SOCKET s) {\n  shutdown(s, SD_SEND);\n  closesocket(s);\n}`;
  const f2 = (await lint(b)).find((f) => f.rule === 'unchecked-result')!;
  const back = f2.fixes.find((x) => x.title.en === 'Replace with WSASendDisconnect(s, NULL)');
  assert.ok(back && !back.preferred);
  assert.match(applyEdits(b, back.edits), /\n  WSASendDisconnect\(s, NULL\);\n/);
});

test('fix: every finding can be disabled for its line, and the comment silences it', async () => {
  const code = `void f(SOCKET s) {\n    if (x) {\n        closesocket(s);\n        closesocket(s);\n    }\n}`;
  const f = (await lint(code)).find((x) => x.rule === 'use-after-closesocket')!;
  const disable = f.fixes.find((x) => x.title.en === 'Disable use-after-closesocket for this line')!;
  assert.equal(disable.preferred, false);
  const fixed = applyEdits(code, disable.edits);
  assert.match(fixed, /\n {8}\/\/ winsock-lens-disable-next-line use-after-closesocket\n {8}closesocket\(s\);\n    \}/);
  assert.deepEqual((await lint(fixed)).filter((x) => x.rule === 'use-after-closesocket'), []);
});
