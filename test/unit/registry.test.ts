import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allEntries, lookupErrorByValue, lookupFunction, lookupSymbol } from '../../core/model/registry';

test('an error code is found by name and by number', () => {
  const byName = lookupSymbol('WSAESHUTDOWN');
  assert.equal(byName?.kind, 'error');
  assert.equal(lookupErrorByValue(10058), byName);
  assert.equal(lookupErrorByValue(12345), undefined);
});

test('aliases lead to the same entry as the name', () => {
  const pairs: [string, string][] = [
    ['ERROR_IO_PENDING', 'WSA_IO_PENDING'],
    ['ERROR_OPERATION_ABORTED', 'WSA_OPERATION_ABORTED'],
    ['LPWSABUF', 'WSABUF'],
    ['WSAPROTOCOL_INFO', 'WSAPROTOCOL_INFOW'],
    ['LPWSAPROTOCOL_INFOA', 'WSAPROTOCOL_INFOA'],
    ['linger', 'LINGER'],
    ['LPWSAOVERLAPPED', 'OVERLAPPED'],
  ];
  for (const [alias, name] of pairs) {
    const entry = lookupSymbol(name);
    assert.ok(entry, `${name} is missing`);
    assert.equal(lookupSymbol(alias), entry, `${alias} does not lead to ${name}`);
  }
  assert.equal(lookupErrorByValue(997)?.name, 'WSA_IO_PENDING', 'a number gives the canonical name, not an alias');
});

test('lookupFunction finds functions only; names are case-sensitive as in C', () => {
  assert.equal(lookupFunction('WSASendDisconnect')?.kind, 'function');
  assert.equal(lookupFunction('WSABUF'), undefined);
  assert.equal(lookupFunction('SD_SEND'), undefined);
  assert.equal(lookupSymbol('wsasenddisconnect'), undefined);
  assert.equal(lookupSymbol('SD_SEND')?.kind, 'constant');
});

test('allEntries lists every entry once, aliases not repeated', () => {
  const all = allEntries();
  assert.equal(new Set(all).size, all.length);
  assert.equal(all.filter((e) => e.name === 'WSA_IO_PENDING').length, 1);
  assert.ok(!all.some((e) => e.name === 'ERROR_IO_PENDING'));
  for (const e of all) assert.equal(lookupSymbol(e.name), e, `${e.name} does not look up to itself`);
});
