// The project model: for each source file, the compile command that builds it (from the nearest
// compile_commands.json), the nearest `.winsock-lens.json`, and the macros of its quoted headers,
// merged into the lint's options. The CLI and the editor build one Project each, over their own
// FileAccess; the cross-file engine is to read the same object (files, per-file defines and include
// paths, config).
//
// Order of the layers, later ones winning:
//   1. the base defines (the CLI's defaults, or winsockLens.lint.defines in the editor),
//   2. the file's compile command (-U removes, -D sets),
//   3. the config file's "undefines" then "defines",
//   4. the #defines of the quoted headers the file includes (read with everything above),
//   5. the caller's overrides (the CLI's -D/-U/--rule; the editor's winsockLens.lint.rules).
// Close functions add up: closesocket, the base list, the config's, the headers' close macros, the
// overrides'. Rule severities: the config's, then the overrides'.
import type { LintOptions, RuleId, SeveritySetting } from '../lint/types';
import { DEFAULT_CLOSE_FUNCTIONS } from '../lint/types';
import { compileCommandsCandidates, parseCompileCommands, type CompilationDatabase, type CompileEntry } from './compileCommands';
import { CONFIG_FILE, parseConfig, type ProjectConfig } from './config';
import { decodeSource } from './decode';
import type { FileAccess } from './fileAccess';
import { DEFAULT_INCLUDE_LIMITS, followIncludes, type IncludeLimits } from './includes';
import { ancestors, dirnamePath, normalizePath } from './paths';
import type { ProjectProblem } from './problems';

export interface ProjectSettings {
  readonly access: FileAccess;
  /** A compile_commands.json, or a folder holding one (the CLI's -p, winsockLens.lint.compileCommands). */
  readonly compileCommands?: string;
  /** Searches up the tree stop at this folder (the workspace folder in the editor). */
  readonly stopAt?: string;
  readonly includeLimits?: IncludeLimits;
}

/** Lint options of one layer. */
export interface OptionLayer {
  readonly defines?: ReadonlyMap<string, string>;
  readonly undefines?: Iterable<string>;
  readonly rules?: Readonly<Partial<Record<RuleId, SeveritySetting>>>;
  readonly closeFunctions?: readonly string[];
}

/** What the project says about one file. */
export interface FileSetup {
  readonly file: string;
  /** Matched by an ignore glob of its config file: not to be linted. */
  readonly ignored: boolean;
  readonly config?: ProjectConfig;
  readonly entry?: CompileEntry;
  readonly includePaths: readonly string[];
  /** Headers read for their macros. */
  readonly headers: readonly string[];
  /** Set when a bound stopped the include walk. */
  readonly includesTruncated?: string;
  /** The options for today's lint (the language is the caller's). */
  readonly options: Omit<LintOptions, 'language'>;
}

export class Project {
  private readonly databases = new Map<string, Promise<CompilationDatabase | undefined>>();
  private readonly configs = new Map<string, Promise<ProjectConfig | undefined>>();
  private readonly reported = new Set<string>();
  private readonly pending: ProjectProblem[] = [];

  constructor(private readonly settings: ProjectSettings) {}

  /** Problems found since the last call (each one once per Project). */
  takeProblems(): ProjectProblem[] {
    return this.pending.splice(0, this.pending.length);
  }

  /** Forget what was read (a config or database or header changed). */
  invalidate(): void {
    this.databases.clear();
    this.configs.clear();
    this.reported.clear();
  }

