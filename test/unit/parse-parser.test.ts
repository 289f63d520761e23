import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CParser, DocumentParse, ParserFailure, chooseGrammar, diffTexts, looksLikeCpp, pointAt } from '../../core/parse/parser';
import { nodeWasmLoader, testParser } from './parse-helpers';

// Runs first: the web-tree-sitter runtime is process-wide, so its failure can only be seen before
// any successful start in this process (node:test runs each file in its own process).
test('a loader that cannot give the runtime wasm gives a clear error, and a later good loader still works', async () => {
  await assert.rejects(
    CParser.create(async () => {
      throw new Error('ENOENT: dist/web-tree-sitter.wasm');
    }),
    /could not start the C\/C\+\+ parser \(web-tree-sitter\.wasm\): ENOENT/,
  );
  const parser = await CParser.create(nodeWasmLoader);
  const tree = parser.parse('int x;', 'c');
  assert.equal(tree.rootNode.type, 'translation_unit');
  tree.delete();
  parser.dispose();
});

test('a missing grammar file is named in the error', async () => {
  await assert.rejects(
    CParser.create(async (file) => {
      if (file === 'tree-sitter-cpp.wasm') throw new Error('not found');
      return nodeWasmLoader(file);
    }),
    /could not load the grammar tree-sitter-cpp\.wasm: not found/,
  );
});

test('the grammar follows the file extension, and .h files follow their content', () => {
  assert.equal(chooseGrammar('/src/net.c', 'class X {};'), 'c');
  for (const f of ['a.cpp', 'a.cc', 'a.cxx', 'a.hpp', 'a.hh', 'a.hxx', 'C:\\proj\\A.CPP']) assert.equal(chooseGrammar(f, 'int x;'), 'cpp', f);
  assert.equal(chooseGrammar('net.h', 'int WSAAPI f(SOCKET s);'), 'c');
  assert.equal(chooseGrammar('net.h', 'namespace net { int f(); }'), 'cpp');
  assert.equal(chooseGrammar('Untitled-1', 'int x;', 'cpp'), 'cpp');
  assert.equal(chooseGrammar('Untitled-1', 'int x;', 'c'), 'c');
  assert.equal(chooseGrammar('Untitled-1', 'class Conn { public: int s; };'), 'cpp');
});

test('C++ is recognised by its constructs, not by words in comments or strings', () => {
  const cHeader = `#ifdef __cplusplus\nextern "C" {\n#endif\n/* see std::thread and class Foo { */\nint f(const char *p); // a::b\nconst char *u = "x::y";\n#ifdef __cplusplus\n}\n#endif\n`;
  assert.equal(looksLikeCpp(cHeader), false);
  assert.equal(looksLikeCpp('class Connection {\n int s;\n};'), true);
  assert.equal(looksLikeCpp('struct S {\npublic:\n int x;\n};'), true);
  assert.equal(looksLikeCpp('template <typename T> T id(T x);'), true);
  assert.equal(looksLikeCpp('int r = ::WSASendDisconnect(s, NULL);'), true);
  assert.equal(looksLikeCpp('#include <vector>\n'), true);
  assert.equal(looksLikeCpp('#include <winsock2.h>\nint main(void) { return 0; }'), false);
});

test('C++ parses ::WSASendDisconnect as a qualified identifier; C has no such node', async () => {
  const parser = await testParser();
  const cpp = parser.parse('void f(SOCKET s) { ::WSASendDisconnect(s, NULL); }', 'cpp');
  assert.match(cpp.rootNode.toString(), /\(qualified_identifier name: \(identifier\)\)/);
  cpp.delete();
  const c = parser.parse('void f(SOCKET s) { WSASendDisconnect(s, NULL); }', 'c');
  assert.doesNotMatch(c.rootNode.toString(), /qualified_identifier/);
  assert.match(c.rootNode.toString(), /call_expression function: \(identifier\)/);
  c.delete();
});

test('node offsets are UTF-16 indices, as in JS strings and VS Code', async () => {
  const parser = await testParser();
  const text = '// Отключение 🔌 сокета\nint r = WSASendDisconnect(s, 0);\n';
  const tree = parser.parse(text, 'c');
  const at = text.indexOf('WSASendDisconnect');
  const node = tree.rootNode.descendantForIndex(at + 3);
  assert.ok(node);
  assert.equal(node.type, 'identifier');
  assert.equal(node.startIndex, at);
  assert.equal(node.text, 'WSASendDisconnect');
  assert.deepEqual(node.startPosition, pointAt(text, at));
  tree.delete();
});

test('diffTexts finds the one changed span, and never splits a surrogate pair', () => {
  assert.equal(diffTexts('abc', 'abc'), undefined);
  assert.deepEqual(diffTexts('int x;', 'int xy;'), { start: 5, oldEnd: 5, newEnd: 6 });
  assert.deepEqual(diffTexts('aXa', 'aa'), { start: 1, oldEnd: 2, newEnd: 1 });
  const long = 'x'.repeat(1000);
  assert.deepEqual(diffTexts(long + 'A' + long, long + 'BB' + long), { start: 1000, oldEnd: 1001, newEnd: 1002 });
  // '🔌' is \uD83D\uDD0C and '🔋' is \uD83D\uDD0B: they share the high surrogate.
  const d = diffTexts('a🔌b', 'a🔋b');
  assert.deepEqual(d, { start: 1, oldEnd: 3, newEnd: 3 });
});

