// The npm package `winsock-lens` as a user gets it: packed with `npm pack` from the current dist/
// (scripts/package-cli.mjs --no-build), installed into an empty folder outside the project, then
// run through npx with a PATH that holds only Node's own folder (node, npm, npx) and the basic
// system tools: no project node_modules, no global packages, nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

test('npm pack → npm install in an empty folder → npx winsock-lens lint and npx winsock-lens-lsp work with only Node', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'winsock-lens-npm-'));
  try {
    const pack = spawnSync(process.execPath, ['scripts/package-cli.mjs', '--no-build', '--out-dir', path.join(dir, 'tarball')], { cwd: root, encoding: 'utf8' });
    assert.equal(pack.status, 0, `packing failed:\n${pack.stdout}${pack.stderr}`);
    console.log(pack.stdout.trim());
    const tarball = path.join(dir, 'tarball', 'winsock-lens-0.1.0.tgz');
    assert.ok(existsSync(tarball), 'the tarball npm pack made');

    const user = path.join(dir, 'user');
    mkdirSync(user);
    const env: NodeJS.ProcessEnv = {
      PATH: [path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
      HOME: path.join(dir, 'home'),
      npm_config_cache: path.join(dir, 'npm-cache'),
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    };
    const install = spawnSync('npm', ['install', '--no-package-lock', tarball], { cwd: user, env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(install.status, 0, `npm install of the tarball failed:\n${install.stdout}${install.stderr}`);
    assert.ok(existsSync(path.join(user, 'node_modules/.bin/winsock-lens')), 'the bin link');

    copyFileSync(path.join(root, 'examples/tcp_reconnect.c'), path.join(user, 'tcp_reconnect.c'));
    copyFileSync(path.join(root, 'examples/echo_client.c'), path.join(user, 'echo_client.c'));
    const lint = spawnSync('npx', ['--no-install', 'winsock-lens', 'lint', '.'], { cwd: user, env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(lint.error, undefined);
    assert.match(lint.stdout, /tcp_reconnect\.c:49:\d+: warning: .*\[reuse-after-disconnect\]/, `lint output:\n${lint.stdout}${lint.stderr}`);
    assert.match(lint.stdout + lint.stderr, /2 file\(s\) checked/, 'the summary counts both files');
    assert.doesNotMatch(lint.stdout, /echo_client\.c:\d+/, 'the clean example has no findings');
    assert.equal(lint.status, 0, 'warnings only: exit 0');

    const sarif = spawnSync('npx', ['--no-install', 'winsock-lens', 'lint', '--format', 'sarif', 'tcp_reconnect.c'], { cwd: user, env, encoding: 'utf8', timeout: 120_000 });
    const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[] }[] };
    assert.ok(log.runs[0]!.results.some((r) => r.ruleId === 'reuse-after-disconnect'), 'SARIF from the packed CLI');

    const lsp = spawnSync('npx', ['--no-install', 'winsock-lens-lsp', '--version'], { cwd: user, env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(lsp.status, 0, lsp.stderr);
    assert.equal(lsp.stdout.trim(), '0.1.0');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
