import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FunctionEntry, Lang } from '../../core/model/types';
import { allEntries, lookupFunction, lookupSymbol } from '../../core/model/registry';
import { hoverAt } from '../../core/hover/hoverAt';
import { LABELS } from '../../core/hover/labels';
import { referenceCommandUri, renderErrorCodeHover, renderHover, renderReferencePage } from '../../core/hover/render';
import { testParser } from './parse-helpers';

const LANGS: readonly Lang[] = ['en', 'ru'];

/** A hand-made entry (not from the model) that exercises every part of the renderer. */
const FIXTURE: FunctionEntry = {
  kind: 'function',
  name: 'FixtureDisconnect',
  signature: 'int WSAAPI FixtureDisconnect(\n  SOCKET s,\n  LPWSABUF lpData\n);',
  summary: { en: 'Fixture summary EN.', ru: 'Краткое описание RU.' },
  params: [
    { name: 's', type: 'SOCKET', direction: 'in', optional: false, doc: { en: 'The socket EN.', ru: 'Сокет RU.' } },
    { name: 'lpData', type: 'LPWSABUF', direction: 'in', optional: true, doc: { en: 'Data EN.', ru: 'Данные RU.' } },
  ],
  returns: { convention: 'zero-or-socket-error', doc: { en: 'Zero or SOCKET_ERROR EN.', ru: 'Ноль или SOCKET_ERROR RU.' } },
  errors: [
    { code: 'WSAESHUTDOWN', when: { en: 'Shut | already EN.', ru: 'Уже закрыт RU.' } },
    { code: 'WSAEFIXTURE', when: { en: 'Unknown code EN.', ru: 'Неизвестный код RU.' } },
  ],
  remarks: [
    { id: 'key', key: true, text: { en: 'Key remark EN.', ru: 'Главное примечание RU.' } },
    { id: 'minor', text: { en: 'Minor remark EN.', ru: 'Второстепенное примечание RU.' } },
  ],
  requirements: { header: 'winsock2.h', library: 'Ws2_32.lib', dll: 'Ws2_32.dll', minClient: 'Windows 2000 Professional', minServer: 'Windows 2000 Server', targetPlatform: 'Windows' },
  related: ['WSAESHUTDOWN', 'NotInModel'],
  roles: ['disconnect-send'],
  deprecated: { replacement: 'WSASend', note: { en: 'Deprecation note EN.', ru: 'Примечание об устаревании RU.' } },
};

function decodeCommandArgs(uri: string): unknown {
  const m = /^command:winsockLens\.openReference\?(.*)$/.exec(uri);
  assert.ok(m, `not an openReference command URI: ${uri}`);
  return JSON.parse(decodeURIComponent(m[1]!));
}

test('the reference command URI carries the symbol as its JSON argument list', () => {
  assert.deepEqual(decodeCommandArgs(referenceCommandUri('WSASendDisconnect')), ['WSASendDisconnect']);
});

for (const lang of LANGS) {
  const L = LABELS[lang];
  const other = LABELS[lang === 'en' ? 'ru' : 'en'];

  test(`${lang}: a function hover has the signature block, parameters, return, error table, key remarks, deprecation, requirements and links`, () => {
    const md = renderHover(FIXTURE, lang);
    assert.ok(md.includes('```c\nint WSAAPI FixtureDisconnect(\n  SOCKET s,\n  LPWSABUF lpData\n);\n```'), md);
    assert.ok(md.includes(FIXTURE.summary[lang]));
    assert.ok(!md.includes(FIXTURE.summary[lang === 'en' ? 'ru' : 'en']));
    for (const h of [L.parameters, L.returnValue, L.errors, L.remarks, L.requirements, L.seeAlso]) assert.ok(md.includes(h), `missing ${h}`);
    for (const h of [other.parameters, other.returnValue, other.remarks]) assert.ok(!md.includes(h), `other language's ${h}`);
    assert.ok(md.includes(`\`lpData\` *(${L.direction.in}, ${L.optional})*`));
    assert.ok(md.includes(`| ${L.errorColumns.code} | ${L.errorColumns.value} | ${L.errorColumns.when} |`));
    // The value comes from the model's error table; a pipe in the text is escaped.
    if (lang === 'en') assert.ok(md.includes('| `WSAESHUTDOWN` | 10058 | Shut \\| already EN. |'), md);
    assert.ok(md.includes('| `WSAEFIXTURE` | — |'));
    assert.ok(md.includes(FIXTURE.remarks[0]!.text[lang]));
    assert.ok(!md.includes(FIXTURE.remarks[1]!.text[lang]), 'a non-key remark is for the full page only');
    assert.ok(md.includes('C4996') && md.includes('`WSASend`') && md.includes(FIXTURE.deprecated!.note[lang]));
    assert.ok(md.includes('`winsock2.h`, Ws2_32.lib, Ws2_32.dll; Windows 2000 Professional / Windows 2000 Server'));
    assert.ok(md.includes(`[\`WSAESHUTDOWN\`](${referenceCommandUri('WSAESHUTDOWN')})`), 'related symbol in the model is a link');
    assert.ok(md.includes('`NotInModel`') && !md.includes(referenceCommandUri('NotInModel')), 'unknown related symbol is plain');
    assert.ok(md.includes(`[${L.openFullPage}](${referenceCommandUri('FixtureDisconnect')})`));
    assert.ok(!md.includes(L.attribution));
  });

  test(`${lang}: the reference page has everything, with headings, types and attribution`, () => {
    const md = renderReferencePage(FIXTURE, lang);
    assert.ok(md.startsWith(`# FixtureDisconnect\n\n*${L.kind.function}*`));
    for (const h of [L.parameters, L.returnValue, L.errors, L.remarks, L.requirements, L.seeAlso]) assert.ok(md.includes(`## ${h}`), `missing ## ${h}`);
    assert.ok(md.includes('`lpData` `LPWSABUF`'));
    for (const r of FIXTURE.remarks) assert.ok(md.includes(r.text[lang]));
    assert.ok(md.includes(`| ${L.requirementRows.targetPlatform} | Windows |`));
    assert.ok(md.trimEnd().endsWith(`*${L.attribution}*`));
    assert.ok(!md.includes('command:'), 'the page has no command links unless asked');
  });

  test(`${lang}: WSAESHUTDOWN from the model renders as an error, and 10058 names it`, () => {
    const e = lookupSymbol('WSAESHUTDOWN');
    assert.equal(e?.kind, 'error');
    if (e?.kind !== 'error') return;
    const md = renderHover(e, lang);
    assert.ok(md.includes('```c\n#define WSAESHUTDOWN 10058 // 0x274A\n```'), md);
    assert.ok(md.includes(e.summary[lang]));
    const num = renderErrorCodeHover('0x274A', e, lang);
    assert.ok(num.includes('`0x274A`') && num.includes('**WSAESHUTDOWN**') && num.includes(e.summary[lang]));
    const page = renderReferencePage(e, lang);
    assert.ok(page.startsWith(`# WSAESHUTDOWN\n\n*${L.kind.error}*`));
    // Every function in the model that documents WSAESHUTDOWN is listed on its page.
    for (const f of allEntries()) {
      if (f.kind === 'function' && f.errors.some((c) => c.code === 'WSAESHUTDOWN')) assert.ok(page.includes(`- \`${f.name}\`:`), f.name);
    }
  });
}

