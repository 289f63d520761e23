// The adapter's own Wine prefix: made on first use (wineboot), and afterwards the only prefix whose
// processes the adapter ends. A slot is taken per debug session (a lock file with the adapter's pid
// and a session id), so two sessions never share, and ending one never touches the other; no
// wineserver of another prefix is ever addressed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface WinePrefix {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  /** The prefix was made now (a cold start). */
  readonly created: boolean;
  release(): void;
}

const LOCK = '.winsock-lens-session';
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function locked(dir: string): boolean {
  const file = path.join(dir, LOCK);
  if (heldHere.has(dir)) return true;
  if (!existsSync(file)) return false;
  const pid = Number(readFileSync(file, 'utf8').split(' ')[0]);
  return pid !== process.pid && Number.isFinite(pid) && alive(pid);
}

export function wineEnv(dir: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, WINEPREFIX: dir, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
}

export function wineserverPath(winePath: string): string {
  const dir = path.dirname(winePath);
  return dir === '.' ? 'wineserver' : path.join(dir, 'wineserver');
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env, stdio: 'ignore' });
    const t = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.once('error', (e) => {
      clearTimeout(t);
      reject(e);
    });
    p.once('exit', (code) => {
      clearTimeout(t);
      resolve(code);
    });
  });
}

/** Takes a free prefix slot under `root` (root/wine-prefix, root/wine-prefix-2, …), making it if needed. */
export async function acquirePrefix(root: string, winePath: string, onProgress: (text: string) => void): Promise<WinePrefix> {
  let n = 1;
  let dir = path.join(root, 'wine-prefix');
  while (locked(dir)) {
    n++;
    dir = path.join(root, `wine-prefix-${n}`);
  }
  mkdirSync(dir, { recursive: true });
  heldHere.add(dir);
  writeFileSync(path.join(dir, LOCK), `${process.pid} ${Date.now()}`);
  const env = wineEnv(dir);
  let created = false;
  if (!existsSync(path.join(dir, 'system.reg'))) {
    created = true;
    onProgress(`creating the Wine prefix ${dir}`);
    const boot = await run(path.dirname(winePath) === '.' ? 'wineboot' : path.join(path.dirname(winePath), 'wineboot'), ['-i'], env, 300_000).catch(() => null);
    await run(wineserverPath(winePath), ['-w'], env, 120_000).catch(() => null);
    if (boot !== 0 || !existsSync(path.join(dir, 'system.reg'))) {
      heldHere.delete(dir);
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`creating the Wine prefix ${dir} failed (wineboot -i exit ${boot})`);
    }
  }
  return {
    dir,
    env,
    created,
    release() {
      heldHere.delete(dir);
      rmSync(path.join(dir, LOCK), { force: true });
    },
  };
}

/** Ends every process of this prefix (and only this one), waiting at most `timeoutMs`. */
export function killPrefix(dir: string, winePath: string, timeoutMs = 10_000): void {
  spawnSync(wineserverPath(winePath), ['-k'], { env: wineEnv(dir), stdio: 'ignore', timeout: timeoutMs });
  spawnSync(wineserverPath(winePath), ['-w'], { env: wineEnv(dir), stdio: 'ignore', timeout: timeoutMs });
}
