// `winsock-lens lint`: the lint core on files and folders, for terminals and CI.
// Collects the files, lints them (in worker threads with --jobs), prints text, JSON or SARIF.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../core/lint/index';
import type { Finding, RuleId } from '../core/lint/types';
import { formatProblem } from '../core/project/problems';
import pkg from '../package.json';
import { parseArgs, type LintPlan } from './args';
import { loadBaseline } from './baseline';
import { escapeName } from './escape';
import { collectSources, readSource, type SourceFile } from './files';
import { callsSummarized, mergeSummaries } from '../core/lint/project-summaries';
import { formatJson, formatText, noticeLine, type FileReport } from './format';
import { isLintWorker, lintAll, runLintWorker } from './jobs';
import { artifactUri, type FileOutcome, type LintSetup, type SkipReason } from './lintFile';
import { msg } from './messages';
import { guardStream, writeFileReport, writeStream } from './output';
import { formatSarif, type SarifNotification } from './sarif';
import { inShard } from './shard';

/** Exit codes, as documented in --help and the README. */
const EXIT_CLEAN = 0;
const EXIT_ERRORS = 1;
const EXIT_USAGE_OR_IO = 2;

/** The folder of the bundle (dist/), where the .wasm files are shipped. */
const here = __dirname;

/** The https home of the project (package.json's repository, without a trailing .git). */
function repositoryUrl(): string {
  const repo = (pkg as { repository?: string | { url?: string } }).repository;
  const url = typeof repo === 'string' ? repo : (repo?.url ?? '');
  const https = url.replace(/^git\+/, '').replace(/\.git$/, '');
  return /^https:\/\//.test(https) ? https : 'https://github.com/winsock-lens/winsock-lens';
}

function ruleHelpUri(id: RuleId): string {
  return `${repositoryUrl()}/blob/main/docs/rules/${id}.md`;
}

function skipMessage(lang: LintPlan['lang'], file: string, why: SkipReason): string {
  switch (why.kind) {
    case 'binary':
      return msg(lang, 'binarySkipped', { path: file });
    case 'not-a-file':
      return msg(lang, 'notAFile', { path: file });
    case 'special':
      return msg(lang, 'specialFile', { path: file, where: why.where });
    case 'too-large':
      return msg(lang, 'tooLarge', { path: file, mb: (why.bytes / 1048576).toFixed(1), limit: 16 });
    case 'unreadable':
      return msg(lang, 'pathUnreadable', { path: file, reason: why.reason });
    case 'engine':
      return msg(lang, 'engineFailed', { path: file, reason: why.reason });
  }
}

/**
 * The second round: with the summaries of every file's functions put together, the files that call
 * a wrapper defined in another file are linted again, so that `finish(s)` in net.c is the shutdown
 * it makes in a send of main.c. A file that calls none keeps its first outcome.
 */
async function seeThroughOtherFiles(files: readonly SourceFile[], outcomes: FileOutcome[], setup: LintSetup, jobs: number): Promise<FileOutcome[]> {
  const summaries = mergeSummaries(outcomes.flatMap((o) => (o.kind === 'checked' && o.summaries ? [o.summaries] : [])));
  if (summaries.length === 0) return outcomes;
  const again: number[] = [];
  outcomes.forEach((o, i) => {
    if (o.kind !== 'checked') return;
    const read = readSource(files[i]!.absolute);
    if (read.kind === 'text' && callsSummarized(read.text, summaries, o.summaries)) again.push(i);
  });
  if (again.length === 0) return outcomes;
  const second = await lintAll(again.map((i) => files[i]!), { ...setup, summaries }, jobs, __filename);
  const out = [...outcomes];
  again.forEach((i, k) => (out[i] = second[k]!));
  return out;
}