test('every function in the model: signature block, every documented error once in the table, all remarks on the page', (t) => {
  const fns = allEntries().filter((e): e is FunctionEntry => e.kind === 'function');
  if (fns.length === 0) return t.skip('the model has no function entries yet');
  for (const f of fns) {
    for (const lang of LANGS) {
      const md = renderHover(f, lang);
      assert.ok(md.includes('```c\n' + f.signature.trim() + '\n```'), `${f.name}: signature`);
      for (const code of new Set(f.errors.map((e) => e.code))) {
        const rows = md.split('\n').filter((l) => l.startsWith(`| \`${code}\` |`));
        assert.equal(rows.length, f.errors.filter((e) => e.code === code).length, `${f.name} ${lang}: rows of ${code}`);
      }
      const page = renderReferencePage(f, lang);
      for (const r of f.remarks) assert.ok(page.includes(r.text[lang]), `${f.name} ${lang}: remark ${r.id}`);
    }
  }
});

test('WSASendDisconnect: all seven documented errors in the hover table, in both languages', (t) => {
  const f = lookupFunction('WSASendDisconnect');
  if (!f) return t.skip('WSASendDisconnect is not in the model yet');
  const seven = ['WSANOTINITIALISED', 'WSAENETDOWN', 'WSAENOPROTOOPT', 'WSAEINPROGRESS', 'WSAENOTCONN', 'WSAENOTSOCK', 'WSAEFAULT'];
  for (const lang of LANGS) {
    const md = renderHover(f, lang);
    for (const code of seven) assert.match(md, new RegExp(`^\\| \`${code}\` \\| \\d+ \\|`, 'm'), `${lang}: ${code}`);
    assert.ok(md.includes('C4996'), `${lang}: deprecation`);
    assert.ok(md.includes('```c\n') && md.includes('WSASendDisconnect('));
  }
});

test('hoverAt: a name, an error number, a comment and the file\'s own function', async () => {
  const parser = await testParser();
  const text = '// WSAESHUTDOWN\nint f(int err) { return err == 10058 || err == WSAESHUTDOWN || err == 12345; }\n';
  const tree = parser.parse(text, 'c');
  try {
    const onNumber = hoverAt(tree, text.indexOf('10058') + 1, 'en');
    assert.ok(onNumber?.markdown.includes('**WSAESHUTDOWN**'));
    assert.equal(onNumber?.start, text.indexOf('10058'));
    const onName = hoverAt(tree, text.indexOf('WSAESHUTDOWN ||') + 1, 'ru');
    assert.ok(onName?.markdown.includes(LABELS.ru.openFullPage));
    assert.equal(hoverAt(tree, 4, 'en'), undefined, 'comment');
    assert.equal(hoverAt(tree, text.indexOf('12345'), 'en'), undefined, 'not an error number');
    assert.equal(hoverAt(tree, text.indexOf('err =='), 'en'), undefined, 'not a model symbol');
  } finally {
    tree.delete();
  }
  const own = 'int shutdown(int s, int how) { return 0; }\nvoid g(void) { shutdown(1, 1); }\n';
  const t2 = parser.parse(own, 'c');
  try {
    const s = lookupFunction('shutdown');
    // Whether or not the model has shutdown yet, the user's own definition never gets Winsock's hover.
    assert.equal(hoverAt(t2, own.lastIndexOf('shutdown'), 'en'), undefined, s ? 'own shutdown' : 'no model entry');
  } finally {
    t2.delete();
  }
});
