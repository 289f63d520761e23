// Path arithmetic for the project model on forward-slash absolute paths ("/a/b.c", "C:/a/b.c"),
// the form both the CLI and the editor hand in. No Node built-ins.

/** Backslashes to slashes, `.` and `..` segments resolved, no trailing slash (except the root). */
export function normalizePath(p: string): string {
  // A URI's path writes a drive as "/c:/src"; a compile command as "C:\\src": both become "C:/src".
  const s = p.replace(/\\/g, '/').replace(/^\/([A-Za-z]:)/, '$1');
  const drive = (/^[A-Za-z]:/.exec(s)?.[0] ?? '').toUpperCase();
  const rest = s.slice(drive.length);
  const absolute = rest.startsWith('/');
  const out: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(part);
  }
  return drive + (absolute ? '/' : '') + out.join('/');
}

export function isAbsolutePath(p: string): boolean {
  return /^(?:[A-Za-z]:)?[\\/]/.test(p);
}

/** `p` resolved against the folder `base` (itself absolute). */
export function resolvePath(base: string, p: string): string {
  return normalizePath(isAbsolutePath(p) ? p : `${base}/${p}`);
}

/** The folder holding `p` (the root for the root). */
export function dirnamePath(p: string): string {
  const n = normalizePath(p);
  const at = n.lastIndexOf('/');
  if (at <= 0) return n.slice(0, at + 1) || '/';
  const parent = n.slice(0, at);
  return /^[A-Za-z]:$/.test(parent) ? `${parent}/` : parent;
}

/** `p` relative to the folder `from` with slashes, or undefined when `p` is not inside `from`. */
export function relativeInside(from: string, p: string): string | undefined {
  const f = normalizePath(from);
  const n = normalizePath(p);
  if (n === f) return '';
  const prefix = f.endsWith('/') ? f : `${f}/`;
  return n.startsWith(prefix) ? n.slice(prefix.length) : undefined;
}

/** `dir`, its parent, its grandparent … up to the root (or up to and including `stopAt`). */
export function ancestors(dir: string, stopAt?: string): string[] {
  const out: string[] = [];
  let d = normalizePath(dir);
  const stop = stopAt === undefined ? undefined : normalizePath(stopAt);
  for (;;) {
    out.push(d);
    if (d === stop) break;
    const up = dirnamePath(d);
    if (up === d) break;
    d = up;
  }
  if (stop !== undefined && !out.includes(stop)) return [normalizePath(dir)];
  return out;
}