test('an incremental re-parse after edits gives the same tree as a fresh parse', async () => {
  const parser = await testParser();
  const doc = new DocumentParse(parser);
  const versions = [
    'int main(void) {\n  // Отключение\n  WSASendDisconnect(s, NULL);\n}\n',
    'int main(void) {\n  // Отключение\n  if (WSASendDisconnect(s, NULL) == SOCKET_ERROR) return 1;\n}\n',
    'int main(void) {\n  WSASendDisconnect(s, NULL);\n}\n/* 🔌 */ int send(SOCKET s) { return 0; }\n',
    'int main(void) {\n  WSASendDisconnect(s, NULL);\n}\n/* 🔋 */ int send(SOCKET s) { return 0; }\n',
  ];
  let first: unknown;
  for (const text of versions) {
    const tree = doc.update(text, 'c');
    first ??= tree;
    const fresh = parser.parse(text, 'c');
    assert.equal(tree.rootNode.toString(), fresh.rootNode.toString());
    assert.equal(tree.rootNode.endIndex, text.length);
    const idx = text.lastIndexOf('WSASendDisconnect');
    assert.equal(tree.rootNode.descendantForIndex(idx)?.startIndex, fresh.rootNode.descendantForIndex(idx)?.startIndex);
    assert.deepEqual(tree.rootNode.descendantForIndex(idx)?.startPosition, fresh.rootNode.descendantForIndex(idx)?.startPosition);
    assert.equal(tree.rootNode.descendantForIndex(idx)?.startIndex, idx);
    fresh.delete();
  }
  // Same text again: the same tree object is kept, no re-parse.
  assert.equal(doc.update(versions[3]!, 'c'), doc.update(versions[3]!, 'c'));
  doc.dispose();
});

test('a text transform is applied before parsing and must keep the length', async () => {
  const parser = await testParser();
  const blankIfZero = (t: string) => t.replace(/#if 0[\s\S]*?#endif/g, (m) => m.replace(/[^\n]/g, ' '));
  const doc = new DocumentParse(parser, blankIfZero);
  const v1 = 'int a;\n#if 0\nint f( {\n#endif\nint b;\n';
  const t1 = doc.update(v1, 'c');
  assert.equal(t1.rootNode.hasError, false);
  assert.equal(doc.text.length, v1.length);
  // Removing "#if 0" un-blanks text far from the edit: the tree must still match a fresh parse.
  const v2 = v1.replace('#if 0', '#if 1');
  const t2 = doc.update(v2, 'c');
  const fresh = parser.parse(v2, 'c');
  assert.equal(t2.rootNode.toString(), fresh.rootNode.toString());
  fresh.delete();
  doc.dispose();
  const bad = new DocumentParse(parser, (t) => t + ' ');
  assert.throws(() => bad.update('int a;', 'c'), /changed the length \(6 → 7\)/);
  bad.dispose();
});

test('switching grammar re-parses from scratch', async () => {
  const parser = await testParser();
  const doc = new DocumentParse(parser);
  const text = 'void f() { ::WSASendDisconnect(s, 0); }';
  assert.doesNotMatch(doc.update(text, 'c').rootNode.toString(), /qualified_identifier/);
  assert.match(doc.update(text, 'cpp').rootNode.toString(), /qualified_identifier/);
  doc.dispose();
});

// What overflows tree-sitter's wasm stack: thousands of comments after a statement the grammar
// reads two ways (`report(why);` is a call, or a declaration of `why` of type `report`). The raw
// parser keeps comments (the lint and the hover blank them first: core/parse/preprocessor.ts).
const overflowing = `void f(void)\n{\n    report(why);\n${'    // old code\n'.repeat(4000)}    exit(3);\n}\n`;

test('a stack overflow in the wasm parser retires that copy of web-tree-sitter: a fresh copy parses again, trap after trap', async () => {
  const parser = await CParser.create(nodeWasmLoader);
  for (let round = 1; round <= 3; round++) {
    assert.throws(() => parser.parse(overflowing, 'c'), (err: Error) => err instanceof ParserFailure && /WebAssembly/.test(err.message), `round ${round}`);
    assert.equal(parser.healthy, false);
    await parser.ready();
    // The old copy's instance could not load a grammar or parse after the overflow; the new one can.
    const tree = parser.parse('int main(void) { return 0; }', 'c');
    assert.equal(tree.rootNode.hasError, false, `round ${round}`);
    parser.release(tree);
    const cpp = parser.parse('namespace n { int x; }', 'cpp');
    assert.equal(cpp.rootNode.type, 'translation_unit');
    parser.release(cpp);
  }
  parser.dispose();
});
