// The editor's lint settings: untyped configuration values → lint options, and the manifest that
// offers them (package.json, package.nls*.json) kept in step with the rule table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DEFINE_ENTRIES, parseDefine, parseLintSettings } from '../../core/lint/editor-settings';
import { RULES } from '../../core/lint/rules';
import { DEFAULT_DEFINES } from '../../core/lint/types';
import { preprocess } from '../../core/parse/preprocessor';

const root = path.resolve(__dirname, '../..');
const readJson = (name: string) => JSON.parse(readFileSync(path.join(root, name), 'utf8')) as Record<string, any>;

test('lint settings: nothing set gives the documented defaults and no problems', () => {
  const s = parseLintSettings({});
  assert.equal(s.enabled, true);
  assert.deepEqual(s.options.defines, { _WIN32: '', WIN32: '', _WINDOWS: '', _MSC_VER: '1940' });
  assert.deepEqual(s.options.closeFunctions, ['closesocket']);
  assert.deepEqual(s.options.rules, {});
  assert.deepEqual(s.problems, []);
});

test('lint settings: the default defines select the same #if branches as the lint core defaults', () => {
  const src = [
    '#ifdef _WIN32', 'a();', '#else', 'b();', '#endif',
    '#if defined(WIN32) && _MSC_VER >= 1900', 'c();', '#endif',
    '#if _MSC_VER < 1900', 'd();', '#endif',
    '#ifndef _WINDOWS', 'e();', '#endif', '',
  ].join('\n');
  const fromSettings = preprocess(src, parseLintSettings({}).options.defines).text;
  assert.equal(fromSettings, preprocess(src, DEFAULT_DEFINES).text);
  assert.deepEqual(fromSettings.split('\n').map((l) => l.trim()).filter(Boolean), ['a();', 'c();']);
});

test('lint settings: NAME and NAME=VALUE entries, spaces trimmed; other entries are named as problems', () => {
  assert.deepEqual(parseDefine(' USE_IOCP '), { name: 'USE_IOCP', value: '' });
  assert.deepEqual(parseDefine('_WIN32_WINNT=0x0A00'), { name: '_WIN32_WINNT', value: '0x0A00' });
  assert.deepEqual(parseDefine('MODE = 2'), { name: 'MODE', value: '2' });
  assert.equal(parseDefine('-DFOO'), undefined);
  assert.equal(parseDefine('2FAST'), undefined);
  assert.equal(parseDefine('=1'), undefined);

  const s = parseLintSettings({ defines: ['_WIN32', '-DFOO', 42, 'LEVEL=3'] });
  assert.deepEqual(s.options.defines, { _WIN32: '', LEVEL: '3' });
  assert.equal(s.problems.length, 2);
  assert.match(s.problems[0]!.en, /winsockLens\.lint\.defines: "-DFOO" is not NAME or NAME=VALUE/);
  assert.match(s.problems[1]!.en, /42 is not NAME or NAME=VALUE/);
  assert.match(s.problems[0]!.ru, /winsockLens\.lint\.defines: "-DFOO" не имеет вида NAME или NAME=VALUE/);
});

test('lint settings: an empty defines list means no defines; a non-list falls back to the defaults with a problem', () => {
  assert.deepEqual(parseLintSettings({ defines: [] }).options.defines, {});
  const s = parseLintSettings({ defines: '_WIN32' });
  assert.deepEqual(s.options.defines, { _WIN32: '', WIN32: '', _WINDOWS: '', _MSC_VER: '1940' });
  assert.equal(s.problems.length, 1);
  assert.match(s.problems[0]!.en, /expected a list/);
});

