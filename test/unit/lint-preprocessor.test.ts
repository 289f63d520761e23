import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankComments, evaluate, preprocess } from '../../core/parse/preprocessor';
import { DEFAULT_DEFINES } from '../../core/lint/types';

function lines(text: string): string[] {
  return preprocess(text, DEFAULT_DEFINES).text.split('\n').map((l) => l.trim());
}

test('preprocessor: #ifdef _WIN32 keeps the Windows branch and blanks the other, offsets kept', () => {
  const src = '#ifdef _WIN32\nwin();\n#else\nposix();\n#endif\nafter();\n';
  const out = preprocess(src, DEFAULT_DEFINES);
  assert.equal(out.text.length, src.length);
  assert.deepEqual(out.text.split('\n').map((l) => l.trim()), ['', 'win();', '', '', '', 'after();', '']);
  assert.deepEqual(out.inactive, [{ startLine: 3, endLine: 3 }]);
});

test('preprocessor: #if 0 is always inactive, even with everything defined', () => {
  assert.deepEqual(lines('#if 0\na();\n#else\nb();\n#endif'), ['', '', '', 'b();', '']);
});

test('preprocessor: #ifndef, #elif chains, defined(), arithmetic and comparisons', () => {
  assert.deepEqual(lines('#ifndef _WIN32\na();\n#elif _MSC_VER >= 1900 && defined(WIN32)\nb();\n#else\nc();\n#endif'), ['', '', '', 'b();', '', '', '']);
  assert.deepEqual(lines('#if defined(__linux__) || defined(__APPLE__)\na();\n#elif (1 << 4) == 16 && !defined(FOO)\nb();\n#endif'), ['', '', '', 'b();', '']);
});

test('preprocessor: nested groups inside an inactive branch stay inactive', () => {
  assert.deepEqual(lines('#ifdef __linux__\n#if 1\na();\n#else\nb();\n#endif\n#else\nc();\n#endif'), ['', '', '', '', '', '', '', 'c();', '']);
});

test('preprocessor: an undecidable condition takes its branch and drops the later ones (policy)', () => {
  // _WIN32_WINNT is not among the defines: the first true-or-unknown branch wins.
  assert.deepEqual(lines('#if _WIN32_WINNT >= 0x0600\na();\n#else\nb();\n#endif'), ['', 'a();', '', '', '']);
  // A function-like macro in the condition is undecidable too.
  assert.deepEqual(lines('#if 0\nz();\n#elif HAS_FEATURE(x)\na();\n#else\nb();\n#endif'), ['', '', '', 'a();', '', '', '']);
  // But a decidable && short-circuits an unknown side.
  assert.deepEqual(lines('#if defined(__linux__) && UNKNOWN_THING > 3\na();\n#else\nb();\n#endif'), ['', '', '', 'b();', '']);
});

test('preprocessor: #define and #undef in active code update the defines; function-like macros are collected', () => {
  const out = preprocess('#define USE_DISCONNECT 1\n#define CLOSE(s) closesocket(s)\n#if USE_DISCONNECT\na();\n#endif\n#undef USE_DISCONNECT\n#ifdef USE_DISCONNECT\nb();\n#endif', DEFAULT_DEFINES);
  assert.deepEqual(out.text.split('\n').map((l) => l.trim()), ['#define USE_DISCONNECT 1', '#define CLOSE(s) closesocket(s)', '', 'a();', '', '#undef USE_DISCONNECT', '', '', '']);
  assert.ok(out.functionMacros.has('CLOSE'));
});

test('preprocessor: line continuations and comments in directives; CRLF line ends kept', () => {
  const src = '#if defined(_WIN32) && \\\r\n    !defined(__MINGW32__) /* msvc */\r\nw();\r\n#endif // done\r\n';
  const out = preprocess(src, DEFAULT_DEFINES);
  assert.equal(out.text.length, src.length);
  assert.equal(out.text.split('\r\n')[2], 'w();');
  assert.equal((out.text.match(/\r\n/g) ?? []).length, 4);
});

