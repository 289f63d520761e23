// The editor's lint settings (`winsockLens.lint.*`) read from untyped configuration values into
// lint options, with a clear message for every entry that cannot be used. Plain data in and out:
// extension/lintSettings.ts hands in what VS Code's configuration API returns.
import type { Localized } from '../model/types';
import { isRuleId } from './rules';
import { DEFAULT_CLOSE_FUNCTIONS, type LintOptions, type RuleId, type SeveritySetting } from './types';

/** The manifest defaults of `winsockLens.lint.defines` (package.json repeats them). */
export const DEFAULT_DEFINE_ENTRIES: readonly string[] = ['_WIN32', 'WIN32', '_WINDOWS', '_MSC_VER=1940'];

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];

/** What the configuration API gives for each key (`undefined` where nothing is set). */
export interface RawLintSettings {
  readonly enabled?: unknown;
  readonly rules?: unknown;
  readonly defines?: unknown;
  readonly closeFunctions?: unknown;
}

export interface EditorLintSettings {
  readonly enabled: boolean;
  /** Everything but the language, which depends on the document. */
  readonly options: Omit<LintOptions, 'language'>;
  /** One message per entry that was ignored, naming the setting, the entry and what to write. */
  readonly problems: readonly Localized[];
}

const IDENTIFIER = /^[A-Za-z_]\w*$/;

/** `NAME` or `NAME=VALUE` (spaces around the parts are ignored); undefined when it is neither. */
export function parseDefine(entry: string): { name: string; value: string } | undefined {
  const at = entry.indexOf('=');
  const name = (at === -1 ? entry : entry.slice(0, at)).trim();
  if (!IDENTIFIER.test(name)) return undefined;
  // A bare NAME is `#define NAME` (an empty value), as the CLI's --define NAME.
  return { name, value: at === -1 ? '' : entry.slice(at + 1).trim() };
}

export function parseLintSettings(raw: RawLintSettings): EditorLintSettings {
  const problems: Localized[] = [];
  const enabled = typeof raw.enabled === 'boolean' ? raw.enabled : true;
  if (raw.enabled !== undefined && typeof raw.enabled !== 'boolean') {
    problems.push({
      en: `winsockLens.lint.enabled: expected true or false, found ${show(raw.enabled)}; lint stays on.`,
      ru: `winsockLens.lint.enabled: ожидается true или false, а указано ${show(raw.enabled)}; проверка остаётся включённой.`,
    });
  }
  return {
    enabled,
    options: {
      defines: readDefines(raw.defines, problems),
      closeFunctions: readCloseFunctions(raw.closeFunctions, problems),
      rules: readRules(raw.rules, problems),
    },
    problems,
  };
}

function readDefines(value: unknown, problems: Localized[]): Record<string, string> {
  const entries = value === undefined ? DEFAULT_DEFINE_ENTRIES : value;
  const defines: Record<string, string> = {};
  if (!Array.isArray(entries)) {
    problems.push({
      en: `winsockLens.lint.defines: expected a list such as ["_WIN32", "_MSC_VER=1940"], found ${show(value)}; the default list is used.`,
      ru: `winsockLens.lint.defines: ожидается список вида ["_WIN32", "_MSC_VER=1940"], а указано ${show(value)}; используется список по умолчанию.`,
    });
    return readDefines(undefined, problems);
  }
  for (const entry of entries) {
    const parsed = typeof entry === 'string' ? parseDefine(entry) : undefined;
    if (!parsed) {
      problems.push({
        en: `winsockLens.lint.defines: ${show(entry)} is not NAME or NAME=VALUE (NAME a C identifier); it is ignored.`,
        ru: `winsockLens.lint.defines: ${show(entry)} не имеет вида NAME или NAME=VALUE (NAME — идентификатор C); значение пропущено.`,
      });
      continue;
    }
    defines[parsed.name] = parsed.value;
  }
  return defines;
}

function readCloseFunctions(value: unknown, problems: Localized[]): string[] {
  // closesocket always closes; the setting adds the project's own wrappers after it.
  const names = [...DEFAULT_CLOSE_FUNCTIONS];
  if (value === undefined) return names;
  if (!Array.isArray(value)) {
    problems.push({
      en: `winsockLens.lint.closeFunctions: expected a list of function names such as ["closesocket", "SafeClose"], found ${show(value)}; only closesocket is used.`,
      ru: `winsockLens.lint.closeFunctions: ожидается список имён функций вида ["closesocket", "SafeClose"], а указано ${show(value)}; используется только closesocket.`,
    });
    return names;
  }
  for (const entry of value) {
    const name = typeof entry === 'string' ? entry.trim() : undefined;
    if (name === undefined || !/^[A-Za-z_][\w:]*$/.test(name)) {
      problems.push({
        en: `winsockLens.lint.closeFunctions: ${show(entry)} is not a function name; it is ignored.`,
        ru: `winsockLens.lint.closeFunctions: ${show(entry)} не является именем функции; значение пропущено.`,
      });
      continue;
    }
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function readRules(value: unknown, problems: Localized[]): Partial<Record<RuleId, SeveritySetting>> {
  const rules: Partial<Record<RuleId, SeveritySetting>> = {};
  if (value === undefined || value === null) return rules;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({
      en: `winsockLens.lint.rules: expected an object such as { "unchecked-result": "warning" }, found ${show(value)}; every rule keeps its default severity.`,
      ru: `winsockLens.lint.rules: ожидается объект вида { "unchecked-result": "warning" }, а указано ${show(value)}; у всех правил остаётся уровень по умолчанию.`,
    });
    return rules;
  }
  for (const [id, severity] of Object.entries(value as Record<string, unknown>)) {
    if (!isRuleId(id)) {
      problems.push({
        en: `winsockLens.lint.rules: there is no rule named ${show(id)}; the entry is ignored. The rules are listed in docs/rules/README.md.`,
        ru: `winsockLens.lint.rules: правила с именем ${show(id)} нет; запись пропущена. Список правил — в docs/rules/README.md.`,
      });
      continue;
    }
    if (typeof severity !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(severity)) {
      problems.push({
        en: `winsockLens.lint.rules: ${id} is set to ${show(severity)}; use one of ${SEVERITY_SETTINGS.join(', ')}. The rule keeps its default severity.`,
        ru: `winsockLens.lint.rules: для ${id} указано ${show(severity)}; допустимы ${SEVERITY_SETTINGS.join(', ')}. У правила остаётся уровень по умолчанию.`,
      });
      continue;
    }
    rules[id] = severity as SeveritySetting;
  }
  return rules;
}

function show(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}
