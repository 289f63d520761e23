// The snippet files themselves: contributed for C and C++, and each snippet complete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { snippetContributions, snippetFiles } from './snippets-files';
import { expandSnippet } from './snippets-expander';

const root = path.resolve(__dirname, '../..');

test('snippets are contributed for both c and cpp', () => {
  const languages = new Set(snippetContributions(root).map((c) => c.language));
  assert.ok(languages.has('c'), 'no snippet file contributed for c');
  assert.ok(languages.has('cpp'), 'no snippet file contributed for cpp');
});

test('every snippet has a wsa- prefix, a non-empty body array and an English description; prefixes are unique', () => {
  const seen = new Map<string, string>();
  let count = 0;
  for (const [file, json] of snippetFiles(root)) {
    for (const [name, raw] of Object.entries(json)) {
      count++;
      const where = `${file}: snippet "${name}"`;
      const s = raw as Record<string, unknown>;
      assert.equal(typeof s.prefix, 'string', `${where} needs a string prefix`);
      assert.match(s.prefix as string, /^wsa-[a-z0-9]+(-[a-z0-9]+)*$/, `${where}: prefix should be wsa-lower-case-words`);
      assert.ok(!seen.has(s.prefix as string), `${where} reuses prefix ${String(s.prefix)} of "${seen.get(s.prefix as string)}"`);
      seen.set(s.prefix as string, name);
      assert.ok(Array.isArray(s.body) && s.body.length > 0 && s.body.every((l) => typeof l === 'string'), `${where} needs a body array of lines`);
      assert.equal(typeof s.description, 'string', `${where} needs a description`);
      assert.ok((s.description as string).length >= 20, `${where}: the description is too short to say what it inserts`);
      assert.doesNotMatch(s.description as string, /%[\w.]+%/, `${where}: VS Code does not localise snippet descriptions, a %key% would show as is`);
      assert.ok(!Object.hasOwn(s, 'scope'), `${where}: the contribution already sets the language; a scope field would be ignored`);
    }
  }
  assert.ok(count >= 5, `expected at least 5 snippets, found ${count}`);
});

test('every snippet ends with a final tab stop and expands without leftover snippet syntax', () => {
  for (const [file, json] of snippetFiles(root)) {
    for (const [name, raw] of Object.entries(json)) {
      const body = (raw as { body: string[] }).body.join('\n');
      assert.match(body, /\$0/, `${file}: snippet "${name}" has no $0`);
      const expanded = expandSnippet(body);
      assert.doesNotMatch(expanded, /\$\{?\d/, `${file}: snippet "${name}" expands with a tab stop left in it`);
    }
  }
});

test('snippet lines indent with tabs only (a single space may start a block-comment line)', () => {
  // VS Code re-indents a snippet's leading whitespace to the editor's settings: spaces after tabs
  // get turned into tabs, so alignment done with spaces would not survive insertion.
  for (const [file, json] of snippetFiles(root)) {
    for (const [name, raw] of Object.entries(json)) {
      (raw as { body: string[] }).body.forEach((line, i) => {
        assert.match(line, /^\t*( \*|(?! ))/, `${file}: snippet "${name}", body line ${i + 1} mixes spaces into its indentation: ${JSON.stringify(line)}`);
      });
    }
  }
});