test('preprocessor: a # inside a block comment is not a directive', () => {
  // The comment itself is blanked (the parser never sees comments); what follows it stays active.
  assert.deepEqual(lines('/*\n#if 0\n*/\na();'), ['', '', '', 'a();']);
});

test('preprocessor: expression evaluation', () => {
  const m = new Map(Object.entries({ A: '2', B: '(A * 3)', E: '' }));
  assert.equal(evaluate('A + B == 8', m), 1);
  assert.equal(evaluate('0x10 % 3 ? 7 : 9', m), 7);
  assert.equal(evaluate('1 / 0', m), null);
  assert.equal(evaluate('UNKNOWN', m), null);
  assert.equal(evaluate('defined E && !defined(F)', m), 1);
  assert.equal(evaluate('-1 < 0 && ~0 == -1', m), 1);
  assert.equal(evaluate('(1', m), null);
});

const blanked = (code: string, expected: string): void => {
  const out = blankComments(code);
  assert.equal(out.length, code.length, 'offsets kept');
  assert.equal(out, expected);
};

test('comments: block and line comments become spaces, line breaks stay', () => {
  blanked('a /* b\r\nc */ d // e\nf', 'a     \r\n     d     \nf');
  blanked('x; /* never closed\ny;', 'x;                \n  ');
});

test('comments: a backslash at the end of a // comment continues it on the next line, as in C', () => {
  blanked('// a \\\nb\nc', '      \n \nc');
  blanked('// a \\\r\nb\r\nc', '      \r\n \r\nc');
});

test('comments: strings, character literals and raw strings hide comment openers', () => {
  for (const code of ['s = "http://x/*";', "c = '/'; d = '\"'; e = \"/*\";", 's = "a\\"//b";', 'auto r = R"(// not a comment)";', 'auto r = u8R"x(/* )" still */)x";']) blanked(code, code);
  blanked('s = "x"; // y', 's = "x";     ');
  blanked('auto r = R"(a)"; /* c */', 'auto r = R"(a)";        ');
  // A name ending in R before a string is no raw string.
  blanked('FOOR"x" // y', 'FOOR"x"     ');
});

test('comments: preprocess blanks them before the parse (the parser never sees one)', () => {
  const { text } = preprocess('int a; // note\n/* block */ int b;\n', {});
  assert.equal(text, 'int a;        \n            int b;\n');
});

test('bracketing macros: a bare upper-case name between declarations is blanked (a namespace or class opener)', () => {
  assert.deepEqual(lines('namespace a {\nPROJ_INLINE_NS_BEGIN\nnamespace b {\n}\nPROJ_INLINE_NS_END\n}'), ['namespace a {', '', 'namespace b {', '}', '', '}']);
  assert.deepEqual(lines('class C {\n  Q_OBJECT\npublic:\n  int x;\n};'), ['class C {', '', 'public:', 'int x;', '};']);
  // At the start of the text and after a directive, before a directive or at the end.
  assert.deepEqual(lines('BEGIN_DECLS\n#include "x.h"\nEND_DECLS'), ['', '#include "x.h"', '']);
});

test('bracketing macros: a name that can be a type, a value or a macro body is kept', () => {
  // A return type on its own line is followed by the function's name.
  assert.deepEqual(lines('int x;\nSOCKET\nmake_socket(void);'), ['int x;', 'SOCKET', 'make_socket(void);']);
  // After an operator or a comma (a value); the last line of a continued #define.
  assert.deepEqual(lines('int a = 1 +\n  LIMIT\n;'), ['int a = 1 +', 'LIMIT', ';']);
  assert.deepEqual(lines('enum { A,\n  B\n};'), ['enum { A,', 'B', '};']);
  assert.deepEqual(lines('#define OPEN \\\n  BEGIN_NS\nnamespace x {}'), ['#define OPEN \\', 'BEGIN_NS', 'namespace x {}']);
  // Mixed case is a name of the program, not a macro by convention.
  assert.deepEqual(lines('int x;\nMyType\nnamespace y {}'), ['int x;', 'MyType', 'namespace y {}']);
});
