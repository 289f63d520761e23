// The debugger's launch configuration: the typed attributes in debug-adapter/launchArgs.ts and
// package.json's `debuggers` contribution list the same names; every contributed string has an
// English and a Russian text; the adapter's own messages exist in both languages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createServer, connect, type AddressInfo } from 'node:net';
import { LAUNCH_ATTRIBUTES, launchArgumentProblem } from '../../debug-adapter/launchArgs';
import { startPeer } from '../../debug-adapter/peer';
import { allMessages, msg, pickLanguage } from '../../debug-adapter/strings';
import { isSourceProgram, parseCompilerOutput } from '../../debug-adapter/program/compile';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const nlsRu = JSON.parse(readFileSync(path.join(root, 'package.nls.ru.json'), 'utf8'));

describe('debugger launch configuration', () => {
  const dbg = pkg.contributes.debuggers.find((d: { type: string }) => d.type === 'winsock-lens');

  it('package.json declares exactly the attributes the adapter reads', () => {
    assert.deepEqual(Object.keys(dbg.configurationAttributes.launch.properties).sort(), [...LAUNCH_ATTRIBUTES].sort());
  });

  it('every %key% of the debugger contribution has an English and a Russian text', () => {
    const keys = [...JSON.stringify(dbg).matchAll(/%([\w.-]+)%/g)].map((m) => m[1] as string);
    assert.ok(keys.length > 20);
    for (const k of keys) {
      assert.ok(nls[k], `package.nls.json has ${k}`);
      assert.ok(nlsRu[k], `package.nls.ru.json has ${k}`);
    }
  });

  it('activates on the debug events and offers breakpoints in C and C++', () => {
    assert.ok(pkg.activationEvents.includes('onDebugResolve:winsock-lens'));
    assert.ok(pkg.activationEvents.includes('onDebugDynamicConfigurations:winsock-lens'));
    assert.deepEqual(pkg.contributes.breakpoints, [{ language: 'c' }, { language: 'cpp' }]);
  });

  it('refuses bad arguments with a message key', () => {
    assert.equal(launchArgumentProblem({})?.key, 'noProgram');
    assert.equal(launchArgumentProblem({ program: 'notes.txt' })?.key, 'badProgram');
    assert.equal(launchArgumentProblem({ program: 'a.c', peer: 'shouty' as never })?.key, 'badPeer');
    assert.equal(launchArgumentProblem({ program: 'a.cpp', peer: { behaviour: 'echo' } }), undefined);
    assert.equal(launchArgumentProblem({ program: 'a.cpp', peer: { behaviour: 'echo', port: 27015 } }), undefined);
    for (const port of [0, 65536, 80.5, '27015' as never, -1]) assert.deepEqual(launchArgumentProblem({ program: 'a.c', peer: { behaviour: 'sink', port } }), { key: 'badPeerPort', detail: JSON.stringify(port) }, String(port));
  });

  it('starts the peer on the port given, and a busy port fails with its code (real sockets on 127.0.0.1)', async () => {
    // A port that was free a moment ago: listen on 0, read it, close.
    const free = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const peer = await startPeer({ behaviour: 'echo', port: free }, () => {});
    try {
      assert.equal(peer.port, free);
      const echoed = await new Promise<string>((resolve, reject) => {
        const c = connect(free, '127.0.0.1', () => c.write('ping'));
        c.once('data', (d) => {
          resolve(d.toString());
          c.destroy();
        });
        c.once('error', reject);
      });
      assert.equal(echoed, 'ping');
      await assert.rejects(startPeer({ behaviour: 'sink', port: free }, () => {}), (e: NodeJS.ErrnoException) => e.code === 'EADDRINUSE');
    } finally {
      await peer.stop();
    }
    const chosen = await startPeer('sink', () => {});
    assert.ok(chosen.port > 0 && chosen.port !== free);
    await chosen.stop();
  });

  it('reads gcc diagnostics and tells sources from executables', () => {
    assert.deepEqual(parseCompilerOutput("broken.c:5:12: error: 'x' undeclared (first use in this function)\nbroken.c: In function 'main':"), [
      { file: 'broken.c', line: 5, column: 12, severity: 'error', text: "'x' undeclared (first use in this function)" },
    ]);
    assert.equal(isSourceProgram('a.cpp'), true);
    assert.equal(isSourceProgram('a.exe'), false);
  });
});

describe('debug adapter messages', () => {
  it('has every message in English and Russian, with the same placeholders', () => {
    for (const [key, m] of Object.entries(allMessages())) {
      assert.ok(m.en && m.ru, key);
      const ph = (s: string) => [...s.matchAll(/\{\d\}/g)].map((x) => x[0]).sort().join();
      assert.equal(ph(m.ru), ph(m.en), `placeholders of ${key}`);
    }
  });
  it('picks the language from the client or LANG', () => {
    assert.equal(pickLanguage('ru'), 'ru');
    assert.equal(pickLanguage(undefined, { LANG: 'ru_RU.UTF-8' }), 'ru');
    assert.equal(pickLanguage(undefined, { LANG: 'C' }), 'en');
    assert.equal(msg('ru', 'failureStop', 'send', 'WSAESHUTDOWN'), 'send завершился ошибкой: WSAESHUTDOWN');
  });
});
