// The macros the lint can see for one file: the object-like defines it was given (the CLI's and
// the project headers', see core/project) and the #defines of the file's own active code, plus the
// function-like ones with their bodies. The analysis asks them three things: does a name stand for
// the "no socket" value (`#define NET_BAD INVALID_SOCKET`), for a shutdown direction
// (`#define NET_SHUT_WR SD_SEND`), and does a function-like macro close a socket
// (`#define sclose(x) closesocket(x)`) or never return (`#define DIE(m) exit(1)`).

export interface FunctionMacro {
  readonly params: readonly string[];
  readonly body: string;
}

export interface FileMacros {
  /** Object-like macros: NAME → replacement text. */
  readonly objects: ReadonlyMap<string, string>;
  /** Function-like macros defined in the file's active code. */
  readonly functions: ReadonlyMap<string, FunctionMacro>;
}

const DEFINE = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(\([^)]*\))?((?:[^\n\\]|\\\r?\n|\\)*)$/gm;

/** Reads the #defines left in `prepared` (inactive branches are already blanked) over `defines`. */
export function readMacros(prepared: string, defines: Readonly<Record<string, string>>): FileMacros {
  const objects = new Map<string, string>(Object.entries(defines));
  const functions = new Map<string, FunctionMacro>();
  if (prepared.indexOf('define') === -1) return { objects, functions };
  DEFINE.lastIndex = 0;
  for (let m = DEFINE.exec(prepared); m; m = DEFINE.exec(prepared)) {
    const name = m[1]!;
    // Comments are already blanked in `prepared` (core/parse/preprocessor.ts, blankComments).
    const body = (m[3] ?? '').replace(/\\\r?\n/g, ' ').trim();
    if (m[2] !== undefined) {
      const params = m[2]
        .slice(1, -1)
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      functions.set(name, { params, body });
      objects.delete(name);
    } else {
      objects.set(name, body);
      functions.delete(name);
    }
  }
  return { objects, functions };
}

/** `text` with object-like macro names replaced (repeatedly, bounded) by their definitions. */
export function expandObjects(text: string, macros: FileMacros, depth = 0): string {
  if (depth > 8) return text;
  let changed = false;
  const out = text.replace(/\b[A-Za-z_]\w*\b/g, (id) => {
    const v = macros.objects.get(id);
    if (v === undefined || v === '' || v === id) return id;
    changed = true;
    return `(${v})`;
  });
  return changed ? expandObjects(out, macros, depth + 1) : out;
}

/**
 * Function-like macros whose body calls one of `closers` on their first parameter (directly or
 * through another such macro): they close a socket. A body that calls the closer under a
 * condition of its own (`if (x) closesocket(x)`) counts too: the condition is the caller's test.
 */
export function closeMacros(macros: FileMacros, closers: ReadonlySet<string>): string[] {
  const known = new Set(closers);
  const found: string[] = [];
  for (let round = 0; round < 4; round++) {
    let added = false;
    for (const [name, m] of macros.functions) {
      if (known.has(name) || m.params.length === 0) continue;
      const p = m.params[0]!;
      const calls = [...m.body.matchAll(/\b([A-Za-z_]\w*)\s*\(\s*\(*\s*([A-Za-z_]\w*)/g)];
      if (calls.some((c) => known.has(c[1]!) && c[2] === p)) {
        known.add(name);
        found.push(name);
        added = true;
      }
    }
    if (!added) break;
  }
  return found;
}

/** Function-like (or object-like) macros whose expansion ends in a call that never returns. */
export function noreturnMacros(macros: FileMacros, noreturn: ReadonlySet<string>): string[] {
  const known = new Set(noreturn);
  const found: string[] = [];
  const ends = (body: string): boolean => {
    // The last statement of the body (a `do { … } while (0)` wrapper is looked through).
    const b = body.replace(/\bwhile\s*\(\s*0\s*\)\s*;?\s*$/, '').replace(/[\s;}]+$/, '');
    const last = /([A-Za-z_]\w*)\s*\([^;{}]*\)?$/.exec(b.slice(Math.max(b.lastIndexOf(';'), b.lastIndexOf('{')) + 1).trim());
    return !!last && known.has(last[1]!) && !/\b(?:if|return|break|goto)\b/.test(body);
  };
  for (let round = 0; round < 3; round++) {
    let added = false;
    for (const [name, m] of macros.functions) {
      if (!known.has(name) && ends(m.body)) {
        known.add(name);
        found.push(name);
        added = true;
      }
    }
    if (!added) break;
  }
  return found;
}
