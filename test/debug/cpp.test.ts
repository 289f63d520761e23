// A C++ program built by the adapter runs under Wine: the standard library's runtime (libstdc++,
// libgcc) is linked in (-static), since its MinGW DLLs are on no path Wine or a Windows user has.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launchArgs, leftovers, newClient, waitFor } from './helpers';

describe('a C++ program under Wine', { timeout: 300_000 }, () => {
  const dc = newClient();
  after(async () => {
    await dc.stop().catch(() => {});
  });

  it('with iostream, string and vector: runs to its end, its output and its calls journalled', async () => {
    const output: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => output.push(e.body.output));
    await dc.start();
    const terminated = dc.waitForEvent('terminated', 180_000);
    const init = dc.waitForEvent('initialized', 120_000);
    const launched = dc.launch(launchArgs('cpp_client.cpp'));
    await init;
    await dc.configurationDoneRequest();
    await launched;
    await terminated;
    const text = output.join('');
    assert.match(text, /Building cpp_client\.cpp with x86_64-w64-mingw32-g\+\+/);
    assert.match(text, /hello from C\+\+, 2 sockets/);
    assert.equal((text.match(/\[winsock\] closesocket\(/g) ?? []).length, 2, text);
    assert.match(text, /The program exited with code 0\./);
    await waitFor('no process left', () => (leftovers().length === 0 ? true : undefined), 20_000).catch(() => assert.deepEqual(leftovers(), []));
  });
});
