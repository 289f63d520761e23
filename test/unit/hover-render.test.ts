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

  test(`${lang}: a function hover is short: link first, prototype, summary, a line per parameter, return convention, error links, one remark`, () => {
    const md = renderHover(FIXTURE, lang);
    assert.ok(md.startsWith(`[${L.openFullPage}](${referenceCommandUri('FixtureDisconnect')})`), 'the full page link comes first');
    assert.ok(md.includes('```c\nint WSAAPI FixtureDisconnect(\n  SOCKET s,\n  LPWSABUF lpData\n);\n```'), md);
    assert.ok(md.includes(FIXTURE.summary[lang]));
    assert.ok(!md.includes(FIXTURE.summary[lang === 'en' ? 'ru' : 'en']));
    for (const h of [L.parameters, L.returns, L.errors, L.remark]) assert.ok(md.includes(`**${h}`), `missing ${h}`);
    for (const h of [other.parameters, other.remarks]) assert.ok(!md.includes(h), `other language's ${h}`);
    assert.ok(md.includes(`- \`lpData\` *(${L.direction.in}, ${L.optional})*: ${FIXTURE.params[1]!.doc[lang]}`));
    assert.ok(md.includes(`**${L.returns}:** ${L.returnConvention['zero-or-socket-error']}`));
    // The errors on one line, each a link to its page (a code the model lacks stays plain).
    const errorLine = md.split('\n').find((l) => l.startsWith(`**${L.errors}:**`));
    assert.equal(errorLine, `**${L.errors}:** [\`WSAESHUTDOWN\`](${referenceCommandUri('WSAESHUTDOWN')}) · \`WSAEFIXTURE\``);
    assert.ok(md.includes(`**${L.remark}:** ${FIXTURE.remarks[0]!.text[lang]} *${L.moreRemarks(1)}*`));
    assert.ok(!md.includes(FIXTURE.remarks[1]!.text[lang]), 'other remarks are for the full page only');
    for (const pageOnly of ['|---', 'C4996', 'Ws2_32.lib', L.seeAlso, L.attribution, FIXTURE.deprecated!.note[lang]]) {
      assert.ok(!md.includes(pageOnly), `${pageOnly} is for the full page only`);
    }
  });

  test(`${lang}: the hover shows the model's lead remark when the entry names one`, () => {
    const md = renderHover({ ...FIXTURE, leadRemark: 'minor' }, lang);
    assert.ok(md.includes(`**${L.remark}:** ${FIXTURE.remarks[1]!.text[lang]}`));
    assert.ok(!md.includes(FIXTURE.remarks[0]!.text[lang]));
  });

  test(`${lang}: a parameter's hover line is its first sentence; the page keeps it whole`, () => {
    const long: FunctionEntry = {
      ...FIXTURE,
      params: [{ ...FIXTURE.params[0]!, doc: { en: 'First sentence. Second sentence.', ru: 'Первое предложение. Второе предложение.' } }],
    };
    const first = lang === 'en' ? 'First sentence.' : 'Первое предложение.';
    const second = lang === 'en' ? 'Second sentence.' : 'Второе предложение.';
    assert.ok(renderHover(long, lang).includes(`*(${L.direction.in})*: ${first}\n`));
    assert.ok(!renderHover(long, lang).includes(second));
    assert.ok(renderReferencePage(long, lang).includes(`${first} ${second}`));
  });

  test(`${lang}: the reference page has everything, with headings, types and attribution`, () => {
    const md = renderReferencePage(FIXTURE, lang);
    assert.ok(md.startsWith(`# FixtureDisconnect\n\n*${L.kind.function}*`));
    for (const h of [L.parameters, L.returnValue, L.errors, L.remarks, L.requirements, L.seeAlso]) assert.ok(md.includes(`## ${h}`), `missing ## ${h}`);
    assert.ok(md.includes('`lpData` `LPWSABUF`'));
    for (const r of FIXTURE.remarks) assert.ok(md.includes(r.text[lang]));
    assert.ok(md.includes(`- **${L.requirementRows.targetPlatform}:** Windows`));
    // Every table has a header row with text in each cell (no empty `| | |` row).
    assert.ok(!/^\|(\s*\|)+\s*$/m.test(md), 'an empty table header row');
    assert.ok(md.includes(`| ${L.errorColumns.code} | ${L.errorColumns.value} | ${L.errorColumns.when} |`));
    if (lang === 'en') assert.ok(md.includes('| `WSAESHUTDOWN` | 10058 | Shut \\| already EN. |'), md);
    // "See also": each entry a link, to the page of a symbol in the model (a relative page name).
    assert.ok(md.includes('- [`WSAESHUTDOWN`](./WSAESHUTDOWN.md)'), md);
    assert.ok(md.includes('- `NotInModel`'));
    // The deprecation says the replacement is the SDK's advice.
    assert.ok(md.includes(L.deprecatedTitle) && md.includes('`WSASend`') && md.includes(FIXTURE.deprecated!.note[lang]));
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
    // Every function in the model that documents WSAESHUTDOWN is listed on its page, as a link to its page.
    for (const f of allEntries()) {
      if (f.kind === 'function' && f.errors.some((c) => c.code === 'WSAESHUTDOWN')) assert.ok(page.includes(`- [\`${f.name}\`](./${f.name}.md):`), f.name);
    }
  });
}

