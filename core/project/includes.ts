// Follows the quoted #includes of a source (`#include "net.h"`, not `<winsock2.h>`) on its include
// paths and collects the macros their active code defines: a project's platform macros and its
// close wrappers (`#define NET_CLOSE(s) closesocket(s)`). Bounded in depth, file count and bytes;
// system headers are never read. Each header is blanked with the defines known when it is reached,
// so its own #if/#ifdef guards are honoured.
import { preprocess } from '../parse/preprocessor';
import { decodeSource } from './decode';
import type { FileAccess } from './fileAccess';
import { dirnamePath, isAbsolutePath, resolvePath } from './paths';

export interface IncludeLimits {
  /** Nesting depth of followed includes (the source itself is depth 0). */
  readonly maxDepth: number;
  /** Headers read per source. */
  readonly maxFiles: number;
  /** Bytes read per source, all headers together. */
  readonly maxBytes: number;
}

/**
 * Without include paths (no compile command, no config), a quoted header that is not beside the
 * including file is looked for where projects usually keep their headers: the source's folder and
 * up to this many folders above it, each as is and its `include`, `lib` and `src` subfolders
 * (curl's tests/server/*.c include "curl_setup.h" from lib/). Namespaced angle includes
 * (`<curl/curl.h>`) are looked for there too, never in the system's folders.
 */
export const GUESSED_INCLUDE_LEVELS = 3;
const GUESSED_SUBFOLDERS = ['', 'include', 'lib', 'src'];
/** Angle includes under these prefixes belong to the system or the C library. */
const SYSTEM_PREFIX = /^(?:sys|netinet6?|arpa|net|linux|asm|bits|mach|machine|libkern|CoreFoundation|Security|openssl|gnu|netpacket|xlocale)\//;

export const DEFAULT_INCLUDE_LIMITS: IncludeLimits = { maxDepth: 8, maxFiles: 64, maxBytes: 4 * 1024 * 1024 };

export interface FollowedDefines {
  /** The defines after the headers (the starting ones, changed by the headers' #define/#undef). */
  readonly defines: Map<string, string>;
  /** Function-like macros whose body calls one of the close functions: they close a socket too. */
  readonly closeMacros: string[];
  /** The headers that were read, absolute. */
  readonly headers: string[];
  /** Set when a limit stopped the walk (the reason in English, for logs). */
  readonly truncated?: string;
}

const DIRECTIVE = /^[ \t]*#[ \t]*(include|define|undef)\b[ \t]*(.*)$/gm;

