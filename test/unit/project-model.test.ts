// The project model (core/project) in-process, over an in-memory FileAccess: command lines,
// compilation databases, config files, ignore globs, include following and its bounds, decoding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCompileFlags, splitCommandLine } from '../../core/project/commandLine';
import { parseCompileCommands } from '../../core/project/compileCommands';
import { parseConfig } from '../../core/project/config';
import { decodeSource } from '../../core/project/decode';
import type { FileAccess } from '../../core/project/fileAccess';
import { followIncludes } from '../../core/project/includes';
import { ancestors, dirnamePath, normalizePath, relativeInside, resolvePath } from '../../core/project/paths';
import { Project } from '../../core/project/project';

function memory(files: Record<string, string | Uint8Array>): FileAccess & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async read(p) {
      reads.push(p);
      const f = files[p];
      return f === undefined ? undefined : typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
  };
}

test('paths: normalised with forward slashes, drive letters kept, parents listed up to a bound', () => {
  assert.equal(normalizePath('C:\\src\\.\\a\\..\\b.c'), 'C:/src/b.c');
  // The editor's URI path and a Windows compile command name the same file the same way.
  assert.equal(normalizePath('/c:/src/b.c'), normalizePath('C:\\src\\b.c'));
  assert.equal(resolvePath('/p/build', '../include'), '/p/include');
  assert.equal(dirnamePath('/a/b.c'), '/a');
  assert.equal(dirnamePath('/a'), '/');
  assert.equal(dirnamePath('C:/a'), 'C:/');
  assert.deepEqual(ancestors('/w/p/src', '/w'), ['/w/p/src', '/w/p', '/w']);
  assert.deepEqual(ancestors('/a/b'), ['/a/b', '/a', '/']);
  assert.equal(relativeInside('/w', '/w/x/y.c'), 'x/y.c');
  assert.equal(relativeInside('/w', '/wx/y.c'), undefined);
});

test('command lines: quotes and escapes as a shell splits them; Windows paths survive', () => {
  assert.deepEqual(splitCommandLine(`cc -DMSG="hello world" -D'Q=a b' -I "my dir" C:\\src\\a.c`), ['cc', '-DMSG=hello world', '-DQ=a b', '-I', 'my dir', 'C:\\src\\a.c']);
  assert.deepEqual(splitCommandLine('cc  -DX=\\"q\\"  a.c'), ['cc', '-DX="q"', 'a.c']);
});

test('compile flags: -D/-U in order, -I and -iquote resolved; MSVC /D /U /I only for cl and clang-cl', () => {
  const gcc = readCompileFlags(['gcc', '-DA', '-DB=2', '-D', 'C=3', '-UA', '-Iinc', '-I', '/abs', '-iquote', 'q', '-UZ', '/DNOPE', 'x.c'], '/p');
  assert.deepEqual([...gcc.defines], [['B', '2'], ['C', '3']]);
  assert.deepEqual([...gcc.undefines], ['A', 'Z']);
  assert.deepEqual(gcc.includePaths, ['/p/inc', '/abs', '/p/q']);
  const cl = readCompileFlags(['C:\\VS\\bin\\cl.exe', '/nologo', '/DWIN=1', '/D', 'X', '/I', 'inc', '/Iother', '/UWIN', '-DY', 'a.c'], 'C:/p');
  assert.deepEqual([...cl.defines], [['X', '1'], ['Y', '1']]);
  assert.deepEqual([...cl.undefines], ['WIN']);
  assert.deepEqual(cl.includePaths, ['C:/p/inc', 'C:/p/other']);
  // A define named __proto__ is an ordinary entry of the Map.
  assert.equal(readCompileFlags(['cc', '-D__proto__=1'], '/').defines.get('__proto__'), '1');
});

