// The Winsock model as a whole holds together: names resolve, texts exist in both languages,
// numbers are the SDK's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allEntries, lookupErrorByValue, lookupSymbol } from '../../core/model/registry';
import { localizedFields } from '../../core/model/facts/text';
import { transitionProblems } from '../../core/model/stateMachine';
import type { ApiEntry, FunctionEntry } from '../../core/model/types';

const entries = allEntries();
const functions = entries.filter((e): e is FunctionEntry => e.kind === 'function');

function namesOf(e: ApiEntry): string[] {
  return e.kind === 'type' || e.kind === 'error' ? [e.name, ...e.aliases] : [e.name];
}

test('the model is not empty', () => {
  const count = (kind: ApiEntry['kind']) => entries.filter((e) => e.kind === kind).length;
  assert.ok(count('function') >= 13, `functions: ${count('function')}`);
  assert.ok(count('error') >= 60, `errors: ${count('error')}`);
  assert.ok(count('constant') >= 40, `constants: ${count('constant')}`);
  assert.ok(count('type') >= 8, `types: ${count('type')}`);
});

test('no name or alias is defined twice', () => {
  const seen = new Map<string, string>();
  const dupes: string[] = [];
  for (const e of entries) {
    for (const n of namesOf(e)) {
      if (seen.has(n)) dupes.push(`${n} (${seen.get(n)} and ${e.kind})`);
      seen.set(n, e.kind);
    }
  }
  assert.deepEqual(dupes, []);
});

