// Finding the C/C++ files to lint and reading them. Node-only; the core never sees a path.
// Reading is careful: only regular files, not on /proc, /sys or /dev (files there can block on read
// or never end), at most MAX_FILE_BYTES, and every failure named by what happened.
import { closeSync, fstatSync, openSync, readSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { decodeSource, type SourceEncoding } from '../core/project/decode';

export const SOURCE_EXTENSIONS: readonly string[] = ['.c', '.cc', '.cpp', '.cxx', '.h', '.hh', '.hpp', '.hxx'];
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
/** Larger files are reported and skipped: no real source is this big, and the parse would take minutes. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Special filesystems whose "regular" files may block on read or be endless (/proc/kmsg). */
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];

export interface SourceFile {
  /** The path as the user will read it in the output (relative to the working folder when inside it). */
  readonly display: string;
  readonly absolute: string;
}

export type WalkProblem =
  | { readonly kind: 'missing'; readonly path: string }
  | { readonly kind: 'inaccessible'; readonly path: string; readonly reason: string }
  | { readonly kind: 'unreadable-folder'; readonly path: string; readonly reason: string };

export function isSourceName(name: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(name).toLowerCase());
}

export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

/**
 * Expands the command-line paths: files are taken as they are (whatever their extension),
 * folders are walked for C/C++ sources in a stable order. Symbolic links to folders are not
 * followed (no loops); each file is listed once.
 */
export function collectSources(args: readonly string[], cwd: string): { files: SourceFile[]; problems: WalkProblem[] } {
  const files: SourceFile[] = [];
  const problems: WalkProblem[] = [];
  const seen = new Set<string>();
  const add = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ absolute: abs, display: displayPath(abs, cwd) });
  };

  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({ kind: 'unreadable-folder', path: displayPath(dir, cwd), reason: reason(err) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(e.name)) walk(p);
      } else if (isSourceName(e.name) && (e.isFile() || (e.isSymbolicLink() && isRegularFile(p)))) {
        add(p);
      }
    }
  };

  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let st: Stats;
    try {
      st = statSync(abs);
    } catch (err) {
      const code = errCode(err);
      if (code === 'ENOENT' || code === 'ENOTDIR') problems.push({ kind: 'missing', path: arg });
      else problems.push({ kind: 'inaccessible', path: arg, reason: reason(err) });
      continue;
    }
    if (st.isDirectory()) walk(abs);
    else add(abs);
  }
  return { files, problems };
}

function isRegularFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export type ReadResult =
  | { readonly kind: 'text'; readonly text: string; readonly encoding: SourceEncoding }
  | { readonly kind: 'binary' }
  | { readonly kind: 'not-a-file' }
  | { readonly kind: 'special'; readonly where: string }
  | { readonly kind: 'too-large'; readonly bytes: number }
  | { readonly kind: 'unreadable'; readonly reason: string };

function onSpecialFilesystem(abs: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  let real = abs;
  try {
    real = realpathSync(abs);
  } catch {
    /* the open below reports it */
  }
  return SPECIAL_ROOTS.find((r) => real === r || real.startsWith(r + '/'));
}

/**
 * Reads a source: UTF-8 (with or without a BOM) or UTF-16 with a BOM (core/project/decode.ts); a
 * NUL byte elsewhere marks it as binary. Only regular files are opened, never on /proc, /sys or
 * /dev, and at most MAX_FILE_BYTES are read.
 */
export function readSource(abs: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  const r = readBytes(abs, maxBytes);
  if (r.kind !== 'bytes') return r;
  const decoded = decodeSource(r.bytes);
  return decoded.kind === 'text' ? { kind: 'text', text: decoded.text, encoding: decoded.encoding } : { kind: 'binary' };
}

export type BytesResult = { readonly kind: 'bytes'; readonly bytes: Uint8Array } | Exclude<ReadResult, { kind: 'text' } | { kind: 'binary' }>;

/** The bytes of a regular file, with the same limits as readSource. */
export function readBytes(abs: string, maxBytes = MAX_FILE_BYTES): BytesResult {
  const special = onSpecialFilesystem(abs);
  if (special) return { kind: 'special', where: special };
  let fd: number | undefined;
  try {
    const before = statSync(abs);
    if (!before.isFile()) return { kind: 'not-a-file' };
    if (before.size > maxBytes) return { kind: 'too-large', bytes: before.size };
    fd = openSync(abs, 'r');
    const st = fstatSync(fd);
    if (!st.isFile()) return { kind: 'not-a-file' };
    // Read up to one byte past the limit: a file that grew while we read is still caught.
    const buf = Buffer.allocUnsafe(Math.min(maxBytes, st.size) + 1);
    let got = 0;
    for (;;) {
      if (got === buf.length) return { kind: 'too-large', bytes: Math.max(st.size, got) };
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
    }
    return { kind: 'bytes', bytes: buf.subarray(0, got) };
  } catch (err) {
    return { kind: 'unreadable', reason: reason(err) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function errCode(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string' ? (err as { code: string }).code : undefined;
}

export function reason(err: unknown): string {
  const code = errCode(err);
  if (code) {
    const known: Record<string, string> = {
      EACCES: 'permission denied (EACCES)',
      EPERM: 'operation not permitted (EPERM)',
      EISDIR: 'it is a folder (EISDIR)',
      ENOENT: 'no such file (ENOENT)',
      ENOTDIR: 'a part of the path is not a folder (ENOTDIR)',
      ELOOP: 'too many levels of symbolic links (ELOOP)',
      ENAMETOOLONG: 'the name is too long (ENAMETOOLONG)',
      EMFILE: 'too many open files (EMFILE)',
      EIO: 'input/output error (EIO)',
      ENXIO: 'no such device (ENXIO)',
      EOVERFLOW: 'the file is too large to read (EOVERFLOW)',
    };
    return known[code] ?? code;
  }
  return err instanceof Error ? err.message : String(err);
}
