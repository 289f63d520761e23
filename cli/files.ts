// Finding the C/C++ files to lint and reading them. Node-only; the core never sees a path.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const SOURCE_EXTENSIONS: readonly string[] = ['.c', '.cc', '.cpp', '.cxx', '.h', '.hh', '.hpp', '.hxx'];
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface SourceFile {
  /** The path as the user will read it in the output (relative to the working folder when inside it). */
  readonly display: string;
  readonly absolute: string;
}

export type WalkProblem =
  | { readonly kind: 'missing'; readonly path: string }
  | { readonly kind: 'unreadable-folder'; readonly path: string; readonly reason: string };

export function isSourceName(name: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(name).toLowerCase());
}

function displayPath(abs: string, cwd: string): string {
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
    let st;
    try {
      st = statSync(abs);
    } catch {
      // A dangling link is "does not exist" to the user too.
      problems.push({ kind: 'missing', path: arg });
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
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary' }
  | { readonly kind: 'not-a-file' }
  | { readonly kind: 'unreadable'; readonly reason: string };

/**
 * Reads a source as UTF-8 (a BOM becomes a space, so columns stay); a NUL byte marks the file as
 * binary. Only regular files are opened: reading a named pipe or a device could block for ever.
 */
export function readSource(abs: string): ReadResult {
  let bytes: Buffer;
  try {
    if (!statSync(abs).isFile()) return { kind: 'not-a-file' };
    bytes = readFileSync(abs);
  } catch (err) {
    return { kind: 'unreadable', reason: reason(err) };
  }
  if (bytes.includes(0)) return { kind: 'binary' };
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1); // keep columns: the BOM becomes a space
  return { kind: 'text', text };
}

export function reason(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    const code = (err as { code: string }).code;
    const known: Record<string, string> = {
      EACCES: 'permission denied (EACCES)',
      EPERM: 'operation not permitted (EPERM)',
      EISDIR: 'it is a folder (EISDIR)',
      ENOENT: 'no such file (ENOENT)',
      EMFILE: 'too many open files (EMFILE)',
      EIO: 'input/output error (EIO)',
    };
    return known[code] ?? code;
  }
  return err instanceof Error ? err.message : String(err);
}