test('lint settings: per-rule severities; unknown rules and bad severities are problems, the rest applies', () => {
  const s = parseLintSettings({
    rules: { 'unchecked-result': 'warning', 'linger-has-no-effect': 'off', 'send-after-disconnect': 'fatal', 'no-such-rule': 'error' },
  });
  assert.deepEqual(s.options.rules, { 'unchecked-result': 'warning', 'linger-has-no-effect': 'off' });
  assert.equal(s.problems.length, 2);
  assert.ok(s.problems.some((p) => /send-after-disconnect is set to "fatal"; use one of error, warning, info, hint, off/.test(p.en)));
  assert.ok(s.problems.some((p) => /there is no rule named "no-such-rule"/.test(p.en)));
  const bad = parseLintSettings({ rules: ['off'] });
  assert.deepEqual(bad.options.rules, {});
  assert.match(bad.problems[0]!.en, /expected an object/);
});

test('lint settings: close functions always include closesocket, first, without duplicates', () => {
  assert.deepEqual(parseLintSettings({ closeFunctions: ['SafeClose', 'closesocket', 'net::Close'] }).options.closeFunctions, [
    'closesocket',
    'SafeClose',
    'net::Close',
  ]);
  assert.deepEqual(parseLintSettings({ closeFunctions: [] }).options.closeFunctions, ['closesocket']);
  const s = parseLintSettings({ closeFunctions: ['SafeClose', 'close it', null] });
  assert.deepEqual(s.options.closeFunctions, ['closesocket', 'SafeClose']);
  assert.equal(s.problems.length, 2);
});

test('lint settings: a non-boolean enabled keeps lint on and says so', () => {
  const s = parseLintSettings({ enabled: 'no' });
  assert.equal(s.enabled, true);
  assert.match(s.problems[0]!.en, /winsockLens\.lint\.enabled: expected true or false, found "no"/);
  assert.equal(parseLintSettings({ enabled: false }).enabled, false);
});

test('manifest: the lint settings exist with the documented defaults, resource scope and a schema entry per rule', () => {
  const props = readJson('package.json').contributes.configuration.properties;
  for (const key of ['enabled', 'rules', 'defines', 'closeFunctions']) {
    assert.equal(props[`winsockLens.lint.${key}`]?.scope, 'resource', `winsockLens.lint.${key} is resource-scoped`);
  }
  assert.equal(props['winsockLens.lint.enabled'].default, true);
  assert.deepEqual(props['winsockLens.lint.defines'].default, DEFAULT_DEFINE_ENTRIES);
  assert.deepEqual(props['winsockLens.lint.closeFunctions'].default, ['closesocket']);
  const rules = props['winsockLens.lint.rules'];
  assert.deepEqual(Object.keys(rules.properties).sort(), RULES.map((r) => r.id).sort());
  for (const [id, schema] of Object.entries<any>(rules.properties)) {
    assert.deepEqual(schema.enum, ['error', 'warning', 'info', 'hint', 'off'], `${id} offers the five severities`);
  }
  assert.equal(rules.additionalProperties, false, 'an unknown rule id is flagged in settings.json');
  // Every define pattern the manifest accepts is one the reader accepts, and the other way round.
  const pattern = new RegExp(props['winsockLens.lint.defines'].items.pattern);
  for (const entry of ['_WIN32', 'A=1', ' B = 2', '-DFOO', '2X', '=1', 'X Y']) {
    assert.equal(pattern.test(entry), parseDefine(entry) !== undefined, `"${entry}"`);
  }
});

test('manifest: every %key% used by the lint settings and command has an English and a Russian text', () => {
  const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
  const keys = [...manifest.matchAll(/"%((?:config\.lint|command\.showRuleDocumentation)[^%"]*)%"/g)].map((m) => m[1]!);
  assert.ok(keys.length >= 12 + 5 + 4, `found ${keys.length} lint keys`);
  const en = readJson('package.nls.json');
  const ru = readJson('package.nls.ru.json');
  for (const key of keys) {
    assert.equal(typeof en[key], 'string', `package.nls.json has ${key}`);
    assert.equal(typeof ru[key], 'string', `package.nls.ru.json has ${key}`);
    assert.notEqual(en[key], ru[key], `${key} is translated`);
  }
});
