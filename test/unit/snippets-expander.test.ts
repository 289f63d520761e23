// The snippet expander the compile test relies on: direct cases for each piece of the syntax.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choicesOf, expandSnippet, parseSnippet } from './snippets-expander';

test('expander: a placeholder becomes its default and plain tab stops become empty', () => {
  assert.equal(expandSnippet('closesocket(${1:s});$0'), 'closesocket(s);');
  assert.equal(expandSnippet('a$2b${3}c'), 'abc');
});

test('expander: a mirror repeats the default of its placeholder, wherever the default is', () => {
  assert.equal(expandSnippet('shutdown($1, SD_SEND); closesocket(${1:sock}); $1 = INVALID_SOCKET;'),
    'shutdown(sock, SD_SEND); closesocket(sock); sock = INVALID_SOCKET;');
});

test('expander: nested placeholders expand inside their parent and are mirrored', () => {
  assert.equal(expandSnippet('${1:WSASendDisconnect(${2:s}, NULL)}; closesocket($2);'),
    'WSASendDisconnect(s, NULL); closesocket(s);');
});

test('expander: a choice becomes its first option, with \\, and \\| unescaped', () => {
  assert.equal(expandSnippet('${1|shutdown(s\\, SD_SEND),WSASendDisconnect(s\\, NULL)|};'), 'shutdown(s, SD_SEND);');
  assert.equal(expandSnippet('${1|a\\|b,c|} $1'), 'a|b a|b');
});

test('expander: escapes \\$ \\} \\\\ give the literal characters, other backslashes stay', () => {
  assert.equal(expandSnippet('cost \\$5 ${1:a\\}b} \\\\ "\\n"'), 'cost $5 a}b \\ "\\n"');
});

test('expander: a $ that starts no construct is literal text', () => {
  assert.equal(expandSnippet('$ ${ ${1 x'), '$ ${ ${1 x');
  assert.equal(expandSnippet('${1:unclosed'), '${1:unclosed');
});

test('expander: known variables resolve, empty ones fall back to their default, unknown ones show their name', () => {
  assert.equal(expandSnippet('/* $TM_FILENAME */'), '/* client.c */');
  assert.equal(expandSnippet('${TM_SELECTED_TEXT:s}'), 's');
  assert.equal(expandSnippet('$NOT_A_VARIABLE'), 'NOT_A_VARIABLE');
  assert.equal(expandSnippet('${TM_FILENAME_BASE}', { variables: { TM_FILENAME_BASE: 'server' } }), 'server');
});

test('expander: transforms apply the regex and the format (case operations, conditionals)', () => {
  assert.equal(expandSnippet('${TM_FILENAME/(.*)\\.c$/${1:/upcase}_H/}'), 'CLIENT_H');
  // ${1:-else} gives the capture itself when it matched (as VS Code does), the else text when not.
  assert.equal(expandSnippet('${1:send_all} ${1/(send)?_(.*)/${1:+S}${1:-R}-${2:/capitalize}/}'), 'send_all Ssend-All');
  assert.equal(expandSnippet('${1:recv_all} ${1/(send)?_(.*)/${1:+S}${1:-R}-${2:/capitalize}/}'), 'recv_all recvR-All');
  assert.equal(expandSnippet('${1:x} ${1/(y)?/${1:?Y:N}/}'), 'x Nx');
});

test('expander: the parse keeps tab stop indices and kinds', () => {
  const nodes = parseSnippet('a ${2|x,y|} $TM_LINE_NUMBER ${3:b}');
  assert.deepEqual(nodes.map((n) => n.kind), ['text', 'choice', 'text', 'variable', 'text', 'tabstop']);
});

test('expander: another choice option can be picked, and choicesOf lists the choices', () => {
  const body = 'if (${1|shutdown(s\\, SD_SEND),WSASendDisconnect(s\\, NULL)|} != 0) {} /* $1 */';
  assert.deepEqual(choicesOf(body), [{ index: 1, options: ['shutdown(s, SD_SEND)', 'WSASendDisconnect(s, NULL)'] }]);
  assert.equal(expandSnippet(body, { pick: (_i, o) => o[1] }), 'if (WSASendDisconnect(s, NULL) != 0) {} /* WSASendDisconnect(s, NULL) */');
});
