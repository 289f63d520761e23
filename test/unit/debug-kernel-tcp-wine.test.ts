// The debugger's kernel TCP state on Windows: its GetTcpTable lookup (through koffi, the sandbox's
// own reader) run in the Windows node.exe under Wine against a real loopback connection. The rest
// of the Windows path (native gdb.exe) cannot run here; debug-native-start.test.ts covers it with a
// fake gdb.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { parseMibTcpTable } from '../../sandbox/tcpTable';

const root = path.resolve(__dirname, '../..');

test('MIB_TCPTABLE rows: state, local and remote port in network order', () => {
  const buf = Buffer.alloc(4 + 2 * 20);
  buf.writeUInt32LE(2, 0);
  buf.writeUInt32LE(5, 4); // ESTABLISHED
  buf.set([127, 0, 0, 1], 4 + 4);
  buf.writeUInt16BE(50123, 4 + 8);
  buf.writeUInt16BE(27015, 4 + 16);
  buf.writeUInt32LE(7, 24); // FIN_WAIT2
  buf.set([10, 0, 0, 7], 24 + 4);
  buf.writeUInt16BE(1, 24 + 8);
  buf.writeUInt16BE(2, 24 + 16);
  assert.deepEqual(parseMibTcpTable(buf), [
    { state: 'ESTABLISHED', localPort: 50123, remotePort: 27015, localIp: '127.0.0.1' },
    { state: 'FIN_WAIT2', localPort: 1, remotePort: 2, localIp: '10.0.0.7' },
  ]);
  assert.deepEqual(parseMibTcpTable(buf.subarray(0, 30)), [{ state: 'ESTABLISHED', localPort: 50123, remotePort: 27015, localIp: '127.0.0.1' }], 'a cut row is left out');
});

test('Windows (node.exe under Wine): the Sockets scope\'s kernel state comes from GetTcpTable: ESTABLISHED, FIN_WAIT2 after the FIN, LISTEN', async () => {
  const { ensureWineNode, wineEnv } = (await import(pathToFileURL(path.join(root, 'scripts/wine-node.mjs')).href)) as {
    ensureWineNode(o?: { quiet?: boolean }): { nodeExe: string; cacheDir: string };
    wineEnv(): NodeJS.ProcessEnv;
  };
  const wine = ensureWineNode({ quiet: true });
  // Beside the cache's koffi and its win32-x64 prebuild, which node.exe loads from there.
  const driver = path.join(wine.cacheDir, 'kernel-tcp-driver.js');
  await esbuild.build({
    entryPoints: [path.join(root, 'test/packaging/kernel-tcp-driver.ts')], outfile: driver,
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['koffi'], logLevel: 'warning',
  });
  const out = path.join(wine.cacheDir, 'kernel-tcp-result.json');
  rmSync(out, { force: true });
  const r = spawnSync('wine', [wine.nodeExe, driver, out], { env: wineEnv(), stdio: 'ignore', timeout: 120_000 });
  assert.ok(existsSync(out), `no result from node.exe (exit ${r.status ?? r.signal})`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as { platform?: string; established?: string; establishedLocal?: { ip?: string; port?: number }; afterFin?: string; listening?: string; error?: string };
  assert.equal(result.error, undefined);
  assert.equal(result.platform, 'win32');
  assert.equal(result.established, 'ESTABLISHED');
  assert.equal(result.establishedLocal?.ip, '127.0.0.1', 'the row gives the local address');
  assert.equal(result.afterFin, 'FIN_WAIT2');
  assert.equal(result.listening, 'LISTEN');
});
