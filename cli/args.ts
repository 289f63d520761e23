// Command-line parsing for `winsock-lens lint`. Pure: argv in, a plan or a usage error out.
import type { Lang } from '../core/model/types';
import type { RuleId, SeveritySetting } from '../core/lint/types';
import { msg } from './messages';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface LintPlan {
  readonly kind: 'lint';
  readonly lang: Lang;
  readonly format: OutputFormat;
  /** Defines added on the command line (NAME → value, '' for a bare NAME); a Map, so any name is kept. */
  readonly defines: ReadonlyMap<string, string>;
  readonly undefines: readonly string[];
  readonly rules: Readonly<Partial<Record<RuleId, SeveritySetting>>>;
  readonly closeFunctions: readonly string[];
  readonly paths: readonly string[];
  /** Write the report to this file instead of stdout. */
  readonly output?: string;
  /** Worker threads (1: lint in the main thread). */
  readonly jobs: number;
  /** A SARIF file of an earlier run: its findings are not reported again. */
  readonly baseline?: string;
  /** Lint only shard `index` (1-based) of `count`. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** A compile_commands.json or the folder holding it (-p DIR). */
  readonly compileCommands?: string;
}

export type ParsedArgs =
  | LintPlan
  | { readonly kind: 'help'; readonly lang: Lang }
  | { readonly kind: 'version'; readonly lang: Lang }
  | { readonly kind: 'usage-error'; readonly lang: Lang; readonly message: string };

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The `--lang` value wherever it stands, so that even errors before it are in that language. */
function findLang(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (v === 'ru' || v === 'en') return v;
  }
  return 'en';
}

/** Parses the arguments after the program name. `ruleIds` are the rules the core knows. */
export function parseArgs(argv: readonly string[], ruleIds: readonly RuleId[], defaultJobs = 1): ParsedArgs {
  const lang = findLang(argv);
  const fail = (message: string): ParsedArgs => ({ kind: 'usage-error', lang, message });

  if (argv.includes('-h') || argv.includes('--help') || argv[0] === 'help') return { kind: 'help', lang };
  if (argv.includes('--version')) return { kind: 'version', lang };
  if (argv.length === 0) return fail(msg(lang, 'noCommand'));
  if (argv[0] !== 'lint') {
    return fail(argv[0]!.startsWith('-') ? msg(lang, 'noCommand') : msg(lang, 'unknownCommand', { arg: argv[0]! }));
  }

  let format: OutputFormat = 'text';
  const defines = new Map<string, string>();
  let output: string | undefined;
  let jobs = defaultJobs;
  let baseline: string | undefined;
  let shard: { index: number; count: number } | undefined;
  let compileCommands: string | undefined;
  const undefines: string[] = [];
  const rules: Partial<Record<RuleId, SeveritySetting>> = {};
  const closeFunctions: string[] = [];
  const paths: string[] = [];
  let onlyPaths = false;

  const examples: Record<string, string> = {
    '--format': '--format json',
    '--define': '--define USE_IOCP=1',
    '-D': '-D USE_IOCP=1',
    '--undefine': '--undefine _MSC_VER',
    '-U': '-U _MSC_VER',
    '--rule': '--rule unchecked-result=warning',
    '--close-function': '--close-function SafeClose',
    '--lang': '--lang ru',
    '--output': '--output report.sarif',
    '-o': '-o report.sarif',
    '--jobs': '--jobs 4',
    '-j': '-j 4',
    '--baseline': '--baseline main.sarif',
    '--shard': '--shard 1/4',
    '-p': '-p build',
    '--compile-commands': '--compile-commands build/compile_commands.json',
  };

  const rest = argv.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    // --name=value, --name value, and the short -DNAME / -D NAME forms.
    let name = arg;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      name = arg.slice(0, eq);
      value = arg.slice(eq + 1);
    } else if (/^-[DUjop]/.test(arg) && arg.length > 2) {
      name = arg.slice(0, 2);
      value = arg.slice(2);
    }
    if (!(name in examples)) return fail(msg(lang, 'unknownOption', { arg }));
    if (value === undefined) {
      const next = rest[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) return fail(msg(lang, 'missingValue', { arg: name, example: examples[name]! }));
      value = next;
      i++;
    }

    switch (name) {
      case '--format':
        if (value !== 'text' && value !== 'json' && value !== 'sarif') return fail(msg(lang, 'badFormat', { value }));
        format = value;
        break;
      case '--lang':
        if (value !== 'en' && value !== 'ru') return fail(msg(lang, 'badLang', { value }));
        break;
      case '--define':
      case '-D': {
        const at = value.indexOf('=');
        const defName = at === -1 ? value : value.slice(0, at);
        if (!IDENT.test(defName)) return fail(msg(lang, 'badDefine', { value }));
        defines.set(defName, at === -1 ? '' : value.slice(at + 1));
        const u = undefines.indexOf(defName);
        if (u !== -1) undefines.splice(u, 1);
        break;
      }
      case '--undefine':
      case '-U':
        if (!IDENT.test(value)) return fail(msg(lang, 'badDefine', { value }));
        defines.delete(value);
        undefines.push(value);
        break;
      case '--rule': {
        const at = value.indexOf('=');
        if (at <= 0) return fail(msg(lang, 'badRuleSyntax', { value }));
        const id = value.slice(0, at).trim();
        const sev = value.slice(at + 1).trim();
        if (!(ruleIds as readonly string[]).includes(id)) return fail(msg(lang, 'badRuleId', { value: id, rules: ruleIds.join(', ') }));
        if (!(SEVERITIES as readonly string[]).includes(sev)) return fail(msg(lang, 'badSeverity', { value: sev, rule: id }));
        rules[id as RuleId] = sev as SeveritySetting;
        break;
      }
      case '--close-function':
        if (!IDENT.test(value)) return fail(msg(lang, 'badIdentifier', { value }));
        closeFunctions.push(value);
        break;
      case '--output':
      case '-o':
        output = value;
        break;
      case '--jobs':
      case '-j': {
        const n = /^\d+$/.test(value) ? Number(value) : NaN;
        if (!(n >= 1 && n <= 256)) return fail(msg(lang, 'badJobs', { value }));
        jobs = n;
        break;
      }
      case '--baseline':
        baseline = value;
        break;
      case '--shard': {
        const m = /^(\d+)\/(\d+)$/.exec(value);
        const index = m ? Number(m[1]) : NaN;
        const count = m ? Number(m[2]) : NaN;
        if (!(count >= 1 && index >= 1 && index <= count)) return fail(msg(lang, 'badShard', { value }));
        shard = { index, count };
        break;
      }
      case '-p':
      case '--compile-commands':
        compileCommands = value;
        break;
    }
  }
  if (paths.length === 0) return fail(msg(lang, 'noPaths'));
  return {
    kind: 'lint', lang, format, defines, undefines, rules, closeFunctions, paths, jobs,
    ...(output !== undefined ? { output } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    ...(shard !== undefined ? { shard } : {}),
    ...(compileCommands !== undefined ? { compileCommands } : {}),
  };
}