async function runLint(plan: LintPlan): Promise<number> {
  const { lang } = plan;
  const cwd = process.cwd();
  const errors: string[] = []; // stderr lines, printed in a stable order after the run
  const notifications: SarifNotification[] = [];
  let ioError = false;

  const baseline = plan.baseline !== undefined ? loadBaseline(path.resolve(cwd, plan.baseline)) : undefined;
  if (baseline && !baseline.ok) {
    process.stderr.write(msg(lang, 'badBaseline', { path: escapeName(plan.baseline!), reason: baseline.reason }) + '\n');
    return EXIT_USAGE_OR_IO;
  }

  const collected = collectSources(plan.paths, cwd);
  for (const p of collected.problems) {
    const shown = escapeName(p.path);
    const text =
      p.kind === 'missing'
        ? msg(lang, 'pathMissing', { path: shown, cwd: escapeName(cwd) })
        : p.kind === 'inaccessible'
          ? msg(lang, 'pathInaccessible', { path: shown, reason: p.reason })
          : msg(lang, 'folderUnreadable', { path: shown, reason: p.reason });
    errors.push(text);
    notifications.push({ id: 'skipped-file', level: 'error', message: text, uri: artifactUri(p.path, path.resolve(cwd, p.path)) });
    ioError = true;
  }
  const files = plan.shard ? inShard(collected.files, (f) => f.display, plan.shard) : collected.files;

  let outcomes: FileOutcome[];
  try {
    const setup: LintSetup = {
      defines: [...plan.defines],
      undefines: plan.undefines,
      rules: plan.rules,
      closeFunctions: plan.closeFunctions,
      ...(plan.compileCommands !== undefined ? { compileCommands: path.resolve(cwd, plan.compileCommands) } : {}),
      wasmDir: here,
    };
    outcomes = await lintAll(files, setup, plan.jobs, __filename);
    outcomes = await seeThroughOtherFiles(files, outcomes, setup, plan.jobs);
  } catch (err) {
    process.stderr.write(msg(lang, 'startFailed', { reason: err instanceof Error ? err.message : String(err), dir: here }) + '\n');
    return EXIT_USAGE_OR_IO;
  }

  const reports: FileReport[] = [];
  const seenProblems = new Set<string>();
  let checked = 0;
  let skipped = 0;
  let ignored = 0;
  let known = 0;
  outcomes.forEach((o, i) => {
    const f = files[i]!;
    const uri = artifactUri(f.display, f.absolute);
    for (const p of o.problems) {
      const text = `winsock-lens lint: ${formatProblem({ ...p, file: escapeName(displayOf(p.file, cwd)) }, lang)}`;
      if (seenProblems.has(text)) continue;
      seenProblems.add(text);
      errors.push(text);
      notifications.push({ id: 'config', level: 'warning', message: text });
    }
    if (o.kind === 'ignored') {
      ignored++;
      return;
    }
    if (o.kind === 'skipped') {
      const text = skipMessage(lang, escapeName(f.display), o.why);
      errors.push(text);
      notifications.push({ id: 'skipped-file', level: o.why.kind === 'binary' || o.why.kind === 'not-a-file' ? 'warning' : 'error', message: text, uri });
      skipped++;
      if (o.why.kind !== 'binary' && o.why.kind !== 'not-a-file') ioError = true;
      return;
    }
    checked++;
    let findings: Finding[] = o.findings;
    let prints = o.fingerprints;
    if (baseline?.ok) {
      const keep = o.fingerprints.map((fp) => !baseline.take(fp));
      known += keep.filter((k) => !k).length;
      findings = findings.filter((_, k) => keep[k]);
      prints = prints.filter((_, k) => keep[k]);
    }
    for (const n of o.notices) {
      notifications.push({ id: n.kind, level: 'warning', message: `${f.display}: ${n.message[lang]}`, uri, ...(n.span ? { span: n.span } : {}) });
    }
    reports.push({ file: f.display, uri, findings, notices: o.notices, fingerprints: prints });
  });

  if (known > 0) notifications.push({ id: 'baseline', level: 'note', message: msg(lang, 'baselineKnown', { count: known }) });
  // Nothing checked is a failed run, unless the config ignored the files or this shard got none.
  const emptyShard = plan.shard !== undefined && files.length === 0 && collected.files.length > 0;
  const nothingChecked = checked === 0 && ignored === 0 && !emptyShard;
  if (collected.files.length === 0 && collected.problems.length === 0) errors.push(msg(lang, 'noSources', { paths: plan.paths.map(escapeName).join(', ') }));
  if (nothingChecked) {
    errors.push(msg(lang, 'nothingChecked'));
    ioError = true;
  }

  const all = reports.flatMap((r) => r.findings);
  const count = (s: Finding['severity']) => all.filter((f) => f.severity === s).length;
  let report: string;
  switch (plan.format) {
    case 'json':
      report = formatJson(reports, lang);
      // The array stays an array of findings; the notices are said on stderr, as in the text format.
      for (const r of reports) for (const n of r.notices) errors.push(noticeLine(escapeName(r.file), n, lang));
      break;
    case 'sarif':
      report = formatSarif(reports, {
        version: pkg.version,
        lang,
        rules: RULES,
        helpUri: ruleHelpUri,
        informationUri: repositoryUrl(),
        srcRoot: pathToFileURL(cwd + path.sep).href,
        commandLine: ['winsock-lens', ...process.argv.slice(2)].join(' '),
        notifications,
        complete: !ioError,
      });
      break;
    default:
      report = formatText(reports, lang);
  }

  for (const e of errors) process.stderr.write(e + '\n');
  if (plan.output !== undefined) {
    const w = writeFileReport(path.resolve(cwd, plan.output), report);
    if (!w.ok) {
      process.stderr.write(msg(lang, 'outputFailed', { path: escapeName(plan.output), reason: w.message }) + '\n');
      return EXIT_USAGE_OR_IO;
    }
  } else {
    const w = await writeStream(process.stdout, report);
    if (!w.ok) {
      // The reader went away (`… | head`): nothing more to say, and no one to say it to.
      if (w.code === 'EPIPE') return EXIT_CLEAN;
      process.stderr.write(msg(lang, 'stdoutFailed', { reason: w.message }) + '\n');
      return EXIT_USAGE_OR_IO;
    }
  }
  if (plan.format === 'text') {
    const summary = msg(lang, 'summary', { files: checked, skipped, errors: count('error'), warnings: count('warning'), infos: count('info'), hints: count('hint') });
    const extra = [ignored > 0 ? msg(lang, 'ignoredCount', { count: ignored }) : '', known > 0 ? msg(lang, 'baselineKnown', { count: known }) : ''].filter(Boolean).join(' ');
    process.stderr.write(summary + (extra ? ` ${extra}` : '') + '\n');
  }
  if (ioError) return EXIT_USAGE_OR_IO;
  return count('error') > 0 ? EXIT_ERRORS : EXIT_CLEAN;
}

function displayOf(file: string, cwd: string): string {
  const native = file.split('/').join(path.sep);
  const rel = path.relative(cwd, native);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : native;
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv, RULES.map((r) => r.id), Math.max(1, availableParallelism()));
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(msg(parsed.lang, 'usage', { rules: RULES.map((r) => `${r.id} (${r.defaultSeverity})`).join(', ') }) + '\n');
      return EXIT_CLEAN;
    case 'version':
      process.stdout.write(pkg.version + '\n');
      return EXIT_CLEAN;
    case 'usage-error':
      process.stderr.write(parsed.message + '\n');
      return EXIT_USAGE_OR_IO;
    case 'lint':
      return runLint(parsed);
  }
}

if (isLintWorker()) {
  void runLintWorker();
} else {
  guardStream(process.stdout);
  guardStream(process.stderr);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`winsock-lens: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = EXIT_USAGE_OR_IO;
    },
  );
}