test('compile_commands.json: entries by file, "command" or "arguments"; bad entries and bad JSON reported with a line', () => {
  const text = JSON.stringify([
    { directory: '/p', file: 'src/a.c', command: 'cc -DA=1 -c src/a.c' },
    { directory: '/p/build', file: '../src/b.c', arguments: ['cc', '-DB', '-I../inc', '../src/b.c'] },
    { file: 42 },
    { directory: '/p', file: 'src/a.c', command: 'cc -DSECOND' },
  ], null, 1);
  const { db, problems } = parseCompileCommands(text, '/p/compile_commands.json');
  assert.deepEqual([...db.entries.keys()], ['/p/src/a.c', '/p/src/b.c']);
  assert.equal(db.entries.get('/p/src/a.c')!.defines.get('A'), '1');
  assert.deepEqual(db.entries.get('/p/src/b.c')!.includePaths, ['/p/inc']);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.message.en, /1 entry has no string "directory" and "file"/);
  assert.ok(problems[0]!.line! > 1);
  const broken = parseCompileCommands('[\n  { "file": "a.c", }\n', '/p/compile_commands.json');
  assert.equal(broken.db.entries.size, 0);
  assert.equal(broken.problems[0]!.line, 2);
  assert.match(broken.problems[0]!.message.en, /not valid JSON/);
});

test('config: every key checked; a wrong value is reported with line and key and the rest applies', () => {
  const text = '{\n  // comment\n  "rules": { "send-after-disconnect": "warning", "nope": "off", "unchecked-result": 3 },\n  "defines": ["A=1", "9X"],\n  "closeFunctions": ["net_close"],\n  "ignore": ["gen/**", "*.pb.c"],\n  "colour": true\n}';
  const { config, problems } = parseConfig(text, '/p/.winsock-lens.json');
  assert.deepEqual(config.rules, { 'send-after-disconnect': 'warning' });
  assert.deepEqual([...config.defines], [['A', '1']]);
  assert.deepEqual(config.closeFunctions, ['net_close']);
  const got = problems.map((p) => `${p.line}:${p.message.en.slice(0, 40)}`);
  assert.equal(problems.length, 4, got.join('\n'));
  assert.ok(problems.some((p) => p.line === 3 && /no rule named "nope"/.test(p.message.en)));
  assert.ok(problems.some((p) => p.line === 3 && /"rules\.unchecked-result": use one of/.test(p.message.en)));
  assert.ok(problems.some((p) => p.line === 4 && /"defines": "9X" is not NAME or NAME=VALUE/.test(p.message.en)));
  assert.ok(problems.some((p) => p.line === 7 && /unknown key "colour"/.test(p.message.en)));
  assert.equal(config.isIgnored('/p/gen/x/y.c'), true);
  assert.equal(config.isIgnored('/p/src/deep/msg.pb.c'), true, 'a glob without a slash matches the file name anywhere');
  assert.equal(config.isIgnored('/p/src/a.c'), false);
  assert.equal(config.isIgnored('/other/gen/a.c'), false, 'globs are relative to the config file');
  const folder = parseConfig('{ "ignore": ["third_party"] }', '/p/.winsock-lens.json').config;
  assert.equal(folder.isIgnored('/p/third_party/zlib/a.c'), true, 'a folder name ignores what is inside');
});

test('includes: quoted headers followed on the include paths, with their #if guards; <system> headers never read', async () => {
  const fs = memory({
    '/p/inc/net.h': '#pragma once\n#include <winsock2.h>\n#include "detail/plat.h"\n#define NET_CLOSE(s) closesocket(s)\n#define NET_SHUT(s) shutdown(s, SD_BOTH)\n',
    '/p/inc/detail/plat.h': '#ifdef _WIN32\n#define PLAT_WIN 1\n#else\n#define PLAT_POSIX 1\n#endif\n#undef GONE\n',
  });
  const r = await followIncludes('#include "net.h"\n#include <stdio.h>\n', '/p/src/a.c', ['/p/inc'], new Map([['_WIN32', '1'], ['GONE', '1']]), ['closesocket'], fs);
  assert.equal(r.defines.get('PLAT_WIN'), '1');
  assert.equal(r.defines.has('PLAT_POSIX'), false);
  assert.equal(r.defines.has('GONE'), false);
  assert.deepEqual(r.closeMacros, ['NET_CLOSE']);
  assert.deepEqual(r.headers, ['/p/inc/net.h', '/p/inc/detail/plat.h']);
  assert.ok(!fs.reads.some((p) => /winsock2|stdio/.test(p)), fs.reads.join());
});

