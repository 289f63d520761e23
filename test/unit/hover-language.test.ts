import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseDocsLanguage } from '../../core/hover/language';

test('explicit settings win over the display language', () => {
  assert.equal(chooseDocsLanguage('en', 'ru'), 'en');
  assert.equal(chooseDocsLanguage('ru', 'en'), 'ru');
});

test('auto follows the display language: ru and ru-* are Russian, everything else English', () => {
  for (const d of ['ru', 'ru-RU', 'RU', 'ru_ru']) assert.equal(chooseDocsLanguage('auto', d), 'ru', d);
  for (const d of ['en', 'en-US', 'de', 'zh-cn', 'run', '']) assert.equal(chooseDocsLanguage('auto', d), 'en', d);
});

test('a missing or unknown setting value behaves as auto', () => {
  assert.equal(chooseDocsLanguage(undefined, 'ru'), 'ru');
  assert.equal(chooseDocsLanguage('fr', 'ru-RU'), 'ru');
  assert.equal(chooseDocsLanguage('fr', 'en'), 'en');
});
