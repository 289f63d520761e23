// The language server's own pieces: reading the client's settings, hover Markdown without VS Code
// command links, and the command line of winsock-lens-lsp (the bundle in dist/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { withoutCommandLinks } from '../../lsp/hover';
import { readServerSettings } from '../../lsp/settings';

const root = path.resolve(__dirname, '../..');

test('settings: nested and dotted keys, rule severities, the docs language from the client locale', () => {
  const nested = readServerSettings({ lint: { enabled: false, rules: { 'unchecked-result': 'off' }, defines: ['FOO=2'] }, hover: { enabled: false } }, 'ru-RU');
  assert.equal(nested.lint.enabled, false);
  assert.deepEqual(nested.lint.options.rules, { 'unchecked-result': 'off' });
  assert.deepEqual(nested.lint.options.defines, { FOO: '2' });
  assert.equal(nested.hoverEnabled, false);
  assert.equal(nested.lang, 'ru', 'docs.language auto follows the client locale');
  const dotted = readServerSettings({ 'lint.rules': { 'wrong-sentinel': 'error' }, 'docs.language': 'en' }, 'ru');
  assert.deepEqual(dotted.lint.options.rules, { 'wrong-sentinel': 'error' });
  assert.equal(dotted.lang, 'en');
  const none = readServerSettings(undefined, 'en');
  assert.equal(none.lint.enabled, true);
  assert.equal(none.hoverEnabled, true);
  const bad = readServerSettings({ lint: { rules: { 'no-such-rule': 'off' } } }, 'en');
  assert.ok(bad.lint.problems.length > 0, 'an unknown rule is reported, not silently taken');
});

test('hover Markdown loses the links that run a VS Code command, keeps the text', () => {
  const md = 'See [`WSAGetLastError`](command:winsockLens.openReference?%5B%22x%22%5D) for the code.\n\n[Open the full page](command:winsockLens.openReference?%5B%22y%22%5D)\n';
  assert.equal(withoutCommandLinks(md), 'See `WSAGetLastError` for the code.');
  assert.equal(withoutCommandLinks('[docs](https://learn.microsoft.com/)'), '[docs](https://learn.microsoft.com/)');
});

test('winsock-lens-lsp: --version, --help, and a clear error without --stdio', () => {
  const bin = path.join(root, 'dist/winsock-lens-lsp.js');
  const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(version.status, 0);
  assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--stdio/);
  const bare = spawnSync(process.execPath, [bin], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /add --stdio/);
});