test('every error code a function documents or a transition gives exists in the error table', () => {
  const missing: string[] = [];
  for (const fn of functions) {
    for (const code of [...fn.errors.map((e) => e.code), ...(fn.transitions ?? []).flatMap((t) => (t.error ? [t.error] : []))]) {
      if (lookupSymbol(code)?.kind !== 'error') missing.push(`${fn.name}: ${code}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every related name resolves to an entry of the model', () => {
  const unresolved = entries.flatMap((e) => e.related.filter((r) => !lookupSymbol(r)).map((r) => `${e.name} → ${r}`));
  assert.deepEqual(unresolved, []);
});

test('every text exists in English and Russian, and the Russian one is Russian', () => {
  const problems: string[] = [];
  for (const e of entries) {
    for (const { path, text } of localizedFields(e)) {
      if (!text.en.trim()) problems.push(`${e.name}.${path}: empty English`);
      else if (/[а-яё]/i.test(text.en)) problems.push(`${e.name}.${path}: Cyrillic in the English text`);
      if (!text.ru.trim()) problems.push(`${e.name}.${path}: empty Russian`);
      else if (!/[а-яё]/i.test(text.ru)) problems.push(`${e.name}.${path}: the Russian text has no Cyrillic`);
      if (text.en.trim() && text.en === text.ru) problems.push(`${e.name}.${path}: Russian = English`);
    }
  }
  assert.deepEqual(problems, []);
});

test('functions: signatures name the function and its parameters, remark ids are unique, transition rows are well-formed', () => {
  const problems: string[] = [];
  for (const fn of functions) {
    if (!fn.signature.includes(fn.name)) problems.push(`${fn.name}: the signature does not name it`);
    for (const p of fn.params) if (!new RegExp(`\\b${p.name}\\b`).test(fn.signature)) problems.push(`${fn.name}: ${p.name} not in the signature`);
    const ids = fn.remarks.map((r) => r.id);
    if (new Set(ids).size !== ids.length) problems.push(`${fn.name}: duplicate remark ids`);
    const codes = fn.errors.map((e) => e.code);
    if (new Set(codes).size !== codes.length) problems.push(`${fn.name}: an error listed twice`);
    for (const key of ['header', 'library', 'dll', 'minClient', 'minServer'] as const) {
      if (!fn.requirements[key].trim()) problems.push(`${fn.name}: requirements.${key} empty`);
    }
    if (fn.roles.length === 0) problems.push(`${fn.name}: no roles`);
    problems.push(...transitionProblems(fn));
  }
  assert.deepEqual(problems, []);
});

test('error numbers are unique and found by number', () => {
  for (const e of entries) {
    if (e.kind !== 'error') continue;
    assert.equal(lookupErrorByValue(e.value), e, `${e.name} (${e.value}) shares its number`);
  }
});

// The numbers of docs/winsock-facts.md ("Numeric values"), checked against the SDK header values.
const FACT_NUMBERS: Readonly<Record<string, number>> = {
  SOCKET_ERROR: -1,
  WSAEINTR: 10004,
  WSAEFAULT: 10014,
  WSAEINVAL: 10022,
  WSAEWOULDBLOCK: 10035,
  WSAEINPROGRESS: 10036,
  WSAENOTSOCK: 10038,
  WSAENOPROTOOPT: 10042,
  WSAEOPNOTSUPP: 10045,
  WSAENETDOWN: 10050,
  WSAECONNABORTED: 10053,
  WSAECONNRESET: 10054,
  WSAEISCONN: 10056,
  WSAENOTCONN: 10057,
  WSAESHUTDOWN: 10058,
  WSANOTINITIALISED: 10093,
  WSAEDISCON: 10101,
  ERROR_IO_PENDING: 997,
  WSA_IO_PENDING: 997,
  ERROR_OPERATION_ABORTED: 995,
  WSA_OPERATION_ABORTED: 995,
  SD_RECEIVE: 0,
  SD_SEND: 1,
  SD_BOTH: 2,
  TF_DISCONNECT: 0x01,
  TF_REUSE_SOCKET: 0x02,
  SO_LINGER: 0x0080,
  SO_DONTLINGER: ~0x0080,
  XP1_DISCONNECT_DATA: 0x100,
  XP1_CONNECTIONLESS: 0x1,
  XP1_GUARANTEED_DELIVERY: 0x2,
  XP1_GUARANTEED_ORDER: 0x4,
  XP1_MESSAGE_ORIENTED: 0x8,
  XP1_PSEUDO_STREAM: 0x10,
  XP1_GRACEFUL_CLOSE: 0x20,
  XP1_EXPEDITED_DATA: 0x40,
  XP1_CONNECT_DATA: 0x80,
  XP1_SUPPORT_BROADCAST: 0x200,
  XP1_SUPPORT_MULTIPOINT: 0x400,
  XP1_QOS_SUPPORTED: 0x2000,
  SO_PROTOCOL_INFOA: 0x2004,
  SO_PROTOCOL_INFOW: 0x2005,
  SO_PROTOCOL_INFO: 0x2005,
  // Further SDK values the other surfaces rely on.
  WSA_INVALID_HANDLE: 6,
  WSA_NOT_ENOUGH_MEMORY: 8,
  WSA_INVALID_PARAMETER: 87,
  WSA_IO_INCOMPLETE: 996,
  WSAEADDRINUSE: 10048,
  WSAETIMEDOUT: 10060,
  WSAECONNREFUSED: 10061,
  WSASYSNOTREADY: 10091,
  WSAVERNOTSUPPORTED: 10092,
  WSAEREFUSED: 10112,
  WSAHOST_NOT_FOUND: 11001,
  WSANO_DATA: 11004,
  SOL_SOCKET: 0xffff,
  FIONBIO: 0x8004667e,
  SIO_GET_EXTENSION_FUNCTION_POINTER: 0xc8000006,
  AF_INET: 2,
  AF_INET6: 23,
  SOCK_STREAM: 1,
  SOCK_DGRAM: 2,
  IPPROTO_TCP: 6,
  IPPROTO_UDP: 17,
  FD_CLOSE: 0x20,
};

test('numbers match winsock-facts.md and the SDK', () => {
  const wrong: string[] = [];
  for (const [name, value] of Object.entries(FACT_NUMBERS)) {
    const e = lookupSymbol(name);
    const actual = e?.kind === 'error' ? e.value : e?.kind === 'constant' ? e.numeric : undefined;
    if (actual !== value) wrong.push(`${name}: model ${actual}, expected ${value}`);
  }
  assert.deepEqual(wrong, []);
});

test('the Winsock error numbers run without gaps where the header has none (10004 … 10071, 10091 … 10093, 10101 … 10112, 11001 … 11031)', () => {
  const expected = [
    10004, 10009, 10013, 10014, 10022, 10024,
    ...Array.from({ length: 10071 - 10035 + 1 }, (_, i) => 10035 + i),
    10091, 10092, 10093,
    ...Array.from({ length: 10112 - 10101 + 1 }, (_, i) => 10101 + i),
    ...Array.from({ length: 11031 - 11001 + 1 }, (_, i) => 11001 + i),
  ];
  const missing = expected.filter((n) => !lookupErrorByValue(n));
  assert.deepEqual(missing, []);
});

test('the GUIDs of the extension functions are the SDK\'s', () => {
  const guid = (name: string) => {
    const e = lookupSymbol(name);
    return e?.kind === 'constant' ? e.value.replace(/\s/g, '').toLowerCase() : undefined;
  };
  assert.equal(guid('WSAID_DISCONNECTEX'), '{0x7fda2e11,0x8630,0x436f,{0xa0,0x31,0xf5,0x36,0xa6,0xee,0xc1,0x57}}');
  const disconnectEx = lookupSymbol('DisconnectEx');
  const own = disconnectEx?.kind === 'function' ? disconnectEx.extension?.guid.replace(/\s/g, '').toLowerCase() : undefined;
  assert.equal(own, guid('WSAID_DISCONNECTEX'));
});