  private note(problems: readonly ProjectProblem[]): void {
    for (const p of problems) {
      const key = `${p.file}:${p.line ?? ''}:${p.message.en}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.pending.push(p);
    }
  }

  private async readText(path: string): Promise<string | undefined> {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await this.settings.access.read(path);
    } catch (err) {
      this.note([{ file: path, message: { en: `cannot be read (${describe(err)}); it is not used.`, ru: `не удалось прочитать (${describe(err)}); файл не используется.` } }]);
      return undefined;
    }
    if (!bytes) return undefined;
    const d = decodeSource(bytes);
    return d.kind === 'text' ? d.text : undefined;
  }

  private loadDatabase(path: string): Promise<CompilationDatabase | undefined> {
    let p = this.databases.get(path);
    if (!p) {
      p = this.readText(path).then((text) => {
        if (text === undefined) return undefined;
        const { db, problems } = parseCompileCommands(text, path);
        this.note(problems);
        return db;
      });
      this.databases.set(path, p);
    }
    return p;
  }

  /** The compilation database that applies to `file`: the named one, or the nearest up the tree. */
  async databaseFor(file: string): Promise<CompilationDatabase | undefined> {
    const named = this.settings.compileCommands;
    if (named !== undefined) {
      const n = normalizePath(named);
      const candidates = n.endsWith('.json') ? [n] : compileCommandsCandidates(n);
      for (const c of candidates) {
        const db = await this.loadDatabase(c);
        if (db) return db;
      }
      this.note([
        {
          file: n,
          message: {
            en: `no compile_commands.json here (looked for ${candidates.join(' and ')}); files get the default defines.`,
            ru: `здесь нет compile_commands.json (искали ${candidates.join(' и ')}); файлы получают определения по умолчанию.`,
          },
        },
      ]);
      return undefined;
    }
    for (const dir of ancestors(dirnamePath(file), this.settings.stopAt)) {
      for (const c of compileCommandsCandidates(dir)) {
        const db = await this.loadDatabase(c);
        if (db) return db;
      }
    }
    return undefined;
  }

  async compileEntryFor(file: string): Promise<CompileEntry | undefined> {
    const db = await this.databaseFor(file);
    return db?.entries.get(normalizePath(file));
  }

  /** The nearest `.winsock-lens.json` in the file's folder or above. */
  async configFor(file: string): Promise<ProjectConfig | undefined> {
    for (const dir of ancestors(dirnamePath(file), this.settings.stopAt)) {
      const path = `${dir.endsWith('/') ? dir : `${dir}/`}${CONFIG_FILE}`;
      let p = this.configs.get(path);
      if (!p) {
        p = this.readText(path).then((text) => {
          if (text === undefined) return undefined;
          const { config, problems } = parseConfig(text, path);
          this.note(problems);
          return config;
        });
        this.configs.set(path, p);
      }
      const config = await p;
      if (config) return config;
    }
    return undefined;
  }

  /** The setup of `file` (absolute) whose text is `text`, over `base` and under `overrides`. */
  async setupFor(file: string, text: string, base: OptionLayer, overrides: OptionLayer = {}): Promise<FileSetup> {
    const path = normalizePath(file);
    const [config, entry] = await Promise.all([this.configFor(path), this.compileEntryFor(path)]);
    const ignored = config?.isIgnored(path) ?? false;

    const defines = new Map(base.defines ?? []);
    for (const u of base.undefines ?? []) defines.delete(u);
    if (entry) {
      for (const u of entry.undefines) defines.delete(u);
      for (const [k, v] of entry.defines) defines.set(k, v);
    }
    if (config) {
      for (const u of config.undefines) defines.delete(u);
      for (const [k, v] of config.defines) defines.set(k, v);
    }
    // The caller's overrides are command-line flags: the headers see them too, as a compiler's would.
    for (const u of overrides.undefines ?? []) defines.delete(u);
    for (const [k, v] of overrides.defines ?? []) defines.set(k, v);
    const closeFunctions = [...new Set([...DEFAULT_CLOSE_FUNCTIONS, ...(base.closeFunctions ?? []), ...(config?.closeFunctions ?? []), ...(overrides.closeFunctions ?? [])])];
    const includePaths = [...(entry?.includePaths ?? []), ...(config?.includePaths ?? [])];

    let headers: string[] = [];
    let includesTruncated: string | undefined;
    let finalDefines = defines;
    if (!ignored) {
      const followed = await followIncludes(text, path, includePaths, defines, closeFunctions, this.settings.access, this.settings.includeLimits ?? DEFAULT_INCLUDE_LIMITS);
      finalDefines = followed.defines;
      headers = followed.headers;
      includesTruncated = followed.truncated;
      for (const m of followed.closeMacros) if (!closeFunctions.includes(m)) closeFunctions.push(m);
    }
    // … and they win over what the headers define.
    for (const u of overrides.undefines ?? []) finalDefines.delete(u);
    for (const [k, v] of overrides.defines ?? []) finalDefines.set(k, v);

    const rules = { ...(base.rules ?? {}), ...(config?.rules ?? {}), ...(overrides.rules ?? {}) };
    const setup: FileSetup = {
      file: path,
      ignored,
      ...(config ? { config } : {}),
      ...(entry ? { entry } : {}),
      includePaths,
      headers,
      ...(includesTruncated !== undefined ? { includesTruncated } : {}),
      // Object.fromEntries makes own properties, so even a define named __proto__ is kept.
      options: { defines: Object.fromEntries(finalDefines), closeFunctions, rules },
    };
    return setup;
  }
}

function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) return String((err as { code: unknown }).code);
  return err instanceof Error ? err.message : String(err);
}
