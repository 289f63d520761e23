// The `npm start` check: runs `npm start` as a person would (PORT set), waits until VS Code answers
// at the printed URL, checks that the packed extension was installed and that the server listens
// on 127.0.0.1 only, then presses Ctrl+C (SIGINT to the process group, as a terminal does) and
// checks that every process it started is gone.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cacheRoot, repoRoot } from './vscode-runtime.mjs';
import { freePort, httpStatus, pollUntil, processesWithEnv, RUN_MARKER_VAR } from './vscode-server.mjs';

const marker = randomUUID();
const port = await freePort();
const results = [];
const check = (name, ok, detail = '') => {
  results.push(ok);
  console.log(`  ${ok ? '✔' : '✘'} ${name}${detail ? ` (${detail})` : ''}`);
};

/** Local addresses listening on `port`, from the kernel's tables (hex as in /proc/net/tcp*). */
function listeners(p) {
  const hexPort = p.toString(16).toUpperCase().padStart(4, '0');
  const found = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== '0A') continue; // 0A = LISTEN
      const [addr, portHex] = cols[1].split(':');
      if (portHex === hexPort) found.push(addr);
    }
  }
  return found;
}

console.log(`--- npm start with PORT=${port}`);
const started = Date.now();
const child = spawn('npm', ['start'], {
  cwd: repoRoot,
  detached: true, // its own process group, like a terminal's foreground job
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, PORT: String(port), [RUN_MARKER_VAR]: marker },
});
let output = '';
child.stdout.on('data', (d) => { output += d; });
child.stderr.on('data', (d) => { output += d; });
let exited = null;
const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); }));

try {
  const url = await pollUntil(() => {
    if (exited) throw new Error(`npm start exited early (${exited.code ?? exited.signal})`);
    const m = /Winsock Lens in VS Code: (http:\/\/\S+)/.exec(output);
    return m?.[1];
  }, { timeoutMs: 20 * 60_000, intervalMs: 250, what: 'npm start to print the URL' });
  console.log(`    printed after ${((Date.now() - started) / 1000).toFixed(1)} s: ${url}`);
  check('the URL uses 127.0.0.1 and the PORT given', url.startsWith(`http://127.0.0.1:${port}/`), url);
  const status = await pollUntil(async () => (await httpStatus(url)) === 200 && 200, { timeoutMs: 30_000, what: `HTTP 200 from ${url}` });
  check('the workbench page answers 200', status === 200);
  const folder = new URL(url).searchParams.get('folder');
  check('it opens examples/', folder === path.join(repoRoot, 'examples'), folder ?? 'no folder');
  const extensionsDir = path.join(cacheRoot, 'start/extensions');
  const installed = existsSync(extensionsDir) ? readdirSync(extensionsDir).filter((d) => d.startsWith('winsock-lens.winsock-lens-')) : [];
  check('the packed .vsix is installed in the server\'s extensions folder', installed.length === 1, installed.join(', ') || 'none');
  const addrs = listeners(port);
  check('it listens on 127.0.0.1 only', addrs.length > 0 && addrs.every((a) => a === '0100007F'), addrs.join(', ') || 'no listener');
} catch (err) {
  check('npm start serves VS Code', false, err instanceof Error ? err.message : String(err));
  console.error(output.split('\n').slice(-30).map((l) => `    | ${l}`).join('\n'));
}

// Ctrl+C.
try { process.kill(-child.pid, 'SIGINT'); } catch { /* already gone */ }
const ended = await Promise.race([exitPromise, new Promise((r) => setTimeout(() => r(null), 20_000))]);
check('Ctrl+C ends npm start', ended !== null, ended ? `exit ${ended.code ?? ended.signal}` : 'still running after 20 s');
let left = [];
try {
  await pollUntil(() => processesWithEnv(RUN_MARKER_VAR, marker).length === 0, { timeoutMs: 10_000, what: 'every process of npm start to exit' });
} catch {
  left = processesWithEnv(RUN_MARKER_VAR, marker);
}
check('no process is left behind', left.length === 0, left.map((p) => `${p.pid} ${p.cmd.slice(0, 80)}`).join('; '));
check('the port is closed again', listeners(port).length === 0);
for (const p of left) { try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ } }

const passed = results.filter(Boolean).length;
console.log(`npm start: ${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