/** Reads `text`'s quoted includes, depth first in the order they appear, and their #defines. */
export async function followIncludes(
  text: string,
  file: string,
  includePaths: readonly string[],
  start: ReadonlyMap<string, string>,
  closeFunctions: readonly string[],
  access: FileAccess,
  limits: IncludeLimits = DEFAULT_INCLUDE_LIMITS,
): Promise<FollowedDefines> {
  const defines = new Map(start);
  const closeMacros: string[] = [];
  const headers: string[] = [];
  const visited = new Set<string>([file]);
  let bytes = 0;
  let truncated: string | undefined;
  const closers = new Set(closeFunctions);
  const guessed: string[] = [];
  if (includePaths.length === 0) {
    let d = dirnamePath(file);
    for (let i = 0; i <= GUESSED_INCLUDE_LEVELS; i++) {
      for (const sub of GUESSED_SUBFOLDERS) guessed.push(sub ? `${d}/${sub}` : d);
      const up = dirnamePath(d);
      if (up === d) break;
      d = up;
    }
  }

  const resolve = async (name: string, from: string, angle: boolean): Promise<{ path: string; bytes: Uint8Array } | undefined> => {
    const dirs = angle ? [...includePaths, ...guessed] : [dirnamePath(from), ...includePaths, ...guessed];
    const candidates = isAbsolutePath(name) ? [name] : [...new Set(dirs.map((d) => resolvePath(d, name)))];
    for (const c of candidates) {
      if (visited.has(c)) return undefined; // already read (an include guard would skip it anyway)
      let b: Uint8Array | undefined;
      try {
        b = await access.read(c);
      } catch {
        b = undefined;
      }
      if (b) return { path: c, bytes: b };
    }
    return undefined;
  };

  // Bumped by every change to `defines`, so a walk knows when a nested header changed them.
  let version = 0;
  const walk = async (source: string, path: string, depth: number, isHeader: boolean): Promise<void> => {
    // The header's own conditions, decided with what is defined now; its directive lines stay.
    // When a nested header changes the defines, the rest of this one is decided again with them
    // (`#include "config-win32.h"` defines HAVE_CLOSESOCKET for the `#ifdef` further down).
    // Names this file defined itself are left to the blanking pass, which meets their #define lines
    // again (an include guard taken as already defined would blank the whole header).
    let from = 0;
    const own = new Set<string>();
    for (let pass = 0; ; pass++) {
      const seen = pass === 0 ? defines : new Map([...defines].filter(([k]) => !own.has(k)));
      const active = preprocess(source, Object.fromEntries(seen)).text;
      DIRECTIVE.lastIndex = 0;
      const lines = [...active.matchAll(DIRECTIVE)].filter((m) => m.index >= from);
      let restart = false;
      for (const m of lines) {
        from = m.index + 1;
        const before = version;
        if (m[1] === 'define') own.add(/^[ \t]*([A-Za-z_]\w*)/.exec(m[2]!)?.[1] ?? '');
        await directive(m, path, depth, isHeader);
        if (version !== before && m[1] === 'include' && pass < 64) {
          restart = true;
          break;
        }
      }
      if (!restart) return;
    }
  };

  const directive = async (m: RegExpMatchArray, path: string, depth: number, isHeader: boolean): Promise<void> => {
    {
      const kind = m[1]!;
      const rest = stripComment(m[2]!);
      if (kind === 'include') {
        const q = /^"([^"]+)"/.exec(rest);
        const a = q ? null : /^<([^>]+)>/.exec(rest);
        // <system> headers are not read; a project's own namespaced one (<proj/api.h>) may be.
        const angle = !!a && a[1]!.includes('/') && !SYSTEM_PREFIX.test(a[1]!) && (includePaths.length > 0 || guessed.length > 0);
        if (!q && !angle) return;
        const wanted = (q ?? a)![1]!;
        if (depth + 1 > limits.maxDepth) {
          truncated ??= `include depth over ${limits.maxDepth} at ${path}`;
          return;
        }
        if (headers.length >= limits.maxFiles) {
          truncated ??= `more than ${limits.maxFiles} headers`;
          return;
        }
        const found = await resolve(wanted, path, !q);
        if (!found) return;
        if (bytes + found.bytes.length > limits.maxBytes) {
          truncated ??= `headers over ${limits.maxBytes} bytes`;
          return;
        }
        visited.add(found.path);
        bytes += found.bytes.length;
        headers.push(found.path);
        const decoded = decodeSource(found.bytes);
        if (decoded.kind === 'text') await walk(decoded.text, found.path, depth + 1, true);
      } else if (isHeader && kind === 'define') {
        const d = /^([A-Za-z_]\w*)(\([^)]*\))?\s*(.*)$/.exec(rest);
        if (!d) return;
        const [, name, params, body] = d;
        if (params) {
          if ([...(body ?? '').matchAll(/\b([A-Za-z_]\w*)\s*\(/g)].some((c) => closers.has(c[1]!))) {
            if (!closeMacros.includes(name!)) closeMacros.push(name!);
            // A macro over this one closes too (`#define sclose(x) PROJ_CLOSE(x)`).
            closers.add(name!);
          }
        } else if (defines.get(name!) !== (body ?? '').trim()) {
          defines.set(name!, (body ?? '').trim());
          version++;
        }
      } else if (isHeader && kind === 'undef') {
        const name = /^[A-Za-z_]\w*/.exec(rest)?.[0];
        if (name && defines.delete(name)) version++;
      }
    }
  };

  await walk(text, file, 0, false);
  return truncated === undefined ? { defines, closeMacros, headers } : { defines, closeMacros, headers, truncated };
}

function stripComment(s: string): string {
  return s.replace(/\/\*.*?\*\//g, ' ').replace(/\/\/.*$/, '').trim();
}
