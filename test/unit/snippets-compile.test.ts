// Every contributed snippet, expanded with its defaults, must build for Windows with MinGW-w64:
// compiled as C (and as C++ when the MinGW g++ is installed) with -Wall -Wextra -Werror, then
// linked against ws2_32 and mswsock. The example programs in examples/ must build too.
//
// No -D_WINSOCK_DEPRECATED_NO_WARNINGS anywhere: MinGW-w64's headers (10.0) mark nothing in
// winsock2.h deprecated, so there is nothing to silence. MSVC does deprecate WSASendDisconnect;
// the snippet says so in a comment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { choicesOf, expandSnippet } from './snippets-expander';
import { loadContributedSnippets } from './snippets-files';
import type { RuleId } from '../../core/lint/types';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const gcc = 'x86_64-w64-mingw32-gcc';
const gxx = 'x86_64-w64-mingw32-g++';

function installed(tool: string): boolean {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
}

const includes = [
  '#include <winsock2.h>',
  '#include <ws2tcpip.h>',
  '#include <mswsock.h>',
  '#include <windows.h>',
  '#include <stdio.h>',
  '#include <stdlib.h>',
].join('\n');

/**
 * How each snippet sits in a translation unit. Statement snippets go into a function whose
 * parameters are the variables they use; top-level snippets (function definitions) are followed by
 * a caller that uses what they define, so the test also checks the functions' signatures and no
 * static function is left unused. A new snippet must be added here; the test says so otherwise.
 */
const hosts: Record<string, { statements?: { signature: string; tail: string }; caller?: string }> = {
  'wsa-startup': { statements: { signature: 'int snippet_host(void)', tail: 'return 0;' } },
  'wsa-senddisconnect-checked': { statements: { signature: 'void snippet_host(SOCKET s)', tail: '' } },
  'wsa-graceful-close': { caller: 'int snippet_use(SOCKET s) { return graceful_close(s, 2000); }' },
  'wsa-disconnect-data': {
    caller: 'int snippet_use(SOCKET s) { char bye[] = "bye"; return send_disconnect_data(s, bye, 3); }',
  },
  'wsa-enum-disconnect-data': { caller: 'void snippet_use(void) { list_disconnect_data_providers(); }' },
  'wsa-disconnectex-reuse': {
    caller: [
      'BOOL snippet_use(SOCKET s, OVERLAPPED *ov) {',
      '  LPFN_DISCONNECTEX fn = load_disconnectex(s);',
      '  if (fn == NULL || !begin_reuse_disconnect(fn, s, ov)) return FALSE;',
      '  return finish_reuse_disconnect(s, ov);',
      '}',
    ].join('\n'),
  },
};

function translationUnit(prefix: string, expanded: string): string {
  const host = hosts[prefix];
  assert.ok(host, `snippet "${prefix}" has no entry in the hosts table of test/unit/snippets-compile.test.ts: say whether it is statements or top-level code`);
  const indented = expanded.split('\n').map((l) => `    ${l}`).join('\n');
  const body = host.statements
    ? `${host.statements.signature}\n{\n${indented}\n    ${host.statements.tail}\n}\n`
    : `${expanded}\n\n${host.caller}\n`;
  return `${includes}\n\n${body}\nint main(void) { return 0; }\n`;
}

function numbered(source: string): string {
  return source.split('\n').map((l, i) => `${String(i + 1).padStart(4)} | ${l}`).join('\n');
}

