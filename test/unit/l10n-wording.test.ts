// The wording rules of the Russian texts, and the rule of which setting governs which string:
// one word for the peer everywhere, plural forms written as a Russian speaker writes them, no
// untranslated SDK phrases on Russian pages, and every string the extension writes through
// extension/uiText.ts present in the Russian bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LABELS, russianPlural } from '../../core/hover/labels';
import { renderHover, renderReferencePage } from '../../core/hover/render';
import { allEntries } from '../../core/model/registry';

const ROOT = path.resolve(__dirname, '../..');

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    return statSync(path.join(ROOT, rel)).isDirectory() ? files(rel, ext) : ext.test(name) ? [rel] : [];
  });
}

// The peer of a connection is "удалённая сторона" in the lint, the hover and the sandbox alike.
const OTHER_PEER_WORDS = /собеседни\p{L}*|партн[её]р\p{L}*/giu;

test('one Russian word for the peer: "удалённая сторона" everywhere (lint, hover, sandbox, manifest)', () => {
  const sources = [
    ...files('core', /\.ts$/),
    ...files('extension', /\.ts$/),
    ...files('sandbox', /\.ts$/),
    ...files('webview', /\.(ts|js|html)$/),
    'l10n/bundle.l10n.ru.json',
    'package.nls.ru.json',
  ];
  const found: string[] = [];
  for (const rel of sources) {
    const text = readFileSync(path.join(ROOT, rel), 'utf8');
    for (const m of text.matchAll(OTHER_PEER_WORDS)) found.push(`${rel}: ${m[0]}`);
  }
  assert.deepEqual(found, []);
  const bundle = JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.ru.json'), 'utf8')) as Record<string, string>;
  assert.match(bundle['Loopback peer'] ?? '', /удалённая сторона/i);
});

test('Russian plural forms: 1 примечание, 3 примечания, 7 примечаний, 11 примечаний, 21 примечание, 22 примечания', () => {
  const cases: [number, string][] = [[1, 'примечание'], [3, 'примечания'], [7, 'примечаний'], [11, 'примечаний'], [12, 'примечаний'], [21, 'примечание'], [22, 'примечания'], [25, 'примечаний']];
  for (const [n, word] of cases) {
    assert.equal(russianPlural(n, 'примечание', 'примечания', 'примечаний'), word, String(n));
    assert.equal(LABELS.ru.moreRemarks(n), `Ещё ${n} ${word} — на полной странице.`);
  }
  assert.equal(LABELS.en.moreRemarks(1), '1 more remark on the full page.');
  assert.equal(LABELS.en.moreRemarks(7), '7 more remarks on the full page.');
});

test('Russian pages and hovers carry no untranslated SDK phrases, and table headers are capitalised', () => {
  for (const entry of allEntries()) {
    for (const md of [renderReferencePage(entry, 'ru'), renderHover(entry, 'ru')]) {
      for (const phrase of ['[desktop apps only]', '[desktop apps | UWP apps]', 'through the service provider', 'pointer from WSAIoctl']) {
        assert.ok(!md.includes(phrase), `${entry.name}: "${phrase}" untranslated`);
      }
      assert.ok(!/\| когда \|/.test(md), `${entry.name}: the lower-case "когда" header`);
    }
  }
  const C = LABELS.ru.errorColumns;
  for (const h of [C.code, C.value, C.when]) assert.match(h, /^\p{Lu}/u, h);
});

test('every string the extension writes through uiText has a Russian translation', () => {
  const bundle = JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.ru.json'), 'utf8')) as Record<string, string>;
  const missing: string[] = [];
  for (const rel of files('extension', /\.ts$/)) {
    const text = readFileSync(path.join(ROOT, rel), 'utf8');
    // ui.t('…') and the sandbox panel's t('…') with a literal first argument.
    for (const m of text.matchAll(/\b(?:ui\.)?t\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)) {
      if (m[1] === '`' && m[2]!.includes('${')) continue;
      const message = m[2]!.replace(/\\(['"`\\])/g, '$1');
      if (!(message in bundle)) missing.push(`${rel}: ${message}`);
    }
  }
  assert.deepEqual(missing, []);
});
