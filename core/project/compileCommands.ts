// compile_commands.json, the compilation database clangd, clang-tidy and cppcheck read: an array of
// { directory, file, command | arguments }. Found as clangd finds it: in the file's folder or one
// of its parents, directly or in a build/ subfolder; or at a place the user names.
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { readCompileFlags, splitCommandLine, type CompileFlags } from './commandLine';
import { lineColumn, type ProjectProblem } from './problems';
import { normalizePath, resolvePath } from './paths';

export const COMPILE_COMMANDS = 'compile_commands.json';

export interface CompileEntry extends CompileFlags {
  /** The source file, absolute. */
  readonly file: string;
  /** The folder the command runs in, absolute. */
  readonly directory: string;
}

export interface CompilationDatabase {
  /** Where it was read from. */
  readonly path: string;
  /** One entry per source file (the first one when a file is listed twice). */
  readonly entries: ReadonlyMap<string, CompileEntry>;
}

/** Reads a compilation database; entries that cannot be used are reported and left out. */
export function parseCompileCommands(text: string, dbPath: string): { db: CompilationDatabase; problems: ProjectProblem[] } {
  const problems: ProjectProblem[] = [];
  const entries = new Map<string, CompileEntry>();
  const db = { path: dbPath, entries };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !root) {
    const e = errors[0];
    const at = e ? lineColumn(text, e.offset) : { line: 1, column: 1 };
    const what = e ? printParseErrorCode(e.error) : 'empty file';
    problems.push({
      file: dbPath,
      ...at,
      message: {
        en: `this compilation database is not valid JSON (${what}); it is not used, so its files get the default defines.`,
        ru: `эта база компиляции — не корректный JSON (${what}); она не используется, файлы получают определения по умолчанию.`,
      },
    });
    return { db, problems };
  }
  if (root.type !== 'array') {
    problems.push({
      file: dbPath,
      line: 1,
      column: 1,
      message: {
        en: 'a compilation database is a JSON array of { "directory", "file", "command" or "arguments" } objects; this one is not used.',
        ru: 'база компиляции — массив JSON из объектов { "directory", "file", "command" или "arguments" }; эта не используется.',
      },
    });
    return { db, problems };
  }
  const dbFolder = normalizePath(dbPath).replace(/\/[^/]*$/, '') || '/';
  let bad = 0;
  let firstBad: number | undefined;
  for (const item of root.children ?? []) {
    const value = nodeValue(item);
    const entry = toEntry(value, dbFolder);
    if (!entry) {
      bad++;
      firstBad ??= item.offset;
      continue;
    }
    if (!entries.has(entry.file)) entries.set(entry.file, entry);
  }
  if (bad > 0) {
    problems.push({
      file: dbPath,
      ...lineColumn(text, firstBad ?? 0),
      message: {
        en: `${bad} entr${bad === 1 ? 'y has' : 'ies have'} no string "directory" and "file" or no "command"/"arguments"; skipped (the first is here).`,
        ru: `записей без строковых "directory" и "file" или без "command"/"arguments": ${bad}; они пропущены (первая — здесь).`,
      },
    });
  }
  return { db, problems };
}

function nodeValue(node: import('jsonc-parser').Node): unknown {
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = Object.create(null);
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v) o[String(k.value)] = nodeValue(v);
      }
      return o;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

function toEntry(value: unknown, dbFolder: string): CompileEntry | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.file !== 'string' || (v.directory !== undefined && typeof v.directory !== 'string')) return undefined;
  const directory = resolvePath(dbFolder, typeof v.directory === 'string' ? v.directory : '.');
  let args: string[];
  if (Array.isArray(v.arguments) && v.arguments.every((a) => typeof a === 'string')) args = v.arguments as string[];
  else if (typeof v.command === 'string') args = splitCommandLine(v.command);
  else return undefined;
  const file = resolvePath(directory, v.file);
  return { file, directory, ...readCompileFlags(args, directory) };
}

/** The places clangd looks in a folder, in order. */
export function compileCommandsCandidates(folder: string): string[] {
  const f = normalizePath(folder);
  const base = f.endsWith('/') ? f : `${f}/`;
  return [`${base}${COMPILE_COMMANDS}`, `${base}build/${COMPILE_COMMANDS}`];
}
