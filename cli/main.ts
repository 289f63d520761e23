// `winsock-lens lint`: the lint core on files and folders, for terminals and CI.
// Reads files with Node, feeds their text to the VS Code-free core, prints text, JSON or SARIF.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLinter, resolveOptions, RULES, type Linter } from '../core/lint/index';
import { chooseGrammar } from '../core/parse/parser';
import type { Finding, LintOptions, RuleId } from '../core/lint/types';
import { DEFAULT_CLOSE_FUNCTIONS, DEFAULT_DEFINES } from '../core/lint/types';
import { parseArgs, type LintPlan } from './args';
import { collectSources, readSource } from './files';
import { formatJson, formatSarif, formatText, type FileReport, type SkippedFile } from './format';
import { msg } from './messages';

/** Exit codes, as documented in --help and the README. */
const EXIT_CLEAN = 0;
const EXIT_ERRORS = 1;
const EXIT_USAGE_OR_IO = 2;

/** The folder of the bundle (dist/), where the .wasm files are shipped. */
const here = __dirname;

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(here, '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function docUri(id: RuleId): string {
  return pathToFileURL(path.join(here, '..', 'docs', 'rules', `${id}.md`)).href;
}

/** A path as a SARIF artifact URI: relative (forward slashes, encoded) or an absolute file: URI. */
function artifactUri(display: string, absolute: string): string {
  if (path.isAbsolute(display)) return pathToFileURL(absolute).href;
  return display.split(path.sep).map(encodeURIComponent).join('/');
}

function write(stream: NodeJS.WriteStream, text: string): void {
  if (text) stream.write(text);
}

async function runLint(plan: LintPlan): Promise<number> {
  const { lang } = plan;
  const cwd = process.cwd();
  const { files, problems } = collectSources(plan.paths, cwd);

  // A path that does not exist is a usage error: nothing is linted, so no one trusts a partial run.
  const missing = problems.filter((p) => p.kind === 'missing');
  if (missing.length > 0) {
    for (const m of missing) process.stderr.write(msg(lang, 'pathMissing', { path: m.path, cwd }) + '\n');
    return EXIT_USAGE_OR_IO;
  }

  let ioError = false;
  const skipped: SkippedFile[] = [];
  for (const p of problems) {
    if (p.kind !== 'unreadable-folder') continue;
    const text = msg(lang, 'folderUnreadable', { path: p.path, reason: p.reason });
    process.stderr.write(text + '\n');
    skipped.push({ file: p.path, uri: artifactUri(p.path, path.resolve(cwd, p.path)), message: text });
    ioError = true;
  }

  let linter: Linter;
  try {
    linter = await createLinter((file) => readFile(path.join(here, file)).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)));
  } catch (err) {
    process.stderr.write(msg(lang, 'startFailed', { reason: err instanceof Error ? err.message : String(err), dir: here }) + '\n');
    return EXIT_USAGE_OR_IO;
  }

  const defines: Record<string, string> = { ...DEFAULT_DEFINES, ...plan.defines };
  for (const name of plan.undefines) delete defines[name];
  const closeFunctions = [...new Set([...DEFAULT_CLOSE_FUNCTIONS, ...plan.closeFunctions])];
  const base = resolveOptions({ defines, closeFunctions, rules: plan.rules });

  const reports: FileReport[] = [];
  let checked = 0;
  for (const f of files) {
    const uri = artifactUri(f.display, f.absolute);
    const read = readSource(f.absolute);
    if (read.kind !== 'text') {
      const text =
        read.kind === 'binary'
          ? msg(lang, 'binarySkipped', { path: f.display })
          : read.kind === 'not-a-file'
            ? msg(lang, 'notAFile', { path: f.display })
            : msg(lang, 'pathUnreadable', { path: f.display, reason: read.reason });
      process.stderr.write(text + '\n');
      skipped.push({ file: f.display, uri, message: text });
      if (read.kind === 'unreadable') ioError = true;
      continue;
    }
    const options: LintOptions = { ...base, language: chooseGrammar(f.absolute, read.text) };
    let findings: Finding[];
    try {
      findings = [...linter.lintText(read.text, f.absolute, options)];
    } catch (err) {
      const text = msg(lang, 'engineFailed', { path: f.display, reason: err instanceof Error ? err.message : String(err) });
      process.stderr.write(text + '\n');
      skipped.push({ file: f.display, uri, message: text });
      ioError = true;
      continue;
    }
    checked++;
    findings.sort((a, b) => a.span.start.line - b.span.start.line || a.span.start.column - b.span.start.column || a.rule.localeCompare(b.rule));
    reports.push({ file: f.display, uri, findings });
  }
  linter.dispose();

  if (files.length === 0 && skipped.length === 0) process.stderr.write(msg(lang, 'noSources', { paths: plan.paths.join(', ') }) + '\n');

  const all = reports.flatMap((r) => r.findings);
  const count = (s: Finding['severity']) => all.filter((f) => f.severity === s).length;
  switch (plan.format) {
    case 'json':
      write(process.stdout, formatJson(reports, lang));
      break;
    case 'sarif':
      write(
        process.stdout,
        formatSarif(reports, {
          version: packageVersion(),
          lang,
          rules: RULES,
          helpUri: docUri,
          srcRoot: pathToFileURL(cwd + path.sep).href,
          commandLine: ['winsock-lens', ...process.argv.slice(2)].join(' '),
          skipped,
          complete: !ioError,
        }),
      );
      break;
    default:
      write(process.stdout, formatText(reports, lang));
      process.stderr.write(
        msg(lang, 'summary', { files: checked, skipped: skipped.length, errors: count('error'), warnings: count('warning'), infos: count('info'), hints: count('hint') }) + '\n',
      );
  }
  if (ioError) return EXIT_USAGE_OR_IO;
  return count('error') > 0 ? EXIT_ERRORS : EXIT_CLEAN;
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv, RULES.map((r) => r.id));
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(msg(parsed.lang, 'usage', { rules: RULES.map((r) => `${r.id} (${r.defaultSeverity})`).join(', ') }) + '\n');
      return EXIT_CLEAN;
    case 'version':
      process.stdout.write(packageVersion() + '\n');
      return EXIT_CLEAN;
    case 'usage-error':
      process.stderr.write(parsed.message + '\n');
      return EXIT_USAGE_OR_IO;
    case 'lint':
      return runLint(parsed);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`winsock-lens: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT_USAGE_OR_IO;
  },
);