/** Compiles and links; on failure throws with the compiler's output and the numbered source. */
async function build(compiler: string, file: string, source: string, flags: string[]): Promise<string> {
  const exe = file.replace(/\.\w+$/, '.exe');
  const args = [...flags, file, '-o', exe, '-lws2_32', '-lmswsock'];
  try {
    const { stderr } = await run(compiler, args, { maxBuffer: 4 << 20 });
    return stderr;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${compiler} ${args.join(' ')} failed:\n${err.stderr || err.message}\n--- source ---\n${numbered(source)}`);
  }
}

/** Runs jobs with at most `limit` at a time (the machine is shared). */
async function inBatches<T>(items: T[], limit: number, job: (item: T) => Promise<void>): Promise<unknown[]> {
  const failures: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      try { await job(item); } catch (e) { failures.push(e); }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return failures;
}

const strict = ['-Wall', '-Wextra', '-Werror'];

test('every snippet, expanded with its defaults (and with each other choice option), compiles and links as C (and C++ if MinGW g++ is installed) with -Wall -Wextra -Werror', { timeout: 300_000 }, async (t) => {
  assert.ok(installed(gcc), `${gcc} is not installed: run scripts/install-system-deps.sh (package gcc-mingw-w64-x86-64)`);
  const withCxx = installed(gxx);
  if (!withCxx) t.diagnostic(`${gxx} is not installed (package g++-mingw-w64-x86-64): the C++ half is skipped`);
  const snippets = loadContributedSnippets(root);
  assert.ok(snippets.length > 0, 'no snippets found');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'winsock-lens-snippets-'));
  try {
    // The defaults, plus one variant for every other option of every choice.
    const variants = snippets.flatMap((s) => [
      { name: s.prefix, text: expandSnippet(s.body), prefix: s.prefix },
      ...choicesOf(s.body).flatMap((c) => c.options.slice(1).map((option, k) => ({
        name: `${s.prefix}.choice${c.index}-${k + 2}`,
        text: expandSnippet(s.body, { pick: (index, options) => (index === c.index ? option : options[0] ?? '') }),
        prefix: s.prefix,
      }))),
    ]);
    const jobs = variants.flatMap((v) => {
      const source = translationUnit(v.prefix, v.text);
      const base = path.join(dir, v.name);
      const list = [{ compiler: gcc, file: `${base}.c`, source }];
      if (withCxx) list.push({ compiler: gxx, file: `${base}.cpp`, source });
      return list;
    });
    const failures = await inBatches(jobs, 2, async (j) => {
      writeFileSync(j.file, j.source);
      await build(j.compiler, j.file, j.source, [...strict, j.compiler === gcc ? '-std=c11' : '-std=c++17']);
    });
    assert.equal(failures.length, 0, failures.map((f) => (f as Error).message).join('\n\n'));
    t.diagnostic(`${jobs.length} builds of ${snippets.length} snippets (${variants.length - snippets.length} more choice variants)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every example program in examples/ compiles and links with MinGW-w64 (-Wall; warnings allowed)', { timeout: 300_000 }, async (t) => {
  assert.ok(installed(gcc), `${gcc} is not installed: run scripts/install-system-deps.sh (package gcc-mingw-w64-x86-64)`);
  const examplesDir = path.join(root, 'examples');
  const files = readdirSync(examplesDir).filter((f) => /\.(c|cpp)$/.test(f)).sort();
  assert.ok(files.length >= 6, `expected at least 6 example programs in examples/, found ${files.length}`);
  const hasCpp = files.some((f) => f.endsWith('.cpp'));
  if (hasCpp) assert.ok(installed(gxx), `${gxx} is needed for the C++ examples: run scripts/install-system-deps.sh (package g++-mingw-w64-x86-64)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'winsock-lens-examples-'));
  try {
    const failures = await inBatches(files, 2, async (f) => {
      const source = readFileSync(path.join(examplesDir, f), 'utf8');
      const copy = path.join(dir, f);
      writeFileSync(copy, source);
      const warnings = await build(f.endsWith('.cpp') ? gxx : gcc, copy, source, ['-Wall']);
      if (warnings.trim()) t.diagnostic(`${f}: ${warnings.trim()}`);
    });
    assert.equal(failures.length, 0, failures.map((f) => (f as Error).message).join('\n\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Every lint rule; typed so that a rule added to the core must be added here (and to the examples). */
const everyRule: Record<RuleId, true> = {
  'send-after-disconnect': true,
  'reuse-after-disconnect': true,
  'missing-closesocket': true,
  'disconnect-data-on-tcp': true,
  'unchecked-result': true,
  'wrong-sentinel': true,
  'use-after-closesocket': true,
  'not-initialized': true,
  'linger-has-no-effect': true,
  'blocking-call-in-apc': true,
  'disconnect-on-connectionless': true,
  'repeated-disconnect': true,
};

/** The rows of the markdown table that follows `heading` in `text`. */
function tableAfter(text: string, heading: string): string[][] {
  const start = text.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `examples/EXPECTED-FINDINGS.md has no "${heading}" section`);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of text.slice(start + heading.length + 2).split('\n')) {
    if (line.startsWith('|')) {
      inTable = true;
      rows.push(line.slice(1, -1).split(' | ').map((c) => c.trim()));
    } else if (inTable || line.startsWith('#')) break;
  }
  return rows.slice(2); // header and separator
}

test('examples/EXPECTED-FINDINGS.md points at lines that hold the calls it names, covers every rule and lists every program', () => {
  const examplesDir = path.join(root, 'examples');
  const text = readFileSync(path.join(examplesDir, 'EXPECTED-FINDINGS.md'), 'utf8');
  const programs = readdirSync(examplesDir).filter((f) => /\.(c|cpp)$/.test(f)).sort();
  const lines = new Map(programs.map((f) => [f, readFileSync(path.join(examplesDir, f), 'utf8').split('\n')]));
  const checkRow = (location: string, call: string, what: string) => {
    const m = /^([\w.-]+):(\d+)$/.exec(location);
    assert.ok(m, `${what}: location "${location}" is not file:line`);
    const fileLines = lines.get(m[1]);
    assert.ok(fileLines, `${what}: ${m[1]} is not a program in examples/`);
    const code = /^`(.+)`$/.exec(call)?.[1];
    assert.ok(code, `${what}: the call column should be one code span, got "${call}"`);
    const line = fileLines[Number(m[2]) - 1] ?? '';
    assert.ok(line.includes(code), `${what}: ${location} should contain \`${code}\` but is: ${line.trim()}`);
  };

  const findings = tableAfter(text, '## Findings');
  assert.ok(findings.length >= 10, `expected at least 10 findings, found ${findings.length}`);
  const rulesSeen = new Set<string>();
  const perFile = new Map<string, number>();
  for (const [location, rule, call, why] of findings) {
    assert.ok(Object.hasOwn(everyRule, rule), `finding ${location}: "${rule}" is not a rule id`);
    assert.ok((why ?? '').length > 20, `finding ${location} needs a reason`);
    checkRow(location, call, `finding ${location}`);
    rulesSeen.add(rule);
    const file = location.split(':')[0];
    perFile.set(file, (perFile.get(file) ?? 0) + 1);
  }
  const missing = Object.keys(everyRule).filter((r) => !rulesSeen.has(r));
  assert.deepEqual(missing, [], `no example exercises these rules: ${missing.join(', ')}`);

  for (const [location, call] of tableAfter(text, '## Not findings')) checkRow(location, call, `non-finding ${location}`);

  const listed = new Map(tableAfter(text, '## Files').map(([file, count]) => [file, count]));
  assert.deepEqual([...listed.keys()].sort(), programs, 'the Files table must list exactly the programs in examples/');
  for (const [file, count] of listed) {
    const expected = perFile.get(file) ?? 0;
    const stated = /^none/.test(count) ? 0 : Number(count);
    assert.equal(stated, expected, `the Files table says ${file} has ${count} findings; the Findings table lists ${expected}`);
  }
});
