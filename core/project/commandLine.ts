// A compile command split into arguments and read for what the lint needs: -D/-U defines and -I
// include paths (and MSVC's /D /U /I when the compiler is cl or clang-cl).
import { resolvePath } from './paths';

/**
 * Splits a command line the way a POSIX shell would for the common cases (single and double quotes,
 * backslash escapes outside single quotes). A backslash not followed by a quote, a backslash or a
 * space is kept, so Windows paths (`C:\src\a.c`) survive.
 */
export function splitCommandLine(command: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else cur += c;
      continue;
    }
    if (c === '\\') {
      const next = command[i + 1];
      if (next === '"' || next === '\\' || (quote === undefined && (next === ' ' || next === "'"))) {
        cur += next;
        i++;
        has = true;
        continue;
      }
      cur += c;
      has = true;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      has = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (has) out.push(cur);
      cur = '';
      has = false;
      continue;
    }
    cur += c;
    has = true;
  }
  if (has) out.push(cur);
  return out;
}

export interface CompileFlags {
  /** Defines of the command after its -U flags (NAME → value, '' for -DNAME… see below). */
  readonly defines: ReadonlyMap<string, string>;
  /** Names the command undefines (and does not define again later). */
  readonly undefines: ReadonlySet<string>;
  /** Include folders, absolute, in command order (-I, -iquote; MSVC /I). System folders are not read. */
  readonly includePaths: readonly string[];
}

const IDENT = /^[A-Za-z_]\w*$/;

/** True for cl.exe and clang-cl, whose flags may start with '/'. */
function isMsvcDriver(arg0: string | undefined): boolean {
  if (!arg0) return false;
  const base = arg0.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  return /^(?:cl|clang-cl)(?:\.exe)?$/.test(base);
}

/**
 * The lint's view of one command. `-DNAME` defines NAME as 1, as compilers do; `-DNAME=` as empty.
 * Relative include folders are resolved against `directory` (the entry's working folder).
 */
export function readCompileFlags(args: readonly string[], directory: string): CompileFlags {
  const defines = new Map<string, string>();
  const undefines = new Set<string>();
  const includePaths: string[] = [];
  const msvc = isMsvcDriver(args[0]);
  const define = (spec: string) => {
    const at = spec.indexOf('=');
    const name = at === -1 ? spec : spec.slice(0, at);
    if (!IDENT.test(name)) return;
    defines.set(name, at === -1 ? '1' : spec.slice(at + 1));
    undefines.delete(name);
  };
  const undefine = (name: string) => {
    if (!IDENT.test(name)) return;
    defines.delete(name);
    undefines.add(name);
  };
  const include = (dir: string) => {
    if (dir) includePaths.push(resolvePath(directory, dir));
  };
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    // The value either glued to the flag or in the next argument.
    const take = (flagLength: number): string => (a.length > flagLength ? a.slice(flagLength) : (args[++i] ?? ''));
    if (a.startsWith('-D') || (msvc && a.startsWith('/D'))) define(take(2));
    else if (a.startsWith('-U') || (msvc && a.startsWith('/U'))) undefine(take(2));
    else if (a.startsWith('-iquote')) include(take(7));
    else if (a.startsWith('-I') || (msvc && a.startsWith('/I'))) include(take(2));
    else if (a === '--define-macro') define(args[++i] ?? '');
    else if (a.startsWith('--define-macro=')) define(a.slice('--define-macro='.length));
    else if (a === '--include-directory') include(args[++i] ?? '');
    else if (a.startsWith('--include-directory=')) include(a.slice('--include-directory='.length));
  }
  return { defines, undefines, includePaths };
}
