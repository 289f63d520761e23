// The WSASendDisconnect entry carries every fact of its reference page, in English and in Russian.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupFunction } from '../../core/model/registry';
import { entryText } from '../../core/model/facts/text';
import {
  missingFacts,
  wsaSendDisconnectErrors,
  wsaSendDisconnectFacts,
  wsaSendDisconnectSeeAlso,
} from '../../core/model/facts/wsasenddisconnect';
import type { FunctionEntry, Lang } from '../../core/model/types';
import { renderReferencePage } from '../../core/hover/render';

const LANGS: readonly Lang[] = ['en', 'ru'];

function entry(): FunctionEntry {
  const fn = lookupFunction('WSASendDisconnect');
  assert.ok(fn, 'WSASendDisconnect is missing from the model');
  return fn;
}

for (const lang of LANGS) {
  test(`WSASendDisconnect states every fact of its page (${lang})`, () => {
    const missing = missingFacts(wsaSendDisconnectFacts, entryText(entry(), lang), lang);
    assert.deepEqual(missing, [], `facts missing in ${lang}: ${missing.join(', ')}`);
  });
}

for (const lang of LANGS) {
  test(`the full reference page of WSASendDisconnect shows every fact of its SDK page (${lang})`, () => {
    // The hover is short; what it leaves out must be on the page it links to.
    const missing = missingFacts(wsaSendDisconnectFacts, renderReferencePage(entry(), lang), lang);
    assert.deepEqual(missing, [], `facts missing from the ${lang} page: ${missing.join(', ')}`);
  });
}

test('the fact check notices a missing fact (a remark removed from the entry)', () => {
  const full = entry();
  const withoutClose: FunctionEntry = { ...full, remarks: full.remarks.filter((r) => r.id !== 'does-not-close') };
  for (const lang of LANGS) {
    const missing = missingFacts(wsaSendDisconnectFacts, entryText(withoutClose, lang), lang);
    assert.ok(missing.includes('does-not-close'), `${lang}: removing the remark was not noticed (${missing.join(', ')})`);
  }
});

test('WSASendDisconnect documents exactly the seven errors of its page, each with a condition in both languages', () => {
  const fn = entry();
  assert.deepEqual(fn.errors.map((e) => e.code).sort(), Object.keys(wsaSendDisconnectErrors).sort());
  for (const e of fn.errors) {
    for (const lang of LANGS) {
      const when = e.when[lang];
      assert.ok(when.trim().length > 0, `${e.code}: empty condition in ${lang}`);
      if (lang === 'ru') assert.match(when, /[а-яё]/i, `${e.code}: the Russian condition has no Cyrillic`);
      for (const re of wsaSendDisconnectErrors[e.code]?.[lang] ?? []) {
        assert.match(when, re, `${e.code} (${lang}): the condition does not state ${re}`);
      }
    }
  }
});

test('WSASendDisconnect: parameters, return convention, requirements, see-also, deprecation', () => {
  const fn = entry();
  assert.deepEqual(
    fn.params.map((p) => [p.name, p.type, p.direction, p.optional]),
    [
      ['s', 'SOCKET', 'in', false],
      ['lpOutboundDisconnectData', 'LPWSABUF', 'in', true],
    ],
  );
  assert.equal(fn.returns.convention, 'zero-or-socket-error');
  assert.equal(fn.requirements.library, 'Ws2_32.lib');
  assert.equal(fn.requirements.dll, 'Ws2_32.dll');
  assert.match(fn.requirements.header, /^winsock2\.h/);
  assert.match(fn.requirements.minClient, /Windows 2000 Professional/);
  assert.match(fn.requirements.minServer, /Windows 2000 Server/);
  for (const name of wsaSendDisconnectSeeAlso) assert.ok(fn.related.includes(name), `related lacks ${name}`);
  assert.equal(fn.deprecated?.replacement, 'WSASend');
  assert.equal(fn.socketParam, 0);
  assert.ok(fn.roles.includes('disconnect-send'));
  const keyIds = fn.remarks.filter((r) => r.key).map((r) => r.id);
  for (const id of ['like-shutdown-sd-send', 'tcp-no-disconnect-data', 'does-not-close', 'does-not-block']) {
    assert.ok(keyIds.includes(id), `remark ${id} should be shown in the hover (key: true)`);
  }
});