test('includes: cycles end, and depth, file and byte bounds stop the walk with a reason', async () => {
  const files: Record<string, string> = { '/p/a.h': '#include "b.h"\n#define A 1\n', '/p/b.h': '#include "a.h"\n#define B 1\n' };
  for (let i = 0; i < 20; i++) files[`/p/d${i}.h`] = `#include "d${i + 1}.h"\n#define D${i} 1\n`;
  const fs = memory(files);
  const cyc = await followIncludes('#include "a.h"\n', '/p/x.c', [], new Map(), [], fs);
  assert.equal(cyc.defines.get('A'), '1');
  assert.equal(cyc.defines.get('B'), '1');
  const deep = await followIncludes('#include "d0.h"\n', '/p/x.c', [], new Map(), [], fs, { maxDepth: 5, maxFiles: 64, maxBytes: 1 << 20 });
  assert.equal(deep.headers.length, 5);
  assert.match(deep.truncated ?? '', /depth over 5/);
  const few = await followIncludes('#include "d0.h"\n', '/p/x.c', [], new Map(), [], fs, { maxDepth: 50, maxFiles: 3, maxBytes: 1 << 20 });
  assert.equal(few.headers.length, 3);
  const small = await followIncludes('#include "d0.h"\n', '/p/x.c', [], new Map(), [], fs, { maxDepth: 50, maxFiles: 64, maxBytes: 60 });
  assert.ok(small.headers.length < 3);
  assert.match(small.truncated ?? '', /bytes/);
});

test('project: layers in order (base, compile command, config, headers, overrides); ignored files; nearest config', async () => {
  const fs = memory({
    '/w/p/build/compile_commands.json': JSON.stringify([{ directory: '/w/p', file: 'src/a.c', command: 'cc -UBASE -DCMD=1 -Iinc src/a.c' }]),
    '/w/p/.winsock-lens.json': '{ "defines": ["CFG=1"], "rules": { "unchecked-result": "off" }, "ignore": ["gen/**"] }',
    '/w/p/src/.winsock-lens.json': '{ "closeFunctions": ["my_close"] }',
    '/w/p/inc/h.h': '#ifdef CMD\n#define FROM_HEADER 1\n#endif\n#define CLOSE_IT(s) my_close(s)\n',
  });
  const project = new Project({ access: fs, stopAt: '/w' });
  const base = { defines: new Map([['BASE', '1'], ['_WIN32', '1']]) };
  const s = await project.setupFor('/w/p/src/a.c', '#include "h.h"\n', base, { defines: new Map([['CLI', '1']]), rules: { 'unchecked-result': 'warning' } });
  assert.equal(s.entry?.file, '/w/p/src/a.c');
  // The nearest config is src/'s: it has no defines; the parent's is not merged (as .clang-tidy).
  assert.equal(s.config?.path, '/w/p/src/.winsock-lens.json');
  assert.deepEqual(Object.keys(s.options.defines).sort(), ['CLI', 'CMD', 'FROM_HEADER', '_WIN32']);
  assert.deepEqual(s.options.closeFunctions, ['closesocket', 'my_close', 'CLOSE_IT']);
  assert.deepEqual(s.options.rules, { 'unchecked-result': 'warning' });
  const g = await project.setupFor('/w/p/gen/x.c', '', base);
  assert.equal(g.ignored, true);
  assert.equal(g.options.rules['unchecked-result'], 'off');
  assert.equal(g.entry, undefined);
  // Searches stop at the workspace folder.
  assert.ok(!fs.reads.some((p) => p.startsWith('/compile') || p === '/.winsock-lens.json'), fs.reads.join('\n'));
});

test('decode: UTF-8, UTF-8 BOM, UTF-16 LE and BE (BOM becomes one space), NUL means binary', () => {
  const le = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x1f, 0x04]);
  const be = new Uint8Array([0xfe, 0xff, 0x00, 0x41, 0x04, 0x1f]);
  assert.deepEqual(decodeSource(le), { kind: 'text', text: ' AП', encoding: 'utf-16le' });
  assert.deepEqual(decodeSource(be), { kind: 'text', text: ' AП', encoding: 'utf-16be' });
  assert.deepEqual(decodeSource(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), { kind: 'text', text: ' A', encoding: 'utf-8-bom' });
  assert.deepEqual(decodeSource(new Uint8Array([0x41, 0x00, 0x42])), { kind: 'binary' });
});