test('every function in the model: signature block and every documented error once in the hover; every error and remark on the page', (t) => {
  const fns = allEntries().filter((e): e is FunctionEntry => e.kind === 'function');
  if (fns.length === 0) return t.skip('the model has no function entries yet');
  for (const f of fns) {
    for (const lang of LANGS) {
      const md = renderHover(f, lang);
      assert.ok(md.includes('```c\n' + f.signature.trim() + '\n```'), `${f.name}: signature`);
      const errorLine = md.split('\n').find((l) => l.startsWith(`**${LABELS[lang].errors}:**`)) ?? '';
      for (const code of new Set(f.errors.map((e) => e.code))) {
        assert.equal(errorLine.split(`\`${code}\``).length - 1, 1, `${f.name} ${lang}: ${code} once on the errors line`);
      }
      const page = renderReferencePage(f, lang);
      for (const e of f.errors) assert.ok(page.includes(`| \`${e.code}\` |`), `${f.name} ${lang}: page row of ${e.code}`);
      for (const r of f.remarks) assert.ok(page.includes(r.text[lang]), `${f.name} ${lang}: remark ${r.id}`);
      if (f.leadRemark) assert.ok(f.remarks.some((r) => r.id === f.leadRemark), `${f.name}: leadRemark ${f.leadRemark} is not one of its remarks`);
    }
  }
});

test('WSASendDisconnect: all seven documented errors on the hover\'s errors line (each a link) and in the page\'s table', (t) => {
  const f = lookupFunction('WSASendDisconnect');
  if (!f) return t.skip('WSASendDisconnect is not in the model yet');
  const seven = ['WSANOTINITIALISED', 'WSAENETDOWN', 'WSAENOPROTOOPT', 'WSAEINPROGRESS', 'WSAENOTCONN', 'WSAENOTSOCK', 'WSAEFAULT'];
  for (const lang of LANGS) {
    const md = renderHover(f, lang);
    for (const code of seven) assert.ok(md.includes(`[\`${code}\`](${referenceCommandUri(code)})`), `${lang}: ${code}`);
    const page = renderReferencePage(f, lang);
    for (const code of seven) assert.match(page, new RegExp(`^\\| \`${code}\` \\| \\d+ \\|`, 'm'), `${lang}: ${code}`);
    assert.ok(page.includes('C4996'), `${lang}: deprecation`);
  }
});

/**
 * How many lines a hover takes on screen: code lines as they are, text wrapped at the hover's
 * width (VS Code's hover is at most 500 px wide, about 80 characters of visible text; link
 * targets and Markdown marks take no room), a blank line between blocks as half a line.
 */
function renderedLines(md: string, columns = 80): number {
  let lines = 0;
  let gaps = 0;
  let inCode = false;
  for (const raw of md.split('\n')) {
    if (raw.startsWith('```')) {
      inCode = !inCode;
      continue;
    }
    if (inCode) lines += 1;
    else if (raw.trim() === '') gaps += 1;
    else {
      const visible = raw.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '');
      lines += Math.max(1, Math.ceil(visible.length / columns));
    }
  }
  return lines + gaps / 2;
}

test('the line measure counts wrapped text, code lines and gaps', () => {
  assert.equal(renderedLines('```c\na\nb\n```\n\n' + 'x'.repeat(81) + '\n\n[link](command:very-long-target-' + 'y'.repeat(200) + ')'), 2 + 2 + 1 + 1);
});

// A screenful: the editor of a 1080p screen shows about 45 lines; the hovers of the disconnect
// family (what this extension is about, and what people hover most) must fit in about half of one.
const SCREENFUL_LINES = 45;
const DISCONNECT_FAMILY = ['WSASendDisconnect', 'WSARecvDisconnect', 'shutdown', 'closesocket', 'DisconnectEx'];
const DISCONNECT_FAMILY_LINES = 26;

test('every hover in the model fits in a screenful; the disconnect family in half of one', () => {
  const over: string[] = [];
  for (const entry of allEntries()) {
    for (const lang of LANGS) {
      const n = renderedLines(renderHover(entry, lang));
      const limit = DISCONNECT_FAMILY.includes(entry.name) ? DISCONNECT_FAMILY_LINES : SCREENFUL_LINES;
      if (n > limit) over.push(`${entry.name} (${lang}): ${n} lines > ${limit}`);
    }
  }
  assert.deepEqual(over, []);
  const wsd = lookupFunction('WSASendDisconnect')!;
  console.log(`hover of WSASendDisconnect: ${renderedLines(renderHover(wsd, 'en'))} lines (en), ${renderedLines(renderHover(wsd, 'ru'))} (ru); its full page: ${renderedLines(renderReferencePage(wsd, 'en'))}`);
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
