import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupErrorByValue, lookupSymbol } from '../../core/model/registry';

test('an error code is found by name and by number', () => {
  const byName = lookupSymbol('WSAESHUTDOWN');
  assert.equal(byName?.kind, 'error');
  assert.equal(lookupErrorByValue(10058), byName);
  assert.equal(lookupErrorByValue(12345), undefined);
});
