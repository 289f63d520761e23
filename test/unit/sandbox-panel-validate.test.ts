// The host-side check of webview messages: only exact WebviewToHost shapes pass, with addresses
// limited to 'peer' and loopback unless remote hosts are allowed; everything else is refused with a
// message that says what and where.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackLiteral } from '../../core/sandbox/loopback';
import { validateWebviewMessage, ValidationError } from '../../core/sandbox/validateWebview';

const loopbackOnly = { allowRemoteHosts: false };
const refuse = (msg: unknown, pattern: RegExp, options = loopbackOnly) =>
  assert.throws(() => validateWebviewMessage(msg, options), (e: unknown) => e instanceof ValidationError && pattern.test(e.message));

test('the simple messages pass as they are', () => {
  for (const type of ['ready', 'clear', 'restart', 'exportC'] as const) assert.deepEqual(validateWebviewMessage({ type }, loopbackOnly), { type });
});

test('a call passes through validateCall: known functions, fields and ranges only', () => {
  assert.deepEqual(validateWebviewMessage({ type: 'call', call: { fn: 'WSASendDisconnect', socket: 7, data: null } }, loopbackOnly), {
    type: 'call',
    call: { fn: 'WSASendDisconnect', socket: 7, data: null },
  });
  assert.deepEqual(validateWebviewMessage({ type: 'call', call: { fn: 'shutdown', socket: 3, how: 'SD_BOTH' } }, loopbackOnly).type, 'call');
  refuse({ type: 'call', call: { fn: 'shutdown', socket: 3, how: 'SD_SIDEWAYS' } }, /call\.how: expected one of SD_RECEIVE, SD_SEND, SD_BOTH/);
  refuse({ type: 'call', call: { fn: 'send', socket: -1, text: 'x' } }, /call\.socket: expected an integer/);
  refuse({ type: 'call', call: { fn: 'send', socket: 1.5, text: 'x' } }, /call\.socket/);
  refuse({ type: 'call', call: { fn: 'recv', socket: 1, maxBytes: 0 } }, /call\.maxBytes/);
  refuse({ type: 'call', call: { fn: 'setsockopt', socket: 1, option: { name: 'SO_LINGER', onoff: 1 } } }, /call\.option\.linger/);
  refuse({ type: 'call', call: { fn: 'system', command: 'rm -rf /' } }, /call\.fn: unknown function "system"/);
  refuse({ type: 'call', call: { fn: 'closesocket', socket: 1, extra: true } }, /unexpected field "extra"/);
  refuse({ type: 'call' }, /call: expected an object/);
});

test('lengths are bounded: a text over 64 KiB, a whole message over the limit', () => {
  refuse({ type: 'call', call: { fn: 'send', socket: 1, text: 'x'.repeat(65537) } }, /at most 65536/);
  refuse({ type: 'call', call: { fn: 'send', socket: 1, text: 'x'.repeat(80000) } }, /characters long; at most 70000/);
});

test('addresses: the peer and loopback only, unless remote hosts are allowed', () => {
  const connect = (address: string) => ({ type: 'call', call: { fn: 'connect', socket: 4, address, port: 80 } });
  for (const a of ['peer', '127.0.0.1', '127.255.0.9', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost']) {
    assert.equal(validateWebviewMessage(connect(a), loopbackOnly).type, 'call', a);
  }
  for (const a of ['10.0.0.1', '8.8.8.8', '128.0.0.1', '::2', 'example.com', '127.0.0.256', '']) refuse(connect(a), /not 'peer' or a loopback address/);
  assert.equal(validateWebviewMessage(connect('8.8.8.8'), { allowRemoteHosts: true }).type, 'call');
  refuse({ type: 'call', call: { fn: 'bind', socket: 4, address: '0.0.0.0', port: 0 } }, /loopback/);
  refuse({ type: 'call', call: { fn: 'bind', socket: 4, address: 'peer', port: 0 } }, /loopback/);
  assert.equal(isLoopbackLiteral('127.0.0.1'), true);
  assert.equal(isLoopbackLiteral('1.27.0.0'), false);
});

test('recipes and peer behaviours: only the known names', () => {
  assert.deepEqual(validateWebviewMessage({ type: 'recipe', recipe: 'send-after-disconnect' }, loopbackOnly), { type: 'recipe', recipe: 'send-after-disconnect' });
  refuse({ type: 'recipe', recipe: 'format-disk' }, /message\.recipe: expected one of graceful-close/);
  assert.deepEqual(validateWebviewMessage({ type: 'peer', behaviour: 'abortive-reset' }, loopbackOnly), { type: 'peer', behaviour: 'abortive-reset' });
  refuse({ type: 'peer', behaviour: 'chatty' }, /message\.behaviour/);
  refuse({ type: 'peer' }, /message\.behaviour/);
});

test('anything else is refused, never half-accepted', () => {
  refuse(null, /expected an object/);
  refuse('ready', /expected an object/);
  refuse([{ type: 'ready' }], /expected an object/);
  refuse({}, /unknown message type undefined/);
  refuse({ type: 'eval', code: '1' }, /unknown message type "eval"/);
  refuse({ type: 'ready', extra: 1 }, /unexpected field "extra"/);
  refuse({ type: 'clear', y: 2 }, /unexpected field "y"/);
  // An object with a prototype other than Object's is not plain data, whatever its own fields.
  refuse({ type: 'clear', __proto__: { x: 1 } }, /expected an object/);
  const cyclic: Record<string, unknown> = { type: 'ready' };
  cyclic['self'] = cyclic;
  refuse(cyclic, /not plain JSON data/);
});
