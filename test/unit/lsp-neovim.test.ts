// winsock-lens-lsp with a real client nobody here wrote: Neovim's built-in LSP client, headless
// (Debian's neovim). test/lsp/neovim-client.lua opens a copy of examples/tcp_reconnect.c, waits for
// the diagnostics, hovers WSASendDisconnect, applies "Disable reuse-after-disconnect for this line"
// and waits for that diagnostic to go; this test checks what Neovim saw. The client's settings turn
// disconnect-data-on-tcp off, which reaches the server only through workspace/configuration; the
// project's .winsock-lens.json beside the file makes reuse-after-disconnect an error.
// Needs dist/winsock-lens-lsp.js (`node esbuild.mjs`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const server = path.join(root, 'dist/winsock-lens-lsp.js');

interface SeenDiagnostic {
  lnum: number; col: number; code?: string; href?: string; source?: string; severity?: number; message: string;
  related?: { location: { uri: string; range: { start: { line: number } } }; message: string }[];
}
interface NeovimResult {
  steps: string[]; error?: string;
  diagnostics?: SeenDiagnostic[]; diagnostics_after?: SeenDiagnostic[]; diagnostics_ms?: number;
  hover?: string; hover_kind?: string; hover_ms?: number;
  actions?: string[]; line_after_edit?: string[];
}

test('Neovim (headless, its own LSP client) shows the diagnostics and hover of winsock-lens-lsp and applies its quick fix; settings and the project config apply', async () => {
  assert.equal(spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status, 0, 'nvim is not installed: run `bash scripts/install-system-deps.sh` (Debian package neovim)');
  assert.ok(existsSync(server), `${server} is missing: run \`node esbuild.mjs\` first`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'winsock-lens-nvim-'));
  try {
    const file = path.join(dir, 'tcp_reconnect.c');
    copyFileSync(path.join(root, 'examples/tcp_reconnect.c'), file);
    writeFileSync(path.join(dir, '.winsock-lens.json'), '{\n  // raised from its default (warning)\n  "rules": { "reuse-after-disconnect": "error" }\n}\n');
    const out = path.join(dir, 'result.json');
    const env = {
      ...process.env,
      WL_SERVER: server, WL_NODE: process.execPath, WL_FILE: file, WL_OUT: out,
      WL_SETTINGS: JSON.stringify({ winsockLens: { docs: { language: 'en' }, lint: { rules: { 'disconnect-data-on-tcp': 'off' } } } }),
      WL_HOVER_WORD: 'WSASendDisconnect', WL_ACTION_RULE: 'reuse-after-disconnect', WL_TIMEOUT_MS: '30000',
      XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data'), XDG_STATE_HOME: path.join(dir, 'state'), XDG_CACHE_HOME: path.join(dir, 'cache'),
    };
    let stderr = '';
    const exit = await new Promise<number | string>((resolve) => {
      const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-S', path.join(root, 'test/lsp/neovim-client.lua')], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr.on('data', (d) => (stderr += d));
      // The script's own waits end at 30 s each; this is the deadline for the whole session.
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve(code ?? String(signal));
      });
    });
    assert.ok(existsSync(out), `Neovim wrote no result (exit ${exit}):\n${stderr}`);
    const r = JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
    assert.equal(r.error, undefined, `the Neovim session failed at ${r.error}\n${stderr}`);
    console.log(`Neovim: first diagnostics after ${r.diagnostics_ms?.toFixed(0)} ms (server start included), hover answered in ${r.hover_ms?.toFixed(0)} ms`);

    const diagnostics = r.diagnostics ?? [];
    const reuse = diagnostics.find((d) => d.code === 'reuse-after-disconnect');
    assert.ok(reuse, `the reuse-after-disconnect diagnostic (examples/EXPECTED-FINDINGS.md, tcp_reconnect.c:49); got ${JSON.stringify(diagnostics)}`);
    assert.equal(reuse.lnum, 48, 'on line 49');
    assert.equal(reuse.source, 'winsock-lens');
    assert.equal(reuse.severity, 1, 'an error (Neovim: 1), as the project\'s .winsock-lens.json says (the rule\'s default is warning)');
    assert.match(reuse.message, /WSAEISCONN/);
    assert.equal(reuse.href, new URL(`file://${path.join(root, 'docs/rules/reuse-after-disconnect.md')}`).href, 'codeDescription: the rule page');
    assert.ok(existsSync(new URL(reuse.href!)), 'the rule page exists');
    assert.equal(reuse.related?.[0]?.location.range.start.line, 38, 'related information: the shutdown on line 39');
    assert.match(reuse.related?.[0]?.location.uri ?? '', /tcp_reconnect\.c$/);
    assert.deepEqual(diagnostics.filter((d) => d.code === 'disconnect-data-on-tcp'), [], 'disconnect-data-on-tcp is off in the client\'s settings (workspace/configuration)');

    assert.equal(r.hover_kind, 'markdown');
    assert.match(r.hover ?? '', /WSASendDisconnect\(/);
    assert.match(r.hover ?? '', /SOCKET\s+s/);
    assert.doesNotMatch(r.hover ?? '', /command:/, 'no VS Code command links in another editor');

    assert.ok(r.actions?.includes('Disable reuse-after-disconnect for this line'), `code actions: ${JSON.stringify(r.actions)}`);
    // The core words the suppression (a comment on the line, or one above it); Neovim applied it.
    const edited = (r.line_after_edit ?? []).join('\n');
    assert.match(edited, /\/\/ winsock-lens-disable-(next-)?line reuse-after-disconnect/, `the suppression comment in the buffer:\n${edited}`);
    assert.match(edited, /connect\(s,/, 'the flagged line is still there');
    assert.deepEqual((r.diagnostics_after ?? []).filter((d) => d.code === 'reuse-after-disconnect'), [], 'the diagnostic is gone after the edit');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
