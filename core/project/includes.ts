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

  const resolve = async (name: string, from: string): Promise<{ path: string; bytes: Uint8Array } | undefined> => {
    const candidates = isAbsolutePath(name) ? [name] : [dirnamePath(from), ...includePaths].map((d) => resolvePath(d, name));
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

  const walk = async (source: string, path: string, depth: number, isHeader: boolean): Promise<void> => {
    // The header's own conditions, decided with what is defined now; its directive lines stay.
    const active = preprocess(source, Object.fromEntries(defines)).text;
    DIRECTIVE.lastIndex = 0;
    const lines = [...active.matchAll(DIRECTIVE)];
    for (const m of lines) {
      const kind = m[1]!;
      const rest = stripComment(m[2]!);
      if (kind === 'include') {
        const q = /^"([^"]+)"/.exec(rest);
        if (!q) continue; // <system> headers are not read
        if (depth + 1 > limits.maxDepth) {
          truncated ??= `include depth over ${limits.maxDepth} at ${path}`;
          continue;
        }
        if (headers.length >= limits.maxFiles) {
          truncated ??= `more than ${limits.maxFiles} headers`;
          continue;
        }
        const found = await resolve(q[1]!, path);
        if (!found) continue;
        if (bytes + found.bytes.length > limits.maxBytes) {
          truncated ??= `headers over ${limits.maxBytes} bytes`;
          continue;
        }
        visited.add(found.path);
        bytes += found.bytes.length;
        headers.push(found.path);
        const decoded = decodeSource(found.bytes);
        if (decoded.kind === 'text') await walk(decoded.text, found.path, depth + 1, true);
      } else if (isHeader && kind === 'define') {
        const d = /^([A-Za-z_]\w*)(\([^)]*\))?\s*(.*)$/.exec(rest);
        if (!d) continue;
        const [, name, params, body] = d;
        if (params) {
          if ([...(body ?? '').matchAll(/\b([A-Za-z_]\w*)\s*\(/g)].some((c) => closers.has(c[1]!))) {
            if (!closeMacros.includes(name!)) closeMacros.push(name!);
          }
        } else defines.set(name!, (body ?? '').trim());
      } else if (isHeader && kind === 'undef') {
        const name = /^[A-Za-z_]\w*/.exec(rest)?.[0];
        if (name) defines.delete(name);
      }
    }
  };

  await walk(text, file, 0, false);
  return truncated === undefined ? { defines, closeMacros, headers } : { defines, closeMacros, headers, truncated };
}

function stripComment(s: string): string {
  return s.replace(/\/\*.*?\*\//g, ' ').replace(/\/\/.*$/, '').trim();
}
