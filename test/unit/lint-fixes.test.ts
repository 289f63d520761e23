// Quick fixes: apply the edits to the text, check the result, and lint it again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveOptions, type Finding, type LintOptions, type RuleId } from '../../core/lint/index';
import { chooseGrammar } from '../../core/parse/parser';
import { applyEdits, lint, linter } from './lint-support';

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

test('no fix that keeps the finding: send after a disconnect offers only "disable for this line" (no swap of the disconnect call)', async () => {
  const a = `void f(SOCKET s) {\n  WSASendDisconnect(s, NULL);\n  send(s, "x", 1, 0);\n}`;
  const f1 = (await lint(a)).find((f) => f.rule === 'send-after-disconnect')!;
  assert.deepEqual(f1.fixes.map((x) => x.title.en), ['Disable send-after-disconnect for this line']);
  // The C++ spelling of the issue: the swap used to rewrite ::WSASendDisconnect and the error stayed.
  const b = `struct C { SOCKET sock_; void bye() { ::WSASendDisconnect(sock_, NULL); ::send(sock_, "x", 1, 0); } };`;
  const f2 = (await lint(b)).find((f) => f.rule === 'send-after-disconnect')!;
  assert.deepEqual(f2.fixes.map((x) => x.title.en), ['Disable send-after-disconnect for this line']);
  // An ignored result gets the check, not a swap that leaves the new call unchecked.
  const c = `void f(SOCKET s) {\n  shutdown(s, SD_SEND);\n  closesocket(s);\n}`;
  const f3 = (await lint(c)).find((f) => f.rule === 'unchecked-result')!;
  assert.deepEqual(f3.fixes.map((x) => x.title.en), ['Check the result and read WSAGetLastError()', 'Disable unchecked-result for this line']);
});

test('no closesocket at the end of a function when another path closes the socket already (it would close twice)', async () => {
  const code = `void f(SOCKET l, int k) {\n    SOCKET c = accept(l, NULL, NULL);\n    if (k) {\n        closesocket(c);\n    } else {\n        WSASendDisconnect(c, NULL);\n    }\n}\n`;
  const leak = (await lint(code, 'f.c')).find((f) => f.rule === 'missing-closesocket');
  assert.ok(leak, 'the leak on the else path is found');
  assert.ok(!leak.fixes.some((x) => x.title.en.startsWith('Insert closesocket')), leak.fixes.map((x) => x.title.en).join(', '));
});

test('fix: every finding can be disabled for its line, with a comment at the end of that line that silences it', async () => {
  const code = `void f(SOCKET s) {\n    if (x) {\n        closesocket(s);\n        closesocket(s);\n    }\n}`;
  const f = (await lint(code)).find((x) => x.rule === 'use-after-closesocket')!;
  const disable = f.fixes.find((x) => x.title.en === 'Disable use-after-closesocket for this line')!;
  assert.equal(disable.preferred, false);
  const fixed = applyEdits(code, disable.edits);
  assert.match(fixed, /\n {8}closesocket\(s\);\n {8}closesocket\(s\); \/\/ winsock-lens-disable-line use-after-closesocket\n    \}/);
  assert.deepEqual((await lint(fixed)).filter((x) => x.rule === 'use-after-closesocket'), []);
  // A macro line continues with a backslash: the comment goes on its own line above instead.
  const macro = `#define BYE(s) do { \\\n    closesocket(s); closesocket(s); \\\n} while (0)\nvoid g(SOCKET s) {\n    closesocket(s);\n    closesocket(s); \\\n}\n`;
  const m = (await lint(macro)).find((x) => x.rule === 'use-after-closesocket');
  if (m) {
    const fix = m.fixes.find((x) => x.title.en.startsWith('Disable'))!;
    assert.ok(fix.edits[0]!.text.includes('winsock-lens-disable-next-line'), fix.edits[0]!.text);
  }
});

// ---- Every offered fix, on every fixture and example that has one ---------------------------

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = /\.(c|cc|cpp|cxx|h|hh|hpp|hxx)$/i;

function sources(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = path.join(dir, name);
      return statSync(p).isDirectory() ? sources(p) : SOURCE.test(name) ? [p] : [];
    });
}

/** The options a fixture asks for in its first lines (`// fixture-options: {...}`), as lint-corpus reads them. */
function fixtureOptions(file: string, text: string): Partial<LintOptions> {
  const m = /\/\/\s*fixture-options:\s*(\{.*\})\s*$/m.exec(text.split(/\r?\n/).slice(0, 5).join('\n'));
  const o = (m ? JSON.parse(m[1]!) : {}) as { defines?: Record<string, string>; closeFunctions?: string[]; rules?: LintOptions['rules'] };
  return {
    language: chooseGrammar(file, text, /\.c$/i.test(file) ? 'c' : 'cpp'),
    ...(o.defines ? { defines: o.defines } : {}),
    ...(o.closeFunctions ? { closeFunctions: o.closeFunctions } : {}),
    ...(o.rules ? { rules: o.rules } : {}),
  };
}

/** A finding as the source text it points at: edits elsewhere move lines, not this. */
function signature(text: string, f: Finding): string {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const at = (p: { line: number; column: number }) => starts[p.line]! + p.column;
  return `${f.rule} @ ${JSON.stringify(text.slice(at(f.span.start), at(f.span.end)))}`;
}

function multiset(keys: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

test('every offered fix on every fixture and example removes its finding and creates no other', async () => {
  const l = await linter();
  const files = [...sources(path.join(ROOT, 'test/fixtures/lint')), ...sources(path.join(ROOT, 'examples'))];
  const problems: string[] = [];
  let applied = 0;
  const perRule = new Map<string, number>();
  for (const file of files) {
    const rel = path.relative(ROOT, file);
    const text = readFileSync(file, 'utf8');
    const options = resolveOptions(fixtureOptions(rel, text));
    const before = l.lintText(text, file, options);
    const beforeKeys = before.map((f) => signature(text, f));
    for (const [i, finding] of before.entries()) {
      for (const fix of finding.fixes) {
        applied += 1;
        perRule.set(finding.rule, (perRule.get(finding.rule) ?? 0) + 1);
        const fixed = applyEdits(text, fix.edits);
        const after = l.lintText(fixed, file, options);
        const expected = multiset(beforeKeys.filter((_, j) => j !== i));
        const got = multiset(after.map((f) => signature(fixed, f)));
        const where = `${rel}:${finding.span.start.line + 1} ${finding.rule}, fix "${fix.title.en}"`;
        if ((got.get(beforeKeys[i]!) ?? 0) >= (multiset(beforeKeys).get(beforeKeys[i]!) ?? 0)) problems.push(`${where}: the finding stays`);
        for (const [k, n] of got) if (n > (expected.get(k) ?? 0) && k !== beforeKeys[i]) problems.push(`${where}: new finding ${k}`);
      }
    }
  }
  console.log(`applied ${applied} fixes in ${files.length} files: ${[...perRule].map(([r, n]) => `${r} ${n}`).join(', ')}`);
  assert.ok(applied > 0, 'no fix was offered anywhere');
  assert.deepEqual(problems, []);
});
