// `.winsock-lens.json`, the project's lint configuration, found as `.clang-tidy` is: the nearest
// one in the file's folder or a parent. Comments are allowed (JSONC). Every key is checked; a key
// with a wrong value is reported with its file, line and name and left at its default, the others
// still apply. A file that does not parse at all is reported and the defaults are used.
//
//   {
//     "rules": { "unchecked-result": "off" },        // severities, as winsockLens.lint.rules
//     "defines": ["USE_IOCP=1"], "undefines": ["_MSC_VER"],
//     "closeFunctions": ["net_close"],               // project wrappers that close a socket
//     "includePaths": ["include"],                   // folders searched for quoted #includes
//     "ignore": ["third_party/**", "**/*.gen.c"]     // globs relative to this file's folder
//   }
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { Minimatch } from 'minimatch';
import { isRuleId } from '../lint/rules';
import type { RuleId, SeveritySetting } from '../lint/types';
import { lineColumn, type ProjectProblem } from './problems';
import { dirnamePath, relativeInside, resolvePath } from './paths';

export const CONFIG_FILE = '.winsock-lens.json';

export interface ProjectConfig {
  /** The config file, absolute. */
  readonly path: string;
  readonly rules: Readonly<Partial<Record<RuleId, SeveritySetting>>>;
  readonly defines: ReadonlyMap<string, string>;
  readonly undefines: readonly string[];
  readonly closeFunctions: readonly string[];
  /** Absolute folders. */
  readonly includePaths: readonly string[];
  readonly ignore: readonly string[];
  /** Whether `file` (absolute) matches one of the ignore globs. */
  isIgnored(file: string): boolean;
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];
const KEYS = ['rules', 'defines', 'undefines', 'closeFunctions', 'includePaths', 'ignore', '$schema'];
const IDENT = /^[A-Za-z_]\w*$/;

export function parseConfig(text: string, configPath: string): { config: ProjectConfig; problems: ProjectProblem[] } {
  const problems: ProjectProblem[] = [];
  const folder = dirnamePath(configPath);
  const rules: Partial<Record<RuleId, SeveritySetting>> = {};
  const defines = new Map<string, string>();
  const undefines: string[] = [];
  const closeFunctions: string[] = [];
  const includePaths: string[] = [];
  const ignore: string[] = [];
  const report = (node: Node | undefined, en: string, ru: string) =>
    problems.push({ file: configPath, ...lineColumn(text, node?.offset ?? 0), message: { en, ru } });

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const make = (): ProjectConfig => {
    const matchers = ignore.map((g) => new Minimatch(g.replace(/\/+$/, ''), { dot: true, matchBase: !g.includes('/') }));
    return {
      path: configPath,
      rules,
      defines,
      undefines,
      closeFunctions,
      includePaths,
      ignore,
      isIgnored(file) {
        const rel = relativeInside(folder, file);
        if (rel === undefined || rel === '') return false;
        // A glob naming a folder ignores what is inside it: test the path and each folder above it.
        const parts = rel.split('/');
        const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
        return matchers.some((m) => prefixes.some((p) => m.match(p)));
      },
    };
  };
  if (errors.length > 0 || !root || root.type !== 'object') {
    const e = errors[0];
    const what = e ? printParseErrorCode(e.error) : root ? `a ${root.type}` : 'empty';
    problems.push({
      file: configPath,
      ...lineColumn(text, e?.offset ?? 0),
      message: {
        en: `this config file is not a JSON object (${what}); it is ignored and the defaults are used.`,
        ru: `этот файл настроек — не объект JSON (${what}); он не учитывается, используются значения по умолчанию.`,
      },
    });
    return { config: make(), problems };
  }

  const strings = (key: string, node: Node, check: (s: string) => boolean, hint: string, hintRu: string): string[] => {
    if (node.type !== 'array') {
      report(node, `"${key}" must be a list of strings (${hint}); the key is ignored.`, `"${key}" должен быть списком строк (${hintRu}); ключ не учитывается.`);
      return [];
    }
    const out: string[] = [];
    for (const item of node.children ?? []) {
      if (item.type !== 'string' || !check(item.value as string)) {
        report(item, `"${key}": ${JSON.stringify(item.value ?? null)} is not ${hint}; the entry is ignored.`, `"${key}": ${JSON.stringify(item.value ?? null)} — не ${hintRu}; запись пропущена.`);
        continue;
      }
      out.push(item.value as string);
    }
    return out;
  };

  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    switch (key) {
      case 'rules': {
        if (valueNode.type !== 'object') {
          report(valueNode, '"rules" must be an object such as { "unchecked-result": "warning" }; the key is ignored.', '"rules" должен быть объектом вида { "unchecked-result": "warning" }; ключ не учитывается.');
          break;
        }
        for (const rp of valueNode.children ?? []) {
          const [k, v] = rp.children ?? [];
          if (!k || !v) continue;
          const id = String(k.value);
          if (!isRuleId(id)) {
            report(k, `"rules": there is no rule named "${id}"; the entry is ignored.`, `"rules": правила "${id}" нет; запись пропущена.`);
            continue;
          }
          if (v.type !== 'string' || !SEVERITIES.includes(v.value as string)) {
            report(v, `"rules.${id}": use one of ${SEVERITIES.join(', ')}; the rule keeps its default severity.`, `"rules.${id}": допустимы ${SEVERITIES.join(', ')}; у правила остаётся уровень по умолчанию.`);
            continue;
          }
          rules[id] = v.value as SeveritySetting;
        }
        break;
      }
      case 'defines':
        for (const d of strings(key, valueNode, (s) => IDENT.test(s.split('=')[0]!.trim()), 'NAME or NAME=VALUE', 'NAME или NAME=VALUE')) {
          const at = d.indexOf('=');
          defines.set((at === -1 ? d : d.slice(0, at)).trim(), at === -1 ? '' : d.slice(at + 1).trim());
        }
        break;
      case 'undefines':
        undefines.push(...strings(key, valueNode, (s) => IDENT.test(s), 'a macro name', 'имя макроса'));
        break;
      case 'closeFunctions':
        closeFunctions.push(...strings(key, valueNode, (s) => /^[A-Za-z_][\w:]*$/.test(s), 'a function name', 'имя функции'));
        break;
      case 'includePaths':
        includePaths.push(...strings(key, valueNode, (s) => s.length > 0, 'a folder', 'папка').map((p) => resolvePath(folder, p)));
        break;
      case 'ignore':
        ignore.push(...strings(key, valueNode, (s) => s.length > 0 && !s.startsWith('/'), 'a glob relative to this file (e.g. "third_party/**")', 'шаблон относительно этого файла (например, "third_party/**")'));
        break;
      default:
        if (!KEYS.includes(key)) {
          report(keyNode, `unknown key "${key}" (known: ${KEYS.filter((k) => k !== '$schema').join(', ')}); it is ignored.`, `неизвестный ключ "${key}" (известны: ${KEYS.filter((k) => k !== '$schema').join(', ')}); он не учитывается.`);
        }
    }
  }
  return { config: make(), problems };
}
